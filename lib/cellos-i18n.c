/* cellos-i18n.c: message translation inside the library
 *
 * Copyright 2026 The CellOS authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <libintl.h>
#include "cellos-i18n-private.h"
#include "cellos-private.h"

static void
cellos_i18n_bind (void)
{
  static gsize bound = 0;

  if (g_once_init_enter (&bound))
    {
      bindtextdomain (GETTEXT_PACKAGE, cellos_get_locale_dir ());
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
