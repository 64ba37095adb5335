# Python: the PyGObject overrides, gi.overrides.Cellos, installed where the
# gi package configure found looks for them (pyoverridesdir), and the type
# stubs generated from the GIRs, gi-stubs/repository/Cellos.pyi and
# CellosTesting.pyi beside it (pystubsdir), where mypy finds them for
# "from gi.repository import Cellos". The Python tests load the overrides
# from the source tree (tests/python/local.mk); test-stubs.py checks the
# stubs with mypy.

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

# The test kit's namespace, CellosTesting, the same way.
python/CellosTesting.pyi: lib/testing/CellosTesting-1.0.gir $(srcdir)/python/gen-stubs.py
	$(AM_V_GEN)$(MKDIR_P) python && \
	$(cellos_stubs_python) $(srcdir)/python/gen-stubs.py lib/testing/CellosTesting-1.0.gir $@

cellos_pystubs = python/Cellos.pyi python/CellosTesting.pyi
if INSTALL_PYOVERRIDES
# With gi-stubs/repository/__init__.pyi, which makes the namespaces
# without stubs untyped rather than missing.
pystubs_DATA = $(cellos_pystubs) python/gi-stubs/repository/__init__.pyi
else
check_DATA = $(cellos_pystubs)
endif
CLEANFILES += $(cellos_pystubs)
endif

EXTRA_DIST += \
	$(cellos_pyoverrides) \
	python/gi-stubs/repository/__init__.pyi \
	python/gen-stubs.py
