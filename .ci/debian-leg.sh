#!/bin/bash
# One Debian release's test leg, run as root inside a root of that release
# (.ci/steps/80-debian13.sh makes one with debootstrap), from the top of a
# clean clone of the commit:
#  1. README's Quick start blocks, unchanged, with CI's settings
#     (warnings as errors); no test may be skipped;
#  2. the Debian packages, from the release tarball and the debian/ of a
#     second clean clone (PACKAGE_TREE): dpkg-buildpackage (source and
#     binaries) with make check, then lintian -I -E --pedantic printing
#     no tag that an override does not explain;
#  3. the packages installed, the installed tests and every autopkgtest
#     in debian/tests run against them, as .ci/steps/60-debian.sh does.
# Writes "N passed, N failed" (the Quick start's make check) to RESULT.
#
# Usage: debian-leg.sh LEG PACKAGE_TREE RESULT
set -uo pipefail

leg=$1
package_tree=$2
result=$3

cd "$(dirname "$0")/.."
top=$(pwd)
export DEBIAN_FRONTEND=noninteractive
export CONFIG_SITE="$top/.ci/config.site"
. .ci/lib.sh

failures=()
elapsed () {
  echo "ci: $leg: $1 took $((SECONDS - $2)) s"
}

started=$SECONDS
if run_quickstart 1; then
  print_versions
  run_quickstart 2
fi
elapsed "the Quick start" "$started"

passed=$(suite_count PASS)
failed=$(( $(suite_count FAIL) + $(suite_count ERROR) + $(suite_count XPASS) ))
if [ -f test-suite.log ]; then
  grep -E '^(FAIL|ERROR|XPASS|SKIP):' test-suite.log || true
  grep -B2 -A30 -E '^(FAIL|ERROR|XPASS): ' test-suite.log | tail -200 || true
fi
if [ ! -f test-suite.log ] || [ "$passed" -eq 0 ]; then
  echo "ci: $leg: the test suite did not run"
  failures+=(make-check)
fi
# Everything the tests need is installed: a skip is a check that did not
# run, unless the release's stack is too old for it (version-gated).
. /etc/os-release
set_version_gated_skips
if [ -f test-suite.log ] && [ -n "$(unexpected_skips_in test-suite.log)" ]; then
  echo "ci: $leg: test(s) skipped, which CI does not allow:"
  unexpected_skips_in test-suite.log
  failures+=(skipped-tests)
fi
echo "$passed passed, $failed failed" > "$result"

# The packages, built as a packager would build them: without CI's
# configure settings, from the source package .ci/steps/60-debian.sh
# makes too (the release tarball of the Quick start's tree as the
# .orig.tar.xz, and the commit's debian/), so that lintian checks the
# source package as well.
started=$SECONDS
packages_built=false
if apt-get install -y --no-install-recommends \
     build-essential dpkg-dev devscripts lintian > /dev/null; then
  version=$(dpkg-parsechangelog -l "$package_tree/debian/changelog" -SVersion)
  upstream=${version%-*}
  make dist > /dev/null &&
    package_tree=$(source_package "$(dirname "$package_tree")/source-package" \
                     "cellos-$upstream.tar.xz" "$package_tree/debian") &&
    (cd "$package_tree" && env -u CONFIG_SITE dpkg-buildpackage -us -uc -j"$(nproc)") &&
    packages_built=true
fi
$packages_built || failures+=(dpkg-buildpackage)
elapsed "dpkg-buildpackage" "$started"

if $packages_built; then
  started=$SECONDS
  cd "$package_tree/.."
  changes=$(ls cellos_*.changes)
  run_lintian "$changes" "$leg" || failures+=(lintian)
  if install_packages "$changes" "$package_tree"; then
    # The installed-tests one runs the installed tests.
    run_autopkgtests "$package_tree" "$leg"
    for test in "${autopkgtest_failed[@]}"; do
      failures+=("autopkgtest-$test")
    done
  else
    failures+=(package-install)
  fi
  elapsed "lintian and the installed packages' tests" "$started"
fi

echo "check: $leg: $passed passed, $failed failed"
if [ "${#failures[@]}" -gt 0 ]; then
  echo "ci: $leg: failed: ${failures[*]}"
  exit 1
fi
[ "$failed" -eq 0 ]
