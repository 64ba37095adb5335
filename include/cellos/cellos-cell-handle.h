/* cellos-cell-handle.h: what a backend's create returns
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

#define CELLOS_TYPE_CELL_HANDLE (cellos_cell_handle_get_type ())

CELLOS_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (CellosCellHandle, cellos_cell_handle, CELLOS, CELL_HANDLE, GObject)

CELLOS_AVAILABLE_IN_1_2
CellosCellHandle   *cellos_cell_handle_new                           (const char       *cell_id,
                                                                      GVariant         *details);

CELLOS_AVAILABLE_IN_1_0
const char         *cellos_cell_handle_get_cell_id                   (CellosCellHandle *self);
CELLOS_AVAILABLE_IN_1_0
const char         *cellos_cell_handle_get_cgroup_path               (CellosCellHandle *self);
CELLOS_AVAILABLE_IN_1_0
const char         *cellos_cell_handle_get_kernel_digest_sha256      (CellosCellHandle *self);
CELLOS_AVAILABLE_IN_1_0
const char         *cellos_cell_handle_get_rootfs_digest_sha256      (CellosCellHandle *self);
CELLOS_AVAILABLE_IN_1_0
const char         *cellos_cell_handle_get_firecracker_digest_sha256 (CellosCellHandle *self);
CELLOS_AVAILABLE_IN_1_0
const char * const *cellos_cell_handle_get_nft_rules_applied         (CellosCellHandle *self);
CELLOS_AVAILABLE_IN_1_2
GVariant           *cellos_cell_handle_get_details                   (CellosCellHandle *self);

G_END_DECLS
