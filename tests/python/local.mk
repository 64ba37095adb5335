# Python tests: Cellos through PyGObject, against the uninstalled build
# (tests/gi-run points GI_TYPELIB_PATH and LD_LIBRARY_PATH into the build
# tree). Each script writes TAP, one line per test case; with no Python that
# can import gi (configure's PYTHON_GI) each is reported skipped by name.

TEST_EXTENSIONS += .py
PY_LOG_DRIVER = $(LOG_DRIVER)
PY_LOG_COMPILER = $(SHELL) $(top_srcdir)/tests/gi-run '$(abs_top_builddir)' 'Python 3 that can import gi' '$(PYTHON_GI)'

cellos_python_tests = \
	tests/python/test-asyncio.py \
	tests/python/test-backend.py \
	tests/python/test-backend-util.py \
	tests/python/test-document.py \
	tests/python/test-fake-backend.py \
	tests/python/test-lifecycle-example.py \
	tests/python/test-listing.py \
	tests/python/test-misbehaving-backends.py \
	tests/python/test-python-backend.py \
	tests/python/test-readme.py \
	tests/python/test-registry.py \
	tests/python/test-threads.py \
	tests/python/test-types.py

TESTS += $(cellos_python_tests)

EXTRA_DIST += \
	$(cellos_python_tests) \
	tests/gi-run \
	tests/python/cellostest.py
