/* fuzz-document.c: libFuzzer target for the document reader
 *
 * Copyright 2026 The CellOS authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Build with ./configure --enable-fuzzing CC=clang; run as
 *   tests/fuzz/fuzz-document -dict=tests/fuzz/document.dict CORPUS_DIR tests/fuzz/corpus
 * Every input that ever made it crash goes into tests/fuzz/regressions/,
 * which make check replays (tests/fuzz/replay.c).
 */

#include <stddef.h>
#include <stdint.h>

#include <glib.h>

#include "fuzz-document-check.h"

int LLVMFuzzerInitialize (int    *argc,
                          char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  (void) argc;
  (void) argv;

  /* A critical or warning is a bug here as much as a crash is. */
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  cellos_fuzz_check_document (data, size);
  return 0;
}
