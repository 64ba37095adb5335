#!/bin/sh
# The backend contract on the test-only isolating backend module.
exec "$(dirname "$0")/contract/run-contract.sh" test-isolating "$CELLOS_TEST_BACKEND_MODULE"
