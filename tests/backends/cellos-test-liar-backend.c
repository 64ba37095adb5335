/* cellos-test-liar-backend.c: backend modules whose word on the cells they
 * hold is false, for the tests of the contract runner
 *
 * Built as GIO modules, one per kind, from this one source, and loaded from
 * CELLOS_BACKEND_MODULE_DIR. Each keeps its cells by id, implements the
 * synchronous methods with listing, answers every create, and every
 * destroy of a handle create returned, as the contract wants, and is
 * wrong about what it holds, or what it lists, in one way only:
 *
 *   TEST_MODULE_KIND 1, "test-lying-destroy": destroy reports the cell
 *     destroyed and keeps it, and listing shows it;
 *   TEST_MODULE_KIND 2, "test-silent-leak": a create cancelled at any
 *     point fails with G_IO_ERROR_CANCELLED and keeps its cell, and the
 *     backend has no "live-cells" count that would give it away; listing
 *     shows the cell;
 *   TEST_MODULE_KIND 3, "test-short-listing": listing leaves out the cell
 *     made last;
 *   TEST_MODULE_KIND 4, "test-bare-listing": create puts the cell's serial
 *     number in the handle's details and destroy refuses a handle without
 *     it, but listing returns handles with the id alone: every cell is
 *     listed, and destroy refuses every handle listing returns, or that a
 *     supervisor rebuilds from a listed id.
 *
 * Only what listing returns can show any of them. Built with
 * TEST_MODULE_KIND 0, it registers "test-listing" and is right about what
 * it holds, with handles that destroy accepts: the correct backend the
 * runner's live-set and listing checks must pass.
 *
 * Copyright 2026 The CellOS authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <cellos/cellos.h>
#include <gmodule.h>

#if TEST_MODULE_KIND == 0
#define TEST_BACKEND_NAME "test-listing"
#elif TEST_MODULE_KIND == 1
#define TEST_BACKEND_NAME "test-lying-destroy"
#elif TEST_MODULE_KIND == 2
#define TEST_BACKEND_NAME "test-silent-leak"
#elif TEST_MODULE_KIND == 3
#define TEST_BACKEND_NAME "test-short-listing"
#elif TEST_MODULE_KIND == 4
#define TEST_BACKEND_NAME "test-bare-listing"
#else
#error "TEST_MODULE_KIND must be 0, 1, 2, 3 or 4"
#endif

#define TEST_TYPE_LIAR_BACKEND (test_liar_backend_get_type ())
G_DECLARE_FINAL_TYPE (TestLiarBackend, test_liar_backend, TEST, LIAR_BACKEND, GObject)

struct _TestLiarBackend
{
  GObject parent_instance;
};

/* Cells exist outside any one backend object, as VMs do: id → the order
 * of its creation. */
static GMutex cells_lock;
static GHashTable *cells;
static gsize cells_made;

static void test_liar_backend_iface_init (CellosCellBackendInterface *iface);

G_DEFINE_DYNAMIC_TYPE_EXTENDED (TestLiarBackend, test_liar_backend, G_TYPE_OBJECT,
                                G_TYPE_FLAG_FINAL,
                                G_IMPLEMENT_INTERFACE_DYNAMIC (CELLOS_TYPE_CELL_BACKEND,
                                                               test_liar_backend_iface_init))

/* Claims @id for a new cell: its serial number, or 0 if a cell of that
 * id exists. */
static gsize
claim (const char *id)
{
  gsize serial = 0;

  g_mutex_lock (&cells_lock);
  if (cells == NULL)
    cells = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (!g_hash_table_contains (cells, id))
    {
      serial = ++cells_made;
      g_hash_table_insert (cells, g_strdup (id), GSIZE_TO_POINTER (serial));
    }
  g_mutex_unlock (&cells_lock);
  return serial;
}

static gboolean
release (const char *id)
{
  gboolean released;

  g_mutex_lock (&cells_lock);
  released = cells != NULL && g_hash_table_remove (cells, id);
  g_mutex_unlock (&cells_lock);
  return released;
}

static CellosCellHandle *
test_liar_backend_create (CellosCellBackend            *backend,
                          CellosExecutionCellDocument  *document,
                          GCancellable                 *cancellable,
                          GError                      **error)
{
  const char *id = cellos_execution_cell_document_get_id (document);
  gsize serial;

  if (id == NULL || id[0] == '\0')
    {
      g_set_error_literal (error, CELLOS_ERROR, CELLOS_ERROR_INVALID_SPEC,
                           "spec.id must be non-empty");
      return NULL;
    }
#if TEST_MODULE_KIND != 2
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
#endif
  serial = claim (id);
  if (serial == 0)
    {
      g_set_error (error, CELLOS_ERROR, CELLOS_ERROR_ALREADY_EXISTS, "A cell %s exists", id);
      return NULL;
    }

  /* The work of making a cell, during which a cancellation may come. The
   * module that leaks works longer than the runner ever waits before it
   * cancels, so that every cancelled create leaks, however loaded the
   * machine, and the runner must catch it every time. */
#if TEST_MODULE_KIND == 2
  g_usleep (5 * 1000);
#else
  g_usleep (500);
#endif
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
#if TEST_MODULE_KIND != 2
      release (id);
#endif
      return NULL;
    }
#if TEST_MODULE_KIND == 4
  {
    GVariantDict details;

    g_variant_dict_init (&details, NULL);
    g_variant_dict_insert (&details, "serial", "t", (guint64) serial);
    return cellos_cell_handle_new (id, g_variant_dict_end (&details));
  }
#else
  return cellos_cell_handle_new (id, NULL);
#endif
}

static CellosTeardownReport *
test_liar_backend_destroy (CellosCellBackend  *backend,
                           CellosCellHandle   *handle,
                           GCancellable       *cancellable,
                           GError            **error)
{
  const char *id = cellos_cell_handle_get_cell_id (handle);
  gboolean held;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
#if TEST_MODULE_KIND == 1
  g_mutex_lock (&cells_lock);
  held = cells != NULL && g_hash_table_contains (cells, id);
  g_mutex_unlock (&cells_lock);
#elif TEST_MODULE_KIND == 4
  {
    GVariant *details = cellos_cell_handle_get_details (handle);
    guint64 serial = 0;

    if (details == NULL || !g_variant_lookup (details, "serial", "t", &serial))
      {
        g_set_error (error, CELLOS_ERROR, CELLOS_ERROR_NOT_FOUND,
                     "The handle of cell %s has no serial number", id);
        return NULL;
      }
    g_mutex_lock (&cells_lock);
    held = cells != NULL &&
           GPOINTER_TO_SIZE (g_hash_table_lookup (cells, id)) == serial &&
           g_hash_table_remove (cells, id);
    g_mutex_unlock (&cells_lock);
  }
#else
  held = release (id);
#endif
  if (!held)
    {
      g_set_error (error, CELLOS_ERROR, CELLOS_ERROR_NOT_FOUND, "No cell %s", id);
      return NULL;
    }
  return g_object_new (CELLOS_TYPE_TEARDOWN_REPORT,
                       "cell-id", id,
                       "destroyed", TRUE,
                       "peers-tracked-after", 0u,
                       NULL);
}

static gint
compare_by_creation (gconstpointer a,
                     gconstpointer b)
{
  gsize order_a = GPOINTER_TO_SIZE (g_hash_table_lookup (cells, a));
  gsize order_b = GPOINTER_TO_SIZE (g_hash_table_lookup (cells, b));

  return order_a < order_b ? -1 : order_a > order_b;
}

static GList *
test_liar_backend_list_cells (CellosCellBackend  *backend,
                              GCancellable       *cancellable,
                              GError            **error)
{
  g_autoptr(GList) ids = NULL;
  GList *handles = NULL;
  GList *l;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  g_mutex_lock (&cells_lock);
  if (cells != NULL)
    ids = g_list_sort (g_hash_table_get_keys (cells), compare_by_creation);
#if TEST_MODULE_KIND == 3
  if (ids != NULL)
    ids = g_list_delete_link (ids, g_list_last (ids));
#endif
  for (l = ids; l != NULL; l = l->next)
    handles = g_list_prepend (handles, cellos_cell_handle_new (l->data, NULL));
  g_mutex_unlock (&cells_lock);
  return g_list_reverse (handles);
}

static void
test_liar_backend_iface_init (CellosCellBackendInterface *iface)
{
  iface->create = test_liar_backend_create;
  iface->destroy = test_liar_backend_destroy;
  iface->list_cells = test_liar_backend_list_cells;
}

static void
test_liar_backend_class_init (TestLiarBackendClass *klass)
{
}

static void
test_liar_backend_class_finalize (TestLiarBackendClass *klass)
{
}

static void
test_liar_backend_init (TestLiarBackend *self)
{
}

/* Declared by <gio/giomodule.h>; exported explicitly since the module is
 * built with hidden visibility. */
G_MODULE_EXPORT void
g_io_module_load (GIOModule *module)
{
  test_liar_backend_register_type (G_TYPE_MODULE (module));
  g_io_extension_point_implement (CELLOS_CELL_BACKEND_EXTENSION_POINT_NAME,
                                  TEST_TYPE_LIAR_BACKEND, TEST_BACKEND_NAME, -20);
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
