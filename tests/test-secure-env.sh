#!/bin/sh
# test-secure-env.sh: in a setuid or setgid process, CELLOS_CELL_BACKEND,
# CELLOS_BACKEND_MODULE_DIR and the fake backend's CELLOS_FAKE_RULES,
# CELLOS_FAKE_LEDGER and CELLOS_FAKE_STATE are ignored, so the environment of a less trusted
# caller can neither pick the stub nor load code nor name files for the
# fake to read or write; cellos_backend_getenv() gives backends the same
# rule. TAP output.
#
# The helper is made setgid to another group: the kernel then runs it with
# AT_SECURE set, while it keeps the caller's user and so can still read the
# build tree. Giving a file to another group needs root; without it, the
# cases are reported as skipped, with that reason.
#
# Setgid does not always take effect: an emulator run through binfmt_misc
# without its credentials flag (qemu-user) and a file system mounted nosuid
# both run the program with the caller's ids. The setgid copy first says
# what it was given (AT_SECURE, real and effective ids); when it is not
# privileged, the cases that need it are skipped with that reason, and they
# fail only when a privileged process honoured a variable.
#
# Copyright 2026 The CellOS authors
# SPDX-License-Identifier: LGPL-2.1-or-later

set -u

: "${CELLOS_SECURE_ENV_HELPER:?CELLOS_SECURE_ENV_HELPER must name the helper program}"
: "${CELLOS_TEST_BACKEND_MODULE:?CELLOS_TEST_BACKEND_MODULE must name the test module}"

echo "1..8"

group=nogroup
if [ "$(id -u)" -ne 0 ] || ! getent group "$group" > /dev/null 2>&1; then
  for i in 1 2 3 4 5 6 7 8; do
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

# What the setgid copy runs with, before the environment below is set.
credentials=$("$work/setgid" --credentials 2>&1)
credential () {
  printf '%s\n' "$credentials" | sed -n "s/^$1: //p"
}
at_secure=$(credential at-secure)
case "$at_secure" in
  0|unknown) privileged=no ;;
  [1-9]*) privileged=yes ;;
  *) privileged=unknown ;;
esac
if [ "$privileged" = no ] &&
   { [ "$(credential egid)" != "$(credential rgid)" ] ||
     [ "$(credential euid)" != "$(credential ruid)" ]; }; then
  privileged=yes
fi

# Reports a case that needs the setgid copy to be privileged: its result
# when it is, a skip naming why when setgid had no effect.
setgid_case () {
  case $privileged in
    yes) if [ "$2" = ok ]; then echo "ok $1 - $3"; else echo "not ok $1 - $3"; echo "$setgid" | sed 's/^/# /'; fi ;;
    no) echo "ok $1 # SKIP setgid has no effect here: AT_SECURE=$at_secure, egid == rgid (emulator or nosuid mount)" ;;
    *) echo "not ok $1 - $3"; echo "# the helper did not say what it runs with:"; echo "$credentials" | sed 's/^/# /' ;;
  esac
}

export CELLOS_CELL_BACKEND=stub
export CELLOS_BACKEND_MODULE_DIR="$work/modules"
export CELLOS_FAKE_RULES="$work/no-such-rules.json"
export CELLOS_FAKE_LEDGER="$work/no-such-directory/ledger.jsonl"
export CELLOS_FAKE_STATE="$work/no-such-directory/state.json"
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
  "names: stub"*) result=ok ;;
  *) result="not ok" ;;
esac
setgid_case 2 "$result" "setgid ignores CELLOS_BACKEND_MODULE_DIR"

case "$setgid" in
  *"error: No isolating cell backend is installed."*) result=ok ;;
  *) result="not ok" ;;
esac
setgid_case 3 "$result" "setgid ignores CELLOS_CELL_BACKEND=stub"

case "$setgid" in
  *"fake: CellosFakeBackend"*) result=ok ;;
  *) result="not ok" ;;
esac
setgid_case 4 "$result" "setgid ignores CELLOS_FAKE_RULES, CELLOS_FAKE_LEDGER and CELLOS_FAKE_STATE"

case "$plain" in
  *"setting: from-the-caller"*) echo "ok 5 - without setgid, cellos_backend_getenv reads the environment" ;;
  *) echo "not ok 5 - without setgid, cellos_backend_getenv reads the environment"; echo "$plain" | sed 's/^/# /' ;;
esac

case "$setgid" in
  *"setting: (none)"*) result=ok ;;
  *) result="not ok" ;;
esac
setgid_case 6 "$result" "setgid: cellos_backend_getenv ignores the environment"

unset CELLOS_FAKE_RULES CELLOS_FAKE_STATE
case "$("$work/plain" fake 2>&1)" in
  *"fake: error: "*"no-such-directory/ledger.jsonl"*) echo "ok 7 - without setgid, CELLOS_FAKE_LEDGER is used" ;;
  *) echo "not ok 7 - without setgid, CELLOS_FAKE_LEDGER is used" ;;
esac

unset CELLOS_FAKE_LEDGER
export CELLOS_FAKE_STATE="$work/no-such-directory/state.json"
case "$("$work/plain" fake 2>&1)" in
  *"fake: error: "*"no-such-directory/state.json"*) echo "ok 8 - without setgid, CELLOS_FAKE_STATE is used" ;;
  *) echo "not ok 8 - without setgid, CELLOS_FAKE_STATE is used" ;;
esac
