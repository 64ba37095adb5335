/* cellos-execution-cell-document.h: what a cell should be
 *
 * Copyright 2026 The CellOS authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined (__CELLOS_H_INSIDE__) && !defined (CELLOS_COMPILATION)
#error "Only <cellos/cellos.h> can be included directly."
#endif

#include <gio/gio.h>
#include <cellos/cellos-version.h>

G_BEGIN_DECLS

#define CELLOS_TYPE_EXECUTION_CELL_DOCUMENT (cellos_execution_cell_document_get_type ())

/**
 * CELLOS_EXECUTION_CELL_DOCUMENT_DEFAULT_MAX_SIZE:
 *
 * The most bytes of JSON text that
 * cellos_execution_cell_document_new_from_data() and
 * cellos_execution_cell_document_new_from_file() read: 16 MiB. A longer
 * document is refused with %CELLOS_ERROR_INVALID_DOCUMENT. To choose
 * another limit, read the document with
 * cellos_execution_cell_document_new_from_stream().
 *
 * Since: 1.2
 */
#define CELLOS_EXECUTION_CELL_DOCUMENT_DEFAULT_MAX_SIZE (16 * 1024 * 1024)

CELLOS_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (CellosExecutionCellDocument, cellos_execution_cell_document,
                      CELLOS, EXECUTION_CELL_DOCUMENT, GObject)

CELLOS_AVAILABLE_IN_1_0
CellosExecutionCellDocument *cellos_execution_cell_document_new           (const char    *id);
CELLOS_AVAILABLE_IN_1_0
CellosExecutionCellDocument *cellos_execution_cell_document_new_from_data (const char    *data,
                                                                           gssize         length,
                                                                           GError       **error);
CELLOS_AVAILABLE_IN_1_0
CellosExecutionCellDocument *cellos_execution_cell_document_new_from_file (GFile         *file,
                                                                           GCancellable  *cancellable,
                                                                           GError       **error);
CELLOS_AVAILABLE_IN_1_2
CellosExecutionCellDocument *cellos_execution_cell_document_new_from_stream (GInputStream  *stream,
                                                                             gsize          max_size,
                                                                             GCancellable  *cancellable,
                                                                             GError       **error);
CELLOS_AVAILABLE_IN_1_0
char                        *cellos_execution_cell_document_to_data       (CellosExecutionCellDocument *self,
                                                                           gsize                       *length);

CELLOS_AVAILABLE_IN_1_2
char                        *cellos_execution_cell_document_dup_member    (CellosExecutionCellDocument *self,
                                                                           const char                  *pointer);

CELLOS_AVAILABLE_IN_1_0
const char                  *cellos_execution_cell_document_get_id        (CellosExecutionCellDocument *self);
CELLOS_AVAILABLE_IN_1_0
void                         cellos_execution_cell_document_set_id        (CellosExecutionCellDocument *self,
                                                                           const char                  *id);
CELLOS_AVAILABLE_IN_1_0
const char * const          *cellos_execution_cell_document_get_argv      (CellosExecutionCellDocument *self);
CELLOS_AVAILABLE_IN_1_0
void                         cellos_execution_cell_document_set_argv      (CellosExecutionCellDocument *self,
                                                                           const char * const          *argv);

G_END_DECLS
