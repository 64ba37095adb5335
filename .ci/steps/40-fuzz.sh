#!/bin/bash
# Fuzzes the document reader with libFuzzer (clang, ASan, UBSan) for
# FUZZ_SECONDS (default 150) from the seed and regression corpora, in
# _build-fuzz. Any crash, leak, critical or broken round trip fails the
# step; the input is printed so it can be added to tests/fuzz/regressions.
# About 4 minutes.
set -euo pipefail
. .ci/reliability-build.sh
reliability_install clang libclang-rt-dev
reliability_build _build-fuzz
CC=clang src/configure --enable-fuzzing --disable-shared --enable-static >configure.log
make -j"$(nproc)" >/dev/null

mkdir -p corpus artifacts
status=0
./tests/fuzz/fuzz-document \
  -max_total_time="${FUZZ_SECONDS:-150}" \
  -timeout=10 -rss_limit_mb=4096 -max_len=65536 -print_final_stats=1 \
  -dict=src/tests/fuzz/document.dict \
  -artifact_prefix=artifacts/ \
  corpus src/tests/fuzz/corpus src/tests/fuzz/regressions >fuzz.log 2>&1 || status=$?
tail -n 25 fuzz.log
if [ "$status" -ne 0 ] || [ -n "$(ls -A artifacts)" ]; then
  for input in artifacts/*; do
    [ -e "$input" ] || continue
    echo "fuzz: $input (base64; add it to tests/fuzz/regressions/):"
    base64 "$input" | head -c 4096
    echo
  done
  exit 1
fi
