/* test-fake-backend.c: CellosFakeBackend and in-process registration,
 * through the public API
 *
 * Copyright 2026 The CellOS authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdlib.h>
#include <sys/stat.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <gmodule.h>

#include <cellos-testing/cellos-testing.h>

#include "test-utils.h"

typedef enum {
  SYNC,
  ASYNC
} Form;

static CellosFakeBackend *
new_fake (void)
{
  return cellos_fake_backend_new ();
}

static CellosCellHandle *
create_with (Form                          form,
             CellosFakeBackend            *fake,
             const char                   *id,
             GCancellable                 *cancellable,
             GError                      **error)
{
  CellosCellBackend *backend = CELLOS_CELL_BACKEND (fake);
  g_autoptr(CellosExecutionCellDocument) document = cellos_execution_cell_document_new (id);
  g_autoptr(GAsyncResult) result = NULL;
  CellosCellHandle *handle;

  if (form == SYNC)
    return cellos_cell_backend_create (backend, document, cancellable, error);

  cellos_cell_backend_create_async (backend, document, cancellable,
                                    cellos_test_store_result, &result);
  handle = cellos_cell_backend_create_finish (backend, cellos_test_wait_for (&result), error);
  cellos_test_assert_finalized (&result);
  return handle;
}

static CellosTeardownReport *
destroy_with (Form                form,
              CellosFakeBackend  *fake,
              CellosCellHandle   *handle,
              GCancellable       *cancellable,
              GError            **error)
{
  CellosCellBackend *backend = CELLOS_CELL_BACKEND (fake);
  g_autoptr(GAsyncResult) result = NULL;
  CellosTeardownReport *report;

  if (form == SYNC)
    return cellos_cell_backend_destroy (backend, handle, cancellable, error);

  cellos_cell_backend_destroy_async (backend, handle, cancellable,
                                     cellos_test_store_result, &result);
  report = cellos_cell_backend_destroy_finish (backend, cellos_test_wait_for (&result), error);
  cellos_test_assert_finalized (&result);
  return report;
}

/* Asserts the live cells, as one comma-separated string. */
static void
assert_live (CellosFakeBackend *fake,
             const char        *expected)
{
  g_auto(GStrv) ids = cellos_fake_backend_list_live_cells (fake);
  g_autofree char *joined = g_strjoinv (",", ids);
  guint count = 0;

  g_assert_cmpstr (joined, ==, expected);
  g_object_get (fake, "live-cells", &count, NULL);
  g_assert_cmpuint (count, ==, g_strv_length (ids));
}

/* The ledger in one line per record: "operation cell-id outcome", with
 * ":domain:code:message" for errors and ":destroyed:peers" for destroys
 * that succeeded. */
static char *
describe_ledger (CellosFakeBackend *fake)
{
  g_autoptr(GVariant) ledger = cellos_fake_backend_dup_ledger (fake);
  GString *text = g_string_new (NULL);
  GVariantIter iter;
  GVariant *record;

  g_assert_true (g_variant_is_of_type (ledger, G_VARIANT_TYPE ("aa{sv}")));
  g_variant_iter_init (&iter, ledger);
  while ((record = g_variant_iter_next_value (&iter)) != NULL)
    {
      g_autoptr(GVariantDict) dict = g_variant_dict_new (record);
      const char *operation, *cell_id, *outcome, *domain, *message;
      gint32 code;
      gboolean destroyed;
      guint32 peers;

      g_assert_true (g_variant_dict_lookup (dict, "operation", "&s", &operation));
      g_assert_true (g_variant_dict_lookup (dict, "cell-id", "&s", &cell_id));
      g_assert_true (g_variant_dict_lookup (dict, "outcome", "&s", &outcome));
      g_string_append_printf (text, "%s %s %s", operation, cell_id, outcome);
      if (g_str_equal (outcome, "error"))
        {
          g_assert_true (g_variant_dict_lookup (dict, "error-domain", "&s", &domain));
          g_assert_true (g_variant_dict_lookup (dict, "error-code", "i", &code));
          g_assert_true (g_variant_dict_lookup (dict, "error-message", "&s", &message));
          g_string_append_printf (text, ":%s:%d:%s", domain, code, message);
        }
      else if (g_str_equal (operation, "destroy"))
        {
          g_assert_true (g_variant_dict_lookup (dict, "destroyed", "b", &destroyed));
          g_assert_true (g_variant_dict_lookup (dict, "peers-tracked-after", "u", &peers));
          g_string_append_printf (text, ":%s:%u", destroyed ? "true" : "false", peers);
        }
      g_string_append_c (text, '\n');
      g_variant_unref (record);
    }
  return g_string_free (text, FALSE);
}

static void
assert_ledger (CellosFakeBackend *fake,
               const char        *expected)
{
  g_autofree char *ledger = describe_ledger (fake);

  g_assert_cmpstr (ledger, ==, expected);
}

static void
test_lifecycle (gconstpointer data)
{
  Form form = GPOINTER_TO_INT (data);
  g_autoptr(CellosFakeBackend) fake = new_fake ();
  g_autoptr(CellosCellHandle) a = NULL;
  g_autoptr(CellosCellHandle) b = NULL;
  g_autoptr(CellosTeardownReport) report = NULL;
  g_autoptr(GError) error = NULL;

  assert_live (fake, "");
  a = create_with (form, fake, "cell-a", NULL, &error);
  g_assert_no_error (error);
  b = create_with (form, fake, "cell-b", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cellos_cell_handle_get_cell_id (a), ==, "cell-a");
  g_assert_null (cellos_cell_handle_get_cgroup_path (a));
  assert_live (fake, "cell-a,cell-b");

  report = destroy_with (form, fake, a, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cellos_teardown_report_get_cell_id (report), ==, "cell-a");
  g_assert_true (cellos_teardown_report_get_destroyed (report));
  g_assert_cmpuint (cellos_teardown_report_get_peers_tracked_after (report), ==, 0);
  assert_live (fake, "cell-b");

  assert_ledger (fake,
                 "create cell-a ok\n"
                 "create cell-b ok\n"
                 "destroy cell-a ok:true:0\n");

  cellos_test_assert_finalized (&report);
  cellos_test_assert_finalized (&a);
  cellos_test_assert_finalized (&b);
  cellos_test_assert_finalized (&fake);
}

static void
test_double_destroy_is_not_found (gconstpointer data)
{
  Form form = GPOINTER_TO_INT (data);
  g_autoptr(CellosFakeBackend) fake = new_fake ();
  g_autoptr(CellosCellHandle) handle = NULL;
  g_autoptr(CellosTeardownReport) report = NULL;
  g_autoptr(GError) error = NULL;

  handle = create_with (form, fake, "twice", NULL, &error);
  g_assert_no_error (error);
  report = destroy_with (form, fake, handle, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&report);

  report = destroy_with (form, fake, handle, NULL, &error);
  g_assert_error (error, CELLOS_ERROR, CELLOS_ERROR_NOT_FOUND);
  g_assert_null (report);
  g_assert_nonnull (strstr (error->message, "“twice”"));
  g_assert_nonnull (strstr (error->message, "already destroyed"));
  assert_live (fake, "");

  cellos_test_assert_finalized (&handle);
  cellos_test_assert_finalized (&fake);
}

static void
test_foreign_handle_is_not_found (gconstpointer data)
{
  Form form = GPOINTER_TO_INT (data);
  g_autoptr(CellosFakeBackend) fake = new_fake ();
  g_autoptr(CellosFakeBackend) other = new_fake ();
  g_autoptr(CellosCellHandle) handle = NULL;
  g_autoptr(CellosTeardownReport) report = NULL;
  g_autoptr(GError) error = NULL;

  handle = create_with (form, other, "elsewhere", NULL, &error);
  g_assert_no_error (error);

  report = destroy_with (form, fake, handle, NULL, &error);
  g_assert_error (error, CELLOS_ERROR, CELLOS_ERROR_NOT_FOUND);
  g_assert_null (report);
  g_assert_nonnull (strstr (error->message, "“elsewhere”"));
  g_assert_nonnull (strstr (error->message, "not live"));
  assert_live (other, "elsewhere");
  assert_ledger (fake, "destroy elsewhere error:cellos-error-quark:7:The cell “elsewhere” "
                 "is not live in this backend\n");

  cellos_test_assert_finalized (&handle);
  cellos_test_assert_finalized (&fake);
  cellos_test_assert_finalized (&other);
}

/* A handle rebuilt from a live cell's id (as after a supervisor restart)
 * is that cell. */
static void
test_rebuilt_handle_destroys_cell (gconstpointer data)
{
  Form form = GPOINTER_TO_INT (data);
  g_autoptr(CellosFakeBackend) fake = new_fake ();
  g_autoptr(CellosCellHandle) handle = NULL;
  g_autoptr(CellosCellHandle) rebuilt = NULL;
  g_autoptr(CellosTeardownReport) report = NULL;
  g_autoptr(GError) error = NULL;

  handle = create_with (form, fake, "kept", NULL, &error);
  g_assert_no_error (error);
  rebuilt = g_object_new (CELLOS_TYPE_CELL_HANDLE, "cell-id", "kept", NULL);
  report = destroy_with (form, fake, rebuilt, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (cellos_teardown_report_get_destroyed (report));
  assert_live (fake, "");

  cellos_test_assert_finalized (&report);
  cellos_test_assert_finalized (&rebuilt);
  cellos_test_assert_finalized (&handle);
  cellos_test_assert_finalized (&fake);
}

static void
test_live_id_twice_is_already_exists (gconstpointer data)
{
  Form form = GPOINTER_TO_INT (data);
  g_autoptr(CellosFakeBackend) fake = new_fake ();
  g_autoptr(CellosCellHandle) first = NULL;
  g_autoptr(CellosCellHandle) second = NULL;
  g_autoptr(GError) error = NULL;

  first = create_with (form, fake, "same", NULL, &error);
  g_assert_no_error (error);
  second = create_with (form, fake, "same", NULL, &error);
  g_assert_error (error, CELLOS_ERROR, CELLOS_ERROR_ALREADY_EXISTS);
  g_assert_null (second);
  g_assert_nonnull (strstr (error->message, "“same”"));
  assert_live (fake, "same");

  cellos_test_assert_finalized (&first);
  cellos_test_assert_finalized (&fake);
}

static void
test_empty_id_is_invalid_spec (gconstpointer data)
{
  Form form = GPOINTER_TO_INT (data);
  g_autoptr(CellosFakeBackend) fake = new_fake ();
  g_autoptr(CellosCellHandle) handle = NULL;
  g_autoptr(GError) error = NULL;

  handle = create_with (form, fake, "", NULL, &error);
  g_assert_error (error, CELLOS_ERROR, CELLOS_ERROR_INVALID_SPEC);
  g_assert_null (handle);
  assert_live (fake, "");

  cellos_test_assert_finalized (&fake);
}

static void
test_fail_rule (gconstpointer data)
{
  Form form = GPOINTER_TO_INT (data);
  g_autoptr(CellosFakeBackend) fake = new_fake ();
  g_autoptr(CellosCellHandle) other = NULL;
  g_autoptr(CellosCellHandle) db = NULL;
  g_autoptr(CellosCellHandle) refused = NULL;
  g_autoptr(CellosTeardownReport) report = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (cellos_fake_backend_add_fail_rule (fake, "create", "db-*", CELLOS_ERROR_TIMED_OUT, "no boot", NULL));
  g_assert_true (cellos_fake_backend_add_fail_rule (fake, "destroy", "web-?", CELLOS_ERROR_PERMISSION_DENIED,
                                                    "no cgroup", NULL));
  /* Of two matching fail rules, the first applies. */
  g_assert_true (cellos_fake_backend_add_fail_rule (fake, NULL, "db-*", CELLOS_ERROR_FAILED, "second", NULL));

  refused = create_with (form, fake, "db-1", NULL, &error);
  g_assert_error (error, CELLOS_ERROR, CELLOS_ERROR_TIMED_OUT);
  g_assert_cmpstr (error->message, ==, "no boot");
  g_assert_null (refused);
  g_clear_error (&error);

  other = create_with (form, fake, "web-1", NULL, &error);
  g_assert_no_error (error);
  report = destroy_with (form, fake, other, NULL, &error);
  g_assert_error (error, CELLOS_ERROR, CELLOS_ERROR_PERMISSION_DENIED);
  g_assert_cmpstr (error->message, ==, "no cgroup");
  g_assert_null (report);
  g_clear_error (&error);

  /* The glob matches whole ids: "web-10" is not "web-?". */
  db = create_with (form, fake, "web-10", NULL, &error);
  g_assert_no_error (error);
  report = destroy_with (form, fake, db, NULL, &error);
  g_assert_no_error (error);

  assert_live (fake, "web-1");
  assert_ledger (fake,
                 "create db-1 error:cellos-error-quark:8:no boot\n"
                 "create web-1 ok\n"
                 "destroy web-1 error:cellos-error-quark:5:no cgroup\n"
                 "create web-10 ok\n"
                 "destroy web-10 ok:true:0\n");

  cellos_fake_backend_clear_rules (fake);
  g_clear_object (&report);
  report = destroy_with (form, fake, other, NULL, &error);
  g_assert_no_error (error);
  assert_live (fake, "");

  cellos_test_assert_finalized (&report);
  cellos_test_assert_finalized (&other);
  cellos_test_assert_finalized (&db);
  cellos_test_assert_finalized (&fake);
}

static gboolean
count_tick (gpointer user_data)
{
  guint *ticks = user_data;

  (*ticks)++;
  return G_SOURCE_CONTINUE;
}

/* A delay holds the operation back at least that long; the asynchronous
 * form never blocks the main loop meanwhile. */
static void
test_delay_rule (gconstpointer data)
{
  Form form = GPOINTER_TO_INT (data);
  g_autoptr(CellosFakeBackend) fake = new_fake ();
  g_autoptr(CellosCellHandle) handle = NULL;
  g_autoptr(CellosTeardownReport) report = NULL;
  g_autoptr(GError) error = NULL;
  guint ticks = 0;
  guint tick_source;
  gint64 start;

  g_assert_true (cellos_fake_backend_add_delay_rule (fake, "create", "slow", 200, NULL));
  g_assert_true (cellos_fake_backend_add_delay_rule (fake, NULL, "sl*", 100, NULL));
  tick_source = g_timeout_add (10, count_tick, &ticks);

  start = g_get_monotonic_time ();
  handle = create_with (form, fake, "slow", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 300 * G_TIME_SPAN_MILLISECOND);
  if (form == ASYNC)
    g_assert_cmpuint (ticks, >=, 5);
  else
    g_assert_cmpuint (ticks, ==, 0);

  start = g_get_monotonic_time ();
  report = destroy_with (form, fake, handle, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 100 * G_TIME_SPAN_MILLISECOND);

  /* Other cells are not held back. */
  g_clear_object (&handle);
  start = g_get_monotonic_time ();
  handle = create_with (form, fake, "quick", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 100 * G_TIME_SPAN_MILLISECOND);

  g_source_remove (tick_source);
  cellos_test_assert_finalized (&report);
  cellos_test_assert_finalized (&handle);
  cellos_test_assert_finalized (&fake);
}

typedef struct
{
  GCancellable *cancellable;
  guint delay_ms;
} CancelLater;

static gpointer
cancel_later_thread (gpointer data)
{
  CancelLater *later = data;

  g_usleep (later->delay_ms * 1000);
  g_cancellable_cancel (later->cancellable);
  return NULL;
}

static gboolean
cancel_later_source (gpointer data)
{
  CancelLater *later = data;

  g_cancellable_cancel (later->cancellable);
  return G_SOURCE_REMOVE;
}

/* Cancels @cancellable @delay_ms from now: from another thread for the
 * synchronous form (whose thread is blocked), from the main loop for the
 * asynchronous one. Returns the thread to join, if any. */
static GThread *
cancel_later (Form          form,
              CancelLater  *later)
{
  if (form == SYNC)
    return g_thread_new ("fake-cancel", cancel_later_thread, later);
  g_timeout_add (later->delay_ms, cancel_later_source, later);
  return NULL;
}

/* Creates @id with a cancellation 50 ms in; asserts it was cancelled
 * promptly and left no cell. */
static void
assert_create_cancelled (Form               form,
                         CellosFakeBackend *fake,
                         const char        *id)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(CellosCellHandle) handle = NULL;
  g_autoptr(GError) error = NULL;
  CancelLater later = { cancellable, 50 };
  GThread *thread;
  gint64 start = g_get_monotonic_time ();

  thread = cancel_later (form, &later);
  handle = create_with (form, fake, id, cancellable, &error);
  if (thread != NULL)
    g_thread_join (thread);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (handle);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 50 * G_TIME_SPAN_MILLISECOND);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_TIME_SPAN_SECOND);
}

static void
test_delay_wakes_on_cancel (gconstpointer data)
{
  Form form = GPOINTER_TO_INT (data);
  g_autoptr(CellosFakeBackend) fake = new_fake ();
  g_autofree char *ledger = NULL;

  g_assert_true (cellos_fake_backend_add_delay_rule (fake, "create", "*", 60 * 1000, NULL));
  assert_create_cancelled (form, fake, "patient");
  assert_live (fake, "");
  ledger = describe_ledger (fake);
  g_assert_true (g_str_has_prefix (ledger, "create patient error:g-io-error-quark:19:"));

  cellos_test_assert_finalized (&fake);
}

static void
test_hang_until_cancelled (gconstpointer data)
{
  Form form = GPOINTER_TO_INT (data);
  g_autoptr(CellosFakeBackend) fake = new_fake ();
  g_autoptr(CellosCellHandle) handle = NULL;
  g_autoptr(CellosTeardownReport) report = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  CancelLater later = { cancellable, 50 };
  GThread *thread;

  g_assert_true (cellos_fake_backend_add_hang_rule (fake, "create", "stuck-*", NULL));
  g_assert_true (cellos_fake_backend_add_hang_rule (fake, "destroy", "held", NULL));
  assert_create_cancelled (form, fake, "stuck-1");
  assert_live (fake, "");

  /* A hung destroy leaves the cell live, to be destroyed again. */
  handle = create_with (form, fake, "held", NULL, &error);
  g_assert_no_error (error);
  thread = cancel_later (form, &later);
  report = destroy_with (form, fake, handle, cancellable, &error);
  if (thread != NULL)
    g_thread_join (thread);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (report);
  g_clear_error (&error);
  assert_live (fake, "held");

  cellos_fake_backend_clear_rules (fake);
  report = destroy_with (form, fake, handle, NULL, &error);
  g_assert_no_error (error);
  assert_live (fake, "");

  cellos_test_assert_finalized (&report);
  cellos_test_assert_finalized (&handle);
  cellos_test_assert_finalized (&fake);
}

static void
test_report_rule (gconstpointer data)
{
  Form form = GPOINTER_TO_INT (data);
  g_autoptr(CellosFakeBackend) fake = new_fake ();
  g_autoptr(CellosCellHandle) handle = NULL;
  g_autoptr(CellosTeardownReport) report = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (cellos_fake_backend_add_report_rule (fake, "*", TRUE, 1, NULL));
  g_assert_true (cellos_fake_backend_add_report_rule (fake, "leaky", FALSE, 3, NULL));

  handle = create_with (form, fake, "leaky", NULL, &error);
  g_assert_no_error (error);
  report = destroy_with (form, fake, handle, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (cellos_teardown_report_get_destroyed (report));
  g_assert_cmpuint (cellos_teardown_report_get_peers_tracked_after (report), ==, 3);
  /* Not destroyed: still live, for the supervisor to try again. */
  assert_live (fake, "leaky");

  cellos_fake_backend_clear_rules (fake);
  g_assert_true (cellos_fake_backend_add_report_rule (fake, "*", TRUE, 2, NULL));
  g_clear_object (&report);
  report = destroy_with (form, fake, handle, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (cellos_teardown_report_get_destroyed (report));
  g_assert_cmpuint (cellos_teardown_report_get_peers_tracked_after (report), ==, 2);
  assert_live (fake, "");
  assert_ledger (fake,
                 "create leaky ok\n"
                 "destroy leaky ok:false:3\n"
                 "destroy leaky ok:true:2\n");

  cellos_test_assert_finalized (&report);
  cellos_test_assert_finalized (&handle);
  cellos_test_assert_finalized (&fake);
}

static void
test_fill_handle_details (gconstpointer data)
{
  Form form = GPOINTER_TO_INT (data);
  g_autoptr(CellosFakeBackend) fake = new_fake ();
  g_autoptr(CellosCellHandle) handle = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree const char **taps = NULL;
  const char * const *rules;
  const char *api_socket = NULL;
  GVariant *details;
  gint32 vm_pid = 0;

  g_object_set (fake, "fill-handle-details", TRUE, NULL);
  handle = create_with (form, fake, "full", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cellos_cell_handle_get_cgroup_path (handle), ==,
                   "/sys/fs/cgroup/cellos-fake/full");
  g_assert_cmpuint (strlen (cellos_cell_handle_get_kernel_digest_sha256 (handle)), ==, 64);
  g_assert_cmpuint (strlen (cellos_cell_handle_get_rootfs_digest_sha256 (handle)), ==, 64);
  g_assert_cmpuint (strlen (cellos_cell_handle_get_firecracker_digest_sha256 (handle)), ==, 64);
  g_assert_cmpstr (cellos_cell_handle_get_kernel_digest_sha256 (handle), !=,
                   cellos_cell_handle_get_rootfs_digest_sha256 (handle));
  rules = cellos_cell_handle_get_nft_rules_applied (handle);
  g_assert_nonnull (rules);
  g_assert_cmpuint (g_strv_length ((char **) rules), ==, 2);

  /* Backend data, as a microVM backend's handle carries it. */
  details = cellos_cell_handle_get_details (handle);
  g_assert_nonnull (details);
  g_assert_true (g_variant_lookup (details, "vm-pid", "i", &vm_pid));
  g_assert_cmpint (vm_pid, >=, 1000);
  g_assert_cmpint (vm_pid, <, 31000);
  g_assert_true (g_variant_lookup (details, "api-socket", "&s", &api_socket));
  g_assert_cmpstr (api_socket, ==, "/run/cellos-fake/full/api.sock");
  g_assert_true (g_variant_lookup (details, "taps", "^a&s", &taps));
  g_assert_cmpuint (g_strv_length ((char **) taps), ==, 1);
  g_assert_cmpstr (taps[0], ==, "tap-full");
  g_assert_cmpuint (g_variant_n_children (details), ==, 3);

  cellos_test_assert_finalized (&handle);
  cellos_test_assert_finalized (&fake);
}

/* A mistake in a rule is an error, and adds no rule: a test never runs
 * without the fault it asked for, believing it has it. */
static void
test_rule_mistakes (void)
{
  g_autoptr(CellosFakeBackend) fake = new_fake ();
  g_autoptr(CellosCellHandle) handle = NULL;
  g_autoptr(CellosTeardownReport) report = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (cellos_fake_backend_add_fail_rule (fake, "crate", "*", CELLOS_ERROR_FAILED,
                                                     "typo", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "“crate”"));
  g_clear_error (&error);

  g_assert_false (cellos_fake_backend_add_delay_rule (fake, "", "*", 10, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  g_assert_false (cellos_fake_backend_add_hang_rule (fake, "Destroy", NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  g_assert_false (cellos_fake_backend_add_fail_rule (fake, NULL, "*", (CellosError) 999,
                                                     "no such code", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "999"));
  g_clear_error (&error);

  g_assert_false (cellos_fake_backend_add_report_rule (fake, "\xff*", FALSE, 0, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  g_assert_false (cellos_fake_backend_add_fail_rule (fake, NULL, NULL, CELLOS_ERROR_FAILED,
                                                     "\xc3", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  /* None of them was added: the lifecycle runs as without rules. */
  handle = create_with (SYNC, fake, "any", NULL, &error);
  g_assert_no_error (error);
  report = destroy_with (SYNC, fake, handle, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (cellos_teardown_report_get_destroyed (report));
  g_assert_cmpuint (cellos_teardown_report_get_peers_tracked_after (report), ==, 0);
  g_clear_object (&handle);

  /* No pattern is every cell; no message, one that says who failed it. */
  g_assert_true (cellos_fake_backend_add_fail_rule (fake, "create", NULL, CELLOS_ERROR_NOT_SUPPORTED,
                                                    NULL, &error));
  g_assert_no_error (error);
  handle = create_with (SYNC, fake, "other", NULL, &error);
  g_assert_error (error, CELLOS_ERROR, CELLOS_ERROR_NOT_SUPPORTED);
  g_assert_cmpstr (error->message, !=, "");
  g_assert_null (handle);
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              gpointer    user_data)
{
  guint *count = user_data;

  g_assert_cmpstr (g_param_spec_get_name (pspec), ==, "live-cells");
  (*count)++;
}

/* live-cells is notified when a cell comes to life or goes, and only
 * then. */
static void
test_live_cells_notify (gconstpointer data)
{
  Form form = GPOINTER_TO_INT (data);
  g_autoptr(CellosFakeBackend) fake = new_fake ();
  g_autoptr(CellosCellHandle) handle = NULL;
  g_autoptr(CellosCellHandle) again = NULL;
  g_autoptr(CellosTeardownReport) report = NULL;
  g_autoptr(GError) error = NULL;
  guint notified = 0;
  guint live = 0;

  g_signal_connect (fake, "notify::live-cells", G_CALLBACK (count_notify), &notified);

  handle = create_with (form, fake, "n", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (notified, ==, 1);
  g_object_get (fake, "live-cells", &live, NULL);
  g_assert_cmpuint (live, ==, 1);

  /* A create that fails changes nothing. */
  again = create_with (form, fake, "n", NULL, &error);
  g_assert_error (error, CELLOS_ERROR, CELLOS_ERROR_ALREADY_EXISTS);
  g_clear_error (&error);
  g_assert_cmpuint (notified, ==, 1);

  /* Nor does a destroy that reports the cell not destroyed. */
  g_assert_true (cellos_fake_backend_add_report_rule (fake, "n", FALSE, 0, NULL));
  report = destroy_with (form, fake, handle, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (notified, ==, 1);
  g_clear_object (&report);

  cellos_fake_backend_clear_rules (fake);
  report = destroy_with (form, fake, handle, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (notified, ==, 2);
  g_object_get (fake, "live-cells", &live, NULL);
  g_assert_cmpuint (live, ==, 0);

  g_signal_handlers_disconnect_by_func (fake, count_notify, &notified);
}

/* Clearing the ledger forgets its records, not the live cells. */
static void
test_clear_ledger (void)
{
  g_autoptr(CellosFakeBackend) fake = new_fake ();
  g_autoptr(CellosCellHandle) kept = NULL;
  g_autoptr(CellosCellHandle) gone = NULL;
  g_autoptr(CellosTeardownReport) report = NULL;
  g_autoptr(GVariant) ledger = NULL;
  g_autoptr(GError) error = NULL;
  const char *cell_id = NULL;

  kept = create_with (SYNC, fake, "kept", NULL, &error);
  g_assert_no_error (error);
  gone = create_with (SYNC, fake, "gone", NULL, &error);
  g_assert_no_error (error);
  ledger = cellos_fake_backend_dup_ledger (fake);
  g_assert_cmpuint (g_variant_n_children (ledger), ==, 2);
  g_clear_pointer (&ledger, g_variant_unref);

  cellos_fake_backend_clear_ledger (fake);
  ledger = cellos_fake_backend_dup_ledger (fake);
  g_assert_cmpuint (g_variant_n_children (ledger), ==, 0);
  g_clear_pointer (&ledger, g_variant_unref);
  assert_live (fake, "kept,gone");

  report = destroy_with (SYNC, fake, gone, NULL, &error);
  g_assert_no_error (error);
  ledger = cellos_fake_backend_dup_ledger (fake);
  g_assert_cmpuint (g_variant_n_children (ledger), ==, 1);
  {
    g_autoptr(GVariant) entry = g_variant_get_child_value (ledger, 0);

    g_assert_true (g_variant_lookup (entry, "cell-id", "&s", &cell_id));
    g_assert_cmpstr (cell_id, ==, "gone");
  }
  assert_live (fake, "kept");
}

/* Many threads at once on one fake: every cell accounted for. */
static gpointer
create_and_destroy_many (gpointer data)
{
  CellosFakeBackend *fake = data;
  guint i;

  for (i = 0; i < 200; i++)
    {
      g_autofree char *id = g_strdup_printf ("t%p-%u", (void *) g_thread_self (), i);
      g_autoptr(CellosCellHandle) handle = NULL;
      g_autoptr(CellosTeardownReport) report = NULL;
      g_autoptr(GError) error = NULL;

      handle = create_with (SYNC, fake, id, NULL, &error);
      g_assert_no_error (error);
      report = destroy_with (SYNC, fake, handle, NULL, &error);
      g_assert_no_error (error);
    }
  return NULL;
}

static void
test_threads (void)
{
  g_autoptr(CellosFakeBackend) fake = new_fake ();
  g_autoptr(GVariant) ledger = NULL;
  GThread *threads[4];
  guint i;

  for (i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("fake-worker", create_and_destroy_many, fake);
  for (i = 0; i < G_N_ELEMENTS (threads); i++)
    g_thread_join (threads[i]);

  assert_live (fake, "");
  ledger = cellos_fake_backend_dup_ledger (fake);
  g_assert_cmpuint (g_variant_n_children (ledger), ==, 4 * 200 * 2);

  cellos_test_assert_finalized (&fake);
}

static void
test_registered_as_fake (void)
{
  g_autoptr(CellosCellBackend) backend = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *module_path = NULL;
  g_autofree char *module_name = NULL;
  int priority = 0;

  /* The test kit's module registers it, as any third-party backend. */
  g_assert_true (cellos_cell_backend_lookup_name ("fake", &priority, &module_path));
  g_assert_false (cellos_cell_backend_priority_isolates (priority));
  g_assert_nonnull (module_path);
  module_name = g_path_get_basename (module_path);
  g_assert_cmpstr (module_name, ==, "libcellos-fake." G_MODULE_SUFFIX);
  backend = cellos_cell_backend_new_for_name ("fake", &error);
  g_assert_no_error (error);
  g_assert_true (CELLOS_IS_FAKE_BACKEND (backend));
  cellos_test_assert_finalized (&backend);
}

/* The environment: each case runs in a subprocess of its own. */

static char *
write_temp (const char *contents)
{
  g_autoptr(GError) error = NULL;
  char *path = NULL;
  int fd = g_file_open_tmp ("cellos-fake-XXXXXX.json", &path, &error);

  g_assert_no_error (error);
  g_close (fd, NULL);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

static CellosCellBackend *
new_fake_with_rules (const char  *rules,
                     char       **rules_path,
                     GError     **error)
{
  *rules_path = write_temp (rules);
  g_setenv ("CELLOS_FAKE_RULES", *rules_path, TRUE);
  return cellos_cell_backend_new_for_name ("fake", error);
}

static void
test_env_rules (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *path = NULL;
      g_autoptr(CellosCellBackend) backend = NULL;
      g_autoptr(CellosCellHandle) handle = NULL;
      g_autoptr(CellosTeardownReport) report = NULL;
      g_autoptr(GError) error = NULL;

      backend = new_fake_with_rules ("{\"fill-handle-details\": true, \"rules\": ["
                                     " {\"operation\": \"create\", \"cell\": \"bad-*\","
                                     "  \"fail\": {\"code\": \"not-supported\", \"message\": \"no kvm\"}},"
                                     " {\"cell\": \"leaky\", \"destroyed\": false, \"peers-tracked-after\": 4},"
                                     " {\"operation\": \"destroy\", \"delay-ms\": 1},"
                                     " {\"operation\": \"create\", \"cell\": \"stuck\", \"hang\": true}"
                                     "]}", &path, &error);
      g_assert_no_error (error);
      g_assert_true (CELLOS_IS_FAKE_BACKEND (backend));

      handle = create_with (ASYNC, CELLOS_FAKE_BACKEND (backend), "bad-1", NULL, &error);
      g_assert_error (error, CELLOS_ERROR, CELLOS_ERROR_NOT_SUPPORTED);
      g_assert_cmpstr (error->message, ==, "no kvm");
      g_clear_error (&error);

      handle = create_with (SYNC, CELLOS_FAKE_BACKEND (backend), "leaky", NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (cellos_cell_handle_get_cgroup_path (handle));
      report = destroy_with (SYNC, CELLOS_FAKE_BACKEND (backend), handle, NULL, &error);
      g_assert_no_error (error);
      g_assert_false (cellos_teardown_report_get_destroyed (report));
      g_assert_cmpuint (cellos_teardown_report_get_peers_tracked_after (report), ==, 4);

      assert_create_cancelled (SYNC, CELLOS_FAKE_BACKEND (backend), "stuck");

      /* A fake made with the API ignores the environment. */
      {
        g_autoptr(CellosFakeBackend) plain = new_fake ();
        g_autoptr(CellosCellHandle) bad = create_with (SYNC, plain, "bad-2", NULL, &error);

        g_assert_no_error (error);
      }

      g_unlink (path);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

typedef struct
{
  const char *rules;
  const char *where;            /* what the message names after the file */
} BadRules;

static const BadRules bad_rules[] = {
  { "{\"rules\": [}", ":1:" },
  { "{\"rules\": [\n  {\"delay-ms\": 1},\n  {\"delay-ms\": -5}\n]}", "rules[1].delay-ms: " },
  { "{\"rules\": [{\"fail\": {\"code\": \"nope\"}}]}", "rules[0].fail.code: " },
  { "{\"rules\": [{\"fail\": {\"message\": \"x\"}}]}", "rules[0].fail: " },
  { "{\"rules\": [{\"operation\": \"start\", \"hang\": true}]}", "rules[0].operation: " },
  { "{\"rules\": [{\"cell\": \"x\"}]}", "rules[0]: " },
  { "{\"rules\": [{\"hang\": true, \"delay-ms\": 3}]}", "rules[0]: " },
  { "{\"rules\": [{\"operation\": \"create\", \"destroyed\": false}]}", "rules[0]: " },
  { "{\"rules\": [{\"hang\": false}]}", "rules[0].hang: " },
  { "{\"rules\": [{\"hang\": true, \"cel\": \"x\"}]}", "rules[0].cel: " },
  { "{\"rule\": []}", "rule: " },
  { "{\"live-cells\": [\"x\", \"x\"]}", "live-cells[1]: " },
  { "{\"live-cells\": [\"\"]}", "live-cells[0]: " },
  { "{\"live-cells\": \"x\"}", "live-cells: " },
  { "{\"rules\": [{\"operation\": \"destroy\", \"late-ms\": 5}]}", "rules[0]: " },
  { "{\"rules\": [{\"late-ms\": 1.5}]}", "rules[0].late-ms: " },
  { "[]", "$: " },
};

static void
test_env_bad_rules (gconstpointer data)
{
  const BadRules *bad = data;

  if (g_test_subprocess ())
    {
      g_autofree char *path = NULL;
      g_autofree char *expected = NULL;
      g_autoptr(CellosCellBackend) backend = NULL;
      g_autoptr(GError) error = NULL;

      backend = new_fake_with_rules (bad->rules, &path, &error);
      g_assert_null (backend);
      g_assert_error (error, CELLOS_ERROR, CELLOS_ERROR_INVALID_DOCUMENT);
      expected = g_strconcat (path, bad->where[0] == ':' ? "" : ": ", bad->where, NULL);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, expected));
      g_unlink (path);

      /* The same through the default choice. */
      g_clear_error (&error);
      g_setenv ("CELLOS_CELL_BACKEND", "fake", TRUE);
      g_setenv ("CELLOS_FAKE_RULES", "/nonexistent/rules.json", TRUE);
      backend = cellos_cell_backend_new_default (&error);
      g_assert_null (backend);
      g_assert_error (error, CELLOS_ERROR, CELLOS_ERROR_INVALID_DOCUMENT);
      g_assert_nonnull (strstr (error->message, "/nonexistent/rules.json"));
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

/* Listing: through the interface, oldest first, handles as create made
 * them, each accepted by destroy, and a handle rebuilt from a listed id
 * too. */
static GList *
list_with (Form                form,
           CellosCellBackend  *backend,
           GError            **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  GList *handles;

  if (form == SYNC)
    return cellos_cell_backend_list_cells (backend, NULL, error);

  cellos_cell_backend_list_cells_async (backend, NULL, cellos_test_store_result, &result);
  handles = cellos_cell_backend_list_cells_finish (backend, cellos_test_wait_for (&result), error);
  /* The default runs in a worker thread, which may hold the task a little
   * longer. */
  cellos_test_wait_finalized (&result);
  return handles;
}

/* The listed ids, comma-separated. */
static char *
describe_listing (Form               form,
                  CellosCellBackend *backend)
{
  g_autoptr(GError) error = NULL;
  GList *handles = list_with (form, backend, &error);
  GString *text = g_string_new (NULL);
  GList *l;

  g_assert_no_error (error);
  for (l = handles; l != NULL; l = l->next)
    {
      g_assert_true (CELLOS_IS_CELL_HANDLE (l->data));
      g_string_append_printf (text, "%s%s", text->len > 0 ? "," : "",
                              cellos_cell_handle_get_cell_id (l->data));
    }
  g_list_free_full (handles, g_object_unref);
  return g_string_free (text, FALSE);
}

static void
test_list_cells (gconstpointer data)
{
  Form form = GPOINTER_TO_INT (data);
  g_autoptr(CellosFakeBackend) fake = new_fake ();
  CellosCellBackend *backend = CELLOS_CELL_BACKEND (fake);
  g_autoptr(CellosCellHandle) a = NULL;
  g_autoptr(CellosCellHandle) b = NULL;
  g_autoptr(CellosCellHandle) c = NULL;
  g_autoptr(CellosCellHandle) rebuilt = NULL;
  g_autoptr(CellosTeardownReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *listed = NULL;
  GList *handles;

  listed = describe_listing (form, backend);
  g_assert_cmpstr (listed, ==, "");
  g_clear_pointer (&listed, g_free);

  g_object_set (fake, "fill-handle-details", TRUE, NULL);
  c = create_with (form, fake, "c", NULL, &error);
  a = create_with (form, fake, "a", NULL, &error);
  b = create_with (form, fake, "b", NULL, &error);
  g_assert_no_error (error);
  listed = describe_listing (form, backend);
  g_assert_cmpstr (listed, ==, "c,a,b");
  g_clear_pointer (&listed, g_free);

  /* The listed handles are as create made them. */
  handles = list_with (form, backend, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_length (handles), ==, 3);
  g_assert_cmpstr (cellos_cell_handle_get_cgroup_path (handles->data), ==,
                   cellos_cell_handle_get_cgroup_path (c));
  g_assert_true (g_variant_equal (cellos_cell_handle_get_details (handles->data),
                                  cellos_cell_handle_get_details (c)));

  /* Destroy accepts a listed handle. */
  report = destroy_with (form, fake, handles->next->data, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (cellos_teardown_report_get_destroyed (report));
  g_clear_object (&report);
  g_list_free_full (handles, g_object_unref);
  listed = describe_listing (form, backend);
  g_assert_cmpstr (listed, ==, "c,b");
  g_clear_pointer (&listed, g_free);

  /* And a handle rebuilt from a listed id. */
  rebuilt = cellos_cell_handle_new ("b", NULL);
  report = destroy_with (form, fake, rebuilt, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&report);
  report = destroy_with (form, fake, c, NULL, &error);
  g_assert_no_error (error);
  listed = describe_listing (form, backend);
  g_assert_cmpstr (listed, ==, "");
  assert_live (fake, "");

  cellos_test_assert_finalized (&report);
  cellos_test_assert_finalized (&rebuilt);
  cellos_test_assert_finalized (&a);
  cellos_test_assert_finalized (&b);
  cellos_test_assert_finalized (&c);
  g_clear_object (&fake);
}

/* A listing that is cancelled lists nothing. */
static void
test_list_cells_cancelled (void)
{
  g_autoptr(CellosFakeBackend) fake = new_fake ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  GList *handles;

  g_assert_true (cellos_fake_backend_add_live_cell (fake, "x", NULL));
  g_cancellable_cancel (cancellable);
  handles = cellos_cell_backend_list_cells (CELLOS_CELL_BACKEND (fake), cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (handles);
}

/* Seeding: a live cell no operation made, as one a crashed supervisor
 * left. */
static void
test_add_live_cell (void)
{
  g_autoptr(CellosFakeBackend) fake = new_fake ();
  g_autoptr(CellosCellHandle) handle = NULL;
  g_autoptr(CellosCellHandle) orphan = NULL;
  g_autoptr(CellosTeardownReport) report = NULL;
  g_autoptr(GError) error = NULL;
  guint notified = 0;

  g_signal_connect (fake, "notify::live-cells", G_CALLBACK (count_notify), &notified);
  g_assert_true (cellos_fake_backend_add_live_cell (fake, "orphan-1", &error));
  g_assert_no_error (error);
  g_assert_true (cellos_fake_backend_add_live_cell (fake, "orphan-2", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (notified, ==, 2);
  assert_live (fake, "orphan-1,orphan-2");

  g_assert_false (cellos_fake_backend_add_live_cell (fake, "orphan-1", &error));
  g_assert_error (error, CELLOS_ERROR, CELLOS_ERROR_ALREADY_EXISTS);
  g_clear_error (&error);
  g_assert_false (cellos_fake_backend_add_live_cell (fake, "", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (cellos_fake_backend_add_live_cell (fake, "\xff", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_cmpuint (notified, ==, 2);

  /* Seeding is no operation: the ledger is empty. A create of a seeded
   * id fails as for any live cell; a rebuilt handle destroys it. */
  assert_ledger (fake, "");
  handle = create_with (SYNC, fake, "orphan-1", NULL, &error);
  g_assert_error (error, CELLOS_ERROR, CELLOS_ERROR_ALREADY_EXISTS);
  g_clear_error (&error);
  orphan = cellos_cell_handle_new ("orphan-1", NULL);
  report = destroy_with (ASYNC, fake, orphan, NULL, &error);
  g_assert_no_error (error);
  assert_live (fake, "orphan-2");
  g_assert_cmpuint (notified, ==, 3);

  g_signal_handlers_disconnect_by_func (fake, count_notify, &notified);
}

/* The late rule: the create delivers its cell although cancelled. */
static void
test_late_rule (gconstpointer data)
{
  Form form = GPOINTER_TO_INT (data);
  g_autoptr(CellosFakeBackend) fake = new_fake ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  g_autoptr(CellosCellHandle) late = NULL;
  g_autoptr(CellosCellHandle) held = NULL;
  g_autoptr(CellosCellHandle) early = NULL;
  g_autoptr(GError) error = NULL;
  CancelLater later = { cancellable, 20 };
  GThread *thread;
  gint64 start;

  g_assert_true (cellos_fake_backend_add_late_rule (fake, "late-*", 200, &error));
  g_assert_no_error (error);

  /* Cancelled 20 ms in, the create runs its 200 ms and delivers. */
  start = g_get_monotonic_time ();
  thread = cancel_later (form, &later);
  late = create_with (form, fake, "late-1", cancellable, &error);
  if (thread != NULL)
    g_thread_join (thread);
  g_assert_no_error (error);
  g_assert_nonnull (late);
  g_assert_cmpstr (cellos_cell_handle_get_cell_id (late), ==, "late-1");
  g_assert_true (g_cancellable_is_cancelled (cancellable));
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 200 * G_TIME_SPAN_MILLISECOND);

  /* Cancelled before it starts, it never starts: the library refuses it
   * before the backend sees it. */
  g_cancellable_cancel (cancelled);
  early = create_with (form, fake, "late-2", cancelled, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (early);
  g_clear_error (&error);

  /* With a hang rule, it waits for the cancellation and then delivers. */
  g_assert_true (cellos_fake_backend_add_late_rule (fake, "held-*", 0, NULL));
  g_assert_true (cellos_fake_backend_add_hang_rule (fake, "create", "held-*", NULL));
  g_cancellable_reset (cancellable);
  thread = cancel_later (form, &later);
  held = create_with (form, fake, "held-1", cancellable, &error);
  if (thread != NULL)
    g_thread_join (thread);
  g_assert_no_error (error);
  g_assert_nonnull (held);
  assert_live (fake, "late-1,held-1");
  assert_ledger (fake, "create late-1 ok\ncreate held-1 ok\n");

  /* A fail rule still fails it. */
  g_assert_true (cellos_fake_backend_add_fail_rule (fake, "create", "late-3", CELLOS_ERROR_FAILED, "no", NULL));
  g_cancellable_reset (cancellable);
  thread = cancel_later (form, &later);
  g_assert_null (create_with (form, fake, "late-3", cancellable, &error));
  if (thread != NULL)
    g_thread_join (thread);
  g_assert_error (error, CELLOS_ERROR, CELLOS_ERROR_FAILED);
  g_clear_error (&error);
  assert_live (fake, "late-1,held-1");

  g_assert_false (cellos_fake_backend_add_late_rule (fake, "\xfe", 1, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
}

static void
stop_on_live_cells (GObject    *object,
                    GParamSpec *pspec,
                    gpointer    user_data)
{
  guint live = 1;

  g_object_get (object, "live-cells", &live, NULL);
  if (live == 0)
    *(gboolean *) user_data = TRUE;
}

/* A deadline over a late create: TIMED_OUT for the caller, and the cell
 * that arrives after it destroyed by the library, so that nothing is
 * lost. */
static void
test_late_rule_after_deadline (void)
{
  g_autoptr(CellosFakeBackend) fake = new_fake ();
  CellosCellBackend *backend = CELLOS_CELL_BACKEND (fake);
  g_autoptr(CellosExecutionCellDocument) document = cellos_execution_cell_document_new ("late-1");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(CellosCellHandle) handle = NULL;
  g_autoptr(GError) error = NULL;
  gboolean none_live = FALSE;
  gint64 give_up;

  g_assert_true (cellos_fake_backend_add_late_rule (fake, "late-*", 150, NULL));
  g_signal_connect (fake, "notify::live-cells", G_CALLBACK (stop_on_live_cells), &none_live);

  cellos_cell_backend_create_with_timeout_async (backend, document, 20, NULL,
                                                 cellos_test_store_result, &result);
  handle = cellos_cell_backend_create_with_timeout_finish (backend, cellos_test_wait_for (&result),
                                                           &error);
  g_assert_error (error, CELLOS_ERROR, CELLOS_ERROR_TIMED_OUT);
  g_assert_null (handle);

  /* The late cell comes to life and goes again. */
  give_up = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;
  while (!none_live && g_get_monotonic_time () < give_up)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (none_live);
  assert_live (fake, "");
  assert_ledger (fake, "create late-1 ok\ndestroy late-1 ok:true:0\n");
  g_signal_handlers_disconnect_by_func (fake, stop_on_live_cells, &none_live);
}

/* Within a process, every fake the registry makes holds the same cells,
 * known by id. */
static void
test_registry_fakes_share_cells (void)
{
  g_autoptr(CellosCellBackend) a = NULL;
  g_autoptr(CellosCellBackend) b = NULL;
  g_autoptr(CellosFakeBackend) own = new_fake ();
  g_autoptr(CellosCellHandle) handle = NULL;
  g_autoptr(CellosCellHandle) again = NULL;
  g_autoptr(CellosCellHandle) rebuilt = NULL;
  g_autoptr(CellosTeardownReport) report = NULL;
  g_autoptr(GError) error = NULL;

  a = cellos_cell_backend_new_for_name ("fake", &error);
  g_assert_no_error (error);
  b = cellos_cell_backend_new_for_name ("fake", &error);
  g_assert_no_error (error);
  g_assert_true (a != b);

  handle = create_with (SYNC, CELLOS_FAKE_BACKEND (a), "shared-1", NULL, &error);
  g_assert_no_error (error);
  assert_live (CELLOS_FAKE_BACKEND (b), "shared-1");
  /* A fake made with the API keeps its own. */
  assert_live (own, "");

  again = create_with (ASYNC, CELLOS_FAKE_BACKEND (b), "shared-1", NULL, &error);
  g_assert_error (error, CELLOS_ERROR, CELLOS_ERROR_ALREADY_EXISTS);
  g_clear_error (&error);

  rebuilt = cellos_cell_handle_new ("shared-1", NULL);
  report = destroy_with (ASYNC, CELLOS_FAKE_BACKEND (b), rebuilt, NULL, &error);
  g_assert_no_error (error);
  assert_live (CELLOS_FAKE_BACKEND (a), "");
  g_clear_object (&report);
  report = destroy_with (SYNC, CELLOS_FAKE_BACKEND (a), handle, NULL, &error);
  g_assert_error (error, CELLOS_ERROR, CELLOS_ERROR_NOT_FOUND);
}

/* A state file: the live set in a file, shared by processes. */
static char *
state_path_for (GPid parent)
{
  g_autofree char *name = g_strdup_printf ("cellos-fake-state-%d.json", (int) parent);

  return g_build_filename (g_get_tmp_dir (), name, NULL);
}

static void
test_env_state_file (void)
{
  g_autofree char *state = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *lock_file = NULL;
  g_autoptr(GError) error = NULL;

  if (g_test_subprocess ())
    {
      g_autofree char *path = state_path_for (getppid ());
      g_autoptr(CellosCellBackend) backend = NULL;
      g_autoptr(CellosCellHandle) kept = NULL;
      g_autoptr(CellosCellHandle) gone = NULL;

      g_setenv ("CELLOS_FAKE_STATE", path, TRUE);
      backend = cellos_cell_backend_new_for_name ("fake", &error);
      g_assert_no_error (error);
      kept = create_with (SYNC, CELLOS_FAKE_BACKEND (backend), "kept", NULL, &error);
      gone = create_with (ASYNC, CELLOS_FAKE_BACKEND (backend), "gone", NULL, &error);
      g_assert_no_error (error);
      g_object_unref (destroy_with (ASYNC, CELLOS_FAKE_BACKEND (backend), gone, NULL, &error));
      g_assert_no_error (error);
      /* Exits with "kept" live and nothing finalized. */
      exit (0);
    }

  /* The file does not exist yet: a host with no cells. */
  state = state_path_for (getpid ());
  lock_file = g_strconcat (state, ".lock", NULL);
  g_unlink (state);
  g_setenv ("CELLOS_FAKE_STATE", state, TRUE);

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();

  g_file_get_contents (state, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (contents, ==, "{\"live-cells\":[\"kept\"]}\n");

  /* This process finds the cell the other one left, and destroys it. */
  {
    g_autoptr(CellosCellBackend) backend = cellos_cell_backend_new_for_name ("fake", &error);
    g_autoptr(CellosCellHandle) kept = cellos_cell_handle_new ("kept", NULL);
    g_autoptr(CellosTeardownReport) report = NULL;
    g_autofree char *listed = NULL;

    g_assert_no_error (error);
    listed = describe_listing (SYNC, backend);
    g_assert_cmpstr (listed, ==, "kept");
    report = destroy_with (SYNC, CELLOS_FAKE_BACKEND (backend), kept, NULL, &error);
    g_assert_no_error (error);
    assert_live (CELLOS_FAKE_BACKEND (backend), "");
  }
  g_clear_pointer (&contents, g_free);
  g_file_get_contents (state, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (contents, ==, "{\"live-cells\":[]}\n");

  g_unsetenv ("CELLOS_FAKE_STATE");
  g_unlink (state);
  g_unlink (lock_file);
}

/* A rules file's live cells start a state file once: a restarted
 * supervisor finds what its predecessor left, not the seeds again. */
static void
test_env_state_seeds (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *state = g_build_filename (g_get_tmp_dir (), "cellos-fake-seeds-XXXXXX", NULL);
      g_autofree char *lock_file = NULL;
      g_autofree char *rules = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(CellosCellBackend) first = NULL;
      g_autoptr(CellosCellBackend) second = NULL;
      g_autoptr(CellosCellHandle) seed = cellos_cell_handle_new ("seed-1", NULL);
      g_autoptr(CellosTeardownReport) report = NULL;
      int fd = g_mkstemp (state);

      /* An empty file is a host with no cells yet. */
      g_assert_cmpint (fd, >=, 0);
      g_close (fd, NULL);
      lock_file = g_strconcat (state, ".lock", NULL);
      g_setenv ("CELLOS_FAKE_STATE", state, TRUE);
      first = new_fake_with_rules ("{\"live-cells\": [\"seed-1\", \"seed-2\"]}", &rules, &error);
      g_assert_no_error (error);
      assert_live (CELLOS_FAKE_BACKEND (first), "seed-1,seed-2");
      report = destroy_with (SYNC, CELLOS_FAKE_BACKEND (first), seed, NULL, &error);
      g_assert_no_error (error);

      /* Another process would read the file as this one does at each
       * operation; the in-process set is the same one. */
      second = cellos_cell_backend_new_for_name ("fake", &error);
      g_assert_no_error (error);
      assert_live (CELLOS_FAKE_BACKEND (second), "seed-2");

      g_unlink (rules);
      g_unlink (state);
      g_unlink (lock_file);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

typedef struct
{
  const char *contents;
  const char *where;            /* what the message names after the file */
} BadState;

static const BadState bad_states[] = {
  { "{\"live-cells\": [", ":1:" },
  { "{\"live-cells\": [\"a\", \"a\"]}", ": live-cells[1]: " },
  { "{\"live-cells\": [\"a\", 1]}", ": live-cells[1]: " },
  { "{\"live-cells\": [\"\"]}", ": live-cells[0]: " },
  { "{\"live-cells\": {}}", ": live-cells: " },
  { "{\"cells\": []}", ": cells: " },
  { "{}", ": $: " },
  { "[]", ": $: " },
  { "{\"live-cells\": []} {\"live-cells\": [\"x\"]}", ":1:" },
  { "{\"live-cells\": [], \"live-cells\": [\"x\"]}", ":1:" },
};

/* A state file with a mistake fails the selection, naming the file and
 * the place. */
static void
test_env_bad_state (gconstpointer data)
{
  const BadState *bad = data;

  if (g_test_subprocess ())
    {
      g_autofree char *path = write_temp (bad->contents);
      g_autofree char *lock_file = g_strconcat (path, ".lock", NULL);
      g_autofree char *expected = g_strconcat (path, bad->where, NULL);
      g_autoptr(CellosCellBackend) backend = NULL;
      g_autoptr(GError) error = NULL;

      g_setenv ("CELLOS_FAKE_STATE", path, TRUE);
      backend = cellos_cell_backend_new_for_name ("fake", &error);
      g_assert_null (backend);
      g_assert_error (error, CELLOS_ERROR, CELLOS_ERROR_INVALID_DOCUMENT);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, expected));
      g_unlink (path);
      g_unlink (lock_file);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

/* A state file that is not a regular file is refused before it is read
 * or replaced: a FIFO here, which would block a read, as a device such as
 * /dev/null would be replaced by the first write. */
static void
test_env_state_not_regular (void)
{
  g_autofree char *directory = NULL;
  g_autofree char *fifo = NULL;
  g_autofree char *lock = NULL;

  if (g_test_subprocess ())
    {
      g_autoptr(CellosCellBackend) backend = NULL;
      g_autoptr(GError) error = NULL;
      const char *path = g_getenv ("CELLOS_TEST_STATE_FIFO");

      g_setenv ("CELLOS_FAKE_STATE", path, TRUE);
      backend = cellos_cell_backend_new_for_name ("fake", &error);
      g_assert_null (backend);
      g_assert_error (error, CELLOS_ERROR, CELLOS_ERROR_INVALID_DOCUMENT);
      g_assert_nonnull (strstr (error->message, path));
      return;
    }

  directory = g_dir_make_tmp ("cellos-fake-fifo-XXXXXX", NULL);
  g_assert_nonnull (directory);
  fifo = g_build_filename (directory, "state", NULL);
  lock = g_strconcat (fifo, ".lock", NULL);
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_setenv ("CELLOS_TEST_STATE_FIFO", fifo, TRUE);
  /* A broken guard would block on the FIFO: the time limit ends it. */
  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_unsetenv ("CELLOS_TEST_STATE_FIFO");
  g_assert_true (g_file_test (fifo, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (fifo, G_FILE_TEST_IS_REGULAR));
  g_unlink (fifo);
  /* The lock file beside it, which the fake may have made first. */
  g_unlink (lock);
  g_assert_cmpint (g_rmdir (directory), ==, 0);
}

/* A state file where none can be written fails the selection too. */
static void
test_env_state_unwritable (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(CellosCellBackend) backend = NULL;
      g_autoptr(GError) error = NULL;

      g_setenv ("CELLOS_FAKE_STATE", "/nonexistent/state.json", TRUE);
      backend = cellos_cell_backend_new_for_name ("fake", &error);
      g_assert_null (backend);
      g_assert_error (error, CELLOS_ERROR, CELLOS_ERROR_NOT_FOUND);
      g_assert_nonnull (strstr (error->message, "/nonexistent/state.json"));
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

/* The ledger file: one line per operation, and the live cells when the
 * process exits without finalizing its backend. */
static char *
ledger_path_for (GPid parent)
{
  g_autofree char *name = g_strdup_printf ("cellos-fake-ledger-%d.jsonl", (int) parent);

  return g_build_filename (g_get_tmp_dir (), name, NULL);
}

static void
test_env_ledger (void)
{
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  const char * const expected[] = {
    "{\"operation\":\"create\",\"cell-id\":\"a\",\"outcome\":\"ok\"}",
    "{\"operation\":\"create\",\"cell-id\":\"b\",\"outcome\":\"ok\"}",
    "{\"operation\":\"destroy\",\"cell-id\":\"a\",\"outcome\":\"ok\",\"destroyed\":true,\"peers-tracked-after\":0}",
    "{\"operation\":\"destroy\",\"cell-id\":\"a\",\"outcome\":\"error\",\"error-domain\":\"cellos-error-quark\",\"error-nick\":\"not-found\",\"error-code\":7,\"error-message\":\"The cell “a” is already destroyed\"}",
    "{\"live-cells\":[\"b\"]}",
    "",
  };
  guint i;

  if (g_test_subprocess ())
    {
      CellosCellBackend *backend;
      CellosCellHandle *a, *b;

      path = ledger_path_for (getppid ());
      g_setenv ("CELLOS_FAKE_LEDGER", path, TRUE);
      backend = cellos_cell_backend_new_for_name ("fake", &error);
      g_assert_no_error (error);
      a = create_with (SYNC, CELLOS_FAKE_BACKEND (backend), "a", NULL, &error);
      b = create_with (ASYNC, CELLOS_FAKE_BACKEND (backend), "b", NULL, &error);
      g_assert_no_error (error);
      g_object_unref (destroy_with (SYNC, CELLOS_FAKE_BACKEND (backend), a, NULL, &error));
      g_assert_null (destroy_with (ASYNC, CELLOS_FAKE_BACKEND (backend), a, NULL, &error));
      /* Exits with the backend and "b" still alive, as a supervisor may. */
      (void) b;
      exit (0);
    }

  path = ledger_path_for (getpid ());
  g_unlink (path);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (contents, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, G_N_ELEMENTS (expected));
  for (i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (lines[i], ==, expected[i]);
  g_unlink (path);
}

static void
test_env_ledger_unwritable (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(CellosCellBackend) backend = NULL;
      g_autoptr(GError) error = NULL;

      g_setenv ("CELLOS_FAKE_LEDGER", "/nonexistent/ledger.jsonl", TRUE);
      backend = cellos_cell_backend_new_for_name ("fake", &error);
      g_assert_null (backend);
      g_assert_error (error, CELLOS_ERROR, CELLOS_ERROR_NOT_FOUND);
      g_assert_nonnull (strstr (error->message, "/nonexistent/ledger.jsonl"));
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

/* In-process registration */

static void
test_register_selects_by_name (void)
{
  g_autoptr(CellosCellBackend) backend = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = NULL;
  int priority = 0;

  g_assert_true (cellos_cell_backend_register (CELLOS_TEST_TYPE_SYNC_BACKEND,
                                               "test-registered", -7, &error));
  g_assert_no_error (error);

  g_assert_true (cellos_cell_backend_lookup_name ("test-registered", &priority, NULL));
  g_assert_cmpint (priority, ==, -7);
  names = cellos_cell_backend_list_names ();
  g_assert_true (g_strv_contains ((const char * const *) names, "test-registered"));
  backend = cellos_cell_backend_new_for_name ("test-registered", &error);
  g_assert_no_error (error);
  g_assert_true (CELLOS_TEST_IS_SYNC_BACKEND (backend));
  cellos_test_assert_finalized (&backend);

  /* Registering the same type again, under any name, is refused. */
  g_assert_false (cellos_cell_backend_register (CELLOS_TEST_TYPE_SYNC_BACKEND,
                                                "test-registered-again", -8, &error));
  g_assert_error (error, CELLOS_ERROR, CELLOS_ERROR_ALREADY_EXISTS);
  g_assert_false (cellos_cell_backend_lookup_name ("test-registered-again", NULL, NULL));
}

static void
test_register_refuses_taken_name (void)
{
  g_autoptr(CellosCellBackend) backend = NULL;
  g_autoptr(GError) error = NULL;
  int priority = 0;

  g_assert_false (cellos_cell_backend_register (CELLOS_TEST_TYPE_ASYNC_BACKEND,
                                                "stub", 50, &error));
  g_assert_error (error, CELLOS_ERROR, CELLOS_ERROR_ALREADY_EXISTS);
  g_assert_nonnull (strstr (error->message, "“stub”"));
  g_clear_error (&error);

  g_assert_false (cellos_cell_backend_register (CELLOS_TEST_TYPE_ASYNC_BACKEND,
                                                "fake", 50, &error));
  g_assert_error (error, CELLOS_ERROR, CELLOS_ERROR_ALREADY_EXISTS);

  /* Nothing changed: the names keep their owners. */
  g_assert_true (cellos_cell_backend_lookup_name ("stub", &priority, NULL));
  g_assert_cmpint (priority, <, 0);
  backend = cellos_cell_backend_new_for_name ("fake", NULL);
  g_assert_true (CELLOS_IS_FAKE_BACKEND (backend));
}

/* A registered backend that implements GInitable is initialised, and its
 * error reaches the caller of new_for_name. */
static void
test_register_initable_error (void)
{
  g_autoptr(CellosCellBackend) backend = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (cellos_cell_backend_register (CELLOS_TEST_TYPE_UNAVAILABLE_BACKEND,
                                               "test-unavailable", -9, &error));
  g_assert_no_error (error);
  backend = cellos_cell_backend_new_for_name ("test-unavailable", &error);
  g_assert_error (error, CELLOS_ERROR, CELLOS_ERROR_NOT_SUPPORTED);
  g_assert_nonnull (strstr (error->message, "no KVM on this host"));
  g_assert_null (backend);
}

static void
add_both (const char    *name,
          GTestDataFunc  func)
{
  g_autofree char *sync_path = g_strdup_printf ("/fake/sync/%s", name);
  g_autofree char *async_path = g_strdup_printf ("/fake/async/%s", name);

  g_test_add_data_func (sync_path, GINT_TO_POINTER (SYNC), func);
  g_test_add_data_func (async_path, GINT_TO_POINTER (ASYNC), func);
}

int
main (int   argc,
      char *argv[])
{
  guint i;

  g_test_init (&argc, &argv, NULL);
  g_unsetenv ("CELLOS_CELL_BACKEND");
  g_unsetenv ("CELLOS_FAKE_RULES");
  g_unsetenv ("CELLOS_FAKE_LEDGER");
  g_unsetenv ("CELLOS_FAKE_STATE");

  add_both ("lifecycle", test_lifecycle);
  add_both ("double-destroy-is-not-found", test_double_destroy_is_not_found);
  add_both ("foreign-handle-is-not-found", test_foreign_handle_is_not_found);
  add_both ("rebuilt-handle-destroys-cell", test_rebuilt_handle_destroys_cell);
  add_both ("live-id-twice-is-already-exists", test_live_id_twice_is_already_exists);
  add_both ("empty-id-is-invalid-spec", test_empty_id_is_invalid_spec);
  add_both ("rule/fail", test_fail_rule);
  add_both ("rule/delay", test_delay_rule);
  add_both ("rule/delay-wakes-on-cancel", test_delay_wakes_on_cancel);
  add_both ("rule/hang-until-cancelled", test_hang_until_cancelled);
  add_both ("rule/report", test_report_rule);
  add_both ("fill-handle-details", test_fill_handle_details);
  add_both ("live-cells-notify", test_live_cells_notify);
  add_both ("list-cells", test_list_cells);
  add_both ("rule/late", test_late_rule);
  g_test_add_func ("/fake/list-cells-cancelled", test_list_cells_cancelled);
  g_test_add_func ("/fake/add-live-cell", test_add_live_cell);
  g_test_add_func ("/fake/rule/late-after-deadline", test_late_rule_after_deadline);
  g_test_add_func ("/fake/registry-fakes-share-cells", test_registry_fakes_share_cells);
  g_test_add_func ("/fake/rule/mistakes", test_rule_mistakes);
  g_test_add_func ("/fake/clear-ledger", test_clear_ledger);
  g_test_add_func ("/fake/threads", test_threads);
  g_test_add_func ("/fake/registered-as-fake", test_registered_as_fake);
  g_test_add_func ("/fake/env/rules", test_env_rules);
  for (i = 0; i < G_N_ELEMENTS (bad_rules); i++)
    {
      g_autofree char *path = g_strdup_printf ("/fake/env/bad-rules/%u", i);

      g_test_add_data_func (path, &bad_rules[i], test_env_bad_rules);
    }
  g_test_add_func ("/fake/env/ledger", test_env_ledger);
  g_test_add_func ("/fake/env/state-file", test_env_state_file);
  g_test_add_func ("/fake/env/state-seeds", test_env_state_seeds);
  g_test_add_func ("/fake/env/state-unwritable", test_env_state_unwritable);
  g_test_add_func ("/fake/env/state-not-regular", test_env_state_not_regular);
  for (i = 0; i < G_N_ELEMENTS (bad_states); i++)
    {
      g_autofree char *path = g_strdup_printf ("/fake/env/bad-state/%u", i);

      g_test_add_data_func (path, &bad_states[i], test_env_bad_state);
    }
  g_test_add_func ("/fake/env/ledger-unwritable", test_env_ledger_unwritable);
  g_test_add_func ("/registry/register/selects-by-name", test_register_selects_by_name);
  g_test_add_func ("/registry/register/refuses-taken-name", test_register_refuses_taken_name);
  g_test_add_func ("/registry/register/initable-error", test_register_initable_error);

  return g_test_run ();
}
