#!/bin/sh
# The contract runner catches backends that break the contract: each case
# runs contract tests on a deliberately broken test module, which must
# fail them, saying why, and on the correct test module, which must pass
# them. TAP output.
#
#   test-null           returns NULL without an error from create and destroy
#   test-wrongtype      returns a report from create, a handle from destroy
#   test-leaky          forgets to tear down a cell it made before a cancellation
#   test-deaf           never looks at its cancellable while it works
#   test-wrongcontext   calls back in the global default main context
#   test-early          calls back before the _async call returns
#   test-undestroyable  makes cells it cannot destroy
#
# and on modules that answer every call as the contract wants but are
# wrong about the cells they hold, which only the live-set checks (the
# companion TEST/live-set of each test) catch:
#
#   test-lying-destroy  reports a cell destroyed and keeps it
#   test-silent-leak    keeps the cell of a cancelled create, and has no
#                       "live-cells" count to give it away
#   test-short-listing  leaves the cell made last out of its listing
#
# and on one whose listing is right about its cells but returns handles
# that destroy refuses, which only the listing checks (the
# destroy-accepts-* tests) catch:
#
#   test-bare-listing   lists each cell by id alone, while destroy needs
#                       the details create put in the handle
#
# Copyright 2026 The CellOS authors
# SPDX-License-Identifier: LGPL-2.1-or-later

set -u

: "${CELLOS_BACKEND_CONTRACT:?CELLOS_BACKEND_CONTRACT must name the contract runner}"
: "${CELLOS_TEST_MISBEHAVING_MODULE_DIR:?CELLOS_TEST_MISBEHAVING_MODULE_DIR must name the test modules}"
: "${CELLOS_TEST_BACKEND_MODULE:?CELLOS_TEST_BACKEND_MODULE must name the test module}"

here=$(dirname "$0")
work=$(mktemp -d "${TMPDIR:-/tmp}/cellos-contract-broken.XXXXXX")
trap 'rm -rf "$work"' EXIT
. "$here/tap-result.sh"

# runs NAME MODULE TESTPATH: the runner's exit status on that one test;
# its output in $work/out.
runs () {
  "$here/contract/run-contract.sh" "$1" "$2" -p "$3" > "$work/out" 2>&1
  status=$?
  cat "$work/out" >> "$work/diagnostics"
  return "$status"
}

# caught NAME KIND TESTPATH [MESSAGE]: the broken module fails TESTPATH,
# with MESSAGE in the runner's output; the correct module passes it.
caught () {
  if runs "$1" "$CELLOS_TEST_MISBEHAVING_MODULE_DIR/libcellos-test-$2.so" "$3"; then
    echo "the runner passed $1 on $3" >> "$work/diagnostics"
    result 1 "$1 fails $3"
  elif [ -n "${4:-}" ] && ! grep -q -e "$4" "$work/out"; then
    echo "the runner did not say: $4" >> "$work/diagnostics"
    result 1 "$1 fails $3"
  else
    result 0 "$1 fails $3${4:+, saying so}"
  fi
  runs test-isolating "$CELLOS_TEST_BACKEND_MODULE" "$3"
  result $? "test-isolating passes $3"
}

failed_by_interface='the interface reports a backend'

caught test-null null /contract/sync/lifecycle "neither a result nor an error.*$failed_by_interface"
caught test-null null /contract/async/lifecycle "neither a result nor an error.*$failed_by_interface"
caught test-wrongtype wrongtype /contract/sync/lifecycle \
  "CellosTeardownReport instead of a CellosCellHandle.*$failed_by_interface"
caught test-wrongtype wrongtype /contract/async/lifecycle "CELLOS_ERROR_FAILED"
caught test-leaky leaky /contract/async/cancelled-create-leaves-no-cell "cells were left over"
caught test-leaky leaky /contract/sync/cancelled-create-leaves-no-cell "cells were left over"
caught test-leaky leaky /contract/async/cancel-during-create "left over"
caught test-deaf deaf /contract/sync/cancel-during-create "does not watch its cancellable"
caught test-deaf deaf /contract/async/cancel-during-create "does not watch its cancellable"
caught test-wrongcontext wrongcontext /contract/async/callbacks-in-callers-context \
  "no callback within .* in the caller's thread-default main context"
caught test-early early /contract/async/callback-not-before-return \
  "the callback ran before the _async call returned"
caught test-undestroyable undestroyable /contract/sync/lifecycle \
  "could not destroy cell contract-[0-9]*-[0-9a-f]*-1 the test left"

# caught_live_set NAME TESTPATH MESSAGE: the module of NAME passes TESTPATH
# but fails TESTPATH/live-set, with MESSAGE in the runner's output, and the
# correct modules pass both: test-isolating, which counts its cells, and
# test-listing, which lists them.
caught_live_set () {
  if runs "$1" "$CELLOS_TEST_MISBEHAVING_MODULE_DIR/libcellos-$1.so" "$2"; then
    echo "the runner passed $1 on $2" >> "$work/diagnostics"
    result 1 "$1 fails $2/live-set"
  elif ! grep -q -E "^not ok [0-9]+ $2/live-set\$" "$work/out" ||
       ! grep -q -E "^ok [0-9]+ $2\$" "$work/out"; then
    echo "the runner did not fail $2/live-set alone" >> "$work/diagnostics"
    result 1 "$1 fails $2/live-set"
  elif ! grep -q -e "^# $2/live-set: $3" "$work/out"; then
    echo "the runner did not say: $3" >> "$work/diagnostics"
    result 1 "$1 fails $2/live-set"
  else
    result 0 "$1 fails $2/live-set, saying so"
  fi
  runs test-isolating "$CELLOS_TEST_BACKEND_MODULE" "$2"
  result $? "test-isolating passes $2 and $2/live-set"
  runs test-listing "$CELLOS_TEST_MISBEHAVING_MODULE_DIR/libcellos-test-listing.so" "$2" &&
    grep -q -e "^# [0-9]* checks of the live set, by listing the backend's cells" "$work/out"
  result $? "test-listing passes $2 and $2/live-set, checked by listing"
}

cell='contract-[0-9]*-[0-9a-f]*-[0-9]*'
caught_live_set test-lying-destroy /contract/sync/lifecycle \
  "a destroyed cell is still listed: after destroy of cell $cell, cell $cell is listed, although its destroy reported it destroyed"
caught_live_set test-lying-destroy /contract/async/lifecycle \
  "a destroyed cell is still listed: after destroy_async of cell $cell, .*its destroy_async reported it destroyed"
caught_live_set test-silent-leak /contract/sync/cancelled-create-leaves-no-cell \
  "a cell leaked: after create of cell $cell, cell $cell is listed, although its create failed with G_IO_ERROR_CANCELLED and handed no cell over"
caught_live_set test-silent-leak /contract/async/cancelled-create-leaves-no-cell \
  "a cell leaked: after create_async of cell $cell, .*G_IO_ERROR_CANCELLED"
caught_live_set test-silent-leak /contract/async/cancel-during-create "a cell leaked"
caught_live_set test-short-listing /contract/sync/lifecycle \
  "a live cell is not listed: after create of cell $cell, cell $cell is not listed, although its create handed it over"
caught_live_set test-short-listing /contract/async/lifecycle "a live cell is not listed"

# caught_listing TESTPATH MESSAGE: test-bare-listing fails TESTPATH alone,
# not its live-set companion, with MESSAGE in the runner's output;
# test-listing passes both, and test-isolating, which cannot list, has
# TESTPATH skipped, saying why.
caught_listing () {
  if runs test-bare-listing "$CELLOS_TEST_MISBEHAVING_MODULE_DIR/libcellos-test-bare-listing.so" "$1"; then
    echo "the runner passed test-bare-listing on $1" >> "$work/diagnostics"
    result 1 "test-bare-listing fails $1"
  elif ! grep -q -E "^not ok [0-9]+ $1\$" "$work/out" ||
       ! grep -q -E "^ok [0-9]+ $1/live-set\$" "$work/out"; then
    echo "the runner did not fail $1 alone" >> "$work/diagnostics"
    result 1 "test-bare-listing fails $1"
  elif ! grep -q -e "^# $1: $2" "$work/out"; then
    echo "the runner did not say: $2" >> "$work/diagnostics"
    result 1 "test-bare-listing fails $1"
  else
    result 0 "test-bare-listing fails $1, saying so"
  fi
  runs test-listing "$CELLOS_TEST_MISBEHAVING_MODULE_DIR/libcellos-test-listing.so" "$1" &&
    grep -q -E "^ok [0-9]+ $1\$" "$work/out" && grep -q -E "^ok [0-9]+ $1/live-set\$" "$work/out"
  result $? "test-listing passes $1 and $1/live-set"
  runs test-isolating "$CELLOS_TEST_BACKEND_MODULE" "$1" &&
    grep -q -E "^ok [0-9]+ $1 # SKIP the backend cannot list its cells \(CELLOS_ERROR_NOT_SUPPORTED: " "$work/out"
  result $? "test-isolating, which cannot list, has $1 skipped, saying why"
}

refused='failed: cellos-error-quark [0-9]*: The handle of cell .* has no serial number$'
caught_listing /contract/sync/destroy-accepts-listed-handle \
  "destroy, through the handle the listing returned, of cell $cell $refused"
caught_listing /contract/async/destroy-accepts-listed-handle \
  "destroy_async, through the handle the listing returned, of cell $cell $refused"
caught_listing /contract/sync/destroy-accepts-handle-rebuilt-from-listed-id \
  "destroy, through a handle rebuilt from the listed id with cellos_cell_handle_new (id, NULL), of cell $cell $refused"
caught_listing /contract/async/destroy-accepts-handle-rebuilt-from-listed-id \
  "destroy_async, through a handle rebuilt from the listed id .*, of cell $cell $refused"

# A whole run on each: the runner exits non-zero, and every test it fails
# is a live-set companion or, for a backend whose listing is wrong, a
# destroy-accepts-* test, which lists too; the cells a leaky backend kept
# are destroyed through its listing.
for name in test-lying-destroy test-silent-leak test-short-listing; do
  mkdir -p "$work/$name"
  cp "$CELLOS_TEST_MISBEHAVING_MODULE_DIR/libcellos-$name.so" "$work/$name/"
  CELLOS_BACKEND_MODULE_DIR="$work/$name" "$CELLOS_BACKEND_CONTRACT" --backend "$name" --tap \
    > "$work/out" 2>&1
  status=$?
  cat "$work/out" >> "$work/diagnostics"
  [ "$status" -ne 0 ] && grep -q -E '^not ok [0-9]+ /contract/.*/live-set$' "$work/out" &&
    ! grep -E '^not ok ' "$work/out" | grep -q -v -E '(/live-set|/destroy-accepts-[a-z-]*)$'
  result $? "$name fails a whole run, in live-set and listing checks only"
  if [ "$name" = test-silent-leak ]; then
    grep -q -e "^# /contract/.*/live-set: destroyed cell $cell the backend kept" "$work/out" &&
      ! grep -q -e "is left behind" "$work/out"
    result $? "the runner destroys the cells $name kept, through its listing"
  fi
done

# A whole run on test-bare-listing fails exactly the four
# destroy-accepts-* tests: what it holds is what it lists, so every
# live-set companion passes, and the runner destroys its cells through
# the handles create returned.
mkdir -p "$work/test-bare-listing"
cp "$CELLOS_TEST_MISBEHAVING_MODULE_DIR/libcellos-test-bare-listing.so" "$work/test-bare-listing/"
CELLOS_BACKEND_MODULE_DIR="$work/test-bare-listing" "$CELLOS_BACKEND_CONTRACT" \
  --backend test-bare-listing --tap > "$work/out" 2>&1
status=$?
cat "$work/out" >> "$work/diagnostics"
[ "$status" -ne 0 ] &&
  [ "$(grep -c -E '^not ok [0-9]+ /contract/(sync|async)/destroy-accepts-[a-z-]*$' "$work/out")" -eq 4 ] &&
  [ "$(grep -c -E '^not ok ' "$work/out")" -eq 4 ] && ! grep -q -e "is left behind" "$work/out"
result $? "test-bare-listing fails a whole run, in the four listing checks only"

# Every test runs and is reported even when some fail, without -k.
module_dir="$work/broken"
mkdir -p "$module_dir"
cp "$CELLOS_TEST_MISBEHAVING_MODULE_DIR/libcellos-test-null.so" "$module_dir/"
CELLOS_BACKEND_MODULE_DIR="$module_dir" "$CELLOS_BACKEND_CONTRACT" --backend test-null --tap \
  > "$work/out" 2> "$work/err"
status=$?
planned=$(sed -n 's/^1\.\.\([0-9]*\)$/\1/p' "$work/out")
reported=$(grep -c -E '^(not )?ok [0-9]+ ' "$work/out")
passed=$(grep -c -E '^ok [0-9]+ ' "$work/out")
cat "$work/out" >> "$work/diagnostics"
[ "$status" -ne 0 ] && [ -n "$planned" ] && [ "$planned" -gt 10 ] &&
  [ "$reported" -eq "$planned" ] && [ "$passed" -gt 0 ] && [ "$passed" -lt "$planned" ]
result $? "a run with failures reports every test, passed and failed, and exits non-zero"

# Cell ids are unique to each run: two runs never use the same one (the
# runner names the cells it cannot destroy).
rm "$module_dir/libcellos-test-null.so"
cp "$CELLOS_TEST_MISBEHAVING_MODULE_DIR/libcellos-test-undestroyable.so" "$module_dir/"
for run in 1 2; do
  CELLOS_BACKEND_MODULE_DIR="$module_dir" "$CELLOS_BACKEND_CONTRACT" --backend test-undestroyable \
    -p /contract/sync/lifecycle > "$work/ids$run" 2>&1
done
id1=$(grep -o -E 'contract-[0-9]+-[0-9a-f]+-[0-9]+' "$work/ids1" | head -n 1)
id2=$(grep -o -E 'contract-[0-9]+-[0-9a-f]+-[0-9]+' "$work/ids2" | head -n 1)
echo "ids: '$id1' '$id2'" >> "$work/diagnostics"
[ -n "$id1" ] && [ -n "$id2" ] && [ "$id1" != "$id2" ]
result $? "cell ids differ between runs"

tap_done
