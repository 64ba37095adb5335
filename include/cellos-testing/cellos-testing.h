/* cellos-testing.h: the one header users of the libcellos test kit include
 *
 * Copyright 2026 The CellOS authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#define __CELLOS_TESTING_H_INSIDE__

#include <cellos/cellos.h>
#include <cellos-testing/cellos-testing-version-macros.h>
#include <cellos-testing/cellos-fake-backend.h>

#undef __CELLOS_TESTING_H_INSIDE__
