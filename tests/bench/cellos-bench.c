/* cellos-bench.c: what a create+destroy cycle costs, against GLib's floors
 *
 * Copyright 2026 The CellOS authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Every variant runs in the same process, in interleaved rounds (a, b, c,
 * d, e, a, b, …), so that whatever else the machine is doing lands on all
 * of them alike; each figure is the median over the rounds of the mean
 * time per cycle within a round. The budgets are ratios to floors measured
 * in the same rounds, not absolute times, so they hold on any machine.
 *
 * The floors are GLib's price for the same work on objects of the same
 * shape: GObjects with the construct-only properties of a handle and a
 * report, built the ordinary way, with g_object_new() and property names,
 * and no libcellos code.
 *
 * Variants, one create+destroy cycle each:
 *   a  floor-async: two bare GTasks, each returning a shaped object on the
 *      next main loop iteration
 *   b  stub-async:  the stub through the asynchronous public API
 *   c  stub-sync:   the stub through the synchronous public API
 *   d  floor-alloc: a handle-shaped and a report-shaped object created and
 *      freed
 *   e  async-only-sync: the synchronous public API over the C tests'
 *      backend that implements only the asynchronous virtual methods and
 *      does a's work per operation (a GTask returning a handle or report it
 *      builds with g_object_new() and property names)
 *   ax floor-async-fresh-context: e's floor, a with each GTask run on a
 *      fresh main context of its own (new, pushed, iterated, popped,
 *      unreferenced), as GIO's synchronous wrappers run theirs
 *   x  fresh-context: what ax adds to a, two fresh contexts made, pushed,
 *      popped and unreferenced, without a task
 *   log-off: the stub's two log calls per cycle with debug output off, as
 *      a share of c
 * and, without budgets, the floors with trivial objects (no properties),
 * to show what GObject charges for the properties themselves:
 *   a0 trivial-async: as a, each GTask returning a trivial GObject
 *   d0 trivial-alloc: two trivial GObjects created and freed
 * and with them:
 *   handle memory: heap and RSS growth per handle with many held
 *   --rss-cycles N: RSS over N cycles, alternating c and b, must stay flat
 *   --profile VARIANT: run one variant untimed, for callgrind
 *   --budgets: list the ratios and their budgets, for check-perf.sh
 */

#include "config.h"

#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cellos/cellos.h>

#include "cellos-private.h"
#include "test-utils.h"

/* Budgets; the ratio budgets are in ratios[] below. */
#define BUDGET_BYTES_PER_HANDLE 128.0
#define BUDGET_RSS_GROWTH_BYTES (256 * 1024)

#define CELL_ID "cell-0123456789a"

/* A trivial object: what the trivial floors allocate. */

#define BENCH_TYPE_TRIVIAL (bench_trivial_get_type ())
G_DECLARE_FINAL_TYPE (BenchTrivial, bench_trivial, BENCH, TRIVIAL, GObject)

struct _BenchTrivial
{
  GObject parent_instance;
};

G_DEFINE_FINAL_TYPE (BenchTrivial, bench_trivial, G_TYPE_OBJECT)

static void
bench_trivial_class_init (BenchTrivialClass *klass)
{
}

static void
bench_trivial_init (BenchTrivial *self)
{
}

/* Objects shaped like a handle and a report: final GObjects with the same
 * construct-only properties, under the same names (five strings and a
 * strv; a string, a boolean and a uint) and the ordinary boilerplate
 * (checked casts in set_property() and finalize()), but no libcellos code. The floors build them with g_object_new() and
 * property names, as any backend builds its handles and reports. */

#define BENCH_TYPE_HANDLE_SHAPED (bench_handle_shaped_get_type ())
G_DECLARE_FINAL_TYPE (BenchHandleShaped, bench_handle_shaped, BENCH, HANDLE_SHAPED, GObject)

struct _BenchHandleShaped
{
  GObject parent_instance;
  char *strings[5];
  GStrv strv;
};

G_DEFINE_FINAL_TYPE (BenchHandleShaped, bench_handle_shaped, G_TYPE_OBJECT)

static void
bench_handle_shaped_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  BenchHandleShaped *self = BENCH_HANDLE_SHAPED (object);

  if (prop_id >= 1 && prop_id <= 5)
    self->strings[prop_id - 1] = g_value_dup_string (value);
  else if (prop_id == 6)
    self->strv = g_value_dup_boxed (value);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
bench_handle_shaped_finalize (GObject *object)
{
  BenchHandleShaped *self = BENCH_HANDLE_SHAPED (object);
  guint i;

  for (i = 0; i < G_N_ELEMENTS (self->strings); i++)
    g_free (self->strings[i]);
  g_strfreev (self->strv);
  G_OBJECT_CLASS (bench_handle_shaped_parent_class)->finalize (object);
}

static void
bench_handle_shaped_class_init (BenchHandleShapedClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;
  static const char * const names[] = {
    "cell-id", "cgroup-path", "kernel-digest-sha256", "rootfs-digest-sha256",
    "firecracker-digest-sha256",
  };
  guint i;

  object_class->set_property = bench_handle_shaped_set_property;
  object_class->finalize = bench_handle_shaped_finalize;
  for (i = 0; i < G_N_ELEMENTS (names); i++)
    g_object_class_install_property (object_class, i + 1,
                                     g_param_spec_string (names[i], NULL, NULL, NULL, flags));
  g_object_class_install_property (object_class, 6,
                                   g_param_spec_boxed ("nft-rules-applied", NULL, NULL, G_TYPE_STRV, flags));
}

static void
bench_handle_shaped_init (BenchHandleShaped *self)
{
}

#define BENCH_TYPE_REPORT_SHAPED (bench_report_shaped_get_type ())
G_DECLARE_FINAL_TYPE (BenchReportShaped, bench_report_shaped, BENCH, REPORT_SHAPED, GObject)

struct _BenchReportShaped
{
  GObject parent_instance;
  char *string;
  gboolean boolean;
  guint uint;
};

G_DEFINE_FINAL_TYPE (BenchReportShaped, bench_report_shaped, G_TYPE_OBJECT)

static void
bench_report_shaped_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  BenchReportShaped *self = BENCH_REPORT_SHAPED (object);

  switch (prop_id)
    {
    case 1:
      self->string = g_value_dup_string (value);
      break;
    case 2:
      self->boolean = g_value_get_boolean (value);
      break;
    case 3:
      self->uint = g_value_get_uint (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bench_report_shaped_finalize (GObject *object)
{
  BenchReportShaped *self = BENCH_REPORT_SHAPED (object);

  g_free (self->string);
  G_OBJECT_CLASS (bench_report_shaped_parent_class)->finalize (object);
}

static void
bench_report_shaped_class_init (BenchReportShapedClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->set_property = bench_report_shaped_set_property;
  object_class->finalize = bench_report_shaped_finalize;
  g_object_class_install_property (object_class, 1,
                                   g_param_spec_string ("cell-id", NULL, NULL, NULL, flags));
  g_object_class_install_property (object_class, 2,
                                   g_param_spec_boolean ("destroyed", NULL, NULL, FALSE, flags));
  g_object_class_install_property (object_class, 3,
                                   g_param_spec_uint ("peers-tracked-after", NULL, NULL,
                                                      0, G_MAXUINT, 0, flags));
}

static void
bench_report_shaped_init (BenchReportShaped *self)
{
}

static GObject *
new_handle_shaped (const char *cell_id)
{
  return g_object_new (BENCH_TYPE_HANDLE_SHAPED, "cell-id", cell_id, NULL);
}

static GObject *
new_report_shaped (const char *cell_id)
{
  return g_object_new (BENCH_TYPE_REPORT_SHAPED,
                       "cell-id", cell_id,
                       "destroyed", TRUE,
                       NULL);
}

/* What every cycle works with. */
typedef struct
{
  CellosCellBackend *stub;
  CellosCellBackend *async_only;
  CellosExecutionCellDocument *document;
  GObject *floor_source;
  GMainContext *context;
} Bench;

static void
store_result (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GAsyncResult **result_out = user_data;

  *result_out = g_object_ref (result);
}

static GAsyncResult *
wait_for_result_on (GMainContext  *context,
                    GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (context, TRUE);
  return *result;
}

static GAsyncResult *
wait_for_result (Bench         *bench,
                 GAsyncResult **result)
{
  return wait_for_result_on (bench->context, result);
}

static void
fail_cycle (const char *what)
{
  g_printerr ("cellos-bench: %s failed\n", what);
  exit (1);
}

/* A GTask on the thread-default context @context, returning @object on
 * the next iteration of it. */
static GObject *
run_floor_task_on (Bench        *bench,
                   GMainContext *context,
                   GObject      *object)
{
  GAsyncResult *result = NULL;
  GTask *task;
  GObject *returned;

  task = g_task_new (bench->floor_source, NULL, store_result, &result);
  g_task_set_source_tag (task, run_floor_task_on);
  g_task_return_pointer (task, object, g_object_unref);
  g_object_unref (task);
  returned = g_task_propagate_pointer (G_TASK (wait_for_result_on (context, &result)), NULL);
  g_clear_object (&result);
  return returned;
}

static GObject *
run_floor_task (Bench   *bench,
                GObject *object)
{
  return run_floor_task_on (bench, bench->context, object);
}

/* As GIO's synchronous wrappers wait: on a fresh context, pushed while the
 * task is made and until its result arrives, then popped and dropped. */
static GObject *
run_floor_task_fresh_context (Bench   *bench,
                              GObject *object)
{
  GMainContext *context = g_main_context_new ();
  GObject *returned;

  g_main_context_push_thread_default (context);
  returned = run_floor_task_on (bench, context, object);
  g_main_context_pop_thread_default (context);
  g_main_context_unref (context);
  return returned;
}

/* a: two bare GTasks, completing on the next iteration of the same
 * context, driven exactly as the stub's asynchronous cycle is. */
static void
cycle_floor_async (Bench *bench)
{
  GObject *handle = run_floor_task (bench, new_handle_shaped (CELL_ID));
  GObject *report = run_floor_task (bench, new_report_shaped (CELL_ID));

  if (handle == NULL || report == NULL)
    fail_cycle ("floor-async");
  g_object_unref (handle);
  g_object_unref (report);
}

/* ax: e's floor. */
static void
cycle_floor_async_fresh_context (Bench *bench)
{
  GObject *handle = run_floor_task_fresh_context (bench, new_handle_shaped (CELL_ID));
  GObject *report = run_floor_task_fresh_context (bench, new_report_shaped (CELL_ID));

  if (handle == NULL || report == NULL)
    fail_cycle ("floor-async-fresh-context");
  g_object_unref (handle);
  g_object_unref (report);
}

/* x: what ax adds to a. */
static void
cycle_fresh_context (Bench *bench)
{
  guint i;

  for (i = 0; i < 2; i++)
    {
      GMainContext *context = g_main_context_new ();

      g_main_context_push_thread_default (context);
      g_main_context_pop_thread_default (context);
      g_main_context_unref (context);
    }
}

/* a0 */
static void
cycle_trivial_async (Bench *bench)
{
  GObject *first = run_floor_task (bench, g_object_new (BENCH_TYPE_TRIVIAL, NULL));
  GObject *second = run_floor_task (bench, g_object_new (BENCH_TYPE_TRIVIAL, NULL));

  if (first == NULL || second == NULL)
    fail_cycle ("trivial-async");
  g_object_unref (first);
  g_object_unref (second);
}

/* b */
static void
cycle_stub_async (Bench *bench)
{
  GAsyncResult *result = NULL;
  CellosCellHandle *handle;
  CellosTeardownReport *report;

  cellos_cell_backend_create_async (bench->stub, bench->document, NULL,
                                    store_result, &result);
  handle = cellos_cell_backend_create_finish (bench->stub,
                                              wait_for_result (bench, &result),
                                              NULL);
  g_clear_object (&result);
  if (handle == NULL)
    fail_cycle ("stub-async create");

  cellos_cell_backend_destroy_async (bench->stub, handle, NULL,
                                     store_result, &result);
  report = cellos_cell_backend_destroy_finish (bench->stub,
                                               wait_for_result (bench, &result),
                                               NULL);
  g_clear_object (&result);
  if (report == NULL)
    fail_cycle ("stub-async destroy");

  g_object_unref (handle);
  g_object_unref (report);
}

static void
run_sync_cycle (CellosCellBackend           *backend,
            CellosExecutionCellDocument *document,
            const char                  *what)
{
  CellosCellHandle *handle;
  CellosTeardownReport *report;

  handle = cellos_cell_backend_create (backend, document, NULL, NULL);
  if (handle == NULL)
    fail_cycle (what);
  report = cellos_cell_backend_destroy (backend, handle, NULL, NULL);
  if (report == NULL)
    fail_cycle (what);

  g_object_unref (handle);
  g_object_unref (report);
}

/* c */
static void
cycle_stub_sync (Bench *bench)
{
  run_sync_cycle (bench->stub, bench->document, "stub-sync");
}

/* d */
static void
cycle_floor_alloc (Bench *bench)
{
  GObject *handle = new_handle_shaped (CELL_ID);
  GObject *report = new_report_shaped (CELL_ID);

  g_object_unref (handle);
  g_object_unref (report);
}

/* d0 */
static void
cycle_trivial_alloc (Bench *bench)
{
  GObject *first = g_object_new (BENCH_TYPE_TRIVIAL, NULL);
  GObject *second = g_object_new (BENCH_TYPE_TRIVIAL, NULL);

  g_object_unref (first);
  g_object_unref (second);
}

/* e */
static void
cycle_async_only_sync (Bench *bench)
{
  run_sync_cycle (bench->async_only, bench->document, "async-only-sync");
}

/* What the stub adds for logging per cycle when debug output is off. */
static void
cycle_log_off (Bench *bench)
{
  cellos_log_operation ("stub", "create", CELL_ID);
  cellos_log_operation ("stub", "destroy", CELL_ID);
}

typedef struct
{
  const char *name;
  const char *label;
  void (*cycle) (Bench *bench);
  guint cycles_per_round;
  GArray *samples;
  double median;
} Variant;

enum {
  FLOOR_ASYNC,
  STUB_ASYNC,
  STUB_SYNC,
  FLOOR_ALLOC,
  ASYNC_ONLY_SYNC,
  FLOOR_ASYNC_FRESH_CONTEXT,
  FRESH_CONTEXT,
  LOG_OFF,
  TRIVIAL_ASYNC,
  TRIVIAL_ALLOC,
  N_VARIANTS
};

static Variant variants[N_VARIANTS] = {
  { "floor-async", "a  GTask pair, shaped objects (floor)", cycle_floor_async },
  { "stub-async", "b  stub, async API", cycle_stub_async },
  { "stub-sync", "c  stub, sync API", cycle_stub_sync },
  { "floor-alloc", "d  shaped objects (floor)", cycle_floor_alloc },
  { "async-only-sync", "e  sync API over async-only backend", cycle_async_only_sync },
  { "floor-async-fresh-context", "ax GTask pair, fresh contexts (e's floor)", cycle_floor_async_fresh_context },
  { "fresh-context", "x  two fresh contexts, no task", cycle_fresh_context },
  { "log-off", "   stub's log calls, debug off", cycle_log_off },
  { "trivial-async", "a0 GTask pair, trivial objects", cycle_trivial_async },
  { "trivial-alloc", "d0 two trivial GObjects", cycle_trivial_alloc },
};

/* A ratio between two variants, taken within each round and then the
 * median over rounds: both sides of a round ran a few milliseconds apart,
 * so load that comes and goes between rounds cancels out. */
typedef enum
{
  RATIO_AT_MOST,  /* a budget the ratio may reach */
  RATIO_SHARE,    /* a share, printed as a percentage, strictly below its budget */
  RATIO_INFO,     /* no budget: printed to show where time goes */
} RatioKind;

typedef struct
{
  const char *name;
  const char *label;
  guint numerator;
  guint denominator;
  RatioKind kind;
  double budget;
  double median;
  gboolean ok;
} Ratio;

static Ratio ratios[] = {
  { "stub_async_over_floor_async", "b/a   stub async / GTask floor", STUB_ASYNC, FLOOR_ASYNC, RATIO_AT_MOST, 1.10 },
  { "stub_sync_over_floor_alloc", "c/d   stub sync / allocation floor", STUB_SYNC, FLOOR_ALLOC, RATIO_AT_MOST, 1.20 },
  { "async_only_sync_over_floor_async_fresh_context", "e/ax  sync over async-only / its floor", ASYNC_ONLY_SYNC, FLOOR_ASYNC_FRESH_CONTEXT, RATIO_AT_MOST, 1.20 },
  { "log_off_share_of_stub_sync", "debug logging off, share of c", LOG_OFF, STUB_SYNC, RATIO_SHARE, 0.02 },
  { "stub_async_over_trivial_async", "b/a0  stub async / trivial GTask pair", STUB_ASYNC, TRIVIAL_ASYNC, RATIO_INFO, 0 },
  { "stub_sync_over_trivial_alloc", "c/d0  stub sync / trivial objects", STUB_SYNC, TRIVIAL_ALLOC, RATIO_INFO, 0 },
  { "async_only_sync_over_floor_async", "e/a   sync over async-only / GTask floor", ASYNC_ONLY_SYNC, FLOOR_ASYNC, RATIO_INFO, 0 },
  { "fresh_context_share_of_floor_async_fresh_context", "x/ax  fresh contexts, share of e's floor", FRESH_CONTEXT, FLOOR_ASYNC_FRESH_CONTEXT, RATIO_INFO, 0 },
  { "async_only_sync_over_trivial_async", "e/a0  sync over async-only / trivial pair", ASYNC_ONLY_SYNC, TRIVIAL_ASYNC, RATIO_INFO, 0 },
  { "floor_alloc_over_trivial_alloc", "d/d0  shaped / trivial objects", FLOOR_ALLOC, TRIVIAL_ALLOC, RATIO_INFO, 0 },
};

/* The thread's CPU time, not the wall clock: on a machine shared with
 * other builds, a cycle that makes a system call (every main loop
 * iteration polls) is often preempted there, and the wall clock would
 * count the other processes' time against whichever variant was running.
 * --wall-clock measures elapsed time instead, for a quiet machine. */
static clockid_t timing_clock = CLOCK_THREAD_CPUTIME_ID;

static double
now_ns (void)
{
  struct timespec ts;

  clock_gettime (timing_clock, &ts);
  return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* The median of @n values, which are left in place. */
static double
median (const double *values,
        guint         n)
{
  g_autofree double *sorted = g_memdup2 (values, n * sizeof (double));

  qsort (sorted, n, sizeof (double), (int (*) (const void *, const void *)) compare_doubles);
  if (n % 2 == 1)
    return sorted[n / 2];
  return (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
}

static double
time_cycles (Bench   *bench,
             Variant *variant,
             guint    cycles)
{
  double start = now_ns ();
  guint i;

  for (i = 0; i < cycles; i++)
    variant->cycle (bench);
  return (now_ns () - start) / cycles;
}

/* Each variant runs for about @round_ns per round, however cheap it is, so
 * that a scheduler tick lands on every variant alike. */
static void
run_rounds (Bench  *bench,
            guint   rounds,
            double  round_ns)
{
  guint round, v, r;

  for (v = 0; v < N_VARIANTS; v++)
    {
      Variant *variant = &variants[v];
      double estimate;

      /* Warm up (types registered, caches and free lists filled), then
       * estimate. */
      time_cycles (bench, variant, 1000);
      estimate = time_cycles (bench, variant, 1000);
      variant->cycles_per_round = CLAMP (round_ns / MAX (estimate, 1.0), 10, 1000000);
      variant->samples = g_array_sized_new (FALSE, FALSE, sizeof (double), rounds);
    }

  for (round = 0; round < rounds; round++)
    for (v = 0; v < N_VARIANTS; v++)
      {
        double per_cycle = time_cycles (bench, &variants[v], variants[v].cycles_per_round);

        g_array_append_val (variants[v].samples, per_cycle);
      }

  for (v = 0; v < N_VARIANTS; v++)
    variants[v].median = median ((double *) variants[v].samples->data, rounds);

  for (r = 0; r < G_N_ELEMENTS (ratios); r++)
    {
      g_autofree double *per_round = g_new (double, rounds);

      for (round = 0; round < rounds; round++)
        per_round[round] = g_array_index (variants[ratios[r].numerator].samples, double, round) /
                           g_array_index (variants[ratios[r].denominator].samples, double, round);
      ratios[r].median = median (per_round, rounds);
      switch (ratios[r].kind)
        {
        case RATIO_AT_MOST:
          ratios[r].ok = ratios[r].median <= ratios[r].budget;
          break;
        case RATIO_SHARE:
          ratios[r].ok = ratios[r].median < ratios[r].budget;
          break;
        case RATIO_INFO:
        default:
          ratios[r].ok = TRUE;
          break;
        }
    }

  for (v = 0; v < N_VARIANTS; v++)
    g_array_unref (variants[v].samples);
}

/* Resident set size in bytes, from /proc/self/statm. */
static gsize
rss_bytes (void)
{
  g_autofree char *statm = NULL;
  unsigned long size, resident;

  if (!g_file_get_contents ("/proc/self/statm", &statm, NULL, NULL) ||
      sscanf (statm, "%lu %lu", &size, &resident) != 2)
    return 0;
  return resident * (gsize) sysconf (_SC_PAGESIZE);
}

static gsize
heap_bytes (void)
{
  struct mallinfo2 info = mallinfo2 ();

  /* In use from the main arena plus mmap()ed blocks. */
  return info.uordblks + info.hblkhd;
}

typedef struct
{
  double heap_per_handle;
  double rss_per_handle;
} HandleMemory;

/* Handles held at once, as a supervisor with many cells holds them, each
 * for a cell of its own: every handle gets a distinct 16-character id, and
 * the document moves on to the next id, so each id is held by its handle
 * alone. The
 * array that holds them is allocated before the first measurement. */
static HandleMemory
measure_handle_memory (Bench *bench,
                       guint  n_handles)
{
  g_autoptr(GPtrArray) handles = g_ptr_array_new_full (n_handles, g_object_unref);
  HandleMemory memory;
  gsize heap_before, rss_before;
  guint i;

  memset (handles->pdata, 0, n_handles * sizeof (gpointer));
  heap_before = heap_bytes ();
  rss_before = rss_bytes ();

  for (i = 0; i < n_handles; i++)
    {
      CellosCellHandle *handle;
      char id[17];

      g_snprintf (id, sizeof id, "cell-%011u", i);
      cellos_execution_cell_document_set_id (bench->document, id);
      handle = cellos_cell_backend_create (bench->stub, bench->document, NULL, NULL);
      if (handle == NULL)
        fail_cycle ("handle memory");
      g_ptr_array_add (handles, handle);
    }

  memory.heap_per_handle = (double) (heap_bytes () - heap_before) / n_handles;
  memory.rss_per_handle = (double) (rss_bytes () - rss_before) / n_handles;
  cellos_execution_cell_document_set_id (bench->document, CELL_ID);
  return memory;
}

typedef struct
{
  guint64 cycles;
  gsize rss_start;
  gsize rss_end;
  gsize rss_max;
  gssize growth;
} RssRun;

/* RSS is sampled after the first tenth of the cycles (allocator pools
 * filled) and then every tenth; flat means it does not grow after that. */
static RssRun
measure_rss_flatness (Bench   *bench,
                      guint64  n_cycles)
{
  RssRun run = { n_cycles, 0, 0, 0, 0 };
  guint64 step = MAX (n_cycles / 10, 1), i;

  for (i = 1; i <= n_cycles; i++)
    {
      if (i % 2 == 0)
        cycle_stub_sync (bench);
      else
        cycle_stub_async (bench);

      if (i % step == 0)
        {
          gsize rss = rss_bytes ();

          if (run.rss_start == 0)
            run.rss_start = rss;
          run.rss_max = MAX (run.rss_max, rss);
          run.rss_end = rss;
        }
    }
  run.growth = (gssize) run.rss_max - (gssize) run.rss_start;
  return run;
}

static const char *
verdict (gboolean ok)
{
  return ok ? "ok" : "OVER BUDGET";
}

int
main (int    argc,
      char **argv)
{
  gboolean json = FALSE;
  gboolean wall_clock = FALSE;
  gboolean list_budgets = FALSE;
  int rounds = 31;
  int cycles = 1000;
  int round_us = 3000;
  int n_handles = 1000000;
  gint64 rss_cycles = 0;
  g_autofree char *profile = NULL;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "Print the results as JSON", NULL },
    { "rounds", 0, 0, G_OPTION_ARG_INT, &rounds, "Interleaved rounds (default 31)", "N" },
    { "wall-clock", 0, 0, G_OPTION_ARG_NONE, &wall_clock, "Time with the wall clock, not the thread's CPU time", NULL },
    { "round-us", 0, 0, G_OPTION_ARG_INT, &round_us, "Microseconds per variant per round (default 3000)", "US" },
    { "cycles", 0, 0, G_OPTION_ARG_INT, &cycles, "Cycles for --profile (default 1000)", "N" },
    { "handles", 0, 0, G_OPTION_ARG_INT, &n_handles, "Handles held for the memory figure (default 1000000)", "N" },
    { "rss-cycles", 0, 0, G_OPTION_ARG_INT64, &rss_cycles, "Only check that RSS stays flat over N cycles", "N" },
    { "profile", 0, 0, G_OPTION_ARG_STRING, &profile, "Only run VARIANT for --cycles cycles, untimed (for callgrind)", "VARIANT" },
    { "budgets", 0, 0, G_OPTION_ARG_NONE, &list_budgets, "Only list the ratio budgets, one a line: NAME NUMERATOR DENOMINATOR KIND BUDGET LABEL", NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) options = g_option_context_new ("- measure libcellos against GLib's floors");
  g_autoptr(GError) error = NULL;
  Bench bench = { 0 };
  gboolean all_ok = TRUE;

  g_option_context_add_main_entries (options, entries, NULL);
  if (!g_option_context_parse (options, &argc, &argv, &error) ||
      rounds < 1 || cycles < 1 || round_us < 1 || n_handles < 1)
    {
      g_printerr ("cellos-bench: %s\n", error != NULL ? error->message : "counts must be positive");
      return 2;
    }

  if (wall_clock)
    timing_clock = CLOCK_MONOTONIC;

  /* For tests/bench/check-perf.sh, which holds instruction counts to the
   * same budgets: they are written here only. */
  if (list_budgets)
    {
      static const char * const kinds[] = {
        [RATIO_AT_MOST] = "at-most", [RATIO_SHARE] = "share", [RATIO_INFO] = "info",
      };
      guint r;

      for (r = 0; r < G_N_ELEMENTS (ratios); r++)
        g_print ("%s %s %s %s %.2f %s\n", ratios[r].name, variants[ratios[r].numerator].name,
                 variants[ratios[r].denominator].name, kinds[ratios[r].kind], ratios[r].budget,
                 ratios[r].label);
      return 0;
    }

  /* Debug output off, as in production: the log figure is its cost then. */
  g_unsetenv ("G_MESSAGES_DEBUG");
  g_log_set_debug_enabled (FALSE);

  bench.stub = CELLOS_CELL_BACKEND (cellos_stub_backend_new ());
  bench.async_only = g_object_new (CELLOS_TEST_TYPE_ASYNC_BACKEND, NULL);
  bench.document = cellos_execution_cell_document_new (CELL_ID);
  bench.floor_source = g_object_new (BENCH_TYPE_TRIVIAL, NULL);
  bench.context = g_main_context_ref_thread_default ();

  if (profile != NULL)
    {
      guint v;
      int i;

      for (v = 0; v < N_VARIANTS; v++)
        if (g_str_equal (profile, variants[v].name))
          break;
      if (v == N_VARIANTS)
        {
          g_printerr ("cellos-bench: no variant %s\n", profile);
          return 2;
        }
      /* The first cycle registers types and fills caches; callgrind users
       * subtract a run of 1 cycle from a run of N. */
      for (i = 0; i < cycles; i++)
        variants[v].cycle (&bench);
    }
  else if (rss_cycles > 0)
    {
      RssRun run = measure_rss_flatness (&bench, rss_cycles);
      gboolean ok = run.growth <= BUDGET_RSS_GROWTH_BYTES;

      all_ok = ok;
      if (json)
        g_print ("{\"rss\": {\"cycles\": %" G_GUINT64_FORMAT ", \"start_bytes\": %" G_GSIZE_FORMAT
                 ", \"end_bytes\": %" G_GSIZE_FORMAT ", \"max_bytes\": %" G_GSIZE_FORMAT
                 ", \"growth_bytes\": %" G_GSSIZE_FORMAT ", \"budget_bytes\": %d, \"ok\": %s}}\n",
                 run.cycles, run.rss_start, run.rss_end, run.rss_max, run.growth,
                 BUDGET_RSS_GROWTH_BYTES, ok ? "true" : "false");
      else
        g_print ("RSS over %" G_GUINT64_FORMAT " cycles (sync and async alternating):\n"
                 "  after the first tenth %" G_GSIZE_FORMAT " KiB, at the end %" G_GSIZE_FORMAT
                 " KiB, peak %" G_GSIZE_FORMAT " KiB\n"
                 "  growth %" G_GSSIZE_FORMAT " bytes (budget %d)  %s\n",
                 run.cycles, run.rss_start / 1024, run.rss_end / 1024, run.rss_max / 1024,
                 run.growth, BUDGET_RSS_GROWTH_BYTES, verdict (ok));
    }
  else
    {
      HandleMemory memory;
      gboolean memory_ok;
      guint v, r;

      run_rounds (&bench, rounds, round_us * 1000.0);
      memory = measure_handle_memory (&bench, n_handles);
      memory_ok = MAX (memory.heap_per_handle, memory.rss_per_handle) <= BUDGET_BYTES_PER_HANDLE;

      all_ok = memory_ok;
      for (r = 0; r < G_N_ELEMENTS (ratios); r++)
        all_ok = all_ok && ratios[r].ok;

      if (json)
        {
          g_print ("{\"rounds\": %d, \"round_us\": %d, \"clock\": \"%s\",\n \"ns_per_cycle\": {",
                   rounds, round_us, wall_clock ? "wall" : "thread-cpu");
          for (v = 0; v < N_VARIANTS; v++)
            g_print ("%s\"%s\": %.1f", v > 0 ? ", " : "", variants[v].name, variants[v].median);
          g_print ("},\n \"ratios\": {");
          for (r = 0; r < G_N_ELEMENTS (ratios); r++)
            if (ratios[r].kind == RATIO_INFO)
              g_print ("%s\"%s\": {\"value\": %.4f}",
                       r > 0 ? ", " : "", ratios[r].name, ratios[r].median);
            else
              g_print ("%s\"%s\": {\"value\": %.4f, \"budget\": %.2f, \"ok\": %s}",
                       r > 0 ? ", " : "", ratios[r].name, ratios[r].median, ratios[r].budget,
                       ratios[r].ok ? "true" : "false");
          g_print ("},\n \"handle_memory\": {\"handles\": %d, \"heap_bytes_per_handle\": %.1f, "
                   "\"rss_bytes_per_handle\": %.1f, \"budget\": %.0f, \"ok\": %s},\n"
                   " \"ok\": %s}\n",
                   n_handles, memory.heap_per_handle, memory.rss_per_handle,
                   BUDGET_BYTES_PER_HANDLE, memory_ok ? "true" : "false",
                   all_ok ? "true" : "false");
        }
      else
        {
          g_print ("median ns per create+destroy cycle (%s time), %d interleaved rounds of ~%d us per variant:\n",
                   wall_clock ? "wall-clock" : "thread CPU", rounds, round_us);
          for (v = 0; v < N_VARIANTS; v++)
            g_print ("  %-44s %9.1f\n", variants[v].label, variants[v].median);
          g_print ("ratios (median of per-round ratios):\n");
          for (r = 0; r < G_N_ELEMENTS (ratios); r++)
            switch (ratios[r].kind)
              {
              case RATIO_AT_MOST:
                g_print ("  %-44s %7.3f   (budget %.2f)  %s\n", ratios[r].label,
                         ratios[r].median, ratios[r].budget, verdict (ratios[r].ok));
                break;
              case RATIO_SHARE:
                g_print ("  %-44s %7.2f %% (budget < %.0f %%)  %s\n", ratios[r].label,
                         ratios[r].median * 100, ratios[r].budget * 100, verdict (ratios[r].ok));
                break;
              case RATIO_INFO:
              default:
                g_print ("  %-44s %7.3f   (no budget)\n", ratios[r].label, ratios[r].median);
                break;
              }
          g_print ("bytes per outstanding handle, %d held:\n"
                   "  heap (mallinfo2) %.1f, RSS %.1f  (budget %.0f)  %s\n",
                   n_handles, memory.heap_per_handle, memory.rss_per_handle,
                   BUDGET_BYTES_PER_HANDLE, verdict (memory_ok));
        }
    }

  g_main_context_unref (bench.context);
  g_object_unref (bench.floor_source);
  g_object_unref (bench.document);
  g_object_unref (bench.async_only);
  g_object_unref (bench.stub);

  return all_ok ? 0 : 1;
}
