#!/bin/sh
# Every document in tests/bad-documents, through `cellos-cell validate`:
# exit status 1, and the message from EXPECTED on stderr, prefixed by the
# file's name. TAP output, for automake's tap-driver.sh.
#
# Run by make check once tools/cellos-cell is built (its fragment adds this
# script to TESTS); a missing tool is a failure here, never a skip.
# CELLOS_CELL is the tool to run; G_TEST_SRCDIR the tests/ source directory.

set -u

srcdir=${G_TEST_SRCDIR:-$(dirname "$0")/..}
dir="$srcdir/bad-documents"
tool=${CELLOS_CELL:-}

if [ -z "$tool" ] || [ ! -x "$tool" ]; then
  echo "1..1"
  echo "not ok 1 cellos-cell is expected at '${tool}' but is not there"
  exit 1
fi

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

total=$(grep -c -v -e '^#' -e '^$' "$dir/EXPECTED")
echo "1..$((total + 2))"

n=0
failed=0
grep -v -e '^#' -e '^$' "$dir/EXPECTED" > "$tmp/expected"
while IFS="	" read -r name message; do
  n=$((n + 1))
  status=0
  "$tool" validate "$dir/$name" > "$tmp/stdout" 2> "$tmp/stderr" || status=$?
  if [ "$status" -ne 1 ]; then
    echo "not ok $n $name: exit status $status, expected 1"
    failed=1
  elif ! grep -q -F -e "$dir/$name" "$tmp/stderr"; then
    echo "not ok $n $name: stderr does not name the file"
    sed 's/^/# /' "$tmp/stderr"
    failed=1
  elif ! grep -q -F -e "$message" "$tmp/stderr"; then
    echo "not ok $n $name: stderr does not say: $message"
    sed 's/^/# /' "$tmp/stderr"
    failed=1
  else
    echo "ok $n $name"
  fi
done < "$tmp/expected"

# All files at once: still exit 1, one message per file.
n=$((n + 1))
status=0
"$tool" validate "$dir"/*.json > /dev/null 2> "$tmp/stderr" || status=$?
if [ "$status" -eq 1 ] && [ "$(grep -c -F -e "$dir/" "$tmp/stderr")" -ge "$total" ]; then
  echo "ok $n all files at once"
else
  echo "not ok $n all files at once: exit status $status, $(wc -l < "$tmp/stderr") lines on stderr"
  failed=1
fi

# An endless file: refused once past the size limit, exit 1.
n=$((n + 1))
status=0
"$tool" validate /dev/zero > /dev/null 2> "$tmp/stderr" || status=$?
if [ "$status" -eq 1 ] && grep -q -F -e "is larger than" "$tmp/stderr"; then
  echo "ok $n /dev/zero is refused as larger than the size limit"
else
  echo "not ok $n /dev/zero: exit status $status"
  sed 's/^/# /' "$tmp/stderr"
  failed=1
fi

exit "$failed"
