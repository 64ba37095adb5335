/* cellos-cell-backend.c: the interface every cell backend implements
 *
 * Copyright 2026 The CellOS authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "cellos-cell-backend.h"
#include "cellos-error.h"
#include "cellos-i18n-private.h"

/**
 * CellosCellBackend:
 *
 * A cell backend turns an execution cell document into an isolation context
 * ([method@Cellos.CellBackend.create]) and tears it down again
 * ([method@Cellos.CellBackend.destroy]).
 *
 * Every backend keeps the rules of GIO's asynchronous operations: the
 * callback of an `_async` call never runs before the call returns, it runs
 * in the thread-default main context of the caller at the time of the
 * call, the finish function gives exactly one of a result or an error, and
 * an operation cancelled through its #GCancellable fails with
 * %G_IO_ERROR_CANCELLED.
 *
 * An implementation provides either the synchronous virtual methods or the
 * asynchronous ones; the interface builds the other side on them.
 *
 * Since 1.2 a backend may also list the cells it holds now
 * ([method@Cellos.CellBackend.list_cells]), so that a supervisor restarted
 * after a crash finds the cells it made before; one that keeps no account
 * of its cells fails that with %CELLOS_ERROR_NOT_SUPPORTED. A caller that
 * must not wait forever gives create or destroy a deadline
 * ([method@Cellos.CellBackend.create_with_timeout_async]).
 *
 * The public functions hold every backend to these rules, as GIO holds its
 * streams to theirs:
 *
 * - Exactly one of a result or an error comes back. A backend that returns
 *   neither, both, or a result of the wrong type fails the call with
 *   %CELLOS_ERROR_FAILED, naming the backend's type and the operation.
 * - A finish function given the result of the other operation, or of
 *   another backend, is a programmer error: it fails with a critical and
 *   returns %NULL, as GIO's finish functions do.
 * - No cell is ever lost. A handle that comes back is the caller's cell,
 *   even if the caller cancelled meanwhile; %G_IO_ERROR_CANCELLED means no
 *   cell exists. When the interface runs a backend's synchronous `create`
 *   in a thread (the default `create_async`) and the operation is
 *   cancelled while the backend makes the cell, the interface destroys the
 *   cell through the backend before reporting the cancellation; if that
 *   teardown fails, the handle is delivered instead.
 *
 * Since: 1.0
 */

G_DEFINE_INTERFACE (CellosCellBackend, cellos_cell_backend, G_TYPE_OBJECT)

static CellosCellHandle *cellos_cell_backend_real_create        (CellosCellBackend            *self,
                                                                 CellosExecutionCellDocument  *document,
                                                                 GCancellable                 *cancellable,
                                                                 GError                      **error);
static void              cellos_cell_backend_real_create_async  (CellosCellBackend            *self,
                                                                 CellosExecutionCellDocument  *document,
                                                                 GCancellable                 *cancellable,
                                                                 GAsyncReadyCallback           callback,
                                                                 gpointer                      user_data);
static CellosTeardownReport *cellos_cell_backend_real_destroy   (CellosCellBackend            *self,
                                                                 CellosCellHandle             *handle,
                                                                 GCancellable                 *cancellable,
                                                                 GError                      **error);
static void              cellos_cell_backend_real_destroy_async (CellosCellBackend            *self,
                                                                 CellosCellHandle             *handle,
                                                                 GCancellable                 *cancellable,
                                                                 GAsyncReadyCallback           callback,
                                                                 gpointer                      user_data);

static GList *           cellos_cell_backend_real_list_cells       (CellosCellBackend    *self,
                                                                    GCancellable         *cancellable,
                                                                    GError              **error);
static void              cellos_cell_backend_real_list_cells_async (CellosCellBackend    *self,
                                                                    GCancellable         *cancellable,
                                                                    GAsyncReadyCallback   callback,
                                                                    gpointer              user_data);

/* Synchronous defaults: run the asynchronous side on a main context of
 * their own and wait for it, as GIO's synchronous wrappers do. Every call
 * makes a fresh context, pushes it as the thread default while the backend
 * starts its operation and until the result arrives, then pops it and
 * drops it. Whatever sources the backend leaves attached to it go with it:
 * none can run in a later call, nor in a context of the caller's. Its
 * price, an eventfd opened and closed per call (in time about what the
 * operation's GTask costs), is part of the benchmark's floor for this
 * path (docs/PERFORMANCE.md). */

typedef struct _SyncCall SyncCall;

struct _SyncCall
{
  GMainContext *context;
  GAsyncResult *result;
  gpointer      source;   /* the backend, which the result must come from */
  SyncCall     *outer;    /* the call this thread was waiting for before */
};

/* The innermost synchronous call this thread is waiting for. A callback
 * that comes back without its user_data (PyGObject 3.50 calls a C
 * callback that a Python backend was given with NULL for it) is matched
 * to the call by this and by its source object: the call iterates its own
 * context in this thread, where the backend's GTask returns. */
static GPrivate current_sync_call;

static void
sync_call_clear (SyncCall *call)
{
  g_clear_object (&call->result);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SyncCall, sync_call_clear)

static void
sync_call_begin (SyncCall *call,
                 gpointer  source)
{
  call->context = g_main_context_new ();
  call->result = NULL;
  call->source = source;
  call->outer = g_private_get (&current_sync_call);
  g_private_set (&current_sync_call, call);
  g_main_context_push_thread_default (call->context);
}

static void
store_result (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  SyncCall *call = user_data;

  if (call == NULL)
    {
      for (call = g_private_get (&current_sync_call); call != NULL; call = call->outer)
        if (call->source == (gpointer) source && call->result == NULL)
          break;
      if (call == NULL)
        return;
    }

  /* A backend that calls back twice gets its first result taken. */
  if (call->result == NULL)
    call->result = g_object_ref (result);
}

/* Iterates the call's context until the result arrives, then pops it and
 * drops it. */
static GAsyncResult *
sync_call_wait (SyncCall *call)
{
  while (call->result == NULL)
    g_main_context_iteration (call->context, TRUE);
  g_main_context_pop_thread_default (call->context);
  g_clear_pointer (&call->context, g_main_context_unref);
  g_private_set (&current_sync_call, call->outer);
  return call->result;
}

/* With neither side implemented, each default would call the other. */
static void
set_implements_nothing (GError **error)
{
  g_set_error_literal (error, CELLOS_ERROR, CELLOS_ERROR_FAILED,
                       _("The backend implements neither the synchronous nor the asynchronous methods"));
}

/* Exactly one of a result or an error, and a result of the type the
 * operation promises, whatever the backend returned: takes ownership of
 * @result and @backend_error and gives the caller one or the other. */
static gpointer
check_outcome (gpointer     self,
               const char  *operation,
               GType        expected_type,
               gpointer     result,
               GError      *backend_error,
               GError     **error)
{
  if (backend_error == NULL && result != NULL &&
      G_TYPE_CHECK_INSTANCE_TYPE (result, expected_type))
    return result;

  if (result == NULL && backend_error != NULL)
    {
      g_propagate_error (error, backend_error);
      return NULL;
    }

  if (result == NULL)
    g_set_error (error, CELLOS_ERROR, CELLOS_ERROR_FAILED,
                 /* Translators: the first %s is a backend's type name,
                  * the second an operation, “create” or “destroy”. */
                 _("The cell backend %s returned neither a result nor an error from %s"),
                 G_OBJECT_TYPE_NAME (self), operation);
  else if (backend_error != NULL)
    g_set_error (error, CELLOS_ERROR, CELLOS_ERROR_FAILED,
                 /* Translators: the first %s is a backend's type name,
                  * the second an operation, “create” or “destroy”, the
                  * third the backend's error message. */
                 _("The cell backend %s returned both a result and an error from %s: %s"),
                 G_OBJECT_TYPE_NAME (self), operation, backend_error->message);
  else
    g_set_error (error, CELLOS_ERROR, CELLOS_ERROR_FAILED,
                 /* Translators: the first %s is a backend's type name,
                  * the second and third are type names, the fourth an
                  * operation, “create” or “destroy”. */
                 _("The cell backend %s returned a %s instead of a %s from %s"),
                 G_OBJECT_TYPE_NAME (self),
                 G_IS_OBJECT (result) ? G_OBJECT_TYPE_NAME (result) : "non-object",
                 g_type_name (expected_type), operation);

  g_clear_error (&backend_error);
  if (result != NULL && G_IS_OBJECT (result))
    g_object_unref (result);
  return NULL;
}

static CellosCellHandle *
check_create_outcome (gpointer           self,
                      CellosCellHandle  *handle,
                      GError            *backend_error,
                      GError           **error)
{
  return check_outcome (self, "create", CELLOS_TYPE_CELL_HANDLE, handle, backend_error, error);
}

static CellosTeardownReport *
check_destroy_outcome (gpointer               self,
                       CellosTeardownReport  *report,
                       GError                *backend_error,
                       GError               **error)
{
  return check_outcome (self, "destroy", CELLOS_TYPE_TEARDOWN_REPORT, report, backend_error, error);
}

static CellosCellHandle *
cellos_cell_backend_real_create (CellosCellBackend            *self,
                                 CellosExecutionCellDocument  *document,
                                 GCancellable                 *cancellable,
                                 GError                      **error)
{
  CellosCellBackendInterface *iface = CELLOS_CELL_BACKEND_GET_IFACE (self);
  g_auto(SyncCall) call = { NULL, NULL, NULL, NULL };

  if (iface->create_async == cellos_cell_backend_real_create_async)
    {
      set_implements_nothing (error);
      return NULL;
    }

  sync_call_begin (&call, self);
  iface->create_async (self, document, cancellable, store_result, &call);
  return iface->create_finish (self, sync_call_wait (&call), error);
}

static CellosTeardownReport *
cellos_cell_backend_real_destroy (CellosCellBackend  *self,
                                  CellosCellHandle   *handle,
                                  GCancellable       *cancellable,
                                  GError            **error)
{
  CellosCellBackendInterface *iface = CELLOS_CELL_BACKEND_GET_IFACE (self);
  g_auto(SyncCall) call = { NULL, NULL, NULL, NULL };

  if (iface->destroy_async == cellos_cell_backend_real_destroy_async)
    {
      set_implements_nothing (error);
      return NULL;
    }

  sync_call_begin (&call, self);
  iface->destroy_async (self, handle, cancellable, store_result, &call);
  return iface->destroy_finish (self, sync_call_wait (&call), error);
}

/* Asynchronous defaults: run the synchronous side in a GTask thread. */

/* A cell made after the caller cancelled would reach nobody: GTask turns a
 * result returned after cancellation into G_IO_ERROR_CANCELLED and frees
 * the handle, and with it the only way to tear the cell down. So the task
 * does not check its cancellable itself; this function does, and destroys
 * such a cell before reporting the cancellation. */
static void
create_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  CellosCellBackend *self = source_object;
  GError *backend_error = NULL;
  GError *error = NULL;
  CellosCellHandle *handle;

  handle = CELLOS_CELL_BACKEND_GET_IFACE (self)->create (self, task_data, cancellable, &backend_error);
  handle = check_create_outcome (self, handle, backend_error, &error);

  if (handle != NULL && g_cancellable_is_cancelled (cancellable))
    {
      g_autoptr(CellosTeardownReport) report = NULL;
      g_autoptr(GError) teardown_error = NULL;

      report = cellos_cell_backend_destroy (self, handle, NULL, &teardown_error);
      if (report != NULL && cellos_teardown_report_get_destroyed (report))
        {
          g_clear_object (&handle);
          g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               _("Operation was cancelled"));
        }
      else
        g_debug ("A cell created after cancellation could not be torn down (%s); "
                 "it is delivered to the caller instead",
                 teardown_error != NULL ? teardown_error->message : "not destroyed");
    }

  if (handle != NULL)
    g_task_return_pointer (task, handle, g_object_unref);
  else
    g_task_return_error (task, error);
}

static void
cellos_cell_backend_real_create_async (CellosCellBackend           *self,
                                       CellosExecutionCellDocument *document,
                                       GCancellable                *cancellable,
                                       GAsyncReadyCallback          callback,
                                       gpointer                     user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  GError *error = NULL;

  g_task_set_source_tag (task, cellos_cell_backend_real_create_async);

  if (CELLOS_CELL_BACKEND_GET_IFACE (self)->create == cellos_cell_backend_real_create)
    {
      set_implements_nothing (&error);
      g_task_return_error (task, error);
      return;
    }

  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, g_object_ref (document), g_object_unref);
  g_task_run_in_thread (task, create_in_thread);
}

/* The default finish functions take only the tasks the default
 * asynchronous functions made. A binding that overrides the start of an
 * operation but not its finish hands them a result of its own, which they
 * must not take apart as a GTask of theirs. */
static gpointer
propagate_default_task (gpointer       self,
                        GAsyncResult  *result,
                        gpointer       source_tag,
                        const char    *operation,
                        GError       **error)
{
  if (!g_task_is_valid (result, self) ||
      g_task_get_source_tag (G_TASK (result)) != source_tag)
    {
      g_set_error (error, CELLOS_ERROR, CELLOS_ERROR_FAILED,
                   /* Translators: the first %s is a backend's type name,
                    * the others an operation, “create” or “destroy”. */
                   _("The cell backend %s implements %s_async but not %s_finish"),
                   G_OBJECT_TYPE_NAME (self), operation, operation);
      return NULL;
    }

  return g_task_propagate_pointer (G_TASK (result), error);
}

static CellosCellHandle *
cellos_cell_backend_real_create_finish (CellosCellBackend  *self,
                                        GAsyncResult       *result,
                                        GError            **error)
{
  return propagate_default_task (self, result, cellos_cell_backend_real_create_async,
                                 "create", error);
}

static void
destroy_in_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  CellosCellBackend *self = source_object;
  GError *backend_error = NULL;
  GError *error = NULL;
  CellosTeardownReport *report;

  report = CELLOS_CELL_BACKEND_GET_IFACE (self)->destroy (self, task_data, cancellable, &backend_error);
  report = check_destroy_outcome (self, report, backend_error, &error);
  if (report != NULL)
    g_task_return_pointer (task, report, g_object_unref);
  else
    g_task_return_error (task, error);
}

static void
cellos_cell_backend_real_destroy_async (CellosCellBackend   *self,
                                        CellosCellHandle    *handle,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  GError *error = NULL;

  g_task_set_source_tag (task, cellos_cell_backend_real_destroy_async);

  if (CELLOS_CELL_BACKEND_GET_IFACE (self)->destroy == cellos_cell_backend_real_destroy)
    {
      set_implements_nothing (&error);
      g_task_return_error (task, error);
      return;
    }

  g_task_set_task_data (task, g_object_ref (handle), g_object_unref);
  g_task_run_in_thread (task, destroy_in_thread);
}

static CellosTeardownReport *
cellos_cell_backend_real_destroy_finish (CellosCellBackend  *self,
                                         GAsyncResult       *result,
                                         GError            **error)
{
  return propagate_default_task (self, result, cellos_cell_backend_real_destroy_async,
                                 "destroy", error);
}

/* Listing is optional: a backend that implements neither side cannot
 * list, and says so. */
static void
set_cannot_list (gpointer   self,
                 GError   **error)
{
  g_set_error (error, CELLOS_ERROR, CELLOS_ERROR_NOT_SUPPORTED,
               /* Translators: %s is a backend's type name. */
               _("The cell backend %s cannot list its cells"),
               G_OBJECT_TYPE_NAME (self));
}

static void
handle_list_free (gpointer list)
{
  g_list_free_full (list, g_object_unref);
}

/* Exactly one of a list or an error (an empty list is NULL without an
 * error), and nothing but handles in the list: takes ownership of @cells
 * and @backend_error and gives the caller one or the other. */
static GList *
check_list_outcome (gpointer     self,
                    GList       *cells,
                    GError      *backend_error,
                    GError     **error)
{
  GList *l;

  if (backend_error != NULL)
    {
      if (cells == NULL)
        {
          g_propagate_error (error, backend_error);
          return NULL;
        }
      g_set_error (error, CELLOS_ERROR, CELLOS_ERROR_FAILED,
                   /* Translators: the first %s is a backend's type name,
                    * the second an operation, the third the backend's
                    * error message. */
                   _("The cell backend %s returned both a result and an error from %s: %s"),
                   G_OBJECT_TYPE_NAME (self), "list_cells", backend_error->message);
      g_clear_error (&backend_error);
      handle_list_free (cells);
      return NULL;
    }

  for (l = cells; l != NULL; l = l->next)
    if (!CELLOS_IS_CELL_HANDLE (l->data))
      break;
  if (l == NULL)
    return cells;

  g_set_error (error, CELLOS_ERROR, CELLOS_ERROR_FAILED,
               /* Translators: the first %s is a backend's type name,
                * the second and third are type names, the fourth an
                * operation. */
               _("The cell backend %s returned a %s instead of a %s from %s"),
               G_OBJECT_TYPE_NAME (self),
               G_IS_OBJECT (l->data) ? G_OBJECT_TYPE_NAME (l->data) : "non-object",
               g_type_name (CELLOS_TYPE_CELL_HANDLE), "list_cells");
  /* What is not an object is the backend's to free; it is left alone. */
  for (l = cells; l != NULL; l = l->next)
    if (G_IS_OBJECT (l->data))
      g_object_unref (l->data);
  g_list_free (cells);
  return NULL;
}

static GList *
cellos_cell_backend_real_list_cells (CellosCellBackend  *self,
                                     GCancellable       *cancellable,
                                     GError            **error)
{
  CellosCellBackendInterface *iface = CELLOS_CELL_BACKEND_GET_IFACE (self);
  g_auto(SyncCall) call = { NULL, NULL, NULL, NULL };

  if (iface->list_cells_async == cellos_cell_backend_real_list_cells_async)
    {
      set_cannot_list (self, error);
      return NULL;
    }

  sync_call_begin (&call, self);
  iface->list_cells_async (self, cancellable, store_result, &call);
  return iface->list_cells_finish (self, sync_call_wait (&call), error);
}

static void
list_cells_in_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  CellosCellBackend *self = source_object;
  GError *backend_error = NULL;
  GError *error = NULL;
  GList *cells;

  cells = CELLOS_CELL_BACKEND_GET_IFACE (self)->list_cells (self, cancellable, &backend_error);
  cells = check_list_outcome (self, cells, backend_error, &error);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, cells, handle_list_free);
}

static void
cellos_cell_backend_real_list_cells_async (CellosCellBackend   *self,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  GError *error = NULL;

  g_task_set_source_tag (task, cellos_cell_backend_real_list_cells_async);

  if (CELLOS_CELL_BACKEND_GET_IFACE (self)->list_cells == cellos_cell_backend_real_list_cells)
    {
      set_cannot_list (self, &error);
      g_task_return_error (task, error);
      return;
    }

  g_task_run_in_thread (task, list_cells_in_thread);
}

static GList *
cellos_cell_backend_real_list_cells_finish (CellosCellBackend  *self,
                                            GAsyncResult       *result,
                                            GError            **error)
{
  return propagate_default_task (self, result, cellos_cell_backend_real_list_cells_async,
                                 "list_cells", error);
}

static void
cellos_cell_backend_default_init (CellosCellBackendInterface *iface)
{
  iface->create = cellos_cell_backend_real_create;
  iface->create_async = cellos_cell_backend_real_create_async;
  iface->create_finish = cellos_cell_backend_real_create_finish;
  iface->destroy = cellos_cell_backend_real_destroy;
  iface->destroy_async = cellos_cell_backend_real_destroy_async;
  iface->destroy_finish = cellos_cell_backend_real_destroy_finish;
  iface->list_cells = cellos_cell_backend_real_list_cells;
  iface->list_cells_async = cellos_cell_backend_real_list_cells_async;
  iface->list_cells_finish = cellos_cell_backend_real_list_cells_finish;
}

/* A cancellable already cancelled when an operation starts fails it here,
 * for every backend, before the backend sees it: the contract holds even
 * for an implementation that forgets to look. */
static gboolean
report_if_cancelled (gpointer             self,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data,
                     gpointer             source_tag)
{
  if (!g_cancellable_is_cancelled (cancellable))
    return FALSE;

  g_task_report_new_error (self, callback, user_data, source_tag,
                           G_IO_ERROR, G_IO_ERROR_CANCELLED,
                           "%s", _("Operation was cancelled"));
  return TRUE;
}

/* The checks below ask a GTask, as nearly every result is, directly for
 * its source object and tag. Through g_async_result_get_source_object()
 * and g_async_result_is_tagged() alone (an interface dispatch each, and a
 * reference on the source object), and with a checked cast after the
 * type check, the finish functions cost 1,470 more instructions per
 * asynchronous stub cycle: 1.11 times the GTask floor in instructions,
 * over its budget of 1.10, instead of 1.06 (docs/PERFORMANCE.md). */

/* Whether @result belongs to @self, as g_task_is_valid() asks of a task:
 * a finish function must not take apart another object's result. */
static gboolean
result_is_from (GAsyncResult *result,
                gpointer      self)
{
  g_autoptr(GObject) source = NULL;

  if (G_IS_TASK (result))
    return g_task_get_source_object ((GTask *) result) == self;

  source = g_async_result_get_source_object (result);
  return source == self;
}

/* Whether @result is tagged with @tag. */
static gboolean
result_is_tagged (GAsyncResult *result,
                  gpointer      tag)
{
  if (G_IS_TASK (result))
    return tag != NULL && g_task_get_source_tag ((GTask *) result) == tag;

  return g_async_result_is_tagged (result, tag);
}

/* Whether @result is the other operation's: tagged by its public start
 * (a cancellation reported before the backend saw it), or by the
 * backend's own start function, which is how GIO implementations tag
 * their tasks (the interface's defaults included). */
static gboolean
result_is_tagged_by (GAsyncResult *result,
                     gpointer      public_tag,
                     gpointer      backend_tag)
{
  return result_is_tagged (result, public_tag) ||
         result_is_tagged (result, backend_tag);
}

/**
 * cellos_cell_backend_create:
 * @self: a #CellosCellBackend
 * @document: what the cell should be
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Creates a cell from @document and waits for it. This blocks the calling
 * thread; in a program with a main loop, use
 * [method@Cellos.CellBackend.create_async].
 *
 * A document with a missing or empty `spec.id` fails with
 * %CELLOS_ERROR_INVALID_SPEC; cancellation fails with %G_IO_ERROR_CANCELLED.
 *
 * Returns: (transfer full): a handle on the new cell, or %NULL on error
 *
 * Since: 1.0
 */
CellosCellHandle *
cellos_cell_backend_create (CellosCellBackend            *self,
                            CellosExecutionCellDocument  *document,
                            GCancellable                 *cancellable,
                            GError                      **error)
{
  CellosCellBackendInterface *iface;
  GError *backend_error = NULL;
  CellosCellHandle *handle;

  g_return_val_if_fail (CELLOS_IS_CELL_BACKEND (self), NULL);
  g_return_val_if_fail (CELLOS_IS_EXECUTION_CELL_DOCUMENT (document), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  iface = CELLOS_CELL_BACKEND_GET_IFACE (self);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  handle = iface->create (self, document, cancellable, &backend_error);
  return check_create_outcome (self, handle, backend_error, error);
}

/**
 * cellos_cell_backend_create_async:
 * @self: a #CellosCellBackend
 * @document: what the cell should be
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the cell is created or creation
 *   failed
 * @user_data: data for @callback
 *
 * Starts creating a cell from @document. @callback runs in the
 * thread-default main context of the calling thread, never before this
 * function returns; call [method@Cellos.CellBackend.create_finish] in it.
 *
 * Since: 1.0
 */
void
cellos_cell_backend_create_async (CellosCellBackend           *self,
                                  CellosExecutionCellDocument *document,
                                  GCancellable                *cancellable,
                                  GAsyncReadyCallback          callback,
                                  gpointer                     user_data)
{
  CellosCellBackendInterface *iface;

  g_return_if_fail (CELLOS_IS_CELL_BACKEND (self));
  g_return_if_fail (CELLOS_IS_EXECUTION_CELL_DOCUMENT (document));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  iface = CELLOS_CELL_BACKEND_GET_IFACE (self);

  if (report_if_cancelled (self, cancellable, callback, user_data,
                           cellos_cell_backend_create_async))
    return;

  iface->create_async (self, document, cancellable, callback, user_data);
}

/**
 * cellos_cell_backend_create_finish:
 * @self: a #CellosCellBackend
 * @result: the #GAsyncResult passed to the callback
 * @error: return location for a #GError
 *
 * Finishes an operation started with
 * [method@Cellos.CellBackend.create_async].
 *
 * Returns: (transfer full): a handle on the new cell, or %NULL on error
 *
 * Since: 1.0
 */
CellosCellHandle *
cellos_cell_backend_create_finish (CellosCellBackend  *self,
                                   GAsyncResult       *result,
                                   GError            **error)
{
  CellosCellBackendInterface *iface;
  GError *backend_error = NULL;
  CellosCellHandle *handle;

  g_return_val_if_fail (CELLOS_IS_CELL_BACKEND (self), NULL);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  g_return_val_if_fail (result_is_from (result, self), NULL);

  iface = CELLOS_CELL_BACKEND_GET_IFACE (self);
  g_return_val_if_fail (!result_is_tagged_by (result, cellos_cell_backend_destroy_async,
                                              iface->destroy_async), NULL);
  g_return_val_if_fail (!result_is_tagged_by (result, cellos_cell_backend_list_cells_async,
                                              iface->list_cells_async), NULL);

  if (result_is_tagged (result, cellos_cell_backend_create_async))
    return g_task_propagate_pointer (G_TASK (result), error);

  handle = iface->create_finish (self, result, &backend_error);
  return check_create_outcome (self, handle, backend_error, error);
}

/**
 * cellos_cell_backend_destroy:
 * @self: a #CellosCellBackend
 * @handle: the cell to tear down, as returned by create
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Tears down the cell @handle stands for and waits for it.
 *
 * Returns: (transfer full): a report on the teardown, or %NULL on error
 *
 * Since: 1.0
 */
CellosTeardownReport *
cellos_cell_backend_destroy (CellosCellBackend  *self,
                             CellosCellHandle   *handle,
                             GCancellable       *cancellable,
                             GError            **error)
{
  CellosCellBackendInterface *iface;
  GError *backend_error = NULL;
  CellosTeardownReport *report;

  g_return_val_if_fail (CELLOS_IS_CELL_BACKEND (self), NULL);
  g_return_val_if_fail (CELLOS_IS_CELL_HANDLE (handle), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  iface = CELLOS_CELL_BACKEND_GET_IFACE (self);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  report = iface->destroy (self, handle, cancellable, &backend_error);
  return check_destroy_outcome (self, report, backend_error, error);
}

/**
 * cellos_cell_backend_destroy_async:
 * @self: a #CellosCellBackend
 * @handle: the cell to tear down, as returned by create
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the cell is torn down or teardown
 *   failed
 * @user_data: data for @callback
 *
 * Starts tearing down the cell @handle stands for. @callback runs in the
 * thread-default main context of the calling thread, never before this
 * function returns; call [method@Cellos.CellBackend.destroy_finish] in it.
 *
 * Since: 1.0
 */
void
cellos_cell_backend_destroy_async (CellosCellBackend   *self,
                                   CellosCellHandle    *handle,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  CellosCellBackendInterface *iface;

  g_return_if_fail (CELLOS_IS_CELL_BACKEND (self));
  g_return_if_fail (CELLOS_IS_CELL_HANDLE (handle));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  iface = CELLOS_CELL_BACKEND_GET_IFACE (self);

  if (report_if_cancelled (self, cancellable, callback, user_data,
                           cellos_cell_backend_destroy_async))
    return;

  iface->destroy_async (self, handle, cancellable, callback, user_data);
}

/**
 * cellos_cell_backend_destroy_finish:
 * @self: a #CellosCellBackend
 * @result: the #GAsyncResult passed to the callback
 * @error: return location for a #GError
 *
 * Finishes an operation started with
 * [method@Cellos.CellBackend.destroy_async].
 *
 * Returns: (transfer full): a report on the teardown, or %NULL on error
 *
 * Since: 1.0
 */
CellosTeardownReport *
cellos_cell_backend_destroy_finish (CellosCellBackend  *self,
                                    GAsyncResult       *result,
                                    GError            **error)
{
  CellosCellBackendInterface *iface;
  GError *backend_error = NULL;
  CellosTeardownReport *report;

  g_return_val_if_fail (CELLOS_IS_CELL_BACKEND (self), NULL);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  g_return_val_if_fail (result_is_from (result, self), NULL);

  iface = CELLOS_CELL_BACKEND_GET_IFACE (self);
  g_return_val_if_fail (!result_is_tagged_by (result, cellos_cell_backend_create_async,
                                              iface->create_async), NULL);
  g_return_val_if_fail (!result_is_tagged_by (result, cellos_cell_backend_list_cells_async,
                                              iface->list_cells_async), NULL);

  if (result_is_tagged (result, cellos_cell_backend_destroy_async))
    return g_task_propagate_pointer (G_TASK (result), error);

  report = iface->destroy_finish (self, result, &backend_error);
  return check_destroy_outcome (self, report, backend_error, error);
}

/**
 * cellos_cell_backend_list_cells:
 * @self: a #CellosCellBackend
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Lists the cells the backend holds now, and waits for it: a handle for
 * each, which [method@Cellos.CellBackend.destroy] accepts. A supervisor
 * that restarted after a crash finds its orphans this way.
 *
 * Listing is optional: a backend that keeps no account of its cells, such
 * as the stub, fails with %CELLOS_ERROR_NOT_SUPPORTED. An empty list is
 * %NULL without an error.
 *
 * Returns: (element-type CellosCellHandle) (transfer full) (nullable): the
 *   cells, or %NULL if there are none or on error
 *
 * Since: 1.2
 */
GList *
cellos_cell_backend_list_cells (CellosCellBackend  *self,
                                GCancellable       *cancellable,
                                GError            **error)
{
  GError *backend_error = NULL;
  GList *cells;

  g_return_val_if_fail (CELLOS_IS_CELL_BACKEND (self), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  cells = CELLOS_CELL_BACKEND_GET_IFACE (self)->list_cells (self, cancellable, &backend_error);
  return check_list_outcome (self, cells, backend_error, error);
}

/**
 * cellos_cell_backend_list_cells_async:
 * @self: a #CellosCellBackend
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the list is ready or listing
 *   failed
 * @user_data: data for @callback
 *
 * Starts listing the cells the backend holds now: see
 * [method@Cellos.CellBackend.list_cells]. @callback runs in the
 * thread-default main context of the calling thread, never before this
 * function returns; call [method@Cellos.CellBackend.list_cells_finish] in
 * it.
 *
 * Since: 1.2
 */
void
cellos_cell_backend_list_cells_async (CellosCellBackend   *self,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_return_if_fail (CELLOS_IS_CELL_BACKEND (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  if (report_if_cancelled (self, cancellable, callback, user_data,
                           cellos_cell_backend_list_cells_async))
    return;

  CELLOS_CELL_BACKEND_GET_IFACE (self)->list_cells_async (self, cancellable, callback, user_data);
}

/**
 * cellos_cell_backend_list_cells_finish:
 * @self: a #CellosCellBackend
 * @result: the #GAsyncResult passed to the callback
 * @error: return location for a #GError
 *
 * Finishes an operation started with
 * [method@Cellos.CellBackend.list_cells_async].
 *
 * Returns: (element-type CellosCellHandle) (transfer full) (nullable): the
 *   cells, or %NULL if there are none or on error
 *
 * Since: 1.2
 */
GList *
cellos_cell_backend_list_cells_finish (CellosCellBackend  *self,
                                       GAsyncResult       *result,
                                       GError            **error)
{
  CellosCellBackendInterface *iface;
  GError *backend_error = NULL;
  GList *cells;

  g_return_val_if_fail (CELLOS_IS_CELL_BACKEND (self), NULL);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  g_return_val_if_fail (result_is_from (result, self), NULL);

  iface = CELLOS_CELL_BACKEND_GET_IFACE (self);
  g_return_val_if_fail (!result_is_tagged_by (result, cellos_cell_backend_create_async,
                                              iface->create_async), NULL);
  g_return_val_if_fail (!result_is_tagged_by (result, cellos_cell_backend_destroy_async,
                                              iface->destroy_async), NULL);

  if (result_is_tagged (result, cellos_cell_backend_list_cells_async))
    return g_task_propagate_pointer (G_TASK (result), error);

  cells = iface->list_cells_finish (self, result, &backend_error);
  return check_list_outcome (self, cells, backend_error, error);
}

/* Deadlines. An operation with a deadline runs the public operation with a
 * cancellable of its own, chained to the caller's, and a timeout source in
 * the caller's context. When the timeout fires first, the operation is
 * cancelled and the caller gets CELLOS_ERROR_TIMED_OUT at once, whatever
 * the backend does next: a backend that ignores its cancellable, or calls
 * back in the wrong context, cannot hold the caller past the deadline. The
 * operation still runs to its end, and what it delivers after the deadline
 * follows the cancellation rule: a cell made too late is destroyed here,
 * since the caller was told that none exists. */

typedef enum
{
  DEADLINE_CREATE,
  DEADLINE_DESTROY
} DeadlineOperation;

typedef struct
{
  DeadlineOperation operation;
  guint timeout_msec;
  GTask *task;                    /* NULL once the caller has its answer */
  GCancellable *cancellable;      /* the operation's own */
  GCancellable *caller_cancellable;
  gulong caller_cancelled_id;
  GSource *timeout;
} Deadline;

static void
deadline_free (Deadline *deadline)
{
  g_assert (deadline->task == NULL);
  g_clear_object (&deadline->cancellable);
  g_free (deadline);
}

static void
forward_cancellation (GCancellable *caller_cancellable,
                      gpointer      user_data)
{
  g_cancellable_cancel (user_data);
}

/* The caller gets its answer: stops the timeout and the forwarding of
 * the caller's cancellation, and returns the task to complete. */
static GTask *
deadline_take_task (Deadline *deadline)
{
  if (deadline->timeout != NULL)
    {
      g_source_destroy (deadline->timeout);
      g_clear_pointer (&deadline->timeout, g_source_unref);
    }
  if (deadline->caller_cancellable != NULL)
    {
      g_cancellable_disconnect (deadline->caller_cancellable, deadline->caller_cancelled_id);
      g_clear_object (&deadline->caller_cancellable);
    }
  return g_steal_pointer (&deadline->task);
}

static gboolean
deadline_passed (gpointer user_data)
{
  Deadline *deadline = user_data;
  g_autoptr(GCancellable) cancellable = g_object_ref (deadline->cancellable);
  g_autoptr(GTask) task = NULL;
  CellosCellBackend *self;

  g_clear_pointer (&deadline->timeout, g_source_unref);
  task = deadline_take_task (deadline);
  self = g_task_get_source_object (task);

  if (deadline->operation == DEADLINE_CREATE)
    g_task_return_new_error (task, CELLOS_ERROR, CELLOS_ERROR_TIMED_OUT,
                             /* Translators: %s is a backend's type name, %u a
                              * number of milliseconds. */
                             _("The cell backend %s did not create the cell within %u ms"),
                             G_OBJECT_TYPE_NAME (self), deadline->timeout_msec);
  else
    g_task_return_new_error (task, CELLOS_ERROR, CELLOS_ERROR_TIMED_OUT,
                             /* Translators: %s is a backend's type name, %u a
                              * number of milliseconds. */
                             _("The cell backend %s did not destroy the cell within %u ms"),
                             G_OBJECT_TYPE_NAME (self), deadline->timeout_msec);

  /* Last: a backend may answer inside its cancellation handler, which
   * frees the deadline. */
  g_cancellable_cancel (cancellable);
  return G_SOURCE_REMOVE;
}

static void
late_cell_destroyed (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(CellosCellHandle) handle = user_data;
  g_autoptr(CellosTeardownReport) report = NULL;
  g_autoptr(GError) error = NULL;

  report = cellos_cell_backend_destroy_finish (CELLOS_CELL_BACKEND (source), result, &error);
  if (report == NULL || !cellos_teardown_report_get_destroyed (report))
    g_warning (_("The cell %s that the cell backend %s made after the deadline of its create "
                 "could not be destroyed: %s"),
               cellos_cell_handle_get_cell_id (handle), G_OBJECT_TYPE_NAME (source),
               error != NULL ? error->message : _("the report says it is not destroyed"));
}

static void
deadline_operation_done (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  Deadline *deadline = user_data;
  CellosCellBackend *self = CELLOS_CELL_BACKEND (source);
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  gpointer value;

  if (deadline->operation == DEADLINE_CREATE)
    value = cellos_cell_backend_create_finish (self, result, &error);
  else
    value = cellos_cell_backend_destroy_finish (self, result, &error);

  if (deadline->task == NULL)
    {
      /* Past the deadline: the caller was told there is no cell. */
      if (value != NULL && deadline->operation == DEADLINE_CREATE)
        {
          CellosCellHandle *late = g_steal_pointer (&value);

          g_debug ("The cell %s came after the deadline of its create; destroying it",
                   cellos_cell_handle_get_cell_id (late));
          cellos_cell_backend_destroy_async (self, late, NULL, late_cell_destroyed, late);
        }
      g_clear_object (&value);
      g_clear_error (&error);
      deadline_free (deadline);
      return;
    }

  task = deadline_take_task (deadline);
  deadline_free (deadline);
  if (value != NULL)
    g_task_return_pointer (task, value, g_object_unref);
  else
    g_task_return_error (task, error);
}

static void
start_with_deadline (CellosCellBackend   *self,
                     DeadlineOperation    operation,
                     gpointer             argument,
                     guint                timeout_msec,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data,
                     gpointer             source_tag)
{
  Deadline *deadline;
  GTask *task;

  if (report_if_cancelled (self, cancellable, callback, user_data, source_tag))
    return;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  /* A handle that comes back after the caller cancelled is still the
   * caller's cell: GTask must not turn it into a cancellation. */
  g_task_set_check_cancellable (task, FALSE);

  deadline = g_new0 (Deadline, 1);
  deadline->operation = operation;
  deadline->timeout_msec = timeout_msec;
  deadline->task = task;
  deadline->cancellable = g_cancellable_new ();
  if (cancellable != NULL)
    {
      deadline->caller_cancellable = g_object_ref (cancellable);
      deadline->caller_cancelled_id =
        g_cancellable_connect (cancellable, G_CALLBACK (forward_cancellation),
                               g_object_ref (deadline->cancellable), g_object_unref);
    }
  deadline->timeout = g_timeout_source_new (timeout_msec);
  g_source_set_callback (deadline->timeout, deadline_passed, deadline, NULL);
  g_source_attach (deadline->timeout, g_task_get_context (task));

  if (operation == DEADLINE_CREATE)
    cellos_cell_backend_create_async (self, argument, deadline->cancellable,
                                      deadline_operation_done, deadline);
  else
    cellos_cell_backend_destroy_async (self, argument, deadline->cancellable,
                                       deadline_operation_done, deadline);
}

/**
 * cellos_cell_backend_create_with_timeout_async:
 * @self: a #CellosCellBackend
 * @document: what the cell should be
 * @timeout_msec: how long the backend may take, in milliseconds
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the cell is created, creation
 *   failed or the time is up
 * @user_data: data for @callback
 *
 * Starts creating a cell from @document, as
 * [method@Cellos.CellBackend.create_async] does, with a deadline: if the
 * backend has not delivered the cell @timeout_msec milliseconds after this
 * call, the operation is cancelled and fails at once with
 * %CELLOS_ERROR_TIMED_OUT (cancelling @cancellable still fails it with
 * %G_IO_ERROR_CANCELLED). Call
 * [method@Cellos.CellBackend.create_with_timeout_finish] in @callback.
 *
 * A timeout means that no cell is the caller's. The backend may still
 * make the cell after the deadline; such a late cell follows the
 * cancellation rule, and the library destroys it through the backend's
 * destroy, in the thread-default main context of this call, which must
 * keep running for it; a warning names a late cell that could not be
 * destroyed. A handle the backend delivers before the deadline is the
 * caller's, even after @cancellable was cancelled.
 *
 * Since: 1.2
 */
void
cellos_cell_backend_create_with_timeout_async (CellosCellBackend           *self,
                                               CellosExecutionCellDocument *document,
                                               guint                        timeout_msec,
                                               GCancellable                *cancellable,
                                               GAsyncReadyCallback          callback,
                                               gpointer                     user_data)
{
  g_return_if_fail (CELLOS_IS_CELL_BACKEND (self));
  g_return_if_fail (CELLOS_IS_EXECUTION_CELL_DOCUMENT (document));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  start_with_deadline (self, DEADLINE_CREATE, document, timeout_msec, cancellable,
                       callback, user_data, cellos_cell_backend_create_with_timeout_async);
}

/**
 * cellos_cell_backend_create_with_timeout_finish:
 * @self: a #CellosCellBackend
 * @result: the #GAsyncResult passed to the callback
 * @error: return location for a #GError
 *
 * Finishes an operation started with
 * [method@Cellos.CellBackend.create_with_timeout_async].
 *
 * Returns: (transfer full): a handle on the new cell, or %NULL on error,
 *   %CELLOS_ERROR_TIMED_OUT when the time was up
 *
 * Since: 1.2
 */
CellosCellHandle *
cellos_cell_backend_create_with_timeout_finish (CellosCellBackend  *self,
                                                GAsyncResult       *result,
                                                GError            **error)
{
  g_return_val_if_fail (CELLOS_IS_CELL_BACKEND (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, cellos_cell_backend_create_with_timeout_async), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * cellos_cell_backend_destroy_with_timeout_async:
 * @self: a #CellosCellBackend
 * @handle: the cell to tear down, as returned by create
 * @timeout_msec: how long the backend may take, in milliseconds
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the cell is torn down, teardown
 *   failed or the time is up
 * @user_data: data for @callback
 *
 * Starts tearing down the cell @handle stands for, as
 * [method@Cellos.CellBackend.destroy_async] does, with a deadline: if the
 * backend has not reported @timeout_msec milliseconds after this call, the
 * operation is cancelled and fails at once with %CELLOS_ERROR_TIMED_OUT.
 * The cell may or may not exist then: destroy it again, or list the
 * backend's cells. Call
 * [method@Cellos.CellBackend.destroy_with_timeout_finish] in @callback.
 *
 * Since: 1.2
 */
void
cellos_cell_backend_destroy_with_timeout_async (CellosCellBackend   *self,
                                                CellosCellHandle    *handle,
                                                guint                timeout_msec,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data)
{
  g_return_if_fail (CELLOS_IS_CELL_BACKEND (self));
  g_return_if_fail (CELLOS_IS_CELL_HANDLE (handle));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  start_with_deadline (self, DEADLINE_DESTROY, handle, timeout_msec, cancellable,
                       callback, user_data, cellos_cell_backend_destroy_with_timeout_async);
}

/**
 * cellos_cell_backend_destroy_with_timeout_finish:
 * @self: a #CellosCellBackend
 * @result: the #GAsyncResult passed to the callback
 * @error: return location for a #GError
 *
 * Finishes an operation started with
 * [method@Cellos.CellBackend.destroy_with_timeout_async].
 *
 * Returns: (transfer full): a report on the teardown, or %NULL on error,
 *   %CELLOS_ERROR_TIMED_OUT when the time was up
 *
 * Since: 1.2
 */
CellosTeardownReport *
cellos_cell_backend_destroy_with_timeout_finish (CellosCellBackend  *self,
                                                 GAsyncResult       *result,
                                                 GError            **error)
{
  g_return_val_if_fail (CELLOS_IS_CELL_BACKEND (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, cellos_cell_backend_destroy_with_timeout_async), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
