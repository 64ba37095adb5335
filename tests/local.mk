# Tests: GTest programs, run through automake's TAP driver.

LOG_DRIVER = env AM_TAP_AWK='$(AWK)' $(SHELL) $(top_srcdir)/build-aux/tap-driver.sh
LOG_COMPILER = $(top_srcdir)/tests/tap-test

AM_TESTS_ENVIRONMENT = \
	G_TEST_SRCDIR="$(abs_srcdir)/tests" \
	G_TEST_BUILDDIR="$(abs_builddir)/tests" \
	G_DEBUG=gc-friendly \
	MALLOC_CHECK_=2 \
	LC_ALL=C.UTF-8 \
	LANGUAGE= \
	; export G_TEST_SRCDIR G_TEST_BUILDDIR G_DEBUG MALLOC_CHECK_ LC_ALL LANGUAGE;

cellos_c_tests = \
	tests/test-backend-defaults \
	tests/test-document \
	tests/test-log \
	tests/test-stub-backend \
	tests/test-threads \
	tests/test-types

check_PROGRAMS += $(cellos_c_tests)
TESTS += $(cellos_c_tests)

cellos_test_cppflags = $(cellos_uninstalled_cppflags)
cellos_test_cflags = $(CELLOS_DEPS_CFLAGS) $(WARN_CFLAGS)
cellos_test_ldadd = lib/libcellos-1.0.la $(CELLOS_DEPS_LIBS)
cellos_test_utils = tests/test-utils.c tests/test-utils.h

tests_test_backend_defaults_SOURCES = tests/test-backend-defaults.c $(cellos_test_utils)
tests_test_backend_defaults_CPPFLAGS = $(cellos_test_cppflags)
tests_test_backend_defaults_CFLAGS = $(cellos_test_cflags)
tests_test_backend_defaults_LDADD = $(cellos_test_ldadd)

tests_test_document_SOURCES = tests/test-document.c $(cellos_test_utils)
tests_test_document_CPPFLAGS = $(cellos_test_cppflags)
tests_test_document_CFLAGS = $(cellos_test_cflags)
tests_test_document_LDADD = $(cellos_test_ldadd)

tests_test_log_SOURCES = tests/test-log.c $(cellos_test_utils)
tests_test_log_CPPFLAGS = $(cellos_test_cppflags)
tests_test_log_CFLAGS = $(cellos_test_cflags)
tests_test_log_LDADD = $(cellos_test_ldadd)

tests_test_stub_backend_SOURCES = tests/test-stub-backend.c $(cellos_test_utils)
tests_test_stub_backend_CPPFLAGS = $(cellos_test_cppflags)
tests_test_stub_backend_CFLAGS = $(cellos_test_cflags)
tests_test_stub_backend_LDADD = $(cellos_test_ldadd)

tests_test_threads_SOURCES = tests/test-threads.c $(cellos_test_utils)
tests_test_threads_CPPFLAGS = $(cellos_test_cppflags)
tests_test_threads_CFLAGS = $(cellos_test_cflags)
tests_test_threads_LDADD = $(cellos_test_ldadd)

tests_test_types_SOURCES = tests/test-types.c $(cellos_test_utils)
tests_test_types_CPPFLAGS = $(cellos_test_cppflags)
tests_test_types_CFLAGS = $(cellos_test_cflags)
tests_test_types_LDADD = $(cellos_test_ldadd)

EXTRA_DIST += tests/tap-test
