/* cellos-backend-util.h: what every cell backend needs
 *
 * Copyright 2026 The CellOS authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined (__CELLOS_H_INSIDE__) && !defined (CELLOS_COMPILATION)
#error "Only <cellos/cellos.h> can be included directly."
#endif

#include <glib.h>
#include <cellos/cellos-version-macros.h>

G_BEGIN_DECLS

CELLOS_AVAILABLE_IN_1_2
void        cellos_log_backend_operation (const char *backend_name,
                                          const char *operation,
                                          const char *cell_id);

CELLOS_AVAILABLE_IN_1_2
const char *cellos_backend_getenv        (const char *variable);

G_END_DECLS
