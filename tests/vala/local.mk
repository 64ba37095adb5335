# Vala test: a Vala program built against the uninstalled library through
# vala/cellos-1.0.vapi. valac's since-check is off: it compares the API's
# "Since: 1.2" with the version of whatever cellos .pc pkg-config finds
# (an installed 1.1.x, in this development series), not with this tree.
# valac writes C, which is compiled without this tree's warning flags: the
# C is valac's, not ours to keep warning-free.
# Without valac and vapigen a script reports the test skipped, so that a
# build that should have had them does not pass unnoticed.

if ENABLE_VALA
check_PROGRAMS += tests/vala/test-vala
TESTS += tests/vala/test-vala
nodist_tests_vala_test_vala_SOURCES = tests/vala/test-vala.c
tests_vala_test_vala_CPPFLAGS = $(cellos_uninstalled_cppflags)
tests_vala_test_vala_CFLAGS = $(CELLOS_DEPS_CFLAGS) -w
tests_vala_test_vala_LDADD = lib/testing/libcellos-testing-1.0.la lib/libcellos-1.0.la $(CELLOS_DEPS_LIBS)

tests/vala/test-vala.c: tests/vala/test-vala.vala vala/cellos-1.0.vapi vala/cellos-1.0.deps \
		vala/cellos-testing-1.0.vapi vala/cellos-testing-1.0.deps
	$(AM_V_GEN)$(VALAC) --quiet --ccode --disable-since-check \
	  --vapidir=vala --pkg cellos-1.0 --pkg cellos-testing-1.0 \
	  --basedir=$(srcdir)/tests/vala --directory=tests/vala \
	  $(srcdir)/tests/vala/test-vala.vala

CLEANFILES += tests/vala/test-vala.c
else
TESTS += tests/vala/test-vala.sh
endif

EXTRA_DIST += \
	tests/vala/test-vala.vala \
	tests/vala/test-vala.sh
