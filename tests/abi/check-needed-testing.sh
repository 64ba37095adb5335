#!/bin/sh
# check-needed.sh on the test kit's library, lib/testing/.libs/libcellos-testing-1.0.so,
# with the settings make wrote to tests/abi/config-testing.sh.
#
# Copyright 2026 The CellOS authors
# SPDX-License-Identifier: LGPL-2.1-or-later

CELLOS_ABI_CONFIG=tests/abi/config-testing.sh
export CELLOS_ABI_CONFIG
exec "${SHELL:-/bin/sh}" "$(dirname "$0")/check-needed.sh"
