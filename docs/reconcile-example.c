#include <stdlib.h>

#include <cellos/cellos.h>

static gboolean
is_kept (const char  *cell_id,
         char       **keep)
{
  for (; *keep != NULL; keep++)
    if (g_str_equal (*keep, cell_id))
      return TRUE;
  return FALSE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(CellosCellBackend) backend = NULL;
  g_autoptr(GError) error = NULL;
  GList *handles, *l;
  int status = EXIT_SUCCESS;

  backend = cellos_cell_backend_new_default (&error);
  if (backend == NULL)
    {
      g_printerr ("no backend: %s\n", error->message);
      return EXIT_FAILURE;
    }

  /* An empty list is NULL with no error. */
  handles = cellos_cell_backend_list_cells (backend, NULL, &error);
  if (error != NULL)
    {
      g_printerr ("cannot list the cells: %s\n", error->message);
      return EXIT_FAILURE;
    }

  for (l = handles; l != NULL; l = l->next)
    {
      CellosCellHandle *handle = l->data;
      const char *cell_id = cellos_cell_handle_get_cell_id (handle);
      g_autoptr(CellosTeardownReport) report = NULL;
      g_autoptr(GError) destroy_error = NULL;

      if (is_kept (cell_id, argv + 1))
        {
          g_print ("kept %s\n", cell_id);
          continue;
        }
      report = cellos_cell_backend_destroy (backend, handle, NULL, &destroy_error);
      if (report == NULL || !cellos_teardown_report_get_destroyed (report))
        {
          /* Still live: the next pass tries again. */
          g_printerr ("%s is still live: %s\n", cell_id,
                      destroy_error != NULL ? destroy_error->message : "not destroyed");
          status = EXIT_FAILURE;
          continue;
        }
      g_print ("destroyed %s\n", cell_id);
    }

  g_list_free_full (handles, g_object_unref);
  return status;
}
