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

/* How a process is told to be setuid, setgid or otherwise privileged:
 * configure picks one (CELLOS_SECURE_METHOD in config.h) and fails when
 * the C library offers none of them. */
#define CELLOS_SECURE_METHOD_SECURE_GETENV 1  /* secure_getenv() */
#define CELLOS_SECURE_METHOD_GETAUXVAL     2  /* getauxval (AT_SECURE), else the ids */
#define CELLOS_SECURE_METHOD_ISSETUGID     3  /* issetugid() */

/* g_getenv(), except in setuid, setgid or otherwise privileged processes,
 * where it returns NULL: their environment is not to be trusted. */
const char *cellos_getenv_trusted (const char *variable);

/* Where the catalogs of the gettext domain the library and the tool share
 * are: LOCALEDIR, or CELLOS_LOCALEDIR where the environment is trusted. */
const char *cellos_get_locale_dir (void);

#ifdef CELLOS_TEST_FORCE_SECURE_METHOD
/* A build of cellos-environment.c for tests only: the method is
 * CELLOS_TEST_FORCE_SECURE_METHOD, whatever configure chose, and what the
 * process was given comes from these, which the test program defines, so
 * that every method can be driven where the C library lacks it. */
char          *cellos_test_secure_getenv (const char    *variable);
unsigned long  cellos_test_getauxval     (unsigned long  type);
int            cellos_test_issetugid     (void);
unsigned int   cellos_test_getuid        (void);
unsigned int   cellos_test_geteuid       (void);
unsigned int   cellos_test_getgid        (void);
unsigned int   cellos_test_getegid       (void);
#ifdef HAVE_SYS_AUXV_H
#include <sys/auxv.h>
#endif
#ifndef AT_SECURE
#define AT_SECURE 23
#endif
#endif

G_END_DECLS
