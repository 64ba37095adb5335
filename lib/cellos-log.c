/* cellos-log.c: structured debug records for backend operations
 *
 * Copyright 2026 The CellOS authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "cellos-private.h"

/* One record per backend operation, the equivalent of a tracing span. The
 * fields are what a journal query or a test log writer matches on:
 * CELLOS_BACKEND, CELLOS_OPERATION and CELLOS_CELL_ID. */
void
cellos_log_operation (const char *backend,
                      const char *operation,
                      const char *cell_id)
{
  g_autofree char *message = NULL;

  /* Debug output is off in production; then this costs one check and
   * builds nothing. A custom log writer still gets the records once
   * debug output is enabled with g_log_set_debug_enabled(). */
  if (g_log_writer_default_would_drop (G_LOG_LEVEL_DEBUG, G_LOG_DOMAIN))
    return;

  message = g_strdup_printf ("%s %s %s", backend, operation, cell_id);

  {
    const GLogField fields[] = {
      { "GLIB_DOMAIN", G_LOG_DOMAIN, -1 },
      { "PRIORITY", "7", -1 },
      { "MESSAGE", message, -1 },
      { "CELLOS_BACKEND", backend, -1 },
      { "CELLOS_OPERATION", operation, -1 },
      { "CELLOS_CELL_ID", cell_id, -1 },
    };

    g_log_structured_array (G_LOG_LEVEL_DEBUG, fields, G_N_ELEMENTS (fields));
  }
}
