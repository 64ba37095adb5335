# Examples: built with the library, never installed.

noinst_PROGRAMS += examples/lifecycle

examples_lifecycle_SOURCES = examples/lifecycle.c
examples_lifecycle_CPPFLAGS = $(cellos_uninstalled_cppflags)
examples_lifecycle_CFLAGS = $(CELLOS_DEPS_CFLAGS) $(WARN_CFLAGS)
examples_lifecycle_LDADD = lib/libcellos-1.0.la $(CELLOS_DEPS_LIBS)

dist_noinst_DATA += \
	examples/sample-document.json \
	examples/lifecycle.py
