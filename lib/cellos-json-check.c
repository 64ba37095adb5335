/* cellos-json-check.c: strict JSON well-formedness check
 *
 * Copyright 2026 The CellOS authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/* JsonParser is lenient where this library must not be: it accepts
 * comments, single quotes and trailing garbage, keeps only the last of two
 * members with the same name, wraps integers that do not fit in 64 bits and
 * turns huge numbers into infinities it cannot write back. Any of those
 * would silently change a document on its way through to_data(), so every
 * document is first checked against RFC 8259 here, with errors that say
 * LINE:COLUMN, and only then handed to JsonParser. */

#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cellos-error.h"
#include "cellos-i18n-private.h"
#include "cellos-json-check-private.h"

typedef struct
{
  const char *data;
  gsize length;
  gsize pos;
  GError **error;
} Checker;

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
fail_at (Checker    *checker,
         gsize       offset,
         const char *format,
         ...)
{
  g_autofree char *what = NULL;
  guint line, column;
  va_list args;

  position_of (checker->data, offset, &line, &column);

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);

  /* Translators: a position in a JSON document, LINE:COLUMN, and what is
   * wrong there. */
  g_set_error (checker->error, CELLOS_ERROR, CELLOS_ERROR_INVALID_DOCUMENT,
               _("%u:%u: %s"), line, column, what);
  return FALSE;
}

static gboolean
fail_unexpected (Checker    *checker,
                 const char *expected)
{
  char character[8] = { 0 };

  if (checker->pos >= checker->length)
    /* Translators: %s is what the parser expected, e.g. “a value”. */
    return fail_at (checker, checker->pos,
                    _("unexpected end of document, expected %s"), expected);

  g_unichar_to_utf8 (g_utf8_get_char (checker->data + checker->pos), character);
  /* Translators: the first %s is the character found, the second what the
   * parser expected, e.g. “a value”. */
  return fail_at (checker, checker->pos,
                  _("unexpected character “%s”, expected %s"),
                  character, expected);
}

static void
skip_whitespace (Checker *checker)
{
  while (checker->pos < checker->length)
    {
      char c = checker->data[checker->pos];

      if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
        break;
      checker->pos++;
    }
}

static int
peek (Checker *checker)
{
  if (checker->pos >= checker->length)
    return -1;
  return (guchar) checker->data[checker->pos];
}

static gboolean
read_hex4 (Checker  *checker,
           gunichar *value)
{
  guint i;

  *value = 0;
  for (i = 0; i < 4; i++)
    {
      int digit;

      if (checker->pos >= checker->length ||
          (digit = g_ascii_xdigit_value (checker->data[checker->pos])) < 0)
        return FALSE;
      *value = (*value << 4) | (gunichar) digit;
      checker->pos++;
    }
  return TRUE;
}

/* Checks a string starting at its opening quote; with @decoded, also
 * decodes it, so that member names can be compared as JsonParser will. */
static gboolean
check_string (Checker *checker,
              GString *decoded)
{
  checker->pos++;

  while (checker->pos < checker->length)
    {
      gsize start = checker->pos;
      guchar c = (guchar) checker->data[checker->pos];

      if (c == '"')
        {
          checker->pos++;
          return TRUE;
        }

      if (c < 0x20)
        return fail_at (checker, start,
                        _("control character in a string; write it as an escape sequence"));

      if (c != '\\')
        {
          if (decoded != NULL)
            g_string_append_c (decoded, (char) c);
          checker->pos++;
          continue;
        }

      checker->pos++;
      if (checker->pos >= checker->length)
        break;

      c = (guchar) checker->data[checker->pos++];
      switch (c)
        {
        case '"': case '\\': case '/':
          if (decoded != NULL)
            g_string_append_c (decoded, (char) c);
          break;
        case 'b':
          if (decoded != NULL)
            g_string_append_c (decoded, '\b');
          break;
        case 'f':
          if (decoded != NULL)
            g_string_append_c (decoded, '\f');
          break;
        case 'n':
          if (decoded != NULL)
            g_string_append_c (decoded, '\n');
          break;
        case 'r':
          if (decoded != NULL)
            g_string_append_c (decoded, '\r');
          break;
        case 't':
          if (decoded != NULL)
            g_string_append_c (decoded, '\t');
          break;
        case 'u':
          {
            gunichar value;

            if (!read_hex4 (checker, &value))
              return fail_at (checker, start,
                              _("invalid \\u escape: four hexadecimal digits must follow"));

            if (value >= 0xd800 && value < 0xdc00)
              {
                gunichar low;

                if (checker->pos + 2 > checker->length ||
                    checker->data[checker->pos] != '\\' ||
                    checker->data[checker->pos + 1] != 'u')
                  return fail_at (checker, start,
                                  _("invalid \\u escape: a high surrogate must be followed by a low one"));
                checker->pos += 2;
                if (!read_hex4 (checker, &low) || low < 0xdc00 || low > 0xdfff)
                  return fail_at (checker, start,
                                  _("invalid \\u escape: a high surrogate must be followed by a low one"));
                value = 0x10000 + ((value - 0xd800) << 10) + (low - 0xdc00);
              }
            else if (value >= 0xdc00 && value < 0xe000)
              return fail_at (checker, start,
                              _("invalid \\u escape: a low surrogate without a high one"));
            else if (value == 0)
              return fail_at (checker, start,
                              _("a NUL character (\\u0000) in a string is not supported"));

            if (decoded != NULL)
              g_string_append_unichar (decoded, value);
          }
          break;
        default:
          return fail_at (checker, start, _("invalid escape sequence in a string"));
        }
    }

  return fail_unexpected (checker, _("the closing “\"” of a string"));
}

static gboolean
check_number (Checker *checker)
{
  gsize start = checker->pos;
  gboolean is_integer = TRUE;
  g_autofree char *text = NULL;

  if (peek (checker) == '-')
    checker->pos++;

  if (peek (checker) == '0')
    checker->pos++;
  else if (peek (checker) >= '1' && peek (checker) <= '9')
    while (g_ascii_isdigit (peek (checker)))
      checker->pos++;
  else
    return fail_unexpected (checker, _("a digit"));

  if (peek (checker) == '.')
    {
      is_integer = FALSE;
      checker->pos++;
      if (!g_ascii_isdigit (peek (checker)))
        return fail_unexpected (checker, _("a digit"));
      while (g_ascii_isdigit (peek (checker)))
        checker->pos++;
    }

  if (peek (checker) == 'e' || peek (checker) == 'E')
    {
      is_integer = FALSE;
      checker->pos++;
      if (peek (checker) == '+' || peek (checker) == '-')
        checker->pos++;
      if (!g_ascii_isdigit (peek (checker)))
        return fail_unexpected (checker, _("a digit"));
      while (g_ascii_isdigit (peek (checker)))
        checker->pos++;
    }

  text = g_strndup (checker->data + start, checker->pos - start);
  errno = 0;
  if (is_integer)
    {
      (void) g_ascii_strtoll (text, NULL, 10);
      if (errno == ERANGE)
        return fail_at (checker, start,
                        _("integer %s does not fit in 64 bits"), text);
    }
  else if (!isfinite (g_ascii_strtod (text, NULL)))
    return fail_at (checker, start,
                    _("number %s is too large to represent"), text);

  return TRUE;
}

static gboolean
check_literal (Checker    *checker,
               const char *literal)
{
  gsize length = strlen (literal);
  gsize left = checker->length - checker->pos;

  /* A document cut off inside a literal ends too early; it has no wrong
   * character. */
  if (left < length && memcmp (checker->data + checker->pos, literal, left) == 0)
    {
      g_autofree char *expected = g_strdup_printf ("“%s”", literal);

      checker->pos = checker->length;
      return fail_unexpected (checker, expected);
    }
  if (left < length ||
      memcmp (checker->data + checker->pos, literal, length) != 0)
    return fail_unexpected (checker, _("a value"));
  checker->pos += length;
  return TRUE;
}

static gboolean check_value (Checker *checker,
                             guint    depth);

static gboolean
check_object (Checker *checker,
              guint    depth)
{
  g_autoptr(GHashTable) names = NULL;
  g_autoptr(GString) name = g_string_new (NULL);

  checker->pos++;
  skip_whitespace (checker);
  if (peek (checker) == '}')
    {
      checker->pos++;
      return TRUE;
    }

  for (;;)
    {
      gsize name_start;

      skip_whitespace (checker);
      if (peek (checker) != '"')
        return fail_unexpected (checker, _("a member name in double quotes"));

      name_start = checker->pos;
      g_string_truncate (name, 0);
      if (!check_string (checker, name))
        return FALSE;

      if (names == NULL)
        names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      if (!g_hash_table_add (names, g_strndup (name->str, name->len)))
        return fail_at (checker, name_start,
                        _("duplicate member “%s” in an object"), name->str);

      skip_whitespace (checker);
      if (peek (checker) != ':')
        return fail_unexpected (checker, "“:”");
      checker->pos++;

      if (!check_value (checker, depth))
        return FALSE;

      skip_whitespace (checker);
      if (peek (checker) == ',')
        {
          checker->pos++;
          continue;
        }
      if (peek (checker) == '}')
        {
          checker->pos++;
          return TRUE;
        }
      return fail_unexpected (checker, "“,” or “}”");
    }
}

static gboolean
check_array (Checker *checker,
             guint    depth)
{
  checker->pos++;
  skip_whitespace (checker);
  if (peek (checker) == ']')
    {
      checker->pos++;
      return TRUE;
    }

  for (;;)
    {
      if (!check_value (checker, depth))
        return FALSE;

      skip_whitespace (checker);
      if (peek (checker) == ',')
        {
          checker->pos++;
          continue;
        }
      if (peek (checker) == ']')
        {
          checker->pos++;
          return TRUE;
        }
      return fail_unexpected (checker, "“,” or “]”");
    }
}

static gboolean
check_value (Checker *checker,
             guint    depth)
{
  skip_whitespace (checker);

  switch (peek (checker))
    {
    case '{':
    case '[':
      if (depth >= CELLOS_JSON_MAX_DEPTH)
        return fail_at (checker, checker->pos,
                        _("arrays and objects nested deeper than %u levels"),
                        (guint) CELLOS_JSON_MAX_DEPTH);
      if (peek (checker) == '{')
        return check_object (checker, depth + 1);
      return check_array (checker, depth + 1);
    case '"':
      return check_string (checker, NULL);
    case 't':
      return check_literal (checker, "true");
    case 'f':
      return check_literal (checker, "false");
    case 'n':
      return check_literal (checker, "null");
    case '-':
    case '0': case '1': case '2': case '3': case '4':
    case '5': case '6': case '7': case '8': case '9':
      return check_number (checker);
    default:
      return fail_unexpected (checker, _("a value"));
    }
}

gboolean
cellos_json_check (const char  *data,
                   gsize        length,
                   GError     **error)
{
  Checker checker = { data, length, 0, error };
  const char *nul;
  const char *invalid;

  nul = memchr (data, '\0', length);
  if (nul != NULL)
    return fail_at (&checker, (gsize) (nul - data), _("NUL byte in the document"));

  if (!g_utf8_validate_len (data, length, &invalid))
    return fail_at (&checker, (gsize) (invalid - data),
                    _("the document is not valid UTF-8"));

  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    return fail_at (&checker, 0,
                    _("the document starts with a byte order mark, which JSON does not allow"));

  skip_whitespace (&checker);
  if (checker.pos == length)
    {
      g_set_error_literal (error, CELLOS_ERROR, CELLOS_ERROR_INVALID_DOCUMENT,
                           _("the document is empty"));
      return FALSE;
    }

  if (!check_value (&checker, 0))
    return FALSE;

  skip_whitespace (&checker);
  if (checker.pos != length)
    return fail_unexpected (&checker, _("the end of the document"));

  return TRUE;
}
