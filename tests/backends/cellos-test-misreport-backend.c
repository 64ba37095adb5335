/* cellos-test-misreport-backend.c: a backend module that misreports, for
 * tests of what callers do with a backend's word
 *
 * Built as a GIO module, loaded from CELLOS_BACKEND_MODULE_DIR. It
 * registers "test-misreport", at a negative priority so that it is only
 * used by name, which implements only the synchronous methods and answers
 * by the document's spec.id:
 *   no-handle…     create returns NULL and sets no error
 *   other-handle…  the handle is for the cell "not-" + spec.id
 *   no-report…     destroy returns NULL and sets no error
 *   other-report…  the report is for the cell "not-" + spec.id
 *   undestroyed…   the report says the cell was not destroyed
 * and behaves like the stub for any other id. Like a careless module, it
 * also says what it does with g_print(), on standard output.
 *
 * Copyright 2026 The CellOS authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <cellos/cellos.h>
#include <gmodule.h>

#define TEST_TYPE_MISREPORT_BACKEND (test_misreport_backend_get_type ())
G_DECLARE_FINAL_TYPE (TestMisreportBackend, test_misreport_backend,
                      TEST, MISREPORT_BACKEND, GObject)

struct _TestMisreportBackend
{
  GObject parent_instance;
};

static void test_misreport_backend_iface_init (CellosCellBackendInterface *iface);

G_DEFINE_DYNAMIC_TYPE_EXTENDED (TestMisreportBackend, test_misreport_backend, G_TYPE_OBJECT,
                                G_TYPE_FLAG_FINAL,
                                G_IMPLEMENT_INTERFACE_DYNAMIC (CELLOS_TYPE_CELL_BACKEND,
                                                               test_misreport_backend_iface_init))

/* The cell id a handle or report carries for the cell @id. */
static char *
reported_id (const char *id,
             const char *other_prefix)
{
  return g_str_has_prefix (id, other_prefix) ? g_strconcat ("not-", id, NULL) : g_strdup (id);
}

static CellosCellHandle *
test_misreport_backend_create (CellosCellBackend            *backend,
                               CellosExecutionCellDocument  *document,
                               GCancellable                 *cancellable,
                               GError                      **error)
{
  const char *id = cellos_execution_cell_document_get_id (document);
  g_autofree char *cell_id = NULL;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  if (id == NULL || id[0] == '\0')
    {
      g_set_error_literal (error, CELLOS_ERROR, CELLOS_ERROR_INVALID_SPEC,
                           "spec.id must be non-empty");
      return NULL;
    }
  g_print ("test-misreport: create\n");
  if (g_str_has_prefix (id, "no-handle"))
    return NULL;

  cell_id = reported_id (id, "other-handle");
  return g_object_new (CELLOS_TYPE_CELL_HANDLE, "cell-id", cell_id, NULL);
}

static CellosTeardownReport *
test_misreport_backend_destroy (CellosCellBackend  *backend,
                                CellosCellHandle   *handle,
                                GCancellable       *cancellable,
                                GError            **error)
{
  const char *id = cellos_cell_handle_get_cell_id (handle);
  g_autofree char *cell_id = NULL;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  if (g_str_has_prefix (id, "no-report"))
    return NULL;

  cell_id = reported_id (id, "other-report");
  return g_object_new (CELLOS_TYPE_TEARDOWN_REPORT,
                       "cell-id", cell_id,
                       "destroyed", !g_str_has_prefix (id, "undestroyed"),
                       "peers-tracked-after", 0u,
                       NULL);
}

static void
test_misreport_backend_iface_init (CellosCellBackendInterface *iface)
{
  iface->create = test_misreport_backend_create;
  iface->destroy = test_misreport_backend_destroy;
}

static void
test_misreport_backend_class_init (TestMisreportBackendClass *klass)
{
}

static void
test_misreport_backend_class_finalize (TestMisreportBackendClass *klass)
{
}

static void
test_misreport_backend_init (TestMisreportBackend *self)
{
}

/* Declared by <gio/giomodule.h>; exported explicitly since the module is
 * built with hidden visibility. */
G_MODULE_EXPORT void
g_io_module_load (GIOModule *module)
{
  test_misreport_backend_register_type (G_TYPE_MODULE (module));
  g_io_extension_point_implement (CELLOS_CELL_BACKEND_EXTENSION_POINT_NAME,
                                  TEST_TYPE_MISREPORT_BACKEND,
                                  "test-misreport", -10);
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
