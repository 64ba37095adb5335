# test-release-1-0-backend.py: a Python backend written for libcellos 1.0.0
#
# With 1.0.0's introspection data, PyGObject called a Python
# do_create_async and do_destroy_async with (document or handle,
# cancellable, callback) and no user_data: the callback comes bound to the
# caller's data. A backend written that way must keep working, through
# create_async and destroy_async and through the synchronous wrappers built
# on them; so must one that takes *user_data, as backends written against
# the development tree between 1.0.0 and 1.0.1 do, for which that is now
# empty. If the introspection data marked user_data as the virtual
# methods' own closure again, the first would fail with a TypeError and
# never call back, which the checks below catch with a deadline rather
# than a hang.
#
# Copyright 2026 The CellOS authors
# SPDX-License-Identifier: LGPL-2.1-or-later

import threading
import unittest

import cellostest
from cellostest import AsyncTestCase, Cellos, Gio, GLib, GObject

DEADLINE_SECONDS = 10


class Release10Backend(GObject.Object, Cellos.CellBackend):
    """The asynchronous virtual methods, as written for 1.0.0."""

    def do_create_async(self, document, cancellable, callback):
        task = Gio.Task.new(self, cancellable, callback)
        task.return_value(Cellos.CellHandle(cell_id=document.props.id))

    def do_create_finish(self, result):
        return result.propagate_value().value

    def do_destroy_async(self, handle, cancellable, callback):
        task = Gio.Task.new(self, cancellable, callback)
        task.return_value(Cellos.TeardownReport(cell_id=handle.props.cell_id,
                                                destroyed=True))

    def do_destroy_finish(self, result):
        return result.propagate_value().value


class VarargsBackend(GObject.Object, Cellos.CellBackend):
    """The same, taking *user_data; records what it was given."""

    def __init__(self):
        super().__init__()
        self.extra = []

    def do_create_async(self, document, cancellable, callback, *user_data):
        self.extra.append(user_data)
        task = Gio.Task.new(self, cancellable, callback)
        task.return_value(Cellos.CellHandle(cell_id=document.props.id))

    def do_create_finish(self, result):
        return result.propagate_value().value

    def do_destroy_async(self, handle, cancellable, callback, *user_data):
        self.extra.append(user_data)
        task = Gio.Task.new(self, cancellable, callback)
        task.return_value(Cellos.TeardownReport(cell_id=handle.props.cell_id,
                                                destroyed=True))

    def do_destroy_finish(self, result):
        return result.propagate_value().value


def call_with_deadline(test, call):
    """call() in a thread of its own, which must return within the
    deadline: a synchronous wrapper whose backend never calls back would
    wait forever."""
    outcome = {}

    def run():
        try:
            outcome['value'] = call()
        except Exception as error:  # handed to the test below
            outcome['error'] = error

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(DEADLINE_SECONDS)
    if thread.is_alive():
        test.fail('no result within %d seconds: the backend never called back'
                  % DEADLINE_SECONDS)
    if 'error' in outcome:
        raise outcome['error']
    return outcome['value']


class BackendTests:
    """The cases, run on each kind of backend by the classes below."""

    def document(self):
        return Cellos.ExecutionCellDocument(id='r1')

    def test_create_async(self):
        document = self.document()
        handle = self.run_async(
            lambda callback: self.backend.create_async(document, None, callback),
            lambda source, result: source.create_finish(result))
        self.assertEqual(handle.props.cell_id, 'r1')

    def test_destroy_async(self):
        handle = Cellos.CellHandle(cell_id='r1')
        report = self.run_async(
            lambda callback: self.backend.destroy_async(handle, None, callback),
            lambda source, result: source.destroy_finish(result))
        self.assertEqual(report.props.cell_id, 'r1')
        self.assertIs(report.props.destroyed, True)

    def test_callers_data_reaches_its_callback(self):
        document = self.document()
        given = []

        def start(callback):
            def with_data(source, result, data):
                given.append(data)
                callback(source, result)
            self.backend.create_async(document, None, with_data, 'the data')

        self.run_async(start, lambda source, result: source.create_finish(result))
        self.assertEqual(given, ['the data'])

    def test_create(self):
        handle = call_with_deadline(
            self, lambda: self.backend.create(self.document(), None))
        self.assertEqual(handle.props.cell_id, 'r1')

    def test_destroy(self):
        report = call_with_deadline(
            self, lambda: self.backend.destroy(Cellos.CellHandle(cell_id='r1'), None))
        self.assertEqual(report.props.cell_id, 'r1')
        self.assertIs(report.props.destroyed, True)


class Release10BackendTests(BackendTests, AsyncTestCase):

    def setUp(self):
        self.backend = Release10Backend()


class VarargsBackendTests(BackendTests, AsyncTestCase):

    def setUp(self):
        self.backend = VarargsBackend()

    def test_no_user_data_is_passed(self):
        self.test_create_async()
        self.test_destroy_async()
        self.assertEqual(self.backend.extra, [(), ()])


if __name__ == '__main__':
    cellostest.main()
