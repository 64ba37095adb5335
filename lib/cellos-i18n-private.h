/* cellos-i18n-private.h: message translation inside the library
 *
 * Copyright 2026 The CellOS authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The library binds its own gettext domain the first time it translates
 * anything, so that programs need not know the domain exists. */
const char *cellos_gettext (const char *msgid) G_GNUC_FORMAT (1);

#define _(String) cellos_gettext (String)
#define N_(String) (String)

G_END_DECLS
