#!/bin/bash
# make check with AddressSanitizer, LeakSanitizer and UBSan (gcc), in
# _build-asan. About 3 minutes.
set -euo pipefail
. .ci/reliability-build.sh
reliability_build _build-asan
# The Python and gjs tests would load the instrumented library into
# interpreters that are not, which ASan refuses ("runtime does not come
# first"); tests/gi-run reports them skipped, by name, with that reason, and
# they run in every other build. CI's config.site (docs and introspection
# forced on, read after the command line) is left out: this build asks for
# -Werror itself.
env -u CONFIG_SITE src/configure --enable-sanitizers \
  --enable-compile-warnings=error >configure.log
make -j"$(nproc)" >/dev/null
if ! make -j"$(nproc)" check >check.log 2>&1; then
  grep -A40 -E '^(FAIL|ERROR): ' test-suite.log | tail -200 || true
  exit 1
fi
grep -E '^# (TOTAL|PASS|SKIP|FAIL|ERROR):' test-suite.log
grep -E '^SKIP:' test-suite.log || true
