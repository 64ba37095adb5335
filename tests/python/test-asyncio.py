# test-asyncio.py: Cellos from asyncio code
#
# With PyGObject 3.50 or later and a typelib whose asynchronous functions
# name their finish function (gobject-introspection 1.80 or later),
# create_async and destroy_async called without a callback are awaited on
# GLib's asyncio event loop: those tests skip on older stacks, saying why.
# The recipe for older stacks (the blocking calls in a worker thread) is
# tested on every stack. Both recipes are the ones docs/usage.md shows, run
# from the page itself.
#
# Copyright 2026 The CellOS authors
# SPDX-License-Identifier: LGPL-2.1-or-later

import asyncio
import os
import subprocess
import sys
import threading
import time
import unittest

import gi

import cellostest
from cellostest import Cellos, Gio, GLib, GObject

USAGE = os.path.join(cellostest.TOP_SRCDIR, 'docs', 'usage.md')
TIMEOUT_SECONDS = cellostest.TIMEOUT_SECONDS

# PyGObject 3.50 makes an asynchronous call awaitable when the typelib
# names its finish function; Debian 12's PyGObject is 3.42.
AWAITABLE = gi.version_info >= (3, 50)
NOT_AWAITABLE = ('needs PyGObject >= 3.50 and a typelib from'
                 ' gobject-introspection >= 1.80 for awaitable calls;'
                 ' this is PyGObject %s' % gi.__version__)


def usage_recipe(name):
    """The code of docs/usage.md's Python block name, and the output the
    page shows for it."""
    code = cellostest.fenced_block_after(USAGE, '<!-- %s -->' % name)
    output = cellostest.fenced_block_after(USAGE, '<!-- %s-output -->' % name)
    return code, output


def usage_functions(name):
    """The functions docs/usage.md's Python block name defines."""
    code, _ = usage_recipe(name)
    namespace = {'__name__': 'usage'}
    exec(compile(code, USAGE, 'exec'), namespace)
    return namespace


def document(cell_id='a1'):
    return Cellos.ExecutionCellDocument(id=cell_id)


def assert_cancelled(test, error):
    test.assertIsInstance(error, GLib.Error)
    test.assertTrue(error.matches(Gio.io_error_quark(),
                                  Gio.IOErrorEnum.CANCELLED),
                    '%s: %s' % (error.domain, error.message))


async def until(condition):
    """Yields to the event loop until condition() holds."""
    deadline = time.monotonic() + TIMEOUT_SECONDS
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError('not within %d seconds' % TIMEOUT_SECONDS)
        await asyncio.sleep(0.01)


class BlockingBackend(GObject.Object, Cellos.CellBackend):
    """A Python backend whose create blocks until its call is cancelled,
    then fails as a cancelled call does; records what it saw."""

    def __init__(self):
        super().__init__()
        self.entered = threading.Event()
        self.errors = []

    def do_create(self, document, cancellable):
        self.entered.set()
        deadline = time.monotonic() + TIMEOUT_SECONDS
        while not cancellable.is_cancelled() and time.monotonic() < deadline:
            time.sleep(0.01)
        try:
            cancellable.set_error_if_cancelled()
        except GLib.Error as error:
            self.errors.append(error)
            raise
        return Cellos.CellHandle(cell_id=document.props.id)

    def do_destroy(self, handle, cancellable):
        return Cellos.TeardownReport(cell_id=handle.props.cell_id,
                                     destroyed=True)


class EchoBackend(GObject.Object, Cellos.CellBackend):
    """A Python backend with the synchronous methods only."""

    def do_create(self, document, cancellable):
        return Cellos.CellHandle(cell_id=document.props.id)

    def do_destroy(self, handle, cancellable):
        return Cellos.TeardownReport(cell_id=handle.props.cell_id,
                                     destroyed=True)


class UsageRecipeTestCase(unittest.TestCase):

    def assert_prints_what_the_page_says(self, name):
        code, expected = usage_recipe(name)
        environment = dict(os.environ, LC_ALL='C.UTF-8', LANGUAGE='')
        result = subprocess.run([sys.executable, '-c', code], env=environment,
                                capture_output=True, text=True,
                                timeout=TIMEOUT_SECONDS)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stdout, expected)
        self.assertEqual(result.stderr, '')


@unittest.skipUnless(AWAITABLE, NOT_AWAITABLE)
class AwaitTests(UsageRecipeTestCase):
    """create_async and destroy_async awaited on GLib's event loop."""

    def run_on_glib_loop(self, coroutine):
        from gi.events import GLibEventLoopPolicy
        policy = GLibEventLoopPolicy()
        asyncio.set_event_loop_policy(policy)
        try:
            return policy.get_event_loop().run_until_complete(coroutine)
        finally:
            asyncio.set_event_loop_policy(None)

    def setUp(self):
        self.stub = Cellos.StubBackend()

    def test_await_create_async_returns_handle_with_document_id(self):
        async def body():
            return await self.stub.create_async(document('await-1'))
        handle = self.run_on_glib_loop(body())
        self.assertIsInstance(handle, Cellos.CellHandle)
        self.assertEqual(handle.props.cell_id, 'await-1')

    def test_await_destroy_async_reports_destroyed(self):
        async def body():
            handle = await self.stub.create_async(document('await-2'))
            return await self.stub.destroy_async(handle)
        report = self.run_on_glib_loop(body())
        self.assertEqual(report.props.cell_id, 'await-2')
        self.assertIs(report.props.destroyed, True)

    def test_await_create_async_empty_id_raises_invalid_spec(self):
        async def body():
            await self.stub.create_async(document(''))
        with self.assertRaises(GLib.Error) as caught:
            self.run_on_glib_loop(body())
        self.assertTrue(caught.exception.matches(Cellos.error_quark(),
                                                 Cellos.Error.INVALID_SPEC))

    def test_await_with_cancelled_cancellable_raises_cancelled(self):
        cancellable = Gio.Cancellable()
        cancellable.cancel()

        async def body():
            await self.stub.destroy_async(Cellos.CellHandle(cell_id='c'),
                                          cancellable)
        with self.assertRaises(GLib.Error) as caught:
            self.run_on_glib_loop(body())
        assert_cancelled(self, caught.exception)

    def test_python_backend_is_awaited(self):
        backend = EchoBackend()

        async def body():
            handle = await backend.create_async(document('py-1'))
            return handle, await backend.destroy_async(handle)
        handle, report = self.run_on_glib_loop(body())
        self.assertEqual(handle.props.cell_id, 'py-1')
        self.assertEqual(report.props.cell_id, 'py-1')
        self.assertIs(report.props.destroyed, True)

    def test_task_cancellation_reaches_the_call_as_cancelled(self):
        cancel_with_task = usage_functions(
            'usage-python-asyncio-example')['cancel_with_task']
        backend = BlockingBackend()

        async def body():
            operation = backend.create_async(document('blocked'))
            task = asyncio.ensure_future(cancel_with_task(operation))
            await until(backend.entered.is_set)
            task.cancel()
            with self.assertRaises(asyncio.CancelledError):
                await task
            await until(operation.done)
            return operation
        operation = self.run_on_glib_loop(body())
        # The backend saw its call cancelled, and the call ended so.
        self.assertEqual(len(backend.errors), 1)
        assert_cancelled(self, backend.errors[0])
        with self.assertRaises(GLib.Error) as caught:
            operation.result()
        assert_cancelled(self, caught.exception)

    def test_usage_example_prints_what_the_page_says(self):
        self.assert_prints_what_the_page_says('usage-python-asyncio-example')


class ThreadTests(UsageRecipeTestCase):
    """The recipe for any PyGObject: blocking calls in a worker thread."""

    def setUp(self):
        self.in_thread = usage_functions(
            'usage-python-thread-example')['in_thread']

    def test_create_and_destroy_in_a_thread(self):
        stub = Cellos.StubBackend()

        async def body():
            handle = await self.in_thread(stub.create, document('t-1'))
            return handle, await self.in_thread(stub.destroy, handle)
        handle, report = asyncio.run(body())
        self.assertEqual(handle.props.cell_id, 't-1')
        self.assertEqual(report.props.cell_id, 't-1')
        self.assertIs(report.props.destroyed, True)

    def test_errors_raise_in_the_task(self):
        stub = Cellos.StubBackend()

        async def body():
            await self.in_thread(stub.create, document(''))
        with self.assertRaises(GLib.Error) as caught:
            asyncio.run(body())
        self.assertTrue(caught.exception.matches(Cellos.error_quark(),
                                                 Cellos.Error.INVALID_SPEC))

    def test_task_cancellation_reaches_the_call_as_cancelled(self):
        backend = BlockingBackend()

        async def body():
            task = asyncio.ensure_future(
                self.in_thread(backend.create, document('blocked')))
            await until(backend.entered.is_set)
            task.cancel()
            with self.assertRaises(asyncio.CancelledError):
                await task
            await until(lambda: backend.errors)
        asyncio.run(body())
        self.assertEqual(len(backend.errors), 1)
        assert_cancelled(self, backend.errors[0])

    def test_usage_example_prints_what_the_page_says(self):
        self.assert_prints_what_the_page_says('usage-python-thread-example')


if __name__ == '__main__':
    cellostest.main()
