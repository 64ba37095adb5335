/* fake-bench.c: what the fake backend keeps per live cell
 *
 *   fake-bench [--cells N] [--json]
 *
 * Creates N cells (each with a distinct 16-character id) in one fake
 * backend and lets go of the handles, so that the heap growth is the
 * fake's own state: its entry for the live cell and the ledger's record
 * of the create. Destroying them all then adds one ledger record per cell
 * and frees the live entries, which separates the two. Fails if a live
 * cell costs 256 bytes or more beyond its ledger record.
 *
 * Copyright 2026 The CellOS authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <malloc.h>
#include <stdlib.h>

#include <cellos-testing/cellos-testing.h>

#define LIVE_CELL_BUDGET_BYTES 256.0

static gsize
heap_bytes (void)
{
  struct mallinfo2 info = mallinfo2 ();

  /* In use from the main arena plus mmap()ed blocks. */
  return info.uordblks + info.hblkhd;
}

static CellosCellBackend *
backend_of (CellosFakeBackend *fake)
{
  return CELLOS_CELL_BACKEND (fake);
}

/* A distinct 16-character id for cell @i, in @buffer. */
static const char *
cell_id (char   *buffer,
         gint64  i)
{
  g_snprintf (buffer, 17, "cell-%011" G_GINT64_FORMAT, i);
  return buffer;
}

int
main (int   argc,
      char *argv[])
{
  gint64 n_cells = 200000;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "cells", 0, 0, G_OPTION_ARG_INT64, &n_cells, "Cells to create (200000)", "N" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "Print the figures as JSON", NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CellosFakeBackend) fake = NULL;
  g_autoptr(CellosExecutionCellDocument) document = NULL;
  gsize heap_start, heap_created, heap_destroyed;
  double per_live_cell_with_record, per_record, per_live_cell;
  char id[17];
  gint64 i;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || n_cells <= 0)
    {
      g_printerr ("%s\n", error != NULL ? error->message : "--cells must be positive");
      return 2;
    }

  fake = cellos_fake_backend_new ();
  document = cellos_execution_cell_document_new ("warm-up-cell");
  /* One cell first, so that the table and the ledger exist before the
   * first measurement. */
  g_object_unref (cellos_cell_backend_create (backend_of (fake), document, NULL, &error));
  g_assert_no_error (error);

  /* The handles are the caller's, not the fake's: each is let go at once,
   * and the destroy gets a handle rebuilt from the id. */
  heap_start = heap_bytes ();
  for (i = 0; i < n_cells; i++)
    {
      cellos_execution_cell_document_set_id (document, cell_id (id, i));
      g_object_unref (cellos_cell_backend_create (backend_of (fake), document, NULL, &error));
      g_assert_no_error (error);
    }
  heap_created = heap_bytes ();

  for (i = 0; i < n_cells; i++)
    {
      g_autoptr(CellosCellHandle) handle = g_object_new (CELLOS_TYPE_CELL_HANDLE,
                                                         "cell-id", cell_id (id, i), NULL);

      g_object_unref (cellos_cell_backend_destroy (backend_of (fake), handle, NULL, &error));
      g_assert_no_error (error);
    }
  heap_destroyed = heap_bytes ();

  per_live_cell_with_record = (double) (heap_created - heap_start) / n_cells;
  per_record = (double) (heap_destroyed - heap_start) / (2 * n_cells);
  per_live_cell = per_live_cell_with_record - per_record;

  if (json)
    g_print ("{\"fake\": {\"cells\": %" G_GINT64_FORMAT ", \"live_cell_bytes\": %.1f, "
             "\"ledger_record_bytes\": %.1f, \"budget_bytes\": %.0f}}\n",
             n_cells, per_live_cell, per_record, LIVE_CELL_BUDGET_BYTES);
  else
    g_print ("fake backend, %" G_GINT64_FORMAT " cells with 16-character ids:\n"
             "  per live cell: %.1f bytes (budget %.0f) plus its ledger record\n"
             "  per ledger record: %.1f bytes\n",
             n_cells, per_live_cell, LIVE_CELL_BUDGET_BYTES, per_record);

  if (per_live_cell >= LIVE_CELL_BUDGET_BYTES)
    {
      g_printerr ("fake backend: %.1f bytes per live cell is over the budget of %.0f\n",
                  per_live_cell, LIVE_CELL_BUDGET_BYTES);
      return 1;
    }
  return 0;
}
