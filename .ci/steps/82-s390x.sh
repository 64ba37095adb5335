#!/bin/bash
# s390x (64-bit big-endian): a fresh Debian 12 s390x root made with
# debootstrap, whose programs the kernel runs through qemu-user-static
# (binfmt_misc, registered here: CI starts from a fresh machine), a clean
# clone of the commit in it, and there the Quick start's steps and the
# whole of make check (.ci/check-leg.sh), each step timed. Big-endian
# bytes, sizes and numbers in documents, message catalogs, hashing and
# symbol tables are proven there, as on the little-endian legs.
#
# No test may fail; none may be skipped but the version-gated ones and
# one named here, which the emulator causes: under qemu-user, binfmt_misc
# runs a setgid program without its privilege (the kernel gives the
# emulator, not the program, the credentials, and AT_SECURE stays 0), so
# tests/test-secure-env.sh cannot make a privileged process and skips,
# saying so.
# The leg's "N passed, N failed" goes to "$CELLOS_CI_RESULTS/s390x".
# About 30 minutes on the 2-core CI machine, shared: debootstrap 6, the
# build dependencies 4, autogen.sh and configure 6, make 4, make check
# 12.
set -euo pipefail

leg=s390x
suite=bookworm
. .ci/lib.sh
. .ci/chroot.sh
started=$SECONDS

root_create "$suite" s390x
root_clone root/cellos

status=0
root_run bash /root/cellos/.ci/check-leg.sh "$leg" /root/result \
  '^SKIP: tests/test-secure-env\.sh [0-9]+ .*# SKIP .*(privilege|AT_SECURE|emulat)' ||
  status=$?
root_result
echo "ci: $leg: the leg took $((SECONDS - started)) s"
exit "$status"
