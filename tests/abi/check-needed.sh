#!/bin/sh
# The libraries the library links, its NEEDED entries, are the ones it is
# allowed: GLib's and the C library (libc, libm) for the core, which production
# supervisors link, and those and the core for the test kit. A JSON
# library, or anything else, coming back into the core fails here, which
# the ABI comparison does not see.
#
# Copyright 2026 The CellOS authors
# SPDX-License-Identifier: LGPL-2.1-or-later

. "$(dirname "$0")/abi-functions.sh"

so=$cellos_lib_so
work=$(cellos_scratch_dir) || exit 99
trap 'rm -rf "$work"' EXIT

needed () {
  $OBJDUMP -p "$so" | awk '$1 == "NEEDED" { print $2 }' | sort > "$work/needed" &&
    test -s "$work/needed" || { echo "objdump -p $so lists no NEEDED entry"; return 1; }
}

only_allowed () {
  bad=0
  while read -r library; do
    base=${library%%.so*}
    case $base in
      # A sanitizer's runtime, which a sanitizer build's own flags add.
      libasan|libubsan|liblsan|libtsan|libhwasan) continue ;;
    esac
    case " $cellos_allowed_needed " in
      *" $base "*) ;;
      *) echo "$so needs $library, which is not one of: $cellos_allowed_needed"; bad=1 ;;
    esac
  done < "$work/needed"
  return $bad
}

no_json () {
  if grep -i json "$work/needed"; then
    echo "$so links a JSON library"
    return 1
  fi
}

tap_check "objdump lists what $(basename "$so") needs" needed
tap_check "$(basename "$so") needs only $cellos_allowed_needed" only_allowed
tap_check "$(basename "$so") links no JSON library" no_json
tap_done
