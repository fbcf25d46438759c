/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coach-workouts-page"

#include "config.h"

#include <glib/gi18n.h>

#include "coach-workouts-page.h"
#include "coach-query-model.h"
#include "coach-record-format.h"
#include "coach-record-row.h"

#define TABLE "workout"

struct _CoachWorkoutsPage
{
  AdwBin           parent_instance;

  CoachCatalog    *catalog;
  CoachQueryModel *model;
  char            *subtitle;

  GtkStack        *stack;
  GtkListView     *list_view;
  GtkNoSelection  *selection;
};

G_DEFINE_FINAL_TYPE (CoachWorkoutsPage, coach_workouts_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CATALOG,
  PROP_TITLE,
  PROP_SUBTITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------------------- */

static void
coach_workouts_page_update_state (CoachWorkoutsPage *self)
{
  guint n = self->model ? g_list_model_get_n_items (G_LIST_MODEL (self->model)) : 0;
  g_autofree char *subtitle = coach_format_count (TABLE, n);

  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "list" : "empty");
  if (g_strcmp0 (subtitle, self->subtitle) != 0)
    {
      g_free (self->subtitle);
      self->subtitle = g_steal_pointer (&subtitle);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBTITLE]);
    }
}

/* ------------------------------------------------------------------------- */

static void
items_changed_cb (CoachWorkoutsPage *self,
                  guint              position,
                  guint              removed,
                  guint              added,
                  GListModel        *model)
{
  coach_workouts_page_update_state (self);
}

/* ------------------------------------------------------------------------- */

static void
coach_workouts_page_dispose (GObject *object)
{
  CoachWorkoutsPage *self = COACH_WORKOUTS_PAGE (object);

  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), COACH_TYPE_WORKOUTS_PAGE);
  g_clear_object (&self->model);
  g_clear_object (&self->catalog);

  G_OBJECT_CLASS (coach_workouts_page_parent_class)->dispose (object);
}

static void
coach_workouts_page_finalize (GObject *object)
{
  CoachWorkoutsPage *self = COACH_WORKOUTS_PAGE (object);

  g_free (self->subtitle);

  G_OBJECT_CLASS (coach_workouts_page_parent_class)->finalize (object);
}

static void
coach_workouts_page_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  CoachWorkoutsPage *self = COACH_WORKOUTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_CATALOG:
      g_value_set_object (value, self->catalog);
      break;
    case PROP_TITLE:
      g_value_set_string (value, _("Workouts"));
      break;
    case PROP_SUBTITLE:
      g_value_set_string (value, self->subtitle);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
coach_workouts_page_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  CoachWorkoutsPage *self = COACH_WORKOUTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_CATALOG:
      coach_workouts_page_set_catalog (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
coach_workouts_page_class_init (CoachWorkoutsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = coach_workouts_page_dispose;
  object_class->finalize = coach_workouts_page_finalize;
  object_class->get_property = coach_workouts_page_get_property;
  object_class->set_property = coach_workouts_page_set_property;

  properties[PROP_CATALOG] =
    g_param_spec_object ("catalog", NULL, NULL,
                         COACH_TYPE_CATALOG,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUBTITLE] =
    g_param_spec_string ("subtitle", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (COACH_TYPE_RECORD_ROW);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/coachbook/Coachbook/workouts/coach-workouts-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CoachWorkoutsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, CoachWorkoutsPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, CoachWorkoutsPage, selection);
}

static void
coach_workouts_page_init (CoachWorkoutsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  coach_workouts_page_update_state (self);
}

/* ------------------------------------------------------------------------- */

void
coach_workouts_page_set_catalog (CoachWorkoutsPage *self,
                                 CoachCatalog      *catalog)
{
  g_return_if_fail (COACH_IS_WORKOUTS_PAGE (self));
  g_return_if_fail (catalog == NULL || COACH_IS_CATALOG (catalog));

  if (!g_set_object (&self->catalog, catalog))
    return;

  gtk_no_selection_set_model (self->selection, NULL);
  g_clear_object (&self->model);
  if (catalog != NULL)
    {
      g_autoptr(GError) error = NULL;

      self->model = coach_query_model_new (catalog, TABLE);
      /* Loaded before the view counts, so it sees the rows only once. */
      if (!coach_query_model_reload (self->model, &error))
        g_warning ("Cannot load the workouts: %s", error->message);
      g_signal_connect_object (self->model, "items-changed",
                               G_CALLBACK (items_changed_cb), self,
                               G_CONNECT_SWAPPED);
      gtk_no_selection_set_model (self->selection, G_LIST_MODEL (self->model));
    }

  coach_workouts_page_update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CATALOG]);
}
