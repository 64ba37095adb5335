# The cellos-cell command-line tool.

bin_PROGRAMS = tools/cellos-cell

tools_cellos_cell_SOURCES = tools/cellos-cell.c
tools_cellos_cell_CPPFLAGS = \
	$(cellos_uninstalled_cppflags) \
	-DLOCALEDIR=\"$(localedir)\"
tools_cellos_cell_CFLAGS = $(CELLOS_DEPS_CFLAGS) $(WARN_CFLAGS)
tools_cellos_cell_LDADD = lib/libcellos-1.0.la $(CELLOS_DEPS_LIBS)
