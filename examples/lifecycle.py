#!/usr/bin/env python3
# lifecycle.py: create a cell on the stub backend and destroy it again,
# from Python through GObject introspection (examples/lifecycle.c in C).
#
# Usage: lifecycle.py [--async] [DOCUMENT.json]
#
# Copyright 2026 The CellOS authors
# SPDX-License-Identifier: LGPL-2.1-or-later

import sys

import gi

gi.require_version('Cellos', '1.0')
gi.require_version('Gio', '2.0')
gi.require_version('GLib', '2.0')
from gi.repository import Cellos, Gio, GLib  # noqa: E402


def read_document(args):
    if args:
        file = Gio.File.new_for_commandline_arg(args[0])
        return Cellos.ExecutionCellDocument.new_from_file(file, None)
    return Cellos.ExecutionCellDocument(id='example-cell', argv=['/bin/true'])


def print_handle(handle):
    """Every field of the handle; the stub leaves all but the id unset."""
    print('created cell %s' % handle.get_cell_id())
    print('  cgroup-path: %s' % (handle.get_cgroup_path() or 'none'))
    print('  kernel-digest-sha256: %s'
          % (handle.get_kernel_digest_sha256() or 'none'))
    print('  rootfs-digest-sha256: %s'
          % (handle.get_rootfs_digest_sha256() or 'none'))
    print('  firecracker-digest-sha256: %s'
          % (handle.get_firecracker_digest_sha256() or 'none'))
    # PyGObject gives [] for a NULL string array.
    print('  nft-rules-applied: %s'
          % (', '.join(handle.get_nft_rules_applied() or []) or 'none'))


def print_report(report):
    print('destroyed cell %s: destroyed=%s peers-tracked-after=%u'
          % (report.get_cell_id(), 'true' if report.get_destroyed() else 'false',
             report.get_peers_tracked_after()))


def lifecycle_sync(backend, document):
    """Blocks in create, then in destroy."""
    try:
        handle = backend.create(document, None)
    except GLib.Error as error:
        raise SystemExit('lifecycle: create: %s' % error.message)
    print_handle(handle)

    try:
        report = backend.destroy(handle, None)
    except GLib.Error as error:
        raise SystemExit('lifecycle: destroy: %s' % error.message)
    print_report(report)


def lifecycle_async(backend, document):
    """Runs create, then destroy, on a main loop, as a program with a user
    interface or a server would."""
    loop = GLib.MainLoop()
    failure = []

    def fail(message):
        failure.append(message)
        loop.quit()

    def destroyed(backend, result):
        try:
            print_report(backend.destroy_finish(result))
        except GLib.Error as error:
            fail('lifecycle: destroy: %s' % error.message)
            return
        loop.quit()

    def created(backend, result):
        try:
            handle = backend.create_finish(result)
        except GLib.Error as error:
            fail('lifecycle: create: %s' % error.message)
            return
        print_handle(handle)
        backend.destroy_async(handle, None, destroyed)

    backend.create_async(document, None, created)
    loop.run()
    if failure:
        raise SystemExit(failure[0])


def main(args):
    use_async = '--async' in args
    args = [arg for arg in args if arg != '--async']
    try:
        document = read_document(args)
    except GLib.Error as error:
        raise SystemExit('lifecycle: %s' % error.message)

    # The stub isolates nothing; a supervisor picks a real backend.
    backend = Cellos.StubBackend()

    if use_async:
        lifecycle_async(backend, document)
    else:
        lifecycle_sync(backend, document)


if __name__ == '__main__':
    main(sys.argv[1:])
