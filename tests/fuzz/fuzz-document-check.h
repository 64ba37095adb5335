/* fuzz-document-check.h: the property every input must have
 *
 * Copyright 2026 The CellOS authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Reads @data as an execution cell document and aborts (g_error) unless
 * either it parses, to_data() writes exactly @data back, that text parses
 * back with the same id and argv and is written the same again, and the
 * setters' changes (spec.id and spec.argv replaced, removed, added and put
 * back) are written as text that reads back as set; or it is refused with
 * CELLOS_ERROR_INVALID_DOCUMENT and a message. */
void cellos_fuzz_check_document (const guint8 *data,
                                 gsize         size);

G_END_DECLS
