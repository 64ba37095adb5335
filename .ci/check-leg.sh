#!/bin/bash
# make check on another architecture, run as root inside a root of it
# (.ci/steps/82-s390x.sh makes one), from the top of a clean clone of the
# commit: the Quick start's steps (the build dependencies with apt-get
# build-dep, leaving out Build-Depends-Indep, the API reference's, which
# this leg does not build; autogen.sh with CI's settings, warnings as
# errors, or configure alone where the step ran autogen.sh outside the
# root; make), each timed, then make check. No test may fail, and none be skipped but
# the version-gated ones (.ci/lib.sh) and those matching a PATTERN (an
# extended regular expression for a SKIP: line of test-suite.log, reason
# included: the leg's skips by design, which its step names and
# justifies). Writes "N passed, N failed" to RESULT.
#
# Usage: check-leg.sh LEG RESULT [PATTERN...]
set -uo pipefail

leg=$1
result=$2
shift 2

cd "$(dirname "$0")/.."
export DEBIAN_FRONTEND=noninteractive
export CONFIG_SITE="$PWD/.ci/config.site"
. .ci/lib.sh
. /etc/os-release
set_version_gated_skips

elapsed () {
  echo "ci: $leg: $1 took $((SECONDS - $2)) s"
}
run () # WHAT COMMAND...
{
  local what=$1 started=$SECONDS
  shift
  echo "ci: $leg: $what: $*"
  if ! "$@" > "ci-$what.log" 2>&1; then
    tail -n 60 "ci-$what.log"
    echo "ci: $leg: $what FAILED" >&2
    elapsed "$what" "$started"
    return 1
  fi
  elapsed "$what" "$started"
}

# Under an emulator every program is slow: dpkg writes without fsync, and
# man-db does not rebuild its index after each package.
echo 'man-db man-db/auto-update boolean false' | debconf-set-selections
# autoreconf's output does not depend on the architecture: when the step
# ran autogen.sh (NOCONFIGURE=1) outside the root, natively, configure
# alone runs here. The API reference is not built: gi-docgen is in
# Build-Depends-Indep, which this leg leaves out; CI's config.site asks for
# the reference unless the command line said otherwise.
if [ -x configure ]; then
  configure=(./configure --disable-docs)
else
  configure=(./autogen.sh --disable-docs)
fi
status=0
run build-dependencies sh -c 'apt-get update &&
    apt-get build-dep -y --no-install-recommends --arch-only -o DPkg::Options::=--force-unsafe-io ./' &&
  run configure "${configure[@]}" &&
  run make make -j"$(nproc)" &&
  print_versions || status=1
if [ "$status" -eq 0 ]; then
  # make check's own status is read from test-suite.log below.
  run check make -j"$(nproc)" check || true
fi

if [ -f test-suite.log ]; then
  grep -E '^(FAIL|ERROR|XPASS|SKIP):' test-suite.log || true
  grep -B2 -A30 -E '^(FAIL|ERROR|XPASS): ' test-suite.log | tail -200 || true
fi
if [ ! -f test-suite.log ] || [ "$(suite_count PASS)" -eq 0 ]; then
  echo "ci: $leg: the test suite did not run"
  status=1
else
  suite_counts test-suite.log > "$result"
  unexpected=$(unexpected_skips_in test-suite.log "$@")
  allowed=$(grep -E '^SKIP:' test-suite.log || true)
  if [ -n "$unexpected" ]; then
    allowed=$(printf '%s\n' "$allowed" | grep -v -x -F -f <(printf '%s\n' "$unexpected") || true)
  fi
  if [ -n "$allowed" ]; then
    echo "ci: $leg: skipped by design (the release's stack, or what this leg names):"
    printf '%s\n' "$allowed"
  fi
  if [ -n "$unexpected" ]; then
    echo "ci: $leg: test(s) skipped, which CI does not allow:"
    printf '%s\n' "$unexpected"
    status=1
  fi
  if [ "$(suite_count FAIL) $(suite_count ERROR) $(suite_count XPASS)" != "0 0 0" ]; then
    status=1
  fi
fi
echo "check: $leg: $(cat "$result" 2>/dev/null || echo 'did not run')"
exit "$status"
