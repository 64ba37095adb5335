#!/bin/sh
# test-secure-env.sh: in a setuid or setgid process, CELLOS_CELL_BACKEND
# and CELLOS_BACKEND_MODULE_DIR are ignored, so the environment of a less
# trusted caller can neither pick the stub nor load code, and
# cellos_backend_getenv() gives backends the same rule. TAP output.
#
# The helper is made setgid to another group: the kernel then runs it with
# AT_SECURE set, while it keeps the caller's user and so can still read the
# build tree. Giving a file to another group needs root; without it, the
# cases are reported as skipped, with that reason.
#
# Copyright 2026 The CellOS authors
# SPDX-License-Identifier: LGPL-2.1-or-later

set -u

: "${CELLOS_SECURE_ENV_HELPER:?CELLOS_SECURE_ENV_HELPER must name the helper program}"
: "${CELLOS_TEST_BACKEND_MODULE:?CELLOS_TEST_BACKEND_MODULE must name the test module}"

echo "1..5"

group=nogroup
if [ "$(id -u)" -ne 0 ] || ! getent group "$group" > /dev/null 2>&1; then
  for i in 1 2 3 4 5; do
    echo "ok $i # SKIP making a setgid program needs root and a '$group' group"
  done
  exit 0
fi

# Next to the helper: a file system that honours setgid (the build tree).
work=$(mktemp -d "$(dirname "$CELLOS_SECURE_ENV_HELPER")/secure-env.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir "$work/modules"
cp "$CELLOS_TEST_BACKEND_MODULE" "$work/modules/libcellos-test-backend.so"
cp "$CELLOS_SECURE_ENV_HELPER" "$work/plain"
cp "$CELLOS_SECURE_ENV_HELPER" "$work/setgid"
chgrp "$group" "$work/setgid"
chmod 2755 "$work/setgid"

export CELLOS_CELL_BACKEND=stub
export CELLOS_BACKEND_MODULE_DIR="$work/modules"
export CELLOS_TEST_SETTING=from-the-caller
plain=$("$work/plain" 2>&1)
setgid=$("$work/setgid" 2>&1)

if [ "$plain" = "names: test-isolating,stub
default: CellosStubBackend
setting: from-the-caller" ]; then
  echo "ok 1 - without setgid, the environment picks the stub and loads the module"
else
  echo "not ok 1 - without setgid, the environment picks the stub and loads the module"
  echo "$plain" | sed 's/^/# /'
fi

case "$setgid" in
  "names: stub"*) echo "ok 2 - setgid ignores CELLOS_BACKEND_MODULE_DIR" ;;
  *) echo "not ok 2 - setgid ignores CELLOS_BACKEND_MODULE_DIR"; echo "$setgid" | sed 's/^/# /' ;;
esac

case "$setgid" in
  *"error: No isolating cell backend is installed."*)
    echo "ok 3 - setgid ignores CELLOS_CELL_BACKEND=stub" ;;
  *) echo "not ok 3 - setgid ignores CELLOS_CELL_BACKEND=stub"; echo "$setgid" | sed 's/^/# /' ;;
esac

case "$plain" in
  *"setting: from-the-caller"*) echo "ok 4 - without setgid, cellos_backend_getenv reads the environment" ;;
  *) echo "not ok 4 - without setgid, cellos_backend_getenv reads the environment"; echo "$plain" | sed 's/^/# /' ;;
esac

case "$setgid" in
  *"setting: (none)"*) echo "ok 5 - setgid: cellos_backend_getenv ignores the environment" ;;
  *) echo "not ok 5 - setgid: cellos_backend_getenv ignores the environment"; echo "$setgid" | sed 's/^/# /' ;;
esac
