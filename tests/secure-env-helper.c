/* secure-env-helper.c: prints what the registry makes of the environment
 *
 * Run setuid by test-secure-env.sh: prints the registered backend names on
 * the first line, on the second the type of the default backend or the
 * error new_default gave, and on the third what cellos_backend_getenv()
 * makes of CELLOS_TEST_SETTING; then, for each backend named as an
 * argument, the type new_for_name made or its error.
 *
 * Copyright 2026 The CellOS authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdlib.h>

#include <cellos-testing/cellos-testing.h>

int
main (int   argc,
      char *argv[])
{
  g_auto(GStrv) names = NULL;
  g_autofree char *joined = NULL;
  g_autoptr(CellosCellBackend) backend = NULL;
  g_autoptr(GError) error = NULL;

  /* The test kit's fake, registered by the program itself: a setgid
   * process loads no module from CELLOS_BACKEND_MODULE_DIR, but must still
   * ignore the fake's variables. */
  if (!cellos_cell_backend_register (CELLOS_TYPE_FAKE_BACKEND, "fake", -200, &error))
    g_error ("%s", error->message);

  names = cellos_cell_backend_list_names ();
  joined = g_strjoinv (",", names);
  g_print ("names: %s\n", joined);
  backend = cellos_cell_backend_new_default (&error);
  if (backend != NULL)
    g_print ("default: %s\n", G_OBJECT_TYPE_NAME (backend));
  else
    g_print ("error: %s\n", error->message);
  g_print ("setting: %s\n", cellos_backend_getenv ("CELLOS_TEST_SETTING") != NULL ?
           cellos_backend_getenv ("CELLOS_TEST_SETTING") : "(none)");

  for (int i = 1; i < argc; i++)
    {
      g_autoptr(CellosCellBackend) named = NULL;

      g_clear_error (&error);
      named = cellos_cell_backend_new_for_name (argv[i], &error);
      if (named != NULL)
        g_print ("%s: %s\n", argv[i], G_OBJECT_TYPE_NAME (named));
      else
        g_print ("%s: error: %s\n", argv[i], error->message);
    }
  return EXIT_SUCCESS;
}
