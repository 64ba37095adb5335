#!/bin/bash
# Line and branch coverage of lib/ under make check (gcov, lcov), in
# _build-coverage. Fails under 95 % of lines or 80 % of branches.
# About 2 minutes.
set -euo pipefail
. .ci/reliability-build.sh
reliability_install lcov
reliability_build _build-coverage
src/configure --enable-code-coverage >configure.log
make -j"$(nproc)" >/dev/null
make -j"$(nproc)" check >check.log 2>&1 || { grep -E '^(FAIL|ERROR):' test-suite.log; exit 1; }
make check-code-coverage-lib
