# stubs-wrong-supervisor.py: mistakes a supervisor could make, each of
# which mypy must report from the generated Cellos stubs: every line that
# ends in "# mypy: error" must get an error, and no other line. Never run.
#
# Copyright 2026 The CellOS authors
# SPDX-License-Identifier: LGPL-2.1-or-later

import gi

gi.require_version('Cellos', '1.0')
from gi.repository import Cellos  # noqa: E402


async def wrong(backend: Cellos.CellBackend) -> None:
    document = Cellos.ExecutionCellDocument(id='w')
    handle = await backend.create_async(document)
    handle.get_cell_idd()  # mypy: error
    await backend.create_async('not a document')  # mypy: error
    await backend.destroy_async(document)  # mypy: error
    await backend.destroy_async(handle, timeout='soon')  # mypy: error
    report = await backend.destroy_async(handle)
    destroyed: str = report.get_destroyed()  # mypy: error
    backend.create_async(document, None, print, timeout=1.0)  # mypy: error
    await backend.destroy_async(handle, on_late_handle=print)  # mypy: error
    Cellos.Error.TIMED_OUTT  # mypy: error
    Cellos.CellBackend.list_names().append(1)  # mypy: error
    await backend.destroy_with_timeout_async(handle, 100, timeout=1.0)  # mypy: error
    cells: list[str] = await backend.list_cells_async()  # mypy: error
    late = await backend.create_with_timeout_async(document, 100)
    late.get_cell_idd()  # mypy: error
    print(destroyed)
