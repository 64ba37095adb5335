# test-document.py: execution cell documents to and from JSON, from Python
#
# Copyright 2026 The CellOS authors
# SPDX-License-Identifier: LGPL-2.1-or-later

import glob
import json
import os
import random
import unittest

import cellostest
from cellostest import Cellos, Gio, GLib

SAMPLE = os.path.join(cellostest.TOP_SRCDIR, 'examples', 'sample-document.json')

DOCUMENT = {
    'apiVersion': 'cellos.dev/v1',
    'metadata': {'labels': {'team': 'build'}},
    'spec': {
        'id': 'cell-7',
        'argv': ['/bin/echo', 'ünïcode'],
        'resources': {'memoryMiB': 256, 'vcpus': 1.5},
        'extra': [None, True, {'deep': []}],
    },
}


def from_json(value):
    return Cellos.ExecutionCellDocument.new_from_data(
        json.dumps(value).encode('utf-8'))


def to_json(document):
    text, length = document.to_data()
    return json.loads(text)


class FromDataTests(unittest.TestCase):

    def test_reads_id_and_argv(self):
        document = from_json(DOCUMENT)
        self.assertEqual(document.props.id, 'cell-7')
        self.assertEqual(document.props.argv, ['/bin/echo', 'ünïcode'])

    def test_to_data_keeps_unknown_members(self):
        self.assertEqual(to_json(from_json(DOCUMENT)), DOCUMENT)

    def test_to_data_gives_text_and_its_length(self):
        text, length = from_json(DOCUMENT).to_data()
        self.assertIsInstance(text, str)
        self.assertEqual(length, len(text.encode('utf-8')))

    def test_to_data_writes_changed_properties(self):
        document = from_json(DOCUMENT)
        document.props.id = 'cell-8'
        document.props.argv = ['/bin/false']
        expected = json.loads(json.dumps(DOCUMENT))
        expected['spec']['id'] = 'cell-8'
        expected['spec']['argv'] = ['/bin/false']
        self.assertEqual(to_json(document), expected)

    def test_new_document_writes_its_id(self):
        document = Cellos.ExecutionCellDocument.new('cell-9')
        self.assertEqual(to_json(document)['spec']['id'], 'cell-9')

    def test_empty_id_is_a_valid_document(self):
        document = from_json({'spec': {'id': ''}})
        self.assertEqual(document.props.id, '')


class MemberTests(unittest.TestCase):

    def test_dup_member_gives_json_text_by_pointer(self):
        document = from_json(DOCUMENT)
        resources = document.dup_member('/spec/resources')
        self.assertEqual(json.loads(resources), DOCUMENT['spec']['resources'])
        self.assertEqual(json.loads(document.dup_member('/spec/argv/1')), 'ünïcode')
        self.assertEqual(json.loads(document.dup_member('/metadata/labels/team')), 'build')
        self.assertIsNone(document.dup_member('/spec/missing'))

    def test_dup_member_keeps_number_text(self):
        document = Cellos.ExecutionCellDocument.new_from_data(
            b'{"spec": {"id": "n"}, "limits": [1E2, -0, 0.10]}')
        self.assertEqual(document.dup_member('/limits/0'), '1E2')
        self.assertEqual(document.dup_member('/limits/1'), '-0')
        self.assertEqual(document.dup_member('/limits/2'), '0.10')


class InvalidDocumentTests(unittest.TestCase):

    def assert_invalid_document(self, data, message_start):
        with self.assertRaises(GLib.Error) as caught:
            Cellos.ExecutionCellDocument.new_from_data(data)
        error = caught.exception
        self.assertTrue(error.matches(Cellos.error_quark(),
                                      Cellos.Error.INVALID_DOCUMENT),
                        (error.domain, error.code, error.message))
        self.assertTrue(error.message.startswith(message_start), error.message)

    def test_bad_json_names_line_and_column(self):
        self.assert_invalid_document(b'{\n  "spec": {\n    "id": "a",\n  }\n}',
                                     '4:3: ')

    def test_wrong_member_type_names_member_path(self):
        self.assert_invalid_document(
            b'{"spec": {"id": "a", "argv": ["x", "y", 3]}}', 'spec.argv[2]: ')

    def test_id_of_wrong_type_names_spec_id(self):
        self.assert_invalid_document(b'{"spec": {"id": 42}}', 'spec.id: ')


class FromFileTests(unittest.TestCase):

    def test_reads_sample_document(self):
        document = Cellos.ExecutionCellDocument.new_from_file(
            Gio.File.new_for_path(SAMPLE), None)
        self.assertEqual(document.props.id, 'example-cell-1')
        with open(SAMPLE, encoding='utf-8') as sample:
            self.assertEqual(to_json(document), json.load(sample))

    def test_missing_file_is_io_error(self):
        with self.assertRaises(GLib.Error) as caught:
            Cellos.ExecutionCellDocument.new_from_file(
                Gio.File.new_for_path(SAMPLE + '.missing'), None)
        self.assertTrue(caught.exception.matches(Gio.io_error_quark(),
                                                 Gio.IOErrorEnum.NOT_FOUND))

    def test_cancelled_read_is_cancelled(self):
        cancellable = Gio.Cancellable()
        cancellable.cancel()
        with self.assertRaises(GLib.Error) as caught:
            Cellos.ExecutionCellDocument.new_from_file(
                Gio.File.new_for_path(SAMPLE), cancellable)
        self.assertTrue(caught.exception.matches(Gio.io_error_quark(),
                                                 Gio.IOErrorEnum.CANCELLED))


class ExactRoundTripTests(unittest.TestCase):

    def test_numbers_come_back_as_written(self):
        data = (b'{"spec": {"id": "n"},\n "n": [-0, 1E2, 0.1, 9007199254740993.0,'
                b' 1e-999, 2e-324, 1e400, 123456789012345678901234567890]}')
        document = Cellos.ExecutionCellDocument.new_from_data(data)
        text, length = document.to_data()
        self.assertEqual(text.encode('utf-8'), data)

    def test_setter_changes_only_its_member(self):
        data = b'{"spec": {"id": "old", "x": 1.50}, "y": "\\u0041"}'
        document = Cellos.ExecutionCellDocument.new_from_data(data)
        document.props.id = 'new'
        text, length = document.to_data()
        self.assertEqual(text, '{"spec": {"id": "new", "x": 1.50}, "y": "\\u0041"}')


class SizeLimitTests(unittest.TestCase):

    def document_of_size(self, size):
        head = b'{"spec": {}, "pad": "'
        return head + b'x' * (size - len(head) - 2) + b'"}'

    def test_default_limit_is_16_mib(self):
        self.assertEqual(Cellos.EXECUTION_CELL_DOCUMENT_DEFAULT_MAX_SIZE,
                         16 * 1024 * 1024)

    def test_stream_within_limit_is_read(self):
        data = self.document_of_size(1000)
        stream = Gio.MemoryInputStream.new_from_bytes(GLib.Bytes.new(data))
        document = Cellos.ExecutionCellDocument.new_from_stream(stream, 1000, None)
        text, length = document.to_data()
        self.assertEqual(length, 1000)

    def test_stream_over_limit_is_invalid_document(self):
        data = self.document_of_size(1000)
        stream = Gio.MemoryInputStream.new_from_bytes(GLib.Bytes.new(data))
        with self.assertRaises(GLib.Error) as caught:
            Cellos.ExecutionCellDocument.new_from_stream(stream, 999, None)
        self.assertTrue(caught.exception.matches(Cellos.error_quark(),
                                                 Cellos.Error.INVALID_DOCUMENT))
        self.assertIn('999', caught.exception.message)


# --- Differential: the reader against Python's json, made strict ----------

MAX_DEPTH = 512


class Refused(Exception):
    pass


class Number:
    """A number as its text: no conversion, so no range to refuse."""

    def __init__(self, text):
        self.text = text


def refuse_duplicates(pairs):
    names = [name for name, value in pairs]
    if len(set(names)) != len(names):
        raise Refused('duplicate member')
    return dict(pairs)


def refuse_constant(name):
    raise Refused('not JSON: ' + name)


def check_strings_and_depth(value, depth=1):
    """RFC 8259 leaves lone surrogates undefined and the reader refuses
    them; it also refuses nesting deeper than MAX_DEPTH."""
    if isinstance(value, str):
        if any(0xd800 <= ord(c) <= 0xdfff for c in value):
            raise Refused('lone surrogate')
    elif isinstance(value, (dict, list)):
        if depth > MAX_DEPTH:
            raise Refused('too deep')
        items = value.items() if isinstance(value, dict) else enumerate(value)
        for name, member in items:
            check_strings_and_depth(name if isinstance(name, str) else '')
            check_strings_and_depth(member, depth + 1)


def python_reads(data):
    """The document Python's json reads from data, strictly, or None."""
    if len(data) > Cellos.EXECUTION_CELL_DOCUMENT_DEFAULT_MAX_SIZE:
        return None
    try:
        text = data.decode('utf-8')
        if text.startswith('\ufeff'):
            return None
        value = json.loads(text, strict=True,
                           object_pairs_hook=refuse_duplicates,
                           parse_constant=refuse_constant,
                           parse_int=Number, parse_float=Number)
        check_strings_and_depth(value)
    except (UnicodeDecodeError, ValueError, Refused, RecursionError):
        return None
    spec = value.get('spec') if isinstance(value, dict) else None
    if not isinstance(spec, dict):
        return None
    if 'id' in spec and (not isinstance(spec['id'], str) or '\0' in spec['id']):
        return None
    argv = spec.get('argv', [])
    if not isinstance(argv, list) or not all(
            isinstance(a, str) and '\0' not in a for a in argv):
        return None
    return value


def reader_reads(data):
    try:
        return Cellos.ExecutionCellDocument.new_from_data(data)
    except GLib.Error as error:
        assert error.matches(Cellos.error_quark(), Cellos.Error.INVALID_DOCUMENT)
        return None


SEEDS = [
    b'{"spec": {"id": "a", "argv": ["/bin/sh", "-c", "x"]}, "n": [1, -0.5e+3, true, null]}',
    b'{"meta": {"k": [{}, [], "\\u00e9\\ud83d\\ude00"]}, "spec": {"id": "\\"q\\""}}',
    b' {"spec":{}} ',
]

# What mutations insert: the bytes that matter to JSON, and some that do not.
ALPHABET = list(b'{}[]:,"\\ \t\n-+.0123456789eEtrufalsn/u') + [0, 0x1f, 0x7f, 0xc3, 0xa9, 0xff, 0xed]


def mutate(rng, data):
    data = bytearray(data)
    for _ in range(rng.randint(1, 3)):
        at = rng.randint(0, len(data))
        action = rng.randint(0, 2)
        if action == 0 or not data:
            data[at:at] = bytes([rng.choice(ALPHABET)])
        elif action == 1:
            del data[min(at, len(data) - 1)]
        else:
            data[min(at, len(data) - 1)] = rng.choice(ALPHABET)
    return bytes(data)


def corpus():
    here = os.path.join(cellostest.TOP_SRCDIR, 'tests')
    for pattern in ('bad-documents/*.json', 'good-documents/*.json', 'fuzz/corpus/*.json'):
        for path in sorted(glob.glob(os.path.join(here, pattern))):
            with open(path, 'rb') as f:
                yield os.path.relpath(path, here), f.read()
    rng = random.Random(20261130)
    for i in range(4000):
        seed = rng.choice(SEEDS)
        yield 'generated %d' % i, mutate(rng, seed)


class DifferentialTests(unittest.TestCase):

    def test_reader_agrees_with_python_json(self):
        accepted = refused = 0
        for name, data in corpus():
            expected = python_reads(data)
            document = reader_reads(data)
            self.assertEqual(document is not None, expected is not None,
                             '%s: %r' % (name, data))
            if document is None:
                refused += 1
                continue
            accepted += 1
            text, length = document.to_data()
            self.assertEqual(text.encode('utf-8'), data, name)
            self.assertEqual(document.props.id, expected['spec'].get('id'), name)
            self.assertEqual(document.props.argv or [], expected['spec'].get('argv', []), name)
        # Both sides of the comparison were exercised.
        self.assertGreater(accepted, 100)
        self.assertGreater(refused, 100)


if __name__ == '__main__':
    cellostest.main()
