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
