#!/bin/sh
# The contract runner's benchmark mode on the stub, the fake and the test
# module, with few cells: its JSON Lines parse with a strict parser and say
# what was run (one object per level, every cell counted, percentiles in
# order); its table has a row per level; bad options are usage errors; a
# backend whose destroys fail, or that never calls back, fails the run.
# No time is held to any bound. TAP output.
#
# Copyright 2026 The CellOS authors
# SPDX-License-Identifier: LGPL-2.1-or-later

set -u

: "${CELLOS_BACKEND_CONTRACT:?CELLOS_BACKEND_CONTRACT must name the contract runner}"
: "${CELLOS_TEST_BACKEND_MODULE:?CELLOS_TEST_BACKEND_MODULE must name the test module}"
: "${CELLOS_FAKE_BACKEND_MODULE:?CELLOS_FAKE_BACKEND_MODULE must name the fake backend module of the test kit}"
: "${CELLOS_TEST_MISBEHAVING_MODULE_DIR:?CELLOS_TEST_MISBEHAVING_MODULE_DIR must name the test modules}"

python=/usr/bin/python3
here=$(dirname "$0")
work=$(mktemp -d "${TMPDIR:-/tmp}/cellos-contract-benchmark.XXXXXX")
trap 'rm -rf "$work"' EXIT
. "$here/tap-result.sh"

cells=20

# check_json FILE BACKEND CELLS LEVELS…: FILE holds one valid object per
# level, for CELLS cells each.
check_json () {
  "$python" - "$@" <<'PY' >> "$work/diagnostics" 2>&1
import json, sys

path, backend, cells = sys.argv[1], sys.argv[2], int(sys.argv[3])
levels = [int(c) for c in sys.argv[4:]]

def no_duplicates(pairs):
    keys = [k for k, _ in pairs]
    if len(keys) != len(set(keys)):
        raise ValueError("duplicate member in %r" % keys)
    return dict(pairs)

def no_constants(name):
    raise ValueError("not JSON: " + name)

samples = {"count", "errors", "p50_us", "p95_us", "p99_us", "max_us"}
members = {"backend", "cells", "concurrency", "create", "destroy", "elapsed_s",
           "cells_per_s", "peak_rss_kib"}
with open(path, encoding="utf-8") as f:
    text = f.read()
assert text.endswith("\n"), "the output does not end in a newline"
lines = text.split("\n")[:-1]
assert len(lines) == len(levels), "%d lines for levels %r" % (len(lines), levels)
for line, level in zip(lines, levels):
    o = json.loads(line, object_pairs_hook=no_duplicates, parse_constant=no_constants)
    assert set(o) == members, "members %r" % sorted(o)
    assert o["backend"] == backend, o["backend"]
    assert o["concurrency"] == level, (o["concurrency"], level)
    assert o["cells"] == cells, o["cells"]
    for op in ("create", "destroy"):
        s = o[op]
        assert set(s) == samples, "%s members %r" % (op, sorted(s))
        assert all(type(s[k]) is int for k in samples), s
        assert s["count"] == o["cells"] and s["errors"] == 0, s
        assert 0 <= s["p50_us"] <= s["p95_us"] <= s["p99_us"] <= s["max_us"], s
    assert type(o["elapsed_s"]) is float and o["elapsed_s"] > 0, o["elapsed_s"]
    assert type(o["cells_per_s"]) is float and o["cells_per_s"] > 0, o["cells_per_s"]
    assert type(o["peak_rss_kib"]) is int and o["peak_rss_kib"] > 0, o["peak_rss_kib"]
PY
}

# bench NAME [MODULE] OPTIONS…: the benchmark of backend NAME, with only
# MODULE in its module directory; output in $work/out and $work/err.
bench () {
  name=$1
  shift
  rm -rf "$work/modules"
  mkdir "$work/modules"
  case ${1:-} in
    */*) cp "$1" "$work/modules/"; shift ;;
  esac
  CELLOS_BACKEND_MODULE_DIR="$work/modules" "$CELLOS_BACKEND_CONTRACT" --benchmark \
    --backend "$name" "$@" > "$work/out" 2> "$work/err"
  status=$?
  cat "$work/err" >> "$work/diagnostics"
  return "$status"
}

for name in stub fake test-isolating; do
  module=
  [ "$name" = test-isolating ] && module=$CELLOS_TEST_BACKEND_MODULE
  [ "$name" = fake ] && module=$CELLOS_FAKE_BACKEND_MODULE
  bench "$name" ${module:+"$module"} --cells "$cells" --concurrency 4 --json &&
    check_json "$work/out" "$name" "$cells" 1 2 4
  result $? "--json on $name: one well-formed line per level 1, 2 and 4, every cell counted"
done

bench stub --cells "$cells" --concurrency 3 --json && check_json "$work/out" stub "$cells" 1 2 3
result $? "the levels double up to the concurrency asked for, which is the last"

bench fake "$CELLOS_FAKE_BACKEND_MODULE" --cells "$cells" --concurrency 2
status=$?
cat "$work/out" >> "$work/diagnostics"
[ "$status" -eq 0 ] && grep -q '^Backend fake: 20 cells per level' "$work/out" &&
  grep -q '^concurrency ' "$work/out" &&
  [ "$(grep -c -E '^ +[12]( +[0-9]+\.[0-9]+){9} +[0-9]+$' "$work/out")" -eq 2 ]
result $? "the table has a header and a row per level"

for bad in "--cells 0" "--cells many" "--concurrency 0" "--timeout -1" "--frobnicate"; do
  # shellcheck disable=SC2086
  bench stub $bad
  status=$?
  [ "$status" -eq 2 ] && [ ! -s "$work/out" ] && [ -s "$work/err" ]
  result $? "$bad is a usage error, said on standard error"
done
"$CELLOS_BACKEND_CONTRACT" --benchmark > "$work/out" 2> "$work/err"
status=$?
cat "$work/err" >> "$work/diagnostics"
[ "$status" -eq 2 ] && grep -q -e '--backend NAME is required' "$work/err"
result $? "without --backend, a usage error"

"$CELLOS_BACKEND_CONTRACT" --help > "$work/out" 2> "$work/err"
status=$?
cat "$work/out" "$work/err" >> "$work/diagnostics"
[ "$status" -eq 0 ] && [ ! -s "$work/err" ] && grep -q -e '--benchmark --backend NAME' "$work/out" &&
  grep -q 'TEST/live-set' "$work/out"
result $? "--help describes both modes, on standard output"

bench no-such-backend --cells 1
status=$?
[ "$status" -eq 1 ] && grep -q 'cannot create the backend “no-such-backend”' "$work/err"
result $? "an unknown backend fails the run, saying so"

bench test-undestroyable "$CELLOS_TEST_MISBEHAVING_MODULE_DIR/libcellos-test-undestroyable.so" \
  --cells 5 --concurrency 1 --json
status=$?
cat "$work/out" >> "$work/diagnostics"
[ "$status" -eq 1 ] && grep -q '5 of the destroy calls failed at concurrency 1' "$work/err" &&
  "$python" -c '
import json, sys
o = json.loads(open(sys.argv[1]).read())
assert o["create"]["count"] == 5 and o["destroy"]["count"] == 0 and o["destroy"]["errors"] == 5
' "$work/out" >> "$work/diagnostics" 2>&1
result $? "destroys that fail are counted, named, and fail the run"

bench test-wrongcontext "$CELLOS_TEST_MISBEHAVING_MODULE_DIR/libcellos-test-wrongcontext.so" \
  --cells 5 --timeout 1 --json
status=$?
[ "$status" -eq 1 ] && grep -q 'no operation completed within 1 s at concurrency 1' "$work/err"
result $? "a backend that never calls back in the caller's context ends the run at the deadline"

tap_done
