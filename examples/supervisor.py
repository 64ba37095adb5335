#!/usr/bin/env python3
# supervisor.py: a small asyncio supervisor on libcellos, typed
#
# Runs every document given (or three made-up ones) through create and
# destroy at once on the backend named by --backend (the stub by
# default), each create with a deadline, and says what became of each
# cell. It uses the Python overrides (awaitable calls, deadlines, late
# cells), and make check type-checks it with mypy against the stubs
# generated from the GIR.
#
# Usage: supervisor.py [--backend NAME] [DOCUMENT.json...]
#
# Copyright 2026 The CellOS authors
# SPDX-License-Identifier: LGPL-2.1-or-later

import asyncio
import sys
from typing import Optional

import gi

gi.require_version('Cellos', '1.0')
gi.require_version('Gio', '2.0')
gi.require_version('GLib', '2.0')
from gi.repository import Cellos, Gio, GLib  # noqa: E402

CREATE_TIMEOUT_SECONDS = 10.0


class Supervisor:
    """Keeps the cells it made, and destroys what is left at the end."""

    def __init__(self, backend: Cellos.CellBackend) -> None:
        self.backend = backend
        self.cells: dict[str, Cellos.CellHandle] = {}

    def adopt(self, handle: Cellos.CellHandle) -> None:
        """Takes a cell that came back too late for its caller."""
        self.cells[handle.get_cell_id()] = handle

    async def run(self, document: Cellos.ExecutionCellDocument) -> str:
        try:
            handle = await self.backend.create_async(
                document, timeout=CREATE_TIMEOUT_SECONDS,
                on_late_handle=self.adopt)
        except GLib.Error as error:
            if error.matches(Cellos.error_quark(), Cellos.Error.TIMED_OUT):
                return '%s: not created in time' % document.get_id()
            return '%s: refused: %s' % (document.get_id(), error.message)
        self.cells[handle.get_cell_id()] = handle
        return await self.stop(handle)

    async def stop(self, handle: Cellos.CellHandle) -> str:
        report = await self.backend.destroy_async(handle)
        cell_id: Optional[str] = report.get_cell_id()
        if report.get_destroyed():
            self.cells.pop(handle.get_cell_id(), None)
        return '%s: destroyed=%s' % (cell_id, report.get_destroyed())

    async def shutdown(self) -> None:
        for handle in list(self.cells.values()):
            await self.stop(handle)


def read_documents(paths: list[str]) -> list[Cellos.ExecutionCellDocument]:
    if not paths:
        return [Cellos.ExecutionCellDocument(id='cell-%d' % n, argv=['/bin/true'])
                for n in range(3)]
    return [Cellos.ExecutionCellDocument.new_from_file(
                Gio.File.new_for_path(path), None) for path in paths]


async def main(argv: list[str]) -> int:
    name = 'stub'
    if argv[:1] == ['--backend'] and len(argv) > 1:
        name, argv = argv[1], argv[2:]
    try:
        backend = Cellos.CellBackend.new_for_name(name)
        documents = read_documents(argv)
    except GLib.Error as error:
        print('supervisor: %s' % error.message, file=sys.stderr)
        return 1
    supervisor = Supervisor(backend)
    try:
        for line in await asyncio.gather(*(supervisor.run(d) for d in documents)):
            print(line)
    finally:
        await supervisor.shutdown()
    return 0


if __name__ == '__main__':
    sys.exit(asyncio.run(main(sys.argv[1:])))
