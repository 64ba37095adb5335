#!/bin/sh
# test-po.sh: every translation in po/LINGUAS compiles cleanly
# (msgfmt --check) and is complete: no untranslated and no fuzzy message,
# both in the .po file as committed and against the messages the sources
# have now (a message changed in the code shows up here until
# "make update-po" has run and it is translated). TAP output. Needs
# G_TEST_SRCDIR (tests/ in the source tree).
#
# Copyright 2026 The CellOS authors
# SPDX-License-Identifier: LGPL-2.1-or-later

set -u

: "${G_TEST_SRCDIR:?G_TEST_SRCDIR must name the tests source directory}"

top_srcdir=$G_TEST_SRCDIR/..
po=$top_srcdir/po
work=$(mktemp -d "${TMPDIR:-/tmp}/cellos-po-test.XXXXXX")
trap 'rm -rf "$work"' EXIT

. "$G_TEST_SRCDIR/tap-result.sh"

# complete PO-FILE: msgfmt --check passes and counts only translated
# messages; what it says is in $work/diagnostics.
complete () {
  LC_ALL=C msgfmt --check --statistics -o /dev/null "$1" > "$work/diagnostics" 2>&1 &&
    ! grep -q -e 'fuzzy' -e 'untranslated' "$work/diagnostics" &&
    grep -q '^[1-9][0-9]* translated message' "$work/diagnostics"
}

languages=$(sed -e 's/#.*//' "$po/LINGUAS")
if [ -z "$languages" ]; then
  echo "po/LINGUAS names no language" > "$work/diagnostics"
  result 1 "po/LINGUAS names the translations"
fi

# The messages in the sources now, extracted as po/Makefile does.
xgettext_options=$(sed -n 's/^XGETTEXT_OPTIONS *= *//p' "$po/Makevars")
(cd "$top_srcdir" &&
   xgettext $xgettext_options --files-from=po/POTFILES.in -o "$work/current.pot") \
  > "$work/xgettext.log" 2>&1
xgettext_status=$?

for language in $languages; do
  file=$po/$language.po
  if [ -f "$file" ]; then
    complete "$file"
    result $? "$language.po: msgfmt --check passes, every message translated, none fuzzy"
  else
    echo "$file does not exist" > "$work/diagnostics"
    result 1 "$language.po: msgfmt --check passes, every message translated, none fuzzy"
  fi

  if [ "$xgettext_status" -ne 0 ]; then
    cp "$work/xgettext.log" "$work/diagnostics"
    result 1 "$language.po: translates every message in the current sources"
    continue
  fi
  if msgmerge --quiet -o "$work/$language.po" "$file" "$work/current.pot" > "$work/diagnostics" 2>&1 &&
     complete "$work/$language.po"; then
    result 0 "$language.po: translates every message in the current sources"
  else
    msgattrib --only-fuzzy "$work/$language.po" >> "$work/diagnostics" 2>&1
    msgattrib --untranslated "$work/$language.po" >> "$work/diagnostics" 2>&1
    echo "run “make update-po” and translate the messages above" >> "$work/diagnostics"
    result 1 "$language.po: translates every message in the current sources"
  fi
done

tap_done
