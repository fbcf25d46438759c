/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coach-exercise"

#include "config.h"

#include "coach-exercise.h"

struct _CoachExercise
{
  CoachRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (CoachExercise, coach_exercise, COACH_TYPE_RECORD)

static void
coach_exercise_class_init (CoachExerciseClass *klass)
{
  coach_record_class_set_table (COACH_RECORD_CLASS (klass), "exercise");
}

static void
coach_exercise_init (CoachExercise *self)
{
}

/* A new row with a fresh id, not saved yet. */
CoachExercise *
coach_exercise_new (void)
{
  return g_object_new (COACH_TYPE_EXERCISE, NULL);
}
