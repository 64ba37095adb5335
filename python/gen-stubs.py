#!/usr/bin/python3
# gen-stubs.py: type stubs (.pyi) for a GObject introspection namespace,
# from its GIR, for mypy and other type checkers
#
#   gen-stubs.py NAMESPACE.gir OUTPUT.pyi
#
# Writes what PyGObject makes of the namespace: classes with their
# constructors, methods, properties (obj.props.NAME and keyword arguments
# of the constructor) and, for implementers, the do_* virtual methods;
# interfaces, enumerations, error domains, functions and constants. An
# asynchronous method X_async whose X_finish exists gets both forms the
# overrides (gi.overrides.Cellos) give it: with a callback it returns
# None, without one it returns a coroutine of what X_finish returns.
# Types of other namespaces are written as PyGObject names them
# (Gio.Cancellable), imported from gi.repository.
#
# Copyright 2026 The CellOS authors
# SPDX-License-Identifier: LGPL-2.1-or-later

import keyword
import os
import sys
import xml.etree.ElementTree as ET

CORE = '{http://www.gtk.org/introspection/core/1.0}'
GLIB = '{http://www.gtk.org/introspection/glib/1.0}'

BASIC = {
    'gboolean': 'bool',
    'gchar': 'int', 'guchar': 'int', 'gint': 'int', 'guint': 'int',
    'gint8': 'int', 'guint8': 'int', 'gint16': 'int', 'guint16': 'int',
    'gint32': 'int', 'guint32': 'int', 'gint64': 'int', 'guint64': 'int',
    'glong': 'int', 'gulong': 'int', 'gsize': 'int', 'gssize': 'int',
    'goffset': 'int', 'gunichar': 'str',
    'gfloat': 'float', 'gdouble': 'float',
    'utf8': 'str', 'filename': 'str',
    'gpointer': 'Any', 'gconstpointer': 'Any',
    'GType': 'GObject.GType',
    'none': 'None',
    'GLib.Error': 'GLib.Error',
}

# What the overrides add to an awaited call, by what its finish gives.
AWAIT_KEYWORDS = 'timeout: Optional[float] = None'
LATE_HANDLE_KEYWORD = 'on_late_handle: Optional[Callable[[CellHandle], None]] = None'

# What the overrides add to the namespace.
OVERRIDES = '''

class LateResult:
    disposition: str
    handle: Optional[CellHandle]
    report: Optional[TeardownReport]
    error: Optional[GLib.Error]
    def __init__(self, disposition: str, handle: Optional[CellHandle] = None,
                 report: Optional[TeardownReport] = None,
                 error: Optional[GLib.Error] = None) -> None: ...
'''


def local(tag):
    return tag[len(CORE):] if tag.startswith(CORE) else None


def python_name(name):
    name = name.replace('-', '_')
    return name + '_' if keyword.iskeyword(name) else name


class Generator:

    def __init__(self, root):
        self.root = root
        self.namespace = root.find(CORE + 'namespace')
        self.name = self.namespace.get('name')
        self.lines = []

    # Types

    def type_of(self, node):
        """The Python type of a <type>, <array> or callback holder."""
        array = node.find(CORE + 'array')
        if array is not None:
            inner = array.find(CORE + 'type')
            if array.get('name') == 'GLib.ByteArray' or (
                    inner is not None and inner.get('name') in ('guint8', 'gint8')):
                return 'bytes'
            element = self.type_name(inner.get('name')) if inner is not None else 'Any'
            return 'list[%s]' % element
        simple = node.find(CORE + 'type')
        if simple is None:
            return 'Any'
        if simple.get('name') in ('GLib.List', 'GLib.SList'):
            # PyGObject gives a GList or GSList as a Python list.
            inner = simple.find(CORE + 'type')
            element = self.type_name(inner.get('name')) if inner is not None else 'Any'
            return 'list[%s]' % element
        return self.type_name(simple.get('name'))

    def type_name(self, name):
        if name is None:
            return 'Any'
        if name in BASIC:
            return BASIC[name]
        return name

    # Callables

    def parameters(self, callable_node):
        """([(name, type, optional)], [out types]) of a callable, as
        PyGObject takes them: closures, destroy notifiers and array
        lengths are not arguments, out arguments are returned."""
        params = callable_node.find(CORE + 'parameters')
        nodes = [] if params is None else params.findall(CORE + 'parameter')
        hidden = set()
        for node in nodes:
            for attribute in ('closure', 'destroy'):
                if node.get(attribute) is not None:
                    hidden.add(int(node.get(attribute)))
            array = node.find(CORE + 'array')
            if array is not None and array.get('length') is not None:
                hidden.add(int(array.get('length')))
        ret = callable_node.find(CORE + 'return-value')
        if ret is not None:
            array = ret.find(CORE + 'array')
            if array is not None and array.get('length') is not None:
                hidden.add(int(array.get('length')))
        arguments, outs = [], []
        for index, node in enumerate(nodes):
            if index in hidden:
                continue
            kind = self.type_of(node)
            if (node.get('nullable') == '1' or node.get('allow-none') == '1') \
                    and kind not in ('int', 'bool', 'float'):
                kind = 'Optional[%s]' % kind
            if node.get('direction') in ('out', 'inout'):
                outs.append(kind)
                if node.get('direction') == 'out':
                    continue
            if node.find(CORE + 'type') is not None and \
                    node.find(CORE + 'type').get('name') == 'Gio.AsyncReadyCallback':
                kind = 'Optional[Callable[..., None]]'
            arguments.append((python_name(node.get('name')), kind))
        return arguments, outs

    def return_type(self, callable_node, outs):
        ret = callable_node.find(CORE + 'return-value')
        kind = 'None' if ret is None else self.type_of(ret)
        if ret is not None and ret.get('nullable') == '1' and kind != 'None':
            kind = 'Optional[%s]' % kind
        results = ([] if kind == 'None' else [kind]) + outs
        if not results:
            return 'None'
        if len(results) == 1:
            return results[0]
        return 'tuple[%s]' % ', '.join(results)

    def signature(self, callable_node, first=None, rename=None):
        arguments, outs = self.parameters(callable_node)
        text = ', '.join(([first] if first else []) +
                         ['%s: %s' % argument for argument in arguments])
        name = rename or python_name(callable_node.get('name'))
        return 'def %s(%s) -> %s: ...' % (name, text,
                                          self.return_type(callable_node, outs))

    def finish_type(self, container, finish_name):
        for node in container.findall(CORE + 'method'):
            if node.get('name') == finish_name:
                return self.return_type(node, self.parameters(node)[1])
        return None

    def async_overloads(self, container, node, indent):
        """The two forms of an asynchronous method whose finish exists,
        or None."""
        name = node.get('name')
        if not name.endswith('_async'):
            return None
        result = self.finish_type(container, name[:-len('_async')] + '_finish')
        if result is None:
            return None
        arguments, _ = self.parameters(node)
        plain = [a for a in arguments if a[0] not in ('callback',)]
        # A call with a deadline of its own (timeout_msec) takes no second
        # one; a list comes back as a list, empty for none.
        keywords = [] if any(a[0] == 'timeout_msec' for a in plain) else [AWAIT_KEYWORDS]
        if result.startswith('Optional[list['):
            result = result[len('Optional['):-1]
        if result == 'CellHandle':
            keywords.append(LATE_HANDLE_KEYWORD)
        awaited = ', '.join(['self'] + ['%s: %s = None' % a if a[0] == 'cancellable'
                                        else '%s: %s' % a for a in plain] +
                            (['*'] + keywords if keywords else []))
        with_callback = ', '.join(['self'] + ['%s: %s' % a for a in plain] +
                                  ['callback: Callable[..., None]', '*user_data: Any'])
        return [indent + '@overload',
                indent + 'def %s(%s) -> Coroutine[Any, Any, %s]: ...' % (name, awaited, result),
                indent + '@overload',
                indent + 'def %s(%s) -> None: ...' % (name, with_callback)]

    # Containers

    def properties(self, node):
        props = []
        for prop in node.findall(CORE + 'property'):
            kind = self.type_of(prop)
            # Object-valued properties may be unset.
            if kind[0].isupper():
                kind = 'Optional[%s]' % kind
            props.append((python_name(prop.get('name')), kind,
                          prop.get('writable') == '1'))
        return props

    def class_like(self, node, is_interface):
        name = node.get('name')
        if is_interface:
            bases = 'GObject.GInterface'
        else:
            parent = node.get('parent') or 'GObject.Object'
            bases = [parent] + [i.get('name') for i in node.findall(CORE + 'implements')]
            bases = ', '.join(bases)
        out = ['', '', 'class %s(%s):' % (name, bases)]
        props = self.properties(node)
        if props:
            out.append('    class Props:')
            for prop, kind, _ in props:
                out.append('        %s: %s' % (prop, kind))
            out.append('    props: Props')
        if not is_interface:
            keywords = ''.join(', %s: %s = ...' % (p, k)
                               for p, k, writable in props if writable)
            out.append('    def __init__(self%s) -> None: ...'
                       % (', *' + keywords if keywords else ''))
        for ctor in node.findall(CORE + 'constructor'):
            out.append('    @classmethod')
            out.append('    ' + self.signature(ctor, 'cls'))
        for function in node.findall(CORE + 'function'):
            out.append('    @staticmethod')
            out.append('    ' + self.signature(function))
        for method in node.findall(CORE + 'method'):
            overloads = self.async_overloads(node, method, '    ')
            if overloads:
                out.extend(overloads)
            else:
                out.append('    ' + self.signature(method, 'self'))
        for vfunc in node.findall(CORE + 'virtual-method'):
            out.append('    ' + self.signature(vfunc, 'self',
                                               'do_' + python_name(vfunc.get('name'))))
        if len(out) == 3:
            out.append('    ...')
        return out

    def enumeration(self, node):
        name = node.get('name')
        base = 'GObject.GFlags' if local(node.tag) == 'bitfield' else 'GObject.GEnum'
        out = ['', '', 'class %s(%s):' % (name, base)]
        for member in node.findall(CORE + 'member'):
            out.append('    %s: %s' % (member.get('name').upper(), name))
        for function in node.findall(CORE + 'function'):
            out.append('    @staticmethod')
            out.append('    ' + self.signature(function))
        return out

    def generate(self):
        # The namespaces the GIR includes, and GLib and GObject, which
        # every one uses.
        includes = {'GLib', 'GObject'} | {
            include.get('name') for include in self.root.findall(CORE + 'include')}
        out = ['# %s type stubs, generated from %s-%s.gir by gen-stubs.py:'
               % (self.name, self.name, self.namespace.get('version')),
               '# do not edit.',
               '',
               'from typing import Any, Callable, Coroutine, Optional, overload',
               '',
               'from gi.repository import %s' % ', '.join(sorted(includes))]
        for node in self.namespace:
            tag = local(node.tag)
            if tag == 'constant':
                out.append('')
                out.append('%s: %s' % (node.get('name'), self.type_of(node)))
            elif tag == 'function':
                out.append('')
                out.append('')
                out.append(self.signature(node))
            elif tag in ('enumeration', 'bitfield'):
                out.extend(self.enumeration(node))
            elif tag == 'class':
                out.extend(self.class_like(node, False))
            elif tag == 'interface':
                out.extend(self.class_like(node, True))
        if self.name == 'Cellos':
            out.append(OVERRIDES.rstrip('\n'))
        return '\n'.join(out) + '\n'


def main(argv):
    if len(argv) != 3:
        sys.exit('usage: gen-stubs.py NAMESPACE.gir OUTPUT.pyi')
    text = Generator(ET.parse(argv[1]).getroot()).generate()
    with open(argv[2] + '.tmp', 'w', encoding='utf-8') as output:
        output.write(text)
    os.replace(argv[2] + '.tmp', argv[2])


if __name__ == '__main__':
    main(sys.argv)
