#!/bin/sh
# The example backend module (examples/backend-module/) keeps the contract,
# twice over the same cell root (a second run finds nothing left by the
# first), with every live-set check made by listing its cells, the
# handles it lists accepted by its destroy and no test skipped, leaves no
# cell directory behind, and says why it is not available when its root
# cannot be used. TAP output.
#
# Copyright 2026 The CellOS authors
# SPDX-License-Identifier: LGPL-2.1-or-later

set -u

: "${CELLOS_BACKEND_CONTRACT:?CELLOS_BACKEND_CONTRACT must name the contract runner}"
: "${CELLOS_CELL:?CELLOS_CELL must name the cellos-cell binary}"
: "${CELLOS_EXAMPLE_BACKEND_MODULE:?CELLOS_EXAMPLE_BACKEND_MODULE must name the example module}"

here=$(dirname "$0")
work=$(mktemp -d "${TMPDIR:-/tmp}/cellos-contract-example.XXXXXX")
trap 'rm -rf "$work"' EXIT
. "$here/tap-result.sh"

mkdir "$work/modules" "$work/cells"
cp "$CELLOS_EXAMPLE_BACKEND_MODULE" "$work/modules/"
export CELLOS_BACKEND_MODULE_DIR="$work/modules"
unset CELLOS_CELL_BACKEND

for run in first second; do
  CELLOS_EXAMPLE_BACKEND_ROOT="$work/cells" "$CELLOS_BACKEND_CONTRACT" --backend example --tap \
    > "$work/out" 2>&1
  status=$?
  cat "$work/out" >> "$work/diagnostics"
  result "$status" "the example module passes the contract, $run run"
done

# It lists its cells: no test is skipped, each live-set companion made
# its checks by listing, and destroy accepted the handles listed and
# those rebuilt from listed ids.
companions=$(grep -c -E '^ok [0-9]+ /contract/.*/live-set$' "$work/out")
listed=$(grep -c -e "^# [0-9]* checks of the live set, by listing the backend's cells$" "$work/out")
echo "$companions live-set companions passed, $listed by listing" >> "$work/diagnostics"
! grep -q -e ' # SKIP' "$work/out" && [ "$companions" -gt 0 ] && [ "$listed" -eq "$companions" ]
result $? "the runner checks the example module's live set by listing, skipping nothing"
[ "$(grep -c -E '^ok [0-9]+ /contract/(sync|async)/destroy-accepts-[a-z-]*$' "$work/out")" -eq 4 ]
result $? "the example module's destroy accepts the handles it lists, and those rebuilt from listed ids"

ls -A "$work/cells" >> "$work/diagnostics"
[ -z "$(ls -A "$work/cells")" ]
result $? "the runner leaves no cell directory behind"

# A root that cannot hold directories: the backend is listed, not
# available, with its reason, and never created.
: > "$work/not-a-directory"
CELLOS_EXAMPLE_BACKEND_ROOT="$work/not-a-directory/cells" "$CELLOS_CELL" backends \
  > "$work/out" 2>&1
cat "$work/out" >> "$work/diagnostics"
grep -q "^example  *-50  *no  *no  *$work/modules/" "$work/out" &&
  grep -q "^    .*“example”.*$work/not-a-directory/cells" "$work/out"
result $? "with an unusable root, backends shows the example module unavailable, and why"

CELLOS_EXAMPLE_BACKEND_ROOT="$work/not-a-directory/cells" "$CELLOS_BACKEND_CONTRACT" \
  --backend example -p /contract/sync/lifecycle > "$work/out" 2>&1
status=$?
cat "$work/out" >> "$work/diagnostics"
[ "$status" -ne 0 ] && grep -q "cannot create the backend .example.: .*not-a-directory/cells" "$work/out"
result $? "with an unusable root, the runner cannot create the backend, and says so"

tap_done
