/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coach-workout-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "coach-workout-editor.h"
#include "coach-composer.h"
#include "coach-duration.h"
#include "coach-exercise-picker.h"
#include "coach-query-model.h"
#include "coach-session-planner.h"
#include "coach-workout-format.h"
#include "coach-workout-item-editor.h"
#include "coach-workout-sheet.h"

static const char * const intensities[] = { "low", "medium", "high" };

/* What Undo needs to put a removed item back where it was. */
typedef struct
{
  char     *exercise_id;
  guint     index;
  JsonObject *fields;
} RemovedItem;

struct _CoachWorkoutEditor
{
  AdwBin              parent_instance;

  CoachCatalog       *catalog;
  CoachRecord        *workout;
  CoachQueryModel    *items;
  RemovedItem        *removed;
  guint               loading;

  AdwToastOverlay    *toast_overlay;
  AdwEntryRow        *name_row;
  AdwEntryRow        *description_row;
  GtkLabel           *name_error;
  GtkSpinButton      *work_spin;
  GtkSpinButton      *rest_spin;
  GtkSpinButton      *rounds_spin;
  GtkSpinButton      *warmup_spin;
  GtkSpinButton      *cooldown_spin;
  AdwComboRow        *intensity_row;
  GtkSwitch          *no_jump_switch;
  GtkSwitch          *no_repeat_switch;
  GtkLabel           *total_label;
  GtkStack           *items_stack;
  CoachWorkoutItemEditor *item_editor;
  GtkListView        *items_view;
  GtkSingleSelection *items_selection;
};

G_DEFINE_FINAL_TYPE (CoachWorkoutEditor, coach_workout_editor, ADW_TYPE_BIN)

/* ------------------------------------------------------------------------- */

static void
removed_item_free (RemovedItem *removed)
{
  if (removed == NULL)
    return;
  g_free (removed->exercise_id);
  g_clear_pointer (&removed->fields, json_object_unref);
  g_free (removed);
}

static void
coach_workout_editor_show_error (CoachWorkoutEditor *self,
                                 const char         *what,
                                 const GError       *error)
{
  g_autofree char *title = g_strdup_printf ("%s: %s", what, error->message);

  g_warning ("%s", title);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
}

static void
coach_workout_editor_read_config (CoachWorkoutEditor  *self,
                                  CoachDurationConfig *config)
{
  config->work_s = gtk_spin_button_get_value_as_int (self->work_spin);
  config->rest_s = gtk_spin_button_get_value_as_int (self->rest_spin);
  config->rounds = gtk_spin_button_get_value_as_int (self->rounds_spin);
  config->warmup_s = gtk_spin_button_get_value_as_int (self->warmup_spin);
  config->cooldown_s = gtk_spin_button_get_value_as_int (self->cooldown_spin);
}

static void
coach_workout_editor_update_total (CoachWorkoutEditor *self)
{
  CoachDurationConfig config;
  g_autofree char *text = NULL;

  coach_workout_editor_read_config (self, &config);
  text = coach_duration_format (coach_workout_format_total (&config, self->items ? G_LIST_MODEL (self->items) : NULL));
  gtk_label_set_label (self->total_label, text);
}

static CoachRecord *
coach_workout_editor_get_selected_item (CoachWorkoutEditor *self)
{
  return gtk_single_selection_get_selected_item (self->items_selection);
}

static void
coach_workout_editor_actions_update (CoachWorkoutEditor *self)
{
  guint n = self->items ? g_list_model_get_n_items (G_LIST_MODEL (self->items)) : 0;
  guint selected = gtk_single_selection_get_selected (self->items_selection);
  gboolean has_selected = selected != GTK_INVALID_LIST_POSITION && selected < n;
  gboolean has_workout = self->workout != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "composer.save", has_workout);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "composer.print", has_workout);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "composer.plan-session", has_workout);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "composer.export-pdf", has_workout);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "composer.add-item", has_workout);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "composer.move-up", has_selected && selected > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "composer.move-down", has_selected && selected + 1 < n);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "composer.duplicate-item", has_selected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "composer.remove-item", has_selected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "composer.undo-remove", self->removed != NULL);

  gtk_stack_set_visible_child_name (self->items_stack, n > 0 ? "items" : "empty");

  if (has_selected)
    {
      CoachDurationConfig config;

      coach_workout_editor_read_config (self, &config);
      coach_workout_item_editor_set_item (self->item_editor, coach_workout_editor_get_selected_item (self), &config);
    }
  else
    coach_workout_item_editor_set_item (self->item_editor, NULL, NULL);
}

static void
coach_workout_editor_select_item (CoachWorkoutEditor *self,
                                  const char         *id)
{
  int index = -1;

  if (self->items == NULL)
    return;
  if (id != NULL)
    index = coach_query_model_find_id (self->items, id);
  gtk_single_selection_set_selected (self->items_selection,
                                     index >= 0 ? (guint) index : GTK_INVALID_LIST_POSITION);
  if (index >= 0)
    gtk_widget_activate_action (GTK_WIDGET (self->items_view), "list.scroll-to-item", "u", (guint) index);
  coach_workout_editor_actions_update (self);
}

/* The query model follows the catalog by itself; reloading here as well
 * makes sure the new order is there before the item is selected again. */
static void
coach_workout_editor_reload_items (CoachWorkoutEditor *self,
                                   const char         *select_id)
{
  g_autoptr(GError) error = NULL;

  if (self->items != NULL && !coach_query_model_reload (self->items, &error))
    g_warning ("Cannot load the workout items: %s", error->message);
  coach_workout_editor_select_item (self, select_id);
  coach_workout_editor_update_total (self);
}

static void
coach_workout_editor_load (CoachWorkoutEditor *self)
{
  CoachDurationConfig config = { 40, 20, 1, 0, 0 };
  const char *intensity = "medium";

  self->loading++;
  if (self->workout != NULL)
    {
      coach_workout_format_config_from_record (self->workout, &config);
      intensity = coach_record_get_string (self->workout, "intensity");
    }
  gtk_editable_set_text (GTK_EDITABLE (self->name_row),
                         self->workout ? coach_record_get_string (self->workout, "name") ?: "" : "");
  gtk_editable_set_text (GTK_EDITABLE (self->description_row),
                         self->workout ? coach_record_get_string (self->workout, "description") ?: "" : "");
  gtk_spin_button_set_value (self->work_spin, config.work_s);
  gtk_spin_button_set_value (self->rest_spin, config.rest_s);
  gtk_spin_button_set_value (self->rounds_spin, MAX (config.rounds, 1));
  gtk_spin_button_set_value (self->warmup_spin, config.warmup_s);
  gtk_spin_button_set_value (self->cooldown_spin, config.cooldown_s);
  adw_combo_row_set_selected (self->intensity_row, 1);
  for (guint i = 0; i < G_N_ELEMENTS (intensities); i++)
    if (g_strcmp0 (intensity, intensities[i]) == 0)
      adw_combo_row_set_selected (self->intensity_row, i);
  gtk_switch_set_active (self->no_jump_switch,
                         self->workout && coach_record_get_boolean (self->workout, "no_jump"));
  gtk_switch_set_active (self->no_repeat_switch,
                         self->workout && coach_record_get_boolean (self->workout, "no_repeat"));
  gtk_widget_set_visible (GTK_WIDGET (self->name_error), FALSE);
  gtk_widget_remove_css_class (GTK_WIDGET (self->name_row), "error");
  self->loading--;

  gtk_single_selection_set_model (self->items_selection, NULL);
  g_clear_object (&self->items);
  if (self->workout != NULL && self->catalog != NULL)
    {
      self->items = coach_query_model_new (self->catalog, "workout_item");
      coach_query_model_set_ref_filter (self->items, "workout_id", coach_record_get_id (self->workout));
      gtk_single_selection_set_model (self->items_selection, G_LIST_MODEL (self->items));
    }
  coach_workout_editor_reload_items (self, NULL);
}

/* ------------------------------------------------------------------------- */

static GdkContentProvider *
item_drag_prepare_cb (GtkDragSource *source,
                      double         x,
                      double         y,
                      GtkListItem   *list_item)
{
  guint position = gtk_list_item_get_position (list_item);

  if (position == GTK_INVALID_LIST_POSITION)
    return NULL;
  return gdk_content_provider_new_typed (G_TYPE_UINT, position);
}

static gboolean
item_drop_cb (GtkDropTarget *target,
              const GValue  *value,
              double         x,
              double         y,
              GtkListItem   *list_item)
{
  GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));
  CoachWorkoutEditor *self = COACH_WORKOUT_EDITOR (gtk_widget_get_ancestor (widget, COACH_TYPE_WORKOUT_EDITOR));
  guint from = g_value_get_uint (value);
  guint to = gtk_list_item_get_position (list_item);
  g_autoptr(CoachRecord) item = NULL;
  g_autofree char *id = NULL;
  g_autoptr(GError) error = NULL;

  if (self == NULL || self->items == NULL || to == GTK_INVALID_LIST_POSITION || from == to)
    return FALSE;
  item = g_list_model_get_item (G_LIST_MODEL (self->items), from);
  if (item == NULL)
    return FALSE;
  id = g_strdup (coach_record_get_id (item));
  if (!coach_catalog_move_workout_item (self->catalog, COACH_WORKOUT_ITEM (item), to, &error))
    {
      coach_workout_editor_show_error (self, _("Cannot move the exercise"), error);
      return FALSE;
    }
  coach_workout_editor_reload_items (self, id);
  return TRUE;
}

static void
item_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  GtkDragSource *drag_source = gtk_drag_source_new ();
  GtkDropTarget *drop_target = gtk_drop_target_new (G_TYPE_UINT, GDK_ACTION_MOVE);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 9);
  gtk_widget_set_margin_bottom (box, 9);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), subtitle);

  /* Dragging a row onto another moves it to that place. */
  gtk_drag_source_set_actions (drag_source, GDK_ACTION_MOVE);
  g_signal_connect (drag_source, "prepare", G_CALLBACK (item_drag_prepare_cb), list_item);
  gtk_widget_add_controller (box, GTK_EVENT_CONTROLLER (drag_source));
  g_signal_connect (drop_target, "drop", G_CALLBACK (item_drop_cb), list_item);
  gtk_widget_add_controller (box, GTK_EVENT_CONTROLLER (drop_target));

  gtk_list_item_set_child (list_item, box);
}

static void
item_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              CoachWorkoutEditor       *self)
{
  CoachRecord *item = gtk_list_item_get_item (list_item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *title = gtk_widget_get_first_child (box);
  GtkWidget *subtitle = gtk_widget_get_next_sibling (title);
  g_autoptr(CoachRecord) exercise = NULL;
  g_autofree char *summary = NULL;
  CoachDurationConfig config;

  if (item == NULL || self->catalog == NULL)
    return;
  exercise = coach_catalog_get (self->catalog, "exercise",
                                coach_record_get_string (item, "exercise_id"), NULL);
  coach_workout_editor_read_config (self, &config);
  summary = coach_workout_format_item_summary (item, &config);
  gtk_label_set_label (GTK_LABEL (title),
                       exercise ? coach_record_get_string (exercise, "name") : _("Missing exercise"));
  gtk_label_set_label (GTK_LABEL (subtitle), summary);
}

static void
name_changed_cb (CoachWorkoutEditor *self)
{
  if (self->loading == 0)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->name_error), FALSE);
      gtk_widget_remove_css_class (GTK_WIDGET (self->name_row), "error");
    }
}

static void
config_changed_cb (CoachWorkoutEditor *self)
{
  coach_workout_editor_update_total (self);
}

static void
selected_item_changed_cb (CoachWorkoutEditor *self)
{
  coach_workout_editor_actions_update (self);
}

/* The list row and the total follow the item's new values. */
static void
item_saved_cb (CoachWorkoutEditor     *self,
               const char             *id,
               CoachWorkoutItemEditor *item_editor)
{
  g_autofree char *keep = g_strdup (id);

  coach_workout_editor_reload_items (self, keep);
}

static void
exercise_picked_cb (CoachExercisePicker *picker,
                    const char          *exercise_id,
                    CoachWorkoutEditor  *self)
{
  g_autoptr(CoachWorkoutItem) item = NULL;
  g_autoptr(GError) error = NULL;

  if (self->workout == NULL)
    return;
  item = coach_catalog_add_workout_item (self->catalog, COACH_WORKOUT (self->workout),
                                         exercise_id, -1, &error);
  if (item == NULL)
    {
      coach_workout_editor_show_error (self, _("Cannot add the exercise"), error);
      return;
    }
  coach_workout_editor_reload_items (self, coach_record_get_id (COACH_RECORD (item)));
}

/* The sheet shows the workout as saved in the catalog. */
static CoachWorkoutSheet *
coach_workout_editor_load_sheet (CoachWorkoutEditor *self)
{
  g_autoptr(GError) error = NULL;
  CoachWorkoutSheet *sheet;

  if (self->workout == NULL || self->catalog == NULL)
    return NULL;
  sheet = coach_workout_sheet_new (self->catalog, coach_record_get_id (self->workout), &error);
  if (sheet == NULL)
    coach_workout_editor_show_error (self, _("Cannot print the workout"), error);
  return sheet;
}

static void
planner_saved_cb (CoachWorkoutEditor  *self,
                  CoachRecord         *session,
                  CoachSessionPlanner *planner)
{
  adw_toast_overlay_add_toast (self->toast_overlay,
                               adw_toast_new (_("Session planned: it is in Sessions")));
}

/* Plans a session of this workout: the planner opens with it chosen. */
static void
plan_session_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  CoachWorkoutEditor *self = COACH_WORKOUT_EDITOR (widget);
  CoachSessionPlanner *planner;
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->workout == NULL || self->catalog == NULL)
    return;
  planner = coach_session_planner_new (self->catalog, NULL, coach_record_get_id (self->workout));
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (planner), GTK_WINDOW (root));
  g_signal_connect_object (planner, "saved", G_CALLBACK (planner_saved_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (planner));
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  CoachWorkoutEditor *self = COACH_WORKOUT_EDITOR (widget);
  g_autoptr(CoachWorkoutSheet) sheet = coach_workout_editor_load_sheet (self);
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;

  if (sheet == NULL)
    return;
  operation = coach_workout_sheet_create_print_operation (sheet);
  gtk_print_operation_set_allow_async (operation, TRUE);
  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               GTK_WINDOW (gtk_widget_get_root (widget)), &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    coach_workout_editor_show_error (self, _("Cannot print the workout"), error);
}

static void
export_chooser_response_cb (GtkNativeDialog *chooser,
                            int              response,
                            gpointer         user_data)
{
  g_autoptr(CoachWorkoutEditor) self = user_data;
  g_autoptr(CoachWorkoutSheet) sheet = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  if (file == NULL || (path = g_file_get_path (file)) == NULL)
    return;

  sheet = coach_workout_editor_load_sheet (self);
  if (sheet == NULL)
    return;
  if (!coach_workout_sheet_export_pdf (sheet, GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), path, &error))
    coach_workout_editor_show_error (self, _("Cannot export the workout"), error);
  else
    {
      g_autofree char *name = g_file_get_basename (file);
      /* Translators: %s is a file name */
      g_autofree char *title = g_strdup_printf (_("Exported “%s”"), name);

      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
    }
}

static void
export_pdf_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  CoachWorkoutEditor *self = COACH_WORKOUT_EDITOR (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr(GFile) folder = NULL;
  g_autofree char *file_name = NULL;
  const char *name;
  const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);

  if (self->workout == NULL)
    return;

  chooser = gtk_file_chooser_native_new (_("Export Workout as PDF"),
                                         GTK_WINDOW (gtk_widget_get_root (widget)),
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (filter, _("PDF Documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_filter_add_suffix (filter, "pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);

  name = coach_record_get_string (self->workout, "name");
  file_name = g_strdup_printf ("%s.pdf", name != NULL && *name != '\0' ? name : _("Workout"));
  g_strdelimit (file_name, "/", '-');
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), file_name);
  folder = g_file_new_for_path (documents != NULL && g_file_test (documents, G_FILE_TEST_IS_DIR)
                                ? documents : g_get_home_dir ());
  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);

  g_signal_connect (chooser, "response", G_CALLBACK (export_chooser_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  CoachWorkoutEditor *self = COACH_WORKOUT_EDITOR (widget);
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  const char *description = gtk_editable_get_text (GTK_EDITABLE (self->description_row));
  guint intensity = adw_combo_row_get_selected (self->intensity_row);
  g_autoptr(GError) error = NULL;

  if (self->workout == NULL)
    return;
  if (*name == '\0')
    {
      gtk_widget_set_visible (GTK_WIDGET (self->name_error), TRUE);
      gtk_widget_add_css_class (GTK_WIDGET (self->name_row), "error");
      gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
      return;
    }

  coach_record_set_string (self->workout, "name", name);
  if (*description != '\0')
    coach_record_set_string (self->workout, "description", description);
  else
    coach_record_set_null (self->workout, "description");
  coach_record_set_int (self->workout, "work_s", gtk_spin_button_get_value_as_int (self->work_spin));
  coach_record_set_int (self->workout, "rest_s", gtk_spin_button_get_value_as_int (self->rest_spin));
  coach_record_set_int (self->workout, "rounds", gtk_spin_button_get_value_as_int (self->rounds_spin));
  coach_record_set_int (self->workout, "warmup_s", gtk_spin_button_get_value_as_int (self->warmup_spin));
  coach_record_set_int (self->workout, "cooldown_s", gtk_spin_button_get_value_as_int (self->cooldown_spin));
  coach_record_set_string (self->workout, "intensity",
                           intensities[MIN (intensity, G_N_ELEMENTS (intensities) - 1)]);
  coach_record_set_boolean (self->workout, "no_jump", gtk_switch_get_active (self->no_jump_switch));
  coach_record_set_boolean (self->workout, "no_repeat", gtk_switch_get_active (self->no_repeat_switch));

  if (!coach_catalog_save_workout (self->catalog, COACH_WORKOUT (self->workout), &error))
    {
      coach_workout_editor_show_error (self, _("Cannot save the workout"), error);
      return;
    }
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Workout saved")));
  coach_workout_editor_update_total (self);
}

static void
add_item_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  CoachWorkoutEditor *self = COACH_WORKOUT_EDITOR (widget);
  CoachExercisePicker *picker;

  if (self->workout == NULL)
    return;
  picker = coach_exercise_picker_new (self->catalog, GTK_WINDOW (gtk_widget_get_root (widget)));
  g_signal_connect_object (picker, "exercise-picked", G_CALLBACK (exercise_picked_cb), self, 0);
  gtk_window_present (GTK_WINDOW (picker));
}

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  CoachWorkoutEditor *self = COACH_WORKOUT_EDITOR (widget);
  CoachRecord *item = coach_workout_editor_get_selected_item (self);
  guint index = gtk_single_selection_get_selected (self->items_selection);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  gboolean up = g_str_has_suffix (action_name, "up");
  g_autofree char *id = NULL;
  g_autoptr(GError) error = NULL;

  if (item == NULL || (up && index == 0) || (!up && index + 1 >= n))
    return;
  id = g_strdup (coach_record_get_id (item));
  if (!coach_catalog_move_workout_item (self->catalog, COACH_WORKOUT_ITEM (item),
                                        up ? index - 1 : index + 1, &error))
    {
      coach_workout_editor_show_error (self, _("Cannot move the exercise"), error);
      return;
    }
  coach_workout_editor_reload_items (self, id);
}

static void
duplicate_item_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  CoachWorkoutEditor *self = COACH_WORKOUT_EDITOR (widget);
  CoachRecord *item = coach_workout_editor_get_selected_item (self);
  g_autoptr(CoachWorkoutItem) copy = NULL;
  g_autoptr(GError) error = NULL;

  if (item == NULL)
    return;
  copy = coach_catalog_duplicate_workout_item (self->catalog, COACH_WORKOUT_ITEM (item), &error);
  if (copy == NULL)
    {
      coach_workout_editor_show_error (self, _("Cannot duplicate the exercise"), error);
      return;
    }
  coach_workout_editor_reload_items (self, coach_record_get_id (COACH_RECORD (copy)));
}

static void
remove_item_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  CoachWorkoutEditor *self = COACH_WORKOUT_EDITOR (widget);
  g_autoptr(CoachRecord) item = NULL;
  g_autoptr(GError) error = NULL;
  RemovedItem *removed;
  AdwToast *toast;

  if (coach_workout_editor_get_selected_item (self) == NULL)
    return;
  item = g_object_ref (coach_workout_editor_get_selected_item (self));

  removed = g_new0 (RemovedItem, 1);
  removed->exercise_id = g_strdup (coach_record_get_string (item, "exercise_id"));
  removed->index = gtk_single_selection_get_selected (self->items_selection);
  removed->fields = coach_record_to_json (item, FALSE);

  if (!coach_catalog_remove_workout_item (self->catalog, COACH_WORKOUT_ITEM (item), &error))
    {
      removed_item_free (removed);
      coach_workout_editor_show_error (self, _("Cannot remove the exercise"), error);
      return;
    }
  g_clear_pointer (&self->removed, removed_item_free);
  self->removed = removed;
  coach_workout_editor_reload_items (self, NULL);

  toast = adw_toast_new (_("Exercise removed"));
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "composer.undo-remove");
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
undo_remove_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  static const char * const copied[] = { "kind", "work_s", "rest_s", "sets", "reps", "load_kg", "notes" };
  CoachWorkoutEditor *self = COACH_WORKOUT_EDITOR (widget);
  RemovedItem *removed = g_steal_pointer (&self->removed);
  g_autoptr(CoachWorkoutItem) item = NULL;
  g_autoptr(GError) error = NULL;

  if (removed == NULL || self->workout == NULL)
    {
      removed_item_free (removed);
      return;
    }
  item = coach_catalog_add_workout_item (self->catalog, COACH_WORKOUT (self->workout),
                                         removed->exercise_id, removed->index, &error);
  if (item != NULL)
    {
      for (guint i = 0; i < G_N_ELEMENTS (copied); i++)
        {
          JsonNode *value = json_object_get_member (removed->fields, copied[i]);

          if (value != NULL)
            coach_record_set_value (COACH_RECORD (item), copied[i], value);
        }
      if (coach_record_is_dirty (COACH_RECORD (item)) &&
          !coach_catalog_save_workout_item (self->catalog, item, &error))
        g_clear_object (&item);
    }
  if (item == NULL)
    coach_workout_editor_show_error (self, _("Cannot put the exercise back"), error);
  else
    coach_workout_editor_reload_items (self, coach_record_get_id (COACH_RECORD (item)));
  removed_item_free (removed);
}

/* ------------------------------------------------------------------------- */

static void
coach_workout_editor_dispose (GObject *object)
{
  CoachWorkoutEditor *self = COACH_WORKOUT_EDITOR (object);

  if (self->items_selection != NULL)
    gtk_single_selection_set_model (self->items_selection, NULL);
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), COACH_TYPE_WORKOUT_EDITOR);
  g_clear_pointer (&self->removed, removed_item_free);
  g_clear_object (&self->items);
  g_clear_object (&self->workout);
  g_clear_object (&self->catalog);

  G_OBJECT_CLASS (coach_workout_editor_parent_class)->dispose (object);
}

static void
coach_workout_editor_class_init (CoachWorkoutEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = coach_workout_editor_dispose;

  g_type_ensure (COACH_TYPE_WORKOUT_ITEM_EDITOR);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/coachbook/Coachbook/workouts/coach-workout-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CoachWorkoutEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CoachWorkoutEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, CoachWorkoutEditor, description_row);
  gtk_widget_class_bind_template_child (widget_class, CoachWorkoutEditor, name_error);
  gtk_widget_class_bind_template_child (widget_class, CoachWorkoutEditor, work_spin);
  gtk_widget_class_bind_template_child (widget_class, CoachWorkoutEditor, rest_spin);
  gtk_widget_class_bind_template_child (widget_class, CoachWorkoutEditor, rounds_spin);
  gtk_widget_class_bind_template_child (widget_class, CoachWorkoutEditor, warmup_spin);
  gtk_widget_class_bind_template_child (widget_class, CoachWorkoutEditor, cooldown_spin);
  gtk_widget_class_bind_template_child (widget_class, CoachWorkoutEditor, intensity_row);
  gtk_widget_class_bind_template_child (widget_class, CoachWorkoutEditor, no_jump_switch);
  gtk_widget_class_bind_template_child (widget_class, CoachWorkoutEditor, no_repeat_switch);
  gtk_widget_class_bind_template_child (widget_class, CoachWorkoutEditor, total_label);
  gtk_widget_class_bind_template_child (widget_class, CoachWorkoutEditor, items_stack);
  gtk_widget_class_bind_template_child (widget_class, CoachWorkoutEditor, item_editor);
  gtk_widget_class_bind_template_callback (widget_class, item_saved_cb);
  gtk_widget_class_bind_template_child (widget_class, CoachWorkoutEditor, items_view);
  gtk_widget_class_bind_template_child (widget_class, CoachWorkoutEditor, items_selection);
  gtk_widget_class_bind_template_callback (widget_class, name_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, config_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, selected_item_changed_cb);

  gtk_widget_class_install_action (widget_class, "composer.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "composer.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "composer.plan-session", NULL, plan_session_action);
  gtk_widget_class_install_action (widget_class, "composer.export-pdf", NULL, export_pdf_action);
  gtk_widget_class_install_action (widget_class, "composer.add-item", NULL, add_item_action);
  gtk_widget_class_install_action (widget_class, "composer.move-up", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "composer.move-down", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "composer.duplicate-item", NULL, duplicate_item_action);
  gtk_widget_class_install_action (widget_class, "composer.remove-item", NULL, remove_item_action);
  gtk_widget_class_install_action (widget_class, "composer.undo-remove", NULL, undo_remove_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK, "composer.move-up", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK, "composer.move-down", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "composer.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "composer.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "composer.export-pdf", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, GDK_CONTROL_MASK, "composer.duplicate-item", NULL);
}

static void
coach_workout_editor_init (CoachWorkoutEditor *self)
{
  GtkListItemFactory *factory;

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_single_selection_set_autoselect (self->items_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->items_selection, TRUE);
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (item_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (item_bind_cb), self);
  gtk_list_view_set_factory (self->items_view, factory);
  g_object_unref (factory);

  coach_workout_editor_load (self);
}

/* ------------------------------------------------------------------------- */

void
coach_workout_editor_set_catalog (CoachWorkoutEditor *self,
                                  CoachCatalog       *catalog)
{
  g_return_if_fail (COACH_IS_WORKOUT_EDITOR (self));
  g_return_if_fail (catalog == NULL || COACH_IS_CATALOG (catalog));

  if (g_set_object (&self->catalog, catalog))
    {
      coach_workout_item_editor_set_catalog (self->item_editor, catalog);
      coach_workout_editor_set_workout (self, NULL);
    }
}

void
coach_workout_editor_set_workout (CoachWorkoutEditor *self,
                                  CoachRecord        *workout)
{
  g_return_if_fail (COACH_IS_WORKOUT_EDITOR (self));
  g_return_if_fail (workout == NULL || COACH_IS_WORKOUT (workout));

  g_set_object (&self->workout, workout);
  g_clear_pointer (&self->removed, removed_item_free);
  coach_workout_editor_load (self);
}

CoachRecord *
coach_workout_editor_get_workout (CoachWorkoutEditor *self)
{
  g_return_val_if_fail (COACH_IS_WORKOUT_EDITOR (self), NULL);

  return self->workout;
}

void
coach_workout_editor_add_toast (CoachWorkoutEditor *self,
                                AdwToast           *toast)
{
  g_return_if_fail (COACH_IS_WORKOUT_EDITOR (self));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}
