/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include <adwaita.h>

#include "coach-record.h"

G_BEGIN_DECLS

#define COACH_TYPE_EXERCISE_DETAIL (coach_exercise_detail_get_type ())

/* Everything about one exercise, read-only; a placeholder when there is
 * none. Follows changes of the record it shows. */
G_DECLARE_FINAL_TYPE (CoachExerciseDetail, coach_exercise_detail, COACH, EXERCISE_DETAIL, AdwBin)

GtkWidget   *coach_exercise_detail_new          (void);
CoachRecord *coach_exercise_detail_get_exercise (CoachExerciseDetail *self);
void         coach_exercise_detail_set_exercise (CoachExerciseDetail *self,
                                                 CoachRecord         *exercise);

G_END_DECLS
