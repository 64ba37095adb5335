/* test-log.c: the stub's structured debug records
 *
 * Copyright 2026 The CellOS authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "test-utils.h"

typedef struct
{
  char *backend;
  char *operation;
  char *cell_id;
  char *domain;
  GLogLevelFlags level;
} Record;

static GPtrArray *records;
static GMutex records_lock;

static void
record_free (Record *record)
{
  g_free (record->backend);
  g_free (record->operation);
  g_free (record->cell_id);
  g_free (record->domain);
  g_free (record);
}

static char *
field_value (const GLogField *field)
{
  if (field->length < 0)
    return g_strdup (field->value);
  return g_strndup (field->value, (gsize) field->length);
}

static GLogWriterOutput
capture_writer (GLogLevelFlags   log_level,
                const GLogField *fields,
                gsize            n_fields,
                gpointer         user_data)
{
  Record *record = g_new0 (Record, 1);
  gsize i;

  record->level = log_level;
  for (i = 0; i < n_fields; i++)
    {
      if (g_str_equal (fields[i].key, "CELLOS_BACKEND"))
        record->backend = field_value (&fields[i]);
      else if (g_str_equal (fields[i].key, "CELLOS_OPERATION"))
        record->operation = field_value (&fields[i]);
      else if (g_str_equal (fields[i].key, "CELLOS_CELL_ID"))
        record->cell_id = field_value (&fields[i]);
      else if (g_str_equal (fields[i].key, "GLIB_DOMAIN"))
        record->domain = field_value (&fields[i]);
    }

  g_mutex_lock (&records_lock);
  g_ptr_array_add (records, record);
  g_mutex_unlock (&records_lock);
  return G_LOG_WRITER_HANDLED;
}

static void
assert_backend_record (guint       index,
                       const char *backend,
                       const char *operation,
                       const char *cell_id)
{
  Record *record;

  g_assert_cmpuint (records->len, >, index);
  record = g_ptr_array_index (records, index);
  g_assert_cmpint (record->level & G_LOG_LEVEL_MASK, ==, G_LOG_LEVEL_DEBUG);
  g_assert_cmpstr (record->domain, ==, "Cellos");
  g_assert_cmpstr (record->backend, ==, backend);
  g_assert_cmpstr (record->operation, ==, operation);
  g_assert_cmpstr (record->cell_id, ==, cell_id);
}

static void
assert_record (guint       index,
               const char *operation,
               const char *cell_id)
{
  assert_backend_record (index, "stub", operation, cell_id);
}

/* A backend of its own writes the record the stub writes. */
static void
test_backend_writes_the_stubs_record (void)
{
  g_ptr_array_set_size (records, 0);
  g_log_set_debug_enabled (TRUE);
  cellos_log_backend_operation ("firecracker", "create", "vm-1");
  cellos_log_backend_operation ("firecracker", "destroy", "vm-1");
  g_assert_cmpuint (records->len, ==, 2);
  assert_backend_record (0, "firecracker", "create", "vm-1");
  assert_backend_record (1, "firecracker", "destroy", "vm-1");

  g_ptr_array_set_size (records, 0);
  g_log_set_debug_enabled (FALSE);
  cellos_log_backend_operation ("firecracker", "create", "vm-2");
  g_assert_cmpuint (records->len, ==, 0);
}

static void
test_create_and_destroy_are_recorded (void)
{
  g_autoptr(CellosCellBackend) backend = CELLOS_CELL_BACKEND (cellos_stub_backend_new ());
  g_autoptr(CellosExecutionCellDocument) document = cellos_execution_cell_document_new ("logged");
  g_autoptr(CellosCellHandle) handle = NULL;
  g_autoptr(CellosTeardownReport) report = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_set_size (records, 0);
  g_log_set_debug_enabled (TRUE);

  handle = cellos_cell_backend_create (backend, document, NULL, &error);
  g_assert_no_error (error);
  report = cellos_cell_backend_destroy (backend, handle, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (records->len, ==, 2);
  assert_record (0, "create", "logged");
  assert_record (1, "destroy", "logged");

  cellos_test_assert_finalized (&report);
  cellos_test_assert_finalized (&handle);
  cellos_test_assert_finalized (&document);
  cellos_test_assert_finalized (&backend);
}

static void
test_nothing_recorded_with_debug_off (void)
{
  g_autoptr(CellosCellBackend) backend = CELLOS_CELL_BACKEND (cellos_stub_backend_new ());
  g_autoptr(CellosExecutionCellDocument) document = cellos_execution_cell_document_new ("quiet");
  g_autoptr(CellosCellHandle) handle = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_set_size (records, 0);
  g_log_set_debug_enabled (FALSE);

  handle = cellos_cell_backend_create (backend, document, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 0);

  cellos_test_assert_finalized (&handle);
  cellos_test_assert_finalized (&document);
  cellos_test_assert_finalized (&backend);
}

static void
test_failed_create_is_not_recorded (void)
{
  g_autoptr(CellosCellBackend) backend = CELLOS_CELL_BACKEND (cellos_stub_backend_new ());
  g_autoptr(CellosExecutionCellDocument) document = cellos_execution_cell_document_new ("");
  g_autoptr(CellosCellHandle) handle = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_set_size (records, 0);
  g_log_set_debug_enabled (TRUE);

  handle = cellos_cell_backend_create (backend, document, NULL, &error);
  g_assert_error (error, CELLOS_ERROR, CELLOS_ERROR_INVALID_SPEC);
  g_assert_null (handle);
  g_assert_cmpuint (records->len, ==, 0);

  cellos_test_assert_finalized (&document);
  cellos_test_assert_finalized (&backend);
}

/* G_MESSAGES_DEBUG, as GLib reads it, but looked at only once per
 * process, at the first operation: each case runs in a fresh process with
 * the variable set by the parent before it starts. */
static void
run_with_messages_debug (const char *domains,
                         guint       n_records)
{
  if (g_test_subprocess ())
    {
      g_autoptr(CellosCellBackend) backend = CELLOS_CELL_BACKEND (cellos_stub_backend_new ());
      g_autoptr(CellosExecutionCellDocument) document = cellos_execution_cell_document_new ("env");
      g_autoptr(CellosCellHandle) handle = NULL;
      g_autoptr(CellosTeardownReport) report = NULL;
      g_autoptr(GError) error = NULL;

      g_log_set_debug_enabled (FALSE);
      handle = cellos_cell_backend_create (backend, document, NULL, &error);
      g_assert_no_error (error);
      report = cellos_cell_backend_destroy (backend, handle, NULL, &error);
      g_assert_no_error (error);

      g_assert_cmpuint (records->len, ==, n_records);

      cellos_test_assert_finalized (&report);
      cellos_test_assert_finalized (&handle);
      cellos_test_assert_finalized (&document);
      cellos_test_assert_finalized (&backend);
      return;
    }

  g_setenv ("G_MESSAGES_DEBUG", domains, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_unsetenv ("G_MESSAGES_DEBUG");
  g_test_trap_assert_passed ();
}

static void
test_recorded_when_messages_debug_names_domain (void)
{
  run_with_messages_debug ("Cellos", 2);
}

static void
test_recorded_when_messages_debug_is_all (void)
{
  run_with_messages_debug ("all", 2);
}

static void
test_nothing_recorded_when_messages_debug_names_other (void)
{
  run_with_messages_debug ("Other", 0);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  /* Only the G_MESSAGES_DEBUG a test case sets counts; subprocesses keep
   * the one their parent set for them. */
  if (!g_test_subprocess ())
    g_unsetenv ("G_MESSAGES_DEBUG");

  records = g_ptr_array_new_with_free_func ((GDestroyNotify) record_free);
  g_log_set_writer_func (capture_writer, NULL, NULL);

  g_test_add_func ("/stub/log/create-and-destroy-are-recorded",
                   test_create_and_destroy_are_recorded);
  g_test_add_func ("/backend-util/log/backend-writes-the-stubs-record",
                   test_backend_writes_the_stubs_record);
  g_test_add_func ("/stub/log/nothing-recorded-with-debug-off",
                   test_nothing_recorded_with_debug_off);
  g_test_add_func ("/stub/log/failed-create-is-not-recorded",
                   test_failed_create_is_not_recorded);
  g_test_add_func ("/stub/log/recorded-when-messages-debug-names-domain",
                   test_recorded_when_messages_debug_names_domain);
  g_test_add_func ("/stub/log/recorded-when-messages-debug-is-all",
                   test_recorded_when_messages_debug_is_all);
  g_test_add_func ("/stub/log/nothing-recorded-when-messages-debug-names-other",
                   test_nothing_recorded_when_messages_debug_names_other);

  ret = g_test_run ();
  g_ptr_array_unref (records);
  return ret;
}
