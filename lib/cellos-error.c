/* cellos-error.c: the libcellos error domain
 *
 * Copyright 2026 The CellOS authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "cellos-error.h"

/**
 * cellos_error_quark:
 *
 * The quark of the %CELLOS_ERROR domain.
 *
 * Returns: the error domain quark
 *
 * Since: 1.0
 */
G_DEFINE_QUARK (cellos-error-quark, cellos_error)
