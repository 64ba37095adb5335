#!/bin/sh
# check-gir-api.sh: the introspected API keeps what libcellos 1.0.0 gave
# language bindings. TAP output.
#
# tests/gir/Cellos-1.0.baseline is the listing gir-api-listing.py makes of
# 1.0.0's Cellos-1.0.gir: every type, callable, parameter, property,
# signal, member and field with what bindings read from it. The built GIR
# must list every line of it unchanged; what it lists beyond the baseline
# is new API and passes. Cases 2 to 4 check the check itself on copies of
# the built GIR: a change and a removal fail, an addition and the
# attributes newer scanners add pass. docs/ABI.md says how the baseline
# is updated for an intended change.
#
# Copyright 2026 The CellOS authors
# SPDX-License-Identifier: LGPL-2.1-or-later

set -u

: "${G_TEST_SRCDIR:?G_TEST_SRCDIR must name the tests source directory}"
: "${CELLOS_GIR:?CELLOS_GIR must name the built Cellos-1.0.gir}"

listing=$G_TEST_SRCDIR/gir/gir-api-listing.py
baseline=$G_TEST_SRCDIR/gir/Cellos-1.0.baseline

if [ ! -f "$CELLOS_GIR" ]; then
  echo "1..0 # SKIP built without introspection ($CELLOS_GIR)"
  exit 0
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/cellos-gir-test.XXXXXX")
trap 'rm -rf "$work"' EXIT

echo "1..4"

# compare GIR: runs the comparison, its report in $work/report.
compare () {
  python3 "$listing" --compare "$baseline" "$1" > "$work/report" 2>&1
}

report () {
  sed 's/^/# /' "$work/report"
}

if compare "$CELLOS_GIR"; then
  echo "ok 1 - the built GIR keeps every item of 1.0.0's as it was"
  report | tail -n 1
else
  echo "not ok 1 - the built GIR keeps every item of 1.0.0's as it was"
  report
  echo "# an intended change: update tests/gir/Cellos-1.0.baseline (make update-gir-baseline) and say so in NEWS"
fi

# A changed transfer, as a binding would see it: the first return value
# the library hands over in full, handed over as borrowed.
sed '0,/<return-value transfer-ownership="full"/s//<return-value transfer-ownership="none"/' \
  "$CELLOS_GIR" > "$work/changed.gir"
if ! compare "$work/changed.gir" && grep -q '^changed: .* return$' "$work/report"; then
  echo "ok 2 - a changed return value fails the check"
else
  echo "not ok 2 - a changed return value fails the check"
  report
fi

sed '/<method name="get_id"/,/<\/method>/d' "$CELLOS_GIR" > "$work/removed.gir"
if ! compare "$work/removed.gir" && grep -q '^removed: class ExecutionCellDocument method get_id$' "$work/report"; then
  echo "ok 3 - a removed method fails the check"
else
  echo "not ok 3 - a removed method fails the check"
  report
fi

# What is new, and what gobject-introspection 1.80 and later write on
# callables and properties that were there before (taken off first where
# this scanner wrote them already, so that none is there twice).
sed -e 's| glib:finish-func="[^"]*"||g' -e 's| default-value="[^"]*"||g' \
    -e 's| glib:get-property="[^"]*"||g' \
    -e 's|</namespace>|<function name="added_later" c:identifier="cellos_added_later"><return-value transfer-ownership="none"><type name="none" c:type="void"/></return-value></function></namespace>|' \
    -e 's|<method name="create_async"|<method name="create_async" glib:finish-func="create_finish"|' \
    -e 's|<property name="id"|<property name="id" default-value="NULL" glib:get-property="get_id"|' \
  "$CELLOS_GIR" > "$work/added.gir"
if grep -q 'added_later' "$work/added.gir" && grep -q 'glib:finish-func' "$work/added.gir" &&
   compare "$work/added.gir"; then
  echo "ok 4 - additions and newer scanners' hints pass the check"
else
  echo "not ok 4 - additions and newer scanners' hints pass the check"
  report
fi
