/* test-registry.c: choosing a backend by name, by default and from modules
 *
 * The registry is set up once per process, so each case that depends on
 * the environment runs in a subprocess with that environment.
 *
 * Copyright 2026 The CellOS authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1  /* dladdr() */
#endif
#include <dlfcn.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "test-utils.h"

static char *empty_module_dir;

static void
copy_file (const char *from,
           const char *to)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  g_file_get_contents (from, &contents, &length, &error);
  g_assert_no_error (error);
  g_file_set_contents (to, contents, (gssize) length, &error);
  g_assert_no_error (error);
}

/* A temporary module directory holding a copy of the test backend module
 * and, optionally, files that are not backend modules. */
static char *
make_module_dir (gboolean with_junk)
{
  const char *module = g_getenv ("CELLOS_TEST_BACKEND_MODULE");
  g_autoptr(GError) error = NULL;
  g_autofree char *copy = NULL;
  char *dir;

  if (module == NULL)
    g_error ("CELLOS_TEST_BACKEND_MODULE must name the built test backend module");

  dir = g_dir_make_tmp ("cellos-backends-XXXXXX", &error);
  g_assert_no_error (error);

  copy = g_build_filename (dir, "libcellos-test-backend.so", NULL);
  copy_file (module, copy);

  if (with_junk)
    {
      g_autofree char *junk = g_build_filename (dir, "libjunk.so", NULL);
      g_autofree char *empty = g_build_filename (dir, "libempty.so", NULL);
      g_autofree char *notes = g_build_filename (dir, "README", NULL);

      g_file_set_contents (junk, "this is not an ELF object\n", -1, &error);
      g_assert_no_error (error);
      g_file_set_contents (empty, "", 0, &error);
      g_assert_no_error (error);
      g_file_set_contents (notes, "ignored: not named like a module\n", -1, &error);
      g_assert_no_error (error);
    }

  return dir;
}

static void
remove_module_dir (char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
  g_free (dir);
}

/* Runs the current test case in a subprocess whose registry sees @module_dir
 * and whose CELLOS_CELL_BACKEND is @backend_env (unset if NULL). */
static void
run_in_subprocess (const char *module_dir,
                   const char *backend_env)
{
  g_setenv ("CELLOS_BACKEND_MODULE_DIR", module_dir, TRUE);
  if (backend_env != NULL)
    g_setenv ("CELLOS_CELL_BACKEND", backend_env, TRUE);
  else
    g_unsetenv ("CELLOS_CELL_BACKEND");

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);

  g_setenv ("CELLOS_BACKEND_MODULE_DIR", empty_module_dir, TRUE);
  g_unsetenv ("CELLOS_CELL_BACKEND");
}

/* As run_in_subprocess(), with a fresh module directory holding the test
 * backend module (and junk, if @with_junk), removed again afterwards; the
 * trap's results stay for the caller to assert on. */
static void
run_with_module_dir (gboolean    with_junk,
                     const char *backend_env)
{
  char *module_dir = make_module_dir (with_junk);

  run_in_subprocess (module_dir, backend_env);
  remove_module_dir (module_dir);
}

static void
assert_names (const char * const *expected)
{
  g_auto(GStrv) names = cellos_cell_backend_list_names ();

  g_assert_nonnull (names);
  g_assert_cmpstrv (names, expected);
}

static void
test_list_names_has_only_built_ins_without_modules (void)
{
  const char * const expected[] = { "stub", NULL };

  if (g_test_subprocess ())
    {
      assert_names (expected);
      return;
    }
  run_in_subprocess (empty_module_dir, NULL);
  g_test_trap_assert_passed ();
}

static void
test_lookup_name (void)
{
  int priority = 0;
  char *module_path = (char *) "unset";

  g_assert_true (cellos_cell_backend_lookup_name ("stub", &priority, &module_path));
  g_assert_cmpint (priority, ==, -100);
  g_assert_null (module_path);
  g_assert_true (cellos_cell_backend_lookup_name ("stub", NULL, NULL));
  g_assert_false (cellos_cell_backend_lookup_name ("gvisor", &priority, &module_path));
}

static void
test_priority_isolates (void)
{
  g_assert_true (cellos_cell_backend_priority_isolates (0));
  g_assert_true (cellos_cell_backend_priority_isolates (G_MAXINT));
  g_assert_false (cellos_cell_backend_priority_isolates (-1));
  g_assert_false (cellos_cell_backend_priority_isolates (G_MININT));
}

static void
test_new_for_name_stub (void)
{
  g_autoptr(CellosCellBackend) backend = NULL;
  g_autoptr(GError) error = NULL;

  backend = cellos_cell_backend_new_for_name ("stub", &error);
  g_assert_no_error (error);
  g_assert_true (CELLOS_IS_STUB_BACKEND (backend));
  cellos_test_assert_finalized (&backend);
}

static void
test_new_for_name_unknown_lists_available (void)
{
  g_autoptr(CellosCellBackend) backend = NULL;
  g_autoptr(GError) error = NULL;

  if (g_test_subprocess ())
    {
      backend = cellos_cell_backend_new_for_name ("firecracker", &error);
      g_assert_error (error, CELLOS_ERROR, CELLOS_ERROR_BACKEND_NOT_FOUND);
      g_assert_cmpstr (error->message, ==,
                       "No cell backend is named “firecracker”. "
                       "Available backends: stub (no isolation).");
      g_assert_null (backend);
      return;
    }
  run_in_subprocess (empty_module_dir, NULL);
  g_test_trap_assert_passed ();
}

static void
assert_default_not_found (const char *expected_message)
{
  g_autoptr(CellosCellBackend) backend = NULL;
  g_autoptr(GError) error = NULL;

  backend = cellos_cell_backend_new_default (&error);
  g_assert_error (error, CELLOS_ERROR, CELLOS_ERROR_BACKEND_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, expected_message);
  g_assert_null (backend);
}

static const char no_isolating_backend[] =
  "No isolating cell backend is installed. Install one, or set "
  "CELLOS_CELL_BACKEND=stub to run without any isolation (for tests only).";

static void
test_default_unset_without_isolating_backend (void)
{
  if (g_test_subprocess ())
    {
      assert_default_not_found (no_isolating_backend);
      return;
    }
  run_in_subprocess (empty_module_dir, NULL);
  g_test_trap_assert_passed ();
}

static void
test_default_empty_is_like_unset (void)
{
  if (g_test_subprocess ())
    {
      assert_default_not_found (no_isolating_backend);
      return;
    }
  run_in_subprocess (empty_module_dir, "");
  g_test_trap_assert_passed ();
}

static void
test_default_stub_by_name (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(CellosCellBackend) backend = NULL;
      g_autoptr(GError) error = NULL;

      backend = cellos_cell_backend_new_default (&error);
      g_assert_no_error (error);
      g_assert_true (CELLOS_IS_STUB_BACKEND (backend));
      cellos_test_assert_finalized (&backend);
      return;
    }
  run_in_subprocess (empty_module_dir, "stub");
  g_test_trap_assert_passed ();
}

static void
test_default_unknown_name_never_falls_back (void)
{
  if (g_test_subprocess ())
    {
      assert_default_not_found ("No cell backend is named “gvisor”. Available backends: "
                                "test-isolating, stub (no isolation).");
      return;
    }

  /* Even with an isolating backend installed, a wrong name is an error. */
  run_with_module_dir (FALSE, "gvisor");
  g_test_trap_assert_passed ();
}

static void
test_default_help_prints_backends (void)
{
  if (g_test_subprocess ())
    {
      assert_default_not_found ("CELLOS_CELL_BACKEND=help only lists the backends; "
                                "set it to one of: test-isolating, stub (no isolation).");
      return;
    }

  /* On standard error: a program's standard output may be data. */
  run_with_module_dir (FALSE, "help");
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("");
  g_test_trap_assert_stderr ("*CELLOS_CELL_BACKEND*\n test-isolating - 10\n stub - -100 (no isolation)\n*");
}

static gpointer
use_registry (gpointer data)
{
  g_auto(GStrv) names = cellos_cell_backend_list_names ();
  g_autoptr(CellosCellBackend) backend = NULL;
  g_autoptr(GError) error = NULL;

  backend = cellos_cell_backend_new_for_name ("test-isolating", &error);
  g_assert_no_error (error);
  cellos_test_assert_finalized (&backend);
  return g_strjoinv (",", names);
}

static void
test_setup_is_thread_safe (void)
{
  if (g_test_subprocess ())
    {
      GThread *threads[8];
      guint i;

      /* The first use of the registry happens in eight threads at once. */
      for (i = 0; i < G_N_ELEMENTS (threads); i++)
        threads[i] = g_thread_new ("registry", use_registry, NULL);
      for (i = 0; i < G_N_ELEMENTS (threads); i++)
        {
          g_autofree char *names = g_thread_join (threads[i]);

          g_assert_cmpstr (names, ==, "test-isolating,stub");
        }
      return;
    }

  run_with_module_dir (FALSE, NULL);
  g_test_trap_assert_passed ();
}

static void
test_modules_unset_selects_isolating_module (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(CellosCellBackend) backend = NULL;
      g_autoptr(CellosExecutionCellDocument) document = cellos_execution_cell_document_new ("m1");
      g_autoptr(CellosCellHandle) handle = NULL;
      g_autoptr(GError) error = NULL;

      backend = cellos_cell_backend_new_default (&error);
      g_assert_no_error (error);
      g_assert_cmpstr (G_OBJECT_TYPE_NAME (backend), ==, "TestIsolatingBackend");
      g_assert_false (CELLOS_IS_STUB_BACKEND (backend));

      handle = cellos_cell_backend_create (backend, document, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (cellos_cell_handle_get_cgroup_path (handle), ==,
                       "/sys/fs/cgroup/cellos-test/m1");
      g_assert_nonnull (cellos_cell_handle_get_kernel_digest_sha256 (handle));
      cellos_test_assert_finalized (&handle);
      cellos_test_assert_finalized (&document);
      cellos_test_assert_finalized (&backend);
      return;
    }

  run_with_module_dir (FALSE, NULL);
  g_test_trap_assert_passed ();
}

static void
test_modules_stub_still_reachable_by_name (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(CellosCellBackend) by_name = NULL;
      g_autoptr(CellosCellBackend) by_env = NULL;
      g_autoptr(GError) error = NULL;

      by_name = cellos_cell_backend_new_for_name ("stub", &error);
      g_assert_no_error (error);
      g_assert_true (CELLOS_IS_STUB_BACKEND (by_name));
      by_env = cellos_cell_backend_new_default (&error);
      g_assert_no_error (error);
      g_assert_true (CELLOS_IS_STUB_BACKEND (by_env));
      cellos_test_assert_finalized (&by_name);
      cellos_test_assert_finalized (&by_env);
      return;
    }

  run_with_module_dir (FALSE, "stub");
  g_test_trap_assert_passed ();
}

static void
test_modules_list_order (void)
{
  if (g_test_subprocess ())
    {
      const char * const expected[] = { "test-isolating", "stub", NULL };

      assert_names (expected);
      return;
    }

  run_with_module_dir (FALSE, NULL);
  g_test_trap_assert_passed ();
}

static void
test_modules_junk_is_skipped_with_warning (void)
{
  if (g_test_subprocess ())
    {
      const char * const expected[] = { "test-isolating", "stub", NULL };

      g_test_expect_message ("Cellos", G_LOG_LEVEL_WARNING, "Skipping */libempty.so: not a loadable module*");
      g_test_expect_message ("Cellos", G_LOG_LEVEL_WARNING, "Skipping */libjunk.so: not a loadable module*");
      assert_names (expected);
      g_test_assert_expected_messages ();
      return;
    }

  run_with_module_dir (TRUE, NULL);
  g_test_trap_assert_passed ();
}

static void
test_modules_missing_directory_is_skipped_with_warning (void)
{
  if (g_test_subprocess ())
    {
      const char * const expected[] = { "stub", NULL };

      g_test_expect_message ("Cellos", G_LOG_LEVEL_WARNING,
                             "Cannot read the cell backend module directory /nonexistent/cellos-backends:*");
      assert_names (expected);
      g_test_assert_expected_messages ();
      return;
    }

  run_in_subprocess ("/nonexistent/cellos-backends", NULL);
  g_test_trap_assert_passed ();
}

/* A shared object that loads but is not a GIO module: the library itself,
 * found from one of its functions. */
static void
test_modules_shared_object_without_entry_points_is_skipped (void)
{
  Dl_info info;

  g_assert_cmpint (dladdr ((void *) cellos_cell_backend_get_type, &info), !=, 0);
  g_assert_nonnull (info.dli_fname);

  if (g_test_subprocess ())
    {
      const char * const expected[] = { "test-isolating", "stub", NULL };

      g_test_expect_message ("Cellos", G_LOG_LEVEL_WARNING,
                             "Skipping */libnot-a-backend.so: not a cell backend module "
                             "(no g_io_module_load or g_io_module_unload)");
      assert_names (expected);
      g_test_assert_expected_messages ();
      return;
    }

  {
    char *module_dir = make_module_dir (FALSE);
    g_autofree char *copy = g_build_filename (module_dir, "libnot-a-backend.so", NULL);

    copy_file (info.dli_fname, copy);
    run_in_subprocess (module_dir, NULL);
    remove_module_dir (module_dir);
  }
  g_test_trap_assert_passed ();
}

/* A second backend at the test module's priority, registered once the
 * registry is set up, comes before it by name: equal priorities sort by
 * name, so the order never depends on loading order. */

#define TEST_TYPE_EQUAL_BACKEND (test_equal_backend_get_type ())
G_DECLARE_FINAL_TYPE (TestEqualBackend, test_equal_backend, TEST, EQUAL_BACKEND, GObject)

struct _TestEqualBackend
{
  GObject parent_instance;
};

static void
test_equal_backend_iface_init (CellosCellBackendInterface *iface)
{
}

G_DEFINE_FINAL_TYPE_WITH_CODE (TestEqualBackend, test_equal_backend, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (CELLOS_TYPE_CELL_BACKEND,
                                                      test_equal_backend_iface_init))

static void
test_equal_backend_class_init (TestEqualBackendClass *klass)
{
}

static void
test_equal_backend_init (TestEqualBackend *self)
{
}

static void
test_modules_equal_priorities_sort_by_name (void)
{
  if (g_test_subprocess ())
    {
      const char * const before[] = { "test-isolating", "stub", NULL };
      const char * const after[] = { "a-equal", "test-isolating", "stub", NULL };

      assert_names (before);
      g_io_extension_point_implement (CELLOS_CELL_BACKEND_EXTENSION_POINT_NAME,
                                      TEST_TYPE_EQUAL_BACKEND, "a-equal", 10);
      assert_names (after);
      return;
    }

  run_with_module_dir (FALSE, NULL);
  g_test_trap_assert_passed ();
}

/* Backends that say whether they can run here, as GInitable: one that
 * never can (as gVisor without KVM, CELLOS_TEST_TYPE_UNAVAILABLE_BACKEND),
 * one that always can and records that it was initialised. */

#define TEST_TYPE_AVAILABLE_BACKEND (test_available_backend_get_type ())
G_DECLARE_FINAL_TYPE (TestAvailableBackend, test_available_backend, TEST, AVAILABLE_BACKEND, GObject)

struct _TestAvailableBackend
{
  GObject parent_instance;
  gboolean initialised;
};

static gboolean
test_available_backend_init_initable (GInitable     *initable,
                                      GCancellable  *cancellable,
                                      GError       **error)
{
  TEST_AVAILABLE_BACKEND (initable)->initialised = TRUE;
  return TRUE;
}

static void
test_available_backend_initable_iface_init (GInitableIface *iface)
{
  iface->init = test_available_backend_init_initable;
}

static void
test_available_backend_iface_init (CellosCellBackendInterface *iface)
{
}

G_DEFINE_FINAL_TYPE_WITH_CODE (TestAvailableBackend, test_available_backend, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE,
                                                      test_available_backend_initable_iface_init)
                               G_IMPLEMENT_INTERFACE (CELLOS_TYPE_CELL_BACKEND,
                                                      test_available_backend_iface_init))

static void
test_available_backend_class_init (TestAvailableBackendClass *klass)
{
}

static void
test_available_backend_init (TestAvailableBackend *self)
{
}

/* Registers them, once the registry is set up: "unavailable" above every
 * module and, if @with_available, "available" below the test module. */
static void
register_initable_backends (gboolean with_available)
{
  /* Sets the registry, and with it the extension point, up. */
  g_auto(GStrv) names = cellos_cell_backend_list_names ();

  g_assert_nonnull (names);

  g_io_extension_point_implement (CELLOS_CELL_BACKEND_EXTENSION_POINT_NAME,
                                  CELLOS_TEST_TYPE_UNAVAILABLE_BACKEND, "unavailable", 50);
  if (with_available)
    g_io_extension_point_implement (CELLOS_CELL_BACKEND_EXTENSION_POINT_NAME,
                                    TEST_TYPE_AVAILABLE_BACKEND, "available", 5);
}

static void
test_availability_new_for_name_returns_init_error (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(CellosCellBackend) backend = NULL;
      g_autoptr(GError) error = NULL;

      register_initable_backends (TRUE);
      backend = cellos_cell_backend_new_for_name ("unavailable", &error);
      g_assert_null (backend);
      g_assert_error (error, CELLOS_ERROR, CELLOS_ERROR_NOT_SUPPORTED);
      g_assert_nonnull (strstr (error->message, "“unavailable”"));
      g_assert_nonnull (strstr (error->message, "no KVM on this host"));
      g_clear_error (&error);

      backend = cellos_cell_backend_new_for_name ("available", &error);
      g_assert_no_error (error);
      g_assert_true (TEST_AVAILABLE_BACKEND (backend)->initialised);
      return;
    }

  run_in_subprocess (empty_module_dir, NULL);
  g_test_trap_assert_passed ();
}

/* The default skips an isolating backend that cannot run here and takes
 * the next one that can, even at a lower priority. */
static void
test_availability_default_takes_next_available (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(CellosCellBackend) backend = NULL;
      g_autoptr(GError) error = NULL;

      register_initable_backends (TRUE);
      backend = cellos_cell_backend_new_default (&error);
      g_assert_no_error (error);
      g_assert_cmpstr (G_OBJECT_TYPE_NAME (backend), ==, "TestIsolatingBackend");
      return;
    }

  run_with_module_dir (FALSE, NULL);
  g_test_trap_assert_passed ();
}

static void
test_availability_default_never_falls_back_to_stub (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(CellosCellBackend) backend = NULL;
      g_autoptr(GError) error = NULL;

      register_initable_backends (FALSE);
      backend = cellos_cell_backend_new_default (&error);
      g_assert_null (backend);
      g_assert_error (error, CELLOS_ERROR, CELLOS_ERROR_BACKEND_NOT_FOUND);
      /* Every candidate, with its reason. */
      g_assert_nonnull (strstr (error->message, "“unavailable”"));
      g_assert_nonnull (strstr (error->message, "no KVM on this host"));
      g_assert_nonnull (strstr (error->message, "CELLOS_CELL_BACKEND=stub"));
      return;
    }

  run_in_subprocess (empty_module_dir, NULL);
  g_test_trap_assert_passed ();
}

static void
test_availability_check_available (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;

      register_initable_backends (TRUE);
      g_assert_true (cellos_cell_backend_check_available ("stub", &error));
      g_assert_no_error (error);
      g_assert_true (cellos_cell_backend_check_available ("available", &error));
      g_assert_no_error (error);
      g_assert_false (cellos_cell_backend_check_available ("unavailable", &error));
      g_assert_error (error, CELLOS_ERROR, CELLOS_ERROR_NOT_SUPPORTED);
      g_clear_error (&error);
      g_assert_false (cellos_cell_backend_check_available ("gvisor", &error));
      g_assert_error (error, CELLOS_ERROR, CELLOS_ERROR_BACKEND_NOT_FOUND);
      return;
    }

  run_in_subprocess (empty_module_dir, NULL);
  g_test_trap_assert_passed ();
}

/* A module directory holding the test backend module and copies of the
 * misbehaving modules named in @modules, and whatever @extra is. */
static char *
make_misbehaving_module_dir (const char * const *modules)
{
  const char *built = g_getenv ("CELLOS_TEST_MISBEHAVING_MODULE_DIR");
  char *dir = make_module_dir (FALSE);
  guint i;

  if (built == NULL)
    g_error ("CELLOS_TEST_MISBEHAVING_MODULE_DIR must name the directory of the built test modules");

  for (i = 0; modules[i] != NULL; i++)
    {
      g_autofree char *name = g_strdup_printf ("libcellos-test-%s.so", modules[i]);
      g_autofree char *from = g_build_filename (built, name, NULL);
      g_autofree char *to = g_build_filename (dir, name, NULL);

      copy_file (from, to);
    }
  return dir;
}

/* As run_in_subprocess(), with a deadline: a registry that hangs fails. */
static void
run_misbehaving (const char * const *modules,
                 const char         *backend_env)
{
  char *module_dir = make_misbehaving_module_dir (modules);

  g_setenv ("CELLOS_BACKEND_MODULE_DIR", module_dir, TRUE);
  if (backend_env != NULL)
    g_setenv ("CELLOS_CELL_BACKEND", backend_env, TRUE);
  g_test_trap_subprocess (NULL, 30 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_setenv ("CELLOS_BACKEND_MODULE_DIR", empty_module_dir, TRUE);
  g_unsetenv ("CELLOS_CELL_BACKEND");
  remove_module_dir (module_dir);
}

static const char * const shadow_module[] = { "shadow", NULL };

/* A module that registers the built-in "stub", and another module's name,
 * at a higher priority: both registrations are ignored, each with a
 * warning naming the module's file; listing, lookup and the default choice
 * see one backend per name, the first one registered. */
static void
test_modules_names_are_owned (void)
{
  if (g_test_subprocess ())
    {
      const char * const expected[] = { "test-isolating", "stub", NULL };
      g_autoptr(CellosCellBackend) stub = NULL;
      g_autoptr(CellosCellBackend) isolating = NULL;
      g_autoptr(GError) error = NULL;

      g_test_expect_message ("Cellos", G_LOG_LEVEL_WARNING,
                             "*“test-isolating”*/libcellos-test-shadow.so*/libcellos-test-backend.so*");
      g_test_expect_message ("Cellos", G_LOG_LEVEL_WARNING,
                             "*“stub”*/libcellos-test-shadow.so*");
      assert_names (expected);
      g_test_assert_expected_messages ();

      stub = cellos_cell_backend_new_for_name ("stub", &error);
      g_assert_no_error (error);
      g_assert_true (CELLOS_IS_STUB_BACKEND (stub));
      isolating = cellos_cell_backend_new_default (&error);
      g_assert_no_error (error);
      g_assert_cmpstr (G_OBJECT_TYPE_NAME (isolating), ==, "TestIsolatingBackend");

      /* Lookup sees the owners, at their own priorities and sources. */
      {
        g_autofree char *module_path = NULL;
        int priority = 0;

        g_assert_true (cellos_cell_backend_lookup_name ("stub", &priority, &module_path));
        g_assert_cmpint (priority, ==, -100);
        g_assert_null (module_path);
        g_assert_true (cellos_cell_backend_lookup_name ("test-isolating", &priority, &module_path));
        g_assert_cmpint (priority, ==, 10);
        g_assert_true (g_str_has_suffix (module_path, "/libcellos-test-backend.so"));
      }

      /* Constructors ran once: the module was loaded once. */
      g_assert_cmpstr (g_getenv ("CELLOS_TEST_CONSTRUCTED"), ==, "1");
      return;
    }

  run_misbehaving (shadow_module, NULL);
  g_test_trap_assert_passed ();
}

static void
record_message (const char     *log_domain,
                GLogLevelFlags  log_level,
                const char     *message,
                gpointer        user_data)
{
  g_ptr_array_add (user_data, g_strdup_printf ("%s: %s", log_domain, message));
}

/* Two module files that define a type of the same name (both broken test
 * modules are built from one source): the first in file name order keeps
 * the type and its backend, and a warning names the file that got none.
 * GLib's own messages about it reach the program as they are. */
static void
test_modules_same_type_first_file_wins (void)
{
  if (g_test_subprocess ())
    {
      const char * const expected[] = { "test-isolating", "test-null", "stub", NULL };
      g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(CellosCellBackend) backend = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *module_path = NULL;
      guint n_ours = 0, n_glibs = 0;
      guint i;

      g_log_set_always_fatal (G_LOG_FATAL_MASK);
      g_log_set_default_handler (record_message, messages);
      assert_names (expected);

      for (i = 0; i < messages->len; i++)
        {
          const char *message = g_ptr_array_index (messages, i);

          if (g_str_has_prefix (message, "Cellos: "))
            {
              g_assert_true (g_pattern_match_simple ("*/libcellos-test-undestroyable.so*", message));
              n_ours++;
            }
          else if (g_str_has_prefix (message, "GLib"))
            n_glibs++;
        }
      g_assert_cmpuint (n_ours, ==, 1);
      g_assert_cmpuint (n_glibs, >, 0);

      g_assert_true (cellos_cell_backend_lookup_name ("test-null", NULL, &module_path));
      g_assert_true (g_str_has_suffix (module_path, "/libcellos-test-null.so"));
      backend = cellos_cell_backend_new_for_name ("test-undestroyable", &error);
      g_assert_null (backend);
      g_assert_error (error, CELLOS_ERROR, CELLOS_ERROR_BACKEND_NOT_FOUND);
      return;
    }

  {
    const char * const modules[] = { "undestroyable", "null", NULL };

    run_misbehaving (modules, NULL);
  }
  g_test_trap_assert_passed ();
}

static GLogWriterOutput
record_written (GLogLevelFlags   log_level,
                const GLogField *fields,
                gsize            n_fields,
                gpointer         user_data)
{
  const char *domain = "";
  const char *message = "";
  gsize i;

  for (i = 0; i < n_fields; i++)
    if (g_str_equal (fields[i].key, "GLIB_DOMAIN"))
      domain = fields[i].value;
    else if (g_str_equal (fields[i].key, "MESSAGE"))
      message = fields[i].value;

  g_ptr_array_add (user_data, g_strdup_printf ("%s [%d] %s", domain,
                                               log_level & G_LOG_LEVEL_MASK, message));
  return G_LOG_WRITER_HANDLED;
}

/* What a module's load function logs, and what GLib logs on its behalf, as
 * the program logs the same: a message in a domain that goes to the
 * program's writer, one in a domain the program has a handler for, and a
 * warning of GIO's. */
static void
log_as_the_logging_module_does (void)
{
  const char *message = g_getenv ("CELLOS_TEST_LOG_MESSAGE");

  g_log ("CellosTestWriter", G_LOG_LEVEL_MESSAGE, "%s", message);
  g_log ("CellosTestHandled", G_LOG_LEVEL_MESSAGE, "%s", message);
  g_io_extension_point_implement (g_getenv ("CELLOS_TEST_UNREGISTERED_POINT"),
                                  G_TYPE_OBJECT, "test-logging", 0);
}

/* Each of the first @n_outside records is among the ones after them. */
static void
assert_seen_again (GPtrArray *records,
                   guint      n_outside)
{
  guint i, j;

  g_assert_cmpuint (n_outside, >, 0);
  for (i = 0; i < n_outside; i++)
    {
      const char *record = g_ptr_array_index (records, i);

      for (j = n_outside; j < records->len; j++)
        if (g_str_equal (record, g_ptr_array_index (records, j)))
          break;
      if (j == records->len)
        g_error ("Logged outside a module load but not during one: %s", record);
    }
}

/* Loading modules changes nothing process-wide: what a load function logs,
 * or GLib logs while it runs, reaches the program's own log writer and
 * handlers as the same calls outside a load do, and the fatal mask the
 * load function sees is the program's. */
static void
test_modules_load_logs_reach_program (void)
{
  if (g_test_subprocess ())
    {
      const char * const expected[] = { "test-isolating", "test-logging", "stub", NULL };
      g_autoptr(GPtrArray) written = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GPtrArray) handled = g_ptr_array_new_with_free_func (g_free);
      guint n_written_outside, n_handled_outside;
      GLogLevelFlags fatal = G_LOG_FATAL_MASK | G_LOG_LEVEL_INFO;
      g_autofree char *fatal_text = NULL;

      /* Warnings are not fatal, so that GIO's can be seen; a mask of the
       * program's own, which the load function must find. */
      g_log_set_always_fatal (fatal);
      fatal = g_log_set_always_fatal (fatal);
      fatal_text = g_strdup_printf ("%d", (int) fatal);

      g_log_set_writer_func (record_written, written, NULL);
      g_log_set_handler ("CellosTestHandled", G_LOG_LEVEL_MASK | G_LOG_FLAG_FATAL | G_LOG_FLAG_RECURSION,
                         record_message, handled);

      log_as_the_logging_module_does ();
      n_written_outside = written->len;
      n_handled_outside = handled->len;

      assert_names (expected);

      assert_seen_again (written, n_written_outside);
      assert_seen_again (handled, n_handled_outside);
      g_assert_cmpstr (g_getenv ("CELLOS_TEST_ALWAYS_FATAL"), ==, fatal_text);
      g_assert_true (g_log_set_always_fatal (fatal) == fatal);
      return;
    }

  {
    const char * const modules[] = { "logging", NULL };

    g_setenv ("CELLOS_TEST_LOG_MESSAGE", "a message from a module's load function", TRUE);
    g_setenv ("CELLOS_TEST_UNREGISTERED_POINT", "cellos-test-unregistered-point", TRUE);
    run_misbehaving (modules, NULL);
    g_unsetenv ("CELLOS_TEST_LOG_MESSAGE");
    g_unsetenv ("CELLOS_TEST_UNREGISTERED_POINT");
  }
  g_test_trap_assert_passed ();
}

static void
test_modules_stub_by_name_is_the_built_in (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(CellosCellBackend) backend = NULL;
      g_autoptr(GError) error = NULL;

      g_test_expect_message ("Cellos", G_LOG_LEVEL_WARNING, "*“test-isolating”*");
      g_test_expect_message ("Cellos", G_LOG_LEVEL_WARNING, "*“stub”*");
      backend = cellos_cell_backend_new_default (&error);
      g_test_assert_expected_messages ();
      g_assert_no_error (error);
      g_assert_true (CELLOS_IS_STUB_BACKEND (backend));
      return;
    }

  run_misbehaving (shadow_module, "stub");
  g_test_trap_assert_passed ();
}

static void
test_modules_uninstantiable_type_is_skipped (void)
{
  if (g_test_subprocess ())
    {
      const char * const expected[] = { "test-isolating", "stub", NULL };
      g_autoptr(CellosCellBackend) backend = NULL;
      g_autoptr(GError) error = NULL;

      g_test_expect_message ("Cellos", G_LOG_LEVEL_WARNING,
                             "*“uninstantiable”*/libcellos-test-uninstantiable.so*CellosCellBackend*");
      assert_names (expected);
      g_test_assert_expected_messages ();

      backend = cellos_cell_backend_new_for_name ("uninstantiable", &error);
      g_assert_null (backend);
      g_assert_error (error, CELLOS_ERROR, CELLOS_ERROR_BACKEND_NOT_FOUND);
      return;
    }

  {
    const char * const modules[] = { "uninstantiable", NULL };

    run_misbehaving (modules, NULL);
  }
  g_test_trap_assert_passed ();
}

/* A module whose load function calls the registry gets an error, instead
 * of waiting for the registry's own setup forever. */
static void
test_modules_load_function_calling_registry (void)
{
  if (g_test_subprocess ())
    {
      const char * const expected[] = { "test-isolating", "stub", NULL };

      g_test_expect_message ("Cellos", G_LOG_LEVEL_WARNING,
                             "*/libcellos-test-reentrant.so registered no cell backend*");
      assert_names (expected);
      g_test_assert_expected_messages ();
      g_assert_cmpstr (g_getenv ("CELLOS_TEST_REENTRANT"), ==,
                       "A cell backend module used the backend registry while it was being loaded");
      return;
    }

  {
    const char * const modules[] = { "reentrant", NULL };

    run_misbehaving (modules, NULL);
  }
  g_test_trap_assert_passed ();
}

/* A FIFO named like a module would block open() forever. */
static void
test_modules_only_regular_files_are_loaded (void)
{
  if (g_test_subprocess ())
    {
      const char * const expected[] = { "test-isolating", "stub", NULL };

      g_test_expect_message ("Cellos", G_LOG_LEVEL_WARNING, "Skipping */libfifo.so: not a regular file");
      assert_names (expected);
      g_test_assert_expected_messages ();
      return;
    }

  {
    char *module_dir = make_module_dir (FALSE);
    g_autofree char *fifo = g_build_filename (module_dir, "libfifo.so", NULL);

    g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
    g_setenv ("CELLOS_BACKEND_MODULE_DIR", module_dir, TRUE);
    g_test_trap_subprocess (NULL, 30 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
    g_setenv ("CELLOS_BACKEND_MODULE_DIR", empty_module_dir, TRUE);
    remove_module_dir (module_dir);
  }
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);

  /* Keep installed backend modules out of every case; a subprocess has
   * the environment its parent set up for it, and makes nothing. */
  if (!g_test_subprocess ())
    {
      empty_module_dir = g_dir_make_tmp ("cellos-no-backends-XXXXXX", &error);
      g_assert_no_error (error);
      g_setenv ("CELLOS_BACKEND_MODULE_DIR", empty_module_dir, TRUE);
      g_unsetenv ("CELLOS_CELL_BACKEND");
    }

  g_test_add_func ("/registry/list-names/only-built-ins-without-modules",
                   test_list_names_has_only_built_ins_without_modules);
  g_test_add_func ("/registry/new-for-name/stub", test_new_for_name_stub);
  g_test_add_func ("/registry/lookup-name", test_lookup_name);
  g_test_add_func ("/registry/priority-isolates-is-at-least-zero", test_priority_isolates);
  g_test_add_func ("/registry/new-for-name/unknown-lists-available",
                   test_new_for_name_unknown_lists_available);
  g_test_add_func ("/registry/default/unset-without-isolating-backend-is-not-found",
                   test_default_unset_without_isolating_backend);
  g_test_add_func ("/registry/default/empty-is-like-unset", test_default_empty_is_like_unset);
  g_test_add_func ("/registry/default/stub-by-name", test_default_stub_by_name);
  g_test_add_func ("/registry/default/unknown-name-never-falls-back",
                   test_default_unknown_name_never_falls_back);
  g_test_add_func ("/registry/default/help-prints-backends", test_default_help_prints_backends);
  g_test_add_func ("/registry/setup-is-thread-safe", test_setup_is_thread_safe);
  g_test_add_func ("/registry/modules/unset-selects-isolating-module",
                   test_modules_unset_selects_isolating_module);
  g_test_add_func ("/registry/modules/stub-still-reachable-by-name",
                   test_modules_stub_still_reachable_by_name);
  g_test_add_func ("/registry/modules/list-order", test_modules_list_order);
  g_test_add_func ("/registry/modules/junk-is-skipped-with-warning",
                   test_modules_junk_is_skipped_with_warning);
  g_test_add_func ("/registry/modules/shared-object-without-entry-points-is-skipped",
                   test_modules_shared_object_without_entry_points_is_skipped);
  g_test_add_func ("/registry/modules/equal-priorities-sort-by-name",
                   test_modules_equal_priorities_sort_by_name);
  g_test_add_func ("/registry/modules/missing-directory-is-skipped-with-warning",
                   test_modules_missing_directory_is_skipped_with_warning);

  g_test_add_func ("/registry/availability/new-for-name-returns-init-error",
                   test_availability_new_for_name_returns_init_error);
  g_test_add_func ("/registry/availability/default-takes-next-available",
                   test_availability_default_takes_next_available);
  g_test_add_func ("/registry/availability/default-never-falls-back-to-stub",
                   test_availability_default_never_falls_back_to_stub);
  g_test_add_func ("/registry/availability/check-available", test_availability_check_available);

  g_test_add_func ("/registry/modules/names-are-owned", test_modules_names_are_owned);
  g_test_add_func ("/registry/modules/same-type-in-two-files-first-file-wins",
                   test_modules_same_type_first_file_wins);
  g_test_add_func ("/registry/modules/stub-by-name-is-the-built-in",
                   test_modules_stub_by_name_is_the_built_in);
  g_test_add_func ("/registry/modules/uninstantiable-type-is-skipped",
                   test_modules_uninstantiable_type_is_skipped);
  g_test_add_func ("/registry/modules/load-function-calling-registry-is-an-error",
                   test_modules_load_function_calling_registry);
  g_test_add_func ("/registry/modules/load-logs-reach-program",
                   test_modules_load_logs_reach_program);
  g_test_add_func ("/registry/modules/only-regular-files-are-loaded",
                   test_modules_only_regular_files_are_loaded);

  ret = g_test_run ();
  if (empty_module_dir != NULL)
    g_rmdir (empty_module_dir);
  g_free (empty_module_dir);
  return ret;
}
