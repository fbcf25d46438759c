/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coach-exercise-detail"

#include "config.h"

#include <glib/gi18n.h>

#include "coach-exercise-detail.h"
#include "coach-exercise-format.h"

struct _CoachExerciseDetail
{
  AdwBin        parent_instance;

  CoachRecord  *exercise;
  GSignalGroup *exercise_signals;

  GtkStack     *stack;
  GtkScrolledWindow *scroller;
  GtkLabel     *name_label;
  GtkLabel     *subtitle_label;
  GtkLabel     *description_label;
  GtkWidget    *instructions_group;
  GtkLabel     *instructions_label;
  GtkLabel     *difficulty_label;
  GtkLabel     *muscles_label;
  GtkLabel     *equipment_label;
  GtkLabel     *duration_label;
  GtkLabel     *jump_label;
};

G_DEFINE_FINAL_TYPE (CoachExerciseDetail, coach_exercise_detail, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_EXERCISE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------------------- */

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (; *text; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

static void
set_list_label (GtkLabel    *label,
                CoachRecord *exercise,
                const char  *field)
{
  g_auto(GStrv) words = coach_record_dup_strv (exercise, field);
  g_autofree char *text = coach_format_word_list ((const char * const *) words);

  /* Translators: shown when an exercise lists no muscles or no equipment */
  gtk_label_set_label (label, text[0] ? text : C_("list", "None"));
}

static void
coach_exercise_detail_update (CoachExerciseDetail *self)
{
  CoachRecord *exercise = self->exercise;
  g_autofree char *subtitle = NULL;
  g_autofree char *duration = NULL;
  const char *text;

  if (exercise == NULL || coach_record_get_deleted (exercise))
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  text = coach_record_get_string (exercise, "name");
  gtk_label_set_label (self->name_label, text ? text : "");

  subtitle = coach_exercise_format_subtitle (exercise);
  gtk_label_set_label (self->subtitle_label, subtitle ? subtitle : "");
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), !is_blank (subtitle));

  text = coach_record_get_string (exercise, "description");
  gtk_label_set_label (self->description_label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->description_label), !is_blank (text));

  text = coach_record_get_string (exercise, "instructions");
  gtk_label_set_label (self->instructions_label, text ? text : "");
  gtk_widget_set_visible (self->instructions_group, !is_blank (text));

  text = coach_difficulty_to_label (coach_record_get_string (exercise, "difficulty"));
  /* Translators: an exercise without a difficulty */
  gtk_label_set_label (self->difficulty_label, text ? text : C_("difficulty", "Not set"));

  set_list_label (self->muscles_label, exercise, "muscles");
  set_list_label (self->equipment_label, exercise, "equipment");

  if (coach_record_is_null (exercise, "default_duration_s"))
    duration = g_strdup (C_("duration", "Not set"));
  else
    duration = coach_format_duration (coach_record_get_int (exercise, "default_duration_s"));
  gtk_label_set_label (self->duration_label, duration);

  gtk_label_set_label (self->jump_label,
                       coach_record_get_boolean (exercise, "has_jump") ? _("Yes") : _("No"));

  gtk_stack_set_visible_child_name (self->stack, "exercise");
}

static void
exercise_notify_cb (CoachExerciseDetail *self,
                    GParamSpec          *pspec,
                    CoachRecord         *exercise)
{
  coach_exercise_detail_update (self);
}

/* ------------------------------------------------------------------------- */

static void
coach_exercise_detail_dispose (GObject *object)
{
  CoachExerciseDetail *self = COACH_EXERCISE_DETAIL (object);

  /* AdwBin lets go of its child first: the template would otherwise
   * unparent it behind AdwBin's back. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), COACH_TYPE_EXERCISE_DETAIL);
  if (self->exercise_signals != NULL)
    g_signal_group_set_target (self->exercise_signals, NULL);
  g_clear_object (&self->exercise_signals);
  g_clear_object (&self->exercise);

  G_OBJECT_CLASS (coach_exercise_detail_parent_class)->dispose (object);
}

static void
coach_exercise_detail_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  CoachExerciseDetail *self = COACH_EXERCISE_DETAIL (object);

  switch (prop_id)
    {
    case PROP_EXERCISE:
      g_value_set_object (value, self->exercise);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
coach_exercise_detail_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  CoachExerciseDetail *self = COACH_EXERCISE_DETAIL (object);

  switch (prop_id)
    {
    case PROP_EXERCISE:
      coach_exercise_detail_set_exercise (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
coach_exercise_detail_class_init (CoachExerciseDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = coach_exercise_detail_dispose;
  object_class->get_property = coach_exercise_detail_get_property;
  object_class->set_property = coach_exercise_detail_set_property;

  properties[PROP_EXERCISE] =
    g_param_spec_object ("exercise", NULL, NULL,
                         COACH_TYPE_RECORD,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/coachbook/Coachbook/exercises/coach-exercise-detail.ui");
  gtk_widget_class_bind_template_child (widget_class, CoachExerciseDetail, stack);
  gtk_widget_class_bind_template_child (widget_class, CoachExerciseDetail, scroller);
  gtk_widget_class_bind_template_child (widget_class, CoachExerciseDetail, name_label);
  gtk_widget_class_bind_template_child (widget_class, CoachExerciseDetail, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, CoachExerciseDetail, description_label);
  gtk_widget_class_bind_template_child (widget_class, CoachExerciseDetail, instructions_group);
  gtk_widget_class_bind_template_child (widget_class, CoachExerciseDetail, instructions_label);
  gtk_widget_class_bind_template_child (widget_class, CoachExerciseDetail, difficulty_label);
  gtk_widget_class_bind_template_child (widget_class, CoachExerciseDetail, muscles_label);
  gtk_widget_class_bind_template_child (widget_class, CoachExerciseDetail, equipment_label);
  gtk_widget_class_bind_template_child (widget_class, CoachExerciseDetail, duration_label);
  gtk_widget_class_bind_template_child (widget_class, CoachExerciseDetail, jump_label);
}

static void
coach_exercise_detail_init (CoachExerciseDetail *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->exercise_signals = g_signal_group_new (COACH_TYPE_RECORD);
  g_signal_group_connect_object (self->exercise_signals, "notify",
                                 G_CALLBACK (exercise_notify_cb), self,
                                 G_CONNECT_SWAPPED);
}

/* ------------------------------------------------------------------------- */

GtkWidget *
coach_exercise_detail_new (void)
{
  return g_object_new (COACH_TYPE_EXERCISE_DETAIL, NULL);
}

CoachRecord *
coach_exercise_detail_get_exercise (CoachExerciseDetail *self)
{
  g_return_val_if_fail (COACH_IS_EXERCISE_DETAIL (self), NULL);
  return self->exercise;
}

void
coach_exercise_detail_set_exercise (CoachExerciseDetail *self,
                                    CoachRecord         *exercise)
{
  g_return_if_fail (COACH_IS_EXERCISE_DETAIL (self));
  g_return_if_fail (exercise == NULL || COACH_IS_RECORD (exercise));

  if (!g_set_object (&self->exercise, exercise))
    return;

  g_signal_group_set_target (self->exercise_signals, exercise);
  coach_exercise_detail_update (self);

  /* A new exercise starts at its top, not where the last one was left. */
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXERCISE]);
}
