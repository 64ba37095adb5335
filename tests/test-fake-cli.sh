#!/bin/sh
# test-fake-cli.sh: cellos-cell lifecycle and list --backend fake,
# configured by CELLOS_FAKE_RULES, recording to CELLOS_FAKE_LEDGER and
# keeping its cells in CELLOS_FAKE_STATE, as a supervisor under test in
# another process uses the fake. TAP output. Needs
# CELLOS_CELL (the tool), CELLOS_FAKE_BACKEND_MODULE (the test kit's
# backend module) and G_TEST_SRCDIR (tests/ in the source tree).
#
# Copyright 2026 The CellOS authors
# SPDX-License-Identifier: LGPL-2.1-or-later

set -u

: "${CELLOS_CELL:?CELLOS_CELL must name the cellos-cell binary}"
: "${G_TEST_SRCDIR:?G_TEST_SRCDIR must name the tests source directory}"
: "${CELLOS_FAKE_BACKEND_MODULE:?CELLOS_FAKE_BACKEND_MODULE must name the fake backend module}"

sample="$G_TEST_SRCDIR/../examples/sample-document.json"
work=$(mktemp -d "${TMPDIR:-/tmp}/cellos-fake-cli.XXXXXX")
trap 'rm -rf "$work"' EXIT
. "$G_TEST_SRCDIR/tap-result.sh"

# The module directory holds the test kit's module only, as it is
# installed.
mkdir "$work/modules"
cp "$CELLOS_FAKE_BACKEND_MODULE" "$work/modules/"
export CELLOS_BACKEND_MODULE_DIR="$work/modules"
unset CELLOS_CELL_BACKEND CELLOS_FAKE_RULES CELLOS_FAKE_LEDGER CELLOS_FAKE_STATE
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

# json_check FILE CONDITION: FILE is JSON Lines, read strictly, and the
# Python CONDITION over them ("lines") holds.
json_check () {
  /usr/bin/python3 - "$1" "$2" >> "$work/diagnostics" 2>&1 <<'EOF'
import json
import sys

def no_duplicates(pairs):
    names = [name for name, _ in pairs]
    if len(names) != len(set(names)):
        raise ValueError(f"repeated member in {names}")
    return dict(pairs)

with open(sys.argv[1], encoding="utf-8", newline="") as f:
    text = f.read()
if text and not text.endswith("\n"):
    sys.exit("the last line does not end in a newline")
lines = [json.loads(line, object_pairs_hook=no_duplicates) for line in text.split("\n")[:-1]]
if not eval(f"({sys.argv[2]})", {"lines": lines}):
    sys.exit(f"does not hold: {sys.argv[2]}")
EOF
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
has_line "$ledger" '{"operation":"create","cell-id":"db-1","outcome":"error","error-domain":"cellos-error-quark","error-nick":"timed-out","error-code":8,"error-message":"no boot"}' &&
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

# The rules file is read strictly: each of these mistakes fails the
# selection with FILE:LINE:COLUMN, in lifecycle and in backends, exit 1,
# never a run without the fault, never a crash.
fault='{"operation": "create", "cell": "db-*", "fail": {"code": "timed-out"}}'
bad_rules () {
  printf '%s' "$2" > "$work/rules-$1.json"
}
bad_rules repeated-rules "{\"rules\": [$fault], \"rules\": []}"
bad_rules repeated-cell '{"rules": [{"cell": "web-*", "cell": "db-*", "fail": {"code": "timed-out"}}]}'
bad_rules repeated-fail '{"rules": [{"cell": "db-*", "fail": {"code": "timed-out"}, "fail": {"code": "not-found"}}]}'
bad_rules repeated-operation '{"rules": [{"operation": "create", "operation": "destroy", "hang": true}]}'
bad_rules two-roots "{\"rules\": []} {\"rules\": [$fault]}"
bad_rules single-quotes "{'rules': [$fault]}"
bad_rules comment "{\"rules\": /* none */ [$fault]}"
bad_rules hexadecimal '{"rules": [{"cell": "db-*", "delay-ms": 0x10}]}'
bad_rules raw-control "$(printf '{"rules": [{"cell": "db-\001*", "hang": true}]}')"
bad_rules escaped-nul '{"rules": [{"cell": "db-*", "fail": {"code": "timed-out", "message": "a\u0000b"}}]}'
/usr/bin/python3 -c 'import sys; sys.stdout.write("[" * 100000 + "]" * 100000)' > "$work/rules-deep.json"
for name in repeated-rules repeated-cell repeated-fail repeated-operation two-roots single-quotes \
            comment hexadecimal raw-control escaped-nul deep; do
  file="$work/rules-$name.json"
  lifecycle CELLOS_FAKE_RULES="$file"
  [ "$status" -eq 1 ] && [ ! -s "$work/out" ] && grep -q "$file:[0-9]*:[0-9]*: " "$work/err"
  result $? "a rules file with $name fails lifecycle --backend fake with FILE:LINE:COLUMN, exit 1"
  cp "$work/err" "$work/err-$name"
  backends CELLOS_FAKE_RULES="$file"
  [ "$status" -eq 1 ] && grep -q "^cellos-cell: .*$file:[0-9]*:[0-9]*: " "$work/err"
  result $? "a rules file with $name fails backends with FILE:LINE:COLUMN, exit 1"
done
grep -qF "$work/rules-escaped-nul.json:1:77: a NUL character (\\u0000) in a string" "$work/err-escaped-nul" ||
  cat "$work/err-escaped-nul" >> "$work/diagnostics"
result $? "an escaped NUL in a rules string is refused, not cut short"

# fill-handle-details: the handle's details reach the tool's output.
printf '{"fill-handle-details": true, "rules": []}' > "$work/details.json"
lifecycle CELLOS_FAKE_RULES="$work/details.json"
[ "$status" -eq 0 ] &&
  json_check "$work/out" 'sorted(lines[0]["handle"]["details"]) == ["api-socket", "taps", "vm-pid"]
    and lines[0]["handle"]["details"]["api-socket"] == "/run/cellos-fake/example-cell-1/api.sock"
    and lines[0]["handle"]["details"]["taps"] == ["tap-example-cell-1"]
    and type(lines[0]["handle"]["details"]["vm-pid"]) is int
    and lines[0]["handle"]["cgroup-path"] == "/sys/fs/cgroup/cellos-fake/example-cell-1"'
result $? "with fill-handle-details, the fake's handle details reach lifecycle's output"

# The ledger writes what the handle and the report carry, from their
# properties: every field of a handle with details, and the report's.
lifecycle CELLOS_FAKE_RULES="$work/details.json" CELLOS_FAKE_LEDGER="$work/details-ledger.jsonl"
[ "$status" -eq 0 ] &&
  json_check "$work/details-ledger.jsonl" 'lines[0]["operation"] == "create"
    and lines[0]["cgroup-path"] == "/sys/fs/cgroup/cellos-fake/example-cell-1"
    and len(lines[0]["kernel-digest-sha256"]) == 64
    and len(lines[0]["nft-rules-applied"]) == 2
    and lines[0]["details"]["api-socket"] == "/run/cellos-fake/example-cell-1/api.sock"
    and type(lines[0]["details"]["vm-pid"]) is int
    and lines[0]["details"]["taps"] == ["tap-example-cell-1"]
    and lines[1] == {"operation": "destroy", "cell-id": "example-cell-1", "outcome": "ok",
                     "destroyed": True, "peers-tracked-after": 0}
    and lines[2] == {"live-cells": []}'
result $? "the ledger records the handle's and the report's properties, details as a JSON object"

# Reading stops past the size limit, so an endless file fails quickly.
lifecycle CELLOS_FAKE_RULES=/dev/zero
[ "$status" -eq 1 ] && grep -qF "/dev/zero: the rules file is larger than 1048576 bytes" "$work/err"
result $? "an endless rules file fails at the size limit, exit 1"

# The ledger is JSON to a strict parser, whatever a cell id holds, and
# the ids come back equal.
/usr/bin/python3 -c '
import json, sys
hostile = "id-" + "".join(map(chr, range(1, 0x20))) + "\x7f\x9b\"\\\"\\\\/\U0001F600-end"
with open(sys.argv[1], "w", encoding="utf-8") as f:
    json.dump({"spec": {"id": hostile}}, f)
' "$work/hostile.json"
hostile_python='"id-" + "".join(map(chr, range(1, 0x20))) + "\x7f\x9b\"\\\"\\\\/\U0001F600-end"'
rm -f "$work/ledger.jsonl"
documents="$work/hostile.json"
lifecycle CELLOS_FAKE_LEDGER="$work/ledger.jsonl"
documents=
[ "$status" -eq 0 ] &&
  json_check "$work/ledger.jsonl" '[line.get("cell-id") for line in lines[:4]]
      == ["example-cell-1", "example-cell-1", '"$hostile_python"', '"$hostile_python"']
    and lines[4] == {"live-cells": []}' &&
  json_check "$work/out" 'lines[1]["id"] == lines[1]["handle"]["cell-id"] == '"$hostile_python"
result $? "the ledger and the tool's lines hold any cell id as JSON that reads back equal"

# --timeout and signals. Each run is bounded, so that a tool that hangs
# fails the test instead of stalling the suite.
printf '{"spec": {"id": "web-1"}}\n' > "$work/web.json"

cat > "$work/hang-create.json" <<'JSON'
{"rules": [{"operation": "create", "cell": "db-*", "hang": true}]}
JSON
rm -f "$work/ledger.jsonl"
env CELLOS_FAKE_RULES="$work/hang-create.json" CELLOS_FAKE_LEDGER="$work/ledger.jsonl" \
  timeout 60 "$CELLOS_CELL" lifecycle --backend fake --timeout 0.3 "$work/db.json" "$work/web.json" \
  > "$work/out" 2> "$work/err"
status=$?
{ echo "exit status $status"; cat "$work/out" "$work/err"; } >> "$work/diagnostics"
[ "$status" -eq 1 ] && grep -q 'db.json: the backend did not create the cell within 0.3 seconds' "$work/err" &&
  json_check "$work/out" 'len(lines) == 2 and lines[0]["stage"] == "create"
    and lines[0]["handle"] is None and lines[0]["error"]["nick"] == "timed-out"
    and lines[0]["error"]["domain"] == "cellos-error-quark"
    and lines[1]["error"] is None' &&
  [ "$(tail -n 1 "$work/ledger.jsonl")" = '{"live-cells":[]}' ]
result $? "lifecycle --timeout fails a hung create as timed-out and goes on to the next document"

cat > "$work/hang-destroy.json" <<'JSON'
{"rules": [{"operation": "destroy", "cell": "db-*", "hang": true}]}
JSON
env CELLOS_FAKE_RULES="$work/hang-destroy.json" \
  timeout 60 "$CELLOS_CELL" lifecycle --backend fake --timeout 0.3 "$work/db.json" > "$work/out" 2> "$work/err"
status=$?
{ echo "exit status $status"; cat "$work/out" "$work/err"; } >> "$work/diagnostics"
[ "$status" -eq 1 ] &&
  json_check "$work/out" 'len(lines) == 1 and lines[0]["stage"] == "destroy"
    and lines[0]["handle"]["cell-id"] == "db-1" and lines[0]["report"] is None
    and lines[0]["error"]["nick"] == "timed-out"'
result $? "lifecycle --timeout fails a hung destroy as timed-out, with the handle of the cell left"

for bad in -1 abc 0.0001; do
  "$CELLOS_CELL" lifecycle --backend fake --timeout "$bad" "$work/web.json" > "$work/out" 2> "$work/err"
  status=$?
  { echo "--timeout $bad: exit status $status"; cat "$work/err"; } >> "$work/diagnostics"
  [ "$status" -eq 2 ] && [ ! -s "$work/out" ] || break
done
result $? "lifecycle --timeout with a negative, non-numeric or too small value is a usage error"

# wait_for_line FILE LINE: waits until FILE has LINE, for up to 30 s.
wait_for_line () {
  tries=0
  while ! grep -qxF -- "$2" "$1" 2> /dev/null; do
    tries=$((tries + 1))
    [ "$tries" -lt 300 ] || return 1
    sleep 0.1
  done
}

# wait_bounded PID: waits for the background PID to exit, for up to 30 s,
# then kills it; its exit status in $status.
wait_bounded () {
  tries=0
  while kill -0 "$1" 2> /dev/null && [ "$tries" -lt 300 ]; do
    tries=$((tries + 1))
    sleep 0.1
  done
  kill -KILL "$1" 2> /dev/null
  wait "$1"
  status=$?
}

# A signal during a create: it is cancelled, no cell is left, the line is
# printed, the documents after it are not run, exit 1.
cat > "$work/slow-create.json" <<'JSON'
{"rules": [{"operation": "create", "cell": "db-*", "delay-ms": 30000}]}
JSON
rm -f "$work/ledger.jsonl"
env CELLOS_FAKE_RULES="$work/slow-create.json" CELLOS_FAKE_LEDGER="$work/ledger.jsonl" \
  "$CELLOS_CELL" lifecycle --backend fake "$work/web.json" "$work/db.json" "$work/web.json" \
  > "$work/out" 2> "$work/err" &
pid=$!
wait_for_line "$work/ledger.jsonl" \
  '{"operation":"destroy","cell-id":"web-1","outcome":"ok","destroyed":true,"peers-tracked-after":0}'
kill -TERM "$pid"
wait_bounded "$pid"
{ echo "exit status $status"; cat "$work/out" "$work/err" "$work/ledger.jsonl"; } >> "$work/diagnostics"
[ "$status" -eq 1 ] && grep -q 'interrupted by a signal' "$work/err" &&
  json_check "$work/out" 'len(lines) == 2 and lines[1]["stage"] == "create"
    and lines[1]["handle"] is None and lines[1]["error"]["nick"] == "cancelled"
    and lines[1]["error"]["domain"] == "g-io-error-quark"' &&
  [ "$(tail -n 1 "$work/ledger.jsonl")" = '{"live-cells":[]}' ]
result $? "SIGTERM during a create cancels it, prints its line, runs no further document, exit 1"

# A signal during a destroy: the cell is still destroyed.
cat > "$work/slow-destroy.json" <<'JSON'
{"rules": [{"operation": "destroy", "cell": "db-*", "delay-ms": 1000}]}
JSON
rm -f "$work/ledger.jsonl"
env CELLOS_FAKE_RULES="$work/slow-destroy.json" CELLOS_FAKE_LEDGER="$work/ledger.jsonl" \
  "$CELLOS_CELL" lifecycle --backend fake "$work/db.json" "$work/web.json" \
  > "$work/out" 2> "$work/err" &
pid=$!
wait_for_line "$work/ledger.jsonl" '{"operation":"create","cell-id":"db-1","outcome":"ok"}'
kill -INT "$pid"
wait_bounded "$pid"
{ echo "exit status $status"; cat "$work/out" "$work/err" "$work/ledger.jsonl"; } >> "$work/diagnostics"
[ "$status" -eq 1 ] &&
  json_check "$work/out" 'len(lines) == 1 and lines[0]["report"]["destroyed"] is True' &&
  [ "$(tail -n 1 "$work/ledger.jsonl")" = '{"live-cells":[]}' ]
result $? "SIGINT during a destroy lets it finish, so no cell is left, exit 1"

# cellos-cell list on the fake with a state file: the cells a supervisor
# killed with SIGKILL left, seen from new processes, and none once
# reconciled.
cat > "$work/seed.json" <<'JSON'
{"live-cells": ["orphan-1", "orphan\u001f2"],
 "rules": [{"operation": "create", "cell": "db-*", "hang": true}]}
JSON
state="$work/state.json"
env CELLOS_FAKE_RULES="$work/seed.json" CELLOS_FAKE_STATE="$state" \
  CELLOS_FAKE_LEDGER="$work/ledger-kill.jsonl" \
  "$CELLOS_CELL" lifecycle --backend fake "$work/web.json" "$work/db.json" \
  > "$work/out" 2> "$work/err" &
pid=$!
wait_for_line "$work/ledger-kill.jsonl" \
  '{"operation":"destroy","cell-id":"web-1","outcome":"ok","destroyed":true,"peers-tracked-after":0}'
kill -KILL "$pid"
wait_bounded "$pid"
env CELLOS_FAKE_STATE="$state" "$CELLOS_CELL" list --backend fake > "$work/listed" 2> "$work/err"
listed_status=$?
{ echo "exit status $status, list $listed_status"; cat "$work/listed" "$work/err" "$state"; } >> "$work/diagnostics"
[ "$status" -eq 137 ] && [ "$listed_status" -eq 0 ] && [ ! -s "$work/err" ] &&
  json_check "$work/listed" '[line["cell-id"] for line in lines] == ["orphan-1", "orphan\x1f2"]'
result $? "list shows the seeded cells a killed lifecycle left in the state file"

# Listing changes nothing: a second list shows the same cells.
env CELLOS_FAKE_STATE="$state" CELLOS_CELL_BACKEND=fake "$CELLOS_CELL" list > "$work/listed-again" 2>> "$work/diagnostics"
[ $? -eq 0 ] && cmp -s "$work/listed" "$work/listed-again"
result $? "list changes nothing: a second list, by CELLOS_CELL_BACKEND, shows the same cells"

# Several processes on one ledger and one state file: one leaks, the next
# is clean, and the ledger's last line, the documented check, still shows
# the leak, written by the clean one.
shared_state="$work/shared-state.json"
shared_ledger="$work/shared-ledger.jsonl"
documents="$work/leaky.json"
lifecycle CELLOS_FAKE_RULES="$work/rules.json" CELLOS_FAKE_LEDGER="$shared_ledger" \
  CELLOS_FAKE_STATE="$shared_state"
documents=
first_status=$status
lifecycle CELLOS_FAKE_LEDGER="$shared_ledger" CELLOS_FAKE_STATE="$shared_state"
echo "last lines: $(grep -c live-cells "$shared_ledger")" >> "$work/diagnostics"
[ "$first_status" -eq 1 ] && [ "$status" -eq 0 ] &&
  [ "$(grep -c '^{"live-cells"' "$shared_ledger")" -eq 2 ] &&
  [ "$(tail -n 1 "$shared_ledger")" = '{"live-cells":["leaky-1"]}' ]
result $? "with a state file, a clean process's last line still lists the cell an earlier process leaked"

tap_done
