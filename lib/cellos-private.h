/* cellos-private.h: helpers shared inside the library
 *
 * Copyright 2026 The CellOS authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

#include "cellos-environment-private.h"

G_BEGIN_DECLS

void                  cellos_log_operation                 (const char *backend,
                                                            const char *operation,
                                                            const char *cell_id);


/* Registers the cellos-cell-backend extension point, once; the built-in
 * backends call it from their type definitions before implementing it. */
void                  cellos_cell_backend_ensure_extension_point (void);

/* The stub's name and priority on the extension point: negative, since it
 * isolates nothing and so must never be chosen without being named. */
#define CELLOS_STUB_BACKEND_NAME "stub"
#define CELLOS_STUB_BACKEND_PRIORITY (-100)

G_END_DECLS
