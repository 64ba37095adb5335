# Benchmarks: "make bench". Not part of "make check": the figures are only
# meaningful on a quiet machine, and a full run takes about a minute.
# docs/PERFORMANCE.md says what they measure and what they showed.

EXTRA_PROGRAMS += tests/bench/cellos-bench tests/bench/fake-bench
CLEANFILES += tests/bench/cellos-bench$(EXEEXT) tests/bench/fake-bench$(EXEEXT)

# The fake backend's memory per live cell, a program of its own.
tests_bench_fake_bench_SOURCES = tests/bench/fake-bench.c
tests_bench_fake_bench_CPPFLAGS = $(cellos_uninstalled_cppflags)
tests_bench_fake_bench_CFLAGS = $(CELLOS_DEPS_CFLAGS) $(WARN_CFLAGS)
tests_bench_fake_bench_LDADD = lib/libcellos-1.0.la $(CELLOS_DEPS_LIBS)

# cellos_log_operation() is private to the library, so the bench compiles
# its own copy to time it on its own. Its asynchronous-only backend is the
# C tests' (tests/test-utils.c).
tests_bench_cellos_bench_SOURCES = \
	tests/bench/cellos-bench.c \
	lib/cellos-log.c \
	lib/cellos-private.h
tests_bench_cellos_bench_CPPFLAGS = \
	$(cellos_uninstalled_cppflags) \
	-I$(top_srcdir)/include/cellos \
	-I$(top_builddir)/include/cellos \
	-I$(top_srcdir)/lib \
	-I$(top_srcdir)/tests \
	-DCELLOS_COMPILATION \
	-DG_LOG_DOMAIN=\"Cellos\"
tests_bench_cellos_bench_CFLAGS = $(AM_CFLAGS)

# Extra arguments for the C bench, e.g. BENCH_ARGS=--json.
BENCH_ARGS =
BENCH_RSS_CYCLES = 10000000
# The Python bench needs PyGObject (configure found $(PYTHON_GI)) and runs
# against the build tree's typelib when introspection was built.
bench_python = $(PYTHON_GI)
bench_typelib = Cellos-$(CELLOS_API_VERSION).typelib

bench: tests/bench/cellos-bench$(EXEEXT) tests/bench/fake-bench$(EXEEXT)
	$(AM_V_at)status=0; \
	$(LIBTOOL) --mode=execute tests/bench/fake-bench$(EXEEXT) $(filter --json,$(BENCH_ARGS)) || status=1; \
	$(LIBTOOL) --mode=execute tests/bench/cellos-bench$(EXEEXT) $(BENCH_ARGS) || status=1; \
	$(LIBTOOL) --mode=execute tests/bench/cellos-bench$(EXEEXT) $(BENCH_ARGS) \
		--rss-cycles $(BENCH_RSS_CYCLES) || status=1; \
	typelib_dir=; \
	for dir in "$(abs_top_builddir)" "$(abs_top_builddir)/lib"; do \
		if test -f "$$dir/$(bench_typelib)"; then typelib_dir=$$dir; break; fi; \
	done; \
	if test -z "$$typelib_dir"; then \
		echo "bench.py: skipped: no $(bench_typelib) in the build tree (introspection not built)"; \
	else \
		GI_TYPELIB_PATH="$$typelib_dir$${GI_TYPELIB_PATH:+:$$GI_TYPELIB_PATH}" \
		LD_LIBRARY_PATH="$(abs_top_builddir)/lib/.libs$${LD_LIBRARY_PATH:+:$$LD_LIBRARY_PATH}" \
		$(bench_python) $(srcdir)/tests/bench/bench.py $(filter --json,$(BENCH_ARGS)) || status=1; \
	fi; \
	exit $$status

.PHONY: bench

# Reading documents: throughput beside JsonParser, peak memory per input
# shape and colliding member names (docs/PERFORMANCE.md, "Documents").
EXTRA_PROGRAMS += tests/bench/document-bench
CLEANFILES += tests/bench/document-bench$(EXEEXT)
tests_bench_document_bench_SOURCES = tests/bench/document-bench.c
tests_bench_document_bench_CPPFLAGS = $(cellos_uninstalled_cppflags)
tests_bench_document_bench_CFLAGS = $(CELLOS_DEPS_CFLAGS) $(WARN_CFLAGS)
tests_bench_document_bench_LDADD = lib/libcellos-1.0.la $(CELLOS_DEPS_LIBS)

bench-documents: tests/bench/document-bench$(EXEEXT)
	$(AM_V_at)$(LIBTOOL) --mode=execute tests/bench/document-bench$(EXEEXT)

bench: bench-documents

.PHONY: bench-documents

# The performance guard: instruction counts from callgrind held to the
# same ratio budgets; deterministic enough for CI, about a minute under
# valgrind. Fails when a ratio is over its budget.
check-perf: tests/bench/cellos-bench$(EXEEXT)
	$(AM_V_at)bash $(srcdir)/tests/bench/check-perf.sh $(abs_top_builddir)

.PHONY: check-perf

EXTRA_DIST += \
	tests/bench/bench.py \
	tests/bench/callgrind.sh \
	tests/bench/check-perf.sh \
	docs/PERFORMANCE.md
