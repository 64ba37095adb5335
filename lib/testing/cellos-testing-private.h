/* cellos-testing-private.h: what the test kit's library and its backend
 * module share
 *
 * Copyright 2026 The CellOS authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The fake's name and priority on the extension point: negative, since it
 * isolates nothing and so must never be chosen without being named. */
#define CELLOS_FAKE_BACKEND_NAME "fake"
#define CELLOS_FAKE_BACKEND_PRIORITY (-200)

G_END_DECLS
