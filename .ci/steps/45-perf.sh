#!/bin/bash
# The performance guard, in the Quick start's build tree: make check-perf
# counts callgrind instructions per create+destroy cycle for each bench
# variant (tests/bench) and fails when a variant's ratio to its floor is
# over its budget (docs/PERFORMANCE.md). Instruction counts hold steady on
# a shared machine, where wall-clock times do not. A tree without that
# target fails here: the guard must run, not be skipped.
set -euo pipefail

if ! make -n check-perf > /dev/null 2>&1; then
  echo "ci: perf: the build tree has no 'make check-perf' target (tests/bench); the performance guard did not run" >&2
  exit 1
fi
apt-get install -y -o DPkg::Lock::Timeout=600 --no-install-recommends valgrind > /dev/null
started=$SECONDS
make check-perf
echo "ci: perf: make check-perf took $((SECONDS - started)) s"
