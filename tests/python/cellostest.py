# cellostest.py: what the Python tests share
#
# Loads Cellos through GI, runs a test module's unittest cases with TAP
# output (one line per test case, for automake's tap-driver.sh) and drives
# asynchronous calls on a GLib.MainLoop.
#
# Copyright 2026 The CellOS authors
# SPDX-License-Identifier: LGPL-2.1-or-later

import json
import os
import sys
import traceback
import unittest

import gi

gi.require_version('GLib', '2.0')
gi.require_version('GObject', '2.0')
gi.require_version('Gio', '2.0')
gi.require_version('Cellos', '1.0')

from gi.repository import Cellos, Gio, GLib, GObject  # noqa: E402

__all__ = ['Cellos', 'Gio', 'GLib', 'GObject', 'AsyncTestCase', 'TOP_SRCDIR',
           'fenced_block_after', 'main', 'strict_json']

# The source tree: the tests check documents in it against what runs.
TOP_SRCDIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..')

# How long an asynchronous test may wait for its callback.
TIMEOUT_SECONDS = 30


def _refuse_duplicates(pairs):
    names = [name for name, _ in pairs]
    if len(names) != len(set(names)):
        raise ValueError('a member is given twice: %r' % names)
    return dict(pairs)


def _refuse_constant(name):
    raise ValueError('%s is not JSON' % name)


def strict_json(text):
    """The value of text, read as RFC 8259 JSON strictly: no repeated
    member, no NaN or Infinity, no raw control character in a string;
    ValueError otherwise."""
    return json.loads(text, strict=True, object_pairs_hook=_refuse_duplicates,
                      parse_constant=_refuse_constant)


def fenced_block_after(path, marker):
    """The fenced block that follows the line marker in the file at path."""
    with open(path, encoding='utf-8') as document:
        lines = document.read().split('\n')
    start = lines.index(marker) + 1
    if not lines[start].startswith('```'):
        raise ValueError('no fenced block after %s in %s' % (marker, path))
    end = lines.index('```', start + 1)
    return '\n'.join(lines[start + 1:end]) + '\n'


class AsyncTestCase(unittest.TestCase):
    """A test case with a main loop for asynchronous calls."""

    def run_async(self, start, finish):
        """Calls start(callback) and runs a main loop until the callback
        comes; returns finish(source, result), or raises what it raised."""
        loop = GLib.MainLoop()
        outcome = {}

        def callback(source, result):
            try:
                outcome['value'] = finish(source, result)
            except Exception as error:  # handed to the test below
                outcome['error'] = error
            loop.quit()

        def timeout():
            outcome['timeout'] = True
            loop.quit()
            return GLib.SOURCE_REMOVE

        timeout_id = GLib.timeout_add_seconds(TIMEOUT_SECONDS, timeout)
        start(callback)
        # GIO's rule: the callback never runs before the call returns.
        self.assertEqual(outcome, {}, 'callback ran before the call returned')
        loop.run()
        if 'timeout' in outcome:
            self.fail('no callback within %d seconds' % TIMEOUT_SECONDS)
        GLib.source_remove(timeout_id)
        if 'error' in outcome:
            raise outcome['error']
        return outcome['value']


class TapResult(unittest.TestResult):
    """Writes one TAP line per test case as it finishes."""

    def __init__(self, stream):
        super().__init__()
        self.stream = stream
        self.number = 0
        self.outcome = None

    def _diagnostics(self, err):
        text = ''.join(traceback.format_exception(*err))
        return ['# ' + line for line in text.rstrip('\n').split('\n')]

    def startTest(self, test):
        super().startTest(test)
        self.outcome = ('ok', '', [])

    def addFailure(self, test, err):
        super().addFailure(test, err)
        self.outcome = ('not ok', '', self._diagnostics(err))

    def addError(self, test, err):
        super().addError(test, err)
        self.outcome = ('not ok', '', self._diagnostics(err))

    def addSubTest(self, test, subtest, err):
        super().addSubTest(test, subtest, err)
        if err is not None:
            self.outcome = ('not ok', '',
                            ['# in %s' % subtest.id()] + self._diagnostics(err))

    def addSkip(self, test, reason):
        super().addSkip(test, reason)
        self.outcome = ('ok', ' # SKIP ' + reason, [])

    def addExpectedFailure(self, test, err):
        super().addExpectedFailure(test, err)
        self.outcome = ('not ok', ' # TODO expected failure', [])

    def addUnexpectedSuccess(self, test):
        super().addUnexpectedSuccess(test)
        self.outcome = ('not ok', '', ['# unexpected success'])

    def stopTest(self, test):
        super().stopTest(test)
        self.number += 1
        status, directive, diagnostics = self.outcome
        name = test.id().split('.', 1)[-1]
        lines = ['%s %d - %s%s' % (status, self.number, name, directive)]
        self.stream.write('\n'.join(lines + diagnostics) + '\n')
        self.stream.flush()


def main(module='__main__'):
    """Runs the test cases of module with TAP output; exits non-zero if
    any failed."""
    suite = unittest.defaultTestLoader.loadTestsFromModule(sys.modules[module])
    print('1..%d' % suite.countTestCases(), flush=True)
    result = TapResult(sys.stdout)
    suite.run(result)
    sys.exit(0 if result.wasSuccessful() else 1)
