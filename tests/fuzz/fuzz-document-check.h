/* fuzz-document-check.h: the property every input must have
 *
 * Copyright 2026 The CellOS authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Reads @data as an execution cell document and aborts (g_error) unless
 * either it parses, serialises, parses back with the same id and argv and
 * serialises to the same text again; or it is refused with
 * CELLOS_ERROR_INVALID_DOCUMENT and a message. */
void cellos_fuzz_check_document (const guint8 *data,
                                 gsize         size);

G_END_DECLS
