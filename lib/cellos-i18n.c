/* cellos-i18n.c: message translation inside the library
 *
 * Copyright 2026 The CellOS authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <libintl.h>
#include "cellos-i18n-private.h"
#include "cellos-private.h"

/* CELLOS_LOCALEDIR replaces LOCALEDIR, so that the test suite can run the
 * uninstalled library with the catalogs it just compiled; it is ignored
 * where the environment is not trusted (setuid, setgid, capabilities). */
static const char *
get_locale_dir (void)
{
  const char *dir = cellos_getenv_trusted ("CELLOS_LOCALEDIR");

  return dir != NULL && dir[0] != '\0' ? dir : LOCALEDIR;
}

static void
cellos_i18n_bind (void)
{
  static gsize bound = 0;

  if (g_once_init_enter (&bound))
    {
      bindtextdomain (GETTEXT_PACKAGE, get_locale_dir ());
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      g_once_init_leave (&bound, 1);
    }
}

const char *
cellos_gettext (const char *msgid)
{
  cellos_i18n_bind ();
  return g_dgettext (GETTEXT_PACKAGE, msgid);
}
