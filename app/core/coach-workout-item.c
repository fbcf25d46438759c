/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coach-workout-item"

#include "config.h"

#include "coach-workout-item.h"

struct _CoachWorkoutItem
{
  CoachRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (CoachWorkoutItem, coach_workout_item, COACH_TYPE_RECORD)

static void
coach_workout_item_class_init (CoachWorkoutItemClass *klass)
{
  coach_record_class_set_table (COACH_RECORD_CLASS (klass), "workout_item");
}

static void
coach_workout_item_init (CoachWorkoutItem *self)
{
}

/* A new row with a fresh id, not saved yet. */
CoachWorkoutItem *
coach_workout_item_new (void)
{
  return g_object_new (COACH_TYPE_WORKOUT_ITEM, NULL);
}
