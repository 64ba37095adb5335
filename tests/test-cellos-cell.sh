#!/bin/sh
# test-cellos-cell.sh: the cellos-cell tool, every command and exit status,
# and that what it prints on standard output is data: nothing else gets
# there, and losing it is an error. TAP output. Needs CELLOS_CELL (the
# tool), CELLOS_TEST_BACKEND_MODULE, CELLOS_TEST_MISREPORT_BACKEND_MODULE and
# CELLOS_TEST_MISBEHAVING_MODULE_DIR (the test backend modules),
# CELLOS_EXAMPLE_BACKEND_MODULE (the example backend module, which lists
# its cells), G_TEST_SRCDIR (tests/ in the source tree) and
# /usr/bin/python3, which reads the JSON.
#
# Copyright 2026 The CellOS authors
# SPDX-License-Identifier: LGPL-2.1-or-later

set -u

: "${CELLOS_CELL:?CELLOS_CELL must name the cellos-cell binary}"
: "${CELLOS_TEST_BACKEND_MODULE:?CELLOS_TEST_BACKEND_MODULE must name the test module}"
: "${CELLOS_TEST_MISREPORT_BACKEND_MODULE:?CELLOS_TEST_MISREPORT_BACKEND_MODULE must name the misreporting test module}"
: "${CELLOS_TEST_MISBEHAVING_MODULE_DIR:?CELLOS_TEST_MISBEHAVING_MODULE_DIR must name the directory of the misbehaving test modules}"
: "${CELLOS_EXAMPLE_BACKEND_MODULE:?CELLOS_EXAMPLE_BACKEND_MODULE must name the example backend module}"
: "${G_TEST_SRCDIR:?G_TEST_SRCDIR must name the tests source directory}"

python=/usr/bin/python3

sample="$G_TEST_SRCDIR/../examples/sample-document.json"
work=$(mktemp -d "${TMPDIR:-/tmp}/cellos-cell-test.XXXXXX")
trap 'rm -rf "$work"' EXIT

no_backends="$work/no-backends"
with_backends="$work/backends"
misreporting="$work/misreporting"
uninstantiable="$work/uninstantiable"
unavailable="$work/unavailable"
mkdir -p "$no_backends" "$with_backends" "$misreporting" "$uninstantiable" "$unavailable"
cp "$CELLOS_TEST_BACKEND_MODULE" "$with_backends/libcellos-test-backend.so"
cp "$CELLOS_TEST_MISREPORT_BACKEND_MODULE" "$misreporting/libcellos-test-misreport-backend.so"
# Registers the backend interface type itself, as "uninstantiable", at an
# isolating priority.
cp "$CELLOS_TEST_MISBEHAVING_MODULE_DIR/libcellos-test-uninstantiable.so" "$uninstantiable/"
# An isolating backend above the test module's that cannot run here.
cp "$CELLOS_TEST_MISBEHAVING_MODULE_DIR/libcellos-test-unavailable.so" "$CELLOS_TEST_BACKEND_MODULE" "$unavailable/"

# Only what a test sets counts.
unset CELLOS_CELL_BACKEND G_MESSAGES_DEBUG
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

# run_to TARGET EXPECTED-STATUS [ARG…]: as run, but with standard output
# going to TARGET (such as /dev/full), or closed if TARGET is "-".
run_to () {
  target=$1
  expected=$2
  shift 2
  : > "$work/out"
  if [ "$target" = - ]; then
    "$CELLOS_CELL" "$@" >&- 2> "$work/err" < /dev/null
  else
    "$CELLOS_CELL" "$@" > "$target" 2> "$work/err" < /dev/null
  fi
  status=$?
  [ "$status" -eq "$expected" ] || { echo "# exit status $status, expected $expected" >> "$work/err"; return 1; }
}

has () { grep -q -- "$2" "$work/$1"; }
is_empty () { [ ! -s "$work/$1" ]; }

# No control character (C0 other than the line ends, DEL, or C1 in UTF-8)
# in $work/$1: nothing a document says can reach the terminal raw.
has_no_controls () {
  ! tr -d '\n' < "$work/$1" | LC_ALL=C grep -q '[[:cntrl:]]' &&
    ! LC_ALL=C grep -q "$(printf '\302[\200-\237]')" "$work/$1"
}

# json_lines COUNT [CONDITION]: $work/out is JSON Lines, COUNT of them,
# each one JSON object, and the Python CONDITION over them ("lines", the
# parsed objects) holds. Read strictly: no control character raw in a
# string (json.loads' default), no repeated member, no NaN or Infinity,
# every line ending in a newline.
json_lines () {
  "$python" - "$work/out" "$1" "${2:-True}" >> "$work/err" 2>&1 <<'EOF'
import json
import sys

def no_duplicates(pairs):
    names = [name for name, _ in pairs]
    if len(names) != len(set(names)):
        raise ValueError(f"repeated member in {names}")
    return dict(pairs)

def no_constant(name):
    raise ValueError(f"{name} is not JSON")

path, count, condition = sys.argv[1], int(sys.argv[2]), sys.argv[3]
with open(path, encoding="utf-8", newline="") as f:
    text = f.read()
if text and not text.endswith("\n"):
    sys.exit("the last line does not end in a newline")
lines = [json.loads(line, object_pairs_hook=no_duplicates, parse_constant=no_constant)
         for line in text.split("\n")[:-1]]
if len(lines) != count:
    sys.exit(f"{len(lines)} lines, expected {count}")
if not all(isinstance(line, dict) for line in lines):
    sys.exit("a line is not a JSON object")
# In parentheses, a condition may go on over several lines.
if not eval(f"({condition})", {"lines": lines}):
    sys.exit(f"does not hold: {condition}")
EOF
}

check () {
  description=$1
  shift
  if "$@"; then ok "$description"; else not_ok "$description"; fi
}

t_version () { run 0 --version && has out "^cellos-cell [0-9]"; }
check "--version prints the version, exit 0" t_version

t_help () {
  run 0 --help && has out "^  backends " && has out "^  validate " && has out "^  lifecycle " &&
    has out "^  list "
}
check "--help lists the commands, exit 0" t_help

t_no_command () { run 2 && has err "No command given"; }
check "no command is a usage error, exit 2" t_no_command

t_unknown_command () { run 2 frobnicate && has err "Unknown command “frobnicate”"; }
check "an unknown command is a usage error, exit 2" t_unknown_command

t_unknown_option () { run 2 validate --frobnicate "$sample" && has err "frobnicate"; }
check "an unknown option is a usage error, exit 2" t_unknown_option

t_backends_stub_only () {
  run 0 backends && has out "^stub  *-100  *no  *yes  *(built in)$" && ! has out "test-isolating"
}
check "backends lists the stub as built in, not isolating, available" t_backends_stub_only

t_backends_with_module () {
  CELLOS_BACKEND_MODULE_DIR="$with_backends" run 0 backends &&
    has out "^test-isolating  *10  *yes  *yes  *$with_backends/libcellos-test-backend.so$" &&
    [ "$(sed -n 2p "$work/out" | cut -d' ' -f1)" = "test-isolating" ] &&
    [ "$(sed -n 3p "$work/out" | cut -d' ' -f1)" = "stub" ]
}
check "backends lists an isolating module first" t_backends_with_module

t_backends_unavailable () {
  CELLOS_BACKEND_MODULE_DIR="$unavailable" run 0 backends &&
    has out "^test-unavailable  *20  *yes  *no  *$unavailable/libcellos-test-unavailable.so$" &&
    has out "^    .*“test-unavailable”.*no KVM on this host$" &&
    has out "^test-isolating  *10  *yes  *yes "
}
check "backends says which backend cannot run here, and why" t_backends_unavailable

t_default_skips_unavailable () {
  CELLOS_BACKEND_MODULE_DIR="$unavailable" run 0 lifecycle "$sample" &&
    has out '"cgroup-path":"/sys/fs/cgroup/cellos-test/'
}
check "lifecycle without --backend skips a backend that cannot run here" t_default_skips_unavailable
# Each column is as wide as its widest cell: the priorities start two
# columns after the longest name, and the last column (MODULE, the fifth)
# starts at the same place on every line.
t_backends_columns () {
  CELLOS_BACKEND_MODULE_DIR="$with_backends" run 0 backends &&
    awk '
      function start_of (line, k,   i, n, inword) {
        for (i = 1; i <= length (line); i++) {
          if (substr (line, i, 1) == " ") { inword = 0; continue }
          if (!inword && ++n == k) return i
          inword = 1
        }
        return 0
      }
      { lines[NR] = $0; if (length($1) > longest) longest = length($1) }
      END {
        if (NR < 3) exit 1
        if (index(lines[1], "PRIORITY") != longest + 3) exit 1
        for (i = 1; i <= NR; i++) {
          last = start_of(lines[i], 5)
          if (last == 0 || (i > 1 && last != first)) exit 1
          first = last
        }
      }
    ' "$work/out"
}
check "backends sizes its columns to their widest cell" t_backends_columns

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

# An endless standard input is refused once past the size limit, exit 1,
# instead of being read until memory runs out.
t_validate_stdin_endless () {
  stdin=/dev/zero run 1 validate - && has err "^cellos-cell: <stdin>: .*is larger than"
}
check "validate - refuses an endless standard input past the size limit, exit 1" t_validate_stdin_endless

t_lifecycle_stub () {
  run 0 lifecycle --backend stub "$sample" && is_empty err &&
    json_lines 1 'lines[0] == {
      "document": "'"$sample"'",
      "id": "example-cell-1",
      "stage": "destroy",
      "handle": {"cell-id": "example-cell-1", "cgroup-path": None,
                 "kernel-digest-sha256": None, "rootfs-digest-sha256": None,
                 "firecracker-digest-sha256": None, "nft-rules-applied": None,
                 "details": None},
      "report": {"cell-id": "example-cell-1", "destroyed": True, "peers-tracked-after": 0},
      "error": None}'
}
check "lifecycle --backend stub prints document, handle and report as one JSON line" t_lifecycle_stub

t_lifecycle_json_lines () {
  stdin="$sample" run 0 lifecycle --backend stub "$sample" - "$sample" &&
    json_lines 3 '[line["document"] for line in lines] == ["'"$sample"'", "<stdin>", "'"$sample"'"]
                  and all(line["error"] is None for line in lines)'
}
check "lifecycle prints one compact JSON object per document per line (JSON Lines)" t_lifecycle_json_lines

t_lifecycle_stdin () { stdin="$sample" run 0 lifecycle --backend stub - && json_lines 1 'lines[0]["document"] == "<stdin>"'; }
check "lifecycle - reads standard input" t_lifecycle_stdin

t_lifecycle_no_default () {
  run 1 lifecycle "$sample" && has err "No isolating cell backend is installed" &&
    has err "CELLOS_CELL_BACKEND=stub" && is_empty out
}
check "lifecycle without an isolating backend fails, exit 1" t_lifecycle_no_default

t_lifecycle_env_stub () {
  CELLOS_CELL_BACKEND=stub run 0 lifecycle "$sample" && json_lines 1 'lines[0]["report"]["destroyed"] is True'
}
check "lifecycle honours CELLOS_CELL_BACKEND=stub" t_lifecycle_env_stub

t_lifecycle_module_default () {
  CELLOS_BACKEND_MODULE_DIR="$with_backends" run 0 lifecycle "$sample" &&
    json_lines 1 'lines[0]["handle"]["cgroup-path"] == "/sys/fs/cgroup/cellos-test/example-cell-1"
                  and lines[0]["handle"]["nft-rules-applied"] == ["add table inet cellos-test"]'
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

t_lifecycle_failed_line () {
  run 1 lifecycle --backend stub "$sample" "$work/empty-id.json" "$work/missing.json" "$sample" &&
    json_lines 4 '[line["error"] is None for line in lines] == [True, False, False, True]
                  and lines[1]["id"] == "" and lines[1]["handle"] is None and lines[1]["report"] is None
                  and lines[2]["id"] is None and lines[2]["handle"] is None
                  and lines[1]["error"]["domain"] == "cellos-error-quark"'
}
check "lifecycle prints a line with the error for a document that fails, and goes on" t_lifecycle_failed_line

# Whatever the locale's character set, the JSON is UTF-8.
printf '{"spec": {"id": "caf\303\251"}}' > "$work/utf8-id.json"
t_lifecycle_utf8 () {
  LC_ALL=C run 0 lifecycle --backend stub "$work/utf8-id.json" &&
    json_lines 1 'lines[0]["id"] == lines[0]["handle"]["cell-id"] == "caf\u00e9"'
}
check "lifecycle writes UTF-8 JSON in a C locale" t_lifecycle_utf8

# Ids holding every C0 control, DEL, a C1 control, quotes, backslashes
# and a character beyond the BMP come back equal through a strict parser.
"$python" -c '
import json, sys
hostile = "id-" + "".join(map(chr, range(1, 0x20))) + "\x7f\x9b\"\\\"\\\\/\U0001F600-end"
with open(sys.argv[1], "w", encoding="utf-8") as f:
    json.dump({"spec": {"id": hostile}}, f)
' "$work/hostile-id.json"
hostile_python='"id-" + "".join(map(chr, range(1, 0x20))) + "\x7f\x9b\"\\\"\\\\/\U0001F600-end"'
t_lifecycle_hostile_id () {
  run 0 lifecycle --backend stub "$work/hostile-id.json" && has_no_controls out &&
    json_lines 1 'lines[0]["id"] == lines[0]["handle"]["cell-id"] == lines[0]["report"]["cell-id"]
                  == '"$hostile_python"
}
check "lifecycle writes any id as JSON that reads back equal" t_lifecycle_hostile_id

# A backend's 1.2 handle details reach the output, as a JSON object.
t_lifecycle_details () {
  CELLOS_BACKEND_MODULE_DIR="$with_backends" run 0 lifecycle "$sample" &&
    json_lines 1 'lines[0]["handle"]["details"] == {
      "vm-pid": 4242, "api-socket": "/run/cellos-test/example-cell-1.sock",
      "taps": ["tap-example-cell-1-0", "tap-example-cell-1-1"]}'
}
check "lifecycle writes a module's handle details as a JSON object" t_lifecycle_details

# Errors say their domain, nick and code, and each line its stage.
printf '{"spec": {"id": "a",}}' > "$work/syntax-error.json"
t_lifecycle_error_members () {
  run 1 lifecycle --backend stub "$work/empty-id.json" "$work/missing.json" "$work/syntax-error.json" "$sample" &&
    json_lines 4 '[line["stage"] for line in lines] == ["create", "read", "read", "destroy"]
                  and [(line["error"] or {}).get("nick") for line in lines]
                      == ["invalid-spec", "not-found", "invalid-document", None]
                  and [(line["error"] or {}).get("domain") for line in lines]
                      == ["cellos-error-quark", "g-io-error-quark", "cellos-error-quark", None]
                  and all(type(line["error"]["code"]) is int for line in lines[:3])
                  and sorted(lines[0]["error"]) == ["code", "domain", "message", "nick"]'
}
check "lifecycle errors carry domain, nick and code, and every line its stage" t_lifecycle_error_members

t_backends_json () {
  CELLOS_BACKEND_MODULE_DIR="$unavailable" run 0 backends --json &&
    json_lines 3 '[line["name"] for line in lines] == ["test-unavailable", "test-isolating", "stub"]
                  and lines[0]["available"] is False and lines[0]["isolates"] is True
                  and lines[0]["priority"] == 20
                  and lines[0]["module"] == "'"$unavailable"'/libcellos-test-unavailable.so"
                  and "no KVM on this host" in lines[0]["error"]["message"]
                  and lines[0]["error"]["domain"] == "g-io-error-quark"
                  and lines[0]["error"]["nick"] == "not-supported"
                  and lines[2] == {"name": "stub", "priority": -100, "isolates": False,
                                   "available": True, "module": None, "error": None}'
}
check "backends --json prints one JSON line per backend, best first" t_backends_json

# validate and lifecycle agree: a document every backend refuses is not
# valid, exit 1, though it is well-formed.
printf '{"spec": {}}' > "$work/no-id.json"
t_validate_no_id () {
  run 1 validate "$work/empty-id.json" "$work/no-id.json" "$sample" && has out "sample-document.json: valid" &&
    ! has out "id.json: valid" &&
    has err "^cellos-cell: $work/empty-id.json: spec.id: missing or empty; the document is well-formed" &&
    has err "^cellos-cell: $work/no-id.json: spec.id: missing or empty"
}
check "validate refuses a missing or empty spec.id as lifecycle does, exit 1" t_validate_no_id

# Standard output is data only: with every debug record turned on, GLib's
# and the library's, it still holds nothing but the data; the records
# are on standard error.
t_debug_lifecycle () {
  G_MESSAGES_DEBUG=all run 0 lifecycle --backend stub "$sample" "$sample" && json_lines 2 && ! is_empty err
}
check "debug records go to standard error, lifecycle's output stays JSON Lines" t_debug_lifecycle

t_debug_validate () {
  G_MESSAGES_DEBUG=all run 0 validate "$sample" &&
    [ "$(cat "$work/out")" = "$sample: valid" ]
}
check "debug records go to standard error, validate's output is only its result" t_debug_validate

# The library's CELLOS_CELL_BACKEND=help listing is for people: it does
# not go to standard output.
t_help_listing () {
  CELLOS_CELL_BACKEND=help run 1 lifecycle "$sample" && is_empty out && has err "stub"
}
check "CELLOS_CELL_BACKEND=help lists the backends on standard error, exit 1" t_help_listing

# A lost write to standard output is an error, exit 1, with a message.
write_error () { has err "^cellos-cell: Error writing to standard output"; }
t_backends_closed () { run_to - 1 backends && write_error; }
check "backends with standard output closed fails, exit 1" t_backends_closed
t_backends_full () { run_to /dev/full 1 backends && write_error; }
check "backends with standard output full fails, exit 1" t_backends_full
# A module's path holding control characters, quotes, a backslash and a
# non-BMP character comes back equal from backends --json.
hostile_modules="$work/$(printf 'mods-\001\037\177"\\\360\237\230\200')"
mkdir -p "$hostile_modules"
cp "$CELLOS_TEST_BACKEND_MODULE" "$hostile_modules/libcellos-test-backend.so"
export HOSTILE_MODULES="$hostile_modules"
t_backends_json_hostile_path () {
  CELLOS_BACKEND_MODULE_DIR="$hostile_modules" run 0 backends --json &&
    has_no_controls out &&
    json_lines 2 'lines[0]["module"] == __import__("os").environ["HOSTILE_MODULES"] + "/libcellos-test-backend.so"'
}
check "backends --json writes any module path as JSON that reads back equal" t_backends_json_hostile_path
t_backends_json_full () { run_to /dev/full 1 backends --json && write_error; }
check "backends --json with standard output full fails, exit 1" t_backends_json_full
t_lifecycle_full () { run_to /dev/full 1 lifecycle --backend stub "$sample" && write_error; }
check "lifecycle with standard output full fails, exit 1" t_lifecycle_full
t_lifecycle_closed () { run_to - 1 lifecycle --backend stub "$sample" && write_error; }
check "lifecycle with standard output closed fails, exit 1" t_lifecycle_closed
# Through an asynchronous-only backend the library runs a main context of
# its own, with a descriptor (an eventfd) that must not become the closed
# standard output's.
t_lifecycle_async_closed () {
  CELLOS_BACKEND_MODULE_DIR="$with_backends" run_to - 1 lifecycle "$sample" && write_error
}
check "lifecycle through an asynchronous backend with standard output closed fails, exit 1" t_lifecycle_async_closed
t_validate_full () { run_to /dev/full 1 validate "$sample" && write_error; }
check "validate with standard output full fails, exit 1" t_validate_full
t_version_full () { run_to /dev/full 1 --version && write_error; }
check "--version with standard output full fails, exit 1" t_version_full
t_help_full () { run_to /dev/full 1 --help && write_error; }
check "--help with standard output full fails, exit 1" t_help_full

# "--" ends the options; FILE arguments are paths, never URIs.
cp "$sample" "$work/--help"
cp "$sample" "$work/doc:1.json"
t_validate_dashdash_stdin () { stdin="$sample" run 0 validate -- - && [ "$(cat "$work/out")" = "<stdin>: valid" ] && is_empty err; }
check "validate -- - reads standard input" t_validate_dashdash_stdin
t_validate_dashdash_option () { (cd "$work" && run 0 validate -- --help) && [ "$(cat "$work/out")" = "--help: valid" ]; }
check "validate -- --help reads the file --help" t_validate_dashdash_option
t_lifecycle_dashdash () {
  stdin="$sample" run 0 lifecycle --backend stub -- - && json_lines 1 'lines[0]["document"] == "<stdin>"'
}
check "lifecycle -- - reads standard input" t_lifecycle_dashdash
t_validate_colon () { (cd "$work" && run 0 validate doc:1.json) && [ "$(cat "$work/out")" = "doc:1.json: valid" ]; }
check "validate doc:1.json reads a file of that name" t_validate_colon
t_lifecycle_colon () {
  (cd "$work" && run 0 lifecycle --backend stub doc:1.json) && json_lines 1 'lines[0]["document"] == "doc:1.json"'
}
check "lifecycle doc:1.json reads a file of that name" t_lifecycle_colon
t_validate_uri () { run 1 validate "file://$sample" && is_empty out; }
check "validate takes a file:// URI for a path, which does not exist, exit 1" t_validate_uri

t_validate_empty () { run 2 validate "" && is_empty out; }
check "validate with an empty FILE is a usage error, exit 2" t_validate_empty
t_validate_empty_later () { run 2 validate "$sample" "" && is_empty out; }
check "validate with an empty FILE among others checks none, exit 2" t_validate_empty_later
t_lifecycle_empty () { run 2 lifecycle --backend stub "" && is_empty out; }
check "lifecycle with an empty FILE is a usage error, exit 2" t_lifecycle_empty

# Control characters from documents and file names are escaped in
# messages, and in the JSON.
printf '{"spec": {"id": "a"}, "x\\u001b[2J\\u007f\\u009b": 1, "x\\u001b[2J\\u007f\\u009b": 2}' > "$work/duplicate.json"
t_validate_duplicate_controls () {
  run 1 validate "$work/duplicate.json" && has err "^cellos-cell: $work/duplicate.json:" && has_no_controls err
}
check "validate escapes control characters of a duplicate member's name" t_validate_duplicate_controls
control_name="$work/$(printf 'bell\007\033[31m')"
t_validate_name_controls () {
  run 1 validate "$control_name" && has err "^cellos-cell: $work/bell" && has_no_controls err
}
check "validate escapes control characters of a file name" t_validate_name_controls
t_lifecycle_name_controls () {
  run 1 lifecycle --backend stub "$control_name" && has_no_controls err && has_no_controls out &&
    json_lines 1 'lines[0]["document"] == "'"$work"'/bell\a\x1b[31m"'
}
check "lifecycle escapes control characters of a file name" t_lifecycle_name_controls

t_command_controls () { run 2 "$(printf 'frob\033[31m')" && has err "frob" && has_no_controls err; }
check "an unknown command's name is escaped in the usage error" t_command_controls
t_backend_name_controls () {
  run 1 lifecycle --backend "$(printf 'gvisor\033[31m')" "$sample" && has err "gvisor" && has_no_controls err
}
check "an unknown backend's name is escaped in the error" t_backend_name_controls

# A backend's word is checked against the document.
printf '{"spec": {"id": "undestroyed-\\u001b[31m\\u009b"}}' > "$work/undestroyed-controls.json"
for id in well-behaved undestroyed-1 other-handle-1 other-report-1 no-handle-1 no-report-1; do
  printf '{"spec": {"id": "%s"}}' "$id" > "$work/$id.json"
done
misreport () {
  expected=$1
  shift
  CELLOS_BACKEND_MODULE_DIR="$misreporting" run "$expected" lifecycle --backend test-misreport "$@"
}
t_misreport_control () {
  misreport 0 "$work/well-behaved.json" && json_lines 1 'lines[0]["error"] is None'
}
check "lifecycle through the misreporting module's well-behaved case, exit 0" t_misreport_control
t_module_print () {
  misreport 0 "$work/well-behaved.json" && json_lines 1 && has err "^test-misreport: create$"
}
check "what a backend module prints with g_print() goes to standard error" t_module_print
t_misreport_undestroyed () {
  misreport 1 "$work/undestroyed-1.json" && has err "^cellos-cell: $work/undestroyed-1.json: .*undestroyed-1" &&
    json_lines 1 'lines[0]["report"]["destroyed"] is False and lines[0]["error"] is not None
                  and lines[0]["stage"] == "destroy"'
}
check "lifecycle fails when a report says destroyed: false, exit 1" t_misreport_undestroyed
t_misreport_other_handle () {
  misreport 1 "$work/other-handle-1.json" && has err "^cellos-cell: $work/other-handle-1.json: .*not-other-handle-1" &&
    json_lines 1 'lines[0]["handle"]["cell-id"] == "not-other-handle-1" and lines[0]["error"] is not None
                  and lines[0]["report"] is not None and lines[0]["stage"] == "create"'
}
check "lifecycle fails when the handle's id is not the document's, exit 1" t_misreport_other_handle
t_misreport_other_report () {
  misreport 1 "$work/other-report-1.json" && has err "^cellos-cell: $work/other-report-1.json: .*not-other-report-1" &&
    json_lines 1 'lines[0]["report"]["cell-id"] == "not-other-report-1" and lines[0]["error"] is not None'
}
check "lifecycle fails when the report's id is not the document's, exit 1" t_misreport_other_report
t_misreport_controls () {
  misreport 1 "$work/undestroyed-controls.json" && has_no_controls err && has_no_controls out &&
    json_lines 1 'lines[0]["id"] == lines[0]["report"]["cell-id"] == "undestroyed-\x1b[31m\x9b"'
}
check "lifecycle escapes control characters of a cell id" t_misreport_controls
t_misreport_no_handle () {
  misreport 1 "$work/no-handle-1.json" "$work/well-behaved.json" &&
    has err "^cellos-cell: $work/no-handle-1.json: " &&
    json_lines 2 'lines[0]["handle"] is None and lines[0]["error"] is not None and lines[1]["error"] is None'
}
check "lifecycle survives a create that returns no handle and no error, exit 1" t_misreport_no_handle
t_misreport_no_report () {
  misreport 1 "$work/no-report-1.json" && has err "^cellos-cell: $work/no-report-1.json: " &&
    json_lines 1 'lines[0]["handle"] is not None and lines[0]["report"] is None and lines[0]["error"] is not None'
}
check "lifecycle survives a destroy that returns no report and no error, exit 1" t_misreport_no_report
t_uninstantiable () {
  CELLOS_BACKEND_MODULE_DIR="$uninstantiable" run 1 lifecycle --backend uninstantiable "$sample" &&
    has err "^cellos-cell: " && is_empty out
}
check "lifecycle --backend naming a backend that cannot be made fails, exit 1" t_uninstantiable
t_uninstantiable_env () {
  CELLOS_BACKEND_MODULE_DIR="$uninstantiable" CELLOS_CELL_BACKEND=uninstantiable run 1 lifecycle "$sample" &&
    has err "^cellos-cell: " && is_empty out
}
check "CELLOS_CELL_BACKEND naming a backend that cannot be made fails, exit 1" t_uninstantiable_env
t_uninstantiable_default () {
  CELLOS_BACKEND_MODULE_DIR="$uninstantiable" run 1 lifecycle "$sample" && has err "^cellos-cell: " && is_empty out
}
check "lifecycle fails when the only isolating backend cannot be made, exit 1" t_uninstantiable_default

# list prints the cells a backend holds now, one JSON object per line
# with the handle's members. The example module's cells are the
# directories under its root, whichever process made them: these are
# made here as its create leaves them, and a file beside them is no cell.
example_modules="$work/example-modules"
example_root="$work/example-cells"
mkdir -p "$example_modules" "$example_root/cell-a" "$example_root/cell-b" "$work/example-empty"
cp "$CELLOS_EXAMPLE_BACKEND_MODULE" "$example_modules/"
: > "$example_root/not-a-cell"
listing="$work/listing"
mkdir -p "$listing"
cp "$CELLOS_TEST_MISBEHAVING_MODULE_DIR/libcellos-test-listing.so" "$listing/"
# example EXPECTED-STATUS [ARG…]: as run, with the example module and its
# root.
example () {
  CELLOS_BACKEND_MODULE_DIR="$example_modules" CELLOS_EXAMPLE_BACKEND_ROOT="$example_root" run "$@"
}

t_list_stub () {
  run 1 list --backend stub && is_empty out && has err "^cellos-cell: .*cannot list its cells$"
}
check "list --backend stub fails, as the stub cannot list its cells, exit 1" t_list_stub
t_list_stub_env () {
  CELLOS_CELL_BACKEND=stub run 1 list && is_empty out && has err "^cellos-cell: .*cannot list its cells$"
}
check "list honours CELLOS_CELL_BACKEND=stub, and fails, exit 1" t_list_stub_env
t_list_default () {
  CELLOS_BACKEND_MODULE_DIR="$with_backends" run 1 list && is_empty out &&
    has err "^cellos-cell: .*TestIsolatingBackend cannot list its cells$"
}
check "list without --backend uses the isolating module, which cannot list, exit 1" t_list_default
t_list_no_default () {
  run 1 list && is_empty out && has err "No isolating cell backend is installed" &&
    has err "CELLOS_CELL_BACKEND=stub"
}
check "list without an isolating backend fails, exit 1" t_list_no_default
t_list_unknown_backend () {
  run 1 list --backend gvisor && is_empty out && has err "No cell backend is named “gvisor”" &&
    has err "stub"
}
check "list --backend with an unknown name fails, exit 1" t_list_unknown_backend
t_list_uninstantiable () {
  CELLOS_BACKEND_MODULE_DIR="$uninstantiable" run 1 list --backend uninstantiable &&
    has err "^cellos-cell: " && is_empty out
}
check "list --backend naming a backend that cannot be made fails, exit 1" t_list_uninstantiable
t_list_arguments () { run 2 list --backend stub extra && is_empty out && has err "“list” takes no arguments"; }
check "list with an argument is a usage error, exit 2" t_list_arguments
t_list_unknown_option () { run 2 list --frobnicate && is_empty out && has err "frobnicate"; }
check "list with an unknown option is a usage error, exit 2" t_list_unknown_option

# The listing test module keeps its cells in its process: a new process
# holds none.
t_list_none () { CELLOS_BACKEND_MODULE_DIR="$listing" run 0 list --backend test-listing && is_empty out && is_empty err; }
check "list through a backend that holds no cells prints nothing, exit 0" t_list_none
t_list_empty_root () {
  CELLOS_BACKEND_MODULE_DIR="$example_modules" CELLOS_EXAMPLE_BACKEND_ROOT="$work/example-empty" \
    run 0 list --backend example && is_empty out && is_empty err
}
check "list through the example module with no cells prints nothing, exit 0" t_list_empty_root

t_list_example () {
  example 0 list --backend example && is_empty err &&
    json_lines 2 'sorted(lines, key=lambda line: line["cell-id"]) == [
      {"cell-id": "cell-a", "cgroup-path": "'"$example_root"'/cell-a",
       "kernel-digest-sha256": None, "rootfs-digest-sha256": None,
       "firecracker-digest-sha256": None, "nft-rules-applied": None,
       "details": {"directory": "'"$example_root"'/cell-a"}},
      {"cell-id": "cell-b", "cgroup-path": "'"$example_root"'/cell-b",
       "kernel-digest-sha256": None, "rootfs-digest-sha256": None,
       "firecracker-digest-sha256": None, "nft-rules-applied": None,
       "details": {"directory": "'"$example_root"'/cell-b"}}]'
}
check "list prints one JSON line per cell the example module holds, details included" t_list_example
t_list_example_env () {
  CELLOS_CELL_BACKEND=example example 0 list &&
    json_lines 2 'sorted(line["cell-id"] for line in lines) == ["cell-a", "cell-b"]'
}
check "list honours CELLOS_CELL_BACKEND" t_list_example_env
# A listed cell is written as lifecycle writes a handle: the same members
# in the same order.
t_list_members () {
  run 0 lifecycle --backend stub "$sample" && mv "$work/out" "$work/lifecycle.jsonl" &&
    example 0 list --backend example &&
    json_lines 2 'all(list(line) == list(__import__("json").loads(
                        open("'"$work"'/lifecycle.jsonl").readline())["handle"]) for line in lines)'
}
check "list writes the members lifecycle writes for a handle, in its order" t_list_members
t_list_debug () { G_MESSAGES_DEBUG=all example 0 list --backend example && json_lines 2; }
check "debug records go to standard error, list's output stays JSON Lines" t_list_debug
t_list_closed () {
  CELLOS_BACKEND_MODULE_DIR="$example_modules" CELLOS_EXAMPLE_BACKEND_ROOT="$example_root" \
    run_to - 1 list --backend example && write_error
}
check "list with standard output closed fails, exit 1" t_list_closed
t_list_full () {
  CELLOS_BACKEND_MODULE_DIR="$example_modules" CELLOS_EXAMPLE_BACKEND_ROOT="$example_root" \
    run_to /dev/full 1 list --backend example && write_error
}
check "list with standard output full fails, exit 1" t_list_full

# A cell id holding every C0 control, DEL, a C1 control, quotes, a
# backslash and a character beyond the BMP (a directory's name cannot
# hold "/") comes back equal through a strict parser.
hostile_root="$work/example-hostile"
hostile_cell_python='"id-" + "".join(map(chr, range(1, 0x20))) + "\x7f\x9b\"\\\U0001F600-end"'
"$python" -c 'import os, sys; os.makedirs(os.path.join(sys.argv[1], '"$hostile_cell_python"'))' "$hostile_root"
t_list_hostile_id () {
  CELLOS_BACKEND_MODULE_DIR="$example_modules" CELLOS_EXAMPLE_BACKEND_ROOT="$hostile_root" \
    run 0 list --backend example && has_no_controls out &&
    json_lines 1 'lines[0]["cell-id"] == '"$hostile_cell_python"
}
check "list writes any cell id as JSON that reads back equal" t_list_hostile_id

# --timeout bounds a backend that breaks the contract: one that calls
# back in another main context than the caller's never answers, and one
# that ignores cancellation delivers its cell late, which is destroyed.
wrong_context="$work/wrong-context"
deaf="$work/deaf"
mkdir -p "$wrong_context" "$deaf"
cp "$CELLOS_TEST_MISBEHAVING_MODULE_DIR/libcellos-test-wrongcontext.so" "$wrong_context/"
cp "$CELLOS_TEST_MISBEHAVING_MODULE_DIR/libcellos-test-deaf.so" "$deaf/"
# run_bounded EXPECTED-STATUS [ARG…]: as run, but killed after 60 s.
run_bounded () {
  expected=$1
  shift
  timeout 60 "$CELLOS_CELL" "$@" > "$work/out" 2> "$work/err" < /dev/null
  status=$?
  [ "$status" -eq "$expected" ] || { echo "# exit status $status, expected $expected" >> "$work/err"; return 1; }
}
t_timeout_wrong_context () {
  CELLOS_BACKEND_MODULE_DIR="$wrong_context" run_bounded 1 lifecycle \
      --backend test-wrongcontext --timeout 0.3 "$sample" &&
    has err "^cellos-cell: $sample: the backend did not answer the create" &&
    json_lines 1 'lines[0]["stage"] == "create" and lines[0]["handle"] is None
                  and lines[0]["error"]["nick"] == "timed-out"'
}
check "lifecycle --timeout gives up on a backend that calls back in the wrong context, exit 1" t_timeout_wrong_context
t_timeout_late_handle () {
  CELLOS_BACKEND_MODULE_DIR="$deaf" run_bounded 1 lifecycle \
      --backend test-deaf --timeout 0.3 "$sample" &&
    json_lines 1 'lines[0]["stage"] == "create" and lines[0]["error"]["nick"] == "timed-out"
                  and lines[0]["handle"]["cell-id"] == "example-cell-1"
                  and lines[0]["report"]["destroyed"] is True'
}
check "lifecycle --timeout destroys a cell that comes after the deadline, and fails it, exit 1" t_timeout_late_handle

echo "1..$n"
[ "$failed" -eq 0 ]
