/* test-threads.c: one stub shared by many threads
 *
 * Copyright 2026 The CellOS authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "test-utils.h"

#define N_THREADS 8
#define N_CYCLES 10000

typedef struct
{
  CellosCellBackend *backend;
  guint index;
  guint completed;
} Worker;

static gpointer
run_cycles (gpointer data)
{
  Worker *worker = data;
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autofree char *id = g_strdup_printf ("thread-%u", worker->index);
  g_autoptr(CellosExecutionCellDocument) document = cellos_execution_cell_document_new (id);
  guint i;

  g_main_context_push_thread_default (context);

  for (i = 0; i < N_CYCLES; i++)
    {
      g_autoptr(GAsyncResult) create_result = NULL;
      g_autoptr(GAsyncResult) destroy_result = NULL;
      g_autoptr(CellosCellHandle) handle = NULL;
      g_autoptr(CellosTeardownReport) report = NULL;
      g_autoptr(GError) error = NULL;

      /* Alternate the two public forms so that both run concurrently. */
      if (i % 2 == 0)
        {
          cellos_cell_backend_create_async (worker->backend, document, NULL,
                                            cellos_test_store_result, &create_result);
          handle = cellos_cell_backend_create_finish (worker->backend,
                                                      cellos_test_wait_for (&create_result),
                                                      &error);
          g_assert_no_error (error);
          cellos_test_assert_finalized (&create_result);
          cellos_cell_backend_destroy_async (worker->backend, handle, NULL,
                                             cellos_test_store_result, &destroy_result);
          report = cellos_cell_backend_destroy_finish (worker->backend,
                                                       cellos_test_wait_for (&destroy_result),
                                                       &error);
          cellos_test_assert_finalized (&destroy_result);
        }
      else
        {
          handle = cellos_cell_backend_create (worker->backend, document, NULL, &error);
          g_assert_no_error (error);
          report = cellos_cell_backend_destroy (worker->backend, handle, NULL, &error);
        }
      g_assert_no_error (error);
      g_assert_cmpstr (cellos_cell_handle_get_cell_id (handle), ==, id);
      g_assert_cmpstr (cellos_teardown_report_get_cell_id (report), ==, id);
      g_assert_true (cellos_teardown_report_get_destroyed (report));

      cellos_test_assert_finalized (&report);
      cellos_test_assert_finalized (&handle);
      worker->completed++;
    }

  g_main_context_pop_thread_default (context);
  cellos_test_assert_finalized (&document);
  return NULL;
}

static void
test_shared_stub (void)
{
  g_autoptr(CellosCellBackend) backend = CELLOS_CELL_BACKEND (cellos_stub_backend_new ());
  Worker workers[N_THREADS];
  GThread *threads[N_THREADS];
  guint i;

  for (i = 0; i < N_THREADS; i++)
    {
      workers[i] = (Worker) { backend, i, 0 };
      threads[i] = g_thread_new ("cycles", run_cycles, &workers[i]);
    }
  for (i = 0; i < N_THREADS; i++)
    {
      g_thread_join (threads[i]);
      g_assert_cmpuint (workers[i].completed, ==, N_CYCLES);
    }

  cellos_test_assert_finalized (&backend);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/stub/threads/8-threads-10000-cycles-shared-stub", test_shared_stub);

  return g_test_run ();
}
