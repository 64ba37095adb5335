/* cellos-execution-cell-document.c: what a cell should be
 *
 * Copyright 2026 The CellOS authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

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
 * A document keeps the text it was read from, and
 * [method@Cellos.ExecutionCellDocument.to_data] writes that text back with
 * only the members a setter changed written anew, so a document that
 * passes through libcellos loses nothing: every other member, at any
 * depth, comes back byte for byte. Numbers are JSON text, not C doubles:
 * `-0`, `1E2`, `0.1` and `1e-999` come back as written. Strings keep their
 * escapes, members their order, the text its whitespace. What may differ
 * is only what a setter changed: the new value is written in place of the
 * old one (a string with the fewest escapes JSON needs), a removed member
 * is taken out with one comma next to it, and a member that was not there
 * is added at the end of `spec`.
 *
 * Reading is one strict RFC 8259 pass: comments, duplicate member names,
 * lone surrogates, nesting deeper than 512 levels and trailing content are
 * refused with %CELLOS_ERROR_INVALID_DOCUMENT, whose message names the
 * place, as `LINE:COLUMN: …` or as a member path such as `spec.argv[2]: …`.
 * Any number and any string is accepted, `\u0000` included, except that
 * `spec.id` and `spec.argv`, which become C strings, cannot hold a NUL.
 * Documents come from outside, so reading has a size limit,
 * %CELLOS_EXECUTION_CELL_DOCUMENT_DEFAULT_MAX_SIZE (16 MiB) unless the
 * program chooses another with
 * [ctor@Cellos.ExecutionCellDocument.new_from_stream], checked while
 * reading; and no input costs more than time linear-ish in its size and
 * memory a small multiple of it.
 *
 * Reading a document — the getters, the properties and `to_data()` — from
 * any number of threads at once is safe. Changing it (the setters) needs
 * exclusive access: no other thread may read or change it meanwhile.
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
  char **argv;          /* one allocation, see cellos_json_read() */

  /* The text the document was read from (for a new document, an empty
   * spec), and where spec.id and spec.argv are in it: to_data() writes it
   * back with only the members a setter changed re-encoded. Nothing here
   * changes except through the setters, so reading from any number of
   * threads at once is safe. */
  char *text;
  gsize text_length;
  CellosJsonLayout layout;
  gboolean id_changed;
  gboolean argv_changed;
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
  g_clear_pointer (&self->argv, g_free);
  g_clear_pointer (&self->text, g_free);

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

/* What a new document is written from: an empty spec, to which the
 * setters add members. */
#define NEW_DOCUMENT_TEXT "{\"spec\": {}}"

static void
cellos_execution_cell_document_init (CellosExecutionCellDocument *self)
{
  self->text = g_strdup (NEW_DOCUMENT_TEXT);
  self->text_length = strlen (NEW_DOCUMENT_TEXT);
  self->layout.spec_open = strlen ("{\"spec\": ");
  self->layout.spec_close = self->layout.spec_open + 1;
}

/**
 * cellos_execution_cell_document_new:
 * @id: (nullable): the cell's identifier
 *
 * Creates a document with `spec.id` set to @id and no `spec.argv`. @id
 * must be valid UTF-8.
 *
 * Returns: (transfer full): a new document
 *
 * Since: 1.0
 */
CellosExecutionCellDocument *
cellos_execution_cell_document_new (const char *id)
{
  g_return_val_if_fail (id == NULL || g_utf8_validate (id, -1, NULL), NULL);

  return g_object_new (CELLOS_TYPE_EXECUTION_CELL_DOCUMENT,
                       "id", id,
                       NULL);
}

static CellosExecutionCellDocument *
fail_too_large (gsize    max_size,
                GError **error)
{
  g_autofree char *limit = g_strdup_printf ("%" G_GSIZE_FORMAT, max_size);

  /* Translators: %s is a number of bytes. */
  g_set_error (error, CELLOS_ERROR, CELLOS_ERROR_INVALID_DOCUMENT,
               _("the document is larger than %s bytes, the most that may be read"),
               limit);
  return NULL;
}

/* Makes a document of @text, nul-terminated, which it owns from then on;
 * the caller has held @length to its size limit. */
static CellosExecutionCellDocument *
document_new_take (char    *text,
                   gsize    length,
                   GError **error)
{
  g_autofree char *owned = text;
  g_autoptr(CellosExecutionCellDocument) self = NULL;
  CellosJsonLayout layout;
  char *id;
  char **argv;

  if (!cellos_json_read (owned, length, &layout, &id, &argv, error))
    return NULL;

  self = g_object_new (CELLOS_TYPE_EXECUTION_CELL_DOCUMENT, NULL);
  g_free (self->text);
  self->text = g_steal_pointer (&owned);
  self->text_length = length;
  self->layout = layout;
  self->id = id;
  self->argv = argv;
  return g_steal_pointer (&self);
}

/**
 * cellos_execution_cell_document_new_from_data:
 * @data: (array length=length) (element-type guint8): JSON text, UTF-8
 * @length: the length of @data in bytes, or -1 if it is nul-terminated
 * @error: return location for a #GError
 *
 * Reads a document from its JSON form. The document keeps a copy of the
 * text, so that [method@Cellos.ExecutionCellDocument.to_data] can write
 * it back exactly.
 *
 * Errors are %CELLOS_ERROR_INVALID_DOCUMENT, whose message starts with
 * `LINE:COLUMN:` for text that is not well-formed JSON, or with the member
 * path (such as `spec.argv[2]:`) for a member of the wrong type. Text
 * longer than %CELLOS_EXECUTION_CELL_DOCUMENT_DEFAULT_MAX_SIZE bytes is
 * refused with %CELLOS_ERROR_INVALID_DOCUMENT too; read such a document
 * with cellos_execution_cell_document_new_from_stream() and a larger limit.
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
  gsize size;
  char *text;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (data == NULL)
    data = "";
  size = length < 0 ? strlen (data) : (gsize) length;
  if (size > CELLOS_EXECUTION_CELL_DOCUMENT_DEFAULT_MAX_SIZE)
    return fail_too_large (CELLOS_EXECUTION_CELL_DOCUMENT_DEFAULT_MAX_SIZE, error);

  text = g_malloc (size + 1);
  memcpy (text, data, size);
  text[size] = '\0';
  return document_new_take (text, size, error);
}

/* The most bytes of text any document may have, whatever a caller asks
 * for: the reader's own limit, and on systems with 32-bit sizes a
 * sixteenth of the address space (256 MiB − 1), as reading holds the text
 * up to three times over at its peak (the blocks below, then the copy
 * the document keeps) and the reader's tables of member names take up to
 * about three times its size again. */
#define DOCUMENT_MAX_LENGTH MIN (CELLOS_JSON_MAX_LENGTH, G_MAXSIZE / 16)

/* A stream is read into blocks, the first of this size and each later
 * one as large as all before it, so that a document takes O(log size)
 * reads and allocations. Blocks rather than one buffer that grows:
 * refusing a stream for its size never copies what was read, and the
 * text is copied once, into an allocation of its exact size, only when
 * the end of the stream has come within the limit. */
#define FIRST_READ_SIZE 8192

typedef struct
{
  char *data;
  gsize used;
} ReadBlock;

static void
read_block_clear (gpointer data)
{
  g_free (((ReadBlock *) data)->data);
}

static CellosExecutionCellDocument *
fail_out_of_memory (gsize    length,
                    GError **error)
{
  g_autofree char *read = g_strdup_printf ("%" G_GSIZE_FORMAT, length);

  /* Translators: %s is a number of bytes. */
  g_set_error (error, CELLOS_ERROR, CELLOS_ERROR_INVALID_DOCUMENT,
               _("the document is larger than the memory this process could allocate for it (%s bytes read)"),
               read);
  return NULL;
}

/**
 * cellos_execution_cell_document_new_from_stream:
 * @stream: the stream to read, to its end
 * @max_size: the most bytes to read; a longer document is refused
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Reads a document from @stream, which is read to its end and not closed.
 * Reading stops as soon as more than @max_size bytes have come: such a
 * document is refused with %CELLOS_ERROR_INVALID_DOCUMENT (“… is larger
 * than …”) without reading the rest, so an endless or huge stream costs no
 * more than @max_size bytes of memory. Pass
 * %CELLOS_EXECUTION_CELL_DOCUMENT_DEFAULT_MAX_SIZE for the limit the other
 * constructors use.
 *
 * Whatever @max_size says, no document larger than 4 GiB − 1 bytes is
 * ever read, and where sizes are 32 bits (`sizeof (gsize)` is 4, as on
 * i386) none larger than 256 MiB − 1 bytes, so that reading one never
 * needs more than the address space holds; %G_MAXSIZE as @max_size means
 * that limit. A document for which no memory can be had is refused with
 * %CELLOS_ERROR_INVALID_DOCUMENT (“… is larger than the memory …”) too,
 * never with an abort.
 *
 * Errors reading the stream are those of g_input_stream_read(); errors in
 * its content are as for cellos_execution_cell_document_new_from_data().
 *
 * Returns: (transfer full): the document, or %NULL on error
 *
 * Since: 1.2
 */
CellosExecutionCellDocument *
cellos_execution_cell_document_new_from_stream (GInputStream  *stream,
                                                gsize          max_size,
                                                GCancellable  *cancellable,
                                                GError       **error)
{
  g_autoptr(GArray) blocks = NULL;
  ReadBlock *block = NULL;
  gsize block_size = 0;
  gsize capacity = 0;
  gsize length = 0;
  char *text;
  gsize copied = 0;

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  max_size = MIN (max_size, DOCUMENT_MAX_LENGTH);
  blocks = g_array_new (FALSE, FALSE, sizeof (ReadBlock));
  g_array_set_clear_func (blocks, read_block_clear);
  for (;;)
    {
      gssize n;

      if (block == NULL || block->used == block_size)
        {
          ReadBlock next = { NULL, 0 };

          /* Room for one byte more than the limit, which tells a
           * document of exactly max_size bytes from a longer one. As
           * max_size is at most DOCUMENT_MAX_LENGTH, nothing here wraps. */
          block_size = MIN (MAX (FIRST_READ_SIZE, capacity), max_size + 1 - capacity);
          next.data = g_try_malloc (block_size);
          if (next.data == NULL)
            return fail_out_of_memory (length, error);
          g_array_append_val (blocks, next);
          block = &g_array_index (blocks, ReadBlock, blocks->len - 1);
          capacity += block_size;
        }

      n = g_input_stream_read (stream, block->data + block->used,
                               block_size - block->used, cancellable, error);
      if (n < 0)
        return NULL;
      if (n == 0)
        break;
      block->used += (gsize) n;
      length += (gsize) n;
      if (length > max_size)
        return fail_too_large (max_size, error);
    }

  text = g_try_malloc (length + 1);
  if (text == NULL)
    return fail_out_of_memory (length, error);
  for (guint i = 0; i < blocks->len; i++)
    {
      block = &g_array_index (blocks, ReadBlock, i);
      memcpy (text + copied, block->data, block->used);
      copied += block->used;
    }
  text[length] = '\0';
  g_clear_pointer (&blocks, g_array_unref);
  return document_new_take (text, length, error);
}

/**
 * cellos_execution_cell_document_new_from_file:
 * @file: the file to read
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Reads a document from the JSON file @file, with the limit of
 * %CELLOS_EXECUTION_CELL_DOCUMENT_DEFAULT_MAX_SIZE bytes: reading stops as
 * soon as the file is longer, so a huge file or an endless one such as
 * `/dev/zero` is refused early. Errors opening and reading the file are
 * those of g_file_read() and g_input_stream_read(); errors in its content
 * are as for cellos_execution_cell_document_new_from_data(). To choose
 * another limit, use cellos_execution_cell_document_new_from_stream().
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
  g_autoptr(GFileInputStream) stream = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stream = g_file_read (file, cancellable, error);
  if (stream == NULL)
    return NULL;

  return cellos_execution_cell_document_new_from_stream (G_INPUT_STREAM (stream),
                                                         CELLOS_EXECUTION_CELL_DOCUMENT_DEFAULT_MAX_SIZE,
                                                         cancellable, error);
}

static void
append_argv (GString            *out,
             const char * const *argv)
{
  gsize i;

  g_string_append_c (out, '[');
  for (i = 0; argv[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (out, ", ");
      cellos_json_append_string (out, argv[i]);
    }
  g_string_append_c (out, ']');
}

typedef struct
{
  gsize start;
  gsize end;
  GString *replacement;
} Edit;

static void
clear_edit (Edit *edit)
{
  if (edit->replacement != NULL)
    g_string_free (edit->replacement, TRUE);
}

static int
compare_edits (gconstpointer a,
               gconstpointer b)
{
  const Edit *edit_a = a;
  const Edit *edit_b = b;

  return edit_a->start < edit_b->start ? -1 : edit_a->start > edit_b->start;
}

static gboolean
is_whitespace (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* The text to remove with @member: the member and one comma next to it,
 * the one before it unless an earlier removal (ending at @floor) took that
 * one, or else the one after it. */
static Edit
removal (const char             *text,
         const CellosJsonMember *member,
         gsize                   floor)
{
  Edit edit = { member->member_start, member->value_end, NULL };
  gsize before = member->member_start;
  gsize after = member->value_end;

  while (before > floor && is_whitespace (text[before - 1]))
    before--;
  while (is_whitespace (text[after]))
    after++;

  if (before > floor && text[before - 1] == ',')
    edit.start = before - 1;
  else if (text[after] == ',')
    edit.end = after + 1;
  return edit;
}

/**
 * cellos_execution_cell_document_to_data:
 * @self: a #CellosExecutionCellDocument
 * @length: (out) (optional): return location for the length of the text
 *
 * Writes the document as JSON.
 *
 * A document that was read is written as the text it was read from, with
 * only the members a setter changed written anew: every other member, at
 * any depth, comes back exactly as it was — numbers keep their text (`-0`,
 * `1E2`, `0.10` and `1e-999` are not converted), strings their escapes,
 * members their order, and the text its whitespace. A member removed by a
 * setter is taken out with one comma next to it, and a member added by a
 * setter is written at the end of `spec`. A document made with
 * cellos_execution_cell_document_new() is written as a `spec` object with
 * the members the setters gave it.
 *
 * Returns: (transfer full): the JSON text, nul-terminated
 *
 * Since: 1.0
 */
char *
cellos_execution_cell_document_to_data (CellosExecutionCellDocument *self,
                                        gsize                       *length)
{
  g_autoptr(GString) out = NULL;
  g_autoptr(GString) added = NULL;
  const CellosJsonMember *members[2];
  gboolean changed[2];
  Edit edits[3];
  gsize n_edits = 0;
  gsize floor, remaining, position, i;

  g_return_val_if_fail (CELLOS_IS_EXECUTION_CELL_DOCUMENT (self), NULL);

  /* In the order they are in the text, for removal(). */
  if (self->layout.argv.present && self->layout.id.present &&
      self->layout.argv.member_start < self->layout.id.member_start)
    {
      members[0] = &self->layout.argv;
      changed[0] = self->argv_changed;
      members[1] = &self->layout.id;
      changed[1] = self->id_changed;
    }
  else
    {
      members[0] = &self->layout.id;
      changed[0] = self->id_changed;
      members[1] = &self->layout.argv;
      changed[1] = self->argv_changed;
    }

  floor = self->layout.spec_open + 1;
  remaining = self->layout.spec_members;
  added = g_string_new (NULL);
  for (i = 0; i < 2; i++)
    {
      const CellosJsonMember *member = members[i];
      gboolean is_id = member == &self->layout.id;
      gboolean has_value = is_id ? self->id != NULL : self->argv != NULL;
      GString *value;

      if (!changed[i])
        continue;

      if (member->present && !has_value)
        {
          edits[n_edits] = removal (self->text, member, floor);
          floor = edits[n_edits].end;
          n_edits++;
          remaining--;
          continue;
        }
      if (!has_value)
        continue;

      value = g_string_new (NULL);
      if (is_id)
        cellos_json_append_string (value, self->id);
      else
        append_argv (value, (const char * const *) self->argv);

      if (member->present)
        {
          edits[n_edits++] = (Edit) { member->value_start, member->value_end, value };
          continue;
        }

      if (added->len > 0)
        g_string_append (added, ", ");
      g_string_append_printf (added, "\"%s\": %s", is_id ? "id" : "argv", value->str);
      g_string_free (value, TRUE);
    }

  if (added->len > 0)
    {
      GString *insertion = g_string_new (remaining > 0 ? ", " : "");

      g_string_append_len (insertion, added->str, added->len);
      edits[n_edits++] = (Edit) { self->layout.spec_close, self->layout.spec_close, insertion };
    }

  qsort (edits, n_edits, sizeof (Edit), compare_edits);
  out = g_string_sized_new (self->text_length + 1);
  position = 0;
  for (i = 0; i < n_edits; i++)
    {
      g_string_append_len (out, self->text + position, edits[i].start - position);
      if (edits[i].replacement != NULL)
        g_string_append_len (out, edits[i].replacement->str, edits[i].replacement->len);
      position = edits[i].end;
      clear_edit (&edits[i]);
    }
  g_string_append_len (out, self->text + position, self->text_length - position);

  if (length != NULL)
    *length = out->len;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * cellos_execution_cell_document_dup_member:
 * @self: a #CellosExecutionCellDocument
 * @pointer: a JSON Pointer (RFC 6901), such as `"/spec/resources/memory"`,
 *   `"/spec/argv/0"`, or `""` for the whole document
 *
 * Gives the JSON text of the member @pointer names, exactly as the document
 * has it: a backend reads the members this library does not know about
 * (resources, mounts, network policy, …) with it, and parses the text
 * with any JSON reader, such as json-glib's #JsonParser or Python's
 * `json.loads()`. Numbers come back as written, as everywhere in a
 * document; changes made with the setters are seen.
 *
 * In a pointer, `~1` stands for `/` and `~0` for `~` in a member name;
 * array elements are named by their index.
 *
 * Like the getters, this may be called from any number of threads at
 * once.
 *
 * Returns: (transfer full) (nullable): the member's JSON text, or %NULL if
 *   the document has no such member
 *
 * Since: 1.2
 */
char *
cellos_execution_cell_document_dup_member (CellosExecutionCellDocument *self,
                                           const char                  *pointer)
{
  g_autofree char *written = NULL;
  const char *text;
  gsize length, start, end;

  g_return_val_if_fail (CELLOS_IS_EXECUTION_CELL_DOCUMENT (self), NULL);
  g_return_val_if_fail (pointer != NULL, NULL);
  g_return_val_if_fail (cellos_json_pointer_is_valid (pointer), NULL);

  /* A setter's change exists only in what to_data() writes. */
  if (self->id_changed || self->argv_changed)
    text = written = cellos_execution_cell_document_to_data (self, &length);
  else
    {
      text = self->text;
      length = self->text_length;
    }

  if (!cellos_json_find (text, length, pointer, &start, &end))
    return NULL;
  return g_strndup (text + start, end - start);
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
 * Sets the cell's identifier, `spec.id`. @id must be valid UTF-8.
 *
 * Since: 1.0
 */
void
cellos_execution_cell_document_set_id (CellosExecutionCellDocument *self,
                                       const char                  *id)
{
  g_return_if_fail (CELLOS_IS_EXECUTION_CELL_DOCUMENT (self));
  g_return_if_fail (id == NULL || g_utf8_validate (id, -1, NULL));

  if (g_strcmp0 (self->id, id) == 0)
    return;

  g_free (self->id);
  self->id = g_strdup (id);
  self->id_changed = TRUE;

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

static gboolean
strv_is_utf8 (const char * const *argv)
{
  for (; *argv != NULL; argv++)
    if (!g_utf8_validate (*argv, -1, NULL))
      return FALSE;
  return TRUE;
}

/* A copy of @argv in one allocation, as the reader makes it. */
static char **
strv_copy (const char * const *argv)
{
  gsize count = g_strv_length ((char **) argv);
  gsize bytes = 0;
  char **block;
  char *strings;
  gsize i;

  for (i = 0; i < count; i++)
    bytes += strlen (argv[i]) + 1;
  block = g_malloc ((count + 1) * sizeof (char *) + bytes);
  strings = (char *) (block + count + 1);
  for (i = 0; i < count; i++)
    {
      gsize length = strlen (argv[i]) + 1;

      memcpy (strings, argv[i], length);
      block[i] = strings;
      strings += length;
    }
  block[count] = NULL;
  return block;
}

/**
 * cellos_execution_cell_document_set_argv: (set-property argv)
 * @self: a #CellosExecutionCellDocument
 * @argv: (nullable) (array zero-terminated=1): the command, or %NULL to
 *   remove it
 *
 * Sets the command the cell runs, `spec.argv`. Each element must be valid
 * UTF-8.
 *
 * Since: 1.0
 */
void
cellos_execution_cell_document_set_argv (CellosExecutionCellDocument *self,
                                         const char * const          *argv)
{
  g_return_if_fail (CELLOS_IS_EXECUTION_CELL_DOCUMENT (self));
  g_return_if_fail (argv == NULL || strv_is_utf8 (argv));

  if (argv == NULL && self->argv == NULL)
    return;
  if (argv != NULL && self->argv != NULL &&
      g_strv_equal ((const char * const *) self->argv, argv))
    return;

  g_free (self->argv);
  self->argv = argv != NULL ? strv_copy (argv) : NULL;
  self->argv_changed = TRUE;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ARGV]);
}
