// Where gi-docgen links the types of the libraries the test kit builds
// on: the core's reference is installed beside the kit's.
baseURLs = [
  [ 'GLib', 'https://docs.gtk.org/glib/' ],
  [ 'GObject', 'https://docs.gtk.org/gobject/' ],
  [ 'Gio', 'https://docs.gtk.org/gio/' ],
  [ 'Cellos', '../cellos-1.0/' ],
]
