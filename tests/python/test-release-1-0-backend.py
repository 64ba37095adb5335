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
# than a hang; the synchronous calls run in a child process each, so that
# one that hangs or crashes fails its own case only.
#
# Copyright 2026 The CellOS authors
# SPDX-License-Identifier: LGPL-2.1-or-later

import subprocess
import sys
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


BACKENDS = {'Release10Backend': Release10Backend, 'VarargsBackend': VarargsBackend}


def run_sync_call(backend_name, operation):
    """The child's side of call_in_child(): makes the call, prints the
    cell id and whether it was destroyed."""
    backend = BACKENDS[backend_name]()
    if operation == 'create':
        handle = backend.create(Cellos.ExecutionCellDocument(id='r1'), None)
        print(handle.props.cell_id)
    else:
        report = backend.destroy(Cellos.CellHandle(cell_id='r1'), None)
        print(report.props.cell_id, report.props.destroyed)


def call_in_child(test, backend_name, operation):
    """A synchronous call in a process of its own, which must end within
    the deadline: a wrapper whose backend never calls back waits forever,
    and one that crashes would take the other cases with it. Returns what
    the child printed."""
    try:
        child = subprocess.run([sys.executable, __file__, '--sync', backend_name, operation],
                               capture_output=True, text=True, timeout=DEADLINE_SECONDS)
    except subprocess.TimeoutExpired:
        test.fail('no result within %d seconds: the backend never called back'
                  % DEADLINE_SECONDS)
    if child.returncode != 0:
        reason = ('killed by signal %d' % -child.returncode if child.returncode < 0
                  else 'exit status %d' % child.returncode)
        test.fail('%s.%s: %s\n%s' % (backend_name, operation, reason, child.stderr))
    return child.stdout.strip()


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
        self.assertEqual(call_in_child(self, type(self.backend).__name__, 'create'), 'r1')

    def test_destroy(self):
        self.assertEqual(call_in_child(self, type(self.backend).__name__, 'destroy'), 'r1 True')


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
    if len(sys.argv) == 4 and sys.argv[1] == '--sync':
        run_sync_call(sys.argv[2], sys.argv[3])
    else:
        cellostest.main()
