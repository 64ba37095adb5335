# test-reconcile.py: no cell is lost when a supervisor is killed. A
# supervisor process on the fake backend, with its cells in a state file,
# is killed with SIGKILL; a new process lists the cells with the
# reconciliation recipes of docs/usage.md (the C program, built by make
# check, and the Python coroutine, run as written) and destroys the
# orphans, and none is left.
#
# Copyright 2026 The CellOS authors
# SPDX-License-Identifier: LGPL-2.1-or-later

import asyncio
import os
import signal
import subprocess
import sys
import tempfile
import unittest

import cellostest
from cellostest import Cellos, GLib

import gi
gi.require_version('CellosTesting', '1.0')
from gi.repository import CellosTesting  # noqa: E402

TOP_SRCDIR = cellostest.TOP_SRCDIR
USAGE = os.path.join(TOP_SRCDIR, 'docs', 'usage.md')

# A supervisor that creates the cells named on its command line through
# the backend CELLOS_CELL_BACKEND selects, says so, and waits to be killed.
SUPERVISOR = '''
import sys
import time

import gi
gi.require_version('Cellos', '1.0')
from gi.repository import Cellos

backend = Cellos.CellBackend.new_default()
for cell_id in sys.argv[1:]:
    backend.create(Cellos.ExecutionCellDocument(id=cell_id), None)
print('ready', flush=True)
while True:
    time.sleep(60)
'''

# Creates the cells named on its command line and exits normally, its
# backend never finalized.
CREATOR = '''
import sys

import gi
gi.require_version('Cellos', '1.0')
from gi.repository import Cellos

backend = Cellos.CellBackend.new_default()
for cell_id in sys.argv[1:]:
    backend.create(Cellos.ExecutionCellDocument(id=cell_id), None)
'''


class ReconcileTests(unittest.TestCase):

    def setUp(self):
        self.directory = tempfile.TemporaryDirectory()
        self.addCleanup(self.directory.cleanup)
        self.state = os.path.join(self.directory.name, 'state.json')
        self.ledger = os.path.join(self.directory.name, 'ledger.jsonl')
        self.env = dict(os.environ, CELLOS_CELL_BACKEND='fake',
                        CELLOS_FAKE_STATE=self.state,
                        CELLOS_FAKE_LEDGER=self.ledger,
                        LC_ALL='C.UTF-8', LANGUAGE='')
        self.env.pop('CELLOS_FAKE_RULES', None)

    def state_cells(self):
        with open(self.state, encoding='utf-8') as state:
            value = cellostest.strict_json(state.read())
        self.assertEqual(list(value), ['live-cells'])
        return value['live-cells']

    def kill_supervisor(self, *cell_ids):
        """Runs SUPERVISOR with cell_ids, and kills it with SIGKILL once
        it has made them."""
        supervisor = subprocess.Popen([sys.executable, '-c', SUPERVISOR] +
                                      list(cell_ids), env=self.env,
                                      stdout=subprocess.PIPE, text=True)
        try:
            self.assertEqual(supervisor.stdout.readline(), 'ready\n')
        finally:
            supervisor.send_signal(signal.SIGKILL)
            supervisor.wait(timeout=60)
            supervisor.stdout.close()
        self.assertEqual(supervisor.returncode, -signal.SIGKILL)

    def ledger_lines(self):
        with open(self.ledger, encoding='utf-8') as lines:
            return [cellostest.strict_json(line) for line in lines]

    def test_killed_supervisor_leaves_its_cells_in_the_state_file(self):
        self.kill_supervisor('orphan-1', 'orphan-2')
        self.assertEqual(self.state_cells(), ['orphan-1', 'orphan-2'])
        # The ledger has its operations but no last line: the process
        # never got to write one.
        records = self.ledger_lines()
        self.assertEqual([(r['operation'], r['cell-id'], r['outcome'])
                          for r in records],
                         [('create', 'orphan-1', 'ok'),
                          ('create', 'orphan-2', 'ok')])

    def test_c_recipe_destroys_the_orphans_and_keeps_the_rest(self):
        program = os.environ['CELLOS_RECONCILE_EXAMPLE']
        self.kill_supervisor('orphan-1', 'db-1', 'orphan-2')
        done = subprocess.run([program, 'db-1'], env=self.env,
                              capture_output=True, text=True, timeout=60)
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertEqual(done.stdout, 'destroyed orphan-1\nkept db-1\n'
                                      'destroyed orphan-2\n')
        self.assertEqual(self.state_cells(), ['db-1'])

        # The next start keeps nothing: none is left.
        done = subprocess.run([program], env=self.env, capture_output=True,
                              text=True, timeout=60)
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertEqual(done.stdout, 'destroyed db-1\n')
        self.assertEqual(self.state_cells(), [])
        self.assertEqual(self.ledger_lines()[-1], {'live-cells': []})

    def test_c_recipe_reports_a_cell_it_could_not_destroy(self):
        program = os.environ['CELLOS_RECONCILE_EXAMPLE']
        self.kill_supervisor('orphan-1', 'stubborn-1')
        rules = os.path.join(self.directory.name, 'rules.json')
        with open(rules, 'w', encoding='utf-8') as text:
            text.write('{"rules": [{"operation": "destroy", '
                       '"cell": "stubborn-*", "fail": {"code": "timed-out", '
                       '"message": "the VM does not stop"}}]}')
        env = dict(self.env, CELLOS_FAKE_RULES=rules)
        done = subprocess.run([program], env=env, capture_output=True,
                              text=True, timeout=60)
        self.assertEqual(done.returncode, 1)
        self.assertEqual(done.stdout, 'destroyed orphan-1\n')
        self.assertEqual(done.stderr, 'stubborn-1 is still live: '
                                      'the VM does not stop\n')
        self.assertEqual(self.state_cells(), ['stubborn-1'])

        done = subprocess.run([program], env=self.env, capture_output=True,
                              text=True, timeout=60)
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertEqual(self.state_cells(), [])

    def test_c_recipe_on_a_backend_that_cannot_list(self):
        program = os.environ['CELLOS_RECONCILE_EXAMPLE']
        env = dict(self.env, CELLOS_CELL_BACKEND='stub')
        done = subprocess.run([program], env=env, capture_output=True,
                              text=True, timeout=60)
        self.assertEqual(done.returncode, 1)
        self.assertEqual(done.stdout, '')
        self.assertTrue(done.stderr.startswith('cannot list the cells: '),
                        done.stderr)

    def python_recipe(self):
        namespace = {}
        exec(cellostest.fenced_block_after(
            USAGE, '<!-- reconcile-python-example -->'), namespace)
        return namespace['reconcile']

    def test_python_recipe_in_a_new_process_leaves_no_cell(self):
        self.kill_supervisor('orphan-1', 'web-1', 'orphan-2')
        reconcile = self.python_recipe()
        # This process is the restarted supervisor: the environment is the
        # killed one's.
        saved = dict(os.environ)
        self.addCleanup(lambda: (os.environ.clear(), os.environ.update(saved)))
        os.environ.update(self.env)
        backend = Cellos.CellBackend.new_default()

        destroyed = asyncio.run(reconcile(backend, keep={'web-1'}))
        self.assertEqual(destroyed, ['orphan-1', 'orphan-2'])
        self.assertEqual(self.state_cells(), ['web-1'])
        destroyed = asyncio.run(reconcile(backend, keep=set()))
        self.assertEqual(destroyed, ['web-1'])
        self.assertEqual(backend.list_cells(None), [])
        self.assertEqual(self.state_cells(), [])

    def test_python_recipe_raises_for_a_cell_it_could_not_destroy(self):
        reconcile = self.python_recipe()
        fake = CellosTesting.FakeBackend()
        fake.add_live_cell('orphan-1')
        fake.add_live_cell('held-1')
        fake.add_report_rule('held-*', False, 0)
        with self.assertRaises(GLib.Error) as raised:
            asyncio.run(reconcile(fake, keep=set()))
        self.assertIn('held-1', raised.exception.message)
        self.assertEqual(fake.list_live_cells(), ['held-1'])

    def test_python_recipe_on_a_backend_that_cannot_list(self):
        reconcile = self.python_recipe()
        stub = Cellos.CellBackend.new_for_name('stub')
        with self.assertRaises(GLib.Error) as raised:
            asyncio.run(reconcile(stub, keep=set()))
        self.assertTrue(raised.exception.matches(Cellos.error_quark(),
                                                 Cellos.Error.NOT_SUPPORTED))

    def test_concurrent_supervisors_lose_no_update(self):
        # Two processes write one state file at once: the lock keeps every
        # cell of both.
        count = 40
        creators = [subprocess.Popen([sys.executable, '-c', CREATOR] +
                                     ['%s-%d' % (name, i) for i in range(count)],
                                     env=self.env)
                    for name in ('a', 'b')]
        for creator in creators:
            self.assertEqual(creator.wait(timeout=120), 0)
        cells = self.state_cells()
        self.assertEqual(len(cells), 2 * count)
        self.assertEqual(sorted(cells),
                         sorted('%s-%d' % (name, i) for name in ('a', 'b')
                                for i in range(count)))
        # Each exit wrote the live cells of the state file at that moment:
        # the last line written is the truth.
        last = [r for r in self.ledger_lines() if 'live-cells' in r][-1]
        self.assertEqual(sorted(last['live-cells']), sorted(cells))


if __name__ == '__main__':
    cellostest.main()
