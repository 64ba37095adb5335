#!/bin/sh
# The backend contract on the built-in stub.
exec "$(dirname "$0")/contract/run-contract.sh" stub
