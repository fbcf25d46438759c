/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coach-workouts-page"

#include "config.h"

#include <glib/gi18n.h>

#include "coach-workouts-page.h"
#include "coach-composer.h"
#include "coach-generate-dialog.h"
#include "coach-query-model.h"
#include "coach-workout-editor.h"
#include "coach-record-format.h"
#include "coach-record-row.h"

#define TABLE "workout"

struct _CoachWorkoutsPage
{
  AdwBin           parent_instance;

  CoachCatalog    *catalog;
  CoachQueryModel *model;
  char            *subtitle;
  gboolean         can_go_back;

  AdwToastOverlay    *toast_overlay;
  AdwLeaflet         *leaflet;
  GtkStack           *stack;
  GtkListView        *list_view;
  GtkSingleSelection *selection;
  GtkStack           *detail_stack;
  CoachWorkoutEditor *editor;
};

G_DEFINE_FINAL_TYPE (CoachWorkoutsPage, coach_workouts_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CATALOG,
  PROP_TITLE,
  PROP_SUBTITLE,
  PROP_CAN_GO_BACK,
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

static void
coach_workouts_page_actions_update (CoachWorkoutsPage *self)
{
  gboolean selected = gtk_single_selection_get_selected_item (self->selection) != NULL;
  gboolean can_go_back = adw_leaflet_get_folded (self->leaflet) &&
                         adw_leaflet_get_visible_child (self->leaflet) == GTK_WIDGET (self->detail_stack);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "workouts.new", self->catalog != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "workouts.generate", self->catalog != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "workouts.duplicate", selected);

  if (can_go_back != self->can_go_back)
    {
      self->can_go_back = can_go_back;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_GO_BACK]);
    }
}

static void
coach_workouts_page_show_error (CoachWorkoutsPage *self,
                                const char        *what,
                                const GError      *error)
{
  g_autofree char *title = g_strdup_printf ("%s: %s", what, error->message);

  g_warning ("%s", title);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
}

/* ------------------------------------------------------------------------- */

static void
selected_workout_changed_cb (CoachWorkoutsPage *self)
{
  CoachRecord *workout = gtk_single_selection_get_selected_item (self->selection);

  if (workout != coach_workout_editor_get_workout (self->editor))
    {
      coach_workout_editor_set_workout (self->editor, workout);
      if (workout != NULL)
        adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->detail_stack));
    }
  gtk_stack_set_visible_child_name (self->detail_stack, workout ? "editor" : "none");
  coach_workouts_page_actions_update (self);
}

static void
leaflet_changed_cb (CoachWorkoutsPage *self)
{
  coach_workouts_page_actions_update (self);
}

static void
generated_cb (CoachGenerateDialog *dialog,
              const char          *workout_id,
              CoachWorkoutsPage   *self)
{
  coach_workouts_page_select_workout (self, workout_id);
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  CoachWorkoutsPage *self = COACH_WORKOUTS_PAGE (widget);
  g_autoptr(CoachWorkout) workout = coach_workout_new ();
  g_autoptr(GError) error = NULL;

  coach_record_set_string (COACH_RECORD (workout), "name", _("New Workout"));
  if (!coach_catalog_save_workout (self->catalog, workout, &error))
    {
      coach_workouts_page_show_error (self, _("Cannot create the workout"), error);
      return;
    }
  coach_workouts_page_select_workout (self, coach_record_get_id (COACH_RECORD (workout)));
}

static void
duplicate_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  CoachWorkoutsPage *self = COACH_WORKOUTS_PAGE (widget);
  CoachRecord *workout = gtk_single_selection_get_selected_item (self->selection);
  g_autoptr(CoachWorkout) copy = NULL;
  g_autoptr(GError) error = NULL;

  if (workout == NULL)
    return;
  copy = coach_catalog_duplicate_workout (self->catalog, COACH_WORKOUT (workout), &error);
  if (copy == NULL)
    {
      coach_workouts_page_show_error (self, _("Cannot duplicate the workout"), error);
      return;
    }
  coach_workouts_page_select_workout (self, coach_record_get_id (COACH_RECORD (copy)));
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Workout duplicated")));
}

static void
generate_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  CoachWorkoutsPage *self = COACH_WORKOUTS_PAGE (widget);
  CoachGenerateDialog *dialog;

  dialog = coach_generate_dialog_new (self->catalog, GTK_WINDOW (gtk_widget_get_root (widget)));
  g_signal_connect_object (dialog, "generated", G_CALLBACK (generated_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
items_changed_cb (CoachWorkoutsPage *self,
                  guint              position,
                  guint              removed,
                  guint              added,
                  GListModel        *model)
{
  coach_workouts_page_update_state (self);
  coach_workouts_page_actions_update (self);
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
    case PROP_CAN_GO_BACK:
      g_value_set_boolean (value, self->can_go_back);
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
  properties[PROP_CAN_GO_BACK] =
    g_param_spec_boolean ("can-go-back", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (COACH_TYPE_RECORD_ROW);
  g_type_ensure (COACH_TYPE_WORKOUT_EDITOR);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/coachbook/Coachbook/workouts/coach-workouts-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CoachWorkoutsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, CoachWorkoutsPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, CoachWorkoutsPage, selection);
  gtk_widget_class_bind_template_child (widget_class, CoachWorkoutsPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CoachWorkoutsPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, CoachWorkoutsPage, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, CoachWorkoutsPage, editor);
  gtk_widget_class_bind_template_callback (widget_class, selected_workout_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, leaflet_changed_cb);

  gtk_widget_class_install_action (widget_class, "workouts.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "workouts.duplicate", NULL, duplicate_action);
  gtk_widget_class_install_action (widget_class, "workouts.generate", NULL, generate_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "workouts.new", NULL);
}

static void
coach_workouts_page_init (CoachWorkoutsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  coach_workouts_page_update_state (self);
  coach_workouts_page_actions_update (self);
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

  gtk_single_selection_set_model (self->selection, NULL);
  coach_workout_editor_set_catalog (self->editor, catalog);
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
      gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->model));
    }

  coach_workouts_page_update_state (self);
  coach_workouts_page_actions_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CATALOG]);
}

void
coach_workouts_page_select_workout (CoachWorkoutsPage *self,
                                    const char        *id)
{
  int index;

  g_return_if_fail (COACH_IS_WORKOUTS_PAGE (self));
  g_return_if_fail (id != NULL);

  if (self->model == NULL)
    return;
  index = coach_query_model_find_id (self->model, id);
  if (index < 0)
    {
      g_autoptr(GError) error = NULL;

      if (!coach_query_model_reload (self->model, &error))
        g_warning ("Cannot load the workouts: %s", error->message);
      index = coach_query_model_find_id (self->model, id);
    }
  if (index < 0)
    return;
  gtk_single_selection_set_selected (self->selection, index);
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", (guint) index);
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->detail_stack));
}

gboolean
coach_workouts_page_get_can_go_back (CoachWorkoutsPage *self)
{
  g_return_val_if_fail (COACH_IS_WORKOUTS_PAGE (self), FALSE);

  return self->can_go_back;
}

/* Returns FALSE when there is nothing to go back to inside the page. */
gboolean
coach_workouts_page_go_back (CoachWorkoutsPage *self)
{
  g_return_val_if_fail (COACH_IS_WORKOUTS_PAGE (self), FALSE);

  if (!self->can_go_back)
    return FALSE;
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  return TRUE;
}
