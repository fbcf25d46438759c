/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coach-exercise-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "coach-exercise-editor.h"
#include "coach-exercise-format.h"
#include "coach-inline-error.h"

static const char * const difficulties[] = { "easy", "medium", "hard" };

struct _CoachExerciseEditor
{
  AdwWindow       parent_instance;

  CoachCatalog   *catalog;
  CoachRecord    *exercise;   /* NULL: a new exercise */
  GtkWidget      *error_widget;

  AdwWindowTitle *window_title;
  GtkLabel       *error_label;
  AdwEntryRow    *name_row;
  GtkTextView    *description_view;
  GtkTextView    *instructions_view;
  AdwComboRow    *difficulty_row;
  GtkSwitch      *jump_switch;
  GtkWidget      *duration_row;
  GtkSpinButton  *duration_spin;
  AdwEntryRow    *muscles_row;
  AdwEntryRow    *equipment_row;
};

G_DEFINE_FINAL_TYPE (CoachExerciseEditor, coach_exercise_editor, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ------------------------------------------------------------------------- */

static char *
text_view_get_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
}

static void
text_view_set_text (GtkTextView *view,
                    const char  *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text ? text : "", -1);
}

static void
set_optional_string (CoachRecord *record,
                     const char  *field,
                     const char  *text)
{
  if (text == NULL || text[0] == '\0')
    coach_record_set_null (record, field);
  else
    coach_record_set_string (record, field, text);
}

static void
coach_exercise_editor_clear_error (CoachExerciseEditor *self)
{
  coach_inline_error_clear (self->error_label, &self->error_widget);
}

/* Shows @error next to the form, and marks the row it is about. The core
 * names the field as "table.field: why". */
static void
coach_exercise_editor_show_error (CoachExerciseEditor *self,
                                  const char          *field,
                                  const GError        *error)
{
  g_autofree char *message = NULL;
  const char *colon = strstr (error->message, ": ");
  GtkWidget *widget = NULL;

  if (g_strcmp0 (field, "name") == 0)
    {
      g_autofree char *name = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row)));

      widget = GTK_WIDGET (self->name_row);
      if (g_strstrip (name)[0] == '\0')
        message = g_strdup (_("Every exercise needs a name."));
      else
        /* Translators: %s says what is wrong, as the catalog reports it */
        message = g_strdup_printf (_("The name cannot be saved: %s"), colon ? colon + 2 : error->message);
    }
  else if (g_strcmp0 (field, "default_duration_s") == 0)
    {
      widget = self->duration_row;
      message = g_strdup (_("The default duration must be between 0 seconds and one day."));
    }
  else if (g_strcmp0 (field, "muscles") == 0)
    widget = GTK_WIDGET (self->muscles_row);
  else if (g_strcmp0 (field, "equipment") == 0)
    widget = GTK_WIDGET (self->equipment_row);

  if (message == NULL)
    /* Translators: %s is the reason, as the catalog reports it */
    message = g_strdup_printf (_("The exercise cannot be saved: %s"), error->message);

  coach_inline_error_show (self->error_label, &self->error_widget, widget, message);
}

/* Copies the form into @record. */
static void
coach_exercise_editor_apply (CoachExerciseEditor *self,
                             CoachRecord         *record)
{
  g_autofree char *name = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row)));
  g_autofree char *description = text_view_get_text (self->description_view);
  g_autofree char *instructions = text_view_get_text (self->instructions_view);
  g_auto(GStrv) muscles = coach_parse_word_list (gtk_editable_get_text (GTK_EDITABLE (self->muscles_row)));
  g_auto(GStrv) equipment = coach_parse_word_list (gtk_editable_get_text (GTK_EDITABLE (self->equipment_row)));
  guint difficulty = adw_combo_row_get_selected (self->difficulty_row);

  coach_record_set_string (record, "name", g_strstrip (name));
  set_optional_string (record, "description", description);
  set_optional_string (record, "instructions", instructions);
  if (difficulty < G_N_ELEMENTS (difficulties))
    coach_record_set_string (record, "difficulty", difficulties[difficulty]);
  coach_record_set_boolean (record, "has_jump", gtk_switch_get_active (self->jump_switch));
  coach_record_set_int (record, "default_duration_s", gtk_spin_button_get_value_as_int (self->duration_spin));
  coach_record_set_strv (record, "muscles", (const char * const *) muscles);
  coach_record_set_strv (record, "equipment", (const char * const *) equipment);
}

static void
coach_exercise_editor_load (CoachExerciseEditor *self)
{
  CoachRecord *exercise = self->exercise;
  g_auto(GStrv) muscles = NULL;
  g_auto(GStrv) equipment = NULL;
  g_autofree char *muscles_text = NULL;
  g_autofree char *equipment_text = NULL;
  const char *difficulty;
  const char *title = exercise ? _("Edit Exercise") : _("New Exercise");

  adw_window_title_set_title (self->window_title, title);
  gtk_window_set_title (GTK_WINDOW (self), title);
  adw_combo_row_set_selected (self->difficulty_row, 1);
  if (exercise == NULL)
    return;

  gtk_editable_set_text (GTK_EDITABLE (self->name_row), coach_record_get_string (exercise, "name"));
  text_view_set_text (self->description_view, coach_record_get_string (exercise, "description"));
  text_view_set_text (self->instructions_view, coach_record_get_string (exercise, "instructions"));
  difficulty = coach_record_get_string (exercise, "difficulty");
  for (guint i = 0; i < G_N_ELEMENTS (difficulties); i++)
    if (g_strcmp0 (difficulty, difficulties[i]) == 0)
      adw_combo_row_set_selected (self->difficulty_row, i);
  gtk_switch_set_active (self->jump_switch, coach_record_get_boolean (exercise, "has_jump"));
  if (!coach_record_is_null (exercise, "default_duration_s"))
    gtk_spin_button_set_value (self->duration_spin, coach_record_get_int (exercise, "default_duration_s"));

  /* Entries hold the words the way the coach types them back. */
  muscles = coach_record_dup_strv (exercise, "muscles");
  equipment = coach_record_dup_strv (exercise, "equipment");
  muscles_text = muscles ? g_strjoinv (", ", muscles) : NULL;
  equipment_text = equipment ? g_strjoinv (", ", equipment) : NULL;
  gtk_editable_set_text (GTK_EDITABLE (self->muscles_row), muscles_text ? muscles_text : "");
  gtk_editable_set_text (GTK_EDITABLE (self->equipment_row), equipment_text ? equipment_text : "");
}

/* ------------------------------------------------------------------------- */

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  CoachExerciseEditor *self = COACH_EXERCISE_EDITOR (widget);
  g_autoptr(CoachRecord) draft = NULL;
  g_autoptr(GError) error = NULL;
  const char *invalid_field = NULL;
  CoachRecord *target;

  /* The form is checked on a copy first: a shared record that failed
   * half-way would show the bad values everywhere. */
  draft = coach_record_new_for_table ("exercise", self->exercise ? coach_record_get_id (self->exercise) : NULL);
  coach_exercise_editor_apply (self, draft);
  if (!coach_record_validate_full (draft, &invalid_field, &error))
    {
      coach_exercise_editor_show_error (self, invalid_field, error);
      return;
    }

  target = self->exercise ? self->exercise : draft;
  if (self->exercise != NULL)
    coach_exercise_editor_apply (self, target);
  if (!coach_catalog_save (self->catalog, target, &error))
    {
      coach_exercise_editor_show_error (self, NULL, error);
      return;
    }

  g_signal_emit (self, signals[SAVED], 0, target);
  gtk_window_close (GTK_WINDOW (self));
}

static void
field_changed_cb (CoachExerciseEditor *self,
                  GtkEditable         *editable)
{
  if (self->error_widget == GTK_WIDGET (editable))
    coach_exercise_editor_clear_error (self);
}

/* ------------------------------------------------------------------------- */

static void
coach_exercise_editor_dispose (GObject *object)
{
  CoachExerciseEditor *self = COACH_EXERCISE_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), COACH_TYPE_EXERCISE_EDITOR);
  g_clear_object (&self->exercise);
  g_clear_object (&self->catalog);

  G_OBJECT_CLASS (coach_exercise_editor_parent_class)->dispose (object);
}

static void
coach_exercise_editor_class_init (CoachExerciseEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = coach_exercise_editor_dispose;

  /**
   * CoachExerciseEditor::saved:
   * @exercise: the exercise as it is now in the catalog
   */
  signals[SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, COACH_TYPE_RECORD);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/coachbook/Coachbook/exercises/coach-exercise-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CoachExerciseEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, CoachExerciseEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, CoachExerciseEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, CoachExerciseEditor, description_view);
  gtk_widget_class_bind_template_child (widget_class, CoachExerciseEditor, instructions_view);
  gtk_widget_class_bind_template_child (widget_class, CoachExerciseEditor, difficulty_row);
  gtk_widget_class_bind_template_child (widget_class, CoachExerciseEditor, jump_switch);
  gtk_widget_class_bind_template_child (widget_class, CoachExerciseEditor, duration_row);
  gtk_widget_class_bind_template_child (widget_class, CoachExerciseEditor, duration_spin);
  gtk_widget_class_bind_template_child (widget_class, CoachExerciseEditor, muscles_row);
  gtk_widget_class_bind_template_child (widget_class, CoachExerciseEditor, equipment_row);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "editor.save", NULL);
}

static void
coach_exercise_editor_init (CoachExerciseEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* ------------------------------------------------------------------------- */

CoachExerciseEditor *
coach_exercise_editor_new (CoachCatalog *catalog,
                           CoachRecord  *exercise)
{
  CoachExerciseEditor *self;

  g_return_val_if_fail (COACH_IS_CATALOG (catalog), NULL);
  g_return_val_if_fail (exercise == NULL || COACH_IS_RECORD (exercise), NULL);

  self = g_object_new (COACH_TYPE_EXERCISE_EDITOR, NULL);
  self->catalog = g_object_ref (catalog);
  self->exercise = exercise ? g_object_ref (exercise) : NULL;
  coach_exercise_editor_load (self);
  return self;
}
