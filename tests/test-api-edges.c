/* test-api-edges.c: public API paths the other tests leave out
 *
 * Copyright 2026 The CellOS authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Found by coverage (make check-code-coverage-lib): each case pins one
 * behaviour reachable through the public API that no other test reached.
 */

#include <string.h>

#include "test-utils.h"

static void
test_stub_sync_create_cancelled (void)
{
  g_autoptr(CellosCellBackend) stub = CELLOS_CELL_BACKEND (cellos_stub_backend_new ());
  g_autoptr(CellosExecutionCellDocument) document = cellos_execution_cell_document_new ("c");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(CellosCellHandle) handle = NULL;
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  handle = cellos_cell_backend_create (stub, document, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (handle);

  cellos_test_assert_finalized (&cancellable);
  cellos_test_assert_finalized (&document);
  cellos_test_assert_finalized (&stub);
}

static void
test_stub_sync_destroy_cancelled (void)
{
  g_autoptr(CellosCellBackend) stub = CELLOS_CELL_BACKEND (cellos_stub_backend_new ());
  g_autoptr(CellosExecutionCellDocument) document = cellos_execution_cell_document_new ("c");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(CellosCellHandle) handle = NULL;
  g_autoptr(CellosTeardownReport) report = NULL;
  g_autoptr(GError) error = NULL;

  handle = cellos_cell_backend_create (stub, document, NULL, &error);
  g_assert_no_error (error);
  g_cancellable_cancel (cancellable);
  report = cellos_cell_backend_destroy (stub, handle, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (report);

  cellos_test_assert_finalized (&handle);
  cellos_test_assert_finalized (&cancellable);
  cellos_test_assert_finalized (&document);
  cellos_test_assert_finalized (&stub);
}

static CellosCellHandle *
new_handle (void)
{
  return g_object_new (CELLOS_TYPE_CELL_HANDLE, "cell-id", "c", NULL);
}

static void
test_empty_backend_sync_destroy_fails (void)
{
  g_autoptr(CellosCellBackend) backend = g_object_new (CELLOS_TEST_TYPE_EMPTY_BACKEND, NULL);
  g_autoptr(CellosCellHandle) handle = new_handle ();
  g_autoptr(CellosTeardownReport) report = NULL;
  g_autoptr(GError) error = NULL;

  report = cellos_cell_backend_destroy (backend, handle, NULL, &error);
  g_assert_error (error, CELLOS_ERROR, CELLOS_ERROR_FAILED);
  g_assert_null (report);

  cellos_test_assert_finalized (&handle);
  cellos_test_assert_finalized (&backend);
}

static void
test_empty_backend_async_destroy_fails (void)
{
  g_autoptr(CellosCellBackend) backend = g_object_new (CELLOS_TEST_TYPE_EMPTY_BACKEND, NULL);
  g_autoptr(CellosCellHandle) handle = new_handle ();
  g_autoptr(CellosTeardownReport) report = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  cellos_cell_backend_destroy_async (backend, handle, NULL, cellos_test_store_result, &result);
  report = cellos_cell_backend_destroy_finish (backend, cellos_test_wait_for (&result), &error);
  g_assert_error (error, CELLOS_ERROR, CELLOS_ERROR_FAILED);
  g_assert_null (report);

  cellos_test_assert_finalized (&result);
  cellos_test_assert_finalized (&handle);
  cellos_test_assert_finalized (&backend);
}

static void
test_handle_digest_properties (void)
{
  g_autoptr(CellosCellHandle) handle = NULL;
  g_autofree char *kernel = NULL;
  g_autofree char *firecracker = NULL;

  handle = g_object_new (CELLOS_TYPE_CELL_HANDLE,
                         "cell-id", "c",
                         "kernel-digest-sha256", "k",
                         "firecracker-digest-sha256", "f",
                         NULL);
  g_object_get (handle,
                "kernel-digest-sha256", &kernel,
                "firecracker-digest-sha256", &firecracker,
                NULL);
  g_assert_cmpstr (kernel, ==, "k");
  g_assert_cmpstr (firecracker, ==, "f");

  cellos_test_assert_finalized (&handle);
}

/* The subprocess aborts on the critical inside g_object_new(), so the
 * handle is never returned and there is nothing left to prove finalized. */
static void
test_handle_empty_cell_id_is_critical (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(CellosCellHandle) handle = g_object_new (CELLOS_TYPE_CELL_HANDLE, NULL);

      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*CRITICAL*needs a non-empty cell-id*");
}

static void
notify_count (GObject    *object,
              GParamSpec *pspec,
              gpointer    user_data)
{
  (*(guint *) user_data)++;
}

static void
test_document_argv_property_sets_argv (void)
{
  const char * const argv[] = { "/bin/true", NULL };
  g_autoptr(CellosExecutionCellDocument) document = cellos_execution_cell_document_new ("c");

  g_object_set (document, "argv", argv, NULL);
  g_assert_true (g_strv_equal (cellos_execution_cell_document_get_argv (document), argv));

  cellos_test_assert_finalized (&document);
}

static void
test_document_clearing_absent_argv_does_not_notify (void)
{
  g_autoptr(CellosExecutionCellDocument) document = cellos_execution_cell_document_new ("c");
  guint notified = 0;

  g_signal_connect (document, "notify::argv", G_CALLBACK (notify_count), &notified);
  cellos_execution_cell_document_set_argv (document, NULL);
  g_assert_cmpuint (notified, ==, 0);
  g_assert_null (cellos_execution_cell_document_get_argv (document));

  cellos_test_assert_finalized (&document);
}

static void
test_escaped_member_names_are_compared_decoded (void)
{
  /* Every escape in a member name is decoded before duplicates are
   * looked for, as JsonParser will decode it. */
  const char * const pairs[][2] = {
    { "\\\"", "\\u0022" },
    { "\\\\", "\\u005c" },
    { "\\/", "/" },
    { "\\b", "\\u0008" },
    { "\\f", "\\u000c" },
    { "\\n", "\\u000a" },
    { "\\r", "\\u000d" },
    { "\\t", "\\u0009" },
    { "\\ud83d\\ude00", "\xf0\x9f\x98\x80" },
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (pairs); i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"spec\": {}, \"a%s\": 1, \"a%s\": 2}",
                                               pairs[i][0], pairs[i][1]);
      g_autofree char *distinct = g_strdup_printf ("{\"spec\": {}, \"a%s\": 1, \"b%s\": 2}",
                                                   pairs[i][0], pairs[i][1]);
      g_autoptr(CellosExecutionCellDocument) document = NULL;
      g_autoptr(GError) error = NULL;

      document = cellos_execution_cell_document_new_from_data (json, -1, &error);
      g_assert_error (error, CELLOS_ERROR, CELLOS_ERROR_INVALID_DOCUMENT);
      g_assert_nonnull (strstr (error->message, "duplicate member"));
      g_assert_null (document);
      g_clear_error (&error);

      document = cellos_execution_cell_document_new_from_data (distinct, -1, &error);
      g_assert_no_error (error);
      cellos_test_assert_finalized (&document);
    }
}

static void
test_invalid_surrogate_escapes_are_refused (void)
{
  const char * const escapes[][2] = {
    { "\\ud83dx", "a high surrogate must be followed by a low one" },
    { "\\ud83d\\u0041", "a high surrogate must be followed by a low one" },
    { "\\ud83d\\ue000", "a high surrogate must be followed by a low one" },
    { "\\ud83d\\u12", "a high surrogate must be followed by a low one" },
    { "\\udfff", "a low surrogate without a high one" },
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (escapes); i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"spec\": {\"id\": \"%s\"}}", escapes[i][0]);
      g_autoptr(CellosExecutionCellDocument) document = NULL;
      g_autoptr(GError) error = NULL;

      document = cellos_execution_cell_document_new_from_data (json, -1, &error);
      g_assert_error (error, CELLOS_ERROR, CELLOS_ERROR_INVALID_DOCUMENT);
      g_assert_nonnull (strstr (error->message, escapes[i][1]));
      g_assert_null (document);
    }
}

static void
test_private_use_escape_is_accepted (void)
{
  g_autoptr(CellosExecutionCellDocument) document = NULL;
  g_autoptr(GError) error = NULL;

  document = cellos_execution_cell_document_new_from_data ("{\"spec\": {\"id\": \"\\ue000\"}}", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cellos_execution_cell_document_get_id (document), ==, "\xee\x80\x80");

  cellos_test_assert_finalized (&document);
}

static void
test_misspelled_literal_is_refused (void)
{
  g_autoptr(CellosExecutionCellDocument) document = NULL;
  g_autoptr(GError) error = NULL;

  document = cellos_execution_cell_document_new_from_data ("{\"spec\": {}, \"on\": trve}", -1, &error);
  g_assert_error (error, CELLOS_ERROR, CELLOS_ERROR_INVALID_DOCUMENT);
  g_assert_cmpstr (error->message, ==, "1:20: unexpected character “t”, expected a value");
  g_assert_null (document);
}

/* The public backend functions given an instance that is not a GObject at
 * all, such as a GParamSpec: each must refuse it with a critical, not take
 * its class for a GObjectClass, and do nothing else. Every other argument
 * is valid, so that @self is the only thing refused. */

static void
drain_default_context (void)
{
  while (g_main_context_iteration (NULL, FALSE));
}

/* A result of no backend, already complete. */
static GAsyncResult *
new_complete_result (void)
{
  GTask *task = g_task_new (NULL, NULL, NULL, NULL);

  g_task_return_boolean (task, TRUE);
  drain_default_context ();
  return G_ASYNC_RESULT (task);
}

static void
call_create (CellosCellBackend *not_a_backend)
{
  g_autoptr(CellosExecutionCellDocument) document = cellos_execution_cell_document_new ("c");
  g_autoptr(GError) error = NULL;

  g_assert_null (cellos_cell_backend_create (not_a_backend, document, NULL, &error));
  g_assert_no_error (error);

  cellos_test_assert_finalized (&document);
}

static void
call_create_async (CellosCellBackend *not_a_backend)
{
  g_autoptr(CellosExecutionCellDocument) document = cellos_execution_cell_document_new ("c");
  g_autoptr(GAsyncResult) result = NULL;

  cellos_cell_backend_create_async (not_a_backend, document, NULL,
                                    cellos_test_store_result, &result);
  drain_default_context ();
  g_assert_null (result);

  cellos_test_assert_finalized (&document);
}

static void
call_create_finish (CellosCellBackend *not_a_backend)
{
  g_autoptr(GAsyncResult) result = new_complete_result ();
  g_autoptr(GError) error = NULL;

  g_assert_null (cellos_cell_backend_create_finish (not_a_backend, result, &error));
  g_assert_no_error (error);

  cellos_test_assert_finalized (&result);
}

static void
call_destroy (CellosCellBackend *not_a_backend)
{
  g_autoptr(CellosCellHandle) handle = new_handle ();
  g_autoptr(GError) error = NULL;

  g_assert_null (cellos_cell_backend_destroy (not_a_backend, handle, NULL, &error));
  g_assert_no_error (error);

  cellos_test_assert_finalized (&handle);
}

static void
call_destroy_async (CellosCellBackend *not_a_backend)
{
  g_autoptr(CellosCellHandle) handle = new_handle ();
  g_autoptr(GAsyncResult) result = NULL;

  cellos_cell_backend_destroy_async (not_a_backend, handle, NULL,
                                     cellos_test_store_result, &result);
  drain_default_context ();
  g_assert_null (result);

  cellos_test_assert_finalized (&handle);
}

static void
call_destroy_finish (CellosCellBackend *not_a_backend)
{
  g_autoptr(GAsyncResult) result = new_complete_result ();
  g_autoptr(GError) error = NULL;

  g_assert_null (cellos_cell_backend_destroy_finish (not_a_backend, result, &error));
  g_assert_no_error (error);

  cellos_test_assert_finalized (&result);
}

typedef struct
{
  const char *name;
  const char *function;
  void      (*call) (CellosCellBackend *not_a_backend);
} NotAnObjectCase;

static const NotAnObjectCase not_an_object_cases[] = {
  { "create", "cellos_cell_backend_create", call_create },
  { "create-async", "cellos_cell_backend_create_async", call_create_async },
  { "create-finish", "cellos_cell_backend_create_finish", call_create_finish },
  { "destroy", "cellos_cell_backend_destroy", call_destroy },
  { "destroy-async", "cellos_cell_backend_destroy_async", call_destroy_async },
  { "destroy-finish", "cellos_cell_backend_destroy_finish", call_destroy_finish },
};

/* The GParamSpec is not a GObject, so no weak pointer can watch it; its
 * last reference is dropped here like any other. */
static void
test_backend_not_an_object_is_critical (gconstpointer data)
{
  const NotAnObjectCase *test_case = data;
  g_autoptr(GParamSpec) not_a_backend = NULL;
  g_autofree char *pattern = NULL;

  not_a_backend = g_param_spec_ref_sink (g_param_spec_int ("not-a-backend", NULL, NULL,
                                                           0, 1, 0, G_PARAM_READWRITE));
  g_assert_false (G_IS_OBJECT (not_a_backend));
  pattern = g_strdup_printf ("%s: assertion*CELLOS_IS_CELL_BACKEND (self)*failed", test_case->function);

  g_test_expect_message ("Cellos", G_LOG_LEVEL_CRITICAL, pattern);
  test_case->call ((CellosCellBackend *) not_a_backend);
  g_test_assert_expected_messages ();
}

int
main (int   argc,
      char *argv[])
{
  gsize i;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/stub/create/sync-cancelled", test_stub_sync_create_cancelled);
  g_test_add_func ("/stub/destroy/sync-cancelled", test_stub_sync_destroy_cancelled);
  g_test_add_func ("/backend/neither-side/sync-destroy-fails", test_empty_backend_sync_destroy_fails);
  g_test_add_func ("/backend/neither-side/async-destroy-fails", test_empty_backend_async_destroy_fails);
  g_test_add_func ("/handle/digest-properties", test_handle_digest_properties);
  g_test_add_func ("/handle/empty-cell-id-is-critical", test_handle_empty_cell_id_is_critical);
  g_test_add_func ("/document/properties/argv-sets-argv", test_document_argv_property_sets_argv);
  g_test_add_func ("/document/argv/clearing-absent-argv-does-not-notify",
                   test_document_clearing_absent_argv_does_not_notify);
  g_test_add_func ("/document/from-data/escaped-member-names-are-compared-decoded",
                   test_escaped_member_names_are_compared_decoded);
  g_test_add_func ("/document/from-data/invalid/surrogate-escapes", test_invalid_surrogate_escapes_are_refused);
  g_test_add_func ("/document/from-data/private-use-escape-is-accepted", test_private_use_escape_is_accepted);
  g_test_add_func ("/document/from-data/invalid/misspelled-literal", test_misspelled_literal_is_refused);
  for (i = 0; i < G_N_ELEMENTS (not_an_object_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/backend/not-an-object/%s",
                                               not_an_object_cases[i].name);

      g_test_add_data_func (path, &not_an_object_cases[i], test_backend_not_an_object_is_critical);
    }

  return g_test_run ();
}
