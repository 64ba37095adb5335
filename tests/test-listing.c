/* test-listing.c: listing a backend's cells, rebuilding handles, and
 * operations with a deadline
 *
 * Copyright 2026 The CellOS authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <cellos/cellos.h>

#include "test-utils.h"

/* A backend whose state is the truth: it keeps its live cells by id. Its
 * create completes after @delay_ms, from a source ticking in the caller's
 * context, or in the global default context when @wrong_context is set;
 * it fails with G_IO_ERROR_CANCELLED when cancelled first, unless
 * @deaf is set, in which case it makes the cell anyway. Destroy and list
 * are synchronous; destroy removes the cell at once. */

#define TEST_TYPE_CLOCK_BACKEND (test_clock_backend_get_type ())
G_DECLARE_FINAL_TYPE (TestClockBackend, test_clock_backend, TEST, CLOCK_BACKEND, GObject)

struct _TestClockBackend
{
  GObject parent_instance;

  guint delay_ms;
  gboolean deaf;
  gboolean wrong_context;
  guint destroy_delay_ms;

  GMutex lock;
  GHashTable *live;   /* cell ids */
  int creates_finished;
  int destroys;
};

static void test_clock_backend_iface_init (CellosCellBackendInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TestClockBackend, test_clock_backend, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (CELLOS_TYPE_CELL_BACKEND,
                                                      test_clock_backend_iface_init))

typedef struct
{
  GTask *task;
  gint64 due;
} Pending;

static gboolean
tick_create (gpointer user_data)
{
  Pending *pending = user_data;
  GTask *task = pending->task;
  TestClockBackend *self = g_task_get_source_object (task);
  CellosExecutionCellDocument *document = g_task_get_task_data (task);
  const char *id = cellos_execution_cell_document_get_id (document);

  if (!self->deaf && g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "cancelled");
  else if (g_get_monotonic_time () >= pending->due)
    {
      g_mutex_lock (&self->lock);
      g_hash_table_add (self->live, g_strdup (id));
      g_mutex_unlock (&self->lock);
      g_task_return_pointer (task, cellos_cell_handle_new (id, NULL), g_object_unref);
    }
  else
    return G_SOURCE_CONTINUE;

  self->creates_finished++;
  return G_SOURCE_REMOVE;
}

static void
pending_free (gpointer data)
{
  Pending *pending = data;

  g_object_unref (pending->task);
  g_free (pending);
}

static void
test_clock_backend_create_async (CellosCellBackend           *backend,
                                 CellosExecutionCellDocument *document,
                                 GCancellable                *cancellable,
                                 GAsyncReadyCallback          callback,
                                 gpointer                     user_data)
{
  TestClockBackend *self = TEST_CLOCK_BACKEND (backend);
  GMainContext *context = self->wrong_context ? g_main_context_default () : NULL;
  Pending *pending = g_new0 (Pending, 1);
  GSource *tick = g_timeout_source_new (2);

  /* A task made with another context pushed calls back there. */
  if (context != NULL)
    g_main_context_push_thread_default (context);
  pending->task = g_task_new (backend, cancellable, callback, user_data);
  if (context != NULL)
    g_main_context_pop_thread_default (context);

  g_task_set_source_tag (pending->task, test_clock_backend_create_async);
  g_task_set_check_cancellable (pending->task, FALSE);
  g_task_set_task_data (pending->task, g_object_ref (document), g_object_unref);
  pending->due = g_get_monotonic_time () + self->delay_ms * G_TIME_SPAN_MILLISECOND;

  g_source_set_callback (tick, tick_create, pending, pending_free);
  g_source_attach (tick, g_task_get_context (pending->task));
  g_source_unref (tick);
}

static CellosCellHandle *
test_clock_backend_create_finish (CellosCellBackend  *backend,
                                  GAsyncResult       *result,
                                  GError            **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static CellosTeardownReport *
test_clock_backend_destroy (CellosCellBackend  *backend,
                            CellosCellHandle   *handle,
                            GCancellable       *cancellable,
                            GError            **error)
{
  TestClockBackend *self = TEST_CLOCK_BACKEND (backend);
  const char *id = cellos_cell_handle_get_cell_id (handle);
  gboolean removed;

  g_usleep (self->destroy_delay_ms * 1000);
  g_mutex_lock (&self->lock);
  removed = g_hash_table_remove (self->live, id);
  g_mutex_unlock (&self->lock);
  g_atomic_int_inc (&self->destroys);

  if (!removed)
    {
      g_set_error (error, CELLOS_ERROR, CELLOS_ERROR_NOT_FOUND, "no cell %s", id);
      return NULL;
    }
  return g_object_new (CELLOS_TYPE_TEARDOWN_REPORT, "cell-id", id, "destroyed", TRUE, NULL);
}

static GList *
test_clock_backend_list_cells (CellosCellBackend  *backend,
                               GCancellable       *cancellable,
                               GError            **error)
{
  TestClockBackend *self = TEST_CLOCK_BACKEND (backend);
  GHashTableIter iter;
  gpointer id;
  GList *cells = NULL;

  g_mutex_lock (&self->lock);
  g_hash_table_iter_init (&iter, self->live);
  while (g_hash_table_iter_next (&iter, &id, NULL))
    cells = g_list_prepend (cells, cellos_cell_handle_new (id, NULL));
  g_mutex_unlock (&self->lock);
  return cells;
}

static void
test_clock_backend_iface_init (CellosCellBackendInterface *iface)
{
  iface->create_async = test_clock_backend_create_async;
  iface->create_finish = test_clock_backend_create_finish;
  iface->destroy = test_clock_backend_destroy;
  iface->list_cells = test_clock_backend_list_cells;
}

static void
test_clock_backend_finalize (GObject *object)
{
  TestClockBackend *self = TEST_CLOCK_BACKEND (object);

  g_hash_table_unref (self->live);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (test_clock_backend_parent_class)->finalize (object);
}

static void
test_clock_backend_class_init (TestClockBackendClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_clock_backend_finalize;
}

static void
test_clock_backend_init (TestClockBackend *self)
{
  g_mutex_init (&self->lock);
  self->live = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static guint
n_live (TestClockBackend *self)
{
  guint n;

  g_mutex_lock (&self->lock);
  n = g_hash_table_size (self->live);
  g_mutex_unlock (&self->lock);
  return n;
}

/* A backend that lists through the asynchronous side only, and one whose
 * list holds something other than a handle. */

#define TEST_TYPE_ASYNC_LIST_BACKEND (test_async_list_backend_get_type ())
G_DECLARE_FINAL_TYPE (TestAsyncListBackend, test_async_list_backend, TEST, ASYNC_LIST_BACKEND, GObject)

struct _TestAsyncListBackend
{
  GObject parent_instance;

  gboolean lists_junk;
};

static void test_async_list_backend_iface_init (CellosCellBackendInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TestAsyncListBackend, test_async_list_backend, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (CELLOS_TYPE_CELL_BACKEND,
                                                      test_async_list_backend_iface_init))

static void
free_cells (gpointer cells)
{
  g_list_free_full (cells, g_object_unref);
}

static void
test_async_list_backend_list_cells_async (CellosCellBackend   *backend,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  TestAsyncListBackend *self = TEST_ASYNC_LIST_BACKEND (backend);
  g_autoptr(GTask) task = g_task_new (backend, cancellable, callback, user_data);
  GList *cells = NULL;

  g_task_set_source_tag (task, test_async_list_backend_list_cells_async);
  cells = g_list_prepend (cells, cellos_cell_handle_new ("second", NULL));
  if (self->lists_junk)
    cells = g_list_prepend (cells, g_object_new (CELLOS_TYPE_TEARDOWN_REPORT, "cell-id", "junk", NULL));
  cells = g_list_prepend (cells, cellos_cell_handle_new ("first", NULL));
  g_task_return_pointer (task, cells, free_cells);
}

static GList *
test_async_list_backend_list_cells_finish (CellosCellBackend  *backend,
                                           GAsyncResult       *result,
                                           GError            **error)
{
  g_assert_true (g_task_is_valid (result, backend));
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
test_async_list_backend_iface_init (CellosCellBackendInterface *iface)
{
  iface->list_cells_async = test_async_list_backend_list_cells_async;
  iface->list_cells_finish = test_async_list_backend_list_cells_finish;
}

static void
test_async_list_backend_class_init (TestAsyncListBackendClass *klass)
{
}

static void
test_async_list_backend_init (TestAsyncListBackend *self)
{
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static void
assert_ids (GList              *cells,
            const char * const *expected)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  GList *l;

  for (l = cells; l != NULL; l = l->next)
    {
      g_assert_true (CELLOS_IS_CELL_HANDLE (l->data));
      g_ptr_array_add (ids, (gpointer) cellos_cell_handle_get_cell_id (l->data));
    }
  g_ptr_array_sort (ids, compare_ids);
  g_ptr_array_add (ids, NULL);
  g_assert_cmpstrv ((const char * const *) ids->pdata, expected);
}

static GList *
list_async (CellosCellBackend  *backend,
            GError            **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  cellos_cell_backend_list_cells_async (backend, NULL, cellos_test_store_result, &result);
  return cellos_cell_backend_list_cells_finish (backend, cellos_test_wait_for (&result), error);
}

static void
test_stub_cannot_list (void)
{
  g_autoptr(CellosCellBackend) stub = CELLOS_CELL_BACKEND (cellos_stub_backend_new ());
  g_autoptr(GError) error = NULL;
  GList *cells;

  cells = cellos_cell_backend_list_cells (stub, NULL, &error);
  g_assert_error (error, CELLOS_ERROR, CELLOS_ERROR_NOT_SUPPORTED);
  g_assert_null (cells);
  g_clear_error (&error);

  cells = list_async (stub, &error);
  g_assert_error (error, CELLOS_ERROR, CELLOS_ERROR_NOT_SUPPORTED);
  g_assert_null (cells);
}

static CellosCellHandle *
create_now (CellosCellBackend *backend,
            const char        *id)
{
  g_autoptr(CellosExecutionCellDocument) document = cellos_execution_cell_document_new (id);
  g_autoptr(GError) error = NULL;
  CellosCellHandle *handle;

  handle = cellos_cell_backend_create (backend, document, NULL, &error);
  g_assert_no_error (error);
  return handle;
}

/* Both forms list what the backend holds, and destroy takes a listed
 * handle, or one rebuilt from a stored id. */
static void
test_list_what_is_live (void)
{
  g_autoptr(TestClockBackend) backend = g_object_new (TEST_TYPE_CLOCK_BACKEND, NULL);
  CellosCellBackend *cell_backend = CELLOS_CELL_BACKEND (backend);
  g_autoptr(CellosCellHandle) first = create_now (cell_backend, "first");
  g_autoptr(CellosCellHandle) second = create_now (cell_backend, "second");
  g_autoptr(CellosCellHandle) rebuilt = NULL;
  g_autoptr(CellosTeardownReport) report = NULL;
  g_autoptr(GError) error = NULL;
  GList *cells;

  cells = cellos_cell_backend_list_cells (cell_backend, NULL, &error);
  g_assert_no_error (error);
  assert_ids (cells, (const char * const []) { "first", "second", NULL });

  report = cellos_cell_backend_destroy (cell_backend, cells->data, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (cellos_teardown_report_get_destroyed (report));
  g_list_free_full (cells, g_object_unref);
  g_clear_object (&report);

  cells = list_async (cell_backend, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_length (cells), ==, 1);
  rebuilt = cellos_cell_handle_new (cellos_cell_handle_get_cell_id (cells->data), NULL);
  g_list_free_full (cells, g_object_unref);

  report = cellos_cell_backend_destroy (cell_backend, rebuilt, NULL, &error);
  g_assert_no_error (error);
  cells = cellos_cell_backend_list_cells (cell_backend, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (cells);
}

static void
test_list_async_only_backend (void)
{
  g_autoptr(TestAsyncListBackend) backend = g_object_new (TEST_TYPE_ASYNC_LIST_BACKEND, NULL);
  g_autoptr(GError) error = NULL;
  GList *cells;

  cells = cellos_cell_backend_list_cells (CELLOS_CELL_BACKEND (backend), NULL, &error);
  g_assert_no_error (error);
  assert_ids (cells, (const char * const []) { "first", "second", NULL });
  g_list_free_full (cells, g_object_unref);

  cells = list_async (CELLOS_CELL_BACKEND (backend), &error);
  g_assert_no_error (error);
  assert_ids (cells, (const char * const []) { "first", "second", NULL });
  g_list_free_full (cells, g_object_unref);
}

static void
test_list_of_other_things_is_failed (void)
{
  g_autoptr(TestAsyncListBackend) backend = g_object_new (TEST_TYPE_ASYNC_LIST_BACKEND, NULL);
  g_autoptr(GError) error = NULL;
  GList *cells;

  backend->lists_junk = TRUE;
  cells = cellos_cell_backend_list_cells (CELLOS_CELL_BACKEND (backend), NULL, &error);
  g_assert_error (error, CELLOS_ERROR, CELLOS_ERROR_FAILED);
  g_assert_null (cells);
  g_clear_error (&error);

  cells = list_async (CELLOS_CELL_BACKEND (backend), &error);
  g_assert_error (error, CELLOS_ERROR, CELLOS_ERROR_FAILED);
  g_assert_null (cells);
}

static void
test_handle_new (void)
{
  g_autoptr(CellosCellHandle) plain = cellos_cell_handle_new ("cell-1", NULL);
  g_autoptr(CellosCellHandle) detailed = NULL;
  g_autoptr(GVariantDict) dict = g_variant_dict_new (NULL);
  GVariant *details;
  gint64 pid = 0;

  g_assert_cmpstr (cellos_cell_handle_get_cell_id (plain), ==, "cell-1");
  g_assert_null (cellos_cell_handle_get_details (plain));
  g_assert_null (cellos_cell_handle_get_cgroup_path (plain));

  g_variant_dict_insert (dict, "vm-pid", "x", (gint64) 4242);
  detailed = cellos_cell_handle_new ("cell-2", g_variant_dict_end (dict));
  details = cellos_cell_handle_get_details (detailed);
  g_assert_nonnull (details);
  g_assert_false (g_variant_is_floating (details));
  g_assert_true (g_variant_lookup (details, "vm-pid", "x", &pid));
  g_assert_cmpint (pid, ==, 4242);
}

/* Deadlines */

typedef struct
{
  GAsyncResult *result;
  gint64 answered;
} Answer;

static void
store_answer (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Answer *answer = user_data;

  g_assert_null (answer->result);
  answer->result = g_object_ref (result);
  answer->answered = g_get_monotonic_time ();
}

static CellosCellHandle *
create_with_timeout (CellosCellBackend  *backend,
                     guint               timeout_msec,
                     GCancellable       *cancellable,
                     gint64             *took,
                     GError            **error)
{
  g_autoptr(CellosExecutionCellDocument) document = cellos_execution_cell_document_new ("timed");
  GMainContext *context = g_main_context_get_thread_default ();
  Answer answer = { NULL, 0 };
  gint64 start = g_get_monotonic_time ();
  CellosCellHandle *handle;

  cellos_cell_backend_create_with_timeout_async (backend, document, timeout_msec, cancellable,
                                                 store_answer, &answer);
  while (answer.result == NULL)
    g_main_context_iteration (context, TRUE);
  *took = (answer.answered - start) / G_TIME_SPAN_MILLISECOND;
  handle = cellos_cell_backend_create_with_timeout_finish (backend, answer.result, error);
  g_object_unref (answer.result);
  return handle;
}

/* Runs @context until @condition holds, for at most ten seconds. */
#define run_until(context, condition)                                          \
  G_STMT_START {                                                               \
    gint64 _deadline = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;      \
    while (!(condition) && g_get_monotonic_time () < _deadline)                \
      g_main_context_iteration ((context), FALSE), g_usleep (1000);            \
    g_assert_true (condition);                                                 \
  } G_STMT_END

static void
test_deadline_met (void)
{
  g_autoptr(TestClockBackend) backend = g_object_new (TEST_TYPE_CLOCK_BACKEND, NULL);
  g_autoptr(CellosCellHandle) handle = NULL;
  g_autoptr(GError) error = NULL;
  gint64 took;

  backend->delay_ms = 10;
  handle = create_with_timeout (CELLOS_CELL_BACKEND (backend), 10000, NULL, &took, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cellos_cell_handle_get_cell_id (handle), ==, "timed");
  g_assert_cmpuint (n_live (backend), ==, 1);
}

/* A backend that would take ten seconds is cancelled at the deadline, and
 * the caller gets TIMED_OUT then, not CANCELLED. */
static void
test_deadline_missed_is_timed_out (void)
{
  g_autoptr(TestClockBackend) backend = g_object_new (TEST_TYPE_CLOCK_BACKEND, NULL);
  g_autoptr(CellosCellHandle) handle = NULL;
  g_autoptr(GError) error = NULL;
  gint64 took;

  backend->delay_ms = 10000;
  handle = create_with_timeout (CELLOS_CELL_BACKEND (backend), 50, NULL, &took, &error);
  g_assert_error (error, CELLOS_ERROR, CELLOS_ERROR_TIMED_OUT);
  g_assert_null (handle);
  g_assert_cmpint (took, >=, 50);
  g_assert_cmpint (took, <, 5000);

  run_until (NULL, backend->creates_finished == 1);
  g_assert_cmpuint (n_live (backend), ==, 0);
}

/* A backend that ignores the cancellation and delivers its cell after the
 * deadline: the caller had TIMED_OUT at the deadline, and the library
 * destroys the late cell. */
static void
test_deadline_late_cell_is_destroyed (void)
{
  g_autoptr(TestClockBackend) backend = g_object_new (TEST_TYPE_CLOCK_BACKEND, NULL);
  g_autoptr(CellosCellHandle) handle = NULL;
  g_autoptr(GError) error = NULL;
  gint64 took;

  backend->delay_ms = 300;
  backend->deaf = TRUE;
  handle = create_with_timeout (CELLOS_CELL_BACKEND (backend), 50, NULL, &took, &error);
  g_assert_error (error, CELLOS_ERROR, CELLOS_ERROR_TIMED_OUT);
  g_assert_null (handle);
  g_assert_cmpint (took, <, 300);

  run_until (NULL, g_atomic_int_get (&backend->destroys) == 1);
  g_assert_cmpint (backend->creates_finished, ==, 1);
  g_assert_cmpuint (n_live (backend), ==, 0);
}

/* A backend that calls back in the global default context instead of the
 * caller's cannot hold the caller past its deadline; once the cell it made
 * regardless arrives there, it is destroyed. */
static void
test_deadline_wrong_context (void)
{
  g_autoptr(TestClockBackend) backend = g_object_new (TEST_TYPE_CLOCK_BACKEND, NULL);
  g_autoptr(CellosCellHandle) handle = NULL;
  g_autoptr(GError) error = NULL;
  GMainContext *callers = g_main_context_new ();
  gint64 took;

  backend->delay_ms = 10;
  backend->deaf = TRUE;
  backend->wrong_context = TRUE;
  g_main_context_push_thread_default (callers);
  handle = create_with_timeout (CELLOS_CELL_BACKEND (backend), 100, NULL, &took, &error);
  g_main_context_pop_thread_default (callers);
  g_assert_error (error, CELLOS_ERROR, CELLOS_ERROR_TIMED_OUT);
  g_assert_null (handle);
  g_assert_cmpint (backend->creates_finished, ==, 0);

  run_until (NULL, g_atomic_int_get (&backend->destroys) == 1);
  g_assert_cmpuint (n_live (backend), ==, 0);
  g_main_context_unref (callers);
}

/* The caller's own cancellation is still a cancellation. */
static gboolean
cancel_soon (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

static void
test_deadline_caller_cancels (void)
{
  g_autoptr(TestClockBackend) backend = g_object_new (TEST_TYPE_CLOCK_BACKEND, NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(CellosCellHandle) handle = NULL;
  g_autoptr(GError) error = NULL;
  gint64 took;

  backend->delay_ms = 10000;
  g_timeout_add (20, cancel_soon, cancellable);
  handle = create_with_timeout (CELLOS_CELL_BACKEND (backend), 10000, cancellable, &took, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (handle);
  g_assert_cmpint (took, <, 5000);
  g_assert_cmpuint (n_live (backend), ==, 0);
}

static void
test_deadline_destroy (void)
{
  g_autoptr(TestClockBackend) backend = g_object_new (TEST_TYPE_CLOCK_BACKEND, NULL);
  g_autoptr(CellosCellHandle) handle = create_now (CELLOS_CELL_BACKEND (backend), "slow");
  g_autoptr(CellosCellHandle) other = create_now (CELLOS_CELL_BACKEND (backend), "quick");
  g_autoptr(CellosTeardownReport) report = NULL;
  g_autoptr(GError) error = NULL;
  Answer answer = { NULL, 0 };

  cellos_cell_backend_destroy_with_timeout_async (CELLOS_CELL_BACKEND (backend), other, 10000,
                                                  NULL, store_answer, &answer);
  run_until (NULL, answer.result != NULL);
  report = cellos_cell_backend_destroy_with_timeout_finish (CELLOS_CELL_BACKEND (backend),
                                                            answer.result, &error);
  g_assert_no_error (error);
  g_assert_true (cellos_teardown_report_get_destroyed (report));
  g_clear_object (&answer.result);
  g_clear_object (&report);

  /* Destroy runs in a worker thread (the default destroy_async), slowly. */
  backend->destroy_delay_ms = 500;
  cellos_cell_backend_destroy_with_timeout_async (CELLOS_CELL_BACKEND (backend), handle, 50,
                                                  NULL, store_answer, &answer);
  run_until (NULL, answer.result != NULL);
  report = cellos_cell_backend_destroy_with_timeout_finish (CELLOS_CELL_BACKEND (backend),
                                                            answer.result, &error);
  g_assert_error (error, CELLOS_ERROR, CELLOS_ERROR_TIMED_OUT);
  g_assert_null (report);
  g_clear_object (&answer.result);

  run_until (NULL, g_atomic_int_get (&backend->destroys) == 2);
  g_assert_cmpuint (n_live (backend), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/listing/stub-cannot-list", test_stub_cannot_list);
  g_test_add_func ("/listing/lists-what-is-live", test_list_what_is_live);
  g_test_add_func ("/listing/async-only-backend", test_list_async_only_backend);
  g_test_add_func ("/listing/list-of-other-things-is-failed", test_list_of_other_things_is_failed);
  g_test_add_func ("/handle/new-rebuilds-from-id-and-details", test_handle_new);
  g_test_add_func ("/deadline/met", test_deadline_met);
  g_test_add_func ("/deadline/missed-is-timed-out", test_deadline_missed_is_timed_out);
  g_test_add_func ("/deadline/late-cell-is-destroyed", test_deadline_late_cell_is_destroyed);
  g_test_add_func ("/deadline/wrong-context-backend", test_deadline_wrong_context);
  g_test_add_func ("/deadline/caller-cancels", test_deadline_caller_cancels);
  g_test_add_func ("/deadline/destroy", test_deadline_destroy);

  return g_test_run ();
}
