# Tests: GTest programs and shell scripts, run through automake's TAP
# driver; with --enable-installed-tests also installed, GNOME style.

LOG_DRIVER = env AM_TAP_AWK='$(AWK)' $(SHELL) $(top_srcdir)/build-aux/tap-driver.sh
LOG_COMPILER = $(top_srcdir)/tests/tap-test
TEST_EXTENSIONS += .sh
SH_LOG_DRIVER = $(LOG_DRIVER)
SH_LOG_COMPILER = $(SHELL)

AM_TESTS_ENVIRONMENT = \
	G_TEST_SRCDIR="$(abs_srcdir)/tests" \
	G_TEST_BUILDDIR="$(abs_builddir)/tests" \
	G_DEBUG=gc-friendly \
	MALLOC_CHECK_=2 \
	LC_ALL=C.UTF-8 \
	LANGUAGE= \
	CELLOS_CELL="$(abs_builddir)/tools/cellos-cell" \
	CELLOS_BACKEND_CONTRACT="$(abs_builddir)/tests/contract/cellos-backend-contract" \
	CELLOS_TEST_BACKEND_MODULE="$(abs_builddir)/tests/backends/.libs/libcellos-test-backend.so" \
	CELLOS_TEST_MISBEHAVING_MODULE_DIR="$(abs_builddir)/tests/backends/.libs" \
	CELLOS_TEST_MISREPORT_BACKEND_MODULE="$(abs_builddir)/tests/backends/.libs/libcellos-test-misreport-backend.so" \
	CELLOS_EXAMPLE_BACKEND_MODULE="$(abs_builddir)/examples/backend-module/.libs/libcellos-example-backend.so" \
	CELLOS_SECURE_ENV_HELPER="$(abs_builddir)/tests/secure-env-helper" \
	CELLOS_GIR="$(abs_builddir)/lib/Cellos-1.0.gir" \
	CELLOS_FAKE_BACKEND_MODULE="$(abs_builddir)/lib/testing/backends/.libs/libcellos-fake.so" \
	; export G_TEST_SRCDIR G_TEST_BUILDDIR G_DEBUG MALLOC_CHECK_ LC_ALL LANGUAGE \
	  CELLOS_CELL CELLOS_BACKEND_CONTRACT CELLOS_TEST_BACKEND_MODULE \
	  CELLOS_TEST_MISBEHAVING_MODULE_DIR CELLOS_TEST_MISREPORT_BACKEND_MODULE \
	  CELLOS_EXAMPLE_BACKEND_MODULE \
	  CELLOS_SECURE_ENV_HELPER CELLOS_GIR CELLOS_FAKE_BACKEND_MODULE;
# The tests run as on a system with the test kit installed: the module
# directory holds the fake's module (which libtool links to find the kit's
# library in the build tree). A test that wants other modules, or none,
# names a directory of its own.
AM_TESTS_ENVIRONMENT += \
	CELLOS_BACKEND_MODULE_DIR="$(abs_builddir)/lib/testing/backends/.libs" \
	; export CELLOS_BACKEND_MODULE_DIR;

cellos_c_tests = \
	tests/test-backend-defaults \
	tests/test-document \
	tests/test-document-size \
	tests/test-fake-backend \
	tests/test-listing \
	tests/test-log \
	tests/test-misbehaving-backends \
	tests/test-registry \
	tests/test-stub-backend \
	tests/test-sync-contexts \
	tests/test-threads \
	tests/test-types

cellos_contract_runner = tests/contract/cellos-backend-contract

TESTS += \
	$(cellos_c_tests) \
	tests/contract-stub.sh \
	tests/contract-fake.sh \
	tests/contract-test-module.sh \
	tests/contract-broken-modules.sh \
	tests/contract-example-module.sh \
	tests/contract-listing-module.sh \
	tests/contract-benchmark.sh \
	tests/test-cellos-cell.sh \
	tests/test-fake-cli.sh \
	tests/test-secure-env.sh \
	tests/gir/check-gir-api.sh

# The introspected API against 1.0.0's (tests/gir/check-gir-api.sh; the
# baseline is a listing by tests/gir/gir-api-listing.py). After an
# intended change, make update-gir-baseline writes the listing of the GIR
# just built over the baseline: review the diff, and say in NEWS what
# changed for bindings.
update-gir-baseline: lib/Cellos-1.0.gir
	$(AM_V_GEN){ sed -n '/^#/p' $(srcdir)/tests/gir/Cellos-1.0.baseline && \
	  python3 $(srcdir)/tests/gir/gir-api-listing.py lib/Cellos-1.0.gir; } > tests/gir/Cellos-1.0.baseline.tmp && \
	mv tests/gir/Cellos-1.0.baseline.tmp $(srcdir)/tests/gir/Cellos-1.0.baseline
.PHONY: update-gir-baseline

# Flags for every C test program, set once: programs that set none of
# their own take automake's defaults, AM_CPPFLAGS and AM_CFLAGS
# (Makefile.am) and this LDADD, which links the helpers and test backends
# of tests/test-utils.c, compiled once into a convenience library.
noinst_LTLIBRARIES += tests/libcellos-test-utils.la
tests_libcellos_test_utils_la_SOURCES = tests/test-utils.c tests/test-utils.h
LDADD = tests/libcellos-test-utils.la lib/libcellos-1.0.la $(CELLOS_DEPS_LIBS)

# The test backend modules, set once: GIO modules, shared even when they
# are not installed (hence an -rpath of nowhere), with only their entry
# points visible.
if ENABLE_INSTALLED_TESTS
cellos_test_module_rpath =
else
cellos_test_module_rpath = -rpath /nowhere
endif
cellos_test_module_cflags = $(AM_CFLAGS) $(HIDDEN_VISIBILITY_CFLAGS)
cellos_test_module_ldflags = -module -avoid-version -shared -no-undefined
cellos_test_module_libadd = lib/libcellos-1.0.la $(CELLOS_DEPS_LIBS)

# The test backend module, an isolating backend of priority 10 that counts
# its live cells; never installed except among the installed tests.
cellos_test_backend = tests/backends/libcellos-test-backend.la
tests_backends_libcellos_test_backend_la_SOURCES = tests/backends/cellos-test-backend.c
tests_backends_libcellos_test_backend_la_CFLAGS = $(cellos_test_module_cflags)
tests_backends_libcellos_test_backend_la_LIBADD = $(cellos_test_module_libadd)
tests_backends_libcellos_test_backend_la_LDFLAGS = $(cellos_test_module_ldflags) $(cellos_test_module_rpath)

# Modules that misbehave while loading, one per kind, from one source; the
# registry tests copy them into module directories of their own.
cellos_misbehaving_modules = \
	tests/backends/libcellos-test-shadow.la \
	tests/backends/libcellos-test-uninstantiable.la \
	tests/backends/libcellos-test-reentrant.la \
	tests/backends/libcellos-test-null.la \
	tests/backends/libcellos-test-unavailable.la \
	tests/backends/libcellos-test-wrongtype.la \
	tests/backends/libcellos-test-deaf.la \
	tests/backends/libcellos-test-wrongcontext.la \
	tests/backends/libcellos-test-early.la \
	tests/backends/libcellos-test-undestroyable.la \
	tests/backends/libcellos-test-logging.la \
	tests/backends/libcellos-test-leaky.la
tests_backends_libcellos_test_shadow_la_SOURCES = tests/backends/cellos-test-misbehaving-module.c
tests_backends_libcellos_test_shadow_la_CPPFLAGS = $(AM_CPPFLAGS) -DTEST_MODULE_KIND=1
tests_backends_libcellos_test_shadow_la_CFLAGS = $(cellos_test_module_cflags)
tests_backends_libcellos_test_shadow_la_LIBADD = $(cellos_test_module_libadd)
tests_backends_libcellos_test_shadow_la_LDFLAGS = $(cellos_test_module_ldflags) $(cellos_test_module_rpath)
tests_backends_libcellos_test_uninstantiable_la_SOURCES = tests/backends/cellos-test-misbehaving-module.c
tests_backends_libcellos_test_uninstantiable_la_CPPFLAGS = $(AM_CPPFLAGS) -DTEST_MODULE_KIND=2
tests_backends_libcellos_test_uninstantiable_la_CFLAGS = $(cellos_test_module_cflags)
tests_backends_libcellos_test_uninstantiable_la_LIBADD = $(cellos_test_module_libadd)
tests_backends_libcellos_test_uninstantiable_la_LDFLAGS = $(cellos_test_module_ldflags) $(cellos_test_module_rpath)
tests_backends_libcellos_test_reentrant_la_SOURCES = tests/backends/cellos-test-misbehaving-module.c
tests_backends_libcellos_test_reentrant_la_CPPFLAGS = $(AM_CPPFLAGS) -DTEST_MODULE_KIND=3
tests_backends_libcellos_test_reentrant_la_CFLAGS = $(cellos_test_module_cflags)
tests_backends_libcellos_test_reentrant_la_LIBADD = $(cellos_test_module_libadd)
tests_backends_libcellos_test_reentrant_la_LDFLAGS = $(cellos_test_module_ldflags) $(cellos_test_module_rpath)
tests_backends_libcellos_test_null_la_SOURCES = tests/backends/cellos-test-misbehaving-module.c
tests_backends_libcellos_test_null_la_CPPFLAGS = $(AM_CPPFLAGS) -DTEST_MODULE_KIND=4
tests_backends_libcellos_test_null_la_CFLAGS = $(cellos_test_module_cflags)
tests_backends_libcellos_test_null_la_LIBADD = $(cellos_test_module_libadd)
tests_backends_libcellos_test_null_la_LDFLAGS = $(cellos_test_module_ldflags) $(cellos_test_module_rpath)
tests_backends_libcellos_test_unavailable_la_SOURCES = tests/backends/cellos-test-misbehaving-module.c
tests_backends_libcellos_test_unavailable_la_CPPFLAGS = $(AM_CPPFLAGS) -DTEST_MODULE_KIND=5
tests_backends_libcellos_test_unavailable_la_CFLAGS = $(cellos_test_module_cflags)
tests_backends_libcellos_test_unavailable_la_LIBADD = $(cellos_test_module_libadd)
tests_backends_libcellos_test_unavailable_la_LDFLAGS = $(cellos_test_module_ldflags) $(cellos_test_module_rpath)
tests_backends_libcellos_test_wrongtype_la_SOURCES = tests/backends/cellos-test-misbehaving-module.c
tests_backends_libcellos_test_wrongtype_la_CPPFLAGS = $(AM_CPPFLAGS) -DTEST_MODULE_KIND=6
tests_backends_libcellos_test_wrongtype_la_CFLAGS = $(cellos_test_module_cflags)
tests_backends_libcellos_test_wrongtype_la_LIBADD = $(cellos_test_module_libadd)
tests_backends_libcellos_test_wrongtype_la_LDFLAGS = $(cellos_test_module_ldflags) $(cellos_test_module_rpath)
tests_backends_libcellos_test_deaf_la_SOURCES = tests/backends/cellos-test-misbehaving-module.c
tests_backends_libcellos_test_deaf_la_CPPFLAGS = $(AM_CPPFLAGS) -DTEST_MODULE_KIND=7
tests_backends_libcellos_test_deaf_la_CFLAGS = $(cellos_test_module_cflags)
tests_backends_libcellos_test_deaf_la_LIBADD = $(cellos_test_module_libadd)
tests_backends_libcellos_test_deaf_la_LDFLAGS = $(cellos_test_module_ldflags) $(cellos_test_module_rpath)
tests_backends_libcellos_test_wrongcontext_la_SOURCES = tests/backends/cellos-test-misbehaving-module.c
tests_backends_libcellos_test_wrongcontext_la_CPPFLAGS = $(AM_CPPFLAGS) -DTEST_MODULE_KIND=8
tests_backends_libcellos_test_wrongcontext_la_CFLAGS = $(cellos_test_module_cflags)
tests_backends_libcellos_test_wrongcontext_la_LIBADD = $(cellos_test_module_libadd)
tests_backends_libcellos_test_wrongcontext_la_LDFLAGS = $(cellos_test_module_ldflags) $(cellos_test_module_rpath)
tests_backends_libcellos_test_early_la_SOURCES = tests/backends/cellos-test-misbehaving-module.c
tests_backends_libcellos_test_early_la_CPPFLAGS = $(AM_CPPFLAGS) -DTEST_MODULE_KIND=9
tests_backends_libcellos_test_early_la_CFLAGS = $(cellos_test_module_cflags)
tests_backends_libcellos_test_early_la_LIBADD = $(cellos_test_module_libadd)
tests_backends_libcellos_test_early_la_LDFLAGS = $(cellos_test_module_ldflags) $(cellos_test_module_rpath)
tests_backends_libcellos_test_undestroyable_la_SOURCES = tests/backends/cellos-test-misbehaving-module.c
tests_backends_libcellos_test_undestroyable_la_CPPFLAGS = $(AM_CPPFLAGS) -DTEST_MODULE_KIND=10
tests_backends_libcellos_test_undestroyable_la_CFLAGS = $(cellos_test_module_cflags)
tests_backends_libcellos_test_undestroyable_la_LIBADD = $(cellos_test_module_libadd)
tests_backends_libcellos_test_undestroyable_la_LDFLAGS = $(cellos_test_module_ldflags) $(cellos_test_module_rpath)
tests_backends_libcellos_test_logging_la_SOURCES = tests/backends/cellos-test-misbehaving-module.c
tests_backends_libcellos_test_logging_la_CPPFLAGS = $(AM_CPPFLAGS) -DTEST_MODULE_KIND=11
tests_backends_libcellos_test_logging_la_CFLAGS = $(cellos_test_module_cflags)
tests_backends_libcellos_test_logging_la_LIBADD = $(cellos_test_module_libadd)
tests_backends_libcellos_test_logging_la_LDFLAGS = $(cellos_test_module_ldflags) $(cellos_test_module_rpath)
# The test backend module, forgetting to tear down a cell made before a
# cancellation: the contract runner must catch it.
tests_backends_libcellos_test_leaky_la_SOURCES = tests/backends/cellos-test-backend.c
tests_backends_libcellos_test_leaky_la_CPPFLAGS = $(AM_CPPFLAGS) -DTEST_BACKEND_LEAKY_CANCEL
tests_backends_libcellos_test_leaky_la_CFLAGS = $(cellos_test_module_cflags)
tests_backends_libcellos_test_leaky_la_LIBADD = $(cellos_test_module_libadd)
tests_backends_libcellos_test_leaky_la_LDFLAGS = $(cellos_test_module_ldflags) $(cellos_test_module_rpath)

# A module whose backend misreports (a handle or report for another cell, a
# cell not destroyed, NULL without an error), for the tool's tests; never
# installed.
check_LTLIBRARIES += tests/backends/libcellos-test-misreport-backend.la
tests_backends_libcellos_test_misreport_backend_la_SOURCES = tests/backends/cellos-test-misreport-backend.c
tests_backends_libcellos_test_misreport_backend_la_CFLAGS = $(cellos_test_module_cflags)
tests_backends_libcellos_test_misreport_backend_la_LIBADD = $(cellos_test_module_libadd)
tests_backends_libcellos_test_misreport_backend_la_LDFLAGS = $(cellos_test_module_ldflags) -rpath /nowhere

# Modules whose word on the cells they hold is false, one per kind, from
# one source: only the contract runner's live-set checks catch them, or
# for the last, whose listed handles destroy refuses, its listing checks;
# and one built from it that lists its cells correctly. Never installed.
cellos_liar_modules = \
	tests/backends/libcellos-test-listing.la \
	tests/backends/libcellos-test-lying-destroy.la \
	tests/backends/libcellos-test-silent-leak.la \
	tests/backends/libcellos-test-short-listing.la \
	tests/backends/libcellos-test-bare-listing.la
check_LTLIBRARIES += $(cellos_liar_modules)
tests_backends_libcellos_test_listing_la_SOURCES = tests/backends/cellos-test-liar-backend.c
tests_backends_libcellos_test_listing_la_CPPFLAGS = $(AM_CPPFLAGS) -DTEST_MODULE_KIND=0
tests_backends_libcellos_test_listing_la_CFLAGS = $(cellos_test_module_cflags)
tests_backends_libcellos_test_listing_la_LIBADD = $(cellos_test_module_libadd)
tests_backends_libcellos_test_listing_la_LDFLAGS = $(cellos_test_module_ldflags) -rpath /nowhere
tests_backends_libcellos_test_lying_destroy_la_SOURCES = tests/backends/cellos-test-liar-backend.c
tests_backends_libcellos_test_lying_destroy_la_CPPFLAGS = $(AM_CPPFLAGS) -DTEST_MODULE_KIND=1
tests_backends_libcellos_test_lying_destroy_la_CFLAGS = $(cellos_test_module_cflags)
tests_backends_libcellos_test_lying_destroy_la_LIBADD = $(cellos_test_module_libadd)
tests_backends_libcellos_test_lying_destroy_la_LDFLAGS = $(cellos_test_module_ldflags) -rpath /nowhere
tests_backends_libcellos_test_silent_leak_la_SOURCES = tests/backends/cellos-test-liar-backend.c
tests_backends_libcellos_test_silent_leak_la_CPPFLAGS = $(AM_CPPFLAGS) -DTEST_MODULE_KIND=2
tests_backends_libcellos_test_silent_leak_la_CFLAGS = $(cellos_test_module_cflags)
tests_backends_libcellos_test_silent_leak_la_LIBADD = $(cellos_test_module_libadd)
tests_backends_libcellos_test_silent_leak_la_LDFLAGS = $(cellos_test_module_ldflags) -rpath /nowhere
tests_backends_libcellos_test_short_listing_la_SOURCES = tests/backends/cellos-test-liar-backend.c
tests_backends_libcellos_test_short_listing_la_CPPFLAGS = $(AM_CPPFLAGS) -DTEST_MODULE_KIND=3
tests_backends_libcellos_test_short_listing_la_CFLAGS = $(cellos_test_module_cflags)
tests_backends_libcellos_test_short_listing_la_LIBADD = $(cellos_test_module_libadd)
tests_backends_libcellos_test_short_listing_la_LDFLAGS = $(cellos_test_module_ldflags) -rpath /nowhere
tests_backends_libcellos_test_bare_listing_la_SOURCES = tests/backends/cellos-test-liar-backend.c
tests_backends_libcellos_test_bare_listing_la_CPPFLAGS = $(AM_CPPFLAGS) -DTEST_MODULE_KIND=4
tests_backends_libcellos_test_bare_listing_la_CFLAGS = $(cellos_test_module_cflags)
tests_backends_libcellos_test_bare_listing_la_LIBADD = $(cellos_test_module_libadd)
tests_backends_libcellos_test_bare_listing_la_LDFLAGS = $(cellos_test_module_ldflags) -rpath /nowhere

if ENABLE_INSTALLED_TESTS
insttestdir = $(libexecdir)/installed-tests/cellos-$(CELLOS_API_VERSION)
insttest_PROGRAMS = $(cellos_c_tests) $(cellos_contract_runner)
insttestbackenddir = $(insttestdir)/backends
insttestbackend_LTLIBRARIES = $(cellos_test_backend)
insttestmisbehavingdir = $(insttestdir)/misbehaving-backends
insttestmisbehaving_LTLIBRARIES = $(cellos_misbehaving_modules)
insttestmetadir = $(datadir)/installed-tests/cellos-$(CELLOS_API_VERSION)
insttestmeta_DATA = \
	$(cellos_c_tests:=.test) \
	tests/contract-stub.test \
	tests/contract-fake.test \
	tests/contract-test-module.test

# Only the module itself is wanted next to the installed tests.
remove-insttestbackend-la:
	rm -f $(DESTDIR)$(insttestbackenddir)/libcellos-test-backend.la
	rm -f $(cellos_misbehaving_modules:tests/backends/%=$(DESTDIR)$(insttestmisbehavingdir)/%)
# Without its .la, libtool's uninstall cannot find the module itself.
remove-insttestbackend-so:
	rm -f $(DESTDIR)$(insttestbackenddir)/libcellos-test-backend.so
	rm -f $(cellos_misbehaving_modules:tests/backends/%.la=$(DESTDIR)$(insttestmisbehavingdir)/%.so)

# Every installed test's .test file, from one rule: a C test runs itself
# with the modules' locations; a test listed below (its name with _ for -)
# runs the command given.
cellos_insttest_command = env \
	CELLOS_TEST_BACKEND_MODULE=$(insttestbackenddir)/libcellos-test-backend.so \
	CELLOS_TEST_MISBEHAVING_MODULE_DIR=$(insttestmisbehavingdir) \
	$(insttestdir)/$(1)
cellos_insttest_command_contract_stub = \
	$(insttestdir)/cellos-backend-contract --backend stub
cellos_insttest_command_contract_fake = \
	$(insttestdir)/cellos-backend-contract --backend fake
cellos_insttest_command_contract_test_module = \
	env CELLOS_BACKEND_MODULE_DIR=$(insttestbackenddir) \
	$(insttestdir)/cellos-backend-contract --backend test-isolating

tests/%.test: Makefile
	$(AM_V_GEN)$(MKDIR_P) $(@D) && \
	{ echo '[Test]'; \
	  echo 'Type=session'; \
	  echo 'Exec=$(or $(cellos_insttest_command_$(subst -,_,$(*F))),$(call cellos_insttest_command,$(*F))) --tap'; \
	  echo 'Output=TAP'; } > $@.tmp && mv $@.tmp $@

CLEANFILES += $(insttestmeta_DATA)
else
check_PROGRAMS += $(cellos_c_tests) $(cellos_contract_runner)
check_LTLIBRARIES += $(cellos_test_backend) $(cellos_misbehaving_modules)
remove-insttestbackend-la remove-insttestbackend-so:
endif
# The hooks are unconditional, as the test kit's (lib/testing/local.mk);
# without installed tests, their recipes do nothing.
install-data-hook: remove-insttestbackend-la
uninstall-hook: remove-insttestbackend-so
.PHONY: remove-insttestbackend-la remove-insttestbackend-so

# Linked with the build tree's library path built in (-no-install): a
# setuid program ignores LD_LIBRARY_PATH, so no libtool wrapper would work.
check_PROGRAMS += tests/secure-env-helper
tests_secure_env_helper_SOURCES = tests/secure-env-helper.c
tests_secure_env_helper_LDFLAGS = -no-install
tests_secure_env_helper_LDADD = lib/testing/libcellos-testing-1.0.la $(LDADD)

# lib/cellos-environment.c built once per way of telling a setuid or
# setgid process, each forced whatever configure chose and driven through
# the test's hooks (tests/test-secure-method.c).
cellos_secure_method_tests = \
	tests/test-secure-method-secure-getenv \
	tests/test-secure-method-getauxval \
	tests/test-secure-method-issetugid
check_PROGRAMS += $(cellos_secure_method_tests)
TESTS += $(cellos_secure_method_tests)
cellos_secure_method_sources = \
	tests/test-secure-method.c \
	lib/cellos-environment.c \
	lib/cellos-environment-private.h
cellos_secure_method_cppflags = \
	$(AM_CPPFLAGS) \
	-I$(top_srcdir)/lib \
	-DLOCALEDIR=\"$(localedir)\" \
	-DCELLOS_TEST_FORCE_SECURE_METHOD=CELLOS_SECURE_METHOD_$(1)
tests_test_secure_method_secure_getenv_SOURCES = $(cellos_secure_method_sources)
tests_test_secure_method_secure_getenv_CPPFLAGS = $(call cellos_secure_method_cppflags,SECURE_GETENV)
tests_test_secure_method_secure_getenv_LDADD = $(CELLOS_DEPS_LIBS)
tests_test_secure_method_getauxval_SOURCES = $(cellos_secure_method_sources)
tests_test_secure_method_getauxval_CPPFLAGS = $(call cellos_secure_method_cppflags,GETAUXVAL)
tests_test_secure_method_getauxval_LDADD = $(CELLOS_DEPS_LIBS)
tests_test_secure_method_issetugid_SOURCES = $(cellos_secure_method_sources)
tests_test_secure_method_issetugid_CPPFLAGS = $(call cellos_secure_method_cppflags,ISSETUGID)
tests_test_secure_method_issetugid_LDADD = $(CELLOS_DEPS_LIBS)

# The C test programs: their flags are the defaults above.
tests_test_backend_defaults_SOURCES = tests/test-backend-defaults.c
tests_test_document_SOURCES = tests/test-document.c
tests_test_document_size_SOURCES = tests/test-document-size.c
# json-glib is the test's independent JSON parser.
tests_test_document_CFLAGS = $(AM_CFLAGS) $(JSON_GLIB_CFLAGS)
tests_test_document_LDADD = $(LDADD) $(JSON_GLIB_LIBS)
tests_test_fake_backend_SOURCES = tests/test-fake-backend.c
tests_test_fake_backend_LDADD = tests/libcellos-test-utils.la lib/testing/libcellos-testing-1.0.la $(LDADD)
tests_test_listing_SOURCES = tests/test-listing.c
tests_test_log_SOURCES = tests/test-log.c
tests_test_misbehaving_backends_SOURCES = tests/test-misbehaving-backends.c
tests_test_registry_SOURCES = tests/test-registry.c
tests_test_stub_backend_SOURCES = tests/test-stub-backend.c
tests_test_sync_contexts_SOURCES = tests/test-sync-contexts.c
tests_test_threads_SOURCES = tests/test-threads.c
tests_test_types_SOURCES = tests/test-types.c
tests_contract_cellos_backend_contract_SOURCES = \
	tests/contract/cellos-backend-contract.c \
	tests/contract/cellos-backend-bench.c \
	tests/contract/cellos-backend-bench.h
# The runner's --json output goes through the library's one JSON writer,
# linked hidden from its convenience library as into the tool.
tests_contract_cellos_backend_contract_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/lib
tests_contract_cellos_backend_contract_LDADD = \
	lib/libcellos-environment.la \
	$(LDADD)

# The library's JSON reader and writer, which are private: linked from
# their convenience library, and not installed.
TESTS += tests/test-json
check_PROGRAMS += tests/test-json
tests_test_json_SOURCES = tests/test-json.c
tests_test_json_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/lib -I$(top_builddir)/include/cellos
tests_test_json_LDADD = \
	lib/libcellos-environment.la \
	lib/libcellos-1.0.la \
	$(CELLOS_DEPS_LIBS)

EXTRA_DIST += \
	tests/tap-result.sh \
	tests/tap-test \
	tests/contract/run-contract.sh \
	tests/contract-stub.sh \
	tests/contract-fake.sh \
	tests/contract-test-module.sh \
	tests/contract-broken-modules.sh \
	tests/contract-example-module.sh \
	tests/contract-listing-module.sh \
	tests/contract-benchmark.sh \
	tests/test-cellos-cell.sh \
	tests/test-fake-cli.sh \
	tests/test-secure-env.sh \
	tests/gir/check-gir-api.sh \
	tests/gir/gir-api-listing.py \
	tests/gir/Cellos-1.0.baseline
