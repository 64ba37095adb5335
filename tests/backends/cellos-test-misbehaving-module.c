/* cellos-test-misbehaving-module.c: backend modules that misbehave while
 * loading, for the registry tests only
 *
 * Built several times, once per TEST_MODULE_KIND:
 *  - shadow: registers a backend under names that are taken, the built-in
 *    "stub" and the test module's "test-isolating", at a high priority;
 *  - uninstantiable: registers the interface type itself, which cannot be
 *    instantiated;
 *  - reentrant: calls into the registry from its load function, and leaves
 *    what it got in the environment variable CELLOS_TEST_REENTRANT;
 *  - null: registers "test-null", whose create returns NULL without an
 *    error, for the test that shows the contract runner catching it.
 * Each counts the runs of its constructors in CELLOS_TEST_CONSTRUCTED, so
 * that a test can prove a module is loaded once.
 *
 * Copyright 2026 The CellOS authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdio.h>
#include <stdlib.h>

#include <cellos/cellos.h>
#include <gmodule.h>

#define TEST_MODULE_SHADOW 1
#define TEST_MODULE_UNINSTANTIABLE 2
#define TEST_MODULE_REENTRANT 3
#define TEST_MODULE_NULL 4

/* Plain libc, not GLib: a constructor runs before anything else of the
 * module, and every module here then links libc directly, as a real
 * module does. */
__attribute__((constructor)) static void
count_constructor_run (void)
{
  const char *before = getenv ("CELLOS_TEST_CONSTRUCTED");
  char after[64];

  snprintf (after, sizeof after, "%s%d", before != NULL ? before : "", TEST_MODULE_KIND);
  setenv ("CELLOS_TEST_CONSTRUCTED", after, 1);
}

#if TEST_MODULE_KIND == TEST_MODULE_SHADOW

/* GIO takes one type once per extension point, so each taken name needs a
 * type of its own. */
#define DEFINE_SHADOW_BACKEND(TypeName, type_name, NAME)                           \
  G_DECLARE_FINAL_TYPE (TypeName, type_name, TEST, NAME, GObject)              \
  struct _##TypeName { GObject parent_instance; };                             \
  static void type_name##_iface_init (CellosCellBackendInterface *iface) { }   \
  G_DEFINE_DYNAMIC_TYPE_EXTENDED (TypeName, type_name, G_TYPE_OBJECT,          \
                                  G_TYPE_FLAG_FINAL,                           \
                                  G_IMPLEMENT_INTERFACE_DYNAMIC (CELLOS_TYPE_CELL_BACKEND, \
                                                                 type_name##_iface_init)) \
  static void type_name##_class_init (TypeName##Class *klass) { }              \
  static void type_name##_class_finalize (TypeName##Class *klass) { }          \
  static void type_name##_init (TypeName *self) { }

DEFINE_SHADOW_BACKEND (TestShadowStub, test_shadow_stub, SHADOW_STUB)
DEFINE_SHADOW_BACKEND (TestShadowIsolating, test_shadow_isolating, SHADOW_ISOLATING)

#elif TEST_MODULE_KIND == TEST_MODULE_NULL

#define TEST_TYPE_NULL_BACKEND (test_null_backend_get_type ())
G_DECLARE_FINAL_TYPE (TestNullBackend, test_null_backend, TEST, NULL_BACKEND, GObject)

struct _TestNullBackend
{
  GObject parent_instance;
};

static CellosCellHandle *
test_null_backend_create (CellosCellBackend            *backend,
                          CellosExecutionCellDocument  *document,
                          GCancellable                 *cancellable,
                          GError                      **error)
{
  return NULL;
}

static CellosTeardownReport *
test_null_backend_destroy (CellosCellBackend  *backend,
                           CellosCellHandle   *handle,
                           GCancellable       *cancellable,
                           GError            **error)
{
  return NULL;
}

static void
test_null_backend_iface_init (CellosCellBackendInterface *iface)
{
  iface->create = test_null_backend_create;
  iface->destroy = test_null_backend_destroy;
}

G_DEFINE_DYNAMIC_TYPE_EXTENDED (TestNullBackend, test_null_backend, G_TYPE_OBJECT,
                                G_TYPE_FLAG_FINAL,
                                G_IMPLEMENT_INTERFACE_DYNAMIC (CELLOS_TYPE_CELL_BACKEND,
                                                               test_null_backend_iface_init))

static void
test_null_backend_class_init (TestNullBackendClass *klass)
{
}

static void
test_null_backend_class_finalize (TestNullBackendClass *klass)
{
}

static void
test_null_backend_init (TestNullBackend *self)
{
}

#endif

G_MODULE_EXPORT void
g_io_module_load (GIOModule *module)
{
#if TEST_MODULE_KIND == TEST_MODULE_SHADOW
  test_shadow_stub_register_type (G_TYPE_MODULE (module));
  test_shadow_isolating_register_type (G_TYPE_MODULE (module));
  g_io_extension_point_implement (CELLOS_CELL_BACKEND_EXTENSION_POINT_NAME,
                                  test_shadow_stub_get_type (), "stub", 50);
  g_io_extension_point_implement (CELLOS_CELL_BACKEND_EXTENSION_POINT_NAME,
                                  test_shadow_isolating_get_type (), "test-isolating", 50);
#elif TEST_MODULE_KIND == TEST_MODULE_UNINSTANTIABLE
  g_io_extension_point_implement (CELLOS_CELL_BACKEND_EXTENSION_POINT_NAME,
                                  CELLOS_TYPE_CELL_BACKEND, "uninstantiable", 5);
#elif TEST_MODULE_KIND == TEST_MODULE_REENTRANT
  g_autoptr(GError) error = NULL;
  g_autoptr(CellosCellBackend) backend = cellos_cell_backend_new_for_name ("stub", &error);
  g_auto(GStrv) names = cellos_cell_backend_list_names ();

  g_setenv ("CELLOS_TEST_REENTRANT",
            backend != NULL ? "backend" : error != NULL ? error->message : "NULL without an error",
            TRUE);
  g_assert_nonnull (names);
#elif TEST_MODULE_KIND == TEST_MODULE_NULL
  test_null_backend_register_type (G_TYPE_MODULE (module));
  g_io_extension_point_implement (CELLOS_CELL_BACKEND_EXTENSION_POINT_NAME,
                                  TEST_TYPE_NULL_BACKEND, "test-null", 1);
#endif
}

G_MODULE_EXPORT void
g_io_module_unload (GIOModule *module)
{
}
