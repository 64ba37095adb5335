/* cellos-backend-contract.c: the CellosCellBackend contract, on any backend
 *
 *   cellos-backend-contract --backend NAME [GTest options]
 *
 * Pins the rules every backend keeps on the backend the registry has under
 * NAME, built in or loaded from a module: results are a CellosCellHandle
 * and a CellosTeardownReport; the handle carries the document's id, the
 * report the handle's; an empty or missing id is
 * CELLOS_ERROR_INVALID_SPEC; a cancelled operation is G_IO_ERROR_CANCELLED;
 * a create cancelled at any point either hands its cell over or leaves
 * none (a backend with a "live-cells" property is checked for cells left
 * over); a finish function refuses the other operation's result;
 * callbacks never run before the _async call returns and run in the
 * caller's thread-default context; the synchronous and asynchronous forms
 * agree; nothing is leaked.
 *
 * Installed as an installed test, so that a third-party backend module can
 * be checked: CELLOS_BACKEND_MODULE_DIR=DIR cellos-backend-contract
 * --backend NAME.
 *
 * Copyright 2026 The CellOS authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdlib.h>
#include <string.h>

#include <cellos/cellos.h>

static char *backend_name;

static CellosCellBackend *
new_backend (void)
{
  g_autoptr(GError) error = NULL;
  CellosCellBackend *backend = cellos_cell_backend_new_for_name (backend_name, &error);

  g_assert_no_error (error);
  g_assert_true (CELLOS_IS_CELL_BACKEND (backend));
  return backend;
}

/* Drops the last reference the test holds and checks that the object goes
 * away. A backend may finish work in another thread (GTask worker threads
 * let go of their task just after it returns), so wait a bounded time. */
static void
assert_finalized (gpointer object_ptr)
{
  GObject **ptr = object_ptr;
  gpointer weak = *ptr;
  gint64 deadline = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;

  g_assert_nonnull (weak);
  g_object_add_weak_pointer (weak, &weak);
  g_clear_object (ptr);
  while (g_atomic_pointer_get (&weak) != NULL && g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  if (g_atomic_pointer_get (&weak) != NULL)
    g_error ("object %p (%s) was not finalized: leaked reference", weak,
             G_OBJECT_TYPE_NAME (weak));
}

typedef struct
{
  gboolean returned;
  gboolean called_before_return;
  GMainContext *context;
  GThread *thread;
  GAsyncResult *result;
} Completion;

static void
on_complete (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Completion *completion = user_data;

  g_assert_null (completion->result);
  completion->called_before_return = !completion->returned;
  completion->context = g_main_context_ref_thread_default ();
  completion->thread = g_thread_self ();
  completion->result = g_object_ref (result);
}

static void
completion_wait (Completion   *completion,
                 GMainContext *context)
{
  completion->returned = TRUE;
  while (completion->result == NULL)
    g_main_context_iteration (context, TRUE);
  g_assert_false (completion->called_before_return);
}

static void
completion_clear (Completion *completion)
{
  if (completion->result != NULL)
    assert_finalized (&completion->result);
  g_clear_pointer (&completion->context, g_main_context_unref);
}

static CellosCellHandle *
create_async (CellosCellBackend            *backend,
              CellosExecutionCellDocument  *document,
              GCancellable                 *cancellable,
              GError                      **error)
{
  Completion completion = { 0 };
  CellosCellHandle *handle;

  cellos_cell_backend_create_async (backend, document, cancellable, on_complete, &completion);
  completion_wait (&completion, g_main_context_get_thread_default ());
  handle = cellos_cell_backend_create_finish (backend, completion.result, error);
  completion_clear (&completion);
  return handle;
}

static CellosTeardownReport *
destroy_async (CellosCellBackend  *backend,
               CellosCellHandle   *handle,
               GCancellable       *cancellable,
               GError            **error)
{
  Completion completion = { 0 };
  CellosTeardownReport *report;

  cellos_cell_backend_destroy_async (backend, handle, cancellable, on_complete, &completion);
  completion_wait (&completion, g_main_context_get_thread_default ());
  report = cellos_cell_backend_destroy_finish (backend, completion.result, error);
  completion_clear (&completion);
  return report;
}

typedef enum {
  SYNC,
  ASYNC
} Form;

static CellosCellHandle *
create_with (Form                          form,
             CellosCellBackend            *backend,
             CellosExecutionCellDocument  *document,
             GCancellable                 *cancellable,
             GError                      **error)
{
  if (form == SYNC)
    return cellos_cell_backend_create (backend, document, cancellable, error);
  return create_async (backend, document, cancellable, error);
}

static CellosTeardownReport *
destroy_with (Form                form,
              CellosCellBackend  *backend,
              CellosCellHandle   *handle,
              GCancellable       *cancellable,
              GError            **error)
{
  if (form == SYNC)
    return cellos_cell_backend_destroy (backend, handle, cancellable, error);
  return destroy_async (backend, handle, cancellable, error);
}

static void
test_lifecycle (gconstpointer data)
{
  Form form = GPOINTER_TO_INT (data);
  g_autoptr(CellosCellBackend) backend = new_backend ();
  g_autoptr(CellosExecutionCellDocument) document = NULL;
  g_autoptr(CellosCellHandle) handle = NULL;
  g_autoptr(CellosTeardownReport) report = NULL;
  g_autoptr(GError) error = NULL;
  const char * const argv[] = { "/bin/true", NULL };

  document = cellos_execution_cell_document_new ("contract-cell");
  cellos_execution_cell_document_set_argv (document, argv);

  handle = create_with (form, backend, document, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (CELLOS_IS_CELL_HANDLE (handle));
  g_assert_cmpstr (cellos_cell_handle_get_cell_id (handle), ==, "contract-cell");

  report = destroy_with (form, backend, handle, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (CELLOS_IS_TEARDOWN_REPORT (report));
  g_assert_cmpstr (cellos_teardown_report_get_cell_id (report), ==,
                   cellos_cell_handle_get_cell_id (handle));
  g_assert_true (cellos_teardown_report_get_destroyed (report));

  assert_finalized (&report);
  assert_finalized (&handle);
  assert_finalized (&document);
  assert_finalized (&backend);
}

static void
check_invalid_spec (Form        form,
                    const char *id)
{
  g_autoptr(CellosCellBackend) backend = new_backend ();
  g_autoptr(CellosExecutionCellDocument) document = cellos_execution_cell_document_new (id);
  g_autoptr(CellosCellHandle) handle = NULL;
  g_autoptr(GError) error = NULL;

  handle = create_with (form, backend, document, NULL, &error);
  g_assert_error (error, CELLOS_ERROR, CELLOS_ERROR_INVALID_SPEC);
  g_assert_null (handle);

  assert_finalized (&document);
  assert_finalized (&backend);
}

static void
test_empty_id_is_invalid_spec (gconstpointer data)
{
  check_invalid_spec (GPOINTER_TO_INT (data), "");
}

static void
test_missing_id_is_invalid_spec (gconstpointer data)
{
  check_invalid_spec (GPOINTER_TO_INT (data), NULL);
}

static void
test_create_cancelled (gconstpointer data)
{
  Form form = GPOINTER_TO_INT (data);
  g_autoptr(CellosCellBackend) backend = new_backend ();
  g_autoptr(CellosExecutionCellDocument) document = cellos_execution_cell_document_new ("cancelled");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(CellosCellHandle) handle = NULL;
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  handle = create_with (form, backend, document, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (handle);

  assert_finalized (&cancellable);
  assert_finalized (&document);
  assert_finalized (&backend);
}

static void
test_destroy_cancelled (gconstpointer data)
{
  Form form = GPOINTER_TO_INT (data);
  g_autoptr(CellosCellBackend) backend = new_backend ();
  g_autoptr(CellosExecutionCellDocument) document = cellos_execution_cell_document_new ("cancelled");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(CellosCellHandle) handle = NULL;
  g_autoptr(CellosTeardownReport) report = NULL;
  g_autoptr(GError) error = NULL;

  handle = create_with (form, backend, document, NULL, &error);
  g_assert_no_error (error);

  g_cancellable_cancel (cancellable);
  report = destroy_with (form, backend, handle, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (report);
  g_clear_error (&error);

  /* The cell is still there to destroy. */
  report = destroy_with (form, backend, handle, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (cellos_teardown_report_get_destroyed (report));

  assert_finalized (&report);
  assert_finalized (&handle);
  assert_finalized (&cancellable);
  assert_finalized (&document);
  assert_finalized (&backend);
}

typedef struct
{
  CellosCellBackend *backend;
  gboolean checked;
} ContextCheck;

/* Runs both async operations from a thread whose thread-default context is
 * its own, and checks that each callback comes back on that thread, in
 * that context, and never before the call returned. */
static gpointer
run_in_own_context (gpointer data)
{
  ContextCheck *check = data;
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(CellosExecutionCellDocument) document = cellos_execution_cell_document_new ("context");
  g_autoptr(CellosCellHandle) handle = NULL;
  g_autoptr(CellosTeardownReport) report = NULL;
  g_autoptr(GError) error = NULL;
  Completion created = { 0 };
  Completion destroyed = { 0 };

  g_main_context_push_thread_default (context);

  cellos_cell_backend_create_async (check->backend, document, NULL, on_complete, &created);
  completion_wait (&created, context);
  g_assert_true (created.context == context);
  g_assert_true (created.thread == g_thread_self ());
  handle = cellos_cell_backend_create_finish (check->backend, created.result, &error);
  g_assert_no_error (error);

  cellos_cell_backend_destroy_async (check->backend, handle, NULL, on_complete, &destroyed);
  completion_wait (&destroyed, context);
  g_assert_true (destroyed.context == context);
  g_assert_true (destroyed.thread == g_thread_self ());
  report = cellos_cell_backend_destroy_finish (check->backend, destroyed.result, &error);
  g_assert_no_error (error);

  completion_clear (&created);
  completion_clear (&destroyed);
  assert_finalized (&report);
  assert_finalized (&handle);
  assert_finalized (&document);
  g_main_context_pop_thread_default (context);
  check->checked = TRUE;
  return NULL;
}

static void
test_callbacks_in_callers_context (void)
{
  g_autoptr(CellosCellBackend) backend = new_backend ();
  ContextCheck check = { backend, FALSE };

  g_thread_join (g_thread_new ("contract-caller", run_in_own_context, &check));
  g_assert_true (check.checked);

  assert_finalized (&backend);
}

static void
test_callback_not_before_return_in_default_context (void)
{
  g_autoptr(CellosCellBackend) backend = new_backend ();
  g_autoptr(CellosExecutionCellDocument) document = cellos_execution_cell_document_new ("order");
  g_autoptr(CellosCellHandle) handle = NULL;
  g_autoptr(GError) error = NULL;
  Completion completion = { 0 };

  cellos_cell_backend_create_async (backend, document, NULL, on_complete, &completion);
  g_assert_null (completion.result);
  completion_wait (&completion, NULL);
  g_assert_true (completion.context == g_main_context_default ());
  handle = cellos_cell_backend_create_finish (backend, completion.result, &error);
  g_assert_no_error (error);

  completion_clear (&completion);
  assert_finalized (&handle);
  assert_finalized (&document);
  assert_finalized (&backend);
}

static void
test_sync_and_async_agree (void)
{
  g_autoptr(CellosCellBackend) backend = new_backend ();
  g_autoptr(CellosExecutionCellDocument) document = cellos_execution_cell_document_new ("agree");
  g_autoptr(CellosCellHandle) sync_handle = NULL;
  g_autoptr(CellosCellHandle) async_handle = NULL;
  g_autoptr(CellosTeardownReport) sync_report = NULL;
  g_autoptr(CellosTeardownReport) async_report = NULL;
  g_autoptr(GError) error = NULL;

  /* One cell at a time: a backend may refuse a second live cell with the
   * same id. */
  sync_handle = create_with (SYNC, backend, document, NULL, &error);
  g_assert_no_error (error);
  sync_report = destroy_with (SYNC, backend, sync_handle, NULL, &error);
  g_assert_no_error (error);
  async_handle = create_with (ASYNC, backend, document, NULL, &error);
  g_assert_no_error (error);
  async_report = destroy_with (ASYNC, backend, async_handle, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpstr (cellos_cell_handle_get_cell_id (sync_handle), ==,
                   cellos_cell_handle_get_cell_id (async_handle));

  g_assert_cmpstr (cellos_teardown_report_get_cell_id (sync_report), ==,
                   cellos_teardown_report_get_cell_id (async_report));
  g_assert_cmpint (cellos_teardown_report_get_destroyed (sync_report), ==,
                   cellos_teardown_report_get_destroyed (async_report));

  assert_finalized (&sync_report);
  assert_finalized (&async_report);
  assert_finalized (&sync_handle);
  assert_finalized (&async_handle);
  assert_finalized (&document);
  assert_finalized (&backend);
}

/* Runs @finish with GLib's criticals not fatal for once: refusing a
 * result may be a critical from the interface (a programmer error, as in
 * GIO) or an error from the backend's own finish; either is a refusal. */
typedef enum {
  FINISH_CREATE,
  FINISH_DESTROY
} Finish;

static gpointer
finish_leniently (Finish             finish,
                  CellosCellBackend *backend,
                  GAsyncResult      *result)
{
  GLogLevelFlags fatal = g_log_set_always_fatal (G_LOG_FATAL_MASK);
  g_autoptr(GError) error = NULL;
  gpointer value;

  if (finish == FINISH_CREATE)
    value = cellos_cell_backend_create_finish (backend, result, &error);
  else
    value = cellos_cell_backend_destroy_finish (backend, result, &error);
  g_log_set_always_fatal (fatal);
  return value;
}

static void
test_finish_refuses_other_operations_result (void)
{
  g_autoptr(CellosCellBackend) backend = new_backend ();
  g_autoptr(CellosExecutionCellDocument) document = cellos_execution_cell_document_new ("other-result");
  g_autoptr(CellosCellHandle) handle = NULL;
  g_autoptr(CellosTeardownReport) report = NULL;
  g_autoptr(GError) error = NULL;
  Completion created = { 0 };
  Completion destroyed = { 0 };
  gpointer wrong;

  cellos_cell_backend_create_async (backend, document, NULL, on_complete, &created);
  completion_wait (&created, NULL);
  wrong = finish_leniently (FINISH_DESTROY, backend, created.result);
  g_assert_null (wrong);
  /* The interface refused it before the backend saw it, so the handle is
   * still to be had; a backend's own finish may have taken it. */
  handle = finish_leniently (FINISH_CREATE, backend, created.result);
  if (handle == NULL)
    {
      completion_clear (&created);
      return;
    }
  g_assert_true (CELLOS_IS_CELL_HANDLE (handle));

  cellos_cell_backend_destroy_async (backend, handle, NULL, on_complete, &destroyed);
  completion_wait (&destroyed, NULL);
  wrong = finish_leniently (FINISH_CREATE, backend, destroyed.result);
  g_assert_null (wrong);
  report = finish_leniently (FINISH_DESTROY, backend, destroyed.result);
  if (report == NULL)
    {
      /* The backend's own finish took the report: the cell is gone. */
      completion_clear (&created);
      completion_clear (&destroyed);
      return;
    }
  g_assert_true (CELLOS_IS_TEARDOWN_REPORT (report));
  g_assert_true (cellos_teardown_report_get_destroyed (report));

  completion_clear (&created);
  completion_clear (&destroyed);
  assert_finalized (&report);
  assert_finalized (&handle);
  assert_finalized (&document);
  assert_finalized (&backend);
}

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

/* The cells that exist, for a backend that says ("live-cells"); -1 if it
 * does not. */
static gint
live_cells (CellosCellBackend *backend)
{
  guint count = 0;

  if (g_object_class_find_property (G_OBJECT_GET_CLASS (backend), "live-cells") == NULL)
    return -1;
  g_object_get (backend, "live-cells", &count, NULL);
  return (gint) count;
}

/* Cancellation from another thread at random points before, during and
 * after the backend's work: a handle that comes back is a live cell (it is
 * destroyed), an error is G_IO_ERROR_CANCELLED and means no cell. */
static void
test_cancelled_create_leaves_no_cell (gconstpointer data)
{
  Form form = GPOINTER_TO_INT (data);
  g_autoptr(CellosCellBackend) backend = new_backend ();
  g_autoptr(CellosExecutionCellDocument) document = cellos_execution_cell_document_new ("cancel-race");
  gint live_before = live_cells (backend);
  guint delivered = 0, cancelled = 0;
  guint i;

  for (i = 0; i < 50; i++)
    {
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      g_autoptr(CellosCellHandle) handle = NULL;
      g_autoptr(GError) error = NULL;
      CancelLater later = { cancellable, g_test_rand_int_range (0, 3000) };
      GThread *canceller = g_thread_new ("contract-cancel", cancel_later, &later);

      handle = create_with (form, backend, document, cancellable, &error);
      g_thread_join (canceller);

      g_assert_true ((handle == NULL) != (error == NULL));
      if (handle != NULL)
        {
          g_autoptr(CellosTeardownReport) report = NULL;

          g_assert_true (CELLOS_IS_CELL_HANDLE (handle));
          report = destroy_with (form, backend, handle, NULL, &error);
          g_assert_no_error (error);
          g_assert_true (cellos_teardown_report_get_destroyed (report));
          delivered++;
        }
      else
        {
          g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
          cancelled++;
        }
    }

  g_test_message ("%u handles delivered, %u creates cancelled", delivered, cancelled);
  if (live_before >= 0)
    g_assert_cmpint (live_cells (backend), ==, live_before);

  assert_finalized (&document);
  assert_finalized (&backend);
}

/* Takes --backend NAME (or --backend=NAME) out of argv before GTest sees
 * it. */
static gboolean
take_backend_option (int    *argc,
                     char ***argv)
{
  int i, j;

  for (i = 1; i < *argc; i++)
    {
      char *arg = (*argv)[i];
      int consumed = 0;

      if (g_str_equal (arg, "--backend") && i + 1 < *argc)
        {
          backend_name = g_strdup ((*argv)[i + 1]);
          consumed = 2;
        }
      else if (g_str_has_prefix (arg, "--backend="))
        {
          backend_name = g_strdup (arg + strlen ("--backend="));
          consumed = 1;
        }

      if (consumed > 0)
        {
          for (j = i; j + consumed <= *argc; j++)
            (*argv)[j] = (*argv)[j + consumed];
          *argc -= consumed;
          return backend_name[0] != '\0';
        }
    }
  return FALSE;
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  if (!take_backend_option (&argc, &argv))
    {
      g_printerr ("Usage: %s --backend NAME [GTest options]\n", argv[0]);
      return 2;
    }

  g_test_init (&argc, &argv, NULL);
  g_test_summary ("The CellosCellBackend contract, pinned on one registered backend");

  g_test_add_data_func ("/contract/sync/lifecycle", GINT_TO_POINTER (SYNC), test_lifecycle);
  g_test_add_data_func ("/contract/async/lifecycle", GINT_TO_POINTER (ASYNC), test_lifecycle);
  g_test_add_data_func ("/contract/sync/empty-id-is-invalid-spec", GINT_TO_POINTER (SYNC),
                        test_empty_id_is_invalid_spec);
  g_test_add_data_func ("/contract/async/empty-id-is-invalid-spec", GINT_TO_POINTER (ASYNC),
                        test_empty_id_is_invalid_spec);
  g_test_add_data_func ("/contract/sync/missing-id-is-invalid-spec", GINT_TO_POINTER (SYNC),
                        test_missing_id_is_invalid_spec);
  g_test_add_data_func ("/contract/async/missing-id-is-invalid-spec", GINT_TO_POINTER (ASYNC),
                        test_missing_id_is_invalid_spec);
  g_test_add_data_func ("/contract/sync/create-cancelled", GINT_TO_POINTER (SYNC),
                        test_create_cancelled);
  g_test_add_data_func ("/contract/async/create-cancelled", GINT_TO_POINTER (ASYNC),
                        test_create_cancelled);
  g_test_add_data_func ("/contract/sync/destroy-cancelled", GINT_TO_POINTER (SYNC),
                        test_destroy_cancelled);
  g_test_add_data_func ("/contract/async/destroy-cancelled", GINT_TO_POINTER (ASYNC),
                        test_destroy_cancelled);
  g_test_add_func ("/contract/async/callback-not-before-return",
                   test_callback_not_before_return_in_default_context);
  g_test_add_func ("/contract/async/callbacks-in-callers-context",
                   test_callbacks_in_callers_context);
  g_test_add_func ("/contract/sync-and-async-agree", test_sync_and_async_agree);
  g_test_add_func ("/contract/async/finish-refuses-other-operations-result",
                   test_finish_refuses_other_operations_result);
  g_test_add_data_func ("/contract/sync/cancelled-create-leaves-no-cell", GINT_TO_POINTER (SYNC),
                        test_cancelled_create_leaves_no_cell);
  g_test_add_data_func ("/contract/async/cancelled-create-leaves-no-cell", GINT_TO_POINTER (ASYNC),
                        test_cancelled_create_leaves_no_cell);

  ret = g_test_run ();
  g_free (backend_name);
  return ret;
}
