/* test-utils.c: helpers and test backends shared by the C tests and the
 * bench
 *
 * Copyright 2026 The CellOS authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "test-utils.h"

void
cellos_test_store_result (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  GAsyncResult **result_ptr = user_data;

  g_assert_null (*result_ptr);
  *result_ptr = g_object_ref (result);
}

GAsyncResult *
cellos_test_wait_for (GAsyncResult **result_ptr)
{
  while (*result_ptr == NULL)
    g_main_context_iteration (g_main_context_get_thread_default (), TRUE);
  return *result_ptr;
}

void
cellos_test_wait_finalized (gpointer object_ptr)
{
  GObject **ptr = object_ptr;
  gpointer weak = *ptr;
  gint64 deadline = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;

  g_object_add_weak_pointer (G_OBJECT (weak), &weak);
  g_clear_object (ptr);
  while (g_atomic_pointer_get (&weak) != NULL && g_get_monotonic_time () < deadline)
    g_usleep (1000);
  g_assert_null (g_atomic_pointer_get (&weak));
}

static CellosCellHandle *
create_from_document (CellosExecutionCellDocument  *document,
                      GCancellable                 *cancellable,
                      GError                      **error)
{
  const char *id = cellos_execution_cell_document_get_id (document);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  if (id == NULL || id[0] == '\0')
    {
      g_set_error_literal (error, CELLOS_ERROR, CELLOS_ERROR_INVALID_SPEC,
                           "spec.id must be non-empty");
      return NULL;
    }
  return g_object_new (CELLOS_TYPE_CELL_HANDLE, "cell-id", id, NULL);
}

static CellosTeardownReport *
destroy_handle (CellosCellHandle  *handle,
                GCancellable      *cancellable,
                GError           **error)
{
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  return g_object_new (CELLOS_TYPE_TEARDOWN_REPORT,
                       "cell-id", cellos_cell_handle_get_cell_id (handle),
                       "destroyed", TRUE,
                       NULL);
}

/* CellosTestSyncBackend */

struct _CellosTestSyncBackend
{
  GObject parent_instance;
};

static void sync_backend_iface_init (CellosCellBackendInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CellosTestSyncBackend, cellos_test_sync_backend, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (CELLOS_TYPE_CELL_BACKEND,
                                                      sync_backend_iface_init))

static CellosCellHandle *
sync_backend_create (CellosCellBackend            *backend,
                     CellosExecutionCellDocument  *document,
                     GCancellable                 *cancellable,
                     GError                      **error)
{
  return create_from_document (document, cancellable, error);
}

static CellosTeardownReport *
sync_backend_destroy (CellosCellBackend  *backend,
                      CellosCellHandle   *handle,
                      GCancellable       *cancellable,
                      GError            **error)
{
  return destroy_handle (handle, cancellable, error);
}

static void
sync_backend_iface_init (CellosCellBackendInterface *iface)
{
  iface->create = sync_backend_create;
  iface->destroy = sync_backend_destroy;
}

static void
cellos_test_sync_backend_class_init (CellosTestSyncBackendClass *klass)
{
}

static void
cellos_test_sync_backend_init (CellosTestSyncBackend *self)
{
}

/* CellosTestAsyncBackend */

struct _CellosTestAsyncBackend
{
  GObject parent_instance;
};

static void async_backend_iface_init (CellosCellBackendInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CellosTestAsyncBackend, cellos_test_async_backend, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (CELLOS_TYPE_CELL_BACKEND,
                                                      async_backend_iface_init))

/* Each operation completes through its GTask, which delivers the result on
 * the caller's next main loop iteration; the task does not turn a result
 * into G_IO_ERROR_CANCELLED when the caller cancels meanwhile, since the
 * cell it stands for would then be lost. */
static void
return_result (GTask    *task,
               gpointer  result,
               GError   *error)
{
  g_task_set_check_cancellable (task, FALSE);
  if (result != NULL)
    g_task_return_pointer (task, result, g_object_unref);
  else
    g_task_return_error (task, error);
}

static void
async_backend_create_async (CellosCellBackend           *backend,
                            CellosExecutionCellDocument *document,
                            GCancellable                *cancellable,
                            GAsyncReadyCallback          callback,
                            gpointer                     user_data)
{
  g_autoptr(GTask) task = g_task_new (backend, cancellable, callback, user_data);
  GError *error = NULL;
  CellosCellHandle *handle;

  g_task_set_source_tag (task, async_backend_create_async);
  handle = create_from_document (document, cancellable, &error);
  return_result (task, handle, error);
}

static CellosCellHandle *
async_backend_create_finish (CellosCellBackend  *backend,
                             GAsyncResult       *result,
                             GError            **error)
{
  g_assert_true (g_async_result_is_tagged (result, async_backend_create_async));
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
async_backend_destroy_async (CellosCellBackend   *backend,
                             CellosCellHandle    *handle,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (backend, cancellable, callback, user_data);
  GError *error = NULL;
  CellosTeardownReport *report;

  g_task_set_source_tag (task, async_backend_destroy_async);
  report = destroy_handle (handle, cancellable, &error);
  return_result (task, report, error);
}

static CellosTeardownReport *
async_backend_destroy_finish (CellosCellBackend  *backend,
                              GAsyncResult       *result,
                              GError            **error)
{
  g_assert_true (g_async_result_is_tagged (result, async_backend_destroy_async));
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
async_backend_iface_init (CellosCellBackendInterface *iface)
{
  iface->create_async = async_backend_create_async;
  iface->create_finish = async_backend_create_finish;
  iface->destroy_async = async_backend_destroy_async;
  iface->destroy_finish = async_backend_destroy_finish;
}

static void
cellos_test_async_backend_class_init (CellosTestAsyncBackendClass *klass)
{
}

static void
cellos_test_async_backend_init (CellosTestAsyncBackend *self)
{
}

/* CellosTestEmptyBackend */

struct _CellosTestEmptyBackend
{
  GObject parent_instance;
};

static void
empty_backend_iface_init (CellosCellBackendInterface *iface)
{
}

G_DEFINE_FINAL_TYPE_WITH_CODE (CellosTestEmptyBackend, cellos_test_empty_backend, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (CELLOS_TYPE_CELL_BACKEND,
                                                      empty_backend_iface_init))

static void
cellos_test_empty_backend_class_init (CellosTestEmptyBackendClass *klass)
{
}

static void
cellos_test_empty_backend_init (CellosTestEmptyBackend *self)
{
}

struct _CellosTestUnavailableBackend
{
  GObject parent_instance;
};

static gboolean
cellos_test_unavailable_backend_init_initable (GInitable     *initable,
                                               GCancellable  *cancellable,
                                               GError       **error)
{
  g_set_error_literal (error, CELLOS_ERROR, CELLOS_ERROR_NOT_SUPPORTED, "no KVM on this host");
  return FALSE;
}

static void
cellos_test_unavailable_backend_initable_iface_init (GInitableIface *iface)
{
  iface->init = cellos_test_unavailable_backend_init_initable;
}

static void
cellos_test_unavailable_backend_iface_init (CellosCellBackendInterface *iface)
{
}

G_DEFINE_FINAL_TYPE_WITH_CODE (CellosTestUnavailableBackend, cellos_test_unavailable_backend,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE,
                                                      cellos_test_unavailable_backend_initable_iface_init)
                               G_IMPLEMENT_INTERFACE (CELLOS_TYPE_CELL_BACKEND,
                                                      cellos_test_unavailable_backend_iface_init))

static void
cellos_test_unavailable_backend_class_init (CellosTestUnavailableBackendClass *klass)
{
}

static void
cellos_test_unavailable_backend_init (CellosTestUnavailableBackend *self)
{
}
