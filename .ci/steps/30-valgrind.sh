#!/bin/bash
# make check-valgrind: memcheck over the C tests, with GLib's glib.supp
# and tests/cellos.supp, in _build-valgrind. About 4 minutes.
set -euo pipefail
. .ci/reliability-build.sh
reliability_install valgrind
reliability_build _build-valgrind
src/configure --enable-valgrind >configure.log
make -j"$(nproc)" >/dev/null
if ! make -j"$(nproc)" check-valgrind >check.log 2>&1; then
  grep -A60 -E '^(FAIL|ERROR): ' test-suite-memcheck.log | tail -300 || true
  exit 1
fi
grep -E '^# (TOTAL|PASS|SKIP|FAIL|ERROR):' test-suite-memcheck.log
