# test-python-backend.py: a cell backend written in Python
#
# A GObject subclass that implements Cellos.CellBackend with the synchronous
# virtual methods only; the interface's defaults give it the asynchronous
# ones, so callers use every public method on it.
#
# Copyright 2026 The CellOS authors
# SPDX-License-Identifier: LGPL-2.1-or-later

import threading
import unittest

import cellostest
from cellostest import AsyncTestCase, Cellos, Gio, GLib, GObject


class PythonBackend(GObject.Object, Cellos.CellBackend):
    """Creates a handle with a cgroup path; refuses ids starting 'bad'."""

    def __init__(self):
        super().__init__()
        self.threads = []

    def do_create(self, document, cancellable):
        self.threads.append(threading.current_thread())
        cell_id = document.props.id
        if cell_id.startswith('bad'):
            raise GLib.Error.new_literal(Cellos.error_quark(),
                                         'refused %s' % cell_id,
                                         Cellos.Error.INVALID_SPEC)
        return Cellos.CellHandle(cell_id=cell_id,
                                 cgroup_path='/cellos/' + cell_id)

    def do_destroy(self, handle, cancellable):
        self.threads.append(threading.current_thread())
        return Cellos.TeardownReport(cell_id=handle.props.cell_id,
                                     destroyed=True, peers_tracked_after=1)


class SyncTests(unittest.TestCase):

    def setUp(self):
        self.backend = PythonBackend()

    def test_implements_cell_backend(self):
        self.assertIsInstance(self.backend, Cellos.CellBackend)

    def test_create_calls_do_create(self):
        handle = self.backend.create(Cellos.ExecutionCellDocument(id='p1'),
                                     None)
        self.assertEqual(handle.props.cell_id, 'p1')
        self.assertEqual(handle.props.cgroup_path, '/cellos/p1')
        self.assertEqual(self.backend.threads, [threading.current_thread()])

    def test_destroy_calls_do_destroy(self):
        report = self.backend.destroy(Cellos.CellHandle(cell_id='p1'), None)
        self.assertEqual(report.props.cell_id, 'p1')
        self.assertIs(report.props.destroyed, True)
        self.assertEqual(report.props.peers_tracked_after, 1)

    def test_error_raised_in_do_create_reaches_caller(self):
        with self.assertRaises(GLib.Error) as caught:
            self.backend.create(Cellos.ExecutionCellDocument(id='bad1'), None)
        self.assertTrue(caught.exception.matches(Cellos.error_quark(),
                                                 Cellos.Error.INVALID_SPEC))
        self.assertEqual(caught.exception.message, 'refused bad1')

    def test_cancelled_create_does_not_call_do_create(self):
        cancellable = Gio.Cancellable()
        cancellable.cancel()
        with self.assertRaises(GLib.Error) as caught:
            self.backend.create(Cellos.ExecutionCellDocument(id='p1'),
                                cancellable)
        self.assertTrue(caught.exception.matches(Gio.io_error_quark(),
                                                 Gio.IOErrorEnum.CANCELLED))
        self.assertEqual(self.backend.threads, [])


class AsyncTests(AsyncTestCase):

    def setUp(self):
        self.backend = PythonBackend()

    def create(self, cell_id):
        doc = Cellos.ExecutionCellDocument(id=cell_id)
        return self.run_async(
            lambda callback: self.backend.create_async(doc, None, callback),
            lambda source, result: source.create_finish(result))

    def test_create_async_runs_do_create_in_a_worker_thread(self):
        handle = self.create('p2')
        self.assertEqual(handle.props.cell_id, 'p2')
        self.assertEqual(handle.props.cgroup_path, '/cellos/p2')
        self.assertEqual(len(self.backend.threads), 1)
        self.assertIsNot(self.backend.threads[0], threading.current_thread())

    def test_destroy_async_runs_do_destroy(self):
        handle = Cellos.CellHandle(cell_id='p2')
        report = self.run_async(
            lambda callback: self.backend.destroy_async(handle, None, callback),
            lambda source, result: source.destroy_finish(result))
        self.assertEqual(report.props.cell_id, 'p2')
        self.assertIs(report.props.destroyed, True)
        self.assertEqual(report.props.peers_tracked_after, 1)

    def test_error_raised_in_do_create_reaches_finish(self):
        with self.assertRaises(GLib.Error) as caught:
            self.create('bad2')
        self.assertTrue(caught.exception.matches(Cellos.error_quark(),
                                                 Cellos.Error.INVALID_SPEC))
        self.assertEqual(caught.exception.message, 'refused bad2')


if __name__ == '__main__':
    cellostest.main()
