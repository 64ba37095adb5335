/* test-document.c: CellosExecutionCellDocument and its JSON form
 *
 * Copyright 2026 The CellOS authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <json-glib/json-glib.h>

#include "test-utils.h"

static CellosExecutionCellDocument *
load (const char  *json,
      GError     **error)
{
  return cellos_execution_cell_document_new_from_data (json, -1, error);
}

static void
test_new_sets_id (void)
{
  g_autoptr(CellosExecutionCellDocument) document = cellos_execution_cell_document_new ("c1");
  g_autofree char *id = NULL;

  g_assert_cmpstr (cellos_execution_cell_document_get_id (document), ==, "c1");
  g_assert_null (cellos_execution_cell_document_get_argv (document));
  g_object_get (document, "id", &id, NULL);
  g_assert_cmpstr (id, ==, "c1");

  cellos_test_assert_finalized (&document);
}

static void
test_new_with_null_id (void)
{
  g_autoptr(CellosExecutionCellDocument) document = cellos_execution_cell_document_new (NULL);
  g_autofree char *data = NULL;
  g_autoptr(CellosExecutionCellDocument) again = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_null (cellos_execution_cell_document_get_id (document));
  data = cellos_execution_cell_document_to_data (document, NULL);
  again = load (data, &error);
  g_assert_no_error (error);
  g_assert_null (cellos_execution_cell_document_get_id (again));

  cellos_test_assert_finalized (&again);
  cellos_test_assert_finalized (&document);
}

static void
test_valid_document (void)
{
  g_autoptr(CellosExecutionCellDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  const char * const *argv;

  document = load ("{\"spec\": {\"id\": \"build-42\", \"argv\": [\"/bin/echo\", \"hi\"]}}", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cellos_execution_cell_document_get_id (document), ==, "build-42");
  argv = cellos_execution_cell_document_get_argv (document);
  g_assert_nonnull (argv);
  g_assert_cmpstr (argv[0], ==, "/bin/echo");
  g_assert_cmpstr (argv[1], ==, "hi");
  g_assert_null (argv[2]);

  cellos_test_assert_finalized (&document);
}

static void
test_length_limits_input (void)
{
  const char *json = "{\"spec\": {\"id\": \"x\"}}garbage";
  g_autoptr(CellosExecutionCellDocument) document = NULL;
  g_autoptr(GError) error = NULL;

  document = cellos_execution_cell_document_new_from_data (json, (gssize) strlen ("{\"spec\": {\"id\": \"x\"}}"), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cellos_execution_cell_document_get_id (document), ==, "x");

  cellos_test_assert_finalized (&document);
}

static void
test_empty_id_is_a_valid_document (void)
{
  g_autoptr(CellosExecutionCellDocument) document = NULL;
  g_autoptr(GError) error = NULL;

  document = load ("{\"spec\": {\"id\": \"\"}}", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cellos_execution_cell_document_get_id (document), ==, "");

  cellos_test_assert_finalized (&document);
}

static void
test_missing_id_and_argv_are_null (void)
{
  g_autoptr(CellosExecutionCellDocument) document = NULL;
  g_autoptr(GError) error = NULL;

  document = load ("{\"spec\": {}}", &error);
  g_assert_no_error (error);
  g_assert_null (cellos_execution_cell_document_get_id (document));
  g_assert_null (cellos_execution_cell_document_get_argv (document));

  cellos_test_assert_finalized (&document);
}

typedef struct
{
  const char *name;
  const char *json;
  const char *message;
} BadDocument;

/* Each: a document and the exact message it must fail with. */
static const BadDocument bad_documents[] = {
  { "root-is-array", "[1, 2]", "document: expected an object, found an array" },
  { "root-is-string", "\"spec\"", "document: expected an object, found a string" },
  { "no-spec", "{\"kind\": \"ExecutionCell\"}", "spec: the document has no “spec” object" },
  { "spec-is-array", "{\"spec\": []}", "spec: expected an object, found an array" },
  { "spec-is-null", "{\"spec\": null}", "spec: expected an object, found null" },
  { "spec-id-is-number", "{\"spec\": {\"id\": 42}}", "spec.id: expected a string, found a number" },
  { "spec-id-is-null", "{\"spec\": {\"id\": null}}", "spec.id: expected a string, found null" },
  { "spec-id-is-object", "{\"spec\": {\"id\": {}}}", "spec.id: expected a string, found an object" },
  { "spec-argv-is-string", "{\"spec\": {\"id\": \"a\", \"argv\": \"/bin/true\"}}",
    "spec.argv: expected an array of strings, found a string" },
  { "spec-argv-element-is-number", "{\"spec\": {\"id\": \"a\", \"argv\": [\"a\", \"b\", 3]}}",
    "spec.argv[2]: expected a string, found a number" },
  { "spec-argv-element-is-boolean", "{\"spec\": {\"id\": \"a\", \"argv\": [true]}}",
    "spec.argv[0]: expected a string, found a boolean" },
  { "truncated", "{\n  \"spec\": {\n    \"id\": \"a\"",
    "3:14: unexpected end of document, expected “,” or “}”" },
  { "truncated-in-string", "{\"spec\": {\"id\": \"ab",
    "1:20: unexpected end of document, expected the closing “\"” of a string" },
  { "missing-colon", "{\n\"spec\" {}}", "2:8: unexpected character “{”, expected “:”" },
  { "trailing-comma", "{\"spec\": {},}", "1:13: unexpected character “}”, expected a member name in double quotes" },
  { "trailing-content", "{\"spec\": {}} {}", "1:14: unexpected character “{”, expected the end of the document" },
  { "comment", "// a comment\n{\"spec\": {}}", "1:1: unexpected character “/”, expected a value" },
  { "single-quotes", "{'spec': {}}", "1:2: unexpected character “'”, expected a member name in double quotes" },
  { "empty", "", "the document is empty" },
  { "only-whitespace", " \n\t ", "the document is empty" },
  { "invalid-utf8", "{\"spec\": {\"id\": \"caf\xc3\"}}", "1:21: the document is not valid UTF-8" },
  { "invalid-utf8-second-line", "{\n \"x\": \"\xff\"}", "2:8: the document is not valid UTF-8" },
  { "byte-order-mark", "\xef\xbb\xbf{\"spec\": {}}",
    "1:1: the document starts with a byte order mark, which JSON does not allow" },
  { "duplicate-member", "{\"spec\": {\"id\": \"a\", \"id\": \"b\"}}",
    "1:22: duplicate member “id” in an object" },
  { "duplicate-member-by-escape", "{\"spec\": {}, \"sp\\u0065c\": {}}",
    "1:14: duplicate member “spec” in an object" },
  { "integer-too-large", "{\"spec\": {}, \"n\": 12345678901234567890}",
    "1:19: integer 12345678901234567890 does not fit in 64 bits" },
  { "number-too-large", "{\"spec\": {}, \"n\": 1e400}", "1:19: number 1e400 is too large to represent" },
  { "leading-zero", "{\"n\": 01}", "1:8: unexpected character “1”, expected “,” or “}”" },
  { "control-character", "{\"spec\": {\"id\": \"a\tb\"}}",
    "1:19: control character in a string; write it as an escape sequence" },
  { "escaped-nul", "{\"spec\": {\"id\": \"a\\u0000b\"}}",
    "1:19: a NUL character (\\u0000) in a string is not supported" },
  { "lone-surrogate", "{\"x\": \"\\udc00\"}", "1:8: invalid \\u escape: a low surrogate without a high one" },
  { "bad-escape", "{\"x\": \"\\q\"}", "1:8: invalid escape sequence in a string" },
};

static void
test_bad_document (gconstpointer data)
{
  const BadDocument *bad = data;
  g_autoptr(CellosExecutionCellDocument) document = NULL;
  g_autoptr(GError) error = NULL;

  document = load (bad->json, &error);
  g_assert_error (error, CELLOS_ERROR, CELLOS_ERROR_INVALID_DOCUMENT);
  g_assert_cmpstr (error->message, ==, bad->message);
  g_assert_null (document);
}

static void
test_nul_byte_in_data (void)
{
  const char json[] = "{\"spec\": {\"id\": \"a\0b\"}}";
  g_autoptr(CellosExecutionCellDocument) document = NULL;
  g_autoptr(GError) error = NULL;

  document = cellos_execution_cell_document_new_from_data (json, sizeof json - 1, &error);
  g_assert_error (error, CELLOS_ERROR, CELLOS_ERROR_INVALID_DOCUMENT);
  g_assert_cmpstr (error->message, ==, "1:19: NUL byte in the document");
  g_assert_null (document);
}

/* NULL with a length of 0 is allowed, and is the empty document. */
static void
test_null_data_is_empty (void)
{
  g_autoptr(CellosExecutionCellDocument) document = NULL;
  g_autoptr(GError) error = NULL;

  document = cellos_execution_cell_document_new_from_data (NULL, 0, &error);
  g_assert_error (error, CELLOS_ERROR, CELLOS_ERROR_INVALID_DOCUMENT);
  g_assert_cmpstr (error->message, ==, "the document is empty");
  g_assert_null (document);
}

static void
test_nesting_limit (void)
{
  g_autoptr(GString) json = g_string_new ("{\"spec\": {}, \"deep\": ");
  g_autoptr(CellosExecutionCellDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  guint i;

  for (i = 0; i < 100000; i++)
    g_string_append_c (json, '[');
  for (i = 0; i < 100000; i++)
    g_string_append_c (json, ']');
  g_string_append_c (json, '}');

  document = load (json->str, &error);
  g_assert_error (error, CELLOS_ERROR, CELLOS_ERROR_INVALID_DOCUMENT);
  g_assert_true (g_str_has_suffix (error->message, "arrays and objects nested deeper than 512 levels"));
  g_assert_null (document);
}

static void
test_nesting_within_limit (void)
{
  g_autoptr(GString) json = g_string_new ("{\"spec\": {\"id\": \"deep\"}, \"deep\": ");
  g_autoptr(CellosExecutionCellDocument) document = NULL;
  g_autoptr(CellosExecutionCellDocument) again = NULL;
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  guint i;

  /* The top-level object is the first level. */
  for (i = 0; i < 511; i++)
    g_string_append_c (json, '[');
  for (i = 0; i < 511; i++)
    g_string_append_c (json, ']');
  g_string_append_c (json, '}');

  document = load (json->str, &error);
  g_assert_no_error (error);
  data = cellos_execution_cell_document_to_data (document, NULL);
  again = load (data, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cellos_execution_cell_document_get_id (again), ==, "deep");

  cellos_test_assert_finalized (&again);
  cellos_test_assert_finalized (&document);
}

static JsonNode *
parse_json (const char *data)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  json_parser_load_from_data (parser, data, -1, &error);
  g_assert_no_error (error);
  root = json_node_copy (json_parser_get_root (parser));
  cellos_test_assert_finalized (&parser);
  return root;
}

static const char rich_document[] =
  "{\n"
  "  \"apiVersion\": \"cellos.dev/v1\",\n"
  "  \"metadata\": {\"labels\": {\"team\": \"build\"}, \"generation\": 3},\n"
  "  \"spec\": {\n"
  "    \"id\": \"rich\",\n"
  "    \"argv\": [\"/bin/sh\", \"-c\", \"exit 0\"],\n"
  "    \"resources\": {\"memoryMiB\": 256, \"ratio\": 0.5, \"pinned\": false, \"note\": null},\n"
  "    \"mounts\": [{\"source\": \"/data\", \"options\": [\"ro\", \"nodev\"]}],\n"
  "    \"unicode\": \"caf\\u00e9 \\ud83d\\ude00 \\\"quoted\\\"\"\n"
  "  },\n"
  "  \"status\": []\n"
  "}\n";

static void
test_unknown_members_survive_round_trip (void)
{
  g_autoptr(CellosExecutionCellDocument) document = NULL;
  g_autoptr(CellosExecutionCellDocument) again = NULL;
  g_autoptr(JsonNode) original = NULL;
  g_autoptr(JsonNode) written = NULL;
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;

  document = load (rich_document, &error);
  g_assert_no_error (error);
  data = cellos_execution_cell_document_to_data (document, &length);
  g_assert_cmpuint (length, ==, strlen (data));

  original = parse_json (rich_document);
  written = parse_json (data);
  g_assert_true (json_node_equal (original, written));

  again = load (data, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cellos_execution_cell_document_get_id (again), ==, "rich");
  g_assert_true (g_strv_equal (cellos_execution_cell_document_get_argv (again),
                               cellos_execution_cell_document_get_argv (document)));

  cellos_test_assert_finalized (&again);
  cellos_test_assert_finalized (&document);
}

static void
test_numbers_and_control_characters_round_trip (void)
{
  const char *json =
    "{\"spec\": {\"id\": \"e\"}, \"small\": 1e-300, \"large\": -2.5E+300, "
    "\"text\": \"1e5.0\", \"control\": \"\\u0001\\u001f\\\"\\\\\", \"list\": [1e20, true, 3e-7]}";
  g_autoptr(CellosExecutionCellDocument) document = NULL;
  g_autoptr(CellosExecutionCellDocument) again = NULL;
  g_autoptr(JsonNode) original = NULL;
  g_autoptr(JsonNode) written = NULL;
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;

  /* json-glib 1.6 writes 1e-300 as "1e-300.0" and U+0001 raw in a
   * string; to_data() must write JSON. */
  document = load (json, &error);
  g_assert_no_error (error);
  data = cellos_execution_cell_document_to_data (document, &length);
  g_assert_cmpuint (length, ==, strlen (data));
  g_assert_null (strstr (data, "e-300.0"));
  g_assert_nonnull (strstr (data, "\"1e5.0\""));
  g_assert_nonnull (strstr (data, "\"\\u0001\\u001f\\\"\\\\\""));

  again = load (data, &error);
  g_assert_no_error (error);
  original = parse_json (json);
  written = parse_json (data);
  g_assert_true (json_node_equal (original, written));

  cellos_test_assert_finalized (&again);
  cellos_test_assert_finalized (&document);
}

static void
test_truncated_literal_is_end_of_document (void)
{
  g_autoptr(CellosExecutionCellDocument) document = NULL;
  g_autoptr(GError) error = NULL;

  document = load ("{\"spec\": {\"id\": \"x\"}, \"on\": tr", &error);
  g_assert_error (error, CELLOS_ERROR, CELLOS_ERROR_INVALID_DOCUMENT);
  g_assert_cmpstr (error->message, ==, "1:31: unexpected end of document, expected “true”");
  g_assert_null (document);
}

static void
test_setters_change_only_their_members (void)
{
  const char * const argv[] = { "/usr/bin/env", "true", NULL };
  g_autoptr(CellosExecutionCellDocument) document = NULL;
  g_autoptr(JsonNode) written = NULL;
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *spec;
  JsonArray *array;

  document = load (rich_document, &error);
  g_assert_no_error (error);
  cellos_execution_cell_document_set_id (document, "renamed");
  cellos_execution_cell_document_set_argv (document, argv);

  data = cellos_execution_cell_document_to_data (document, NULL);
  written = parse_json (data);
  spec = json_object_get_object_member (json_node_get_object (written), "spec");
  g_assert_cmpstr (json_object_get_string_member (spec, "id"), ==, "renamed");
  array = json_object_get_array_member (spec, "argv");
  g_assert_cmpuint (json_array_get_length (array), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (array, 0), ==, "/usr/bin/env");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (spec, "resources"),
                                               "memoryMiB"), ==, 256);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (written), "apiVersion"),
                   ==, "cellos.dev/v1");

  cellos_execution_cell_document_set_argv (document, NULL);
  cellos_execution_cell_document_set_id (document, NULL);
  g_clear_pointer (&data, g_free);
  g_clear_pointer (&written, json_node_unref);
  data = cellos_execution_cell_document_to_data (document, NULL);
  written = parse_json (data);
  spec = json_object_get_object_member (json_node_get_object (written), "spec");
  g_assert_false (json_object_has_member (spec, "argv"));
  g_assert_false (json_object_has_member (spec, "id"));
  g_assert_true (json_object_has_member (spec, "mounts"));

  cellos_test_assert_finalized (&document);
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              gpointer    user_data)
{
  guint *count = user_data;

  (*count)++;
}

static void
test_properties_notify_on_change_only (void)
{
  const char * const argv[] = { "a", NULL };
  g_autoptr(CellosExecutionCellDocument) document = cellos_execution_cell_document_new ("x");
  guint id_notifications = 0;
  guint argv_notifications = 0;
  g_auto(GStrv) argv_out = NULL;

  g_signal_connect (document, "notify::id", G_CALLBACK (count_notify), &id_notifications);
  g_signal_connect (document, "notify::argv", G_CALLBACK (count_notify), &argv_notifications);

  cellos_execution_cell_document_set_id (document, "x");
  g_assert_cmpuint (id_notifications, ==, 0);
  g_object_set (document, "id", "y", NULL);
  g_assert_cmpuint (id_notifications, ==, 1);
  g_assert_cmpstr (cellos_execution_cell_document_get_id (document), ==, "y");

  cellos_execution_cell_document_set_argv (document, argv);
  cellos_execution_cell_document_set_argv (document, argv);
  g_assert_cmpuint (argv_notifications, ==, 1);
  g_object_get (document, "argv", &argv_out, NULL);
  g_assert_true (g_strv_equal ((const char * const *) argv_out, argv));

  cellos_test_assert_finalized (&document);
}

/* Writes rich_document to a temporary file. */
static GFile *
write_rich_document (void)
{
  g_autoptr(GFileIOStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  GFile *file;

  file = g_file_new_tmp ("cellos-document-XXXXXX.json", &stream, &error);
  g_assert_no_error (error);
  g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (stream)),
                             rich_document, strlen (rich_document), NULL, NULL, &error);
  g_assert_no_error (error);
  g_io_stream_close (G_IO_STREAM (stream), NULL, &error);
  g_assert_no_error (error);
  cellos_test_assert_finalized (&stream);
  return file;
}

static void
test_from_file (void)
{
  g_autoptr(GFile) file = write_rich_document ();
  g_autoptr(CellosExecutionCellDocument) document = NULL;
  g_autoptr(GError) error = NULL;

  document = cellos_execution_cell_document_new_from_file (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cellos_execution_cell_document_get_id (document), ==, "rich");
  g_assert_cmpstr (cellos_execution_cell_document_get_argv (document)[0], ==, "/bin/sh");

  g_file_delete (file, NULL, NULL);
  cellos_test_assert_finalized (&document);
  cellos_test_assert_finalized (&file);
}

static void
test_from_missing_file_is_io_error (void)
{
  g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent/cellos/document.json");
  g_autoptr(CellosExecutionCellDocument) document = NULL;
  g_autoptr(GError) error = NULL;

  document = cellos_execution_cell_document_new_from_file (file, NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_null (document);

  cellos_test_assert_finalized (&file);
}

static void
test_from_file_cancelled (void)
{
  g_autoptr(GFile) file = write_rich_document ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(CellosExecutionCellDocument) document = NULL;
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  document = cellos_execution_cell_document_new_from_file (file, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (document);
  g_file_delete (file, NULL, NULL);

  cellos_test_assert_finalized (&cancellable);
  cellos_test_assert_finalized (&file);
}

int
main (int   argc,
      char *argv[])
{
  gsize i;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/document/new/sets-id", test_new_sets_id);
  g_test_add_func ("/document/new/null-id-round-trips", test_new_with_null_id);
  g_test_add_func ("/document/from-data/valid", test_valid_document);
  g_test_add_func ("/document/from-data/length-limits-input", test_length_limits_input);
  g_test_add_func ("/document/from-data/empty-id-is-a-valid-document",
                   test_empty_id_is_a_valid_document);
  g_test_add_func ("/document/from-data/missing-id-and-argv-are-null",
                   test_missing_id_and_argv_are_null);
  for (i = 0; i < G_N_ELEMENTS (bad_documents); i++)
    {
      g_autofree char *path = g_strdup_printf ("/document/from-data/invalid/%s",
                                               bad_documents[i].name);

      g_test_add_data_func (path, &bad_documents[i], test_bad_document);
    }
  g_test_add_func ("/document/from-data/invalid/nul-byte", test_nul_byte_in_data);
  g_test_add_func ("/document/from-data/invalid/null-data-is-empty", test_null_data_is_empty);
  g_test_add_func ("/document/from-data/invalid/nested-100000-deep", test_nesting_limit);
  g_test_add_func ("/document/from-data/nested-511-deep-round-trips", test_nesting_within_limit);
  g_test_add_func ("/document/to-data/unknown-members-survive",
                   test_unknown_members_survive_round_trip);
  g_test_add_func ("/document/to-data/numbers-and-control-characters-round-trip",
                   test_numbers_and_control_characters_round_trip);
  g_test_add_func ("/document/from-data/invalid/truncated-literal-is-end-of-document",
                   test_truncated_literal_is_end_of_document);
  g_test_add_func ("/document/to-data/setters-change-only-their-members",
                   test_setters_change_only_their_members);
  g_test_add_func ("/document/properties/notify-on-change-only",
                   test_properties_notify_on_change_only);
  g_test_add_func ("/document/from-file/reads-file", test_from_file);
  g_test_add_func ("/document/from-file/missing-file-is-io-error",
                   test_from_missing_file_is_io_error);
  g_test_add_func ("/document/from-file/cancelled", test_from_file_cancelled);

  return g_test_run ();
}
