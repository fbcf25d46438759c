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

struct _CoachWorkoutsPage
{
  CoachListPage    parent_instance;

  CoachQueryModel *model;      /* the base page's, followed for the actions */
  gboolean         can_go_back;

  AdwToastOverlay    *toast_overlay;
  AdwLeaflet         *leaflet;
  GtkListView        *list_view;
  GtkSingleSelection *selection;  /* the base page's "selection" */
  GtkStack           *detail_stack;
  CoachWorkoutEditor *editor;     /* made when a workout is first selected */
};

G_DEFINE_FINAL_TYPE (CoachWorkoutsPage, coach_workouts_page, COACH_TYPE_LIST_PAGE)

enum {
  PROP_0,
  PROP_CAN_GO_BACK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------------------- */

static CoachCatalog *
coach_workouts_page_get_catalog (CoachWorkoutsPage *self)
{
  return coach_list_page_get_catalog (COACH_LIST_PAGE (self));
}

/* The composer is the heaviest part of the page and most visits only look
 * at the list: it is made for the first workout selected. */
static CoachWorkoutEditor *
coach_workouts_page_ensure_editor (CoachWorkoutsPage *self)
{
  if (self->editor == NULL)
    {
      self->editor = g_object_new (COACH_TYPE_WORKOUT_EDITOR, NULL);
      coach_workout_editor_set_catalog (self->editor, coach_workouts_page_get_catalog (self));
      gtk_stack_add_named (self->detail_stack, GTK_WIDGET (self->editor), "editor");
    }
  return self->editor;
}

static void
coach_workouts_page_actions_update (CoachWorkoutsPage *self)
{
  gboolean has_catalog = coach_workouts_page_get_catalog (self) != NULL;
  gboolean selected = gtk_single_selection_get_selected_item (self->selection) != NULL;
  gboolean can_go_back = adw_leaflet_get_folded (self->leaflet) &&
                         adw_leaflet_get_visible_child (self->leaflet) == GTK_WIDGET (self->detail_stack);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "workouts.new", has_catalog);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "workouts.generate", has_catalog);
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
  CoachRecord *shown = self->editor ? coach_workout_editor_get_workout (self->editor) : NULL;

  if (workout != shown)
    {
      coach_workout_editor_set_workout (coach_workouts_page_ensure_editor (self), workout);
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
  if (!coach_catalog_save_workout (coach_workouts_page_get_catalog (self), workout, &error))
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
  copy = coach_catalog_duplicate_workout (coach_workouts_page_get_catalog (self), COACH_WORKOUT (workout), &error);
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

  dialog = coach_generate_dialog_new (coach_workouts_page_get_catalog (self),
                                      GTK_WINDOW (gtk_widget_get_root (widget)));
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
  coach_workouts_page_actions_update (self);
}

/* The base page made a new model for the new catalog. */
static void
catalog_changed_cb (CoachWorkoutsPage *self,
                    GParamSpec        *pspec,
                    gpointer           user_data)
{
  CoachCatalog *catalog = coach_workouts_page_get_catalog (self);

  if (self->editor != NULL)
    coach_workout_editor_set_catalog (self->editor, catalog);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, items_changed_cb, self);
  g_set_object (&self->model, coach_list_page_get_model (COACH_LIST_PAGE (self)));
  if (self->model != NULL)
    g_signal_connect_object (self->model, "items-changed",
                             G_CALLBACK (items_changed_cb), self,
                             G_CONNECT_SWAPPED);
  coach_workouts_page_actions_update (self);
}

/* ------------------------------------------------------------------------- */

static void
coach_workouts_page_dispose (GObject *object)
{
  CoachWorkoutsPage *self = COACH_WORKOUTS_PAGE (object);

  /* The base page disposes the template (and the editor in it). */
  self->editor = NULL;
  g_clear_object (&self->model);

  G_OBJECT_CLASS (coach_workouts_page_parent_class)->dispose (object);
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
    case PROP_CAN_GO_BACK:
      g_value_set_boolean (value, self->can_go_back);
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
  CoachListPageClass *page_class = COACH_LIST_PAGE_CLASS (klass);

  object_class->dispose = coach_workouts_page_dispose;
  object_class->get_property = coach_workouts_page_get_property;

  page_class->table = "workout";
  page_class->title = N_("Workouts");
  /* More than a tall window shows. */
  page_class->first_rows = 50;

  properties[PROP_CAN_GO_BACK] =
    g_param_spec_boolean ("can-go-back", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (COACH_TYPE_RECORD_ROW);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/coachbook/Coachbook/workouts/coach-workouts-page.ui");
  coach_list_page_class_bind (page_class);
  gtk_widget_class_bind_template_child (widget_class, CoachWorkoutsPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, CoachWorkoutsPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CoachWorkoutsPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, CoachWorkoutsPage, detail_stack);
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
  self->selection = GTK_SINGLE_SELECTION (gtk_widget_get_template_child (GTK_WIDGET (self), COACH_TYPE_WORKOUTS_PAGE,
                                                                         "selection"));

  g_signal_connect (self, "notify::catalog", G_CALLBACK (catalog_changed_cb), NULL);
  coach_workouts_page_actions_update (self);
}

/* ------------------------------------------------------------------------- */

void
coach_workouts_page_select_workout (CoachWorkoutsPage *self,
                                    const char        *id)
{
  int index;

  g_return_if_fail (COACH_IS_WORKOUTS_PAGE (self));
  g_return_if_fail (id != NULL);

  if (self->model == NULL)
    return;
  /* The page may not have been shown yet. */
  coach_list_page_show_rows (COACH_LIST_PAGE (self));
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
