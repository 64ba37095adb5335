# Translations: the .po files are complete and clean (test-po.sh), and a
# German user gets German messages from the library and the tool
# (test-german.sh, with the helper program invalid-spec-message).

TESTS += \
	tests/i18n/test-po.sh \
	tests/i18n/test-german.sh

check_PROGRAMS += tests/i18n/invalid-spec-message
tests_i18n_invalid_spec_message_SOURCES = tests/i18n/invalid-spec-message.c
tests_i18n_invalid_spec_message_CPPFLAGS = $(cellos_uninstalled_cppflags)
tests_i18n_invalid_spec_message_CFLAGS = $(CELLOS_DEPS_CFLAGS) $(WARN_CFLAGS)
tests_i18n_invalid_spec_message_LDADD = lib/libcellos-1.0.la $(CELLOS_DEPS_LIBS)

AM_TESTS_ENVIRONMENT += \
	CELLOS_I18N_HELPER="$(abs_builddir)/tests/i18n/invalid-spec-message" \
	; export CELLOS_I18N_HELPER;

EXTRA_DIST += \
	tests/i18n/test-po.sh \
	tests/i18n/test-german.sh
