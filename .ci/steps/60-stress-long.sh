#!/bin/bash
# make check-long: the stress test's long form (8 threads x 100,000
# create/destroy cycles with random cancellation), in _build-long.
# About 3 minutes.
set -euo pipefail
. .ci/reliability-build.sh
reliability_build _build-long
src/configure >configure.log
make -j"$(nproc)" >/dev/null
make check-long
