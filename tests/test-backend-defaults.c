/* test-backend-defaults.c: each side of CellosCellBackend built on the other
 *
 * Copyright 2026 The CellOS authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "test-utils.h"

typedef enum {
  SYNC_ONLY,
  ASYNC_ONLY
} BackendKind;

static CellosCellBackend *
new_backend (BackendKind kind)
{
  GType type = kind == SYNC_ONLY ? CELLOS_TEST_TYPE_SYNC_BACKEND : CELLOS_TEST_TYPE_ASYNC_BACKEND;

  return g_object_new (type, NULL);
}

static void
test_sync_public_form (gconstpointer data)
{
  g_autoptr(CellosCellBackend) backend = new_backend (GPOINTER_TO_INT (data));
  g_autoptr(CellosExecutionCellDocument) document = cellos_execution_cell_document_new ("cell-sync");
  g_autoptr(CellosCellHandle) handle = NULL;
  g_autoptr(CellosTeardownReport) report = NULL;
  g_autoptr(GError) error = NULL;

  handle = cellos_cell_backend_create (backend, document, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cellos_cell_handle_get_cell_id (handle), ==, "cell-sync");

  report = cellos_cell_backend_destroy (backend, handle, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cellos_teardown_report_get_cell_id (report), ==, "cell-sync");
  g_assert_true (cellos_teardown_report_get_destroyed (report));

  cellos_test_assert_finalized (&report);
  cellos_test_assert_finalized (&handle);
  cellos_test_assert_finalized (&document);
  cellos_test_assert_finalized (&backend);
}

static void
test_async_public_form (gconstpointer data)
{
  g_autoptr(CellosCellBackend) backend = new_backend (GPOINTER_TO_INT (data));
  g_autoptr(CellosExecutionCellDocument) document = cellos_execution_cell_document_new ("cell-async");
  g_autoptr(CellosCellHandle) handle = NULL;
  g_autoptr(CellosTeardownReport) report = NULL;
  g_autoptr(GAsyncResult) create_result = NULL;
  g_autoptr(GAsyncResult) destroy_result = NULL;
  g_autoptr(GError) error = NULL;

  cellos_cell_backend_create_async (backend, document, NULL,
                                    cellos_test_store_result, &create_result);
  g_assert_null (create_result);
  handle = cellos_cell_backend_create_finish (backend, cellos_test_wait_for (&create_result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cellos_cell_handle_get_cell_id (handle), ==, "cell-async");

  cellos_cell_backend_destroy_async (backend, handle, NULL,
                                     cellos_test_store_result, &destroy_result);
  g_assert_null (destroy_result);
  report = cellos_cell_backend_destroy_finish (backend, cellos_test_wait_for (&destroy_result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cellos_teardown_report_get_cell_id (report), ==, "cell-async");
  g_assert_true (cellos_teardown_report_get_destroyed (report));

  cellos_test_wait_finalized (&create_result);
  cellos_test_wait_finalized (&destroy_result);
  cellos_test_assert_finalized (&report);
  cellos_test_assert_finalized (&handle);
  cellos_test_assert_finalized (&document);
  cellos_test_assert_finalized (&backend);
}

static void
test_errors_pass_through (gconstpointer data)
{
  g_autoptr(CellosCellBackend) backend = new_backend (GPOINTER_TO_INT (data));
  g_autoptr(CellosExecutionCellDocument) document = cellos_execution_cell_document_new ("");
  g_autoptr(CellosCellHandle) handle = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  handle = cellos_cell_backend_create (backend, document, NULL, &error);
  g_assert_error (error, CELLOS_ERROR, CELLOS_ERROR_INVALID_SPEC);
  g_assert_null (handle);
  g_clear_error (&error);

  cellos_cell_backend_create_async (backend, document, NULL, cellos_test_store_result, &result);
  handle = cellos_cell_backend_create_finish (backend, cellos_test_wait_for (&result), &error);
  g_assert_error (error, CELLOS_ERROR, CELLOS_ERROR_INVALID_SPEC);
  g_assert_null (handle);

  cellos_test_wait_finalized (&result);
  cellos_test_assert_finalized (&document);
  cellos_test_assert_finalized (&backend);
}

static void
test_cancelled_before_call (gconstpointer data)
{
  g_autoptr(CellosCellBackend) backend = new_backend (GPOINTER_TO_INT (data));
  g_autoptr(CellosExecutionCellDocument) document = cellos_execution_cell_document_new ("cell-x");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(CellosCellHandle) handle = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  handle = cellos_cell_backend_create (backend, document, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (handle);
  g_clear_error (&error);

  cellos_cell_backend_create_async (backend, document, cancellable,
                                    cellos_test_store_result, &result);
  g_assert_null (result);
  handle = cellos_cell_backend_create_finish (backend, cellos_test_wait_for (&result), &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (handle);

  cellos_test_wait_finalized (&result);
  cellos_test_assert_finalized (&cancellable);
  cellos_test_assert_finalized (&document);
  cellos_test_assert_finalized (&backend);
}

/* The synchronous default, called from inside a callback of the same
 * thread's context, must still complete: it runs a context of its own.
 * The callback keeps the outer result for the test to see finalized. */
static void
create_sync_in_callback (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  CellosCellBackend *backend = CELLOS_CELL_BACKEND (source);
  g_autoptr(CellosExecutionCellDocument) document = cellos_execution_cell_document_new ("inner");
  g_autoptr(CellosCellHandle) outer = NULL;
  g_autoptr(CellosCellHandle) inner = NULL;
  g_autoptr(GError) error = NULL;

  outer = cellos_cell_backend_create_finish (backend, result, &error);
  g_assert_no_error (error);
  inner = cellos_cell_backend_create (backend, document, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cellos_cell_handle_get_cell_id (inner), ==, "inner");

  cellos_test_assert_finalized (&inner);
  cellos_test_assert_finalized (&document);
  cellos_test_assert_finalized (&outer);
  cellos_test_store_result (source, result, user_data);
}

static void
test_sync_nested_in_async_callback (void)
{
  g_autoptr(CellosCellBackend) backend = new_backend (ASYNC_ONLY);
  g_autoptr(CellosExecutionCellDocument) document = cellos_execution_cell_document_new ("outer");
  g_autoptr(GAsyncResult) result = NULL;

  cellos_cell_backend_create_async (backend, document, NULL, create_sync_in_callback, &result);
  cellos_test_wait_for (&result);

  cellos_test_wait_finalized (&result);
  cellos_test_assert_finalized (&document);
  cellos_test_assert_finalized (&backend);
}

/* A backend with only the asynchronous side that completes create from a
 * timeout, as a backend waiting for a VM would, and can leave a source of
 * its own attached to the caller's context, or make a synchronous call to
 * another backend while its own operation is pending. */

#define TEST_TYPE_TIMER_BACKEND (test_timer_backend_get_type ())
G_DECLARE_FINAL_TYPE (TestTimerBackend, test_timer_backend, TEST, TIMER_BACKEND, GObject)

struct _TestTimerBackend
{
  GObject parent_instance;

  gboolean leave_source;
  CellosCellBackend *inner;
  guint leftover_runs;
  guint leftover_destroyed;
};

static void test_timer_backend_iface_init (CellosCellBackendInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TestTimerBackend, test_timer_backend, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (CELLOS_TYPE_CELL_BACKEND,
                                                      test_timer_backend_iface_init))

static gboolean
leftover_run (gpointer user_data)
{
  TestTimerBackend *self = user_data;

  self->leftover_runs++;
  return G_SOURCE_REMOVE;
}

static void
leftover_destroyed (gpointer user_data)
{
  TestTimerBackend *self = user_data;

  self->leftover_destroyed++;
}

static gboolean
timer_complete_create (gpointer user_data)
{
  GTask *task = user_data;
  CellosExecutionCellDocument *document = g_task_get_task_data (task);

  g_task_return_pointer (task,
                         g_object_new (CELLOS_TYPE_CELL_HANDLE,
                                       "cell-id", cellos_execution_cell_document_get_id (document),
                                       NULL),
                         g_object_unref);
  return G_SOURCE_REMOVE;
}

static void
test_timer_backend_create_async (CellosCellBackend           *backend,
                                 CellosExecutionCellDocument *document,
                                 GCancellable                *cancellable,
                                 GAsyncReadyCallback          callback,
                                 gpointer                     user_data)
{
  TestTimerBackend *self = TEST_TIMER_BACKEND (backend);
  GTask *task = g_task_new (backend, cancellable, callback, user_data);
  g_autoptr(GSource) timeout = g_timeout_source_new (10);

  g_task_set_source_tag (task, test_timer_backend_create_async);
  g_task_set_task_data (task, g_object_ref (document), g_object_unref);
  g_source_set_callback (timeout, timer_complete_create, task, g_object_unref);
  g_source_attach (timeout, g_task_get_context (task));

  if (self->leave_source)
    {
      /* Due long after the result (10 ms), so that even a loaded
       * machine never has both ready in the first call's iteration. */
      g_autoptr(GSource) leftover = g_timeout_source_new (300);

      g_source_set_callback (leftover, leftover_run, self, leftover_destroyed);
      g_source_attach (leftover, g_task_get_context (task));
    }

  if (self->inner != NULL)
    {
      g_autoptr(CellosExecutionCellDocument) inner_document = cellos_execution_cell_document_new ("inner");
      g_autoptr(CellosCellHandle) inner_handle = NULL;
      g_autoptr(CellosTeardownReport) inner_report = NULL;
      g_autoptr(GError) error = NULL;

      inner_handle = cellos_cell_backend_create (self->inner, inner_document, NULL, &error);
      g_assert_no_error (error);
      inner_report = cellos_cell_backend_destroy (self->inner, inner_handle, NULL, &error);
      g_assert_no_error (error);
    }
}

static CellosCellHandle *
test_timer_backend_create_finish (CellosCellBackend  *backend,
                                  GAsyncResult       *result,
                                  GError            **error)
{
  g_assert_true (g_task_is_valid (result, backend));
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
test_timer_backend_iface_init (CellosCellBackendInterface *iface)
{
  iface->create_async = test_timer_backend_create_async;
  iface->create_finish = test_timer_backend_create_finish;
}

static void
test_timer_backend_finalize (GObject *object)
{
  TestTimerBackend *self = TEST_TIMER_BACKEND (object);

  g_clear_object (&self->inner);

  G_OBJECT_CLASS (test_timer_backend_parent_class)->finalize (object);
}

static void
test_timer_backend_class_init (TestTimerBackendClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_timer_backend_finalize;
}

static void
test_timer_backend_init (TestTimerBackend *self)
{
}

static CellosCellHandle *
create_sync (CellosCellBackend *backend,
             const char        *id)
{
  g_autoptr(CellosExecutionCellDocument) document = cellos_execution_cell_document_new (id);
  g_autoptr(GError) error = NULL;
  CellosCellHandle *handle;

  handle = cellos_cell_backend_create (backend, document, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cellos_cell_handle_get_cell_id (handle), ==, id);
  return handle;
}

/* A source the backend leaves on the context of a synchronous call is
 * destroyed when the call returns, and never runs in a later call. */
static void
test_sync_leaves_no_sources (void)
{
  g_autoptr(TestTimerBackend) backend = g_object_new (TEST_TYPE_TIMER_BACKEND, NULL);
  g_autoptr(CellosCellHandle) first = NULL;
  g_autoptr(CellosCellHandle) second = NULL;

  backend->leave_source = TRUE;
  first = create_sync (CELLOS_CELL_BACKEND (backend), "first");
  g_assert_cmpuint (backend->leftover_destroyed, ==, 1);

  /* Past the first call's leftover's time: were it still attached, it
   * would run in the second call. */
  g_usleep (350 * 1000);
  backend->leave_source = FALSE;
  second = create_sync (CELLOS_CELL_BACKEND (backend), "second");
  g_assert_cmpuint (backend->leftover_runs, ==, 0);
  g_assert_cmpuint (backend->leftover_destroyed, ==, 1);
}

/* A synchronous call made while a backend's own synchronous call is
 * pending on the same thread leaves the outer call's sources alone. */
static void
test_sync_nested_in_sync (void)
{
  g_autoptr(TestTimerBackend) backend = g_object_new (TEST_TYPE_TIMER_BACKEND, NULL);
  g_autoptr(CellosCellHandle) handle = NULL;

  backend->inner = new_backend (ASYNC_ONLY);
  handle = create_sync (CELLOS_CELL_BACKEND (backend), "outer");
}

static void
test_neither_side_is_an_error (void)
{
  g_autoptr(CellosCellBackend) backend = g_object_new (CELLOS_TEST_TYPE_EMPTY_BACKEND, NULL);
  g_autoptr(CellosExecutionCellDocument) document = cellos_execution_cell_document_new ("cell-y");
  g_autoptr(CellosCellHandle) handle = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  handle = cellos_cell_backend_create (backend, document, NULL, &error);
  g_assert_error (error, CELLOS_ERROR, CELLOS_ERROR_FAILED);
  g_assert_null (handle);
  g_clear_error (&error);

  cellos_cell_backend_create_async (backend, document, NULL, cellos_test_store_result, &result);
  handle = cellos_cell_backend_create_finish (backend, cellos_test_wait_for (&result), &error);
  g_assert_error (error, CELLOS_ERROR, CELLOS_ERROR_FAILED);
  g_assert_null (handle);

  cellos_test_wait_finalized (&result);
  cellos_test_assert_finalized (&document);
  cellos_test_assert_finalized (&backend);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_data_func ("/backend/sync-only/sync-public-form",
                        GINT_TO_POINTER (SYNC_ONLY), test_sync_public_form);
  g_test_add_data_func ("/backend/sync-only/async-public-form",
                        GINT_TO_POINTER (SYNC_ONLY), test_async_public_form);
  g_test_add_data_func ("/backend/sync-only/errors-pass-through",
                        GINT_TO_POINTER (SYNC_ONLY), test_errors_pass_through);
  g_test_add_data_func ("/backend/sync-only/cancelled-before-call",
                        GINT_TO_POINTER (SYNC_ONLY), test_cancelled_before_call);
  g_test_add_data_func ("/backend/async-only/sync-public-form",
                        GINT_TO_POINTER (ASYNC_ONLY), test_sync_public_form);
  g_test_add_data_func ("/backend/async-only/async-public-form",
                        GINT_TO_POINTER (ASYNC_ONLY), test_async_public_form);
  g_test_add_data_func ("/backend/async-only/errors-pass-through",
                        GINT_TO_POINTER (ASYNC_ONLY), test_errors_pass_through);
  g_test_add_data_func ("/backend/async-only/cancelled-before-call",
                        GINT_TO_POINTER (ASYNC_ONLY), test_cancelled_before_call);
  g_test_add_func ("/backend/async-only/sync-nested-in-async-callback",
                   test_sync_nested_in_async_callback);
  g_test_add_func ("/backend/async-only/sync-leaves-no-sources",
                   test_sync_leaves_no_sources);
  g_test_add_func ("/backend/async-only/sync-nested-in-sync", test_sync_nested_in_sync);
  g_test_add_func ("/backend/neither-side-is-an-error", test_neither_side_is_an_error);

  return g_test_run ();
}
