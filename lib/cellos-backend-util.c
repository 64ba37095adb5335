/* cellos-backend-util.c: what every cell backend needs
 *
 * Copyright 2026 The CellOS authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "cellos-backend-util.h"
#include "cellos-private.h"

/**
 * cellos_log_backend_operation:
 * @backend_name: the backend's name, as it is registered (`"stub"`)
 * @operation: the operation, `"create"` or `"destroy"`
 * @cell_id: the cell's id
 *
 * Writes the structured debug record of one backend operation, the one the
 * built-in backends write: a log record in the `Cellos` log domain, at
 * %G_LOG_LEVEL_DEBUG, with the fields `CELLOS_BACKEND`, `CELLOS_OPERATION`
 * and `CELLOS_CELL_ID`, which a journal query or a test's log writer
 * matches on. It is the equivalent of a tracing span: call it once per
 * operation, when the cell has been made or torn down.
 *
 * The record is shown with `G_MESSAGES_DEBUG=Cellos` (or `all`) and costs
 * next to nothing when debug output is off. It may be called from any
 * thread.
 *
 * Since: 1.2
 */
void
cellos_log_backend_operation (const char *backend_name,
                              const char *operation,
                              const char *cell_id)
{
  g_return_if_fail (backend_name != NULL);
  g_return_if_fail (operation != NULL);
  g_return_if_fail (cell_id != NULL);

  cellos_log_operation (backend_name, operation, cell_id);
}

/**
 * cellos_backend_getenv:
 * @variable: the name of an environment variable
 *
 * Reads a backend's configuration from the environment the way libcellos
 * reads its own (`CELLOS_CELL_BACKEND`, `CELLOS_BACKEND_MODULE_DIR`): as
 * g_getenv(), except in a process that runs with privileges its caller
 * does not have (setuid, setgid, file capabilities), where the
 * environment comes from someone less trusted and this returns %NULL.
 *
 * A backend that takes paths, binaries or limits from the environment
 * should read them with this function, so that a privileged supervisor
 * cannot be steered by whoever started it.
 *
 * Returns: (nullable): the value, or %NULL if the variable is unset or the
 *   environment is not to be trusted
 *
 * Since: 1.2
 */
const char *
cellos_backend_getenv (const char *variable)
{
  g_return_val_if_fail (variable != NULL, NULL);

  return cellos_getenv_trusted (variable);
}
