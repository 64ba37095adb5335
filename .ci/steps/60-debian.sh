#!/bin/bash
# The Debian packages, as a Debian upload would make them: the release
# tarball (make dist of the Quick start's tree) as the .orig.tar.xz, with
# the commit's debian/ added:
#  - dpkg-buildpackage builds the source package and every binary package
#    (make check runs as dh_auto_test);
#  - blhc finds the hardening flags in every compiler and linker run;
#  - lintian -I -E --pedantic on the source and binary packages: any tag
#    that is not overridden, with a reason, in debian/*lintian-overrides
#    fails;
#  - licensecheck agrees with debian/copyright on every file of the source
#    and on the gi-docgen files the -doc package ships;
#  - the packages install with apt (so their dependencies resolve), and the
#    debian/tests run as autopkgtest would run them, against the installed
#    system with nothing of the build in the environment;
#  - the installed API reference searches, in headless chromium: its
#    search for create_async lists results;
#  - a second build, at another path, with another umask, time zone and
#    locale, without make check and split into an architecture-only and an
#    architecture-independent build, makes the same .deb files, bit for
#    bit.
# About 6 minutes on the 2-core CI machine: the first build with its make
# check 2 to 3, licensecheck 1, the second build 1 to 2.
set -euo pipefail

top=$(pwd)
scratch=$(mktemp -d /tmp/cellos-debian.XXXXXX)
installed_packages=()
server=

cleanup () {
  if [ -n "$server" ]; then
    kill "$server" 2>/dev/null || true
  fi
  if [ "${#installed_packages[@]}" -gt 0 ]; then
    apt-get purge -y -o DPkg::Lock::Timeout=600 "${installed_packages[@]}" > /dev/null || true
  fi
  rm -rf "$scratch" "$scratch"-autopkgtest-*
}
trap cleanup EXIT

apt-get install -y -o DPkg::Lock::Timeout=600 --no-install-recommends \
  build-essential dpkg-dev devscripts lintian licensecheck blhc > /dev/null

# The source package: the release tarball and the commit's debian/.
version=$(dpkg-parsechangelog -l "$top/debian/changelog" -SVersion)
upstream=${version%-*}
. "$top/.ci/lib.sh"
make -C "$top" dist > /dev/null
git -C "$top" archive HEAD debian | tar -x -C "$scratch"
unpack () {
  source_package "$1" "$top/cellos-$upstream.tar.xz" "$scratch/debian" > /dev/null
}
unpack "$scratch/first"

# The packages are built as a packager would build them, without CI's
# configure settings.
(cd "$scratch/first/cellos-$upstream" &&
 env -u CONFIG_SITE dpkg-buildpackage -us -uc -j"$(nproc)") 2>&1 | tee "$scratch/build.log"
cd "$scratch/first"

# Every compiler and linker run in the build log has the hardening flags.
blhc --line-numbers "$scratch/build.log"
echo "ci: debian: blhc: every compiler and linker run has the hardening flags"
changes=cellos_${version}_$(dpkg-architecture -qDEB_HOST_ARCH).changes

run_lintian "$changes" debian

echo "ci: debian: licensecheck against debian/copyright"
# The source package as unpacked, and the reference as shipped.
dpkg-source --no-check -x "cellos_$version.dsc" "$scratch/source" > /dev/null
docdeb=$(dcmd --deb "$changes" | grep '^libcellos-1\.0-doc_')
dpkg-deb -x "$docdeb" "$scratch/doc"
if ! python3 "$top/.ci/check-debian-copyright.py" "$scratch/source/debian/copyright" \
       "$scratch/source" \
       "$scratch/doc/usr/share/doc/cellos-1.0=docs/cellos-1.0" > "$scratch/copyright.log"; then
  grep -v '^ok ' "$scratch/copyright.log" >&2
  exit 1
fi
echo "ci: debian: $(wc -l < "$scratch/copyright.log") files agree"

# The packages, what debian/tests/control says the tests need, and a
# browser for the reference.
install_packages "$changes" "$scratch/first/cellos-$upstream" chromium

failed=0
run_autopkgtests "$scratch/first/cellos-$upstream" debian
if [ "${#autopkgtest_failed[@]}" -gt 0 ]; then
  failed=1
fi

# The example backend module the -dev package ships builds against the
# installed packages and passes the installed contract runner.
echo "ci: debian: the example backend module, from the -dev package"
if ! bash "$top/.ci/example-module.sh" /usr/share/doc/libcellos-1.0-dev/examples/backend-module; then
  echo "ci: debian: the example backend module FAILED" >&2
  failed=1
fi

# The catalogs in the Multi-Arch: same library package are little-endian,
# as on every other architecture (GNU .mo magic 0x950412de).
catalogs=0
for catalog in $(dpkg -L libcellos-1.0-0 | grep '/LC_MESSAGES/cellos-1\.0\.mo$'); do
  catalogs=$((catalogs + 1))
  if [ "$(od -An -tx1 -N4 "$catalog" | tr -d ' ')" != de120495 ]; then
    echo "ci: debian: $catalog is not a little-endian catalog" >&2
    failed=1
  fi
done
if [ "$catalogs" -eq 0 ]; then
  echo "ci: debian: libcellos-1.0-0 has no catalogs" >&2
  failed=1
fi
echo "ci: debian: $catalogs catalogs in libcellos-1.0-0, little-endian"

# The installed reference, served over loopback (search.js fetches
# index.json, which file:// pages may not), searched through its own page:
# index.html?q=... runs the search once index.json has loaded.
reference=/usr/share/doc/cellos-1.0
if find "$reference" -name '*.gz' | grep -q .; then
  echo "ci: debian: compressed files in $reference:" >&2
  find "$reference" -name '*.gz' >&2
  failed=1
fi
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
mkdir "$scratch/www"
ln -s "$reference" "$scratch/www/installed"
python3 -m http.server --bind 127.0.0.1 --directory "$scratch/www" "$port" > "$scratch/http.log" 2>&1 &
server=$!
for _ in $(seq 50); do
  if python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/installed/index.html')" 2>/dev/null; then
    break
  fi
  sleep 0.1
done
# search DIR QUERY: the page's DOM after the search.
search () {
  timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic \
    --no-first-run --disable-background-networking --disable-component-update \
    --disable-sync --user-data-dir="$(mktemp -d "$scratch/chromium.XXXXXX")" \
    --virtual-time-budget=15000 --dump-dom \
    "http://127.0.0.1:$port/$1/index.html?q=$2" 2> "$scratch/chromium.log"
}
# found DOM QUERY: the number of results the page shows, or nothing.
found () {
  printf '%s' "$1" | sed -n "s/.*Results for \"$2\" (\([0-9]*\)).*/\1/p" | head -n 1
}
dom=$(search installed create_async)
results=$(found "$dom" create_async)
if [ "${results:-0}" -eq 0 ] ||
   ! printf '%s' "$dom" | grep -q 'href="method\.CellBackend\.create_async\.html"'; then
  echo "ci: debian: searching the installed reference for create_async found nothing" >&2
  printf '%s\n' "$dom" | grep -i -A3 'search' | head -20 >&2 || true
  tail -n 20 "$scratch/chromium.log" >&2 || true
  failed=1
else
  echo "ci: debian: reference search for create_async: $results results, method.CellBackend.create_async.html among them"
fi
# The same search fails on a copy whose index.json is compressed, as
# dh_compress would leave it: the check above can fail.
cp -r "$reference" "$scratch/www/compressed"
gzip -9n "$scratch/www/compressed/index.json"
if [ -n "$(found "$(search compressed create_async)" create_async)" ]; then
  echo "ci: debian: the search also worked with index.json.gz: it checks nothing" >&2
  failed=1
fi

# Bit for bit: the same source built again elsewhere, differently, and
# split as the buildds split it: the architecture-dependent packages alone
# (which must not run gi-docgen: it is in Build-Depends-Indep only), then
# the architecture-independent one.
echo "ci: debian: second build (-B, then -A), for reproducibility"
unpack "$scratch/second/build-path-2"
# A French UTF-8 locale, made for this build alone (LOCPATH).
mkdir "$scratch/locale"
localedef -i fr_FR -f UTF-8 "$scratch/locale/fr_FR.UTF-8"
(cd "$scratch/second/build-path-2/cellos-$upstream" &&
 umask 0002 &&
 env -u CONFIG_SITE TZ=Pacific/Kiritimati LOCPATH="$scratch/locale" \
     LC_ALL=fr_FR.UTF-8 LANG=fr_FR.UTF-8 \
     DEB_BUILD_OPTIONS=nocheck sh -c '
       dpkg-buildpackage -us -uc -B -j"$1" > "$2/second-arch.log" 2>&1 &&
       dpkg-buildpackage -us -uc -A -j"$1" > "$2/second-indep.log" 2>&1' sh "$(nproc)" "$scratch") || {
  tail -n 50 "$scratch"/second-*.log >&2
  echo "ci: debian: the second build failed (above)" >&2
  exit 1
}
if grep -q 'gi-docgen generate' "$scratch/second-arch.log"; then
  echo "ci: debian: the architecture-only build ran gi-docgen" >&2
  failed=1
fi
compared=0
for deb in $(dcmd --deb "$changes"); do
  if cmp -s "$deb" "$scratch/second/build-path-2/$deb"; then
    compared=$((compared + 1))
  else
    echo "ci: debian: $deb differs between the two builds" >&2
    failed=1
  fi
done
echo "ci: debian: $compared .deb files identical in both builds"
exit "$failed"
