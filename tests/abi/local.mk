# ABI discipline: the committed libabigail baseline (make check-abi,
# make update-abi) and the checks that keep exports, version script,
# headers and Since: tags in step. docs/ABI.md has the policy.

# The current baseline: the ABI of this tree on x86_64, which make
# update-abi writes. Release baselines: the ABI a release had on another
# architecture (made from that release's source, never rewritten), which
# a build of that architecture must keep. abi-functions.sh picks the one
# of the build's architecture.
cellos_abi_baseline = lib/libcellos-1.0.abi
cellos_abi_release_baselines = lib/libcellos-1.0.0-i386.abi

cellos_abi_tests = \
	tests/abi/check-abi.sh \
	tests/abi/check-exports.sh \
	tests/abi/check-version-macros.sh \
	tests/abi/check-headers.sh \
	tests/abi/check-needed.sh \
	tests/abi/check-abi-bites.sh

TESTS += $(cellos_abi_tests)

# What the scripts need to know about this build, written by make so that
# nothing in them repeats the flags, file lists or tool paths of this
# Makefile. Paths in the flags are relative to the top build directory,
# where every script runs. Built first (BUILT_SOURCES), like a header.
# The recipe is never echoed, even with V=1: its text holds CC and CFLAGS,
# and build-log checkers (blhc) would take it for a compiler run that lacks
# the hardening flags.
tests/abi/config.sh: Makefile
	@$(AM_V_P) || echo "  GEN     " $@; \
	$(MKDIR_P) $(@D) && { \
	  printf "%s='%s'\n" \
	    abs_top_srcdir '$(abs_top_srcdir)' \
	    abs_top_builddir '$(abs_top_builddir)' \
	    CC '$(CC)' \
	    CXX '$(CXX)' \
	    NM '$(NM)' \
	    OBJDUMP '$(OBJDUMP)' \
	    ABIDW '$(ABIDW)' \
	    ABIDIFF '$(ABIDIFF)' \
	    cellos_deps_cflags '$(CELLOS_DEPS_CFLAGS)' \
	    cellos_deps_libs '$(CELLOS_DEPS_LIBS)' \
	    cellos_lib_cppflags '$(DEFS) $(DEFAULT_INCLUDES) $(lib_libcellos_1_0_la_CPPFLAGS) $(CPPFLAGS)' \
	    cellos_lib_cflags '$(lib_libcellos_1_0_la_CFLAGS) $(CFLAGS)' \
	    cellos_lib_libs '$(filter-out %.la,$(lib_libcellos_1_0_la_LIBADD)) $(LIBS)' \
	    cellos_lib_sources '$(filter %.c,$(lib_libcellos_1_0_la_SOURCES) $(lib_libcellos_environment_la_SOURCES))' \
	    cellos_lib_private_headers '$(filter %.h,$(lib_libcellos_1_0_la_SOURCES) $(lib_libcellos_environment_la_SOURCES))' \
	    cellos_lib_built_sources '$(filter %.c,$(nodist_lib_libcellos_1_0_la_SOURCES))' \
	    cellos_lib_so 'lib/.libs/libcellos-1.0.so' \
	    cellos_map 'lib/cellos.map' \
	    cellos_abi_baseline '$(cellos_abi_baseline)' \
	    cellos_abi_release_baselines '$(cellos_abi_release_baselines)' \
	    cellos_allowed_needed 'libgio-2.0 libgobject-2.0 libgmodule-2.0 libglib-2.0 libc libm' \
	    cellos_public_headers '$(cellos_public_headers)' \
	    cellos_generated_headers '$(cellos_generated_headers)'; \
	} > $@.tmp && mv $@.tmp $@

BUILT_SOURCES += tests/abi/config.sh
CLEANFILES += tests/abi/config.sh

# The test kit's library, checked by the same scripts against its own
# baseline: the settings above, with its library, version script, baseline
# and headers instead (CELLOS_ABI_CONFIG names the file to the scripts).
cellos_testing_abi_baseline = lib/testing/libcellos-testing-1.0.abi
tests/abi/config-testing.sh: tests/abi/config.sh
	@$(AM_V_P) || echo "  GEN     " $@; \
	{ cat tests/abi/config.sh && \
	  printf "%s='%s'\n" \
	    cellos_lib_so 'lib/testing/.libs/libcellos-testing-1.0.so' \
	    cellos_map 'lib/testing/cellos-testing.map' \
	    cellos_abi_baseline '$(cellos_testing_abi_baseline)' \
	    cellos_abi_release_baselines '' \
	    cellos_allowed_needed 'libcellos-1.0 libgio-2.0 libgobject-2.0 libgmodule-2.0 libglib-2.0 libc libm' \
	    cellos_macro_prefix 'CELLOS_TESTING' \
	    cellos_header_dir 'cellos-testing' \
	    cellos_umbrella_header 'cellos-testing.h' \
	    cellos_lib_sources '$(filter %.c,$(lib_testing_libcellos_testing_1_0_la_SOURCES))' \
	    cellos_lib_private_headers '$(filter %.h,$(lib_testing_libcellos_testing_1_0_la_SOURCES))' \
	    cellos_lib_built_sources '' \
	    cellos_public_headers '$(cellos_testing_public_headers)' \
	    cellos_generated_headers ''; \
	} > $@.tmp && mv $@.tmp $@
BUILT_SOURCES += tests/abi/config-testing.sh
CLEANFILES += tests/abi/config-testing.sh
cellos_testing_abi_tests = \
	tests/abi/check-abi-testing.sh \
	tests/abi/check-exports-testing.sh \
	tests/abi/check-version-macros-testing.sh \
	tests/abi/check-headers-testing.sh \
	tests/abi/check-needed-testing.sh
TESTS += $(cellos_testing_abi_tests)

EXTRA_DIST += \
	docs/ABI.md \
	$(cellos_abi_baseline) \
	$(cellos_abi_release_baselines) \
	$(cellos_testing_abi_baseline) \
	$(cellos_abi_tests) \
	$(cellos_testing_abi_tests) \
	tests/abi/abi-functions.sh \
	tests/abi/dump-release.sh \
	tests/abi/interface-appends.suppr

# make check-abi: compare the built libraries with the committed baselines
# of their architecture.
check-abi: lib/libcellos-1.0.la lib/testing/libcellos-testing-1.0.la tests/abi/config.sh tests/abi/config-testing.sh
	@test -n "$(ABIDIFF)" && test -n "$(ABIDW)" || { \
	  echo "check-abi: abidw/abidiff not found; install abigail-tools and re-run configure" >&2; \
	  exit 1; }
	@$(SHELL) $(srcdir)/tests/abi/check-abi.sh
	@CELLOS_ABI_CONFIG=tests/abi/config-testing.sh $(SHELL) $(srcdir)/tests/abi/check-abi.sh

# make update-abi: make the built libraries the new baselines. Run it in
# the commit that changes the ABI on purpose (docs/ABI.md), then review
# `git diff lib/libcellos-1.0.abi lib/testing/libcellos-testing-1.0.abi`.
update-abi: lib/libcellos-1.0.la lib/testing/libcellos-testing-1.0.la tests/abi/config.sh tests/abi/config-testing.sh
	@test -n "$(ABIDIFF)" && test -n "$(ABIDW)" || { \
	  echo "update-abi: abidw/abidiff not found; install abigail-tools and re-run configure" >&2; \
	  exit 1; }
	@$(SHELL) $(srcdir)/tests/abi/abi-functions.sh update
	@$(SHELL) $(srcdir)/tests/abi/check-abi.sh
	@CELLOS_ABI_CONFIG=tests/abi/config-testing.sh $(SHELL) $(srcdir)/tests/abi/abi-functions.sh update
	@CELLOS_ABI_CONFIG=tests/abi/config-testing.sh $(SHELL) $(srcdir)/tests/abi/check-abi.sh

.PHONY: check-abi update-abi
