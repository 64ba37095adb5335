/* test-utils.h: helpers and test backends shared by the C tests and the
 * bench
 *
 * Copyright 2026 The CellOS authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <cellos/cellos.h>

G_BEGIN_DECLS

/* Drops the caller's reference on *object_ptr and asserts that it was the
 * last one: the object is finalized, not leaked. */
#define cellos_test_assert_finalized(object_ptr)                               \
  G_STMT_START {                                                               \
    gpointer _weak = *(object_ptr);                                            \
    g_assert_nonnull (_weak);                                                  \
    g_object_add_weak_pointer (G_OBJECT (_weak), &_weak);                      \
    g_clear_object (object_ptr);                                               \
    g_assert_null (_weak);                                                     \
  } G_STMT_END

/* Drops the caller's reference on *object_ptr and waits until every other
 * holder has let go too: a GTask worker thread lets go of its task, and of
 * the task's data, just after the callback is scheduled. */
void          cellos_test_wait_finalized (gpointer object_ptr);

/* A GAsyncReadyCallback that stores a reference on the result in the
 * GAsyncResult * that @user_data points to, which must be NULL. */
void          cellos_test_store_result (GObject       *source,
                                        GAsyncResult  *result,
                                        gpointer       user_data);

/* Runs the thread-default main context until *result_ptr is set by
 * cellos_test_store_result, and returns it. */
GAsyncResult *cellos_test_wait_for     (GAsyncResult **result_ptr);

/* A backend that implements only the synchronous virtual methods, making
 * the same handles and reports. */
#define CELLOS_TEST_TYPE_SYNC_BACKEND (cellos_test_sync_backend_get_type ())
G_DECLARE_FINAL_TYPE (CellosTestSyncBackend, cellos_test_sync_backend,
                      CELLOS_TEST, SYNC_BACKEND, GObject)

/* A backend that implements only the asynchronous virtual methods, each
 * completing through a GTask on the caller's next main loop iteration, as
 * a backend waiting on I/O would. Its handles and reports carry only what
 * a handle and a report need (the id; the id and "destroyed"), built with
 * g_object_new() and property names: the bench measures the synchronous
 * API over it against a GTask pair returning objects of the same shape. */
#define CELLOS_TEST_TYPE_ASYNC_BACKEND (cellos_test_async_backend_get_type ())
G_DECLARE_FINAL_TYPE (CellosTestAsyncBackend, cellos_test_async_backend,
                      CELLOS_TEST, ASYNC_BACKEND, GObject)

/* A backend that implements neither side. */
#define CELLOS_TEST_TYPE_EMPTY_BACKEND (cellos_test_empty_backend_get_type ())
G_DECLARE_FINAL_TYPE (CellosTestEmptyBackend, cellos_test_empty_backend,
                      CELLOS_TEST, EMPTY_BACKEND, GObject)

/* A backend that can never run here: its GInitable initialisation fails
 * with CELLOS_ERROR_NOT_SUPPORTED, "no KVM on this host". */
#define CELLOS_TEST_TYPE_UNAVAILABLE_BACKEND (cellos_test_unavailable_backend_get_type ())
G_DECLARE_FINAL_TYPE (CellosTestUnavailableBackend, cellos_test_unavailable_backend,
                      CELLOS_TEST, UNAVAILABLE_BACKEND, GObject)

G_END_DECLS
