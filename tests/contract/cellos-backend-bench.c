/* cellos-backend-bench.c: the contract runner's benchmark mode
 *
 *   cellos-backend-contract --benchmark --backend NAME [--cells N]
 *                           [--concurrency C] [--timeout SECONDS] [--json]
 *
 * Measures a backend as a supervisor uses it, with the asynchronous API
 * from one main context: for each concurrency level c of 1, 2, 4, … up to
 * C (C included), N cells are each created and then destroyed, c of them
 * in flight at any time. Each level reports the latency of create and of
 * destroy (50th, 95th and 99th percentiles by nearest rank, and maximum),
 * the throughput in cells created and destroyed per second, and the peak
 * resident set of the process so far (getrusage's ru_maxrss, which only
 * grows: the levels run in increasing order). Output is a table, or with
 * --json one JSON object per level (JSON Lines).
 *
 * A failed create or destroy is counted and its first error printed; the
 * run goes on, and exits 1. A backend that completes no operation for
 * SECONDS (default 60) ends the run, exit 1. It is no timed test: nothing
 * here holds a backend to a speed.
 *
 * Copyright 2026 The CellOS authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cellos/cellos.h>

#include "cellos-backend-bench.h"
#include "cellos-json-writer-private.h"

#define DEFAULT_CELLS 100
#define DEFAULT_CONCURRENCY 8
#define DEFAULT_TIMEOUT_SECONDS 60

/* Latencies of one operation over a level, in microseconds. */
typedef struct
{
  GArray *usec;
  guint errors;
  GError *first_error;
} Samples;

typedef struct
{
  CellosCellBackend *backend;
  const char *id_prefix;
  guint cells;
  guint started;
  guint in_flight;
  gint64 last_progress;
  Samples create;
  Samples destroy;
} Level;

/* One cell's way through create and destroy; as many as the level's
 * concurrency are under way at once. */
typedef struct
{
  Level *level;
  CellosCellHandle *handle;
  gint64 started_at;
} Slot;

static void start_create (Slot *slot);

static void
samples_init (Samples *samples)
{
  samples->usec = g_array_new (FALSE, FALSE, sizeof (gint64));
  samples->errors = 0;
  samples->first_error = NULL;
}

static void
samples_clear (Samples *samples)
{
  g_clear_pointer (&samples->usec, g_array_unref);
  g_clear_error (&samples->first_error);
}

static void
samples_add (Samples *samples,
             gint64   started_at)
{
  gint64 usec = g_get_monotonic_time () - started_at;

  g_array_append_val (samples->usec, usec);
}

static void
samples_fail (Samples *samples,
              GError  *error)
{
  samples->errors++;
  if (samples->first_error == NULL)
    samples->first_error = error;
  else
    g_error_free (error);
}

static void
on_destroyed (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Slot *slot = user_data;
  Level *level = slot->level;
  g_autoptr(CellosTeardownReport) report = NULL;
  GError *error = NULL;

  level->last_progress = g_get_monotonic_time ();
  report = cellos_cell_backend_destroy_finish (level->backend, result, &error);
  if (report == NULL)
    samples_fail (&level->destroy, error);
  else if (!cellos_teardown_report_get_destroyed (report))
    samples_fail (&level->destroy,
                  g_error_new (CELLOS_ERROR, CELLOS_ERROR_FAILED,
                               "the report for cell %s says it is not destroyed",
                               cellos_cell_handle_get_cell_id (slot->handle)));
  else
    samples_add (&level->destroy, slot->started_at);
  g_clear_object (&slot->handle);
  start_create (slot);
}

static void
on_created (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Slot *slot = user_data;
  Level *level = slot->level;
  GError *error = NULL;

  level->last_progress = g_get_monotonic_time ();
  slot->handle = cellos_cell_backend_create_finish (level->backend, result, &error);
  if (slot->handle == NULL)
    {
      samples_fail (&level->create, error);
      start_create (slot);
      return;
    }
  samples_add (&level->create, slot->started_at);
  slot->started_at = g_get_monotonic_time ();
  cellos_cell_backend_destroy_async (level->backend, slot->handle, NULL, on_destroyed, slot);
}

/* Starts the next cell in @slot, or retires it when all are started. */
static void
start_create (Slot *slot)
{
  Level *level = slot->level;
  g_autoptr(CellosExecutionCellDocument) document = NULL;
  g_autofree char *id = NULL;
  const char * const argv[] = { "/bin/true", NULL };

  if (level->started == level->cells)
    {
      level->in_flight--;
      g_free (slot);
      return;
    }
  id = g_strdup_printf ("%s%u", level->id_prefix, ++level->started);
  document = cellos_execution_cell_document_new (id);
  cellos_execution_cell_document_set_argv (document, argv);
  slot->started_at = g_get_monotonic_time ();
  cellos_cell_backend_create_async (level->backend, document, NULL, on_created, slot);
}

static gboolean
on_tick (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs one level; FALSE with @error if the backend stopped answering. */
static gboolean
run_level (Level    *level,
           guint     concurrency,
           guint     timeout_seconds,
           gint64   *elapsed_usec,
           GError  **error)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GSource) tick = g_timeout_source_new (100);
  gint64 started_at;
  guint i;

  g_main_context_push_thread_default (context);
  g_source_set_callback (tick, on_tick, NULL, NULL);
  g_source_attach (tick, context);

  started_at = level->last_progress = g_get_monotonic_time ();
  for (i = 0; i < concurrency && i < level->cells; i++)
    {
      Slot *slot = g_new0 (Slot, 1);

      slot->level = level;
      level->in_flight++;
      start_create (slot);
    }
  while (level->in_flight > 0 &&
         g_get_monotonic_time () - level->last_progress < timeout_seconds * G_USEC_PER_SEC)
    g_main_context_iteration (context, TRUE);
  *elapsed_usec = MAX (g_get_monotonic_time () - started_at, 1);

  g_source_destroy (tick);
  g_main_context_pop_thread_default (context);
  if (level->in_flight > 0)
    {
      /* The operations under way keep their slots: they may still call
       * back, into a context nobody iterates. */
      g_set_error (error, CELLOS_ERROR, CELLOS_ERROR_TIMED_OUT,
                   "no operation completed within %u s at concurrency %u (%u cells still in "
                   "flight)", timeout_seconds, concurrency, level->in_flight);
      return FALSE;
    }
  return TRUE;
}

static gint
compare_usec (gconstpointer a,
              gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* The @percent-th percentile of sorted @usec, by nearest rank. */
static gint64
percentile (GArray *usec,
            guint   percent)
{
  gsize rank;

  if (usec->len == 0)
    return 0;
  rank = (usec->len * (gsize) percent + 99) / 100;
  return g_array_index (usec, gint64, MAX (rank, 1) - 1);
}

static glong
peak_rss_kib (void)
{
  struct rusage usage;

  if (getrusage (RUSAGE_SELF, &usage) != 0)
    return 0;
  /* Linux counts in kibibytes. */
  return usage.ru_maxrss;
}

static void
write_json_samples (CellosJsonWriter *writer,
                    const char       *name,
                    const Samples    *samples)
{
  cellos_json_writer_member (writer, name);
  cellos_json_writer_begin_object (writer);
  cellos_json_writer_member (writer, "count");
  cellos_json_writer_uint (writer, samples->usec->len);
  cellos_json_writer_member (writer, "errors");
  cellos_json_writer_uint (writer, samples->errors);
  cellos_json_writer_member (writer, "p50_us");
  cellos_json_writer_int (writer, percentile (samples->usec, 50));
  cellos_json_writer_member (writer, "p95_us");
  cellos_json_writer_int (writer, percentile (samples->usec, 95));
  cellos_json_writer_member (writer, "p99_us");
  cellos_json_writer_int (writer, percentile (samples->usec, 99));
  cellos_json_writer_member (writer, "max_us");
  cellos_json_writer_int (writer, percentile (samples->usec, 100));
  cellos_json_writer_end_object (writer);
}

/* One line of JSON Lines per concurrency level, written by the library's
 * one JSON writer, as every other JSON that libcellos writes. */
static void
print_json (const char *backend_name,
            Level      *level,
            guint       concurrency,
            gint64      elapsed_usec)
{
  g_autoptr(CellosJsonWriter) writer = cellos_json_writer_new ();
  g_autofree char *line = NULL;
  gsize length;

  cellos_json_writer_begin_object (writer);
  cellos_json_writer_member (writer, "backend");
  cellos_json_writer_string (writer, backend_name);
  cellos_json_writer_member (writer, "cells");
  cellos_json_writer_uint (writer, level->cells);
  cellos_json_writer_member (writer, "concurrency");
  cellos_json_writer_uint (writer, concurrency);
  write_json_samples (writer, "create", &level->create);
  write_json_samples (writer, "destroy", &level->destroy);
  cellos_json_writer_member (writer, "elapsed_s");
  cellos_json_writer_double (writer, elapsed_usec / (double) G_USEC_PER_SEC);
  cellos_json_writer_member (writer, "cells_per_s");
  cellos_json_writer_double (writer,
                             level->destroy.usec->len * (double) G_USEC_PER_SEC /
                             MAX (elapsed_usec, 1));
  cellos_json_writer_member (writer, "peak_rss_kib");
  cellos_json_writer_int (writer, peak_rss_kib ());
  cellos_json_writer_end_object (writer);
  line = cellos_json_writer_finish_line (writer, &length);
  fwrite (line, 1, length, stdout);
}

static void
print_table_header (const char *backend_name,
                    guint       cells)
{
  g_print ("Backend %s: %u cells per level, each created then destroyed; latency in ms\n",
           backend_name, cells);
  g_print ("%11s  %-31s  %-31s  %9s  %9s\n", "", "create", "destroy", "", "peak RSS");
  g_print ("%11s  %7s %7s %7s %7s  %7s %7s %7s %7s  %9s  %9s\n", "concurrency",
           "p50", "p95", "p99", "max", "p50", "p95", "p99", "max", "cells/s", "KiB");
}

static void
print_table_row (Level  *level,
                 guint   concurrency,
                 gint64  elapsed_usec)
{
  const Samples *both[] = { &level->create, &level->destroy };
  gsize i;

  g_print ("%11u", concurrency);
  for (i = 0; i < G_N_ELEMENTS (both); i++)
    g_print ("  %7.3f %7.3f %7.3f %7.3f", percentile (both[i]->usec, 50) / 1000.0,
             percentile (both[i]->usec, 95) / 1000.0, percentile (both[i]->usec, 99) / 1000.0,
             percentile (both[i]->usec, 100) / 1000.0);
  g_print ("  %9.1f  %9ld\n", level->destroy.usec->len * (double) G_USEC_PER_SEC / elapsed_usec,
           peak_rss_kib ());
}

static void
report_errors (const char    *what,
               guint          concurrency,
               const Samples *samples)
{
  if (samples->errors == 0)
    return;
  g_printerr ("cellos-backend-contract: %u of the %s calls failed at concurrency %u; "
              "the first: %s\n", samples->errors, what, concurrency,
              samples->first_error->message);
}

static gboolean
parse_count (const char  *option,
             const char  *value,
             guint        max,
             guint       *count,
             GError     **error)
{
  guint64 number;

  if (!g_ascii_string_to_unsigned (value, 10, 1, max, &number, NULL))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "%s must be a whole number from 1 to %u, not “%s”", option, max, value);
      return FALSE;
    }
  *count = (guint) number;
  return TRUE;
}

static char *opt_backend;
static guint opt_cells = DEFAULT_CELLS;
static guint opt_concurrency = DEFAULT_CONCURRENCY;
static guint opt_timeout = DEFAULT_TIMEOUT_SECONDS;
static gboolean opt_json;
static gboolean opt_benchmark;

static gboolean
parse_option (const char  *name,
              const char  *value,
              gpointer     data,
              GError     **error)
{
  if (g_str_equal (name, "--cells"))
    return parse_count (name, value, 10000000, &opt_cells, error);
  if (g_str_equal (name, "--concurrency"))
    return parse_count (name, value, 10000, &opt_concurrency, error);
  return parse_count (name, value, G_MAXUINT / G_USEC_PER_SEC, &opt_timeout, error);
}

static const GOptionEntry entries[] = {
  { "benchmark", 0, 0, G_OPTION_ARG_NONE, &opt_benchmark,
    "Measure the backend instead of checking it", NULL },
  { "backend", 0, 0, G_OPTION_ARG_STRING, &opt_backend, "The backend to measure", "NAME" },
  { "cells", 0, 0, G_OPTION_ARG_CALLBACK, parse_option,
    "Cells per concurrency level (default 100)", "N" },
  { "concurrency", 0, 0, G_OPTION_ARG_CALLBACK, parse_option,
    "Levels 1, 2, 4, … up to C cells in flight (default 8)", "C" },
  { "timeout", 0, 0, G_OPTION_ARG_CALLBACK, parse_option,
    "Give up when no operation completes for SECONDS (default 60)", "SECONDS" },
  { "json", 0, 0, G_OPTION_ARG_NONE, &opt_json, "One JSON object per level (JSON Lines)", NULL },
  { NULL }
};

int
cellos_backend_bench_main (int    argc,
                           char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("— measure a cell backend");
  g_autoptr(CellosCellBackend) backend = NULL;
  g_autoptr(GError) error = NULL;
  char id_prefix[64];
  gboolean failed = FALSE;
  guint concurrency;

  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_summary (context,
                                "For each concurrency level 1, 2, 4, … up to C, creates and "
                                "destroys N cells, C at a time,\nand reports the latency of "
                                "each operation, the throughput and the peak resident set.");
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s: %s\n", g_get_prgname (), error->message);
      return 2;
    }
  if (opt_backend == NULL || opt_backend[0] == '\0' || argc > 1)
    {
      g_printerr ("%s: %s\n", g_get_prgname (),
                  argc > 1 ? "unexpected argument" : "--backend NAME is required");
      return 2;
    }

  backend = cellos_cell_backend_new_for_name (opt_backend, &error);
  if (backend == NULL)
    {
      g_printerr ("%s: cannot create the backend “%s”: %s\n", g_get_prgname (), opt_backend,
                  error->message);
      return 1;
    }

  if (!opt_json)
    print_table_header (opt_backend, opt_cells);
  for (concurrency = 1; ; concurrency = MIN (concurrency * 2, opt_concurrency))
    {
      Level level = { .backend = backend, .id_prefix = id_prefix, .cells = opt_cells };
      gint64 elapsed_usec = 0;

      g_snprintf (id_prefix, sizeof id_prefix, "bench-%d-%08x-%u-", (int) getpid (),
                  g_random_int (), concurrency);
      samples_init (&level.create);
      samples_init (&level.destroy);
      if (!run_level (&level, concurrency, opt_timeout, &elapsed_usec, &error))
        {
          g_printerr ("%s: %s\n", g_get_prgname (), error->message);
          /* The slots still in flight own the samples: leave them. */
          fflush (stdout);
          return 1;
        }
      g_array_sort (level.create.usec, compare_usec);
      g_array_sort (level.destroy.usec, compare_usec);
      if (opt_json)
        print_json (opt_backend, &level, concurrency, elapsed_usec);
      else
        print_table_row (&level, concurrency, elapsed_usec);
      report_errors ("create", concurrency, &level.create);
      report_errors ("destroy", concurrency, &level.destroy);
      failed |= level.create.errors > 0 || level.destroy.errors > 0;
      samples_clear (&level.create);
      samples_clear (&level.destroy);
      if (concurrency == opt_concurrency)
        break;
    }

  if (fflush (stdout) != 0 || ferror (stdout))
    {
      g_printerr ("%s: cannot write the results\n", g_get_prgname ());
      return 1;
    }
  g_free (opt_backend);
  return failed ? 1 : 0;
}
