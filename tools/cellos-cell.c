/* cellos-cell.c: the libcellos command-line tool
 *
 *   cellos-cell backends [--json]
 *   cellos-cell validate [--] FILE…
 *   cellos-cell lifecycle [--backend NAME] [--timeout SECONDS] [--] FILE…
 *   cellos-cell list [--backend NAME]
 *
 * Standard output carries data only (lifecycle's and list's are JSON
 * Lines); every message and log record goes to standard error. Exit
 * status: 0 on success, 1 on a document or backend error or a failed
 * write to standard output, 2 on a usage error.
 *
 * Copyright 2026 The CellOS authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <cellos/cellos.h>
#include <glib/gi18n.h>
#include <glib-unix.h>

#include "cellos-environment-private.h"
#include "cellos-json-writer-private.h"

#define EXIT_USAGE 2

/* How standard input is named in messages. */
#define STDIN_NAME "<stdin>"

/* A standard stream the caller closed gets /dev/null, opened for the
 * opposite direction: reading or writing it still fails, with EBADF, as it
 * would have, but no file, directory or eventfd that GLib or a backend opens
 * later can take its number and receive the output meant for it. */
static void
reserve_standard_streams (void)
{
  int fd;

  for (fd = STDIN_FILENO; fd <= STDERR_FILENO; fd++)
    {
      int reserved;

      if (fcntl (fd, F_GETFD) != -1 || errno != EBADF)
        continue;
      reserved = open ("/dev/null", fd == STDIN_FILENO ? O_WRONLY : O_RDONLY);
      if (reserved != -1 && reserved != fd)
        close (reserved);
    }
}

/* errno of the first write to standard output that failed, or 0 if none
 * did or the write that failed was not the tool's own. */
static int stdout_errno;

/* Writes @text, unchanged, to standard output; FALSE if anything written
 * to it so far was lost. */
static gboolean
write_stdout (const char *text)
{
  if (fputs (text, stdout) == EOF && stdout_errno == 0)
    stdout_errno = errno;
  return !ferror (stdout);
}

/* Flushes standard output; FALSE if anything written to it was lost. */
static gboolean
flush_stdout (void)
{
  if (fflush (stdout) != 0 && stdout_errno == 0)
    stdout_errno = errno;
  return !ferror (stdout);
}

/* Prints text for people, in the locale's character set as g_print() does,
 * but through write_stdout(), so that a failure keeps its reason. */
static void
print_text (const char *text)
{
  const char *charset;
  g_autofree char *converted = NULL;

  if (!g_get_console_charset (&charset))
    converted = g_convert_with_fallback (text, -1, charset, "UTF-8", "?", NULL, NULL, NULL);
  write_stdout (converted != NULL ? converted : text);
}

/* Run at exit, as the output of --help (printed from inside
 * g_option_context_parse(), which then exits) must be checked as well: what
 * the tool prints is data, and a program that lost it must not exit 0. */
static void
close_stdout (void)
{
  gboolean written = flush_stdout ();

  if (fclose (stdout) != 0 && written)
    {
      written = FALSE;
      stdout_errno = errno;
    }
  if (written)
    return;
  if (stdout_errno != 0)
    {
      char *message = g_strdup_printf (_("Error writing to standard output: %s"),
                                       g_strerror (stdout_errno));

      g_printerr ("cellos-cell: %s\n", message);
      g_free (message);
    }
  else
    g_printerr ("cellos-cell: %s\n", _("Error writing to standard output"));
  _exit (EXIT_FAILURE);
}

static void
print_to_stderr (const char *text)
{
  g_printerr ("%s", text);
}

/* Called once a command has parsed its options (GOption prints --help with
 * g_print(), to standard output, as it should): from then on standard
 * output is the command's data alone, and whatever the library or a backend
 * module prints with g_print() goes to standard error. */
static void
keep_stdout_for_data (void)
{
  g_set_print_handler (print_to_stderr);
}

/* @text made valid UTF-8, with every control character (C0, DEL and C1)
 * written as a \uXXXX escape, for a message. Documents, backends and file
 * names are not trusted: raw, such characters would reach the terminal
 * that shows a message and could rewrite what it shows. */
static char *
escape_for_message (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text != NULL ? text : "", -1);
  GString *out = g_string_new (NULL);
  const char *p;

  for (p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x20 || (c >= 0x7f && c < 0xa0))
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/* How a FILE argument is named in messages and output: valid UTF-8, to be
 * escaped where it is printed. */
static char *
display_name (const char *argument)
{
  if (g_str_equal (argument, "-"))
    return g_strdup (STDIN_NAME);
  return g_filename_display_name (argument);
}

static void
print_error (const char *name,
             const char *message)
{
  g_autofree char *file = escape_for_message (name);
  g_autofree char *escaped = escape_for_message (message);

  /* Document errors start with LINE:COLUMN or a member path; joined to the
   * file name without a space, a position reads FILE:LINE:COLUMN as
   * compilers print it. */
  if (g_ascii_isdigit (escaped[0]))
    g_printerr ("cellos-cell: %s:%s\n", file, escaped);
  else
    g_printerr ("cellos-cell: %s: %s\n", file, escaped);
}

static int
usage_error (GOptionContext *context,
             const char     *message)
{
  g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);
  g_autofree char *escaped = escape_for_message (message);

  g_printerr ("cellos-cell: %s\n\n%s", escaped, help);
  return EXIT_USAGE;
}

/* The FILE arguments of a command, collected by GOption as
 * G_OPTION_REMAINING, so that "--" ends the options whatever follows it. */
static int
check_files (GOptionContext     *context,
             const char * const *files)
{
  if (files == NULL)
    return usage_error (context, _("No document given"));
  for (; *files != NULL; files++)
    {
      /* An empty path would name the current directory to some calls and
       * nothing to others: it is a mistake in the caller's command line. */
      if ((*files)[0] == '\0')
        return usage_error (context, _("An empty argument is not a file name"));
    }
  return EXIT_SUCCESS;
}

/* @argument is a path, never a URI: "doc:1.json" is a file name, as it is
 * to every other command-line tool. */
static CellosExecutionCellDocument *
read_document (const char  *argument,
               GError     **error)
{
  if (g_str_equal (argument, "-"))
    {
      g_autoptr(GByteArray) buffer = g_byte_array_new ();
      guint8 chunk[65536];
      size_t n;

      /* Standard input may be endless: read one byte past the library's
       * limit, which is enough for it to refuse the document as too
       * large, and no further. */
      while (buffer->len <= CELLOS_EXECUTION_CELL_DOCUMENT_DEFAULT_MAX_SIZE &&
             (n = fread (chunk, 1, sizeof chunk, stdin)) > 0)
        g_byte_array_append (buffer, chunk, (guint) n);
      if (ferror (stdin))
        {
          int saved_errno = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       _("Error reading standard input: %s"), g_strerror (saved_errno));
          return NULL;
        }
      return cellos_execution_cell_document_new_from_data ((const char *) buffer->data,
                                                           (gssize) buffer->len, error);
    }
  else
    {
      g_autoptr(GFile) file = g_file_new_for_path (argument);

      return cellos_execution_cell_document_new_from_file (file, NULL, error);
    }
}

/* Appends @text padded with spaces to @width characters. printf's field
 * widths count bytes, so translated headings with accented letters would
 * not line up with the rows under them. */
static void
append_padded (GString    *line,
               const char *text,
               glong       width,
               gboolean    align_right)
{
  glong padding = width - g_utf8_strlen (text, -1);

  if (!align_right)
    g_string_append (line, text);
  for (; padding > 0; padding--)
    g_string_append_c (line, ' ');
  if (align_right)
    g_string_append (line, text);
}

/* The columns of “cellos-cell backends”. Each is as wide as its widest
 * cell, heading included: translated headings and module names have any
 * length. */
enum {
  BACKENDS_NAME,
  BACKENDS_PRIORITY,
  BACKENDS_ISOLATES,
  BACKENDS_AVAILABLE,
  BACKENDS_MODULE,
  BACKENDS_N_COLUMNS
};

static const gboolean backends_align_right[BACKENDS_N_COLUMNS] = {
  [BACKENDS_PRIORITY] = TRUE,
};

/* Prints @cells, BACKENDS_N_COLUMNS to a row, the headings first; under
 * each row its note from @notes (one per row, %NULL for none), indented. */
static void
print_backends_table (GPtrArray *cells,
                      GPtrArray *notes)
{
  glong widths[BACKENDS_N_COLUMNS] = { 0 };
  guint i, column;

  for (i = 0; i < cells->len; i++)
    {
      column = i % BACKENDS_N_COLUMNS;
      widths[column] = MAX (widths[column], g_utf8_strlen (g_ptr_array_index (cells, i), -1));
    }

  for (i = 0; i < cells->len; i += BACKENDS_N_COLUMNS)
    {
      GString *line = g_string_new (NULL);
      const char *note = g_ptr_array_index (notes, i / BACKENDS_N_COLUMNS);
      g_autofree char *text = NULL;

      for (column = 0; column < BACKENDS_N_COLUMNS; column++)
        {
          const char *cell = g_ptr_array_index (cells, i + column);

          if (column > 0)
            g_string_append (line, "  ");
          if (column + 1 < BACKENDS_N_COLUMNS || backends_align_right[column])
            append_padded (line, cell, widths[column], backends_align_right[column]);
          else
            g_string_append (line, cell);
        }
      g_string_append_c (line, '\n');
      if (note != NULL)
        g_string_append_printf (line, "    %s\n", note);
      /* Not line->str: GLib 2.84's inline appends test the GString for
       * NULL, and GCC 14 then warns of a NULL dereference after them. */
      text = g_string_free (line, FALSE);
      print_text (text);
    }
}

/* Whether @unavailable, why a backend cannot be had, is a mistake in what
 * configures it (a file it reads, such as the fake backend's rules, is
 * not valid) rather than something this host lacks. The table shows both;
 * a mistake also fails the command, so that a script checking its setup
 * with "cellos-cell backends" does not go on without the backend it
 * configured. */
static gboolean
is_configuration_mistake (const GError *unavailable)
{
  return g_error_matches (unavailable, CELLOS_ERROR, CELLOS_ERROR_INVALID_DOCUMENT);
}

static void
report_configuration_mistake (const GError *unavailable)
{
  g_autofree char *message = escape_for_message (unavailable->message);

  g_printerr ("cellos-cell: %s\n", message);
}

/* Writes @line, which ends in a newline, and flushes it; FALSE if it
 * could not be written. Each line is flushed on its own, so that a
 * program reading them learns of a cell as soon as it is done with, and
 * a lost line stops the run before another cell is created. Not
 * print_text(): JSON is UTF-8, whatever the locale's character set. */
static gboolean
print_json_line (CellosJsonWriter *writer)
{
  g_autofree char *line = cellos_json_writer_finish_line (writer, NULL);

  return write_stdout (line) && flush_stdout ();
}

/* cellos-cell backends --json: JSON Lines, one object per backend, best
 * first, as the table:
 *   {"name": NAME, "priority": N, "isolates": BOOL, "available": BOOL,
 *    "module": PATH or null (built in),
 *    "error": {"domain", "nick", "code", "message"} or null}
 * "error" says why a backend that is not available cannot run here. */
static int
print_backends_json (const char * const *names)
{
  g_autoptr(CellosJsonWriter) writer = cellos_json_writer_new ();
  int status = EXIT_SUCCESS;

  for (; *names != NULL; names++)
    {
      int priority = 0;
      g_autofree char *module_path = NULL;
      g_autofree char *module = NULL;
      g_autoptr(GError) unavailable = NULL;
      gboolean available;

      if (!cellos_cell_backend_lookup_name (*names, &priority, &module_path))
        continue;
      available = cellos_cell_backend_check_available (*names, &unavailable);
      if (module_path != NULL)
        module = g_filename_display_name (module_path);
      if (!available && is_configuration_mistake (unavailable))
        {
          report_configuration_mistake (unavailable);
          status = EXIT_FAILURE;
        }

      cellos_json_writer_begin_object (writer);
      cellos_json_writer_member (writer, "name");
      cellos_json_writer_string (writer, *names);
      cellos_json_writer_member (writer, "priority");
      cellos_json_writer_int (writer, priority);
      cellos_json_writer_member (writer, "isolates");
      cellos_json_writer_boolean (writer, cellos_cell_backend_priority_isolates (priority));
      cellos_json_writer_member (writer, "available");
      cellos_json_writer_boolean (writer, available);
      cellos_json_writer_member (writer, "module");
      cellos_json_writer_string (writer, module);
      cellos_json_writer_member (writer, "error");
      cellos_json_writer_error (writer, available ? NULL : unavailable);
      cellos_json_writer_end_object (writer);
      if (!print_json_line (writer))
        return EXIT_FAILURE;
    }
  return status;
}

/* cellos-cell backends */

static int
command_backends (int    argc,
                  char **argv)
{
  g_auto(GStrv) arguments = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      N_("Print one line of JSON per backend instead of a table"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &arguments, NULL, NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = NULL;
  g_autoptr(GPtrArray) cells = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  int status = EXIT_SUCCESS;
  guint i;

  g_option_context_set_summary (context, _("List the registered cell backends, best first, "
                                           "whether each can run here, and which module provides it."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error (context, error->message);
  keep_stdout_for_data ();
  if (arguments != NULL)
    return usage_error (context, _("“backends” takes no arguments"));

  names = cellos_cell_backend_list_names ();
  if (json)
    return print_backends_json ((const char * const *) names);

  cells = g_ptr_array_new_with_free_func (g_free);
  notes = g_ptr_array_new_with_free_func (g_free);

  /* Translators: column headings of “cellos-cell backends”. */
  g_ptr_array_add (cells, g_strdup (_("NAME")));
  g_ptr_array_add (cells, g_strdup (_("PRIORITY")));
  g_ptr_array_add (cells, g_strdup (_("ISOLATES")));
  g_ptr_array_add (cells, g_strdup (_("AVAILABLE")));
  g_ptr_array_add (cells, g_strdup (_("MODULE")));
  g_ptr_array_add (notes, NULL);
  for (i = 0; names[i] != NULL; i++)
    {
      int priority = 0;
      g_autofree char *module_path = NULL;
      g_autoptr(GError) unavailable = NULL;
      gboolean available;

      if (!cellos_cell_backend_lookup_name (names[i], &priority, &module_path))
        continue;
      available = cellos_cell_backend_check_available (names[i], &unavailable);
      if (!available && is_configuration_mistake (unavailable))
        {
          report_configuration_mistake (unavailable);
          status = EXIT_FAILURE;
        }
      g_ptr_array_add (cells, escape_for_message (names[i]));
      g_ptr_array_add (cells, g_strdup_printf ("%d", priority));
      g_ptr_array_add (cells, g_strdup (cellos_cell_backend_priority_isolates (priority) ?
                                        _("yes") : _("no")));
      g_ptr_array_add (cells, g_strdup (available ? _("yes") : _("no")));
      if (module_path != NULL)
        {
          g_autofree char *display = g_filename_display_name (module_path);

          g_ptr_array_add (cells, escape_for_message (display));
        }
      else
        /* Translators: in the MODULE column of “cellos-cell backends”, for
         * a backend that is part of libcellos or the program. */
        g_ptr_array_add (cells, g_strdup (_("(built in)")));
      /* Why it cannot run here, under its row. */
      g_ptr_array_add (notes, available ? NULL : escape_for_message (unavailable->message));
    }
  print_backends_table (cells, notes);

  return status;
}

/* cellos-cell validate FILE… */

static int
command_validate (int    argc,
                  char **argv)
{
  g_auto(GStrv) files = NULL;
  const GOptionEntry entries[] = {
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE…"));
  g_autoptr(GError) error = NULL;
  int status;
  guint i;

  g_option_context_set_summary (context,
                                _("Check execution cell documents: each must be well-formed "
                                  "and have a non-empty spec.id, which every backend requires. "
                                  "“-” reads standard input."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error (context, error->message);
  keep_stdout_for_data ();
  status = check_files (context, (const char * const *) files);
  if (status != EXIT_SUCCESS)
    return status;

  for (i = 0; files[i] != NULL; i++)
    {
      g_autoptr(CellosExecutionCellDocument) document = NULL;
      g_autoptr(GError) document_error = NULL;
      g_autofree char *name = display_name (files[i]);
      g_autofree char *escaped_name = NULL;
      g_autofree char *line = NULL;
      const char *id;

      document = read_document (files[i], &document_error);
      if (document == NULL)
        {
          print_error (name, document_error->message);
          status = EXIT_FAILURE;
          continue;
        }
      id = cellos_execution_cell_document_get_id (document);
      if (id == NULL || id[0] == '\0')
        {
          /* Well-formed, but no backend creates a cell without an id:
           * validate says so, as lifecycle would fail on it. */
          print_error (name, _("spec.id: missing or empty; the document is well-formed, "
                               "but every backend refuses it"));
          status = EXIT_FAILURE;
          continue;
        }
      escaped_name = escape_for_message (name);
      /* Translators: printed for a document that is well-formed. */
      line = g_strdup_printf (_("%s: valid\n"), escaped_name);
      print_text (line);
    }

  return status;
}

/* cellos-cell lifecycle [--backend NAME] [--timeout SECONDS] FILE…
 *
 * Prints JSON Lines: one object per FILE, on one line, in the order given,
 * whatever happened to it:
 *   {"document": NAME, "id": spec.id or null, "stage": STAGE,
 *    "handle": {...} or null, "report": {...} or null,
 *    "error": {"domain": ..., "nick": ..., "code": ..., "message": ...} or null}
 * STAGE is the step "error" is about: "read", "create" or "destroy", and
 * "destroy" when "error" is null, which it is exactly when the document
 * went through create and destroy as it should. A create that fails
 * although its cell exists (it came after the deadline or a signal) has
 * both a handle and the report of the cell's destroy. The handle and the report are written from their properties by
 * the library's JSON writer, so a property a later version adds (the
 * handle's "details") is written too. */

/* The steps of a lifecycle, as "stage" names them. */
#define STAGE_READ "read"
#define STAGE_CREATE "create"
#define STAGE_DESTROY "destroy"

static gboolean
print_lifecycle (const char                  *name,
                 CellosExecutionCellDocument *document,
                 const char                  *stage,
                 CellosCellHandle            *handle,
                 CellosTeardownReport        *report,
                 const GError                *error)
{
  g_autoptr(CellosJsonWriter) writer = cellos_json_writer_new ();

  cellos_json_writer_begin_object (writer);
  cellos_json_writer_member (writer, "document");
  cellos_json_writer_string (writer, name);
  cellos_json_writer_member (writer, "id");
  cellos_json_writer_string (writer,
                             document != NULL ? cellos_execution_cell_document_get_id (document) : NULL);
  cellos_json_writer_member (writer, "stage");
  cellos_json_writer_string (writer, stage);
  cellos_json_writer_member (writer, "handle");
  cellos_json_writer_properties (writer, (GObject *) handle);
  cellos_json_writer_member (writer, "report");
  cellos_json_writer_properties (writer, (GObject *) report);
  cellos_json_writer_member (writer, "error");
  cellos_json_writer_error (writer, error);
  cellos_json_writer_end_object (writer);

  return print_json_line (writer);
}

/* The library turns a backend's NULL without an error into an error of its
 * own; the tool still does not rely on every backend and library version
 * to keep that promise, so as never to crash on a missing error. */
static void
ensure_error (GError     **error,
              const char  *message)
{
  if (*error == NULL)
    g_set_error_literal (error, CELLOS_ERROR, CELLOS_ERROR_FAILED, message);
}

/* The backend a command works with: the one registered as @name (its
 * --backend), or else the library's default choice, which honours
 * CELLOS_CELL_BACKEND and never falls back to a backend that does not
 * isolate. NULL, with the reason on standard error, if there is none. */
static CellosCellBackend *
open_backend (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  CellosCellBackend *backend;

  if (name != NULL)
    backend = cellos_cell_backend_new_for_name (name, &error);
  else
    backend = cellos_cell_backend_new_default (&error);
  if (backend != NULL)
    return backend;

  ensure_error (&error, _("No backend was returned, and no error said why"));
  message = escape_for_message (error->message);
  g_printerr ("cellos-cell: %s\n", message);
  return NULL;
}

/* What the backend returned, checked against the document: a handle for
 * another cell, a report for another cell or a cell that was not destroyed
 * is a failure, as a supervisor would have lost track of a cell. Returns
 * the stage that failed, or STAGE_DESTROY. */
static const char *
check_lifecycle (CellosExecutionCellDocument  *document,
                 CellosCellHandle             *handle,
                 CellosTeardownReport         *report,
                 GError                      **error)
{
  const char *id = cellos_execution_cell_document_get_id (document);
  const char *handle_id = cellos_cell_handle_get_cell_id (handle);
  const char *report_id = cellos_teardown_report_get_cell_id (report);
  g_autofree char *escaped_id = escape_for_message (id);

  if (g_strcmp0 (handle_id, id) != 0)
    {
      g_autofree char *escaped_handle_id = escape_for_message (handle_id);

      g_set_error (error, CELLOS_ERROR, CELLOS_ERROR_FAILED,
                   /* Translators: the first cell id is the handle's, the second the document's. */
                   _("the backend returned a handle for cell “%s”, not “%s”"),
                   escaped_handle_id, escaped_id);
      return STAGE_CREATE;
    }
  if (g_strcmp0 (report_id, id) != 0)
    {
      g_autofree char *escaped_report_id = escape_for_message (report_id);

      g_set_error (error, CELLOS_ERROR, CELLOS_ERROR_FAILED,
                   /* Translators: the first cell id is the report's, the second the document's. */
                   _("the teardown report is for cell “%s”, not “%s”"),
                   escaped_report_id, escaped_id);
      return STAGE_DESTROY;
    }
  if (!cellos_teardown_report_get_destroyed (report))
    g_set_error (error, CELLOS_ERROR, CELLOS_ERROR_FAILED,
                 _("the backend did not destroy cell “%s”"), escaped_id);
  return STAGE_DESTROY;
}

/* How long a backend may take to answer once it has been told to cancel
 * (after --timeout, or a signal), before the tool stops waiting for it:
 * GIO's rule is that a cancelled operation ends promptly, and a backend
 * that never answers must not keep the tool, and its caller, waiting. */
#define CANCEL_GRACE_MS 2000

/* The longest --timeout, in seconds: what a GLib timeout in milliseconds
 * holds. */
#define MAX_TIMEOUT_SECONDS (G_MAXUINT / 1000)

/* One run of lifecycle: the operations, each asynchronous in a main
 * context of the tool's own, which the signal and deadline sources wake.
 * A backend that delivers its callbacks in another context (against the
 * contract) is then one that does not answer, and meets the deadline. */
typedef struct
{
  CellosCellBackend *backend;
  GMainContext *context;
  guint timeout_ms;             /* 0 for none */

  /* The operation under way. */
  GCancellable *cancellable;
  GAsyncResult *result;
  gboolean protected;           /* a destroy: the first signal does not cancel it */
  gboolean timed_out;
  gboolean abandoned;           /* no answer even after cancellation */

  guint signals;                /* SIGINT and SIGTERM received */
} Lifecycle;

static gboolean
on_signal (gpointer data)
{
  Lifecycle *run = data;

  /* The first signal stops the run after the cell under way: its create
   * is cancelled, a cell that exists is destroyed. A second one cancels
   * that destroy too. */
  run->signals++;
  if (run->cancellable != NULL && (!run->protected || run->signals > 1))
    g_cancellable_cancel (run->cancellable);
  return G_SOURCE_CONTINUE;
}

static gboolean
on_deadline (gpointer data)
{
  Lifecycle *run = data;

  run->timed_out = TRUE;
  g_cancellable_cancel (run->cancellable);
  return G_SOURCE_REMOVE;
}

static gboolean
on_grace_over (gpointer data)
{
  Lifecycle *run = data;

  run->abandoned = TRUE;
  return G_SOURCE_REMOVE;
}

static void
on_result (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  Lifecycle *run = data;

  run->result = g_object_ref (result);
}

static GSource *
attach_timeout (Lifecycle   *run,
                guint        ms,
                GSourceFunc  callback)
{
  GSource *source = g_timeout_source_new (ms);

  g_source_set_callback (source, callback, run, NULL);
  g_source_attach (source, run->context);
  return source;
}

/* Begins an operation: a fresh cancellable, and a signal already received
 * cancels it at once unless it is @protected. */
static void
begin_operation (Lifecycle *run,
                 gboolean   protected)
{
  g_clear_object (&run->result);
  g_clear_object (&run->cancellable);
  run->cancellable = g_cancellable_new ();
  run->protected = protected;
  run->timed_out = FALSE;
  if (run->signals > (protected ? 1u : 0u))
    g_cancellable_cancel (run->cancellable);
}

/* Iterates until the operation answers, its deadline cancels it, or it
 * does not answer within CANCEL_GRACE_MS of being cancelled; TRUE if it
 * answered, with its result in run->result. */
static gboolean
wait_for_result (Lifecycle *run)
{
  g_autoptr(GSource) deadline = NULL;
  g_autoptr(GSource) grace = NULL;

  if (run->timeout_ms > 0)
    deadline = attach_timeout (run, run->timeout_ms, on_deadline);
  while (run->result == NULL && !run->abandoned)
    {
      if (grace == NULL && g_cancellable_is_cancelled (run->cancellable))
        grace = attach_timeout (run, CANCEL_GRACE_MS, on_grace_over);
      g_main_context_iteration (run->context, TRUE);
    }
  if (deadline != NULL)
    g_source_destroy (deadline);
  if (grace != NULL)
    g_source_destroy (grace);
  return run->result != NULL;
}

/* The error for an operation that ended without its result: cancelled by
 * the deadline, by a signal, or not answering at all. */
static void
explain_unfinished (Lifecycle   *run,
                    gboolean     answered,
                    const char  *stage,
                    GError     **error)
{
  double seconds = run->timeout_ms / 1000.0;

  if (answered && !g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_error (error);
  if (!answered)
    g_set_error (error, CELLOS_ERROR, CELLOS_ERROR_TIMED_OUT,
                 g_str_equal (stage, STAGE_CREATE) ?
                 _("the backend did not answer the create, not even after it was cancelled") :
                 _("the backend did not answer the destroy, not even after it was cancelled"));
  else if (run->timed_out)
    g_set_error (error, CELLOS_ERROR, CELLOS_ERROR_TIMED_OUT,
                 g_str_equal (stage, STAGE_CREATE) ?
                 /* Translators: %g is a number of seconds, such as 0.5. */
                 _("the backend did not create the cell within %g seconds") :
                 /* Translators: %g is a number of seconds, such as 0.5. */
                 _("the backend did not destroy the cell within %g seconds"),
                 seconds);
  else
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                         _("interrupted by a signal"));
}

static CellosCellHandle *
run_create (Lifecycle                    *run,
            CellosExecutionCellDocument  *document,
            GError                      **error)
{
  CellosCellHandle *handle = NULL;
  gboolean answered;

  begin_operation (run, FALSE);
  cellos_cell_backend_create_async (run->backend, document, run->cancellable, on_result, run);
  answered = wait_for_result (run);
  if (answered)
    {
      /* A handle that comes back although the create was cancelled is a
       * cell that exists: it is the caller's, to destroy. */
      handle = cellos_cell_backend_create_finish (run->backend, run->result, error);
      if (handle == NULL)
        ensure_error (error, _("the backend returned neither a cell handle nor an error"));
    }
  if (handle == NULL)
    explain_unfinished (run, answered, STAGE_CREATE, error);
  else if (run->timed_out)
    g_set_error (error, CELLOS_ERROR, CELLOS_ERROR_TIMED_OUT,
                 /* Translators: %g is a number of seconds, such as 0.5. */
                 _("the backend created the cell only after the deadline of %g seconds"),
                 run->timeout_ms / 1000.0);
  else if (g_cancellable_is_cancelled (run->cancellable))
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("interrupted by a signal"));
  return handle;
}

static CellosTeardownReport *
run_destroy (Lifecycle         *run,
             CellosCellHandle  *handle,
             GError           **error)
{
  CellosTeardownReport *report = NULL;
  gboolean answered;

  begin_operation (run, TRUE);
  cellos_cell_backend_destroy_async (run->backend, handle, run->cancellable, on_result, run);
  answered = wait_for_result (run);
  if (answered)
    {
      report = cellos_cell_backend_destroy_finish (run->backend, run->result, error);
      if (report == NULL)
        ensure_error (error, _("the backend returned neither a teardown report nor an error"));
    }
  if (report == NULL)
    explain_unfinished (run, answered, STAGE_DESTROY, error);
  return report;
}

/* Runs @files through @run's backend; the exit status. */
static int
run_lifecycle (Lifecycle   *run,
               char       **files)
{
  int status = EXIT_SUCCESS;
  guint i;

  for (i = 0; files[i] != NULL && run->signals == 0 && !run->abandoned; i++)
    {
      g_autoptr(CellosExecutionCellDocument) document = NULL;
      g_autoptr(CellosCellHandle) handle = NULL;
      g_autoptr(CellosTeardownReport) report = NULL;
      g_autoptr(GError) cell_error = NULL;
      g_autofree char *name = display_name (files[i]);
      const char *stage = STAGE_READ;

      document = read_document (files[i], &cell_error);
      if (document != NULL)
        {
          stage = STAGE_CREATE;
          handle = run_create (run, document, &cell_error);
        }
      /* A cell that exists is destroyed, also one that came after a
       * deadline or a signal: the tool never leaves one behind on its own
       * account. Such a line keeps the create's error, with the handle
       * and the report of the cleanup. */
      if (handle != NULL)
        {
          g_autoptr(GError) destroy_error = NULL;

          report = run_destroy (run, handle, &destroy_error);
          if (destroy_error != NULL)
            {
              g_clear_error (&cell_error);
              cell_error = g_steal_pointer (&destroy_error);
              stage = STAGE_DESTROY;
            }
          else if (cell_error == NULL)
            stage = check_lifecycle (document, handle, report, &cell_error);
        }

      if (cell_error != NULL)
        {
          print_error (name, cell_error->message);
          status = EXIT_FAILURE;
        }
      if (!print_lifecycle (name, document, stage, handle, report, cell_error))
        return EXIT_FAILURE;
    }

  /* Interrupted, the run fails, whatever the cells it finished did. */
  if (run->signals > 0)
    g_printerr ("cellos-cell: %s\n", _("interrupted by a signal"));
  if (run->signals > 0 || run->abandoned)
    status = EXIT_FAILURE;
  return status;
}

static guint
add_signal_source (Lifecycle *run,
                   int        signum)
{
  g_autoptr(GSource) source = g_unix_signal_source_new (signum);

  g_source_set_callback (source, on_signal, run, NULL);
  return g_source_attach (source, run->context);
}

static int
command_lifecycle (int    argc,
                   char **argv)
{
  g_autofree char *backend_name = NULL;
  double timeout = 0;
  g_auto(GStrv) files = NULL;
  const GOptionEntry entries[] = {
    { "backend", 'b', 0, G_OPTION_ARG_STRING, &backend_name,
      N_("Use the backend named NAME instead of the default one"), N_("NAME") },
    { "timeout", 't', 0, G_OPTION_ARG_DOUBLE, &timeout,
      N_("Give each create and each destroy at most SECONDS to finish"), N_("SECONDS") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE…"));
  g_autoptr(CellosCellBackend) backend = NULL;
  g_autoptr(GMainContext) main_context = NULL;
  g_autoptr(GError) error = NULL;
  Lifecycle run = { NULL, };
  guint sigint, sigterm;
  int status;

  g_option_context_set_summary (context,
                                _("Create a cell from each document and destroy it again, "
                                  "printing one line of JSON per document with the handle "
                                  "and the teardown report. “-” reads standard input.\n\n"
                                  "Without --backend, the backend CELLOS_CELL_BACKEND names, "
                                  "or else the best isolating one, is used. On SIGINT or "
                                  "SIGTERM, the create under way is cancelled, a cell that "
                                  "exists is destroyed, its line printed, and the command "
                                  "exits with status 1."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error (context, error->message);
  keep_stdout_for_data ();
  status = check_files (context, (const char * const *) files);
  if (status != EXIT_SUCCESS)
    return status;
  if (!isfinite (timeout) || timeout < 0 || timeout > MAX_TIMEOUT_SECONDS ||
      (timeout > 0 && timeout * 1000 < 1))
    {
      g_autofree char *message =
        /* Translators: %u is the longest timeout, in seconds. */
        g_strdup_printf (_("--timeout takes a number of seconds from 0.001 to %u"),
                         (guint) MAX_TIMEOUT_SECONDS);

      return usage_error (context, message);
    }

  /* Signals are watched before the backend is made, so that none is lost
   * once a cell may exist. */
  main_context = g_main_context_new ();
  g_main_context_push_thread_default (main_context);
  run.context = main_context;
  run.timeout_ms = (guint) (timeout * 1000 + 0.5);
  sigint = add_signal_source (&run, SIGINT);
  sigterm = add_signal_source (&run, SIGTERM);

  backend = open_backend (backend_name);
  if (backend == NULL)
    status = EXIT_FAILURE;
  else
    {
      run.backend = backend;
      status = run_lifecycle (&run, files);
    }

  g_source_destroy (g_main_context_find_source_by_id (main_context, sigint));
  g_source_destroy (g_main_context_find_source_by_id (main_context, sigterm));
  g_clear_object (&run.result);
  g_clear_object (&run.cancellable);
  g_main_context_pop_thread_default (main_context);
  return status;
}

/* cellos-cell list [--backend NAME]
 *
 * Prints JSON Lines: one object per cell the backend holds now, in the
 * order it lists them, written from the handle's properties as lifecycle
 * writes its "handle" member, details included:
 *   {"cell-id": ID, "cgroup-path": ..., ..., "details": {...} or null}
 * No cells, no lines. A backend that cannot list its cells
 * (CELLOS_ERROR_NOT_SUPPORTED, as the stub) fails the command as any
 * other error does, before anything is printed. */

static int
print_cells (GList *cells)
{
  g_autoptr(CellosJsonWriter) writer = cellos_json_writer_new ();
  GList *l;

  for (l = cells; l != NULL; l = l->next)
    {
      cellos_json_writer_properties (writer, l->data);
      if (!print_json_line (writer))
        return EXIT_FAILURE;
    }
  return EXIT_SUCCESS;
}

static int
command_list (int    argc,
              char **argv)
{
  g_autofree char *backend_name = NULL;
  g_auto(GStrv) arguments = NULL;
  const GOptionEntry entries[] = {
    { "backend", 'b', 0, G_OPTION_ARG_STRING, &backend_name,
      N_("Use the backend named NAME instead of the default one"), N_("NAME") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &arguments, NULL, NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(CellosCellBackend) backend = NULL;
  g_autoptr(GError) error = NULL;
  g_autolist (CellosCellHandle) cells = NULL;

  g_option_context_set_summary (context,
                                _("List the cells the backend holds now, printing one line "
                                  "of JSON per cell with the fields of its handle, as "
                                  "lifecycle prints a handle.\n\n"
                                  "Without --backend, the backend CELLOS_CELL_BACKEND names, "
                                  "or else the best isolating one, is used. A backend that "
                                  "cannot list its cells is an error."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error (context, error->message);
  keep_stdout_for_data ();
  if (arguments != NULL)
    return usage_error (context, _("“list” takes no arguments"));

  backend = open_backend (backend_name);
  if (backend == NULL)
    return EXIT_FAILURE;

  /* An empty list is NULL without an error: the library gives exactly
   * one of the two. */
  cells = cellos_cell_backend_list_cells (backend, NULL, &error);
  if (error != NULL)
    {
      g_autofree char *message = escape_for_message (error->message);

      g_printerr ("cellos-cell: %s\n", message);
      return EXIT_FAILURE;
    }
  return print_cells (cells);
}

typedef struct
{
  const char *name;
  int (*run) (int argc, char **argv);
  const char *summary;
} Command;

static const Command commands[] = {
  { "backends", command_backends, N_("List the registered cell backends") },
  { "validate", command_validate, N_("Check execution cell documents") },
  { "lifecycle", command_lifecycle, N_("Create and destroy a cell per document") },
  { "list", command_list, N_("List the cells a backend holds") },
};

static char *
describe_commands (void)
{
  GString *text = g_string_new (_("Commands:"));
  gsize i;

  g_string_append_c (text, '\n');
  for (i = 0; i < G_N_ELEMENTS (commands); i++)
    g_string_append_printf (text, "  %-12s%s\n", commands[i].name, _(commands[i].summary));
  g_string_append_c (text, '\n');
  g_string_append (text, _("Run “cellos-cell COMMAND --help” for the options of a command."));
  return g_string_free (text, FALSE);
}

int
main (int   argc,
      char *argv[])
{
  gboolean show_version = FALSE;
  const GOptionEntry entries[] = {
    { "version", 0, 0, G_OPTION_ARG_NONE, &show_version, N_("Show the version and exit"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autofree char *description = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *command_name = NULL;
  gsize i;

  /* Before anything opens a file, and before any thread. */
  reserve_standard_streams ();
  atexit (close_stdout);
  /* Standard output carries data only: every log record, debug messages
   * included, goes to standard error. */
  g_log_writer_default_set_use_stderr (TRUE);

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, cellos_get_locale_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("cellos-cell");

  context = g_option_context_new (_("COMMAND [ARGUMENT…]"));
  g_option_context_set_summary (context, _("Work with CellOS execution cell documents and backends."));
  description = describe_commands ();
  g_option_context_set_description (context, description);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  /* Options after the command belong to the command. */
  g_option_context_set_strict_posix (context, TRUE);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error (context, error->message);

  if (show_version)
    {
      write_stdout ("cellos-cell " PACKAGE_VERSION "\n");
      return EXIT_SUCCESS;
    }

  if (argc < 2)
    return usage_error (context, _("No command given"));

  command_name = g_strdup (argv[1]);
  for (i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (g_str_equal (command_name, commands[i].name))
        {
          g_autofree char *prgname = g_strdup_printf ("cellos-cell %s", command_name);

          g_set_prgname (prgname);
          return commands[i].run (argc - 1, argv + 1);
        }
    }

  {
    g_autofree char *message = g_strdup_printf (_("Unknown command “%s”"), command_name);

    return usage_error (context, message);
  }
}
