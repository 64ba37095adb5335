# Python tests: Cellos through PyGObject, against the uninstalled build
# (tests/gi-run points GI_TYPELIB_PATH and LD_LIBRARY_PATH into the build
# tree, PYTHONPATH to the source tree's python/ for gi.overrides.Cellos).
# tests/python/test-stubs.py runs configure's mypy (CELLOS_MYPY).
# Each script writes TAP, one line per test case; with no Python that can
# import gi (configure's PYTHON_GI) each is reported skipped by name.

TEST_EXTENSIONS += .py
PY_LOG_DRIVER = $(LOG_DRIVER)
PY_LOG_COMPILER = env PYTHONPATH='$(abs_top_srcdir)/python' CELLOS_MYPY='$(MYPY)' $(SHELL) $(top_srcdir)/tests/gi-run '$(abs_top_builddir)' 'Python 3 that can import gi' '$(PYTHON_GI)'

cellos_python_tests = \
	tests/python/test-asyncio.py \
	tests/python/test-backend.py \
	tests/python/test-backend-util.py \
	tests/python/test-document.py \
	tests/python/test-fake-backend.py \
	tests/python/test-lifecycle-example.py \
	tests/python/test-listing.py \
	tests/python/test-misbehaving-backends.py \
	tests/python/test-overrides.py \
	tests/python/test-python-backend.py \
	tests/python/test-readme.py \
	tests/python/test-reconcile.py \
	tests/python/test-registry.py \
	tests/python/test-release-1-0-backend.py \
	tests/python/test-stubs.py \
	tests/python/test-threads.py \
	tests/python/test-types.py

TESTS += $(cellos_python_tests)

EXTRA_DIST += \
	$(cellos_python_tests) \
	tests/gi-run \
	tests/python/cellostest.py \
	tests/python/stubs-wrong-supervisor.py \
	tests/python/stubs/gi/__init__.pyi \
	tests/python/stubs/gi/repository/__init__.pyi \
	tests/python/stubs/gi/repository/GLib.pyi \
	tests/python/stubs/gi/repository/GObject.pyi \
	tests/python/stubs/gi/repository/Gio.pyi
