#!/bin/sh
# Every public header, included after <cellos/cellos.h> as a program
# would, compiles as strict C99 and as C++, against the uninstalled tree;
# and every header but cellos.h refuses to be included on its own.
#
# Copyright 2026 The CellOS authors
# SPDX-License-Identifier: LGPL-2.1-or-later

. "$(dirname "$0")/abi-functions.sh"

work=$(cellos_scratch_dir) || exit 99
trap 'rm -rf "$work"' EXIT

includes="-I$abs_top_srcdir/include -I$abs_top_builddir/include $cellos_deps_cflags"
# The library's header directory and its one header to include.
dir=${cellos_header_dir:-cellos}
umbrella=${cellos_umbrella_header:-cellos.h}

program () # HEADER...: a translation unit including them, in order
{
  for h in "$@"; do
    echo "#include <$dir/$h>"
  done
  echo "int main (void) { return 0; }"
}

compiles_as_c99 () # HEADER...
{
  program "$@" > "$work/program.c" &&
    $CC -std=c99 -pedantic -Wall -Wextra -Werror $includes -c -o "$work/program.o" "$work/program.c" 2>&1
}

compiles_as_cxx () # HEADER...
{
  program "$@" > "$work/program.cc" &&
    $CXX -x c++ -pedantic -Wall -Wextra -Werror $includes -c -o "$work/program.o" "$work/program.cc" 2>&1
}

refuses_direct_inclusion () # HEADER
{
  program "$1" > "$work/program.c"
  if $CC -std=c99 $includes -c -o "$work/program.o" "$work/program.c" > "$work/output" 2>&1; then
    echo "<$dir/$1> compiled on its own"
    return 1
  fi
  grep -q "Only <$dir/$umbrella> can be included directly" "$work/output" || {
    cat "$work/output"
    return 1
  }
}

tap_check "$umbrella compiles as C99 (-std=c99 -pedantic -Wall -Wextra -Werror)" compiles_as_c99 "$umbrella"
tap_check "$umbrella compiles as C++ (-pedantic -Wall -Wextra -Werror)" compiles_as_cxx "$umbrella"
for path in $cellos_public_headers $cellos_generated_headers; do
  h=$(basename "$path")
  [ "$h" = "$umbrella" ] && continue
  tap_check "$h compiles after $umbrella as C99" compiles_as_c99 "$umbrella" "$h"
  tap_check "$h compiles after $umbrella as C++" compiles_as_cxx "$umbrella" "$h"
  tap_check "$h refuses to be included without $umbrella" refuses_direct_inclusion "$h"
done
tap_done
