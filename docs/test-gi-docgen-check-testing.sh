#!/bin/sh
# test-gi-docgen-check-testing.sh: every public symbol of the test kit's
# CellosTesting-1.0.gir, and every parameter, is documented (gi-docgen
# check prints a warning for each one that is not). TAP output. Needs
# GI_DOCGEN, CELLOS_TESTING_GIR, GIR_SYSTEM_DIR and CELLOS_GIR_DIR (where
# the Cellos-1.0.gir it includes is).
#
# Copyright 2026 The CellOS authors
# SPDX-License-Identifier: LGPL-2.1-or-later

set -u

: "${GI_DOCGEN:?GI_DOCGEN must name gi-docgen}"
: "${CELLOS_TESTING_GIR:?CELLOS_TESTING_GIR must name CellosTesting-1.0.gir}"
: "${CELLOS_GIR_DIR:?CELLOS_GIR_DIR must name the directory of Cellos-1.0.gir}"

echo "1..1"
output=$("$GI_DOCGEN" check --quiet --fatal-warnings \
           ${GIR_SYSTEM_DIR:+--add-include-path="$GIR_SYSTEM_DIR"} \
           --add-include-path="$CELLOS_GIR_DIR" \
           "$CELLOS_TESTING_GIR" 2>&1)
status=$?
if [ "$status" -eq 0 ] && [ -z "$output" ]; then
  echo "ok 1 - gi-docgen check finds every public symbol of the test kit documented"
else
  echo "not ok 1 - gi-docgen check finds every public symbol of the test kit documented"
  echo "$output" | sed 's/^/# /'
  echo "# exit status $status"
  exit 1
fi
