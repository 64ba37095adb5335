/* cellos-fake-backend.h: a stateful cell backend with fault injection,
 * for testing supervisors
 *
 * Copyright 2026 The CellOS authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined (__CELLOS_TESTING_H_INSIDE__) && !defined (CELLOS_TESTING_COMPILATION)
#error "Only <cellos-testing/cellos-testing.h> can be included directly."
#endif

#include <cellos/cellos.h>
#include <cellos-testing/cellos-testing-version-macros.h>

G_BEGIN_DECLS

#define CELLOS_TYPE_FAKE_BACKEND (cellos_fake_backend_get_type ())

CELLOS_TESTING_AVAILABLE_IN_1_2
G_DECLARE_FINAL_TYPE (CellosFakeBackend, cellos_fake_backend, CELLOS, FAKE_BACKEND, GObject)

CELLOS_TESTING_AVAILABLE_IN_1_2
CellosFakeBackend *cellos_fake_backend_new             (void);

CELLOS_TESTING_AVAILABLE_IN_1_2
gboolean           cellos_fake_backend_add_fail_rule   (CellosFakeBackend  *self,
                                                        const char         *operation,
                                                        const char         *cell_pattern,
                                                        CellosError         code,
                                                        const char         *message,
                                                        GError            **error);
CELLOS_TESTING_AVAILABLE_IN_1_2
gboolean           cellos_fake_backend_add_delay_rule  (CellosFakeBackend  *self,
                                                        const char         *operation,
                                                        const char         *cell_pattern,
                                                        guint               delay_ms,
                                                        GError            **error);
CELLOS_TESTING_AVAILABLE_IN_1_2
gboolean           cellos_fake_backend_add_hang_rule   (CellosFakeBackend  *self,
                                                        const char         *operation,
                                                        const char         *cell_pattern,
                                                        GError            **error);
CELLOS_TESTING_AVAILABLE_IN_1_2
gboolean           cellos_fake_backend_add_late_rule   (CellosFakeBackend  *self,
                                                        const char         *cell_pattern,
                                                        guint               delay_ms,
                                                        GError            **error);
CELLOS_TESTING_AVAILABLE_IN_1_2
gboolean           cellos_fake_backend_add_report_rule (CellosFakeBackend  *self,
                                                        const char         *cell_pattern,
                                                        gboolean            destroyed,
                                                        guint               peers_tracked_after,
                                                        GError            **error);
CELLOS_TESTING_AVAILABLE_IN_1_2
void               cellos_fake_backend_clear_rules     (CellosFakeBackend *self);

CELLOS_TESTING_AVAILABLE_IN_1_2
char             **cellos_fake_backend_list_live_cells (CellosFakeBackend *self);
CELLOS_TESTING_AVAILABLE_IN_1_2
gboolean           cellos_fake_backend_add_live_cell   (CellosFakeBackend  *self,
                                                        const char         *cell_id,
                                                        GError            **error);
CELLOS_TESTING_AVAILABLE_IN_1_2
GVariant          *cellos_fake_backend_dup_ledger      (CellosFakeBackend *self);
CELLOS_TESTING_AVAILABLE_IN_1_2
void               cellos_fake_backend_clear_ledger    (CellosFakeBackend *self);

G_END_DECLS
