/* cellos-execution-cell-document.c: what a cell should be
 *
 * Copyright 2026 The CellOS authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "cellos-error.h"
#include "cellos-execution-cell-document.h"
#include "cellos-i18n-private.h"
#include "cellos-json-check-private.h"

/**
 * CellosExecutionCellDocument:
 *
 * An execution cell document: what a cell should be.
 *
 * Its JSON form is an object with a `spec` object; `spec.id` is a string
 * naming the cell and `spec.argv` an optional array of strings:
 *
 * ```json
 * { "spec": { "id": "build-42", "argv": ["/bin/true"] } }
 * ```
 *
 * Every other member, at any depth, is kept as it was read and written back
 * by [method@Cellos.ExecutionCellDocument.to_data], so a document that passes
 * through libcellos loses nothing. Reading is strict (RFC 8259): comments,
 * duplicate member names, numbers that cannot be represented and trailing
 * content are refused with %CELLOS_ERROR_INVALID_DOCUMENT, whose message
 * names the place, as `LINE:COLUMN: …` or as a member path such as
 * `spec.argv[2]: …`.
 *
 * A document with an empty or missing `spec.id` is a valid document; it is
 * a backend's `create` that refuses it.
 *
 * Since: 1.0
 */

struct _CellosExecutionCellDocument
{
  GObject parent_instance;

  char *id;
  GStrv argv;

  /* The whole document, so that members this library does not know about
   * are written back unchanged; spec.id and spec.argv are kept in step
   * with the fields above by the setters. */
  JsonObject *root;
  JsonObject *spec;
};

enum {
  PROP_0,
  PROP_ID,
  PROP_ARGV,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (CellosExecutionCellDocument, cellos_execution_cell_document, G_TYPE_OBJECT)

static void
cellos_execution_cell_document_finalize (GObject *object)
{
  CellosExecutionCellDocument *self = CELLOS_EXECUTION_CELL_DOCUMENT (object);

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->argv, g_strfreev);
  g_clear_pointer (&self->root, json_object_unref);

  G_OBJECT_CLASS (cellos_execution_cell_document_parent_class)->finalize (object);
}

static void
cellos_execution_cell_document_get_property (GObject    *object,
                                             guint       prop_id,
                                             GValue     *value,
                                             GParamSpec *pspec)
{
  CellosExecutionCellDocument *self = CELLOS_EXECUTION_CELL_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_ARGV:
      g_value_set_boxed (value, self->argv);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cellos_execution_cell_document_set_property (GObject      *object,
                                             guint         prop_id,
                                             const GValue *value,
                                             GParamSpec   *pspec)
{
  CellosExecutionCellDocument *self = CELLOS_EXECUTION_CELL_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      cellos_execution_cell_document_set_id (self, g_value_get_string (value));
      break;
    case PROP_ARGV:
      cellos_execution_cell_document_set_argv (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cellos_execution_cell_document_class_init (CellosExecutionCellDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cellos_execution_cell_document_finalize;
  object_class->get_property = cellos_execution_cell_document_get_property;
  object_class->set_property = cellos_execution_cell_document_set_property;

  /**
   * CellosExecutionCellDocument:id: (getter get_id) (setter set_id)
   *
   * The cell's identifier, `spec.id`, or %NULL if the document has none.
   *
   * Since: 1.0
   */
  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS);

  /**
   * CellosExecutionCellDocument:argv: (getter get_argv) (setter set_argv)
   *
   * The command the cell runs, `spec.argv`, or %NULL if the document has
   * none.
   *
   * Since: 1.0
   */
  properties[PROP_ARGV] =
    g_param_spec_boxed ("argv", NULL, NULL,
                        G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cellos_execution_cell_document_init (CellosExecutionCellDocument *self)
{
  self->root = json_object_new ();
  self->spec = json_object_new ();
  json_object_set_object_member (self->root, "spec", self->spec);
}

/**
 * cellos_execution_cell_document_new:
 * @id: (nullable): the cell's identifier
 *
 * Creates a document with `spec.id` set to @id and no `spec.argv`.
 *
 * Returns: (transfer full): a new document
 *
 * Since: 1.0
 */
CellosExecutionCellDocument *
cellos_execution_cell_document_new (const char *id)
{
  return g_object_new (CELLOS_TYPE_EXECUTION_CELL_DOCUMENT,
                       "id", id,
                       NULL);
}

static const char *
describe_node (JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      return _("an object");
    case JSON_NODE_ARRAY:
      return _("an array");
    case JSON_NODE_NULL:
      return _("null");
    case JSON_NODE_VALUE:
    default:
      break;
    }

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return _("a string");
    case G_TYPE_BOOLEAN:
      return _("a boolean");
    default:
      return _("a number");
    }
}

static gboolean
node_is_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_STRING;
}

static gboolean
set_wrong_type (GError     **error,
                const char  *path,
                const char  *expected,
                JsonNode    *found)
{
  /* Translators: the first %s is a member path such as spec.argv[2], the
   * second what it should be (“a string”), the third what it is. */
  g_set_error (error, CELLOS_ERROR, CELLOS_ERROR_INVALID_DOCUMENT,
               _("%s: expected %s, found %s"),
               path, expected, describe_node (found));
  return FALSE;
}

static gboolean
read_spec (CellosExecutionCellDocument  *self,
           JsonNode                     *root,
           GError                      **error)
{
  JsonObject *root_object;
  JsonNode *spec;
  JsonNode *id;
  JsonNode *argv;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    return set_wrong_type (error, _("document"), _("an object"), root);

  root_object = json_node_get_object (root);
  spec = json_object_get_member (root_object, "spec");
  if (spec == NULL)
    {
      g_set_error_literal (error, CELLOS_ERROR, CELLOS_ERROR_INVALID_DOCUMENT,
                           _("spec: the document has no “spec” object"));
      return FALSE;
    }
  if (!JSON_NODE_HOLDS_OBJECT (spec))
    return set_wrong_type (error, "spec", _("an object"), spec);

  id = json_object_get_member (json_node_get_object (spec), "id");
  if (id != NULL && !node_is_string (id))
    return set_wrong_type (error, "spec.id", _("a string"), id);

  argv = json_object_get_member (json_node_get_object (spec), "argv");
  if (argv != NULL)
    {
      JsonArray *array;
      guint length, i;

      if (!JSON_NODE_HOLDS_ARRAY (argv))
        return set_wrong_type (error, "spec.argv", _("an array of strings"), argv);

      array = json_node_get_array (argv);
      length = json_array_get_length (array);
      for (i = 0; i < length; i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (!node_is_string (element))
            {
              g_autofree char *path = g_strdup_printf ("spec.argv[%u]", i);

              return set_wrong_type (error, path, _("a string"), element);
            }
        }

      g_clear_pointer (&self->argv, g_strfreev);
      self->argv = g_new (char *, length + 1);
      for (i = 0; i < length; i++)
        self->argv[i] = g_strdup (json_array_get_string_element (array, i));
      self->argv[length] = NULL;
    }

  g_free (self->id);
  self->id = id != NULL ? g_strdup (json_node_get_string (id)) : NULL;

  g_clear_pointer (&self->root, json_object_unref);
  self->root = json_object_ref (root_object);
  self->spec = json_node_get_object (spec);
  return TRUE;
}

/**
 * cellos_execution_cell_document_new_from_data:
 * @data: (array length=length) (element-type guint8): JSON text, UTF-8
 * @length: the length of @data in bytes, or -1 if it is nul-terminated
 * @error: return location for a #GError
 *
 * Reads a document from its JSON form.
 *
 * Errors are %CELLOS_ERROR_INVALID_DOCUMENT, whose message starts with
 * `LINE:COLUMN:` for text that is not well-formed JSON, or with the member
 * path (such as `spec.argv[2]:`) for a member of the wrong type.
 *
 * Returns: (transfer full): the document, or %NULL on error
 *
 * Since: 1.0
 */
CellosExecutionCellDocument *
cellos_execution_cell_document_new_from_data (const char  *data,
                                              gssize       length,
                                              GError     **error)
{
  g_autoptr(CellosExecutionCellDocument) self = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) parse_error = NULL;
  gsize size;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (data == NULL)
    data = "";
  size = length < 0 ? strlen (data) : (gsize) length;

  if (!cellos_json_check (data, size, error))
    return NULL;

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, data, (gssize) size, &parse_error))
    {
      /* Not reached for text that passed the check above; kept so that a
       * difference between the two parsers is an error, not a crash. */
      g_set_error_literal (error, CELLOS_ERROR, CELLOS_ERROR_INVALID_DOCUMENT,
                           parse_error->message);
      return NULL;
    }

  self = g_object_new (CELLOS_TYPE_EXECUTION_CELL_DOCUMENT, NULL);
  if (!read_spec (self, json_parser_get_root (parser), error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * cellos_execution_cell_document_new_from_file:
 * @file: the file to read
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Reads a document from the JSON file @file. Errors reading the file are
 * those of g_file_load_contents(); errors in its content are as for
 * cellos_execution_cell_document_new_from_data().
 *
 * Returns: (transfer full): the document, or %NULL on error
 *
 * Since: 1.0
 */
CellosExecutionCellDocument *
cellos_execution_cell_document_new_from_file (GFile         *file,
                                              GCancellable  *cancellable,
                                              GError       **error)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_file_load_contents (file, cancellable, &contents, &length, NULL, error))
    return NULL;

  return cellos_execution_cell_document_new_from_data (contents, (gssize) length, error);
}

/* JsonGenerator (json-glib 1.6) writes two things that are not JSON, and
 * to_data() must write what new_from_data() reads back:
 *  - a double without a decimal point gets ".0" appended, also after an
 *    exponent: 1e-300 comes out as "1e-300.0";
 *  - control characters other than \b \f \n \r \t are written raw
 *    inside strings, where JSON requires an escape.
 * Rewrites those two, and nothing else, into @out. */
static void
append_strict_json (GString    *out,
                    const char *text,
                    gsize       length)
{
  gboolean in_string = FALSE;
  gboolean in_exponent = FALSE;
  gsize i;

  for (i = 0; i < length; i++)
    {
      char c = text[i];

      if (in_string)
        {
          if (c == '\\' && i + 1 < length)
            {
              g_string_append_len (out, text + i, 2);
              i++;
              continue;
            }
          if (c == '"')
            in_string = FALSE;
          else if ((guchar) c < 0x20)
            {
              g_string_append_printf (out, "\\u%04x", (guint) c);
              continue;
            }
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == 'e' || c == 'E')
        in_exponent = TRUE;
      else if (in_exponent && c == '.')
        {
          while (i + 1 < length && text[i + 1] == '0')
            i++;
          continue;
        }
      else if (!g_ascii_isdigit (c) && c != '+' && c != '-')
        in_exponent = FALSE;

      g_string_append_c (out, c);
    }
}

/**
 * cellos_execution_cell_document_to_data:
 * @self: a #CellosExecutionCellDocument
 * @length: (out) (optional): return location for the length of the text
 *
 * Writes the document as JSON, with every member it was read with.
 *
 * Returns: (transfer full): the JSON text, nul-terminated
 *
 * Since: 1.0
 */
char *
cellos_execution_cell_document_to_data (CellosExecutionCellDocument *self,
                                        gsize                       *length)
{
  g_autoptr(JsonGenerator) generator = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GString) strict = NULL;
  gsize text_length;

  g_return_val_if_fail (CELLOS_IS_EXECUTION_CELL_DOCUMENT (self), NULL);

  root = json_node_init_object (json_node_alloc (), self->root);
  generator = json_generator_new ();
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, root);

  text = json_generator_to_data (generator, &text_length);
  strict = g_string_sized_new (text_length + 1);
  append_strict_json (strict, text, text_length);
  if (length != NULL)
    *length = strict->len;

  return g_string_free (g_steal_pointer (&strict), FALSE);
}

/**
 * cellos_execution_cell_document_get_id: (get-property id)
 * @self: a #CellosExecutionCellDocument
 *
 * Gets the cell's identifier, `spec.id`.
 *
 * Returns: (nullable): the identifier, or %NULL if the document has none
 *
 * Since: 1.0
 */
const char *
cellos_execution_cell_document_get_id (CellosExecutionCellDocument *self)
{
  g_return_val_if_fail (CELLOS_IS_EXECUTION_CELL_DOCUMENT (self), NULL);

  return self->id;
}

/**
 * cellos_execution_cell_document_set_id: (set-property id)
 * @self: a #CellosExecutionCellDocument
 * @id: (nullable): the identifier, or %NULL to remove it
 *
 * Sets the cell's identifier, `spec.id`.
 *
 * Since: 1.0
 */
void
cellos_execution_cell_document_set_id (CellosExecutionCellDocument *self,
                                       const char                  *id)
{
  g_return_if_fail (CELLOS_IS_EXECUTION_CELL_DOCUMENT (self));

  if (g_strcmp0 (self->id, id) == 0)
    return;

  g_free (self->id);
  self->id = g_strdup (id);

  if (id != NULL)
    json_object_set_string_member (self->spec, "id", id);
  else if (json_object_has_member (self->spec, "id"))
    json_object_remove_member (self->spec, "id");

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

/**
 * cellos_execution_cell_document_get_argv: (get-property argv)
 * @self: a #CellosExecutionCellDocument
 *
 * Gets the command the cell runs, `spec.argv`.
 *
 * Returns: (nullable) (array zero-terminated=1) (transfer none): the
 *   command, or %NULL if the document has none
 *
 * Since: 1.0
 */
const char * const *
cellos_execution_cell_document_get_argv (CellosExecutionCellDocument *self)
{
  g_return_val_if_fail (CELLOS_IS_EXECUTION_CELL_DOCUMENT (self), NULL);

  return (const char * const *) self->argv;
}

/**
 * cellos_execution_cell_document_set_argv: (set-property argv)
 * @self: a #CellosExecutionCellDocument
 * @argv: (nullable) (array zero-terminated=1): the command, or %NULL to
 *   remove it
 *
 * Sets the command the cell runs, `spec.argv`.
 *
 * Since: 1.0
 */
void
cellos_execution_cell_document_set_argv (CellosExecutionCellDocument *self,
                                         const char * const          *argv)
{
  g_return_if_fail (CELLOS_IS_EXECUTION_CELL_DOCUMENT (self));

  if (argv == NULL && self->argv == NULL)
    return;
  if (argv != NULL && self->argv != NULL &&
      g_strv_equal ((const char * const *) self->argv, argv))
    return;

  g_clear_pointer (&self->argv, g_strfreev);
  if (argv != NULL)
    {
      JsonArray *array = json_array_sized_new (g_strv_length ((GStrv) argv));
      guint i;

      self->argv = g_strdupv ((GStrv) argv);
      for (i = 0; argv[i] != NULL; i++)
        json_array_add_string_element (array, argv[i]);
      json_object_set_array_member (self->spec, "argv", array);
    }
  else
    {
      json_object_remove_member (self->spec, "argv");
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ARGV]);
}
