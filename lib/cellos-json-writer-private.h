/* cellos-json-writer-private.h: the JSON writer
 *
 * Copyright 2026 The CellOS authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Appends @value to @out as a JSON string. Invalid UTF-8 becomes U+FFFD;
 * every control character (U+0000 to U+001F, U+007F and U+0080 to
 * U+009F) is escaped, \n, \t, \r, \b and \f as such and the others
 * as \u00XX, so that the text is JSON to
 * every strict parser and shows nothing raw on a terminal. */
void     cellos_json_append_string (GString           *out,
                                    const char        *value);

/* Writes JSON text, one value after another, with the commas and colons
 * in their places: begin an object, then for each member its name and its
 * value, then end it. */
typedef struct _CellosJsonWriter CellosJsonWriter;

CellosJsonWriter *cellos_json_writer_new         (void);
void     cellos_json_writer_free                 (CellosJsonWriter   *writer);

void     cellos_json_writer_begin_object         (CellosJsonWriter   *writer);
void     cellos_json_writer_end_object           (CellosJsonWriter   *writer);
void     cellos_json_writer_begin_array          (CellosJsonWriter   *writer);
void     cellos_json_writer_end_array            (CellosJsonWriter   *writer);
void     cellos_json_writer_member               (CellosJsonWriter   *writer,
                                                  const char         *name);

void     cellos_json_writer_null                 (CellosJsonWriter   *writer);
void     cellos_json_writer_boolean              (CellosJsonWriter   *writer,
                                                  gboolean            value);
void     cellos_json_writer_int                  (CellosJsonWriter   *writer,
                                                  gint64              value);
void     cellos_json_writer_uint                 (CellosJsonWriter   *writer,
                                                  guint64             value);
void     cellos_json_writer_double               (CellosJsonWriter   *writer,
                                                  double              value);
/* A string, or null for %NULL. */
void     cellos_json_writer_string               (CellosJsonWriter   *writer,
                                                  const char         *value);
void     cellos_json_writer_strv                 (CellosJsonWriter   *writer,
                                                  const char * const *value);

/* A GVariant as JSON: a dictionary with string keys (a{sv} and the like)
 * is an object, with the first of repeated keys; other arrays, tuples
 * and dictionaries with other keys are arrays; a maybe is null or its
 * value, a variant its value; numbers, booleans and strings are what
 * they are. Or null for %NULL. */
void     cellos_json_writer_variant              (CellosJsonWriter   *writer,
                                                  GVariant           *value);

/* A GValue of a fundamental type, a string array, a GVariant, an enum
 * (its nick) or flags (an array of nicks). FALSE, writing nothing, for
 * a type JSON has no form for. */
gboolean cellos_json_writer_value                (CellosJsonWriter   *writer,
                                                  const GValue       *value);

/* @object as a JSON object of its readable properties, named as they are
 * (“cell-id”), in the order the classes installed them, or null for
 * %NULL. A property added to the class later is written without a change
 * here; one of a type JSON has no form for is left out. */
void     cellos_json_writer_properties           (CellosJsonWriter   *writer,
                                                  GObject            *object);

/* @error as {"domain", "nick", "code", "message"}: the domain's quark
 * string, the code's nick where the domain's codes are a registered enum
 * (CELLOS_ERROR, G_IO_ERROR) or else null, the code, the message. Or null
 * for %NULL. */
void     cellos_json_writer_error                (CellosJsonWriter   *writer,
                                                  const GError       *error);

/* The nick of @error's code, or NULL where the domain's codes are not a
 * registered enum or @code is none of its values. */
const char *cellos_json_error_nick               (const GError       *error);

/* The text written since the writer was made or last finished, followed
 * by a newline: one line of JSON Lines. The writer starts over. */
char    *cellos_json_writer_finish_line          (CellosJsonWriter   *writer,
                                                  gsize              *length);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CellosJsonWriter, cellos_json_writer_free)

G_END_DECLS
