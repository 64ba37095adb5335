/* test-sync-contexts.c: the synchronous defaults over a backend that
 * leaves sources behind
 *
 * Copyright 2026 The CellOS authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <cellos/cellos.h>

#include "test-utils.h"

/* A backend with only the asynchronous side that misbehaves with the
 * thread-default main context of each call: create attaches sources to it
 * that it never removes, and completes from an idle of its own that, after
 * delivering the handle, attaches a source, removes it and attaches
 * another. Every leftover counts its runs and its destruction. */

#define TEST_TYPE_LITTERING_BACKEND (test_littering_backend_get_type ())
G_DECLARE_FINAL_TYPE (TestLitteringBackend, test_littering_backend, TEST, LITTERING_BACKEND, GObject)

struct _TestLitteringBackend
{
  GObject parent_instance;

  /* Creates through afterwards_create_async() instead. */
  gboolean calls_back_at_once;

  /* Atomic: calls run in several threads at once. */
  int leftover_runs;
  int leftovers_attached;
  int leftovers_destroyed;
};

static void test_littering_backend_iface_init (CellosCellBackendInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TestLitteringBackend, test_littering_backend, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (CELLOS_TYPE_CELL_BACKEND,
                                                      test_littering_backend_iface_init))

static void              afterwards_create_async  (CellosCellBackend           *backend,
                                                   CellosExecutionCellDocument *document,
                                                   GCancellable                *cancellable,
                                                   GAsyncReadyCallback          callback,
                                                   gpointer                     user_data);
static CellosCellHandle *afterwards_create_finish (CellosCellBackend           *backend,
                                                   GAsyncResult                *result,
                                                   GError                     **error);

static gboolean
leftover_run (gpointer user_data)
{
  TestLitteringBackend *self = user_data;

  g_atomic_int_inc (&self->leftover_runs);
  return G_SOURCE_REMOVE;
}

static void
leftover_destroyed (gpointer user_data)
{
  TestLitteringBackend *self = user_data;

  g_atomic_int_inc (&self->leftovers_destroyed);
  g_object_unref (self);
}

/* Attaches @source to the thread-default context, where it would run as
 * soon as nothing of higher priority is ready, and returns it. */
static GSource *
leave_source (TestLitteringBackend *self,
              GSource              *source)
{
  GMainContext *context = g_main_context_get_thread_default ();

  g_assert_nonnull (context);
  g_source_set_priority (source, G_PRIORITY_LOW);
  g_source_set_callback (source, leftover_run, g_object_ref (self), leftover_destroyed);
  g_source_attach (source, context);
  g_atomic_int_inc (&self->leftovers_attached);
  return source;
}

static gboolean
complete_create (gpointer user_data)
{
  GTask *task = user_data;
  TestLitteringBackend *self = g_task_get_source_object (task);
  CellosExecutionCellDocument *document = g_task_get_task_data (task);
  GSource *removed;

  g_task_return_pointer (task,
                         g_object_new (CELLOS_TYPE_CELL_HANDLE,
                                       "cell-id", cellos_execution_cell_document_get_id (document),
                                       NULL),
                         g_object_unref);

  removed = leave_source (self, g_idle_source_new ());
  g_source_destroy (removed);
  g_source_unref (removed);
  g_source_unref (leave_source (self, g_idle_source_new ()));
  return G_SOURCE_REMOVE;
}

static void
test_littering_backend_create_async (CellosCellBackend           *backend,
                                     CellosExecutionCellDocument *document,
                                     GCancellable                *cancellable,
                                     GAsyncReadyCallback          callback,
                                     gpointer                     user_data)
{
  TestLitteringBackend *self = TEST_LITTERING_BACKEND (backend);
  GTask *task;
  GSource *completion;

  if (self->calls_back_at_once)
    {
      afterwards_create_async (backend, document, cancellable, callback, user_data);
      return;
    }

  task = g_task_new (backend, cancellable, callback, user_data);
  completion = g_idle_source_new ();
  g_task_set_source_tag (task, test_littering_backend_create_async);
  g_task_set_task_data (task, g_object_ref (document), g_object_unref);

  g_source_unref (leave_source (self, g_idle_source_new ()));
  g_source_unref (leave_source (self, g_timeout_source_new (0)));

  g_source_set_callback (completion, complete_create, task, g_object_unref);
  g_source_attach (completion, g_main_context_get_thread_default ());
  g_source_unref (completion);
}

static CellosCellHandle *
test_littering_backend_create_finish (CellosCellBackend  *backend,
                                      GAsyncResult       *result,
                                      GError            **error)
{
  if (TEST_LITTERING_BACKEND (backend)->calls_back_at_once)
    return afterwards_create_finish (backend, result, error);

  g_assert_true (g_task_is_valid (result, backend));
  return g_task_propagate_pointer (G_TASK (result), error);
}

static gboolean
leave_on_destroy (gpointer user_data)
{
  GTask *task = user_data;
  CellosCellHandle *handle = g_task_get_task_data (task);

  g_source_unref (leave_source (g_task_get_source_object (task), g_idle_source_new ()));
  g_task_return_pointer (task,
                         g_object_new (CELLOS_TYPE_TEARDOWN_REPORT,
                                       "cell-id", cellos_cell_handle_get_cell_id (handle),
                                       "destroyed", TRUE,
                                       NULL),
                         g_object_unref);
  return G_SOURCE_REMOVE;
}

static void
test_littering_backend_destroy_async (CellosCellBackend   *backend,
                                      CellosCellHandle    *handle,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  GTask *task = g_task_new (backend, cancellable, callback, user_data);
  GSource *completion = g_idle_source_new ();

  g_task_set_source_tag (task, test_littering_backend_destroy_async);
  g_task_set_task_data (task, g_object_ref (handle), g_object_unref);
  g_source_set_callback (completion, leave_on_destroy, task, g_object_unref);
  g_source_attach (completion, g_main_context_get_thread_default ());
  g_source_unref (completion);
}

static CellosTeardownReport *
test_littering_backend_destroy_finish (CellosCellBackend  *backend,
                                       GAsyncResult       *result,
                                       GError            **error)
{
  g_assert_true (g_task_is_valid (result, backend));
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
test_littering_backend_iface_init (CellosCellBackendInterface *iface)
{
  iface->create_async = test_littering_backend_create_async;
  iface->create_finish = test_littering_backend_create_finish;
  iface->destroy_async = test_littering_backend_destroy_async;
  iface->destroy_finish = test_littering_backend_destroy_finish;
}

static void
test_littering_backend_class_init (TestLitteringBackendClass *klass)
{
}

static void
test_littering_backend_init (TestLitteringBackend *self)
{
}

/* A result that is not a GTask, so that a backend can call back at once,
 * from a source of its own, and go on attaching sources after the result
 * was delivered, within the same dispatch. */

#define TEST_TYPE_PLAIN_RESULT (test_plain_result_get_type ())
G_DECLARE_FINAL_TYPE (TestPlainResult, test_plain_result, TEST, PLAIN_RESULT, GObject)

struct _TestPlainResult
{
  GObject parent_instance;

  GObject *source;
  gpointer tag;
  CellosCellHandle *handle;
};

static void test_plain_result_iface_init (GAsyncResultIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TestPlainResult, test_plain_result, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_ASYNC_RESULT,
                                                      test_plain_result_iface_init))

static GObject *
test_plain_result_get_source_object (GAsyncResult *result)
{
  return g_object_ref (TEST_PLAIN_RESULT (result)->source);
}

static gpointer
test_plain_result_get_user_data (GAsyncResult *result)
{
  return NULL;
}

static gboolean
test_plain_result_is_tagged (GAsyncResult *result,
                             gpointer      tag)
{
  return tag != NULL && TEST_PLAIN_RESULT (result)->tag == tag;
}

static void
test_plain_result_iface_init (GAsyncResultIface *iface)
{
  iface->get_source_object = test_plain_result_get_source_object;
  iface->get_user_data = test_plain_result_get_user_data;
  iface->is_tagged = test_plain_result_is_tagged;
}

static void
test_plain_result_finalize (GObject *object)
{
  TestPlainResult *self = TEST_PLAIN_RESULT (object);

  g_clear_object (&self->source);
  g_clear_object (&self->handle);

  G_OBJECT_CLASS (test_plain_result_parent_class)->finalize (object);
}

static void
test_plain_result_class_init (TestPlainResultClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_plain_result_finalize;
}

static void
test_plain_result_init (TestPlainResult *self)
{
}

/* A backend whose create calls back from an idle of its own and then, in
 * the same dispatch, attaches a source of high priority, removes it and
 * attaches another: in any later iteration of that context, the last one
 * would run first. */

typedef struct
{
  TestLitteringBackend *backend;
  char *cell_id;
  GAsyncReadyCallback callback;
  gpointer user_data;
} Afterwards;

static gboolean
call_back_then_litter (gpointer data)
{
  Afterwards *afterwards = data;
  TestPlainResult *result = g_object_new (TEST_TYPE_PLAIN_RESULT, NULL);
  GSource *removed;
  GSource *left;

  result->source = g_object_ref (G_OBJECT (afterwards->backend));
  result->tag = call_back_then_litter;
  result->handle = cellos_cell_handle_new (afterwards->cell_id, NULL);
  afterwards->callback (result->source, G_ASYNC_RESULT (result), afterwards->user_data);
  g_object_unref (result);

  removed = leave_source (afterwards->backend, g_idle_source_new ());
  g_source_set_priority (removed, G_PRIORITY_HIGH);
  g_source_destroy (removed);
  g_source_unref (removed);
  left = leave_source (afterwards->backend, g_idle_source_new ());
  g_source_set_priority (left, G_PRIORITY_HIGH);
  g_source_unref (left);
  return G_SOURCE_REMOVE;
}

static void
afterwards_free (gpointer data)
{
  Afterwards *afterwards = data;

  g_object_unref (afterwards->backend);
  g_free (afterwards->cell_id);
  g_free (afterwards);
}

static void
afterwards_create_async (CellosCellBackend           *backend,
                         CellosExecutionCellDocument *document,
                         GCancellable                *cancellable,
                         GAsyncReadyCallback          callback,
                         gpointer                     user_data)
{
  Afterwards *afterwards = g_new0 (Afterwards, 1);
  GSource *idle = g_idle_source_new ();

  afterwards->backend = g_object_ref (TEST_LITTERING_BACKEND (backend));
  afterwards->cell_id = g_strdup (cellos_execution_cell_document_get_id (document));
  afterwards->callback = callback;
  afterwards->user_data = user_data;
  g_source_set_callback (idle, call_back_then_litter, afterwards, afterwards_free);
  g_source_attach (idle, g_main_context_get_thread_default ());
  g_source_unref (idle);
}

static CellosCellHandle *
afterwards_create_finish (CellosCellBackend  *backend,
                          GAsyncResult       *result,
                          GError            **error)
{
  g_assert_true (g_async_result_is_tagged (result, call_back_then_litter));
  return g_object_ref (TEST_PLAIN_RESULT (result)->handle);
}

/* Runs @context, if it has anything to run, until nothing is ready. */
static void
drain (GMainContext *context)
{
  guint i;

  for (i = 0; i < 100 && g_main_context_iteration (context, FALSE); i++)
    ;
}

static void
run_cycle (CellosCellBackend *backend,
           const char        *id)
{
  g_autoptr(CellosExecutionCellDocument) document = cellos_execution_cell_document_new (id);
  g_autoptr(CellosCellHandle) handle = NULL;
  g_autoptr(CellosTeardownReport) report = NULL;
  g_autoptr(GError) error = NULL;

  handle = cellos_cell_backend_create (backend, document, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cellos_cell_handle_get_cell_id (handle), ==, id);

  report = cellos_cell_backend_destroy (backend, handle, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (cellos_teardown_report_get_destroyed (report));

  cellos_test_assert_finalized (&report);
  cellos_test_assert_finalized (&handle);
}

/* What create and destroy leave on the context of one synchronous call
 * never runs, in that call, in a later one, or in the caller's contexts,
 * and is freed by the time the call returns. */
static void
test_leftovers_never_run (void)
{
  g_autoptr(TestLitteringBackend) backend = g_object_new (TEST_TYPE_LITTERING_BACKEND, NULL);

  run_cycle (CELLOS_CELL_BACKEND (backend), "first");
  g_assert_cmpint (backend->leftovers_attached, ==, 5);
  g_assert_cmpint (backend->leftovers_destroyed, ==, 5);

  run_cycle (CELLOS_CELL_BACKEND (backend), "second");
  g_assert_cmpint (backend->leftovers_attached, ==, 10);
  g_assert_cmpint (backend->leftovers_destroyed, ==, 10);

  drain (g_main_context_default ());
  g_assert_cmpint (backend->leftover_runs, ==, 0);

  cellos_test_assert_finalized (&backend);
}

/* The same with a context of the caller's pushed around the calls: the
 * backend's sources never land on it. */
static void
test_leftovers_skip_callers_context (void)
{
  g_autoptr(TestLitteringBackend) backend = g_object_new (TEST_TYPE_LITTERING_BACKEND, NULL);
  GMainContext *callers = g_main_context_new ();

  g_main_context_push_thread_default (callers);
  run_cycle (CELLOS_CELL_BACKEND (backend), "first");
  run_cycle (CELLOS_CELL_BACKEND (backend), "second");
  drain (callers);
  g_main_context_pop_thread_default (callers);

  g_assert_cmpint (backend->leftover_runs, ==, 0);
  g_assert_cmpint (backend->leftovers_destroyed, ==, backend->leftovers_attached);
  g_main_context_unref (callers);
  cellos_test_assert_finalized (&backend);
}

/* Sources attached after the result was delivered, in the dispatch that
 * delivered it (one of them removed again in between), never run either:
 * the call's context goes when the call ends, whatever was attached last. */
static void
test_leftovers_after_the_result (void)
{
  g_autoptr(TestLitteringBackend) backend = g_object_new (TEST_TYPE_LITTERING_BACKEND, NULL);

  backend->calls_back_at_once = TRUE;
  run_cycle (CELLOS_CELL_BACKEND (backend), "first");
  run_cycle (CELLOS_CELL_BACKEND (backend), "second");
  drain (g_main_context_default ());

  g_assert_cmpint (backend->leftover_runs, ==, 0);
  g_assert_cmpint (backend->leftovers_attached, ==, 2 * 3);
  g_assert_cmpint (backend->leftovers_destroyed, ==, backend->leftovers_attached);
  cellos_test_assert_finalized (&backend);
}

typedef struct
{
  CellosCellBackend *backend;
  guint cycles;
} ThreadData;

static gpointer
run_cycles_in_thread (gpointer user_data)
{
  ThreadData *data = user_data;
  guint i;

  for (i = 0; i < data->cycles; i++)
    run_cycle (data->backend, "threaded");
  drain (g_main_context_default ());
  return NULL;
}

/* Calls from several threads at once, none running another's leftovers. */
static void
test_leftovers_across_threads (void)
{
  g_autoptr(TestLitteringBackend) backend = g_object_new (TEST_TYPE_LITTERING_BACKEND, NULL);
  ThreadData data = { CELLOS_CELL_BACKEND (backend), 50 };
  GThread *threads[4];
  guint i;

  for (i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("sync-caller", run_cycles_in_thread, &data);
  for (i = 0; i < G_N_ELEMENTS (threads); i++)
    g_thread_join (threads[i]);

  g_assert_cmpint (backend->leftover_runs, ==, 0);
  g_assert_cmpint (backend->leftovers_attached, ==, 5 * 50 * (int) G_N_ELEMENTS (threads));
  g_assert_cmpint (backend->leftovers_destroyed, ==, backend->leftovers_attached);
  cellos_test_assert_finalized (&backend);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/backend/sync-over-async/leftovers-never-run", test_leftovers_never_run);
  g_test_add_func ("/backend/sync-over-async/leftovers-skip-callers-context",
                   test_leftovers_skip_callers_context);
  g_test_add_func ("/backend/sync-over-async/leftovers-after-the-result",
                   test_leftovers_after_the_result);
  g_test_add_func ("/backend/sync-over-async/leftovers-across-threads",
                   test_leftovers_across_threads);

  return g_test_run ();
}
