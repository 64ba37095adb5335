# test-stubs.py: the type stubs generated from the GIR (python/Cellos.pyi),
# checked by mypy against a sample supervisor
#
# mypy --strict must pass examples/supervisor.py, and must report an
# error on every line of stubs-wrong-supervisor.py that ends in
# "# mypy: error", and on no other. PyGObject's own namespaces come from
# the small stubs in tests/python/stubs/, as Debian packages none. Without
# mypy (configure's MYPY, passed as CELLOS_MYPY) the tests skip, saying so.
#
# Copyright 2026 The CellOS authors
# SPDX-License-Identifier: LGPL-2.1-or-later

import os
import re
import shutil
import subprocess
import tempfile
import unittest

import cellostest

MYPY = os.environ.get('CELLOS_MYPY', '')
HERE = os.path.dirname(os.path.abspath(__file__))
STUBS = os.path.join(os.environ.get('G_TEST_BUILDDIR', HERE), '..',
                     'python', 'Cellos.pyi')
SUPERVISOR = os.path.join(cellostest.TOP_SRCDIR, 'examples', 'supervisor.py')
WRONG = os.path.join(HERE, 'stubs-wrong-supervisor.py')


@unittest.skipUnless(MYPY, 'configure found no mypy')
class StubTests(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.path = tempfile.mkdtemp(prefix='cellos-mypy-')
        shutil.copytree(os.path.join(HERE, 'stubs', 'gi'),
                        os.path.join(cls.path, 'gi'))
        shutil.copy(STUBS, os.path.join(cls.path, 'gi', 'repository'))

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.path)

    def mypy(self, source):
        environment = dict(os.environ, MYPYPATH=self.path)
        environment.pop('PYTHONPATH', None)
        return subprocess.run(
            [MYPY, '--strict', '--no-incremental', '--cache-dir', os.devnull,
             '--no-error-summary', '--hide-error-context', source],
            env=environment, capture_output=True, text=True,
            timeout=cellostest.TIMEOUT_SECONDS * 4)

    def test_sample_supervisor_type_checks(self):
        result = self.mypy(SUPERVISOR)
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)

    def test_every_mistake_is_reported(self):
        with open(WRONG, encoding='utf-8') as source:
            expected = {number for number, line in enumerate(source, 1)
                        if line.rstrip().endswith('# mypy: error')}
        self.assertGreater(len(expected), 5)
        result = self.mypy(WRONG)
        self.assertEqual(result.returncode, 1, result.stdout + result.stderr)
        reported = {int(match.group(1)) for match in re.finditer(
            r'^[^:\n]*:(\d+): error:', result.stdout, re.MULTILINE)}
        self.assertEqual(reported, expected, result.stdout)


if __name__ == '__main__':
    cellostest.main()
