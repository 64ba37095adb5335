/* cellos-stub-backend.h: the no-op cell backend
 *
 * Copyright 2026 The CellOS authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined (__CELLOS_H_INSIDE__) && !defined (CELLOS_COMPILATION)
#error "Only <cellos/cellos.h> can be included directly."
#endif

#include <glib-object.h>
#include <cellos/cellos-version.h>

G_BEGIN_DECLS

#define CELLOS_TYPE_STUB_BACKEND (cellos_stub_backend_get_type ())

CELLOS_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (CellosStubBackend, cellos_stub_backend, CELLOS, STUB_BACKEND, GObject)

CELLOS_AVAILABLE_IN_1_0
CellosStubBackend *cellos_stub_backend_new (void);

G_END_DECLS
