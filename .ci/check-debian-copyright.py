#!/usr/bin/python3
"""Checks debian/copyright against licensecheck (devscripts).

check-debian-copyright.py COPYRIGHT TREE [INSTALLED-DIR=TREE-PATH ...]

Every file in TREE (an unpacked source package) is looked up in COPYRIGHT
(the last Files paragraph whose pattern matches it decides, as DEP-5
says); each INSTALLED-DIR is a directory of a built package whose files
COPYRIGHT names under TREE-PATH (as the build tree has them). Wherever
licensecheck finds a licence in a file, one of the licences it names must
be in that file's paragraph. Files where licensecheck finds none are left
to the paragraph. Prints each file, its paragraph's licence and
licensecheck's finding; exits 1 on any disagreement.
"""
import os
import re
import subprocess
import sys


def paragraphs(path):
    paras, current, field = [], {}, None
    for line in open(path, encoding='utf-8').read().splitlines():
        if not line.strip():
            if current:
                paras.append(current)
            current, field = {}, None
        elif line[0] in ' \t':
            current[field] += '\n' + line.strip()
        else:
            field, value = line.split(':', 1)
            current[field] = value.strip()
    if current:
        paras.append(current)
    return [p for p in paras if 'Files' in p]


def pattern_re(pattern):
    return re.compile('^' + ''.join('.*' if c == '*' else '.' if c == '?' else re.escape(c)
                                    for c in pattern) + '$', re.S)


def names(expression):
    """Licence names in a DEP-5 or licensecheck expression."""
    expression = re.sub(r'\bwith [^()]*? exception', ' ', expression)
    return {n for n in re.split(r'[\s()]+|\band/or\b|\band\b|\bor\b', expression)
            if n and n not in ('and/or', 'and', 'or')}


# licensecheck's names for what debian/copyright calls otherwise.
SYNONYMS = {'MIT': 'Expat', 'GPL-3.0-or-later': 'GPL-3+', 'GPL-2.0-or-later': 'GPL-2+',
            'LGPL-2.1-or-later': 'LGPL-2.1+', 'LGPL-2.1': 'LGPL-2.1+'}


def licensecheck(root):
    out = subprocess.run(['licensecheck', '--recursive', '--lines=0', '--check=.',
                          '--shortname-scheme=debian,spdx', '--encoding=utf-8', root],
                         check=True, capture_output=True, text=True).stdout
    found = {}
    for line in out.splitlines():
        path, _, licence = line.rpartition(': ')
        licence = licence.replace('*No copyright*', '').strip()
        found[os.path.relpath(path, root)] = licence
    return found


def main():
    copyright_file, tree, *installed = sys.argv[1:]
    paras = [(pattern_re(pat), p['License'].split('\n')[0])
             for p in paragraphs(copyright_file)
             for pat in p['Files'].split()]
    files = {path: licence for path, licence in licensecheck(tree).items()}
    for spec in installed:
        directory, prefix = spec.split('=', 1)
        for path, licence in licensecheck(directory).items():
            files[os.path.join(prefix, path)] = licence
    bad = 0
    for path in sorted(files):
        matching = [licence for regex, licence in paras if regex.match(path)]
        if not matching:
            print('%s: no Files paragraph' % path)
            bad = 1
            continue
        declared = matching[-1]
        found = files[path]
        # "or later" is compared loosely: licensecheck misses it in
        # libtool.m4, whose notice says "version 2 of of the License".
        ok = found in ('', 'UNKNOWN') or bool(
            {SYNONYMS.get(n, n).rstrip('+') for n in names(found)}
            & {n.rstrip('+') for n in names(declared)})
        print('%s %s: debian/copyright %s; licensecheck %s'
              % ('ok ' if ok else 'BAD', path, declared, found or 'none'))
        bad |= not ok
    return bad


sys.exit(main())
