#!/bin/sh
# test-secure-env.sh: in a setuid or setgid process, CELLOS_CELL_BACKEND,
# CELLOS_BACKEND_MODULE_DIR and the fake backend's CELLOS_FAKE_RULES and
# CELLOS_FAKE_LEDGER are ignored, so the environment of a less trusted
# caller can neither pick the stub nor load code nor name files for the
# fake to read or write; cellos_backend_getenv() gives backends the same
# rule. TAP output.
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

echo "1..7"

group=nogroup
if [ "$(id -u)" -ne 0 ] || ! getent group "$group" > /dev/null 2>&1; then
  for i in 1 2 3 4 5 6 7; do
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
export CELLOS_FAKE_RULES="$work/no-such-rules.json"
export CELLOS_FAKE_LEDGER="$work/no-such-directory/ledger.jsonl"
export CELLOS_TEST_SETTING=from-the-caller
plain=$("$work/plain" fake 2>&1)
setgid=$("$work/setgid" fake 2>&1)

case "$plain" in
  "names: test-isolating,stub,fake
default: CellosStubBackend
setting: from-the-caller
fake: error: "*"no-such-rules.json"*)
    echo "ok 1 - without setgid, the environment picks the stub and loads the module" ;;
  *)
    echo "not ok 1 - without setgid, the environment picks the stub and loads the module"
    echo "$plain" | sed 's/^/# /' ;;
esac

case "$setgid" in
  "names: stub"*) echo "ok 2 - setgid ignores CELLOS_BACKEND_MODULE_DIR" ;;
  *) echo "not ok 2 - setgid ignores CELLOS_BACKEND_MODULE_DIR"; echo "$setgid" | sed 's/^/# /' ;;
esac

case "$setgid" in
  *"error: No isolating cell backend is installed."*)
    echo "ok 3 - setgid ignores CELLOS_CELL_BACKEND=stub" ;;
  *) echo "not ok 3 - setgid ignores CELLOS_CELL_BACKEND=stub"; echo "$setgid" | sed 's/^/# /' ;;
esac

case "$setgid" in
  *"fake: CellosFakeBackend"*) echo "ok 4 - setgid ignores CELLOS_FAKE_RULES and CELLOS_FAKE_LEDGER" ;;
  *) echo "not ok 4 - setgid ignores CELLOS_FAKE_RULES and CELLOS_FAKE_LEDGER"; echo "$setgid" | sed 's/^/# /' ;;
esac

case "$plain" in
  *"setting: from-the-caller"*) echo "ok 5 - without setgid, cellos_backend_getenv reads the environment" ;;
  *) echo "not ok 5 - without setgid, cellos_backend_getenv reads the environment"; echo "$plain" | sed 's/^/# /' ;;
esac

case "$setgid" in
  *"setting: (none)"*) echo "ok 6 - setgid: cellos_backend_getenv ignores the environment" ;;
  *) echo "not ok 6 - setgid: cellos_backend_getenv ignores the environment"; echo "$setgid" | sed 's/^/# /' ;;
esac

unset CELLOS_FAKE_RULES
case "$("$work/plain" fake 2>&1)" in
  *"fake: error: "*"no-such-directory/ledger.jsonl"*) echo "ok 7 - without setgid, CELLOS_FAKE_LEDGER is used" ;;
  *) echo "not ok 7 - without setgid, CELLOS_FAKE_LEDGER is used" ;;
esac
