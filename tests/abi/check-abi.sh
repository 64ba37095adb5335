#!/bin/sh
# The built library against the committed ABI baseline: any difference
# (a symbol added, removed or changed, a public type changed) fails until
# the baseline is regenerated on purpose with `make update-abi`.
#
# Copyright 2026 The CellOS authors
# SPDX-License-Identifier: LGPL-2.1-or-later

. "$(dirname "$0")/abi-functions.sh"

description="$cellos_lib_so has the ABI of $cellos_abi_baseline"
reason=$(cellos_abi_skip_reason "$cellos_lib_so")
if [ -n "$reason" ]; then
  echo "1..0 # SKIP check-abi: $reason"
  exit 0
fi

report=$(cellos_abi_diff "$abs_top_srcdir/$cellos_abi_baseline" "$cellos_lib_so")
status=$?
case $status in
  0)
    tap_result ok "$description" ;;
  77)
    echo "1..0 # SKIP check-abi: $report"
    exit 0 ;;
  *)
    tap_result not-ok "$description"
    printf '%s\n' "$report" | sed 's/^/# /'
    echo "# If this change is intended (docs/ABI.md says when it may be),"
    echo "# run 'make update-abi' and commit $cellos_abi_baseline with it." ;;
esac
tap_done
