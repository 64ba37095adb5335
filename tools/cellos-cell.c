/* cellos-cell.c: the libcellos command-line tool
 *
 *   cellos-cell backends
 *   cellos-cell validate FILE…
 *   cellos-cell lifecycle [--backend NAME] FILE…
 *
 * Exit status: 0 on success, 1 on a document or backend error, 2 on a
 * usage error.
 *
 * Copyright 2026 The CellOS authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

#include <cellos/cellos.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "cellos-environment-private.h"

#define EXIT_USAGE 2

/* How standard input is named in messages. */
#define STDIN_NAME "<stdin>"

/* As in the library (lib/cellos-i18n.c), which shares this gettext domain:
 * CELLOS_LOCALEDIR replaces LOCALEDIR, for the test suite, unless the
 * environment is not trusted. */
static const char *
get_locale_dir (void)
{
  const char *dir = cellos_getenv_trusted ("CELLOS_LOCALEDIR");

  return dir != NULL && dir[0] != '\0' ? dir : LOCALEDIR;
}

static void
print_error (const char *file,
             const char *message)
{
  /* Document errors start with LINE:COLUMN or a member path; joined to the
   * file name without a space, a position reads FILE:LINE:COLUMN as
   * compilers print it. */
  if (g_ascii_isdigit (message[0]))
    g_printerr ("cellos-cell: %s:%s\n", file, message);
  else
    g_printerr ("cellos-cell: %s: %s\n", file, message);
}

static int
usage_error (GOptionContext *context,
             const char     *message)
{
  g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

  g_printerr ("cellos-cell: %s\n\n%s", message, help);
  return EXIT_USAGE;
}

static CellosExecutionCellDocument *
read_document (const char  *argument,
               const char **display_name,
               GError     **error)
{
  if (g_str_equal (argument, "-"))
    {
      g_autoptr(GByteArray) buffer = g_byte_array_new ();
      guint8 chunk[65536];
      size_t n;

      *display_name = STDIN_NAME;
      while ((n = fread (chunk, 1, sizeof chunk, stdin)) > 0)
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
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (argument);

      *display_name = argument;
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

/* One line of “cellos-cell backends”: name, priority, whether it isolates. */
static void
print_backends_row (const char *name,
                    const char *priority,
                    const char *isolates)
{
  g_autoptr(GString) line = g_string_new (NULL);

  append_padded (line, name, 20, FALSE);
  g_string_append_c (line, ' ');
  append_padded (line, priority, 9, TRUE);
  g_string_append_printf (line, "  %s\n", isolates);
  g_print ("%s", line->str);
}

/* cellos-cell backends */

static int
command_backends (int    argc,
                  char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = NULL;
  guint i;

  g_option_context_set_summary (context, _("List the registered cell backends, best first."));
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error (context, error->message);
  if (argc > 1)
    return usage_error (context, _("“backends” takes no arguments"));

  names = cellos_cell_backend_list_names ();

  /* Translators: column headings of “cellos-cell backends”. */
  print_backends_row (_("NAME"), _("PRIORITY"), _("ISOLATES"));
  for (i = 0; names[i] != NULL; i++)
    {
      int priority = 0;
      char priority_text[16];

      if (!cellos_cell_backend_lookup_name (names[i], &priority, NULL))
        continue;
      g_snprintf (priority_text, sizeof priority_text, "%d", priority);
      print_backends_row (names[i], priority_text,
                          cellos_cell_backend_priority_isolates (priority) ? _("yes") : _("no"));
    }

  return EXIT_SUCCESS;
}

/* cellos-cell validate FILE… */

static int
command_validate (int    argc,
                  char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE…"));
  g_autoptr(GError) error = NULL;
  int status = EXIT_SUCCESS;
  int i;

  g_option_context_set_summary (context,
                                _("Check execution cell documents. “-” reads standard input."));
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error (context, error->message);
  if (argc < 2)
    return usage_error (context, _("No document given"));

  for (i = 1; i < argc; i++)
    {
      g_autoptr(CellosExecutionCellDocument) document = NULL;
      g_autoptr(GError) document_error = NULL;
      const char *name;

      document = read_document (argv[i], &name, &document_error);
      if (document == NULL)
        {
          print_error (name, document_error->message);
          status = EXIT_FAILURE;
          continue;
        }
      /* Translators: printed for a document that is well-formed. */
      g_print (_("%s: valid\n"), name);
    }

  return status;
}

/* cellos-cell lifecycle [--backend NAME] FILE… */

static void
add_string_or_null (JsonBuilder *builder,
                    const char  *member,
                    const char  *value)
{
  json_builder_set_member_name (builder, member);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_handle (JsonBuilder      *builder,
            CellosCellHandle *handle)
{
  const char * const *rules = cellos_cell_handle_get_nft_rules_applied (handle);

  json_builder_begin_object (builder);
  add_string_or_null (builder, "cell-id", cellos_cell_handle_get_cell_id (handle));
  add_string_or_null (builder, "cgroup-path", cellos_cell_handle_get_cgroup_path (handle));
  add_string_or_null (builder, "kernel-digest-sha256",
                      cellos_cell_handle_get_kernel_digest_sha256 (handle));
  add_string_or_null (builder, "rootfs-digest-sha256",
                      cellos_cell_handle_get_rootfs_digest_sha256 (handle));
  add_string_or_null (builder, "firecracker-digest-sha256",
                      cellos_cell_handle_get_firecracker_digest_sha256 (handle));
  json_builder_set_member_name (builder, "nft-rules-applied");
  if (rules != NULL)
    {
      json_builder_begin_array (builder);
      for (; *rules != NULL; rules++)
        json_builder_add_string_value (builder, *rules);
      json_builder_end_array (builder);
    }
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);
}

static void
add_report (JsonBuilder          *builder,
            CellosTeardownReport *report)
{
  json_builder_begin_object (builder);
  add_string_or_null (builder, "cell-id", cellos_teardown_report_get_cell_id (report));
  json_builder_set_member_name (builder, "destroyed");
  json_builder_add_boolean_value (builder, cellos_teardown_report_get_destroyed (report));
  json_builder_set_member_name (builder, "peers-tracked-after");
  json_builder_add_int_value (builder, cellos_teardown_report_get_peers_tracked_after (report));
  json_builder_end_object (builder);
}

static void
print_lifecycle (const char           *name,
                 CellosCellHandle     *handle,
                 CellosTeardownReport *report)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "document");
  json_builder_add_string_value (builder, name);
  json_builder_set_member_name (builder, "handle");
  add_handle (builder, handle);
  json_builder_set_member_name (builder, "report");
  add_report (builder, report);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

static int
command_lifecycle (int    argc,
                   char **argv)
{
  g_autofree char *backend_name = NULL;
  const GOptionEntry entries[] = {
    { "backend", 'b', 0, G_OPTION_ARG_STRING, &backend_name,
      N_("Use the backend named NAME instead of the default one"), N_("NAME") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE…"));
  g_autoptr(CellosCellBackend) backend = NULL;
  g_autoptr(GError) error = NULL;
  int status = EXIT_SUCCESS;
  int i;

  g_option_context_set_summary (context,
                                _("Create a cell from each document and destroy it again, "
                                  "printing the handle and the teardown report as JSON. "
                                  "“-” reads standard input.\n\n"
                                  "Without --backend, the backend CELLOS_CELL_BACKEND names, "
                                  "or else the best isolating one, is used."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error (context, error->message);
  if (argc < 2)
    return usage_error (context, _("No document given"));

  if (backend_name != NULL)
    backend = cellos_cell_backend_new_for_name (backend_name, &error);
  else
    backend = cellos_cell_backend_new_default (&error);
  if (backend == NULL)
    {
      g_printerr ("cellos-cell: %s\n", error->message);
      return EXIT_FAILURE;
    }

  for (i = 1; i < argc; i++)
    {
      g_autoptr(CellosExecutionCellDocument) document = NULL;
      g_autoptr(CellosCellHandle) handle = NULL;
      g_autoptr(CellosTeardownReport) report = NULL;
      g_autoptr(GError) cell_error = NULL;
      const char *name;

      document = read_document (argv[i], &name, &cell_error);
      if (document != NULL)
        handle = cellos_cell_backend_create (backend, document, NULL, &cell_error);
      if (handle != NULL)
        report = cellos_cell_backend_destroy (backend, handle, NULL, &cell_error);
      if (report == NULL)
        {
          print_error (name, cell_error->message);
          status = EXIT_FAILURE;
          continue;
        }
      print_lifecycle (name, handle, report);
    }

  return status;
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

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, get_locale_dir ());
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
      g_print ("cellos-cell %s\n", PACKAGE_VERSION);
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
