#!/bin/bash
# s390x (64-bit big-endian): a fresh Debian 12 s390x root made with
# debootstrap, whose programs the kernel runs through qemu-user-static
# (binfmt_misc, registered here: CI starts from a fresh machine), a clean
# clone of the commit in it (autoreconf run on it natively), and there the
# Quick start's steps and the whole of make check (.ci/check-leg.sh),
# each step timed. Big-endian bytes, sizes and numbers in documents,
# message catalogs, hashing and symbol tables are proven there, as on the
# little-endian legs.
#
# No test may fail; none may be skipped but the version-gated ones and
# those named here, each for its reason:
#  - the emulator: under qemu-user, binfmt_misc runs a setgid program
#    without its privilege (the kernel gives the emulator, not the
#    program, the credentials, and AT_SECURE stays 0), so
#    tests/test-secure-env.sh cannot make a privileged process and skips,
#    saying so;
#  - the architecture: there is no ABI baseline for s390x (type sizes
#    differ between architectures; docs/ABI.md), so check-abi.sh and
#    check-abi-bites.sh skip, naming it. check-exports.sh, which reads
#    s390x's dynamic symbol table, runs.
# The leg's "N passed, N failed" goes to "$CELLOS_CI_RESULTS/s390x".
# Measured on a 2-core machine shared with four other builds: make 4
# minutes and the whole of make check 14 (load 6 to 8); debootstrap 11,
# the build dependencies 20 (before they left out Build-Depends-Indep,
# fsync and man-db's index) and autogen.sh with configure under the
# emulator 50 (before autoreconf ran natively) at load 6 to 17. Unshared,
# configure takes about 6 minutes.
set -euo pipefail

leg=s390x
suite=bookworm
. .ci/lib.sh
. .ci/chroot.sh
started=$SECONDS

root_create "$suite" s390x
root_clone root/cellos
# autoreconf natively (its output is the same on every architecture), so
# that only configure runs under the emulator.
step=$SECONDS
(cd "$root/root/cellos" && NOCONFIGURE=1 ./autogen.sh > /dev/null)
elapsed "autogen.sh (NOCONFIGURE=1, natively)" "$step"

status=0
root_run bash /root/cellos/.ci/check-leg.sh "$leg" /root/result \
  '^SKIP: tests/test-secure-env\.sh [0-9]+ .*# SKIP .*(privilege|AT_SECURE|emulat)' \
  "^SKIP: tests/abi/check-abi(-bites|-testing)?\\.sh - check-abi(-bites)?: no ABI baseline for this build's architecture, elf-ibm-s390 " ||
  status=$?
root_result
echo "ci: $leg: the leg took $((SECONDS - started)) s"
exit "$status"
