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

/* Every member found by JSON Pointer is a value that reads back as one:
 * the whole document's is its text without surrounding whitespace, and
 * spec.id's, where there is one, a JSON string. */
static void
check_members (CellosExecutionCellDocument *document,
               const char                  *text)
{
  g_autofree char *whole = cellos_execution_cell_document_dup_member (document, "");
  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  g_autofree char *id = cellos_execution_cell_document_dup_member (document, "/spec/id");
  g_autofree char *spec = cellos_execution_cell_document_dup_member (document, "/spec");

  if (whole == NULL || strcmp (whole, trimmed) != 0)
    g_error ("dup_member (\"\") is not the document's text:\n%s", text);
  if ((id != NULL) != (cellos_execution_cell_document_get_id (document) != NULL) ||
      (id != NULL && id[0] != '"'))
    g_error ("dup_member (\"/spec/id\") disagrees with spec.id:\n%s", text);
  if (spec == NULL || spec[0] != '{' || spec[strlen (spec) - 1] != '}')
    g_error ("dup_member (\"/spec\") is not the spec object:\n%s", text);
}

/* Writes @document, reads it back and checks that spec.id and spec.argv
 * are @id and @argv there. */
static void
check_written (CellosExecutionCellDocument *document,
               const char                  *id,
               const char * const          *argv)
{
  g_autoptr(CellosExecutionCellDocument) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gsize length = 0;

  text = cellos_execution_cell_document_to_data (document, &length);
  again = cellos_execution_cell_document_new_from_data (text, (gssize) length, &error);
  if (again == NULL)
    g_error ("a document changed by the setters is written as text that is refused: %s\n%s",
             error->message, text);
  if (g_strcmp0 (cellos_execution_cell_document_get_id (again), id) != 0 ||
      !strv_equal0 (cellos_execution_cell_document_get_argv (again), argv))
    g_error ("a document changed by the setters does not read back as set:\n%s", text);
}

/* Replaces, removes and adds spec.id and spec.argv, in every order the
 * splicing in to_data() distinguishes, and puts them back. */
static void
check_setters (CellosExecutionCellDocument *document)
{
  const char * const new_argv[] = { "/bin/sh", "-c", "\"\\\n\x01\xc3\xa9", NULL };
  const char * const empty_argv[] = { NULL };
  g_autofree char *id = g_strdup (cellos_execution_cell_document_get_id (document));
  g_auto(GStrv) argv = g_strdupv ((GStrv) cellos_execution_cell_document_get_argv (document));
  const char *new_id = "fuzz \"id\"\t\xe2\x82\xac";

  cellos_execution_cell_document_set_id (document, new_id);
  check_written (document, new_id, (const char * const *) argv);
  cellos_execution_cell_document_set_argv (document, new_argv);
  check_written (document, new_id, new_argv);
  cellos_execution_cell_document_set_id (document, NULL);
  check_written (document, NULL, new_argv);
  cellos_execution_cell_document_set_argv (document, NULL);
  check_written (document, NULL, NULL);
  cellos_execution_cell_document_set_argv (document, empty_argv);
  check_written (document, NULL, empty_argv);
  cellos_execution_cell_document_set_id (document, id);
  cellos_execution_cell_document_set_argv (document, (const char * const *) argv);
  check_written (document, id, (const char * const *) argv);
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
  if (text_length != size || memcmp (text, data, size) != 0)
    g_error ("to_data() of an unchanged document is not the text it was read from:\n%s", text);

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

  check_members (document, text);
  check_setters (document);
}
