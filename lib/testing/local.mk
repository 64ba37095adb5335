# The test kit: lib/testing/libcellos-testing-1.0.la (the fake backend and
# whatever else only tests need), its headers, pkg-config file and the
# backend module that registers "fake". The core library never links it.

lib_LTLIBRARIES += lib/testing/libcellos-testing-1.0.la

cellos_testing_public_headers = \
	include/cellos-testing/cellos-testing.h \
	include/cellos-testing/cellos-testing-version-macros.h \
	include/cellos-testing/cellos-fake-backend.h

cellostestingincludedir = $(includedir)/cellos-$(CELLOS_API_VERSION)/cellos-testing
cellostestinginclude_HEADERS = $(cellos_testing_public_headers)

# The kit shares the core's gettext domain, its trusted environment (the
# catalogs' directory) and its one JSON reader and writer (for the rules
# file and the ledger): the convenience library is linked into it as it
# is into the core, hidden.
lib_testing_libcellos_testing_1_0_la_SOURCES = \
	lib/testing/cellos-fake-backend.c \
	lib/testing/cellos-testing-private.h
lib_testing_libcellos_testing_1_0_la_CPPFLAGS = \
	$(cellos_uninstalled_cppflags) \
	-I$(top_srcdir)/include/cellos-testing \
	-I$(top_srcdir)/lib \
	-DCELLOS_TESTING_COMPILATION \
	-DG_LOG_DOMAIN=\"Cellos\" \
	-DLOCALEDIR=\"$(localedir)\"
lib_testing_libcellos_testing_1_0_la_CFLAGS = \
	$(CELLOS_DEPS_CFLAGS) \
	$(WARN_CFLAGS) \
	$(HIDDEN_VISIBILITY_CFLAGS)
lib_testing_libcellos_testing_1_0_la_LIBADD = \
	lib/libcellos-environment.la \
	lib/libcellos-1.0.la \
	$(CELLOS_DEPS_LIBS)
lib_testing_libcellos_testing_1_0_la_LDFLAGS = \
	$(WARN_LDFLAGS) \
	-version-info $(CELLOS_LT_VERSION_INFO) \
	-no-undefined \
	-Wl,--version-script=$(srcdir)/lib/testing/cellos-testing.map
EXTRA_lib_testing_libcellos_testing_1_0_la_DEPENDENCIES = lib/testing/cellos-testing.map

# The kit's sources use the core's generated headers.
$(lib_testing_libcellos_testing_1_0_la_OBJECTS): include/cellos/cellos-enum-types.h

# The backend module that registers the fake as "fake", installed with the
# other backend modules; built in a directory of its own, so that the
# tests can point CELLOS_BACKEND_MODULE_DIR at it. A module is a shared
# object, so a build without shared libraries (the fuzzers') has none.
if ENABLE_SHARED
cellosbackend_LTLIBRARIES = lib/testing/backends/libcellos-fake.la
endif
lib_testing_backends_libcellos_fake_la_SOURCES = lib/testing/cellos-fake-module.c
lib_testing_backends_libcellos_fake_la_CPPFLAGS = \
	$(cellos_uninstalled_cppflags) \
	-I$(top_srcdir)/include/cellos-testing \
	-I$(top_srcdir)/lib/testing
lib_testing_backends_libcellos_fake_la_CFLAGS = \
	$(CELLOS_DEPS_CFLAGS) \
	$(WARN_CFLAGS) \
	$(HIDDEN_VISIBILITY_CFLAGS)
lib_testing_backends_libcellos_fake_la_LIBADD = \
	lib/testing/libcellos-testing-1.0.la \
	lib/libcellos-1.0.la \
	$(CELLOS_DEPS_LIBS)
lib_testing_backends_libcellos_fake_la_LDFLAGS = \
	$(WARN_LDFLAGS) \
	-module -avoid-version -shared -no-undefined

# The registry loads lib*.so files only; the module's .la is no use there.
install-data-hook: remove-fake-module-la
remove-fake-module-la:
	rm -f $(DESTDIR)$(cellosbackenddir)/libcellos-fake.la
# Without its .la, libtool's uninstall cannot find the module itself.
uninstall-hook: remove-fake-module-so
remove-fake-module-so:
	rm -f $(DESTDIR)$(cellosbackenddir)/libcellos-fake.so
.PHONY: remove-fake-module-la remove-fake-module-so

EXTRA_DIST += \
	lib/testing/cellos-testing.map \
	cellos-testing-1.0.pc.in

pkgconfig_DATA += cellos-testing-1.0.pc
DISTCLEANFILES += cellos-testing-1.0.pc
