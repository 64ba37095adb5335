#!/bin/sh
# Runs the contract runner on one backend, for make check:
#   run-contract.sh NAME [MODULE] [GTest options]
# Backend modules are loaded from a directory of the runner's own holding
# only MODULE, if given, so that no other test module gets in.
set -eu
name=$1
module=${2:-}
[ "$#" -gt 0 ] && shift
[ "$#" -gt 0 ] && shift
dir=$(mktemp -d "${TMPDIR:-/tmp}/cellos-contract.XXXXXX")
trap 'rm -rf "$dir"' EXIT
if [ -n "$module" ]; then
  cp "$module" "$dir/"
fi
CELLOS_BACKEND_MODULE_DIR=$dir "$CELLOS_BACKEND_CONTRACT" --backend "$name" --tap -k "$@"
