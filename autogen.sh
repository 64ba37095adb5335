#!/bin/sh
# Bootstraps the build system from a git checkout.
# NOCONFIGURE=1 ./autogen.sh only generates configure.
set -e

srcdir=$(dirname "$0")
test -n "$srcdir" || srcdir=.

olddir=$(pwd)
cd "$srcdir"

mkdir -p build-aux m4
autoreconf --force --install --verbose
# automake does not install the TAP driver by itself.
cp -f "$(automake --print-libdir)/tap-driver.sh" build-aux/tap-driver.sh

cd "$olddir"
if [ -z "$NOCONFIGURE" ]; then
  exec "$srcdir/configure" "$@"
fi
