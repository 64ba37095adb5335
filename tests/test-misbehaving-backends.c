/* test-misbehaving-backends.c: the interface keeps its promises whatever a
 * backend does
 *
 * Each backend here breaks one rule of the contract the way a buggy C
 * backend or a language binding does; each case proves that the public
 * functions still give exactly one of a result or an error, of the right
 * type, without a critical from GLib, and that no cell is lost to
 * cancellation.
 *
 * Copyright 2026 The CellOS authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <string.h>

#include "test-utils.h"

typedef enum {
  RETURN_NULL_WITHOUT_ERROR,
  RETURN_RESULT_AND_ERROR,
  RETURN_WRONG_TYPE,
} Misbehaviour;

/* A backend with synchronous methods only, which misbehaves as told. */

#define TEST_TYPE_BROKEN_BACKEND (test_broken_backend_get_type ())
G_DECLARE_FINAL_TYPE (TestBrokenBackend, test_broken_backend, TEST, BROKEN_BACKEND, GObject)

struct _TestBrokenBackend
{
  GObject parent_instance;
  Misbehaviour misbehaviour;
};

static gpointer
misbehave (TestBrokenBackend  *self,
           gpointer            result,
           GError            **error)
{
  switch (self->misbehaviour)
    {
    case RETURN_NULL_WITHOUT_ERROR:
      g_object_unref (result);
      return NULL;
    case RETURN_RESULT_AND_ERROR:
      g_set_error_literal (error, CELLOS_ERROR, CELLOS_ERROR_INVALID_SPEC, "and an error");
      return result;
    case RETURN_WRONG_TYPE:
    default:
      g_object_unref (result);
      return g_object_new (G_TYPE_OBJECT, NULL);
    }
}

static CellosCellHandle *
test_broken_backend_create (CellosCellBackend            *backend,
                            CellosExecutionCellDocument  *document,
                            GCancellable                 *cancellable,
                            GError                      **error)
{
  CellosCellHandle *handle = g_object_new (CELLOS_TYPE_CELL_HANDLE,
                                           "cell-id", cellos_execution_cell_document_get_id (document),
                                           NULL);

  return misbehave (TEST_BROKEN_BACKEND (backend), handle, error);
}

static CellosTeardownReport *
test_broken_backend_destroy (CellosCellBackend  *backend,
                             CellosCellHandle   *handle,
                             GCancellable       *cancellable,
                             GError            **error)
{
  CellosTeardownReport *report = g_object_new (CELLOS_TYPE_TEARDOWN_REPORT,
                                               "cell-id", cellos_cell_handle_get_cell_id (handle),
                                               "destroyed", TRUE,
                                               NULL);

  return misbehave (TEST_BROKEN_BACKEND (backend), report, error);
}

static void
test_broken_backend_iface_init (CellosCellBackendInterface *iface)
{
  iface->create = test_broken_backend_create;
  iface->destroy = test_broken_backend_destroy;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (TestBrokenBackend, test_broken_backend, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (CELLOS_TYPE_CELL_BACKEND,
                                                      test_broken_backend_iface_init))

static void
test_broken_backend_class_init (TestBrokenBackendClass *klass)
{
}

static void
test_broken_backend_init (TestBrokenBackend *self)
{
}

static CellosCellBackend *
new_broken_backend (Misbehaviour misbehaviour)
{
  TestBrokenBackend *backend = g_object_new (TEST_TYPE_BROKEN_BACKEND, NULL);

  backend->misbehaviour = misbehaviour;
  return CELLOS_CELL_BACKEND (backend);
}

/* What each misbehaviour turns into: CELLOS_ERROR_FAILED, naming the
 * backend's type and the operation. */
static void
assert_failed_naming (const GError *error,
                      const char   *operation)
{
  g_assert_error (error, CELLOS_ERROR, CELLOS_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "TestBrokenBackend"));
  g_assert_nonnull (strstr (error->message, operation));
}

static void
test_sync_create (gconstpointer data)
{
  g_autoptr(CellosCellBackend) backend = new_broken_backend (GPOINTER_TO_INT (data));
  g_autoptr(CellosExecutionCellDocument) document = cellos_execution_cell_document_new ("broken");
  g_autoptr(CellosCellHandle) handle = NULL;
  g_autoptr(GError) error = NULL;

  handle = cellos_cell_backend_create (backend, document, NULL, &error);
  g_assert_null (handle);
  assert_failed_naming (error, "create");
  cellos_test_assert_finalized (&backend);
}

static void
test_sync_destroy (gconstpointer data)
{
  g_autoptr(CellosCellBackend) backend = new_broken_backend (GPOINTER_TO_INT (data));
  g_autoptr(CellosCellHandle) handle = g_object_new (CELLOS_TYPE_CELL_HANDLE, "cell-id", "broken", NULL);
  g_autoptr(CellosTeardownReport) report = NULL;
  g_autoptr(GError) error = NULL;

  report = cellos_cell_backend_destroy (backend, handle, NULL, &error);
  g_assert_null (report);
  assert_failed_naming (error, "destroy");
  cellos_test_assert_finalized (&handle);
  cellos_test_assert_finalized (&backend);
}

/* Through the asynchronous default, which runs the synchronous method in a
 * thread: once g_task_return_error() was given no error at all. */
static void
test_async_create (gconstpointer data)
{
  g_autoptr(CellosCellBackend) backend = new_broken_backend (GPOINTER_TO_INT (data));
  g_autoptr(CellosExecutionCellDocument) document = cellos_execution_cell_document_new ("broken");
  g_autoptr(CellosCellHandle) handle = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  cellos_cell_backend_create_async (backend, document, NULL, cellos_test_store_result, &result);
  handle = cellos_cell_backend_create_finish (backend, cellos_test_wait_for (&result), &error);
  g_assert_null (handle);
  assert_failed_naming (error, "create");
}

static void
test_async_destroy (gconstpointer data)
{
  g_autoptr(CellosCellBackend) backend = new_broken_backend (GPOINTER_TO_INT (data));
  g_autoptr(CellosCellHandle) handle = g_object_new (CELLOS_TYPE_CELL_HANDLE, "cell-id", "broken", NULL);
  g_autoptr(CellosTeardownReport) report = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  cellos_cell_backend_destroy_async (backend, handle, NULL, cellos_test_store_result, &result);
  report = cellos_cell_backend_destroy_finish (backend, cellos_test_wait_for (&result), &error);
  g_assert_null (report);
  assert_failed_naming (error, "destroy");
}

/* A backend whose asynchronous finish misbehaves, reached through the
 * public finish and through the synchronous default built on it. */

#define TEST_TYPE_BROKEN_ASYNC_BACKEND (test_broken_async_backend_get_type ())
G_DECLARE_FINAL_TYPE (TestBrokenAsyncBackend, test_broken_async_backend,
                      TEST, BROKEN_ASYNC_BACKEND, GObject)

struct _TestBrokenAsyncBackend
{
  GObject parent_instance;
  gboolean override_finish;
};

static void
test_broken_async_backend_create_async (CellosCellBackend           *backend,
                                        CellosExecutionCellDocument *document,
                                        GCancellable                *cancellable,
                                        GAsyncReadyCallback          callback,
                                        gpointer                     user_data)
{
  g_autoptr(GTask) task = g_task_new (backend, cancellable, callback, user_data);

  /* Untagged, as a binding's task is. */
  g_task_return_pointer (task, g_object_new (CELLOS_TYPE_CELL_HANDLE, "cell-id", "async", NULL),
                         g_object_unref);
}

static CellosCellHandle *
test_broken_async_backend_create_finish (CellosCellBackend  *backend,
                                         GAsyncResult       *result,
                                         GError            **error)
{
  g_autoptr(CellosCellHandle) handle = g_task_propagate_pointer (G_TASK (result), error);

  return NULL;
}

static void
test_broken_async_backend_destroy_async (CellosCellBackend   *backend,
                                         CellosCellHandle    *handle,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (backend, cancellable, callback, user_data);

  g_task_set_source_tag (task, test_broken_async_backend_destroy_async);
  g_task_return_pointer (task, g_object_new (CELLOS_TYPE_TEARDOWN_REPORT,
                                             "cell-id", cellos_cell_handle_get_cell_id (handle),
                                             "destroyed", TRUE, NULL),
                         g_object_unref);
}

/* Hands back whatever the task holds, as a finish that trusts its caller. */
static CellosTeardownReport *
test_broken_async_backend_destroy_finish (CellosCellBackend  *backend,
                                          GAsyncResult       *result,
                                          GError            **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
test_broken_async_backend_iface_init (CellosCellBackendInterface *iface)
{
  iface->create_async = test_broken_async_backend_create_async;
  iface->destroy_async = test_broken_async_backend_destroy_async;
  iface->destroy_finish = test_broken_async_backend_destroy_finish;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (TestBrokenAsyncBackend, test_broken_async_backend, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (CELLOS_TYPE_CELL_BACKEND,
                                                      test_broken_async_backend_iface_init))

static void
test_broken_async_backend_class_init (TestBrokenAsyncBackendClass *klass)
{
}

static void
test_broken_async_backend_init (TestBrokenAsyncBackend *self)
{
}

/* A start without a finish keeps the interface's default finish, which
 * must not take apart a task it did not make (a crash, once). */
static void
test_async_start_without_finish (void)
{
  g_autoptr(CellosCellBackend) backend = g_object_new (TEST_TYPE_BROKEN_ASYNC_BACKEND, NULL);
  g_autoptr(CellosExecutionCellDocument) document = cellos_execution_cell_document_new ("async");
  g_autoptr(CellosCellHandle) handle = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  cellos_cell_backend_create_async (backend, document, NULL, cellos_test_store_result, &result);
  handle = cellos_cell_backend_create_finish (backend, cellos_test_wait_for (&result), &error);
  g_assert_null (handle);
  g_assert_error (error, CELLOS_ERROR, CELLOS_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "TestBrokenAsyncBackend"));
  g_assert_nonnull (strstr (error->message, "create_finish"));
  g_clear_error (&error);

  /* The same through the synchronous default. */
  handle = cellos_cell_backend_create (backend, document, NULL, &error);
  g_assert_null (handle);
  g_assert_error (error, CELLOS_ERROR, CELLOS_ERROR_FAILED);
}

/* The same start, with a finish that returns nothing and says nothing. */

#define TEST_TYPE_NULL_FINISH_BACKEND (test_null_finish_backend_get_type ())
G_DECLARE_FINAL_TYPE (TestNullFinishBackend, test_null_finish_backend,
                      TEST, NULL_FINISH_BACKEND, GObject)

struct _TestNullFinishBackend
{
  GObject parent_instance;
};

static void
test_null_finish_backend_iface_init (CellosCellBackendInterface *iface)
{
  iface->create_async = test_broken_async_backend_create_async;
  iface->create_finish = test_broken_async_backend_create_finish;
  iface->destroy_async = test_broken_async_backend_destroy_async;
  iface->destroy_finish = test_broken_async_backend_destroy_finish;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (TestNullFinishBackend, test_null_finish_backend, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (CELLOS_TYPE_CELL_BACKEND,
                                                      test_null_finish_backend_iface_init))

static void
test_null_finish_backend_class_init (TestNullFinishBackendClass *klass)
{
}

static void
test_null_finish_backend_init (TestNullFinishBackend *self)
{
}

static void
test_async_finish_null_without_error (void)
{
  g_autoptr(CellosCellBackend) backend = g_object_new (TEST_TYPE_NULL_FINISH_BACKEND, NULL);
  g_autoptr(CellosExecutionCellDocument) document = cellos_execution_cell_document_new ("async");
  g_autoptr(CellosCellHandle) handle = NULL;
  g_autoptr(GError) error = NULL;

  handle = cellos_cell_backend_create (backend, document, NULL, &error);
  g_assert_null (handle);
  g_assert_error (error, CELLOS_ERROR, CELLOS_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "neither"));
}

/* A finish function given the other operation's result, or another
 * backend's, is a programmer error: a critical and NULL, as in GIO, and
 * never the wrong object handed out as a handle or a report. */

static GAsyncResult *
run_destroy (CellosCellBackend *backend)
{
  g_autoptr(CellosCellHandle) handle = g_object_new (CELLOS_TYPE_CELL_HANDLE, "cell-id", "x", NULL);
  GAsyncResult *result = NULL;

  cellos_cell_backend_destroy_async (backend, handle, NULL, cellos_test_store_result, &result);
  return cellos_test_wait_for (&result);
}

static GAsyncResult *
run_create (CellosCellBackend *backend)
{
  g_autoptr(CellosExecutionCellDocument) document = cellos_execution_cell_document_new ("x");
  GAsyncResult *result = NULL;

  cellos_cell_backend_create_async (backend, document, NULL, cellos_test_store_result, &result);
  return cellos_test_wait_for (&result);
}

static void
test_create_finish_refuses_destroy_result (gconstpointer data)
{
  g_autoptr(CellosCellBackend) backend = g_object_new (GPOINTER_TO_SIZE (data), NULL);
  g_autoptr(GAsyncResult) result = run_destroy (backend);
  g_autoptr(CellosTeardownReport) report = NULL;
  CellosCellHandle *handle;
  GError *error = NULL;

  g_test_expect_message ("Cellos", G_LOG_LEVEL_CRITICAL, "*result_is_tagged_by*");
  handle = cellos_cell_backend_create_finish (backend, result, &error);
  g_test_assert_expected_messages ();
  g_assert_null (handle);
  g_assert_no_error (error);

  /* The result is still good for the right finish. */
  report = cellos_cell_backend_destroy_finish (backend, result, &error);
  g_assert_no_error (error);
  g_assert_true (CELLOS_IS_TEARDOWN_REPORT (report));
}

static void
test_destroy_finish_refuses_create_result (gconstpointer data)
{
  g_autoptr(CellosCellBackend) backend = g_object_new (GPOINTER_TO_SIZE (data), NULL);
  g_autoptr(GAsyncResult) result = run_create (backend);
  g_autoptr(CellosCellHandle) handle = NULL;
  CellosTeardownReport *report;
  GError *error = NULL;

  g_test_expect_message ("Cellos", G_LOG_LEVEL_CRITICAL, "*result_is_tagged_by*");
  report = cellos_cell_backend_destroy_finish (backend, result, &error);
  g_test_assert_expected_messages ();
  g_assert_null (report);
  g_assert_no_error (error);

  handle = cellos_cell_backend_create_finish (backend, result, &error);
  g_assert_no_error (error);
  g_assert_true (CELLOS_IS_CELL_HANDLE (handle));
}

static void
test_finish_refuses_other_backends_result (void)
{
  g_autoptr(CellosCellBackend) backend = CELLOS_CELL_BACKEND (cellos_stub_backend_new ());
  g_autoptr(CellosCellBackend) other = CELLOS_CELL_BACKEND (cellos_stub_backend_new ());
  g_autoptr(GAsyncResult) result = run_create (other);
  CellosCellHandle *handle;
  GError *error = NULL;

  g_test_expect_message ("Cellos", G_LOG_LEVEL_CRITICAL, "*result_is_from*");
  handle = cellos_cell_backend_create_finish (backend, result, &error);
  g_test_assert_expected_messages ();
  g_assert_null (handle);
  g_assert_no_error (error);
}

/* A finish that trusts its caller hands back whatever the task holds; the
 * interface still gives no report where a handle was promised. */
static void
test_untagged_wrong_result_is_failed (void)
{
  g_autoptr(CellosCellBackend) backend = g_object_new (TEST_TYPE_BROKEN_ASYNC_BACKEND, NULL);
  g_autoptr(CellosExecutionCellDocument) document = cellos_execution_cell_document_new ("untagged");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(CellosTeardownReport) report = NULL;
  g_autoptr(GError) error = NULL;

  /* The create task is untagged, so nothing tells it from a destroy's
   * but its content. */
  cellos_cell_backend_create_async (backend, document, NULL, cellos_test_store_result, &result);
  report = cellos_cell_backend_destroy_finish (backend, cellos_test_wait_for (&result), &error);
  g_assert_null (report);
  g_assert_error (error, CELLOS_ERROR, CELLOS_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "CellosCellHandle"));
}

/* No cell is lost to cancellation: a backend with synchronous methods
 * only, run asynchronously by the interface in a thread, whose create
 * takes a while and ignores cancellation, as a backend waiting on a VM
 * does. It counts the cells that exist. */

#define TEST_TYPE_COUNTING_BACKEND (test_counting_backend_get_type ())
G_DECLARE_FINAL_TYPE (TestCountingBackend, test_counting_backend, TEST, COUNTING_BACKEND, GObject)

struct _TestCountingBackend
{
  GObject parent_instance;
  gint live_cells;          /* atomic */
  gulong create_usec;
};

static CellosCellHandle *
test_counting_backend_create (CellosCellBackend            *backend,
                              CellosExecutionCellDocument  *document,
                              GCancellable                 *cancellable,
                              GError                      **error)
{
  TestCountingBackend *self = TEST_COUNTING_BACKEND (backend);

  g_usleep (self->create_usec);
  g_atomic_int_inc (&self->live_cells);
  return g_object_new (CELLOS_TYPE_CELL_HANDLE,
                       "cell-id", cellos_execution_cell_document_get_id (document),
                       NULL);
}

static CellosTeardownReport *
test_counting_backend_destroy (CellosCellBackend  *backend,
                               CellosCellHandle   *handle,
                               GCancellable       *cancellable,
                               GError            **error)
{
  TestCountingBackend *self = TEST_COUNTING_BACKEND (backend);

  /* Teardown must finish even when the caller has given up: it is what
   * stands between a cell and a leak. */
  g_atomic_int_add (&self->live_cells, -1);
  return g_object_new (CELLOS_TYPE_TEARDOWN_REPORT,
                       "cell-id", cellos_cell_handle_get_cell_id (handle),
                       "destroyed", TRUE,
                       NULL);
}

static void
test_counting_backend_iface_init (CellosCellBackendInterface *iface)
{
  iface->create = test_counting_backend_create;
  iface->destroy = test_counting_backend_destroy;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (TestCountingBackend, test_counting_backend, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (CELLOS_TYPE_CELL_BACKEND,
                                                      test_counting_backend_iface_init))

static void
test_counting_backend_class_init (TestCountingBackendClass *klass)
{
}

static void
test_counting_backend_init (TestCountingBackend *self)
{
}

static gboolean
cancel_now (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

/* The reproduction: cancelled while the backend makes the cell. */
static void
test_cancel_during_create_destroys_cell (void)
{
  g_autoptr(TestCountingBackend) backend = g_object_new (TEST_TYPE_COUNTING_BACKEND, NULL);
  g_autoptr(CellosExecutionCellDocument) document = cellos_execution_cell_document_new ("slow");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(CellosCellHandle) handle = NULL;
  g_autoptr(GError) error = NULL;

  backend->create_usec = G_USEC_PER_SEC / 5;
  cellos_cell_backend_create_async (CELLOS_CELL_BACKEND (backend), document, cancellable,
                                    cellos_test_store_result, &result);
  g_timeout_add (20, cancel_now, cancellable);
  handle = cellos_cell_backend_create_finish (CELLOS_CELL_BACKEND (backend),
                                              cellos_test_wait_for (&result), &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (handle);
  g_assert_cmpint (g_atomic_int_get (&backend->live_cells), ==, 0);
}

/* Cancellation at random points, before, during and after the backend's
 * work, through the asynchronous default and the synchronous form from
 * another thread: whatever comes back, a handle is a live cell the caller
 * then destroys, an error means no cell; at the end none is left. */

typedef struct
{
  GCancellable *cancellable;
  gulong delay_usec;
} CancelLater;

static gpointer
cancel_later (gpointer data)
{
  CancelLater *later = data;

  g_usleep (later->delay_usec);
  g_cancellable_cancel (later->cancellable);
  return NULL;
}

static void
test_random_cancellation_loses_no_cell (void)
{
  g_autoptr(TestCountingBackend) backend = g_object_new (TEST_TYPE_COUNTING_BACKEND, NULL);
  CellosCellBackend *cell_backend = CELLOS_CELL_BACKEND (backend);
  g_autoptr(CellosExecutionCellDocument) document = cellos_execution_cell_document_new ("random");
  guint delivered = 0, cancelled = 0;
  guint i;

  backend->create_usec = 2000;
  for (i = 0; i < 200; i++)
    {
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      g_autoptr(CellosCellHandle) handle = NULL;
      g_autoptr(GError) error = NULL;
      CancelLater later = { cancellable, g_test_rand_int_range (0, 4000) };
      GThread *canceller = g_thread_new ("cancel", cancel_later, &later);

      if (i % 2 == 0)
        {
          g_autoptr(GAsyncResult) result = NULL;

          cellos_cell_backend_create_async (cell_backend, document, cancellable,
                                            cellos_test_store_result, &result);
          handle = cellos_cell_backend_create_finish (cell_backend, cellos_test_wait_for (&result),
                                                      &error);
        }
      else
        handle = cellos_cell_backend_create (cell_backend, document, cancellable, &error);
      g_thread_join (canceller);

      g_assert_true ((handle == NULL) != (error == NULL));
      if (handle != NULL)
        {
          g_autoptr(CellosTeardownReport) report = NULL;

          delivered++;
          report = cellos_cell_backend_destroy (cell_backend, handle, NULL, &error);
          g_assert_no_error (error);
          g_assert_true (cellos_teardown_report_get_destroyed (report));
        }
      else
        {
          g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
          cancelled++;
        }
      g_assert_cmpint (g_atomic_int_get (&backend->live_cells), ==, 0);
    }

  g_test_message ("%u handles delivered, %u creates cancelled", delivered, cancelled);
  g_assert_cmpint (g_atomic_int_get (&backend->live_cells), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  static const struct {
    const char *name;
    Misbehaviour misbehaviour;
  } cases[] = {
    { "null-without-error", RETURN_NULL_WITHOUT_ERROR },
    { "result-and-error", RETURN_RESULT_AND_ERROR },
    { "wrong-type", RETURN_WRONG_TYPE },
  };
  guint i;

  g_test_init (&argc, &argv, NULL);

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gconstpointer data = GINT_TO_POINTER (cases[i].misbehaviour);
      g_autofree char *sync_create = g_strdup_printf ("/misbehaving/%s/sync-create-is-failed", cases[i].name);
      g_autofree char *sync_destroy = g_strdup_printf ("/misbehaving/%s/sync-destroy-is-failed", cases[i].name);
      g_autofree char *async_create = g_strdup_printf ("/misbehaving/%s/async-create-is-failed", cases[i].name);
      g_autofree char *async_destroy = g_strdup_printf ("/misbehaving/%s/async-destroy-is-failed", cases[i].name);

      g_test_add_data_func (sync_create, data, test_sync_create);
      g_test_add_data_func (sync_destroy, data, test_sync_destroy);
      g_test_add_data_func (async_create, data, test_async_create);
      g_test_add_data_func (async_destroy, data, test_async_destroy);
    }
  g_test_add_func ("/misbehaving/async-start-without-finish-is-failed",
                   test_async_start_without_finish);
  g_test_add_func ("/misbehaving/async-finish-null-without-error-is-failed",
                   test_async_finish_null_without_error);
  g_test_add_data_func ("/finish/stub/create-refuses-destroy-result",
                        GSIZE_TO_POINTER (CELLOS_TYPE_STUB_BACKEND),
                        test_create_finish_refuses_destroy_result);
  g_test_add_data_func ("/finish/stub/destroy-refuses-create-result",
                        GSIZE_TO_POINTER (CELLOS_TYPE_STUB_BACKEND),
                        test_destroy_finish_refuses_create_result);
  g_test_add_data_func ("/finish/sync-only/create-refuses-destroy-result",
                        GSIZE_TO_POINTER (CELLOS_TEST_TYPE_SYNC_BACKEND),
                        test_create_finish_refuses_destroy_result);
  g_test_add_data_func ("/finish/async-only/destroy-refuses-create-result",
                        GSIZE_TO_POINTER (CELLOS_TEST_TYPE_ASYNC_BACKEND),
                        test_destroy_finish_refuses_create_result);
  g_test_add_func ("/finish/refuses-other-backends-result", test_finish_refuses_other_backends_result);
  g_test_add_func ("/finish/untagged-wrong-result-is-failed", test_untagged_wrong_result_is_failed);
  g_test_add_func ("/cancel/during-sync-create-destroys-cell", test_cancel_during_create_destroys_cell);
  g_test_add_func ("/cancel/random-points-lose-no-cell", test_random_cancellation_loses_no_cell);

  return g_test_run ();
}
