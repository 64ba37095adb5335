/* cellos-json-check-private.h: the strict JSON reader
 *
 * Copyright 2026 The CellOS authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

#include "cellos-json-writer-private.h"

G_BEGIN_DECLS

/* Deepest nesting of arrays and objects a document may have. Reading
 * recurses, so unbounded nesting from a file would be an unbounded
 * stack. */
#define CELLOS_JSON_MAX_DEPTH 512

/* The longest text the reader takes: it keeps 32-bit offsets of member
 * names, 8 bytes per member with their hash. */
#define CELLOS_JSON_MAX_LENGTH ((gsize) G_MAXUINT32)

/* Where one member of the spec object is in the text, as byte offsets. */
typedef struct
{
  gboolean present;
  gsize member_start;   /* the opening quote of its name */
  gsize value_start;
  gsize value_end;      /* one past its value */
} CellosJsonMember;

/* Where the members the library changes are, so that to_data() can write
 * the text back with only those re-encoded. */
typedef struct
{
  gsize spec_open;      /* the "{" of the spec object */
  gsize spec_close;     /* its "}" */
  gsize spec_members;   /* how many members it has */
  CellosJsonMember id;
  CellosJsonMember argv;
} CellosJsonLayout;

/* Reads @data strictly (RFC 8259) as a document: an object whose "spec"
 * member is an object with an optional string "id" and an optional array
 * of strings "argv". On success fills @layout and returns the decoded
 * spec.id (or NULL) in @id and spec.argv (or NULL) in @argv, which is a
 * single allocation: free it with g_free(). */
gboolean cellos_json_read          (const char        *data,
                                    gsize              length,
                                    CellosJsonLayout  *layout,
                                    char             **id,
                                    char            ***argv,
                                    GError           **error);

/* A JSON value read by cellos_json_parse(), for the files the library
 * reads whole rather than keeping their text (the fake backend's rules):
 * strings decoded, numbers as written, members in their order. */
typedef enum
{
  CELLOS_JSON_NULL,
  CELLOS_JSON_BOOLEAN,
  CELLOS_JSON_NUMBER,
  CELLOS_JSON_STRING,
  CELLOS_JSON_ARRAY,
  CELLOS_JSON_OBJECT
} CellosJsonType;

typedef struct _CellosJsonNode CellosJsonNode;

struct _CellosJsonNode
{
  CellosJsonType type;
  gsize offset;          /* where the value starts in the text, in bytes */
  char *name;            /* its name, for a member of an object */
  char *text;            /* a string's characters; a number's text */
  gboolean boolean;
  GPtrArray *children;   /* an array's elements, an object's members */
};

/* Reads @data with the same strict rules as documents: RFC 8259 only,
 * exactly one value, no duplicate member, nesting up to
 * CELLOS_JSON_MAX_DEPTH, no string holding U+0000 (the tree's strings are
 * C strings). Errors are CELLOS_ERROR_INVALID_DOCUMENT, with the message
 * starting LINE:COLUMN: where the text is wrong. @length is at most
 * CELLOS_JSON_MAX_LENGTH; the caller holds it to the limit of what it
 * reads. */
CellosJsonNode *cellos_json_parse  (const char        *data,
                                    gsize              length,
                                    GError           **error);

void     cellos_json_node_free     (CellosJsonNode    *node);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CellosJsonNode, cellos_json_node_free)

/* The line and column, both from 1, of byte @offset of @data, text
 * cellos_json_parse() or cellos_json_read() was given; columns count
 * characters. */
void     cellos_json_position      (const char        *data,
                                    gsize              offset,
                                    guint             *line,
                                    guint             *column);

/* Whether @pointer is a JSON Pointer (RFC 6901): empty, or "/" followed by
 * reference tokens in which "~" is only ever "~0" or "~1". */
gboolean cellos_json_pointer_is_valid (const char        *pointer);

/* Finds the value @pointer names in @data, text cellos_json_read()
 * accepted, as the byte offsets of its first character and one past its
 * last. */
gboolean cellos_json_find          (const char        *data,
                                    gsize              length,
                                    const char        *pointer,
                                    gsize             *start,
                                    gsize             *end);

G_END_DECLS
