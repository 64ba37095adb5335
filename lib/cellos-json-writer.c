/* cellos-json-writer.c: the JSON writer
 *
 * Copyright 2026 The CellOS authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/* Everything libcellos and its tool write as JSON goes through here: the
 * tool's JSON Lines, the fake backend's ledger, documents' changed
 * members. One writer, so that one escaping rule holds everywhere: what
 * is written is JSON to the strictest parser, whatever bytes a cell id or
 * a message holds (json-glib 1.6's generator writes U+001F raw, which is
 * not JSON). And objects are written from their properties, so that a
 * property added to a class reaches every output that writes it. */

#include "config.h"

#include <math.h>
#include <string.h>

#include <gio/gio.h>

#include "cellos-enum-types.h"
#include "cellos-error.h"
#include "cellos-json-writer-private.h"

/* Whether the bytes at @p start a C1 control character, U+0080 to U+009F,
 * in UTF-8. */
#define IS_C1(p) ((guchar) (p)[0] == 0xc2 && (guchar) (p)[1] >= 0x80 && (guchar) (p)[1] <= 0x9f)

static void
append_string_valid (GString    *out,
                     const char *value)
{
  const char *p;
  const char *run = value;

  g_string_append_c (out, '"');
  for (p = value; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c >= 0x20 && c != '"' && c != '\\' && c != 0x7f && !IS_C1 (p))
        continue;

      g_string_append_len (out, run, p - run);
      if (c == '"' || c == '\\')
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, (char) c);
        }
      else if (c == '\n')
        g_string_append (out, "\\n");
      else if (c == '\t')
        g_string_append (out, "\\t");
      else if (c == '\r')
        g_string_append (out, "\\r");
      else if (c == '\b')
        g_string_append (out, "\\b");
      else if (c == '\f')
        g_string_append (out, "\\f");
      else if (c == 0xc2)
        {
          /* A C1 control: two bytes, one character. */
          p++;
          g_string_append_printf (out, "\\u%04x", (guchar) *p);
        }
      else
        g_string_append_printf (out, "\\u%04x", c);
      run = p + 1;
    }
  g_string_append_len (out, run, p - run);
  g_string_append_c (out, '"');
}

void
cellos_json_append_string (GString    *out,
                           const char *value)
{
  if (g_utf8_validate (value, -1, NULL))
    append_string_valid (out, value);
  else
    {
      g_autofree char *valid = g_utf8_make_valid (value, -1);

      append_string_valid (out, valid);
    }
}

struct _CellosJsonWriter
{
  GString *out;
  /* For each array or object being written, innermost last: whether
   * nothing has been written in it yet. */
  GArray *empty;
  /* Whether a member's name was written last, which its value follows
   * without a comma. */
  gboolean after_name;
};

CellosJsonWriter *
cellos_json_writer_new (void)
{
  CellosJsonWriter *writer = g_new0 (CellosJsonWriter, 1);

  writer->out = g_string_new (NULL);
  writer->empty = g_array_new (FALSE, FALSE, sizeof (gboolean));
  return writer;
}

void
cellos_json_writer_free (CellosJsonWriter *writer)
{
  if (writer == NULL)
    return;
  g_string_free (writer->out, TRUE);
  g_array_unref (writer->empty);
  g_free (writer);
}

/* Writes the comma that separates the value about to be written from the
 * one before it, if any. */
static void
begin_value (CellosJsonWriter *writer)
{
  gboolean *empty;

  if (writer->after_name)
    {
      writer->after_name = FALSE;
      return;
    }
  if (writer->empty->len == 0)
    return;
  empty = &g_array_index (writer->empty, gboolean, writer->empty->len - 1);
  if (!*empty)
    g_string_append_c (writer->out, ',');
  *empty = FALSE;
}

static void
begin_container (CellosJsonWriter *writer,
                 char              open)
{
  gboolean empty = TRUE;

  begin_value (writer);
  g_string_append_c (writer->out, open);
  g_array_append_val (writer->empty, empty);
}

static void
end_container (CellosJsonWriter *writer,
               char              close)
{
  g_return_if_fail (writer->empty->len > 0);

  g_array_set_size (writer->empty, writer->empty->len - 1);
  g_string_append_c (writer->out, close);
}

void
cellos_json_writer_begin_object (CellosJsonWriter *writer)
{
  begin_container (writer, '{');
}

void
cellos_json_writer_end_object (CellosJsonWriter *writer)
{
  end_container (writer, '}');
}

void
cellos_json_writer_begin_array (CellosJsonWriter *writer)
{
  begin_container (writer, '[');
}

void
cellos_json_writer_end_array (CellosJsonWriter *writer)
{
  end_container (writer, ']');
}

void
cellos_json_writer_member (CellosJsonWriter *writer,
                           const char       *name)
{
  begin_value (writer);
  cellos_json_append_string (writer->out, name);
  g_string_append_c (writer->out, ':');
  writer->after_name = TRUE;
}

void
cellos_json_writer_null (CellosJsonWriter *writer)
{
  begin_value (writer);
  g_string_append (writer->out, "null");
}

void
cellos_json_writer_boolean (CellosJsonWriter *writer,
                            gboolean          value)
{
  begin_value (writer);
  g_string_append (writer->out, value ? "true" : "false");
}

void
cellos_json_writer_int (CellosJsonWriter *writer,
                        gint64            value)
{
  begin_value (writer);
  g_string_append_printf (writer->out, "%" G_GINT64_FORMAT, value);
}

void
cellos_json_writer_uint (CellosJsonWriter *writer,
                         guint64           value)
{
  begin_value (writer);
  g_string_append_printf (writer->out, "%" G_GUINT64_FORMAT, value);
}

void
cellos_json_writer_double (CellosJsonWriter *writer,
                           double            value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  /* JSON has no infinities and no NaN. */
  if (!isfinite (value))
    {
      cellos_json_writer_null (writer);
      return;
    }
  begin_value (writer);
  g_ascii_dtostr (buffer, sizeof buffer, value);
  g_string_append (writer->out, buffer);
  /* A double stays a real number to a reader that tells them apart from
   * integers (Python's json, for one): 2 is written 2.0. */
  if (strpbrk (buffer, ".eE") == NULL)
    g_string_append (writer->out, ".0");
}

void
cellos_json_writer_string (CellosJsonWriter *writer,
                           const char       *value)
{
  if (value == NULL)
    {
      cellos_json_writer_null (writer);
      return;
    }
  begin_value (writer);
  cellos_json_append_string (writer->out, value);
}

void
cellos_json_writer_strv (CellosJsonWriter   *writer,
                         const char * const *value)
{
  if (value == NULL)
    {
      cellos_json_writer_null (writer);
      return;
    }
  cellos_json_writer_begin_array (writer);
  for (; *value != NULL; value++)
    cellos_json_writer_string (writer, *value);
  cellos_json_writer_end_array (writer);
}

/* A dictionary whose keys are strings, object paths or signatures, which
 * become JSON member names. */
static gboolean
is_string_dictionary (const GVariantType *type)
{
  const GVariantType *element;

  if (!g_variant_type_is_array (type))
    return FALSE;
  element = g_variant_type_element (type);
  if (!g_variant_type_is_dict_entry (element))
    return FALSE;
  type = g_variant_type_key (element);
  return g_variant_type_equal (type, G_VARIANT_TYPE_STRING) ||
         g_variant_type_equal (type, G_VARIANT_TYPE_OBJECT_PATH) ||
         g_variant_type_equal (type, G_VARIANT_TYPE_SIGNATURE);
}

static void
write_dictionary (CellosJsonWriter *writer,
                  GVariant         *value)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  gsize n = g_variant_n_children (value);
  gsize i;

  cellos_json_writer_begin_object (writer);
  for (i = 0; i < n; i++)
    {
      g_autoptr(GVariant) entry = g_variant_get_child_value (value, i);
      g_autoptr(GVariant) key = g_variant_get_child_value (entry, 0);
      g_autoptr(GVariant) member = g_variant_get_child_value (entry, 1);
      const char *name = g_variant_get_string (key, NULL);

      /* A GVariant dictionary may repeat a key, a JSON object may not; a
       * lookup finds the first, so the first is the value. */
      if (!g_hash_table_add (seen, (gpointer) name))
        continue;
      cellos_json_writer_member (writer, name);
      cellos_json_writer_variant (writer, member);
    }
  cellos_json_writer_end_object (writer);
}

static void
write_children (CellosJsonWriter *writer,
                GVariant         *value)
{
  gsize n = g_variant_n_children (value);
  gsize i;

  cellos_json_writer_begin_array (writer);
  for (i = 0; i < n; i++)
    {
      g_autoptr(GVariant) child = g_variant_get_child_value (value, i);

      cellos_json_writer_variant (writer, child);
    }
  cellos_json_writer_end_array (writer);
}

void
cellos_json_writer_variant (CellosJsonWriter *writer,
                            GVariant         *value)
{
  if (value == NULL)
    {
      cellos_json_writer_null (writer);
      return;
    }

  switch (g_variant_classify (value))
    {
    case G_VARIANT_CLASS_BOOLEAN:
      cellos_json_writer_boolean (writer, g_variant_get_boolean (value));
      break;
    case G_VARIANT_CLASS_BYTE:
      cellos_json_writer_uint (writer, g_variant_get_byte (value));
      break;
    case G_VARIANT_CLASS_INT16:
      cellos_json_writer_int (writer, g_variant_get_int16 (value));
      break;
    case G_VARIANT_CLASS_UINT16:
      cellos_json_writer_uint (writer, g_variant_get_uint16 (value));
      break;
    case G_VARIANT_CLASS_INT32:
      cellos_json_writer_int (writer, g_variant_get_int32 (value));
      break;
    case G_VARIANT_CLASS_UINT32:
      cellos_json_writer_uint (writer, g_variant_get_uint32 (value));
      break;
    case G_VARIANT_CLASS_INT64:
      cellos_json_writer_int (writer, g_variant_get_int64 (value));
      break;
    case G_VARIANT_CLASS_UINT64:
      cellos_json_writer_uint (writer, g_variant_get_uint64 (value));
      break;
    case G_VARIANT_CLASS_HANDLE:
      cellos_json_writer_int (writer, g_variant_get_handle (value));
      break;
    case G_VARIANT_CLASS_DOUBLE:
      cellos_json_writer_double (writer, g_variant_get_double (value));
      break;
    case G_VARIANT_CLASS_STRING:
    case G_VARIANT_CLASS_OBJECT_PATH:
    case G_VARIANT_CLASS_SIGNATURE:
      cellos_json_writer_string (writer, g_variant_get_string (value, NULL));
      break;
    case G_VARIANT_CLASS_VARIANT:
      {
        g_autoptr(GVariant) inner = g_variant_get_variant (value);

        cellos_json_writer_variant (writer, inner);
      }
      break;
    case G_VARIANT_CLASS_MAYBE:
      {
        g_autoptr(GVariant) inner = g_variant_get_maybe (value);

        cellos_json_writer_variant (writer, inner);
      }
      break;
    case G_VARIANT_CLASS_ARRAY:
      if (is_string_dictionary (g_variant_get_type (value)))
        write_dictionary (writer, value);
      else
        write_children (writer, value);
      break;
    case G_VARIANT_CLASS_TUPLE:
    case G_VARIANT_CLASS_DICT_ENTRY:
    default:
      write_children (writer, value);
      break;
    }
}

static void
write_flags (CellosJsonWriter *writer,
             GType             type,
             guint             flags)
{
  g_autoptr(GFlagsClass) flags_class = g_type_class_ref (type);
  guint i;

  cellos_json_writer_begin_array (writer);
  for (i = 0; i < flags_class->n_values; i++)
    {
      const GFlagsValue *value = &flags_class->values[i];

      if (value->value != 0 && (flags & value->value) == value->value)
        cellos_json_writer_string (writer, value->value_nick);
    }
  cellos_json_writer_end_array (writer);
}

static gboolean
has_json_form (GType type)
{
  if (type == G_TYPE_STRV || G_TYPE_IS_ENUM (type) || G_TYPE_IS_FLAGS (type))
    return TRUE;
  switch (G_TYPE_FUNDAMENTAL (type))
    {
    case G_TYPE_STRING:
    case G_TYPE_BOOLEAN:
    case G_TYPE_CHAR:
    case G_TYPE_UCHAR:
    case G_TYPE_INT:
    case G_TYPE_UINT:
    case G_TYPE_LONG:
    case G_TYPE_ULONG:
    case G_TYPE_INT64:
    case G_TYPE_UINT64:
    case G_TYPE_FLOAT:
    case G_TYPE_DOUBLE:
    case G_TYPE_VARIANT:
      return TRUE;
    default:
      return FALSE;
    }
}

gboolean
cellos_json_writer_value (CellosJsonWriter *writer,
                          const GValue     *value)
{
  GType type = G_VALUE_TYPE (value);

  if (!has_json_form (type))
    return FALSE;

  if (type == G_TYPE_STRV)
    cellos_json_writer_strv (writer, g_value_get_boxed (value));
  else if (G_TYPE_IS_ENUM (type))
    {
      g_autoptr(GEnumClass) enum_class = g_type_class_ref (type);
      const GEnumValue *nick = g_enum_get_value (enum_class, g_value_get_enum (value));

      if (nick != NULL)
        cellos_json_writer_string (writer, nick->value_nick);
      else
        cellos_json_writer_int (writer, g_value_get_enum (value));
    }
  else if (G_TYPE_IS_FLAGS (type))
    write_flags (writer, type, g_value_get_flags (value));
  else
    switch (G_TYPE_FUNDAMENTAL (type))
      {
      case G_TYPE_STRING:
        cellos_json_writer_string (writer, g_value_get_string (value));
        break;
      case G_TYPE_BOOLEAN:
        cellos_json_writer_boolean (writer, g_value_get_boolean (value));
        break;
      case G_TYPE_CHAR:
        cellos_json_writer_int (writer, g_value_get_schar (value));
        break;
      case G_TYPE_UCHAR:
        cellos_json_writer_uint (writer, g_value_get_uchar (value));
        break;
      case G_TYPE_INT:
        cellos_json_writer_int (writer, g_value_get_int (value));
        break;
      case G_TYPE_UINT:
        cellos_json_writer_uint (writer, g_value_get_uint (value));
        break;
      case G_TYPE_LONG:
        cellos_json_writer_int (writer, g_value_get_long (value));
        break;
      case G_TYPE_ULONG:
        cellos_json_writer_uint (writer, g_value_get_ulong (value));
        break;
      case G_TYPE_INT64:
        cellos_json_writer_int (writer, g_value_get_int64 (value));
        break;
      case G_TYPE_UINT64:
        cellos_json_writer_uint (writer, g_value_get_uint64 (value));
        break;
      case G_TYPE_FLOAT:
        cellos_json_writer_double (writer, (double) g_value_get_float (value));
        break;
      case G_TYPE_DOUBLE:
        cellos_json_writer_double (writer, g_value_get_double (value));
        break;
      case G_TYPE_VARIANT:
      default:
        cellos_json_writer_variant (writer, g_value_get_variant (value));
        break;
      }
  return TRUE;
}

/* Orders properties as their classes installed them, the base class's
 * first. */
static int
compare_properties (gconstpointer a,
                    gconstpointer b)
{
  const GParamSpec *pa = *(GParamSpec * const *) a;
  const GParamSpec *pb = *(GParamSpec * const *) b;
  guint depth_a = g_type_depth (pa->owner_type);
  guint depth_b = g_type_depth (pb->owner_type);

  if (depth_a != depth_b)
    return depth_a < depth_b ? -1 : 1;
  return pa->param_id < pb->param_id ? -1 : pa->param_id > pb->param_id;
}

void
cellos_json_writer_properties (CellosJsonWriter *writer,
                               GObject          *object)
{
  g_autofree GParamSpec **properties = NULL;
  guint n_properties, i;

  if (object == NULL)
    {
      cellos_json_writer_null (writer);
      return;
    }

  properties = g_object_class_list_properties (G_OBJECT_GET_CLASS (object), &n_properties);
  qsort (properties, n_properties, sizeof (GParamSpec *), compare_properties);

  cellos_json_writer_begin_object (writer);
  for (i = 0; i < n_properties; i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;

      if ((properties[i]->flags & G_PARAM_READABLE) == 0 ||
          !has_json_form (properties[i]->value_type))
        continue;
      g_value_init (&value, properties[i]->value_type);
      g_object_get_property (object, properties[i]->name, &value);
      cellos_json_writer_member (writer, properties[i]->name);
      cellos_json_writer_value (writer, &value);
    }
  cellos_json_writer_end_object (writer);
}

const char *
cellos_json_error_nick (const GError *error)
{
  g_autoptr(GEnumClass) codes = NULL;
  const GEnumValue *value;
  GType type;

  if (error->domain == CELLOS_ERROR)
    type = CELLOS_TYPE_ERROR;
  else if (error->domain == G_IO_ERROR)
    type = G_TYPE_IO_ERROR_ENUM;
  else
    return NULL;

  codes = g_type_class_ref (type);
  value = g_enum_get_value (codes, error->code);
  return value != NULL ? value->value_nick : NULL;
}

void
cellos_json_writer_error (CellosJsonWriter *writer,
                          const GError     *error)
{
  if (error == NULL)
    {
      cellos_json_writer_null (writer);
      return;
    }

  cellos_json_writer_begin_object (writer);
  cellos_json_writer_member (writer, "domain");
  cellos_json_writer_string (writer, g_quark_to_string (error->domain));
  cellos_json_writer_member (writer, "nick");
  cellos_json_writer_string (writer, cellos_json_error_nick (error));
  cellos_json_writer_member (writer, "code");
  cellos_json_writer_int (writer, error->code);
  cellos_json_writer_member (writer, "message");
  cellos_json_writer_string (writer, error->message);
  cellos_json_writer_end_object (writer);
}

char *
cellos_json_writer_finish_line (CellosJsonWriter *writer,
                                gsize            *length)
{
  GString *out = writer->out;

  g_return_val_if_fail (writer->empty->len == 0, NULL);

  g_string_append_c (out, '\n');
  writer->out = g_string_new (NULL);
  writer->after_name = FALSE;
  if (length != NULL)
    *length = out->len;
  return g_string_free (out, FALSE);
}
