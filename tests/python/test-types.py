# test-types.py: every Cellos type through GI, from Python
#
# Copyright 2026 The CellOS authors
# SPDX-License-Identifier: LGPL-2.1-or-later

import os
import unittest

import cellostest
from cellostest import Cellos, GLib, GObject


def mapped_files(name):
    """The files of this process's memory mappings whose name has name."""
    with open('/proc/self/maps') as maps:
        return {os.path.realpath(line.split()[-1]) for line in maps
                if name in line}


class UninstalledBuildTests(unittest.TestCase):
    """Pins that make check tests the build, not an installed libcellos."""

    def test_typelib_comes_from_the_build_tree(self):
        Cellos.StubBackend()
        build_dir = os.environ['GI_TYPELIB_PATH'].split(os.pathsep)[0]
        self.assertEqual(mapped_files('Cellos-1.0.typelib'),
                         {os.path.join(os.path.realpath(build_dir),
                                       'Cellos-1.0.typelib')})

    def test_library_comes_from_the_build_tree(self):
        Cellos.StubBackend()
        build_dir = os.environ['LD_LIBRARY_PATH'].split(os.pathsep)[0]
        libraries = mapped_files('libcellos-1.0.so')
        self.assertEqual(len(libraries), 1, libraries)
        self.assertEqual(os.path.dirname(libraries.pop()),
                         os.path.realpath(build_dir))


class ExecutionCellDocumentTests(unittest.TestCase):

    def test_keyword_properties_read_back(self):
        document = Cellos.ExecutionCellDocument(id='build-42',
                                                argv=['/bin/echo', 'hi'])
        self.assertEqual(document.props.id, 'build-42')
        self.assertEqual(document.props.argv, ['/bin/echo', 'hi'])
        self.assertEqual(document.get_id(), 'build-42')
        self.assertEqual(document.get_argv(), ['/bin/echo', 'hi'])

    def test_unset_properties_are_empty(self):
        document = Cellos.ExecutionCellDocument()
        self.assertIsNone(document.props.id)
        # PyGObject 3.42 gives a NULL string array as [], newer ones None.
        self.assertIn(document.props.argv, (None, []))

    def test_setters_change_properties(self):
        document = Cellos.ExecutionCellDocument.new('a')
        document.set_id('b')
        document.set_argv(['/bin/true'])
        self.assertEqual(document.props.id, 'b')
        self.assertEqual(document.props.argv, ['/bin/true'])
        document.set_argv(None)
        self.assertIn(document.get_argv(), (None, []))

    def test_setting_id_notifies(self):
        document = Cellos.ExecutionCellDocument(id='a')
        notified = []
        document.connect('notify::id', lambda *args: notified.append(args))
        document.props.id = 'b'
        self.assertEqual(len(notified), 1)


class CellHandleTests(unittest.TestCase):

    def test_keyword_properties_read_back(self):
        handle = Cellos.CellHandle(
            cell_id='cell-1',
            cgroup_path='/sys/fs/cgroup/cellos/cell-1',
            kernel_digest_sha256='a' * 64,
            rootfs_digest_sha256='b' * 64,
            firecracker_digest_sha256='c' * 64,
            nft_rules_applied=['add table inet cell-1'])
        self.assertEqual(handle.props.cell_id, 'cell-1')
        self.assertEqual(handle.props.cgroup_path,
                         '/sys/fs/cgroup/cellos/cell-1')
        self.assertEqual(handle.props.kernel_digest_sha256, 'a' * 64)
        self.assertEqual(handle.props.rootfs_digest_sha256, 'b' * 64)
        self.assertEqual(handle.props.firecracker_digest_sha256, 'c' * 64)
        self.assertEqual(handle.props.nft_rules_applied,
                         ['add table inet cell-1'])
        self.assertEqual(handle.get_cell_id(), 'cell-1')
        self.assertEqual(handle.get_cgroup_path(),
                         '/sys/fs/cgroup/cellos/cell-1')
        self.assertEqual(handle.get_kernel_digest_sha256(), 'a' * 64)
        self.assertEqual(handle.get_rootfs_digest_sha256(), 'b' * 64)
        self.assertEqual(handle.get_firecracker_digest_sha256(), 'c' * 64)
        self.assertEqual(handle.get_nft_rules_applied(),
                         ['add table inet cell-1'])

    def test_optional_properties_default_to_none(self):
        handle = Cellos.CellHandle(cell_id='cell-1')
        self.assertIsNone(handle.get_cgroup_path())
        self.assertIsNone(handle.get_kernel_digest_sha256())
        self.assertIsNone(handle.get_rootfs_digest_sha256())
        self.assertIsNone(handle.get_firecracker_digest_sha256())
        self.assertIn(handle.get_nft_rules_applied(), (None, []))

    def test_details_survive_rebuild(self):
        details = GLib.Variant('a{sv}', {
            'pid': GLib.Variant('u', 4242),
            'socket': GLib.Variant('s', '/run/cellos/cell-1.sock'),
        })
        handle = Cellos.CellHandle(cell_id='cell-1', details=details)
        self.assertEqual(handle.get_details().unpack(),
                         {'pid': 4242, 'socket': '/run/cellos/cell-1.sock'})
        # As a supervisor that restarts rebuilds it, from stored text.
        text = handle.props.details.print_(True)
        rebuilt = Cellos.CellHandle(cell_id=handle.props.cell_id,
                                    details=GLib.Variant.parse(GLib.VariantType('a{sv}'),
                                                               text, None, None))
        self.assertTrue(rebuilt.get_details().equal(details))

    def test_details_default_to_none(self):
        self.assertIsNone(Cellos.CellHandle(cell_id='cell-1').get_details())

    def test_properties_are_construct_only(self):
        for pspec in GObject.list_properties(Cellos.CellHandle):
            self.assertTrue(pspec.flags & GObject.ParamFlags.CONSTRUCT_ONLY,
                            pspec.name)


class TeardownReportTests(unittest.TestCase):

    def test_keyword_properties_read_back(self):
        report = Cellos.TeardownReport(cell_id='cell-1', destroyed=True,
                                       peers_tracked_after=3)
        self.assertEqual(report.props.cell_id, 'cell-1')
        self.assertIs(report.props.destroyed, True)
        self.assertEqual(report.props.peers_tracked_after, 3)
        self.assertEqual(report.get_cell_id(), 'cell-1')
        self.assertIs(report.get_destroyed(), True)
        self.assertEqual(report.get_peers_tracked_after(), 3)

    def test_properties_are_construct_only(self):
        for pspec in GObject.list_properties(Cellos.TeardownReport):
            self.assertTrue(pspec.flags & GObject.ParamFlags.CONSTRUCT_ONLY,
                            pspec.name)


class StubBackendTests(unittest.TestCase):

    def test_constructs_and_implements_cell_backend(self):
        for stub in (Cellos.StubBackend(), Cellos.StubBackend.new()):
            self.assertIsInstance(stub, Cellos.StubBackend)
            self.assertIsInstance(stub, Cellos.CellBackend)
            self.assertTrue(GObject.type_is_a(stub.__gtype__,
                                              Cellos.CellBackend.__gtype__))


class ErrorTests(unittest.TestCase):

    def test_error_is_an_error_domain(self):
        self.assertEqual(Cellos.Error.quark(), Cellos.error_quark())
        self.assertEqual(GLib.quark_to_string(Cellos.error_quark()),
                         'cellos-error-quark')

    def test_error_codes_are_an_enumeration(self):
        self.assertEqual([int(Cellos.Error.INVALID_SPEC),
                          int(Cellos.Error.INVALID_DOCUMENT),
                          int(Cellos.Error.BACKEND_NOT_FOUND),
                          int(Cellos.Error.FAILED)], [0, 1, 2, 3])
        self.assertEqual(Cellos.Error.__gtype__.name, 'CellosError')


class VersionTests(unittest.TestCase):

    def test_check_version_accepts_this_version(self):
        self.assertIsNone(Cellos.check_version(Cellos.MAJOR_VERSION,
                                               Cellos.MINOR_VERSION,
                                               Cellos.MICRO_VERSION))

    def test_check_version_refuses_a_newer_major(self):
        self.assertIsNotNone(Cellos.check_version(Cellos.MAJOR_VERSION + 1,
                                                  0, 0))


if __name__ == '__main__':
    cellostest.main()
