# What .ci/run and the test legs share: sourced, not run.
#
#  quickstart N        prints README.md's shell block after "<!-- quickstart-N -->"
#  run_quickstart N    runs it with bash -euo pipefail; adds "quickstart-N"
#                      to the array failures if it fails
#  suite_count WHAT [LOG]
#                      the "# WHAT: N" count (PASS, FAIL, ...) of LOG
#                      (test-suite.log)
#  print_versions      the versions of the stack this system tests
#  set_version_gated_skips
#                      sets the array version_gated_skips (needs
#                      /etc/os-release sourced)
#  set_version_gated_skips_of FILE
#                      the same for the release the os-release FILE names
#  unexpected_skips    reads SKIP: lines on standard input, prints those
#                      that are not version-gated
#  autopkgtest_depends TREE
#                      what TREE/debian/tests/control says the tests need
#  run_autopkgtests TREE LABEL
#                      runs TREE's debian/tests as autopkgtest would; sets
#                      the array autopkgtest_failed to the names that failed
#  source_package DIR TARBALL DEBIAN
#                      the source package as a Debian upload has it: in
#                      DIR, TARBALL (make dist's) as cellos_VERSION.orig.tar.xz
#                      and unpacked, with the directory DEBIAN copied in as
#                      its debian/; prints the unpacked tree's path
#  run_lintian CHANGES LABEL
#                      lintian -I -E --pedantic on CHANGES (run where it
#                      is; top names the tree whose debian/ it is); fails
#                      if it prints any tag, that is any tag no
#                      debian/*lintian-overrides explains
#  install_packages CHANGES TREE [PACKAGE...]
#                      installs the binary packages of CHANGES (but the
#                      -dbgsym ones), what TREE/debian/tests/control says
#                      the tests need, and any PACKAGE; sets the array
#                      installed_packages to the names of CHANGES' packages
#  suite_counts LOG    "N passed, N failed" of the test-suite.log LOG
#  unexpected_skips_in LOG PATTERN...
#                      the SKIP: lines of LOG that neither a version-gated
#                      skip nor an extended regular expression PATTERN
#                      (a leg's skips by design) matches
#
# CI steps that are test legs of their own (a release in a root of its own)
# report their counts by writing one line "N passed, N failed" to
# "$CELLOS_CI_RESULTS/LEG"; .ci/run prints each leg's and adds them up.

quickstart () {
  awk -v marker="<!-- quickstart-$1 -->" '
    $0 == marker { found = 1; next }
    found && /^```sh/ { inside = 1; next }
    inside && /^```/ { exit }
    inside { print }
  ' README.md
}

run_quickstart () {
  local n=$1 script
  script=$(quickstart "$n")
  if [ -z "$script" ]; then
    echo "ci: README.md has no quickstart-$n block" >&2
    failures+=("quickstart-$n")
    return 1
  fi
  echo "ci: quickstart-$n: $script"
  if ! bash -euo pipefail -c "$script"; then
    failures+=("quickstart-$n")
    return 1
  fi
}

suite_count () {
  local value
  value=$(sed -n "s/^# $1: *\([0-9]*\)\$/\1/p" "${2:-test-suite.log}" 2>/dev/null | head -n 1)
  echo "${value:-0}"
}

suite_counts () {
  local passed failed
  passed=$(suite_count PASS "$1")
  failed=$(( $(suite_count FAIL "$1") + $(suite_count ERROR "$1") + $(suite_count XPASS "$1") ))
  echo "$passed passed, $failed failed"
}

unexpected_skips_in () {
  local log=$1 skips pattern allowed line name
  shift
  skips=$(grep -E '^SKIP:' "$log" | unexpected_skips)
  allowed=
  for pattern in "$@"; do
    allowed+=$(printf '%s\n' "$skips" | grep -E -e "$pattern" || true)$'\n'
    skips=$(printf '%s\n' "$skips" | grep -v -E -e "$pattern" || true)
  done
  # A test whose every case skipped has its result line too, "SKIP: NAME"
  # alone (its log's name: the test's, without .sh or .py), heading its
  # log: allowed when its cases' skips were.
  while IFS= read -r line; do
    [ -n "$line" ] || continue
    name=${line#SKIP: }
    if [ "$name" = "${name%% *}" ] &&
       printf '%s' "$allowed" | grep -q -E -e "^SKIP: ${name//./\\.}(\.[a-z]+)? "; then
      continue
    fi
    printf '%s\n' "$line"
  done <<< "$skips"
}

run_lintian () {
  local changes=$1 label=$2 standards releases suppress=() log
  log=$(mktemp "${TMPDIR:-/tmp}/cellos-lintian.XXXXXX")
  echo "ci: $label: $(lintian --version): lintian -I -E --pedantic $changes"
  # debian/control follows Policy 4.7.2, which Debian 13's lintian checks;
  # Debian 12's lintian knows Policy up to 4.6.2 and calls any later
  # Standards-Version too new. Only such a lintian is told to leave it out
  # (an override would be unused, and reported, on Debian 13).
  standards=$(sed -n 's/^Standards-Version: *//p' "$top/debian/control")
  releases=/usr/share/lintian/data/debian-policy/releases.json
  if [ -f "$releases" ] && ! grep -qF "debian-policy ($standards." "$releases"; then
    suppress=(--suppress-tags newer-standards-version)
    echo "ci: $label: this lintian predates Standards-Version $standards: not reporting newer-standards-version"
  fi
  # Any tag printed fails: overridden ones are not printed. (--fail-on
  # experimental also counts overridden experimental tags, so the output
  # decides.)
  lintian -I -E --pedantic "${suppress[@]}" "$changes" 2>&1 |
    grep -v '^running with root privileges is not recommended!$' > "$log" || true
  cat "$log"
  if grep -q '^[EWIPX]: ' "$log"; then
    echo "ci: $label: lintian tags that debian/*lintian-overrides does not explain (above)" >&2
    rm -f "$log"
    return 1
  fi
  rm -f "$log"
  echo "ci: $label: lintian: nothing but overridden tags"
}

install_packages () {
  local changes=$1 tree=$2 debs test_depends
  shift 2
  mapfile -t debs < <(dcmd --deb "$changes" | grep -v -- '-dbgsym_')
  mapfile -t installed_packages < <(printf '%s\n' "${debs[@]}" | sed 's|.*/||; s|_.*||')
  mapfile -t test_depends < <(autopkgtest_depends "$tree")
  apt-get install -y -o DPkg::Lock::Timeout=600 \
    "${debs[@]/#/./}" "${test_depends[@]}" "$@" > /dev/null
}

source_package () {
  local dir=$1 tarball=$2 debian=$3 name
  name=$(basename "$tarball" .tar.xz)
  mkdir -p "$dir" &&
    cp "$tarball" "$dir/${name%-*}_${name##*-}.orig.tar.xz" &&
    tar -xJf "$tarball" -C "$dir" &&
    cp -a "$debian" "$dir/$name/" &&
    echo "$dir/$name"
}

# After quickstart-1, which installs the build dependencies.
print_versions () {
  local release python gjs
  release=$(. /etc/os-release && echo "$PRETTY_NAME")
  # The python3-gi package: the PyGObject the system's python3 imports.
  python=$(dpkg-query -W -f '${Version}' python3-gi 2>/dev/null || true)
  gjs=$(gjs --version 2>/dev/null | sed 's/^gjs *//' || true)
  echo "ci: versions on $release: GLib $(pkg-config --modversion glib-2.0)," \
       "gobject-introspection $(pkg-config --modversion gobject-introspection-1.0)," \
       "json-glib $(pkg-config --modversion json-glib-1.0)," \
       "PyGObject ${python:-none}, gjs ${gjs:-none}"
}

# Tests that need a newer stack than this release has, and skip here by
# design: each an extended regular expression for its SKIP line in
# test-suite.log (or a test's .log), reason included. Any other skip fails
# CI.
set_version_gated_skips () {
  case $VERSION_ID in
    12) version_gated_skips=(
          # asyncio (await on create_async/destroy_async) needs PyGObject
          # 3.50 and a GIR with glib:finish-func (gobject-introspection
          # 1.80); Debian 12 has 3.42 and 1.74.
          '^SKIP: tests/python/test-asyncio\.py [0-9]+ - [A-Za-z_.]+ # SKIP needs PyGObject >= 3\.50 '
        ) ;;
    *) version_gated_skips=() ;;
  esac
}

# The same for the release an os-release FILE names (a leg's root).
set_version_gated_skips_of () {
  local VERSION_ID
  VERSION_ID=$(. "$1" && echo "$VERSION_ID")
  set_version_gated_skips
}

unexpected_skips () {
  local skips pattern
  skips=$(cat)
  for pattern in "${version_gated_skips[@]}"; do
    skips=$(printf '%s\n' "$skips" | grep -v -E -e "$pattern" || true)
  done
  printf '%s' "$skips" | sed '/^$/d'
}

autopkgtest_depends () {
  sed -n 's/^Depends: *//p' "$1/debian/tests/control" |
    tr ',' '\n' | sed 's/^ *//; s/ *$//' | grep -v '^@' | sort -u
}

# As autopkgtest runs them: from the top of the source tree, with a fresh
# AUTOPKGTEST_TMP, and an environment that names nothing of the build.
run_autopkgtests () {
  local tree=$1 label=$2 test tmp
  autopkgtest_failed=()
  for test in $(sed -n 's/^Tests: *//p' "$tree/debian/tests/control" | tr ',' ' '); do
    tmp=$(mktemp -d "${TMPDIR:-/tmp}/cellos-autopkgtest-$test.XXXXXX")
    echo "ci: $label: autopkgtest $test"
    if ! (cd "$tree" &&
          env -i PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin \
                 HOME="$tmp" LANG=C.UTF-8 AUTOPKGTEST_TMP="$tmp" \
                 "debian/tests/$test"); then
      echo "ci: $label: autopkgtest $test FAILED" >&2
      autopkgtest_failed+=("$test")
    fi
    rm -rf "$tmp"
  done
}
