#!/bin/bash
# The performance guard: instructions per create+destroy cycle for each
# bench variant, from callgrind (tests/bench/callgrind.sh), held to the
# ratio budgets of tests/bench/cellos-bench.c, which lists them
# (--budgets) so that they are written in one place. Instruction counts
# hold steady where the time on a shared machine does not.
#
#   tests/bench/check-perf.sh BUILDDIR      (make check-perf)
#
# Prints the counts and the ratios as a table; exits 1 when a ratio is over
# its budget, naming it with its figures, and 2 when it cannot measure.
set -euo pipefail

builddir=${1:?usage: $0 BUILDDIR}
here=$(cd "$(dirname "$0")" && pwd)

if ! command -v valgrind >/dev/null 2>&1; then
  echo "check-perf: valgrind is needed to count instructions (Debian and Fedora: valgrind)" >&2
  exit 2
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/cellos-check-perf.XXXXXX")
trap 'rm -rf "$work"' EXIT

make -C "$builddir" tests/bench/cellos-bench >/dev/null
"$builddir/libtool" --mode=execute "$builddir/tests/bench/cellos-bench" --budgets > "$work/budgets"
variants=$(awk '{ print $2; print $3 }' "$work/budgets" | sort -u)

# shellcheck disable=SC2086 # one argument per variant
CALLGRIND_DIR=$work "$here/callgrind.sh" "$builddir" $variants > "$work/counts"

awk '
  FNR == NR {
    if ($3 == "instructions") { count[$1] = $2; order[++n] = $1 }
    next
  }
  {
    name = $1; num = $2; den = $3; kind = $4; budget = $5
    label = $0
    for (k = 1; k <= 5; k++)
      sub(/^[^ ]+ +/, "", label)
    if (!(num in count) || !(den in count) || count[den] <= 0) {
      printf "check-perf: no instruction count for %s or %s\n", num, den > "/dev/stderr"
      missing = 1
      next
    }
    ratio = count[num] / count[den]
    line[++m] = sprintf("  %-44s %8d / %-8d %7.3f", label, count[num], count[den], ratio)
    if (kind == "at-most") {
      ok = ratio <= budget
      line[m] = line[m] sprintf("   budget %.2f  %s", budget, ok ? "ok" : "OVER BUDGET")
    } else if (kind == "share") {
      ok = ratio < budget
      line[m] = line[m] sprintf("   budget < %.2f  %s", budget, ok ? "ok" : "OVER BUDGET")
    } else {
      ok = 1
      line[m] = line[m] "   (no budget)"
    }
    if (!ok)
      over[++o] = sprintf("%s: %d / %d instructions = %.3f, budget %s%.2f",
                          label, count[num], count[den], ratio,
                          kind == "share" ? "< " : "", budget)
  }
  END {
    print "instructions per create+destroy cycle (callgrind, 1000 cycles):"
    for (i = 1; i <= n; i++)
      printf "  %-30s %8d\n", order[i], count[order[i]]
    print "ratios, in instructions:"
    for (i = 1; i <= m; i++)
      print line[i]
    if (missing)
      exit 2
    if (o > 0) {
      printf "check-perf: %d ratio(s) over budget:\n", o > "/dev/stderr"
      for (i = 1; i <= o; i++)
        printf "  %s\n", over[i] > "/dev/stderr"
      exit 1
    }
    print "check-perf: every ratio within its budget"
  }
' "$work/counts" "$work/budgets"
