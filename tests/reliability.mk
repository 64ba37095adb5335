# Reliability: bad-input table, fuzz target and its replay, stress test,
# and the sanitizer, valgrind and coverage rules.
# tests/README-reliability.md says how each is run.

# --- Bad documents -------------------------------------------------------
# tests/bad-documents/*.json, each listed in tests/bad-documents/EXPECTED
# with the message it must be refused with, plus generated cases.

cellos_reliability_tests = \
	tests/test-bad-documents \
	tests/test-fuzz-replay \
	tests/test-stress

check_PROGRAMS += $(cellos_reliability_tests)
TESTS += $(cellos_reliability_tests)

tests_test_bad_documents_SOURCES = tests/test-bad-documents.c $(cellos_test_utils)
tests_test_bad_documents_CPPFLAGS = $(cellos_test_cppflags)
tests_test_bad_documents_CFLAGS = $(cellos_test_cflags)
tests_test_bad_documents_LDADD = $(cellos_test_ldadd)

# The same files through `cellos-cell validate`. Not in TESTS here: the
# tool's own fragment adds it (TESTS += $(cellos_cli_bad_document_tests))
# next to the rule that builds tools/cellos-cell; the script fails, never
# skips, when the tool is missing.
cellos_cli_bad_document_tests = tests/bad-documents/validate-cli.sh
TEST_EXTENSIONS = .sh
SH_LOG_DRIVER = $(LOG_DRIVER)
SH_LOG_COMPILER = $(SHELL)
AM_TESTS_ENVIRONMENT += \
	CELLOS_CELL="$(abs_top_builddir)/tools/cellos-cell"; export CELLOS_CELL;

EXTRA_DIST += \
	tests/bad-documents \
	tests/README-reliability.md

# --- Fuzzing -------------------------------------------------------------
# The check both the libFuzzer target and the replay driver run on every
# input: whatever parses round-trips; whatever does not is
# CELLOS_ERROR_INVALID_DOCUMENT.

cellos_fuzz_check = \
	tests/fuzz/fuzz-document-check.c \
	tests/fuzz/fuzz-document-check.h

tests_test_fuzz_replay_SOURCES = tests/fuzz/replay.c $(cellos_fuzz_check)
tests_test_fuzz_replay_CPPFLAGS = $(cellos_test_cppflags)
tests_test_fuzz_replay_CFLAGS = $(cellos_test_cflags)
tests_test_fuzz_replay_LDADD = $(cellos_test_ldadd)

if ENABLE_FUZZING
noinst_PROGRAMS += tests/fuzz/fuzz-document
tests_fuzz_fuzz_document_SOURCES = tests/fuzz/fuzz-document.c $(cellos_fuzz_check)
tests_fuzz_fuzz_document_CPPFLAGS = $(cellos_test_cppflags)
tests_fuzz_fuzz_document_CFLAGS = $(cellos_test_cflags)
tests_fuzz_fuzz_document_LDFLAGS = -fsanitize=fuzzer
tests_fuzz_fuzz_document_LDADD = $(cellos_test_ldadd)
endif

EXTRA_DIST += \
	tests/fuzz/corpus \
	tests/fuzz/regressions \
	tests/fuzz/document.dict

# --- Stress --------------------------------------------------------------
# Short form in make check; `make check-long` runs it in GTest's slow mode
# (8 threads x 100,000 cycles).

tests_test_stress_SOURCES = tests/test-stress.c $(cellos_test_utils)
tests_test_stress_CPPFLAGS = $(cellos_test_cppflags)
tests_test_stress_CFLAGS = $(cellos_test_cflags)
tests_test_stress_LDADD = $(cellos_test_ldadd)

check-long: $(check_PROGRAMS)
	$(AM_V_at)$(AM_TESTS_ENVIRONMENT) $(top_builddir)/tests/test-stress -m slow --tap
.PHONY: check-long

# --- Sanitizers ----------------------------------------------------------
# Leak detection is on (LeakSanitizer, part of ASan on Linux); any report
# fails the test. GLib keeps its type system and thread pools alive until
# exit on purpose; those are still reachable, which LeakSanitizer does not
# report.

if ENABLE_SANITIZERS
AM_TESTS_ENVIRONMENT += \
	ASAN_OPTIONS=detect_leaks=1:strict_string_checks=1:check_initialization_order=1:detect_stack_use_after_return=1; \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1; \
	export ASAN_OPTIONS UBSAN_OPTIONS;
endif

# --- Valgrind ------------------------------------------------------------
# make check-valgrind: memcheck over the C tests, with GLib's suppressions
# and ours; definite leaks and any error fail.

@VALGRIND_CHECK_RULES@
VALGRIND_SUPPRESSIONS_FILES = \
	$(GLIB_VALGRIND_SUPPRESSIONS) \
	$(top_srcdir)/tests/cellos.supp
VALGRIND_FLAGS = --num-callers=30 --trace-children=no
VALGRIND_memcheck_FLAGS = \
	--leak-check=full \
	--show-leak-kinds=definite \
	--errors-for-leak-kinds=definite
EXTRA_DIST += tests/cellos.supp

# --- Coverage ------------------------------------------------------------
# make check-code-coverage: lcov over make check. CI reads lib/'s figures
# from the report (.ci/steps/50-coverage.sh).

include $(top_srcdir)/aminclude_static.am
CODE_COVERAGE_BRANCH_COVERAGE = 1
CODE_COVERAGE_IGNORE_PATTERN = \
	"*/tests/*" \
	"*/examples/*" \
	"*/tools/*" \
	"/usr/*"

# make check-code-coverage-lib, after make check: lib/'s line and branch
# coverage, failing under the thresholds.
CELLOS_COVERAGE_MIN_LINES = 95
CELLOS_COVERAGE_MIN_BRANCHES = 80
cellos_lcov = $(LCOV) --quiet --rc lcov_branch_coverage=1

if CODE_COVERAGE_ENABLED
check-code-coverage-lib:
	$(AM_V_at)$(cellos_lcov) --capture --no-checksum --compat-libtool \
		--directory $(top_builddir)/lib --output-file cellos-lib.info.tmp
	$(AM_V_at)$(cellos_lcov) --extract cellos-lib.info.tmp '*/lib/*' \
		--output-file cellos-lib.info
	$(AM_V_at)rm -f cellos-lib.info.tmp
	$(AM_V_at)$(LCOV) --rc lcov_branch_coverage=1 --list cellos-lib.info
	$(AM_V_at)$(LCOV) --rc lcov_branch_coverage=1 --summary cellos-lib.info 2>&1 | \
	$(AWK) -v min_lines=$(CELLOS_COVERAGE_MIN_LINES) -v min_branches=$(CELLOS_COVERAGE_MIN_BRANCHES) ' \
		{ print } \
		/^ *lines\.*:/ { lines = $$2 + 0; seen_lines = 1 } \
		/^ *branches\.*:/ { branches = $$2 + 0; seen_branches = 1 } \
		END { \
			if (!seen_lines || !seen_branches) { print "coverage: no summary from lcov"; exit 1 } \
			status = 0; \
			if (lines < min_lines) { printf "coverage: lib/ lines %.1f%% < %d%%\n", lines, min_lines; status = 1 } \
			if (branches < min_branches) { printf "coverage: lib/ branches %.1f%% < %d%%\n", branches, min_branches; status = 1 } \
			if (!status) printf "coverage: lib/ lines %.1f%% (>= %d%%), branches %.1f%% (>= %d%%)\n", lines, min_lines, branches, min_branches; \
			exit status }'
else
check-code-coverage-lib:
	@echo "Need to reconfigure with --enable-code-coverage"; exit 1
endif
.PHONY: check-code-coverage-lib
CLEANFILES += cellos-lib.info cellos-lib.info.tmp
