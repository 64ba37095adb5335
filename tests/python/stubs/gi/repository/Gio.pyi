# The parts of Gio the Cellos stubs and the sample supervisors use.
from gi.repository import GObject


class Cancellable(GObject.Object):
    def __init__(self) -> None: ...
    def cancel(self) -> None: ...
    def is_cancelled(self) -> bool: ...
    def set_error_if_cancelled(self) -> bool: ...


class AsyncResult(GObject.GInterface): ...


class Initable(GObject.GInterface): ...


class File(GObject.Object):
    @staticmethod
    def new_for_path(path: str) -> File: ...


class InputStream(GObject.Object): ...


class IOErrorEnum(GObject.GEnum):
    CANCELLED: IOErrorEnum


def io_error_quark() -> int: ...
