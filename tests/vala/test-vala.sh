#!/bin/sh
# Stands in for tests/vala/test-vala when configure found no valac or
# vapigen (or no introspection): the Vala test is reported skipped, by
# name, with the reason.
echo "1..0 # SKIP the Vala bindings were not built: configure found no valac and vapigen, or no introspection"
