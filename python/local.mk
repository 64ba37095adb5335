# Python: the PyGObject overrides, gi.overrides.Cellos, installed where the
# gi package configure found looks for them (pyoverridesdir). The Python
# tests load them from the source tree (tests/python/local.mk).

cellos_pyoverrides = python/gi/overrides/Cellos.py

if INSTALL_PYOVERRIDES
pyoverrides_DATA = $(cellos_pyoverrides)
endif

EXTRA_DIST += $(cellos_pyoverrides)
