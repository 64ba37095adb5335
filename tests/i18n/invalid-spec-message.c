/* invalid-spec-message.c: prints the message of the error the stub backend
 * gives for a document with an empty spec.id, in the language the
 * environment asks for (tests/i18n/test-german.sh).
 *
 * Copyright 2026 The CellOS authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <locale.h>
#include <stdlib.h>

#include <cellos/cellos.h>

int
main (void)
{
  g_autoptr(CellosCellBackend) backend = NULL;
  g_autoptr(CellosExecutionCellDocument) document = NULL;
  g_autoptr(CellosCellHandle) handle = NULL;
  g_autoptr(GError) error = NULL;

  /* As any program does: the library then translates by the locale. */
  if (setlocale (LC_ALL, "") == NULL)
    {
      g_printerr ("invalid-spec-message: the locale in the environment is not available\n");
      return EXIT_FAILURE;
    }

  backend = CELLOS_CELL_BACKEND (cellos_stub_backend_new ());
  document = cellos_execution_cell_document_new ("");
  handle = cellos_cell_backend_create (backend, document, NULL, &error);
  if (!g_error_matches (error, CELLOS_ERROR, CELLOS_ERROR_INVALID_SPEC))
    {
      g_printerr ("invalid-spec-message: expected CELLOS_ERROR_INVALID_SPEC, got %s\n",
                  error != NULL ? error->message : "success");
      return EXIT_FAILURE;
    }

  g_print ("%s\n", error->message);
  return EXIT_SUCCESS;
}
