# test-overrides.py: gi.overrides.Cellos, the awaitable create_async and
# destroy_async, on every PyGObject
#
# Each test runs its coroutine under plain asyncio.run(): no GLib event
# loop policy, no main loop of the test's own.
#
# Copyright 2026 The CellOS authors
# SPDX-License-Identifier: LGPL-2.1-or-later

import asyncio
import gc
import random
import threading
import time
import unittest
import warnings

import gi

import cellostest
from cellostest import Cellos, Gio, GLib, GObject

gi.require_version('CellosTesting', '1.0')
from gi.repository import CellosTesting  # noqa: E402

TIMEOUT_SECONDS = cellostest.TIMEOUT_SECONDS


def fake_backend():
    """A fresh fake backend: the one place that names the test kit."""
    return CellosTesting.FakeBackend()


def document(cell_id):
    return Cellos.ExecutionCellDocument(id=cell_id)


def assert_error(test, error, domain, code):
    test.assertIsInstance(error, GLib.Error)
    test.assertTrue(error.matches(domain, code),
                    '%s %d: %s' % (error.domain, error.code, error.message))


async def attempt(awaitable):
    """What awaitable gives, or the CancelledError it raised."""
    try:
        return await awaitable
    except asyncio.CancelledError as cancellation:
        return cancellation


class LateBackend(GObject.Object, Cellos.CellBackend):
    """A Python backend whose create delivers its handle a while after it
    was asked, even if the call was cancelled meanwhile (as a backend that
    cannot undo a cell must); keeps its live cells."""

    def __init__(self, delay_ms, destroy_fails=False):
        super().__init__()
        self.delay_ms = delay_ms
        self.destroy_fails = destroy_fails
        self.live = set()
        self.lock = threading.Lock()

    def do_create_async(self, document, cancellable, callback):
        task = Gio.Task.new(self, cancellable, None, None)
        task.set_check_cancellable(False)
        cell_id = document.props.id

        def deliver(*unused):
            with self.lock:
                self.live.add(cell_id)
            handle = Cellos.CellHandle(cell_id=cell_id)
            task.return_value(GObject.Value(Cellos.CellHandle, handle))
            callback(self, task)
            return GLib.SOURCE_REMOVE

        # Completes in the caller's thread-default main context.
        source = GLib.timeout_source_new(self.delay_ms)
        source.set_callback(deliver)
        source.attach(GLib.MainContext.ref_thread_default())

    def do_create_finish(self, result):
        return result.propagate_value()[1]

    def do_destroy(self, handle, cancellable):
        if self.destroy_fails:
            raise GLib.Error('cannot tear down',
                             GLib.quark_to_string(Cellos.error_quark()),
                             int(Cellos.Error.FAILED))
        with self.lock:
            self.live.discard(handle.props.cell_id)
        return Cellos.TeardownReport(cell_id=handle.props.cell_id,
                                     destroyed=True)


class AwaitTests(unittest.TestCase):

    def test_create_and_destroy_are_awaited_under_asyncio_run(self):
        stub = Cellos.StubBackend()

        async def body():
            handle = await stub.create_async(document('await-1'))
            return handle, await stub.destroy_async(handle)
        handle, report = asyncio.run(body())
        self.assertIsInstance(handle, Cellos.CellHandle)
        self.assertEqual(handle.props.cell_id, 'await-1')
        self.assertEqual(report.props.cell_id, 'await-1')
        self.assertIs(report.props.destroyed, True)

    def test_a_coroutine_of_its_own_is_run(self):
        handle = asyncio.run(Cellos.StubBackend().create_async(document('c-1')))
        self.assertEqual(handle.props.cell_id, 'c-1')

    def test_python_backend_is_awaited(self):
        backend = LateBackend(1)

        async def body():
            handle = await backend.create_async(document('py-1'))
            return await backend.destroy_async(handle)
        self.assertEqual(asyncio.run(body()).props.cell_id, 'py-1')
        self.assertEqual(backend.live, set())

    def test_errors_are_raised_by_await(self):
        async def body():
            await Cellos.StubBackend().create_async(document(''))
        with self.assertRaises(GLib.Error) as caught:
            asyncio.run(body())
        assert_error(self, caught.exception, Cellos.error_quark(),
                     Cellos.Error.INVALID_SPEC)

    def test_cancelled_cancellable_fails_without_reaching_the_backend(self):
        fake = fake_backend()
        cancellable = Gio.Cancellable()
        cancellable.cancel()

        async def body():
            await fake.create_async(document('pre'), cancellable)
        with self.assertRaises(GLib.Error) as caught:
            asyncio.run(body())
        assert_error(self, caught.exception, Gio.io_error_quark(),
                     Gio.IOErrorEnum.CANCELLED)
        self.assertEqual(fake.dup_ledger().unpack(), [])

    def test_callers_cancellable_cancels_the_call(self):
        fake = fake_backend()
        fake.add_hang_rule('create', '*')
        cancellable = Gio.Cancellable()

        async def body():
            asyncio.get_running_loop().call_later(0.05, cancellable.cancel)
            await fake.create_async(document('hung'), cancellable)
        with self.assertRaises(GLib.Error) as caught:
            asyncio.run(body())
        assert_error(self, caught.exception, Gio.io_error_quark(),
                     Gio.IOErrorEnum.CANCELLED)
        self.assertEqual(fake.list_live_cells(), [])


class StartsNothingTests(unittest.TestCase):
    """A call either starts an operation it can deliver or raises before
    starting anything."""

    def test_wrong_argument_raises_at_the_call(self):
        fake = fake_backend()
        with self.assertRaises(TypeError):
            fake.create_async('not a document')
        with self.assertRaises(TypeError):
            fake.destroy_async(document('not a handle'))
        with self.assertRaises(ValueError):
            fake.create_async(document('t'), timeout=0)
        self.assertEqual(fake.dup_ledger().unpack(), [])

    def test_a_coroutine_never_awaited_starts_nothing(self):
        fake = fake_backend()
        coroutine = fake.create_async(document('never'))
        coroutine.close()
        self.assertEqual(fake.dup_ledger().unpack(), [])
        self.assertEqual(fake.list_live_cells(), [])


class CallbackFormTests(cellostest.AsyncTestCase):
    """With a callback, the introspected calls, unchanged."""

    def test_callback_with_user_data(self):
        stub = Cellos.StubBackend()
        seen = []

        def start(callback):
            def with_data(source, result, data):
                seen.append(data)
                callback(source, result)
            stub.create_async(document('cb-1'), None, with_data, 'data')
        handle = self.run_async(start, lambda s, r: s.create_finish(r))
        self.assertEqual(handle.props.cell_id, 'cb-1')
        self.assertEqual(seen, ['data'])

    def test_callback_without_user_data(self):
        stub = Cellos.StubBackend()
        handle = stub.create(document('cb-2'), None)
        report = self.run_async(
            lambda callback: stub.destroy_async(handle, None, callback),
            lambda s, r: s.destroy_finish(r))
        self.assertIs(report.props.destroyed, True)

    def test_timeout_with_a_callback_is_refused(self):
        with self.assertRaises(TypeError):
            Cellos.StubBackend().create_async(document('x'), None,
                                              lambda *a: None, timeout=1)


class LateHandleTests(unittest.TestCase):
    """A cell that comes back after its await stopped waiting is never
    dropped."""

    def test_cancelled_await_destroys_a_late_cell(self):
        backend = LateBackend(300)

        async def body():
            with self.assertRaises(asyncio.TimeoutError) as caught:
                await asyncio.wait_for(
                    backend.create_async(document('late-1')), 0.05)
            return caught.exception.__cause__
        cancellation = asyncio.run(body())
        self.assertIsInstance(cancellation, asyncio.CancelledError)
        late = cancellation.cellos_late_result
        self.assertEqual(late.disposition, 'destroyed')
        self.assertEqual(late.handle.props.cell_id, 'late-1')
        self.assertIs(late.report.props.destroyed, True)
        self.assertEqual(backend.live, set())

    def test_cancelled_await_hands_a_late_cell_over(self):
        backend = LateBackend(200)
        taken = []

        async def body():
            task = asyncio.ensure_future(attempt(backend.create_async(
                document('late-2'), on_late_handle=taken.append)))
            await asyncio.sleep(0.02)
            task.cancel()
            return await task
        late = asyncio.run(body()).cellos_late_result
        self.assertEqual(late.disposition, 'handed-over')
        self.assertEqual([h.props.cell_id for h in taken], ['late-2'])
        self.assertEqual(backend.live, {'late-2'})

    def test_late_cell_a_failing_taker_refuses_is_destroyed(self):
        backend = LateBackend(100)

        def refuse(handle):
            raise RuntimeError('no room')

        async def body():
            task = asyncio.ensure_future(attempt(backend.create_async(
                document('late-5'), on_late_handle=refuse)))
            await asyncio.sleep(0.02)
            task.cancel()
            return await task
        with self.assertLogs('gi.overrides.Cellos', 'ERROR'):
            late = asyncio.run(body()).cellos_late_result
        self.assertEqual(late.disposition, 'destroyed')
        self.assertEqual(backend.live, set())

    def test_late_cell_that_cannot_be_destroyed_is_given_back(self):
        backend = LateBackend(100, destroy_fails=True)

        async def body():
            task = asyncio.ensure_future(attempt(backend.create_async(
                document('late-4'))))
            await asyncio.sleep(0.02)
            task.cancel()
            return await task
        with self.assertLogs('gi.overrides.Cellos', 'WARNING'):
            late = asyncio.run(body()).cellos_late_result
        self.assertEqual(late.disposition, 'kept')
        self.assertTrue(repr(late).startswith('<Cellos.LateResult kept handle='),
                        repr(late))
        self.assertEqual(late.handle.props.cell_id, 'late-4')
        assert_error(self, late.error, Cellos.error_quark(), Cellos.Error.FAILED)
        self.assertEqual(backend.live, {'late-4'})

    def test_cancellation_without_a_cell_says_so(self):
        fake = fake_backend()
        fake.add_hang_rule('create', '*')

        async def body():
            task = asyncio.ensure_future(attempt(fake.create_async(
                document('h'))))
            await asyncio.sleep(0.02)
            task.cancel()
            return await task
        self.assertIsNone(asyncio.run(body()).cellos_late_result)
        self.assertEqual(fake.list_live_cells(), [])


class ListingBackend(LateBackend):
    """LateBackend that can say which cells it holds."""

    listings = 0

    def do_list_cells(self, cancellable):
        with self.lock:
            self.listings += 1
            return [Cellos.CellHandle.new(cell_id, None)
                    for cell_id in sorted(self.live)]


class ListTests(unittest.TestCase):

    def test_listing_is_awaited(self):
        backend = ListingBackend(1)

        async def body():
            first = await backend.create_async(document('list-1'))
            await backend.create_async(document('list-2'))
            listed = await backend.list_cells_async()
            for handle in listed:
                await backend.destroy_async(handle)
            return first, listed, await backend.list_cells_async(timeout=5)
        first, listed, after = asyncio.run(body())
        self.assertEqual([h.props.cell_id for h in listed], ['list-1', 'list-2'])
        self.assertTrue(all(isinstance(h, Cellos.CellHandle) for h in listed))
        self.assertEqual(after, [])
        self.assertEqual(backend.live, set())

    def test_not_supported_is_raised_by_await(self):
        async def body():
            await Cellos.StubBackend().list_cells_async()
        with self.assertRaises(GLib.Error) as caught:
            asyncio.run(body())
        assert_error(self, caught.exception, Cellos.error_quark(),
                     Cellos.Error.NOT_SUPPORTED)

    def test_a_listing_never_awaited_starts_nothing(self):
        backend = ListingBackend(1)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter('always')
            backend.list_cells_async().close()
            gc.collect()
        # Nor does it leave a coroutine never awaited behind.
        self.assertEqual([str(w.message) for w in caught], [])
        self.assertEqual(backend.listings, 0)
        asyncio.run(backend.list_cells_async())
        self.assertEqual(backend.listings, 1)

    def test_timeout_with_a_callback_is_refused(self):
        with self.assertRaises(TypeError):
            Cellos.StubBackend().list_cells_async(None, lambda *a: None,
                                                  timeout=1)


class TimeoutTests(unittest.TestCase):

    def test_hung_create_times_out(self):
        fake = fake_backend()
        fake.add_hang_rule('create', '*')

        async def body():
            started = time.monotonic()
            with self.assertRaises(GLib.Error) as caught:
                await fake.create_async(document('slow'), timeout=0.1)
            return caught.exception, time.monotonic() - started
        error, elapsed = asyncio.run(body())
        assert_error(self, error, Cellos.error_quark(), Cellos.Error.TIMED_OUT)
        self.assertGreaterEqual(elapsed, 0.1)
        self.assertLess(elapsed, TIMEOUT_SECONDS)
        self.assertEqual(fake.list_live_cells(), [])

    def test_late_cell_after_timeout_is_destroyed(self):
        backend = LateBackend(300)

        async def body():
            with self.assertRaises(GLib.Error) as caught:
                await backend.create_async(document('late-3'), timeout=0.05)
            return caught.exception
        error = asyncio.run(body())
        assert_error(self, error, Cellos.error_quark(), Cellos.Error.TIMED_OUT)
        self.assertEqual(error.cellos_late_result.disposition, 'destroyed')
        self.assertEqual(backend.live, set())

    def test_hung_destroy_times_out_and_keeps_the_cell(self):
        fake = fake_backend()
        fake.add_hang_rule('destroy', '*')

        async def body():
            handle = await fake.create_async(document('stays'))
            with self.assertRaises(GLib.Error) as caught:
                await fake.destroy_async(handle, timeout=0.05)
            return caught.exception
        error = asyncio.run(body())
        assert_error(self, error, Cellos.error_quark(), Cellos.Error.TIMED_OUT)
        self.assertEqual(fake.list_live_cells(), ['stays'])


class LibraryDeadlineTests(unittest.TestCase):
    """create_with_timeout_async() and destroy_with_timeout_async(), the
    deadlines the library keeps, awaited as create_async() is: on
    PyGObject 3.42 the introspected call returns None, and awaiting it
    raised only after the create had started, leaving its cell to
    nobody."""

    def test_awaited_create_with_library_deadline(self):
        fake = fake_backend()

        async def body():
            handle = await fake.create_with_timeout_async(document('kept'), 5000)
            report = await fake.destroy_with_timeout_async(handle, 5000)
            return handle, report
        handle, report = asyncio.run(body())
        self.assertEqual(handle.props.cell_id, 'kept')
        self.assertTrue(report.props.destroyed)
        self.assertEqual(fake.list_live_cells(), [])

    def test_hung_create_past_library_deadline_leaves_no_cell(self):
        fake = fake_backend()
        fake.add_hang_rule('create', '*')

        async def body():
            with self.assertRaises(GLib.Error) as caught:
                await fake.create_with_timeout_async(document('slow'), 100)
            return caught.exception
        error = asyncio.run(body())
        assert_error(self, error, Cellos.error_quark(), Cellos.Error.TIMED_OUT)
        self.assertEqual(fake.list_live_cells(), [])

    def test_late_cell_past_library_deadline_is_destroyed(self):
        fake = fake_backend()
        fake.add_late_rule('late-*', 300)

        async def body():
            with self.assertRaises(GLib.Error) as caught:
                await fake.create_with_timeout_async(document('late-5'), 50)
            return caught.exception
        error = asyncio.run(body())
        assert_error(self, error, Cellos.error_quark(), Cellos.Error.TIMED_OUT)
        self.assertEqual(fake.list_live_cells(), [])

    def test_hung_destroy_past_library_deadline_keeps_the_cell(self):
        fake = fake_backend()
        fake.add_hang_rule('destroy', '*')

        async def body():
            handle = await fake.create_async(document('stays'))
            with self.assertRaises(GLib.Error) as caught:
                await fake.destroy_with_timeout_async(handle, 50)
            return caught.exception
        error = asyncio.run(body())
        assert_error(self, error, Cellos.error_quark(), Cellos.Error.TIMED_OUT)
        self.assertEqual(fake.list_live_cells(), ['stays'])

    def test_never_awaited_starts_nothing(self):
        fake = fake_backend()
        fake.create_with_timeout_async(document('never'), 1000).close()
        self.assertEqual(fake.dup_ledger().unpack(), [])
        self.assertEqual(fake.list_live_cells(), [])

    def test_bad_deadline_raises_before_starting(self):
        fake = fake_backend()
        for bad in (-1, 1.5, True, 1 << 40):
            with self.assertRaises(ValueError):
                fake.create_with_timeout_async(document('bad'), bad)
        self.assertEqual(fake.dup_ledger().unpack(), [])

    def test_callback_form_is_the_introspected_call(self):
        fake = fake_backend()
        loop = GLib.MainLoop()
        results = []

        def done(source, result, *unused):
            results.append(source.create_with_timeout_finish(result))
            loop.quit()
        self.assertIsNone(fake.create_with_timeout_async(
            document('called-back'), 5000, None, done))
        loop.run()
        self.assertEqual(results[0].props.cell_id, 'called-back')
        self.assertEqual(fake.list_live_cells(), ['called-back'])


class ConcurrencyTests(unittest.TestCase):

    def test_fifty_hung_creates_hold_no_threads_and_starve_nothing(self):
        fake = fake_backend()
        fake.add_hang_rule('create', 'hung-*')
        threads_before = threading.active_count()

        async def body():
            hung = [asyncio.ensure_future(
                        attempt(fake.create_async(document('hung-%d' % n))))
                    for n in range(50)]
            await asyncio.sleep(0.1)
            self.assertEqual(fake.props.live_cells, 0)
            threads = threading.active_count()
            started = time.monotonic()
            handle = await fake.create_async(document('unrelated'),
                                             timeout=1)
            served = time.monotonic() - started
            await fake.destroy_async(handle)
            for task in hung:
                task.cancel()
            results = await asyncio.gather(*hung)
            return threads, served, results
        threads, served, results = asyncio.run(body())
        # At most the one thread that services every awaited call.
        self.assertLessEqual(threads - threads_before, 1)
        self.assertLess(served, 1)
        self.assertTrue(all(isinstance(r, asyncio.CancelledError)
                            and r.cellos_late_result is None
                            for r in results), results)
        self.assertEqual(fake.list_live_cells(), [])

    def test_cancellation_at_random_points_leaves_no_cell(self):
        fake = fake_backend()
        fake.add_delay_rule('create', '*', 3)
        fake.add_delay_rule('destroy', '*', 2)
        chance = random.Random(26)
        destroys = []
        cancelled_in_create = []

        async def supervise(n):
            try:
                handle = await fake.create_async(document('cell-%d' % n))
            except asyncio.CancelledError:
                cancelled_in_create.append(n)
                raise
            try:
                await asyncio.sleep(chance.uniform(0, 0.01))
            finally:
                # A cancelled destroy leaves the cell: the supervisor lets
                # it finish whatever happens to this task.
                destroy = asyncio.ensure_future(fake.destroy_async(handle))
                destroys.append(destroy)
                await asyncio.shield(destroy)

        async def body():
            loop = asyncio.get_running_loop()
            tasks = []
            for n in range(200):
                task = asyncio.ensure_future(supervise(n))
                # Anywhere: in create, between, in destroy, or after.
                loop.call_later(chance.uniform(0, 0.015), task.cancel)
                tasks.append(task)
                await asyncio.sleep(chance.uniform(0, 0.002))
            await asyncio.gather(*tasks, return_exceptions=True)
            await asyncio.gather(*destroys)
        asyncio.run(body())
        self.assertGreater(len(cancelled_in_create), 0)
        self.assertEqual(fake.list_live_cells(), [])
        self.assertEqual(fake.props.live_cells, 0)


class ReprTests(unittest.TestCase):

    def test_document(self):
        self.assertEqual(
            repr(Cellos.ExecutionCellDocument(id='a', argv=['/bin/true'])),
            "<Cellos.ExecutionCellDocument id='a' argv=['/bin/true']>")

    def test_handle_shows_what_is_set(self):
        self.assertEqual(
            repr(Cellos.CellHandle(cell_id='a', cgroup_path='/cells/a')),
            "<Cellos.CellHandle cell_id='a' cgroup_path='/cells/a'>")

    def test_report(self):
        self.assertEqual(
            repr(Cellos.TeardownReport(cell_id='a', destroyed=True)),
            "<Cellos.TeardownReport cell_id='a' destroyed=True"
            " peers_tracked_after=0>")

    def test_read_document_is_the_override(self):
        read = Cellos.ExecutionCellDocument.new_from_data(
            b'{"spec": {"id": "r"}}')
        self.assertEqual(repr(read), "<Cellos.ExecutionCellDocument id='r'>")


if __name__ == '__main__':
    cellostest.main()
