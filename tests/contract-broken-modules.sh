#!/bin/sh
# The contract runner catches backends that break the contract: each case
# runs one contract test on a deliberately broken test module, which must
# fail it, and on the correct test module, which must pass it. TAP output.
#
#   test-null   returns NULL without an error from create and destroy
#   test-leaky  forgets to tear down a cell it made before a cancellation
#
# Copyright 2026 The CellOS authors
# SPDX-License-Identifier: LGPL-2.1-or-later

set -u

: "${CELLOS_TEST_MISBEHAVING_MODULE_DIR:?CELLOS_TEST_MISBEHAVING_MODULE_DIR must name the test modules}"
: "${CELLOS_TEST_BACKEND_MODULE:?CELLOS_TEST_BACKEND_MODULE must name the test module}"

here=$(dirname "$0")
work=$(mktemp -d "${TMPDIR:-/tmp}/cellos-contract-broken.XXXXXX")
trap 'rm -rf "$work"' EXIT
. "$here/tap-result.sh"

# runs NAME MODULE TESTPATH: the runner's exit status on that one test.
runs () {
  "$here/contract/run-contract.sh" "$1" "$2" -p "$3" > "$work/out" 2>&1
  status=$?
  cat "$work/out" >> "$work/diagnostics"
  return "$status"
}

caught () {
  if runs "$1" "$CELLOS_TEST_MISBEHAVING_MODULE_DIR/libcellos-test-$2.so" "$3"; then
    echo "the runner passed $1 on $3" >> "$work/diagnostics"
    result 1 "$1 fails $3"
  else
    result 0 "$1 fails $3"
  fi
  runs test-isolating "$CELLOS_TEST_BACKEND_MODULE" "$3"
  result $? "test-isolating passes $3"
}

caught test-null null /contract/sync/lifecycle
caught test-null null /contract/async/lifecycle
caught test-leaky leaky /contract/async/cancelled-create-leaves-no-cell
caught test-leaky leaky /contract/sync/cancelled-create-leaves-no-cell

tap_done
