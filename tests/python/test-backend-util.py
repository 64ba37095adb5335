# test-backend-util.py: what every backend needs, from Python
#
# Copyright 2026 The CellOS authors
# SPDX-License-Identifier: LGPL-2.1-or-later

import os
import subprocess
import sys
import unittest

import cellostest
from cellostest import Cellos

# Writes one operation record, the way a Python backend would; run in a
# fresh interpreter, so that the parent sets G_MESSAGES_DEBUG for it.
LOG_SCRIPT = '''
import gi
gi.require_version('Cellos', '1.0')
from gi.repository import Cellos
Cellos.log_backend_operation('pybackend', 'create', 'py-cell-1')
'''


class BackendGetenvTests(unittest.TestCase):

    def tearDown(self):
        os.environ.pop('CELLOS_TEST_SETTING', None)

    def test_reads_the_environment(self):
        os.environ['CELLOS_TEST_SETTING'] = '/srv/cells'
        self.assertEqual(Cellos.backend_getenv('CELLOS_TEST_SETTING'), '/srv/cells')

    def test_unset_is_none(self):
        os.environ.pop('CELLOS_TEST_SETTING', None)
        self.assertIsNone(Cellos.backend_getenv('CELLOS_TEST_SETTING'))


class LogBackendOperationTests(unittest.TestCase):

    def run_script(self, messages_debug):
        environment = dict(os.environ)
        environment.pop('G_MESSAGES_DEBUG', None)
        if messages_debug is not None:
            environment['G_MESSAGES_DEBUG'] = messages_debug
        return subprocess.run([sys.executable, '-c', LOG_SCRIPT], env=environment,
                              check=True, capture_output=True, text=True)

    # GLib's default writer chose standard output or error for debug
    # records differently over time: look at both.
    def test_record_shown_with_messages_debug(self):
        result = self.run_script('Cellos')
        self.assertIn('pybackend create py-cell-1', result.stdout + result.stderr)

    def test_nothing_without_messages_debug(self):
        result = self.run_script(None)
        self.assertNotIn('py-cell-1', result.stdout + result.stderr)


if __name__ == '__main__':
    cellostest.main()
