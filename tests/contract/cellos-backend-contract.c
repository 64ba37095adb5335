/* cellos-backend-contract.c: the CellosCellBackend contract, on any backend
 *
 *   cellos-backend-contract --backend NAME [GTest options]
 *
 * Pins the rules every backend keeps on the backend the registry has under
 * NAME, built in or loaded from a module: results are a CellosCellHandle
 * and a CellosTeardownReport; the handle carries the document's id, the
 * report the handle's; an empty or missing id is
 * CELLOS_ERROR_INVALID_SPEC; a cancelled operation is G_IO_ERROR_CANCELLED,
 * and a backend that is cancelled while it works stops promptly; a create
 * cancelled at any point either hands its cell over or leaves none; a
 * finish function refuses the other operation's result; callbacks never
 * run before the _async call returns and run in the caller's
 * thread-default context; the synchronous and asynchronous forms agree;
 * nothing is leaked.
 *
 * It does not take a backend's word for what it holds. After every
 * operation it asks the backend for its live cells (list_cells, or
 * list_cells_async in the asynchronous tests) and compares them with what
 * it made and destroyed: a create adds exactly its cell, a destroy that
 * reports "destroyed" removes it, a failed or cancelled create adds
 * nothing. Each test TEST has a companion TEST/live-set that reports these
 * checks: passed, failed, or skipped, saying why. A backend that cannot
 * list (CELLOS_ERROR_NOT_SUPPORTED) is checked through its "live-cells"
 * property, an unsigned count of its cells (the convention of backends
 * written before listing), if it has one; with neither, the companions
 * are skipped.
 *
 * A backend that lists its cells must list handles that destroy accepts:
 * the runner destroys a cell it made through the handle the listing
 * returned, and another through a handle rebuilt from the listed id
 * alone (cellos_cell_handle_new (id, NULL)), as a supervisor that stored
 * only ids does after a restart; each must be reported destroyed and be
 * gone from the next listing. Those tests are skipped, saying why, for a
 * backend that cannot list.
 *
 *   cellos-backend-contract --benchmark --backend NAME [--cells N] …
 *
 * measures the backend instead (cellos-backend-bench.c).
 *
 * The runner is meant to be trusted on a real host:
 *  - every cell id is unique to the run (contract-PID-RANDOM-N), so that it
 *    clashes neither with a previous run nor with real cells;
 *  - every cell a test creates is destroyed, also when the test fails
 *    half-way; a cell the runner could not destroy is reported by id;
 *  - every wait has a deadline, and every test runs in a process of its
 *    own with a deadline too (60 s, or CELLOS_BACKEND_CONTRACT_TIMEOUT
 *    seconds): a backend that never calls back, or calls back in another
 *    main context, fails the test with a message instead of hanging the
 *    runner;
 *  - every test runs and is reported, whatever failed before it;
 *  - what the interface turns into CELLOS_ERROR_FAILED (a backend that
 *    returned no result and no error, both, or a result of the wrong type)
 *    is reported as such.
 *
 * Installed as an installed test, so that a third-party backend module can
 * be checked: CELLOS_BACKEND_MODULE_DIR=DIR cellos-backend-contract
 * --backend NAME.
 *
 * Copyright 2026 The CellOS authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <locale.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cellos/cellos.h>
#include <glib/gstdio.h>

#include "cellos-backend-bench.h"

/* How long a callback may take to arrive. */
#define WAIT_SECONDS 10
/* How long one test may take, in its own process, before it fails, unless
 * CELLOS_BACKEND_CONTRACT_TIMEOUT says otherwise (a backend that takes
 * seconds per cell needs minutes for the tests that make fifty). */
#define TEST_SECONDS 60
#define TIMEOUT_VARIABLE "CELLOS_BACKEND_CONTRACT_TIMEOUT"
/* How soon an operation must end once it is cancelled while it works. */
#define CANCEL_LATENCY_USEC (G_USEC_PER_SEC)

/* Passes the backend's name to the test processes. */
#define BACKEND_VARIABLE "CELLOS_BACKEND_CONTRACT_BACKEND"
/* Names the file in which a test process reports why it skipped its
 * test, if it did, and what it found of the live set. */
#define REPORT_VARIABLE "CELLOS_BACKEND_CONTRACT_REPORT_FILE"
/* Names the one test a test process runs: GTest's -p runs TEST/live-set
 * too. */
#define TEST_PATH_VARIABLE "CELLOS_BACKEND_CONTRACT_TEST_PATH"
#define LIVE_SET_SUFFIX "/live-set"

static char *backend_name;
static guint test_seconds = TEST_SECONDS;

/* The form of the test running, which the live-set checks list in. */
typedef enum {
  SYNC,
  ASYNC
} Form;

static Form test_form;

static void live_set_check (CellosCellBackend *backend,
                            const char        *format,
                            ...) G_GNUC_PRINTF (2, 3);

/* Reports a contract violation on standard error, which the test
 * processes share with the runner, and fails the test. */
G_GNUC_PRINTF (1, 2) static void
contract_fail (const char *format,
               ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_printerr ("# %s: %s\n", g_test_get_path (), message);
  g_test_fail ();
}

/* Why the test of this process cannot be made on the backend, or NULL.
 * The runner's own process reports the test as skipped with it: a test
 * that checks nothing must not read as passed. */
static char *skip_reason;

G_GNUC_PRINTF (1, 2) static void
contract_skip (const char *format,
               ...)
{
  va_list args;

  g_free (skip_reason);
  va_start (args, format);
  skip_reason = g_strdup_vprintf (format, args);
  va_end (args);
}

/* The start of every cell id of this process: unique to the run and, as
 * each test runs in a process of its own, to the test. */
static const char *
cell_id_prefix (void)
{
  static char prefix[64];

  if (prefix[0] == '\0')
    g_snprintf (prefix, sizeof prefix, "contract-%d-%08x-", (int) getpid (), g_random_int () | 1);
  return prefix;
}

/* An id no other run, and no other test of this run, uses. */
static char *
new_cell_id (void)
{
  static guint n;

  return g_strdup_printf ("%s%u", cell_id_prefix (), ++n);
}

static CellosExecutionCellDocument *
new_document (void)
{
  g_autofree char *id = new_cell_id ();
  const char * const argv[] = { "/bin/true", NULL };
  CellosExecutionCellDocument *document = cellos_execution_cell_document_new (id);

  cellos_execution_cell_document_set_argv (document, argv);
  return document;
}

static CellosCellBackend *
new_backend (void)
{
  g_autoptr(GError) error = NULL;
  CellosCellBackend *backend = cellos_cell_backend_new_for_name (backend_name, &error);

  if (backend == NULL)
    contract_fail ("cannot create the backend “%s”: %s", backend_name, error->message);
  else
    live_set_check (backend, "before the test's first operation");
  return backend;
}

/* The cells the test made and has not destroyed yet; the runner destroys
 * whatever is left when the test ends, however it ended. */
static GPtrArray *ledger;

static void
ledger_add (CellosCellHandle *handle)
{
  g_ptr_array_add (ledger, g_object_ref (handle));
}

/* A cell leaves the ledger by its id: a destroy through another handle
 * on it, one the listing returned or one rebuilt from its id, takes it
 * out too. */
static void
ledger_remove (CellosCellHandle *handle)
{
  const char *id = cellos_cell_handle_get_cell_id (handle);
  guint i;

  for (i = 0; i < ledger->len; i++)
    {
      if (g_str_equal (cellos_cell_handle_get_cell_id (g_ptr_array_index (ledger, i)), id))
        {
          g_ptr_array_remove_index (ledger, i);
          return;
        }
    }
}

/* Drops the last reference the test holds and checks that the object goes
 * away. A backend may finish work in another thread (GTask worker threads
 * let go of their task just after it returns), so wait a bounded time. */
static void
check_finalized (gpointer object_ptr)
{
  GObject **ptr = object_ptr;
  gpointer weak = *ptr;
  gint64 deadline = g_get_monotonic_time () + WAIT_SECONDS * G_TIME_SPAN_SECOND;
  g_autofree char *type_name = NULL;

  if (weak == NULL)
    return;
  type_name = g_strdup (G_OBJECT_TYPE_NAME (weak));
  g_object_add_weak_pointer (weak, &weak);
  g_clear_object (ptr);
  while (g_atomic_pointer_get (&weak) != NULL && g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  if (g_atomic_pointer_get (&weak) != NULL)
    contract_fail ("a %s was not finalized: a reference leaked", type_name);
}

/* Why an operation failed, for a message: the interface reports what a
 * backend returned against the rules as CELLOS_ERROR_FAILED. */
static char *
describe_error (const GError *error)
{
  if (g_error_matches (error, CELLOS_ERROR, CELLOS_ERROR_FAILED))
    return g_strdup_printf ("CELLOS_ERROR_FAILED: %s (this is how the interface reports a backend "
                            "that returned no result and no error, both, or a result of the "
                            "wrong type)", error->message);
  return g_strdup_printf ("%s %d: %s", g_quark_to_string (error->domain), error->code,
                          error->message);
}

/* Checks the outcome of a create that should have made the cell for
 * @document. */
static gboolean
check_created (const char                  *what,
               CellosExecutionCellDocument *document,
               CellosCellHandle            *handle,
               const GError                *error)
{
  if (handle == NULL)
    {
      g_autofree char *why = error != NULL ? describe_error (error) : g_strdup ("no error");

      contract_fail ("%s failed: %s", what, why);
      return FALSE;
    }
  if (!g_str_equal (cellos_cell_handle_get_cell_id (handle),
                    cellos_execution_cell_document_get_id (document)))
    {
      contract_fail ("%s returned a handle for cell %s instead of %s", what,
                     cellos_cell_handle_get_cell_id (handle),
                     cellos_execution_cell_document_get_id (document));
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_destroyed (const char           *what,
                 CellosCellHandle     *handle,
                 CellosTeardownReport *report,
                 const GError         *error)
{
  if (report == NULL)
    {
      g_autofree char *why = error != NULL ? describe_error (error) : g_strdup ("no error");

      contract_fail ("%s of cell %s failed: %s", what, cellos_cell_handle_get_cell_id (handle), why);
      return FALSE;
    }
  if (!g_str_equal (cellos_teardown_report_get_cell_id (report),
                    cellos_cell_handle_get_cell_id (handle)))
    {
      contract_fail ("%s of cell %s returned a report for %s", what,
                     cellos_cell_handle_get_cell_id (handle),
                     cellos_teardown_report_get_cell_id (report));
      return FALSE;
    }
  if (!cellos_teardown_report_get_destroyed (report))
    {
      contract_fail ("%s of cell %s reports it not destroyed", what,
                     cellos_cell_handle_get_cell_id (handle));
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_error (const char   *what,
             gpointer      result,
             const GError *error,
             GQuark        domain,
             int           code,
             const char   *expected)
{
  if (result != NULL)
    {
      contract_fail ("%s succeeded; expected %s", what, expected);
      return FALSE;
    }
  if (!g_error_matches (error, domain, code))
    {
      g_autofree char *why = error != NULL ? describe_error (error) : g_strdup ("no error");

      contract_fail ("%s failed with %s; expected %s", what, why, expected);
      return FALSE;
    }
  return TRUE;
}

/* Completions live on the heap: a callback that comes after the deadline,
 * or never, must not find a dead stack frame. One that timed out is
 * left to the process's end. */
typedef struct
{
  gboolean returned;
  gboolean called_before_return;
  gboolean timed_out;
  GMainContext *context;
  GThread *thread;
  GAsyncResult *result;
} Completion;

static Completion *
completion_new (void)
{
  return g_new0 (Completion, 1);
}

static void
on_complete (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Completion *completion = user_data;

  if (completion->result != NULL)
    {
      contract_fail ("a callback ran twice");
      return;
    }
  completion->called_before_return = !completion->returned;
  completion->context = g_main_context_ref_thread_default ();
  completion->thread = g_thread_self ();
  completion->result = g_object_ref (result);
}

static gboolean
on_deadline (gpointer data)
{
  Completion *completion = data;

  completion->timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* Waits, in @context, for the callback of an _async call that just
 * returned; FALSE, with the test failed, if it ran before the call
 * returned or not at all within the deadline. */
static gboolean
completion_wait (Completion   *completion,
                 GMainContext *context,
                 const char   *what)
{
  g_autoptr(GSource) deadline = g_timeout_source_new_seconds (WAIT_SECONDS);

  if (completion->result != NULL)
    {
      contract_fail ("%s: the callback ran before the _async call returned", what);
      return FALSE;
    }
  completion->returned = TRUE;
  g_source_set_callback (deadline, on_deadline, completion, NULL);
  g_source_attach (deadline, context);
  while (completion->result == NULL && !completion->timed_out)
    g_main_context_iteration (context, TRUE);
  g_source_destroy (deadline);

  if (completion->result == NULL)
    {
      contract_fail ("%s: no callback within %d s in the caller's thread-default main context "
                     "(it was delivered in another main context, or never)", what, WAIT_SECONDS);
      return FALSE;
    }
  if (completion->called_before_return)
    {
      contract_fail ("%s: the callback ran before the _async call returned", what);
      return FALSE;
    }
  return TRUE;
}

static void
completion_free (Completion *completion)
{
  if (completion->timed_out && completion->result == NULL)
    return;
  check_finalized (&completion->result);
  g_clear_pointer (&completion->context, g_main_context_unref);
  g_free (completion);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Completion, completion_free)

/* An error's code as a reader knows it (G_IO_ERROR_CANCELLED), for
 * messages. */
static char *
error_name (const GError *error)
{
  GType type = G_TYPE_INVALID;
  char *name = NULL;

  if (error->domain == G_IO_ERROR)
    type = G_TYPE_IO_ERROR_ENUM;
  else if (error->domain == CELLOS_ERROR)
    type = CELLOS_TYPE_ERROR;
  if (type != G_TYPE_INVALID)
    {
      GEnumClass *enum_class = g_type_class_ref (type);
      GEnumValue *value = g_enum_get_value (enum_class, error->code);

      if (value != NULL)
        name = g_strdup (value->value_name);
      g_type_class_unref (enum_class);
    }
  if (name == NULL)
    name = g_strdup_printf ("%s %d", g_quark_to_string (error->domain), error->code);
  return name;
}

/* The live set: what the backend holds, as its listing says (or, for a
 * backend that cannot list, its "live-cells" count), compared after every
 * operation with what the runner made and destroyed. What a backend says
 * of a single call is not enough: a destroy that reports "destroyed" and
 * keeps the cell, or a cancelled create that keeps its cell, shows only
 * here.
 *
 * Only this test process's cells are compared (their ids start with its
 * prefix): a backend's other cells, made by real supervisors or another
 * run, never count.
 *
 * A violation does not fail the test in which it happens, which pins what
 * the backend says; the test's companion, TEST/live-set, reports on the
 * live set from the same run: failed, passed, or skipped with the reason
 * when the backend can neither list nor count its cells. */
typedef enum {
  LIVE_SET_UNPROBED,
  LIVE_SET_LISTED,
  LIVE_SET_COUNTED,
  LIVE_SET_UNCHECKABLE
} LiveSetMode;

/* Why the runner expects no cell of an id it used. */
typedef struct
{
  const char *check;
  char *because;
} Gone;

static void
gone_free (Gone *gone)
{
  g_free (gone->because);
  g_free (gone);
}

static struct
{
  LiveSetMode mode;
  char *skip_reason;
  char *path;
  guint checks;
  guint failures;
  guint count_before;
  GHashTable *gone;   /* cell id → Gone */
  GHashTable *named;  /* "check id" for each violation reported */
} live_set;

/* Reports a live-set violation under the companion test's name. */
G_GNUC_PRINTF (1, 2) static void
live_set_fail (const char *format,
               ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_printerr ("# %s: %s\n", live_set.path, message);
  live_set.failures++;
}

static void
live_set_init (const char *test_path)
{
  live_set.mode = LIVE_SET_UNPROBED;
  live_set.path = g_str_has_suffix (test_path, LIVE_SET_SUFFIX)
                  ? g_strdup (test_path)
                  : g_strconcat (test_path, LIVE_SET_SUFFIX, NULL);
  live_set.gone = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) gone_free);
  live_set.named = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/* Whether the violation @check of cell @id is reported already: a cell
 * that leaked, for one, is named once, not after every later operation. */
static gboolean
live_set_named (const char *check,
                const char *id)
{
  return !g_hash_table_add (live_set.named, g_strconcat (check, " ", id, NULL));
}

/* The runner expects no cell @id any more: @check names the check that
 * fails if it is listed, @format says why. */
G_GNUC_PRINTF (3, 4) static void
live_set_forget (const char *id,
                 const char *check,
                 const char *format,
                 ...)
{
  Gone *gone;
  va_list args;

  if (id == NULL || id[0] == '\0')
    return;
  gone = g_new0 (Gone, 1);
  gone->check = check;
  va_start (args, format);
  gone->because = g_strdup_vprintf (format, args);
  va_end (args);
  g_hash_table_replace (live_set.gone, g_strdup (id), gone);
}

/* The cells the backend holds now, id → handle, listed in the test's form;
 * NULL with @error if it cannot list them. */
static GHashTable *
list_cells (CellosCellBackend  *backend,
            GError            **error)
{
  GList *handles = NULL;
  GError *list_error = NULL;
  GHashTable *cells;
  GList *l;

  if (test_form == SYNC)
    handles = cellos_cell_backend_list_cells (backend, NULL, &list_error);
  else
    {
      g_autoptr(Completion) completion = completion_new ();

      cellos_cell_backend_list_cells_async (backend, NULL, on_complete, completion);
      if (!completion_wait (completion, g_main_context_get_thread_default (), "list_cells_async"))
        {
          g_set_error (error, CELLOS_ERROR, CELLOS_ERROR_FAILED,
                       "list_cells_async did not call back");
          return NULL;
        }
      handles = cellos_cell_backend_list_cells_finish (backend, completion->result, &list_error);
    }
  if (list_error != NULL)
    {
      g_propagate_error (error, list_error);
      return NULL;
    }

  cells = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);
  for (l = handles; l != NULL; l = l->next)
    {
      CellosCellHandle *handle = l->data;
      const char *id = cellos_cell_handle_get_cell_id (handle);

      if (g_hash_table_contains (cells, id))
        live_set_fail ("a cell is listed twice: cell %s is in one listing twice", id);
      g_hash_table_replace (cells, (gpointer) id, g_object_ref (handle));
    }
  g_list_free_full (handles, g_object_unref);
  return cells;
}

static gboolean
has_count_property (CellosCellBackend *backend)
{
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (backend), "live-cells");

  return pspec != NULL && G_PARAM_SPEC_VALUE_TYPE (pspec) == G_TYPE_UINT &&
         (pspec->flags & G_PARAM_READABLE) != 0;
}

static guint
count_cells (CellosCellBackend *backend)
{
  guint count = 0;

  g_object_get (backend, "live-cells", &count, NULL);
  return count;
}

/* Finds out how the live set can be checked: by listing; when the backend
 * answers CELLOS_ERROR_NOT_SUPPORTED, by its count; or not at all. */
static void
live_set_probe (CellosCellBackend *backend)
{
  g_autoptr(GHashTable) cells = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *why = NULL;

  cells = list_cells (backend, &error);
  if (cells != NULL || !g_error_matches (error, CELLOS_ERROR, CELLOS_ERROR_NOT_SUPPORTED))
    {
      live_set.mode = LIVE_SET_LISTED;
      return;
    }
  if (has_count_property (backend))
    {
      live_set.mode = LIVE_SET_COUNTED;
      live_set.count_before = count_cells (backend);
      return;
    }
  why = error_name (error);
  live_set.mode = LIVE_SET_UNCHECKABLE;
  live_set.skip_reason =
    g_strdup_printf ("the live set is not checked: the backend cannot list its cells "
                     "(%s: %s) and has no unsigned \"live-cells\" property", why, error->message);
}

static void
live_set_compare_count (CellosCellBackend *backend,
                        const char        *after)
{
  guint count = count_cells (backend);
  guint expected = live_set.count_before + ledger->len;

  if (count > expected)
    live_set_fail ("cells were left over: %s, \"live-cells\" is %u, but the runner holds %u "
                   "cells and there were %u before the test: %u cells were left over",
                   after, count, ledger->len, live_set.count_before, count - expected);
  else if (count < expected)
    live_set_fail ("a live cell is not counted: %s, \"live-cells\" is %u, but the runner holds "
                   "%u cells and there were %u before the test", after, count, ledger->len,
                   live_set.count_before);
}

static void
live_set_compare_list (CellosCellBackend *backend,
                       const char        *after)
{
  g_autoptr(GHashTable) cells = NULL;
  g_autoptr(GHashTable) held = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  gpointer key;
  guint i;

  cells = list_cells (backend, &error);
  if (cells == NULL)
    {
      g_autofree char *why = describe_error (error);

      live_set_fail ("listing failed: %s, the backend could not list its cells: %s", after, why);
      return;
    }

  for (i = 0; i < ledger->len; i++)
    {
      const char *id = cellos_cell_handle_get_cell_id (g_ptr_array_index (ledger, i));

      g_hash_table_add (held, (gpointer) id);
      if (!g_hash_table_contains (cells, id) && !live_set_named ("a live cell is not listed", id))
        live_set_fail ("a live cell is not listed: %s, cell %s is not listed, although its "
                       "create handed it over and no destroy reported it destroyed", after, id);
    }

  g_hash_table_iter_init (&iter, cells);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      const char *id = key;
      Gone *gone;

      if (!g_str_has_prefix (id, cell_id_prefix ()) || g_hash_table_contains (held, id))
        continue;
      gone = g_hash_table_lookup (live_set.gone, id);
      if (live_set_named (gone != NULL ? gone->check : "an unknown cell is listed", id))
        continue;
      if (gone != NULL)
        live_set_fail ("%s: %s, cell %s is listed, although %s", gone->check, after, id,
                       gone->because);
      else
        live_set_fail ("an unknown cell is listed: %s, cell %s is listed, although the runner "
                       "never asked for a cell of that id", after, id);
    }
}

/* Checks the live set against what the runner holds, @format saying after
 * what. */
static void
live_set_check (CellosCellBackend *backend,
                const char        *format,
                ...)
{
  g_autofree char *after = NULL;
  va_list args;

  if (live_set.mode == LIVE_SET_UNPROBED)
    live_set_probe (backend);
  if (live_set.mode == LIVE_SET_UNCHECKABLE)
    return;

  va_start (args, format);
  after = g_strdup_vprintf (format, args);
  va_end (args);
  live_set.checks++;
  if (live_set.mode == LIVE_SET_COUNTED)
    live_set_compare_count (backend, after);
  else
    live_set_compare_list (backend, after);
}

/* Enters the outcome of a create in the ledger, and checks the live set. */
static void
note_created (CellosCellBackend           *backend,
              const char                  *what,
              CellosExecutionCellDocument *document,
              CellosCellHandle            *handle,
              const GError                *error)
{
  const char *id = cellos_execution_cell_document_get_id (document);

  if (handle != NULL)
    ledger_add (handle);
  else if (error != NULL)
    {
      g_autofree char *name = error_name (error);

      live_set_forget (id, "a cell leaked", "its %s failed with %s and handed no cell over",
                       what, name);
    }
  if (id == NULL || id[0] == '\0')
    live_set_check (backend, "after %s of a document without an id", what);
  else
    live_set_check (backend, "after %s of cell %s", what, id);
}

/* Takes a cell out of the ledger once a destroy reported it destroyed,
 * and checks the live set. */
static void
note_destroyed (CellosCellBackend    *backend,
                const char           *what,
                CellosCellHandle     *handle,
                CellosTeardownReport *report)
{
  const char *id = cellos_cell_handle_get_cell_id (handle);

  if (report != NULL && cellos_teardown_report_get_destroyed (report))
    {
      ledger_remove (handle);
      live_set_forget (id, "a destroyed cell is still listed", "its %s reported it destroyed",
                       what);
    }
  live_set_check (backend, "after %s of cell %s", what, id);
}

static const char *
form_name (Form form)
{
  return form == SYNC ? "create" : "create_async";
}

/* Creates a cell, in the form asked for, and enters it in the ledger.
 * Returns NULL, with the error if there was one, when no cell came back. */
static CellosCellHandle *
create_with (Form                          form,
             CellosCellBackend            *backend,
             CellosExecutionCellDocument  *document,
             GCancellable                 *cancellable,
             GError                      **error)
{
  CellosCellHandle *handle = NULL;

  if (form == SYNC)
    handle = cellos_cell_backend_create (backend, document, cancellable, error);
  else
    {
      g_autoptr(Completion) completion = completion_new ();

      cellos_cell_backend_create_async (backend, document, cancellable, on_complete, completion);
      if (!completion_wait (completion, g_main_context_get_thread_default (), "create_async"))
        return NULL;
      handle = cellos_cell_backend_create_finish (backend, completion->result, error);
    }
  note_created (backend, form_name (form), document, handle, error != NULL ? *error : NULL);
  return handle;
}

static CellosTeardownReport *
destroy_with (Form                form,
              CellosCellBackend  *backend,
              CellosCellHandle   *handle,
              GCancellable       *cancellable,
              GError            **error)
{
  CellosTeardownReport *report = NULL;

  if (form == SYNC)
    report = cellos_cell_backend_destroy (backend, handle, cancellable, error);
  else
    {
      g_autoptr(Completion) completion = completion_new ();

      cellos_cell_backend_destroy_async (backend, handle, cancellable, on_complete, completion);
      if (!completion_wait (completion, g_main_context_get_thread_default (), "destroy_async"))
        return NULL;
      report = cellos_cell_backend_destroy_finish (backend, completion->result, error);
    }
  note_destroyed (backend, form == SYNC ? "destroy" : "destroy_async", handle, report);
  return report;
}

/* Creates and destroys one cell, checking both outcomes. */
static gboolean
lifecycle (Form               form,
           CellosCellBackend *backend)
{
  g_autoptr(CellosExecutionCellDocument) document = new_document ();
  g_autoptr(CellosCellHandle) handle = NULL;
  g_autoptr(CellosTeardownReport) report = NULL;
  g_autoptr(GError) error = NULL;

  handle = create_with (form, backend, document, NULL, &error);
  if (!check_created (form_name (form), document, handle, error))
    return FALSE;
  report = destroy_with (form, backend, handle, NULL, &error);
  if (!check_destroyed (form == SYNC ? "destroy" : "destroy_async", handle, report, error))
    return FALSE;

  check_finalized (&report);
  check_finalized (&handle);
  check_finalized (&document);
  return TRUE;
}

static void
test_lifecycle (gconstpointer data)
{
  g_autoptr(CellosCellBackend) backend = new_backend ();

  if (backend == NULL)
    return;
  lifecycle (GPOINTER_TO_INT (data), backend);
  check_finalized (&backend);
}

static void
check_invalid_spec (Form        form,
                    const char *id)
{
  g_autoptr(CellosCellBackend) backend = new_backend ();
  g_autoptr(CellosExecutionCellDocument) document = cellos_execution_cell_document_new (id);
  g_autoptr(CellosCellHandle) handle = NULL;
  g_autoptr(GError) error = NULL;

  if (backend == NULL)
    return;
  handle = create_with (form, backend, document, NULL, &error);
  check_error (form_name (form), handle, error, CELLOS_ERROR, CELLOS_ERROR_INVALID_SPEC,
               "CELLOS_ERROR_INVALID_SPEC");
  check_finalized (&document);
  check_finalized (&backend);
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
  g_autoptr(CellosExecutionCellDocument) document = new_document ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(CellosCellHandle) handle = NULL;
  g_autoptr(GError) error = NULL;

  if (backend == NULL)
    return;
  g_cancellable_cancel (cancellable);
  handle = create_with (form, backend, document, cancellable, &error);
  check_error (form_name (form), handle, error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
               "G_IO_ERROR_CANCELLED");
  check_finalized (&cancellable);
  check_finalized (&document);
  check_finalized (&backend);
}

static void
test_destroy_cancelled (gconstpointer data)
{
  Form form = GPOINTER_TO_INT (data);
  g_autoptr(CellosCellBackend) backend = new_backend ();
  g_autoptr(CellosExecutionCellDocument) document = new_document ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(CellosCellHandle) handle = NULL;
  g_autoptr(CellosTeardownReport) report = NULL;
  g_autoptr(GError) error = NULL;

  if (backend == NULL)
    return;
  handle = create_with (form, backend, document, NULL, &error);
  if (!check_created (form_name (form), document, handle, error))
    return;

  g_cancellable_cancel (cancellable);
  report = destroy_with (form, backend, handle, cancellable, &error);
  if (!check_error ("a cancelled destroy", report, error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                    "G_IO_ERROR_CANCELLED"))
    return;
  g_clear_error (&error);

  /* The cell is still there to destroy. */
  report = destroy_with (form, backend, handle, NULL, &error);
  if (!check_destroyed ("destroy after a cancelled destroy", handle, report, error))
    return;

  check_finalized (&report);
  check_finalized (&handle);
  check_finalized (&cancellable);
  check_finalized (&document);
  check_finalized (&backend);
}

typedef struct
{
  GCancellable *cancellable;
  gulong delay_usec;
  gint64 cancelled_at;
} CancelLater;

static gpointer
cancel_later (gpointer data)
{
  CancelLater *later = data;

  g_usleep (later->delay_usec);
  later->cancelled_at = g_get_monotonic_time ();
  g_cancellable_cancel (later->cancellable);
  return NULL;
}

/* Checks the outcome of a create that was cancelled while it ran: a
 * handle is a live cell, which is destroyed; an error is
 * G_IO_ERROR_CANCELLED and means no cell. */
static gboolean
check_cancelled_outcome (Form                         form,
                         CellosCellBackend           *backend,
                         CellosExecutionCellDocument *document,
                         CellosCellHandle            *handle,
                         const GError                *error,
                         gboolean                    *delivered)
{
  *delivered = handle != NULL;
  if (handle != NULL)
    {
      g_autoptr(CellosTeardownReport) report = NULL;
      g_autoptr(GError) destroy_error = NULL;

      if (!check_created (form_name (form), document, handle, error))
        return FALSE;
      report = destroy_with (form, backend, handle, NULL, &destroy_error);
      return check_destroyed ("destroy of a cell delivered despite cancellation", handle, report,
                              destroy_error);
    }
  return check_error ("a cancelled create", handle, error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                      "G_IO_ERROR_CANCELLED or a handle");
}

/* Cancellation from another thread at random points before, during and
 * after the backend's work. */
static void
test_cancelled_create_leaves_no_cell (gconstpointer data)
{
  Form form = GPOINTER_TO_INT (data);
  g_autoptr(CellosCellBackend) backend = new_backend ();
  g_autoptr(CellosExecutionCellDocument) document = NULL;
  guint delivered = 0, cancelled = 0;
  guint i;

  if (backend == NULL)
    return;
  for (i = 0; i < 50; i++)
    {
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      g_autoptr(CellosCellHandle) handle = NULL;
      g_autoptr(GError) error = NULL;
      CancelLater later = { cancellable, g_test_rand_int_range (0, 3000), 0 };
      GThread *canceller;
      gboolean was_delivered;

      g_clear_object (&document);
      document = new_document ();
      canceller = g_thread_new ("contract-cancel", cancel_later, &later);
      handle = create_with (form, backend, document, cancellable, &error);
      g_thread_join (canceller);

      if (!check_cancelled_outcome (form, backend, document, handle, error, &was_delivered))
        return;
      if (was_delivered)
        delivered++;
      else
        cancelled++;
    }

  g_test_message ("%u handles delivered, %u creates cancelled", delivered, cancelled);

  check_finalized (&document);
  check_finalized (&backend);
}

/* Cancels a create once it has started: for the asynchronous form as soon
 * as create_async has returned, for the synchronous form from another
 * thread shortly after the call. The backend sees the cancellation while
 * it works; whatever it was doing, it must end promptly, with its cell or
 * G_IO_ERROR_CANCELLED. A backend that never looks at its cancellable
 * keeps the caller waiting until it is done. */
static void
test_cancel_during_create (gconstpointer data)
{
  Form form = GPOINTER_TO_INT (data);
  g_autoptr(CellosCellBackend) backend = new_backend ();
  g_autoptr(CellosExecutionCellDocument) document = new_document ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(CellosCellHandle) handle = NULL;
  g_autoptr(GError) error = NULL;
  gint64 cancelled_at, ended_at;
  gboolean delivered;

  if (backend == NULL)
    return;

  if (form == SYNC)
    {
      CancelLater later = { cancellable, 20000, 0 };
      GThread *canceller = g_thread_new ("contract-cancel", cancel_later, &later);

      handle = create_with (form, backend, document, cancellable, &error);
      ended_at = g_get_monotonic_time ();
      g_thread_join (canceller);
      cancelled_at = later.cancelled_at;
    }
  else
    {
      g_autoptr(Completion) completion = completion_new ();

      cellos_cell_backend_create_async (backend, document, cancellable, on_complete, completion);
      cancelled_at = g_get_monotonic_time ();
      g_cancellable_cancel (cancellable);
      if (!completion_wait (completion, NULL, "create_async"))
        return;
      ended_at = g_get_monotonic_time ();
      handle = cellos_cell_backend_create_finish (backend, completion->result, &error);
      note_created (backend, "create_async", document, handle, error);
      g_clear_pointer (&completion, completion_free);
    }

  if (ended_at > cancelled_at && ended_at - cancelled_at > CANCEL_LATENCY_USEC)
    contract_fail ("%s ended %.1f s after it was cancelled (at most %.1f s is allowed): "
                   "the backend does not watch its cancellable",
                   form_name (form), (ended_at - cancelled_at) / (double) G_USEC_PER_SEC,
                   CANCEL_LATENCY_USEC / (double) G_USEC_PER_SEC);
  if (!check_cancelled_outcome (form, backend, document, handle, error, &delivered))
    return;
  g_test_message ("%s", delivered ? "the cell was delivered" : "the create was cancelled");

  check_finalized (&handle);
  check_finalized (&cancellable);
  check_finalized (&document);
  check_finalized (&backend);
}

typedef struct
{
  CellosCellBackend *backend;
  gboolean checked;
} ContextCheck;

static gboolean
check_delivered_here (Completion   *completion,
                      GMainContext *context,
                      const char   *what)
{
  if (completion->context != context || completion->thread != g_thread_self ())
    {
      contract_fail ("%s: the callback ran in another main context or thread than the caller's",
                     what);
      return FALSE;
    }
  return TRUE;
}

/* Runs both async operations from a thread whose thread-default context is
 * its own, and checks that each callback comes back on that thread, in
 * that context, and never before the call returned. */
static gpointer
run_in_own_context (gpointer data)
{
  ContextCheck *check = data;
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(CellosExecutionCellDocument) document = new_document ();
  g_autoptr(CellosCellHandle) handle = NULL;
  g_autoptr(CellosTeardownReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(Completion) created = completion_new ();
  g_autoptr(Completion) destroyed = completion_new ();

  g_main_context_push_thread_default (context);

  cellos_cell_backend_create_async (check->backend, document, NULL, on_complete, created);
  if (!completion_wait (created, context, "create_async") ||
      !check_delivered_here (created, context, "create_async"))
    goto out;
  handle = cellos_cell_backend_create_finish (check->backend, created->result, &error);
  note_created (check->backend, "create_async", document, handle, error);
  if (!check_created ("create_async", document, handle, error))
    goto out;

  cellos_cell_backend_destroy_async (check->backend, handle, NULL, on_complete, destroyed);
  if (!completion_wait (destroyed, context, "destroy_async") ||
      !check_delivered_here (destroyed, context, "destroy_async"))
    goto out;
  report = cellos_cell_backend_destroy_finish (check->backend, destroyed->result, &error);
  note_destroyed (check->backend, "destroy_async", handle, report);
  if (!check_destroyed ("destroy_async", handle, report, error))
    goto out;

  g_clear_pointer (&created, completion_free);
  g_clear_pointer (&destroyed, completion_free);
  check_finalized (&report);
  check_finalized (&handle);
  check_finalized (&document);
  check->checked = TRUE;

out:
  g_main_context_pop_thread_default (context);
  return NULL;
}

static void
test_callbacks_in_callers_context (gconstpointer data)
{
  g_autoptr(CellosCellBackend) backend = new_backend ();
  ContextCheck check = { backend, FALSE };

  if (backend == NULL)
    return;
  g_thread_join (g_thread_new ("contract-caller", run_in_own_context, &check));
  if (check.checked)
    check_finalized (&backend);
}

static void
test_callback_not_before_return_in_default_context (gconstpointer data)
{
  g_autoptr(CellosCellBackend) backend = new_backend ();
  g_autoptr(CellosExecutionCellDocument) document = new_document ();
  g_autoptr(CellosCellHandle) handle = NULL;
  g_autoptr(CellosTeardownReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(Completion) completion = completion_new ();

  if (backend == NULL)
    return;
  cellos_cell_backend_create_async (backend, document, NULL, on_complete, completion);
  if (!completion_wait (completion, NULL, "create_async") ||
      !check_delivered_here (completion, g_main_context_default (), "create_async"))
    return;
  handle = cellos_cell_backend_create_finish (backend, completion->result, &error);
  note_created (backend, "create_async", document, handle, error);
  if (!check_created ("create_async", document, handle, error))
    return;

  report = destroy_with (ASYNC, backend, handle, NULL, &error);
  if (!check_destroyed ("destroy_async", handle, report, error))
    return;

  g_clear_pointer (&completion, completion_free);
  check_finalized (&report);
  check_finalized (&handle);
  check_finalized (&document);
  check_finalized (&backend);
}

/* Both forms make and tear down a cell the same way: each for a document
 * of its own, so that a backend keyed by cell id never sees two live
 * cells of one id. */
static void
test_sync_and_async_agree (gconstpointer data)
{
  g_autoptr(CellosCellBackend) backend = new_backend ();
  g_autoptr(CellosExecutionCellDocument) sync_document = new_document ();
  g_autoptr(CellosExecutionCellDocument) async_document = new_document ();
  g_autoptr(CellosCellHandle) sync_handle = NULL;
  g_autoptr(CellosCellHandle) async_handle = NULL;
  g_autoptr(CellosTeardownReport) sync_report = NULL;
  g_autoptr(CellosTeardownReport) async_report = NULL;
  g_autoptr(GError) error = NULL;

  if (backend == NULL)
    return;
  sync_handle = create_with (SYNC, backend, sync_document, NULL, &error);
  if (!check_created ("create", sync_document, sync_handle, error))
    return;
  sync_report = destroy_with (SYNC, backend, sync_handle, NULL, &error);
  if (!check_destroyed ("destroy", sync_handle, sync_report, error))
    return;

  async_handle = create_with (ASYNC, backend, async_document, NULL, &error);
  if (!check_created ("create_async", async_document, async_handle, error))
    return;
  async_report = destroy_with (ASYNC, backend, async_handle, NULL, &error);
  if (!check_destroyed ("destroy_async", async_handle, async_report, error))
    return;

  if ((cellos_cell_handle_get_cgroup_path (sync_handle) == NULL) !=
      (cellos_cell_handle_get_cgroup_path (async_handle) == NULL))
    contract_fail ("create and create_async disagree on whether a cell has a cgroup path");
  if (cellos_teardown_report_get_peers_tracked_after (sync_report) !=
      cellos_teardown_report_get_peers_tracked_after (async_report))
    contract_fail ("destroy and destroy_async disagree on the peers tracked after");

  check_finalized (&sync_report);
  check_finalized (&async_report);
  check_finalized (&sync_handle);
  check_finalized (&async_handle);
  check_finalized (&sync_document);
  check_finalized (&async_document);
  check_finalized (&backend);
}

/* TRUE if the backend lists its cells. If it cannot (it answers
 * CELLOS_ERROR_NOT_SUPPORTED) the test is skipped, saying why; any other
 * error fails it. */
static gboolean
require_listing (CellosCellBackend *backend)
{
  g_autoptr(GHashTable) cells = NULL;
  g_autoptr(GError) error = NULL;

  cells = list_cells (backend, &error);
  if (cells != NULL)
    return TRUE;
  if (g_error_matches (error, CELLOS_ERROR, CELLOS_ERROR_NOT_SUPPORTED))
    {
      g_autofree char *name = error_name (error);

      contract_skip ("the backend cannot list its cells (%s: %s)", name, error->message);
    }
  else
    {
      g_autofree char *why = describe_error (error);

      contract_fail ("listing failed: %s", why);
    }
  return FALSE;
}

/* The backend's listing as a table, or NULL with the test failed. */
static GHashTable *
list_or_fail (CellosCellBackend *backend,
              const char        *after)
{
  g_autoptr(GError) error = NULL;
  GHashTable *cells = list_cells (backend, &error);

  if (cells == NULL)
    {
      g_autofree char *why = describe_error (error);

      contract_fail ("listing failed %s: %s", after, why);
    }
  return cells;
}

/* How a test destroys the cell it found in the listing. */
typedef enum {
  THROUGH_LISTED_HANDLE,
  THROUGH_HANDLE_REBUILT_FROM_ID
} ListedDestroy;

/* Creates a cell, finds it in the listing and destroys it through the
 * handle listed, or through one rebuilt from the listed id alone, as a
 * supervisor that stored only ids does after a restart: destroy must
 * accept it and report the cell destroyed, and the next listing must not
 * have the cell. */
static void
destroy_listed_cell (Form          form,
                     ListedDestroy through)
{
  g_autoptr(CellosCellBackend) backend = new_backend ();
  g_autoptr(CellosExecutionCellDocument) document = new_document ();
  g_autoptr(CellosCellHandle) handle = NULL;
  g_autoptr(CellosCellHandle) listed = NULL;
  g_autoptr(CellosTeardownReport) report = NULL;
  g_autoptr(GHashTable) cells = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *what = NULL;
  const char *id;

  if (backend == NULL || !require_listing (backend))
    return;
  handle = create_with (form, backend, document, NULL, &error);
  if (!check_created (form_name (form), document, handle, error))
    return;
  id = cellos_cell_handle_get_cell_id (handle);

  cells = list_or_fail (backend, "after the create");
  if (cells == NULL)
    return;
  if (!g_hash_table_contains (cells, id))
    {
      contract_fail ("cell %s is not listed, although its %s handed it over", id,
                     form_name (form));
      return;
    }
  if (through == THROUGH_LISTED_HANDLE)
    {
      listed = g_object_ref (g_hash_table_lookup (cells, id));
      what = g_strdup_printf ("%s, through the handle the listing returned,",
                              form == SYNC ? "destroy" : "destroy_async");
    }
  else
    {
      listed = cellos_cell_handle_new (id, NULL);
      what = g_strdup_printf ("%s, through a handle rebuilt from the listed id with "
                              "cellos_cell_handle_new (id, NULL),",
                              form == SYNC ? "destroy" : "destroy_async");
    }
  g_clear_pointer (&cells, g_hash_table_unref);

  report = destroy_with (form, backend, listed, NULL, &error);
  if (!check_destroyed (what, listed, report, error))
    return;

  cells = list_or_fail (backend, "after the destroy");
  if (cells == NULL)
    return;
  if (g_hash_table_contains (cells, id))
    contract_fail ("cell %s is still listed after its %s reported it destroyed", id, what);
  g_clear_pointer (&cells, g_hash_table_unref);

  check_finalized (&report);
  check_finalized (&listed);
  check_finalized (&handle);
  check_finalized (&document);
  check_finalized (&backend);
}

static void
test_destroy_accepts_listed_handle (gconstpointer data)
{
  destroy_listed_cell (GPOINTER_TO_INT (data), THROUGH_LISTED_HANDLE);
}

static void
test_destroy_accepts_handle_rebuilt_from_listed_id (gconstpointer data)
{
  destroy_listed_cell (GPOINTER_TO_INT (data), THROUGH_HANDLE_REBUILT_FROM_ID);
}

/* Runs @finish with GLib's criticals not fatal for once: refusing a
 * result may be a critical from the interface (a programmer error, as in
 * GIO) or an error from the backend's own finish; either is a refusal. */
typedef enum {
  FINISH_CREATE,
  FINISH_DESTROY
} Finish;

/* The interface's critical is the refusal this test expects: not noise
 * for the reader of the runner's output. */
static void
ignore_refusal (const char     *log_domain,
                GLogLevelFlags  log_level,
                const char     *message,
                gpointer        user_data)
{
}

static gpointer
finish_leniently (Finish             finish,
                  CellosCellBackend *backend,
                  GAsyncResult      *result)
{
  GLogLevelFlags fatal = g_log_set_always_fatal (G_LOG_FATAL_MASK);
  guint handler = g_log_set_handler ("Cellos", G_LOG_LEVEL_CRITICAL, ignore_refusal, NULL);
  g_autoptr(GError) error = NULL;
  gpointer value;

  if (finish == FINISH_CREATE)
    value = cellos_cell_backend_create_finish (backend, result, &error);
  else
    value = cellos_cell_backend_destroy_finish (backend, result, &error);
  g_log_remove_handler ("Cellos", handler);
  g_log_set_always_fatal (fatal);
  return value;
}

static void
test_finish_refuses_other_operations_result (gconstpointer data)
{
  g_autoptr(CellosCellBackend) backend = new_backend ();
  g_autoptr(CellosExecutionCellDocument) document = new_document ();
  g_autoptr(CellosCellHandle) handle = NULL;
  g_autoptr(CellosTeardownReport) report = NULL;
  g_autoptr(Completion) created = completion_new ();
  g_autoptr(Completion) destroyed = completion_new ();
  gpointer wrong;

  if (backend == NULL)
    return;
  cellos_cell_backend_create_async (backend, document, NULL, on_complete, created);
  if (!completion_wait (created, NULL, "create_async"))
    return;
  wrong = finish_leniently (FINISH_DESTROY, backend, created->result);
  if (wrong != NULL)
    {
      contract_fail ("destroy_finish accepted the result of create_async");
      g_object_unref (wrong);
    }
  /* The interface refused it before the backend saw it, so the handle is
   * still to be had; a backend's own finish may have taken it. */
  handle = finish_leniently (FINISH_CREATE, backend, created->result);
  if (handle == NULL)
    return;
  note_created (backend, "create_async", document, handle, NULL);

  cellos_cell_backend_destroy_async (backend, handle, NULL, on_complete, destroyed);
  if (!completion_wait (destroyed, NULL, "destroy_async"))
    return;
  wrong = finish_leniently (FINISH_CREATE, backend, destroyed->result);
  if (wrong != NULL)
    {
      contract_fail ("create_finish accepted the result of destroy_async");
      g_object_unref (wrong);
    }
  report = finish_leniently (FINISH_DESTROY, backend, destroyed->result);
  /* NULL: the backend's own finish took the report, and the cell with it. */
  ledger_remove (handle);
  live_set_forget (cellos_cell_handle_get_cell_id (handle), "a destroyed cell is still listed",
                   "its destroy_async completed");
  live_set_check (backend, "after destroy_async of cell %s", cellos_cell_handle_get_cell_id (handle));
  if (report == NULL)
    return;
  check_destroyed ("destroy_async", handle, report, NULL);

  g_clear_pointer (&created, completion_free);
  g_clear_pointer (&destroyed, completion_free);
  check_finalized (&report);
  check_finalized (&handle);
  check_finalized (&document);
  check_finalized (&backend);
}

/* Every test runs in a process of its own, with a deadline, so that one
 * that crashes or hangs fails alone and the others still run; in that
 * process the runner destroys every cell the test left. */
typedef struct
{
  const char *path;
  GTestDataFunc func;
  Form form;
} ContractTest;

static const ContractTest contract_tests[] = {
  { "/contract/sync/lifecycle", test_lifecycle, SYNC },
  { "/contract/async/lifecycle", test_lifecycle, ASYNC },
  { "/contract/sync/empty-id-is-invalid-spec", test_empty_id_is_invalid_spec, SYNC },
  { "/contract/async/empty-id-is-invalid-spec", test_empty_id_is_invalid_spec, ASYNC },
  { "/contract/sync/missing-id-is-invalid-spec", test_missing_id_is_invalid_spec, SYNC },
  { "/contract/async/missing-id-is-invalid-spec", test_missing_id_is_invalid_spec, ASYNC },
  { "/contract/sync/create-cancelled", test_create_cancelled, SYNC },
  { "/contract/async/create-cancelled", test_create_cancelled, ASYNC },
  { "/contract/sync/destroy-cancelled", test_destroy_cancelled, SYNC },
  { "/contract/async/destroy-cancelled", test_destroy_cancelled, ASYNC },
  { "/contract/sync/cancel-during-create", test_cancel_during_create, SYNC },
  { "/contract/async/cancel-during-create", test_cancel_during_create, ASYNC },
  { "/contract/async/callback-not-before-return",
    test_callback_not_before_return_in_default_context, ASYNC },
  { "/contract/async/callbacks-in-callers-context", test_callbacks_in_callers_context, ASYNC },
  { "/contract/sync-and-async-agree", test_sync_and_async_agree, ASYNC },
  { "/contract/async/finish-refuses-other-operations-result",
    test_finish_refuses_other_operations_result, ASYNC },
  { "/contract/sync/cancelled-create-leaves-no-cell", test_cancelled_create_leaves_no_cell, SYNC },
  { "/contract/async/cancelled-create-leaves-no-cell", test_cancelled_create_leaves_no_cell, ASYNC },
  { "/contract/sync/destroy-accepts-listed-handle", test_destroy_accepts_listed_handle, SYNC },
  { "/contract/async/destroy-accepts-listed-handle", test_destroy_accepts_listed_handle, ASYNC },
  { "/contract/sync/destroy-accepts-handle-rebuilt-from-listed-id",
    test_destroy_accepts_handle_rebuilt_from_listed_id, SYNC },
  { "/contract/async/destroy-accepts-handle-rebuilt-from-listed-id",
    test_destroy_accepts_handle_rebuilt_from_listed_id, ASYNC },
};

/* Destroys the cells a test left, and checks the live set once more: a
 * backend that lists its cells shows those it kept although the runner
 * holds none, which are destroyed too, through the handles listed. */
static void
clean_up (void)
{
  g_autoptr(CellosCellBackend) backend = cellos_cell_backend_new_for_name (backend_name, NULL);
  g_autoptr(GHashTable) cells = NULL;
  GHashTableIter iter;
  gpointer key, value;

  while (ledger->len > 0)
    {
      g_autoptr(CellosCellHandle) handle = g_object_ref (g_ptr_array_index (ledger, 0));
      const char *id = cellos_cell_handle_get_cell_id (handle);
      g_autoptr(CellosTeardownReport) report = NULL;
      g_autoptr(GError) error = NULL;

      g_ptr_array_remove_index (ledger, 0);
      if (backend != NULL)
        report = cellos_cell_backend_destroy (backend, handle, NULL, &error);
      if (report == NULL)
        contract_fail ("could not destroy cell %s the test left: %s", id,
                       error != NULL ? error->message : "no backend");
      else if (!cellos_teardown_report_get_destroyed (report))
        contract_fail ("could not destroy cell %s the test left: the report says not destroyed", id);
      else
        {
          g_printerr ("# %s: destroyed cell %s the test left\n", g_test_get_path (), id);
          live_set_forget (id, "a destroyed cell is still listed",
                           "the runner's clean-up destroy reported it destroyed");
        }
    }

  if (backend == NULL || live_set.mode == LIVE_SET_UNPROBED)
    return;
  live_set_check (backend, "after the test, once the runner destroyed the cells it held");
  if (live_set.mode != LIVE_SET_LISTED)
    return;

  cells = list_cells (backend, NULL);
  if (cells == NULL)
    return;
  g_hash_table_iter_init (&iter, cells);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autoptr(CellosTeardownReport) report = NULL;

      if (!g_str_has_prefix (key, cell_id_prefix ()))
        continue;
      report = cellos_cell_backend_destroy (backend, value, NULL, NULL);
      if (report != NULL && cellos_teardown_report_get_destroyed (report))
        g_printerr ("# %s: destroyed cell %s the backend kept, by the report\n", live_set.path,
                    (char *) key);
    }

  /* What a destroy that lies leaves behind, or one that fails. */
  g_clear_pointer (&cells, g_hash_table_unref);
  cells = list_cells (backend, NULL);
  if (cells == NULL)
    return;
  g_hash_table_iter_init (&iter, cells);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (g_str_has_prefix (key, cell_id_prefix ()))
      g_printerr ("# %s: cell %s is left behind: the backend still lists it after the runner "
                  "destroyed it\n", live_set.path, (char *) key);
}

/* Writes what a test process has to tell the runner to the file the
 * runner named, as a key file: in the group "test", why it skipped the
 * test ("skip"), if it did; in the group "live-set", what it found of
 * the live set, an "outcome" (pass, fail or skip) and a "detail" saying
 * more. */
static void
write_report (void)
{
  const char *file = g_getenv (REPORT_VARIABLE);
  g_autoptr(GKeyFile) report = NULL;
  g_autofree char *detail = NULL;
  const char *outcome;

  if (file == NULL)
    return;
  if (live_set.mode == LIVE_SET_UNCHECKABLE)
    {
      outcome = "skip";
      detail = g_strdup (live_set.skip_reason);
    }
  else if (live_set.mode == LIVE_SET_UNPROBED)
    {
      outcome = "fail";
      detail = g_strdup ("the live set was never checked: the test ended before its "
                         "first operation");
    }
  else if (live_set.failures > 0)
    {
      outcome = "fail";
      detail = g_strdup_printf ("%u of %u checks of the live set failed; the "
                                "violations are on standard error",
                                live_set.failures, live_set.checks);
    }
  else
    {
      outcome = "pass";
      detail = g_strdup_printf ("%u checks of the live set, %s", live_set.checks,
                                live_set.mode == LIVE_SET_LISTED
                                ? "by listing the backend's cells"
                                : "by the backend's \"live-cells\" count");
    }

  report = g_key_file_new ();
  if (skip_reason != NULL)
    g_key_file_set_string (report, "test", "skip", skip_reason);
  g_key_file_set_string (report, "live-set", "outcome", outcome);
  g_key_file_set_string (report, "live-set", "detail", detail);
  g_key_file_save_to_file (report, file, NULL);
}

/* Runs @test in the test process. */
static void
run_in_test_process (const ContractTest *test)
{
  if (g_strcmp0 (g_getenv (TEST_PATH_VARIABLE), g_test_get_path ()) != 0)
    return;
  test_form = test->form;
  ledger = g_ptr_array_new_with_free_func (g_object_unref);
  live_set_init (g_test_get_path ());
  test->func (GINT_TO_POINTER (test->form));
  clean_up ();
  write_report ();
  g_clear_pointer (&ledger, g_ptr_array_unref);
  g_clear_pointer (&live_set.gone, g_hash_table_unref);
  g_clear_pointer (&live_set.named, g_hash_table_unref);
  g_clear_pointer (&live_set.path, g_free);
  g_clear_pointer (&live_set.skip_reason, g_free);
  g_clear_pointer (&skip_reason, g_free);
}

/* What the process of a test reported: why it skipped the test, if it
 * did, and what it found of the live set, for the companion. */
typedef struct
{
  gboolean ran;
  char *skip;
  char *outcome;
  char *detail;
} Verdict;

static Verdict verdicts[G_N_ELEMENTS (contract_tests)];

/* Runs the current test in a process of its own, with a deadline, and
 * keeps what it reported; TRUE if it passed. */
static gboolean
run_test_process (const ContractTest *test)
{
  Verdict *verdict = &verdicts[test - contract_tests];
  g_autoptr(GError) error = NULL;
  g_autoptr(GKeyFile) report = g_key_file_new ();
  g_autofree char *file = NULL;
  gboolean passed;
  int fd;

  fd = g_file_open_tmp ("cellos-contract-XXXXXX", &file, &error);
  if (fd < 0)
    {
      contract_fail ("cannot make a file for the test's process to report in: %s", error->message);
      return FALSE;
    }
  close (fd);

  g_setenv (REPORT_VARIABLE, file, TRUE);
  g_setenv (TEST_PATH_VARIABLE, g_test_get_path (), TRUE);
  g_test_trap_subprocess (NULL, test_seconds * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_unsetenv (TEST_PATH_VARIABLE);
  g_unsetenv (REPORT_VARIABLE);
  passed = g_test_trap_has_passed ();

  /* A process that ended before it reported left the file empty: no
   * outcome, which the companion reports. */
  verdict->ran = TRUE;
  if (g_key_file_load_from_file (report, file, G_KEY_FILE_NONE, NULL))
    {
      verdict->skip = g_key_file_get_string (report, "test", "skip", NULL);
      verdict->outcome = g_key_file_get_string (report, "live-set", "outcome", NULL);
      verdict->detail = g_key_file_get_string (report, "live-set", "detail", NULL);
    }
  g_unlink (file);
  return passed;
}

static void
run_contract_test (gconstpointer data)
{
  const ContractTest *test = data;
  Verdict *verdict = &verdicts[test - contract_tests];

  if (g_test_subprocess ())
    {
      run_in_test_process (test);
      return;
    }

  if (!run_test_process (test))
    g_test_message ("the test failed in its process (a contract violation, a crash, or more than "
                    "%u s); its messages are on standard error", test_seconds);
  g_test_trap_assert_passed ();
  /* Only a test that passed is reported skipped: a skip after a failure
   * would hide the failure. */
  if (g_test_trap_has_passed () && verdict->skip != NULL)
    g_test_skip (verdict->skip);
}

/* Reports on the live set from the run of its test, running the test
 * first if it was not run (as with -p TEST/live-set). */
static void
run_live_set_test (gconstpointer data)
{
  const ContractTest *test = data;
  Verdict *verdict = &verdicts[test - contract_tests];

  if (g_test_subprocess ())
    {
      run_in_test_process (test);
      return;
    }

  if (!verdict->ran)
    run_test_process (test);
  if (verdict->outcome == NULL)
    contract_fail ("the test's process ended before it reported on the live set "
                   "(it crashed, or ran out of time)");
  else if (g_str_equal (verdict->outcome, "skip"))
    g_test_skip (verdict->detail);
  else if (g_str_equal (verdict->outcome, "pass") && verdict->skip != NULL)
    {
      /* The checks before the test gave up passed, but a companion that
       * reads as passed would claim more than was checked. */
      g_autofree char *why = g_strdup_printf ("its test was skipped: %s", verdict->skip);

      g_test_skip (why);
    }
  else if (g_str_equal (verdict->outcome, "pass"))
    g_test_message ("%s", verdict->detail);
  else
    contract_fail ("%s", verdict->detail);
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

static void
print_usage (void)
{
  g_print ("Usage:\n"
           "  cellos-backend-contract --backend NAME [GTest options]\n"
           "  cellos-backend-contract --benchmark --backend NAME [--cells N] [--concurrency C]\n"
           "                          [--timeout SECONDS] [--json]\n"
           "\n"
           "Checks the backend NAME, built in or loaded from a module, against the\n"
           "CellosCellBackend contract: every rule of the interface, one test each, each in\n"
           "a process of its own with a deadline. After every operation the runner lists\n"
           "the backend's cells (list_cells) and compares them with what it made and\n"
           "destroyed; TEST/live-set reports these checks for TEST. A backend that cannot\n"
           "list (CELLOS_ERROR_NOT_SUPPORTED) is counted through its \"live-cells\"\n"
           "property if it has one; if it has neither, every TEST/live-set is skipped,\n"
           "saying why. A backend that lists must list handles destroy accepts: the\n"
           "destroy-accepts-* tests destroy a cell through the handle listed, and one\n"
           "through a handle rebuilt from the listed id alone; they are skipped, saying\n"
           "why, for a backend that cannot list. The cells a test leaves, and those a\n"
           "backend kept, are destroyed.\n"
           "\n"
           "GTest options: --tap (TAP output), -p TESTPATH (run only TESTPATH and the\n"
           "tests below it), -s TESTPATH (skip it), -l (list the tests), -k (keep going),\n"
           "--verbose, --quiet.\n"
           "\n"
           "--benchmark measures the backend instead: for each concurrency level 1, 2, 4,\n"
           "... up to C (default 8), N cells (default 100) are created and destroyed, C in\n"
           "flight at a time, and the latency percentiles of create and destroy, the\n"
           "throughput and the peak resident set are printed as a table, or with --json as\n"
           "one JSON object per level. See --benchmark --help.\n"
           "\n"
           "Environment:\n"
           "  CELLOS_BACKEND_MODULE_DIR        the directory backend modules are loaded from\n"
           "  CELLOS_BACKEND_CONTRACT_TIMEOUT  seconds one test may take (default %d)\n"
           "\n"
           "Exit status: 0 if every test passed (or, with --benchmark, every operation\n"
           "succeeded), 1 if not, 2 on a usage error.\n", TEST_SECONDS);
}

int
main (int   argc,
      char *argv[])
{
  gsize i;
  int ret;

  /* Backends' messages are in the user's language and character set. */
  setlocale (LC_ALL, "");
  g_set_prgname ("cellos-backend-contract");

  for (i = 1; i < (gsize) argc; i++)
    {
      if (g_str_equal (argv[i], CELLOS_BACKEND_BENCH_OPTION))
        return cellos_backend_bench_main (argc, argv);
      if (g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h"))
        {
          print_usage ();
          return 0;
        }
    }

  if (!take_backend_option (&argc, &argv))
    {
      const char *inherited = g_getenv (BACKEND_VARIABLE);

      if (inherited == NULL || inherited[0] == '\0')
        {
          g_printerr ("Usage: %s --backend NAME [GTest options]\n"
                      "       %s --benchmark --backend NAME [--cells N] [--concurrency C] "
                      "[--json]\n"
                      "See %s --help.\n", argv[0], argv[0], argv[0]);
          return 2;
        }
      backend_name = g_strdup (inherited);
    }
  /* The test processes are started without the option. */
  g_setenv (BACKEND_VARIABLE, backend_name, TRUE);
  if (g_getenv (TIMEOUT_VARIABLE) != NULL)
    {
      guint64 seconds = 0;

      if (!g_ascii_string_to_unsigned (g_getenv (TIMEOUT_VARIABLE), 10, 1, G_MAXUINT / G_USEC_PER_SEC,
                                       &seconds, NULL))
        {
          g_printerr ("%s: %s must be a number of seconds\n", argv[0], TIMEOUT_VARIABLE);
          return 2;
        }
      test_seconds = (guint) seconds;
    }

  g_test_init (&argc, &argv, NULL);
  /* A failed check fails its test; the others still run. */
  g_test_set_nonfatal_assertions ();
  g_test_summary ("The CellosCellBackend contract, pinned on one registered backend");

  for (i = 0; i < G_N_ELEMENTS (contract_tests); i++)
    {
      g_autofree char *live_set_path = g_strconcat (contract_tests[i].path, LIVE_SET_SUFFIX, NULL);

      g_test_add_data_func (contract_tests[i].path, &contract_tests[i], run_contract_test);
      g_test_add_data_func (live_set_path, &contract_tests[i], run_live_set_test);
    }

  ret = g_test_run ();
  g_free (backend_name);
  return ret;
}
