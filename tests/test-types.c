/* test-types.c: the value types, the error domain and version checks
 *
 * Copyright 2026 The CellOS authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "test-utils.h"

static void
test_handle_every_field (void)
{
  const char * const rules[] = { "add rule inet cellos out drop", NULL };
  g_autoptr(CellosCellHandle) handle = NULL;

  handle = g_object_new (CELLOS_TYPE_CELL_HANDLE,
                         "cell-id", "cell-1",
                         "cgroup-path", "/sys/fs/cgroup/cellos/cell-1",
                         "kernel-digest-sha256", "aa",
                         "rootfs-digest-sha256", "bb",
                         "firecracker-digest-sha256", "cc",
                         "nft-rules-applied", rules,
                         NULL);

  g_assert_cmpstr (cellos_cell_handle_get_cell_id (handle), ==, "cell-1");
  g_assert_cmpstr (cellos_cell_handle_get_cgroup_path (handle), ==, "/sys/fs/cgroup/cellos/cell-1");
  g_assert_cmpstr (cellos_cell_handle_get_kernel_digest_sha256 (handle), ==, "aa");
  g_assert_cmpstr (cellos_cell_handle_get_rootfs_digest_sha256 (handle), ==, "bb");
  g_assert_cmpstr (cellos_cell_handle_get_firecracker_digest_sha256 (handle), ==, "cc");
  g_assert_true (g_strv_equal (cellos_cell_handle_get_nft_rules_applied (handle), rules));

  cellos_test_assert_finalized (&handle);
}

static void
test_handle_optional_fields_default_to_null (void)
{
  g_autoptr(CellosCellHandle) handle = g_object_new (CELLOS_TYPE_CELL_HANDLE, "cell-id", "c", NULL);
  g_autofree char *cgroup_path = NULL;
  g_auto(GStrv) rules = NULL;

  g_assert_null (cellos_cell_handle_get_cgroup_path (handle));
  g_assert_null (cellos_cell_handle_get_kernel_digest_sha256 (handle));
  g_assert_null (cellos_cell_handle_get_rootfs_digest_sha256 (handle));
  g_assert_null (cellos_cell_handle_get_firecracker_digest_sha256 (handle));
  g_assert_null (cellos_cell_handle_get_nft_rules_applied (handle));

  g_object_get (handle, "cgroup-path", &cgroup_path, "nft-rules-applied", &rules, NULL);
  g_assert_null (cgroup_path);
  g_assert_null (rules);

  cellos_test_assert_finalized (&handle);
}

static void
test_handle_properties_read_back (void)
{
  g_autoptr(CellosCellHandle) handle = NULL;
  g_autofree char *cell_id = NULL;
  g_autofree char *digest = NULL;

  handle = g_object_new (CELLOS_TYPE_CELL_HANDLE,
                         "cell-id", "cell-2",
                         "rootfs-digest-sha256", "dd",
                         NULL);
  g_object_get (handle, "cell-id", &cell_id, "rootfs-digest-sha256", &digest, NULL);
  g_assert_cmpstr (cell_id, ==, "cell-2");
  g_assert_cmpstr (digest, ==, "dd");

  cellos_test_assert_finalized (&handle);
}

static void
test_handle_is_immutable (void)
{
  GParamSpec *pspec;
  const char *names[] = {
    "cell-id", "cgroup-path", "kernel-digest-sha256", "rootfs-digest-sha256",
    "firecracker-digest-sha256", "nft-rules-applied", "details",
  };
  gsize i;
  g_autoptr(GTypeClass) klass = g_type_class_ref (CELLOS_TYPE_CELL_HANDLE);

  for (i = 0; i < G_N_ELEMENTS (names); i++)
    {
      pspec = g_object_class_find_property (G_OBJECT_CLASS (klass), names[i]);
      g_assert_nonnull (pspec);
      g_assert_true (pspec->flags & G_PARAM_CONSTRUCT_ONLY);
    }
}

/* The subprocess aborts on the critical inside g_object_new(), so the
 * handle is never returned and there is nothing left to prove finalized. */
static void
test_handle_without_cell_id_is_critical (void)
{
  if (g_test_subprocess ())
    {
      CellosCellHandle *handle = g_object_new (CELLOS_TYPE_CELL_HANDLE, NULL);

      g_object_unref (handle);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*non-empty cell-id*");
}

/* A backend's own data comes back as it was given, and survives the
 * handle being rebuilt from its properties, also through text, as a
 * supervisor that restarts does. */
static void
test_handle_details_survive_rebuild (void)
{
  g_autoptr(GVariantDict) dict = g_variant_dict_new (NULL);
  g_autoptr(GVariant) details = NULL;
  g_autoptr(CellosCellHandle) handle = NULL;
  g_autoptr(CellosCellHandle) rebuilt = NULL;
  g_autoptr(CellosCellHandle) reparsed = NULL;
  g_autoptr(GVariant) read_back = NULL;
  g_autoptr(GVariant) parsed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *cell_id = NULL;
  g_autofree char *text = NULL;
  guint32 pid = 0;

  g_variant_dict_insert (dict, "pid", "u", 4242);
  g_variant_dict_insert (dict, "socket", "s", "/run/cellos/cell-1.sock");
  details = g_variant_ref_sink (g_variant_dict_end (dict));

  handle = g_object_new (CELLOS_TYPE_CELL_HANDLE, "cell-id", "cell-1", "details", details, NULL);
  g_assert_true (g_variant_equal (cellos_cell_handle_get_details (handle), details));
  g_assert_true (g_variant_lookup (cellos_cell_handle_get_details (handle), "pid", "u", &pid));
  g_assert_cmpuint (pid, ==, 4242);

  g_object_get (handle, "cell-id", &cell_id, "details", &read_back, NULL);
  rebuilt = g_object_new (CELLOS_TYPE_CELL_HANDLE, "cell-id", cell_id, "details", read_back, NULL);
  g_assert_true (g_variant_equal (cellos_cell_handle_get_details (rebuilt), details));

  text = g_variant_print (cellos_cell_handle_get_details (handle), TRUE);
  parsed = g_variant_parse (G_VARIANT_TYPE_VARDICT, text, NULL, NULL, &error);
  g_assert_no_error (error);
  reparsed = g_object_new (CELLOS_TYPE_CELL_HANDLE, "cell-id", cell_id, "details", parsed, NULL);
  g_assert_true (g_variant_equal (cellos_cell_handle_get_details (reparsed), details));

  cellos_test_assert_finalized (&handle);
  cellos_test_assert_finalized (&rebuilt);
  cellos_test_assert_finalized (&reparsed);
}

static void
test_handle_details_default_to_null (void)
{
  g_autoptr(CellosCellHandle) handle = g_object_new (CELLOS_TYPE_CELL_HANDLE, "cell-id", "c", NULL);
  g_autoptr(GVariant) details = NULL;

  g_assert_null (cellos_cell_handle_get_details (handle));
  g_object_get (handle, "details", &details, NULL);
  g_assert_null (details);

  cellos_test_assert_finalized (&handle);
}

static void
test_report_every_field (void)
{
  g_autoptr(CellosTeardownReport) report = NULL;
  g_autofree char *cell_id = NULL;
  gboolean destroyed;
  guint peers;

  report = g_object_new (CELLOS_TYPE_TEARDOWN_REPORT,
                         "cell-id", "cell-3",
                         "destroyed", TRUE,
                         "peers-tracked-after", 7u,
                         NULL);
  g_assert_cmpstr (cellos_teardown_report_get_cell_id (report), ==, "cell-3");
  g_assert_true (cellos_teardown_report_get_destroyed (report));
  g_assert_cmpuint (cellos_teardown_report_get_peers_tracked_after (report), ==, 7);

  g_object_get (report,
                "cell-id", &cell_id,
                "destroyed", &destroyed,
                "peers-tracked-after", &peers,
                NULL);
  g_assert_cmpstr (cell_id, ==, "cell-3");
  g_assert_true (destroyed);
  g_assert_cmpuint (peers, ==, 7);

  cellos_test_assert_finalized (&report);
}

static void
test_report_defaults (void)
{
  g_autoptr(CellosTeardownReport) report = g_object_new (CELLOS_TYPE_TEARDOWN_REPORT,
                                                         "cell-id", "cell-4", NULL);

  g_assert_false (cellos_teardown_report_get_destroyed (report));
  g_assert_cmpuint (cellos_teardown_report_get_peers_tracked_after (report), ==, 0);

  cellos_test_assert_finalized (&report);
}

static void
test_error_domain (void)
{
  g_autoptr(GEnumClass) klass = NULL;
  GEnumValue *value;

  g_assert_cmpstr (g_quark_to_string (CELLOS_ERROR), ==, "cellos-error-quark");

  g_assert_true (G_TYPE_IS_ENUM (CELLOS_TYPE_ERROR));
  g_assert_cmpstr (g_type_name (CELLOS_TYPE_ERROR), ==, "CellosError");
  klass = g_type_class_ref (CELLOS_TYPE_ERROR);
  value = g_enum_get_value (klass, CELLOS_ERROR_INVALID_SPEC);
  g_assert_cmpstr (value->value_name, ==, "CELLOS_ERROR_INVALID_SPEC");
  g_assert_cmpstr (value->value_nick, ==, "invalid-spec");
  g_assert_nonnull (g_enum_get_value_by_nick (klass, "invalid-document"));
  g_assert_nonnull (g_enum_get_value_by_nick (klass, "backend-not-found"));
  g_assert_nonnull (g_enum_get_value_by_nick (klass, "failed"));
  /* Codes are appended, never renumbered. */
  g_assert_cmpint (CELLOS_ERROR_FAILED, ==, 3);
  g_assert_cmpint (g_enum_get_value_by_nick (klass, "not-supported")->value, ==, 4);
  g_assert_cmpint (g_enum_get_value_by_nick (klass, "permission-denied")->value, ==, 5);
  g_assert_cmpint (g_enum_get_value_by_nick (klass, "already-exists")->value, ==, 6);
  g_assert_cmpint (g_enum_get_value_by_nick (klass, "not-found")->value, ==, 7);
  g_assert_cmpint (g_enum_get_value_by_nick (klass, "timed-out")->value, ==, 8);
  g_assert_cmpuint (klass->n_values, ==, 9);
}

static void
test_version_check (void)
{
  g_assert_true (CELLOS_CHECK_VERSION (1, 0, 0));
  g_assert_true (CELLOS_CHECK_VERSION (CELLOS_MAJOR_VERSION, CELLOS_MINOR_VERSION,
                                       CELLOS_MICRO_VERSION));
  g_assert_false (CELLOS_CHECK_VERSION (CELLOS_MAJOR_VERSION + 1, 0, 0));
  g_assert_false (CELLOS_CHECK_VERSION (CELLOS_MAJOR_VERSION, CELLOS_MINOR_VERSION + 1, 0));

  g_assert_null (cellos_check_version (CELLOS_MAJOR_VERSION, CELLOS_MINOR_VERSION,
                                       CELLOS_MICRO_VERSION));
  g_assert_null (cellos_check_version (CELLOS_MAJOR_VERSION, 0, 0));
  g_assert_nonnull (cellos_check_version (CELLOS_MAJOR_VERSION + 1, 0, 0));
  g_assert_nonnull (cellos_check_version (CELLOS_MAJOR_VERSION, CELLOS_MINOR_VERSION + 1, 0));
  g_assert_nonnull (cellos_check_version (CELLOS_MAJOR_VERSION, CELLOS_MINOR_VERSION,
                                          CELLOS_MICRO_VERSION + 1));
  if (CELLOS_MAJOR_VERSION > 0)
    g_assert_nonnull (cellos_check_version (CELLOS_MAJOR_VERSION - 1, 0, 0));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/handle/every-field", test_handle_every_field);
  g_test_add_func ("/handle/optional-fields-default-to-null",
                   test_handle_optional_fields_default_to_null);
  g_test_add_func ("/handle/properties-read-back", test_handle_properties_read_back);
  g_test_add_func ("/handle/is-immutable", test_handle_is_immutable);
  g_test_add_func ("/handle/details/survive-rebuild", test_handle_details_survive_rebuild);
  g_test_add_func ("/handle/details/default-to-null", test_handle_details_default_to_null);
  g_test_add_func ("/handle/without-cell-id-is-critical", test_handle_without_cell_id_is_critical);
  g_test_add_func ("/report/every-field", test_report_every_field);
  g_test_add_func ("/report/defaults", test_report_defaults);
  g_test_add_func ("/error/domain-and-enum-type", test_error_domain);
  g_test_add_func ("/version/check", test_version_check);

  return g_test_run ();
}
