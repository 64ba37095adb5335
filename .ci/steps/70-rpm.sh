#!/bin/bash
# RPM packaging, from the release tarball of the build the Quick start made
# (about 6 minutes on 2 cores, most of it the build and make check inside
# rpmbuild):
#  - rpmbuild -ta builds cellos, cellos-devel, cellos-tools, cellos-tests
#    and the noarch cellos-doc (--nodeps: the BuildRequires name Fedora
#    packages, and this is Debian);
#  - rpmlint on the spec and the five RPMs: no error and no warning that
#    rpm/cellos.rpmlintrc does not filter, with a reason;
#  - every path in each RPM (rpm -qlp) belongs to that subpackage by the
#    rules in rpm/file-lists.txt, and every path "make install DESTDIR=..."
#    puts down in rpmbuild's configured tree is in the RPM the rules name.
set -euo pipefail

apt-get install -y -o DPkg::Lock::Timeout=600 rpm rpmlint >/dev/null

version=$(sed -n 's/^PACKAGE_VERSION = //p' Makefile)
srcdir=$(sed -n 's/^abs_top_srcdir = //p' Makefile)
tarball=cellos-$version.tar.xz
make dist >/dev/null

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
topdir=$work/rpmbuild

# Debian's rpm has what the spec uses (%bcond, %configure, %make_build,
# %autosetup, %find_lang). One fix is needed here: Debian's brp-compress is a bash script
# run as /bin/sh (dash), where its "read -d" fails, so it compresses no man
# page; run it with bash.
brp_compress="bash $(rpm --eval '%{__brp_compress}')"
if ! rpmbuild -ta --nodeps --noclean --define "_topdir $topdir" \
     --define "__brp_compress $brp_compress" "$tarball" > "$work/rpmbuild.log" 2>&1; then
  tail -n 100 "$work/rpmbuild.log"
  echo "ci: rpm: rpmbuild -ta $tarball failed (above)" >&2
  exit 1
fi

rpms=()
for name in cellos cellos-testing cellos-devel cellos-tools cellos-tests cellos-doc python3-cellos; do
  found=$(find "$topdir/RPMS" -name "$name-$version-*.rpm")
  if [ -z "$found" ]; then
    echo "ci: rpm: rpmbuild made no $name package" >&2
    exit 1
  fi
  rpms+=("$found")
done

# The reference is architecture-independent; --without docs drops it and
# gi-docgen.
doc_arch=$(rpm -qp --qf '%{ARCH}' "$(find "$topdir/RPMS" -name "cellos-doc-$version-*.rpm")")
if [ "$doc_arch" != noarch ]; then
  echo "ci: rpm: cellos-doc is $doc_arch, not noarch" >&2
  exit 1
fi
if rpmspec -q --without docs --qf '%{NAME}\n' rpm/cellos.spec | grep -qx cellos-doc ||
   rpmspec -q --without docs --buildrequires rpm/cellos.spec | grep -q gi-docgen; then
  echo "ci: rpm: rpmbuild --without docs still builds cellos-doc or needs gi-docgen" >&2
  exit 1
fi
echo "ci: rpm: cellos-doc is noarch; --without docs builds no cellos-doc and needs no gi-docgen"

# -s: a warning fails as an error does.
rpmlint -s -r "$srcdir/rpm/cellos.rpmlintrc" rpm/cellos.spec "$topdir"/SRPMS/*.src.rpm "${rpms[@]}"

destdir=$work/destdir
make -C "$topdir/BUILD/cellos-$version" install DESTDIR="$destdir" >/dev/null

for rpm in "${rpms[@]}"; do
  name=$(rpm -qp --qf '%{NAME}' "$rpm")
  rpm -qlp "$rpm" | grep -vx '(contains no files)' | sed "s|^|$name |"
done > "$work/packaged"
(cd "$destdir" && find . -mindepth 1 \( ! -type d -o -type d -empty \) -printf '/%P\n') > "$work/installed"
grep -v -e '^#' -e '^[[:space:]]*$' "$srcdir/rpm/file-lists.txt" > "$work/rules"
rpm --define "version $version" --eval "$(cat "$work/rules")" > "$work/rules.expanded"
mandir=$(rpm --eval '%{_mandir}')

python3 - "$work/rules.expanded" "$work/packaged" "$work/installed" "$mandir" <<'PY'
import fnmatch
import re
import sys

rules_file, packaged_file, installed_file, mandir = sys.argv[1:]
rules = [line.split(None, 1) for line in open(rules_file).read().splitlines() if line.strip()]

def normalise(path):
    if path.startswith(mandir + '/'):
        return re.sub(r'\.(gz|bz2|xz|zst)$', '', path)
    return path

def owner(path):
    for package, pattern in rules:
        if fnmatch.fnmatchcase(normalise(path), pattern):
            return package
    return None

problems = []
packaged = {}
for line in open(packaged_file).read().splitlines():
    package, path = line.split(' ', 1)
    packaged.setdefault(normalise(path), set()).add(package)
    wanted = owner(path)
    if wanted is None:
        problems.append('%s: in %s, but no rule in rpm/file-lists.txt names it' % (path, package))
    elif wanted not in ('*', package):
        problems.append('%s: in %s, belongs in %s' % (path, package, wanted))

for path in open(installed_file).read().splitlines():
    wanted = owner(path)
    if wanted is None:
        problems.append('%s: installed, but no rule in rpm/file-lists.txt names it' % path)
    elif wanted not in ('-', '*') and wanted not in packaged.get(normalise(path), ()):
        problems.append('%s: installed, but not in %s' % (path, wanted))

for problem in problems:
    print('ci: rpm: ' + problem, file=sys.stderr)
sys.exit(1 if problems else 0)
PY
