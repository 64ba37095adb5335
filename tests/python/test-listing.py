# test-listing.py: listing cells, rebuilding handles and deadlines, from
# Python
#
# Copyright 2026 The CellOS authors
# SPDX-License-Identifier: LGPL-2.1-or-later

import threading
import time
import unittest

import cellostest
from cellostest import AsyncTestCase, Cellos, GLib, GObject


class KeepingBackend(GObject.Object, Cellos.CellBackend):
    """Keeps its live cells by id, with the synchronous virtual methods;
    its create takes create_seconds and does not look at its
    cancellable."""

    def __init__(self, create_seconds=0):
        super().__init__()
        self.create_seconds = create_seconds
        self.lock = threading.Lock()
        self.live = set()
        self.made = 0

    def do_create(self, document, cancellable):
        time.sleep(self.create_seconds)
        with self.lock:
            self.live.add(document.props.id)
            self.made += 1
        return Cellos.CellHandle.new(document.props.id, None)

    def do_destroy(self, handle, cancellable):
        with self.lock:
            self.live.discard(handle.props.cell_id)
        return Cellos.TeardownReport(cell_id=handle.props.cell_id,
                                     destroyed=True)

    def do_list_cells(self, cancellable):
        with self.lock:
            return [Cellos.CellHandle.new(cell_id, None)
                    for cell_id in sorted(self.live)]

    def made_and_live(self):
        with self.lock:
            return self.made, set(self.live)


def ids(handles):
    return sorted(handle.props.cell_id for handle in handles)


def run_until(condition, seconds=10):
    context = GLib.MainContext.default()
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        context.iteration(False)
        time.sleep(0.001)
    return condition()


class ListingTests(AsyncTestCase):

    def test_stub_cannot_list(self):
        stub = Cellos.StubBackend()
        with self.assertRaises(GLib.Error) as caught:
            stub.list_cells(None)
        self.assertTrue(caught.exception.matches(Cellos.error_quark(),
                                                 Cellos.Error.NOT_SUPPORTED))
        with self.assertRaises(GLib.Error) as caught:
            self.run_async(lambda callback: stub.list_cells_async(None, callback),
                           lambda source, result: source.list_cells_finish(result))
        self.assertTrue(caught.exception.matches(Cellos.error_quark(),
                                                 Cellos.Error.NOT_SUPPORTED))

    def test_python_backend_lists_and_destroys_rebuilt_handles(self):
        backend = KeepingBackend()
        for cell_id in ('a', 'b'):
            backend.create(Cellos.ExecutionCellDocument(id=cell_id), None)

        self.assertEqual(ids(backend.list_cells(None)), ['a', 'b'])
        listed = self.run_async(
            lambda callback: backend.list_cells_async(None, callback),
            lambda source, result: source.list_cells_finish(result))
        self.assertEqual(ids(listed), ['a', 'b'])

        for cell_id in ('a', 'b'):
            report = backend.destroy(Cellos.CellHandle.new(cell_id, None), None)
            self.assertIs(report.props.destroyed, True)
        self.assertEqual(backend.list_cells(None), [])

    def test_handle_new_keeps_details(self):
        details = GLib.Variant('a{sv}', {'vm-pid': GLib.Variant('x', 4242)})
        handle = Cellos.CellHandle.new('cell-1', details)
        self.assertEqual(handle.props.cell_id, 'cell-1')
        self.assertEqual(handle.get_details().unpack(), {'vm-pid': 4242})
        self.assertIsNone(Cellos.CellHandle.new('cell-2', None).get_details())


class DeadlineTests(AsyncTestCase):

    def create(self, backend, timeout_msec):
        document = Cellos.ExecutionCellDocument(id='timed')
        return self.run_async(
            lambda callback: backend.create_with_timeout_async(
                document, timeout_msec, None, callback),
            lambda source, result: source.create_with_timeout_finish(result))

    def test_in_time_gives_the_handle(self):
        handle = self.create(Cellos.StubBackend(), 10000)
        self.assertEqual(handle.props.cell_id, 'timed')

    def test_destroy_in_time_gives_the_report(self):
        stub = Cellos.StubBackend()
        handle = stub.create(Cellos.ExecutionCellDocument(id='timed'), None)
        report = self.run_async(
            lambda callback: stub.destroy_with_timeout_async(
                handle, 10000, None, callback),
            lambda source, result: source.destroy_with_timeout_finish(result))
        self.assertEqual(report.props.cell_id, 'timed')
        self.assertIs(report.props.destroyed, True)

    def test_too_late_is_timed_out_and_the_late_cell_destroyed(self):
        backend = KeepingBackend(create_seconds=0.5)
        started = time.monotonic()
        with self.assertRaises(GLib.Error) as caught:
            self.create(backend, 50)
        self.assertTrue(caught.exception.matches(Cellos.error_quark(),
                                                 Cellos.Error.TIMED_OUT))
        self.assertLess(time.monotonic() - started, 0.5)
        # The cell the backend made after the deadline is torn down.
        self.assertTrue(run_until(lambda: backend.made_and_live() == (1, set())))


if __name__ == '__main__':
    cellostest.main()
