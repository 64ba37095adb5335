# Python: the PyGObject overrides, gi.overrides.Cellos, installed where the
# gi package configure found looks for them (pyoverridesdir), and the type
# stubs generated from the GIR, gi-stubs/repository/Cellos.pyi beside it
# (pystubsdir), where mypy finds them for "from gi.repository import
# Cellos". The Python tests load the overrides from the source tree
# (tests/python/local.mk); test-stubs.py checks the stubs with mypy.

cellos_pyoverrides = python/gi/overrides/Cellos.py

if INSTALL_PYOVERRIDES
pyoverrides_DATA = $(cellos_pyoverrides)
endif

# The generator needs no gi; any Python 3 runs it.
cellos_stubs_python = $(or $(PYTHON_GI),python3)

if HAVE_INTROSPECTION
python/Cellos.pyi: lib/Cellos-1.0.gir $(srcdir)/python/gen-stubs.py
	$(AM_V_GEN)$(MKDIR_P) python && \
	$(cellos_stubs_python) $(srcdir)/python/gen-stubs.py lib/Cellos-1.0.gir $@

if INSTALL_PYOVERRIDES
pystubs_DATA = python/Cellos.pyi
else
check_DATA = python/Cellos.pyi
endif
CLEANFILES += python/Cellos.pyi
endif

EXTRA_DIST += \
	$(cellos_pyoverrides) \
	python/gen-stubs.py
