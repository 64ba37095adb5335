#!/bin/sh
# CELLOS_VERSION_MIN_REQUIRED / CELLOS_VERSION_MAX_ALLOWED behave as GLib's
# GLIB_VERSION_* do: compiled with -Werror against the uninstalled headers,
# a program fails when it uses API newer than MAX_ALLOWED, or API deprecated
# in a version MIN_REQUIRED has reached, and only then.
#
# Copyright 2026 The CellOS authors
# SPDX-License-Identifier: LGPL-2.1-or-later

. "$(dirname "$0")/abi-functions.sh"

work=$(cellos_scratch_dir) || exit 99
trap 'rm -rf "$work"' EXIT

# Test-only declarations: one per annotation of each release in
# cellos-version-macros.h, and a release after the newest (NEXT, 1.4)
# annotated the way that header annotates each release. USE names the one
# the program calls.
cat > "$work/program.c" <<'EOC'
#include <cellos/cellos.h>

#define TEST_VERSION_NEXT (CELLOS_ENCODE_VERSION (1, 4))

#if CELLOS_VERSION_MAX_ALLOWED < TEST_VERSION_NEXT
#define TEST_AVAILABLE_IN_NEXT CELLOS_UNAVAILABLE (1, 4)
#else
#define TEST_AVAILABLE_IN_NEXT CELLOS_EXTERN
#endif

CELLOS_AVAILABLE_IN_1_0 int test_added_in_1_0 (void);
CELLOS_DEPRECATED_IN_1_0 int test_deprecated_in_1_0 (void);
CELLOS_DEPRECATED_IN_1_0_FOR (test_replacement) int test_deprecated_for_in_1_0 (void);
CELLOS_AVAILABLE_IN_1_2 int test_added_in_1_2 (void);
CELLOS_DEPRECATED_IN_1_2 int test_deprecated_in_1_2 (void);
CELLOS_DEPRECATED_IN_1_2_FOR (test_replacement) int test_deprecated_for_in_1_2 (void);
TEST_AVAILABLE_IN_NEXT int test_added_in_next (void);

#if defined (TEST_CUR_STABLE) && CELLOS_VERSION_CUR_STABLE != \
    CELLOS_ENCODE_VERSION (CELLOS_MAJOR_VERSION, CELLOS_MINOR_VERSION + CELLOS_MINOR_VERSION % 2)
#error "CELLOS_VERSION_CUR_STABLE is not the stable series of CELLOS_MAJOR_VERSION.CELLOS_MINOR_VERSION"
#endif

int test_use (void);

int
test_use (void)
{
  return USE ();
}
EOC

v1_0='CELLOS_VERSION_1_0'
v1_2='CELLOS_VERSION_1_2'
next='CELLOS_ENCODE_VERSION (1, 4)'

# Compile the program with these -D settings; its diagnostics to stdout.
compile () # -D...
{
  $CC -std=gnu99 -Wall -Werror -I"$abs_top_srcdir/include" -I"$abs_top_builddir/include" \
    $cellos_deps_cflags "$@" -c -o "$work/program.o" "$work/program.c" 2>&1
}

compiles () # -D...
{
  compile "$@"
}

# Fails unless the program fails to compile, saying PATTERN.
fails_saying () # PATTERN -D...
{
  pattern=$1
  shift
  if output=$(compile "$@"); then
    echo "compiled without a warning"
    return 1
  fi
  printf '%s\n' "$output" | grep -q -- "$pattern" || {
    echo "failed, but did not say \"$pattern\":"
    printf '%s\n' "$output"
    return 1
  }
}

tap_check "CELLOS_VERSION_CUR_STABLE is the stable series of this version" \
  compiles -DUSE=test_added_in_1_0 -DTEST_CUR_STABLE
tap_check "1.0 API compiles cleanly with the defaults" \
  compiles -DUSE=test_added_in_1_0
tap_check "1.2 API compiles cleanly with the defaults" \
  compiles -DUSE=test_added_in_1_2
tap_check "API newer than CELLOS_VERSION_MAX_ALLOWED warns" \
  fails_saying "Not available before 1.4" -DUSE=test_added_in_next
tap_check "1.2 API warns with CELLOS_VERSION_MAX_ALLOWED at 1.0" \
  fails_saying "Not available before 1.2" -DUSE=test_added_in_1_2 \
  "-DCELLOS_VERSION_MIN_REQUIRED=$v1_0" "-DCELLOS_VERSION_MAX_ALLOWED=$v1_0"
tap_check "raising CELLOS_VERSION_MAX_ALLOWED allows newer API" \
  compiles -DUSE=test_added_in_next "-DCELLOS_VERSION_MAX_ALLOWED=$next"
tap_check "raising CELLOS_VERSION_MIN_REQUIRED raises the default MAX_ALLOWED with it" \
  compiles -DUSE=test_added_in_next "-DCELLOS_VERSION_MIN_REQUIRED=$next"
tap_check "API deprecated in 1.2 does not warn while CELLOS_VERSION_MIN_REQUIRED is 1.0" \
  compiles -DUSE=test_deprecated_in_1_2 "-DCELLOS_VERSION_MIN_REQUIRED=$v1_0"
tap_check "API deprecated in 1.2 warns once CELLOS_VERSION_MIN_REQUIRED reaches 1.2" \
  fails_saying "deprecated" -DUSE=test_deprecated_in_1_2 "-DCELLOS_VERSION_MIN_REQUIRED=$v1_2"
tap_check "CELLOS_DEPRECATED_IN_1_2_FOR names the replacement" \
  fails_saying "test_replacement" -DUSE=test_deprecated_for_in_1_2 \
  "-DCELLOS_VERSION_MIN_REQUIRED=$v1_2"
tap_check "CELLOS_DEPRECATED_IN_1_0 warns (CELLOS_VERSION_MIN_REQUIRED is never below 1.0)" \
  fails_saying "deprecated" -DUSE=test_deprecated_in_1_0
tap_check "CELLOS_DEPRECATED_IN_1_0_FOR names the replacement" \
  fails_saying "test_replacement" -DUSE=test_deprecated_for_in_1_0
tap_check "CELLOS_DISABLE_DEPRECATION_WARNINGS silences deprecations" \
  compiles -DUSE=test_deprecated_in_1_0 -DCELLOS_DISABLE_DEPRECATION_WARNINGS
tap_check "CELLOS_DISABLE_DEPRECATION_WARNINGS silences API newer than MAX_ALLOWED" \
  compiles -DUSE=test_added_in_next -DCELLOS_DISABLE_DEPRECATION_WARNINGS
tap_check "CELLOS_VERSION_MAX_ALLOWED below CELLOS_VERSION_MIN_REQUIRED is an error" \
  fails_saying "CELLOS_VERSION_MAX_ALLOWED must be" -DUSE=test_added_in_1_0 \
  "-DCELLOS_VERSION_MIN_REQUIRED=$v1_2" "-DCELLOS_VERSION_MAX_ALLOWED=$v1_0"
tap_check "CELLOS_VERSION_MIN_REQUIRED below 1.0 is an error" \
  fails_saying "CELLOS_VERSION_MIN_REQUIRED must be" -DUSE=test_added_in_1_0 \
  "-DCELLOS_VERSION_MIN_REQUIRED=CELLOS_ENCODE_VERSION (0, 9)"
tap_done
