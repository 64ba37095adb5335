#!/bin/bash
# make check with AddressSanitizer, LeakSanitizer and UBSan (gcc), in
# _build-asan. About 3 minutes.
set -euo pipefail
. .ci/reliability-build.sh
reliability_build _build-asan
# Without introspection: the Python and gjs tests would load the
# instrumented library into interpreters that are not, which ASan refuses
# ("runtime does not come first"); they are reported skipped, with that
# reason, and run in every other build. CI's config.site would turn
# introspection back on (a site file is read after the command line), so
# this build does not read it and asks for -Werror itself.
env -u CONFIG_SITE src/configure --enable-sanitizers --disable-introspection \
  --enable-compile-warnings=error >configure.log
make -j"$(nproc)" >/dev/null
if ! make -j"$(nproc)" check >check.log 2>&1; then
  grep -A40 -E '^(FAIL|ERROR): ' test-suite.log | tail -200 || true
  exit 1
fi
grep -E '^# (TOTAL|PASS|SKIP|FAIL|ERROR):' test-suite.log
