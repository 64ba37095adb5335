#!/bin/sh
# Runs the contract runner on one backend, for make check:
#   run-contract.sh NAME [MODULE-DIR]
# With MODULE-DIR, backend modules are loaded from there; without, from an
# empty directory, so that only built-in backends exist.
set -eu
name=$1
dir=${2:-}
if [ -z "$dir" ]; then
  dir=$(mktemp -d "${TMPDIR:-/tmp}/cellos-contract.XXXXXX")
  trap 'rmdir "$dir"' EXIT
fi
CELLOS_BACKEND_MODULE_DIR=$dir "$CELLOS_BACKEND_CONTRACT" --backend "$name" --tap -k
