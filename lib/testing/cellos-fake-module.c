/* cellos-fake-module.c: the backend module that registers the fake
 *
 * Installed in the backend module directory beside any other backend, so
 * that "fake" is selected by name (CELLOS_CELL_BACKEND=fake,
 * `cellos-cell --backend fake`, cellos_cell_backend_new_for_name()) in
 * every program, wherever the test kit is installed, and through the same
 * path as third-party backends. The type is the test kit library's, not
 * the module's: a program that links the kit and makes a fake of its own
 * uses the same one.
 *
 * Copyright 2026 The CellOS authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <gmodule.h>

#include "cellos-testing.h"
#include "cellos-testing-private.h"

G_MODULE_EXPORT void
g_io_module_load (GIOModule *module)
{
  g_io_extension_point_implement (CELLOS_CELL_BACKEND_EXTENSION_POINT_NAME,
                                  CELLOS_TYPE_FAKE_BACKEND,
                                  CELLOS_FAKE_BACKEND_NAME,
                                  CELLOS_FAKE_BACKEND_PRIORITY);
}

G_MODULE_EXPORT void
g_io_module_unload (GIOModule *module)
{
}

G_MODULE_EXPORT char **
g_io_module_query (void)
{
  char *extension_points[] = { (char *) CELLOS_CELL_BACKEND_EXTENSION_POINT_NAME, NULL };

  return g_strdupv (extension_points);
}
