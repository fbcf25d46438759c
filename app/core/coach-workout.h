/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include "coach-record.h"

G_BEGIN_DECLS

#define COACH_TYPE_WORKOUT (coach_workout_get_type ())

/* A workout: timing configuration and an ordered list of items.
 * Fields: see the "workout" table in coach-schema.c. */
G_DECLARE_FINAL_TYPE (CoachWorkout, coach_workout, COACH, WORKOUT, CoachRecord)

CoachWorkout *coach_workout_new (void);

G_END_DECLS
