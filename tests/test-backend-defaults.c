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
  g_assert_cmpstr (cellos_cell_handle_get_cgroup_path (handle), ==, "/sys/fs/cgroup/test");

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
  g_test_add_func ("/backend/neither-side-is-an-error", test_neither_side_is_an_error);

  return g_test_run ();
}
