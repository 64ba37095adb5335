/* cellos-version-macros.h: availability and deprecation annotations
 *
 * Copyright 2026 The CellOS authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined (__CELLOS_H_INSIDE__) && !defined (CELLOS_COMPILATION)
#error "Only <cellos/cellos.h> can be included directly."
#endif

#include <glib.h>

/* Every release that adds API gets a CELLOS_VERSION_x_y here, a matching
 * CELLOS_AVAILABLE_IN_x_y / CELLOS_DEPRECATED_IN_x_y block below and a node
 * in lib/cellos.map; docs/ABI.md walks through it. */

/**
 * CELLOS_ENCODE_VERSION:
 * @major: a major version
 * @minor: a minor version
 *
 * Encodes libcellos version @major.@minor as an integer that compares as
 * versions do, the form of %CELLOS_VERSION_1_0 and of the values of
 * %CELLOS_VERSION_MIN_REQUIRED and %CELLOS_VERSION_MAX_ALLOWED.
 *
 * Since: 1.0
 */
#define CELLOS_ENCODE_VERSION(major, minor) ((major) << 16 | (minor) << 8)

/**
 * CELLOS_VERSION_1_0:
 *
 * A constant for %CELLOS_VERSION_MIN_REQUIRED and
 * %CELLOS_VERSION_MAX_ALLOWED standing for libcellos 1.0.
 *
 * Since: 1.0
 */
#define CELLOS_VERSION_1_0 (CELLOS_ENCODE_VERSION (1, 0))

/**
 * CELLOS_VERSION_1_2:
 *
 * A constant for %CELLOS_VERSION_MIN_REQUIRED and
 * %CELLOS_VERSION_MAX_ALLOWED standing for libcellos 1.2.
 *
 * Since: 1.2
 */
#define CELLOS_VERSION_1_2 (CELLOS_ENCODE_VERSION (1, 2))

/* The newest stable series: this version's, or for an odd (development)
 * minor version the even one it leads to. A test in make check holds it to
 * CELLOS_MAJOR_VERSION.CELLOS_MINOR_VERSION. */
#define CELLOS_VERSION_CUR_STABLE CELLOS_VERSION_1_2
#define CELLOS_VERSION_PREV_STABLE CELLOS_VERSION_1_0

/**
 * CELLOS_VERSION_MIN_REQUIRED:
 *
 * Define this before including `<cellos/cellos.h>` to the oldest libcellos
 * version the program must run against: API deprecated in that version or
 * earlier then warns. Defaults to %CELLOS_VERSION_CUR_STABLE.
 *
 * Since: 1.0
 */
#ifndef CELLOS_VERSION_MIN_REQUIRED
#define CELLOS_VERSION_MIN_REQUIRED (CELLOS_VERSION_CUR_STABLE)
#endif

/**
 * CELLOS_VERSION_MAX_ALLOWED:
 *
 * Define this before including `<cellos/cellos.h>` to the newest libcellos
 * version whose API the program may use: API added after it warns.
 * Defaults to %CELLOS_VERSION_CUR_STABLE.
 *
 * Since: 1.0
 */
#ifndef CELLOS_VERSION_MAX_ALLOWED
#if CELLOS_VERSION_MIN_REQUIRED > CELLOS_VERSION_CUR_STABLE
#define CELLOS_VERSION_MAX_ALLOWED (CELLOS_VERSION_MIN_REQUIRED)
#else
#define CELLOS_VERSION_MAX_ALLOWED (CELLOS_VERSION_CUR_STABLE)
#endif
#endif

#if CELLOS_VERSION_MAX_ALLOWED < CELLOS_VERSION_MIN_REQUIRED
#error "CELLOS_VERSION_MAX_ALLOWED must be >= CELLOS_VERSION_MIN_REQUIRED"
#endif
#if CELLOS_VERSION_MIN_REQUIRED < CELLOS_VERSION_1_0
#error "CELLOS_VERSION_MIN_REQUIRED must be >= CELLOS_VERSION_1_0"
#endif

/* The library exports what it declares with these (it is built with
 * -fvisibility=hidden); a program imports it. */
#if defined (_WIN32) || defined (__CYGWIN__)
#define _CELLOS_EXPORT __declspec(dllexport)
#define _CELLOS_IMPORT __declspec(dllimport)
#elif defined (__GNUC__) || defined (__clang__)
#define _CELLOS_EXPORT __attribute__((visibility ("default")))
#define _CELLOS_IMPORT
#else
#define _CELLOS_EXPORT
#define _CELLOS_IMPORT
#endif

#ifdef CELLOS_COMPILATION
#define _CELLOS_API _CELLOS_EXPORT
#else
#define _CELLOS_API _CELLOS_IMPORT
#endif

#define CELLOS_EXTERN _CELLOS_API extern

/**
 * CELLOS_DEPRECATED_FOR:
 * @f: the name of what to use instead
 *
 * Marks an exported declaration as deprecated in favour of @f: using it
 * warns, unless `CELLOS_DISABLE_DEPRECATION_WARNINGS` is defined. The
 * `CELLOS_DEPRECATED_IN_x_y_FOR` macros use it.
 *
 * Since: 1.0
 */

/**
 * CELLOS_UNAVAILABLE:
 * @maj: the major version that introduced the declaration
 * @min: the minor version that introduced the declaration
 *
 * Marks an exported declaration as added in libcellos @maj.@min, newer
 * than %CELLOS_VERSION_MAX_ALLOWED: using it warns, unless
 * `CELLOS_DISABLE_DEPRECATION_WARNINGS` is defined. The
 * `CELLOS_AVAILABLE_IN_x_y` macros use it.
 *
 * Since: 1.0
 */
#ifdef CELLOS_DISABLE_DEPRECATION_WARNINGS
#define CELLOS_DEPRECATED CELLOS_EXTERN
#define CELLOS_DEPRECATED_FOR(f) CELLOS_EXTERN
#define CELLOS_UNAVAILABLE(maj, min) CELLOS_EXTERN
#else
#define CELLOS_DEPRECATED G_DEPRECATED CELLOS_EXTERN
#define CELLOS_DEPRECATED_FOR(f) G_DEPRECATED_FOR (f) CELLOS_EXTERN
#define CELLOS_UNAVAILABLE(maj, min) G_UNAVAILABLE (maj, min) CELLOS_EXTERN
#endif

#define CELLOS_AVAILABLE_IN_ALL CELLOS_EXTERN

/**
 * CELLOS_DEPRECATED_IN_1_0_FOR:
 * @f: the name of what to use instead
 *
 * Marks an exported declaration as deprecated since libcellos 1.0 in
 * favour of @f: using it warns if %CELLOS_VERSION_MIN_REQUIRED is 1.0 or
 * newer.
 *
 * Since: 1.0
 */
#if CELLOS_VERSION_MIN_REQUIRED >= CELLOS_VERSION_1_0
#define CELLOS_DEPRECATED_IN_1_0 CELLOS_DEPRECATED
#define CELLOS_DEPRECATED_IN_1_0_FOR(f) CELLOS_DEPRECATED_FOR (f)
#else
#define CELLOS_DEPRECATED_IN_1_0 CELLOS_EXTERN
#define CELLOS_DEPRECATED_IN_1_0_FOR(f) CELLOS_EXTERN
#endif

#if CELLOS_VERSION_MAX_ALLOWED < CELLOS_VERSION_1_0
#define CELLOS_AVAILABLE_IN_1_0 CELLOS_UNAVAILABLE (1, 0)
#else
#define CELLOS_AVAILABLE_IN_1_0 CELLOS_EXTERN
#endif

/**
 * CELLOS_DEPRECATED_IN_1_2_FOR:
 * @f: the name of what to use instead
 *
 * Marks an exported declaration as deprecated since libcellos 1.2 in
 * favour of @f: using it warns if %CELLOS_VERSION_MIN_REQUIRED is 1.2 or
 * newer.
 *
 * Since: 1.2
 */
#if CELLOS_VERSION_MIN_REQUIRED >= CELLOS_VERSION_1_2
#define CELLOS_DEPRECATED_IN_1_2 CELLOS_DEPRECATED
#define CELLOS_DEPRECATED_IN_1_2_FOR(f) CELLOS_DEPRECATED_FOR (f)
#else
#define CELLOS_DEPRECATED_IN_1_2 CELLOS_EXTERN
#define CELLOS_DEPRECATED_IN_1_2_FOR(f) CELLOS_EXTERN
#endif

#if CELLOS_VERSION_MAX_ALLOWED < CELLOS_VERSION_1_2
#define CELLOS_AVAILABLE_IN_1_2 CELLOS_UNAVAILABLE (1, 2)
#else
#define CELLOS_AVAILABLE_IN_1_2 CELLOS_EXTERN
#endif
