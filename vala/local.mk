# Vala: cellos-1.0.vapi, made from the GIR by vapigen (with the few
# corrections in vala/Cellos-1.0.metadata), and cellos-1.0.deps, the
# packages it needs; installed where valac looks for them, so that a Vala
# program builds with "valac --pkg cellos-1.0". tests/vala builds one.

if ENABLE_VALA
vapidir = $(VAPIDIR)
vapi_DATA = \
	vala/cellos-1.0.vapi vala/cellos-1.0.deps \
	vala/cellos-testing-1.0.vapi vala/cellos-testing-1.0.deps

vala/cellos-1.0.vapi: lib/Cellos-1.0.gir $(srcdir)/vala/Cellos-1.0.metadata
	$(AM_V_GEN)$(MKDIR_P) vala && \
	$(VAPIGEN) --quiet --library cellos-1.0 --pkg gio-2.0 \
	  --metadatadir=$(srcdir)/vala --directory=vala lib/Cellos-1.0.gir

vala/cellos-1.0.deps: Makefile
	$(AM_V_GEN)$(MKDIR_P) vala && printf '%s\n' gio-2.0 > $@

# The test kit's bindings, for the namespace CellosTesting, whose C names
# keep the Cellos prefix: in Vala its fake is Cellos.FakeBackend.
vala/cellos-testing-1.0.vapi: lib/testing/CellosTesting-1.0.gir vala/cellos-1.0.vapi
	$(AM_V_GEN)$(VAPIGEN) --quiet --library cellos-testing-1.0 \
	  --pkg gio-2.0 --pkg cellos-1.0 --vapidir=vala --girdir=lib \
	  --directory=vala lib/testing/CellosTesting-1.0.gir

vala/cellos-testing-1.0.deps: Makefile
	$(AM_V_GEN)$(MKDIR_P) vala && printf '%s\n' gio-2.0 cellos-1.0 > $@

CLEANFILES += $(vapi_DATA)
endif

EXTRA_DIST += vala/Cellos-1.0.metadata
