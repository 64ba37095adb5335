#!/bin/sh
# The backend contract on the test-only isolating backend module. It
# cannot list its cells but counts them in a "live-cells" property, so the
# runner must pass every test and every TEST/live-set through the count,
# and report the tests that need a listing, and their companions, as
# skipped, saying why, never as passed. TAP output.
#
# Copyright 2026 The CellOS authors
# SPDX-License-Identifier: LGPL-2.1-or-later

set -u

: "${CELLOS_TEST_BACKEND_MODULE:?CELLOS_TEST_BACKEND_MODULE must name the test backend module}"

here=$(dirname "$0")
work=$(mktemp -d "${TMPDIR:-/tmp}/cellos-contract-test-module.XXXXXX")
trap 'rm -rf "$work"' EXIT
. "$here/tap-result.sh"

"$here/contract/run-contract.sh" test-isolating "$CELLOS_TEST_BACKEND_MODULE" \
  > "$work/out" 2> "$work/err"
status=$?

cannot_list='the backend cannot list its cells \(CELLOS_ERROR_NOT_SUPPORTED: .*\)$'
companion_skipped="its test was skipped: $cannot_list"
grep -E '^(not )?ok [0-9]+ ' "$work/out" > "$work/results"
while read -r line; do
  path=$(printf '%s\n' "$line" | sed -E 's/^(not )?ok [0-9]+ ([^ ]*).*/\2/')
  printf '%s\n' "$line" >> "$work/diagnostics"
  case $path in
    */destroy-accepts-*/live-set)
      printf '%s\n' "$line" | grep -q -E "^ok [0-9]+ $path # SKIP $companion_skipped"
      result $? "$path is skipped with its test" ;;
    */destroy-accepts-*)
      printf '%s\n' "$line" | grep -q -E "^ok [0-9]+ $path # SKIP $cannot_list"
      result $? "$path is skipped, saying that the backend cannot list its cells" ;;
    *)
      # Passed, and checked: no skip.
      printf '%s\n' "$line" | grep -q -E "^ok [0-9]+ $path\$"
      status_line=$?
      [ "$status_line" -eq 0 ] || cat "$work/err" >> "$work/diagnostics"
      result "$status_line" "$path" ;;
  esac
done < "$work/results"

planned=$(sed -n 's/^1\.\.\([0-9]*\)$/\1/p' "$work/out")
cat "$work/out" "$work/err" >> "$work/diagnostics"
[ "$status" -eq 0 ] && [ -n "$planned" ] && [ "$planned" -gt 0 ] &&
  [ "$(wc -l < "$work/results")" -eq "$planned" ] &&
  [ "$(grep -c -E '/destroy-accepts-[^ ]* # SKIP ' "$work/results")" -eq 8 ]
result $? "the runner exits 0 and reports every test, the eight that need a listing skipped"

tap_done
