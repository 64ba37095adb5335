# test-readme.py: README.md's Python example runs as written and prints what
# the README says it prints
#
# Copyright 2026 The CellOS authors
# SPDX-License-Identifier: LGPL-2.1-or-later

import os
import subprocess
import sys
import unittest

import cellostest

README = os.path.join(cellostest.TOP_SRCDIR, 'README.md')


def block_after(marker):
    """The fenced block that follows the line marker in README.md."""
    return cellostest.fenced_block_after(README, marker)


class ReadmeTests(unittest.TestCase):

    def test_python_example_prints_what_readme_says(self):
        code = block_after('<!-- python-example -->')
        expected = block_after('<!-- python-example-output -->')
        result = subprocess.run([sys.executable, '-c', code],
                                capture_output=True, text=True, timeout=60)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stderr, '')
        self.assertEqual(result.stdout, expected)

    def test_fake_example_runs_as_written(self):
        code = block_after('<!-- python-fake-example -->')
        result = subprocess.run([sys.executable, '-c', code],
                                capture_output=True, text=True, timeout=60)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stderr, '')
        self.assertEqual(result.stdout, '')


if __name__ == '__main__':
    cellostest.main()
