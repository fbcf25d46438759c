/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coach-workout-item-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "coach-composer.h"
#include "coach-workout-format.h"
#include "coach-workout-item-editor.h"

/* The kind drop-down's items, in order. */
enum {
  KIND_TIMED,
  KIND_SETS,
};

struct _CoachWorkoutItemEditor
{
  AdwBin         parent_instance;

  CoachCatalog  *catalog;
  CoachRecord   *item;

  AdwPreferencesGroup *group;
  AdwComboRow   *kind_row;
  GtkWidget     *work_spin_row;
  GtkWidget     *sets_spin_row;
  GtkWidget     *reps_spin_row;
  GtkWidget     *load_spin_row;
  GtkSpinButton *work_spin;
  GtkSpinButton *sets_spin;
  GtkSpinButton *reps_spin;
  GtkSpinButton *load_spin;
  GtkSpinButton *rest_spin;
  AdwEntryRow   *notes_row;
  GtkLabel      *error_label;
};

G_DEFINE_FINAL_TYPE (CoachWorkoutItemEditor, coach_workout_item_editor, ADW_TYPE_BIN)

enum {
  ITEM_SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ------------------------------------------------------------------------- */

static void
coach_workout_item_editor_update_rows (CoachWorkoutItemEditor *self)
{
  gboolean sets = adw_combo_row_get_selected (self->kind_row) == KIND_SETS;

  gtk_widget_set_visible (self->work_spin_row, !sets);
  gtk_widget_set_visible (self->sets_spin_row, sets);
  gtk_widget_set_visible (self->reps_spin_row, sets);
  gtk_widget_set_visible (self->load_spin_row, sets);
}

static void
kind_changed_cb (CoachWorkoutItemEditor *self)
{
  coach_workout_item_editor_update_rows (self);
}

static void
apply_clicked_cb (CoachWorkoutItemEditor *self,
                  GtkButton              *button)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *notes = NULL;
  gboolean sets = adw_combo_row_get_selected (self->kind_row) == KIND_SETS;
  double load;

  if (self->item == NULL || self->catalog == NULL)
    return;

  /* Take what was typed into a field that still has the focus. */
  gtk_spin_button_update (self->work_spin);
  gtk_spin_button_update (self->sets_spin);
  gtk_spin_button_update (self->reps_spin);
  gtk_spin_button_update (self->load_spin);
  gtk_spin_button_update (self->rest_spin);

  coach_record_set_string (self->item, "kind", sets ? "sets" : "timed");
  coach_record_set_int (self->item, "rest_s", gtk_spin_button_get_value_as_int (self->rest_spin));
  if (sets)
    {
      coach_record_set_int (self->item, "sets", gtk_spin_button_get_value_as_int (self->sets_spin));
      coach_record_set_int (self->item, "reps", gtk_spin_button_get_value_as_int (self->reps_spin));
      load = gtk_spin_button_get_value (self->load_spin);
      if (load > 0)
        coach_record_set_double (self->item, "load_kg", load);
      else
        coach_record_set_null (self->item, "load_kg");
    }
  else
    coach_record_set_int (self->item, "work_s", gtk_spin_button_get_value_as_int (self->work_spin));

  notes = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->notes_row))));
  if (*notes != '\0')
    coach_record_set_string (self->item, "notes", notes);
  else
    coach_record_set_null (self->item, "notes");

  if (!coach_catalog_save_workout_item (self->catalog, COACH_WORKOUT_ITEM (self->item), &error))
    {
      /* Translators: %s says why the catalog refused the values */
      g_autofree char *message = g_strdup_printf (_("Cannot save these values: %s"), error->message);

      gtk_label_set_label (self->error_label, message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  g_signal_emit (self, signals[ITEM_SAVED], 0, coach_record_get_id (self->item));
}

/* ------------------------------------------------------------------------- */

static void
coach_workout_item_editor_dispose (GObject *object)
{
  CoachWorkoutItemEditor *self = COACH_WORKOUT_ITEM_EDITOR (object);

  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), COACH_TYPE_WORKOUT_ITEM_EDITOR);
  g_clear_object (&self->item);
  g_clear_object (&self->catalog);

  G_OBJECT_CLASS (coach_workout_item_editor_parent_class)->dispose (object);
}

static void
coach_workout_item_editor_class_init (CoachWorkoutItemEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = coach_workout_item_editor_dispose;

  /**
   * CoachWorkoutItemEditor::item-saved:
   * @id: the id of the item that was saved
   */
  signals[ITEM_SAVED] =
    g_signal_new ("item-saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/coachbook/Coachbook/workouts/coach-workout-item-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CoachWorkoutItemEditor, group);
  gtk_widget_class_bind_template_child (widget_class, CoachWorkoutItemEditor, kind_row);
  gtk_widget_class_bind_template_child (widget_class, CoachWorkoutItemEditor, work_spin_row);
  gtk_widget_class_bind_template_child (widget_class, CoachWorkoutItemEditor, sets_spin_row);
  gtk_widget_class_bind_template_child (widget_class, CoachWorkoutItemEditor, reps_spin_row);
  gtk_widget_class_bind_template_child (widget_class, CoachWorkoutItemEditor, load_spin_row);
  gtk_widget_class_bind_template_child (widget_class, CoachWorkoutItemEditor, work_spin);
  gtk_widget_class_bind_template_child (widget_class, CoachWorkoutItemEditor, sets_spin);
  gtk_widget_class_bind_template_child (widget_class, CoachWorkoutItemEditor, reps_spin);
  gtk_widget_class_bind_template_child (widget_class, CoachWorkoutItemEditor, load_spin);
  gtk_widget_class_bind_template_child (widget_class, CoachWorkoutItemEditor, rest_spin);
  gtk_widget_class_bind_template_child (widget_class, CoachWorkoutItemEditor, notes_row);
  gtk_widget_class_bind_template_child (widget_class, CoachWorkoutItemEditor, error_label);
  gtk_widget_class_bind_template_callback (widget_class, kind_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, apply_clicked_cb);
}

static void
coach_workout_item_editor_init (CoachWorkoutItemEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  coach_workout_item_editor_update_rows (self);
}

/* ------------------------------------------------------------------------- */

void
coach_workout_item_editor_set_catalog (CoachWorkoutItemEditor *self,
                                       CoachCatalog           *catalog)
{
  g_return_if_fail (COACH_IS_WORKOUT_ITEM_EDITOR (self));
  g_return_if_fail (catalog == NULL || COACH_IS_CATALOG (catalog));

  g_set_object (&self->catalog, catalog);
}

void
coach_workout_item_editor_set_item (CoachWorkoutItemEditor    *self,
                                    CoachRecord               *item,
                                    const CoachDurationConfig *config)
{
  CoachDurationItem d;
  const char *notes;

  g_return_if_fail (COACH_IS_WORKOUT_ITEM_EDITOR (self));
  g_return_if_fail (item == NULL || COACH_IS_WORKOUT_ITEM (item));
  g_return_if_fail (item == NULL || config != NULL);

  /* A row the list rebinds is the same item: keep what is being typed. */
  if (item != NULL && self->item != NULL &&
      g_strcmp0 (coach_record_get_id (item), coach_record_get_id (self->item)) == 0)
    {
      g_set_object (&self->item, item);
      return;
    }

  g_set_object (&self->item, item);
  gtk_widget_set_visible (GTK_WIDGET (self), item != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  if (item == NULL)
    return;

  coach_workout_format_item_from_record (item, &d);
  adw_combo_row_set_selected (self->kind_row, d.kind == COACH_ITEM_KIND_SETS ? KIND_SETS : KIND_TIMED);
  gtk_spin_button_set_value (self->work_spin, d.work_s < 0 ? config->work_s : (guint) d.work_s);
  gtk_spin_button_set_value (self->rest_spin, d.rest_s < 0 ? config->rest_s : (guint) d.rest_s);
  gtk_spin_button_set_value (self->sets_spin, MAX (d.sets, 1));
  gtk_spin_button_set_value (self->reps_spin, MAX (d.reps, 1));
  gtk_spin_button_set_value (self->load_spin,
                             coach_record_is_null (item, "load_kg") ? 0 : coach_record_get_double (item, "load_kg"));
  notes = coach_record_get_string (item, "notes");
  gtk_editable_set_text (GTK_EDITABLE (self->notes_row), notes ? notes : "");
  coach_workout_item_editor_update_rows (self);
}
