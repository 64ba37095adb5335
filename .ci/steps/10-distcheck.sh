#!/bin/bash
# The release tarball builds, passes its tests and cleans up after itself.
set -euo pipefail
make -j"$(nproc)" distcheck
