# JavaScript tests: Cellos through gjs, against the uninstalled build, as
# the Python tests are. Without gjs each is reported skipped by name.

TEST_EXTENSIONS += .js
JS_LOG_DRIVER = $(LOG_DRIVER)
JS_LOG_COMPILER = $(SHELL) $(top_srcdir)/tests/gi-run '$(abs_top_builddir)' gjs '$(GJS)'

cellos_gjs_tests = \
	tests/gjs/test-backend.js \
	tests/gjs/test-release-1-0-backend.js \
	tests/gjs/test-gjs-backend.js

TESTS += $(cellos_gjs_tests)
EXTRA_DIST += $(cellos_gjs_tests)
