/* cellos-json-check-private.h: strict JSON well-formedness check
 *
 * Copyright 2026 The CellOS authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Deepest nesting of arrays and objects a document may have. Parsing,
 * copying and writing JSON trees all recurse, so unbounded nesting from a
 * file would be an unbounded stack. */
#define CELLOS_JSON_MAX_DEPTH 512

gboolean cellos_json_check (const char  *data,
                            gsize        length,
                            GError     **error);

G_END_DECLS
