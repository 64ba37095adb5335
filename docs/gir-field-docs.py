#!/usr/bin/env python3
# gir-field-docs.py SRCDIR GIR HEADER... > OUTPUT
#
# Copies GIR to OUTPUT with the documentation of struct fields that are
# function pointers (the virtual methods of an interface or class
# structure) added from the @field: lines of the struct's doc comment in
# HEADER (a path in SRCDIR). g-ir-scanner (1.74) reads those lines but writes no <doc>
# for such fields, and the reference then shows "No description
# available" for every virtual method of the structure. A field that has
# a <doc> already is left as it is.
#
# Copyright 2026 The CellOS authors
# SPDX-License-Identifier: LGPL-2.1-or-later

import os
import re
import sys
from xml.sax.saxutils import escape


def field_docs(srcdir, header):
    """{struct c:type: {field: (text, line)}} from the doc comments of
    header."""
    docs = {}
    with open(os.path.join(srcdir, header), encoding='utf-8') as f:
        text = f.read()
    for block in re.finditer(r'/\*\*\n(.*?)\*/', text, re.S):
        first_line = text.count('\n', 0, block.start(1)) + 1
        lines = [re.sub(r'^ ?\* ?', '', line) for line in block.group(1).splitlines()]
        match = re.match(r'(\w+):\s*$', lines[0]) if lines else None
        if not match:
            continue
        fields = {}
        current = None
        for number, line in enumerate(lines[1:], first_line + 1):
            param = re.match(r'@(\w+):\s*(.*)', line)
            if param:
                current = param.group(1)
                fields[current] = [param.group(2), number]
            elif current and line.startswith('  ') and line.strip():
                fields[current][0] += ' ' + line.strip()
            else:
                current = None
        if fields:
            docs[match.group(1)] = {name: (text, line, header)
                                    for name, (text, line) in fields.items()}
    return docs


def main():
    srcdir, gir_path, headers = sys.argv[1], sys.argv[2], sys.argv[3:]
    docs = {}
    for header in headers:
        docs.update(field_docs(srcdir, header))

    with open(gir_path, encoding='utf-8') as f:
        lines = f.read().split('\n')

    out = []
    record = None
    for i, line in enumerate(lines):
        out.append(line)
        start = re.search(r'<record name="[^"]*"', line)
        if start:
            record = None
            # The c:type may be on one of the next lines.
            for following in lines[i:i + 4]:
                ctype = re.search(r'c:type="([^"]+)"', following)
                if ctype:
                    record = ctype.group(1)
                    break
        elif '</record>' in line:
            record = None
        field = re.match(r'(\s*)<field name="([^"]+)">\s*$', line)
        if not (field and record in docs and field.group(2) in docs[record]):
            continue
        following = lines[i + 1].strip() if i + 1 < len(lines) else ''
        if not following.startswith('<callback'):
            continue
        text, number, header = docs[record][field.group(2)]
        out.append('%s  <doc xml:space="preserve" filename="%s" line="%d">%s</doc>'
                   % (field.group(1), escape(header), number, escape(text)))

    sys.stdout.write('\n'.join(out))


if __name__ == '__main__':
    main()
