# The parts of GObject the Cellos stubs and the sample supervisors use.
from typing import Any


class GType:
    name: str


class Object:
    props: Any
    def __init__(self, **properties: Any) -> None: ...
    def get_property(self, name: str) -> Any: ...
    def set_property(self, name: str, value: Any) -> None: ...
    def connect(self, signal: str, handler: Any, *data: Any) -> int: ...
    __gtype__: GType


class GInterface:
    __gtype__: GType


class GEnum(int):
    value_nick: str
    value_name: str


class GFlags(int):
    first_value_nick: str
