/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coach-exercises-page"

#include "config.h"

#include <glib/gi18n.h>

#include "coach-exercise-detail.h"
#include "coach-exercise-editor.h"
#include "coach-exercise-list.h"
#include "coach-exercises-page.h"

struct _CoachExercisesPage
{
  AdwBin               parent_instance;

  CoachCatalog        *catalog;
  gboolean             can_go_back;

  AdwToastOverlay     *toast_overlay;
  AdwLeaflet          *leaflet;
  CoachExerciseList   *exercise_list;
  CoachExerciseDetail *exercise_detail;
};

G_DEFINE_FINAL_TYPE (CoachExercisesPage, coach_exercises_page, ADW_TYPE_BIN)

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

static CoachRecord *
coach_exercises_page_get_selected (CoachExercisesPage *self)
{
  return coach_exercise_list_get_selected_exercise (self->exercise_list);
}

static void
coach_exercises_page_actions_update (CoachExercisesPage *self)
{
  gboolean selected = coach_exercises_page_get_selected (self) != NULL;
  gboolean can_go_back = adw_leaflet_get_folded (self->leaflet) &&
                         adw_leaflet_get_visible_child (self->leaflet) == GTK_WIDGET (self->exercise_detail);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "exercises.new", self->catalog != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "exercises.edit", selected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "exercises.archive", selected);

  if (can_go_back != self->can_go_back)
    {
      self->can_go_back = can_go_back;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_GO_BACK]);
    }
}

static void
coach_exercises_page_show_error (CoachExercisesPage *self,
                                 const char         *what,
                                 const GError       *error)
{
  g_autofree char *title = g_strdup_printf ("%s: %s", what, error->message);

  g_warning ("%s", title);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
}

static void
coach_exercises_page_open_editor (CoachExercisesPage *self,
                                  CoachRecord        *exercise);

/* ------------------------------------------------------------------------- */

static void
editor_saved_cb (CoachExercisesPage  *self,
                 CoachRecord         *exercise,
                 CoachExerciseEditor *editor)
{
  coach_exercise_list_select_exercise (self->exercise_list, coach_record_get_id (exercise));
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  coach_exercises_page_open_editor (COACH_EXERCISES_PAGE (widget), NULL);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  CoachExercisesPage *self = COACH_EXERCISES_PAGE (widget);
  CoachRecord *exercise = coach_exercises_page_get_selected (self);

  if (exercise != NULL)
    coach_exercises_page_open_editor (self, exercise);
}

static void
archive_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  CoachExercisesPage *self = COACH_EXERCISES_PAGE (widget);
  g_autoptr(CoachRecord) exercise = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  AdwToast *toast;

  exercise = g_object_ref (coach_exercises_page_get_selected (self));
  if (!coach_catalog_set_archived (self->catalog, exercise, TRUE, &error))
    {
      coach_exercises_page_show_error (self, _("Cannot archive the exercise"), error);
      return;
    }

  /* Translators: %s is the name of an exercise */
  title = g_strdup_printf (_("“%s” archived"), coach_record_get_string (exercise, "name"));
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "exercises.unarchive");
  adw_toast_set_action_target_value (toast, g_variant_new_string (coach_record_get_id (exercise)));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
unarchive_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  CoachExercisesPage *self = COACH_EXERCISES_PAGE (widget);
  const char *id = g_variant_get_string (param, NULL);
  g_autoptr(CoachRecord) exercise = NULL;
  g_autoptr(GError) error = NULL;

  exercise = coach_catalog_get (self->catalog, "exercise", id, &error);
  if (exercise == NULL ||
      !coach_catalog_set_archived (self->catalog, exercise, FALSE, &error))
    {
      coach_exercises_page_show_error (self, _("Cannot restore the exercise"), error);
      return;
    }
  coach_exercise_list_select_exercise (self->exercise_list, id);
}

static void
selected_exercise_changed_cb (CoachExercisesPage *self,
                              GParamSpec         *pspec,
                              CoachExerciseList  *list)
{
  coach_exercise_detail_set_exercise (self->exercise_detail,
                                      coach_exercise_list_get_selected_exercise (list));
  coach_exercises_page_actions_update (self);
}

static void
exercise_activated_cb (CoachExercisesPage *self,
                       CoachRecord        *exercise,
                       CoachExerciseList  *list)
{
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->exercise_detail));
}

static void
leaflet_changed_cb (CoachExercisesPage *self,
                    GParamSpec         *pspec,
                    AdwLeaflet         *leaflet)
{
  coach_exercises_page_actions_update (self);
}

/* In a narrow window the list is a page of its own: clicking the row that
 * is still selected would not change the selection and so would not come
 * back here. Once back at the list, nothing is selected any more. */
static void
leaflet_transition_changed_cb (CoachExercisesPage *self,
                               GParamSpec         *pspec,
                               AdwLeaflet         *leaflet)
{
  if (adw_leaflet_get_folded (leaflet) &&
      !adw_leaflet_get_child_transition_running (leaflet) &&
      adw_leaflet_get_visible_child (leaflet) == GTK_WIDGET (self->exercise_list))
    coach_exercise_list_unselect (self->exercise_list);
}

static void
summary_changed_cb (CoachExercisesPage *self,
                    GParamSpec         *pspec,
                    CoachExerciseList  *list)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBTITLE]);
}

/* ------------------------------------------------------------------------- */

static void
coach_exercises_page_open_editor (CoachExercisesPage *self,
                                  CoachRecord        *exercise)
{
  CoachExerciseEditor *editor;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->catalog == NULL)
    return;

  editor = coach_exercise_editor_new (self->catalog, exercise);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (root));
  g_signal_connect_object (editor, "saved", G_CALLBACK (editor_saved_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
coach_exercises_page_dispose (GObject *object)
{
  CoachExercisesPage *self = COACH_EXERCISES_PAGE (object);

  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), COACH_TYPE_EXERCISES_PAGE);
  g_clear_object (&self->catalog);

  G_OBJECT_CLASS (coach_exercises_page_parent_class)->dispose (object);
}

static void
coach_exercises_page_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  CoachExercisesPage *self = COACH_EXERCISES_PAGE (object);

  switch (prop_id)
    {
    case PROP_CATALOG:
      g_value_set_object (value, self->catalog);
      break;
    case PROP_TITLE:
      g_value_set_string (value, _("Exercises"));
      break;
    case PROP_SUBTITLE:
      g_value_set_string (value, coach_exercise_list_get_summary (self->exercise_list));
      break;
    case PROP_CAN_GO_BACK:
      g_value_set_boolean (value, self->can_go_back);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
coach_exercises_page_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  CoachExercisesPage *self = COACH_EXERCISES_PAGE (object);

  switch (prop_id)
    {
    case PROP_CATALOG:
      coach_exercises_page_set_catalog (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
coach_exercises_page_class_init (CoachExercisesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = coach_exercises_page_dispose;
  object_class->get_property = coach_exercises_page_get_property;
  object_class->set_property = coach_exercises_page_set_property;

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

  g_type_ensure (COACH_TYPE_EXERCISE_DETAIL);
  g_type_ensure (COACH_TYPE_EXERCISE_LIST);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/coachbook/Coachbook/exercises/coach-exercises-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CoachExercisesPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CoachExercisesPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, CoachExercisesPage, exercise_list);
  gtk_widget_class_bind_template_child (widget_class, CoachExercisesPage, exercise_detail);
  gtk_widget_class_bind_template_callback (widget_class, selected_exercise_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, exercise_activated_cb);

  gtk_widget_class_install_action (widget_class, "exercises.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "exercises.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "exercises.archive", NULL, archive_action);
  gtk_widget_class_install_action (widget_class, "exercises.unarchive", "s", unarchive_action);
}

static void
coach_exercises_page_init (CoachExercisesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_object (self->leaflet, "notify::folded",
                           G_CALLBACK (leaflet_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->leaflet, "notify::visible-child",
                           G_CALLBACK (leaflet_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->leaflet, "notify::child-transition-running",
                           G_CALLBACK (leaflet_transition_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->exercise_list, "notify::summary",
                           G_CALLBACK (summary_changed_cb), self, G_CONNECT_SWAPPED);
  coach_exercises_page_actions_update (self);
}

/* ------------------------------------------------------------------------- */

void
coach_exercises_page_set_catalog (CoachExercisesPage *self,
                                  CoachCatalog       *catalog)
{
  g_return_if_fail (COACH_IS_EXERCISES_PAGE (self));
  g_return_if_fail (catalog == NULL || COACH_IS_CATALOG (catalog));

  if (!g_set_object (&self->catalog, catalog))
    return;

  coach_exercise_list_set_catalog (self->exercise_list, catalog);
  coach_exercises_page_actions_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CATALOG]);
}

gboolean
coach_exercises_page_get_can_go_back (CoachExercisesPage *self)
{
  g_return_val_if_fail (COACH_IS_EXERCISES_PAGE (self), FALSE);
  return self->can_go_back;
}

/* Goes from the exercise back to the list in a narrow window; FALSE when
 * there is nowhere to go back to inside the page. */
gboolean
coach_exercises_page_go_back (CoachExercisesPage *self)
{
  g_return_val_if_fail (COACH_IS_EXERCISES_PAGE (self), FALSE);

  if (!self->can_go_back)
    return FALSE;
  return adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

void
coach_exercises_page_focus_search (CoachExercisesPage *self)
{
  g_return_if_fail (COACH_IS_EXERCISES_PAGE (self));

  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->exercise_list));
  coach_exercise_list_focus_search (self->exercise_list);
}

void
coach_exercises_page_new_exercise (CoachExercisesPage *self)
{
  g_return_if_fail (COACH_IS_EXERCISES_PAGE (self));

  coach_exercises_page_open_editor (self, NULL);
}

void
coach_exercises_page_set_key_capture_widget (CoachExercisesPage *self,
                                             GtkWidget          *widget)
{
  g_return_if_fail (COACH_IS_EXERCISES_PAGE (self));

  coach_exercise_list_set_key_capture_widget (self->exercise_list, widget);
}

/* Shows exercise @id whatever the list was showing: the search and the
 * filters are cleared so the list has it. */
void
coach_exercises_page_show_exercise (CoachExercisesPage *self,
                                    const char         *id)
{
  g_return_if_fail (COACH_IS_EXERCISES_PAGE (self));
  g_return_if_fail (id != NULL);

  coach_exercise_list_set_search_text (self->exercise_list, "");
  coach_exercise_list_clear_filters (self->exercise_list);
  coach_exercise_list_select_exercise (self->exercise_list, id);
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->exercise_detail));
}
