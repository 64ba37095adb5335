/* cellos-private.h: helpers shared inside the library
 *
 * Copyright 2026 The CellOS authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "cellos-cell-handle.h"
#include "cellos-teardown-report.h"

G_BEGIN_DECLS

CellosCellHandle     *cellos_cell_handle_new_for_id        (const char *cell_id);
CellosTeardownReport *cellos_teardown_report_new_destroyed (const char *cell_id);

void                  cellos_log_operation                 (const char *backend,
                                                            const char *operation,
                                                            const char *cell_id);

G_END_DECLS
