#!/bin/bash
# For a release only: everything that names the version agrees, and says
# it is released. configure.ac's version is NEWS's first entry, which is
# dated ("Released YYYY-MM-DD.", not "(unreleased)"); debian/changelog's
# first entry is that upstream version, for a distribution (not
# UNRELEASED); the RPM spec takes its version from configure. During
# development NEWS's first entry is unreleased, so this fails on every
# other commit by design: .ci/run runs it with --release only.
set -euo pipefail

failed=0
fail () {
  echo "ci: release: $*" >&2
  failed=1
}

version=$(sed -n 's/^m4_define(\[cellos_\(major\|minor\|micro\)_version\], \[\([0-9]*\)\])$/\2/p' configure.ac |
  paste -s -d . -)
echo "ci: release: configure.ac says $version"

heading=$(sed -n '1p' NEWS)
[ "$heading" = "Overview of changes in libcellos $version" ] ||
  fail "NEWS begins \"$heading\", not the entry of $version, released"
sed -n '3,6p' NEWS | grep -q -E '^Released [0-9]{4}-[0-9]{2}-[0-9]{2}\.' ||
  fail "NEWS's entry of $version has no \"Released YYYY-MM-DD.\" line"

changelog_version=$(dpkg-parsechangelog -l debian/changelog -SVersion)
distribution=$(dpkg-parsechangelog -l debian/changelog -SDistribution)
[ "${changelog_version%-*}" = "$version" ] ||
  fail "debian/changelog's first entry is $changelog_version, not $version"
[ "$distribution" != UNRELEASED ] ||
  fail "debian/changelog's first entry is UNRELEASED"

# The RPM spec takes Version and its %changelog entry from configure
# (@VERSION@ in rpm/cellos.spec.in): it must not name another.
spec=rpm/cellos.spec.in
[ "$(sed -n 's/^Version: *//p' "$spec")" = "@VERSION@" ] ||
  fail "$spec: Version is not @VERSION@, configure's"

[ "$failed" -eq 0 ] && echo "ci: release: NEWS, debian/changelog and $spec agree on $version, released"
exit "$failed"
