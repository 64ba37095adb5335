/* cellos-fake-backend.c: a stateful cell backend with fault injection,
 * for testing supervisors
 *
 * Copyright 2026 The CellOS authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "cellos-fake-backend.h"
#include "cellos-i18n-private.h"
#include "cellos-json-check-private.h"
#include "cellos-json-writer-private.h"
#include "cellos-testing-private.h"

/**
 * CellosFakeBackend:
 *
 * A cell backend for testing supervisors: like the stub it isolates
 * nothing and makes no system calls for a cell, but it keeps the cells it
 * created, refuses what a real backend would refuse, fails, stalls or
 * hangs where a test tells it to, and records every operation.
 *
 * - **State.** Creating a cell whose id is live fails with
 *   %CELLOS_ERROR_ALREADY_EXISTS; destroying a handle whose cell this
 *   backend did not create, or already destroyed, fails with
 *   %CELLOS_ERROR_NOT_FOUND naming the cell. Cells are known by id, so a
 *   handle rebuilt from a live cell's id destroys it, as with a real
 *   backend. [method@Cellos.CellBackend.list_cells] lists the live cells,
 *   as [method@CellosTesting.FakeBackend.list_live_cells] and the
 *   [property@CellosTesting.FakeBackend:live-cells] count tell their ids
 *   and number; [method@CellosTesting.FakeBackend.add_live_cell] seeds
 *   one. A fake made with cellos_fake_backend_new() holds cells of its
 *   own; every fake the registry makes in a process holds the same ones.
 * - **Rules.** A rule applies to one operation (`"create"` or
 *   `"destroy"`, or both when %NULL) on the cells whose id matches a glob
 *   pattern (#GPatternSpec: `*` and `?`). Every matching rule applies: the
 *   operation first waits for the sum of the matching delays, or until it
 *   is cancelled if a hang rule matches; then the first matching fail rule
 *   fails it; a destroy that gets this far takes its report from the last
 *   matching report rule. Cancellation during a wait fails the operation
 *   with %G_IO_ERROR_CANCELLED and leaves no cell, but for a create a
 *   late rule matches: that one delivers its cell although cancelled. The synchronous and
 *   asynchronous forms keep the same rules; an asynchronous wait is a
 *   source on the caller's main context, never a blocked thread.
 * - **Ledger.** Every operation that reaches the backend is recorded when
 *   it completes, in order: see [method@CellosTesting.FakeBackend.dup_ledger].
 * - **Handle details.** With [property@CellosTesting.FakeBackend:fill-handle-details]
 *   set, handles carry a cgroup path, digests, nft rules and backend
 *   [property@Cellos.CellHandle:details] made up from the cell id, so that
 *   a supervisor's handling of them is tested too.
 *
 * A fake made with cellos_fake_backend_new() or `CellosTesting.FakeBackend()`
 * is configured through this API only. The one the registry makes, with
 * [func@Cellos.CellBackend.new_for_name] and `"fake"` or with
 * `CELLOS_CELL_BACKEND=fake`, is also configured by the environment, for a
 * supervisor under test in another process: `CELLOS_FAKE_RULES` names a
 * JSON rules file, `CELLOS_FAKE_LEDGER` a file the ledger is appended
 * to as JSON Lines, one line per operation as it completes and a last line
 * with the cells still live when the backend is finalized or the process
 * exits, and `CELLOS_FAKE_STATE` a file that holds the live cells, shared
 * by every process that names it and kept when one is killed. A rules or
 * state file that cannot be read or has a mistake, or a ledger or state
 * file that cannot be written, fails the selection with an error naming
 * the file and the place. The variables are ignored in setuid and setgid
 * processes. The formats are described in the "Testing a supervisor"
 * chapter.
 *
 * One instance may be used from any number of threads at once.
 *
 * Since: 1.2
 */

enum {
  OPERATION_CREATE = 1 << 0,
  OPERATION_DESTROY = 1 << 1,
};

typedef enum {
  RULE_FAIL,
  RULE_DELAY,
  RULE_HANG,
  RULE_REPORT,
  RULE_LATE,
} RuleKind;

typedef struct
{
  RuleKind kind;
  guint operations;
  GPatternSpec *pattern;
  CellosError code;
  char *message;
  guint delay_ms;
  gboolean destroyed;
  guint peers_tracked_after;
} Rule;

/* What the matching rules make of one operation. */
typedef struct
{
  gboolean hang;
  gboolean late;                /* cancellation does not fail the create */
  guint64 delay_ms;
  gboolean fail;
  CellosError code;
  char *message;
  gboolean destroyed;
  guint peers_tracked_after;
} Plan;

typedef struct
{
  guint operation;
  char *cell_id;
  GError *error;
  GVariant *result;             /* a{sv}: the properties of the handle or
                                 * report given, if it had any set */
} LedgerEntry;

/* The cells a fake holds: the truth that its listing, its live-cells
 * count and the ledger's last line tell. A fake made with
 * cellos_fake_backend_new() has one of its own; those the registry makes
 * share one per process and state file, so that cells are known by id as
 * on a real host. With a state file, the set is read from the file at
 * each use and written back before an operation returns, under a lock
 * that other processes respect. */
typedef struct
{
  GMutex lock;                  /* held from live_set_lock() to live_set_unlock() */
  GHashTable *cells;            /* cell id → order of creation */
  gsize created;
  gboolean seeded;              /* a rules file's live cells were added */
  char *state_file;             /* NULL: in this process's memory only */
  char *lock_file;
  int lock_fd;                  /* -1 but between lock and unlock with a state file */
} LiveSet;

struct _CellosFakeBackend
{
  GObject parent_instance;

  /* Guards everything below: operations run in GTask worker threads. */
  GMutex lock;
  GCond wake;                   /* a synchronous wait's cancellable fired */
  GPtrArray *rules;             /* of Rule */
  LiveSet *live;                /* its own, or one the registry's fakes share */
  gboolean live_is_private;
  GArray *ledger;               /* of LedgerEntry */
  GVariant *last_result;        /* the last record's result, shared */
  gboolean fill_handle_details;
  gboolean initialized;
  GError *init_error;           /* what GInitable's init gave, for the next call */
  int ledger_fd;                /* -1 without a ledger file */
};

enum {
  PROP_0,
  PROP_FILL_HANDLE_DETAILS,
  PROP_LIVE_CELLS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void cellos_fake_backend_iface_init (CellosCellBackendInterface *iface);
static void cellos_fake_backend_initable_iface_init (GInitableIface *iface);

/* Registered as the backend "fake" by the backend module of the test kit
 * (cellos-fake-module.c), as any third-party backend is: the type itself
 * lives here, so that a program linking the kit and the registry's module
 * share one. */
G_DEFINE_FINAL_TYPE_WITH_CODE (CellosFakeBackend, cellos_fake_backend, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (CELLOS_TYPE_CELL_BACKEND,
                                                      cellos_fake_backend_iface_init)
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE,
                                                      cellos_fake_backend_initable_iface_init))

static const char *
operation_name (guint operation)
{
  return operation == OPERATION_CREATE ? "create" : "destroy";
}

static void
rule_free (gpointer data)
{
  Rule *rule = data;

  g_pattern_spec_free (rule->pattern);
  g_free (rule->message);
  g_free (rule);
}

static void
ledger_entry_clear (gpointer data)
{
  LedgerEntry *entry = data;

  g_free (entry->cell_id);
  g_clear_error (&entry->error);
  g_clear_pointer (&entry->result, g_variant_unref);
}

static void
plan_clear (Plan *plan)
{
  g_clear_pointer (&plan->message, g_free);
}

/* Rules */

static gboolean
parse_operation (const char *operation,
                 guint      *operations)
{
  if (operation == NULL)
    *operations = OPERATION_CREATE | OPERATION_DESTROY;
  else if (g_str_equal (operation, "create"))
    *operations = OPERATION_CREATE;
  else if (g_str_equal (operation, "destroy"))
    *operations = OPERATION_DESTROY;
  else
    return FALSE;
  return TRUE;
}

static Rule *
rule_new (RuleKind    kind,
          guint       operations,
          const char *cell_pattern)
{
  Rule *rule = g_new0 (Rule, 1);

  rule->kind = kind;
  rule->operations = operations;
  rule->pattern = g_pattern_spec_new (cell_pattern);
  return rule;
}

static void
add_rule (CellosFakeBackend *self,
          Rule              *rule)
{
  g_mutex_lock (&self->lock);
  g_ptr_array_add (self->rules, rule);
  g_mutex_unlock (&self->lock);
}

static Plan
make_plan (CellosFakeBackend *self,
           guint              operation,
           const char        *cell_id)
{
  Plan plan = { .destroyed = TRUE };
  guint i;

  g_mutex_lock (&self->lock);
  for (i = 0; i < self->rules->len; i++)
    {
      Rule *rule = g_ptr_array_index (self->rules, i);

      if ((rule->operations & operation) == 0 ||
          !g_pattern_spec_match_string (rule->pattern, cell_id))
        continue;

      switch (rule->kind)
        {
        case RULE_FAIL:
          if (!plan.fail)
            {
              plan.fail = TRUE;
              plan.code = rule->code;
              plan.message = g_strdup (rule->message);
            }
          break;
        case RULE_DELAY:
          plan.delay_ms += rule->delay_ms;
          break;
        case RULE_HANG:
          plan.hang = TRUE;
          break;
        case RULE_LATE:
          plan.late = TRUE;
          plan.delay_ms += rule->delay_ms;
          break;
        case RULE_REPORT:
          plan.destroyed = rule->destroyed;
          plan.peers_tracked_after = rule->peers_tracked_after;
          break;
        default:
          g_assert_not_reached ();
        }
    }
  g_mutex_unlock (&self->lock);
  return plan;
}

/* The ledger */

/* @value as a GVariant for a builder's "v", which sinks a floating one
 * and refs any other: a new floating one, or a variant property's own;
 * NULL for a value that is unset or of a type the ledger has no form for. */
static GVariant *
value_to_variant (const GValue *value)
{
  GType type = G_VALUE_TYPE (value);

  if (type == G_TYPE_BOOLEAN)
    return g_variant_new_boolean (g_value_get_boolean (value));
  if (type == G_TYPE_INT)
    return g_variant_new_int32 (g_value_get_int (value));
  if (type == G_TYPE_UINT)
    return g_variant_new_uint32 (g_value_get_uint (value));
  if (type == G_TYPE_INT64)
    return g_variant_new_int64 (g_value_get_int64 (value));
  if (type == G_TYPE_UINT64)
    return g_variant_new_uint64 (g_value_get_uint64 (value));
  if (type == G_TYPE_DOUBLE)
    return g_variant_new_double (g_value_get_double (value));
  if (type == G_TYPE_STRING)
    return g_value_get_string (value) != NULL ?
      g_variant_new_string (g_value_get_string (value)) : NULL;
  if (type == G_TYPE_STRV)
    return g_value_get_boxed (value) != NULL ?
      g_variant_new_strv (g_value_get_boxed (value), -1) : NULL;
  if (type == G_TYPE_VARIANT)
    return g_value_get_variant (value);
  if (G_TYPE_IS_ENUM (type))
    {
      GEnumValue *member = g_enum_get_value (G_ENUM_CLASS (g_type_class_peek (type)),
                                             g_value_get_enum (value));

      return member != NULL ? g_variant_new_string (member->value_nick) : NULL;
    }
  return NULL;
}

/* The readable properties of @result, the handle or report an operation
 * gave, but its cell id (the record's own), as an a{sv} in the order its
 * class installed them, or NULL for none set: a property added to the
 * class later reaches the ledger without a change here. A copy, since
 * the handle and the report are the caller's, to let go of. */
static GVariant *
result_properties (GObject *result)
{
  g_autofree GParamSpec **pspecs = NULL;
  GVariantBuilder builder;
  GVariant *recorded;
  gboolean any = FALSE;
  guint n_pspecs, i;

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (result), &n_pspecs);
  for (i = 0; i < n_pspecs; i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;
      GVariant *variant;

      if ((pspecs[i]->flags & G_PARAM_READABLE) == 0 ||
          g_str_equal (pspecs[i]->name, "cell-id"))
        continue;
      g_value_init (&value, pspecs[i]->value_type);
      g_object_get_property (result, pspecs[i]->name, &value);
      variant = value_to_variant (&value);
      if (variant != NULL)
        {
          g_variant_builder_add (&builder, "{sv}", pspecs[i]->name, variant);
          any = TRUE;
        }
    }
  if (!any)
    {
      g_variant_builder_clear (&builder);
      return NULL;
    }
  recorded = g_variant_ref_sink (g_variant_builder_end (&builder));
  /* Kept serialised: a builder's variant is a tree of one instance per
   * key, value and box, which GLib frees once it has serialised it.
   * Measured by tests/bench/fake-bench (200,000 cells): 649 bytes per
   * ledger record as a tree, 177 serialised. */
  g_variant_get_data (recorded);
  return recorded;
}

static GVariant *
ledger_entry_to_variant (const LedgerEntry *entry)
{
  GVariantBuilder builder;
  const char *nick;

  /* A builder rather than a GVariantDict: the keys keep this order, in
   * the ledger file too. */
  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&builder, "{sv}", "operation",
                         g_variant_new_string (operation_name (entry->operation)));
  g_variant_builder_add (&builder, "{sv}", "cell-id", g_variant_new_string (entry->cell_id));
  if (entry->error == NULL)
    {
      g_variant_builder_add (&builder, "{sv}", "outcome", g_variant_new_string ("ok"));
      if (entry->result != NULL)
        {
          GVariantIter iter;
          const char *name;
          GVariant *value;

          g_variant_iter_init (&iter, entry->result);
          while (g_variant_iter_next (&iter, "{&sv}", &name, &value))
            {
              g_variant_builder_add (&builder, "{sv}", name, value);
              g_variant_unref (value);
            }
        }
    }
  else
    {
      g_variant_builder_add (&builder, "{sv}", "outcome", g_variant_new_string ("error"));
      nick = cellos_json_error_nick (entry->error);
      g_variant_builder_add (&builder, "{sv}", "error-domain",
                             g_variant_new_string (g_quark_to_string (entry->error->domain)));
      if (nick != NULL)
        g_variant_builder_add (&builder, "{sv}", "error-nick", g_variant_new_string (nick));
      g_variant_builder_add (&builder, "{sv}", "error-code", g_variant_new_int32 (entry->error->code));
      g_variant_builder_add (&builder, "{sv}", "error-message",
                             g_variant_new_string (entry->error->message));
    }
  return g_variant_builder_end (&builder);
}

/* One line, written by the library's JSON writer with one write(2) to a
 * file opened for appending, so that lines from several processes or
 * threads never interleave. */
static void
write_ledger_line (int       fd,
                   GVariant *record)
{
  g_autoptr(CellosJsonWriter) writer = cellos_json_writer_new ();
  g_autofree char *line = NULL;
  gsize length;
  gssize written;

  cellos_json_writer_variant (writer, record);
  line = cellos_json_writer_finish_line (writer, &length);

  do
    written = write (fd, line, length);
  while (written < 0 && errno == EINTR);

  if (written != (gssize) length)
    g_warning (_("Cannot write the fake backend ledger: %s"),
               written < 0 ? g_strerror (errno) : _("short write"));
}

/* @recorded, or the equal one the record before holds: most records of
 * a test say the same ({"destroyed": true, "peers-tracked-after": 0}), and
 * sharing them keeps a ledger record the size of its id. Measured by
 * tests/bench/fake-bench (200,000 cells): 177 bytes per record with a
 * copy each, 74 shared. Called with the lock held. */
static GVariant *
shared_result (CellosFakeBackend *self,
               GVariant          *recorded)
{
  if (recorded == NULL)
    return NULL;
  if (self->last_result != NULL && g_variant_equal (self->last_result, recorded))
    {
      g_variant_unref (recorded);
      return g_variant_ref (self->last_result);
    }
  g_clear_pointer (&self->last_result, g_variant_unref);
  self->last_result = g_variant_ref (recorded);
  return recorded;
}

/* Records an operation that ended with @error, or with the result whose
 * properties are @recorded (result_properties(), taken; NULL with an
 * error). Called with the lock held. */
static void
record (CellosFakeBackend *self,
        guint              operation,
        const char        *cell_id,
        const GError      *error,
        GVariant          *recorded)
{
  LedgerEntry entry = {
    .operation = operation,
    .cell_id = g_strdup (cell_id != NULL ? cell_id : ""),
    .error = error != NULL ? g_error_copy (error) : NULL,
    .result = shared_result (self, recorded),
  };

  g_array_append_val (self->ledger, entry);

  if (self->ledger_fd >= 0)
    {
      g_autoptr(GVariant) line = g_variant_ref_sink (ledger_entry_to_variant (&entry));

      write_ledger_line (self->ledger_fd, line);
    }

  cellos_log_backend_operation (CELLOS_FAKE_BACKEND_NAME, operation_name (operation), entry.cell_id);
}

/* The live set */

static LiveSet *
live_set_new (const char *state_file)
{
  LiveSet *set = g_new0 (LiveSet, 1);

  g_mutex_init (&set->lock);
  set->cells = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  set->state_file = g_strdup (state_file);
  set->lock_file = state_file != NULL ? g_strconcat (state_file, ".lock", NULL) : NULL;
  set->lock_fd = -1;
  return set;
}

/* Private sets are freed with their fake; shared ones live as long as the
 * process, in shared_live_sets. */
static void
live_set_free (LiveSet *set)
{
  g_hash_table_unref (set->cells);
  g_free (set->state_file);
  g_free (set->lock_file);
  g_mutex_clear (&set->lock);
  g_free (set);
}

static GMutex shared_live_sets_lock;
static GHashTable *shared_live_sets;    /* state file, or "" → LiveSet */

static LiveSet *
shared_live_set (const char *state_file)
{
  LiveSet *set;

  g_mutex_lock (&shared_live_sets_lock);
  if (shared_live_sets == NULL)
    shared_live_sets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  set = g_hash_table_lookup (shared_live_sets, state_file != NULL ? state_file : "");
  if (set == NULL)
    {
      set = live_set_new (state_file);
      g_hash_table_insert (shared_live_sets, g_strdup (state_file != NULL ? state_file : ""), set);
    }
  g_mutex_unlock (&shared_live_sets_lock);
  return set;
}

static gint
code_for_errno (int saved_errno)
{
  switch (saved_errno)
    {
    case EACCES:
    case EPERM:
    case EROFS:
      return CELLOS_ERROR_PERMISSION_DENIED;
    case ENOENT:
    case ENOTDIR:
      return CELLOS_ERROR_NOT_FOUND;
    default:
      return CELLOS_ERROR_FAILED;
    }
}

G_GNUC_PRINTF (3, 4)
static gboolean
state_fail (const LiveSet  *set,
            GError        **error,
            const char     *format,
            ...)
{
  g_autofree char *problem = NULL;
  va_list args;

  va_start (args, format);
  problem = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, CELLOS_ERROR, CELLOS_ERROR_INVALID_DOCUMENT,
               "%s: %s", set->state_file, problem);
  return FALSE;
}

/* Reads the state file into set->cells. A file that does not exist or is
 * empty holds no cells; then *fresh is TRUE. Anything else that is not
 * {"live-cells": [ID, ...]}, with each ID a non-empty string given once,
 * is an error naming the file and the place. */
static gboolean
live_set_load (LiveSet   *set,
               gboolean  *fresh,
               GError   **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(CellosJsonNode) root = NULL;
  g_autofree char *text = NULL;
  const CellosJsonNode *cells = NULL;
  gsize length = 0;
  guint i;

  GStatBuf status;

  g_hash_table_remove_all (set->cells);
  set->created = 0;
  *fresh = FALSE;

  /* The file is replaced at each write: anything but a regular file (a
   * device such as /dev/null, a FIFO) is a mistake, refused before it is
   * read or replaced. */
  if (g_stat (set->state_file, &status) == 0 && !S_ISREG (status.st_mode))
    return state_fail (set, error, "%s", _("not a regular file"));

  if (!g_file_get_contents (set->state_file, &text, &length, &local_error))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        {
          *fresh = TRUE;
          return TRUE;
        }
      g_set_error (error, CELLOS_ERROR, CELLOS_ERROR_FAILED,
                   _("Cannot read the fake backend state file: %s"), local_error->message);
      return FALSE;
    }
  if (length == 0)
    {
      *fresh = TRUE;
      return TRUE;
    }

  root = cellos_json_parse (text, length, &local_error);
  if (root == NULL)
    {
      g_set_error (error, CELLOS_ERROR, CELLOS_ERROR_INVALID_DOCUMENT,
                   g_ascii_isdigit (local_error->message[0]) ? "%s:%s" : "%s: %s",
                   set->state_file, local_error->message);
      return FALSE;
    }
  if (root->type != CELLOS_JSON_OBJECT)
    return state_fail (set, error, "$: %s", _("expected an object with “live-cells”"));
  for (i = 0; i < root->children->len; i++)
    {
      const CellosJsonNode *member = g_ptr_array_index (root->children, i);

      if (!g_str_equal (member->name, "live-cells"))
        return state_fail (set, error, "%s: %s", member->name, _("unknown member"));
      cells = member;
    }
  if (cells == NULL)
    return state_fail (set, error, "$: %s", _("“live-cells” is missing"));
  if (cells->type != CELLOS_JSON_ARRAY)
    return state_fail (set, error, "live-cells: %s", _("expected an array"));

  for (i = 0; i < cells->children->len; i++)
    {
      const CellosJsonNode *cell = g_ptr_array_index (cells->children, i);

      if (cell->type != CELLOS_JSON_STRING || cell->text[0] == '\0')
        return state_fail (set, error, "live-cells[%u]: %s", i, _("expected a non-empty string"));
      if (!g_hash_table_insert (set->cells, g_strdup (cell->text), GSIZE_TO_POINTER (set->created++)))
        return state_fail (set, error, "live-cells[%u]: %s", i, _("a cell is listed twice"));
    }
  return TRUE;
}

/* Locks @set for one use; with a state file, also against other
 * processes, and reads the file. On error @set is not locked. */
static gboolean
live_set_lock (LiveSet   *set,
               gboolean  *fresh,
               GError   **error)
{
  gboolean fresh_here = FALSE;
  int result;

  g_mutex_lock (&set->lock);
  if (set->state_file == NULL)
    {
      if (fresh != NULL)
        *fresh = !set->seeded;
      return TRUE;
    }

  /* A lock file beside the state file rather than the state file itself,
   * which is replaced whole at each write. */
  set->lock_fd = g_open (set->lock_file, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
  if (set->lock_fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, CELLOS_ERROR, code_for_errno (saved_errno),
                   _("Cannot open the fake backend state lock %s: %s"),
                   set->lock_file, g_strerror (saved_errno));
      g_mutex_unlock (&set->lock);
      return FALSE;
    }
  do
    result = flock (set->lock_fd, LOCK_EX);
  while (result < 0 && errno == EINTR);
  if (result < 0)
    {
      int saved_errno = errno;

      g_set_error (error, CELLOS_ERROR, code_for_errno (saved_errno),
                   _("Cannot lock the fake backend state lock %s: %s"),
                   set->lock_file, g_strerror (saved_errno));
      g_close (set->lock_fd, NULL);
      set->lock_fd = -1;
      g_mutex_unlock (&set->lock);
      return FALSE;
    }
  if (!live_set_load (set, &fresh_here, error))
    {
      g_close (set->lock_fd, NULL);
      set->lock_fd = -1;
      g_mutex_unlock (&set->lock);
      return FALSE;
    }
  if (fresh != NULL)
    *fresh = fresh_here;
  return TRUE;
}

static void
live_set_unlock (LiveSet *set)
{
  if (set->lock_fd >= 0)
    {
      /* Closing the last descriptor of the lock file releases the lock. */
      g_close (set->lock_fd, NULL);
      set->lock_fd = -1;
    }
  g_mutex_unlock (&set->lock);
}

static gint
compare_by_creation (gconstpointer a,
                     gconstpointer b,
                     gpointer      user_data)
{
  GHashTable *cells = user_data;
  gsize order_a = GPOINTER_TO_SIZE (g_hash_table_lookup (cells, *(const char * const *) a));
  gsize order_b = GPOINTER_TO_SIZE (g_hash_table_lookup (cells, *(const char * const *) b));

  return order_a < order_b ? -1 : order_a > order_b;
}

/* The ids of the live cells, oldest first. Called with @set locked. */
static char **
live_set_list_locked (LiveSet *set)
{
  guint length = 0;
  char **ids = (char **) g_hash_table_get_keys_as_array (set->cells, &length);
  char **copy;
  guint i;

  g_qsort_with_data (ids, length, sizeof (char *), compare_by_creation, set->cells);
  copy = g_new (char *, length + 1);
  for (i = 0; i < length; i++)
    copy[i] = g_strdup (ids[i]);
  copy[length] = NULL;
  g_free (ids);
  return copy;
}

/* Writes the set back to its state file, if it has one: a new file put in
 * place of the old by rename(), so that a process killed at any moment
 * leaves the old state or the new one, never a part. Called with @set
 * locked. */
static gboolean
live_set_save_locked (LiveSet   *set,
                      GError   **error)
{
  g_autoptr(CellosJsonWriter) writer = NULL;
  g_autoptr(GVariant) state = NULL;
  g_autoptr(GError) local_error = NULL;
  g_auto(GStrv) ids = NULL;
  g_autofree char *text = NULL;
  GVariantDict dict;
  gsize length;

  if (set->state_file == NULL)
    return TRUE;

  ids = live_set_list_locked (set);
  g_variant_dict_init (&dict, NULL);
  g_variant_dict_insert (&dict, "live-cells", "^as", ids);
  state = g_variant_ref_sink (g_variant_dict_end (&dict));
  writer = cellos_json_writer_new ();
  cellos_json_writer_variant (writer, state);
  text = cellos_json_writer_finish_line (writer, &length);

  if (!g_file_set_contents_full (set->state_file, text, (gssize) length,
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0666, &local_error))
    {
      g_set_error (error, CELLOS_ERROR, CELLOS_ERROR_FAILED,
                   _("Cannot write the fake backend state file: %s"), local_error->message);
      return FALSE;
    }
  return TRUE;
}

/* How many cells are live, or 0 with a warning if the state file cannot
 * be read: for the property, which cannot fail. */
static guint
live_set_count (LiveSet *set)
{
  g_autoptr(GError) error = NULL;
  guint count;

  if (!live_set_lock (set, NULL, &error))
    {
      g_warning ("%s", error->message);
      return 0;
    }
  count = g_hash_table_size (set->cells);
  live_set_unlock (set);
  return count;
}

/* Fakes with a ledger file still open, for the last line at exit. */
static GMutex ledger_files_lock;
static GSList *ledger_files;

/* Called with ledger_files_lock held. */
static void
close_ledger (CellosFakeBackend *self)
{
  g_auto(GStrv) ids = NULL;
  g_autoptr(GVariant) line = NULL;
  GVariantDict dict;

  g_mutex_lock (&self->lock);
  if (self->ledger_fd >= 0)
    {
      g_autoptr(GError) error = NULL;

      /* Without a readable state file there is no true last line to
       * write: the warning says why it is missing. */
      if (live_set_lock (self->live, NULL, &error))
        {
          ids = live_set_list_locked (self->live);
          live_set_unlock (self->live);
          g_variant_dict_init (&dict, NULL);
          g_variant_dict_insert (&dict, "live-cells", "^as", ids);
          line = g_variant_ref_sink (g_variant_dict_end (&dict));
          write_ledger_line (self->ledger_fd, line);
        }
      else
        g_warning ("%s", error->message);
      g_close (self->ledger_fd, NULL);
      self->ledger_fd = -1;
    }
  g_mutex_unlock (&self->lock);
  ledger_files = g_slist_remove (ledger_files, self);
}

/* A supervisor under test often exits without finalizing its backend. */
static void
close_ledgers_at_exit (void)
{
  g_mutex_lock (&ledger_files_lock);
  while (ledger_files != NULL)
    close_ledger (ledger_files->data);
  g_mutex_unlock (&ledger_files_lock);
}

/* Operations */

static void
waiter_cancelled (GCancellable *cancellable,
                  gpointer      user_data)
{
  CellosFakeBackend *self = user_data;

  /* Wakes every waiter; each looks at its own cancellable. */
  g_mutex_lock (&self->lock);
  g_cond_broadcast (&self->wake);
  g_mutex_unlock (&self->lock);
}

/* Waits as @plan says, on this thread, waking as soon as @cancellable is
 * cancelled. Returns FALSE if it was. */
static gboolean
wait_sync (CellosFakeBackend *self,
           const Plan        *plan,
           GCancellable      *cancellable)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) plan->delay_ms * G_TIME_SPAN_MILLISECOND;
  gulong handler = 0;
  gboolean cancelled;

  if (!plan->hang && plan->delay_ms == 0)
    return !g_cancellable_is_cancelled (cancellable);

  if (cancellable != NULL)
    handler = g_cancellable_connect (cancellable, G_CALLBACK (waiter_cancelled), self, NULL);

  g_mutex_lock (&self->lock);
  while (!(cancelled = g_cancellable_is_cancelled (cancellable)))
    {
      if (plan->hang)
        g_cond_wait (&self->wake, &self->lock);
      else if (!g_cond_wait_until (&self->wake, &self->lock, deadline))
        break;
    }
  g_mutex_unlock (&self->lock);

  g_cancellable_disconnect (cancellable, handler);
  return !cancelled;
}

static CellosCellHandle *
make_handle (const char *cell_id,
             gboolean    fill_details)
{
  g_autofree char *cgroup_path = NULL;
  g_autofree char *kernel = NULL;
  g_autofree char *rootfs = NULL;
  g_autofree char *firecracker = NULL;
  g_autofree char *kernel_text = NULL;
  g_autofree char *rootfs_text = NULL;
  g_autofree char *firecracker_text = NULL;
  g_auto(GStrv) nft_rules = NULL;
  g_autofree char *api_socket = NULL;
  g_autofree char *tap = NULL;
  GVariantDict details;

  if (!fill_details)
    return g_object_new (CELLOS_TYPE_CELL_HANDLE, "cell-id", cell_id, NULL);

  cgroup_path = g_strconcat ("/sys/fs/cgroup/cellos-fake/", cell_id, NULL);
  kernel_text = g_strconcat ("kernel:", cell_id, NULL);
  rootfs_text = g_strconcat ("rootfs:", cell_id, NULL);
  firecracker_text = g_strconcat ("firecracker:", cell_id, NULL);
  kernel = g_compute_checksum_for_string (G_CHECKSUM_SHA256, kernel_text, -1);
  rootfs = g_compute_checksum_for_string (G_CHECKSUM_SHA256, rootfs_text, -1);
  firecracker = g_compute_checksum_for_string (G_CHECKSUM_SHA256, firecracker_text, -1);
  nft_rules = g_new0 (char *, 3);
  nft_rules[0] = g_strdup ("add table inet cellos-fake");
  nft_rules[1] = g_strdup_printf ("add chain inet cellos-fake %s", cell_id);
  /* Backend data of the kind a microVM backend keeps: of each type a
   * supervisor has to carry (a number, a string, a string array). */
  api_socket = g_strconcat ("/run/cellos-fake/", cell_id, "/api.sock", NULL);
  tap = g_strconcat ("tap-", cell_id, NULL);
  g_variant_dict_init (&details, NULL);
  g_variant_dict_insert (&details, "vm-pid", "i", (gint32) (1000 + g_str_hash (cell_id) % 30000));
  g_variant_dict_insert (&details, "api-socket", "s", api_socket);
  g_variant_dict_insert_value (&details, "taps", g_variant_new_strv ((const char * const *) &tap, 1));

  return g_object_new (CELLOS_TYPE_CELL_HANDLE,
                       "cell-id", cell_id,
                       "cgroup-path", cgroup_path,
                       "kernel-digest-sha256", kernel,
                       "rootfs-digest-sha256", rootfs,
                       "firecracker-digest-sha256", firecracker,
                       "nft-rules-applied", nft_rules,
                       "details", g_variant_dict_end (&details),
                       NULL);
}

static GError *
new_cancelled_error (void)
{
  return g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Operation was cancelled"));
}

/* Whether this backend ever destroyed the cell @cell_id. Called with the
 * lock held, on the error path only. */
static gboolean
was_destroyed (CellosFakeBackend *self,
               const char        *cell_id)
{
  gboolean destroyed;
  guint i;

  for (i = self->ledger->len; i > 0; i--)
    {
      LedgerEntry *entry = &g_array_index (self->ledger, LedgerEntry, i - 1);

      if (entry->operation == OPERATION_DESTROY && entry->result != NULL &&
          g_variant_lookup (entry->result, "destroyed", "b", &destroyed) && destroyed &&
          g_str_equal (entry->cell_id, cell_id))
        return TRUE;
    }
  return FALSE;
}

/* Ends a create whose wait is over: the one place a cell comes to life. */
static CellosCellHandle *
complete_create (CellosFakeBackend  *self,
                 const char         *cell_id,
                 const Plan         *plan,
                 gboolean            cancelled,
                 GError            **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(CellosCellHandle) handle = NULL;
  g_autoptr(GVariant) recorded = NULL;
  gboolean created = FALSE;

  /* The handle a create that succeeds gives, and what the ledger records
   * of it, made before the lock is taken (with fill-handle-details, three
   * digests): dropped if the create fails after all. */
  if (cell_id != NULL && cell_id[0] != '\0')
    {
      handle = make_handle (cell_id, self->fill_handle_details);
      recorded = result_properties (G_OBJECT (handle));
    }

  g_mutex_lock (&self->lock);
  if (cancelled)
    local_error = new_cancelled_error ();
  else if (cell_id == NULL || cell_id[0] == '\0')
    local_error = g_error_new_literal (CELLOS_ERROR, CELLOS_ERROR_INVALID_SPEC,
                                       _("spec.id must be non-empty"));
  else if (plan->fail)
    local_error = g_error_new_literal (CELLOS_ERROR, plan->code, plan->message);
  else if (live_set_lock (self->live, NULL, &local_error))
    {
      if (g_hash_table_contains (self->live->cells, cell_id))
        local_error = g_error_new (CELLOS_ERROR, CELLOS_ERROR_ALREADY_EXISTS,
                                   _("A cell “%s” is live already"), cell_id);
      else
        {
          g_hash_table_insert (self->live->cells, g_strdup (cell_id),
                               GSIZE_TO_POINTER (self->live->created++));
          created = live_set_save_locked (self->live, &local_error);
        }
      live_set_unlock (self->live);
    }
  record (self, OPERATION_CREATE, cell_id, local_error,
          local_error == NULL ? g_steal_pointer (&recorded) : NULL);
  g_mutex_unlock (&self->lock);

  if (created)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LIVE_CELLS]);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return g_steal_pointer (&handle);
}

/* Ends a destroy whose wait is over. A cell whose report says it is not
 * destroyed stays live: a supervisor may try again, and one that forgets
 * it shows in the live cells. */
static CellosTeardownReport *
complete_destroy (CellosFakeBackend  *self,
                  CellosCellHandle   *handle,
                  const Plan         *plan,
                  gboolean            cancelled,
                  GError            **error)
{
  const char *cell_id = cellos_cell_handle_get_cell_id (handle);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(CellosTeardownReport) report = NULL;
  g_autoptr(GVariant) recorded = NULL;
  gboolean removed = FALSE;

  /* The report a destroy that succeeds gives, and what the ledger records
   * of it, made before the lock is taken: dropped if it fails. */
  report = g_object_new (CELLOS_TYPE_TEARDOWN_REPORT,
                         "cell-id", cell_id,
                         "destroyed", plan->destroyed,
                         "peers-tracked-after", plan->peers_tracked_after,
                         NULL);
  recorded = result_properties (G_OBJECT (report));

  g_mutex_lock (&self->lock);
  if (cancelled)
    local_error = new_cancelled_error ();
  else if (plan->fail)
    local_error = g_error_new_literal (CELLOS_ERROR, plan->code, plan->message);
  else if (live_set_lock (self->live, NULL, &local_error))
    {
      if (!g_hash_table_contains (self->live->cells, cell_id))
        local_error = g_error_new (CELLOS_ERROR, CELLOS_ERROR_NOT_FOUND,
                                   was_destroyed (self, cell_id) ?
                                   _("The cell “%s” is already destroyed") :
                                   _("The cell “%s” is not live in this backend"),
                                   cell_id);
      else if (plan->destroyed)
        {
          g_hash_table_remove (self->live->cells, cell_id);
          removed = live_set_save_locked (self->live, &local_error);
        }
      live_set_unlock (self->live);
    }
  record (self, OPERATION_DESTROY, cell_id, local_error,
          local_error == NULL ? g_steal_pointer (&recorded) : NULL);
  g_mutex_unlock (&self->lock);

  if (removed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LIVE_CELLS]);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return g_steal_pointer (&report);
}

static CellosCellHandle *
cellos_fake_backend_create (CellosCellBackend            *backend,
                            CellosExecutionCellDocument  *document,
                            GCancellable                 *cancellable,
                            GError                      **error)
{
  CellosFakeBackend *self = CELLOS_FAKE_BACKEND (backend);
  const char *cell_id = cellos_execution_cell_document_get_id (document);
  Plan plan = { 0 };
  gboolean cancelled = g_cancellable_is_cancelled (cancellable);
  CellosCellHandle *handle;

  if (cell_id != NULL && cell_id[0] != '\0')
    plan = make_plan (self, OPERATION_CREATE, cell_id);
  if (plan.late)
    {
      /* A late create waits out its delays whatever happens, or hangs
       * until it is cancelled, and then makes its cell all the same. */
      wait_sync (self, &plan, plan.hang ? cancellable : NULL);
      cancelled = FALSE;
    }
  else if (!cancelled && cell_id != NULL && cell_id[0] != '\0')
    cancelled = !wait_sync (self, &plan, cancellable);
  handle = complete_create (self, cell_id, &plan, cancelled, error);
  plan_clear (&plan);
  return handle;
}

static CellosTeardownReport *
cellos_fake_backend_destroy (CellosCellBackend  *backend,
                             CellosCellHandle   *handle,
                             GCancellable       *cancellable,
                             GError            **error)
{
  CellosFakeBackend *self = CELLOS_FAKE_BACKEND (backend);
  Plan plan = { .destroyed = TRUE };
  gboolean cancelled = g_cancellable_is_cancelled (cancellable);
  CellosTeardownReport *report;

  if (!cancelled)
    {
      plan = make_plan (self, OPERATION_DESTROY, cellos_cell_handle_get_cell_id (handle));
      cancelled = !wait_sync (self, &plan, cancellable);
    }
  report = complete_destroy (self, handle, &plan, cancelled, error);
  plan_clear (&plan);
  return report;
}

/* The asynchronous side waits with sources on the caller's main context.
 * The task does not check its cancellable itself: the fake decides at
 * completion whether the operation was cancelled, so that a cell it made
 * always reaches the caller. */

typedef struct
{
  guint operation;
  gpointer subject;             /* the document, or the handle */
  char *cell_id;
  Plan plan;
  GSource *timeout;
  GSource *cancelled;
} AsyncOperation;

static void
async_operation_free (gpointer data)
{
  AsyncOperation *op = data;

  g_clear_object (&op->subject);
  g_free (op->cell_id);
  plan_clear (&op->plan);
  g_assert (op->timeout == NULL && op->cancelled == NULL);
  g_free (op);
}

static void
stop_source (GSource **source)
{
  if (*source != NULL)
    {
      g_source_destroy (*source);
      g_clear_pointer (source, g_source_unref);
    }
}

static void
complete_task (GTask *task)
{
  CellosFakeBackend *self = g_task_get_source_object (task);
  AsyncOperation *op = g_task_get_task_data (task);
  gboolean cancelled = g_cancellable_is_cancelled (g_task_get_cancellable (task)) && !op->plan.late;
  GError *error = NULL;
  gpointer result;

  stop_source (&op->timeout);
  stop_source (&op->cancelled);

  if (op->operation == OPERATION_CREATE)
    result = complete_create (self, op->cell_id, &op->plan, cancelled, &error);
  else
    result = complete_destroy (self, op->subject, &op->plan, cancelled, &error);

  if (result != NULL)
    g_task_return_pointer (task, result, g_object_unref);
  else
    g_task_return_error (task, error);
}

static gboolean
on_wait_over (gpointer user_data)
{
  complete_task (user_data);
  return G_SOURCE_REMOVE;
}

static gboolean
on_wait_cancelled (GCancellable *cancellable,
                   gpointer      user_data)
{
  complete_task (user_data);
  return G_SOURCE_REMOVE;
}

static void
start_async (CellosFakeBackend   *self,
             guint                operation,
             gpointer             subject,
             const char          *cell_id,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data,
             gpointer             source_tag)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  AsyncOperation *op = g_new0 (AsyncOperation, 1);
  GMainContext *context = g_task_get_context (task);

  (g_task_set_source_tag) (task, source_tag);
  g_task_set_check_cancellable (task, FALSE);
  op->operation = operation;
  op->subject = g_object_ref (subject);
  op->cell_id = g_strdup (cell_id);
  op->plan.destroyed = TRUE;
  g_task_set_task_data (task, op, async_operation_free);

  if (operation == OPERATION_CREATE && (cell_id == NULL || cell_id[0] == '\0'))
    {
      complete_task (task);
      return;
    }

  op->plan = make_plan (self, operation, cell_id);
  if ((g_cancellable_is_cancelled (cancellable) && !op->plan.late) ||
      (!op->plan.hang && op->plan.delay_ms == 0))
    {
      complete_task (task);
      return;
    }

  if (!op->plan.hang)
    {
      op->timeout = g_timeout_source_new (op->plan.delay_ms);
      g_source_set_callback (op->timeout, on_wait_over, g_object_ref (task), g_object_unref);
      g_source_attach (op->timeout, context);
    }
  /* A late create's delay ignores cancellation; its hang ends there. */
  if (cancellable != NULL && (!op->plan.late || op->plan.hang))
    {
      op->cancelled = g_cancellable_source_new (cancellable);
      g_source_set_callback (op->cancelled, G_SOURCE_FUNC (on_wait_cancelled),
                             g_object_ref (task), g_object_unref);
      g_source_attach (op->cancelled, context);
    }
  if (op->timeout == NULL && op->cancelled == NULL)
    {
      /* A hang nothing can cancel: as documented, the operation never
       * completes, and its task is kept for the life of the process. */
      g_object_ref (task);
    }
}

static void
cellos_fake_backend_create_async (CellosCellBackend           *backend,
                                  CellosExecutionCellDocument *document,
                                  GCancellable                *cancellable,
                                  GAsyncReadyCallback          callback,
                                  gpointer                     user_data)
{
  start_async (CELLOS_FAKE_BACKEND (backend), OPERATION_CREATE, document,
               cellos_execution_cell_document_get_id (document),
               cancellable, callback, user_data, cellos_fake_backend_create_async);
}

static void
cellos_fake_backend_destroy_async (CellosCellBackend   *backend,
                                   CellosCellHandle    *handle,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  start_async (CELLOS_FAKE_BACKEND (backend), OPERATION_DESTROY, handle,
               cellos_cell_handle_get_cell_id (handle),
               cancellable, callback, user_data, cellos_fake_backend_destroy_async);
}

static CellosCellHandle *
cellos_fake_backend_create_finish (CellosCellBackend  *backend,
                                   GAsyncResult       *result,
                                   GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, backend), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static CellosTeardownReport *
cellos_fake_backend_destroy_finish (CellosCellBackend  *backend,
                                    GAsyncResult       *result,
                                    GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, backend), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* The live cells, oldest first, with handles as create made them: the
 * interface's asynchronous default runs this in a worker thread. */
static GList *
cellos_fake_backend_list_cells (CellosCellBackend  *backend,
                                GCancellable       *cancellable,
                                GError            **error)
{
  CellosFakeBackend *self = CELLOS_FAKE_BACKEND (backend);
  g_auto(GStrv) ids = NULL;
  gboolean fill_details;
  GList *handles = NULL;
  gsize i;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  g_mutex_lock (&self->lock);
  fill_details = self->fill_handle_details;
  g_mutex_unlock (&self->lock);

  if (!live_set_lock (self->live, NULL, error))
    return NULL;
  ids = live_set_list_locked (self->live);
  live_set_unlock (self->live);

  for (i = g_strv_length (ids); i > 0; i--)
    handles = g_list_prepend (handles, make_handle (ids[i - 1], fill_details));
  return handles;
}

static void
cellos_fake_backend_iface_init (CellosCellBackendInterface *iface)
{
  iface->create = cellos_fake_backend_create;
  iface->create_async = cellos_fake_backend_create_async;
  iface->create_finish = cellos_fake_backend_create_finish;
  iface->destroy = cellos_fake_backend_destroy;
  iface->destroy_async = cellos_fake_backend_destroy_async;
  iface->destroy_finish = cellos_fake_backend_destroy_finish;
  iface->list_cells = cellos_fake_backend_list_cells;
}

/* The rules file, read by the library's strict JSON reader, as documents
 * are. Every mistake names the file and the line and column (a text that
 * is not JSON, a repeated member, a second root) or the member path (a
 * member of the wrong type or value): a test that means to inject a fault
 * must never run without it. */

/* A rules file is a few rules: anything larger is a mistake, and reading
 * stops there, so that an endless file (a FIFO, a character device) ends
 * quickly. */
#define RULES_MAX_SIZE (1024 * 1024)

typedef struct
{
  const char *filename;
  GError **error;
} RulesReader;

G_GNUC_PRINTF (3, 4)
static gboolean
rules_fail (RulesReader *reader,
            const char  *path,
            const char  *format,
            ...)
{
  g_autofree char *problem = NULL;
  va_list args;

  va_start (args, format);
  problem = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (reader->error, CELLOS_ERROR, CELLOS_ERROR_INVALID_DOCUMENT,
               "%s: %s: %s", reader->filename, path, problem);
  return FALSE;
}

static gboolean
read_string (RulesReader           *reader,
             const CellosJsonNode  *node,
             const char            *path,
             const char           **value)
{
  if (node->type != CELLOS_JSON_STRING)
    return rules_fail (reader, path, _("expected a string"));
  *value = node->text;
  return TRUE;
}

static gboolean
read_boolean (RulesReader          *reader,
              const CellosJsonNode *node,
              const char           *path,
              gboolean             *value)
{
  if (node->type != CELLOS_JSON_BOOLEAN)
    return rules_fail (reader, path, _("expected true or false"));
  *value = node->boolean;
  return TRUE;
}

static gboolean
read_uint (RulesReader          *reader,
           const CellosJsonNode *node,
           const char           *path,
           guint                *value)
{
  guint64 number;

  /* Digits only: a fraction, an exponent or a sign is not a whole number
   * of milliseconds or peers, even where its value would be one. */
  if (node->type != CELLOS_JSON_NUMBER ||
      strspn (node->text, "0123456789") != strlen (node->text) ||
      !g_ascii_string_to_unsigned (node->text, 10, 0, G_MAXUINT, &number, NULL))
    return rules_fail (reader, path, _("expected a whole number from 0 to %u"), G_MAXUINT);
  *value = (guint) number;
  return TRUE;
}

static gboolean
read_fail (RulesReader          *reader,
           const CellosJsonNode *node,
           const char           *path,
           Rule                 *rule)
{
  gboolean have_code = FALSE;
  guint i;

  if (node->type != CELLOS_JSON_OBJECT)
    return rules_fail (reader, path, _("expected an object with “code” and “message”"));

  for (i = 0; i < node->children->len; i++)
    {
      const CellosJsonNode *member = g_ptr_array_index (node->children, i);
      g_autofree char *member_path = g_strconcat (path, ".", member->name, NULL);
      const char *text = NULL;

      if (g_str_equal (member->name, "code"))
        {
          g_autoptr(GEnumClass) codes = g_type_class_ref (CELLOS_TYPE_ERROR);
          GEnumValue *code;

          if (!read_string (reader, member, member_path, &text))
            return FALSE;
          code = g_enum_get_value_by_nick (codes, text);
          if (code == NULL)
            return rules_fail (reader, member_path,
                               /* Translators: the codes are written as in the rules file:
                                * “not-found”, “timed-out”… */
                               _("unknown error code “%s”"), text);
          rule->code = code->value;
          have_code = TRUE;
        }
      else if (g_str_equal (member->name, "message"))
        {
          if (!read_string (reader, member, member_path, &text))
            return FALSE;
          rule->message = g_strdup (text);
        }
      else
        return rules_fail (reader, member_path, _("unknown member"));
    }

  if (!have_code)
    return rules_fail (reader, path, _("“code” is missing"));
  if (rule->message == NULL)
    rule->message = g_strdup (_("Failure injected by the fake backend"));
  return TRUE;
}

static Rule *
read_rule (RulesReader          *reader,
           const CellosJsonNode *node,
           const char           *path)
{
  guint n_kinds = 0;
  const char *operation = NULL;
  const char *cell = "*";
  guint operations = 0;
  Rule scratch = { .destroyed = TRUE };
  gboolean hang = FALSE;
  gboolean is_report = FALSE;
  RuleKind kind = RULE_FAIL;
  Rule *rule;
  guint i;

  if (node->type != CELLOS_JSON_OBJECT)
    {
      rules_fail (reader, path, _("expected an object"));
      return NULL;
    }

  for (i = 0; i < node->children->len; i++)
    {
      const CellosJsonNode *member = g_ptr_array_index (node->children, i);
      const char *name = member->name;
      g_autofree char *member_path = g_strconcat (path, ".", name, NULL);
      gboolean ok;

      if (g_str_equal (name, "operation"))
        {
          ok = read_string (reader, member, member_path, &operation);
          if (ok && !parse_operation (operation, &operations))
            ok = rules_fail (reader, member_path,
                             _("unknown operation “%s”: expected “create” or “destroy”"),
                             operation);
        }
      else if (g_str_equal (name, "cell"))
        ok = read_string (reader, member, member_path, &cell);
      else if (g_str_equal (name, "fail"))
        {
          kind = RULE_FAIL;
          n_kinds++;
          ok = read_fail (reader, member, member_path, &scratch);
        }
      else if (g_str_equal (name, "delay-ms"))
        {
          kind = RULE_DELAY;
          n_kinds++;
          ok = read_uint (reader, member, member_path, &scratch.delay_ms);
        }
      else if (g_str_equal (name, "late-ms"))
        {
          kind = RULE_LATE;
          n_kinds++;
          ok = read_uint (reader, member, member_path, &scratch.delay_ms);
        }
      else if (g_str_equal (name, "hang"))
        {
          kind = RULE_HANG;
          n_kinds++;
          ok = read_boolean (reader, member, member_path, &hang);
          if (ok && !hang)
            ok = rules_fail (reader, member_path, _("a hang rule says “hang”: true"));
        }
      else if (g_str_equal (name, "destroyed"))
        {
          n_kinds += !is_report;
          kind = RULE_REPORT;
          is_report = TRUE;
          ok = read_boolean (reader, member, member_path, &scratch.destroyed);
        }
      else if (g_str_equal (name, "peers-tracked-after"))
        {
          n_kinds += !is_report;
          kind = RULE_REPORT;
          is_report = TRUE;
          ok = read_uint (reader, member, member_path, &scratch.peers_tracked_after);
        }
      else
        ok = rules_fail (reader, member_path, _("unknown member"));

      if (!ok)
        {
          g_free (scratch.message);
          return NULL;
        }
    }

  parse_operation (operation, &operations);
  if (n_kinds != 1)
    rules_fail (reader, path,
                _("a rule has exactly one of “fail”, “delay-ms”, “hang”, “late-ms”, or "
                  "“destroyed” and “peers-tracked-after”"));
  else if (kind == RULE_REPORT && operations == OPERATION_CREATE)
    rules_fail (reader, path, _("a report rule applies to “destroy” only"));
  else if (kind == RULE_LATE && operations == OPERATION_DESTROY)
    rules_fail (reader, path, _("a late rule applies to “create” only"));
  if (n_kinds != 1 || (kind == RULE_REPORT && operations == OPERATION_CREATE) ||
      (kind == RULE_LATE && operations == OPERATION_DESTROY))
    {
      g_free (scratch.message);
      return NULL;
    }
  if (kind == RULE_REPORT)
    operations = OPERATION_DESTROY;
  else if (kind == RULE_LATE)
    operations = OPERATION_CREATE;

  rule = rule_new (kind, operations, cell);
  rule->code = scratch.code;
  rule->message = scratch.message;
  rule->delay_ms = scratch.delay_ms;
  rule->destroyed = scratch.destroyed;
  rule->peers_tracked_after = scratch.peers_tracked_after;
  return rule;
}

/* The text of @filename, up to RULES_MAX_SIZE bytes. */
static char *
read_rules_text (RulesReader *reader,
                 gsize       *length)
{
  g_autoptr(GByteArray) text = g_byte_array_new ();
  guint8 chunk[65536];
  gssize n = 0;
  int fd = g_open (reader->filename, O_RDONLY | O_CLOEXEC, 0);

  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (reader->error, CELLOS_ERROR, CELLOS_ERROR_INVALID_DOCUMENT,
                   _("Cannot read the fake backend rules %s: %s"),
                   reader->filename, g_strerror (saved_errno));
      return NULL;
    }

  /* One byte past the limit is enough to refuse the file. */
  while (text->len <= RULES_MAX_SIZE)
    {
      n = read (fd, chunk, sizeof chunk);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      g_byte_array_append (text, chunk, (guint) n);
    }
  if (n < 0)
    {
      int saved_errno = errno;

      g_close (fd, NULL);
      g_set_error (reader->error, CELLOS_ERROR, CELLOS_ERROR_INVALID_DOCUMENT,
                   _("Cannot read the fake backend rules %s: %s"),
                   reader->filename, g_strerror (saved_errno));
      return NULL;
    }
  g_close (fd, NULL);

  if (text->len > RULES_MAX_SIZE)
    {
      g_set_error (reader->error, CELLOS_ERROR, CELLOS_ERROR_INVALID_DOCUMENT,
                   _("%s: the rules file is larger than %u bytes"),
                   reader->filename, (guint) RULES_MAX_SIZE);
      return NULL;
    }

  *length = text->len;
  g_byte_array_append (text, (const guint8 *) "", 1);
  return (char *) g_byte_array_free (g_steal_pointer (&text), FALSE);
}

/* A rules file's "live-cells": ids, each a non-empty string given once. */
static gboolean
read_live_cells (RulesReader          *reader,
                 const CellosJsonNode *node,
                 GPtrArray            *seeds)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  guint i;

  if (node->type != CELLOS_JSON_ARRAY)
    return rules_fail (reader, node->name, _("expected an array"));
  for (i = 0; i < node->children->len; i++)
    {
      const CellosJsonNode *cell = g_ptr_array_index (node->children, i);
      g_autofree char *path = g_strdup_printf ("live-cells[%u]", i);

      if (cell->type != CELLOS_JSON_STRING || cell->text[0] == '\0')
        return rules_fail (reader, path, _("expected a non-empty string"));
      if (!g_hash_table_add (seen, cell->text))
        return rules_fail (reader, path, _("a cell is listed twice"));
      g_ptr_array_add (seeds, g_strdup (cell->text));
    }
  return TRUE;
}

/* Reads @filename: its rules go to @self, its live cells to @seeds. */
static gboolean
load_rules_file (CellosFakeBackend  *self,
                 const char         *filename,
                 GPtrArray          *seeds,
                 GError            **error)
{
  g_autoptr(GPtrArray) rules = g_ptr_array_new_with_free_func (rule_free);
  g_autoptr(GError) parse_error = NULL;
  g_autoptr(CellosJsonNode) root = NULL;
  g_autofree char *text = NULL;
  RulesReader reader = { filename, error };
  gboolean fill_handle_details = FALSE;
  gsize length;
  guint i;

  text = read_rules_text (&reader, &length);
  if (text == NULL)
    return FALSE;

  root = cellos_json_parse (text, length, &parse_error);
  if (root == NULL)
    {
      /* The reader's messages start LINE:COLUMN: or are a sentence; joined
       * to the file name, a position reads FILE:LINE:COLUMN: as compilers
       * write it. */
      g_set_error (error, CELLOS_ERROR, CELLOS_ERROR_INVALID_DOCUMENT,
                   g_ascii_isdigit (parse_error->message[0]) ? "%s:%s" : "%s: %s",
                   filename, parse_error->message);
      return FALSE;
    }

  if (root->type != CELLOS_JSON_OBJECT)
    return rules_fail (&reader, "$", _("expected an object with “rules”"));

  for (i = 0; i < root->children->len; i++)
    {
      const CellosJsonNode *member = g_ptr_array_index (root->children, i);

      if (g_str_equal (member->name, "fill-handle-details"))
        {
          if (!read_boolean (&reader, member, member->name, &fill_handle_details))
            return FALSE;
        }
      else if (g_str_equal (member->name, "live-cells"))
        {
          if (!read_live_cells (&reader, member, seeds))
            return FALSE;
        }
      else if (g_str_equal (member->name, "rules"))
        {
          guint j;

          if (member->type != CELLOS_JSON_ARRAY)
            return rules_fail (&reader, member->name, _("expected an array"));
          for (j = 0; j < member->children->len; j++)
            {
              g_autofree char *path = g_strdup_printf ("rules[%u]", j);
              Rule *rule = read_rule (&reader, g_ptr_array_index (member->children, j), path);

              if (rule == NULL)
                return FALSE;
              g_ptr_array_add (rules, rule);
            }
        }
      else
        return rules_fail (&reader, member->name, _("unknown member"));
    }

  g_mutex_lock (&self->lock);
  g_ptr_array_extend_and_steal (self->rules, g_steal_pointer (&rules));
  self->fill_handle_details = self->fill_handle_details || fill_handle_details;
  g_mutex_unlock (&self->lock);
  return TRUE;
}

static gboolean
open_ledger_file (CellosFakeBackend  *self,
                  const char         *filename,
                  GError            **error)
{
  static gsize exit_handler_installed = 0;
  int fd = g_open (filename, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0666);

  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, CELLOS_ERROR, code_for_errno (saved_errno),
                   _("Cannot open the fake backend ledger %s: %s"),
                   filename, g_strerror (saved_errno));
      return FALSE;
    }

  if (g_once_init_enter (&exit_handler_installed))
    {
      atexit (close_ledgers_at_exit);
      g_once_init_leave (&exit_handler_installed, 1);
    }

  g_mutex_lock (&ledger_files_lock);
  g_mutex_lock (&self->lock);
  self->ledger_fd = fd;
  g_mutex_unlock (&self->lock);
  ledger_files = g_slist_prepend (ledger_files, self);
  g_mutex_unlock (&ledger_files_lock);
  return TRUE;
}

/* Starts @set with the cells @seeds names, if it is starting: in memory,
 * for the first fake the registry makes in the process; with a state
 * file, when the file does not exist yet or is empty, so that a restarted
 * supervisor finds what its predecessor left, not the seeds again. A
 * state file is written here, so that one that cannot be fails the
 * selection. */
static gboolean
seed_live_set (LiveSet    *set,
               GPtrArray  *seeds,
               GError    **error)
{
  gboolean fresh = FALSE;
  gboolean ok = TRUE;
  guint i;

  if (!live_set_lock (set, &fresh, error))
    return FALSE;
  if (fresh)
    {
      for (i = 0; i < seeds->len; i++)
        if (!g_hash_table_contains (set->cells, seeds->pdata[i]))
          g_hash_table_insert (set->cells, g_strdup (seeds->pdata[i]),
                               GSIZE_TO_POINTER (set->created++));
      set->seeded = TRUE;
      ok = live_set_save_locked (set, error);
    }
  live_set_unlock (set);
  return ok;
}

/* The registry initialises the backends it makes: this is where the one
 * it makes for "fake" reads its environment. */
static gboolean
cellos_fake_backend_initable_init (GInitable     *initable,
                                   GCancellable  *cancellable,
                                   GError       **error)
{
  CellosFakeBackend *self = CELLOS_FAKE_BACKEND (initable);
  const char *rules = cellos_backend_getenv ("CELLOS_FAKE_RULES");
  const char *ledger = cellos_backend_getenv ("CELLOS_FAKE_LEDGER");
  const char *state = cellos_backend_getenv ("CELLOS_FAKE_STATE");
  g_autoptr(GPtrArray) seeds = g_ptr_array_new_with_free_func (g_free);

  /* As GInitable asks, a second call gives the result of the first. */
  if (!self->initialized)
    {
      self->initialized = TRUE;
      /* GInitable's init comes before any other use: the private set is
       * still empty. */
      if (self->live_is_private)
        live_set_free (self->live);
      self->live = shared_live_set (state != NULL && state[0] != '\0' ? state : NULL);
      self->live_is_private = FALSE;

      if (rules != NULL && rules[0] != '\0')
        load_rules_file (self, rules, seeds, &self->init_error);
      if (self->init_error == NULL)
        seed_live_set (self->live, seeds, &self->init_error);
      if (self->init_error == NULL && ledger != NULL && ledger[0] != '\0')
        open_ledger_file (self, ledger, &self->init_error);
    }

  if (self->init_error != NULL)
    {
      g_propagate_error (error, g_error_copy (self->init_error));
      return FALSE;
    }
  return TRUE;
}

static void
cellos_fake_backend_initable_iface_init (GInitableIface *iface)
{
  iface->init = cellos_fake_backend_initable_init;
}

static void
cellos_fake_backend_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  CellosFakeBackend *self = CELLOS_FAKE_BACKEND (object);

  g_mutex_lock (&self->lock);
  switch (prop_id)
    {
    case PROP_FILL_HANDLE_DETAILS:
      g_value_set_boolean (value, self->fill_handle_details);
      break;
    case PROP_LIVE_CELLS:
      g_value_set_uint (value, live_set_count (self->live));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
  g_mutex_unlock (&self->lock);
}

static void
cellos_fake_backend_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  CellosFakeBackend *self = CELLOS_FAKE_BACKEND (object);

  switch (prop_id)
    {
    case PROP_FILL_HANDLE_DETAILS:
      g_mutex_lock (&self->lock);
      self->fill_handle_details = g_value_get_boolean (value);
      g_mutex_unlock (&self->lock);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cellos_fake_backend_finalize (GObject *object)
{
  CellosFakeBackend *self = CELLOS_FAKE_BACKEND (object);

  g_mutex_lock (&ledger_files_lock);
  close_ledger (self);
  g_mutex_unlock (&ledger_files_lock);

  g_clear_error (&self->init_error);
  g_ptr_array_unref (self->rules);
  if (self->live_is_private)
    live_set_free (self->live);
  g_array_unref (self->ledger);
  g_clear_pointer (&self->last_result, g_variant_unref);
  g_cond_clear (&self->wake);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (cellos_fake_backend_parent_class)->finalize (object);
}

static void
cellos_fake_backend_class_init (CellosFakeBackendClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = cellos_fake_backend_get_property;
  object_class->set_property = cellos_fake_backend_set_property;
  object_class->finalize = cellos_fake_backend_finalize;

  /**
   * CellosFakeBackend:fill-handle-details:
   *
   * Whether the handles this backend makes carry every optional field: a
   * cgroup path, the three digests and nft rules, made up from the cell
   * id, and [property@Cellos.CellHandle:details] of the kind a microVM
   * backend keeps: `vm-pid` (`i`, a made-up number from 1000 to 30999),
   * `api-socket` (`s`, `/run/cellos-fake/ID/api.sock`) and `taps` (`as`,
   * `["tap-ID"]`). Off by default, as in the stub's handles.
   *
   * Since: 1.2
   */
  properties[PROP_FILL_HANDLE_DETAILS] =
    g_param_spec_boolean ("fill-handle-details", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * CellosFakeBackend:live-cells:
   *
   * How many cells are live in this fake's live set; see
   * [method@CellosTesting.FakeBackend.list_live_cells] for their ids.
   *
   * It is notified each time this fake makes a cell come to life or
   * destroys one (not when another fake sharing the live set does), in the
   * thread where the operation completes: the calling thread for the
   * synchronous forms, the thread-default main context the operation was
   * started in for the asynchronous ones.
   *
   * Since: 1.2
   */
  properties[PROP_LIVE_CELLS] =
    g_param_spec_uint ("live-cells", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cellos_fake_backend_init (CellosFakeBackend *self)
{
  g_mutex_init (&self->lock);
  g_cond_init (&self->wake);
  self->rules = g_ptr_array_new_with_free_func (rule_free);
  self->live = live_set_new (NULL);
  self->live_is_private = TRUE;
  self->ledger = g_array_new (FALSE, FALSE, sizeof (LedgerEntry));
  g_array_set_clear_func (self->ledger, ledger_entry_clear);
  self->ledger_fd = -1;
}

/**
 * cellos_fake_backend_new:
 *
 * Creates a fake backend with no rules, configured through this API only:
 * unlike the one [func@Cellos.CellBackend.new_for_name] makes, it does not
 * read `CELLOS_FAKE_RULES` or `CELLOS_FAKE_LEDGER`.
 *
 * Returns: (transfer full): a new #CellosFakeBackend
 *
 * Since: 1.2
 */
CellosFakeBackend *
cellos_fake_backend_new (void)
{
  return g_object_new (CELLOS_TYPE_FAKE_BACKEND, NULL);
}

/* The checks every add_*_rule() makes of its arguments: a mistake in them
 * is the caller's, but one a test must hear of, since a rule that silently
 * does not apply lets the test run without its fault. */
static gboolean
check_rule_arguments (const char  *operation,
                      const char  *cell_pattern,
                      guint       *operations,
                      GError     **error)
{
  if (operation != NULL && !g_utf8_validate (operation, -1, NULL))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("The operation of a rule is not valid UTF-8"));
      return FALSE;
    }
  if (!parse_operation (operation, operations))
    {
      g_autofree char *shown = g_strescape (operation, NULL);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Unknown operation “%s” in a rule: expected “create”, “destroy” or none for both"),
                   shown);
      return FALSE;
    }
  if (cell_pattern != NULL && !g_utf8_validate (cell_pattern, -1, NULL))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("The cell pattern of a rule is not valid UTF-8"));
      return FALSE;
    }
  return TRUE;
}

/* A new rule of @kind from an add_*_rule()'s arguments, or %NULL with
 * @error set for a mistake in them. */
static Rule *
checked_rule_new (RuleKind     kind,
                  const char  *operation,
                  const char  *cell_pattern,
                  GError     **error)
{
  guint operations;

  if (!check_rule_arguments (operation, cell_pattern, &operations, error))
    return NULL;
  return rule_new (kind, operations, cell_pattern != NULL ? cell_pattern : "*");
}

/**
 * cellos_fake_backend_add_fail_rule:
 * @self: a #CellosFakeBackend
 * @operation: (nullable): `"create"`, `"destroy"`, or %NULL for both
 * @cell_pattern: (nullable): a glob pattern of cell ids, such as `"db-*"`;
 *   %NULL for every cell
 * @code: the #CellosError code to fail with
 * @message: (nullable): the error message; %NULL for a message saying that
 *   the fake injected the failure
 * @error: return location for a #GError
 *
 * Makes the operations @operation on the cells @cell_pattern matches fail
 * with @code and @message, after any delay the rules add. Of several
 * matching fail rules the first added applies.
 *
 * A mistake in the arguments (an unknown operation such as `"crate"`, a
 * @code that is not a #CellosError, a string that is not UTF-8) adds no
 * rule and fails with %G_IO_ERROR_INVALID_ARGUMENT, an exception in
 * Python.
 *
 * Returns: %TRUE if the rule was added
 *
 * Since: 1.2
 */
gboolean
cellos_fake_backend_add_fail_rule (CellosFakeBackend  *self,
                                   const char         *operation,
                                   const char         *cell_pattern,
                                   CellosError         code,
                                   const char         *message,
                                   GError            **error)
{
  g_autoptr(GEnumClass) codes = NULL;
  guint operations;
  Rule *rule;

  g_return_val_if_fail (CELLOS_IS_FAKE_BACKEND (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Every argument is checked before the rule is made. */
  if (!check_rule_arguments (operation, cell_pattern, &operations, error))
    return FALSE;
  codes = g_type_class_ref (CELLOS_TYPE_ERROR);
  if (g_enum_get_value (codes, code) == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Unknown error code %d in a fail rule: expected a CellosError code"),
                   (int) code);
      return FALSE;
    }
  if (message != NULL && !g_utf8_validate (message, -1, NULL))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("The message of a fail rule is not valid UTF-8"));
      return FALSE;
    }

  rule = rule_new (RULE_FAIL, operations, cell_pattern != NULL ? cell_pattern : "*");
  rule->code = code;
  rule->message = g_strdup (message != NULL ? message : _("Failure injected by the fake backend"));
  add_rule (self, rule);
  return TRUE;
}

/**
 * cellos_fake_backend_add_delay_rule:
 * @self: a #CellosFakeBackend
 * @operation: (nullable): `"create"`, `"destroy"`, or %NULL for both
 * @cell_pattern: (nullable): a glob pattern of cell ids; %NULL for every
 *   cell
 * @delay_ms: how long to wait, in milliseconds
 * @error: return location for a #GError
 *
 * Makes the operations @operation on the cells @cell_pattern matches
 * complete @delay_ms milliseconds later (the delays of several matching
 * rules add up). The asynchronous form waits with a timeout on the
 * caller's main context; the synchronous form blocks its thread. Both end
 * the wait at once, with %G_IO_ERROR_CANCELLED, when the operation is
 * cancelled.
 *
 * A mistake in the arguments adds no rule and fails with
 * %G_IO_ERROR_INVALID_ARGUMENT, as
 * [method@CellosTesting.FakeBackend.add_fail_rule] says.
 *
 * Returns: %TRUE if the rule was added
 *
 * Since: 1.2
 */
gboolean
cellos_fake_backend_add_delay_rule (CellosFakeBackend  *self,
                                    const char         *operation,
                                    const char         *cell_pattern,
                                    guint               delay_ms,
                                    GError            **error)
{
  Rule *rule;

  g_return_val_if_fail (CELLOS_IS_FAKE_BACKEND (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  rule = checked_rule_new (RULE_DELAY, operation, cell_pattern, error);
  if (rule == NULL)
    return FALSE;
  rule->delay_ms = delay_ms;
  add_rule (self, rule);
  return TRUE;
}

/**
 * cellos_fake_backend_add_hang_rule:
 * @self: a #CellosFakeBackend
 * @operation: (nullable): `"create"`, `"destroy"`, or %NULL for both
 * @cell_pattern: (nullable): a glob pattern of cell ids; %NULL for every
 *   cell
 * @error: return location for a #GError
 *
 * Makes the operations @operation on the cells @cell_pattern matches never
 * complete until they are cancelled; then they fail with
 * %G_IO_ERROR_CANCELLED and leave no cell. An operation started without a
 * #GCancellable never completes at all.
 *
 * A mistake in the arguments adds no rule and fails with
 * %G_IO_ERROR_INVALID_ARGUMENT, as
 * [method@CellosTesting.FakeBackend.add_fail_rule] says.
 *
 * Returns: %TRUE if the rule was added
 *
 * Since: 1.2
 */
gboolean
cellos_fake_backend_add_hang_rule (CellosFakeBackend  *self,
                                   const char         *operation,
                                   const char         *cell_pattern,
                                   GError            **error)
{
  Rule *rule;

  g_return_val_if_fail (CELLOS_IS_FAKE_BACKEND (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  rule = checked_rule_new (RULE_HANG, operation, cell_pattern, error);
  if (rule == NULL)
    return FALSE;
  add_rule (self, rule);
  return TRUE;
}

/**
 * cellos_fake_backend_add_late_rule:
 * @self: a #CellosFakeBackend
 * @cell_pattern: (nullable): a glob pattern of cell ids; %NULL for every
 *   cell
 * @delay_ms: how long the create takes, in milliseconds
 * @error: return location for a #GError
 *
 * Makes the creates of the cells @cell_pattern matches deliver their cell
 * although they were cancelled: a create takes @delay_ms milliseconds
 * (with the delays of other matching rules) whether or not it is
 * cancelled meanwhile, or, where a hang rule matches too, waits until it
 * is cancelled; then it makes its cell and returns the handle, as a real
 * backend whose cell came to life just as the cancellation came. A fail
 * rule still fails it. By the interface's rule such a handle is the
 * caller's to destroy: this is how a test proves that a supervisor, or a
 * deadline, never loses such a cell.
 *
 * A mistake in the arguments adds no rule and fails with
 * %G_IO_ERROR_INVALID_ARGUMENT, as
 * [method@CellosTesting.FakeBackend.add_fail_rule] says.
 *
 * Returns: %TRUE if the rule was added
 *
 * Since: 1.2
 */
gboolean
cellos_fake_backend_add_late_rule (CellosFakeBackend  *self,
                                   const char         *cell_pattern,
                                   guint               delay_ms,
                                   GError            **error)
{
  Rule *rule;

  g_return_val_if_fail (CELLOS_IS_FAKE_BACKEND (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  rule = checked_rule_new (RULE_LATE, "create", cell_pattern, error);
  if (rule == NULL)
    return FALSE;
  rule->delay_ms = delay_ms;
  add_rule (self, rule);
  return TRUE;
}

/**
 * cellos_fake_backend_add_report_rule:
 * @self: a #CellosFakeBackend
 * @cell_pattern: (nullable): a glob pattern of cell ids; %NULL for every
 *   cell
 * @destroyed: the report's [property@Cellos.TeardownReport:destroyed]
 * @peers_tracked_after: the report's
 *   [property@Cellos.TeardownReport:peers-tracked-after]
 * @error: return location for a #GError
 *
 * Makes the destroy of the cells @cell_pattern matches report @destroyed
 * and @peers_tracked_after; the last matching report rule added applies.
 * A cell whose report says it is not destroyed stays live.
 *
 * A mistake in the arguments adds no rule and fails with
 * %G_IO_ERROR_INVALID_ARGUMENT, as
 * [method@CellosTesting.FakeBackend.add_fail_rule] says.
 *
 * Returns: %TRUE if the rule was added
 *
 * Since: 1.2
 */
gboolean
cellos_fake_backend_add_report_rule (CellosFakeBackend  *self,
                                     const char         *cell_pattern,
                                     gboolean            destroyed,
                                     guint               peers_tracked_after,
                                     GError            **error)
{
  Rule *rule;

  g_return_val_if_fail (CELLOS_IS_FAKE_BACKEND (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  rule = checked_rule_new (RULE_REPORT, "destroy", cell_pattern, error);
  if (rule == NULL)
    return FALSE;
  rule->destroyed = !!destroyed;
  rule->peers_tracked_after = peers_tracked_after;
  add_rule (self, rule);
  return TRUE;
}

/**
 * cellos_fake_backend_clear_rules:
 * @self: a #CellosFakeBackend
 *
 * Removes every rule, those from `CELLOS_FAKE_RULES` included. Operations
 * already waiting keep the rules they started with.
 *
 * Since: 1.2
 */
void
cellos_fake_backend_clear_rules (CellosFakeBackend *self)
{
  g_return_if_fail (CELLOS_IS_FAKE_BACKEND (self));

  g_mutex_lock (&self->lock);
  g_ptr_array_set_size (self->rules, 0);
  g_mutex_unlock (&self->lock);
}

/**
 * cellos_fake_backend_list_live_cells:
 * @self: a #CellosFakeBackend
 *
 * Lists the ids of the live cells, oldest first: those created and not
 * destroyed, and those seeded, in this fake's live set (shared by every
 * fake the registry makes in the process, and with `CELLOS_FAKE_STATE`
 * by every process that names the file). A test asserts that a
 * supervisor leaked no cell with
 *
 * ```python
 * assert fake.list_live_cells() == []
 * ```
 *
 * Returns: (transfer full) (array zero-terminated=1): the ids of the live
 *   cells
 *
 * Since: 1.2
 */
char **
cellos_fake_backend_list_live_cells (CellosFakeBackend *self)
{
  g_autoptr(GError) error = NULL;
  char **ids;

  g_return_val_if_fail (CELLOS_IS_FAKE_BACKEND (self), NULL);

  if (!live_set_lock (self->live, NULL, &error))
    {
      g_warning ("%s", error->message);
      return g_new0 (char *, 1);
    }
  ids = live_set_list_locked (self->live);
  live_set_unlock (self->live);
  return ids;
}

/**
 * cellos_fake_backend_add_live_cell:
 * @self: a #CellosFakeBackend
 * @cell_id: the id of the cell
 * @error: return location for a #GError
 *
 * Adds the cell @cell_id to the live cells, as if a create had made it
 * before the test began: a supervisor's start-up reconciliation finds it
 * in [method@Cellos.CellBackend.list_cells] and destroys it as any other
 * cell. Nothing is written to the ledger, since no operation reached the
 * backend.
 *
 * Fails with %CELLOS_ERROR_ALREADY_EXISTS if the cell is live already,
 * with %G_IO_ERROR_INVALID_ARGUMENT if @cell_id is empty or not UTF-8,
 * and as an operation does if a state file cannot be read or written.
 *
 * Returns: %TRUE if the cell was added
 *
 * Since: 1.2
 */
gboolean
cellos_fake_backend_add_live_cell (CellosFakeBackend  *self,
                                   const char         *cell_id,
                                   GError            **error)
{
  gboolean added = FALSE;

  g_return_val_if_fail (CELLOS_IS_FAKE_BACKEND (self), FALSE);
  g_return_val_if_fail (cell_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (cell_id[0] == '\0' || !g_utf8_validate (cell_id, -1, NULL))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("A live cell’s id must be a non-empty UTF-8 string"));
      return FALSE;
    }

  if (!live_set_lock (self->live, NULL, error))
    return FALSE;
  if (g_hash_table_contains (self->live->cells, cell_id))
    g_set_error (error, CELLOS_ERROR, CELLOS_ERROR_ALREADY_EXISTS,
                 _("A cell “%s” is live already"), cell_id);
  else
    {
      g_hash_table_insert (self->live->cells, g_strdup (cell_id),
                           GSIZE_TO_POINTER (self->live->created++));
      added = live_set_save_locked (self->live, error);
    }
  live_set_unlock (self->live);

  if (added)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LIVE_CELLS]);
  return added;
}

/**
 * cellos_fake_backend_dup_ledger:
 * @self: a #CellosFakeBackend
 *
 * Gets the record of every operation that reached this backend, in the
 * order they completed: an array of dictionaries (`aa{sv}`) with the keys
 *
 * - `operation` (`s`): `"create"` or `"destroy"`
 * - `cell-id` (`s`): the cell's id, empty if the document had none
 * - `outcome` (`s`): `"ok"` or `"error"`
 * - for an operation that succeeded: the properties of the handle or
 *   the teardown report it gave, named as they are, but `cell-id`, and
 *   left out when unset: for a destroy `destroyed` (`b`) and
 *   `peers-tracked-after` (`u`), as reported; for a create with
 *   [property@CellosTesting.FakeBackend:fill-handle-details] set,
 *   `cgroup-path`, the digests, `nft-rules-applied` (`as`) and `details`
 *   (`a{sv}`). A property added to either class later is recorded too.
 * - for an error: `error-domain` (`s`, the quark's string, such as
 *   `"cellos-error-quark"` or `"g-io-error-quark"`), `error-nick` (`s`,
 *   where the domain's codes have names), `error-code` (`i`) and
 *   `error-message` (`s`)
 *
 * In Python, `fake.dup_ledger().unpack()` is a list of dicts. The ledger
 * file has the same records, one JSON object per line.
 *
 * Returns: (transfer full): the ledger
 *
 * Since: 1.2
 */
GVariant *
cellos_fake_backend_dup_ledger (CellosFakeBackend *self)
{
  GVariantBuilder builder;
  guint i;

  g_return_val_if_fail (CELLOS_IS_FAKE_BACKEND (self), NULL);

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("aa{sv}"));
  g_mutex_lock (&self->lock);
  for (i = 0; i < self->ledger->len; i++)
    g_variant_builder_add_value (&builder,
                                 ledger_entry_to_variant (&g_array_index (self->ledger, LedgerEntry, i)));
  g_mutex_unlock (&self->lock);
  return g_variant_ref_sink (g_variant_builder_end (&builder));
}

/**
 * cellos_fake_backend_clear_ledger:
 * @self: a #CellosFakeBackend
 *
 * Forgets the records of [method@CellosTesting.FakeBackend.dup_ledger], so
 * that one fake serves several test cases, each checking only its own
 * operations. The live cells stay as they are, and so does a ledger file:
 * what was written to it stays written, and later operations are appended
 * as before. A destroy of a cell destroyed before the ledger was cleared
 * still fails with %CELLOS_ERROR_NOT_FOUND, but its message no longer says
 * that the cell was destroyed already.
 *
 * Since: 1.2
 */
void
cellos_fake_backend_clear_ledger (CellosFakeBackend *self)
{
  g_return_if_fail (CELLOS_IS_FAKE_BACKEND (self));

  g_mutex_lock (&self->lock);
  g_array_set_size (self->ledger, 0);
  g_mutex_unlock (&self->lock);
}
