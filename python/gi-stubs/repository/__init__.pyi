# gi.repository type stubs: the namespaces libcellos gives stubs for,
# Cellos and CellosTesting, are the modules beside this file; every other
# namespace (GLib, Gio, GObject…) is untyped, Any to a type checker, as
# no Debian package gives stubs for PyGObject's own namespaces. Without
# this file mypy would report "gi.repository has no attribute GLib".
#
# Copyright 2026 The CellOS authors
# SPDX-License-Identifier: LGPL-2.1-or-later

from typing import Any

def __getattr__(name: str) -> Any: ...
