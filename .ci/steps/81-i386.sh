#!/bin/bash
# i386 (32-bit: 4-byte gsize, pointers and long), as a Debian buildd
# builds it: a fresh Debian 12 i386 root made with debootstrap (it runs
# natively on amd64, with the i686 personality), the source package
# (the release tarball of the Quick start's tree and the commit's
# debian/), its build dependencies installed with apt-get build-dep, and
# dpkg-buildpackage -us -uc -b run by a user who is not root, with make
# check as dh_auto_test. No test may fail, and none be skipped but the
# version-gated ones (.ci/lib.sh) and the one a build without root cannot
# run: the setgid test (making a setgid program needs root). That test
# then runs as root in the same build tree, so it runs on i386 too. The
# ABI check compares the library with the i386 baseline of the 1.0.0
# release (lib/libcellos-1.0.0-i386.abi).
# The build's "N passed, N failed" goes to "$CELLOS_CI_RESULTS/i386".
# About 10 minutes on a 2-core machine shared with other builds (load 6
# to 8): debootstrap 2, the build dependencies 2.5, the build with make
# check 5.
set -euo pipefail

leg=i386
suite=bookworm
user=builder
. .ci/lib.sh
. .ci/chroot.sh
started=$SECONDS

root_create "$suite" i386

step=$SECONDS
version=$(dpkg-parsechangelog -l "$top/debian/changelog" -SVersion)
upstream=${version%-*}
make -C "$top" dist > /dev/null
root_run useradd --create-home --user-group "$user"
tree=$(source_package "$root/home/$user/build" "$top/cellos-$upstream.tar.xz" "$top/debian")
tree=${tree#"$root"}
root_run chown -R "$user:$user" "/home/$user/build"
root_run apt-get update > /dev/null
root_run apt-get install -y --no-install-recommends build-essential dpkg-dev > /dev/null
root_run sh -c "cd '$tree' && apt-get build-dep -y --no-install-recommends ." > "$root_scratch/build-dep.log" 2>&1 || {
  tail -n 40 "$root_scratch/build-dep.log" >&2
  exit 1
}
elapsed "the build dependencies" "$step"

step=$SECONDS
status=0
echo "ci: $leg: dpkg-buildpackage -us -uc -b as $user, in $tree"
root_run --user "$user" sh -c "cd '$tree' && dpkg-buildpackage -us -uc -b -j$(nproc)" \
  > "$root_scratch/build.log" 2>&1 || status=$?
elapsed "dpkg-buildpackage" "$step"

log=$root$tree/test-suite.log
if [ -f "$log" ]; then
  grep -E '^(FAIL|ERROR|XPASS|SKIP):' "$log" || true
  grep -B2 -A30 -E '^(FAIL|ERROR|XPASS): ' "$log" | tail -200 || true
fi
if [ "$status" -ne 0 ]; then
  tail -n 60 "$root_scratch/build.log" >&2
  echo "ci: $leg: dpkg-buildpackage failed" >&2
fi
if [ ! -f "$log" ] || [ "$(suite_count PASS "$log")" -eq 0 ]; then
  echo "ci: $leg: the test suite did not run" >&2
  status=1
else
  suite_counts "$log" > "$root/root/result"
  root_result
  # The skips allowed: version-gated ones, the setgid test, which only
  # root can run, and the test kit's ABI check: the kit is new in the
  # unreleased API 1.2 and has a baseline for amd64 only (the core's 1.0.0
  # release baseline for i386 is checked, and must pass, below).
  set_version_gated_skips_of "$root/etc/os-release"
  unexpected=$(unexpected_skips_in "$log" \
    '^SKIP: tests/test-secure-env\.sh [0-9]+ .*# SKIP .*(needs root|not privileged|privilege)' \
    "^SKIP: tests/abi/check-abi-testing\\.sh - check-abi: no ABI baseline for this build's architecture, elf-intel-80386 ")
  if [ -n "$unexpected" ]; then
    echo "ci: $leg: test(s) skipped, which CI does not allow:" >&2
    printf '%s\n' "$unexpected" >&2
    status=1
  fi
  # The ABI checks ran, against 1.0.0's i386 baseline.
  abi_logs=("$root$tree/tests/abi/check-abi.log" "$root$tree/tests/abi/check-abi-bites.log")
  grep -h -E '^(PASS|FAIL|ERROR|SKIP|XPASS):' "${abi_logs[@]}" || true
  if ! grep -q -E '^PASS: tests/abi/check-abi\.sh 1 - .* the release baseline lib/libcellos-1\.0\.0-i386\.abi$' "${abi_logs[0]}"; then
    echo "ci: $leg: check-abi.sh did not pass against lib/libcellos-1.0.0-i386.abi" >&2
    status=1
  fi
fi

# The setgid test, as root, in the same build tree.
if [ -f "$log" ]; then
  step=$SECONDS
  if root_run sh -c "cd '$tree' && make check TESTS=tests/test-secure-env.sh" \
       > "$root_scratch/secure-env.log" 2>&1 &&
     grep -q '^PASS:' "$root$tree/tests/test-secure-env.log" &&
     ! grep -q -E '^(SKIP|FAIL|ERROR|XPASS):' "$root$tree/tests/test-secure-env.log"; then
    echo "ci: $leg: tests/test-secure-env.sh as root: $(grep -c '^PASS:' "$root$tree/tests/test-secure-env.log") cases passed"
  else
    cat "$root$tree/tests/test-secure-env.log" >&2 || tail -n 30 "$root_scratch/secure-env.log" >&2
    echo "ci: $leg: tests/test-secure-env.sh as root failed or skipped" >&2
    status=1
  fi
  elapsed "the setgid test as root" "$step"
fi

echo "ci: $leg: the leg took $((SECONDS - started)) s"
exit "$status"
