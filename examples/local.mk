# Examples: built with the library, never installed.

noinst_PROGRAMS += examples/lifecycle

examples_lifecycle_SOURCES = examples/lifecycle.c
examples_lifecycle_CPPFLAGS = $(cellos_uninstalled_cppflags)
examples_lifecycle_CFLAGS = $(CELLOS_DEPS_CFLAGS) $(WARN_CFLAGS)
examples_lifecycle_LDADD = lib/libcellos-1.0.la $(CELLOS_DEPS_LIBS)

dist_noinst_DATA += \
	examples/sample-document.json \
	examples/lifecycle.py \
	examples/supervisor.py

# The example backend module (examples/backend-module/): its own Makefile
# builds it against an installed libcellos; here it is built against the
# build tree, so that make check runs the contract runner on it.
check_LTLIBRARIES += examples/backend-module/libcellos-example-backend.la
examples_backend_module_libcellos_example_backend_la_SOURCES = \
	examples/backend-module/cellos-example-backend.c
examples_backend_module_libcellos_example_backend_la_CPPFLAGS = $(cellos_uninstalled_cppflags)
examples_backend_module_libcellos_example_backend_la_CFLAGS = \
	$(CELLOS_DEPS_CFLAGS) $(WARN_CFLAGS) $(HIDDEN_VISIBILITY_CFLAGS)
examples_backend_module_libcellos_example_backend_la_LIBADD = lib/libcellos-1.0.la $(CELLOS_DEPS_LIBS)
examples_backend_module_libcellos_example_backend_la_LDFLAGS = \
	-module -avoid-version -shared -no-undefined -rpath /nowhere

EXTRA_DIST += examples/backend-module/Makefile
