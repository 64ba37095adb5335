/* cellos-error.h: the libcellos error domain
 *
 * Copyright 2026 The CellOS authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined (__CELLOS_H_INSIDE__) && !defined (CELLOS_COMPILATION)
#error "Only <cellos/cellos.h> can be included directly."
#endif

#include <glib.h>
#include <cellos/cellos-version.h>

G_BEGIN_DECLS

/**
 * CELLOS_ERROR:
 *
 * The error domain of libcellos. Errors in it carry a #CellosError code.
 *
 * Since: 1.0
 */
#define CELLOS_ERROR (cellos_error_quark ())

/**
 * CellosError:
 * @CELLOS_ERROR_INVALID_SPEC: the backend refuses the document, for
 *   instance because `spec.id` is empty
 * @CELLOS_ERROR_INVALID_DOCUMENT: a document could not be read: it is not
 *   JSON, or a member has the wrong type; the message says where
 * @CELLOS_ERROR_BACKEND_NOT_FOUND: no backend of the requested name, or no
 *   isolating backend, is installed
 * @CELLOS_ERROR_FAILED: any other failure
 *
 * Error codes in the %CELLOS_ERROR domain. Cancellation is reported as
 * %G_IO_ERROR_CANCELLED, as everywhere in GIO.
 *
 * Since: 1.0
 */
typedef enum {
  CELLOS_ERROR_INVALID_SPEC,
  CELLOS_ERROR_INVALID_DOCUMENT,
  CELLOS_ERROR_BACKEND_NOT_FOUND,
  CELLOS_ERROR_FAILED
} CellosError;

CELLOS_AVAILABLE_IN_1_0
GQuark cellos_error_quark (void);

G_END_DECLS
