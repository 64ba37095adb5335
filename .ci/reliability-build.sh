# Sourced by the reliability steps in .ci/steps: reliability_build DIR
# makes DIR (under the checkout) with a clean copy of the source tree in
# DIR/src, from `make distdir` of the in-tree build that the Quick start
# made, and enters DIR. Automake refuses to build out of tree from a
# source tree that is itself configured, and the in-tree build must stay
# as README's commands left it.
reliability_build () {
  local top dir
  top=$(pwd)
  dir="$top/$1"
  rm -rf "$dir"
  mkdir -p "$dir"
  make -s distdir distdir="$1/src" >/dev/null
  cd "$dir"
}

# apt-get install for tools only this step needs.
reliability_install () {
  apt-get install -y -q -o DPkg::Lock::Timeout=600 "$@" >/dev/null
}
