#!/bin/sh
# The backend contract on the built-in stub. The stub keeps nothing: it
# cannot list its cells and has no "live-cells" count, so the runner must
# pass every test but those that need a listing, and report those and
# every TEST/live-set as skipped, saying why, never as passed. TAP output.
#
# Copyright 2026 The CellOS authors
# SPDX-License-Identifier: LGPL-2.1-or-later

set -u

: "${CELLOS_BACKEND_CONTRACT:?CELLOS_BACKEND_CONTRACT must name the contract runner}"

here=$(dirname "$0")
work=$(mktemp -d "${TMPDIR:-/tmp}/cellos-contract-stub.XXXXXX")
trap 'rm -rf "$work"' EXIT
. "$here/tap-result.sh"

"$here/contract/run-contract.sh" stub > "$work/out" 2> "$work/err"
status=$?

why='the live set is not checked: the backend cannot list its cells \(CELLOS_ERROR_NOT_SUPPORTED: .*\) and has no unsigned "live-cells" property$'
cannot_list='the backend cannot list its cells \(CELLOS_ERROR_NOT_SUPPORTED: .*\)$'
grep -E '^(not )?ok [0-9]+ ' "$work/out" > "$work/results"
while read -r line; do
  path=$(printf '%s\n' "$line" | sed -E 's/^(not )?ok [0-9]+ ([^ ]*).*/\2/')
  case $path in
    */live-set)
      printf '%s\n' "$line" >> "$work/diagnostics"
      printf '%s\n' "$line" | grep -q -E "^ok [0-9]+ $path # SKIP $why"
      result $? "$path is skipped, saying that the stub can neither list nor count its cells" ;;
    */destroy-accepts-*)
      printf '%s\n' "$line" >> "$work/diagnostics"
      printf '%s\n' "$line" | grep -q -E "^ok [0-9]+ $path # SKIP $cannot_list"
      result $? "$path is skipped, saying that the stub cannot list its cells" ;;
    *)
      printf '%s\n' "$line" >> "$work/diagnostics"
      case $line in
        ok*) result 0 "$path" ;;
        *) cat "$work/err" >> "$work/diagnostics"; result 1 "$path" ;;
      esac ;;
  esac
done < "$work/results"

planned=$(sed -n 's/^1\.\.\([0-9]*\)$/\1/p' "$work/out")
companions=$(grep -c -E '^ok [0-9]+ [^ ]*/live-set # SKIP ' "$work/results")
cat "$work/out" "$work/err" >> "$work/diagnostics"
[ "$status" -eq 0 ] && [ -n "$planned" ] && [ "$planned" -gt 0 ] &&
  [ "$(wc -l < "$work/results")" -eq "$planned" ] && [ "$((companions * 2))" -eq "$planned" ]
result $? "the runner exits 0 and reports every test, each with its live-set companion"

tap_done
