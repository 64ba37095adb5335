/* test-document-size.c: reading a document from a stream never allocates
 * past what the address space holds
 *
 * Whatever max_size a caller passes, new_from_stream() reads no more than
 * its documented hard limit (4 GiB − 1 bytes; 256 MiB − 1 where gsize is
 * 32 bits) and refuses a longer stream with CELLOS_ERROR_INVALID_DOCUMENT,
 * never with an abort or a wrapped size. The endless stream below claims
 * every read in full without writing a byte, so that even the 64-bit
 * limit is reached in a few dozen reads and in untouched memory; /dev/zero
 * is the stream that, with max_size G_MAXSIZE, aborted on i386.
 *
 * Copyright 2026 The CellOS authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <string.h>

#include <cellos/cellos.h>

/* The limits the documentation of new_from_stream() states. */
#define LIMIT_32_BIT ((gsize) 256 * 1024 * 1024 - 1)
#define LIMIT_64_BIT ((gsize) G_MAXUINT32)

static gsize
documented_limit (void)
{
  return sizeof (gsize) == 4 ? LIMIT_32_BIT : LIMIT_64_BIT;
}

#define TEST_TYPE_ENDLESS_STREAM (test_endless_stream_get_type ())
G_DECLARE_FINAL_TYPE (TestEndlessStream, test_endless_stream, TEST, ENDLESS_STREAM, GInputStream)

struct _TestEndlessStream
{
  GInputStream parent_instance;
  guint64 bytes_read;
  gsize largest_read;
  guint reads;
};

G_DEFINE_FINAL_TYPE (TestEndlessStream, test_endless_stream, G_TYPE_INPUT_STREAM)

/* Claims @count bytes, whatever they are: the reader must not look at
 * the text of a stream it refuses for its size. */
static gssize
test_endless_stream_read (GInputStream  *stream,
                          void          *buffer,
                          gsize          count,
                          GCancellable  *cancellable,
                          GError       **error)
{
  TestEndlessStream *self = TEST_ENDLESS_STREAM (stream);

  self->reads++;
  self->bytes_read += count;
  self->largest_read = MAX (self->largest_read, count);
  return (gssize) count;
}

static void
test_endless_stream_class_init (TestEndlessStreamClass *klass)
{
  G_INPUT_STREAM_CLASS (klass)->read_fn = test_endless_stream_read;
}

static void
test_endless_stream_init (TestEndlessStream *self)
{
}

static char *
too_large_message (gsize limit)
{
  return g_strdup_printf ("the document is larger than %" G_GSIZE_FORMAT " bytes, the most that may be read",
                          limit);
}

/* Refused at the documented limit, or earlier if the memory for it could
 * not be had; either way an error, never an abort. */
/* Where the machine cannot give the memory a limit allows, the reader
 * refuses with its other message. The function, not GLib's inline macro
 * of the same name: the macro lets the compiler compare the prefix through
 * immediate operands, pieces of words that lintian's spelling check then
 * reads in the binary. */
static gboolean
refused_for_memory (const char *message)
{
  return (g_str_has_prefix) (message, "the document is larger than the memory ");
}

static void
assert_refused_at_limit (const GError *error,
                         guint64       bytes_read,
                         gsize         limit)
{
  g_autofree char *expected = too_large_message (limit);

  g_assert_error (error, CELLOS_ERROR, CELLOS_ERROR_INVALID_DOCUMENT);
  if (refused_for_memory (error->message))
    {
      g_test_message ("no memory for %" G_GSIZE_FORMAT " bytes here: %s", limit, error->message);
      g_assert_cmpuint (bytes_read, <=, limit);
      return;
    }
  g_assert_cmpstr (error->message, ==, expected);
  /* Read to one byte past the limit, and not on. */
  g_assert_cmpuint (bytes_read, ==, (guint64) limit + 1);
}

static void
test_endless_stream_no_limit (void)
{
  g_autoptr(TestEndlessStream) stream = g_object_new (TEST_TYPE_ENDLESS_STREAM, NULL);
  g_autoptr(CellosExecutionCellDocument) document = NULL;
  g_autoptr(GError) error = NULL;

  document = cellos_execution_cell_document_new_from_stream (G_INPUT_STREAM (stream), G_MAXSIZE,
                                                             NULL, &error);
  g_assert_null (document);
  assert_refused_at_limit (error, stream->bytes_read, documented_limit ());
}

/* Each read asks for as much as all before it, so a stream reaches even
 * the 64-bit limit in a few dozen reads, and no request is near the
 * G_MAXSSIZE that g_input_stream_read() refuses. */
static void
test_endless_stream_reads_grow (void)
{
  g_autoptr(TestEndlessStream) stream = g_object_new (TEST_TYPE_ENDLESS_STREAM, NULL);
  g_autoptr(CellosExecutionCellDocument) document = NULL;
  g_autoptr(GError) error = NULL;

  document = cellos_execution_cell_document_new_from_stream (G_INPUT_STREAM (stream), G_MAXSIZE,
                                                             NULL, &error);
  g_assert_error (error, CELLOS_ERROR, CELLOS_ERROR_INVALID_DOCUMENT);
  g_assert_cmpuint (stream->reads, <=, 8 * sizeof (gsize));
  g_assert_cmpuint (stream->largest_read, <=, documented_limit () / 2 + 1);
}

/* A limit just below the hard one is kept as given. */
static void
test_endless_stream_own_limit (void)
{
  g_autoptr(TestEndlessStream) stream = g_object_new (TEST_TYPE_ENDLESS_STREAM, NULL);
  g_autoptr(CellosExecutionCellDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  gsize limit = LIMIT_32_BIT - 1;

  document = cellos_execution_cell_document_new_from_stream (G_INPUT_STREAM (stream), limit,
                                                             NULL, &error);
  g_assert_null (document);
  assert_refused_at_limit (error, stream->bytes_read, limit);
}

/* The stream that aborted on i386 with max_size G_MAXSIZE. Where the hard
 * limit is 4 GiB − 1 it is given a limit of 256 MiB − 1 instead: the same
 * path, and as much memory as the 32-bit case takes. */
static void
test_dev_zero_no_limit (void)
{
  g_autoptr(GFile) file = g_file_new_for_path ("/dev/zero");
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(CellosExecutionCellDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  gsize max_size = sizeof (gsize) == 4 ? G_MAXSIZE : LIMIT_32_BIT;
  g_autofree char *expected = too_large_message (LIMIT_32_BIT);

  stream = g_file_read (file, NULL, &error);
  g_assert_no_error (error);
  document = cellos_execution_cell_document_new_from_stream (G_INPUT_STREAM (stream), max_size,
                                                             NULL, &error);
  g_assert_null (document);
  g_assert_error (error, CELLOS_ERROR, CELLOS_ERROR_INVALID_DOCUMENT);
  if (!refused_for_memory (error->message))
    g_assert_cmpstr (error->message, ==, expected);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/document/size/endless-stream-with-no-limit-is-refused-at-the-hard-limit",
                   test_endless_stream_no_limit);
  g_test_add_func ("/document/size/endless-stream-reads-grow-geometrically",
                   test_endless_stream_reads_grow);
  g_test_add_func ("/document/size/endless-stream-with-a-lower-limit-keeps-it",
                   test_endless_stream_own_limit);
  g_test_add_func ("/document/size/dev-zero-with-no-limit-is-refused",
                   test_dev_zero_no_limit);

  return g_test_run ();
}
