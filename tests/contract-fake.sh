#!/bin/sh
# The backend contract on the built-in fake, with no rules.
exec "$(dirname "$0")/contract/run-contract.sh" fake
