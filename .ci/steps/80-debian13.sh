#!/bin/bash
# Debian 13 (trixie): a minimal root made with debootstrap from the Debian
# archive this machine uses, a clean clone of the commit copied in, and in
# it everything .ci/debian-leg.sh does (README's Quick start unchanged,
# the packages with make check, lintian, the installed packages' tests).
# The leg's "N passed, N failed" goes to "$CELLOS_CI_RESULTS/debian13",
# which .ci/run adds to its own. About 8 minutes on the 2-core CI
# machine, shared: debootstrap 1, the Quick start (build dependencies,
# build, make check) 3, the packages 2.5, lintian and the installed
# packages' tests 0.5, removing the root 1.
set -euo pipefail

leg=debian13
suite=trixie
top=$(pwd)
started=$SECONDS

# The Debian archive apt uses here (deb822 or one-line sources), unless
# CELLOS_CI_DEBIAN_MIRROR names another.
apt_mirror () {
  local file
  for file in /etc/apt/sources.list /etc/apt/sources.list.d/*.list \
              /etc/apt/sources.list.d/*.sources; do
    [ -f "$file" ] && cat "$file"
  done |
    sed -n -e 's|^URIs: *||p' -e 's|^deb  *\(\[[^]]*\]  *\)\{0,1\}||p' |
    tr ' ' '\n' | grep -E '^https?://.*/debian/?$' | sed -n 1p
}
mirror=${CELLOS_CI_DEBIAN_MIRROR:-$(apt_mirror || true)}
mirror=${mirror:-http://deb.debian.org/debian}

apt-get install -y -o DPkg::Lock::Timeout=600 --no-install-recommends \
  debootstrap > /dev/null

# /var/tmp rather than /tmp: the root takes about 2 GB.
scratch=$(mktemp -d /var/tmp/cellos-$leg.XXXXXX)
root=$scratch/root
mounted=()

cleanup () {
  local i
  for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do
    umount "${mounted[i]}" || umount --lazy "${mounted[i]}" || true
  done
  # Never remove anything through a mount that is still there.
  if grep -q -F " $root/" /proc/mounts; then
    echo "ci: $leg: $root still has mounts; leaving $scratch" >&2
  else
    rm -rf --one-file-system "$scratch"
  fi
}
trap cleanup EXIT

echo "ci: $leg: debootstrap $suite from $mirror"
if ! debootstrap --variant=minbase "$suite" "$root" "$mirror" > "$scratch/debootstrap.log" 2>&1; then
  tail -n 30 "$scratch/debootstrap.log" "$root/debootstrap/debootstrap.log" 2>/dev/null || true
  exit 1
fi
echo "ci: $leg: debootstrap took $((SECONDS - started)) s"

for dir in proc sys dev dev/pts; do
  mount --bind "/$dir" "$root/$dir"
  mounted+=("$root/$dir")
done
# Nothing installed in the root starts a service.
printf '#!/bin/sh\nexit 101\n' > "$root/usr/sbin/policy-rc.d"
chmod 755 "$root/usr/sbin/policy-rc.d"

# The commit itself, twice: one clone for the Quick start, one for the
# packages (whose build must not see the Quick start's products).
git clone --quiet --no-local "$top" "$root/root/cellos"
mkdir "$root/root/package"
git clone --quiet --no-local "$top" "$root/root/package/cellos"

status=0
chroot "$root" /usr/bin/env -i \
  PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
  HOME=/root LANG=C.UTF-8 \
  bash /root/cellos/.ci/debian-leg.sh "$leg" /root/package/cellos /root/result ||
  status=$?

if [ -n "${CELLOS_CI_RESULTS:-}" ] && [ -s "$root/root/result" ]; then
  cp "$root/root/result" "$CELLOS_CI_RESULTS/$leg"
fi
echo "ci: $leg: the leg took $((SECONDS - started)) s"
exit "$status"
