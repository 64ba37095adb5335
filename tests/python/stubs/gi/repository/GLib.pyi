# The parts of GLib the Cellos stubs and the sample supervisors use.
from typing import Any, Callable

Quark = int
SOURCE_REMOVE: bool
SOURCE_CONTINUE: bool
PRIORITY_DEFAULT: int


class Error(Exception):
    domain: str
    code: int
    message: str
    def __init__(self, message: str = ..., domain: str = ..., code: int = ...) -> None: ...
    def matches(self, domain: Quark, code: int) -> bool: ...


class Variant:
    def unpack(self) -> Any: ...


class MainLoop:
    def __init__(self) -> None: ...
    def run(self) -> None: ...
    def quit(self) -> None: ...


def quark_to_string(quark: Quark) -> str: ...
def timeout_add(interval: int, function: Callable[..., bool], *data: Any) -> int: ...
