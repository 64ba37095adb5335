/* cellos-version.c: run-time version checks
 *
 * Copyright 2026 The CellOS authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "cellos-version.h"

#include "cellos-i18n-private.h"

/**
 * cellos_check_version:
 * @required_major: the required major version
 * @required_minor: the required minor version
 * @required_micro: the required micro version
 *
 * Checks at run time that the libcellos in use is compatible with the given
 * version: its major version is @required_major and it is at least
 * @required_major.@required_minor.@required_micro.
 *
 * Returns: (nullable): %NULL if the library is compatible, otherwise a
 *   string describing the mismatch, owned by libcellos
 *
 * Since: 1.0
 */
const char *
cellos_check_version (guint required_major,
                      guint required_minor,
                      guint required_micro)
{
  if (required_major > CELLOS_MAJOR_VERSION)
    return _("libcellos version too old (major mismatch)");
  if (required_major < CELLOS_MAJOR_VERSION)
    return _("libcellos version too new (major mismatch)");
  if (required_minor > CELLOS_MINOR_VERSION)
    return _("libcellos version too old (minor mismatch)");
  if (required_minor == CELLOS_MINOR_VERSION &&
      required_micro > CELLOS_MICRO_VERSION)
    return _("libcellos version too old (micro mismatch)");
  return NULL;
}
