/* test-secure-method.c: each way lib/cellos-environment.c tells a setuid
 * or setgid process, driven through hooks
 *
 * Built three times, with lib/cellos-environment.c compiled into each and
 * CELLOS_TEST_FORCE_SECURE_METHOD naming one method: then what the process
 * was given (secure_getenv()'s answer, the auxiliary vector, the ids,
 * issetugid()) comes from the hooks below, so the fallbacks configure
 * picks only on other systems (getauxval (AT_SECURE) without an answer,
 * the id comparison, issetugid()) are checked here too. A case that makes
 * a process look privileged asserts that the variables are refused.
 *
 * Copyright 2026 The CellOS authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cellos-environment-private.h"

#define VARIABLE "CELLOS_TEST_SECURE_SETTING"
#define VALUE "from-the-caller"

/* What the hooks report: a process given nothing special by default. */
static struct
{
  gboolean secure_getenv_refuses;
  gboolean at_secure_known;
  unsigned long at_secure;
  int issetugid;
  unsigned int uid, euid, gid, egid;
} given;

static void
given_plain_process (void)
{
  memset (&given, 0, sizeof given);
  given.at_secure_known = TRUE;
  given.uid = given.euid = 1000;
  given.gid = given.egid = 1000;
}

char *
cellos_test_secure_getenv (const char *variable)
{
  return given.secure_getenv_refuses ? NULL : getenv (variable);
}

unsigned long
cellos_test_getauxval (unsigned long type)
{
  g_assert_cmpuint (type, ==, AT_SECURE);
  if (!given.at_secure_known)
    {
      errno = ENOENT;
      return 0;
    }
  return given.at_secure;
}

int
cellos_test_issetugid (void)
{
  return given.issetugid;
}

unsigned int cellos_test_getuid (void) { return given.uid; }
unsigned int cellos_test_geteuid (void) { return given.euid; }
unsigned int cellos_test_getgid (void) { return given.gid; }
unsigned int cellos_test_getegid (void) { return given.egid; }

static void
assert_trusted (void)
{
  g_assert_cmpstr (cellos_getenv_trusted (VARIABLE), ==, VALUE);
  g_assert_cmpstr (cellos_get_locale_dir (), ==, "/from/the/caller");
}

static void
assert_refused (void)
{
  g_assert_null (cellos_getenv_trusted (VARIABLE));
  g_assert_cmpstr (cellos_get_locale_dir (), ==, LOCALEDIR);
}

static void
test_plain_process_reads_the_environment (void)
{
  given_plain_process ();
  assert_trusted ();
}

#if CELLOS_TEST_FORCE_SECURE_METHOD == CELLOS_SECURE_METHOD_SECURE_GETENV
static void
test_secure_getenv_refusal_is_kept (void)
{
  given_plain_process ();
  given.secure_getenv_refuses = TRUE;
  assert_refused ();
}
#endif

#if CELLOS_TEST_FORCE_SECURE_METHOD == CELLOS_SECURE_METHOD_GETAUXVAL
static void
test_at_secure_refuses (void)
{
  given_plain_process ();
  given.at_secure = 1;
  assert_refused ();
}

static void
test_no_at_secure_equal_ids_reads (void)
{
  given_plain_process ();
  given.at_secure_known = FALSE;
  assert_trusted ();
}

static void
test_no_at_secure_setuid_refuses (void)
{
  given_plain_process ();
  given.at_secure_known = FALSE;
  given.euid = 0;
  assert_refused ();
}

static void
test_no_at_secure_setgid_refuses (void)
{
  given_plain_process ();
  given.at_secure_known = FALSE;
  given.egid = 0;
  assert_refused ();
}

/* errno is only looked at when getauxval() returns 0: a stale ENOENT left
 * by something else must not turn a kernel's "not secure" into a guess. */
static void
test_stale_errno_is_not_read (void)
{
  given_plain_process ();
  given.euid = 0;
  errno = ENOENT;
  g_assert_cmpstr (cellos_getenv_trusted (VARIABLE), ==, VALUE);
}
#endif

#if CELLOS_TEST_FORCE_SECURE_METHOD == CELLOS_SECURE_METHOD_ISSETUGID
static void
test_issetugid_refuses (void)
{
  given_plain_process ();
  given.issetugid = 1;
  assert_refused ();
}
#endif

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_setenv (VARIABLE, VALUE, TRUE);
  g_setenv ("CELLOS_LOCALEDIR", "/from/the/caller", TRUE);

#if CELLOS_TEST_FORCE_SECURE_METHOD == CELLOS_SECURE_METHOD_SECURE_GETENV
  g_test_add_func ("/secure-method/secure-getenv/plain-process-reads-the-environment",
                   test_plain_process_reads_the_environment);
  g_test_add_func ("/secure-method/secure-getenv/refusal-is-kept",
                   test_secure_getenv_refusal_is_kept);
#elif CELLOS_TEST_FORCE_SECURE_METHOD == CELLOS_SECURE_METHOD_GETAUXVAL
  g_test_add_func ("/secure-method/getauxval/plain-process-reads-the-environment",
                   test_plain_process_reads_the_environment);
  g_test_add_func ("/secure-method/getauxval/at-secure-refuses",
                   test_at_secure_refuses);
  g_test_add_func ("/secure-method/getauxval/no-at-secure-equal-ids-reads",
                   test_no_at_secure_equal_ids_reads);
  g_test_add_func ("/secure-method/getauxval/no-at-secure-setuid-refuses",
                   test_no_at_secure_setuid_refuses);
  g_test_add_func ("/secure-method/getauxval/no-at-secure-setgid-refuses",
                   test_no_at_secure_setgid_refuses);
  g_test_add_func ("/secure-method/getauxval/stale-errno-is-not-read",
                   test_stale_errno_is_not_read);
#elif CELLOS_TEST_FORCE_SECURE_METHOD == CELLOS_SECURE_METHOD_ISSETUGID
  g_test_add_func ("/secure-method/issetugid/plain-process-reads-the-environment",
                   test_plain_process_reads_the_environment);
  g_test_add_func ("/secure-method/issetugid/refuses",
                   test_issetugid_refuses);
#endif

  return g_test_run ();
}
