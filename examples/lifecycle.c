/* lifecycle.c: create a cell on the stub backend and destroy it again
 *
 * Usage: lifecycle [DOCUMENT.json]
 *
 * Copyright 2026 The CellOS authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdlib.h>

#include <cellos/cellos.h>

/* Every field of the handle; the stub leaves all but the id unset. */
static const char *
or_none (const char *value)
{
  return value != NULL ? value : "none";
}

static void
print_handle (CellosCellHandle *handle)
{
  const char * const *rules = cellos_cell_handle_get_nft_rules_applied (handle);
  g_autofree char *joined = rules != NULL && rules[0] != NULL ?
                            g_strjoinv (", ", (char **) rules) : NULL;

  g_print ("created cell %s\n", cellos_cell_handle_get_cell_id (handle));
  g_print ("  cgroup-path: %s\n", or_none (cellos_cell_handle_get_cgroup_path (handle)));
  g_print ("  kernel-digest-sha256: %s\n",
           or_none (cellos_cell_handle_get_kernel_digest_sha256 (handle)));
  g_print ("  rootfs-digest-sha256: %s\n",
           or_none (cellos_cell_handle_get_rootfs_digest_sha256 (handle)));
  g_print ("  firecracker-digest-sha256: %s\n",
           or_none (cellos_cell_handle_get_firecracker_digest_sha256 (handle)));
  g_print ("  nft-rules-applied: %s\n", or_none (joined));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(CellosExecutionCellDocument) document = NULL;
  g_autoptr(CellosStubBackend) backend = NULL;
  g_autoptr(CellosCellHandle) handle = NULL;
  g_autoptr(CellosTeardownReport) report = NULL;
  g_autoptr(GError) error = NULL;

  if (argc > 1)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (argv[1]);

      document = cellos_execution_cell_document_new_from_file (file, NULL, &error);
    }
  else
    {
      const char * const command[] = { "/bin/true", NULL };

      document = cellos_execution_cell_document_new ("example-cell");
      cellos_execution_cell_document_set_argv (document, command);
    }

  if (document == NULL)
    {
      g_printerr ("lifecycle: %s\n", error->message);
      return EXIT_FAILURE;
    }

  /* The stub isolates nothing; a supervisor picks a real backend. */
  backend = cellos_stub_backend_new ();

  handle = cellos_cell_backend_create (CELLOS_CELL_BACKEND (backend), document,
                                       NULL, &error);
  if (handle == NULL)
    {
      g_printerr ("lifecycle: create: %s\n", error->message);
      return EXIT_FAILURE;
    }
  print_handle (handle);

  report = cellos_cell_backend_destroy (CELLOS_CELL_BACKEND (backend), handle,
                                        NULL, &error);
  if (report == NULL)
    {
      g_printerr ("lifecycle: destroy: %s\n", error->message);
      return EXIT_FAILURE;
    }
  g_print ("destroyed cell %s: destroyed=%s peers-tracked-after=%u\n",
           cellos_teardown_report_get_cell_id (report),
           cellos_teardown_report_get_destroyed (report) ? "true" : "false",
           cellos_teardown_report_get_peers_tracked_after (report));

  return EXIT_SUCCESS;
}
