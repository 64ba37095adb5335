/* test-bad-documents.c: malformed documents, from files and generated
 *
 * Copyright 2026 The CellOS authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Every document here must be refused with CELLOS_ERROR_INVALID_DOCUMENT
 * and a message that says where (LINE:COLUMN or a member path) and what;
 * none may crash, log a critical or leak (make check under
 * --enable-sanitizers, and make check-valgrind, check the last).
 *
 * The files also go through `cellos-cell validate` in
 * bad-documents/validate-cli.sh; the generated documents are written to a
 * temporary directory as they are refused, and the last case runs them
 * all through `cellos-cell validate`, which must refuse each with the
 * library's message.
 */

#include <errno.h>
#include <string.h>

#include <glib/gstdio.h>

#include "test-utils.h"

/* A valid document using every kind of JSON value, with no trailing
 * whitespace: each of its proper prefixes is malformed. */
static const char valid_document[] =
  "{\"apiVersion\": \"cellos.dev/v1\", \"spec\": {\"id\": \"build-\\u00e9\\ud83d\\ude00\", "
  "\"argv\": [\"/bin/echo\", \"a\\tb\", \"\\\"q\\\"\"]}, \"limits\": "
  "{\"cpu\": 1.5e0, \"memory\": -268435456, \"on\": true, \"off\": false, \"none\": null, "
  "\"empty\": {}, \"list\": []}}";

/* A document in a file, and the message it is refused with. */
typedef struct
{
  char *path;
  char *message;
} BadFile;

static void
bad_file_free (gpointer data)
{
  BadFile *bad = data;

  g_free (bad->path);
  g_free (bad->message);
  g_free (bad);
}

/* The generated documents refused so far, for cellos-cell validate: a
 * temporary directory, made for the first, and a BadFile for each. */
static char *generated_dir = NULL;
static GPtrArray *generated = NULL;

/* Writes @data to the next file in generated_dir, named for its place and
 * the test case that made it, so that a line cellos-cell gets wrong says
 * which document it was. */
static void
record_refused (const char *data,
                gsize       length,
                const char *message)
{
  const char *test_path = g_test_get_path ();
  g_autofree char *label = NULL;
  g_autoptr(GError) error = NULL;
  BadFile *bad;

  if (generated_dir == NULL)
    {
      generated_dir = g_dir_make_tmp ("cellos-bad-documents-XXXXXX", &error);
      g_assert_no_error (error);
    }

  if (g_str_has_prefix (test_path, "/bad-documents/"))
    test_path += strlen ("/bad-documents/");
  label = g_strdelimit (g_strdup (test_path), "/", '-');

  bad = g_new0 (BadFile, 1);
  bad->path = g_strdup_printf ("%s/%04u-%s.json", generated_dir, generated->len, label);
  bad->message = g_strdup (message);
  g_file_set_contents_full (bad->path, data, (gssize) length,
                            G_FILE_SET_CONTENTS_NONE, 0600, &error);
  g_assert_no_error (error);
  g_ptr_array_add (generated, bad);
}

/* Refuses @data and returns the message, or fails the test; records the
 * document for the cellos-cell validate case. */
static char *
assert_refused (const char *data,
                gsize       length)
{
  g_autoptr(CellosExecutionCellDocument) document = NULL;
  g_autoptr(GError) error = NULL;

  document = cellos_execution_cell_document_new_from_data (data, (gssize) length, &error);
  g_assert_null (document);
  g_assert_error (error, CELLOS_ERROR, CELLOS_ERROR_INVALID_DOCUMENT);
  g_assert_nonnull (error->message);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));

  record_refused (data, length, error->message);

  return g_strdup (error->message);
}

/* Messages about well-formedness start with LINE:COLUMN, both from 1. */
static void
assert_located (const char *message,
                const char *what)
{
  g_autoptr(GRegex) regex = g_regex_new ("^[1-9][0-9]*:[1-9][0-9]*: ", 0, 0, NULL);

  if (!g_regex_match (regex, message, 0, NULL))
    g_error ("message has no LINE:COLUMN: %s", message);
  if (strstr (message, what) == NULL)
    g_error ("message does not say “%s”: %s", what, message);
}

/* --- Files: tests/bad-documents/NAME.json, listed in EXPECTED ---------- */

static void
test_file_is_refused (gconstpointer data)
{
  const BadFile *bad = data;
  g_autoptr(GFile) file = g_file_new_for_path (bad->path);
  g_autoptr(CellosExecutionCellDocument) document = NULL;
  g_autoptr(GError) error = NULL;

  document = cellos_execution_cell_document_new_from_file (file, NULL, &error);
  g_assert_null (document);
  g_assert_error (error, CELLOS_ERROR, CELLOS_ERROR_INVALID_DOCUMENT);
  g_assert_cmpstr (error->message, ==, bad->message);
}

static GHashTable *
read_expected (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "bad-documents", "EXPECTED", NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  GHashTable *expected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  guint i;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);

  lines = g_strsplit (contents, "\n", -1);
  for (i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;

      if (lines[i][0] == '\0' || lines[i][0] == '#')
        continue;
      fields = g_strsplit (lines[i], "\t", 2);
      g_assert_cmpuint (g_strv_length (fields), ==, 2);
      g_assert_true (g_hash_table_insert (expected, g_strdup (fields[0]), g_strdup (fields[1])));
    }

  return expected;
}

static void
test_every_file_is_listed (void)
{
  g_autofree char *directory = g_test_build_filename (G_TEST_DIST, "bad-documents", NULL);
  g_autoptr(GHashTable) expected = read_expected ();
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;
  guint n_files = 0;

  dir = g_dir_open (directory, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      if (!g_str_has_suffix (name, ".json"))
        continue;
      if (!g_hash_table_contains (expected, name))
        g_error ("%s/%s is not listed in EXPECTED", directory, name);
      n_files++;
    }

  g_assert_cmpuint (n_files, ==, g_hash_table_size (expected));
  g_assert_cmpuint (n_files, >=, 30);
}

static void
add_file_tests (void)
{
  g_autoptr(GHashTable) expected = read_expected ();
  g_autoptr(GList) names = g_list_sort (g_hash_table_get_keys (expected),
                                        (GCompareFunc) g_strcmp0);
  GList *l;

  for (l = names; l != NULL; l = l->next)
    {
      const char *name = l->data;
      BadFile *bad = g_new0 (BadFile, 1);
      g_autofree char *test_path = g_strdup_printf ("/bad-documents/file/%s", name);

      bad->path = g_test_build_filename (G_TEST_DIST, "bad-documents", name, NULL);
      bad->message = g_strdup (g_hash_table_lookup (expected, name));
      g_test_add_data_func_full (test_path, bad, test_file_is_refused, bad_file_free);
    }
}

/* --- Files that must be read: tests/good-documents/NAME.json ---------- */

/* Inputs that look out of range or odd but are valid JSON: each is
 * accepted and written back by to_data() byte for byte. */
static void
test_good_file_round_trips_exactly (gconstpointer data)
{
  const char *path = data;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(CellosExecutionCellDocument) document = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *written = NULL;
  g_autoptr(GError) error = NULL;
  gsize length, written_length;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  document = cellos_execution_cell_document_new_from_file (file, NULL, &error);
  g_assert_no_error (error);
  written = cellos_execution_cell_document_to_data (document, &written_length);
  g_assert_cmpmem (written, written_length, contents, length);
}

static void
add_good_file_tests (void)
{
  g_autofree char *directory = g_test_build_filename (G_TEST_DIST, "good-documents", NULL);
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;

  dir = g_dir_open (directory, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *test_path = NULL;

      if (!g_str_has_suffix (name, ".json"))
        continue;
      test_path = g_strdup_printf ("/bad-documents/good-file/%s", name);
      g_test_add_data_func_full (test_path, g_build_filename (directory, name, NULL),
                                 test_good_file_round_trips_exactly, g_free);
    }
}

/* --- Generated documents ---------------------------------------------- */

/* One byte over the size limit is refused, whatever the text. */
static void
test_over_size_limit_is_refused (void)
{
  gsize size = CELLOS_EXECUTION_CELL_DOCUMENT_DEFAULT_MAX_SIZE + 1;
  g_autofree char *data = g_malloc (size);
  g_autofree char *message = NULL;

  memset (data, ' ', size);
  memcpy (data, "{\"spec\": {}}", strlen ("{\"spec\": {}}"));
  message = assert_refused (data, size);
  g_assert_nonnull (strstr (message, "is larger than 16777216 bytes"));
}

/* Invalid UTF-8 cannot get into a document through the setters either
 * (a critical: it is a programmer error), so to_data() always writes text
 * that reads back. */
static void
test_invalid_utf8_through_setters_is_refused (void)
{
  const char *invalid[] = { "caf\xc3", "\xc0\xaf", "\xed\xa0\x80", "\xff" };
  gsize i;

  for (i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      const char * const argv[] = { "ok", invalid[i], NULL };
      g_autoptr(CellosExecutionCellDocument) document = cellos_execution_cell_document_new ("x");
      g_autoptr(CellosExecutionCellDocument) again = NULL;
      g_autofree char *data = NULL;
      g_autoptr(GError) error = NULL;

      g_test_expect_message ("Cellos", G_LOG_LEVEL_CRITICAL, "*");
      cellos_execution_cell_document_set_id (document, invalid[i]);
      g_test_assert_expected_messages ();
      g_test_expect_message ("Cellos", G_LOG_LEVEL_CRITICAL, "*");
      cellos_execution_cell_document_set_argv (document, argv);
      g_test_assert_expected_messages ();

      data = cellos_execution_cell_document_to_data (document, NULL);
      again = cellos_execution_cell_document_new_from_data (data, -1, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (cellos_execution_cell_document_get_id (again), ==, "x");
    }
}

static void
test_valid_document_is_accepted (void)
{
  g_autoptr(CellosExecutionCellDocument) document = NULL;
  g_autoptr(GError) error = NULL;

  /* The control for the prefix, NUL and UTF-8 cases below. */
  document = cellos_execution_cell_document_new_from_data (valid_document, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cellos_execution_cell_document_get_id (document), ==, "build-\u00e9\U0001F600");
  cellos_test_assert_finalized (&document);
}

static void
test_every_prefix_is_refused (void)
{
  gsize length = strlen (valid_document);
  gsize i;

  for (i = 0; i < length; i++)
    {
      g_autofree char *message = assert_refused (valid_document, i);

      /* A cut inside a \u escape is reported as that escape, at its
       * start; any other cut as the end of the document. */
      if (i == 0)
        g_assert_cmpstr (message, ==, "the document is empty");
      else if (strstr (message, "\\u escape") != NULL)
        assert_located (message, "invalid \\u escape");
      else
        assert_located (message, "unexpected end of document");
    }
}

/* The valid document with @byte written over each of its bytes in turn:
 * every one is refused, with a message that says where and @what. */
static void
assert_byte_at_every_position_is_refused (char        byte,
                                          const char *what)
{
  gsize length = strlen (valid_document);
  gsize i;

  for (i = 0; i < length; i++)
    {
      g_autofree char *copy = g_memdup2 (valid_document, length);
      g_autofree char *message = NULL;

      copy[i] = byte;
      message = assert_refused (copy, length);
      assert_located (message, what);
    }
}

static void
test_nul_at_every_position_is_refused (void)
{
  assert_byte_at_every_position_is_refused ('\0', "NUL byte in the document");
}

static void
test_invalid_utf8_at_every_position_is_refused (void)
{
  assert_byte_at_every_position_is_refused ((char) 0xff, "not valid UTF-8");
}

typedef struct
{
  const char *value;
  const char *described;
} JsonValue;

static const JsonValue values[] = {
  { "{}", "an object" },
  { "[]", "an array" },
  { "\"s\"", "a string" },
  { "7", "a number" },
  { "-0.5e3", "a number" },
  { "false", "a boolean" },
  { "null", "null" },
};

typedef struct
{
  const char *path;
  const char *before;  /* the document is before + value + after */
  const char *after;
  const char *expected;
  const char *right_kind;
} Member;

static const Member members[] = {
  { "document", "", "", "an object", "an object" },
  { "spec", "{\"spec\": ", "}", "an object", "an object" },
  { "spec.id", "{\"spec\": {\"id\": ", "}}", "a string", "a string" },
  { "spec.argv", "{\"spec\": {\"id\": \"x\", \"argv\": ", "}}", "an array of strings", "an array" },
  { "spec.argv[0]", "{\"spec\": {\"id\": \"x\", \"argv\": [", ", \"b\"]}}", "a string", "a string" },
  { "spec.argv[2]", "{\"spec\": {\"argv\": [\"a\", \"b\", ", "], \"id\": \"x\"}}", "a string", "a string" },
};

static void
test_wrong_type_at_each_member_is_refused (void)
{
  guint i, j;
  guint n_checked = 0;

  for (i = 0; i < G_N_ELEMENTS (members); i++)
    for (j = 0; j < G_N_ELEMENTS (values); j++)
      {
        g_autofree char *document = NULL;
        g_autofree char *message = NULL;
        g_autofree char *expected = NULL;

        if (g_str_equal (values[j].described, members[i].right_kind))
          continue;

        document = g_strconcat (members[i].before, values[j].value, members[i].after, NULL);
        message = assert_refused (document, strlen (document));
        expected = g_strdup_printf ("%s: expected %s, found %s",
                                    members[i].path, members[i].expected,
                                    values[j].described);
        g_assert_cmpstr (message, ==, expected);
        n_checked++;
      }

  g_assert_cmpuint (n_checked, >=, 30);
}

#define DEEP 100000

static char *
nested (const char *open,
        const char *close,
        gboolean    closed)
{
  GString *text = g_string_new ("{\"spec\": {\"id\": \"x\"}, \"deep\": ");
  guint i;

  for (i = 0; i < DEEP; i++)
    g_string_append (text, open);
  if (closed)
    {
      for (i = 0; i < DEEP; i++)
        g_string_append (text, close);
      g_string_append_c (text, '}');
    }

  return g_string_free (text, FALSE);
}

static void
check_too_deep (const char *open,
                const char *close,
                gboolean    closed)
{
  g_autofree char *document = nested (open, close, closed);
  g_autofree char *message = assert_refused (document, strlen (document));

  assert_located (message, "nested deeper than 512 levels");
}

static void
test_nested_100000_arrays_is_refused (void)
{
  check_too_deep ("[", "]", TRUE);
}

static void
test_nested_100000_objects_is_refused (void)
{
  check_too_deep ("{\"a\":", "}", TRUE);
}

static void
test_unclosed_100000_arrays_is_refused (void)
{
  check_too_deep ("[", NULL, FALSE);
}

#define TEN_MB (10 * 1024 * 1024)

static char *
huge_id_document (const char *after_id)
{
  GString *text = g_string_sized_new (TEN_MB + 64);

  g_string_append (text, "{\"spec\": {\"id\": \"");
  g_string_set_size (text, text->len + TEN_MB);
  memset (text->str + text->len - TEN_MB, 'i', TEN_MB);
  g_string_append (text, after_id);

  return g_string_free (text, FALSE);
}

static void
test_10mb_id_unterminated_is_refused (void)
{
  g_autofree char *document = huge_id_document ("");
  g_autofree char *message = assert_refused (document, strlen (document));
  g_autofree char *expected = g_strdup_printf ("1:%u: unexpected end of document",
                                               (guint) strlen (document) + 1);

  g_assert_true (g_str_has_prefix (message, expected));
}

static void
test_10mb_id_with_control_character_is_refused (void)
{
  g_autofree char *document = huge_id_document ("\001\"}}");
  g_autofree char *message = assert_refused (document, strlen (document));
  g_autofree char *expected = g_strdup_printf ("1:%u: control character",
                                               (guint) strlen (document) - 3);

  g_assert_true (g_str_has_prefix (message, expected));
}

static void
test_10mb_id_of_wrong_type_is_refused (void)
{
  GString *text = g_string_new ("{\"spec\": {\"id\": [\"");
  g_autofree char *document = NULL;
  g_autofree char *message = NULL;

  g_string_set_size (text, text->len + TEN_MB);
  memset (text->str + text->len - TEN_MB, 'i', TEN_MB);
  g_string_append (text, "\"]}}");
  document = g_string_free (g_steal_pointer (&text), FALSE);

  message = assert_refused (document, strlen (document));
  g_assert_cmpstr (message, ==, "spec.id: expected a string, found an array");
}

static void
test_10mb_id_is_accepted (void)
{
  g_autofree char *document = huge_id_document ("\"}}");
  g_autoptr(CellosExecutionCellDocument) parsed = NULL;
  g_autoptr(GError) error = NULL;

  /* The control: size alone is no reason to refuse a document. */
  parsed = cellos_execution_cell_document_new_from_data (document, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (cellos_execution_cell_document_get_id (parsed)), ==, TEN_MB);
  cellos_test_assert_finalized (&parsed);
}

#define HUGE_ARRAY 1000000

static void
test_huge_argv_with_wrong_last_element_is_refused (void)
{
  GString *text = g_string_new ("{\"spec\": {\"id\": \"x\", \"argv\": [");
  g_autofree char *document = NULL;
  g_autofree char *message = NULL;
  g_autofree char *expected = NULL;
  guint i;

  for (i = 0; i < HUGE_ARRAY - 1; i++)
    g_string_append (text, "\"a\",");
  g_string_append (text, "1]}}");
  document = g_string_free (g_steal_pointer (&text), FALSE);

  message = assert_refused (document, strlen (document));
  expected = g_strdup_printf ("spec.argv[%u]: expected a string, found a number",
                              HUGE_ARRAY - 1);
  g_assert_cmpstr (message, ==, expected);
}

static void
test_huge_array_unclosed_is_refused (void)
{
  GString *text = g_string_new ("{\"spec\": {\"id\": \"x\"}, \"list\": [");
  g_autofree char *document = NULL;
  g_autofree char *message = NULL;
  guint i;

  for (i = 0; i < HUGE_ARRAY; i++)
    g_string_append (text, "0,");
  document = g_string_free (g_steal_pointer (&text), FALSE);

  message = assert_refused (document, strlen (document));
  assert_located (message, "unexpected end of document, expected a value");
}

static void
test_duplicate_member_at_each_level_is_refused (void)
{
  const char * const documents[] = {
    "{\"spec\": {\"id\": \"x\"}, \"a\": 1, \"a\": 1}",
    "{\"spec\": {\"id\": \"x\", \"argv\": [], \"argv\": []}}",
    "{\"spec\": {\"id\": \"x\", \"extra\": {\"k\": {\"b\": 1, \"b\": 2}}}}",
    "{\"spec\": {\"id\": \"x\"}, \"list\": [{\"c\": 1, \"\\u0063\": 2}]}",
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (documents); i++)
    {
      g_autofree char *message = assert_refused (documents[i], strlen (documents[i]));

      assert_located (message, "duplicate member");
    }
}

/* Removes the files and the directory record_refused() wrote; the paths
 * and messages stay, for the comparison. */
static void
remove_generated_files (void)
{
  guint i;

  if (generated_dir == NULL)
    return;

  /* Files already removed are from an earlier directory: with -p, the
   * cases can run in another order. */
  for (i = 0; i < generated->len; i++)
    {
      const BadFile *bad = generated->pdata[i];

      if (g_unlink (bad->path) != 0 && errno != ENOENT)
        g_error ("cannot remove %s: %s", bad->path, g_strerror (errno));
    }
  if (g_rmdir (generated_dir) != 0)
    g_error ("cannot remove %s: %s", generated_dir, g_strerror (errno));
  g_clear_pointer (&generated_dir, g_free);
}

/* --- The generated documents through cellos-cell validate ------------- */

/* The tool the make check environment names, else the one in PATH (an
 * installed test may run where the tool is not installed). */
static char *
find_cellos_cell (void)
{
  const char *tool = g_getenv ("CELLOS_CELL");

  if (tool != NULL && tool[0] != '\0')
    return g_strdup (tool);

  return g_find_program_in_path ("cellos-cell");
}

static void
test_generated_documents_through_cli (void)
{
  g_autofree char *tool = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) args = NULL;
  g_auto(GStrv) envp = NULL;
  g_autofree char *errors = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  int wait_status;
  guint i;

  if (generated->len == 0)
    {
      g_test_fail_printf ("no generated document was refused before this case: "
                          "run the whole program, not this case alone");
      return;
    }

  tool = find_cellos_cell ();
  if (tool == NULL)
    {
      g_test_skip ("cellos-cell is neither named by CELLOS_CELL nor in PATH");
      return;
    }

  builder = g_strv_builder_new ();
  g_strv_builder_add_many (builder, tool, "validate", NULL);
  for (i = 0; i < generated->len; i++)
    g_strv_builder_add (builder, ((BadFile *) generated->pdata[i])->path);
  args = g_strv_builder_end (builder);

  /* This process never calls setlocale(), so the messages it compares
   * with are the untranslated ones; the tool calls setlocale (LC_ALL, ""),
   * so it is given the same, and UTF-8 for the quotes in some of them. */
  envp = g_get_environ ();
  envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
  envp = g_environ_unsetenv (envp, "LANGUAGE");

  /* The files go before any assertion can abort: some 40 MB of them
   * would otherwise be left in the temporary directory. */
  g_spawn_sync (NULL, args, envp, G_SPAWN_STDOUT_TO_DEV_NULL,
                NULL, NULL, NULL, &errors, &wait_status, &error);
  remove_generated_files ();
  g_assert_no_error (error);

  g_spawn_check_wait_status (wait_status, &error);
  if (!g_error_matches (error, G_SPAWN_EXIT_ERROR, 1))
    g_test_message ("stderr of cellos-cell validate:\n%s", errors);
  g_assert_error (error, G_SPAWN_EXIT_ERROR, 1);

  /* One line per document, in argument order, the path joined to the
   * message as the tool joins them: PATH:LINE:COLUMN: … for a position,
   * PATH: … for a member path. */
  g_assert_true (g_str_has_suffix (errors, "\n"));
  lines = g_strsplit (errors, "\n", -1);
  for (i = 0; i < generated->len && lines[i] != NULL; i++)
    {
      const BadFile *bad = generated->pdata[i];
      g_autofree char *expected = NULL;

      expected = g_strdup_printf ("cellos-cell: %s:%s%s", bad->path,
                                  g_ascii_isdigit (bad->message[0]) ? "" : " ",
                                  bad->message);
      g_assert_cmpstr (lines[i], ==, expected);
    }
  g_assert_cmpuint (g_strv_length (lines), ==, generated->len + 1);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  generated = g_ptr_array_new_with_free_func (bad_file_free);

  g_test_add_func ("/bad-documents/every-file-is-listed", test_every_file_is_listed);
  add_good_file_tests ();
  g_test_add_func ("/bad-documents/huge/over-size-limit-is-refused", test_over_size_limit_is_refused);
  g_test_add_func ("/bad-documents/setters/invalid-utf8-is-refused",
                   test_invalid_utf8_through_setters_is_refused);
  add_file_tests ();

  g_test_add_func ("/bad-documents/control/valid-document-is-accepted", test_valid_document_is_accepted);
  g_test_add_func ("/bad-documents/control/10mb-id-is-accepted", test_10mb_id_is_accepted);
  g_test_add_func ("/bad-documents/truncated/every-prefix-is-refused", test_every_prefix_is_refused);
  g_test_add_func ("/bad-documents/nul/at-every-position-is-refused", test_nul_at_every_position_is_refused);
  g_test_add_func ("/bad-documents/utf8/invalid-byte-at-every-position-is-refused",
                   test_invalid_utf8_at_every_position_is_refused);
  g_test_add_func ("/bad-documents/wrong-type/at-each-member-is-refused",
                   test_wrong_type_at_each_member_is_refused);
  g_test_add_func ("/bad-documents/nesting/100000-arrays-is-refused", test_nested_100000_arrays_is_refused);
  g_test_add_func ("/bad-documents/nesting/100000-objects-is-refused", test_nested_100000_objects_is_refused);
  g_test_add_func ("/bad-documents/nesting/100000-unclosed-arrays-is-refused",
                   test_unclosed_100000_arrays_is_refused);
  g_test_add_func ("/bad-documents/huge/10mb-id-unterminated-is-refused", test_10mb_id_unterminated_is_refused);
  g_test_add_func ("/bad-documents/huge/10mb-id-with-control-character-is-refused",
                   test_10mb_id_with_control_character_is_refused);
  g_test_add_func ("/bad-documents/huge/10mb-id-of-wrong-type-is-refused",
                   test_10mb_id_of_wrong_type_is_refused);
  g_test_add_func ("/bad-documents/huge/argv-with-wrong-last-element-is-refused",
                   test_huge_argv_with_wrong_last_element_is_refused);
  g_test_add_func ("/bad-documents/huge/unclosed-array-is-refused", test_huge_array_unclosed_is_refused);
  g_test_add_func ("/bad-documents/duplicate/member-at-each-level-is-refused",
                   test_duplicate_member_at_each_level_is_refused);

  /* Last: GTest runs the cases in the order they are added, and this one
   * needs every document the others refused. */
  g_test_add_func ("/bad-documents/cli/generated-documents-through-cellos-cell-validate",
                   test_generated_documents_through_cli);

  status = g_test_run ();
  remove_generated_files ();
  g_clear_pointer (&generated, g_ptr_array_unref);

  return status;
}
