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
	; export G_TEST_SRCDIR G_TEST_BUILDDIR G_DEBUG MALLOC_CHECK_ LC_ALL LANGUAGE \
	  CELLOS_CELL CELLOS_BACKEND_CONTRACT CELLOS_TEST_BACKEND_MODULE \
	  CELLOS_TEST_MISBEHAVING_MODULE_DIR CELLOS_TEST_MISREPORT_BACKEND_MODULE \
	  CELLOS_EXAMPLE_BACKEND_MODULE \
	  CELLOS_SECURE_ENV_HELPER;

cellos_c_tests = \
	tests/test-backend-defaults \
	tests/test-document \
	tests/test-fake-backend \
	tests/test-log \
	tests/test-misbehaving-backends \
	tests/test-registry \
	tests/test-stub-backend \
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
	tests/test-cellos-cell.sh \
	tests/test-fake-cli.sh \
	tests/test-secure-env.sh

# The test backend module: a GIO module, never installed except among the
# installed tests.
cellos_test_backend = tests/backends/libcellos-test-backend.la
tests_backends_libcellos_test_backend_la_SOURCES = tests/backends/cellos-test-backend.c
tests_backends_libcellos_test_backend_la_CPPFLAGS = $(cellos_uninstalled_cppflags)
tests_backends_libcellos_test_backend_la_CFLAGS = $(CELLOS_DEPS_CFLAGS) $(WARN_CFLAGS) $(HIDDEN_VISIBILITY_CFLAGS)
tests_backends_libcellos_test_backend_la_LIBADD = lib/libcellos-1.0.la $(CELLOS_DEPS_LIBS)
tests_backends_libcellos_test_backend_la_LDFLAGS = -module -avoid-version -shared -no-undefined

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
	tests/backends/libcellos-test-leaky.la
cellos_misbehaving_module_cflags = $(CELLOS_DEPS_CFLAGS) $(WARN_CFLAGS) $(HIDDEN_VISIBILITY_CFLAGS)
cellos_misbehaving_module_ldflags = -module -avoid-version -shared -no-undefined
cellos_misbehaving_module_libadd = lib/libcellos-1.0.la $(CELLOS_DEPS_LIBS)
tests_backends_libcellos_test_shadow_la_SOURCES = tests/backends/cellos-test-misbehaving-module.c
tests_backends_libcellos_test_shadow_la_CPPFLAGS = $(cellos_uninstalled_cppflags) -DTEST_MODULE_KIND=1
tests_backends_libcellos_test_shadow_la_CFLAGS = $(cellos_misbehaving_module_cflags)
tests_backends_libcellos_test_shadow_la_LIBADD = $(cellos_misbehaving_module_libadd)
tests_backends_libcellos_test_shadow_la_LDFLAGS = $(cellos_misbehaving_module_ldflags)
tests_backends_libcellos_test_uninstantiable_la_SOURCES = tests/backends/cellos-test-misbehaving-module.c
tests_backends_libcellos_test_uninstantiable_la_CPPFLAGS = $(cellos_uninstalled_cppflags) -DTEST_MODULE_KIND=2
tests_backends_libcellos_test_uninstantiable_la_CFLAGS = $(cellos_misbehaving_module_cflags)
tests_backends_libcellos_test_uninstantiable_la_LIBADD = $(cellos_misbehaving_module_libadd)
tests_backends_libcellos_test_uninstantiable_la_LDFLAGS = $(cellos_misbehaving_module_ldflags)
tests_backends_libcellos_test_reentrant_la_SOURCES = tests/backends/cellos-test-misbehaving-module.c
tests_backends_libcellos_test_reentrant_la_CPPFLAGS = $(cellos_uninstalled_cppflags) -DTEST_MODULE_KIND=3
tests_backends_libcellos_test_reentrant_la_CFLAGS = $(cellos_misbehaving_module_cflags)
tests_backends_libcellos_test_reentrant_la_LIBADD = $(cellos_misbehaving_module_libadd)
tests_backends_libcellos_test_reentrant_la_LDFLAGS = $(cellos_misbehaving_module_ldflags)
tests_backends_libcellos_test_null_la_SOURCES = tests/backends/cellos-test-misbehaving-module.c
tests_backends_libcellos_test_null_la_CPPFLAGS = $(cellos_uninstalled_cppflags) -DTEST_MODULE_KIND=4
tests_backends_libcellos_test_null_la_CFLAGS = $(cellos_misbehaving_module_cflags)
tests_backends_libcellos_test_null_la_LIBADD = $(cellos_misbehaving_module_libadd)
tests_backends_libcellos_test_null_la_LDFLAGS = $(cellos_misbehaving_module_ldflags)
tests_backends_libcellos_test_unavailable_la_SOURCES = tests/backends/cellos-test-misbehaving-module.c
tests_backends_libcellos_test_unavailable_la_CPPFLAGS = $(cellos_uninstalled_cppflags) -DTEST_MODULE_KIND=5
tests_backends_libcellos_test_unavailable_la_CFLAGS = $(cellos_misbehaving_module_cflags)
tests_backends_libcellos_test_unavailable_la_LIBADD = $(cellos_misbehaving_module_libadd)
tests_backends_libcellos_test_unavailable_la_LDFLAGS = $(cellos_misbehaving_module_ldflags)
tests_backends_libcellos_test_wrongtype_la_SOURCES = tests/backends/cellos-test-misbehaving-module.c
tests_backends_libcellos_test_wrongtype_la_CPPFLAGS = $(cellos_uninstalled_cppflags) -DTEST_MODULE_KIND=6
tests_backends_libcellos_test_wrongtype_la_CFLAGS = $(cellos_misbehaving_module_cflags)
tests_backends_libcellos_test_wrongtype_la_LIBADD = $(cellos_misbehaving_module_libadd)
tests_backends_libcellos_test_wrongtype_la_LDFLAGS = $(cellos_misbehaving_module_ldflags)
tests_backends_libcellos_test_deaf_la_SOURCES = tests/backends/cellos-test-misbehaving-module.c
tests_backends_libcellos_test_deaf_la_CPPFLAGS = $(cellos_uninstalled_cppflags) -DTEST_MODULE_KIND=7
tests_backends_libcellos_test_deaf_la_CFLAGS = $(cellos_misbehaving_module_cflags)
tests_backends_libcellos_test_deaf_la_LIBADD = $(cellos_misbehaving_module_libadd)
tests_backends_libcellos_test_deaf_la_LDFLAGS = $(cellos_misbehaving_module_ldflags)
tests_backends_libcellos_test_wrongcontext_la_SOURCES = tests/backends/cellos-test-misbehaving-module.c
tests_backends_libcellos_test_wrongcontext_la_CPPFLAGS = $(cellos_uninstalled_cppflags) -DTEST_MODULE_KIND=8
tests_backends_libcellos_test_wrongcontext_la_CFLAGS = $(cellos_misbehaving_module_cflags)
tests_backends_libcellos_test_wrongcontext_la_LIBADD = $(cellos_misbehaving_module_libadd)
tests_backends_libcellos_test_wrongcontext_la_LDFLAGS = $(cellos_misbehaving_module_ldflags)
tests_backends_libcellos_test_early_la_SOURCES = tests/backends/cellos-test-misbehaving-module.c
tests_backends_libcellos_test_early_la_CPPFLAGS = $(cellos_uninstalled_cppflags) -DTEST_MODULE_KIND=9
tests_backends_libcellos_test_early_la_CFLAGS = $(cellos_misbehaving_module_cflags)
tests_backends_libcellos_test_early_la_LIBADD = $(cellos_misbehaving_module_libadd)
tests_backends_libcellos_test_early_la_LDFLAGS = $(cellos_misbehaving_module_ldflags)
tests_backends_libcellos_test_undestroyable_la_SOURCES = tests/backends/cellos-test-misbehaving-module.c
tests_backends_libcellos_test_undestroyable_la_CPPFLAGS = $(cellos_uninstalled_cppflags) -DTEST_MODULE_KIND=10
tests_backends_libcellos_test_undestroyable_la_CFLAGS = $(cellos_misbehaving_module_cflags)
tests_backends_libcellos_test_undestroyable_la_LIBADD = $(cellos_misbehaving_module_libadd)
tests_backends_libcellos_test_undestroyable_la_LDFLAGS = $(cellos_misbehaving_module_ldflags)
# The test backend module, forgetting to tear down a cell made before a
# cancellation: the contract runner must catch it.
tests_backends_libcellos_test_leaky_la_SOURCES = tests/backends/cellos-test-backend.c
tests_backends_libcellos_test_leaky_la_CPPFLAGS = $(cellos_uninstalled_cppflags) -DTEST_BACKEND_LEAKY_CANCEL
tests_backends_libcellos_test_leaky_la_CFLAGS = $(cellos_misbehaving_module_cflags)
tests_backends_libcellos_test_leaky_la_LIBADD = $(cellos_misbehaving_module_libadd)
tests_backends_libcellos_test_leaky_la_LDFLAGS = $(cellos_misbehaving_module_ldflags)

# A module whose backend misreports (a handle or report for another cell, a
# cell not destroyed, NULL without an error), for the tool's tests; never
# installed.
check_LTLIBRARIES += tests/backends/libcellos-test-misreport-backend.la
tests_backends_libcellos_test_misreport_backend_la_SOURCES = tests/backends/cellos-test-misreport-backend.c
tests_backends_libcellos_test_misreport_backend_la_CPPFLAGS = $(cellos_uninstalled_cppflags)
tests_backends_libcellos_test_misreport_backend_la_CFLAGS = $(CELLOS_DEPS_CFLAGS) $(WARN_CFLAGS) $(HIDDEN_VISIBILITY_CFLAGS)
tests_backends_libcellos_test_misreport_backend_la_LIBADD = lib/libcellos-1.0.la $(CELLOS_DEPS_LIBS)
tests_backends_libcellos_test_misreport_backend_la_LDFLAGS = -module -avoid-version -shared -no-undefined -rpath /nowhere

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
install-data-hook: remove-insttestbackend-la
remove-insttestbackend-la:
	rm -f $(DESTDIR)$(insttestbackenddir)/libcellos-test-backend.la
	rm -f $(cellos_misbehaving_modules:tests/backends/%=$(DESTDIR)$(insttestmisbehavingdir)/%)
# Without its .la, libtool's uninstall cannot find the module itself.
uninstall-hook: remove-insttestbackend-so
remove-insttestbackend-so:
	rm -f $(DESTDIR)$(insttestbackenddir)/libcellos-test-backend.so
	rm -f $(cellos_misbehaving_modules:tests/backends/%.la=$(DESTDIR)$(insttestmisbehavingdir)/%.so)

tests/%.test: Makefile
	$(AM_V_GEN)$(MKDIR_P) $(@D) && \
	{ echo '[Test]'; \
	  echo 'Type=session'; \
	  echo 'Exec=env CELLOS_TEST_BACKEND_MODULE=$(insttestbackenddir)/libcellos-test-backend.so CELLOS_TEST_MISBEHAVING_MODULE_DIR=$(insttestmisbehavingdir) $(insttestdir)/$(*F) --tap'; \
	  echo 'Output=TAP'; } > $@.tmp && mv $@.tmp $@

tests/contract-stub.test: Makefile
	$(AM_V_GEN)$(MKDIR_P) $(@D) && \
	{ echo '[Test]'; \
	  echo 'Type=session'; \
	  echo 'Exec=$(insttestdir)/cellos-backend-contract --backend stub --tap'; \
	  echo 'Output=TAP'; } > $@.tmp && mv $@.tmp $@

tests/contract-fake.test: Makefile
	$(AM_V_GEN)$(MKDIR_P) $(@D) && \
	{ echo '[Test]'; \
	  echo 'Type=session'; \
	  echo 'Exec=$(insttestdir)/cellos-backend-contract --backend fake --tap'; \
	  echo 'Output=TAP'; } > $@.tmp && mv $@.tmp $@

tests/contract-test-module.test: Makefile
	$(AM_V_GEN)$(MKDIR_P) $(@D) && \
	{ echo '[Test]'; \
	  echo 'Type=session'; \
	  echo 'Exec=env CELLOS_BACKEND_MODULE_DIR=$(insttestbackenddir) $(insttestdir)/cellos-backend-contract --backend test-isolating --tap'; \
	  echo 'Output=TAP'; } > $@.tmp && mv $@.tmp $@

CLEANFILES += $(insttestmeta_DATA)
else
check_PROGRAMS += $(cellos_c_tests) $(cellos_contract_runner)
check_LTLIBRARIES += $(cellos_test_backend) $(cellos_misbehaving_modules)
# Shared modules even though they are not installed.
tests_backends_libcellos_test_backend_la_LDFLAGS += -rpath /nowhere
tests_backends_libcellos_test_shadow_la_LDFLAGS += -rpath /nowhere
tests_backends_libcellos_test_uninstantiable_la_LDFLAGS += -rpath /nowhere
tests_backends_libcellos_test_reentrant_la_LDFLAGS += -rpath /nowhere
tests_backends_libcellos_test_null_la_LDFLAGS += -rpath /nowhere
tests_backends_libcellos_test_leaky_la_LDFLAGS += -rpath /nowhere
tests_backends_libcellos_test_unavailable_la_LDFLAGS += -rpath /nowhere
tests_backends_libcellos_test_wrongtype_la_LDFLAGS += -rpath /nowhere
tests_backends_libcellos_test_deaf_la_LDFLAGS += -rpath /nowhere
tests_backends_libcellos_test_wrongcontext_la_LDFLAGS += -rpath /nowhere
tests_backends_libcellos_test_early_la_LDFLAGS += -rpath /nowhere
tests_backends_libcellos_test_undestroyable_la_LDFLAGS += -rpath /nowhere
endif

# Linked with the build tree's library path built in (-no-install): a
# setuid program ignores LD_LIBRARY_PATH, so no libtool wrapper would work.
check_PROGRAMS += tests/secure-env-helper
tests_secure_env_helper_SOURCES = tests/secure-env-helper.c
tests_secure_env_helper_CPPFLAGS = $(cellos_uninstalled_cppflags)
tests_secure_env_helper_CFLAGS = $(CELLOS_DEPS_CFLAGS) $(WARN_CFLAGS)
tests_secure_env_helper_LDADD = lib/libcellos-1.0.la $(CELLOS_DEPS_LIBS)
tests_secure_env_helper_LDFLAGS = -no-install

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

tests_test_fake_backend_SOURCES = tests/test-fake-backend.c $(cellos_test_utils)
tests_test_fake_backend_CPPFLAGS = $(cellos_test_cppflags)
tests_test_fake_backend_CFLAGS = $(cellos_test_cflags)
tests_test_fake_backend_LDADD = $(cellos_test_ldadd)

tests_test_log_SOURCES = tests/test-log.c $(cellos_test_utils)
tests_test_log_CPPFLAGS = $(cellos_test_cppflags)
tests_test_log_CFLAGS = $(cellos_test_cflags)
tests_test_log_LDADD = $(cellos_test_ldadd)

tests_test_misbehaving_backends_SOURCES = tests/test-misbehaving-backends.c $(cellos_test_utils)
tests_test_misbehaving_backends_CPPFLAGS = $(cellos_test_cppflags)
tests_test_misbehaving_backends_CFLAGS = $(cellos_test_cflags)
tests_test_misbehaving_backends_LDADD = $(cellos_test_ldadd)

tests_test_registry_SOURCES = tests/test-registry.c $(cellos_test_utils)
tests_test_registry_CPPFLAGS = $(cellos_test_cppflags)
tests_test_registry_CFLAGS = $(cellos_test_cflags)
tests_test_registry_LDADD = $(cellos_test_ldadd)

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

tests_contract_cellos_backend_contract_SOURCES = tests/contract/cellos-backend-contract.c
tests_contract_cellos_backend_contract_CPPFLAGS = $(cellos_test_cppflags)
tests_contract_cellos_backend_contract_CFLAGS = $(cellos_test_cflags)
tests_contract_cellos_backend_contract_LDADD = $(cellos_test_ldadd)

EXTRA_DIST += \
	tests/tap-result.sh \
	tests/tap-test \
	tests/contract/run-contract.sh \
	tests/contract-stub.sh \
	tests/contract-fake.sh \
	tests/contract-test-module.sh \
	tests/contract-broken-modules.sh \
	tests/contract-example-module.sh \
	tests/test-cellos-cell.sh \
	tests/test-fake-cli.sh \
	tests/test-secure-env.sh
