/* document-bench.c: what reading a document costs, for any shape of input
 *
 * Copyright 2026 The CellOS authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Documents come from outside, so reading one must cost linear-ish time
 * and a small multiple of its size in memory whatever its shape. For each
 * shape below this prints:
 *   - reading throughput in MB/s, median over rounds, beside json-glib's
 *     own JsonParser on the same text (the lenient parser the strict reader
 *     replaced; the reader must not be slower);
 *   - the peak memory of reading the document from a file, measured in a
 *     child process (the growth of its maximum resident set size), against
 *     the budget of 4 × the file's size plus a constant;
 * and the time to read 65,536 member names that all collide under
 * g_str_hash() against as many ordinary names of the same length (budget:
 * 3 ×). Exit status 1 when a budget is missed.
 *
 * Usage: document-bench [--rounds N]
 *        document-bench --peak FILE   (the child: prints its peak growth)
 */

#include "config.h"

#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include <cellos/cellos.h>
#include <json-glib/json-glib.h>

#define BUDGET_PEAK_FACTOR 4.0
#define BUDGET_PEAK_CONSTANT (2 * 1024 * 1024)
#define BUDGET_COLLIDING_FACTOR 3.0
#define SHAPE_SIZE (8 * 1024 * 1024)
#define N_NAMES 65536

typedef struct
{
  const char *name;
  GString *text;
} Shape;

/* {"spec": {"id": "bench"}, "data": [ITEM, ITEM, …]} of about SHAPE_SIZE. */
static GString *
make_array_shape (const char *item)
{
  GString *text = g_string_sized_new (SHAPE_SIZE + 64);

  g_string_append (text, "{\"spec\": {\"id\": \"bench\"}, \"data\": [");
  g_string_append (text, item);
  while (text->len < SHAPE_SIZE)
    {
      g_string_append_c (text, ',');
      g_string_append (text, item);
    }
  g_string_append (text, "]}");
  return text;
}

/* {"spec": {…}, "k0": 0, "k1": 0, …}: many members in one object. */
static GString *
make_members_shape (void)
{
  GString *text = g_string_sized_new (SHAPE_SIZE + 64);
  guint i;

  g_string_append (text, "{\"spec\": {\"id\": \"bench\"}");
  for (i = 0; text->len < SHAPE_SIZE; i++)
    g_string_append_printf (text, ",\"k%x\":0", i);
  g_string_append_c (text, '}');
  return text;
}

/* {"spec": {"argv": ["", "", …]}}: the one member decoded into memory,
 * at its most per byte of text (a pointer and a nul for every 3 bytes). */
static GString *
make_argv_shape (void)
{
  GString *text = g_string_sized_new (SHAPE_SIZE + 64);

  g_string_append (text, "{\"spec\": {\"id\": \"bench\", \"argv\": [\"\"");
  while (text->len < SHAPE_SIZE)
    g_string_append (text, ",\"\"");
  g_string_append (text, "]}}");
  return text;
}

/* A document of the usual kind, many times over: nested objects, numbers,
 * escapes, short and long strings. */
static GString *
make_ordinary_shape (void)
{
  GString *text = g_string_sized_new (SHAPE_SIZE + 1024);
  guint i;

  g_string_append (text, "{\"spec\": {\"id\": \"bench\", \"argv\": [\"/bin/sh\", \"-c\", \"true\"]}, \"items\": [");
  for (i = 0; text->len < SHAPE_SIZE; i++)
    g_string_append_printf (text,
                            "%s{\"name\": \"item-%u\", \"labels\": {\"team\": \"build\", \"tier\": %u}, "
                            "\"ratio\": 0.%u, \"enabled\": %s, \"note\": \"caf\\u00e9 \\\"%u\\\"\", "
                            "\"limits\": [1, 2.5e3, -7, null]}",
                            i > 0 ? ", " : "", i, i % 7, i, i % 2 ? "true" : "false", i);
  g_string_append (text, "]}");
  return text;
}

/* N_NAMES members whose names are 16 blocks of "Ez" or "FY": all have the
 * same g_str_hash(). */
static GString *
make_names_shape (gboolean colliding)
{
  GString *text = g_string_new ("{\"spec\": {}");
  guint i, bit;

  for (i = 0; i < N_NAMES; i++)
    {
      g_string_append (text, ", \"");
      for (bit = 0; bit < 16; bit++)
        {
          if (colliding)
            g_string_append (text, (i & (1u << bit)) ? "FY" : "Ez");
          else
            g_string_append_printf (text, "%02x", (i >> ((bit % 4) * 4)) * 31u % 256u);
        }
      g_string_append_printf (text, "\": %u", i % 10);
    }
  g_string_append_c (text, '}');
  return text;
}

static double
seconds_to_read (GString  *text,
                 gboolean  with_json_parser)
{
  gint64 start;

  /* Freeing JsonParser's millions of nodes leaves the allocator work
   * (consolidating free chunks) that would land on the next read timed. */
  malloc_trim (0);
  start = g_get_monotonic_time ();

  if (with_json_parser)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;

      if (!json_parser_load_from_data (parser, text->str, (gssize) text->len, &error))
        g_error ("JsonParser: %s", error->message);
    }
  else
    {
      g_autoptr(CellosExecutionCellDocument) document = NULL;
      g_autoptr(GError) error = NULL;

      document = cellos_execution_cell_document_new_from_data (text->str, (gssize) text->len, &error);
      if (document == NULL)
        g_error ("reader: %s", error->message);
    }

  return (g_get_monotonic_time () - start) / 1e6;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* Median time over @rounds reads, interleaved for the two readers so that
 * whatever else the machine does lands on both alike; @json_parser NULL
 * times the reader alone (JsonParser takes minutes on colliding names). */
static void
time_shape (GString *text,
            guint    rounds,
            double  *reader,
            double  *json_parser)
{
  g_autofree double *a = g_new (double, rounds);
  g_autofree double *b = g_new (double, rounds);
  guint i;

  for (i = 0; i < rounds; i++)
    {
      a[i] = seconds_to_read (text, FALSE);
      b[i] = json_parser != NULL ? seconds_to_read (text, TRUE) : 0;
    }
  qsort (a, rounds, sizeof (double), compare_doubles);
  qsort (b, rounds, sizeof (double), compare_doubles);
  *reader = a[rounds / 2];
  if (json_parser != NULL)
    *json_parser = b[rounds / 2];
}

/* The peak resident set size of this process image. Not getrusage():
 * its ru_maxrss survives execve(), so the child would inherit the
 * parent's. */
static long
max_rss_bytes (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) ||
      (line = strstr (status, "VmHWM:")) == NULL)
    g_error ("no VmHWM in /proc/self/status");
  return atol (line + strlen ("VmHWM:")) * 1024L;
}

/* The child: reads FILE with new_from_file() and prints how much its peak
 * resident set grew. */
static int
measure_peak (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(CellosExecutionCellDocument) warm = cellos_execution_cell_document_new ("warm");
  g_autoptr(CellosExecutionCellDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *small = NULL;
  long before;

  /* Types, GIO's VFS and the allocator's arenas set up first. */
  small = cellos_execution_cell_document_to_data (warm, NULL);
  g_clear_object (&warm);
  g_clear_object (&document);
  before = max_rss_bytes ();

  document = cellos_execution_cell_document_new_from_file (file, NULL, &error);
  if (document == NULL)
    g_error ("reader: %s", error->message);

  printf ("%ld\n", max_rss_bytes () - before);
  return 0;
}

static long
peak_of (const char *self_path,
         GString    *text)
{
  g_autofree char *path = NULL;
  g_autofree char *output = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { self_path, "--peak", NULL, NULL };
  int fd;
  int status;

  fd = g_file_open_tmp ("cellos-document-bench-XXXXXX.json", &path, &error);
  g_assert_no_error (error);
  close (fd);
  g_file_set_contents (path, text->str, (gssize) text->len, &error);
  g_assert_no_error (error);

  argv[2] = path;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                &output, NULL, &status, &error);
  g_assert_no_error (error);
  g_unlink (path);
  g_spawn_check_wait_status (status, &error);
  g_assert_no_error (error);
  return atol (output);
}

int
main (int   argc,
      char *argv[])
{
  guint rounds = 7;
  gboolean ok = TRUE;
  Shape shapes[5];
  double colliding, ordinary;
  GString *text;
  guint i;

  if (argc == 3 && strcmp (argv[1], "--peak") == 0)
    return measure_peak (argv[2]);
  if (argc == 3 && strcmp (argv[1], "--rounds") == 0)
    rounds = (guint) MAX (1, atoi (argv[2]));

  shapes[0] = (Shape) { "ordinary documents", make_ordinary_shape () };
  shapes[1] = (Shape) { "array of short strings", make_array_shape ("\"ab\"") };
  shapes[2] = (Shape) { "array of empty objects", make_array_shape ("{}") };
  shapes[3] = (Shape) { "one object, many members", make_members_shape () };
  shapes[4] = (Shape) { "spec.argv of empty strings", make_argv_shape () };

  printf ("document reading (%u rounds, median)\n", rounds);
  printf ("%-26s %8s %10s %10s %12s %12s %6s\n",
          "shape", "MiB", "reader", "JsonParser", "peak MiB", "budget MiB", "");
  for (i = 0; i < G_N_ELEMENTS (shapes); i++)
    {
      double size = shapes[i].text->len;
      double reader, json_parser;
      long peak;
      double budget = BUDGET_PEAK_FACTOR * size + BUDGET_PEAK_CONSTANT;

      time_shape (shapes[i].text, rounds, &reader, &json_parser);
      peak = peak_of (argv[0], shapes[i].text);
      printf ("%-26s %8.1f %7.0f MB/s %5.0f MB/s %12.1f %12.1f %6s\n",
              shapes[i].name, size / 1048576.0,
              size / 1e6 / reader, size / 1e6 / json_parser,
              peak / 1048576.0, budget / 1048576.0,
              peak <= budget && reader <= json_parser ? "ok" : "MISSED");
      if (peak > budget || reader > json_parser)
        ok = FALSE;
      g_string_free (shapes[i].text, TRUE);
    }

  text = make_names_shape (TRUE);
  time_shape (text, rounds, &colliding, NULL);
  printf ("%u colliding member names (%.1f MiB): %.3f s\n",
          N_NAMES, text->len / 1048576.0, colliding);
  g_string_free (text, TRUE);
  text = make_names_shape (FALSE);
  time_shape (text, rounds, &ordinary, NULL);
  printf ("%u ordinary member names (%.1f MiB): %.3f s\n",
          N_NAMES, text->len / 1048576.0, ordinary);
  g_string_free (text, TRUE);
  printf ("colliding / ordinary: %.2f (budget %.1f) %s\n", colliding / ordinary,
          BUDGET_COLLIDING_FACTOR, colliding <= BUDGET_COLLIDING_FACTOR * ordinary ? "ok" : "MISSED");
  if (colliding > BUDGET_COLLIDING_FACTOR * ordinary)
    ok = FALSE;

  return ok ? 0 : 1;
}
