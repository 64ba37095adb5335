#!/usr/bin/env python3
# gir-callback-data.py SCANNED-GIR > GIR
#
# Copies the GIR g-ir-scanner wrote, with one correction: a parameter that
# is the data of a callback parameter of the same callable is not marked
# as the callable's own closure.
#
# g-ir-scanner marks every gpointer parameter named user_data of a
# function pointer (the slots of an interface or class structure, and so
# their virtual methods) as the data of that function itself (closure
# naming itself), even where the slot passes it to its own callback
# parameter, as an async virtual method does with its GAsyncReadyCallback.
# PyGObject then hands that data to a Python implementation as one more
# argument, and an implementation written without it fails with a
# TypeError and never calls back. libcellos 1.0.0 cleared the mark with a
# (closure callback) annotation on user_data, which gobject-introspection
# 1.80 and later refuse; this does the same for every scanner version.
# The callback keeps its closure attribute naming the data, as GIO's
# methods have it.
#
# Copyright 2026 The CellOS authors
# SPDX-License-Identifier: LGPL-2.1-or-later

import re
import sys

PARAMETERS = re.compile(r'<parameters>.*?</parameters>', re.S)
PARAMETER = re.compile(r'<(instance-parameter|parameter)\b[^>]*>')
ATTRIBUTE = re.compile(r'\s([\w:-]+)="([^"]*)"')
CLOSURE = re.compile(r'\s+closure="\d+"')


def fix_parameters(block):
    tags = []
    for match in PARAMETER.finditer(block):
        if match.group(1) == 'parameter':
            tags.append((match, dict(ATTRIBUTE.findall(match.group(0)))))
    own_data = set()
    for index, (_, attrs) in enumerate(tags):
        if attrs.get('closure') != str(index):
            continue
        for other_index, (_, other) in enumerate(tags):
            if (other_index != index and 'scope' in other
                    and other.get('closure') == str(index)):
                own_data.add(index)
    if not own_data:
        return block
    out = []
    position = 0
    for index, (match, _) in enumerate(tags):
        if index in own_data:
            out.append(block[position:match.start()])
            out.append(CLOSURE.sub('', match.group(0), count=1))
            position = match.end()
    out.append(block[position:])
    return ''.join(out)


def main(argv):
    if len(argv) != 2:
        sys.stderr.write('usage: %s SCANNED-GIR > GIR\n' % argv[0])
        return 2
    with open(argv[1], encoding='utf-8') as f:
        text = f.read()
    sys.stdout.write(PARAMETERS.sub(lambda m: fix_parameters(m.group(0)), text))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
