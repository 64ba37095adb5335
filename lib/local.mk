# The library: lib/libcellos-1.0.la, its public headers and pkg-config file.

lib_LTLIBRARIES = lib/libcellos-1.0.la

cellos_public_headers = \
	include/cellos/cellos.h \
	include/cellos/cellos-version-macros.h \
	include/cellos/cellos-error.h \
	include/cellos/cellos-execution-cell-document.h \
	include/cellos/cellos-cell-handle.h \
	include/cellos/cellos-teardown-report.h \
	include/cellos/cellos-cell-backend.h \
	include/cellos/cellos-backend-util.h \
	include/cellos/cellos-stub-backend.h

cellos_generated_headers = \
	include/cellos/cellos-version.h \
	include/cellos/cellos-enum-types.h

# Headers glib-mkenums reads for enumerations.
cellos_enum_headers = include/cellos/cellos-error.h

cellosincludedir = $(includedir)/cellos-$(CELLOS_API_VERSION)/cellos
cellosinclude_HEADERS = $(cellos_public_headers)
nodist_cellosinclude_HEADERS = $(cellos_generated_headers)

lib_libcellos_1_0_la_SOURCES = \
	lib/cellos-backend-util.c \
	lib/cellos-cell-backend.c \
	lib/cellos-cell-backend-registry.c \
	lib/cellos-cell-handle.c \
	lib/cellos-error.c \
	lib/cellos-execution-cell-document.c \
	lib/cellos-log.c \
	lib/cellos-private.h \
	lib/cellos-stub-backend.c \
	lib/cellos-teardown-report.c \
	lib/cellos-version.c
nodist_lib_libcellos_1_0_la_SOURCES = \
	lib/cellos-enum-types.c \
	include/cellos/cellos-enum-types.h
lib_libcellos_1_0_la_CPPFLAGS = \
	$(cellos_uninstalled_cppflags) \
	-I$(top_srcdir)/include/cellos \
	-I$(top_builddir)/include/cellos \
	-DCELLOS_COMPILATION \
	-DG_LOG_DOMAIN=\"Cellos\" \
	-DLOCALEDIR=\"$(localedir)\" \
	-DCELLOS_BACKEND_MODULE_DIR=\"$(cellosbackenddir)\"
lib_libcellos_1_0_la_CFLAGS = \
	$(CELLOS_DEPS_CFLAGS) \
	$(WARN_CFLAGS) \
	$(HIDDEN_VISIBILITY_CFLAGS)
lib_libcellos_1_0_la_LIBADD = \
	lib/libcellos-environment.la \
	$(CELLOS_DEPS_LIBS) \
	-lm
lib_libcellos_1_0_la_LDFLAGS = \
	$(WARN_LDFLAGS) \
	-version-info $(CELLOS_LT_VERSION_INFO) \
	-no-undefined \
	-Wl,--version-script=$(srcdir)/lib/cellos.map
EXTRA_lib_libcellos_1_0_la_DEPENDENCIES = lib/cellos.map

# What the library shares with the cellos-cell tool and the test kit: the
# trusted environment, the catalogs' directory, the translation of the
# library's messages, and the one strict JSON reader and the one JSON
# writer for everything libcellos reads and writes as JSON. A convenience
# library, compiled once as the library is, with hidden visibility, and
# linked into each, which gets its own hidden copy of what it uses.
# Exporting it from the library as private API instead would put it in
# the version script and the ABI baseline.
noinst_LTLIBRARIES += lib/libcellos-environment.la
lib_libcellos_environment_la_SOURCES = \
	lib/cellos-environment.c \
	lib/cellos-environment-private.h \
	lib/cellos-i18n.c \
	lib/cellos-i18n-private.h \
	lib/cellos-json-check.c \
	lib/cellos-json-check-private.h \
	lib/cellos-json-writer.c \
	lib/cellos-json-writer-private.h
lib_libcellos_environment_la_CPPFLAGS = $(lib_libcellos_1_0_la_CPPFLAGS)
lib_libcellos_environment_la_CFLAGS = $(lib_libcellos_1_0_la_CFLAGS)

BUILT_SOURCES += \
	include/cellos/cellos-enum-types.h \
	lib/cellos-enum-types.c

# The library's sources may use the generated enum types, also when only
# the library is built (as by make update-abi), where BUILT_SOURCES does
# not apply.
$(lib_libcellos_1_0_la_OBJECTS) $(lib_libcellos_environment_la_OBJECTS): include/cellos/cellos-enum-types.h

include/cellos/cellos-enum-types.h: $(cellos_enum_headers) include/cellos/cellos-enum-types.h.template
	$(AM_V_GEN)$(MKDIR_P) $(@D) && \
	$(GLIB_MKENUMS) --template $(srcdir)/include/cellos/cellos-enum-types.h.template \
		$(addprefix $(srcdir)/,$(cellos_enum_headers)) > $@.tmp && mv $@.tmp $@

lib/cellos-enum-types.c: $(cellos_enum_headers) lib/cellos-enum-types.c.template include/cellos/cellos-enum-types.h
	$(AM_V_GEN)$(MKDIR_P) $(@D) && \
	$(GLIB_MKENUMS) --template $(srcdir)/lib/cellos-enum-types.c.template \
		$(addprefix $(srcdir)/,$(cellos_enum_headers)) > $@.tmp && mv $@.tmp $@

CLEANFILES += \
	include/cellos/cellos-enum-types.h \
	lib/cellos-enum-types.c

EXTRA_DIST += \
	lib/cellos.map \
	lib/cellos-enum-types.c.template \
	include/cellos/cellos-enum-types.h.template \
	include/cellos/cellos-version.h.in \
	cellos-1.0.pc.in

# Where backend modules are installed; made on install so that packages
# of backends have a directory to put them in.
cellosbackenddir = $(libdir)/cellos-$(CELLOS_API_VERSION)/backends
install-data-local: install-cellosbackenddir
install-cellosbackenddir:
	$(MKDIR_P) $(DESTDIR)$(cellosbackenddir)
.PHONY: install-cellosbackenddir

pkgconfig_DATA = cellos-1.0.pc
DISTCLEANFILES += cellos-1.0.pc
