# Introspection: lib/Cellos-1.0.gir and lib/Cellos-1.0.typelib, with
# gobject-introspection's own rules (Makefile.introspection).

if HAVE_INTROSPECTION
-include $(INTROSPECTION_MAKEFILE)

INTROSPECTION_GIRS = lib/Cellos-1.0.gir
# Every warning shown; CI (--enable-compile-warnings=error) fails on any.
INTROSPECTION_SCANNER_ARGS = --warn-all $(GIR_WARN_ERROR_FLAGS)

lib/Cellos-1.0.gir: lib/libcellos-1.0.la
lib_Cellos_1_0_gir_NAMESPACE = Cellos
lib_Cellos_1_0_gir_VERSION = $(CELLOS_API_VERSION)
lib_Cellos_1_0_gir_LIBS = lib/libcellos-1.0.la
lib_Cellos_1_0_gir_INCLUDES = GObject-2.0 Gio-2.0
lib_Cellos_1_0_gir_PACKAGES = gio-2.0
lib_Cellos_1_0_gir_EXPORT_PACKAGES = cellos-$(CELLOS_API_VERSION)
lib_Cellos_1_0_gir_C_INCLUDES = cellos/cellos.h
lib_Cellos_1_0_gir_CFLAGS = \
	$(cellos_uninstalled_cppflags) \
	-DCELLOS_COMPILATION \
	$(CELLOS_DEPS_CFLAGS)
lib_Cellos_1_0_gir_SCANNERFLAGS = \
	--identifier-prefix=Cellos \
	--symbol-prefix=cellos
lib_Cellos_1_0_gir_FILES = \
	$(cellos_public_headers) \
	$(cellos_generated_headers) \
	$(filter-out %-private.h,$(lib_libcellos_1_0_la_SOURCES)) \
	lib/cellos-enum-types.c

girdir = $(datadir)/gir-1.0
gir_DATA = lib/Cellos-1.0.gir
typelibdir = $(libdir)/girepository-1.0
typelib_DATA = lib/Cellos-1.0.typelib

CLEANFILES += $(gir_DATA) $(typelib_DATA)
endif
