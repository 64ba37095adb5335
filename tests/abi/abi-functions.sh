# Shell functions the ABI checks share; sourced, or run as
# `abi-functions.sh update` by `make update-abi`. Runs in the top build
# directory, with the settings make wrote to tests/abi/config.sh.
#
# Copyright 2026 The CellOS authors
# SPDX-License-Identifier: LGPL-2.1-or-later

cellos_abi_config=${CELLOS_ABI_CONFIG:-tests/abi/config.sh}
if [ ! -r "$cellos_abi_config" ]; then
  echo "Bail out! $cellos_abi_config is missing: run this from the top build directory, through make"
  exit 99
fi
case $cellos_abi_config in
  /*) . "$cellos_abi_config" ;;
  *) . "./$cellos_abi_config" ;;
esac

# --- TAP output (automake's tap-driver.sh reads it) ---

tap_n=0
tap_failed=0

tap_result () # ok|not-ok DESCRIPTION
{
  tap_n=$((tap_n + 1))
  if [ "$1" = ok ]; then
    echo "ok $tap_n - $2"
  else
    echo "not ok $tap_n - $2"
    tap_failed=1
  fi
}

tap_check () # DESCRIPTION COMMAND...: one test case, COMMAND's output as diagnostics
{
  tap_description=$1
  shift
  if tap_output=$("$@" 2>&1); then
    tap_result ok "$tap_description"
  else
    tap_result not-ok "$tap_description"
  fi
  [ -z "$tap_output" ] || printf '%s\n' "$tap_output" | sed 's/^/# /'
}

tap_skip () # DESCRIPTION REASON
{
  tap_n=$((tap_n + 1))
  echo "ok $tap_n - $1 # SKIP $2"
}

tap_done ()
{
  echo "1..$tap_n"
  exit "$tap_failed"
}

# --- file lists ---

cellos_scratch_dir ()
{
  mktemp -d "${TMPDIR:-/tmp}/cellos-abi.XXXXXX"
}

# The public headers laid out as `make install` lays them out, in
# DIR/cellos/: the sources' and the generated ones, nothing else.
cellos_install_headers () # DIR
{
  mkdir -p "$1/cellos" || return 1
  for h in $cellos_public_headers; do
    cp "$abs_top_srcdir/$h" "$1/cellos/" || return 1
  done
  for h in $cellos_generated_headers; do
    cp "$abs_top_builddir/$h" "$1/cellos/" || return 1
  done
}

# --- libabigail ---

# A dump holds what is a property of the library's ABI, not of this
# machine, build directory or implementation: no corpus or compilation
# directory paths, locations by file name only (libabigail tells the
# public headers' types from others by them, so they stay), type ids by
# hash so that one change does not renumber every type. It holds every
# type of the public headers, reachable from a function or not (an enum no
# function takes is ABI too), and the functions SO exports, nothing else:
# without the suppression below, abidw would also write the declaration of
# every function the library defines privately or calls, which change with
# the implementation.
cellos_abi_dump () # SO OUT HEADERS-DIR
{
  cellos_abi_exported=$("$OBJDUMP" -T "$1" | awk '/ DF [.]text/ { print $NF }' | paste -s -d '|' -) &&
    [ -n "$cellos_abi_exported" ] || {
      echo "cellos_abi_dump: no exported functions found in $1" >&2
      return 1
    }
  printf '[suppress_function]\n  name_not_regexp = ^(%s)$\n  drop = yes\n' \
    "$cellos_abi_exported" > "$2.suppr" || return 1
  "$ABIDW" --no-corpus-path --no-comp-dir-path --short-locs \
    --type-id-style hash --load-all-types --drop-private-types \
    --suppressions "$2.suppr" \
    --headers-dir "$3" --out-file "$2" "$1"
  cellos_abi_dump_status=$?
  rm -f "$2.suppr"
  return $cellos_abi_dump_status
}

cellos_abi_architecture () # ABI-FILE
{
  sed -n "s/^<abi-corpus [^>]*architecture='\([^']*\)'.*/\1/p" "$1" | head -n 1
}

# The architecture of SO as libabigail names it (elf-amd-x86_64,
# elf-intel-80386, ...): that of a quick dump of SO alone.
cellos_abi_so_architecture () # SO
{
  cellos_abi_arch_dir=$(cellos_scratch_dir) || return 1
  "$ABIDW" --no-corpus-path --no-comp-dir-path --no-show-locs \
    --out-file "$cellos_abi_arch_dir/so.abi" "$1" > /dev/null 2>&1 &&
    cellos_abi_architecture "$cellos_abi_arch_dir/so.abi"
  cellos_abi_arch_status=$?
  rm -rf "$cellos_abi_arch_dir"
  return $cellos_abi_arch_status
}

# The one rule for which baseline a build is compared with, and for when
# none applies. Baselines are per architecture: type sizes and offsets
# differ between them, so a baseline holds for the architecture its dump
# names, and a build is compared only with one of its own architecture.
# Of those, the current baseline (cellos_abi_baseline: the ABI of the tree,
# updated with every addition by `make update-abi`) comes first; then a
# release baseline (cellos_abi_release_baselines: the ABI a release had
# there, frozen). Against a current baseline any difference fails;
# against a release baseline what the release had must all be there,
# unchanged, and additions (functions, types, virtual methods appended to
# the backend interface) pass.
#
# Sets cellos_abi_picked (the baseline, a path from the top source
# directory) and cellos_abi_picked_kind (current or release), or sets
# cellos_abi_reason to why no baseline applies to SO and returns 1.
cellos_abi_pick_baseline () # SO
{
  cellos_abi_picked=
  cellos_abi_picked_kind=
  cellos_abi_so_arch=$(cellos_abi_so_architecture "$1")
  if [ -z "$cellos_abi_so_arch" ]; then
    cellos_abi_reason="abidw could not read the architecture of $1"
    return 1
  fi
  cellos_abi_known=
  for cellos_abi_candidate in $cellos_abi_baseline $cellos_abi_release_baselines; do
    cellos_abi_candidate_arch=$(cellos_abi_architecture "$abs_top_srcdir/$cellos_abi_candidate")
    cellos_abi_known="$cellos_abi_known $cellos_abi_candidate_arch"
    if [ -z "$cellos_abi_picked" ] && [ "$cellos_abi_candidate_arch" = "$cellos_abi_so_arch" ]; then
      cellos_abi_picked=$cellos_abi_candidate
      if [ "$cellos_abi_candidate" = "$cellos_abi_baseline" ]; then
        cellos_abi_picked_kind=current
      else
        cellos_abi_picked_kind=release
      fi
    fi
  done
  if [ -z "$cellos_abi_picked" ]; then
    cellos_abi_reason="no ABI baseline for this build's architecture, $cellos_abi_so_arch (baselines for:$cellos_abi_known; type sizes differ between architectures)"
    return 1
  fi
}

# Whether the ABI of SO can be compared with a baseline here. If it can,
# cellos_abi_reason is empty and cellos_abi_picked and
# cellos_abi_picked_kind are set (cellos_abi_pick_baseline); if not,
# cellos_abi_reason says why. Every ABI check skips for these reasons, and
# no other, with the reason. (Not run in a subshell: it sets variables.)
cellos_abi_applies () # SO
{
  cellos_abi_reason=
  cellos_abi_so_arch=
  if [ -z "$ABIDW" ] || [ -z "$ABIDIFF" ]; then
    cellos_abi_reason="abidw/abidiff not found (install abigail-tools)"
  elif ! "$OBJDUMP" -h "$1" | grep -q '[.]debug_info'; then
    cellos_abi_reason="$1 has no debug information (build with -g)"
  else
    cellos_abi_pick_baseline "$1"
  fi
  [ -z "$cellos_abi_reason" ]
}

# The only change to a public type a later API version may make, and how
# the report names it (docs/ABI.md).
cellos_abi_appends_suppr=tests/abi/interface-appends.suppr
cellos_abi_append_verdict="ABI change kind: virtual methods appended to the end of CellosCellBackendInterface only (allowed in a new API version, with its baseline)"

# Compare SO with the ABI in BASELINE, a baseline of KIND (current, the
# default, or release: cellos_abi_pick_baseline); abidiff's report on
# stdout, and 0 if SO keeps the baseline's ABI as KIND asks, 1 if not.
# Types not defined in the public headers are not compared: they are
# GLib's, or private. Returns 77 if BASELINE is for another architecture
# (cellos_abi_pick_baseline never picks one).
cellos_abi_diff () # BASELINE SO [KIND]
{
  cellos_abi_diff_kind=${3:-current}
  cellos_abi_diff_dir=$(cellos_scratch_dir) || return 1
  cellos_install_headers "$cellos_abi_diff_dir/include" &&
    cellos_abi_dump "$2" "$cellos_abi_diff_dir/current.abi" "$cellos_abi_diff_dir/include/cellos" || {
      rm -rf "$cellos_abi_diff_dir"
      return 1
    }
  baseline_arch=$(cellos_abi_architecture "$1")
  current_arch=$(cellos_abi_architecture "$cellos_abi_diff_dir/current.abi")
  if [ "$baseline_arch" != "$current_arch" ]; then
    echo "the baseline is for $baseline_arch, this build is $current_arch"
    rm -rf "$cellos_abi_diff_dir"
    return 77
  fi
  cellos_abi_report=$(cellos_abidiff "$1" "$cellos_abi_diff_dir/current.abi")
  cellos_abi_diff_status=$?
  [ -z "$cellos_abi_report" ] || printf '%s\n' "$cellos_abi_report"
  cellos_abi_kept "$cellos_abi_diff_kind" $cellos_abi_diff_status "$cellos_abi_report"
  cellos_abi_diff_status=$?
  # Every function of the baseline, with the types it was declared with.
  cellos_abi_signatures "$1" > "$cellos_abi_diff_dir/baseline.signatures" &&
    cellos_abi_signatures "$cellos_abi_diff_dir/current.abi" > "$cellos_abi_diff_dir/current.signatures" || {
      rm -rf "$cellos_abi_diff_dir"
      return 1
    }
  cellos_abi_lost=$(comm -23 "$cellos_abi_diff_dir/baseline.signatures" "$cellos_abi_diff_dir/current.signatures")
  if [ -n "$cellos_abi_lost" ]; then
    echo "Functions of the baseline gone or declared with other types (the baseline's, then this build's):"
    printf '%s\n' "$cellos_abi_lost" | while read -r cellos_abi_name _; do
      grep "^$cellos_abi_name " "$cellos_abi_diff_dir/baseline.signatures" | sed 's/^/  - /'
      grep "^$cellos_abi_name " "$cellos_abi_diff_dir/current.signatures" | sed 's/^/  + /'
    done
    rm -rf "$cellos_abi_diff_dir"
    return 1
  fi
  # Any difference fails. One kind is named, so that a deliberate append
  # to the backend interface reads as one in the report: the struct's
  # members in the baseline are the first of its members now, there are
  # more of them, none of those it had changed, and nothing else differs.
  # Against a release baseline that append is allowed, and passes.
  if [ $cellos_abi_diff_status -ne 0 ] &&
    cellos_abi_only_appended "$1" "$cellos_abi_diff_dir/current.abi" "$cellos_abi_report" "$cellos_abi_diff_kind"; then
    echo "$cellos_abi_append_verdict"
    [ "$cellos_abi_diff_kind" = current ] || cellos_abi_diff_status=0
  fi
  rm -rf "$cellos_abi_diff_dir"
  return $cellos_abi_diff_status
}

# The exported functions of the dump ABI (cellos_abi_dump keeps no other;
# one may be there more than once, declared in several files), one a
# line, with the type of
# each parameter and of the result by name, as declared: typedef names
# kept (gssize, not long), pointers and qualifiers written out. abidiff
# compares only types the public headers define (--headers-dir), so a
# parameter that changes from one GLib type to another (gssize to gint64:
# the same on 64-bit architectures, twice the size on 32-bit ones) is in
# no report of its; this list shows it.
cellos_abi_signatures () # ABI
{
  awk '
    function attr(line, name,    re) {
      re = " " name "=\047[^\047]*\047"
      if (!match(line, re)) return ""
      return substr(line, RSTART + length(name) + 3, RLENGTH - length(name) - 4)
    }
    function resolve(id, depth) {
      if (depth > 16 || !(id in kind)) return "?"
      if (kind[id] == "pointer") return resolve(ref[id], depth + 1) "*"
      if (kind[id] == "qualified") return qualifier[id] resolve(ref[id], depth + 1)
      if (kind[id] == "array") return resolve(ref[id], depth + 1) "[]"
      return type_name[id]
    }
    FNR == NR {
      id = attr($0, "id")
      if (id == "") next
      if ($0 ~ /<(typedef-decl|type-decl|class-decl|union-decl|enum-decl) /) {
        kind[id] = "named"; type_name[id] = attr($0, "name")
      } else if ($0 ~ /<(pointer-type-def|reference-type-def) /) {
        kind[id] = "pointer"; ref[id] = attr($0, "type-id")
      } else if ($0 ~ /<array-type-def /) {
        kind[id] = "array"; ref[id] = attr($0, "type-id")
      } else if ($0 ~ /<qualified-type-def /) {
        kind[id] = "qualified"; ref[id] = attr($0, "type-id")
        qualifier[id] = (attr($0, "const") == "yes" ? "const " : "") (attr($0, "volatile") == "yes" ? "volatile " : "")
      } else if ($0 ~ /<function-type /) {
        kind[id] = "named"; type_name[id] = "function"
      }
      next
    }
    /<function-decl / { in_function = 1; name = attr($0, "name"); params = ""; result = "void"; next }
    in_function && /<parameter / {
      type = attr($0, "is-variadic") == "yes" ? "..." : resolve(attr($0, "type-id"), 0)
      params = params (params == "" ? "" : ", ") type
      next
    }
    in_function && /<return / { result = resolve(attr($0, "type-id"), 0); next }
    in_function && /<\/function-decl>/ { print name " (" params ") -> " result; in_function = 0 }
  ' "$1" "$1" | sort -u
}

# Whether a comparison with a baseline of KIND, whose abidiff exited with
# STATUS and reported REPORT, shows the ABI kept. Against a current
# baseline: no difference at all. Against a release baseline: nothing
# removed or changed (abidiff's summaries count only additions); what was
# added since the release is listed in the report and passes.
cellos_abi_kept () # KIND STATUS REPORT
{
  if [ "$1" = current ]; then
    [ "$2" -eq 0 ]
  elif [ "$2" -eq 0 ]; then
    return 0
  else
    # abidiff's status says whether anything differs at all; its summary
    # lines ("N Removed, N Changed, N Added") say what. A changed SONAME
    # or architecture is in the report's head, in no summary.
    printf '%s\n' "$3" | grep -q -E '^[A-Za-z ]+ summary: ' &&
      ! printf '%s\n' "$3" | grep -q -i -E 'SONAME changed|architecture changed' &&
      ! printf '%s\n' "$3" | grep -E '^[A-Za-z ]+ summary: ' |
        grep -q -E '(^|[ :,])[1-9][0-9]* ([Rr]emoved|[Cc]hanged)'
  fi
}

# The members of the backend interface struct in the dump ABI, one a line:
# offset in bits and name. (Type ids are left out: some libabigail
# versions number types in order, so one new type renumbers the others;
# a changed member type shows in the report instead.)
cellos_abi_interface_members () # ABI
{
  awk '
    /<class-decl name=.*_CellosCellBackendInterface.*/ && !/is-declaration-only=/ && !done { inside = 1; next }
    inside && /<\/class-decl>/ { inside = 0; done = 1 }
    inside && /<data-member / { offset = $0; sub(/.*layout-offset-in-bits=./, "", offset); sub(/[^0-9].*/, "", offset) }
    inside && /<var-decl / {
      name = $0; sub(/.* name=./, "", name); sub(/[^A-Za-z0-9_].*/, "", name)
      print offset, name
    }
  ' "$1"
}

# Whether the only difference between the dumps BASELINE and CURRENT is
# members appended to the end of the backend interface struct: its old
# members are the first of its members now, at the same offsets; REPORT,
# abidiff's, changes or deletes none of them; and with the struct left out
# the ABI is kept as a baseline of KIND asks (cellos_abi_kept).
cellos_abi_only_appended () # BASELINE CURRENT REPORT KIND
{
  cellos_abi_before=$(cellos_abi_interface_members "$1")
  cellos_abi_after=$(cellos_abi_interface_members "$2")
  cellos_abi_kept=$(printf '%s\n' "$cellos_abi_after" | head -n "$(printf '%s\n' "$cellos_abi_before" | wc -l)")
  [ -n "$cellos_abi_before" ] &&
    [ "$cellos_abi_kept" = "$cellos_abi_before" ] &&
    [ "$cellos_abi_after" != "$cellos_abi_before" ] &&
    ! printf '%s\n' "$3" | grep -q -E 'data members? (change|deletion)|data members? changes|members? deletions?' || return 1
  cellos_abi_without=$(cellos_abidiff "$1" "$2" --suppressions "$abs_top_srcdir/$cellos_abi_appends_suppr" 2>&1)
  cellos_abi_kept "$4" $? "$cellos_abi_without"
}

# abidiff of the baseline BASELINE and the dump CURRENT, with the public
# headers of the scratch directory, and any further options.
cellos_abidiff () # BASELINE CURRENT [OPTION...]
{
  cellos_abidiff_baseline=$1
  cellos_abidiff_current=$2
  shift 2
  "$ABIDIFF" --non-reachable-types \
    --headers-dir1 "$cellos_abi_diff_dir/include/cellos" \
    --headers-dir2 "$cellos_abi_diff_dir/include/cellos" \
    "$@" "$cellos_abidiff_baseline" "$cellos_abidiff_current"
}

cellos_abi_update ()
{
  # A build with no baseline of its architecture is dumped all the same.
  cellos_abi_applies "$cellos_lib_so"
  if [ -z "$cellos_abi_so_arch" ]; then
    echo "update-abi: cannot dump the ABI: $cellos_abi_reason" >&2
    return 1
  fi
  # Only the current baseline is ever written, and only from a build of
  # its architecture; release baselines are frozen.
  cellos_abi_current_arch=$(cellos_abi_architecture "$abs_top_srcdir/$cellos_abi_baseline")
  if [ "$cellos_abi_so_arch" != "$cellos_abi_current_arch" ]; then
    echo "update-abi: $cellos_abi_baseline is for $cellos_abi_current_arch, this build is $cellos_abi_so_arch; run it there" >&2
    return 1
  fi
  dir=$(cellos_scratch_dir) || return 1
  cellos_install_headers "$dir/include" &&
    cellos_abi_dump "$cellos_lib_so" "$dir/new.abi" "$dir/include/cellos" &&
    cp "$dir/new.abi" "$abs_top_srcdir/$cellos_abi_baseline" &&
    echo "update-abi: wrote $cellos_abi_baseline ($(cellos_abi_architecture "$dir/new.abi")); commit it with the change"
  status=$?
  rm -rf "$dir"
  return $status
}

case "${1-}" in
  update) cellos_abi_update; exit $? ;;
esac
