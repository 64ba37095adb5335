#!/bin/sh
# test-fake-cli.sh: cellos-cell lifecycle --backend fake, configured by
# CELLOS_FAKE_RULES and recording to CELLOS_FAKE_LEDGER, as a supervisor
# under test in another process uses the fake. TAP output. Needs
# CELLOS_CELL (the tool) and G_TEST_SRCDIR (tests/ in the source tree).
#
# Copyright 2026 The CellOS authors
# SPDX-License-Identifier: LGPL-2.1-or-later

set -u

: "${CELLOS_CELL:?CELLOS_CELL must name the cellos-cell binary}"
: "${G_TEST_SRCDIR:?G_TEST_SRCDIR must name the tests source directory}"

sample="$G_TEST_SRCDIR/../examples/sample-document.json"
work=$(mktemp -d "${TMPDIR:-/tmp}/cellos-fake-cli.XXXXXX")
trap 'rm -rf "$work"' EXIT
. "$G_TEST_SRCDIR/tap-result.sh"

mkdir "$work/modules"
export CELLOS_BACKEND_MODULE_DIR="$work/modules"
unset CELLOS_CELL_BACKEND CELLOS_FAKE_RULES CELLOS_FAKE_LEDGER
export LC_ALL=C.UTF-8 LANGUAGE=

printf '{"spec": {"id": "db-1"}}\n' > "$work/db.json"
printf '{"spec": {"id": "leaky-1"}}\n' > "$work/leaky.json"

# lifecycle [ENV…]: runs the tool on the sample and the given documents
# with the fake; status in $status, output in $work/out and $work/err.
lifecycle () {
  env "$@" "$CELLOS_CELL" lifecycle --backend fake "$sample" \
    ${documents:-} > "$work/out" 2> "$work/err"
  status=$?
  { echo "exit status $status"; sed 's/^/stdout: /' "$work/out"; \
    sed 's/^/stderr: /' "$work/err"; } >> "$work/diagnostics"
}

# A ledger line, exactly.
has_line () { grep -qxF -- "$2" "$1" || echo "no line: $2" >> "$work/diagnostics"; }

lifecycle
[ "$status" -eq 0 ] && grep -q '"example-cell-1"' "$work/out" && [ ! -s "$work/err" ]
result $? "without rules, the fake runs the lifecycle like a backend"

cat > "$work/rules.json" <<'JSON'
{
  "rules": [
    { "operation": "create", "cell": "db-*",
      "fail": { "code": "timed-out", "message": "no boot" } },
    { "cell": "leaky-*", "destroyed": false, "peers-tracked-after": 2 }
  ]
}
JSON
documents="$work/db.json $work/leaky.json"
lifecycle CELLOS_FAKE_RULES="$work/rules.json" CELLOS_FAKE_LEDGER="$work/ledger.jsonl"
documents=
[ "$status" -eq 1 ] && grep -q 'no boot' "$work/err"
result $? "a fail rule from CELLOS_FAKE_RULES fails the create, exit status 1"

ledger="$work/ledger.jsonl"
[ -f "$ledger" ] && [ "$(wc -l < "$ledger")" -eq 6 ] &&
has_line "$ledger" '{"operation":"create","cell-id":"example-cell-1","outcome":"ok"}' &&
has_line "$ledger" '{"operation":"destroy","cell-id":"example-cell-1","outcome":"ok","destroyed":true,"peers-tracked-after":0}' &&
has_line "$ledger" '{"operation":"create","cell-id":"db-1","outcome":"error","error-domain":"cellos-error-quark","error-code":8,"error-message":"no boot"}' &&
has_line "$ledger" '{"operation":"destroy","cell-id":"leaky-1","outcome":"ok","destroyed":false,"peers-tracked-after":2}'
result $? "CELLOS_FAKE_LEDGER records every operation as a JSON line"

[ "$(tail -n 1 "$ledger")" = '{"live-cells":["leaky-1"]}' ] ||
  echo "last line: $(tail -n 1 "$ledger")" >> "$work/diagnostics"
result $? "the ledger's last line lists the cell left live at exit"

printf '{"rules": [\n  {"hang": "yes"}\n]}\n' > "$work/bad.json"
lifecycle CELLOS_FAKE_RULES="$work/bad.json"
[ "$status" -eq 1 ] && [ ! -s "$work/out" ] &&
  grep -qF "$work/bad.json: rules[0].hang: " "$work/err"
result $? "a mistake in the rules file fails the selection, naming file and member"

printf '{"rules": [\n  {"hang": true},,\n]}\n' > "$work/bad.json"
lifecycle CELLOS_FAKE_RULES="$work/bad.json"
[ "$status" -eq 1 ] && [ ! -s "$work/out" ] && grep -qF "$work/bad.json:2:" "$work/err"
result $? "a syntax error in the rules file names file and line"

# cellos-cell backends shows why the fake cannot be had, and fails: a
# script checking its setup must not go on without the fault it meant.
backends () {
  env "$@" "$CELLOS_CELL" backends > "$work/out" 2> "$work/err"
  status=$?
  { echo "exit status $status"; sed 's/^/stdout: /' "$work/out"; \
    sed 's/^/stderr: /' "$work/err"; } >> "$work/diagnostics"
}
backends CELLOS_FAKE_RULES="$work/bad.json"
[ "$status" -eq 1 ] && grep -qF "$work/bad.json:2:" "$work/err" && grep -q '^fake .* no ' "$work/out"
result $? "backends with a broken rules file lists the fake as not available, exit 1"

backends CELLOS_FAKE_RULES="$work/rules.json"
[ "$status" -eq 0 ] && [ ! -s "$work/err" ] && grep -q '^fake .* yes ' "$work/out"
result $? "backends with a correct rules file lists the fake as available, exit 0"

tap_done
