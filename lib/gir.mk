# Introspection: lib/Cellos-1.0.gir and lib/Cellos-1.0.typelib, and the
# test kit's lib/testing/CellosTesting-1.0.gir and .typelib, with
# gobject-introspection's own rules (Makefile.introspection).

if HAVE_INTROSPECTION
-include $(INTROSPECTION_MAKEFILE)

INTROSPECTION_GIRS = lib/Cellos-1.0.gir
# Every warning shown; CI (--enable-compile-warnings=error) fails on any.
INTROSPECTION_SCANNER_ARGS = --warn-all $(GIR_WARN_ERROR_FLAGS) --add-include-path=$(builddir)/lib
# The test kit's GIR includes Cellos-1.0 from the build tree.
INTROSPECTION_COMPILER_ARGS = --includedir=$(builddir)/lib

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

# The test kit: namespace CellosTesting, C names keeping the Cellos
# prefix (CellosFakeBackend is CellosTesting.FakeBackend).
INTROSPECTION_GIRS += lib/testing/CellosTesting-1.0.gir
lib/testing/CellosTesting-1.0.gir: lib/testing/libcellos-testing-1.0.la lib/Cellos-1.0.gir
lib_testing_CellosTesting_1_0_gir_NAMESPACE = CellosTesting
lib_testing_CellosTesting_1_0_gir_VERSION = $(CELLOS_API_VERSION)
lib_testing_CellosTesting_1_0_gir_LIBS = lib/testing/libcellos-testing-1.0.la
lib_testing_CellosTesting_1_0_gir_INCLUDES = GObject-2.0 Gio-2.0 Cellos-$(CELLOS_API_VERSION)
lib_testing_CellosTesting_1_0_gir_PACKAGES = gio-2.0
lib_testing_CellosTesting_1_0_gir_EXPORT_PACKAGES = cellos-testing-$(CELLOS_API_VERSION)
lib_testing_CellosTesting_1_0_gir_C_INCLUDES = cellos-testing/cellos-testing.h
lib_testing_CellosTesting_1_0_gir_CFLAGS = \
	$(cellos_uninstalled_cppflags) \
	-DCELLOS_TESTING_COMPILATION \
	$(CELLOS_DEPS_CFLAGS)
lib_testing_CellosTesting_1_0_gir_SCANNERFLAGS = \
	--identifier-prefix=Cellos \
	--symbol-prefix=cellos
lib_testing_CellosTesting_1_0_gir_FILES = \
	$(cellos_testing_public_headers) \
	lib/testing/cellos-fake-backend.c

girdir = $(datadir)/gir-1.0
gir_DATA = lib/Cellos-1.0.gir lib/testing/CellosTesting-1.0.gir
typelibdir = $(libdir)/girepository-1.0
typelib_DATA = lib/Cellos-1.0.typelib lib/testing/CellosTesting-1.0.typelib

CLEANFILES += $(gir_DATA) $(typelib_DATA)
endif
