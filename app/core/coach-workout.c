/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coach-workout"

#include "config.h"

#include "coach-workout.h"

struct _CoachWorkout
{
  CoachRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (CoachWorkout, coach_workout, COACH_TYPE_RECORD)

static void
coach_workout_class_init (CoachWorkoutClass *klass)
{
  coach_record_class_set_table (COACH_RECORD_CLASS (klass), "workout");
}

static void
coach_workout_init (CoachWorkout *self)
{
}

/* A new row with a fresh id, not saved yet. */
CoachWorkout *
coach_workout_new (void)
{
  return g_object_new (COACH_TYPE_WORKOUT, NULL);
}
