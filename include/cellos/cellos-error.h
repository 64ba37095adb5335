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
 * @CELLOS_ERROR_NOT_SUPPORTED: the backend cannot do this on this host, or
 *   not with this document, for instance because a kernel feature it needs
 *   is missing. Since: 1.2
 * @CELLOS_ERROR_PERMISSION_DENIED: the backend lacks a privilege or an
 *   access right it needs. Since: 1.2
 * @CELLOS_ERROR_ALREADY_EXISTS: something that must be new exists already:
 *   a cell with the same id is live, or a name is taken. Since: 1.2
 * @CELLOS_ERROR_NOT_FOUND: the cell a handle names does not exist, because
 *   the backend never made it or it is already destroyed. Since: 1.2
 * @CELLOS_ERROR_TIMED_OUT: the backend gave up waiting for something it
 *   depends on, such as a microVM that does not boot. Since: 1.2
 *
 * Error codes in the %CELLOS_ERROR domain. Cancellation is reported as
 * %G_IO_ERROR_CANCELLED, as everywhere in GIO.
 *
 * A backend reports its failures in this domain: an error of a system
 * call or of GIO (a #GIOErrorEnum other than %G_IO_ERROR_CANCELLED) is
 * mapped to the code above that means the same (%G_IO_ERROR_NOT_SUPPORTED
 * to %CELLOS_ERROR_NOT_SUPPORTED, %G_IO_ERROR_PERMISSION_DENIED to
 * %CELLOS_ERROR_PERMISSION_DENIED, %G_IO_ERROR_EXISTS to
 * %CELLOS_ERROR_ALREADY_EXISTS, %G_IO_ERROR_NOT_FOUND to
 * %CELLOS_ERROR_NOT_FOUND, %G_IO_ERROR_TIMED_OUT to
 * %CELLOS_ERROR_TIMED_OUT, anything else to %CELLOS_ERROR_FAILED), keeping
 * its message, so that a supervisor handles one domain.
 *
 * A destroy that ran but could not tear everything down is not an error:
 * it returns a report whose [property@Cellos.TeardownReport:destroyed] is
 * %FALSE, and the caller may destroy the cell again. An error from destroy
 * means it changed nothing the caller can rely on; a cell that does not
 * exist, never made or already destroyed, is %CELLOS_ERROR_NOT_FOUND.
 *
 * New codes are only ever appended.
 *
 * Since: 1.0
 */
/* The tag gives the enumeration one name in the debug information of every
 * file that uses it, so that the ABI check sees one type however the
 * library is built (in the source tree or outside it). */
typedef enum _CellosError {
  CELLOS_ERROR_INVALID_SPEC,
  CELLOS_ERROR_INVALID_DOCUMENT,
  CELLOS_ERROR_BACKEND_NOT_FOUND,
  CELLOS_ERROR_FAILED,
  CELLOS_ERROR_NOT_SUPPORTED,
  CELLOS_ERROR_PERMISSION_DENIED,
  CELLOS_ERROR_ALREADY_EXISTS,
  CELLOS_ERROR_NOT_FOUND,
  CELLOS_ERROR_TIMED_OUT
} CellosError;

CELLOS_AVAILABLE_IN_1_0
GQuark cellos_error_quark (void);

G_END_DECLS
