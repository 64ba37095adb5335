/* cellos.h: the one header users of libcellos include
 *
 * Copyright 2026 The CellOS authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#define __CELLOS_H_INSIDE__

#include <cellos/cellos-version-macros.h>
#include <cellos/cellos-version.h>
#include <cellos/cellos-enum-types.h>
#include <cellos/cellos-error.h>
#include <cellos/cellos-execution-cell-document.h>
#include <cellos/cellos-cell-handle.h>
#include <cellos/cellos-teardown-report.h>
#include <cellos/cellos-cell-backend.h>
#include <cellos/cellos-backend-util.h>
#include <cellos/cellos-stub-backend.h>

#undef __CELLOS_H_INSIDE__
