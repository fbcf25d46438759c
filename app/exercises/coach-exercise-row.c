/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coach-exercise-row"

#include "config.h"

#include "coach-exercise-format.h"
#include "coach-exercise-row.h"

struct _CoachExerciseRow
{
  GtkWidget     parent_instance;

  CoachRecord  *exercise;
  GSignalGroup *exercise_signals;

  GtkLabel     *name_label;
  GtkLabel     *subtitle_label;
};

G_DEFINE_FINAL_TYPE (CoachExerciseRow, coach_exercise_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_EXERCISE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------------------- */

static void
coach_exercise_row_update (CoachExerciseRow *self)
{
  g_autofree char *subtitle = NULL;
  const char *name = NULL;

  if (self->exercise != NULL)
    {
      name = coach_record_get_string (self->exercise, "name");
      subtitle = coach_exercise_format_subtitle (self->exercise);
    }

  gtk_label_set_label (self->name_label, name ? name : "");
  gtk_label_set_label (self->subtitle_label, subtitle ? subtitle : "");
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), subtitle != NULL && subtitle[0] != '\0');

  /* Screen readers (and the UI tests) find a row by the exercise name. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name ? name : "",
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle ? subtitle : "",
                                  -1);
}

static void
exercise_notify_cb (CoachExerciseRow *self,
                    GParamSpec       *pspec,
                    CoachRecord      *exercise)
{
  coach_exercise_row_update (self);
}

/* ------------------------------------------------------------------------- */

static void
coach_exercise_row_dispose (GObject *object)
{
  CoachExerciseRow *self = COACH_EXERCISE_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), COACH_TYPE_EXERCISE_ROW);
  if (self->exercise_signals != NULL)
    g_signal_group_set_target (self->exercise_signals, NULL);
  g_clear_object (&self->exercise_signals);
  g_clear_object (&self->exercise);

  G_OBJECT_CLASS (coach_exercise_row_parent_class)->dispose (object);
}

static void
coach_exercise_row_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  CoachExerciseRow *self = COACH_EXERCISE_ROW (object);

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
coach_exercise_row_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  CoachExerciseRow *self = COACH_EXERCISE_ROW (object);

  switch (prop_id)
    {
    case PROP_EXERCISE:
      coach_exercise_row_set_exercise (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
coach_exercise_row_class_init (CoachExerciseRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = coach_exercise_row_dispose;
  object_class->get_property = coach_exercise_row_get_property;
  object_class->set_property = coach_exercise_row_set_property;

  properties[PROP_EXERCISE] =
    g_param_spec_object ("exercise", NULL, NULL,
                         COACH_TYPE_RECORD,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/coachbook/Coachbook/exercises/coach-exercise-row.ui");
  gtk_widget_class_bind_template_child (widget_class, CoachExerciseRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, CoachExerciseRow, subtitle_label);

  gtk_widget_class_set_css_name (widget_class, "exerciserow");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
coach_exercise_row_init (CoachExerciseRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->exercise_signals = g_signal_group_new (COACH_TYPE_RECORD);
  g_signal_group_connect_object (self->exercise_signals, "notify",
                                 G_CALLBACK (exercise_notify_cb), self,
                                 G_CONNECT_SWAPPED);
}

/* ------------------------------------------------------------------------- */

GtkWidget *
coach_exercise_row_new (void)
{
  return g_object_new (COACH_TYPE_EXERCISE_ROW, NULL);
}

CoachRecord *
coach_exercise_row_get_exercise (CoachExerciseRow *self)
{
  g_return_val_if_fail (COACH_IS_EXERCISE_ROW (self), NULL);
  return self->exercise;
}

void
coach_exercise_row_set_exercise (CoachExerciseRow *self,
                                 CoachRecord      *exercise)
{
  g_return_if_fail (COACH_IS_EXERCISE_ROW (self));
  g_return_if_fail (exercise == NULL || COACH_IS_RECORD (exercise));

  if (!g_set_object (&self->exercise, exercise))
    return;

  g_signal_group_set_target (self->exercise_signals, exercise);
  coach_exercise_row_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXERCISE]);
}
