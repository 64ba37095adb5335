/* cellos-environment.c: reading the environment only where it is trusted
 *
 * Copyright 2026 The CellOS authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <unistd.h>
#ifdef HAVE_SYS_AUXV_H
#include <sys/auxv.h>
#endif

#include "cellos-environment-private.h"

#ifdef CELLOS_TEST_FORCE_SECURE_METHOD
#undef CELLOS_SECURE_METHOD
#define CELLOS_SECURE_METHOD CELLOS_TEST_FORCE_SECURE_METHOD
#define secure_getenv cellos_test_secure_getenv
#define getauxval cellos_test_getauxval
#define issetugid cellos_test_issetugid
#define getuid cellos_test_getuid
#define geteuid cellos_test_geteuid
#define getgid cellos_test_getgid
#define getegid cellos_test_getegid
#endif

#if !defined (CELLOS_SECURE_METHOD)
#error "configure chose no way to tell a setuid or setgid process"
#endif

/* Whether the process runs with privileges its caller does not have
 * (setuid, setgid, file capabilities): then the environment comes from
 * someone less trusted and must not choose code, backends or catalogs. */
#if CELLOS_SECURE_METHOD == CELLOS_SECURE_METHOD_GETAUXVAL
static gboolean
is_secure_execution (void)
{
  unsigned long secure;

  errno = 0;
  secure = getauxval (AT_SECURE);
  if (secure != 0)
    return TRUE;
  if (errno != ENOENT)
    return FALSE;

  /* 0 with ENOENT: there is no auxiliary vector, or no AT_SECURE in it,
   * which says nothing. Ids that differ still give a setuid or setgid
   * program away (file capabilities do not show there). */
  return geteuid () != getuid () || getegid () != getgid ();
}
#elif CELLOS_SECURE_METHOD == CELLOS_SECURE_METHOD_ISSETUGID
static gboolean
is_secure_execution (void)
{
  return issetugid () != 0;
}
#endif

const char *
cellos_getenv_trusted (const char *variable)
{
#if CELLOS_SECURE_METHOD == CELLOS_SECURE_METHOD_SECURE_GETENV
  /* The C library's own answer, the one it gives its own variables
   * (LD_LIBRARY_PATH, MALLOC_*). */
  return secure_getenv (variable);
#else
  if (is_secure_execution ())
    return NULL;
  return g_getenv (variable);
#endif
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
