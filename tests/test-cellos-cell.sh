#!/bin/sh
# test-cellos-cell.sh: the cellos-cell tool, every command and exit status.
# TAP output. Needs CELLOS_CELL (the tool), CELLOS_TEST_BACKEND_MODULE (the
# test backend module) and G_TEST_SRCDIR (tests/ in the source tree).
#
# Copyright 2026 The CellOS authors
# SPDX-License-Identifier: LGPL-2.1-or-later

set -u

: "${CELLOS_CELL:?CELLOS_CELL must name the cellos-cell binary}"
: "${CELLOS_TEST_BACKEND_MODULE:?CELLOS_TEST_BACKEND_MODULE must name the test module}"
: "${G_TEST_SRCDIR:?G_TEST_SRCDIR must name the tests source directory}"

sample="$G_TEST_SRCDIR/../examples/sample-document.json"
work=$(mktemp -d "${TMPDIR:-/tmp}/cellos-cell-test.XXXXXX")
trap 'rm -rf "$work"' EXIT

no_backends="$work/no-backends"
with_backends="$work/backends"
mkdir -p "$no_backends" "$with_backends"
cp "$CELLOS_TEST_BACKEND_MODULE" "$with_backends/libcellos-test-backend.so"

# Only what a test sets counts.
unset CELLOS_CELL_BACKEND
export CELLOS_BACKEND_MODULE_DIR="$no_backends"
export LC_ALL=C.UTF-8 LANGUAGE=

n=0
failed=0

ok () {
  n=$((n + 1))
  echo "ok $n - $1"
}

not_ok () {
  n=$((n + 1))
  failed=$((failed + 1))
  echo "not ok $n - $1"
  sed 's/^/# /' "$work/out" "$work/err"
}

# run EXPECTED-STATUS [ARG…]: runs the tool, output in $work/out and
# $work/err, and returns whether the status was EXPECTED-STATUS.
run () {
  expected=$1
  shift
  "$CELLOS_CELL" "$@" > "$work/out" 2> "$work/err" < "${stdin:-/dev/null}"
  status=$?
  [ "$status" -eq "$expected" ] || { echo "# exit status $status, expected $expected" >> "$work/err"; return 1; }
}

has () { grep -q -- "$2" "$work/$1"; }
is_empty () { [ ! -s "$work/$1" ]; }

check () {
  description=$1
  shift
  if "$@"; then ok "$description"; else not_ok "$description"; fi
}

t_version () { run 0 --version && has out "^cellos-cell [0-9]"; }
check "--version prints the version, exit 0" t_version

t_help () { run 0 --help && has out "backends" && has out "validate" && has out "lifecycle"; }
check "--help lists the commands, exit 0" t_help

t_no_command () { run 2 && has err "No command given"; }
check "no command is a usage error, exit 2" t_no_command

t_unknown_command () { run 2 frobnicate && has err "Unknown command “frobnicate”"; }
check "an unknown command is a usage error, exit 2" t_unknown_command

t_unknown_option () { run 2 validate --frobnicate "$sample" && has err "frobnicate"; }
check "an unknown option is a usage error, exit 2" t_unknown_option

t_backends_stub_only () {
  run 0 backends && has out "^stub  *-100  *no$" && ! has out "test-isolating"
}
check "backends lists the stub as not isolating" t_backends_stub_only

t_backends_with_module () {
  CELLOS_BACKEND_MODULE_DIR="$with_backends" run 0 backends &&
    has out "^test-isolating  *10  *yes$" &&
    [ "$(sed -n 2p "$work/out" | cut -d' ' -f1)" = "test-isolating" ] &&
    [ "$(sed -n 3p "$work/out" | cut -d' ' -f1)" = "stub" ]
}
check "backends lists an isolating module first" t_backends_with_module

t_backends_arguments () { run 2 backends extra; }
check "backends with an argument is a usage error, exit 2" t_backends_arguments

t_validate_valid () { run 0 validate "$sample" && has out "sample-document.json: valid" && is_empty err; }
check "validate accepts the sample document, exit 0" t_validate_valid

t_validate_no_files () { run 2 validate && has err "No document given"; }
check "validate without files is a usage error, exit 2" t_validate_no_files

printf '{\n  "spec": {\n    "id": "a"\n' > "$work/truncated.json"
t_validate_syntax () {
  run 1 validate "$work/truncated.json" &&
    has err "^cellos-cell: $work/truncated.json:4:1: unexpected end of document"
}
check "validate reports a syntax error as FILE:LINE:COLUMN, exit 1" t_validate_syntax

printf '{"spec": {"id": "a", "argv": ["x", "y", 3]}}' > "$work/wrong-type.json"
t_validate_path () {
  run 1 validate "$work/wrong-type.json" &&
    has err "^cellos-cell: $work/wrong-type.json: spec.argv\[2\]: expected a string, found a number$"
}
check "validate reports a wrong member type by its path, exit 1" t_validate_path

t_validate_missing_file () { run 1 validate "$work/missing.json" && has err "^cellos-cell: $work/missing.json: "; }
check "validate reports a missing file, exit 1" t_validate_missing_file

t_validate_mixed () {
  run 1 validate "$sample" "$work/wrong-type.json" && has out "sample-document.json: valid" &&
    has err "wrong-type.json"
}
check "validate checks every file and fails if any is bad" t_validate_mixed

t_validate_stdin () { stdin="$sample" run 0 validate - && has out "^<stdin>: valid$"; }
check "validate - reads standard input" t_validate_stdin

t_validate_stdin_bad () {
  stdin="$work/wrong-type.json" run 1 validate - && has err "^cellos-cell: <stdin>: spec.argv\[2\]"
}
check "validate - reports errors in standard input, exit 1" t_validate_stdin_bad

t_lifecycle_stub () {
  run 0 lifecycle --backend stub "$sample" &&
    has out '"cell-id" : "example-cell-1"' && has out '"destroyed" : true' &&
    has out '"peers-tracked-after" : 0' && has out '"cgroup-path" : null'
}
check "lifecycle --backend stub prints handle and report as JSON" t_lifecycle_stub

t_lifecycle_stdin () { stdin="$sample" run 0 lifecycle --backend stub - && has out '"document" : "<stdin>"'; }
check "lifecycle - reads standard input" t_lifecycle_stdin

t_lifecycle_no_default () {
  run 1 lifecycle "$sample" && has err "No isolating cell backend is installed" &&
    has err "CELLOS_CELL_BACKEND=stub"
}
check "lifecycle without an isolating backend fails, exit 1" t_lifecycle_no_default

t_lifecycle_env_stub () { CELLOS_CELL_BACKEND=stub run 0 lifecycle "$sample" && has out '"destroyed" : true'; }
check "lifecycle honours CELLOS_CELL_BACKEND=stub" t_lifecycle_env_stub

t_lifecycle_module_default () {
  CELLOS_BACKEND_MODULE_DIR="$with_backends" run 0 lifecycle "$sample" &&
    has out '"cgroup-path" : "/sys/fs/cgroup/cellos-test/example-cell-1"'
}
check "lifecycle picks the isolating module by default" t_lifecycle_module_default

t_lifecycle_unknown_backend () {
  run 1 lifecycle --backend gvisor "$sample" && has err "No cell backend is named “gvisor”" &&
    has err "stub"
}
check "lifecycle --backend with an unknown name fails, exit 1" t_lifecycle_unknown_backend

printf '{"spec": {"id": ""}}' > "$work/empty-id.json"
t_lifecycle_invalid_spec () {
  run 1 lifecycle --backend stub "$work/empty-id.json" &&
    has err "^cellos-cell: $work/empty-id.json: spec.id must be non-empty$"
}
check "lifecycle reports an empty spec.id, exit 1" t_lifecycle_invalid_spec

t_lifecycle_no_files () { run 2 lifecycle --backend stub; }
check "lifecycle without files is a usage error, exit 2" t_lifecycle_no_files

echo "1..$n"
[ "$failed" -eq 0 ]
