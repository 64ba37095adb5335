#!/bin/bash
# make check with AddressSanitizer, LeakSanitizer and UBSan (gcc), in
# _build-asan. About 3 minutes.
set -euo pipefail
. .ci/reliability-build.sh
reliability_build _build-asan
src/configure --enable-sanitizers >configure.log
make -j"$(nproc)" >/dev/null
if ! make -j"$(nproc)" check >check.log 2>&1; then
  grep -A40 -E '^(FAIL|ERROR): ' test-suite.log | tail -200 || true
  exit 1
fi
grep -E '^# (TOTAL|PASS|SKIP|FAIL|ERROR):' test-suite.log
