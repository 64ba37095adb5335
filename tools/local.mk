# The cellos-cell command-line tool.

bin_PROGRAMS = tools/cellos-cell

# The tool finds its catalogs and reads the environment with the library's
# rules for privileged processes, and writes JSON with the library's
# writer, from the convenience library the library links too
# (lib/local.mk).
tools_cellos_cell_SOURCES = tools/cellos-cell.c
tools_cellos_cell_CPPFLAGS = \
	$(cellos_uninstalled_cppflags) \
	-I$(top_srcdir)/lib
tools_cellos_cell_CFLAGS = $(CELLOS_DEPS_CFLAGS) $(WARN_CFLAGS)
tools_cellos_cell_LDADD = \
	lib/libcellos-environment.la \
	lib/libcellos-1.0.la \
	$(CELLOS_DEPS_LIBS)
