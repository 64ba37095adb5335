/* cellos-log.c: structured debug records for backend operations
 *
 * Copyright 2026 The CellOS authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "cellos-private.h"

#if !GLIB_CHECK_VERSION (2, 80, 0)
enum {
  MESSAGES_DEBUG_UNSET = 1,
  MESSAGES_DEBUG_SET,
};

/* Before GLib 2.80, g_log_writer_default_would_drop() reads
 * G_MESSAGES_DEBUG with getenv() on every call: about 360 instructions a
 * call, 8 % of a synchronous stub cycle, spent to learn that debug output
 * is off. Whether the variable is set at all is read once, at the first
 * operation; when it is set, or debug output is enabled with
 * g_log_set_debug_enabled(), GLib decides as before. */
static gboolean
debug_output_is_off (void)
{
  static gsize messages_debug_state = 0;

  if (g_once_init_enter (&messages_debug_state))
    {
      const char *domains = g_getenv ("G_MESSAGES_DEBUG");

      g_once_init_leave (&messages_debug_state,
                         domains != NULL && domains[0] != '\0' ?
                         MESSAGES_DEBUG_SET : MESSAGES_DEBUG_UNSET);
    }

  return messages_debug_state == MESSAGES_DEBUG_UNSET && !g_log_get_debug_enabled ();
}
#endif

/* One record per backend operation, the equivalent of a tracing span. The
 * fields are what a journal query or a test log writer matches on:
 * CELLOS_BACKEND, CELLOS_OPERATION and CELLOS_CELL_ID. A custom log writer
 * gets the records once debug output is enabled. */
void
cellos_log_operation (const char *backend,
                      const char *operation,
                      const char *cell_id)
{
  g_autofree char *message = NULL;

#if !GLIB_CHECK_VERSION (2, 80, 0)
  if (debug_output_is_off ())
    return;
#endif
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
