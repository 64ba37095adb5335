#!/bin/sh
# test-german.sh: a German user (LANGUAGE=de, LC_ALL=de_DE.UTF-8) gets the
# INVALID_SPEC message in German, from the library's GError and from
# cellos-cell; and translated column headings with accented letters (in
# French) line up with the rows of "cellos-cell backends". TAP output.
#
# The catalog is compiled from po/de.po into a scratch directory, which
# CELLOS_LOCALEDIR points the uninstalled library and tool at. The locale is
# the system's de_DE.UTF-8 if it is installed, or else generated with
# localedef (from the "locales" package) into a scratch LOCPATH; if neither
# works the test fails: it never passes without having seen German.
#
# Needs CELLOS_CELL (the tool), CELLOS_I18N_HELPER (invalid-spec-message)
# and G_TEST_SRCDIR (tests/ in the source tree).
#
# Copyright 2026 The CellOS authors
# SPDX-License-Identifier: LGPL-2.1-or-later

set -u

: "${CELLOS_CELL:?CELLOS_CELL must name the cellos-cell binary}"
: "${CELLOS_I18N_HELPER:?CELLOS_I18N_HELPER must name invalid-spec-message}"
: "${G_TEST_SRCDIR:?G_TEST_SRCDIR must name the tests source directory}"

# What po/de.po says for "spec.id must be non-empty".
expected="spec.id darf nicht leer sein"

work=$(mktemp -d "${TMPDIR:-/tmp}/cellos-german-test.XXXXXX")
trap 'rm -rf "$work"' EXIT
. "$G_TEST_SRCDIR/tap-result.sh"

unset CELLOS_CELL_BACKEND LANG LC_MESSAGES LOCPATH

# The German catalog, as it would be installed.
mkdir -p "$work/locale/de/LC_MESSAGES"
msgfmt --check -o "$work/locale/de/LC_MESSAGES/cellos-1.0.mo" \
  "$G_TEST_SRCDIR/../po/de.po" >> "$work/diagnostics" 2>&1
result $? "po/de.po compiles"

# A German locale: without one, gettext ignores LANGUAGE. Also a French
# one, for the column test at the end. If the system lacks either, both are
# made with localedef in a scratch LOCPATH (which replaces the system's).
locale_works () {
  [ "$(LC_ALL=$1.UTF-8 locale charmap 2>> "$work/diagnostics")" = UTF-8 ] &&
    ! grep -q "Cannot set" "$work/diagnostics"
}
locales_work () {
  locale_works de_DE && locale_works fr_FR
}
if ! locales_work; then
  : > "$work/diagnostics"
  mkdir -p "$work/locales"
  for name in de_DE fr_FR; do
    localedef -i "$name" -f UTF-8 "$work/locales/$name.UTF-8" >> "$work/diagnostics" 2>&1 ||
      echo "$name.UTF-8 is not installed and localedef could not make it" \
           "(install the locales package)" >> "$work/diagnostics"
  done
  LOCPATH="$work/locales"
  export LOCPATH
  locales_work
fi
result $? "German and French locales (de_DE.UTF-8, fr_FR.UTF-8) are available"

LANGUAGE=de
LC_ALL=de_DE.UTF-8
CELLOS_LOCALEDIR="$work/locale"
export LANGUAGE LC_ALL CELLOS_LOCALEDIR

"$CELLOS_I18N_HELPER" > "$work/out" 2>> "$work/diagnostics" &&
  [ "$(cat "$work/out")" = "$expected" ]
status=$?
[ "$status" -eq 0 ] || sed 's/^/got: /' "$work/out" >> "$work/diagnostics"
result $status "the library's INVALID_SPEC GError message is German"

printf '{"spec": {"id": ""}}' > "$work/empty-id.json"
"$CELLOS_CELL" lifecycle --backend stub "$work/empty-id.json" > "$work/out" 2> "$work/err"
status=$?
[ "$status" -eq 1 ] &&
  [ "$(cat "$work/err")" = "cellos-cell: $work/empty-id.json: $expected" ]
status2=$?
[ "$status2" -eq 0 ] || { echo "exit status $status"; sed 's/^/stderr: /' "$work/err"; } >> "$work/diagnostics"
result $status2 "cellos-cell lifecycle prints the INVALID_SPEC error in German"

"$CELLOS_CELL" --help > "$work/out" 2>> "$work/diagnostics" &&
  grep -q "^Befehle:" "$work/out" &&
  grep -q "Je Dokument eine Zelle erzeugen und zerstören" "$work/out"
status=$?
[ "$status" -eq 0 ] || sed 's/^/stdout: /' "$work/out" >> "$work/diagnostics"
result $status "cellos-cell --help is German"

# The columns of "cellos-cell backends" line up under translated headings
# with accented letters: widths count characters, not bytes. French
# PRIORITÉ is 8 characters in 9 bytes; padded by bytes it would end one
# column left of the priorities under it.
mkdir -p "$work/locale/fr/LC_MESSAGES"
msgfmt --check -o "$work/locale/fr/LC_MESSAGES/cellos-1.0.mo" \
  "$G_TEST_SRCDIR/../po/fr.po" >> "$work/diagnostics" 2>&1 &&
  LANGUAGE=fr LC_ALL=fr_FR.UTF-8 "$CELLOS_CELL" backends > "$work/out" 2>> "$work/diagnostics"
status=$?
heading_end=$(sed -n '1s/\(PRIORITÉ\).*/\1/p' "$work/out" | LC_ALL=fr_FR.UTF-8 wc -m)
row_end=$(sed -n 's/^\(stub  *-100\).*/\1/p' "$work/out" | LC_ALL=fr_FR.UTF-8 wc -m)
[ "$status" -eq 0 ] && [ "$heading_end" -gt 1 ] && [ "$heading_end" -eq "$row_end" ]
status=$?
[ "$status" -eq 0 ] || { echo "heading ends at $heading_end, stub's priority at $row_end"; sed 's/^/stdout: /' "$work/out"; } >> "$work/diagnostics"
result $status "cellos-cell backends lines its columns up under French headings"

tap_done
