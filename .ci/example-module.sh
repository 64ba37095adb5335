#!/bin/bash
# The example backend module, as a backend author would use it: copied
# out of the tree, built with its own Makefile against the *installed*
# libcellos (pkg-config cellos-1.0), loaded through
# CELLOS_BACKEND_MODULE_DIR, and checked by the installed contract runner,
# twice over the same cell root.
#
#   .ci/example-module.sh [EXAMPLE_DIR]
#
# EXAMPLE_DIR is the example's source: examples/backend-module by
# default, or where a package installed it (to prove the package ships a
# working copy). Run after the packages are installed (libcellos-1.0-dev,
# libcellos-1.0-tests); CELLOS_BACKEND_CONTRACT overrides where the
# runner is, PKG_CONFIG_PATH and friends where libcellos is.
#
# Copyright 2026 The CellOS authors
# SPDX-License-Identifier: LGPL-2.1-or-later
set -euo pipefail

example=${1:-examples/backend-module}
contract=${CELLOS_BACKEND_CONTRACT:-/usr/libexec/installed-tests/cellos-1.0/cellos-backend-contract}

work=$(mktemp -d "${TMPDIR:-/tmp}/cellos-example-module.XXXXXX")
trap 'rm -rf "$work"' EXIT

cp -R "$example/." "$work/"
# A compressed copy, as documentation packages may ship it.
for file in "$work"/*.gz; do
  [ -e "$file" ] && gunzip "$file"
done

echo "example-module: building against cellos-1.0 $(pkg-config --modversion cellos-1.0)"
make -C "$work" CFLAGS="-O2 -g -Wall -Wextra -Wno-unused-parameter -Werror"
make -C "$work" check CONTRACT="$contract"

# The tool sees it through the same directory, and names its file.
CELLOS_BACKEND_MODULE_DIR="$work" CELLOS_EXAMPLE_BACKEND_ROOT="$work/cells" \
  cellos-cell backends | tee "$work/backends"
grep -q "^example .* $work/libcellos-example-backend.so$" "$work/backends"
echo "example-module: ok"
