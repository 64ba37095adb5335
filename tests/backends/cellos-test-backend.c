/* cellos-test-backend.c: an isolating backend module, for tests only
 *
 * Built as a GIO module, loaded from CELLOS_BACKEND_MODULE_DIR, registered
 * at a non-negative priority as "test-isolating". It isolates nothing
 * either, but says it does, so that tests can prove how the registry treats
 * a real backend: chosen by default over the stub, listed first, and held
 * to the same contract. It implements only the asynchronous methods and
 * fills in every optional handle field, details too, as a VM backend's
 * handle carries them: {"vm-pid": 4242, "api-socket": "/run/cellos-test/ID.sock",
 * "taps": ["tap-ID-0", "tap-ID-1"]}.
 *
 * A create takes a millisecond, as a backend waiting on a VM does, so that
 * cancellation can arrive while a cell is being made; a cancelled create
 * tears its cell down again. The backend counts the cells that exist in
 * its "live-cells" property, which the contract runner reads to prove
 * that cancellation loses none. Cells are keyed by id, as a backend that
 * names a cgroup leaf or a VM after the cell does: a create for an id
 * whose cell exists fails with G_IO_ERROR_EXISTS. Built with
 * TEST_BACKEND_LEAKY_CANCEL, it
 * forgets that teardown and registers as "test-leaky", for the test that
 * shows the runner catching such a backend.
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

enum {
  PROP_0,
  PROP_LIVE_CELLS,
};

/* Cells exist outside any one backend object, as VMs do. */
static gint live_cells;
static GMutex live_ids_lock;
static GHashTable *live_ids;

/* Claims @id for a new cell; FALSE if a cell of that id exists. */
static gboolean
claim_id (const char *id)
{
  gboolean claimed;

  g_mutex_lock (&live_ids_lock);
  if (live_ids == NULL)
    live_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  claimed = g_hash_table_add (live_ids, g_strdup (id));
  g_mutex_unlock (&live_ids_lock);
  return claimed;
}

static void
release_id (const char *id)
{
  g_mutex_lock (&live_ids_lock);
  if (live_ids != NULL)
    g_hash_table_remove (live_ids, id);
  g_mutex_unlock (&live_ids_lock);
}

static void test_isolating_backend_iface_init (CellosCellBackendInterface *iface);

G_DEFINE_DYNAMIC_TYPE_EXTENDED (TestIsolatingBackend, test_isolating_backend, G_TYPE_OBJECT,
                                G_TYPE_FLAG_FINAL,
                                G_IMPLEMENT_INTERFACE_DYNAMIC (CELLOS_TYPE_CELL_BACKEND,
                                                               test_isolating_backend_iface_init))

static void
finish_create (GTask *task)
{
  CellosExecutionCellDocument *document = g_task_get_task_data (task);
  const char *id = cellos_execution_cell_document_get_id (document);
  const char * const rules[] = { "add table inet cellos-test", NULL };
  g_autofree char *cgroup_path = NULL;
  g_autofree char *api_socket = NULL;
  g_auto(GStrv) taps = g_new0 (char *, 3);
  GVariantDict details;

  if (g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    {
#ifndef TEST_BACKEND_LEAKY_CANCEL
      g_atomic_int_add (&live_cells, -1);
      release_id (id);
#endif
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               "%s", "Operation was cancelled");
      return;
    }

  cgroup_path = g_strdup_printf ("/sys/fs/cgroup/cellos-test/%s", id);
  api_socket = g_strdup_printf ("/run/cellos-test/%s.sock", id);
  g_variant_dict_init (&details, NULL);
  g_variant_dict_insert (&details, "vm-pid", "x", (gint64) 4242);
  g_variant_dict_insert (&details, "api-socket", "s", api_socket);
  taps[0] = g_strdup_printf ("tap-%s-0", id);
  taps[1] = g_strdup_printf ("tap-%s-1", id);
  g_variant_dict_insert_value (&details, "taps", g_variant_new_strv ((const char * const *) taps, -1));
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
                                       "details", g_variant_dict_end (&details),
                                       NULL),
                         g_object_unref);
}

static gboolean
create_done (gpointer data)
{
  finish_create (data);
  return G_SOURCE_REMOVE;
}

static void
test_isolating_backend_create_async (CellosCellBackend           *backend,
                                     CellosExecutionCellDocument *document,
                                     GCancellable                *cancellable,
                                     GAsyncReadyCallback          callback,
                                     gpointer                     user_data)
{
  g_autoptr(GTask) task = g_task_new (backend, cancellable, callback, user_data);
  const char *id = cellos_execution_cell_document_get_id (document);
  g_autoptr(GSource) source = NULL;

  g_task_set_source_tag (task, test_isolating_backend_create_async);
  /* A handle, once returned, is the caller's even if it cancelled since:
   * the task must not turn it into an error and drop the cell. */
  g_task_set_check_cancellable (task, FALSE);

  if (g_task_return_error_if_cancelled (task))
    return;
  if (id == NULL || id[0] == '\0')
    {
      g_task_return_new_error (task, CELLOS_ERROR, CELLOS_ERROR_INVALID_SPEC,
                               "%s", "spec.id must be non-empty");
      return;
    }

  if (!claim_id (id))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_EXISTS,
                               "a cell %s exists", id);
      return;
    }

  /* The cell exists from here on, until destroyed. */
  g_atomic_int_inc (&live_cells);
  g_task_set_task_data (task, g_object_ref (document), g_object_unref);
  source = g_timeout_source_new (1);
  g_task_attach_source (task, source, create_done);
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

  g_atomic_int_add (&live_cells, -1);
  release_id (cellos_cell_handle_get_cell_id (handle));
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
test_isolating_backend_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_LIVE_CELLS:
      g_value_set_uint (value, (guint) g_atomic_int_get (&live_cells));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
test_isolating_backend_class_init (TestIsolatingBackendClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = test_isolating_backend_get_property;
  g_object_class_install_property (object_class, PROP_LIVE_CELLS,
                                   g_param_spec_uint ("live-cells", NULL, NULL,
                                                      0, G_MAXUINT, 0,
                                                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
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
#ifdef TEST_BACKEND_LEAKY_CANCEL
  g_io_extension_point_implement (CELLOS_CELL_BACKEND_EXTENSION_POINT_NAME,
                                  TEST_TYPE_ISOLATING_BACKEND,
                                  "test-leaky", 10);
#else
  g_io_extension_point_implement (CELLOS_CELL_BACKEND_EXTENSION_POINT_NAME,
                                  TEST_TYPE_ISOLATING_BACKEND,
                                  "test-isolating", 10);
#endif
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
