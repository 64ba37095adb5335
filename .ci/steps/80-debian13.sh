#!/bin/bash
# Debian 13 (trixie): a fresh minimal root made with debootstrap
# (.ci/chroot.sh), a clean clone of the commit copied in, and in it
# everything .ci/debian-leg.sh does (README's Quick start unchanged, the
# packages with make check, lintian, the installed packages' tests).
# The leg's "N passed, N failed" goes to "$CELLOS_CI_RESULTS/debian13",
# which .ci/run adds to its own. About 8 minutes on the 2-core CI
# machine, shared: debootstrap 1, the Quick start (build dependencies,
# build, make check) 3, the packages 2.5, lintian and the installed
# packages' tests 0.5, removing the root 1.
set -euo pipefail

leg=debian13
suite=trixie
. .ci/lib.sh
. .ci/chroot.sh
started=$SECONDS

root_create "$suite" "$(dpkg --print-architecture)"

# The commit itself, twice: one clone for the Quick start, one for the
# packages (whose build must not see the Quick start's products).
root_clone root/cellos
root_clone root/package/cellos

status=0
root_run bash /root/cellos/.ci/debian-leg.sh "$leg" /root/package/cellos /root/result ||
  status=$?
root_result
echo "ci: $leg: the leg took $((SECONDS - started)) s"
exit "$status"
