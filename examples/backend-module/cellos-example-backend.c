/* cellos-example-backend.c: a complete, small cell backend module to copy
 *
 * Registers "example", a backend that makes one directory per cell under a
 * root directory, as a stand-in for the cgroup leaf a real backend would
 * make. It shows what every backend does:
 *
 *  - availability: it implements GInitable; init fails, saying why, when
 *    the root cannot be used, and the registry then never chooses it;
 *  - configuration: the root comes from CELLOS_EXAMPLE_BACKEND_ROOT, read
 *    with cellos_backend_getenv(), so a setuid supervisor ignores it;
 *  - both forms: the work is blocking, so it is written once, as the
 *    synchronous methods, and the asynchronous ones run it in a GTask
 *    worker thread;
 *  - cancellation: checked between the steps of a create; a cell made
 *    before the cancellation is seen is torn down again, so that
 *    G_IO_ERROR_CANCELLED always means "no cell";
 *  - errors: an empty id is CELLOS_ERROR_INVALID_SPEC; errors from GIO
 *    (the cell exists, the directory is gone, no permission) become the
 *    CellosError codes supervisors match on, ALREADY_EXISTS, NOT_FOUND,
 *    PERMISSION_DENIED and so on; only cancellation stays a GIO error;
 *  - logging: one cellos_log_backend_operation() record per operation;
 *  - backend data: the cell's directory travels in the handle's "details",
 *    so that any instance, in any process, can destroy the cell;
 *  - listing: the cells are what the root holds, whoever made them, and
 *    list_cells returns a handle for each that destroy accepts, so that a
 *    supervisor restarted after a crash finds the cells it made before.
 *
 * It isolates nothing, so it registers at a negative priority: it is only
 * ever used when it is asked for by name. A backend that isolates
 * registers at 0 or more.
 *
 * Build it with the Makefile next to it; try it with
 *   CELLOS_BACKEND_MODULE_DIR=$PWD cellos-cell backends
 *   CELLOS_BACKEND_MODULE_DIR=$PWD cellos-backend-contract --backend example
 *
 * Copyright 2026 The CellOS authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <errno.h>
#include <string.h>

#include <cellos/cellos.h>
#include <glib/gstdio.h>
#include <gmodule.h>

#define EXAMPLE_BACKEND_NAME "example"
#define EXAMPLE_BACKEND_PRIORITY (-50)
#define EXAMPLE_ROOT_VARIABLE "CELLOS_EXAMPLE_BACKEND_ROOT"
#define EXAMPLE_DEFAULT_ROOT "/run/cellos-example"

#define EXAMPLE_TYPE_BACKEND (example_backend_get_type ())
G_DECLARE_FINAL_TYPE (ExampleBackend, example_backend, EXAMPLE, BACKEND, GObject)

struct _ExampleBackend
{
  GObject parent_instance;

  /* Set once, by init; read by any number of worker threads after. */
  GFile *root;
};

static void example_backend_initable_iface_init (GInitableIface *iface);
static void example_backend_cell_backend_iface_init (CellosCellBackendInterface *iface);

/* A module's types are dynamic: they belong to the GTypeModule that
 * loaded them. */
G_DEFINE_DYNAMIC_TYPE_EXTENDED (ExampleBackend, example_backend, G_TYPE_OBJECT,
                                G_TYPE_FLAG_FINAL,
                                G_IMPLEMENT_INTERFACE_DYNAMIC (G_TYPE_INITABLE,
                                                               example_backend_initable_iface_init)
                                G_IMPLEMENT_INTERFACE_DYNAMIC (CELLOS_TYPE_CELL_BACKEND,
                                                               example_backend_cell_backend_iface_init))

/* GIO's errors become the CellosError codes a supervisor matches on; only
 * G_IO_ERROR_CANCELLED stays as it is, as everywhere in GIO. */
static void
map_gio_error (GError **error_ptr)
{
  GError *error = error_ptr != NULL ? *error_ptr : NULL;

  if (error == NULL || error->domain != G_IO_ERROR || error->code == G_IO_ERROR_CANCELLED)
    return;

  switch (error->code)
    {
    case G_IO_ERROR_EXISTS:
      error->code = CELLOS_ERROR_ALREADY_EXISTS;
      break;
    case G_IO_ERROR_NOT_FOUND:
      error->code = CELLOS_ERROR_NOT_FOUND;
      break;
    case G_IO_ERROR_PERMISSION_DENIED:
      error->code = CELLOS_ERROR_PERMISSION_DENIED;
      break;
    case G_IO_ERROR_NOT_SUPPORTED:
      error->code = CELLOS_ERROR_NOT_SUPPORTED;
      break;
    case G_IO_ERROR_TIMED_OUT:
      error->code = CELLOS_ERROR_TIMED_OUT;
      break;
    default:
      error->code = CELLOS_ERROR_FAILED;
    }
  error->domain = CELLOS_ERROR;
}

/* Availability: the registry calls this before it hands the backend out.
 * Fail with the reason the backend cannot run on this host. */
static gboolean
example_backend_initable_init (GInitable     *initable,
                               GCancellable  *cancellable,
                               GError       **error)
{
  ExampleBackend *self = EXAMPLE_BACKEND (initable);
  const char *root = cellos_backend_getenv (EXAMPLE_ROOT_VARIABLE);
  g_autofree char *path = NULL;
  int saved_errno;

  path = g_strdup (root != NULL && root[0] != '\0' ? root : EXAMPLE_DEFAULT_ROOT);
  if (g_mkdir_with_parents (path, 0700) != 0 || g_access (path, W_OK | X_OK) != 0)
    {
      saved_errno = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   "cannot keep cells in %s: %s", path, g_strerror (saved_errno));
      map_gio_error (error);
      return FALSE;
    }

  self->root = g_file_new_for_path (path);
  return TRUE;
}

static void
example_backend_initable_iface_init (GInitableIface *iface)
{
  iface->init = example_backend_initable_init;
}

static GFile *
cell_directory (ExampleBackend *self,
                const char     *cell_id)
{
  return g_file_get_child (self->root, cell_id);
}

/* A handle for the cell in @directory, as create returns it. */
static CellosCellHandle *
new_handle (const char *id,
            GFile      *directory)
{
  g_autofree char *path = g_file_get_path (directory);
  g_autoptr(GVariantDict) details = g_variant_dict_new (NULL);

  g_variant_dict_insert (details, "directory", "s", path);
  return g_object_new (CELLOS_TYPE_CELL_HANDLE,
                       "cell-id", id,
                       "cgroup-path", path,
                       "details", g_variant_dict_end (details),
                       NULL);
}

static CellosCellHandle *
example_backend_create (CellosCellBackend            *backend,
                        CellosExecutionCellDocument  *document,
                        GCancellable                 *cancellable,
                        GError                      **error)
{
  ExampleBackend *self = EXAMPLE_BACKEND (backend);
  const char *id = cellos_execution_cell_document_get_id (document);
  g_autoptr(GFile) directory = NULL;
  g_autoptr(GFile) spec = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;

  if (id == NULL || id[0] == '\0')
    {
      g_set_error_literal (error, CELLOS_ERROR, CELLOS_ERROR_INVALID_SPEC,
                           "spec.id must be non-empty");
      return NULL;
    }
  /* The id names a directory: it must not leave the root. */
  if (strchr (id, '/') != NULL || g_str_equal (id, ".") || g_str_equal (id, ".."))
    {
      g_set_error (error, CELLOS_ERROR, CELLOS_ERROR_INVALID_SPEC,
                   "spec.id “%s” cannot name a cell directory", id);
      return NULL;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  /* Cell ids are unique among live cells: a second create of a live id
   * fails, with CELLOS_ERROR_ALREADY_EXISTS. */
  directory = cell_directory (self, id);
  if (!g_file_make_directory (directory, cancellable, error))
    {
      map_gio_error (error);
      return NULL;
    }

  /* From here on the cell exists: every failure tears it down. */
  data = cellos_execution_cell_document_to_data (document, &length);
  spec = g_file_get_child (directory, "document.json");
  if (!g_file_replace_contents (spec, data, length, NULL, FALSE, G_FILE_CREATE_PRIVATE,
                                NULL, cancellable, error))
    {
      g_file_delete (spec, NULL, NULL);
      g_file_delete (directory, NULL, NULL);
      map_gio_error (error);
      return NULL;
    }

  cellos_log_backend_operation (EXAMPLE_BACKEND_NAME, "create", id);
  return new_handle (id, directory);
}

static CellosTeardownReport *
example_backend_destroy (CellosCellBackend  *backend,
                         CellosCellHandle   *handle,
                         GCancellable       *cancellable,
                         GError            **error)
{
  ExampleBackend *self = EXAMPLE_BACKEND (backend);
  const char *id = cellos_cell_handle_get_cell_id (handle);
  GVariant *details = cellos_cell_handle_get_details (handle);
  const char *path = NULL;
  g_autoptr(GFile) directory = NULL;
  g_autoptr(GFile) spec = NULL;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  /* The handle says where the cell is; a handle rebuilt without its
   * details still names the cell by id. */
  if (details != NULL && g_variant_lookup (details, "directory", "&s", &path))
    directory = g_file_new_for_path (path);
  else
    directory = cell_directory (self, id);

  spec = g_file_get_child (directory, "document.json");
  if (!g_file_delete (spec, cancellable, error) ||
      !g_file_delete (directory, cancellable, error))
    {
      map_gio_error (error);
      return NULL;
    }

  cellos_log_backend_operation (EXAMPLE_BACKEND_NAME, "destroy", id);
  return g_object_new (CELLOS_TYPE_TEARDOWN_REPORT,
                       "cell-id", id,
                       "destroyed", TRUE,
                       NULL);
}

/* Lists what the host holds, not what this instance made: every
 * directory under the root is a cell, also one another process made. A
 * real backend lists the same way, from the state it keeps on the host:
 * the leaves of its cgroup subtree, or its VMs' state directories or API
 * sockets, each named after its cell's id. Only the synchronous side is
 * implemented; the interface runs it in a GTask worker thread for
 * list_cells_async. */
static GList *
example_backend_list_cells (CellosCellBackend  *backend,
                            GCancellable       *cancellable,
                            GError            **error)
{
  ExampleBackend *self = EXAMPLE_BACKEND (backend);
  g_autoptr(GFileEnumerator) children = NULL;
  GList *cells = NULL;

  children = g_file_enumerate_children (self->root,
                                        G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                        G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS,
                                        cancellable, error);
  if (children == NULL)
    {
      map_gio_error (error);
      return NULL;
    }

  for (;;)
    {
      GFileInfo *info;
      GFile *child;
      const char *id;

      if (!g_file_enumerator_iterate (children, &info, &child, cancellable, error))
        {
          g_list_free_full (cells, g_object_unref);
          map_gio_error (error);
          return NULL;
        }
      if (info == NULL)
        break;
      /* Cell ids are UTF-8: a name that is not, or a file that is not a
       * directory, is nothing create made. */
      id = g_file_info_get_name (info);
      if (g_file_info_get_file_type (info) != G_FILE_TYPE_DIRECTORY ||
          !g_utf8_validate (id, -1, NULL))
        continue;
      cells = g_list_prepend (cells, new_handle (id, child));
    }

  return g_list_reverse (cells);
}

/* The asynchronous forms run the synchronous ones in a GTask worker
 * thread (several at once: the methods above keep no state but the root).
 * A handle made while the caller cancelled is still the caller's: the
 * task must not turn it into an error and lose the cell. */
static void
create_in_thread (GTask        *task,
                  gpointer      source,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  GError *error = NULL;
  CellosCellHandle *handle = example_backend_create (source, task_data, cancellable, &error);

  if (handle != NULL)
    g_task_return_pointer (task, handle, g_object_unref);
  else
    g_task_return_error (task, error);
}

static void
example_backend_create_async (CellosCellBackend           *backend,
                              CellosExecutionCellDocument *document,
                              GCancellable                *cancellable,
                              GAsyncReadyCallback          callback,
                              gpointer                     user_data)
{
  g_autoptr(GTask) task = g_task_new (backend, cancellable, callback, user_data);

  g_task_set_source_tag (task, example_backend_create_async);
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, g_object_ref (document), g_object_unref);
  g_task_run_in_thread (task, create_in_thread);
}

static CellosCellHandle *
example_backend_create_finish (CellosCellBackend  *backend,
                               GAsyncResult       *result,
                               GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, backend), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == example_backend_create_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
destroy_in_thread (GTask        *task,
                   gpointer      source,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  GError *error = NULL;
  CellosTeardownReport *report = example_backend_destroy (source, task_data, cancellable, &error);

  if (report != NULL)
    g_task_return_pointer (task, report, g_object_unref);
  else
    g_task_return_error (task, error);
}

static void
example_backend_destroy_async (CellosCellBackend   *backend,
                               CellosCellHandle    *handle,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (backend, cancellable, callback, user_data);

  g_task_set_source_tag (task, example_backend_destroy_async);
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, g_object_ref (handle), g_object_unref);
  g_task_run_in_thread (task, destroy_in_thread);
}

static CellosTeardownReport *
example_backend_destroy_finish (CellosCellBackend  *backend,
                                GAsyncResult       *result,
                                GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, backend), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == example_backend_destroy_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
example_backend_cell_backend_iface_init (CellosCellBackendInterface *iface)
{
  iface->create = example_backend_create;
  iface->create_async = example_backend_create_async;
  iface->create_finish = example_backend_create_finish;
  iface->destroy = example_backend_destroy;
  iface->destroy_async = example_backend_destroy_async;
  iface->destroy_finish = example_backend_destroy_finish;
  iface->list_cells = example_backend_list_cells;
}

static void
example_backend_finalize (GObject *object)
{
  ExampleBackend *self = EXAMPLE_BACKEND (object);

  g_clear_object (&self->root);

  G_OBJECT_CLASS (example_backend_parent_class)->finalize (object);
}

static void
example_backend_class_init (ExampleBackendClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = example_backend_finalize;
}

static void
example_backend_class_finalize (ExampleBackendClass *klass)
{
}

static void
example_backend_init (ExampleBackend *self)
{
}

/* The module's entry points, as GIO loads them. */

G_MODULE_EXPORT void
g_io_module_load (GIOModule *module)
{
  example_backend_register_type (G_TYPE_MODULE (module));
  g_io_extension_point_implement (CELLOS_CELL_BACKEND_EXTENSION_POINT_NAME,
                                  EXAMPLE_TYPE_BACKEND,
                                  EXAMPLE_BACKEND_NAME,
                                  EXAMPLE_BACKEND_PRIORITY);
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
