# test-usage-doc.py: the examples of the API reference's usage page
# (docs/usage.md) do what the page says: the Python example runs as written
# and prints what the page shows, and the C example, built by make check as
# docs/usage-example, prints what the page shows for the sample document.
#
# Copyright 2026 The CellOS authors
# SPDX-License-Identifier: LGPL-2.1-or-later

import os
import subprocess
import sys
import unittest

import cellostest

TOP_SRCDIR = cellostest.TOP_SRCDIR
USAGE = os.path.join(TOP_SRCDIR, 'docs', 'usage.md')


def block_after(marker):
    """The fenced block that follows the line marker in docs/usage.md."""
    return cellostest.fenced_block_after(USAGE, marker)


class UsageDocTests(unittest.TestCase):

    def test_python_example_prints_what_the_page_says(self):
        code = block_after('<!-- usage-python-example -->')
        expected = block_after('<!-- usage-python-example-output -->')
        environment = dict(os.environ, LC_ALL='C.UTF-8', LANGUAGE='')
        result = subprocess.run([sys.executable, '-c', code], env=environment,
                                capture_output=True, text=True, timeout=60)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stdout, expected)
        self.assertEqual(result.stderr, 'refused: spec.id must be non-empty\n')

    def test_c_example_prints_what_the_page_says(self):
        program = os.environ['CELLOS_USAGE_EXAMPLE']
        shown = block_after('<!-- usage-c-example-output -->').split('\n')
        self.assertTrue(shown[0].startswith('$ CELLOS_CELL_BACKEND=stub '))
        expected = '\n'.join(shown[1:])
        sample = os.path.join(TOP_SRCDIR, 'examples', 'sample-document.json')
        environment = dict(os.environ, CELLOS_CELL_BACKEND='stub',
                           LC_ALL='C.UTF-8', LANGUAGE='')
        result = subprocess.run([program, sample], env=environment,
                                capture_output=True, text=True, timeout=60)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stdout, expected)


if __name__ == '__main__':
    cellostest.main()
