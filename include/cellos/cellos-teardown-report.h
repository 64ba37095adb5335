/* cellos-teardown-report.h: what a backend's destroy returns
 *
 * Copyright 2026 The CellOS authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined (__CELLOS_H_INSIDE__) && !defined (CELLOS_COMPILATION)
#error "Only <cellos/cellos.h> can be included directly."
#endif

#include <glib-object.h>
#include <cellos/cellos-version.h>

G_BEGIN_DECLS

#define CELLOS_TYPE_TEARDOWN_REPORT (cellos_teardown_report_get_type ())

CELLOS_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (CellosTeardownReport, cellos_teardown_report, CELLOS, TEARDOWN_REPORT, GObject)

CELLOS_AVAILABLE_IN_1_0
const char *cellos_teardown_report_get_cell_id             (CellosTeardownReport *self);
CELLOS_AVAILABLE_IN_1_0
gboolean    cellos_teardown_report_get_destroyed           (CellosTeardownReport *self);
CELLOS_AVAILABLE_IN_1_0
guint       cellos_teardown_report_get_peers_tracked_after (CellosTeardownReport *self);

G_END_DECLS
