#!/bin/sh
# A release baseline: the ABI of a release's library, dumped exactly as
# `make update-abi` dumps the tree's (cellos_abi_dump in abi-functions.sh,
# this tree's), from a build of that release's source on the architecture
# the baseline is for.
#
#   tests/abi/dump-release.sh RELEASE-BUILDDIR OUT
#
# RELEASE-BUILDDIR is the release's source tree, configured and built in
# place (./configure && make lib/libcellos-1.0.la; the default CFLAGS keep
# -g), with its public headers; abidw, abidiff and objdump come from PATH.
# docs/ABI.md says how each committed release baseline was made.
#
# Copyright 2026 The CellOS authors
# SPDX-License-Identifier: LGPL-2.1-or-later

set -eu

release=$(cd "${1:?usage: $0 RELEASE-BUILDDIR OUT}" && pwd)
out=${2:?usage: $0 RELEASE-BUILDDIR OUT}
so=$release/lib/.libs/libcellos-1.0.so
[ -f "$so" ] || { echo "$0: $so is not built" >&2; exit 1; }

# The release's header lists, from its own Makefile.
make_variable () # NAME
{
  printf 'dump-release-print:\n\t@echo $(%s)\n' "$1" |
    make -s -C "$release" -f Makefile -f - dump-release-print
}

config=$(mktemp "${TMPDIR:-/tmp}/cellos-abi-release.XXXXXX")
trap 'rm -f "$config"' EXIT
{
  printf "%s='%s'\n" \
    abs_top_srcdir "$release" \
    abs_top_builddir "$release" \
    ABIDW "$(command -v abidw)" \
    ABIDIFF "$(command -v abidiff)" \
    OBJDUMP "$(command -v objdump)" \
    cellos_public_headers "$(make_variable cellos_public_headers)" \
    cellos_generated_headers "$(make_variable cellos_generated_headers)"
} > "$config"

CELLOS_ABI_CONFIG=$config
. "$(dirname "$0")/abi-functions.sh"

dir=$(cellos_scratch_dir)
trap 'rm -f "$config"; rm -rf "$dir"' EXIT
cellos_install_headers "$dir/include"
cellos_abi_dump "$so" "$dir/release.abi" "$dir/include/cellos"
cp "$dir/release.abi" "$out"
echo "dump-release: wrote $out ($(cellos_abi_architecture "$out")) from $so"
