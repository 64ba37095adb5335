/* cellos-cell-handle.c: what a backend's create returns
 *
 * Copyright 2026 The CellOS authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "cellos-cell-handle.h"

/**
 * CellosCellHandle:
 *
 * A handle on a created cell, as returned by
 * [method@Cellos.CellBackend.create]; pass it to
 * [method@Cellos.CellBackend.destroy] to tear the cell down.
 *
 * A handle is immutable: a backend sets its properties when it constructs
 * it, for instance from C with
 *
 * ```c
 * handle = g_object_new (CELLOS_TYPE_CELL_HANDLE,
 *                        "cell-id", id,
 *                        "cgroup-path", path,
 *                        NULL);
 * ```
 *
 * or from Python with `Cellos.CellHandle(cell_id=id)`. Only
 * [property@Cellos.CellHandle:cell-id] is required, and it must not be
 * empty. Immutable objects may be shared between threads.
 *
 * Since: 1.0
 */

/* Most backends fill in none of the optional fields (the stub never does),
 * so they live behind one pointer and a handle is three words and a string
 * when they are not used. */
typedef struct
{
  char *cgroup_path;
  char *kernel_digest_sha256;
  char *rootfs_digest_sha256;
  char *firecracker_digest_sha256;
  GStrv nft_rules_applied;
  GVariant *details;
} CellosCellHandleDetails;

struct _CellosCellHandle
{
  GObject parent_instance;

  char *cell_id;
  CellosCellHandleDetails *details;
};

enum {
  PROP_0,
  PROP_CELL_ID,
  PROP_CGROUP_PATH,
  PROP_KERNEL_DIGEST_SHA256,
  PROP_ROOTFS_DIGEST_SHA256,
  PROP_FIRECRACKER_DIGEST_SHA256,
  PROP_NFT_RULES_APPLIED,
  PROP_DETAILS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (CellosCellHandle, cellos_cell_handle, G_TYPE_OBJECT)

static void
cellos_cell_handle_details_free (CellosCellHandleDetails *details)
{
  g_free (details->cgroup_path);
  g_free (details->kernel_digest_sha256);
  g_free (details->rootfs_digest_sha256);
  g_free (details->firecracker_digest_sha256);
  g_strfreev (details->nft_rules_applied);
  g_clear_pointer (&details->details, g_variant_unref);
  g_free (details);
}

static CellosCellHandleDetails *
ensure_details (CellosCellHandle *self)
{
  if (self->details == NULL)
    self->details = g_new0 (CellosCellHandleDetails, 1);
  return self->details;
}

static void
cellos_cell_handle_constructed (GObject *object)
{
  CellosCellHandle *self = CELLOS_CELL_HANDLE (object);

  G_OBJECT_CLASS (cellos_cell_handle_parent_class)->constructed (object);

  if (self->cell_id == NULL || self->cell_id[0] == '\0')
    g_critical ("A CellosCellHandle needs a non-empty cell-id");
}

static void
cellos_cell_handle_finalize (GObject *object)
{
  CellosCellHandle *self = CELLOS_CELL_HANDLE (object);

  g_clear_pointer (&self->cell_id, g_free);
  g_clear_pointer (&self->details, cellos_cell_handle_details_free);

  G_OBJECT_CLASS (cellos_cell_handle_parent_class)->finalize (object);
}

static void
cellos_cell_handle_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  CellosCellHandle *self = CELLOS_CELL_HANDLE (object);

  switch (prop_id)
    {
    case PROP_CELL_ID:
      g_value_set_string (value, self->cell_id);
      break;
    case PROP_CGROUP_PATH:
      g_value_set_string (value, cellos_cell_handle_get_cgroup_path (self));
      break;
    case PROP_KERNEL_DIGEST_SHA256:
      g_value_set_string (value, cellos_cell_handle_get_kernel_digest_sha256 (self));
      break;
    case PROP_ROOTFS_DIGEST_SHA256:
      g_value_set_string (value, cellos_cell_handle_get_rootfs_digest_sha256 (self));
      break;
    case PROP_FIRECRACKER_DIGEST_SHA256:
      g_value_set_string (value, cellos_cell_handle_get_firecracker_digest_sha256 (self));
      break;
    case PROP_NFT_RULES_APPLIED:
      g_value_set_boxed (value, cellos_cell_handle_get_nft_rules_applied (self));
      break;
    case PROP_DETAILS:
      g_value_set_variant (value, cellos_cell_handle_get_details (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cellos_cell_handle_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  CellosCellHandle *self = CELLOS_CELL_HANDLE (object);

  /* Construct-only: each is set at most once, and only unset optional
   * fields stay without a details block. */
  switch (prop_id)
    {
    case PROP_CELL_ID:
      self->cell_id = g_value_dup_string (value);
      break;
    case PROP_CGROUP_PATH:
      if (g_value_get_string (value) != NULL)
        ensure_details (self)->cgroup_path = g_value_dup_string (value);
      break;
    case PROP_KERNEL_DIGEST_SHA256:
      if (g_value_get_string (value) != NULL)
        ensure_details (self)->kernel_digest_sha256 = g_value_dup_string (value);
      break;
    case PROP_ROOTFS_DIGEST_SHA256:
      if (g_value_get_string (value) != NULL)
        ensure_details (self)->rootfs_digest_sha256 = g_value_dup_string (value);
      break;
    case PROP_FIRECRACKER_DIGEST_SHA256:
      if (g_value_get_string (value) != NULL)
        ensure_details (self)->firecracker_digest_sha256 = g_value_dup_string (value);
      break;
    case PROP_NFT_RULES_APPLIED:
      if (g_value_get_boxed (value) != NULL)
        ensure_details (self)->nft_rules_applied = g_value_dup_boxed (value);
      break;
    case PROP_DETAILS:
      if (g_value_get_variant (value) != NULL)
        ensure_details (self)->details = g_value_dup_variant (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cellos_cell_handle_class_init (CellosCellHandleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                            G_PARAM_STATIC_STRINGS;

  object_class->constructed = cellos_cell_handle_constructed;
  object_class->finalize = cellos_cell_handle_finalize;
  object_class->get_property = cellos_cell_handle_get_property;
  object_class->set_property = cellos_cell_handle_set_property;

  /**
   * CellosCellHandle:cell-id: (getter get_cell_id)
   *
   * The identifier of the cell, the document's `spec.id`. Never empty.
   *
   * Since: 1.0
   */
  properties[PROP_CELL_ID] =
    g_param_spec_string ("cell-id", NULL, NULL, NULL, flags);

  /**
   * CellosCellHandle:cgroup-path: (getter get_cgroup_path)
   *
   * The cgroup the cell runs in, if the backend made one.
   *
   * Since: 1.0
   */
  properties[PROP_CGROUP_PATH] =
    g_param_spec_string ("cgroup-path", NULL, NULL, NULL, flags);

  /**
   * CellosCellHandle:kernel-digest-sha256: (getter get_kernel_digest_sha256)
   *
   * The SHA-256 digest of the guest kernel, in hexadecimal, if the backend
   * boots one.
   *
   * Since: 1.0
   */
  properties[PROP_KERNEL_DIGEST_SHA256] =
    g_param_spec_string ("kernel-digest-sha256", NULL, NULL, NULL, flags);

  /**
   * CellosCellHandle:rootfs-digest-sha256: (getter get_rootfs_digest_sha256)
   *
   * The SHA-256 digest of the root file system image, in hexadecimal, if
   * the backend uses one.
   *
   * Since: 1.0
   */
  properties[PROP_ROOTFS_DIGEST_SHA256] =
    g_param_spec_string ("rootfs-digest-sha256", NULL, NULL, NULL, flags);

  /**
   * CellosCellHandle:firecracker-digest-sha256: (getter get_firecracker_digest_sha256)
   *
   * The SHA-256 digest of the virtual machine monitor binary, in
   * hexadecimal, if the backend runs one.
   *
   * Since: 1.0
   */
  properties[PROP_FIRECRACKER_DIGEST_SHA256] =
    g_param_spec_string ("firecracker-digest-sha256", NULL, NULL, NULL, flags);

  /**
   * CellosCellHandle:nft-rules-applied: (getter get_nft_rules_applied)
   *
   * The nftables rules the backend applied for the cell, if any.
   *
   * Since: 1.0
   */
  properties[PROP_NFT_RULES_APPLIED] =
    g_param_spec_boxed ("nft-rules-applied", NULL, NULL, G_TYPE_STRV, flags);

  /**
   * CellosCellHandle:details: (getter get_details)
   *
   * The backend's own data about the cell, as a dictionary (`a{sv}`), if
   * it keeps any: what it needs to find the cell again at destroy, such as
   * a VM's socket path or a process id.
   *
   * A handle is plain data: a supervisor that restarts rebuilds it from
   * its properties, and another instance of the backend may destroy the
   * cell. What a backend keeps here survives both; what it keeps in its
   * instance or with g_object_set_data() does not. Keys are the backend's
   * own; values should be basic types, so that a supervisor can store
   * them (as text with g_variant_print(), for instance) and read them
   * back.
   *
   * Since: 1.2
   */
  properties[PROP_DETAILS] =
    g_param_spec_variant ("details", NULL, NULL, G_VARIANT_TYPE_VARDICT, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cellos_cell_handle_init (CellosCellHandle *self)
{
}

/**
 * cellos_cell_handle_new:
 * @cell_id: the cell's id, not empty
 * @details: (nullable): the backend's own data about the cell, a
 *   dictionary (`a{sv}`) as [property@Cellos.CellHandle:details] holds; a
 *   floating reference is taken
 *
 * Rebuilds a handle on a cell from what a supervisor stored about it: its
 * id and, if the backend keeps any, its details. A supervisor that
 * restarted destroys its cells through such handles; a backend building
 * the handle for a new cell, with more of its properties, uses
 * g_object_new() instead.
 *
 * Returns: (transfer full): a new handle
 *
 * Since: 1.2
 */
CellosCellHandle *
cellos_cell_handle_new (const char *cell_id,
                        GVariant   *details)
{
  g_return_val_if_fail (cell_id != NULL && cell_id[0] != '\0', NULL);
  g_return_val_if_fail (details == NULL || g_variant_is_of_type (details, G_VARIANT_TYPE_VARDICT), NULL);

  return g_object_new (CELLOS_TYPE_CELL_HANDLE,
                       "cell-id", cell_id,
                       "details", details,
                       NULL);
}

/**
 * cellos_cell_handle_get_cell_id: (get-property cell-id)
 * @self: a #CellosCellHandle
 *
 * Gets the identifier of the cell.
 *
 * Returns: the cell identifier, never empty
 *
 * Since: 1.0
 */
const char *
cellos_cell_handle_get_cell_id (CellosCellHandle *self)
{
  g_return_val_if_fail (CELLOS_IS_CELL_HANDLE (self), NULL);

  return self->cell_id;
}

/**
 * cellos_cell_handle_get_cgroup_path: (get-property cgroup-path)
 * @self: a #CellosCellHandle
 *
 * Gets the cgroup the cell runs in.
 *
 * Returns: (nullable): the cgroup path, or %NULL if there is none
 *
 * Since: 1.0
 */
const char *
cellos_cell_handle_get_cgroup_path (CellosCellHandle *self)
{
  g_return_val_if_fail (CELLOS_IS_CELL_HANDLE (self), NULL);

  return self->details != NULL ? self->details->cgroup_path : NULL;
}

/**
 * cellos_cell_handle_get_kernel_digest_sha256: (get-property kernel-digest-sha256)
 * @self: a #CellosCellHandle
 *
 * Gets the SHA-256 digest of the guest kernel.
 *
 * Returns: (nullable): the digest in hexadecimal, or %NULL
 *
 * Since: 1.0
 */
const char *
cellos_cell_handle_get_kernel_digest_sha256 (CellosCellHandle *self)
{
  g_return_val_if_fail (CELLOS_IS_CELL_HANDLE (self), NULL);

  return self->details != NULL ? self->details->kernel_digest_sha256 : NULL;
}

/**
 * cellos_cell_handle_get_rootfs_digest_sha256: (get-property rootfs-digest-sha256)
 * @self: a #CellosCellHandle
 *
 * Gets the SHA-256 digest of the root file system image.
 *
 * Returns: (nullable): the digest in hexadecimal, or %NULL
 *
 * Since: 1.0
 */
const char *
cellos_cell_handle_get_rootfs_digest_sha256 (CellosCellHandle *self)
{
  g_return_val_if_fail (CELLOS_IS_CELL_HANDLE (self), NULL);

  return self->details != NULL ? self->details->rootfs_digest_sha256 : NULL;
}

/**
 * cellos_cell_handle_get_firecracker_digest_sha256: (get-property firecracker-digest-sha256)
 * @self: a #CellosCellHandle
 *
 * Gets the SHA-256 digest of the virtual machine monitor binary.
 *
 * Returns: (nullable): the digest in hexadecimal, or %NULL
 *
 * Since: 1.0
 */
const char *
cellos_cell_handle_get_firecracker_digest_sha256 (CellosCellHandle *self)
{
  g_return_val_if_fail (CELLOS_IS_CELL_HANDLE (self), NULL);

  return self->details != NULL ? self->details->firecracker_digest_sha256 : NULL;
}

/**
 * cellos_cell_handle_get_nft_rules_applied: (get-property nft-rules-applied)
 * @self: a #CellosCellHandle
 *
 * Gets the nftables rules the backend applied for the cell.
 *
 * Returns: (nullable) (array zero-terminated=1) (transfer none): the rules,
 *   or %NULL
 *
 * Since: 1.0
 */
const char * const *
cellos_cell_handle_get_nft_rules_applied (CellosCellHandle *self)
{
  g_return_val_if_fail (CELLOS_IS_CELL_HANDLE (self), NULL);

  return self->details != NULL ?
         (const char * const *) self->details->nft_rules_applied : NULL;
}

/**
 * cellos_cell_handle_get_details: (get-property details)
 * @self: a #CellosCellHandle
 *
 * Gets the backend's own data about the cell: see
 * [property@Cellos.CellHandle:details].
 *
 * Returns: (nullable) (transfer none): a dictionary (`a{sv}`), or %NULL
 *
 * Since: 1.2
 */
GVariant *
cellos_cell_handle_get_details (CellosCellHandle *self)
{
  g_return_val_if_fail (CELLOS_IS_CELL_HANDLE (self), NULL);

  return self->details != NULL ? self->details->details : NULL;
}
