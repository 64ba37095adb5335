/* cellos-environment-private.h: reading the environment only where it is
 * trusted. Shared by the library and the cellos-cell tool, which both link
 * the convenience library lib/libcellos-environment.la.
 *
 * Copyright 2026 The CellOS authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* g_getenv(), except in setuid, setgid or otherwise privileged processes,
 * where it returns NULL: their environment is not to be trusted. */
const char *cellos_getenv_trusted (const char *variable);

/* Where the catalogs of the gettext domain the library and the tool share
 * are: LOCALEDIR, or CELLOS_LOCALEDIR where the environment is trusted. */
const char *cellos_get_locale_dir (void);

G_END_DECLS
