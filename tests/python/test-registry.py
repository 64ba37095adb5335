# test-registry.py: choosing a backend by name and by default, from Python
#
# Copyright 2026 The CellOS authors
# SPDX-License-Identifier: LGPL-2.1-or-later

import os
import shutil
import subprocess
import sys
import tempfile
import unittest

# The registry reads its module directory once, on first use: keep any
# installed backend modules out of this process before that.
EMPTY_MODULE_DIR = tempfile.mkdtemp(prefix='cellos-no-backends-')
os.environ['CELLOS_BACKEND_MODULE_DIR'] = EMPTY_MODULE_DIR
os.environ.pop('CELLOS_CELL_BACKEND', None)

import cellostest  # noqa: E402
from cellostest import Cellos, GLib  # noqa: E402


def is_backend_not_found(error):
    return error.matches(Cellos.error_quark(), Cellos.Error.BACKEND_NOT_FOUND)


class RegistryTests(unittest.TestCase):

    def tearDown(self):
        os.environ.pop('CELLOS_CELL_BACKEND', None)

    def test_list_names_has_only_the_built_in_backends(self):
        self.assertEqual(list(Cellos.CellBackend.list_names()),
                         ['stub'])

    def test_lookup_name_stub(self):
        found, priority, module_path = Cellos.CellBackend.lookup_name('stub')
        self.assertTrue(found)
        self.assertLess(priority, 0)
        self.assertIsNone(module_path)
        self.assertFalse(Cellos.CellBackend.priority_isolates(priority))

    def test_lookup_name_unknown(self):
        found, priority, module_path = Cellos.CellBackend.lookup_name('gvisor')
        self.assertFalse(found)

    def test_priority_isolates_is_at_least_zero(self):
        self.assertTrue(Cellos.CellBackend.priority_isolates(0))
        self.assertTrue(Cellos.CellBackend.priority_isolates(10))
        self.assertFalse(Cellos.CellBackend.priority_isolates(-1))

    def test_new_for_name_stub(self):
        backend = Cellos.CellBackend.new_for_name('stub')
        self.assertIsInstance(backend, Cellos.StubBackend)
        self.assertIsInstance(backend, Cellos.CellBackend)

    def test_new_for_name_unknown_lists_available(self):
        with self.assertRaises(GLib.Error) as caught:
            Cellos.CellBackend.new_for_name('firecracker')
        self.assertTrue(is_backend_not_found(caught.exception))
        self.assertIn('firecracker', caught.exception.message)
        self.assertIn('stub', caught.exception.message)

    def test_default_unset_is_not_found_without_isolating_backend(self):
        with self.assertRaises(GLib.Error) as caught:
            Cellos.CellBackend.new_default()
        self.assertTrue(is_backend_not_found(caught.exception))
        self.assertIn('CELLOS_CELL_BACKEND=stub', caught.exception.message)

    def test_default_honours_environment(self):
        os.environ['CELLOS_CELL_BACKEND'] = 'stub'
        backend = Cellos.CellBackend.new_default()
        self.assertIsInstance(backend, Cellos.StubBackend)
        handle = backend.create(Cellos.ExecutionCellDocument(id='py'), None)
        self.assertEqual(handle.props.cell_id, 'py')

    def test_default_unknown_name_never_falls_back(self):
        os.environ['CELLOS_CELL_BACKEND'] = 'gvisor'
        with self.assertRaises(GLib.Error) as caught:
            Cellos.CellBackend.new_default()
        self.assertTrue(is_backend_not_found(caught.exception))
        self.assertIn('gvisor', caught.exception.message)


# Run in a fresh interpreter, whose registry loads the test module.
MODULE_SCRIPT = '''
import gi
gi.require_version('Cellos', '1.0')
from gi.repository import Cellos
print(','.join(Cellos.CellBackend.list_names()))
backend = Cellos.CellBackend.new_default()
print(type(backend).__name__)
handle = backend.create(Cellos.ExecutionCellDocument(id='py'), None)
print(handle.props.cgroup_path)
'''


class ModuleTests(unittest.TestCase):

    def setUp(self):
        self.module_dir = tempfile.mkdtemp(prefix='cellos-backends-')
        shutil.copy(os.environ['CELLOS_TEST_BACKEND_MODULE'],
                    os.path.join(self.module_dir, 'libcellos-test-backend.so'))

    def tearDown(self):
        shutil.rmtree(self.module_dir)

    def test_isolating_module_is_the_default(self):
        environment = dict(os.environ, CELLOS_BACKEND_MODULE_DIR=self.module_dir)
        environment.pop('CELLOS_CELL_BACKEND', None)
        output = subprocess.run([sys.executable, '-c', MODULE_SCRIPT], env=environment,
                                check=True, capture_output=True, text=True).stdout
        self.assertEqual(output.splitlines(), [
            'test-isolating,stub',
            'TestIsolatingBackend',
            '/sys/fs/cgroup/cellos-test/py',
        ])


# A backend in Python that says whether it can run here, through GInitable;
# run in a fresh interpreter, whose registry has no other backends.
AVAILABILITY_SCRIPT = '''
import gi
gi.require_version('Cellos', '1.0')
from gi.repository import Cellos, Gio, GLib, GObject


class NoKvmBackend(GObject.Object, Gio.Initable, Cellos.CellBackend):
    def do_init(self, cancellable):
        raise GLib.Error('no KVM on this host', 'g-io-error-quark',
                         Gio.IOErrorEnum.NOT_SUPPORTED)


class ReadyBackend(GObject.Object, Gio.Initable, Cellos.CellBackend):
    initialised = False

    def do_init(self, cancellable):
        self.initialised = True
        return True

    def do_create(self, document, cancellable):
        return Cellos.CellHandle(cell_id=document.props.id)


Cellos.CellBackend.list_names()
Gio.IOExtensionPoint.implement('cellos-cell-backend', NoKvmBackend.__gtype__, 'no-kvm', 50)
try:
    Cellos.CellBackend.new_for_name('no-kvm')
except GLib.Error as error:
    print('new_for_name', error.matches(Gio.io_error_quark(), Gio.IOErrorEnum.NOT_SUPPORTED),
          'no KVM on this host' in error.message)
try:
    Cellos.CellBackend.check_available('no-kvm')
except GLib.Error as error:
    print('check_available', error.matches(Gio.io_error_quark(), Gio.IOErrorEnum.NOT_SUPPORTED))
try:
    Cellos.CellBackend.new_default()
except GLib.Error as error:
    print('default', error.matches(Cellos.error_quark(), Cellos.Error.BACKEND_NOT_FOUND),
          'no-kvm' in error.message, 'no KVM on this host' in error.message)
Gio.IOExtensionPoint.implement('cellos-cell-backend', ReadyBackend.__gtype__, 'ready', 10)
backend = Cellos.CellBackend.new_default()
print('default', type(backend).__name__, backend.initialised)
print('check_available', Cellos.CellBackend.check_available('ready'))
'''


class AvailabilityTests(unittest.TestCase):

    def test_python_backend_availability(self):
        environment = dict(os.environ, CELLOS_BACKEND_MODULE_DIR=EMPTY_MODULE_DIR)
        environment.pop('CELLOS_CELL_BACKEND', None)
        output = subprocess.run([sys.executable, '-c', AVAILABILITY_SCRIPT], env=environment,
                                check=True, capture_output=True, text=True).stdout
        self.assertEqual(output.splitlines(), [
            'new_for_name True True',
            'check_available True',
            'default True True True',
            'default ReadyBackend True',
            'check_available True',
        ])


if __name__ == '__main__':
    try:
        cellostest.main()
    finally:
        os.rmdir(EMPTY_MODULE_DIR)
