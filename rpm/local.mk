# RPM packaging. configure makes rpm/cellos.spec from rpm/cellos.spec.in
# (Version from AC_INIT); the tarball carries the made spec, so that
# "rpmbuild -ta cellos-VERSION.tar.xz" works on it. .ci/steps/70-rpm.sh
# builds the packages and checks them against rpm/file-lists.txt.

EXTRA_DIST += \
	rpm/cellos.spec.in \
	rpm/cellos.spec \
	rpm/cellos.rpmlintrc \
	rpm/file-lists.txt
DISTCLEANFILES += rpm/cellos.spec
