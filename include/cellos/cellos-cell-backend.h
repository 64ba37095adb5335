/* cellos-cell-backend.h: the interface every cell backend implements
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
#include <cellos/cellos-cell-handle.h>
#include <cellos/cellos-execution-cell-document.h>
#include <cellos/cellos-teardown-report.h>

G_BEGIN_DECLS

#define CELLOS_TYPE_CELL_BACKEND (cellos_cell_backend_get_type ())

/**
 * CELLOS_CELL_BACKEND_EXTENSION_POINT_NAME:
 *
 * The name of the #GIOExtensionPoint cell backends implement. A backend
 * module registers its type on it from its `g_io_module_load()` with
 * g_io_extension_point_implement(), under the name users select it by and
 * a priority: at least 0 for a backend that isolates, negative for one
 * that does not (see [func@Cellos.CellBackend.priority_isolates]). Each
 * name belongs to one backend: the library's own, then the program's, then
 * the modules' in file name order; a later registration of a taken name is
 * ignored with a warning.
 *
 * Since: 1.0
 */
#define CELLOS_CELL_BACKEND_EXTENSION_POINT_NAME "cellos-cell-backend"

CELLOS_AVAILABLE_IN_1_0
G_DECLARE_INTERFACE (CellosCellBackend, cellos_cell_backend, CELLOS, CELL_BACKEND, GObject)

/**
 * CellosCellBackendInterface:
 * @g_iface: the parent interface
 * @create: creates a cell from a document and returns its handle, blocking
 *   the calling thread. Called from any thread, also from several at once
 *   (the default @create_async calls it in #GTask worker threads). The
 *   default runs @create_async on a fresh main context of its own, pushed
 *   as the thread-default context, waits for it and drops the context
 * @create_async: starts creating a cell; its callback runs in the
 *   caller's thread-default main context, never before it returns, as a
 *   #GTask made in it does. The default runs @create in a #GTask worker
 *   thread, and destroys a cell made after the caller cancelled
 * @create_finish: finishes @create_async, in the callback's thread:
 *   exactly one of a handle or an error. The default takes the result of
 *   the #GTask the default @create_async made
 * @destroy: tears a cell down and returns a report, blocking the calling
 *   thread; thread-safe as @create is. The default runs @destroy_async as
 *   the default @create runs @create_async
 * @destroy_async: starts tearing a cell down, with the rules of
 *   @create_async. The default runs @destroy in a #GTask worker thread
 * @destroy_finish: finishes @destroy_async, in the callback's thread:
 *   exactly one of a report or an error. The default takes the result of
 *   the #GTask the default @destroy_async made
 * @list_cells: lists the cells the backend holds now, a handle for each
 *   that @destroy accepts, blocking the calling thread; thread-safe as
 *   @create is. Optional: the default runs @list_cells_async as the
 *   default @create runs @create_async, and fails with
 *   %CELLOS_ERROR_NOT_SUPPORTED when neither side is implemented.
 *   Since: 1.2
 * @list_cells_async: starts listing the cells, with the rules of
 *   @create_async. The default runs @list_cells in a #GTask worker thread,
 *   or fails with %CELLOS_ERROR_NOT_SUPPORTED. Since: 1.2
 * @list_cells_finish: finishes @list_cells_async: a list of handles
 *   (%NULL when there are none) or an error. The default takes the result
 *   of the #GTask the default @list_cells_async made. Since: 1.2
 *
 * The virtual methods of a cell backend. An implementation provides either
 * the synchronous pair (@create, @destroy) or the asynchronous triples;
 * the other side is built on it. A language binding that cannot implement
 * asynchronous methods implements the synchronous ones only. The page
 * “Writing a backend” says what each must do.
 *
 * Since: 1.0
 */
struct _CellosCellBackendInterface
{
  GTypeInterface g_iface;

  CellosCellHandle     *(*create)         (CellosCellBackend            *self,
                                           CellosExecutionCellDocument  *document,
                                           GCancellable                 *cancellable,
                                           GError                      **error);
  void                  (*create_async)   (CellosCellBackend            *self,
                                           CellosExecutionCellDocument  *document,
                                           GCancellable                 *cancellable,
                                           GAsyncReadyCallback           callback,
                                           gpointer                      user_data);
  CellosCellHandle     *(*create_finish)  (CellosCellBackend            *self,
                                           GAsyncResult                 *result,
                                           GError                      **error);

  CellosTeardownReport *(*destroy)        (CellosCellBackend            *self,
                                           CellosCellHandle             *handle,
                                           GCancellable                 *cancellable,
                                           GError                      **error);
  void                  (*destroy_async)  (CellosCellBackend            *self,
                                           CellosCellHandle             *handle,
                                           GCancellable                 *cancellable,
                                           GAsyncReadyCallback           callback,
                                           gpointer                      user_data);
  CellosTeardownReport *(*destroy_finish) (CellosCellBackend            *self,
                                           GAsyncResult                 *result,
                                           GError                      **error);

  /* Since: 1.2 */
  GList                *(*list_cells)        (CellosCellBackend        *self,
                                              GCancellable             *cancellable,
                                              GError                  **error);
  void                  (*list_cells_async)  (CellosCellBackend        *self,
                                              GCancellable             *cancellable,
                                              GAsyncReadyCallback       callback,
                                              gpointer                  user_data);
  GList                *(*list_cells_finish) (CellosCellBackend        *self,
                                              GAsyncResult             *result,
                                              GError                  **error);
};

CELLOS_AVAILABLE_IN_1_0
CellosCellHandle     *cellos_cell_backend_create         (CellosCellBackend            *self,
                                                          CellosExecutionCellDocument  *document,
                                                          GCancellable                 *cancellable,
                                                          GError                      **error);
CELLOS_AVAILABLE_IN_1_0
void                  cellos_cell_backend_create_async   (CellosCellBackend            *self,
                                                          CellosExecutionCellDocument  *document,
                                                          GCancellable                 *cancellable,
                                                          GAsyncReadyCallback           callback,
                                                          gpointer                      user_data);
CELLOS_AVAILABLE_IN_1_0
CellosCellHandle     *cellos_cell_backend_create_finish  (CellosCellBackend            *self,
                                                          GAsyncResult                 *result,
                                                          GError                      **error);

CELLOS_AVAILABLE_IN_1_0
CellosTeardownReport *cellos_cell_backend_destroy        (CellosCellBackend            *self,
                                                          CellosCellHandle             *handle,
                                                          GCancellable                 *cancellable,
                                                          GError                      **error);
CELLOS_AVAILABLE_IN_1_0
void                  cellos_cell_backend_destroy_async  (CellosCellBackend            *self,
                                                          CellosCellHandle             *handle,
                                                          GCancellable                 *cancellable,
                                                          GAsyncReadyCallback           callback,
                                                          gpointer                      user_data);
CELLOS_AVAILABLE_IN_1_0
CellosTeardownReport *cellos_cell_backend_destroy_finish (CellosCellBackend            *self,
                                                          GAsyncResult                 *result,
                                                          GError                      **error);

CELLOS_AVAILABLE_IN_1_2
GList                *cellos_cell_backend_list_cells        (CellosCellBackend     *self,
                                                             GCancellable          *cancellable,
                                                             GError               **error);
CELLOS_AVAILABLE_IN_1_2
void                  cellos_cell_backend_list_cells_async  (CellosCellBackend     *self,
                                                             GCancellable          *cancellable,
                                                             GAsyncReadyCallback    callback,
                                                             gpointer               user_data);
CELLOS_AVAILABLE_IN_1_2
GList                *cellos_cell_backend_list_cells_finish (CellosCellBackend     *self,
                                                             GAsyncResult          *result,
                                                             GError               **error);

CELLOS_AVAILABLE_IN_1_2
void                  cellos_cell_backend_create_with_timeout_async   (CellosCellBackend           *self,
                                                                       CellosExecutionCellDocument *document,
                                                                       guint                        timeout_msec,
                                                                       GCancellable                *cancellable,
                                                                       GAsyncReadyCallback          callback,
                                                                       gpointer                     user_data);
CELLOS_AVAILABLE_IN_1_2
CellosCellHandle     *cellos_cell_backend_create_with_timeout_finish  (CellosCellBackend           *self,
                                                                       GAsyncResult                *result,
                                                                       GError                     **error);
CELLOS_AVAILABLE_IN_1_2
void                  cellos_cell_backend_destroy_with_timeout_async  (CellosCellBackend           *self,
                                                                       CellosCellHandle            *handle,
                                                                       guint                        timeout_msec,
                                                                       GCancellable                *cancellable,
                                                                       GAsyncReadyCallback          callback,
                                                                       gpointer                     user_data);
CELLOS_AVAILABLE_IN_1_2
CellosTeardownReport *cellos_cell_backend_destroy_with_timeout_finish (CellosCellBackend           *self,
                                                                       GAsyncResult                *result,
                                                                       GError                     **error);

CELLOS_AVAILABLE_IN_1_0
CellosCellBackend    *cellos_cell_backend_new_for_name   (const char                   *name,
                                                          GError                      **error);
CELLOS_AVAILABLE_IN_1_0
CellosCellBackend    *cellos_cell_backend_new_default    (GError                      **error);
CELLOS_AVAILABLE_IN_1_0
char                **cellos_cell_backend_list_names     (void);

CELLOS_AVAILABLE_IN_1_2
gboolean              cellos_cell_backend_priority_isolates (int                      priority);
CELLOS_AVAILABLE_IN_1_2
gboolean              cellos_cell_backend_lookup_name    (const char                   *name,
                                                          int                          *priority,
                                                          char                        **module_path);
CELLOS_AVAILABLE_IN_1_2
gboolean              cellos_cell_backend_register       (GType                         type,
                                                          const char                   *name,
                                                          int                           priority,
                                                          GError                      **error);
CELLOS_AVAILABLE_IN_1_2
gboolean              cellos_cell_backend_check_available (const char                 *name,
                                                           GError                    **error);

G_END_DECLS
