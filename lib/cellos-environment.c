/* cellos-environment.c: reading the environment only where it is trusted
 *
 * Copyright 2026 The CellOS authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <unistd.h>
#ifdef HAVE_SYS_AUXV_H
#include <sys/auxv.h>
#endif

#include "cellos-environment-private.h"

/* Whether the process runs with privileges its caller does not have
 * (setuid, setgid, file capabilities): then the environment comes from
 * someone less trusted and must not choose code, backends or catalogs. */
static gboolean
is_secure_execution (void)
{
#if defined (HAVE_GETAUXVAL) && defined (AT_SECURE)
  return getauxval (AT_SECURE) != 0;
#else
  return geteuid () != getuid () || getegid () != getgid ();
#endif
}

const char *
cellos_getenv_trusted (const char *variable)
{
  if (is_secure_execution ())
    return NULL;
  return g_getenv (variable);
}

/* CELLOS_LOCALEDIR replaces LOCALEDIR, so that the test suite can run the
 * uninstalled library and tool with the catalogs it just compiled; it is
 * ignored where the environment is not trusted. */
const char *
cellos_get_locale_dir (void)
{
  const char *dir = cellos_getenv_trusted ("CELLOS_LOCALEDIR");

  return dir != NULL && dir[0] != '\0' ? dir : LOCALEDIR;
}
