# The cellos-cell command-line tool.

bin_PROGRAMS = tools/cellos-cell

# The tool reads CELLOS_LOCALEDIR with the library's rule for privileged
# processes, built in from the same source (the library keeps it private).
tools_cellos_cell_SOURCES = \
	tools/cellos-cell.c \
	lib/cellos-environment.c \
	lib/cellos-environment-private.h
tools_cellos_cell_CPPFLAGS = \
	$(cellos_uninstalled_cppflags) \
	-I$(top_srcdir)/lib \
	-DLOCALEDIR=\"$(localedir)\"
tools_cellos_cell_CFLAGS = $(CELLOS_DEPS_CFLAGS) $(WARN_CFLAGS)
tools_cellos_cell_LDADD = lib/libcellos-1.0.la $(CELLOS_DEPS_LIBS)
