/* replay.c: runs the fuzz target's check over the corpora
 *
 * Copyright 2026 The CellOS authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Built with the normal compiler and run by make check: every input in
 * tests/fuzz/regressions/ (inputs that once crashed the fuzz target) and
 * tests/fuzz/corpus/ (the seed corpus) goes through the same check as in
 * tests/fuzz/fuzz-document.c, one test case per file.
 */

#include <cellos/cellos.h>

#include "fuzz-document-check.h"

static void
test_replay_file (gconstpointer data)
{
  const char *path = data;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  cellos_fuzz_check_document ((const guint8 *) contents, length);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

static guint
add_directory (const char *corpus)
{
  g_autofree char *directory = g_test_build_filename (G_TEST_DIST, "fuzz", corpus, NULL);
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  const char *name;
  guint i;

  dir = g_dir_open (directory, 0, &error);
  g_assert_no_error (error);

  while ((name = g_dir_read_name (dir)) != NULL)
    if (!g_str_has_prefix (name, ".") && g_strcmp0 (name, "README") != 0)
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);

  for (i = 0; i < names->len; i++)
    {
      g_autofree char *test_path = g_strdup_printf ("/fuzz/replay/%s/%s", corpus,
                                                    (char *) names->pdata[i]);

      /* The path lives as long as the process, as the test case does. */
      g_test_add_data_func_full (test_path,
                                 g_build_filename (directory, names->pdata[i], NULL),
                                 test_replay_file, g_free);
    }

  return names->len;
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  /* The seed corpus is never empty; the regression corpus may be. */
  g_assert_cmpuint (add_directory ("corpus"), >, 0);
  add_directory ("regressions");

  return g_test_run ();
}
