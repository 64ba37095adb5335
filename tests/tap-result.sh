# tap-result.sh: TAP output for the shell tests that check one thing after
# another. Sourced once $work names the test's scratch directory; what a
# case has to say when it fails goes into "$work/diagnostics" before
# result is called, which prints it and empties it for the next case.
#
#   result STATUS DESCRIPTION   one test case, passed if STATUS is 0
#   tap_done                    the plan; the script's exit status
#
# Copyright 2026 The CellOS authors
# SPDX-License-Identifier: LGPL-2.1-or-later

n=0
failed=0
: > "$work/diagnostics"

result () {
  n=$((n + 1))
  if [ "$1" -eq 0 ]; then
    echo "ok $n - $2"
  else
    failed=$((failed + 1))
    echo "not ok $n - $2"
    sed 's/^/# /' "$work/diagnostics"
  fi
  : > "$work/diagnostics"
}

tap_done () {
  echo "1..$n"
  [ "$failed" -eq 0 ]
}
