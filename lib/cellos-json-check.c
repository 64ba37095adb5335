/* cellos-json-check.c: the strict JSON reader
 *
 * Copyright 2026 The CellOS authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/* Everything the library reads as JSON comes from outside: documents and
 * the fake backend's rules file. One strict RFC 8259 pass reads both, so
 * that what is JSON to one is JSON to the other, with the same limits and
 * the same messages. It has two consumers.
 *
 * A document that passes through this library must come back as it was,
 * so the document keeps its text: cellos_json_read() checks every value
 * but decodes only spec.id and spec.argv, and records where they are so
 * that to_data() can write the text back with only what changed
 * re-encoded. Numbers are never converted, so any number is accepted and
 * comes back character for character.
 *
 * A rules file is read whole and then dropped: cellos_json_parse() makes
 * a small tree of it in the same pass, which the fake walks.
 *
 * The cost of reading is linear-ish in the size for any input: duplicate
 * member names are found by sorting each object's names by a hash keyed
 * with a random key per process (SipHash-1-3), which crafted names cannot
 * make collide as they can an unkeyed hash such as g_str_hash(), and the
 * only memory besides the text is 8 bytes per member of the objects being
 * read. */

#include "config.h"

#include <string.h>

#include "cellos-error.h"
#include "cellos-i18n-private.h"
#include "cellos-json-check-private.h"

typedef enum
{
  KIND_NONE,
  KIND_OBJECT,
  KIND_ARRAY,
  KIND_STRING,
  KIND_NUMBER,
  KIND_BOOLEAN,
  KIND_NULL
} Kind;

/* What a value is to the document, which decides what the reader records
 * about it and about its members or elements. */
typedef enum
{
  ROLE_OTHER,
  ROLE_ROOT,
  ROLE_SPEC,
  ROLE_ARGV
} Role;

typedef struct
{
  const char *data;
  gsize length;
  gsize pos;
  GError **error;

  /* The member names of every object being read, innermost object last:
   * each a guint64, the keyed hash of the name in the high 32 bits and the
   * offset of its opening quote in the low 32. */
  GArray *names;

  /* The kind of the value read last. */
  Kind kind;

  CellosJsonLayout *layout;
  Kind spec_kind;
  Kind id_kind;
  Kind argv_kind;
  Kind bad_element_kind;
  gsize bad_element_index;
} Reader;

/* Appends @length bytes of UTF-8 @text to @out with control characters
 * written as \uXXXX, so that a message quoting a document cannot send
 * escape sequences to a terminal. */
static void
append_printable (GString    *out,
                  const char *text,
                  gsize       length)
{
  const char *end = text + length;

  while (text < end)
    {
      gunichar c = g_utf8_get_char (text);
      const char *next = g_utf8_next_char (text);

      if (c < 0x20 || (c >= 0x7f && c <= 0x9f))
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_len (out, text, next - text);
      text = next;
    }
}

static void
position_of (const char *data,
             gsize       offset,
             guint      *line,
             guint      *column)
{
  gsize line_start = 0;
  gsize i;

  *line = 1;
  for (i = 0; i < offset; i++)
    {
      if (data[i] == '\n')
        {
          (*line)++;
          line_start = i + 1;
        }
    }

  /* Columns count characters, not bytes; the prefix is valid UTF-8. */
  *column = 1;
  for (i = line_start; i < offset; i++)
    if (((guchar) data[i] & 0xc0) != 0x80)
      (*column)++;
}

G_GNUC_PRINTF (3, 4)
static gboolean
fail_at (Reader     *reader,
         gsize       offset,
         const char *format,
         ...)
{
  g_autofree char *what = NULL;
  guint line, column;
  va_list args;

  position_of (reader->data, offset, &line, &column);

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);

  /* LINE:COLUMN: is a fixed shape, not a sentence: cellos-cell turns it
   * into FILE:LINE:COLUMN: as compilers write it, and editors read it in
   * every language. What follows it is translated. */
  g_set_error (reader->error, CELLOS_ERROR, CELLOS_ERROR_INVALID_DOCUMENT,
               "%u:%u: %s", line, column, what);
  return FALSE;
}

static gboolean
fail_unexpected (Reader     *reader,
                 const char *expected)
{
  g_autoptr(GString) character = g_string_new (NULL);

  if (reader->pos >= reader->length)
    /* Translators: %s is what the parser expected, e.g. “a value”. */
    return fail_at (reader, reader->pos,
                    _("unexpected end of document, expected %s"), expected);

  append_printable (character, reader->data + reader->pos,
                    g_utf8_next_char (reader->data + reader->pos) - (reader->data + reader->pos));
  /* Translators: the first %s is the character found, the second what the
   * parser expected, e.g. “a value”. */
  return fail_at (reader, reader->pos,
                  _("unexpected character “%s”, expected %s"),
                  character->str, expected);
}

static void
skip_whitespace (Reader *reader)
{
  while (reader->pos < reader->length)
    {
      char c = reader->data[reader->pos];

      if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
        break;
      reader->pos++;
    }
}

static int
peek (Reader *reader)
{
  if (reader->pos >= reader->length)
    return -1;
  return (guchar) reader->data[reader->pos];
}

static gboolean
read_hex4 (Reader   *reader,
           gunichar *value)
{
  guint i;

  *value = 0;
  for (i = 0; i < 4; i++)
    {
      int digit;

      if (reader->pos >= reader->length ||
          (digit = g_ascii_xdigit_value (reader->data[reader->pos])) < 0)
        return FALSE;
      *value = (*value << 4) | (gunichar) digit;
      reader->pos++;
    }
  return TRUE;
}

/* Checks a string starting at its opening quote. */
static gboolean
check_string (Reader *reader)
{
  reader->pos++;

  while (reader->pos < reader->length)
    {
      gsize start = reader->pos;
      guchar c = (guchar) reader->data[reader->pos];

      if (c == '"')
        {
          reader->pos++;
          return TRUE;
        }

      if (c < 0x20)
        return fail_at (reader, start,
                        _("control character in a string; write it as an escape sequence"));

      reader->pos++;
      if (c != '\\')
        continue;

      if (reader->pos >= reader->length)
        break;

      c = (guchar) reader->data[reader->pos++];
      switch (c)
        {
        case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
          break;
        case 'u':
          {
            gunichar value;

            if (!read_hex4 (reader, &value))
              return fail_at (reader, start,
                              _("invalid \\u escape: four hexadecimal digits must follow"));

            if (value >= 0xd800 && value < 0xdc00)
              {
                gunichar low;

                if (reader->pos + 2 > reader->length ||
                    reader->data[reader->pos] != '\\' ||
                    reader->data[reader->pos + 1] != 'u')
                  return fail_at (reader, start,
                                  _("invalid \\u escape: a high surrogate must be followed by a low one"));
                reader->pos += 2;
                if (!read_hex4 (reader, &low) || low < 0xdc00 || low > 0xdfff)
                  return fail_at (reader, start,
                                  _("invalid \\u escape: a high surrogate must be followed by a low one"));
              }
            else if (value >= 0xdc00 && value < 0xe000)
              return fail_at (reader, start,
                              _("invalid \\u escape: a low surrogate without a high one"));
          }
          break;
        default:
          return fail_at (reader, start, _("invalid escape sequence in a string"));
        }
    }

  return fail_unexpected (reader, _("the closing “\"” of a string"));
}

static gunichar
hex4_at (const char *text)
{
  gunichar value = 0;
  guint i;

  for (i = 0; i < 4; i++)
    value = (value << 4) | (gunichar) g_ascii_xdigit_value (text[i]);
  return value;
}

/* The next character of a string that check_string() accepted, from *@p
 * inside it; -1 at its closing quote. */
static gint32
next_char (const char **p)
{
  const char *s = *p;
  gunichar value;

  if (*s == '"')
    return -1;

  if (*s != '\\')
    {
      if ((guchar) *s < 0x80)
        {
          *p = s + 1;
          return (guchar) *s;
        }
      *p = g_utf8_next_char (s);
      return (gint32) g_utf8_get_char (s);
    }

  s++;
  *p = s + 1;
  switch (*s)
    {
    case 'b':
      return '\b';
    case 'f':
      return '\f';
    case 'n':
      return '\n';
    case 'r':
      return '\r';
    case 't':
      return '\t';
    case 'u':
      value = hex4_at (s + 1);
      *p = s + 5;
      if (value >= 0xd800 && value < 0xdc00)
        {
          value = 0x10000 + ((value - 0xd800) << 10) + (hex4_at (s + 7) - 0xdc00);
          *p = s + 11;
        }
      return (gint32) value;
    default:
      return (guchar) *s;
    }
}

/* Decodes the string whose opening quote is at @quote into @out (when not
 * %NULL, which has room for as many bytes as the string's text); returns
 * the decoded length and sets @end to the offset after the closing
 * quote. */
static gsize
decode_string (const char *data,
               gsize       quote,
               char       *out,
               gsize      *end,
               gboolean   *has_nul)
{
  const char *p = data + quote + 1;
  gsize length = 0;
  gint32 c;

  *has_nul = FALSE;
  while ((c = next_char (&p)) >= 0)
    {
      char buffer[6];
      gint n = g_unichar_to_utf8 ((gunichar) c, buffer);

      if (c == 0)
        *has_nul = TRUE;
      if (out != NULL)
        memcpy (out + length, buffer, n);
      length += n;
    }
  *end = (gsize) (p - data) + 1;
  return length;
}

/* Orders member names by their decoded characters, which is the order of
 * their UTF-8 bytes. */
static int
compare_names (const char *data,
               gsize       a,
               gsize       b)
{
  const char *pa = data + a + 1;
  const char *pb = data + b + 1;

  /* Equal bytes up to an escape are equal characters: compare bytes while
   * there is no escape, characters from the first one on. */
  while (*pa == *pb && *pa != '"' && *pa != '\\')
    {
      pa++;
      pb++;
    }
  if (*pa != '\\' && *pb != '\\')
    {
      if (*pa == *pb)
        return 0;
      if (*pa == '"' || *pb == '"')
        return *pa == '"' ? -1 : 1;
      return (guchar) *pa < (guchar) *pb ? -1 : 1;
    }

  for (;;)
    {
      gint32 ca = next_char (&pa);
      gint32 cb = next_char (&pb);

      if (ca != cb)
        return ca < cb ? -1 : 1;
      if (ca < 0)
        return 0;
    }
}

#define NAME_OFFSET(entry) ((gsize) ((entry) & G_MAXUINT32))
#define NAME_HASH(entry) ((guint32) ((entry) >> 32))

/* Orders name entries of equal hash by name, then by offset. */
static int
compare_name_entries (gconstpointer a,
                      gconstpointer b,
                      gpointer      data)
{
  gsize offset_a = NAME_OFFSET (*(const guint64 *) a);
  gsize offset_b = NAME_OFFSET (*(const guint64 *) b);
  int order = compare_names (data, offset_a, offset_b);

  if (order != 0)
    return order;
  return offset_a < offset_b ? -1 : offset_a > offset_b;
}

static int
compare_entries (const void *a,
                 const void *b)
{
  guint64 entry_a = *(const guint64 *) a;
  guint64 entry_b = *(const guint64 *) b;

  return entry_a < entry_b ? -1 : entry_a > entry_b;
}

/* SipHash-1-3 over the UTF-8 bytes of a decoded name, with a key drawn
 * once per process. */
typedef struct
{
  guint64 v0, v1, v2, v3;
  guint64 pending;
  gsize length;
} NameHash;

#define ROTATE(x, b) (((x) << (b)) | ((x) >> (64 - (b))))

static inline void
sip_round (NameHash *h)
{
  h->v0 += h->v1; h->v1 = ROTATE (h->v1, 13); h->v1 ^= h->v0; h->v0 = ROTATE (h->v0, 32);
  h->v2 += h->v3; h->v3 = ROTATE (h->v3, 16); h->v3 ^= h->v2;
  h->v0 += h->v3; h->v3 = ROTATE (h->v3, 21); h->v3 ^= h->v0;
  h->v2 += h->v1; h->v1 = ROTATE (h->v1, 17); h->v1 ^= h->v2; h->v2 = ROTATE (h->v2, 32);
}

static void
name_hash_init (NameHash *h)
{
  static guint64 key[2];
  static gsize initialised = 0;

  if (g_once_init_enter (&initialised))
    {
      key[0] = (guint64) g_random_int () << 32 | g_random_int ();
      key[1] = (guint64) g_random_int () << 32 | g_random_int ();
      g_once_init_leave (&initialised, 1);
    }

  h->v0 = key[0] ^ G_GUINT64_CONSTANT (0x736f6d6570736575);
  h->v1 = key[1] ^ G_GUINT64_CONSTANT (0x646f72616e646f6d);
  h->v2 = key[0] ^ G_GUINT64_CONSTANT (0x6c7967656e657261);
  h->v3 = key[1] ^ G_GUINT64_CONSTANT (0x7465646279746573);
  h->pending = 0;
  h->length = 0;
}

static inline void
name_hash_add (NameHash *h,
               guchar    byte)
{
  h->pending |= (guint64) byte << (8 * (h->length % 8));
  h->length++;
  if (h->length % 8 == 0)
    {
      h->v3 ^= h->pending;
      sip_round (h);
      h->v0 ^= h->pending;
      h->pending = 0;
    }
}

static guint32
name_hash_finish (NameHash *h)
{
  guint64 last = (guint64) h->length << 56 | h->pending;
  guint64 result;

  h->v3 ^= last;
  sip_round (h);
  h->v0 ^= last;
  h->v2 ^= 0xff;
  sip_round (h);
  sip_round (h);
  sip_round (h);
  result = h->v0 ^ h->v1 ^ h->v2 ^ h->v3;
  return (guint32) (result ^ (result >> 32));
}

/* The entry for the member name whose opening quote is at @quote. */
static guint64
name_entry (const char *data,
            gsize       quote)
{
  const char *p = data + quote + 1;
  NameHash h;

  name_hash_init (&h);
  for (;;)
    {
      if (*p == '"')
        break;
      if (*p != '\\')
        name_hash_add (&h, (guchar) *p++);
      else
        {
          char buffer[6];
          gint n = g_unichar_to_utf8 ((gunichar) next_char (&p), buffer);
          gint i;

          for (i = 0; i < n; i++)
            name_hash_add (&h, (guchar) buffer[i]);
        }
    }

  return (guint64) name_hash_finish (&h) << 32 | quote;
}

static gboolean
name_is (Reader     *reader,
         gsize       quote,
         const char *name)
{
  const char *p = reader->data + quote + 1;
  gint32 c;

  while ((c = next_char (&p)) >= 0)
    {
      if (*name == '\0' || c != (guchar) *name)
        return FALSE;
      name++;
    }
  return *name == '\0';
}

/* Refuses an object whose member names, from @first on in reader->names,
 * repeat one: sorted by hash, equal names are in one run of equal hashes,
 * and sorted by name within it, neighbours. The error is at the earliest
 * second occurrence of a name, as a reader going from start to end would
 * report it. */
static gboolean
check_duplicates (Reader *reader,
                  guint   first)
{
  gsize count = reader->names->len - first;
  guint64 *names;
  gsize duplicate = G_MAXSIZE;
  g_autoptr(GString) printable = NULL;
  g_autofree char *decoded = NULL;
  gboolean has_nul;
  gsize run, run_end, end, length, i;

  if (count < 2)
    return TRUE;

  /* Only now: with no names at all the array has no data to point into. */
  names = &g_array_index (reader->names, guint64, first);

  qsort (names, count, sizeof (guint64), compare_entries);
  for (run = 0; run < count; run = run_end)
    {
      for (run_end = run + 1;
           run_end < count && NAME_HASH (names[run_end]) == NAME_HASH (names[run]);
           run_end++)
        ;
      if (run_end - run < 2)
        continue;

      g_qsort_with_data (&names[run], (gint) (run_end - run), sizeof (guint64),
                         compare_name_entries, (gpointer) reader->data);
      for (i = run + 1; i < run_end; i++)
        if (compare_names (reader->data, NAME_OFFSET (names[i - 1]), NAME_OFFSET (names[i])) == 0 &&
            (i < run + 2 ||
             compare_names (reader->data, NAME_OFFSET (names[i - 2]), NAME_OFFSET (names[i])) != 0))
          duplicate = MIN (duplicate, NAME_OFFSET (names[i]));
    }

  if (duplicate == G_MAXSIZE)
    return TRUE;

  length = decode_string (reader->data, duplicate, NULL, &end, &has_nul);
  decoded = g_malloc (length + 1);
  decode_string (reader->data, duplicate, decoded, &end, &has_nul);
  printable = g_string_new (NULL);
  append_printable (printable, decoded, length);
  return fail_at (reader, duplicate,
                  _("duplicate member “%s” in an object"), printable->str);
}

static gboolean
check_number (Reader *reader)
{
  if (peek (reader) == '-')
    reader->pos++;

  if (peek (reader) == '0')
    reader->pos++;
  else if (peek (reader) >= '1' && peek (reader) <= '9')
    while (g_ascii_isdigit (peek (reader)))
      reader->pos++;
  else
    return fail_unexpected (reader, _("a digit"));

  if (peek (reader) == '.')
    {
      reader->pos++;
      if (!g_ascii_isdigit (peek (reader)))
        return fail_unexpected (reader, _("a digit"));
      while (g_ascii_isdigit (peek (reader)))
        reader->pos++;
    }

  if (peek (reader) == 'e' || peek (reader) == 'E')
    {
      reader->pos++;
      if (peek (reader) == '+' || peek (reader) == '-')
        reader->pos++;
      if (!g_ascii_isdigit (peek (reader)))
        return fail_unexpected (reader, _("a digit"));
      while (g_ascii_isdigit (peek (reader)))
        reader->pos++;
    }

  return TRUE;
}

static gboolean
check_literal (Reader     *reader,
               const char *literal)
{
  gsize length = strlen (literal);
  gsize left = reader->length - reader->pos;

  /* A document cut off inside a literal ends too early; it has no wrong
   * character. */
  if (left < length && memcmp (reader->data + reader->pos, literal, left) == 0)
    {
      g_autofree char *expected = g_strdup_printf ("“%s”", literal);

      reader->pos = reader->length;
      return fail_unexpected (reader, expected);
    }
  if (left < length ||
      memcmp (reader->data + reader->pos, literal, length) != 0)
    return fail_unexpected (reader, _("a value"));
  reader->pos += length;
  return TRUE;
}

static gboolean check_value (Reader          *reader,
                             guint            depth,
                             Role             role,
                             CellosJsonNode **node);

static void
record_member (CellosJsonMember *member,
               gsize             name,
               gsize             value_start,
               gsize             value_end)
{
  member->present = TRUE;
  member->member_start = name;
  member->value_start = value_start;
  member->value_end = value_end;
}

/* The tree: what cellos_json_parse() returns. */

static CellosJsonNode *
node_new (CellosJsonType type,
          gsize          offset)
{
  CellosJsonNode *node = g_new0 (CellosJsonNode, 1);

  node->type = type;
  node->offset = offset;
  if (type == CELLOS_JSON_ARRAY || type == CELLOS_JSON_OBJECT)
    node->children = g_ptr_array_new_with_free_func ((GDestroyNotify) cellos_json_node_free);
  return node;
}

void
cellos_json_node_free (CellosJsonNode *node)
{
  if (node == NULL)
    return;
  g_free (node->name);
  g_free (node->text);
  g_clear_pointer (&node->children, g_ptr_array_unref);
  g_free (node);
}

/* The string whose opening quote is at @quote, decoded, or NULL with an
 * error if it holds a NUL character: what the tree gives its consumers
 * are C strings, which would silently end at it. */
static char *
decode_c_string (Reader *reader,
                 gsize   quote)
{
  gboolean has_nul;
  gsize end;
  gsize length = decode_string (reader->data, quote, NULL, &end, &has_nul);
  char *text;

  if (has_nul)
    {
      fail_at (reader, quote,
               _("a NUL character (\\u0000) in a string, which a C string cannot hold"));
      return NULL;
    }

  text = g_malloc (length + 1);
  decode_string (reader->data, quote, text, &end, &has_nul);
  text[length] = '\0';
  return text;
}

/* The node of the string, number or literal that check_value() accepted
 * from @start to reader->pos; NULL with an error for a string holding a
 * NUL character. */
static CellosJsonNode *
scalar_node_new (Reader *reader,
                 Kind    kind,
                 gsize   start)
{
  g_autoptr(CellosJsonNode) node = NULL;

  switch (kind)
    {
    case KIND_STRING:
      node = node_new (CELLOS_JSON_STRING, start);
      node->text = decode_c_string (reader, start);
      if (node->text == NULL)
        return NULL;
      break;
    case KIND_NUMBER:
      node = node_new (CELLOS_JSON_NUMBER, start);
      node->text = g_strndup (reader->data + start, reader->pos - start);
      break;
    case KIND_BOOLEAN:
      node = node_new (CELLOS_JSON_BOOLEAN, start);
      node->boolean = reader->data[start] == 't';
      break;
    case KIND_NULL:
      node = node_new (CELLOS_JSON_NULL, start);
      break;
    case KIND_NONE:
    case KIND_OBJECT:
    case KIND_ARRAY:
    default:
      g_assert_not_reached ();
    }
  return g_steal_pointer (&node);
}

static gboolean
check_object (Reader          *reader,
              guint            depth,
              Role             role,
              CellosJsonNode **node)
{
  guint first = reader->names->len;
  gsize open = reader->pos;
  g_autoptr(CellosJsonNode) object = node != NULL ? node_new (CELLOS_JSON_OBJECT, open) : NULL;

  reader->pos++;
  skip_whitespace (reader);
  if (peek (reader) != '}')
    for (;;)
      {
        gsize name;
        guint64 entry;
        gsize value_start;
        Role member_role = ROLE_OTHER;
        Kind *kind = NULL;
        CellosJsonMember *member = NULL;
        g_autofree char *decoded_name = NULL;
        CellosJsonNode *value = NULL;

        skip_whitespace (reader);
        if (peek (reader) != '"')
          return fail_unexpected (reader, _("a member name in double quotes"));

        name = reader->pos;
        if (!check_string (reader))
          return FALSE;
        entry = name_entry (reader->data, name);
        g_array_append_val (reader->names, entry);
        if (object != NULL && (decoded_name = decode_c_string (reader, name)) == NULL)
          return FALSE;

        if (role == ROLE_ROOT && name_is (reader, name, "spec"))
          {
            member_role = ROLE_SPEC;
            kind = &reader->spec_kind;
          }
        else if (role == ROLE_SPEC && name_is (reader, name, "id"))
          {
            kind = &reader->id_kind;
            member = &reader->layout->id;
          }
        else if (role == ROLE_SPEC && name_is (reader, name, "argv"))
          {
            member_role = ROLE_ARGV;
            kind = &reader->argv_kind;
            member = &reader->layout->argv;
          }

        skip_whitespace (reader);
        if (peek (reader) != ':')
          return fail_unexpected (reader, "“:”");
        reader->pos++;

        skip_whitespace (reader);
        value_start = reader->pos;
        if (!check_value (reader, depth, member_role, object != NULL ? &value : NULL))
          return FALSE;
        if (object != NULL)
          {
            value->name = g_steal_pointer (&decoded_name);
            g_ptr_array_add (object->children, value);
          }
        if (kind != NULL)
          *kind = reader->kind;
        if (member != NULL)
          record_member (member, name, value_start, reader->pos);

        skip_whitespace (reader);
        if (peek (reader) == ',')
          {
            reader->pos++;
            continue;
          }
        if (peek (reader) == '}')
          break;
        return fail_unexpected (reader, "“,” or “}”");
      }

  if (role == ROLE_SPEC)
    {
      reader->layout->spec_open = open;
      reader->layout->spec_close = reader->pos;
      reader->layout->spec_members = reader->names->len - first;
    }
  reader->pos++;

  if (!check_duplicates (reader, first))
    return FALSE;
  g_array_set_size (reader->names, first);
  if (node != NULL)
    *node = g_steal_pointer (&object);
  return TRUE;
}

static gboolean
check_array (Reader          *reader,
             guint            depth,
             Role             role,
             CellosJsonNode **node)
{
  g_autoptr(CellosJsonNode) array = node != NULL ? node_new (CELLOS_JSON_ARRAY, reader->pos) : NULL;
  gsize index;

  reader->pos++;
  skip_whitespace (reader);
  if (peek (reader) == ']')
    {
      reader->pos++;
      if (node != NULL)
        *node = g_steal_pointer (&array);
      return TRUE;
    }

  for (index = 0; ; index++)
    {
      CellosJsonNode *element = NULL;

      if (!check_value (reader, depth, ROLE_OTHER, array != NULL ? &element : NULL))
        return FALSE;
      if (array != NULL)
        g_ptr_array_add (array->children, element);
      if (role == ROLE_ARGV && reader->kind != KIND_STRING &&
          reader->bad_element_kind == KIND_NONE)
        {
          reader->bad_element_kind = reader->kind;
          reader->bad_element_index = index;
        }

      skip_whitespace (reader);
      if (peek (reader) == ',')
        {
          reader->pos++;
          continue;
        }
      if (peek (reader) == ']')
        {
          reader->pos++;
          if (node != NULL)
            *node = g_steal_pointer (&array);
          return TRUE;
        }
      return fail_unexpected (reader, "“,” or “]”");
    }
}

static gboolean
check_value (Reader          *reader,
             guint            depth,
             Role             role,
             CellosJsonNode **node)
{
  gsize start;
  gboolean ok;
  Kind kind;

  skip_whitespace (reader);
  start = reader->pos;

  switch (peek (reader))
    {
    case '{':
    case '[':
      if (depth >= CELLOS_JSON_MAX_DEPTH)
        return fail_at (reader, reader->pos,
                        _("arrays and objects nested deeper than %u levels"),
                        (guint) CELLOS_JSON_MAX_DEPTH);
      if (peek (reader) == '{')
        {
          kind = KIND_OBJECT;
          ok = check_object (reader, depth + 1, role, node);
        }
      else
        {
          kind = KIND_ARRAY;
          ok = check_array (reader, depth + 1, role, node);
        }
      reader->kind = kind;
      return ok;
    case '"':
      kind = KIND_STRING;
      ok = check_string (reader);
      break;
    case 't':
      kind = KIND_BOOLEAN;
      ok = check_literal (reader, "true");
      break;
    case 'f':
      kind = KIND_BOOLEAN;
      ok = check_literal (reader, "false");
      break;
    case 'n':
      kind = KIND_NULL;
      ok = check_literal (reader, "null");
      break;
    case '-':
    case '0': case '1': case '2': case '3': case '4':
    case '5': case '6': case '7': case '8': case '9':
      kind = KIND_NUMBER;
      ok = check_number (reader);
      break;
    default:
      return fail_unexpected (reader, _("a value"));
    }

  reader->kind = kind;
  if (ok && node != NULL)
    *node = scalar_node_new (reader, kind, start);
  return ok && (node == NULL || *node != NULL);
}

static const char *
describe_kind (Kind kind)
{
  switch (kind)
    {
    case KIND_OBJECT:
      return _("an object");
    case KIND_ARRAY:
      return _("an array");
    case KIND_STRING:
      return _("a string");
    case KIND_BOOLEAN:
      return _("a boolean");
    case KIND_NULL:
      return _("null");
    case KIND_NUMBER:
    case KIND_NONE:
    default:
      return _("a number");
    }
}

static gboolean
fail_wrong_type (GError     **error,
                 const char  *path,
                 const char  *expected,
                 Kind         found)
{
  /* Translators: the first %s is a member path such as spec.argv[2], the
   * second what it should be (“a string”), the third what it is. */
  g_set_error (error, CELLOS_ERROR, CELLOS_ERROR_INVALID_DOCUMENT,
               _("%s: expected %s, found %s"),
               path, expected, describe_kind (found));
  return FALSE;
}

static gboolean
fail_nul (GError     **error,
          const char  *path)
{
  /* Translators: %s is a member path such as spec.argv[2]. */
  g_set_error (error, CELLOS_ERROR, CELLOS_ERROR_INVALID_DOCUMENT,
               _("%s: contains a NUL character (\\u0000), which a C string cannot hold"),
               path);
  return FALSE;
}

static gboolean
decode_id (const char  *data,
           gsize        quote,
           char       **id,
           GError     **error)
{
  gboolean has_nul;
  gsize end;
  gsize length = decode_string (data, quote, NULL, &end, &has_nul);

  if (has_nul)
    return fail_nul (error, "spec.id");

  *id = g_malloc (length + 1);
  decode_string (data, quote, *id, &end, &has_nul);
  (*id)[length] = '\0';
  return TRUE;
}

/* spec.argv becomes one allocation: the array of pointers, then the
 * strings. Two passes over the text, one to measure and one to copy, so
 * that nothing is allocated per element. */
static gboolean
decode_argv (const char   *data,
             gsize         open,
             char       ***argv,
             GError      **error)
{
  gsize count = 0;
  gsize bytes = 0;
  gsize pos, end, i;
  gboolean has_nul;
  char **block;
  char *strings;

  for (pos = open + 1; data[pos] != ']'; pos++)
    if (data[pos] == '"')
      {
        bytes += decode_string (data, pos, NULL, &end, &has_nul) + 1;
        if (has_nul)
          {
            g_autofree char *path = g_strdup_printf ("spec.argv[%" G_GSIZE_FORMAT "]", count);

            return fail_nul (error, path);
          }
        count++;
        pos = end - 1;
      }

  block = g_malloc ((count + 1) * sizeof (char *) + bytes);
  strings = (char *) (block + count + 1);
  for (pos = open + 1, i = 0; data[pos] != ']'; pos++)
    if (data[pos] == '"')
      {
        gsize length = decode_string (data, pos, strings, &end, &has_nul);

        strings[length] = '\0';
        block[i++] = strings;
        strings += length + 1;
        pos = end - 1;
      }
  block[count] = NULL;

  *argv = block;
  return TRUE;
}

/* What every text must be before its value is read, and that nothing
 * follows the value: one root, nothing else. @reader->kind is the kind of
 * the root after. */
static gboolean
read_root (Reader          *reader,
           Role             role,
           CellosJsonNode **root)
{
  const char *nul;
  const char *invalid;

  g_assert (reader->length <= CELLOS_JSON_MAX_LENGTH);

  nul = memchr (reader->data, '\0', reader->length);
  if (nul != NULL)
    return fail_at (reader, (gsize) (nul - reader->data), _("NUL byte in the document"));

  if (!g_utf8_validate_len (reader->data, reader->length, &invalid))
    return fail_at (reader, (gsize) (invalid - reader->data),
                    _("the document is not valid UTF-8"));

  if (reader->length >= 3 && memcmp (reader->data, "\xef\xbb\xbf", 3) == 0)
    return fail_at (reader, 0,
                    _("the document starts with a byte order mark, which JSON does not allow"));

  skip_whitespace (reader);
  if (reader->pos == reader->length)
    {
      g_set_error_literal (reader->error, CELLOS_ERROR, CELLOS_ERROR_INVALID_DOCUMENT,
                           _("the document is empty"));
      return FALSE;
    }

  if (!check_value (reader, 0, role, root))
    return FALSE;

  skip_whitespace (reader);
  if (reader->pos != reader->length)
    {
      if (root != NULL)
        g_clear_pointer (root, cellos_json_node_free);
      return fail_unexpected (reader, _("the end of the document"));
    }
  return TRUE;
}

CellosJsonNode *
cellos_json_parse (const char  *data,
                   gsize        length,
                   GError     **error)
{
  g_autoptr(GArray) names = g_array_new (FALSE, FALSE, sizeof (guint64));
  Reader reader = { data, length, 0, error, names, KIND_NONE, NULL, };
  CellosJsonNode *root = NULL;

  if (!read_root (&reader, ROLE_OTHER, &root))
    return NULL;
  return root;
}

void
cellos_json_position (const char *data,
                      gsize       offset,
                      guint      *line,
                      guint      *column)
{
  position_of (data, offset, line, column);
}

gboolean
cellos_json_read (const char        *data,
                  gsize              length,
                  CellosJsonLayout  *layout,
                  char             **id,
                  char            ***argv,
                  GError           **error)
{
  g_autoptr(GArray) names = g_array_new (FALSE, FALSE, sizeof (guint64));
  Reader reader = { data, length, 0, error, names, KIND_NONE, layout, };
  Kind root_kind;

  memset (layout, 0, sizeof *layout);
  *id = NULL;
  *argv = NULL;

  if (!read_root (&reader, ROLE_ROOT, NULL))
    return FALSE;
  root_kind = reader.kind;

  if (root_kind != KIND_OBJECT)
    return fail_wrong_type (error, _("document"), _("an object"), root_kind);
  if (reader.spec_kind == KIND_NONE)
    {
      g_set_error_literal (error, CELLOS_ERROR, CELLOS_ERROR_INVALID_DOCUMENT,
                           _("spec: the document has no “spec” object"));
      return FALSE;
    }
  if (reader.spec_kind != KIND_OBJECT)
    return fail_wrong_type (error, "spec", _("an object"), reader.spec_kind);
  if (reader.id_kind != KIND_NONE && reader.id_kind != KIND_STRING)
    return fail_wrong_type (error, "spec.id", _("a string"), reader.id_kind);
  if (reader.argv_kind != KIND_NONE && reader.argv_kind != KIND_ARRAY)
    return fail_wrong_type (error, "spec.argv", _("an array of strings"), reader.argv_kind);
  if (reader.bad_element_kind != KIND_NONE)
    {
      g_autofree char *path = g_strdup_printf ("spec.argv[%" G_GSIZE_FORMAT "]",
                                               reader.bad_element_index);

      return fail_wrong_type (error, path, _("a string"), reader.bad_element_kind);
    }

  if (layout->id.present && !decode_id (data, layout->id.value_start, id, error))
    return FALSE;
  if (layout->argv.present && !decode_argv (data, layout->argv.value_start, argv, error))
    {
      g_clear_pointer (id, g_free);
      return FALSE;
    }
  return TRUE;
}

/* Finding a value by JSON Pointer (RFC 6901) in text the reader accepted:
 * being valid, it is walked without checks. */

static gsize
skip_whitespace_at (const char *data,
                    gsize       pos)
{
  while (data[pos] == ' ' || data[pos] == '\t' || data[pos] == '\n' || data[pos] == '\r')
    pos++;
  return pos;
}

static gsize
skip_string_at (const char *data,
                gsize       quote)
{
  gsize pos = quote + 1;

  while (data[pos] != '"')
    pos += data[pos] == '\\' ? 2 : 1;
  return pos + 1;
}

/* One past the value that starts at @pos. */
static gsize
skip_value_at (const char *data,
               gsize       length,
               gsize       pos)
{
  gsize depth = 0;

  do
    {
      switch (data[pos])
        {
        case '"':
          pos = skip_string_at (data, pos);
          break;
        case '{':
        case '[':
          depth++;
          pos++;
          break;
        case '}':
        case ']':
          depth--;
          pos++;
          break;
        default:
          /* A number, a literal, whitespace, a comma or a colon. */
          if (depth == 0)
            {
              while (pos < length && strchr (",]} \t\n\r", data[pos]) == NULL)
                pos++;
              return pos;
            }
          pos++;
        }
    }
  while (depth > 0);
  return pos;
}

/* Whether the name whose opening quote is at @quote is @token. */
static gboolean
name_equals (const char *data,
             gsize       quote,
             const char *token,
             gsize       token_length)
{
  const char *p = data + quote + 1;
  const char *t = token;
  const char *end = token + token_length;
  gint32 c;

  while ((c = next_char (&p)) >= 0)
    {
      if (t >= end)
        return FALSE;
      if (c == 0)
        {
          if (*t != '\0')
            return FALSE;
          t++;
        }
      else
        {
          if ((gint32) g_utf8_get_char (t) != c)
            return FALSE;
          t = g_utf8_next_char (t);
        }
    }
  return t == end;
}

/* The next reference token of @pointer, from *@p (just after a "/"),
 * unescaped ("~1" is "/", "~0" is "~"). */
static GString *
next_token (const char **p)
{
  GString *token = g_string_new (NULL);
  const char *s = *p;

  for (; *s != '\0' && *s != '/'; s++)
    {
      if (*s == '~')
        {
          s++;
          g_string_append_c (token, *s == '1' ? '/' : '~');
        }
      else
        g_string_append_c (token, *s);
    }
  *p = s;
  return token;
}

gboolean
cellos_json_pointer_is_valid (const char *pointer)
{
  const char *s;

  if (pointer[0] != '\0' && pointer[0] != '/')
    return FALSE;
  for (s = pointer; *s != '\0'; s++)
    if (*s == '~' && s[1] != '0' && s[1] != '1')
      return FALSE;
  return g_utf8_validate (pointer, -1, NULL);
}

/* An array index token: "0", or digits without a leading zero. */
static gboolean
parse_index (const GString *token,
             guint64       *index)
{
  if (token->len == 0 || (token->str[0] == '0' && token->len > 1))
    return FALSE;
  return g_ascii_string_to_unsigned (token->str, 10, 0, G_MAXUINT64, index, NULL);
}

gboolean
cellos_json_find (const char *data,
                  gsize       length,
                  const char *pointer,
                  gsize      *start,
                  gsize      *end)
{
  const char *p = pointer;
  gsize pos = skip_whitespace_at (data, 0);

  while (*p == '/')
    {
      g_autoptr(GString) token = NULL;
      gboolean found = FALSE;

      p++;
      token = next_token (&p);

      if (data[pos] == '{')
        {
          pos = skip_whitespace_at (data, pos + 1);
          while (data[pos] == '"')
            {
              gsize name = pos;

              pos = skip_whitespace_at (data, skip_string_at (data, name));
              pos = skip_whitespace_at (data, pos + 1);   /* the colon */
              if (name_equals (data, name, token->str, token->len))
                {
                  found = TRUE;
                  break;
                }
              pos = skip_whitespace_at (data, skip_value_at (data, length, pos));
              if (data[pos] == ',')
                pos = skip_whitespace_at (data, pos + 1);
            }
        }
      else if (data[pos] == '[')
        {
          guint64 index, i;

          if (!parse_index (token, &index))
            return FALSE;
          pos = skip_whitespace_at (data, pos + 1);
          for (i = 0; data[pos] != ']'; i++)
            {
              if (i == index)
                {
                  found = TRUE;
                  break;
                }
              pos = skip_whitespace_at (data, skip_value_at (data, length, pos));
              if (data[pos] == ',')
                pos = skip_whitespace_at (data, pos + 1);
            }
        }

      if (!found)
        return FALSE;
    }

  *start = pos;
  *end = skip_value_at (data, length, pos);
  return TRUE;
}
