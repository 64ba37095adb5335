/* cellos-cell-backend-registry.c: choosing a cell backend by name
 *
 * Copyright 2026 The CellOS authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cellos-cell-backend.h"
#include "cellos-error.h"
#include "cellos-i18n-private.h"
#include "cellos-private.h"
#include "cellos-stub-backend.h"

/* Backends are GIO extensions of the "cellos-cell-backend" extension point:
 * the built-in stub, and whatever the modules in the backend directory
 * register. Unlike GIO's own extension points, selection never falls back:
 * a name that is not registered is an error, and without a name only a
 * backend that isolates (priority >= 0) is ever chosen. */

void
cellos_cell_backend_ensure_extension_point (void)
{
  static gsize registered = 0;

  if (g_once_init_enter (&registered))
    {
      GIOExtensionPoint *point;

      point = g_io_extension_point_register (CELLOS_CELL_BACKEND_EXTENSION_POINT_NAME);
      g_io_extension_point_set_required_type (point, CELLOS_TYPE_CELL_BACKEND);
      g_once_init_leave (&registered, 1);
    }
}

static gint
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static GPtrArray *loaded_modules;

static void
load_modules_from (const char *directory,
                   gboolean    chosen_by_user)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  const char *name;
  guint i;

  dir = g_dir_open (directory, 0, &error);
  if (dir == NULL)
    {
      /* The default directory exists only once a backend is installed. */
      if (chosen_by_user)
        g_warning (_("Cannot read the cell backend module directory %s: %s"),
                   directory, error->message);
      else
        g_debug ("No cell backend modules: %s", error->message);
      return;
    }

  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, "lib") && g_str_has_suffix (name, "." G_MODULE_SUFFIX))
      g_ptr_array_add (names, g_strdup (name));

  /* Load in a fixed order, so that equal priorities order the same way on
   * every run. */
  g_ptr_array_sort (names, compare_strings);

  for (i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (directory, g_ptr_array_index (names, i), NULL);
      GModule *probe;
      gpointer load_symbol;
      GIOModule *module;

      /* GIOModule reports a file it cannot load only on stderr; look
       * first, so that junk is skipped with a proper warning. */
      probe = g_module_open_full (path, G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL, &error);
      if (probe == NULL)
        {
          g_warning (_("Skipping %s: not a loadable module: %s"), path, error->message);
          g_clear_error (&error);
          continue;
        }
      if (!g_module_symbol (probe, "g_io_module_load", &load_symbol) ||
          !g_module_symbol (probe, "g_io_module_unload", &load_symbol))
        {
          g_warning (_("Skipping %s: not a cell backend module (no g_io_module_load or g_io_module_unload)"),
                     path);
          g_module_close (probe);
          continue;
        }

      module = g_io_module_new (path);
      g_module_close (probe);
      if (!g_type_module_use (G_TYPE_MODULE (module)))
        {
          g_warning (_("Skipping %s: the module failed to load"), path);
          continue;
        }
      /* Type modules are never unloaded once their types are registered;
       * this keeps each one in use, and referenced, for the life of the
       * process, as GIO does with its own modules. */
      g_ptr_array_add (loaded_modules, module);
    }
}

static void
ensure_backends_registered (void)
{
  static gsize loaded = 0;

  if (g_once_init_enter (&loaded))
    {
      const char *directory;

      cellos_cell_backend_ensure_extension_point ();
      g_type_ensure (CELLOS_TYPE_STUB_BACKEND);

      loaded_modules = g_ptr_array_new ();

      directory = cellos_getenv_trusted ("CELLOS_BACKEND_MODULE_DIR");
      if (directory != NULL && directory[0] != '\0')
        load_modules_from (directory, TRUE);
      else
        load_modules_from (CELLOS_BACKEND_MODULE_DIR, FALSE);

      g_once_init_leave (&loaded, 1);
    }
}

static gint
compare_extensions (gconstpointer a,
                    gconstpointer b)
{
  GIOExtension *extension_a = *(GIOExtension * const *) a;
  GIOExtension *extension_b = *(GIOExtension * const *) b;
  gint priority_a = g_io_extension_get_priority (extension_a);
  gint priority_b = g_io_extension_get_priority (extension_b);

  if (priority_a != priority_b)
    return priority_a > priority_b ? -1 : 1;
  return strcmp (g_io_extension_get_name (extension_a),
                 g_io_extension_get_name (extension_b));
}

/* The registered backends, highest priority first, equal priorities by
 * name. */
static GPtrArray *
get_extensions (void)
{
  GIOExtensionPoint *point;
  GPtrArray *extensions = g_ptr_array_new ();
  GList *l;

  ensure_backends_registered ();
  point = g_io_extension_point_lookup (CELLOS_CELL_BACKEND_EXTENSION_POINT_NAME);
  for (l = g_io_extension_point_get_extensions (point); l != NULL; l = l->next)
    g_ptr_array_add (extensions, l->data);
  g_ptr_array_sort (extensions, compare_extensions);
  return extensions;
}

static char *
describe_available (GPtrArray *extensions)
{
  GString *text = g_string_new (NULL);
  guint i;

  for (i = 0; i < extensions->len; i++)
    {
      GIOExtension *extension = g_ptr_array_index (extensions, i);

      if (i > 0)
        g_string_append (text, ", ");
      g_string_append (text, g_io_extension_get_name (extension));
      if (g_io_extension_get_priority (extension) < 0)
        g_string_append (text, _(" (no isolation)"));
    }
  return g_string_free (text, FALSE);
}

static CellosCellBackend *
new_from_extension (GIOExtension *extension)
{
  return g_object_new (g_io_extension_get_type (extension), NULL);
}

static GIOExtension *
find_extension (GPtrArray  *extensions,
                const char *name)
{
  guint i;

  for (i = 0; i < extensions->len; i++)
    if (g_str_equal (g_io_extension_get_name (g_ptr_array_index (extensions, i)), name))
      return g_ptr_array_index (extensions, i);
  return NULL;
}

/**
 * cellos_cell_backend_list_names:
 *
 * Lists the registered cell backends: the built-in ones and those loaded
 * from backend modules, highest priority first. Backends with a negative
 * priority, such as `stub`, isolate nothing.
 *
 * Backend modules are GIO modules in `$(libdir)/cellos-1.0/backends`, or in
 * the directory `CELLOS_BACKEND_MODULE_DIR` names; that variable is ignored
 * in setuid and setgid processes. They are loaded once per process, by the
 * first call to this function,
 * [func@Cellos.CellBackend.new_for_name] or
 * [func@Cellos.CellBackend.new_default].
 *
 * Returns: (transfer full) (array zero-terminated=1): the backend names
 *
 * Since: 1.0
 */
char **
cellos_cell_backend_list_names (void)
{
  g_autoptr(GPtrArray) extensions = get_extensions ();
  GStrvBuilder *builder = g_strv_builder_new ();
  char **names;
  guint i;

  for (i = 0; i < extensions->len; i++)
    g_strv_builder_add (builder, g_io_extension_get_name (g_ptr_array_index (extensions, i)));
  names = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return names;
}

/**
 * cellos_cell_backend_new_for_name:
 * @name: the name of a registered backend, such as `"stub"`
 * @error: return location for a #GError
 *
 * Creates the backend registered under @name. This is the only way to get
 * a backend that isolates nothing, such as the stub.
 *
 * If no backend of that name is registered, fails with
 * %CELLOS_ERROR_BACKEND_NOT_FOUND; the message lists the backends there are.
 *
 * Returns: (transfer full): a new backend, or %NULL on error
 *
 * Since: 1.0
 */
CellosCellBackend *
cellos_cell_backend_new_for_name (const char  *name,
                                  GError     **error)
{
  g_autoptr(GPtrArray) extensions = NULL;
  g_autofree char *available = NULL;
  GIOExtension *extension;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  extensions = get_extensions ();
  extension = find_extension (extensions, name);
  if (extension != NULL)
    return new_from_extension (extension);

  available = describe_available (extensions);
  g_set_error (error, CELLOS_ERROR, CELLOS_ERROR_BACKEND_NOT_FOUND,
               _("No cell backend is named “%s”. Available backends: %s."),
               name, available);
  return NULL;
}

static void
print_help (GPtrArray *extensions)
{
  guint i;

  g_print ("%s\n", _("Supported values for the CELLOS_CELL_BACKEND environment variable:"));
  for (i = 0; i < extensions->len; i++)
    {
      GIOExtension *extension = g_ptr_array_index (extensions, i);
      gint priority = g_io_extension_get_priority (extension);

      g_print (" %s - %d%s\n", g_io_extension_get_name (extension), priority,
               priority < 0 ? _(" (no isolation)") : "");
    }
}

/**
 * cellos_cell_backend_new_default:
 * @error: return location for a #GError
 *
 * Creates the backend the environment asks for, or the best isolating one.
 *
 * If the environment variable `CELLOS_CELL_BACKEND` is set to a name, that
 * backend is created, as by [func@Cellos.CellBackend.new_for_name]; an
 * unknown name fails with %CELLOS_ERROR_BACKEND_NOT_FOUND and never falls
 * back to another backend. `CELLOS_CELL_BACKEND=help` prints the registered
 * backends and their priorities on standard output and fails the same way.
 *
 * If the variable is unset or empty, the registered backend with the
 * highest priority of at least 0 is created: one that isolates. If there is
 * none, this fails with %CELLOS_ERROR_BACKEND_NOT_FOUND, saying so. A
 * backend that isolates nothing, such as the stub, is therefore only ever
 * created when it is asked for by name, e.g. with
 * `CELLOS_CELL_BACKEND=stub` in a test suite.
 *
 * In setuid and setgid processes `CELLOS_CELL_BACKEND` is ignored.
 *
 * Returns: (transfer full): a new backend, or %NULL on error
 *
 * Since: 1.0
 */
CellosCellBackend *
cellos_cell_backend_new_default (GError **error)
{
  g_autoptr(GPtrArray) extensions = NULL;
  g_autofree char *available = NULL;
  const char *requested;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  requested = cellos_getenv_trusted ("CELLOS_CELL_BACKEND");
  if (requested != NULL && requested[0] != '\0')
    {
      if (!g_str_equal (requested, "help"))
        return cellos_cell_backend_new_for_name (requested, error);

      extensions = get_extensions ();
      print_help (extensions);
      available = describe_available (extensions);
      g_set_error (error, CELLOS_ERROR, CELLOS_ERROR_BACKEND_NOT_FOUND,
                   _("CELLOS_CELL_BACKEND=help only lists the backends; set it to one of: %s."),
                   available);
      return NULL;
    }

  extensions = get_extensions ();
  if (extensions->len > 0)
    {
      GIOExtension *best = g_ptr_array_index (extensions, 0);

      if (g_io_extension_get_priority (best) >= 0)
        return new_from_extension (best);
    }

  g_set_error (error, CELLOS_ERROR, CELLOS_ERROR_BACKEND_NOT_FOUND,
               _("No isolating cell backend is installed. Install one, or set "
                 "CELLOS_CELL_BACKEND=stub to run without any isolation (for tests only)."));
  return NULL;
}
