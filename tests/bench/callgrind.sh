#!/bin/bash
# Instructions per create+destroy cycle for each bench variant, from
# callgrind: repeatable where wall-clock figures are not.
#
#   tests/bench/callgrind.sh BUILDDIR [VARIANT...]
#
# Each variant runs for 1 and for 1001 cycles with collection on only inside
# the cycle functions; the difference over 1000 leaves out type
# registration and first-use costs. The profiles stay in $CALLGRIND_DIR
# (default: a new temporary directory) for callgrind_annotate.
set -euo pipefail

builddir=${1:?usage: $0 BUILDDIR [VARIANT...]}
shift
variants=("$@")
if [ ${#variants[@]} -eq 0 ]; then
  variants=(floor-async stub-async stub-sync floor-alloc async-only-sync
            floor-async-fresh-context fresh-context log-off
            trivial-async trivial-alloc)
fi
out=${CALLGRIND_DIR:-$(mktemp -d)}
bench="$builddir/tests/bench/cellos-bench"
make -C "$builddir" tests/bench/cellos-bench >/dev/null

total () {
  grep -m1 '^summary:' "$1" | awk '{ print $2 }'
}

for variant in "${variants[@]}"; do
  for cycles in 1 1001; do
    "$builddir/libtool" --mode=execute valgrind --tool=callgrind \
      --callgrind-out-file="$out/$variant.$cycles.out" --toggle-collect='cycle_*' \
      "$bench" --profile "$variant" --cycles "$cycles" >/dev/null 2>&1
  done
  one=$(total "$out/$variant.1.out")
  many=$(total "$out/$variant.1001.out")
  printf '%-30s %8d instructions per cycle\n' "$variant" $(( (many - one) / 1000 ))
done
echo "profiles: $out"
