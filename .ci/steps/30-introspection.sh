#!/bin/bash
# Introspection holds in the build the Quick start made (seconds):
#  - Cellos-1.0.gir has Cellos.Error as an error domain and both sides of
#    each CellBackend operation (create, destroy, list_cells) as virtual
#    methods (g-ir-scanner ran with --warn-all and, through
#    .ci/config.site, --warn-error, so it printed no warnings);
#  - make install puts the GIR in $(datadir)/gir-1.0 and the typelib in
#    $(libdir)/girepository-1.0;
#  - the Python and gjs tests ran: none of them was skipped.
set -euo pipefail

python=/usr/bin/python3

"$python" - lib/Cellos-1.0.gir <<'PY'
import sys
import xml.etree.ElementTree as ET

ns = {'core': 'http://www.gtk.org/introspection/core/1.0',
      'glib': 'http://www.gtk.org/introspection/glib/1.0'}
glib = '{%s}' % ns['glib']
root = ET.parse(sys.argv[1]).getroot()
namespace = root.find('core:namespace', ns)
problems = []

error = namespace.find("core:enumeration[@name='Error']", ns)
if error is None or error.get(glib + 'error-domain') != 'cellos-error-quark':
    problems.append('Cellos.Error is not an error domain')

backend = namespace.find("core:interface[@name='CellBackend']", ns)
vfuncs = {v.get('name') for v in backend.findall('core:virtual-method', ns)}
wanted = {'create', 'create_async', 'create_finish',
          'destroy', 'destroy_async', 'destroy_finish',
          'list_cells', 'list_cells_async', 'list_cells_finish'}
if vfuncs != wanted:
    problems.append('CellBackend virtual methods: %s' % sorted(vfuncs))

for problem in problems:
    print('ci: introspection: ' + problem, file=sys.stderr)
sys.exit(1 if problems else 0)
PY

destdir=$(mktemp -d)
trap 'rm -rf "$destdir"' EXIT
make install DESTDIR="$destdir" >/dev/null
prefix=$(PKG_CONFIG_PATH=. pkg-config --variable=prefix cellos-1.0)
libdir=$(PKG_CONFIG_PATH=. pkg-config --variable=libdir cellos-1.0)
datadir=$prefix/share
for installed in "$datadir/gir-1.0/Cellos-1.0.gir" \
                 "$libdir/girepository-1.0/Cellos-1.0.typelib"; do
  if [ ! -f "$destdir$installed" ]; then
    echo "ci: introspection: make install did not install $installed" >&2
    exit 1
  fi
done

# Only the skips of tests that need a newer stack than this release's
# (.ci/lib.sh names them) are allowed.
. .ci/lib.sh
. /etc/os-release
set_version_gated_skips
for language in python gjs; do
  results=(tests/"$language"/*.trs)
  if [ ! -e "${results[0]}" ]; then
    echo "ci: introspection: no $language test ran" >&2
    exit 1
  fi
  skipped=$( (grep -h -E '^SKIP:' tests/"$language"/*.log || true) | unexpected_skips)
  if [ -n "$skipped" ]; then
    printf '%s\n' "$skipped" >&2
    echo "ci: introspection: $language tests were skipped (above)" >&2
    exit 1
  fi
done
