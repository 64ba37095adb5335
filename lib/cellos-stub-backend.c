/* cellos-stub-backend.c: the no-op cell backend
 *
 * Copyright 2026 The CellOS authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "cellos-cell-backend.h"
#include "cellos-error.h"
#include "cellos-i18n-private.h"
#include "cellos-private.h"
#include "cellos-stub-backend.h"

/**
 * CellosStubBackend:
 *
 * The no-op cell backend, for tests.
 *
 * It turns a document into a handle carrying only the document's id, and
 * a handle into a report that says the cell is destroyed. It makes no
 * system calls beyond allocating memory, spawns nothing and keeps no
 * state, so one instance may be used from any number of threads at once.
 * It isolates nothing: the registry never picks it unless it is asked for
 * by name, as with `CELLOS_CELL_BACKEND=stub`. Since it keeps nothing, it
 * cannot list cells: [method@Cellos.CellBackend.list_cells] fails with
 * %CELLOS_ERROR_NOT_SUPPORTED.
 *
 * Each operation writes a structured debug record in the `Cellos` log
 * domain with the fields `CELLOS_BACKEND`, `CELLOS_OPERATION` and
 * `CELLOS_CELL_ID`.
 *
 * Since: 1.0
 */

struct _CellosStubBackend
{
  GObject parent_instance;
};

static void cellos_stub_backend_iface_init (CellosCellBackendInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CellosStubBackend, cellos_stub_backend, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (CELLOS_TYPE_CELL_BACKEND,
                                                      cellos_stub_backend_iface_init)
                               cellos_cell_backend_ensure_extension_point ();
                               g_io_extension_point_implement (CELLOS_CELL_BACKEND_EXTENSION_POINT_NAME,
                                                               g_define_type_id,
                                                               CELLOS_STUB_BACKEND_NAME,
                                                               CELLOS_STUB_BACKEND_PRIORITY))

static CellosCellHandle *
cellos_stub_backend_create (CellosCellBackend            *backend,
                            CellosExecutionCellDocument  *document,
                            GCancellable                 *cancellable,
                            GError                      **error)
{
  const char *id;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  id = cellos_execution_cell_document_get_id (document);
  if (id == NULL || id[0] == '\0')
    {
      g_set_error_literal (error, CELLOS_ERROR, CELLOS_ERROR_INVALID_SPEC,
                           _("spec.id must be non-empty"));
      return NULL;
    }

  cellos_log_operation (CELLOS_STUB_BACKEND_NAME, "create", id);
  return g_object_new (CELLOS_TYPE_CELL_HANDLE, "cell-id", id, NULL);
}

static CellosTeardownReport *
cellos_stub_backend_destroy (CellosCellBackend  *backend,
                             CellosCellHandle   *handle,
                             GCancellable       *cancellable,
                             GError            **error)
{
  const char *cell_id;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  cell_id = cellos_cell_handle_get_cell_id (handle);
  cellos_log_operation (CELLOS_STUB_BACKEND_NAME, "destroy", cell_id);
  return g_object_new (CELLOS_TYPE_TEARDOWN_REPORT,
                       "cell-id", cell_id,
                       "destroyed", TRUE,
                       NULL);
}

/* The asynchronous side completes through a GTask, on the caller's next
 * main loop iteration, exactly as a backend that waits for a VM would. */

static void
return_pointer_or_error (GTask    *task,
                         gpointer  result,
                         GError   *error)
{
  if (result != NULL)
    g_task_return_pointer (task, result, g_object_unref);
  else
    g_task_return_error (task, error);
}

static void
cellos_stub_backend_create_async (CellosCellBackend           *backend,
                                  CellosExecutionCellDocument *document,
                                  GCancellable                *cancellable,
                                  GAsyncReadyCallback          callback,
                                  gpointer                     user_data)
{
  g_autoptr(GTask) task = g_task_new (backend, cancellable, callback, user_data);
  GError *error = NULL;
  CellosCellHandle *handle;

  g_task_set_source_tag (task, cellos_stub_backend_create_async);
  handle = cellos_stub_backend_create (backend, document, cancellable, &error);
  return_pointer_or_error (task, handle, error);
}

static void
cellos_stub_backend_destroy_async (CellosCellBackend   *backend,
                                   CellosCellHandle    *handle,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (backend, cancellable, callback, user_data);
  GError *error = NULL;
  CellosTeardownReport *report;

  g_task_set_source_tag (task, cellos_stub_backend_destroy_async);
  report = cellos_stub_backend_destroy (backend, handle, cancellable, &error);
  return_pointer_or_error (task, report, error);
}

static CellosCellHandle *
cellos_stub_backend_create_finish (CellosCellBackend  *backend,
                                   GAsyncResult       *result,
                                   GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, backend), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static CellosTeardownReport *
cellos_stub_backend_destroy_finish (CellosCellBackend  *backend,
                                    GAsyncResult       *result,
                                    GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, backend), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
cellos_stub_backend_iface_init (CellosCellBackendInterface *iface)
{
  iface->create = cellos_stub_backend_create;
  iface->create_async = cellos_stub_backend_create_async;
  iface->create_finish = cellos_stub_backend_create_finish;
  iface->destroy = cellos_stub_backend_destroy;
  iface->destroy_async = cellos_stub_backend_destroy_async;
  iface->destroy_finish = cellos_stub_backend_destroy_finish;
}

static void
cellos_stub_backend_class_init (CellosStubBackendClass *klass)
{
}

static void
cellos_stub_backend_init (CellosStubBackend *self)
{
}

/**
 * cellos_stub_backend_new:
 *
 * Creates the no-op backend. Code that also runs with real backends gets
 * it with [func@Cellos.CellBackend.new_for_name] and `"stub"` instead, or
 * with [func@Cellos.CellBackend.new_default] and `CELLOS_CELL_BACKEND=stub`.
 *
 * Returns: (transfer full): a new #CellosStubBackend
 *
 * Since: 1.0
 */
CellosStubBackend *
cellos_stub_backend_new (void)
{
  return g_object_new (CELLOS_TYPE_STUB_BACKEND, NULL);
}
