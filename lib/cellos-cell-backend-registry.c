/* cellos-cell-backend-registry.c: choosing a cell backend by name
 *
 * Copyright 2026 The CellOS authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "cellos-cell-backend.h"
#include "cellos-error.h"
#include "cellos-i18n-private.h"
#include "cellos-private.h"
#include "cellos-fake-backend.h"
#include "cellos-stub-backend.h"

/* Backends are GIO extensions of the "cellos-cell-backend" extension point:
 * the built-in stub and fake, and whatever the program and the modules in the
 * backend directory register. Unlike GIO's own extension points, selection
 * never falls back: a name that is not registered is an error, and without
 * a name only a backend that isolates is ever chosen.
 *
 * The extension point accepts any number of extensions of one name, so the
 * registry keeps its own table over it: each name belongs to the first
 * backend registered under it (built-in backends first, then the program's,
 * then each module's in file name order), and a later registration of a
 * taken name is ignored with a warning naming where it came from. Listing,
 * lookup and the default choice all read that table. */

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

typedef struct
{
  GIOExtension *extension;
  /* The module file that registered it; NULL for the library's own
   * backends and the program's. */
  char *module_path;
} Backend;

static void
backend_free (gpointer data)
{
  Backend *backend = data;

  g_free (backend->module_path);
  g_free (backend);
}

/* Everything below is guarded by registry_lock. It is recursive so that a
 * module whose load function calls back into the registry finds the
 * registry busy (an error) instead of waiting for itself forever. */
static GRecMutex registry_lock;
static gboolean registry_loading;
static gboolean modules_loaded;
static GPtrArray *registry_backends;   /* of Backend, in order of registration */
static GHashTable *registry_seen;      /* every GIOExtension accounted for */
static GPtrArray *loaded_modules;

static Backend *
find_in (GPtrArray  *backends,
         const char *name)
{
  guint i;

  for (i = 0; i < backends->len; i++)
    {
      Backend *backend = g_ptr_array_index (backends, i);

      if (g_str_equal (g_io_extension_get_name (backend->extension), name))
        return backend;
    }
  return NULL;
}

static const char *
describe_source (const char *module_path)
{
  return module_path != NULL ? module_path : _("the program or the library");
}

/* Takes in the extensions registered since the last look, crediting them
 * to @module_path (NULL: registered in process), and returns how many
 * there were, taken or ignored. */
static guint
take_new_extensions (const char *module_path)
{
  GIOExtensionPoint *point = g_io_extension_point_lookup (CELLOS_CELL_BACKEND_EXTENSION_POINT_NAME);
  guint n_new = 0;
  GList *l;

  for (l = g_io_extension_point_get_extensions (point); l != NULL; l = l->next)
    {
      GIOExtension *extension = l->data;
      const char *name = g_io_extension_get_name (extension);
      GType type = g_io_extension_get_type (extension);
      Backend *owner;
      Backend *backend;

      if (!g_hash_table_add (registry_seen, extension))
        continue;
      n_new++;

      owner = find_in (registry_backends, name);
      if (owner != NULL)
        {
          g_warning (_("Ignoring the cell backend “%s” registered by %s: "
                       "that name belongs to the one registered by %s"),
                     name, describe_source (module_path), describe_source (owner->module_path));
          continue;
        }
      if (!G_TYPE_IS_INSTANTIATABLE (type) || G_TYPE_IS_ABSTRACT (type) ||
          !g_type_is_a (type, G_TYPE_OBJECT))
        {
          g_warning (_("Ignoring the cell backend “%s” registered by %s: "
                       "its type %s cannot be instantiated"),
                     name, describe_source (module_path), g_type_name (type));
          continue;
        }

      backend = g_new0 (Backend, 1);
      backend->extension = extension;
      backend->module_path = g_strdup (module_path);
      g_ptr_array_add (registry_backends, backend);
    }
  return n_new;
}

static gint
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Only regular files are opened: opening a FIFO or a device named like a
 * module would block or worse. */
static gboolean
is_regular_file (const char *path)
{
  GStatBuf buf;

  return g_stat (path, &buf) == 0 && S_ISREG (buf.st_mode);
}

static void
load_module (const char *path)
{
  g_autoptr(GError) error = NULL;
  GModule *library;
  gpointer symbol;
  GIOModule *module;

  /* GIOModule reports a file it cannot load only on stderr, so look first,
   * that junk is skipped with a proper warning. The library stays open
   * until GIOModule has opened it too, so that it is loaded, and its
   * constructors run, once. */
  library = g_module_open_full (path, G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL, &error);
  if (library == NULL)
    {
      g_warning (_("Skipping %s: not a loadable module: %s"), path, error->message);
      return;
    }
  if (!g_module_symbol (library, "g_io_module_load", &symbol) ||
      !g_module_symbol (library, "g_io_module_unload", &symbol))
    {
      g_warning (_("Skipping %s: not a cell backend module (no g_io_module_load or g_io_module_unload)"),
                 path);
      g_module_close (library);
      return;
    }

  /* The load function is foreign code, and runs as GIO runs its modules':
   * whatever it or GLib logs on its behalf reaches the program's log
   * handlers and writer as it would anywhere else, and the program's fatal
   * masks apply. GLib refuses a type whose name another module took (the
   * module loaded first keeps it) with warnings of its own, which name the
   * type but not the files; the registry names the file below. */
  module = g_io_module_new (path);
  if (!g_type_module_use (G_TYPE_MODULE (module)))
    {
      g_warning (_("Skipping %s: the module failed to load"), path);
      g_module_close (library);
      return;
    }
  g_module_close (library);

  /* Type modules are never unloaded once their types are registered;
   * this keeps each one in use, and referenced, for the life of the
   * process, as GIO does with its own modules. */
  g_ptr_array_add (loaded_modules, module);
  if (take_new_extensions (path) == 0)
    g_warning (_("The cell backend module %s registered no cell backend; a module whose backend "
                 "type has the name of a type that a module loaded before it defines gets none"),
               path);
}

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

  /* Load in a fixed order, so that which module owns a name, and how equal
   * priorities order, is the same on every run. */
  g_ptr_array_sort (names, compare_strings);

  for (i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (directory, g_ptr_array_index (names, i), NULL);

      if (is_regular_file (path))
        load_module (path);
      else
        g_warning (_("Skipping %s: not a regular file"), path);
    }
}

/* Sets up the table with the library's own backends and those the program
 * registered so far: they own their names before any module is loaded. */
static void
ensure_table (void)
{
  if (registry_backends != NULL)
    return;

  cellos_cell_backend_ensure_extension_point ();
  registry_backends = g_ptr_array_new_with_free_func (backend_free);
  registry_seen = g_hash_table_new (NULL, NULL);
  loaded_modules = g_ptr_array_new ();

  g_type_ensure (CELLOS_TYPE_STUB_BACKEND);
  g_type_ensure (CELLOS_TYPE_FAKE_BACKEND);
  take_new_extensions (NULL);
}

static void
load_backends (void)
{
  const char *directory;

  /* The library's own backends first, then the program's, then the
   * modules': the earlier registration of a name owns it. */
  ensure_table ();
  take_new_extensions (NULL);

  directory = cellos_getenv_trusted ("CELLOS_BACKEND_MODULE_DIR");
  if (directory != NULL && directory[0] != '\0')
    load_modules_from (directory, TRUE);
  else
    load_modules_from (CELLOS_BACKEND_MODULE_DIR, FALSE);
}

static gint
compare_backends (gconstpointer a,
                  gconstpointer b)
{
  GIOExtension *extension_a = (*(Backend * const *) a)->extension;
  GIOExtension *extension_b = (*(Backend * const *) b)->extension;
  gint priority_a = g_io_extension_get_priority (extension_a);
  gint priority_b = g_io_extension_get_priority (extension_b);

  if (priority_a != priority_b)
    return priority_a > priority_b ? -1 : 1;
  return strcmp (g_io_extension_get_name (extension_a),
                 g_io_extension_get_name (extension_b));
}

/* The registered backends, highest priority first, equal priorities by
 * name: a snapshot, since the program may register more at any time.
 * Loads the modules on first use. Fails only when called from a module's
 * load function, while the registry is being set up. */
/* Takes registry_lock, unless the caller is a module's load function
 * calling back while the registry loads it: that is an error, where
 * waiting would be waiting for itself. */
static gboolean
lock_registry (GError **error)
{
  g_rec_mutex_lock (&registry_lock);
  if (!registry_loading)
    return TRUE;

  g_rec_mutex_unlock (&registry_lock);
  g_set_error_literal (error, CELLOS_ERROR, CELLOS_ERROR_FAILED,
                       _("A cell backend module used the backend registry while it was being loaded"));
  return FALSE;
}

static GPtrArray *
get_backends (GError **error)
{
  GPtrArray *backends;

  if (!lock_registry (error))
    return NULL;

  if (!modules_loaded)
    {
      registry_loading = TRUE;
      load_backends ();
      registry_loading = FALSE;
      modules_loaded = TRUE;
    }
  else
    take_new_extensions (NULL);

  /* The table owns its entries and keeps them for good. */
  backends = g_ptr_array_copy (registry_backends, NULL, NULL);
  g_ptr_array_set_free_func (backends, NULL);
  g_ptr_array_sort (backends, compare_backends);
  g_rec_mutex_unlock (&registry_lock);
  return backends;
}

/**
 * cellos_cell_backend_priority_isolates:
 * @priority: a backend's priority on the extension point
 *
 * Whether a backend registered at @priority isolates cells. This is the
 * one rule, used by [func@Cellos.CellBackend.new_default], the
 * `cellos-cell` tool and everyone else: a backend registers at a priority
 * of at least 0 if it isolates, and below 0 if it does not, as the stub
 * does.
 *
 * Returns: %TRUE if a backend at @priority isolates
 *
 * Since: 1.2
 */
gboolean
cellos_cell_backend_priority_isolates (int priority)
{
  return priority >= 0;
}

static gboolean
backend_isolates (Backend *backend)
{
  return cellos_cell_backend_priority_isolates (g_io_extension_get_priority (backend->extension));
}

static char *
describe_available (GPtrArray *backends)
{
  GString *text = g_string_new (NULL);
  guint i;

  for (i = 0; i < backends->len; i++)
    {
      Backend *backend = g_ptr_array_index (backends, i);

      if (i > 0)
        g_string_append (text, ", ");
      g_string_append (text, g_io_extension_get_name (backend->extension));
      if (!backend_isolates (backend))
        g_string_append (text, _(" (no isolation)"));
    }
  return g_string_free (text, FALSE);
}

/* Creates @backend's type. A type that implements GInitable is
 * initialised, as GIO's own extension points do: that is how a backend
 * says it cannot run on this host (no KVM, no cgroup v2, no permission),
 * and the error says why, prefixed with the backend's name. */
static CellosCellBackend *
new_backend (Backend  *backend,
             GError  **error)
{
  GType type = g_io_extension_get_type (backend->extension);
  const char *name = g_io_extension_get_name (backend->extension);
  g_autoptr(GError) local_error = NULL;
  GObject *object;

  if (!g_type_is_a (type, G_TYPE_INITABLE))
    return g_object_new (type, NULL);

  object = g_initable_new (type, NULL, &local_error, NULL);
  if (object != NULL)
    return CELLOS_CELL_BACKEND (object);

  if (local_error == NULL)
    g_set_error_literal (&local_error, CELLOS_ERROR, CELLOS_ERROR_FAILED,
                         _("its initialisation failed without saying why"));
  g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                              _("The cell backend “%s” is not available here: "), name);
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
  g_autoptr(GPtrArray) backends = get_backends (NULL);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint i;

  for (i = 0; backends != NULL && i < backends->len; i++)
    {
      Backend *backend = g_ptr_array_index (backends, i);

      g_strv_builder_add (builder, g_io_extension_get_name (backend->extension));
    }
  return g_strv_builder_end (builder);
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
 * A backend that implements #GInitable is initialised; if that fails, so
 * does this, with the backend's error (its domain and code, the message
 * prefixed with the backend's name): the backend cannot run on this host.
 *
 * Returns: (transfer full): a new backend, or %NULL on error
 *
 * Since: 1.0
 */
CellosCellBackend *
cellos_cell_backend_new_for_name (const char  *name,
                                  GError     **error)
{
  g_autoptr(GPtrArray) backends = NULL;
  g_autofree char *available = NULL;
  Backend *backend;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  backends = get_backends (error);
  if (backends == NULL)
    return NULL;

  backend = find_in (backends, name);
  if (backend != NULL)
    return new_backend (backend, error);

  available = describe_available (backends);
  g_set_error (error, CELLOS_ERROR, CELLOS_ERROR_BACKEND_NOT_FOUND,
               _("No cell backend is named “%s”. Available backends: %s."),
               name, available);
  return NULL;
}

/**
 * cellos_cell_backend_lookup_name:
 * @name: the name of a backend
 * @priority: (out) (optional): return location for the backend's priority
 * @module_path: (out) (optional) (nullable) (transfer full): return location
 *   for the file of the module that registered it, or %NULL for a backend
 *   built into libcellos or registered by the program
 *
 * Looks up the backend registered under @name without creating it, as
 * [func@Cellos.CellBackend.list_names] sees it: one backend per name.
 * Whether it isolates is [func@Cellos.CellBackend.priority_isolates] of
 * its priority.
 *
 * Returns: %TRUE if a backend of that name is registered
 *
 * Since: 1.2
 */
gboolean
cellos_cell_backend_lookup_name (const char  *name,
                                 int         *priority,
                                 char       **module_path)
{
  g_autoptr(GPtrArray) backends = NULL;
  Backend *backend = NULL;

  g_return_val_if_fail (name != NULL, FALSE);

  backends = get_backends (NULL);
  if (backends != NULL)
    backend = find_in (backends, name);
  if (backend == NULL)
    return FALSE;

  if (priority != NULL)
    *priority = g_io_extension_get_priority (backend->extension);
  if (module_path != NULL)
    *module_path = g_strdup (backend->module_path);
  return TRUE;
}

/**
 * cellos_cell_backend_register:
 * @type: a #GObject type that implements #CellosCellBackend
 * @name: the name to select it by, such as `"my-fake"`
 * @priority: its priority: at least 0 if it isolates cells, negative if it
 *   does not (see [func@Cellos.CellBackend.priority_isolates])
 * @error: return location for a #GError
 *
 * Registers a backend type under @name in this process, as a backend
 * module does from its load function but without knowing about GIO
 * extension points or when the registry reads them: from then on
 * [func@Cellos.CellBackend.new_for_name], `CELLOS_CELL_BACKEND` and
 * [func@Cellos.CellBackend.list_names] know it. If @type implements
 * #GInitable, the registry initialises each backend it makes of it.
 *
 * Names are owned: if @name is taken already, by a backend of the library,
 * of the program or of a module, nothing changes and this fails with
 * %CELLOS_ERROR_ALREADY_EXISTS naming its owner; so does registering a
 * type already registered under another name. A program that registers
 * before the first use of the registry owns its names ahead of the
 * modules, whose registrations of the same names are then ignored.
 *
 * From Python, a backend class registers with
 *
 * ```python
 * class MyFake(GObject.Object, Cellos.CellBackend):
 *     ...
 *
 * Cellos.CellBackend.register(MyFake, 'my-fake', -10)
 * ```
 *
 * Returns: %TRUE if @type is now registered as @name
 *
 * Since: 1.2
 */
gboolean
cellos_cell_backend_register (GType        type,
                              const char  *name,
                              int          priority,
                              GError     **error)
{
  Backend *owner = NULL;
  guint i;

  g_return_val_if_fail (g_type_is_a (type, G_TYPE_OBJECT), FALSE);
  g_return_val_if_fail (g_type_is_a (type, CELLOS_TYPE_CELL_BACKEND), FALSE);
  g_return_val_if_fail (G_TYPE_IS_INSTANTIATABLE (type) && !G_TYPE_IS_ABSTRACT (type), FALSE);
  g_return_val_if_fail (name != NULL && name[0] != '\0', FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!lock_registry (error))
    return FALSE;

  ensure_table ();
  take_new_extensions (NULL);

  owner = find_in (registry_backends, name);
  if (owner != NULL)
    {
      g_set_error (error, CELLOS_ERROR, CELLOS_ERROR_ALREADY_EXISTS,
                   _("Cannot register the cell backend “%s”: that name belongs to the one registered by %s"),
                   name, describe_source (owner->module_path));
      g_rec_mutex_unlock (&registry_lock);
      return FALSE;
    }

  /* GIO keeps one extension per type: implementing it again under another
   * name would quietly return the first. */
  for (i = 0; i < registry_backends->len; i++)
    {
      Backend *backend = g_ptr_array_index (registry_backends, i);

      if (g_io_extension_get_type (backend->extension) == type)
        {
          g_set_error (error, CELLOS_ERROR, CELLOS_ERROR_ALREADY_EXISTS,
                       _("Cannot register the cell backend “%s”: its type %s is registered already as “%s”"),
                       name, g_type_name (type), g_io_extension_get_name (backend->extension));
          g_rec_mutex_unlock (&registry_lock);
          return FALSE;
        }
    }

  g_io_extension_point_implement (CELLOS_CELL_BACKEND_EXTENSION_POINT_NAME, type, name, priority);
  take_new_extensions (NULL);
  g_rec_mutex_unlock (&registry_lock);
  return TRUE;
}

/* Like GIO_USE_VFS=help, on standard error: a program's standard output
 * may be data. */
static void
print_help (GPtrArray *backends)
{
  guint i;

  g_printerr ("%s\n", _("Supported values for the CELLOS_CELL_BACKEND environment variable:"));
  for (i = 0; i < backends->len; i++)
    {
      Backend *backend = g_ptr_array_index (backends, i);

      g_printerr (" %s - %d%s\n", g_io_extension_get_name (backend->extension),
                  g_io_extension_get_priority (backend->extension),
                  backend_isolates (backend) ? "" : _(" (no isolation)"));
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
 * backends and their priorities on standard error and fails the same way.
 *
 * If the variable is unset or empty, the registered backend with the
 * highest priority of at least 0 is created: one that isolates. A backend
 * that implements #GInitable and fails to initialise cannot run on this
 * host; the next isolating one is tried, as GIO chooses among its own
 * extensions, but never one that isolates nothing. If there is no
 * isolating backend, or none of them initialises, this fails with
 * %CELLOS_ERROR_BACKEND_NOT_FOUND, saying so and giving each candidate's
 * reason. A
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
  g_autoptr(GPtrArray) backends = NULL;
  g_autofree char *available = NULL;
  g_autoptr(GString) reasons = NULL;
  const char *requested;
  guint i;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  requested = cellos_getenv_trusted ("CELLOS_CELL_BACKEND");
  if (requested != NULL && requested[0] != '\0' && !g_str_equal (requested, "help"))
    return cellos_cell_backend_new_for_name (requested, error);

  backends = get_backends (error);
  if (backends == NULL)
    return NULL;

  if (requested != NULL && g_str_equal (requested, "help"))
    {
      print_help (backends);
      available = describe_available (backends);
      g_set_error (error, CELLOS_ERROR, CELLOS_ERROR_BACKEND_NOT_FOUND,
                   _("CELLOS_CELL_BACKEND=help only lists the backends; set it to one of: %s."),
                   available);
      return NULL;
    }

  for (i = 0; i < backends->len && backend_isolates (g_ptr_array_index (backends, i)); i++)
    {
      Backend *backend = g_ptr_array_index (backends, i);
      g_autoptr(GError) unavailable = NULL;
      CellosCellBackend *created = new_backend (backend, &unavailable);

      if (created != NULL)
        return created;
      if (reasons == NULL)
        reasons = g_string_new (NULL);
      g_string_append_printf (reasons, "\n  %s", unavailable->message);
    }

  if (reasons != NULL)
    {
      g_set_error (error, CELLOS_ERROR, CELLOS_ERROR_BACKEND_NOT_FOUND,
                   _("No isolating cell backend is available here:%s\n"
                     "Set CELLOS_CELL_BACKEND=stub to run without any isolation (for tests only)."),
                   reasons->str);
      return NULL;
    }

  g_set_error (error, CELLOS_ERROR, CELLOS_ERROR_BACKEND_NOT_FOUND,
               _("No isolating cell backend is installed. Install one, or set "
                 "CELLOS_CELL_BACKEND=stub to run without any isolation (for tests only)."));
  return NULL;
}

/**
 * cellos_cell_backend_check_available:
 * @name: the name of a registered backend
 * @error: return location for a #GError
 *
 * Checks whether the backend registered under @name can run on this host,
 * without keeping it: the backend is created, and initialised if it
 * implements #GInitable, as [func@Cellos.CellBackend.new_for_name] does,
 * and released again. A backend that does not implement #GInitable is
 * always available.
 *
 * This is what `cellos-cell backends` shows; a program that wants the
 * backend should call [func@Cellos.CellBackend.new_for_name] instead.
 *
 * Returns: %TRUE if the backend is available here; %FALSE with
 *   %CELLOS_ERROR_BACKEND_NOT_FOUND if no backend of that name is
 *   registered, or with the backend's own error saying why it cannot run
 *
 * Since: 1.2
 */
gboolean
cellos_cell_backend_check_available (const char  *name,
                                     GError     **error)
{
  g_autoptr(CellosCellBackend) backend = NULL;

  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  backend = cellos_cell_backend_new_for_name (name, error);
  return backend != NULL;
}
