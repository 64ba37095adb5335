#!/bin/sh
# What the library exports, checked against what it says it exports: the
# linker version script, the CELLOS_AVAILABLE_IN_* declarations of the
# public headers and the Since: tags of the doc comments must all agree
# with the dynamic symbol table, both ways. Everything is read from those
# files; nothing here lists a symbol.
#
# Copyright 2026 The CellOS authors
# SPDX-License-Identifier: LGPL-2.1-or-later

. "$(dirname "$0")/abi-functions.sh"

so=$cellos_lib_so
work=$(cellos_scratch_dir) || exit 99
trap 'rm -rf "$work"' EXIT

# --- what the files say ---

# The version script as "S symbol node" (global symbols), "N node parent"
# (each node and the node it inherits from, or "-") and "L node" (a node
# with local: *).
awk '
  {
    line = $0; out = ""
    while (line != "") {
      if (in_comment) {
        i = index(line, "*/")
        if (!i) break
        line = substr(line, i + 2); in_comment = 0
      } else {
        i = index(line, "/*")
        if (!i) { out = out line; break }
        out = out substr(line, 1, i - 1); line = substr(line, i + 2); in_comment = 1
      }
    }
    gsub(/[{};:]/, " & ", out)
    n = split(out, tokens, /[ \t]+/)
    for (t = 1; t <= n; t++) {
      tok = tokens[t]
      if (tok == "") continue
      if (state == "parent") {
        print "N", node, (tok == ";" ? "-" : tok)
        state = (tok == ";" ? "" : "end")
      } else if (state == "end") {
        state = ""
      } else if (state == "") {
        if (tok != "{") node = tok; else { state = "body"; section = "" }
      } else if (tok == "}") {
        state = "parent"
      } else if (tok == "global" || tok == "local") {
        section = tok
      } else if (tok != ":" && tok != ";") {
        if (section == "global") print "S", tok, node
        else if (section == "local" && tok == "*") print "L", node
      }
    }
  }
' "$abs_top_srcdir/$cellos_map" > "$work/map" || exit 99
awk '$1 == "S" { print $2 }' "$work/map" | sort > "$work/map-symbols"
awk '$1 == "S" { print $2, $3 }' "$work/map" | sort > "$work/map-nodes"

headers=
for h in $cellos_public_headers; do headers="$headers $abs_top_srcdir/$h"; done
for h in $cellos_generated_headers; do headers="$headers $abs_top_builddir/$h"; done

# Declarations annotated CELLOS_AVAILABLE_IN_x_y or CELLOS_DEPRECATED_IN_*,
# as "symbol version" (version "-" for a deprecation annotation, which
# does not say when the symbol was added).
awk -v prefix="${cellos_macro_prefix:-CELLOS}" '
  function flush(    name, s) {
    s = decl
    if (match(s, /G_DECLARE_[A-Z_]+[ \t]*\([ \t]*[A-Za-z0-9_]+[ \t]*,[ \t]*[a-z0-9_]+/)) {
      s = substr(s, RSTART, RLENGTH)
      sub(/.*,[ \t]*/, "", s)
      name = s "_get_type"
    } else if (match(s, /[A-Za-z_][A-Za-z0-9_]*[ \t]*\(/)) {
      s = substr(s, RSTART, RLENGTH)
      sub(/[ \t]*\($/, "", s)
      name = s
    } else {
      name = "?unparsed:" decl
    }
    print name, version
    collecting = 0
  }
  collecting {
    decl = decl " " $0
    if ((decl ~ /G_DECLARE_/ && decl ~ /\)/) || decl ~ /;/) flush()
    next
  }
  $0 ~ "^[ \t]*" prefix "_(AVAILABLE_IN_[0-9]+_[0-9]+|DEPRECATED_IN_[0-9]+_[0-9]+|AVAILABLE_IN_ALL)" {
    match($0, prefix "_[A-Z]+_IN_[0-9A-Z_]+")
    annotation = substr($0, RSTART, RLENGTH)
    decl = substr($0, RSTART + RLENGTH)
    sub(/^[ \t]*\([^)]*\)/, "", decl)
    if (annotation ~ "^" prefix "_AVAILABLE_IN_[0-9]+_[0-9]+$") {
      version = annotation
      sub("^" prefix "_AVAILABLE_IN_", "", version)
      sub(/_/, ".", version)
    } else {
      version = "-"
    }
    collecting = 1
    if ((decl ~ /G_DECLARE_/ && decl ~ /\)/) || decl ~ /;/) flush()
  }
' $headers | sort > "$work/declared" || exit 99
cut -d' ' -f1 "$work/declared" | sort > "$work/declared-symbols"

# Doc comments as "name since" ("-" when there is no Since:), from the
# library sources and the public headers.
sources=
for f in $cellos_lib_sources; do sources="$sources $abs_top_srcdir/$f"; done
awk '
  /^[ \t]*\/\*\*[ \t]*$/ { in_doc = 1; first = 1; name = ""; since = "-"; next }
  in_doc && /\*\// { if (name != "") print name, since; in_doc = 0; next }
  in_doc && first {
    first = 0
    if (match($0, /^[ \t]*\*[ \t]+[A-Za-z_][A-Za-z0-9_]*:([ \t]|$)/)) {
      name = $0
      sub(/^[ \t]*\*[ \t]+/, "", name)
      sub(/:.*/, "", name)
    }
    next
  }
  in_doc && /^[ \t]*\*[ \t]+Since:/ {
    since = $0
    sub(/.*Since:[ \t]*/, "", since)
    sub(/[ \t]*$/, "", since)
  }
' $sources $headers | sort -u > "$work/docs" || exit 99

# --- what the library does ---

# Only global and weak symbols are exported: some linkers (s390x, arm64)
# also keep local section symbols such as .init in .dynsym.
$NM -D --defined-only "$so" > "$work/nm" || exit 99
awk 'NF >= 3 && $2 != "A" && ($2 ~ /^[A-Z]$/ || $2 == "u") { sub(/@.*/, "", $3); print $3 }' \
  "$work/nm" | sort > "$work/exported"
# objdump -T: the address, then seven flag characters in fixed columns
# (the first l, g, u, ! or blank for the binding, the second w for weak),
# then the section, size, version and name.
$OBJDUMP -T "$so" > "$work/objdump" || exit 99
awk '
  match($0, /^[0-9a-f]+ /) {
    flags = substr($0, RLENGTH + 1, 7)
    binding = substr(flags, 1, 1)
    if (binding != "g" && binding != "u" && substr(flags, 2, 1) != "w") next
    if (/\*UND\*/ || /\*ABS\*/) next
    print $NF, $(NF - 1)
  }
' "$work/objdump" | sort > "$work/exported-versions"

# --- the checks ---

only_in () # A B LABEL-OF-A LABEL-OF-B: lines of A missing from B
{
  missing=$(comm -23 "$1" "$2")
  [ -z "$missing" ] && return 0
  echo "in $3 but not in $4:"
  printf '%s\n' "$missing" | sed 's/^/  /'
  return 1
}

check_nonempty ()
{
  [ -s "$work/exported" ] || { echo "$so exports nothing"; return 1; }
}

check_versions () # every exported symbol carries the version of its node
{
  awk '
    FNR == NR { node[$1] = $2; next }
    ($1 in node) && node[$1] != $2 { printf "%s: version %s, but lib/cellos.map puts it in %s\n", $1, $2, node[$1]; bad = 1 }
    !($1 in node) { printf "%s: version %s, in no node of the version script\n", $1, $2; bad = 1 }
    END { exit bad }
  ' "$work/map-nodes" "$work/exported-versions"
}

check_annotations () # CELLOS_AVAILABLE_IN_x_y says the node that exports it
{
  awk -v prefix="${cellos_macro_prefix:-CELLOS}" '
    FNR == NR { node[$1] = $2; next }
    $2 != "-" && ($1 in node) && node[$1] != prefix "_" $2 {
      annotation = $2; sub(/[.]/, "_", annotation)
      printf "%s: declared %s_AVAILABLE_IN_%s, exported in node %s\n", $1, prefix, annotation, node[$1]; bad = 1
    }
    END { exit bad }
  ' "$work/map-nodes" "$work/declared"
}

check_since () # each public function documents, as Since:, its node
{
  awk -v prefix="${cellos_macro_prefix:-CELLOS}" '
    function doc_name(symbol,    n, parts, i, camel) {
      if (symbol !~ /_get_type$/) return symbol
      sub(/_get_type$/, "", symbol)
      n = split(symbol, parts, "_")
      camel = ""
      for (i = 1; i <= n; i++) camel = camel toupper(substr(parts[i], 1, 1)) substr(parts[i], 2)
      return camel
    }
    FILENAME == ARGV[1] { since[$1] = $2; next }
    {
      want = $2; sub("^" prefix "_", "", want)
      doc = doc_name($1)
      if (!(doc in since)) { printf "%s: no doc comment \"%s:\"\n", $1, doc; bad = 1 }
      else if (since[doc] != want) { printf "%s: Since: %s in the doc comment of %s, exported in node %s_%s\n", $1, since[doc], doc, prefix, want; bad = 1 }
    }
    END { exit bad }
  ' "$work/docs" "$work/map-nodes"
}

check_map_structure () # the first node closes with local: *; each later one inherits from the previous
{
  awk '
    $1 == "N" { nodes[++n] = $2; parent[$2] = $3 }
    $1 == "L" { local_node[$2] = 1 }
    END {
      if (n == 0) { print "no version node"; exit 1 }
      if (!(nodes[1] in local_node)) { printf "%s: no \"local: *;\"\n", nodes[1]; bad = 1 }
      if (parent[nodes[1]] != "-") { printf "%s: the first node inherits from %s\n", nodes[1], parent[nodes[1]]; bad = 1 }
      for (i = 2; i <= n; i++)
        if (parent[nodes[i]] != nodes[i - 1]) {
          printf "%s: inherits from %s, not from the node before it, %s\n", nodes[i], parent[nodes[i]], nodes[i - 1]; bad = 1
        }
      exit bad
    }
  ' "$work/map"
}

check_unparsed ()
{
  ! grep '^?unparsed:' "$work/declared"
}

tap_check "$so exports symbols" check_nonempty
tap_check "every exported symbol is listed in $cellos_map" \
  only_in "$work/exported" "$work/map-symbols" "the dynamic symbol table" "$cellos_map"
tap_check "every symbol of $cellos_map is exported" \
  only_in "$work/map-symbols" "$work/exported" "$cellos_map" "the dynamic symbol table"
tap_check "every CELLOS_AVAILABLE_IN_* declaration of the public headers names a function" check_unparsed
tap_check "every exported symbol is declared with CELLOS_AVAILABLE_IN_* in a public header" \
  only_in "$work/exported" "$work/declared-symbols" "the dynamic symbol table" "the public headers"
tap_check "every CELLOS_AVAILABLE_IN_* declaration is exported" \
  only_in "$work/declared-symbols" "$work/exported" "the public headers" "the dynamic symbol table"
tap_check "every exported symbol carries the version of its node in $cellos_map" check_versions
tap_check "each CELLOS_AVAILABLE_IN_x_y names the node that exports the symbol" check_annotations
tap_check "each public function's Since: names the node that exports it" check_since
tap_check "$cellos_map: one node per release, each inheriting from the one before" check_map_structure
tap_done
