/* cellos-testing-version-macros.h: what the test kit exports, and since
 * which version
 *
 * Copyright 2026 The CellOS authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined (__CELLOS_TESTING_H_INSIDE__) && !defined (CELLOS_TESTING_COMPILATION)
#error "Only <cellos-testing/cellos-testing.h> can be included directly."
#endif

#include <cellos/cellos.h>

/* The test kit is versioned with libcellos: its declarations are
 * available, deprecated or unavailable by the same
 * CELLOS_VERSION_MIN_REQUIRED and CELLOS_VERSION_MAX_ALLOWED. Only the
 * export differs, since the kit is another library. */

#ifdef CELLOS_TESTING_COMPILATION
#define _CELLOS_TESTING_API _CELLOS_EXPORT
#else
#define _CELLOS_TESTING_API _CELLOS_IMPORT
#endif

/**
 * CELLOS_TESTING_EXTERN:
 *
 * Marks a declaration exported by the libcellos test kit.
 *
 * Since: 1.2
 */
#define CELLOS_TESTING_EXTERN _CELLOS_TESTING_API extern

/**
 * CELLOS_TESTING_UNAVAILABLE:
 * @maj: the major version that introduced the declaration
 * @min: the minor version that introduced the declaration
 *
 * Marks a declaration of the test kit added in libcellos @maj.@min, newer
 * than %CELLOS_VERSION_MAX_ALLOWED: using it warns, unless
 * `CELLOS_DISABLE_DEPRECATION_WARNINGS` is defined. The
 * `CELLOS_TESTING_AVAILABLE_IN_x_y` macros use it.
 *
 * Since: 1.2
 */
#ifdef CELLOS_DISABLE_DEPRECATION_WARNINGS
#define CELLOS_TESTING_UNAVAILABLE(maj, min) CELLOS_TESTING_EXTERN
#else
#define CELLOS_TESTING_UNAVAILABLE(maj, min) G_UNAVAILABLE (maj, min) CELLOS_TESTING_EXTERN
#endif

/**
 * CELLOS_TESTING_AVAILABLE_IN_1_2:
 *
 * Marks a declaration of the test kit added in libcellos 1.2: using it
 * warns if %CELLOS_VERSION_MAX_ALLOWED is older.
 *
 * Since: 1.2
 */
#if CELLOS_VERSION_MAX_ALLOWED < CELLOS_VERSION_1_2
#define CELLOS_TESTING_AVAILABLE_IN_1_2 CELLOS_TESTING_UNAVAILABLE (1, 2)
#else
#define CELLOS_TESTING_AVAILABLE_IN_1_2 CELLOS_TESTING_EXTERN
#endif
