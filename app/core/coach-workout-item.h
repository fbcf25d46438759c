/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include "coach-record.h"

G_BEGIN_DECLS

#define COACH_TYPE_WORKOUT_ITEM (coach_workout_item_get_type ())

/* One exercise in a workout, timed or sets/reps, ordered by a fractional position.
 * Fields: see the "workout_item" table in coach-schema.c. */
G_DECLARE_FINAL_TYPE (CoachWorkoutItem, coach_workout_item, COACH, WORKOUT_ITEM, CoachRecord)

CoachWorkoutItem *coach_workout_item_new (void);

G_END_DECLS
