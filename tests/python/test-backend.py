# test-backend.py: the stub backend through GI, from Python
#
# Copyright 2026 The CellOS authors
# SPDX-License-Identifier: LGPL-2.1-or-later

import unittest

import cellostest
from cellostest import AsyncTestCase, Cellos, Gio, GLib


def document(cell_id='cell-1'):
    return Cellos.ExecutionCellDocument(id=cell_id, argv=['/bin/true'])


def cancelled():
    cancellable = Gio.Cancellable()
    cancellable.cancel()
    return cancellable


class SyncTests(unittest.TestCase):

    def setUp(self):
        self.stub = Cellos.StubBackend()

    def test_create_returns_handle_with_document_id(self):
        handle = self.stub.create(document('cell-1'), None)
        self.assertIsInstance(handle, Cellos.CellHandle)
        self.assertEqual(handle.props.cell_id, 'cell-1')
        self.assertIsNone(handle.props.cgroup_path)

    def test_destroy_reports_destroyed(self):
        handle = self.stub.create(document('cell-1'), None)
        report = self.stub.destroy(handle, None)
        self.assertIsInstance(report, Cellos.TeardownReport)
        self.assertEqual(report.props.cell_id, 'cell-1')
        self.assertIs(report.props.destroyed, True)
        self.assertEqual(report.props.peers_tracked_after, 0)

    def test_create_empty_id_is_invalid_spec(self):
        with self.assertRaises(GLib.Error) as caught:
            self.stub.create(document(''), None)
        self.assertTrue(caught.exception.matches(Cellos.error_quark(),
                                                 Cellos.Error.INVALID_SPEC))
        self.assertEqual(caught.exception.message, 'spec.id must be non-empty')

    def test_create_missing_id_is_invalid_spec(self):
        with self.assertRaises(GLib.Error) as caught:
            self.stub.create(Cellos.ExecutionCellDocument(), None)
        self.assertTrue(caught.exception.matches(Cellos.Error.quark(),
                                                 Cellos.Error.INVALID_SPEC))

    def test_create_cancelled_is_cancelled(self):
        with self.assertRaises(GLib.Error) as caught:
            self.stub.create(document(), cancelled())
        self.assertTrue(caught.exception.matches(Gio.io_error_quark(),
                                                 Gio.IOErrorEnum.CANCELLED))

    def test_destroy_cancelled_is_cancelled(self):
        handle = self.stub.create(document(), None)
        with self.assertRaises(GLib.Error) as caught:
            self.stub.destroy(handle, cancelled())
        self.assertTrue(caught.exception.matches(Gio.io_error_quark(),
                                                 Gio.IOErrorEnum.CANCELLED))


class AsyncTests(AsyncTestCase):

    def setUp(self):
        self.stub = Cellos.StubBackend()

    def create(self, doc, cancellable=None):
        return self.run_async(
            lambda callback: self.stub.create_async(doc, cancellable, callback),
            lambda source, result: source.create_finish(result))

    def destroy(self, handle, cancellable=None):
        return self.run_async(
            lambda callback: self.stub.destroy_async(handle, cancellable,
                                                     callback),
            lambda source, result: source.destroy_finish(result))

    def test_create_async_returns_handle_with_document_id(self):
        handle = self.create(document('cell-a'))
        self.assertEqual(handle.props.cell_id, 'cell-a')

    def test_destroy_async_reports_destroyed(self):
        report = self.destroy(self.create(document('cell-a')))
        self.assertEqual(report.props.cell_id, 'cell-a')
        self.assertIs(report.props.destroyed, True)
        self.assertEqual(report.props.peers_tracked_after, 0)

    def test_create_async_empty_id_is_invalid_spec(self):
        with self.assertRaises(GLib.Error) as caught:
            self.create(document(''))
        self.assertTrue(caught.exception.matches(Cellos.error_quark(),
                                                 Cellos.Error.INVALID_SPEC))
        self.assertEqual(caught.exception.message, 'spec.id must be non-empty')

    def test_create_async_cancelled_is_cancelled(self):
        with self.assertRaises(GLib.Error) as caught:
            self.create(document(), cancelled())
        self.assertTrue(caught.exception.matches(Gio.io_error_quark(),
                                                 Gio.IOErrorEnum.CANCELLED))

    def test_destroy_async_cancelled_is_cancelled(self):
        handle = self.create(document())
        with self.assertRaises(GLib.Error) as caught:
            self.destroy(handle, cancelled())
        self.assertTrue(caught.exception.matches(Gio.io_error_quark(),
                                                 Gio.IOErrorEnum.CANCELLED))


if __name__ == '__main__':
    cellostest.main()
