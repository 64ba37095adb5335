/* test-json.c: the library's one JSON reader, as files read whole use it
 * (a tree), and its one JSON writer
 *
 * Copyright 2026 The CellOS authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <gio/gio.h>
#include <cellos/cellos.h>

#include "cellos-json-check-private.h"
#include "cellos-json-writer-private.h"

static CellosJsonNode *
parse (const char  *text,
       GError     **error)
{
  return cellos_json_parse (text, strlen (text), error);
}

static const CellosJsonNode *
child (const CellosJsonNode *node,
       guint                 index)
{
  g_assert_nonnull (node->children);
  g_assert_cmpuint (index, <, node->children->len);
  return g_ptr_array_index (node->children, index);
}

static void
test_parse_tree (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CellosJsonNode) root =
    parse (" {\"a\\u00e9\": [1.50, true, null, \"x\\ny\"],\n \"b\": {}, \"c\": false} ", &error);
  const CellosJsonNode *array;
  guint line, column;

  g_assert_no_error (error);
  g_assert_cmpint (root->type, ==, CELLOS_JSON_OBJECT);
  g_assert_cmpuint (root->children->len, ==, 3);
  array = child (root, 0);
  g_assert_cmpstr (array->name, ==, "a\u00e9");
  g_assert_cmpint (array->type, ==, CELLOS_JSON_ARRAY);
  g_assert_cmpint (child (array, 0)->type, ==, CELLOS_JSON_NUMBER);
  g_assert_cmpstr (child (array, 0)->text, ==, "1.50");
  g_assert_cmpint (child (array, 1)->type, ==, CELLOS_JSON_BOOLEAN);
  g_assert_true (child (array, 1)->boolean);
  g_assert_cmpint (child (array, 2)->type, ==, CELLOS_JSON_NULL);
  g_assert_cmpstr (child (array, 3)->text, ==, "x\ny");
  g_assert_cmpstr (child (root, 1)->name, ==, "b");
  g_assert_cmpuint (child (root, 1)->children->len, ==, 0);
  g_assert_cmpstr (child (root, 2)->name, ==, "c");
  g_assert_false (child (root, 2)->boolean);

  cellos_json_position (" {\"a\\u00e9\": [1.50, true, null, \"x\\ny\"],\n \"b\": {}, \"c\": false} ",
                        child (root, 1)->offset, &line, &column);
  g_assert_cmpuint (line, ==, 2);
  g_assert_cmpuint (column, ==, 7);
}

/* Each fails with CELLOS_ERROR_INVALID_DOCUMENT and a LINE:COLUMN:
 * message, the tree's rules being the documents' rules. */
static const struct
{
  const char *text;
  const char *message;
} bad_texts[] = {
  { "{\"rules\": [1], \"rules\": []}", "1:16: duplicate member “rules” in an object" },
  { "[{\"cell\": \"a\", \"fail\": 1, \"cell\": \"b\"}]", "1:27: duplicate member “cell” in an object" },
  { "{\"rules\": []} {\"rules\": [1]}", "1:15: unexpected character “{”, expected the end of the document" },
  { "{'rules': []}", "1:2: unexpected character “'”, expected a member name in double quotes" },
  { "{\"rules\": /* none */ []}", "1:11: unexpected character “/”, expected a value" },
  { "{\"delay-ms\": 0x10}", "1:15: unexpected character “x”, expected “,” or “}”" },
  { "[\"a\001b\"]", "1:4: control character in a string; write it as an escape sequence" },
  { "{\"message\": \"a\\u0000b\"}", "1:13: a NUL character (\\u0000) in a string, which a C string cannot hold" },
  { "{\"a\\u0000b\": 1}", "1:2: a NUL character (\\u0000) in a string, which a C string cannot hold" },
  { "[1,]", "1:4: unexpected character “]”, expected a value" },
  { "", "the document is empty" },
};

static void
test_parse_bad (void)
{
  gsize i;

  for (i = 0; i < G_N_ELEMENTS (bad_texts); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CellosJsonNode) root = parse (bad_texts[i].text, &error);

      g_assert_null (root);
      g_assert_error (error, CELLOS_ERROR, CELLOS_ERROR_INVALID_DOCUMENT);
      g_assert_cmpstr (error->message, ==, bad_texts[i].message);
    }
}

/* Far deeper than the stack would take if reading recursed without a
 * limit. */
static void
test_parse_deep (void)
{
  gsize depth = 100000;
  g_autofree char *text = g_malloc (2 * depth + 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(CellosJsonNode) root = NULL;
  g_autofree char *expected = NULL;

  memset (text, '[', depth);
  memset (text + depth, ']', depth);
  text[2 * depth] = '\0';
  root = parse (text, &error);
  g_assert_null (root);
  expected = g_strdup_printf ("1:%u: arrays and objects nested deeper than %u levels",
                              CELLOS_JSON_MAX_DEPTH + 1, CELLOS_JSON_MAX_DEPTH);
  g_assert_error (error, CELLOS_ERROR, CELLOS_ERROR_INVALID_DOCUMENT);
  g_assert_cmpstr (error->message, ==, expected);
}

/* Every C0 control, DEL and a C1 control, quotes, backslashes and a
 * character beyond the BMP. */
static char *
hostile_string (void)
{
  GString *text = g_string_new ("id-");
  gunichar c;

  for (c = 1; c < 0x20; c++)
    g_string_append_c (text, (char) c);
  g_string_append (text, "\x7f\xc2\x9b\"\\\"\\\\/\xf0\x9f\x98\x80-end");
  return g_string_free (text, FALSE);
}

static void
test_writer_escapes (void)
{
  g_autofree char *value = hostile_string ();
  g_autoptr(CellosJsonWriter) writer = cellos_json_writer_new ();
  g_autoptr(CellosJsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  gsize length, i;

  cellos_json_writer_begin_array (writer);
  cellos_json_writer_string (writer, value);
  cellos_json_writer_end_array (writer);
  line = cellos_json_writer_finish_line (writer, &length);

  g_assert_cmpuint (length, ==, strlen (line));
  g_assert_true (g_str_has_suffix (line, "]\n"));
  for (i = 0; i + 1 < length; i++)
    {
      g_assert_cmpint ((guchar) line[i], >=, 0x20);
      g_assert_cmpint ((guchar) line[i], !=, 0x7f);
      g_assert_false ((guchar) line[i] == 0xc2 && (guchar) line[i + 1] < 0xa0);
    }
  g_assert_nonnull (strstr (line, "\\u0001"));
  g_assert_nonnull (strstr (line, "\\u001f"));
  g_assert_nonnull (strstr (line, "\\u007f"));
  g_assert_nonnull (strstr (line, "\\u009b"));

  root = cellos_json_parse (line, length, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (child (root, 0)->text, ==, value);
}

static void
test_writer_invalid_utf8 (void)
{
  g_autoptr(CellosJsonWriter) writer = cellos_json_writer_new ();
  g_autofree char *line = NULL;

  cellos_json_writer_string (writer, "a\xff" "b");
  line = cellos_json_writer_finish_line (writer, NULL);
  g_assert_cmpstr (line, ==, "\"a\xef\xbf\xbd" "b\"\n");
}

static void
test_writer_separators (void)
{
  g_autoptr(CellosJsonWriter) writer = cellos_json_writer_new ();
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  const char * const strv[] = { "x", "y", NULL };

  cellos_json_writer_begin_object (writer);
  cellos_json_writer_member (writer, "a");
  cellos_json_writer_begin_array (writer);
  cellos_json_writer_int (writer, -1);
  cellos_json_writer_uint (writer, G_MAXUINT64);
  cellos_json_writer_begin_object (writer);
  cellos_json_writer_end_object (writer);
  cellos_json_writer_begin_array (writer);
  cellos_json_writer_end_array (writer);
  cellos_json_writer_double (writer, 0.5);
  cellos_json_writer_double (writer, 2.0);
  cellos_json_writer_double (writer, 1e16);
  cellos_json_writer_double (writer, 1.0 / 0.0);
  cellos_json_writer_end_array (writer);
  cellos_json_writer_member (writer, "b");
  cellos_json_writer_strv (writer, strv);
  cellos_json_writer_member (writer, "c");
  cellos_json_writer_string (writer, NULL);
  cellos_json_writer_end_object (writer);
  first = cellos_json_writer_finish_line (writer, NULL);
  g_assert_cmpstr (first, ==,
                   "{\"a\":[-1,18446744073709551615,{},[],0.5,2.0,10000000000000000.0,null],\"b\":[\"x\",\"y\"],\"c\":null}\n");

  /* The writer starts over after a line. */
  cellos_json_writer_boolean (writer, TRUE);
  second = cellos_json_writer_finish_line (writer, NULL);
  g_assert_cmpstr (second, ==, "true\n");
}

static void
test_writer_variant (void)
{
  g_autoptr(CellosJsonWriter) writer = cellos_json_writer_new ();
  g_autoptr(GVariant) value = NULL;
  g_autofree char *line = NULL;

  value = g_variant_ref_sink (
    g_variant_new_parsed ("{'vm-pid': <int64 4242>, 'api-socket': <'/run/fc.sock'>,"
                          " 'taps': <['tap0', 'tap1']>, 'up': <true>, 'none': <@ms nothing>,"
                          " 'pair': <(byte 1, 2.5)>, 'nested': <@a{sv} {'k': <uint32 7>}>}"));
  cellos_json_writer_variant (writer, value);
  line = cellos_json_writer_finish_line (writer, NULL);
  g_assert_cmpstr (line, ==,
                   "{\"vm-pid\":4242,\"api-socket\":\"/run/fc.sock\",\"taps\":[\"tap0\",\"tap1\"],"
                   "\"up\":true,\"none\":null,\"pair\":[1,2.5],\"nested\":{\"k\":7}}\n");
}

/* A GVariant dictionary may repeat a key; JSON must not. */
static void
test_writer_variant_repeated_key (void)
{
  g_autoptr(CellosJsonWriter) writer = cellos_json_writer_new ();
  g_autoptr(GVariant) value = NULL;
  g_autofree char *line = NULL;

  value = g_variant_ref_sink (g_variant_new_parsed ("[{'a', <1>}, {'b', <2>}, {'a', <3>}]"));
  cellos_json_writer_variant (writer, value);
  line = cellos_json_writer_finish_line (writer, NULL);
  g_assert_cmpstr (line, ==, "{\"a\":1,\"b\":2}\n");
}

static void
test_writer_properties (void)
{
  g_autoptr(CellosJsonWriter) writer = cellos_json_writer_new ();
  g_autoptr(CellosCellHandle) handle = NULL;
  g_autoptr(CellosTeardownReport) report = NULL;
  g_autofree char *line = NULL;
  const char * const rules[] = { "add table inet x", NULL };

  handle = g_object_new (CELLOS_TYPE_CELL_HANDLE,
                         "cell-id", "web-1",
                         "cgroup-path", "/sys/fs/cgroup/web-1",
                         "nft-rules-applied", rules,
                         "details", g_variant_new_parsed ("{'vm-pid': <int64 4242>}"),
                         NULL);
  report = g_object_new (CELLOS_TYPE_TEARDOWN_REPORT,
                         "cell-id", "web-1", "destroyed", TRUE, "peers-tracked-after", 3, NULL);

  cellos_json_writer_begin_array (writer);
  cellos_json_writer_properties (writer, G_OBJECT (handle));
  cellos_json_writer_properties (writer, G_OBJECT (report));
  cellos_json_writer_properties (writer, NULL);
  cellos_json_writer_end_array (writer);
  line = cellos_json_writer_finish_line (writer, NULL);
  g_assert_cmpstr (line, ==,
                   "[{\"cell-id\":\"web-1\",\"cgroup-path\":\"/sys/fs/cgroup/web-1\","
                   "\"kernel-digest-sha256\":null,\"rootfs-digest-sha256\":null,"
                   "\"firecracker-digest-sha256\":null,\"nft-rules-applied\":[\"add table inet x\"],"
                   "\"details\":{\"vm-pid\":4242}},"
                   "{\"cell-id\":\"web-1\",\"destroyed\":true,\"peers-tracked-after\":3},null]\n");
}

/* Every type a property may have that JSON has a form for, through
 * cellos_json_writer_value(); a type it has none for writes nothing. */
static void
test_writer_every_value_type (void)
{
  g_autoptr(CellosJsonWriter) writer = cellos_json_writer_new ();
  g_autofree char *line = NULL;
  const char * const strv[] = { "a", "b", NULL };
  GValue values[19] = { G_VALUE_INIT, };
  GValue pointer = G_VALUE_INIT;
  guint i, n = 0;

  g_value_init (&values[n], G_TYPE_CHAR);
  g_value_set_schar (&values[n++], -5);
  g_value_init (&values[n], G_TYPE_UCHAR);
  g_value_set_uchar (&values[n++], 250);
  g_value_init (&values[n], G_TYPE_BOOLEAN);
  g_value_set_boolean (&values[n++], FALSE);
  g_value_init (&values[n], G_TYPE_INT);
  g_value_set_int (&values[n++], G_MININT);
  g_value_init (&values[n], G_TYPE_UINT);
  g_value_set_uint (&values[n++], G_MAXUINT);
  g_value_init (&values[n], G_TYPE_LONG);
  g_value_set_long (&values[n++], -7);
  g_value_init (&values[n], G_TYPE_ULONG);
  g_value_set_ulong (&values[n++], 7);
  g_value_init (&values[n], G_TYPE_INT64);
  g_value_set_int64 (&values[n++], G_MININT64);
  g_value_init (&values[n], G_TYPE_UINT64);
  g_value_set_uint64 (&values[n++], G_MAXUINT64);
  g_value_init (&values[n], G_TYPE_FLOAT);
  g_value_set_float (&values[n++], 0.5f);
  g_value_init (&values[n], G_TYPE_DOUBLE);
  g_value_set_double (&values[n++], -2.25);
  g_value_init (&values[n], G_TYPE_DOUBLE);
  g_value_set_double (&values[n++], INFINITY);
  g_value_init (&values[n], G_TYPE_DOUBLE);
  g_value_set_double (&values[n++], NAN);
  g_value_init (&values[n], G_TYPE_STRING);
  g_value_set_string (&values[n++], NULL);
  g_value_init (&values[n], G_TYPE_STRV);
  g_value_set_boxed (&values[n++], strv);
  g_value_init (&values[n], CELLOS_TYPE_ERROR);
  g_value_set_enum (&values[n++], CELLOS_ERROR_TIMED_OUT);
  g_value_init (&values[n], CELLOS_TYPE_ERROR);
  g_value_set_enum (&values[n++], 9999);
  g_value_init (&values[n], G_TYPE_APPLICATION_FLAGS);
  g_value_set_flags (&values[n++], G_APPLICATION_IS_SERVICE | G_APPLICATION_HANDLES_OPEN);
  g_value_init (&values[n], G_TYPE_VARIANT);
  g_value_set_variant (&values[n++], g_variant_new_uint16 (16));
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (values));

  cellos_json_writer_begin_array (writer);
  for (i = 0; i < n; i++)
    g_assert_true (cellos_json_writer_value (writer, &values[i]));
  g_value_init (&pointer, G_TYPE_POINTER);
  g_assert_false (cellos_json_writer_value (writer, &pointer));
  cellos_json_writer_end_array (writer);
  line = cellos_json_writer_finish_line (writer, NULL);
  g_assert_cmpstr (line, ==,
                   "[-5,250,false,-2147483648,4294967295,-7,7,"
                   "-9223372036854775808,18446744073709551615,0.5,-2.25,null,null,null,"
                   "[\"a\",\"b\"],\"timed-out\",9999,[\"is-service\",\"handles-open\"],16]\n");

  for (i = 0; i < n; i++)
    g_value_unset (&values[i]);
}

static void
test_writer_error (void)
{
  g_autoptr(CellosJsonWriter) writer = cellos_json_writer_new ();
  g_autoptr(GError) invalid = g_error_new_literal (CELLOS_ERROR, CELLOS_ERROR_INVALID_SPEC, "no \"id\"");
  g_autoptr(GError) cancelled = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "stop");
  g_autoptr(GError) other = g_error_new_literal (G_FILE_ERROR, G_FILE_ERROR_NOENT, "gone");
  g_autoptr(GError) unknown = g_error_new_literal (CELLOS_ERROR, 9999, "?");
  g_autofree char *line = NULL;
  g_autofree char *expected = NULL;

  cellos_json_writer_begin_array (writer);
  cellos_json_writer_error (writer, invalid);
  cellos_json_writer_error (writer, cancelled);
  cellos_json_writer_error (writer, other);
  cellos_json_writer_error (writer, unknown);
  cellos_json_writer_error (writer, NULL);
  cellos_json_writer_end_array (writer);
  line = cellos_json_writer_finish_line (writer, NULL);
  expected = g_strdup_printf ("[{\"domain\":\"cellos-error-quark\",\"nick\":\"invalid-spec\",\"code\":%d,\"message\":\"no \\\"id\\\"\"},"
                              "{\"domain\":\"g-io-error-quark\",\"nick\":\"cancelled\",\"code\":%d,\"message\":\"stop\"},"
                              "{\"domain\":\"g-file-error-quark\",\"nick\":null,\"code\":%d,\"message\":\"gone\"},"
                              "{\"domain\":\"cellos-error-quark\",\"nick\":null,\"code\":9999,\"message\":\"?\"},null]\n",
                              CELLOS_ERROR_INVALID_SPEC, G_IO_ERROR_CANCELLED, G_FILE_ERROR_NOENT);
  g_assert_cmpstr (line, ==, expected);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/json/parse/tree", test_parse_tree);
  g_test_add_func ("/json/parse/bad-text-fails-at-line-and-column", test_parse_bad);
  g_test_add_func ("/json/parse/deep-nesting-fails-without-crashing", test_parse_deep);
  g_test_add_func ("/json/writer/escapes-every-control-character", test_writer_escapes);
  g_test_add_func ("/json/writer/invalid-utf8-becomes-replacement", test_writer_invalid_utf8);
  g_test_add_func ("/json/writer/separators", test_writer_separators);
  g_test_add_func ("/json/writer/variant-as-json", test_writer_variant);
  g_test_add_func ("/json/writer/variant-repeated-key-written-once", test_writer_variant_repeated_key);
  g_test_add_func ("/json/writer/object-from-its-properties", test_writer_properties);
  g_test_add_func ("/json/writer/error-with-domain-nick-code", test_writer_error);
  g_test_add_func ("/json/writer/every-value-type", test_writer_every_value_type);

  return g_test_run ();
}
