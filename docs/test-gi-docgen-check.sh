#!/bin/sh
# test-gi-docgen-check.sh: every public symbol of Cellos-1.0.gir, and every
# parameter, is documented (gi-docgen check prints a warning for each one
# that is not), and the reference shows a description for every virtual
# method of the backend interface. TAP output. Needs GI_DOCGEN, CELLOS_GIR,
# GIR_SYSTEM_DIR and CELLOS_DOCS_HTML (the built reference).
#
# Copyright 2026 The CellOS authors
# SPDX-License-Identifier: LGPL-2.1-or-later

set -u

: "${GI_DOCGEN:?GI_DOCGEN must name gi-docgen}"
: "${CELLOS_GIR:?CELLOS_GIR must name Cellos-1.0.gir}"

echo "1..2"
output=$("$GI_DOCGEN" check --quiet --fatal-warnings \
           ${GIR_SYSTEM_DIR:+--add-include-path="$GIR_SYSTEM_DIR"} \
           "$CELLOS_GIR" 2>&1)
status=$?
if [ "$status" -eq 0 ] && [ -z "$output" ]; then
  echo "ok 1 - gi-docgen check finds every public symbol documented"
else
  echo "not ok 1 - gi-docgen check finds every public symbol documented"
  echo "$output" | sed 's/^/# /'
  echo "# exit status $status"
  failed=1
fi

page="${CELLOS_DOCS_HTML:-}/iface.CellBackend.html"
if [ -f "$page" ] && grep -q "worker thread" "$page" &&
   ! grep -q "No description available" "$page"; then
  echo "ok 2 - the reference describes every member of CellosCellBackendInterface"
else
  echo "not ok 2 - the reference describes every member of CellosCellBackendInterface"
  echo "# $page lacks a description"
  failed=1
fi
exit "${failed:-0}"
