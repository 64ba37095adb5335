# The little of PyGObject's gi package that the Cellos stubs and the
# sample supervisors use, for the stub check in make check: Debian
# packages no stubs for PyGObject itself.

version_info: tuple[int, int, int]
__version__: str

def require_version(namespace: str, version: str) -> None: ...
