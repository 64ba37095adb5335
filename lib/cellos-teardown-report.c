/* cellos-teardown-report.c: what a backend's destroy returns
 *
 * Copyright 2026 The CellOS authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "cellos-teardown-report.h"

/**
 * CellosTeardownReport:
 *
 * What [method@Cellos.CellBackend.destroy] reports about a cell it tore
 * down. Immutable; a backend sets its properties when it constructs it:
 *
 * ```c
 * report = g_object_new (CELLOS_TYPE_TEARDOWN_REPORT,
 *                        "cell-id", cellos_cell_handle_get_cell_id (handle),
 *                        "destroyed", TRUE,
 *                        NULL);
 * ```
 *
 * Since: 1.0
 */

struct _CellosTeardownReport
{
  GObject parent_instance;

  char *cell_id;
  gboolean destroyed;
  guint peers_tracked_after;
};

enum {
  PROP_0,
  PROP_CELL_ID,
  PROP_DESTROYED,
  PROP_PEERS_TRACKED_AFTER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (CellosTeardownReport, cellos_teardown_report, G_TYPE_OBJECT)

static void
cellos_teardown_report_finalize (GObject *object)
{
  CellosTeardownReport *self = CELLOS_TEARDOWN_REPORT (object);

  g_free (self->cell_id);

  G_OBJECT_CLASS (cellos_teardown_report_parent_class)->finalize (object);
}

static void
cellos_teardown_report_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  CellosTeardownReport *self = CELLOS_TEARDOWN_REPORT (object);

  switch (prop_id)
    {
    case PROP_CELL_ID:
      g_value_set_string (value, self->cell_id);
      break;
    case PROP_DESTROYED:
      g_value_set_boolean (value, self->destroyed);
      break;
    case PROP_PEERS_TRACKED_AFTER:
      g_value_set_uint (value, self->peers_tracked_after);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cellos_teardown_report_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  CellosTeardownReport *self = CELLOS_TEARDOWN_REPORT (object);

  switch (prop_id)
    {
    case PROP_CELL_ID:
      self->cell_id = g_value_dup_string (value);
      break;
    case PROP_DESTROYED:
      self->destroyed = g_value_get_boolean (value);
      break;
    case PROP_PEERS_TRACKED_AFTER:
      self->peers_tracked_after = g_value_get_uint (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cellos_teardown_report_class_init (CellosTeardownReportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                            G_PARAM_STATIC_STRINGS;

  object_class->finalize = cellos_teardown_report_finalize;
  object_class->get_property = cellos_teardown_report_get_property;
  object_class->set_property = cellos_teardown_report_set_property;

  /**
   * CellosTeardownReport:cell-id: (getter get_cell_id)
   *
   * The identifier of the cell that was torn down.
   *
   * Since: 1.0
   */
  properties[PROP_CELL_ID] =
    g_param_spec_string ("cell-id", NULL, NULL, NULL, flags);

  /**
   * CellosTeardownReport:destroyed: (getter get_destroyed)
   *
   * Whether the cell's isolation context is gone.
   *
   * Since: 1.0
   */
  properties[PROP_DESTROYED] =
    g_param_spec_boolean ("destroyed", NULL, NULL, FALSE, flags);

  /**
   * CellosTeardownReport:peers-tracked-after: (getter get_peers_tracked_after)
   *
   * How many network peers the backend still tracks after the teardown.
   *
   * Since: 1.0
   */
  properties[PROP_PEERS_TRACKED_AFTER] =
    g_param_spec_uint ("peers-tracked-after", NULL, NULL,
                       0, G_MAXUINT, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cellos_teardown_report_init (CellosTeardownReport *self)
{
}

/**
 * cellos_teardown_report_get_cell_id: (get-property cell-id)
 * @self: a #CellosTeardownReport
 *
 * Gets the identifier of the cell that was torn down.
 *
 * Returns: (nullable): the cell identifier
 *
 * Since: 1.0
 */
const char *
cellos_teardown_report_get_cell_id (CellosTeardownReport *self)
{
  g_return_val_if_fail (CELLOS_IS_TEARDOWN_REPORT (self), NULL);

  return self->cell_id;
}

/**
 * cellos_teardown_report_get_destroyed: (get-property destroyed)
 * @self: a #CellosTeardownReport
 *
 * Gets whether the cell's isolation context is gone.
 *
 * Returns: %TRUE if the cell was destroyed
 *
 * Since: 1.0
 */
gboolean
cellos_teardown_report_get_destroyed (CellosTeardownReport *self)
{
  g_return_val_if_fail (CELLOS_IS_TEARDOWN_REPORT (self), FALSE);

  return self->destroyed;
}

/**
 * cellos_teardown_report_get_peers_tracked_after: (get-property peers-tracked-after)
 * @self: a #CellosTeardownReport
 *
 * Gets how many network peers the backend still tracks after the teardown.
 *
 * Returns: the number of peers
 *
 * Since: 1.0
 */
guint
cellos_teardown_report_get_peers_tracked_after (CellosTeardownReport *self)
{
  g_return_val_if_fail (CELLOS_IS_TEARDOWN_REPORT (self), 0);

  return self->peers_tracked_after;
}
