# test-asyncio.py: Cellos from asyncio code, as docs/usage.md shows it
#
# The overrides (gi.overrides.Cellos, tested in full by test-overrides.py)
# make create_async and destroy_async awaitable on every PyGObject. The
# page's example runs from the page itself; with PyGObject 3.50 or later the
# same calls are also awaited on GLib's asyncio event loop, which older
# PyGObject does not have: those tests skip there, saying why.
#
# Copyright 2026 The CellOS authors
# SPDX-License-Identifier: LGPL-2.1-or-later

import asyncio
import os
import subprocess
import sys
import unittest

import gi

import cellostest
from cellostest import Cellos, Gio, GLib

gi.require_version('CellosTesting', '1.0')
from gi.repository import CellosTesting  # noqa: E402

USAGE = os.path.join(cellostest.TOP_SRCDIR, 'docs', 'usage.md')
TIMEOUT_SECONDS = cellostest.TIMEOUT_SECONDS

# gi.events, GLib's asyncio event loop, came with PyGObject 3.50; Debian
# 12's PyGObject is 3.42.
GLIB_EVENT_LOOP = gi.version_info >= (3, 50)
NO_GLIB_EVENT_LOOP = ('needs PyGObject >= 3.50 for GLib\'s asyncio event'
                      ' loop (gi.events); this is PyGObject %s'
                      % gi.__version__)


def document(cell_id):
    return Cellos.ExecutionCellDocument(id=cell_id)


class UsagePageTests(unittest.TestCase):

    def test_overrides_are_the_source_trees(self):
        import gi.overrides.Cellos as overrides
        self.assertEqual(
            os.path.realpath(overrides.__file__),
            os.path.realpath(os.path.join(cellostest.TOP_SRCDIR, 'python',
                                          'gi', 'overrides', 'Cellos.py')))

    def test_sample_supervisor_runs(self):
        result = subprocess.run(
            [sys.executable,
             os.path.join(cellostest.TOP_SRCDIR, 'examples', 'supervisor.py')],
            capture_output=True, text=True, timeout=TIMEOUT_SECONDS)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stdout, ''.join(
            'cell-%d: destroyed=True\n' % n for n in range(3)))

    def test_usage_example_prints_what_the_page_says(self):
        code = cellostest.fenced_block_after(
            USAGE, '<!-- usage-python-asyncio-example -->')
        expected = cellostest.fenced_block_after(
            USAGE, '<!-- usage-python-asyncio-example-output -->')
        environment = dict(os.environ, LC_ALL='C.UTF-8', LANGUAGE='')
        result = subprocess.run([sys.executable, '-c', code], env=environment,
                                capture_output=True, text=True,
                                timeout=TIMEOUT_SECONDS)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stdout, expected)
        self.assertEqual(result.stderr, '')


@unittest.skipUnless(GLIB_EVENT_LOOP, NO_GLIB_EVENT_LOOP)
class GLibEventLoopTests(unittest.TestCase):
    """The awaitable calls on GLib's asyncio event loop."""

    def run_on_glib_loop(self, coroutine):
        from gi.events import GLibEventLoopPolicy
        policy = GLibEventLoopPolicy()
        asyncio.set_event_loop_policy(policy)
        try:
            return policy.get_event_loop().run_until_complete(coroutine)
        finally:
            asyncio.set_event_loop_policy(None)

    def test_create_and_destroy(self):
        stub = Cellos.StubBackend()

        async def body():
            handle = await stub.create_async(document('glib-1'))
            return handle, await stub.destroy_async(handle)
        handle, report = self.run_on_glib_loop(body())
        self.assertEqual(handle.props.cell_id, 'glib-1')
        self.assertIs(report.props.destroyed, True)

    def test_task_cancellation_cancels_the_call(self):
        fake = CellosTesting.FakeBackend()
        fake.add_hang_rule('create', '*')

        async def body():
            task = asyncio.ensure_future(fake.create_async(document('hung')))
            await asyncio.sleep(0.05)
            task.cancel()
            try:
                await task
            except asyncio.CancelledError as cancellation:
                return cancellation
        self.assertIsNone(self.run_on_glib_loop(body()).cellos_late_result)
        self.assertEqual(fake.list_live_cells(), [])

    def test_cancelled_cancellable_raises_cancelled(self):
        cancellable = Gio.Cancellable()
        cancellable.cancel()

        async def body():
            await Cellos.StubBackend().create_async(document('c'), cancellable)
        with self.assertRaises(GLib.Error) as caught:
            self.run_on_glib_loop(body())
        self.assertTrue(caught.exception.matches(Gio.io_error_quark(),
                                                 Gio.IOErrorEnum.CANCELLED))


if __name__ == '__main__':
    cellostest.main()
