/* cellos-test-backend.c: an isolating backend module, for tests only
 *
 * Built as a GIO module, loaded from CELLOS_BACKEND_MODULE_DIR, registered
 * at a non-negative priority as "test-isolating". It isolates nothing
 * either, but says it does, so that tests can prove how the registry treats
 * a real backend: chosen by default over the stub, listed first, and held
 * to the same contract. It implements only the asynchronous methods and
 * fills in every optional handle field.
 *
 * Copyright 2026 The CellOS authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <cellos/cellos.h>
#include <gmodule.h>

#define TEST_TYPE_ISOLATING_BACKEND (test_isolating_backend_get_type ())
G_DECLARE_FINAL_TYPE (TestIsolatingBackend, test_isolating_backend,
                      TEST, ISOLATING_BACKEND, GObject)

struct _TestIsolatingBackend
{
  GObject parent_instance;
};

static void test_isolating_backend_iface_init (CellosCellBackendInterface *iface);

G_DEFINE_DYNAMIC_TYPE_EXTENDED (TestIsolatingBackend, test_isolating_backend, G_TYPE_OBJECT,
                                G_TYPE_FLAG_FINAL,
                                G_IMPLEMENT_INTERFACE_DYNAMIC (CELLOS_TYPE_CELL_BACKEND,
                                                               test_isolating_backend_iface_init))

static void
test_isolating_backend_create_async (CellosCellBackend           *backend,
                                     CellosExecutionCellDocument *document,
                                     GCancellable                *cancellable,
                                     GAsyncReadyCallback          callback,
                                     gpointer                     user_data)
{
  g_autoptr(GTask) task = g_task_new (backend, cancellable, callback, user_data);
  const char *id = cellos_execution_cell_document_get_id (document);
  const char * const rules[] = { "add table inet cellos-test", NULL };
  g_autofree char *cgroup_path = NULL;

  g_task_set_source_tag (task, test_isolating_backend_create_async);

  if (g_task_return_error_if_cancelled (task))
    return;
  if (id == NULL || id[0] == '\0')
    {
      g_task_return_new_error (task, CELLOS_ERROR, CELLOS_ERROR_INVALID_SPEC,
                               "%s", "spec.id must be non-empty");
      return;
    }

  cgroup_path = g_strdup_printf ("/sys/fs/cgroup/cellos-test/%s", id);
  g_task_return_pointer (task,
                         g_object_new (CELLOS_TYPE_CELL_HANDLE,
                                       "cell-id", id,
                                       "cgroup-path", cgroup_path,
                                       "kernel-digest-sha256",
                                       "1111111111111111111111111111111111111111111111111111111111111111",
                                       "rootfs-digest-sha256",
                                       "2222222222222222222222222222222222222222222222222222222222222222",
                                       "firecracker-digest-sha256",
                                       "3333333333333333333333333333333333333333333333333333333333333333",
                                       "nft-rules-applied", rules,
                                       NULL),
                         g_object_unref);
}

static CellosCellHandle *
test_isolating_backend_create_finish (CellosCellBackend  *backend,
                                      GAsyncResult       *result,
                                      GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, backend), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
test_isolating_backend_destroy_async (CellosCellBackend   *backend,
                                      CellosCellHandle    *handle,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (backend, cancellable, callback, user_data);

  g_task_set_source_tag (task, test_isolating_backend_destroy_async);

  if (g_task_return_error_if_cancelled (task))
    return;

  g_task_return_pointer (task,
                         g_object_new (CELLOS_TYPE_TEARDOWN_REPORT,
                                       "cell-id", cellos_cell_handle_get_cell_id (handle),
                                       "destroyed", TRUE,
                                       "peers-tracked-after", 0u,
                                       NULL),
                         g_object_unref);
}

static CellosTeardownReport *
test_isolating_backend_destroy_finish (CellosCellBackend  *backend,
                                       GAsyncResult       *result,
                                       GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, backend), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
test_isolating_backend_iface_init (CellosCellBackendInterface *iface)
{
  iface->create_async = test_isolating_backend_create_async;
  iface->create_finish = test_isolating_backend_create_finish;
  iface->destroy_async = test_isolating_backend_destroy_async;
  iface->destroy_finish = test_isolating_backend_destroy_finish;
}

static void
test_isolating_backend_class_init (TestIsolatingBackendClass *klass)
{
}

static void
test_isolating_backend_class_finalize (TestIsolatingBackendClass *klass)
{
}

static void
test_isolating_backend_init (TestIsolatingBackend *self)
{
}

/* Declared by <gio/giomodule.h>; exported explicitly since the module is
 * built with hidden visibility. */
G_MODULE_EXPORT void
g_io_module_load (GIOModule *module)
{
  test_isolating_backend_register_type (G_TYPE_MODULE (module));
  g_io_extension_point_implement (CELLOS_CELL_BACKEND_EXTENSION_POINT_NAME,
                                  TEST_TYPE_ISOLATING_BACKEND,
                                  "test-isolating", 10);
}

G_MODULE_EXPORT void
g_io_module_unload (GIOModule *module)
{
}

G_MODULE_EXPORT char **
g_io_module_query (void)
{
  char *extension_points[] = { (char *) CELLOS_CELL_BACKEND_EXTENSION_POINT_NAME, NULL };

  return g_strdupv (extension_points);
}
