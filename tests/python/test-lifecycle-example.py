# test-lifecycle-example.py: examples/lifecycle.py does what lifecycle.c does
#
# Copyright 2026 The CellOS authors
# SPDX-License-Identifier: LGPL-2.1-or-later

import os
import subprocess
import sys
import tempfile
import unittest

import cellostest

EXAMPLE = os.path.join(cellostest.TOP_SRCDIR, 'examples', 'lifecycle.py')
SAMPLE = os.path.join(cellostest.TOP_SRCDIR, 'examples', 'sample-document.json')
C_EXAMPLE = os.path.join(os.environ['G_TEST_BUILDDIR'], '..', 'examples',
                         'lifecycle')


def run(*args):
    return subprocess.run(args, capture_output=True, text=True, timeout=60)


class LifecycleExampleTests(unittest.TestCase):

    def assert_same_as_c_example(self, *args):
        python = run(sys.executable, EXAMPLE, *args)
        c = run(C_EXAMPLE, *[arg for arg in args if arg != '--async'])
        self.assertEqual(python.returncode, 0, python.stderr)
        self.assertEqual(c.returncode, 0, c.stderr)
        self.assertEqual(python.stdout, c.stdout)
        self.assertIn('created cell ', python.stdout)
        self.assertIn('destroyed=true', python.stdout)

    def test_sync_prints_what_the_c_example_prints(self):
        self.assert_same_as_c_example(SAMPLE)

    def test_async_prints_what_the_c_example_prints(self):
        self.assert_same_as_c_example('--async', SAMPLE)

    def test_without_document_runs_example_cell(self):
        self.assert_same_as_c_example()
        self.assertIn('created cell example-cell\n',
                      run(sys.executable, EXAMPLE, '--async').stdout)

    def test_empty_id_fails_with_invalid_spec_message(self):
        with tempfile.NamedTemporaryFile('w', suffix='.json') as document:
            document.write('{"spec": {"id": ""}}')
            document.flush()
            for mode in ([], ['--async']):
                result = run(sys.executable, EXAMPLE, *mode, document.name)
                self.assertEqual(result.returncode, 1, mode)
                self.assertEqual(result.stderr,
                                 'lifecycle: create: spec.id must be non-empty\n')


if __name__ == '__main__':
    cellostest.main()
