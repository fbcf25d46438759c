/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include "coach-record.h"

G_BEGIN_DECLS

#define COACH_TYPE_EXERCISE (coach_exercise_get_type ())

/* An exercise of the catalog: a drill, a stretch, a lift.
 * Fields: see the "exercise" table in coach-schema.c. */
G_DECLARE_FINAL_TYPE (CoachExercise, coach_exercise, COACH, EXERCISE, CoachRecord)

CoachExercise *coach_exercise_new (void);

G_END_DECLS
