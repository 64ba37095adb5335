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
  { "leading-zero", "{\"n\": 01}", "1:8: unexpected character “1”, expected “,” or “}”" },
  { "control-character", "{\"spec\": {\"id\": \"a\tb\"}}",
    "1:19: control character in a string; write it as an escape sequence" },
  { "escaped-nul-in-id", "{\"spec\": {\"id\": \"a\\u0000b\"}}",
    "spec.id: contains a NUL character (\\u0000), which a C string cannot hold" },
  { "escaped-nul-in-argv", "{\"spec\": {\"argv\": [\"a\", \"\\u0000\"]}}",
    "spec.argv[1]: contains a NUL character (\\u0000), which a C string cannot hold" },
  { "duplicate-member-with-control-characters",
    "{\"spec\": {}, \"\\u001b[2J\\u0007\": 1, \"\\u001b[2J\\u0007\": 2}",
    "1:36: duplicate member “\\u001b[2J\\u0007” in an object" },
  { "duplicate-member-with-raw-c1-control", "{\"spec\": {}, \"\xc2\x9b\": 1, \"\xc2\x9b\": 2}",
    "1:22: duplicate member “\\u009b” in an object" },
  { "unexpected-control-character", "{\"spec\": {}}\x1b",
    "1:13: unexpected character “\\u001b”, expected the end of the document" },
  { "duplicate-member-far-apart", "{\"b\": 1, \"a\": 2, \"c\": 3, \"a\": 4, \"b\": 5}",
    "1:26: duplicate member “a” in an object" },
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

/* Numbers are JSON text, not doubles: whatever RFC 8259 allows is read and
 * comes back character for character, with the whitespace around it. */
static void
test_exact_round_trip (void)
{
  const char *json =
    "{ \"n\" : [-0, 1E2, 0.1, 9007199254740993.0, 1e-999, 2e-324, 1e400,\n"
    "          123456789012345678901234567890, -0.0e+0],\n"
    "  \"spec\":{\"id\":\"r\\u0069d\",\"argv\":[\"\\/bin\\/sh\", \"\\ud83d\\ude00\"]},\n"
    "\t\"s\": \"\\u00e9\\u0041\\t\"   }\n";
  g_autoptr(CellosExecutionCellDocument) document = NULL;
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;

  document = load (json, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cellos_execution_cell_document_get_id (document), ==, "rid");
  g_assert_cmpstr (cellos_execution_cell_document_get_argv (document)[0], ==, "/bin/sh");
  g_assert_cmpstr (cellos_execution_cell_document_get_argv (document)[1], ==, "\xf0\x9f\x98\x80");

  data = cellos_execution_cell_document_to_data (document, &length);
  g_assert_cmpstr (data, ==, json);
  g_assert_cmpuint (length, ==, strlen (json));

  cellos_test_assert_finalized (&document);
}

/* RFC 8259 allows \u0000 in any string; only spec.id and spec.argv, which
 * become C strings, refuse it. */
static void
test_escaped_nul_elsewhere_is_kept (void)
{
  const char *json = "{\"a\\u0000b\": \"\\u0000\", \"spec\": {\"x\": [\"\\u0000\"]}}";
  g_autoptr(CellosExecutionCellDocument) document = NULL;
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;

  document = load (json, &error);
  g_assert_no_error (error);
  data = cellos_execution_cell_document_to_data (document, NULL);
  g_assert_cmpstr (data, ==, json);

  cellos_test_assert_finalized (&document);
}

typedef struct
{
  const char *name;
  const char *json;
  const char *id;            /* what to set spec.id to, or NULL to remove it */
  gboolean set_argv;
  const char * const *argv;  /* what to set spec.argv to */
  const char *expected;
} Splice;

static const char * const argv_a_b[] = { "a", "b\n", NULL };

/* Each: a document, the setters called on it and the exact text to_data()
 * must then write: only what changed is new. */
static const Splice splices[] = {
  { "replace-id", "{ \"spec\" : { \"id\" : \"old\" , \"n\": 1.50 } }", "n\"ew", FALSE, NULL,
    "{ \"spec\" : { \"id\" : \"n\\\"ew\" , \"n\": 1.50 } }" },
  { "replace-escaped-name", "{\"spec\": {\"i\\u0064\": \"old\"}}", "new", FALSE, NULL,
    "{\"spec\": {\"i\\u0064\": \"new\"}}" },
  { "replace-argv", "{\"spec\": {\"argv\": [], \"id\": \"x\"}, \"z\": 1e5}", "x", TRUE, argv_a_b,
    "{\"spec\": {\"argv\": [\"a\", \"b\\n\"], \"id\": \"x\"}, \"z\": 1e5}" },
  { "add-id", "{\"spec\": {\"x\": -0}}", "new", FALSE, NULL,
    "{\"spec\": {\"x\": -0, \"id\": \"new\"}}" },
  { "add-both-to-empty-spec", "{\"spec\": { }}", "new", TRUE, argv_a_b,
    "{\"spec\": { \"id\": \"new\", \"argv\": [\"a\", \"b\\n\"]}}" },
  { "remove-first", "{\"spec\": {\"id\": \"a\", \"x\": 1}}", NULL, FALSE, NULL,
    "{\"spec\": { \"x\": 1}}" },
  { "remove-last", "{\"spec\": {\"x\": 1, \"id\": \"a\"}}", NULL, FALSE, NULL,
    "{\"spec\": {\"x\": 1}}" },
  { "remove-only", "{\"spec\": {\"id\": \"a\"}}", NULL, FALSE, NULL,
    "{\"spec\": {}}" },
  { "remove-both-first", "{\"spec\": {\"id\": \"a\", \"argv\": [], \"x\": 1}}", NULL, TRUE, NULL,
    "{\"spec\": {  \"x\": 1}}" },
  { "remove-both-last", "{\"spec\": {\"x\": 1, \"argv\": [], \"id\": \"a\"}}", NULL, TRUE, NULL,
    "{\"spec\": {\"x\": 1}}" },
  { "remove-both-only", "{\"spec\": {\"id\": \"a\",\"argv\": []}}", NULL, TRUE, NULL,
    "{\"spec\": {}}" },
  { "remove-one-add-other", "{\"spec\": {\"argv\": []}}", "b", TRUE, NULL,
    "{\"spec\": {\"id\": \"b\"}}" },
};

static void
test_setters_splice (gconstpointer data)
{
  const Splice *splice = data;
  g_autoptr(CellosExecutionCellDocument) document = NULL;
  g_autoptr(CellosExecutionCellDocument) again = NULL;
  g_autofree char *written = NULL;
  g_autoptr(GError) error = NULL;

  document = load (splice->json, &error);
  g_assert_no_error (error);
  cellos_execution_cell_document_set_id (document, splice->id);
  if (splice->set_argv)
    cellos_execution_cell_document_set_argv (document, splice->argv);

  written = cellos_execution_cell_document_to_data (document, NULL);
  g_assert_cmpstr (written, ==, splice->expected);

  again = load (written, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cellos_execution_cell_document_get_id (again), ==, splice->id);

  cellos_test_assert_finalized (&again);
  cellos_test_assert_finalized (&document);
}

static void
test_new_is_written_from_its_members (void)
{
  const char * const argv[] = { "/bin/echo", "caf\xc3\xa9 \"\x01\"", NULL };
  g_autoptr(CellosExecutionCellDocument) document = cellos_execution_cell_document_new ("c1");
  g_autofree char *data = NULL;
  g_autofree char *data_again = NULL;

  data = cellos_execution_cell_document_to_data (document, NULL);
  g_assert_cmpstr (data, ==, "{\"spec\": {\"id\": \"c1\"}}");

  cellos_execution_cell_document_set_argv (document, argv);
  data_again = cellos_execution_cell_document_to_data (document, NULL);
  g_assert_cmpstr (data_again, ==,
                   "{\"spec\": {\"id\": \"c1\", \"argv\": [\"/bin/echo\", \"caf\xc3\xa9 \\\"\\u0001\\\"\"]}}");

  cellos_test_assert_finalized (&document);
}

/* A programmer error, as GLib treats invalid UTF-8 given to a function that
 * takes text: a critical, and nothing changes. */
static void
test_setters_refuse_invalid_utf8 (void)
{
  const char * const bad_argv[] = { "ok", "caf\xc3", NULL };
  g_autoptr(CellosExecutionCellDocument) document = cellos_execution_cell_document_new ("good");
  CellosExecutionCellDocument *refused;
  g_autofree char *data = NULL;

  g_test_expect_message ("Cellos", G_LOG_LEVEL_CRITICAL, "*");
  cellos_execution_cell_document_set_id (document, "bad\xff");
  g_test_assert_expected_messages ();
  g_assert_cmpstr (cellos_execution_cell_document_get_id (document), ==, "good");

  g_test_expect_message ("Cellos", G_LOG_LEVEL_CRITICAL, "*");
  cellos_execution_cell_document_set_argv (document, bad_argv);
  g_test_assert_expected_messages ();
  g_assert_null (cellos_execution_cell_document_get_argv (document));

  g_test_expect_message ("Cellos", G_LOG_LEVEL_CRITICAL, "*");
  refused = cellos_execution_cell_document_new ("\xc0\xaf");
  g_test_assert_expected_messages ();
  g_assert_null (refused);

  data = cellos_execution_cell_document_to_data (document, NULL);
  g_assert_cmpstr (data, ==, "{\"spec\": {\"id\": \"good\"}}");

  cellos_test_assert_finalized (&document);
}

/* Names that collide under g_str_hash() ("Ez" and "FY" hash alike, so do
 * all strings of such blocks) are read like any others, and a duplicate
 * among them is still found. */
static void
test_colliding_names (void)
{
  g_autoptr(GString) json = g_string_new ("{\"spec\": {}");
  g_autoptr(CellosExecutionCellDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  guint i, bit;

  for (i = 0; i < 4096; i++)
    {
      g_string_append (json, ", \"");
      for (bit = 0; bit < 12; bit++)
        g_string_append (json, (i & (1u << bit)) ? "FY" : "Ez");
      g_string_append (json, "\": 0");
    }
  g_string_append (json, "}");

  document = load (json->str, &error);
  g_assert_no_error (error);
  g_clear_object (&document);

  g_string_truncate (json, json->len - 1);
  g_string_append (json, ", \"EzEzEzEzEzEzEzEzEzEzEzFY\": 1}");
  document = load (json->str, &error);
  g_assert_error (error, CELLOS_ERROR, CELLOS_ERROR_INVALID_DOCUMENT);
  g_assert_true (g_str_has_suffix (error->message, "duplicate member “EzEzEzEzEzEzEzEzEzEzEzFY” in an object"));
  g_assert_null (document);
}

static char *
document_of_size (gsize size)
{
  const char *head = "{\"spec\": {}, \"pad\": \"";
  char *json = g_malloc (size + 1);

  g_assert_cmpuint (size, >=, strlen (head) + 2);
  memset (json, 'x', size);
  memcpy (json, head, strlen (head));
  memcpy (json + size - 2, "\"}", 2);
  json[size] = '\0';
  return json;
}

static void
assert_too_large (GError *error)
{
  g_assert_error (error, CELLOS_ERROR, CELLOS_ERROR_INVALID_DOCUMENT);
  g_assert_nonnull (strstr (error->message, "is larger than"));
}

static void
test_data_size_limit (void)
{
  g_autofree char *largest = document_of_size (CELLOS_EXECUTION_CELL_DOCUMENT_DEFAULT_MAX_SIZE);
  g_autofree char *too_large = document_of_size (CELLOS_EXECUTION_CELL_DOCUMENT_DEFAULT_MAX_SIZE + 1);
  g_autoptr(CellosExecutionCellDocument) document = NULL;
  g_autoptr(GError) error = NULL;

  document = load (largest, &error);
  g_assert_no_error (error);
  g_clear_object (&document);

  document = load (too_large, &error);
  assert_too_large (error);
  g_assert_null (document);
}

static void
test_stream_size_limit (void)
{
  g_autofree char *json = document_of_size (1000);
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(CellosExecutionCellDocument) document = NULL;
  g_autoptr(GError) error = NULL;

  stream = g_memory_input_stream_new_from_data (json, 1000, NULL);
  document = cellos_execution_cell_document_new_from_stream (stream, 1000, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (document);
  g_clear_object (&document);
  g_clear_object (&stream);

  stream = g_memory_input_stream_new_from_data (json, 1000, NULL);
  document = cellos_execution_cell_document_new_from_stream (stream, 999, NULL, &error);
  assert_too_large (error);
  g_assert_nonnull (strstr (error->message, "999"));
  g_assert_null (document);
}

/* A larger limit than the default reads a larger document. */
static void
test_stream_larger_limit (void)
{
  gsize size = CELLOS_EXECUTION_CELL_DOCUMENT_DEFAULT_MAX_SIZE + 100;
  char *json = document_of_size (size);
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data (json, (gssize) size, g_free);
  g_autoptr(CellosExecutionCellDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;

  document = cellos_execution_cell_document_new_from_stream (stream, size, NULL, &error);
  g_assert_no_error (error);
  data = cellos_execution_cell_document_to_data (document, &length);
  g_assert_cmpuint (length, ==, size);
}

/* An endless file fails once it is past the limit, without reading on. */
static void
test_from_endless_file (void)
{
  g_autoptr(GFile) file = g_file_new_for_path ("/dev/zero");
  g_autoptr(CellosExecutionCellDocument) document = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_file_test ("/dev/zero", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("no /dev/zero");
      return;
    }

  document = cellos_execution_cell_document_new_from_file (file, NULL, &error);
  assert_too_large (error);
  g_assert_null (document);
}

#define N_THREADS 8
#define N_ROUNDS 2000

typedef struct
{
  CellosExecutionCellDocument *document;
  const char *expected;
} SharedDocument;

static gpointer
read_document (gpointer data)
{
  SharedDocument *shared = data;
  guint round;

  for (round = 0; round < N_ROUNDS; round++)
    {
      g_autofree char *text = cellos_execution_cell_document_to_data (shared->document, NULL);
      const char * const *argv = cellos_execution_cell_document_get_argv (shared->document);
      g_autofree char *property_id = NULL;
      g_auto(GStrv) property_argv = NULL;

      if (g_strcmp0 (text, shared->expected) != 0 ||
          g_strcmp0 (cellos_execution_cell_document_get_id (shared->document), "shared") != 0 ||
          argv == NULL || g_strcmp0 (argv[1], "new-argv") != 0)
        return GINT_TO_POINTER (FALSE);

      g_object_get (shared->document, "id", &property_id, "argv", &property_argv, NULL);
      if (g_strcmp0 (property_id, "shared") != 0 || g_strv_length (property_argv) != 2)
        return GINT_TO_POINTER (FALSE);
    }
  return GINT_TO_POINTER (TRUE);
}

/* Reading one document (to_data and the getters) from any number of
 * threads at once is safe, also after a setter changed it. */
static void
test_read_from_many_threads (void)
{
  const char * const argv[] = { "/bin/true", "new-argv", NULL };
  g_autoptr(CellosExecutionCellDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  GThread *threads[N_THREADS];
  SharedDocument shared;
  g_autofree char *expected = NULL;
  guint i;

  document = load (rich_document, &error);
  g_assert_no_error (error);
  cellos_execution_cell_document_set_id (document, "shared");
  cellos_execution_cell_document_set_argv (document, argv);
  expected = cellos_execution_cell_document_to_data (document, NULL);

  shared.document = document;
  shared.expected = expected;
  for (i = 0; i < N_THREADS; i++)
    threads[i] = g_thread_new ("reader", read_document, &shared);
  for (i = 0; i < N_THREADS; i++)
    g_assert_true (GPOINTER_TO_INT (g_thread_join (threads[i])));

  cellos_test_assert_finalized (&document);
}

/* A backend that implements only the synchronous create and destroy, so
 * that the interface runs create in GTask threads, and that writes the
 * document it is given as a backend that sends it elsewhere would. */
#define TEST_TYPE_SERIALISING_BACKEND (test_serialising_backend_get_type ())
G_DECLARE_FINAL_TYPE (TestSerialisingBackend, test_serialising_backend,
                      TEST, SERIALISING_BACKEND, GObject)

struct _TestSerialisingBackend
{
  GObject parent_instance;
};

static void test_serialising_backend_iface_init (CellosCellBackendInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TestSerialisingBackend, test_serialising_backend, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (CELLOS_TYPE_CELL_BACKEND,
                                                      test_serialising_backend_iface_init))

static CellosCellHandle *
serialising_create (CellosCellBackend            *backend,
                    CellosExecutionCellDocument  *document,
                    GCancellable                 *cancellable,
                    GError                      **error)
{
  guint i;

  for (i = 0; i < 50; i++)
    {
      g_autofree char *text = cellos_execution_cell_document_to_data (document, NULL);

      if (text == NULL || strstr (text, "\"shared\"") == NULL)
        {
          g_set_error_literal (error, CELLOS_ERROR, CELLOS_ERROR_FAILED, "document written wrong");
          return NULL;
        }
    }
  return g_object_new (CELLOS_TYPE_CELL_HANDLE,
                       "cell-id", cellos_execution_cell_document_get_id (document),
                       NULL);
}

static CellosTeardownReport *
serialising_destroy (CellosCellBackend  *backend,
                     CellosCellHandle   *handle,
                     GCancellable       *cancellable,
                     GError            **error)
{
  return g_object_new (CELLOS_TYPE_TEARDOWN_REPORT,
                       "cell-id", cellos_cell_handle_get_cell_id (handle),
                       "destroyed", TRUE,
                       NULL);
}

static void
test_serialising_backend_iface_init (CellosCellBackendInterface *iface)
{
  iface->create = serialising_create;
  iface->destroy = serialising_destroy;
}

static void
test_serialising_backend_class_init (TestSerialisingBackendClass *klass)
{
}

static void
test_serialising_backend_init (TestSerialisingBackend *self)
{
}

#define N_CREATES 8

static void
created (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  guint *pending = user_data;
  g_autoptr(CellosCellHandle) handle = NULL;
  g_autoptr(GError) error = NULL;

  handle = cellos_cell_backend_create_finish (CELLOS_CELL_BACKEND (source), result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cellos_cell_handle_get_cell_id (handle), ==, "shared");
  (*pending)--;
}

/* The interface hands one document to several worker threads at once when
 * a synchronous backend is driven asynchronously; each may write it. */
static void
test_shared_by_concurrent_creates (void)
{
  g_autoptr(TestSerialisingBackend) backend = g_object_new (TEST_TYPE_SERIALISING_BACKEND, NULL);
  g_autoptr(CellosExecutionCellDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  guint round, i;

  document = load (rich_document, &error);
  g_assert_no_error (error);
  cellos_execution_cell_document_set_id (document, "shared");

  for (round = 0; round < 20; round++)
    {
      guint pending = N_CREATES;

      for (i = 0; i < N_CREATES; i++)
        cellos_cell_backend_create_async (CELLOS_CELL_BACKEND (backend), document, NULL,
                                          created, &pending);
      while (pending > 0)
        g_main_context_iteration (NULL, TRUE);
    }

  cellos_test_wait_finalized (&document);
  cellos_test_wait_finalized (&backend);
}

/* Members by JSON Pointer, as written. */

static const char member_document[] =
  "{ \"spec\": { \"id\": \"m1\", \"argv\": [\"/bin/sh\", \"-c\", \"true\"],\n"
  "              \"resources\": { \"memory\": 1E9, \"cpus\": -0 } },\n"
  "  \"a/b\": [ {}, [ 1, 2 ], \"x\" ], \"m~n\": null, \"\\u0041\": true,\n"
  "  \"\": \"empty name\", \"list\": [ 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20 ] }";

static void
assert_member (CellosExecutionCellDocument *document,
               const char                  *pointer,
               const char                  *expected)
{
  g_autofree char *text = cellos_execution_cell_document_dup_member (document, pointer);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_member_by_pointer (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CellosExecutionCellDocument) document =
    cellos_execution_cell_document_new_from_data (member_document, -1, &error);

  g_assert_no_error (error);
  assert_member (document, "/spec/id", "\"m1\"");
  assert_member (document, "/spec/argv/1", "\"-c\"");
  assert_member (document, "/spec/resources", "{ \"memory\": 1E9, \"cpus\": -0 }");
  assert_member (document, "/spec/resources/memory", "1E9");
  assert_member (document, "/spec/resources/cpus", "-0");
  assert_member (document, "/a~1b/1", "[ 1, 2 ]");
  assert_member (document, "/a~1b/1/0", "1");
  assert_member (document, "/a~1b/0", "{}");
  assert_member (document, "/a~1b/2", "\"x\"");
  assert_member (document, "/m~0n", "null");
  /* Names compare by their characters, escaped or not. */
  assert_member (document, "/A", "true");
  assert_member (document, "/", "\"empty name\"");
  assert_member (document, "/list/10", "20");
  assert_member (document, "", member_document);
}

static void
test_member_missing_is_null (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CellosExecutionCellDocument) document =
    cellos_execution_cell_document_new_from_data (member_document, -1, &error);
  const char * const missing[] = {
    "/nothing", "/spec/argv/3", "/spec/argv/01", "/spec/argv/-", "/spec/argv/x",
    "/spec/id/0", "/m~0n/x", "/a~1b/1/2", "/spec/resources/memory/0", "/a", NULL
  };
  guint i;

  g_assert_no_error (error);
  for (i = 0; missing[i] != NULL; i++)
    {
      g_autofree char *text = cellos_execution_cell_document_dup_member (document, missing[i]);

      if (text != NULL)
        g_error ("%s: expected no member, got %s", missing[i], text);
    }
}

static void
test_member_sees_setters (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CellosExecutionCellDocument) document =
    cellos_execution_cell_document_new_from_data (member_document, -1, &error);
  const char * const argv[] = { "/bin/true", NULL };

  g_assert_no_error (error);
  cellos_execution_cell_document_set_id (document, "renamed");
  cellos_execution_cell_document_set_argv (document, argv);
  assert_member (document, "/spec/id", "\"renamed\"");
  assert_member (document, "/spec/argv/0", "\"/bin/true\"");
  assert_member (document, "/spec/resources/memory", "1E9");

  g_clear_object (&document);
  document = cellos_execution_cell_document_new ("fresh");
  assert_member (document, "/spec/id", "\"fresh\"");
  g_assert_null (cellos_execution_cell_document_dup_member (document, "/spec/argv"));
}

static void
test_member_bad_pointer_is_critical (void)
{
  g_autoptr(CellosExecutionCellDocument) document = cellos_execution_cell_document_new ("p");
  const char * const bad[] = { "spec/id", "/spec/~2", "/~", NULL };
  guint i;

  for (i = 0; bad[i] != NULL; i++)
    {
      char *text;

      g_test_expect_message ("Cellos", G_LOG_LEVEL_CRITICAL, "*cellos_json_pointer_is_valid*");
      text = cellos_execution_cell_document_dup_member (document, bad[i]);
      g_test_assert_expected_messages ();
      g_assert_null (text);
    }
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
  g_test_add_func ("/document/to-data/exact-round-trip", test_exact_round_trip);
  g_test_add_func ("/document/from-data/escaped-nul-elsewhere-is-kept",
                   test_escaped_nul_elsewhere_is_kept);
  for (i = 0; i < G_N_ELEMENTS (splices); i++)
    {
      g_autofree char *path = g_strdup_printf ("/document/to-data/splice/%s", splices[i].name);

      g_test_add_data_func (path, &splices[i], test_setters_splice);
    }
  g_test_add_func ("/document/to-data/new-is-written-from-its-members",
                   test_new_is_written_from_its_members);
  g_test_add_func ("/document/setters/refuse-invalid-utf8", test_setters_refuse_invalid_utf8);
  g_test_add_func ("/document/from-data/colliding-names", test_colliding_names);
  g_test_add_func ("/document/size-limit/data", test_data_size_limit);
  g_test_add_func ("/document/size-limit/stream", test_stream_size_limit);
  g_test_add_func ("/document/size-limit/stream-larger-limit", test_stream_larger_limit);
  g_test_add_func ("/document/size-limit/endless-file", test_from_endless_file);
  g_test_add_func ("/document/threads/read-from-many-threads", test_read_from_many_threads);
  g_test_add_func ("/document/member/by-pointer", test_member_by_pointer);
  g_test_add_func ("/document/member/missing-is-null", test_member_missing_is_null);
  g_test_add_func ("/document/member/sees-setters", test_member_sees_setters);
  g_test_add_func ("/document/member/bad-pointer-is-critical", test_member_bad_pointer_is_critical);
  g_test_add_func ("/document/threads/shared-by-concurrent-creates", test_shared_by_concurrent_creates);

  return g_test_run ();
}
