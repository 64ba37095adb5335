#!/bin/sh
# test-man-page.sh: cellos-cell(1) renders without a single warning from
# man or groff, and documents every command and option the tool has.
# TAP output. Needs CELLOS_CELL (the tool) and G_TEST_SRCDIR (tests/ in the
# source tree); run from the build directory.
#
# Copyright 2026 The CellOS authors
# SPDX-License-Identifier: LGPL-2.1-or-later

set -u

: "${CELLOS_CELL:?CELLOS_CELL must name the cellos-cell binary}"
: "${G_TEST_SRCDIR:?G_TEST_SRCDIR must name the tests source directory}"

page=docs/cellos-cell.1
work=$(mktemp -d "${TMPDIR:-/tmp}/cellos-man-test.XXXXXX")
trap 'rm -rf "$work"' EXIT

. "$G_TEST_SRCDIR/tap-result.sh"

# man -l renders a page as a user's man would, reporting every groff
# warning; the page must render to something.
render () {
  LC_ALL=C.UTF-8 MANROFFSEQ='' MANWIDTH=80 \
    man --warnings -E UTF-8 -l "$1" > "$work/rendered" 2> "$work/diagnostics"
  status=$?
  [ "$status" -eq 0 ] && [ ! -s "$work/diagnostics" ] && grep -q "EXIT STATUS" "$work/rendered"
}

# The page with every occurrence of the string $1 replaced by $2.
replace () {
  awk -v from="$1" -v to="$2" '{
    out = ""
    while (from != "" && (i = index($0, from)) > 0) {
      out = out substr($0, 1, i - 1) to
      $0 = substr($0, i + length(from))
    }
    print out $0
  }' "$page"
}

if command -v man > /dev/null; then
  render "$page"
  result $? "man --warnings renders the page with no warnings"
  # The page names installed paths, so it must render wherever the user
  # installs: here with a prefix of 120 characters, once as one long
  # directory name (no place to break the line) and once as many short
  # ones (a line that cannot be adjusted).
  : "${CELLOS_PREFIX:?CELLOS_PREFIX must name the configured prefix}"
  long_name=/tmp/$(printf '%0115d' 0)
  short_names=/tmp$(printf '/%03d' $(seq 1 29))
  for prefix in "$long_name" "$short_names"; do
    case $prefix in
      "$long_name") what="one directory name" ;;
      *) what="29 directory names" ;;
    esac
    replace "$CELLOS_PREFIX" "$prefix" > "$work/page.1"
    if ! grep -q -F -- "$prefix" "$work/page.1"; then
      echo "the page names no path under the prefix $CELLOS_PREFIX" >> "$work/diagnostics"
      false
    else
      render "$work/page.1"
    fi
    result $? "the page renders with no warnings under a prefix of ${#prefix} characters ($what)"
  done
else
  echo "man (man-db) is not installed" > "$work/diagnostics"
  result 1 "man --warnings renders the page with no warnings"
fi

# Every command in "cellos-cell --help" and every long option of each
# command has its place in the page (in troff, "-" is written "\-").
documented=0
: > "$work/diagnostics"
commands=$(LC_ALL=C.UTF-8 LANGUAGE= "$CELLOS_CELL" --help |
           sed -n '/^Commands:/,/^$/s/^  \([a-z][a-z-]*\) .*/\1/p')
[ -n "$commands" ] || { echo "no commands found in cellos-cell --help" >> "$work/diagnostics"; documented=1; }
# "" stands for the tool's own options.
for command in "" $commands; do
  for word in $command $(LC_ALL=C.UTF-8 LANGUAGE= "$CELLOS_CELL" $command --help |
                         sed -n 's/^  *\(-[a-zA-Z], \)\{0,1\}\(--[a-z-]*\).*/\2/p'); do
    case $word in --help-all) continue ;; esac
    troff_word=$(printf '%s\n' "$word" | sed 's/-/\\\\-/g')
    if ! grep -q -- "$troff_word" "$page"; then
      echo "not in the page: cellos-cell $command: $word" >> "$work/diagnostics"
      documented=1
    fi
  done
done
result $documented "the page documents every command and option"

tap_done
