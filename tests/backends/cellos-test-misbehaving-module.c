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
 *    error, for the test that shows the contract runner catching it;
 *  - unavailable: registers "test-unavailable" at an isolating priority
 *    above the test module's; it implements GInitable and never
 *    initialises (as a backend that needs KVM on a host without it).
 * The contract runner must catch each of these:
 *  - wrongtype: "test-wrongtype" returns a report from create and a handle
 *    from destroy;
 *  - deaf: "test-deaf" takes two seconds to create a cell and never looks
 *    at its cancellable;
 *  - wrongcontext: "test-wrongcontext" delivers its callbacks in the
 *    global default main context instead of the caller's;
 *  - early: "test-early" runs its callbacks before the _async call
 *    returns;
 *  - undestroyable: "test-undestroyable" makes cells it cannot destroy.
 * And one that logs while it loads:
 *  - logging: before registering "test-logging", a backend without
 *    defects, its load function logs the message CELLOS_TEST_LOG_MESSAGE
 *    names in the domains "CellosTestWriter" and "CellosTestHandled",
 *    makes GIO warn by implementing the extension point
 *    CELLOS_TEST_UNREGISTERED_POINT names, which nobody registered, and
 *    leaves the fatal mask it found (g_log_set_always_fatal()) in
 *    CELLOS_TEST_ALWAYS_FATAL.
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
#define TEST_MODULE_UNAVAILABLE 5
#define TEST_MODULE_WRONGTYPE 6
#define TEST_MODULE_DEAF 7
#define TEST_MODULE_WRONGCONTEXT 8
#define TEST_MODULE_EARLY 9
#define TEST_MODULE_UNDESTROYABLE 10
#define TEST_MODULE_LOGGING 11

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

#elif TEST_MODULE_KIND >= TEST_MODULE_NULL

#define TEST_TYPE_BROKEN_BACKEND (test_broken_backend_get_type ())
G_DECLARE_FINAL_TYPE (TestBrokenBackend, test_broken_backend, TEST, BROKEN_BACKEND, GObject)

struct _TestBrokenBackend
{
  GObject parent_instance;
};

/* Not every kind returns results. */
G_GNUC_UNUSED static CellosCellHandle *
new_handle (CellosExecutionCellDocument *document)
{
  return g_object_new (CELLOS_TYPE_CELL_HANDLE,
                       "cell-id", cellos_execution_cell_document_get_id (document),
                       NULL);
}

G_GNUC_UNUSED static CellosTeardownReport *
new_report (CellosCellHandle *handle)
{
  return g_object_new (CELLOS_TYPE_TEARDOWN_REPORT,
                       "cell-id", cellos_cell_handle_get_cell_id (handle),
                       "destroyed", TRUE,
                       NULL);
}

/* Refuses an empty id, as every backend must, so that only the defect
 * under test shows. */
static gboolean
refuse_empty_id (CellosExecutionCellDocument  *document,
                 GError                      **error)
{
  const char *id = cellos_execution_cell_document_get_id (document);

  if (id != NULL && id[0] != '\0')
    return FALSE;
  g_set_error_literal (error, CELLOS_ERROR, CELLOS_ERROR_INVALID_SPEC, "spec.id must be non-empty");
  return TRUE;
}

#if TEST_MODULE_KIND == TEST_MODULE_NULL || TEST_MODULE_KIND == TEST_MODULE_WRONGTYPE || \
    TEST_MODULE_KIND == TEST_MODULE_UNAVAILABLE || TEST_MODULE_KIND == TEST_MODULE_UNDESTROYABLE

static CellosCellHandle *
test_broken_backend_create (CellosCellBackend            *backend,
                            CellosExecutionCellDocument  *document,
                            GCancellable                 *cancellable,
                            GError                      **error)
{
  if (g_cancellable_set_error_if_cancelled (cancellable, error) || refuse_empty_id (document, error))
    return NULL;
#if TEST_MODULE_KIND == TEST_MODULE_NULL
  return NULL;
#elif TEST_MODULE_KIND == TEST_MODULE_WRONGTYPE
  {
    g_autoptr(CellosCellHandle) handle = new_handle (document);

    return (CellosCellHandle *) new_report (handle);
  }
#else
  return new_handle (document);
#endif
}

static CellosTeardownReport *
test_broken_backend_destroy (CellosCellBackend  *backend,
                             CellosCellHandle   *handle,
                             GCancellable       *cancellable,
                             GError            **error)
{
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
#if TEST_MODULE_KIND == TEST_MODULE_NULL
  return NULL;
#elif TEST_MODULE_KIND == TEST_MODULE_WRONGTYPE
  return (CellosTeardownReport *) g_object_ref (handle);
#elif TEST_MODULE_KIND == TEST_MODULE_UNDESTROYABLE
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_BUSY, "cell %s is stuck",
               cellos_cell_handle_get_cell_id (handle));
  return NULL;
#else
  return new_report (handle);
#endif
}

static void
test_broken_backend_iface_init (CellosCellBackendInterface *iface)
{
  iface->create = test_broken_backend_create;
  iface->destroy = test_broken_backend_destroy;
}

#else /* asynchronous kinds */

#if TEST_MODULE_KIND == TEST_MODULE_DEAF

static gboolean
deaf_create_done (gpointer data)
{
  GTask *task = data;

  g_task_return_pointer (task, new_handle (g_task_get_task_data (task)), g_object_unref);
  return G_SOURCE_REMOVE;
}

#endif

static void
test_broken_backend_create_async (CellosCellBackend           *backend,
                                  CellosExecutionCellDocument *document,
                                  GCancellable                *cancellable,
                                  GAsyncReadyCallback          callback,
                                  gpointer                     user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;

#if TEST_MODULE_KIND == TEST_MODULE_WRONGCONTEXT
  /* A GTask delivers in the thread-default context of its creation. */
  g_main_context_push_thread_default (g_main_context_default ());
  task = g_task_new (backend, cancellable, callback, user_data);
  g_main_context_pop_thread_default (g_main_context_default ());
#elif TEST_MODULE_KIND == TEST_MODULE_EARLY
  task = g_task_new (backend, cancellable, NULL, NULL);
#else
  task = g_task_new (backend, cancellable, callback, user_data);
#endif
  g_task_set_source_tag (task, test_broken_backend_create_async);
  g_task_set_check_cancellable (task, FALSE);

  if (g_cancellable_set_error_if_cancelled (cancellable, &error) || refuse_empty_id (document, &error))
    g_task_return_error (task, error);
  else
    {
#if TEST_MODULE_KIND == TEST_MODULE_DEAF
      g_autoptr(GSource) source = g_timeout_source_new (2000);

      g_task_set_task_data (task, g_object_ref (document), g_object_unref);
      g_task_attach_source (task, source, deaf_create_done);
      return;
#else
      g_task_return_pointer (task, new_handle (document), g_object_unref);
#endif
    }
#if TEST_MODULE_KIND == TEST_MODULE_EARLY
  callback (G_OBJECT (backend), G_ASYNC_RESULT (task), user_data);
#endif
}

static void
test_broken_backend_destroy_async (CellosCellBackend   *backend,
                                   CellosCellHandle    *handle,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;

#if TEST_MODULE_KIND == TEST_MODULE_WRONGCONTEXT
  g_main_context_push_thread_default (g_main_context_default ());
  task = g_task_new (backend, cancellable, callback, user_data);
  g_main_context_pop_thread_default (g_main_context_default ());
#elif TEST_MODULE_KIND == TEST_MODULE_EARLY
  task = g_task_new (backend, cancellable, NULL, NULL);
#else
  task = g_task_new (backend, cancellable, callback, user_data);
#endif
  g_task_set_source_tag (task, test_broken_backend_destroy_async);

  if (g_cancellable_set_error_if_cancelled (cancellable, &error))
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, new_report (handle), g_object_unref);
#if TEST_MODULE_KIND == TEST_MODULE_EARLY
  callback (G_OBJECT (backend), G_ASYNC_RESULT (task), user_data);
#endif
}

static gpointer
propagate (CellosCellBackend  *backend,
           GAsyncResult       *result,
           GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, backend), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
test_broken_backend_iface_init (CellosCellBackendInterface *iface)
{
  iface->create_async = test_broken_backend_create_async;
  iface->create_finish = (gpointer) propagate;
  iface->destroy_async = test_broken_backend_destroy_async;
  iface->destroy_finish = (gpointer) propagate;
}

#endif

#if TEST_MODULE_KIND == TEST_MODULE_UNAVAILABLE

static gboolean
test_broken_backend_initable_init (GInitable     *initable,
                                   GCancellable  *cancellable,
                                   GError       **error)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "no KVM on this host");
  return FALSE;
}

static void
test_broken_backend_initable_iface_init (GInitableIface *iface)
{
  iface->init = test_broken_backend_initable_init;
}

G_DEFINE_DYNAMIC_TYPE_EXTENDED (TestBrokenBackend, test_broken_backend, G_TYPE_OBJECT,
                                G_TYPE_FLAG_FINAL,
                                G_IMPLEMENT_INTERFACE_DYNAMIC (G_TYPE_INITABLE,
                                                               test_broken_backend_initable_iface_init)
                                G_IMPLEMENT_INTERFACE_DYNAMIC (CELLOS_TYPE_CELL_BACKEND,
                                                               test_broken_backend_iface_init))

#else

G_DEFINE_DYNAMIC_TYPE_EXTENDED (TestBrokenBackend, test_broken_backend, G_TYPE_OBJECT,
                                G_TYPE_FLAG_FINAL,
                                G_IMPLEMENT_INTERFACE_DYNAMIC (CELLOS_TYPE_CELL_BACKEND,
                                                               test_broken_backend_iface_init))

#endif

static void
test_broken_backend_class_init (TestBrokenBackendClass *klass)
{
}

static void
test_broken_backend_class_finalize (TestBrokenBackendClass *klass)
{
}

static void
test_broken_backend_init (TestBrokenBackend *self)
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
#else
  static const char * const names[] = {
    [TEST_MODULE_NULL] = "test-null",
    [TEST_MODULE_UNAVAILABLE] = "test-unavailable",
    [TEST_MODULE_WRONGTYPE] = "test-wrongtype",
    [TEST_MODULE_DEAF] = "test-deaf",
    [TEST_MODULE_WRONGCONTEXT] = "test-wrongcontext",
    [TEST_MODULE_EARLY] = "test-early",
    [TEST_MODULE_UNDESTROYABLE] = "test-undestroyable",
    [TEST_MODULE_LOGGING] = "test-logging",
  };

#if TEST_MODULE_KIND == TEST_MODULE_LOGGING
  {
    const char *message = g_getenv ("CELLOS_TEST_LOG_MESSAGE");
    GLogLevelFlags fatal;
    char mask[32];

    /* Setting the mask is the only way to read it: set it back at once. */
    fatal = g_log_set_always_fatal (G_LOG_FATAL_MASK);
    g_log_set_always_fatal (fatal);
    snprintf (mask, sizeof mask, "%d", (int) fatal);
    g_setenv ("CELLOS_TEST_ALWAYS_FATAL", mask, TRUE);

    g_log ("CellosTestWriter", G_LOG_LEVEL_MESSAGE, "%s", message);
    g_log ("CellosTestHandled", G_LOG_LEVEL_MESSAGE, "%s", message);
    g_io_extension_point_implement (g_getenv ("CELLOS_TEST_UNREGISTERED_POINT"),
                                    G_TYPE_OBJECT, "test-logging", 0);
  }
#endif

  test_broken_backend_register_type (G_TYPE_MODULE (module));
  g_io_extension_point_implement (CELLOS_CELL_BACKEND_EXTENSION_POINT_NAME,
                                  TEST_TYPE_BROKEN_BACKEND, names[TEST_MODULE_KIND],
                                  TEST_MODULE_KIND == TEST_MODULE_UNAVAILABLE ? 20 : 1);
#endif
}

G_MODULE_EXPORT void
g_io_module_unload (GIOModule *module)
{
}
