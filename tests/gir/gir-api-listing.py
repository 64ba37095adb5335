#!/usr/bin/env python3
# gir-api-listing.py: the introspected API of a GIR file as a normalised
# listing, and its comparison with a committed baseline.
#
#   gir-api-listing.py GIR                   writes the listing of GIR
#   gir-api-listing.py --compare BASELINE GIR
#                                            exits 1 and says what, if
#                                            anything in BASELINE is
#                                            removed or changed in GIR
#
# One line per item a language binding relies on: every type, callable
# (function, method, constructor, virtual method, callback, signal, the
# callbacks of structure fields), parameter and return value, property,
# enumeration and bitfield member, record field and constant. Each line is
# "KEY | ATTRIBUTES": the key names the item (a parameter by its position
# and name), the attributes are what a binding reads from it: the type,
# direction, transfer, nullability, closure, destroy, scope and array
# attributes of a parameter, a callable's throws and parameter count, a
# member's value.
#
# What the comparison reads: a baseline line whose key is gone is a
# removal, one whose attributes differ is a change, and either fails; keys
# only in GIR are additions, which pass. The listing is normalised so that
# what newer versions of g-ir-scanner write differently without changing
# the API does not count (see below and the comments at each rule).
#
# Copyright 2026 The CellOS authors
# SPDX-License-Identifier: LGPL-2.1-or-later

import sys
import xml.etree.ElementTree as ET

CORE = '{http://www.gtk.org/introspection/core/1.0}'
C = '{http://www.gtk.org/introspection/c/1.0}'
GLIB = '{http://www.gtk.org/introspection/glib/1.0}'

# Read by no rule below, on purpose:
#  - documentation, source positions, version and deprecation: they change
#    what a reader is told, not what a binding calls;
#  - glib:finish-func, glib:async-func, glib:sync-func (gobject-
#    introspection 1.80), default-value and glib:get-property,
#    glib:set-property, getter, setter: hints newer scanners add to
#    callables and properties that were there before;
#  - c:type of types: how the C declaration spells a type (const, gchar
#    or char) differs between scanners; the GI type is what bindings use;
#  - moved-to, function-macro: C-only conveniences, never introspectable;
#  - allow-none: the older spelling of nullable (in) and optional (out),
#    folded into those.
# An item marked introspectable="0" is not listed: bindings do not see it,
# so it becoming non-introspectable reads as a removal.

CALLABLES = ('function', 'method', 'constructor', 'virtual-method', 'callback')


def local(tag):
    return tag.split('}')[-1]


def flag(element, name, default='0'):
    value = element.get(name)
    return default if value is None else value


def type_of(element):
    """The GI type of a parameter, return value, property, field or
    constant: a name, or array(...) with its attributes."""
    for child in element:
        tag = local(child.tag)
        if tag == 'type':
            inner = [type_of_type(t) for t in child if local(t.tag) in ('type', 'array')]
            name = child.get('name', '?')
            return name + ('<%s>' % ','.join(inner) if inner else '')
        if tag == 'array':
            return type_of_type(child)
        if tag == 'varargs':
            return 'varargs'
        if tag == 'callback':
            return 'callback'
    return '?'


def type_of_type(element):
    if local(element.tag) == 'array':
        attrs = []
        if element.get('name'):
            attrs.append('name=' + element.get('name'))
        # zero-terminated written out: absent, it means 1 for an array
        # with neither a length nor a fixed size, as g-ir-compiler reads
        # it, and scanners differ in whether they write the default.
        sized = element.get('length') is not None or element.get('fixed-size') is not None
        attrs.append('zero-terminated=' + element.get('zero-terminated', '0' if sized else '1'))
        for name in ('fixed-size', 'length'):
            if element.get(name) is not None:
                attrs.append('%s=%s' % (name, element.get(name)))
        inner = [type_of_type(t) for t in element if local(t.tag) in ('type', 'array')]
        return 'array(%s)[%s]' % (' '.join(attrs), ','.join(inner))
    inner = [type_of_type(t) for t in element if local(t.tag) in ('type', 'array')]
    name = element.get('name', '?')
    return name + ('<%s>' % ','.join(inner) if inner else '')


def introspectable(element):
    return element.get('introspectable') != '0'


class Listing:
    def __init__(self):
        self.lines = []

    def add(self, key, attrs):
        self.lines.append('%s | %s' % (key, ' '.join(attrs)))

    def parameters(self, prefix, callable_element):
        params_element = callable_element.find(CORE + 'parameters')
        params = []
        instance = None
        if params_element is not None:
            for child in params_element:
                if local(child.tag) == 'instance-parameter':
                    instance = child
                elif local(child.tag) == 'parameter':
                    params.append(child)
        names = [p.get('name') for p in params]

        def name_at(index):
            # closure, destroy and array length are indices into the
            # parameters after the instance parameter; written as names,
            # so that the listing reads the same whichever list a scanner
            # counted in.
            try:
                return names[int(index)]
            except (ValueError, IndexError):
                return '#' + index

        # The data of a callback parameter is named by the callback's
        # closure attribute. Scanners before gobject-introspection 1.80
        # also took a (closure CALLBACK) annotation on the data parameter
        # and wrote the link back on it; newer ones refuse that
        # annotation. The back link says nothing the callback's closure
        # does not, so it is not listed. A data parameter marked as the
        # closure of its own callable (closure naming itself) is another
        # thing (the callable is then a callback that takes data), and
        # is listed.
        back_links = set()
        for index, param in enumerate(params):
            target = param.get('closure')
            if target is None or param.get('scope') is not None:
                continue
            try:
                callback = params[int(target)]
            except (ValueError, IndexError):
                continue
            if callback.get('scope') is not None and callback.get('closure') == str(index):
                back_links.add(index)

        if instance is not None:
            self.add('%s instance %s' % (prefix, instance.get('name')),
                     ['type=' + type_of(instance),
                      'transfer=' + flag(instance, 'transfer-ownership', 'none')])
        for index, param in enumerate(params):
            self.add('%s param %d %s' % (prefix, index, param.get('name')),
                     self.parameter_attrs(param, name_at, index in back_links))
        ret = callable_element.find(CORE + 'return-value')
        if ret is not None:
            attrs = ['type=' + self.resolve_lengths(type_of(ret), name_at),
                     'transfer=' + flag(ret, 'transfer-ownership', 'none'),
                     'nullable=' + self.nullable(ret)]
            if ret.get('skip') == '1':
                attrs.append('skip=1')
            self.add('%s return' % prefix, attrs)
        return len(params)

    @staticmethod
    def resolve_lengths(text, name_at):
        # The length of an array is the index of another parameter.
        out = []
        for word in text.split(' '):
            if word.startswith('length='):
                number = word[len('length='):].split(')')[0]
                word = word.replace('length=' + number, 'length=' + name_at(number), 1)
            out.append(word)
        return ' '.join(out)

    @staticmethod
    def nullable(element, direction='in'):
        if element.get('nullable') == '1':
            return '1'
        if direction == 'in' and element.get('allow-none') == '1':
            return '1'
        return '0'

    def parameter_attrs(self, param, name_at, back_link=False):
        direction = param.get('direction', 'in')
        attrs = ['type=' + self.resolve_lengths(type_of(param), name_at),
                 'direction=' + direction,
                 'transfer=' + flag(param, 'transfer-ownership', 'none'),
                 'nullable=' + self.nullable(param, direction)]
        if direction != 'in':
            optional = param.get('optional') == '1' or param.get('allow-none') == '1'
            attrs.append('optional=%d' % optional)
            attrs.append('caller-allocates=' + flag(param, 'caller-allocates'))
        for name in ('closure', 'destroy'):
            if name == 'closure' and back_link:
                continue
            if param.get(name) is not None:
                attrs.append('%s=%s' % (name, name_at(param.get(name))))
        if param.get('scope') is not None:
            attrs.append('scope=' + param.get('scope'))
        if param.get('skip') == '1':
            attrs.append('skip=1')
        return attrs

    def callable(self, prefix, element):
        kind = local(element.tag)
        key = '%s %s %s' % (prefix, kind, element.get('name'))
        attrs = []
        identifier = element.get(C + 'identifier')
        if identifier:
            attrs.append('symbol=' + identifier)
        if kind == 'virtual-method' and element.get('invoker'):
            attrs.append('invoker=' + element.get('invoker'))
        for name in ('shadows', 'shadowed-by'):
            if element.get(name):
                attrs.append('%s=%s' % (name, element.get(name)))
        attrs.append('throws=' + flag(element, 'throws'))
        # Written after the parameters are counted, as the line that
        # catches a parameter added to an existing callable.
        index = len(self.lines)
        self.lines.append(None)
        count = self.parameters(key, element)
        attrs.append('parameters=%d' % count)
        self.lines[index] = '%s | %s' % (key, ' '.join(attrs))

    def signal(self, prefix, element):
        key = '%s signal %s' % (prefix, element.get('name'))
        attrs = []
        for name in ('when', 'action', 'detailed', 'no-recurse', 'no-hooks'):
            if element.get(name) is not None:
                attrs.append('%s=%s' % (name, element.get(name)))
        index = len(self.lines)
        self.lines.append(None)
        count = self.parameters(key, element)
        attrs.append('parameters=%d' % count)
        self.lines[index] = '%s | %s' % (key, ' '.join(attrs))

    def property(self, prefix, element):
        self.add('%s property %s' % (prefix, element.get('name')),
                 ['type=' + type_of(element),
                  'readable=' + flag(element, 'readable', '1'),
                  'writable=' + flag(element, 'writable'),
                  'construct=' + flag(element, 'construct'),
                  'construct-only=' + flag(element, 'construct-only'),
                  'transfer=' + flag(element, 'transfer-ownership', 'none')])

    def field(self, prefix, element):
        key = '%s field %s' % (prefix, element.get('name'))
        attrs = ['type=' + type_of(element),
                 'readable=' + flag(element, 'readable', '1'),
                 'writable=' + flag(element, 'writable'),
                 'private=' + flag(element, 'private')]
        if element.get('bits') is not None:
            attrs.append('bits=' + element.get('bits'))
        self.add(key, attrs)
        # A function pointer field (a virtual method slot): bindings that
        # implement the virtual method (PyGObject, gjs) marshal through
        # this callback's parameters, not the virtual-method element's.
        callback = element.find(CORE + 'callback')
        if callback is not None and introspectable(callback):
            self.callable(key, callback)

    def container(self, element):
        kind = local(element.tag)
        prefix = '%s %s' % (kind, element.get('name'))
        attrs = []
        for name in ('parent', 'abstract', 'final', 'fundamental', 'disguised', 'opaque',
                     'pointer', 'foreign'):
            if element.get(name) is not None:
                attrs.append('%s=%s' % (name, element.get(name)))
        for name in ('type-name', 'get-type', 'type-struct', 'is-gtype-struct-for',
                     'error-domain', 'ref-func', 'unref-func', 'fundamental'):
            if element.get(GLIB + name) is not None:
                attrs.append('glib:%s=%s' % (name, element.get(GLIB + name)))
        if element.get(C + 'symbol-prefix') is not None:
            attrs.append('symbol-prefix=' + element.get(C + 'symbol-prefix'))
        self.add(prefix, attrs)
        for child in element:
            tag = local(child.tag)
            if not introspectable(child):
                continue
            if tag in ('implements', 'prerequisite'):
                self.add('%s %s %s' % (prefix, tag, child.get('name')), [])
            elif tag in CALLABLES:
                self.callable(prefix, child)
            elif tag == 'signal':
                self.signal(prefix, child)
            elif tag == 'property':
                self.property(prefix, child)
            elif tag == 'field':
                self.field(prefix, child)
            elif tag == 'member':
                self.add('%s member %s' % (prefix, child.get('name')),
                         ['value=' + child.get('value', '?'),
                          'symbol=' + child.get(C + 'identifier', '?'),
                          'nick=' + child.get(GLIB + 'nick', '')])
            elif tag in ('record', 'union'):
                # An anonymous structure or union inside a record.
                self.add('%s %s %s' % (prefix, tag, child.get('name', '(anonymous)')), [])

    def namespace(self, element):
        self.add('namespace %s' % element.get('name'),
                 ['version=' + element.get('version', '?'),
                  'shared-library=' + element.get('shared-library', '')])
        for child in element:
            tag = local(child.tag)
            if not introspectable(child):
                continue
            if tag in ('class', 'interface', 'record', 'union', 'enumeration', 'bitfield',
                       'boxed'):
                self.container(child)
            elif tag in ('function', 'callback'):
                self.callable('namespace', child)
            elif tag == 'constant':
                # The value is left out: version constants change with
                # every release.
                self.add('constant %s' % child.get('name'),
                         ['type=' + type_of(child)])
            elif tag == 'alias':
                self.add('alias %s' % child.get('name'), ['type=' + type_of(child)])


def listing(path):
    tree = ET.parse(path)
    out = Listing()
    for element in tree.getroot():
        if local(element.tag) == 'include':
            out.add('include %s' % element.get('name'), ['version=' + element.get('version', '')])
        elif local(element.tag) == 'package':
            out.add('package %s' % element.get('name'), [])
        elif local(element.tag) == 'namespace':
            out.namespace(element)
    return out.lines


def parse(lines):
    items = {}
    order = []
    for line in lines:
        line = line.rstrip('\n')
        if not line or line.startswith('#'):
            continue
        key, _, attrs = line.partition(' | ')
        items[key] = attrs
        order.append(key)
    return items, order


def compare(baseline_path, gir_path):
    with open(baseline_path, encoding='utf-8') as f:
        old, order = parse(f)
    new, new_order = parse(listing(gir_path))
    problems = []
    for key in order:
        if key not in new:
            problems.append('removed: %s\n    was: %s' % (key, old[key]))
        elif new[key] != old[key]:
            problems.append('changed: %s\n    was: %s\n    now: %s' % (key, old[key], new[key]))
    added = [key for key in new_order if key not in old]
    for problem in problems:
        print(problem)
    print('%d items in the baseline, %d removed or changed, %d added'
          % (len(order), len(problems), len(added)))
    return 1 if problems else 0


def main(argv):
    if len(argv) == 2 and not argv[1].startswith('-'):
        sys.stdout.write(''.join(line + '\n' for line in listing(argv[1])))
        return 0
    if len(argv) == 4 and argv[1] == '--compare':
        return compare(argv[2], argv[3])
    sys.stderr.write('usage: %s GIR | --compare BASELINE GIR\n' % argv[0])
    return 2


if __name__ == '__main__':
    sys.exit(main(sys.argv))
