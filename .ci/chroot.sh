# What the test legs in roots of their own share (.ci/steps/80-debian13.sh,
# 81-i386.sh, 82-s390x.sh): sourced, not run. A leg sets leg (its name)
# first, then:
#
#  root_create SUITE ARCH
#                      a fresh minimal root of Debian SUITE for ARCH, made
#                      with debootstrap from the Debian archive this machine
#                      uses (apt_mirror), under a scratch directory in
#                      /var/tmp (a root takes about 2 GB), with /proc, /sys,
#                      /dev and /dev/pts bound into it; sets root. For an
#                      ARCH this machine cannot run natively (not amd64 or
#                      i386), qemu-user-static runs it through binfmt_misc,
#                      which this registers. Everything is unmounted and
#                      removed on exit.
#  root_clone DIR      a clean clone of the commit at DIR in the root
#  root_run [--user USER] COMMAND...
#                      COMMAND in the root, as root or USER, with an
#                      environment that names nothing of this machine's;
#                      an i386 root runs with the i686 personality, as a
#                      buildd's chroot does
#  root_result         copies the root's /root/result (the leg's
#                      "N passed, N failed") to "$CELLOS_CI_RESULTS/$leg"
#  elapsed WHAT START  prints how long WHAT took since SECONDS was START
#
# CELLOS_CI_DEBIAN_MIRROR names another archive. CELLOS_CI_SEED_DIR, for
# working on a leg only, names a directory of roots debootstrapped before
# (SUITE-ARCH, untouched since), copied instead of debootstrapping; CI
# never sets it, so that every run starts from a fresh root.

top=$(pwd)
root=
root_arch=
root_scratch=
root_mounted=()

elapsed () {
  echo "ci: $leg: $1 took $((SECONDS - $2)) s"
}

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

root_cleanup () {
  local i
  for ((i = ${#root_mounted[@]} - 1; i >= 0; i--)); do
    umount "${root_mounted[i]}" || umount --lazy "${root_mounted[i]}" || true
  done
  [ -n "$root_scratch" ] || return 0
  # Never remove anything through a mount that is still there.
  if grep -q -F " $root/" /proc/mounts; then
    echo "ci: $leg: $root still has mounts; leaving $root_scratch" >&2
  else
    rm -rf --one-file-system "$root_scratch"
  fi
}

# qemu-user-static for ARCH, registered with binfmt_misc so that the
# kernel runs the root's programs through it (the F flag: the emulator is
# opened once, so the root needs no copy of it).
root_enable_emulation () {
  local arch=$1 qemu
  case $arch in
    s390x | ppc64el | arm64 | armhf | armel | mips64el | riscv64)
      ;;
    *)
      echo "ci: $leg: no emulator known for $arch" >&2
      return 1 ;;
  esac
  case $arch in
    ppc64el) qemu=ppc64le ;;
    arm64) qemu=aarch64 ;;
    armhf | armel) qemu=arm ;;
    *) qemu=$arch ;;
  esac
  apt-get install -y -o DPkg::Lock::Timeout=600 --no-install-recommends \
    qemu-user-static binfmt-support > /dev/null
  if ! grep -q binfmt_misc /proc/mounts; then
    mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc
  fi
  update-binfmts --enable "qemu-$qemu"
  grep -qx enabled "/proc/sys/fs/binfmt_misc/qemu-$qemu" || {
    echo "ci: $leg: binfmt_misc does not run $arch programs through qemu-$qemu" >&2
    return 1
  }
  echo "ci: $leg: $arch programs run in $(qemu-$qemu-static --version | head -n 1)"
}

root_create () {
  local suite=$1 arch=$2 mirror started=$SECONDS dir
  root_arch=$arch
  mirror=${CELLOS_CI_DEBIAN_MIRROR:-$(apt_mirror || true)}
  mirror=${mirror:-http://deb.debian.org/debian}
  case $arch in
    "$(dpkg --print-architecture)") ;;
    i386) [ "$(dpkg --print-architecture)" = amd64 ] || root_enable_emulation "$arch" ;;
    *) root_enable_emulation "$arch" ;;
  esac
  apt-get install -y -o DPkg::Lock::Timeout=600 --no-install-recommends \
    debootstrap > /dev/null

  root_scratch=$(mktemp -d "/var/tmp/cellos-$leg.XXXXXX")
  root=$root_scratch/root
  trap root_cleanup EXIT

  if [ -n "${CELLOS_CI_SEED_DIR:-}" ] && [ -d "$CELLOS_CI_SEED_DIR/$suite-$arch" ]; then
    echo "ci: $leg: copying the root $CELLOS_CI_SEED_DIR/$suite-$arch (CELLOS_CI_SEED_DIR; not a fresh root)"
    cp -a "$CELLOS_CI_SEED_DIR/$suite-$arch" "$root"
  else
    echo "ci: $leg: debootstrap --arch=$arch $suite from $mirror"
    if ! debootstrap --arch="$arch" --variant=minbase "$suite" "$root" "$mirror" \
           > "$root_scratch/debootstrap.log" 2>&1; then
      tail -n 30 "$root_scratch/debootstrap.log" "$root/debootstrap/debootstrap.log" 2>/dev/null || true
      return 1
    fi
  fi
  elapsed "making the root" "$started"

  for dir in proc sys dev dev/pts; do
    mount --bind "/$dir" "$root/$dir"
    root_mounted+=("$root/$dir")
  done
  # Nothing installed in the root starts a service.
  printf '#!/bin/sh\nexit 101\n' > "$root/usr/sbin/policy-rc.d"
  chmod 755 "$root/usr/sbin/policy-rc.d"
  # The name the host resolves the archive with.
  cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true
}

root_clone () {
  mkdir -p "$(dirname "$root/$1")"
  git clone --quiet --no-local "$top" "$root/$1"
}

root_run () {
  local user=() personality=() home=/root
  if [ "${1-}" = --user ]; then
    user=(--userspec="$2:$2")
    home=/home/$2
    shift 2
  fi
  # As sbuild does for i386 on amd64: uname says i686.
  [ "$root_arch" != i386 ] || personality=(setarch i686)
  "${personality[@]}" chroot "${user[@]}" "$root" /usr/bin/env -i \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    HOME="$home" LANG=C.UTF-8 "$@"
}

root_result () {
  if [ -n "${CELLOS_CI_RESULTS:-}" ] && [ -s "$root/root/result" ]; then
    cp "$root/root/result" "$CELLOS_CI_RESULTS/$leg"
  fi
}
