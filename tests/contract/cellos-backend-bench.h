/* cellos-backend-bench.h: the contract runner's benchmark mode
 *
 * Copyright 2026 The CellOS authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CELLOS_BACKEND_BENCH_OPTION "--benchmark"

int cellos_backend_bench_main (int    argc,
                               char **argv);

G_END_DECLS
