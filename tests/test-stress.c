/* test-stress.c: many threads, create/destroy cycles, random cancellation
 *
 * Copyright 2026 The CellOS authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * 8 worker threads run create → destroy cycles against shared backends (the
 * stub, and test backends that implement only one side, so that the
 * interface's sync-from-async and async-from-sync defaults run too), picking
 * the synchronous or asynchronous form at random, while a canceller thread
 * cancels whichever operation a worker is in at random moments. Every
 * object made on the way must be finalized, every failure must be
 * G_IO_ERROR_CANCELLED from a cancelled GCancellable, and a watchdog fails
 * the test if it does not finish in time.
 *
 * make check runs a short form; make check-long runs it with -m slow:
 * 100,000 cycles per thread.
 */

#include "test-utils.h"

#define N_THREADS 8
#define N_CYCLES_SHORT 1000
#define N_CYCLES_LONG 100000
#define WATCHDOG_SECONDS_SHORT 300
#define WATCHDOG_SECONDS_LONG 3600

typedef struct
{
  CellosCellBackend *backends[3];
  guint n_cycles;

  /* Objects made and not yet finalized, counted through weak references. */
  gint live;
  gint tracked;

  gint stop;
} Shared;

typedef struct
{
  Shared *shared;
  guint index;
  guint32 seed;
  GThread *thread;

  GMutex lock;
  GCancellable *current;  /* under lock */

  gint completed;  /* atomic: the watchdog reads them */
  gint cancelled;
  guint async_calls;
  guint sync_calls;
} Worker;

static void
object_finalized (gpointer  data,
                  GObject  *where_the_object_was)
{
  Shared *shared = data;

  g_atomic_int_add (&shared->live, -1);
}

static gpointer
track (Shared   *shared,
       gpointer  object)
{
  if (object == NULL)
    return NULL;
  g_atomic_int_inc (&shared->live);
  g_atomic_int_inc (&shared->tracked);
  g_object_weak_ref (G_OBJECT (object), object_finalized, shared);
  return object;
}

static CellosCellHandle *
run_create (Worker                       *worker,
            CellosCellBackend            *backend,
            CellosExecutionCellDocument  *document,
            GCancellable                 *cancellable,
            gboolean                      async,
            GError                      **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  CellosCellHandle *handle;

  if (!async)
    {
      worker->sync_calls++;
      return cellos_cell_backend_create (backend, document, cancellable, error);
    }

  worker->async_calls++;
  cellos_cell_backend_create_async (backend, document, cancellable,
                                    cellos_test_store_result, &result);
  cellos_test_wait_for (&result);
  track (worker->shared, result);
  handle = cellos_cell_backend_create_finish (backend, result, error);
  return handle;
}

static CellosTeardownReport *
run_destroy (Worker             *worker,
             CellosCellBackend  *backend,
             CellosCellHandle   *handle,
             GCancellable       *cancellable,
             gboolean            async,
             GError            **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  if (!async)
    {
      worker->sync_calls++;
      return cellos_cell_backend_destroy (backend, handle, cancellable, error);
    }

  worker->async_calls++;
  cellos_cell_backend_destroy_async (backend, handle, cancellable,
                                     cellos_test_store_result, &result);
  cellos_test_wait_for (&result);
  track (worker->shared, result);
  return cellos_cell_backend_destroy_finish (backend, result, error);
}

static void
assert_cancelled (GError       *error,
                  GCancellable *cancellable)
{
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_true (g_cancellable_is_cancelled (cancellable));
}

static gpointer
run_worker (gpointer data)
{
  Worker *worker = data;
  Shared *shared = worker->shared;
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (worker->seed);
  g_autofree char *id = g_strdup_printf ("stress-%u", worker->index);
  guint i;

  g_main_context_push_thread_default (context);

  for (i = 0; i < shared->n_cycles; i++)
    {
      g_autoptr(GCancellable) cancellable = track (shared, g_cancellable_new ());
      g_autoptr(CellosExecutionCellDocument) document =
        track (shared, cellos_execution_cell_document_new (id));
      g_autoptr(CellosCellHandle) handle = NULL;
      g_autoptr(CellosTeardownReport) report = NULL;
      g_autoptr(GError) error = NULL;
      CellosCellBackend *backend = shared->backends[g_rand_int_range (rand, 0, 3)];

      g_mutex_lock (&worker->lock);
      worker->current = g_object_ref (cancellable);
      g_mutex_unlock (&worker->lock);

      handle = track (shared, run_create (worker, backend, document, cancellable,
                                          g_rand_boolean (rand), &error));
      if (handle == NULL)
        {
          assert_cancelled (error, cancellable);
          g_atomic_int_inc (&worker->cancelled);
        }
      else
        {
          g_assert_no_error (error);
          g_assert_cmpstr (cellos_cell_handle_get_cell_id (handle), ==, id);

          report = track (shared, run_destroy (worker, backend, handle, cancellable,
                                               g_rand_boolean (rand), &error));
          if (report == NULL)
            {
              assert_cancelled (error, cancellable);
              g_atomic_int_inc (&worker->cancelled);
            }
          else
            {
              g_assert_no_error (error);
              g_assert_cmpstr (cellos_teardown_report_get_cell_id (report), ==, id);
              g_assert_true (cellos_teardown_report_get_destroyed (report));
              g_atomic_int_inc (&worker->completed);
            }
        }

      g_mutex_lock (&worker->lock);
      g_clear_object (&worker->current);
      g_mutex_unlock (&worker->lock);
    }

  g_main_context_pop_thread_default (context);
  return NULL;
}

typedef struct
{
  Shared *shared;
  Worker *workers;
  guint32 seed;
  guint n_cancels;
} Canceller;

static gpointer
run_canceller (gpointer data)
{
  Canceller *canceller = data;
  g_autoptr(GRand) rand = g_rand_new_with_seed (canceller->seed);

  while (!g_atomic_int_get (&canceller->shared->stop))
    {
      Worker *worker = &canceller->workers[g_rand_int_range (rand, 0, N_THREADS)];
      g_autoptr(GCancellable) cancellable = NULL;

      g_mutex_lock (&worker->lock);
      if (worker->current != NULL)
        cancellable = g_object_ref (worker->current);
      g_mutex_unlock (&worker->lock);

      /* A random moment: before, during or after the operation. */
      g_usleep (g_rand_int_range (rand, 0, 50));
      if (cancellable != NULL)
        {
          g_cancellable_cancel (cancellable);
          canceller->n_cancels++;
        }
    }

  return NULL;
}

typedef struct
{
  GMutex lock;
  GCond cond;
  gboolean done;
  guint seconds;
  Worker *workers;
} Watchdog;

static gpointer
run_watchdog (gpointer data)
{
  Watchdog *watchdog = data;
  gint64 deadline = g_get_monotonic_time () + watchdog->seconds * G_TIME_SPAN_SECOND;

  g_mutex_lock (&watchdog->lock);
  while (!watchdog->done)
    {
      if (!g_cond_wait_until (&watchdog->cond, &watchdog->lock, deadline))
        {
          GString *progress = g_string_new (NULL);
          guint i;

          for (i = 0; i < N_THREADS; i++)
            g_string_append_printf (progress, " %d+%d",
                                    g_atomic_int_get (&watchdog->workers[i].completed),
                                    g_atomic_int_get (&watchdog->workers[i].cancelled));
          g_error ("stress test did not finish within %u s (deadlock?); cycles per worker:%s",
                   watchdog->seconds, progress->str);
        }
    }
  g_mutex_unlock (&watchdog->lock);

  return NULL;
}

static void
test_random_cancellation (void)
{
  Shared shared = { { NULL, }, 0, 0, 0, 0 };
  Worker workers[N_THREADS];
  Canceller canceller;
  Watchdog watchdog;
  GThread *canceller_thread;
  GThread *watchdog_thread;
  guint completed = 0, cancelled = 0, sync_calls = 0, async_calls = 0;
  gint64 deadline;
  guint i;

  shared.n_cycles = g_test_slow () ? N_CYCLES_LONG : N_CYCLES_SHORT;
  shared.backends[0] = CELLOS_CELL_BACKEND (cellos_stub_backend_new ());
  shared.backends[1] = g_object_new (CELLOS_TEST_TYPE_SYNC_BACKEND, NULL);
  shared.backends[2] = g_object_new (CELLOS_TEST_TYPE_ASYNC_BACKEND, NULL);

  g_mutex_init (&watchdog.lock);
  g_cond_init (&watchdog.cond);
  watchdog.done = FALSE;
  watchdog.seconds = g_test_slow () ? WATCHDOG_SECONDS_LONG : WATCHDOG_SECONDS_SHORT;
  watchdog.workers = workers;
  watchdog_thread = g_thread_new ("watchdog", run_watchdog, &watchdog);

  for (i = 0; i < N_THREADS; i++)
    {
      workers[i] = (Worker) { &shared, i, (guint32) g_test_rand_int (), NULL, };
      g_mutex_init (&workers[i].lock);
    }

  canceller = (Canceller) { &shared, workers, (guint32) g_test_rand_int (), 0 };
  canceller_thread = g_thread_new ("canceller", run_canceller, &canceller);

  for (i = 0; i < N_THREADS; i++)
    workers[i].thread = g_thread_new ("worker", run_worker, &workers[i]);
  for (i = 0; i < N_THREADS; i++)
    {
      g_thread_join (workers[i].thread);
      completed += (guint) workers[i].completed;
      cancelled += (guint) workers[i].cancelled;
      sync_calls += workers[i].sync_calls;
      async_calls += workers[i].async_calls;
      g_mutex_clear (&workers[i].lock);
    }

  g_atomic_int_set (&shared.stop, 1);
  g_thread_join (canceller_thread);

  g_mutex_lock (&watchdog.lock);
  watchdog.done = TRUE;
  g_cond_signal (&watchdog.cond);
  g_mutex_unlock (&watchdog.lock);
  g_thread_join (watchdog_thread);
  g_mutex_clear (&watchdog.lock);
  g_cond_clear (&watchdog.cond);

  g_test_message ("%u cycles completed, %u cancelled, %u cancel calls, %u sync and %u async calls",
                  completed, cancelled, canceller.n_cancels, sync_calls, async_calls);

  g_assert_cmpuint (completed + cancelled, ==, N_THREADS * shared.n_cycles);
  g_assert_cmpuint (completed, >, 0);
  g_assert_cmpuint (cancelled, >, 0);
  g_assert_cmpuint (sync_calls, >, 0);
  g_assert_cmpuint (async_calls, >, 0);

  /* A GTask's worker thread may still hold its task for a moment after the
   * callback was queued; everything must be gone shortly after. */
  deadline = g_get_monotonic_time () + 30 * G_TIME_SPAN_SECOND;
  while (g_atomic_int_get (&shared.live) != 0 && g_get_monotonic_time () < deadline)
    g_usleep (1000);
  g_assert_cmpint (g_atomic_int_get (&shared.live), ==, 0);
  g_assert_cmpuint ((guint) g_atomic_int_get (&shared.tracked), >=, 3 * N_THREADS * shared.n_cycles);

  for (i = 0; i < G_N_ELEMENTS (shared.backends); i++)
    cellos_test_assert_finalized (&shared.backends[i]);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/stress/8-threads-random-cancellation", test_random_cancellation);

  return g_test_run ();
}
