#!/bin/sh
# The built library against the committed ABI baseline of its
# architecture (tests/abi/abi-functions.sh picks it). Against the current
# baseline any difference (a symbol added, removed or changed, a public
# type changed) fails until the baseline is regenerated on purpose with
# `make update-abi`; against a release baseline, anything the release had
# that is missing or changed fails.
#
# Copyright 2026 The CellOS authors
# SPDX-License-Identifier: LGPL-2.1-or-later

. "$(dirname "$0")/abi-functions.sh"

if ! cellos_abi_applies "$cellos_lib_so"; then
  echo "1..0 # SKIP check-abi: $cellos_abi_reason"
  exit 0
fi

case $cellos_abi_picked_kind in
  current) description="$cellos_lib_so has the ABI of $cellos_abi_picked" ;;
  *) description="$cellos_lib_so keeps the ABI of the release baseline $cellos_abi_picked" ;;
esac
if report=$(cellos_abi_diff "$abs_top_srcdir/$cellos_abi_picked" "$cellos_lib_so" "$cellos_abi_picked_kind"); then
  tap_result ok "$description"
  [ -z "$report" ] || printf '%s\n' "$report" | sed 's/^/# /'
else
  tap_result not-ok "$description"
  printf '%s\n' "$report" | sed 's/^/# /'
  if [ "$cellos_abi_picked_kind" = current ]; then
    echo "# If this change is intended (docs/ABI.md says when it may be),"
    echo "# run 'make update-abi' and commit $cellos_abi_picked with it."
  else
    echo "# $cellos_abi_picked is what a release promised: this change breaks it."
  fi
fi
tap_done
