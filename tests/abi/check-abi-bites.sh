#!/bin/sh
# Proof that the ABI check bites: variants of the library, built in a
# scratch copy of its sources with the same flags, each with one change to
# its ABI, must each fail the comparison with the committed baseline that
# tests/abi/check-abi.sh uses (the one of this architecture) — and an
# unchanged copy must pass it, so that a failure is the change's and not
# the copy's. Against a release baseline, an added function and an append
# to the backend interface pass instead: a release allows additions. The
# symbols and types to change are read from the version script and the
# headers.
#
# Copyright 2026 The CellOS authors
# SPDX-License-Identifier: LGPL-2.1-or-later

. "$(dirname "$0")/abi-functions.sh"

if ! cellos_abi_applies "$cellos_lib_so"; then
  echo "1..0 # SKIP check-abi-bites: $cellos_abi_reason"
  exit 0
fi

work=$(cellos_scratch_dir) || exit 99
trap 'rm -rf "$work"' EXIT
baseline=$abs_top_srcdir/$cellos_abi_picked
kind=$cellos_abi_picked_kind
soname=$($OBJDUMP -p "$cellos_lib_so" | awk '$1 == "SONAME" { print $2 }')

# The public function to remove, rename and add next to: the first one of
# the version script that is not a GType getter.
victim=$(sed -n 's/^[ \t]*\(cellos_[a-z0-9_]*\);.*/\1/p' "$abs_top_srcdir/$cellos_map" \
  | grep -v '_get_type$' | head -n 1)

# The public headers with the first enumeration and the first interface
# struct, by file name.
first_header_with () # PATTERN
{
  for h in $cellos_public_headers; do
    if grep -q -- "$1" "$abs_top_srcdir/$h"; then
      basename "$h"
      return 0
    fi
  done
}
enum_header=$(first_header_with '^typedef enum')
interface_header=$(first_header_with '^  GTypeInterface [a-z_]*;')

# A fresh copy of the library's sources: lib/ and include/cellos/.
copy_sources () # DIR
{
  mkdir -p "$1/lib" || return 1
  for f in $cellos_lib_sources $cellos_lib_private_headers $cellos_map; do
    cp "$abs_top_srcdir/$f" "$1/lib/" || return 1
  done
  for f in $cellos_lib_built_sources; do
    cp "$abs_top_builddir/$f" "$1/lib/" || return 1
  done
  cellos_install_headers "$1/include"
}

# The copy in DIR built as the library is, into DIR/lib.so; its headers
# and version script come before the tree's. -O0 because optimisation
# changes no type and costs time; -Wno-error because a test change need
# not please every warning.
build_variant () # DIR
{
  (
    cd "$abs_top_builddir" &&
      eval "\$CC -shared -fPIC -I\"\$1/include\" -I\"\$1/include/cellos\" \
        $cellos_lib_cppflags $cellos_lib_cflags -O0 -Wno-error \
        -Wl,--version-script=\"\$1/lib/cellos.map\" -Wl,-soname,\"\$soname\" \
        -o \"\$1/lib.so\" \"\$1\"/lib/*.c $cellos_lib_libs"
  )
}

# One variant: a copy, changed by the function CHANGE, built and compared
# with the baseline: DIR/report is the comparison's report, DIR/status
# its status (2 if the variant did not build).
variant () # NAME CHANGE
{
  dir=$work/$1
  if copy_sources "$dir" && (cd "$dir" && $2) && build_variant "$dir" > "$dir/build.log" 2>&1; then
    cellos_abi_diff "$baseline" "$dir/lib.so" "$kind" > "$dir/report" 2>&1
    echo $? > "$dir/status"
  else
    { echo "the variant $1 did not build:"; cat "$dir/build.log"; } > "$dir/report" 2>&1
    echo 2 > "$dir/status"
  fi
}

expect_same () # NAME
{
  [ "$(cat "$work/$1/status")" -eq 0 ] || {
    cat "$work/$1/report"
    return 1
  }
}

# Against a release baseline: passes, its report names PATTERN (what the
# variant added), and it names an append only if the unchanged copy's
# report does (the tree itself may have appended virtual methods since
# the release).
expect_allowed () # NAME PATTERN
{
  expect_same "$1" || return 1
  grep -qF -- "$2" "$work/$1/report" || {
    echo "the report does not name $2:"
    sed 's/^/  /' "$work/$1/report"
    return 1
  }
  if grep -qF -- "$cellos_abi_append_verdict" "$work/$1/report" &&
     ! grep -qF -- "$cellos_abi_append_verdict" "$work/unchanged/report"; then
    echo "the report names this change an append:"
    sed 's/^/  /' "$work/$1/report"
    return 1
  fi
}

# Fails unless the variant NAME built and differs from the baseline, and
# its report mentions PATTERN.
expect_difference () # NAME PATTERN
{
  status=$(cat "$work/$1/status")
  if [ "$status" -eq 0 ]; then
    echo "abidiff found no difference"
    return 1
  elif [ "$status" -eq 2 ] || [ "$status" -eq 77 ]; then
    cat "$work/$1/report"
    return 1
  fi
  grep -q -- "$2" "$work/$1/report" || {
    echo "the report does not mention $2:"
    sed 's/^/  /' "$work/$1/report"
    return 1
  }
}

# Fails unless the variant NAME differs from the baseline and its report
# names the difference as virtual methods appended to the backend
# interface and nothing else.
expect_append () # NAME
{
  if [ "$kind" = release ]; then
    # Allowed: it passes, named an append, with the variant's own
    # virtual method among the appended.
    expect_same "$1" && grep -qF -- "$cellos_abi_append_verdict" "$work/$1/report" &&
      grep -qF -- "abi_test_appended" "$work/$1/report" || {
      echo "not named an append:"
      sed 's/^/  /' "$work/$1/report"
      return 1
    }
  else
    expect_difference "$1" "abi_test_appended" &&
      expect_difference "$1" "$cellos_abi_append_verdict"
  fi
}

# Fails unless the variant NAME differs from the baseline and its report
# does not name the difference an append.
expect_no_append () # NAME
{
  expect_difference "$1" "." || return 1
  if grep -qF -- "$cellos_abi_append_verdict" "$work/$1/report"; then
    echo "the report names this change an append:"
    sed 's/^/  /' "$work/$1/report"
    return 1
  fi
}

unchanged () { :; }

remove_from_map ()
{
  sed -i "/^[ \t]*$victim;/d" lib/cellos.map
}

rename_everywhere ()
{
  sed -i "s/\\b$victim\\b/${victim}_renamed/g" lib/*.c lib/*.h lib/cellos.map include/cellos/*.h
}

# A new enumerator at the head of the first public enumeration: every
# value after it shifts.
change_enum ()
{
  header=include/cellos/$enum_header
  awk '
    /^typedef enum/ && !done { in_enum = 1 }
    { print }
    in_enum && /\{/ { print "  CELLOS_ABI_TEST_INSERTED,"; in_enum = 0; done = 1 }
  ' "$header" > "$header.new" && mv "$header.new" "$header"
}

# Every gssize of the public headers and sources a gint64: the same C
# type on 64-bit architectures, 4 bytes grown to 8 on 32-bit ones; one
# GLib type for another, which abidiff, comparing the types of the public
# headers only, does not report (cellos_abi_signatures does).
widen_gssize ()
{
  sed -i 's/\bgssize\b/gint64/g' lib/*.c lib/*.h include/cellos/*.h
}

# A new virtual method at the head of the first public interface struct.
change_interface ()
{
  sed -i 's/^  GTypeInterface [a-z_]*;/&\n  void (*abi_test_inserted) (void);/' "include/cellos/$interface_header"
}

# A new virtual method at the end of the same struct: the one change to a
# public type a later API version may make.
append_to_interface ()
{
  awk '
    /^struct _[A-Za-z]*Interface$/ && !done { in_struct = 1 }
    in_struct && /^};/ { print "  void (*abi_test_appended) (void);"; in_struct = 0; done = 1 }
    { print }
  ' "include/cellos/$interface_header" > "$interface_header.new" &&
    mv "$interface_header.new" "include/cellos/$interface_header"
}

# The first virtual method of the same struct moved to its end: its size
# stays, its members move.
reorder_interface ()
{
  awk '
    /^struct _[A-Za-z]*Interface$/ && !done { in_struct = 1 }
    in_struct && !moved && /\(\*[a-z_]*\)/ { taking = 1 }
    taking { member = member $0 "\n"; if ($0 ~ /;$/) { taking = 0; moved = 1 } ; next }
    in_struct && /^};/ { printf "%s", member; in_struct = 0; done = 1 }
    { print }
  ' "include/cellos/$interface_header" > "$interface_header.new" &&
    mv "$interface_header.new" "include/cellos/$interface_header"
}

# An append and another change together: not an append alone.
append_and_add_function ()
{
  append_to_interface && add_function
}

# A new public function, declared, defined and exported as the victim is.
add_function ()
{
  header=$(grep -l "\\b$victim\\b" include/cellos/*.h | head -n 1)
  source=$(grep -l "^$victim\\b" lib/*.c | head -n 1)
  [ -n "$header" ] && [ -n "$source" ] || return 1
  awk '/^G_END_DECLS/ { print "CELLOS_AVAILABLE_IN_ALL"; print "int cellos_abi_test_added (void);" } { print }' \
    "$header" > "$header.new" && mv "$header.new" "$header" &&
    printf '\nint\ncellos_abi_test_added (void)\n{\n  return 0;\n}\n' >> "$source" &&
    sed -i "s/^\\([ \t]*\\)$victim;/&\n\\1cellos_abi_test_added;/" lib/cellos.map
}

if [ -z "$victim" ] || [ -z "$enum_header" ] || [ -z "$interface_header" ]; then
  echo "Bail out! no public function, enumeration or interface struct found to change"
  exit 99
fi

# Two at a time, as make -j2 would.
{
  variant unchanged unchanged
  variant removed remove_from_map
  variant renamed rename_everywhere
  variant appended append_to_interface
  variant appended_and_added append_and_add_function
} &
{
  variant enum change_enum
  variant interface change_interface
  variant added add_function
  variant reordered reorder_interface
  variant widened widen_gssize
} &
wait

tap_check "an unchanged copy of the library passes check-abi ($kind baseline)" expect_same unchanged
tap_check "removing $victim fails check-abi" expect_difference removed "$victim"
if [ "$kind" = release ]; then
  # The release's name is gone; the new one is an addition, not reported.
  tap_check "renaming $victim fails check-abi" expect_difference renamed "$victim"
else
  tap_check "renaming $victim fails check-abi" expect_difference renamed "${victim}_renamed"
fi
# The values of enumerations are the same on every architecture, and the
# current baseline holds them. 1.0.0 declared its enumeration anonymous,
# and libabigail matches an anonymous enumeration with no later one, so a
# 1.0.0 release baseline cannot tell a changed value.
if [ "$kind" = current ]; then
  tap_check "a changed public enumeration ($enum_header) fails check-abi" expect_difference enum "$enum_header"
fi
tap_check "a gssize parameter widened to gint64 (twice the size on 32-bit architectures) fails check-abi" \
  expect_difference widened gint64
tap_check "a changed public interface struct ($interface_header) fails check-abi" \
  expect_difference interface "abi_test_inserted"
if [ "$kind" = release ]; then
  tap_check "an added public function passes check-abi against the release baseline" \
    expect_allowed added "cellos_abi_test_added"
  tap_check "a virtual method appended to $interface_header's interface passes check-abi against the release baseline, named as an append" \
    expect_append appended
else
  tap_check "an added public function fails check-abi, named in its report" \
    expect_difference added "cellos_abi_test_added"
  tap_check "a virtual method appended to $interface_header's interface fails check-abi, named as an append" \
    expect_append appended
fi
tap_check "a virtual method inserted at the head of the interface is not named an append" \
  expect_no_append interface
tap_check "the interface's first virtual method moved to its end is not named an append" \
  expect_no_append reordered
if [ "$kind" = release ]; then
  tap_check "an append together with an added function passes check-abi against the release baseline, named as an append" \
    expect_append appended_and_added
else
  tap_check "an added public function is not named an append" expect_no_append added
  tap_check "an append together with an added function is not named an append" \
    expect_no_append appended_and_added
fi

tap_done
