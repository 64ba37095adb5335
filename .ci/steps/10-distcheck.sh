#!/bin/bash
# The release tarball, from a fresh clone of the commit being tested,
# configured and nothing built:
#  - make -j dist works straight after configure (po/ builds its catalogs
#    during dist);
#  - every .ci/ path the shipped documents name is in the tarball;
#  - the compiled catalogs are the same bytes whichever byte order msgfmt
#    is asked for (they go into a Multi-Arch: same package);
#  - make -j distcheck: the tarball builds (with introspection, the API
#    reference and the installed tests), passes its tests, installs,
#    uninstalls and cleans up after itself.
set -euo pipefail

top=$(pwd)
# A short path: distcheck installs under the build tree, and the manual
# page, which names the installed paths, must still fit man's 80 columns
# without a warning (docs/test-man-page.sh).
scratch=$(mktemp -d /tmp/cd.XXXXXX)
trap 'chmod -R u+w "$scratch"; rm -rf "$scratch"' EXIT

git clone --quiet --no-local "$top" "$scratch/c"
cd "$scratch/c"
./autogen.sh --enable-introspection --enable-docs --enable-installed-tests > "$scratch/configure.log"
make -j"$(nproc)" dist
tarball=$(ls cellos-*.tar.xz)
echo "ci: distcheck: make -j$(nproc) dist straight after configure: $tarball"

# Paths under .ci/ named in the documents the tarball ships, and what it has.
tar -tJf "$tarball" | sed 's|^[^/]*/||' > "$scratch/contents"
missing=0
named=0
while read -r path; do
  named=$((named + 1))
  if ! grep -qF -- "$path" "$scratch/contents"; then
    echo "ci: distcheck: the tarball has no $path, which its documents name" >&2
    missing=1
  fi
done < <(grep -E '\.md$' "$scratch/contents" |
         (cd "$scratch/c" && xargs grep -ohE '\.ci/[A-Za-z0-9_./-]*[A-Za-z0-9_-]') | sort -u)
[ "$missing" -eq 0 ]
echo "ci: distcheck: the tarball has all $named .ci/ paths its documents name"

# The catalogs, made by po/'s own rules with each byte order requested.
mapfile -t catalogs < <(sed -n 's/^GMOFILES = *//p' po/Makefile | tr " " "\n" | grep .)
[ "${#catalogs[@]}" -gt 0 ]
for order in big little; do
  (cd po && rm -f "${catalogs[@]}" &&
   make -s GMSGFMT="msgfmt --endianness=$order" "${catalogs[@]}" > /dev/null 2>&1)
  mkdir -p "$scratch/mo-$order"
  (cd po && cp "${catalogs[@]}" "$scratch/mo-$order/")
done
for catalog in "${catalogs[@]}"; do
  cmp "$scratch/mo-big/$catalog" "$scratch/mo-little/$catalog"
  # GNU .mo magic 0x950412de, stored little-endian.
  [ "$(od -An -tx1 -N4 "$scratch/mo-little/$catalog" | tr -d ' ')" = de120495 ]
done
echo "ci: distcheck: ${catalogs[*]}: identical with msgfmt --endianness=big and =little (little-endian)"

make -j"$(nproc)" distcheck
