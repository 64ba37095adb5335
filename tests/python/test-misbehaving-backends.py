# test-misbehaving-backends.py: the interface keeps its promises whatever a
# Python backend does
#
# Python backends that return None, raise an exception that is not a
# GLib.Error, return the wrong type, override the start of an operation
# but not its finish, or ignore cancellation: callers still get exactly
# one of a result or a GLib.Error, never a crash, and no cell is lost.
#
# Copyright 2026 The CellOS authors
# SPDX-License-Identifier: LGPL-2.1-or-later

import random
import threading
import time
import unittest

import cellostest
from cellostest import AsyncTestCase, Cellos, Gio, GLib, GObject


def document(cell_id='py'):
    return Cellos.ExecutionCellDocument(id=cell_id)


class NoneBackend(GObject.Object, Cellos.CellBackend):
    def do_create(self, document, cancellable):
        return None

    def do_destroy(self, handle, cancellable):
        return None


class RaisingBackend(GObject.Object, Cellos.CellBackend):
    def do_create(self, document, cancellable):
        raise ValueError('not a GLib.Error')

    def do_destroy(self, handle, cancellable):
        raise ValueError('not a GLib.Error')


class WrongTypeBackend(GObject.Object, Cellos.CellBackend):
    def do_create(self, document, cancellable):
        return Cellos.TeardownReport(cell_id=document.props.id, destroyed=True)

    def do_destroy(self, handle, cancellable):
        return Cellos.CellHandle(cell_id=handle.props.cell_id)


class StartWithoutFinishBackend(GObject.Object, Cellos.CellBackend):
    """Overrides create_async but keeps the interface's create_finish."""

    def do_create_async(self, document, cancellable, callback, *user_data):
        # callback comes bound to the caller's data; user_data is empty,
        # as with 1.0.0 (tests/python/test-release-1-0-backend.py).
        task = Gio.Task.new(self, cancellable, callback)
        task.return_value(Cellos.CellHandle(cell_id=document.props.id))


class MisbehavingTests(AsyncTestCase):

    def assert_failed(self, raised, backend, operation):
        error = raised.exception
        self.assertTrue(error.matches(Cellos.error_quark(), Cellos.Error.FAILED),
                        error.message)
        self.assertIn(type(backend).__name__, error.message)
        self.assertIn(operation, error.message)

    def check_backend(self, backend):
        handle = Cellos.CellHandle(cell_id='py')
        with self.assertRaises(GLib.Error) as raised:
            backend.create(document(), None)
        self.assert_failed(raised, backend, 'create')
        with self.assertRaises(GLib.Error) as raised:
            backend.destroy(handle, None)
        self.assert_failed(raised, backend, 'destroy')
        with self.assertRaises(GLib.Error) as raised:
            self.run_async(
                lambda callback: backend.create_async(document(), None, callback),
                lambda source, result: source.create_finish(result))
        self.assert_failed(raised, backend, 'create')
        with self.assertRaises(GLib.Error) as raised:
            self.run_async(
                lambda callback: backend.destroy_async(handle, None, callback),
                lambda source, result: source.destroy_finish(result))
        self.assert_failed(raised, backend, 'destroy')

    def test_returning_none_is_failed(self):
        self.check_backend(NoneBackend())

    def test_raising_other_exception_is_failed(self):
        self.check_backend(RaisingBackend())

    def test_wrong_type_is_failed(self):
        self.check_backend(WrongTypeBackend())

    def test_start_without_finish_is_failed(self):
        backend = StartWithoutFinishBackend()
        with self.assertRaises(GLib.Error) as raised:
            self.run_async(
                lambda callback: backend.create_async(document(), None, callback),
                lambda source, result: source.create_finish(result))
        self.assert_failed(raised, backend, 'create_finish')

    def test_finish_refuses_other_operations_result(self):
        stub = Cellos.StubBackend()
        result = self.run_async(
            lambda callback: stub.destroy_async(Cellos.CellHandle(cell_id='x'), None, callback),
            lambda source, result: result)
        # A programmer error: a critical and no handle, never the report.
        handle = stub.create_finish(result)
        self.assertIsNone(handle)
        report = stub.destroy_finish(result)
        self.assertIsInstance(report, Cellos.TeardownReport)


class CountingBackend(GObject.Object, Cellos.CellBackend):
    """Synchronous methods only; create takes a while and ignores
    cancellation, as a backend waiting on a VM does. Counts live cells."""

    def __init__(self, create_seconds):
        super().__init__()
        self.create_seconds = create_seconds
        self.lock = threading.Lock()
        self.live = 0

    def do_create(self, document, cancellable):
        time.sleep(self.create_seconds)
        with self.lock:
            self.live += 1
        return Cellos.CellHandle(cell_id=document.props.id)

    def do_destroy(self, handle, cancellable):
        with self.lock:
            self.live -= 1
        return Cellos.TeardownReport(cell_id=handle.props.cell_id, destroyed=True)


class CancellationTests(AsyncTestCase):

    def create_async(self, backend, cancellable):
        return self.run_async(
            lambda callback: backend.create_async(document(), cancellable, callback),
            lambda source, result: source.create_finish(result))

    def test_cancel_during_create_destroys_cell(self):
        backend = CountingBackend(0.2)
        cancellable = Gio.Cancellable()
        GLib.timeout_add(20, lambda: cancellable.cancel() or GLib.SOURCE_REMOVE)
        with self.assertRaises(GLib.Error) as raised:
            self.create_async(backend, cancellable)
        self.assertTrue(raised.exception.matches(Gio.io_error_quark(),
                                                 Gio.IOErrorEnum.CANCELLED))
        self.assertEqual(backend.live, 0)

    def test_random_cancellation_loses_no_cell(self):
        backend = CountingBackend(0.002)
        rng = random.Random(20261130)
        outcomes = {'delivered': 0, 'cancelled': 0}
        for i in range(60):
            cancellable = Gio.Cancellable()
            timer = threading.Timer(rng.uniform(0, 0.004), cancellable.cancel)
            timer.start()
            try:
                if i % 2 == 0:
                    handle = self.create_async(backend, cancellable)
                else:
                    handle = backend.create(document(), cancellable)
            except GLib.Error as error:
                self.assertTrue(error.matches(Gio.io_error_quark(),
                                              Gio.IOErrorEnum.CANCELLED),
                                error.message)
                outcomes['cancelled'] += 1
            else:
                outcomes['delivered'] += 1
                report = backend.destroy(handle, None)
                self.assertTrue(report.props.destroyed)
            timer.join()
            self.assertEqual(backend.live, 0, outcomes)
        self.assertEqual(outcomes['delivered'] + outcomes['cancelled'], 60)


if __name__ == '__main__':
    cellostest.main()
