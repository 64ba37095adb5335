#!/bin/sh
# The backend contract on the test kit's fake, with no rules, loaded from
# its backend module as it is when installed.
exec "$(dirname "$0")/contract/run-contract.sh" fake "$CELLOS_FAKE_BACKEND_MODULE"
