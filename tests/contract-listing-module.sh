#!/bin/sh
# The backend contract on a test module that lists its cells correctly:
# every TEST/live-set is checked by listing, and passes.
exec "$(dirname "$0")/contract/run-contract.sh" test-listing \
  "$CELLOS_TEST_MISBEHAVING_MODULE_DIR/libcellos-test-listing.so"
