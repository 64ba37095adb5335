# test-document.py: execution cell documents to and from JSON, from Python
#
# Copyright 2026 The CellOS authors
# SPDX-License-Identifier: LGPL-2.1-or-later

import json
import os
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


if __name__ == '__main__':
    cellostest.main()
