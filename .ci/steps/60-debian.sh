#!/bin/bash
# The Debian packages: built from a clean copy of the commit being tested
# (dpkg-buildpackage, with make check as dh_auto_test), checked with
# lintian (any error fails), installed with apt so that their dependencies
# resolve, tested as autopkgtest would test them (debian/tests, against the
# installed system, with nothing of the build tree in the environment),
# then purged. About 10 minutes on the 2-core CI machine, most of it the
# package build and its make check.
set -euo pipefail

top=$(pwd)
scratch=$(mktemp -d /tmp/cellos-debian.XXXXXX)
packages=()

cleanup () {
  if [ "${#packages[@]}" -gt 0 ]; then
    apt-get purge -y -o DPkg::Lock::Timeout=600 "${packages[@]}" > /dev/null || true
  fi
  rm -rf "$scratch" "$scratch"-autopkgtest-*
}
trap cleanup EXIT

apt-get install -y -o DPkg::Lock::Timeout=600 --no-install-recommends \
  build-essential dpkg-dev devscripts lintian > /dev/null

# The commit itself, without the Quick start's build products.
git clone --quiet --no-local "$top" "$scratch/cellos"
cd "$scratch/cellos"
# The package is built as a packager would build it, without CI's
# configure settings.
env -u CONFIG_SITE dpkg-buildpackage -us -uc -b -j"$(nproc)"
cd "$scratch"

changes=$(ls cellos_*.changes)
lintian --fail-on error --display-info "$changes"

mapfile -t debs < <(dcmd --deb "$changes" | grep -v -- '-dbgsym_')
mapfile -t packages < <(printf '%s\n' "${debs[@]}" | sed 's|_.*||')
# The packages, and what debian/tests/control says the tests need.
mapfile -t test_depends < <(sed -n 's/^Depends: *//p' cellos/debian/tests/control |
                            tr ',' '\n' | sed 's/^ *//; s/ *$//' | grep -v '^@' | sort -u)
apt-get install -y -o DPkg::Lock::Timeout=600 \
  "${debs[@]/#/./}" "${test_depends[@]}" > /dev/null

# As autopkgtest runs them: from the top of the source tree, with a fresh
# AUTOPKGTEST_TMP, and an environment that names nothing of the build.
failed=0
for test in $(sed -n 's/^Tests: *//p' cellos/debian/tests/control | tr ',' ' '); do
  tmp=$(mktemp -d "$scratch-autopkgtest-$test.XXXXXX")
  echo "ci: debian: autopkgtest $test"
  if ! (cd "$scratch/cellos" &&
        env -i PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin \
               HOME="$tmp" LANG=C.UTF-8 AUTOPKGTEST_TMP="$tmp" \
               "debian/tests/$test"); then
    echo "ci: debian: autopkgtest $test FAILED" >&2
    failed=1
  fi
done
exit "$failed"
