/* test-utils.c: helpers shared by the C tests
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
  return g_object_new (CELLOS_TYPE_CELL_HANDLE,
                       "cell-id", id,
                       "cgroup-path", "/sys/fs/cgroup/test",
                       NULL);
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
                       "peers-tracked-after", 0u,
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

static gboolean
complete_create (gpointer user_data)
{
  GTask *task = user_data;
  GError *error = NULL;
  CellosCellHandle *handle;

  handle = create_from_document (g_task_get_task_data (task),
                                 g_task_get_cancellable (task), &error);
  if (handle != NULL)
    g_task_return_pointer (task, handle, g_object_unref);
  else
    g_task_return_error (task, error);
  return G_SOURCE_REMOVE;
}

static void
async_backend_create_async (CellosCellBackend           *backend,
                            CellosExecutionCellDocument *document,
                            GCancellable                *cancellable,
                            GAsyncReadyCallback          callback,
                            gpointer                     user_data)
{
  GTask *task = g_task_new (backend, cancellable, callback, user_data);

  g_task_set_source_tag (task, async_backend_create_async);
  g_task_set_task_data (task, g_object_ref (document), g_object_unref);
  g_main_context_invoke_full (g_task_get_context (task), G_PRIORITY_DEFAULT,
                              complete_create, task, g_object_unref);
}

static CellosCellHandle *
async_backend_create_finish (CellosCellBackend  *backend,
                             GAsyncResult       *result,
                             GError            **error)
{
  g_assert_true (g_async_result_is_tagged (result, async_backend_create_async));
  return g_task_propagate_pointer (G_TASK (result), error);
}

static gboolean
complete_destroy (gpointer user_data)
{
  GTask *task = user_data;
  GError *error = NULL;
  CellosTeardownReport *report;

  report = destroy_handle (g_task_get_task_data (task),
                           g_task_get_cancellable (task), &error);
  if (report != NULL)
    g_task_return_pointer (task, report, g_object_unref);
  else
    g_task_return_error (task, error);
  return G_SOURCE_REMOVE;
}

static void
async_backend_destroy_async (CellosCellBackend   *backend,
                             CellosCellHandle    *handle,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task = g_task_new (backend, cancellable, callback, user_data);

  g_task_set_source_tag (task, async_backend_destroy_async);
  g_task_set_task_data (task, g_object_ref (handle), g_object_unref);
  g_main_context_invoke_full (g_task_get_context (task), G_PRIORITY_DEFAULT,
                              complete_destroy, task, g_object_unref);
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
