/* fuzz-document-check.c: the property every input must have
 *
 * Copyright 2026 The CellOS authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <string.h>

#include <cellos/cellos.h>

#include "fuzz-document-check.h"

static gboolean
strv_equal0 (const char * const *a,
             const char * const *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return g_strv_equal (a, b);
}

void
cellos_fuzz_check_document (const guint8 *data,
                            gsize         size)
{
  g_autoptr(CellosExecutionCellDocument) document = NULL;
  g_autoptr(CellosExecutionCellDocument) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *text_again = NULL;
  gsize text_length = 0;
  gsize text_again_length = 0;

  document = cellos_execution_cell_document_new_from_data ((const char *) data,
                                                           (gssize) size,
                                                           &error);
  if (document == NULL)
    {
      if (!g_error_matches (error, CELLOS_ERROR, CELLOS_ERROR_INVALID_DOCUMENT))
        g_error ("refused with something other than CELLOS_ERROR_INVALID_DOCUMENT: %s",
                 error != NULL ? error->message : "no error set");
      if (error->message == NULL || error->message[0] == '\0')
        g_error ("refused without a message");
      return;
    }
  if (error != NULL)
    g_error ("a document and an error at once: %s", error->message);

  text = cellos_execution_cell_document_to_data (document, &text_length);
  if (text == NULL || strlen (text) != text_length)
    g_error ("to_data() gave no text or a wrong length");

  again = cellos_execution_cell_document_new_from_data (text, (gssize) text_length, &error);
  if (again == NULL)
    g_error ("the written form of an accepted document is refused: %s\n%s",
             error->message, text);

  if (g_strcmp0 (cellos_execution_cell_document_get_id (document),
                 cellos_execution_cell_document_get_id (again)) != 0)
    g_error ("spec.id changed on the round trip:\n%s", text);
  if (!strv_equal0 (cellos_execution_cell_document_get_argv (document),
                    cellos_execution_cell_document_get_argv (again)))
    g_error ("spec.argv changed on the round trip:\n%s", text);

  text_again = cellos_execution_cell_document_to_data (again, &text_again_length);
  if (text_again_length != text_length || memcmp (text, text_again, text_length) != 0)
    g_error ("writing is not stable across a round trip:\n%s\n---\n%s", text, text_again);
}
