# test-fake-backend.py: the fake backend and in-process registration, as a
# Python supervisor's test suite uses them
#
# Copyright 2026 The CellOS authors
# SPDX-License-Identifier: LGPL-2.1-or-later

import asyncio
import json
import os
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
import unittest

import cellostest
from cellostest import AsyncTestCase, Cellos, Gio, GLib, GObject

import gi
gi.require_version('CellosTesting', '1.0')
from gi.repository import CellosTesting  # noqa: E402


def doc(cell_id):
    return Cellos.ExecutionCellDocument(id=cell_id)


def ledger(fake):
    return [dict(record) for record in fake.dup_ledger().unpack()]


def is_cellos_error(error, code):
    return error.matches(Cellos.error_quark(), code)


def is_cancelled(error):
    return error.matches(Gio.io_error_quark(), Gio.IOErrorEnum.CANCELLED)


class Forms:
    """The same test cases through the synchronous and the asynchronous
    form: a subclass says which."""

    def setUp(self):
        self.fake = CellosTesting.FakeBackend()

    def test_lifecycle_and_ledger(self):
        handle = self.create('a')
        self.assertEqual(self.fake.list_live_cells(), ['a'])
        self.assertEqual(self.fake.props.live_cells, 1)
        report = self.destroy(handle)
        self.assertIs(report.props.destroyed, True)
        self.assertEqual(self.fake.list_live_cells(), [])
        self.assertEqual(ledger(self.fake), [
            {'operation': 'create', 'cell-id': 'a', 'outcome': 'ok'},
            {'operation': 'destroy', 'cell-id': 'a', 'outcome': 'ok',
             'destroyed': True, 'peers-tracked-after': 0},
        ])

    def test_double_destroy_is_not_found(self):
        handle = self.create('twice')
        self.destroy(handle)
        with self.assertRaises(GLib.Error) as caught:
            self.destroy(handle)
        self.assertTrue(is_cellos_error(caught.exception,
                                        Cellos.Error.NOT_FOUND))
        self.assertIn('“twice”', caught.exception.message)
        last = ledger(self.fake)[-1]
        self.assertEqual(last['outcome'], 'error')
        self.assertEqual(last['error-domain'], 'cellos-error-quark')
        self.assertEqual(last['error-code'], int(Cellos.Error.NOT_FOUND))
        self.assertEqual(last['error-message'], caught.exception.message)

    def test_foreign_handle_is_not_found(self):
        with self.assertRaises(GLib.Error) as caught:
            self.destroy(Cellos.CellHandle(cell_id='stranger'))
        self.assertTrue(is_cellos_error(caught.exception,
                                        Cellos.Error.NOT_FOUND))
        self.assertIn('“stranger”', caught.exception.message)

    def test_live_id_twice_is_already_exists(self):
        self.create('same')
        with self.assertRaises(GLib.Error) as caught:
            self.create('same')
        self.assertTrue(is_cellos_error(caught.exception,
                                        Cellos.Error.ALREADY_EXISTS))
        self.assertEqual(self.fake.list_live_cells(), ['same'])

    def test_fail_rule(self):
        self.fake.add_fail_rule('create', 'db-*', Cellos.Error.TIMED_OUT,
                                'no boot')
        self.fake.add_fail_rule('destroy', '*', Cellos.Error.FAILED, 'stuck')
        with self.assertRaises(GLib.Error) as caught:
            self.create('db-1')
        self.assertTrue(is_cellos_error(caught.exception,
                                        Cellos.Error.TIMED_OUT))
        self.assertEqual(caught.exception.message, 'no boot')
        handle = self.create('web-1')
        with self.assertRaises(GLib.Error) as caught:
            self.destroy(handle)
        self.assertTrue(is_cellos_error(caught.exception, Cellos.Error.FAILED))
        self.assertEqual(self.fake.list_live_cells(), ['web-1'])

    def test_delay_rule(self):
        self.fake.add_delay_rule(None, 'slow', 200)
        start = time.monotonic()
        handle = self.create('slow')
        self.assertGreaterEqual(time.monotonic() - start, 0.2)
        start = time.monotonic()
        self.destroy(handle)
        self.assertGreaterEqual(time.monotonic() - start, 0.2)

    def test_delay_wakes_on_cancel(self):
        self.fake.add_delay_rule('create', '*', 60000)
        start = time.monotonic()
        with self.assertRaises(GLib.Error) as caught:
            self.create('patient', cancel_after=0.05)
        self.assertTrue(is_cancelled(caught.exception))
        self.assertLess(time.monotonic() - start, 5)
        self.assertEqual(self.fake.list_live_cells(), [])

    def test_hang_until_cancelled(self):
        self.fake.add_hang_rule('create', 'stuck-*')
        with self.assertRaises(GLib.Error) as caught:
            self.create('stuck-1', cancel_after=0.05)
        self.assertTrue(is_cancelled(caught.exception))
        self.assertEqual(self.fake.list_live_cells(), [])
        self.assertEqual(ledger(self.fake)[-1]['error-domain'],
                         'g-io-error-quark')

    def test_rule_mistake_raises(self):
        with self.assertRaises(GLib.Error) as caught:
            self.fake.add_fail_rule('crate', 'db-*', Cellos.Error.TIMED_OUT,
                                    'no boot')
        self.assertTrue(caught.exception.matches(
            Gio.io_error_quark(), Gio.IOErrorEnum.INVALID_ARGUMENT))
        self.assertIn('“crate”', caught.exception.message)
        with self.assertRaises(GLib.Error):
            self.fake.add_hang_rule('destroyed', None)
        # Nothing was added: the create succeeds.
        self.destroy(self.create('db-1'))
        self.assertEqual(self.fake.list_live_cells(), [])

    def test_live_cells_is_notified(self):
        counts = []
        self.fake.connect('notify::live-cells',
                          lambda fake, pspec: counts.append(
                              fake.props.live_cells))
        handle = self.create('n')
        self.destroy(handle)
        self.assertEqual(counts, [1, 0])

    def test_clear_ledger(self):
        kept = self.create('kept')
        self.fake.clear_ledger()
        self.assertEqual(ledger(self.fake), [])
        self.assertEqual(self.fake.list_live_cells(), ['kept'])
        self.destroy(kept)
        self.assertEqual([r['cell-id'] for r in ledger(self.fake)], ['kept'])

    def test_report_rule(self):
        self.fake.add_report_rule('leaky', False, 3)
        handle = self.create('leaky')
        report = self.destroy(handle)
        self.assertIs(report.props.destroyed, False)
        self.assertEqual(report.props.peers_tracked_after, 3)
        self.assertEqual(self.fake.list_live_cells(), ['leaky'])

    def test_fill_handle_details(self):
        self.fake.props.fill_handle_details = True
        handle = self.create('full')
        self.assertEqual(handle.props.cgroup_path,
                         '/sys/fs/cgroup/cellos-fake/full')
        self.assertEqual(len(handle.props.kernel_digest_sha256), 64)
        self.assertEqual(len(handle.props.nft_rules_applied), 2)
        details = handle.props.details.unpack()
        self.assertEqual(set(details), {'vm-pid', 'api-socket', 'taps'})
        self.assertTrue(1000 <= details['vm-pid'] < 31000)
        self.assertEqual(details['api-socket'],
                         '/run/cellos-fake/full/api.sock')
        self.assertEqual(details['taps'], ['tap-full'])
        # The ledger records the handle's properties as they were.
        record = self.fake.dup_ledger().unpack()[-1]
        self.assertEqual(record['cgroup-path'], handle.props.cgroup_path)
        self.assertEqual(record['details'], details)
        self.assertEqual(record['nft-rules-applied'],
                         list(handle.props.nft_rules_applied))

    def test_listing_gives_handles_destroy_accepts(self):
        self.fake.props.fill_handle_details = True
        self.create('c')
        self.create('a')
        listed = self.list()
        self.assertEqual([h.props.cell_id for h in listed], ['c', 'a'])
        self.assertEqual(listed[0].props.details.unpack()['taps'], ['tap-c'])
        self.destroy(listed[0])
        self.destroy(Cellos.CellHandle.new('a', None))
        self.assertEqual(self.list(), [])

    def test_seeded_cell_is_listed_and_destroyed(self):
        counts = []
        self.fake.connect('notify::live-cells',
                          lambda fake, pspec: counts.append(
                              fake.props.live_cells))
        self.assertIs(self.fake.add_live_cell('orphan-1'), True)
        with self.assertRaises(GLib.Error) as caught:
            self.fake.add_live_cell('orphan-1')
        self.assertTrue(is_cellos_error(caught.exception,
                                        Cellos.Error.ALREADY_EXISTS))
        with self.assertRaises(GLib.Error) as caught:
            self.fake.add_live_cell('')
        self.assertTrue(caught.exception.matches(
            Gio.io_error_quark(), Gio.IOErrorEnum.INVALID_ARGUMENT))
        self.assertEqual([h.props.cell_id for h in self.list()], ['orphan-1'])
        self.assertEqual(ledger(self.fake), [])
        self.destroy(self.list()[0])
        self.assertEqual(counts, [1, 0])
        self.assertEqual(self.fake.list_live_cells(), [])

    def test_late_rule_delivers_although_cancelled(self):
        self.fake.add_late_rule('late-*', 200)
        start = time.monotonic()
        handle = self.create('late-1', cancel_after=0.02)
        self.assertGreaterEqual(time.monotonic() - start, 0.2)
        self.assertEqual(handle.props.cell_id, 'late-1')
        self.assertEqual(self.fake.list_live_cells(), ['late-1'])
        self.destroy(handle)


def cancel_later(cancellable, seconds):
    timer = threading.Timer(seconds, cancellable.cancel)
    timer.start()
    return timer


class SyncTests(Forms, unittest.TestCase):

    def create(self, cell_id, cancel_after=None):
        cancellable = Gio.Cancellable()
        timer = None
        if cancel_after is not None:
            timer = cancel_later(cancellable, cancel_after)
        try:
            return self.fake.create(doc(cell_id), cancellable)
        finally:
            if timer is not None:
                timer.join()

    def destroy(self, handle):
        return self.fake.destroy(handle, None)

    def list(self):
        return self.fake.list_cells(None)


class AsyncTests(Forms, AsyncTestCase):

    def create(self, cell_id, cancel_after=None):
        cancellable = Gio.Cancellable()
        if cancel_after is not None:
            GLib.timeout_add(int(cancel_after * 1000),
                             lambda: cancellable.cancel() or False)
        return self.run_async(
            lambda callback: self.fake.create_async(doc(cell_id), cancellable,
                                                    callback),
            lambda source, result: source.create_finish(result))

    def destroy(self, handle):
        return self.run_async(
            lambda callback: self.fake.destroy_async(handle, None, callback),
            lambda source, result: source.destroy_finish(result))

    def list(self):
        return self.run_async(
            lambda callback: self.fake.list_cells_async(None, callback),
            lambda source, result: source.list_cells_finish(result))

    def test_delay_does_not_block_the_main_loop(self):
        self.fake.add_delay_rule('create', '*', 200)
        ticks = []
        source = GLib.timeout_add(10, lambda: ticks.append(1) or True)
        try:
            self.create('slow')
        finally:
            GLib.source_remove(source)
        self.assertGreaterEqual(len(ticks), 5)


# A supervisor under test in another process: it selects the fake through
# the environment and exits without finalizing its backend.
SUPERVISOR = textwrap.dedent('''
    import gi
    gi.require_version('Cellos', '1.0')
    from gi.repository import Cellos, GLib
    try:
        backend = Cellos.CellBackend.new_default()
    except GLib.Error as error:
        print(error.message)
        raise SystemExit(3)
    kept = backend.create(Cellos.ExecutionCellDocument(id='kept'), None)
    gone = backend.create(Cellos.ExecutionCellDocument(id='gone'), None)
    backend.destroy(gone, None)
    try:
        backend.create(Cellos.ExecutionCellDocument(id='bad-1'), None)
    except GLib.Error as error:
        print(error.message)
''')


class EnvironmentTests(unittest.TestCase):

    def setUp(self):
        self.directory = tempfile.TemporaryDirectory()
        self.addCleanup(self.directory.cleanup)
        self.rules = os.path.join(self.directory.name, 'rules.json')
        self.ledger = os.path.join(self.directory.name, 'ledger.jsonl')

    def run_supervisor(self, rules_text):
        with open(self.rules, 'w', encoding='utf-8') as rules:
            rules.write(rules_text)
        env = dict(os.environ, CELLOS_CELL_BACKEND='fake',
                   CELLOS_FAKE_RULES=self.rules,
                   CELLOS_FAKE_LEDGER=self.ledger)
        return subprocess.run([sys.executable, '-c', SUPERVISOR], env=env,
                              stdout=subprocess.PIPE, text=True, check=False)

    def test_rules_and_ledger_files(self):
        done = self.run_supervisor(json.dumps({'rules': [
            {'operation': 'create', 'cell': 'bad-*',
             'fail': {'code': 'permission-denied', 'message': 'no cgroup'}},
        ]}))
        self.assertEqual(done.returncode, 0)
        self.assertEqual(done.stdout, 'no cgroup\n')
        with open(self.ledger, encoding='utf-8') as lines:
            records = [json.loads(line) for line in lines]
        self.assertEqual([(r.get('operation'), r.get('cell-id'),
                           r.get('outcome')) for r in records[:-1]], [
            ('create', 'kept', 'ok'),
            ('create', 'gone', 'ok'),
            ('destroy', 'gone', 'ok'),
            ('create', 'bad-1', 'error'),
        ])
        self.assertEqual(records[3]['error-code'],
                         int(Cellos.Error.PERMISSION_DENIED))
        self.assertEqual(records[-1], {'live-cells': ['kept']})

    def test_bad_rules_file_fails_the_selection(self):
        done = self.run_supervisor('{"rules": [{"delay-ms": "soon"}]}')
        self.assertEqual(done.returncode, 3)
        self.assertEqual(done.stdout,
                         'The cell backend “fake” is not available here: '
                         '%s: rules[0].delay-ms: expected a whole number '
                         'from 0 to 4294967295\n' % self.rules)
        self.assertFalse(os.path.exists(self.ledger))

    def test_state_file_seeds_and_late_rule(self):
        state = os.path.join(self.directory.name, 'state.json')
        with open(self.rules, 'w', encoding='utf-8') as rules:
            json.dump({'live-cells': ['seed-1'],
                       'rules': [{'cell': 'late-*', 'late-ms': 100}]}, rules)
        env = dict(os.environ, CELLOS_CELL_BACKEND='fake',
                   CELLOS_FAKE_RULES=self.rules, CELLOS_FAKE_STATE=state)
        code = textwrap.dedent('''
            import gi
            gi.require_version('Cellos', '1.0')
            from gi.repository import Cellos, Gio
            backend = Cellos.CellBackend.new_default()
            print(','.join(h.props.cell_id for h in backend.list_cells(None)))
            cancellable = Gio.Cancellable()
            import threading
            threading.Timer(0.02, cancellable.cancel).start()
            handle = backend.create(Cellos.ExecutionCellDocument(id='late-1'),
                                    cancellable)
            print(handle.props.cell_id, cancellable.is_cancelled())
        ''')
        first = subprocess.run([sys.executable, '-c', code], env=env,
                               capture_output=True, text=True, check=False)
        self.assertEqual(first.returncode, 0, first.stderr)
        self.assertEqual(first.stdout, 'seed-1\nlate-1 True\n')
        with open(state, encoding='utf-8') as text:
            self.assertEqual(cellostest.strict_json(text.read()),
                             {'live-cells': ['seed-1', 'late-1']})

        # A second supervisor on the same state file finds both, and the
        # seeds are not added again once destroyed.
        code = textwrap.dedent('''
            import gi
            gi.require_version('Cellos', '1.0')
            from gi.repository import Cellos
            backend = Cellos.CellBackend.new_default()
            for handle in backend.list_cells(None):
                print(handle.props.cell_id)
                backend.destroy(handle, None)
        ''')
        second = subprocess.run([sys.executable, '-c', code], env=env,
                                capture_output=True, text=True, check=False)
        self.assertEqual(second.returncode, 0, second.stderr)
        self.assertEqual(second.stdout, 'seed-1\nlate-1\n')
        third = subprocess.run([sys.executable, '-c', code], env=env,
                               capture_output=True, text=True, check=False)
        self.assertEqual(third.returncode, 0, third.stderr)
        self.assertEqual(third.stdout, '')

    def test_bad_state_file_fails_the_selection(self):
        state = os.path.join(self.directory.name, 'state.json')
        with open(state, 'w', encoding='utf-8') as text:
            text.write('{"live-cells": ["a", "a"]}')
        env = dict(os.environ, CELLOS_CELL_BACKEND='fake',
                   CELLOS_FAKE_STATE=state)
        env.pop('CELLOS_FAKE_RULES', None)
        env.pop('CELLOS_FAKE_LEDGER', None)
        done = subprocess.run([sys.executable, '-c', SUPERVISOR], env=env,
                              stdout=subprocess.PIPE, text=True, check=False)
        self.assertEqual(done.returncode, 3)
        self.assertIn('%s: live-cells[1]: ' % state, done.stdout)

    def test_rules_file_syntax_error_names_line_and_column(self):
        done = self.run_supervisor('{"rules": [\n  {"hang": true},,\n]}')
        self.assertEqual(done.returncode, 3)
        self.assertIn('%s:2:' % self.rules, done.stdout)


class PythonFake(GObject.Object, Cellos.CellBackend):
    """A test's own backend, written in Python."""

    def do_create(self, document, cancellable):
        return Cellos.CellHandle(cell_id=document.props.id,
                                 cgroup_path='/py/' + document.props.id)

    def do_destroy(self, handle, cancellable):
        return Cellos.TeardownReport(cell_id=handle.props.cell_id,
                                     destroyed=True)


class OtherPythonFake(PythonFake):
    pass


class UnavailableBackend(GObject.Object, Cellos.CellBackend, Gio.Initable):
    """A backend that cannot run here, and says so when it is chosen."""

    def do_init(self, cancellable):
        raise GLib.Error.new_literal(Cellos.error_quark(), 'no KVM here',
                                     Cellos.Error.NOT_SUPPORTED)


class RegistrationTests(unittest.TestCase):

    def test_initable_python_backend_error_reaches_caller(self):
        Cellos.CellBackend.register(UnavailableBackend, 'python-unavailable',
                                    -31)
        with self.assertRaises(GLib.Error) as caught:
            Cellos.CellBackend.new_for_name('python-unavailable')
        self.assertTrue(is_cellos_error(caught.exception,
                                        Cellos.Error.NOT_SUPPORTED))
        self.assertIn('no KVM here', caught.exception.message)

    def test_python_class_registers_and_is_selected(self):
        Cellos.CellBackend.register(PythonFake, 'python-fake', -30)
        self.assertIn('python-fake', Cellos.CellBackend.list_names())
        found, priority, module = Cellos.CellBackend.lookup_name('python-fake')
        self.assertTrue(found)
        self.assertEqual(priority, -30)
        self.assertIsNone(module)
        backend = Cellos.CellBackend.new_for_name('python-fake')
        self.assertIsInstance(backend, PythonFake)
        handle = backend.create(doc('p'), None)
        self.assertEqual(handle.props.cgroup_path, '/py/p')

    def test_taken_name_is_refused(self):
        for name in ('stub', 'fake'):
            with self.assertRaises(GLib.Error) as caught:
                Cellos.CellBackend.register(OtherPythonFake, name, 10)
            self.assertTrue(is_cellos_error(caught.exception,
                                            Cellos.Error.ALREADY_EXISTS))
            self.assertIn('“%s”' % name, caught.exception.message)
        self.assertIsInstance(Cellos.CellBackend.new_for_name('fake'),
                              CellosTesting.FakeBackend)

    def test_registry_fakes_share_cells(self):
        a = Cellos.CellBackend.new_for_name('fake')
        b = Cellos.CellBackend.new_for_name('fake')
        self.assertIsNot(a, b)
        a.create(doc('py-shared-1'), None)
        self.assertIn('py-shared-1', b.list_live_cells())
        with self.assertRaises(GLib.Error) as caught:
            b.create(doc('py-shared-1'), None)
        self.assertTrue(is_cellos_error(caught.exception,
                                        Cellos.Error.ALREADY_EXISTS))
        b.destroy(Cellos.CellHandle.new('py-shared-1', None), None)
        self.assertNotIn('py-shared-1', a.list_live_cells())
        # A fake of one's own keeps its own.
        self.assertEqual(CellosTesting.FakeBackend().list_live_cells(), [])

    def test_fake_is_chosen_by_name_only(self):
        found, priority, module = Cellos.CellBackend.lookup_name('fake')
        self.assertTrue(found)
        self.assertFalse(Cellos.CellBackend.priority_isolates(priority))
        # The test kit's backend module registers it, as any other.
        self.assertEqual(os.path.basename(module), 'libcellos-fake.so')


class AwaitedLateCellTests(unittest.TestCase):
    """The overrides never lose a cell that a late create delivers."""

    def test_deadline_over_a_late_create_destroys_the_cell(self):
        fake = CellosTesting.FakeBackend()
        fake.add_late_rule('late-*', 200)

        async def run():
            with self.assertRaises(GLib.Error) as caught:
                await fake.create_async(doc('late-1'), timeout=0.02)
            return caught.exception

        error = asyncio.run(run())
        self.assertTrue(is_cellos_error(error, Cellos.Error.TIMED_OUT))
        self.assertEqual(error.cellos_late_result.disposition, 'destroyed')
        self.assertEqual(fake.list_live_cells(), [])
        self.assertEqual([(r['operation'], r['outcome'])
                          for r in ledger(fake)],
                         [('create', 'ok'), ('destroy', 'ok')])

    def test_cancelled_task_hands_the_late_cell_over(self):
        fake = CellosTesting.FakeBackend()
        fake.add_late_rule('late-*', 0)
        fake.add_hang_rule('create', 'late-*')
        taken = []

        async def run():
            task = asyncio.ensure_future(fake.create_async(
                doc('late-2'), on_late_handle=taken.append))
            await asyncio.sleep(0.05)
            task.cancel()
            with self.assertRaises(asyncio.CancelledError) as caught:
                await task
            return caught.exception

        cancellation = asyncio.run(run())
        self.assertEqual(cancellation.cellos_late_result.disposition,
                         'handed-over')
        self.assertEqual([h.props.cell_id for h in taken], ['late-2'])
        self.assertEqual(fake.list_live_cells(), ['late-2'])
        fake.destroy(taken[0], None)
        self.assertEqual(fake.list_live_cells(), [])


class DocumentedBaseClassTests(unittest.TestCase):
    """The unittest base class in docs/testing.md works as written: its
    example test passes, and a test that leaks a cell fails."""

    def documented(self):
        code = cellostest.fenced_block_after(
            os.path.join(cellostest.TOP_SRCDIR, 'docs', 'testing.md'),
            '<!-- test: fixture -->')
        namespace = {'__name__': 'documented'}
        exec(compile(code, 'docs/testing.md', 'exec'), namespace)
        return namespace

    def run_case(self, case):
        result = unittest.TestResult()
        unittest.defaultTestLoader.loadTestsFromTestCase(case).run(result)
        return result

    def test_example_passes(self):
        result = self.run_case(self.documented()['SupervisorTests'])
        self.assertEqual(result.testsRun, 1)
        self.assertTrue(result.wasSuccessful(), result.failures + result.errors)

    def test_a_leaked_cell_fails_the_test(self):
        base = self.documented()['FakeBackendTestCase']

        class Leaky(base):
            def test_leaks(self):
                self.fake.create(Cellos.ExecutionCellDocument(id='leak-1'), None)

        result = self.run_case(Leaky)
        self.assertEqual(result.testsRun, 1)
        self.assertEqual(len(result.failures) + len(result.errors), 1)
        self.assertIn('the supervisor leaked cells',
                      (result.failures + result.errors)[0][1])


if __name__ == '__main__':
    cellostest.main()
