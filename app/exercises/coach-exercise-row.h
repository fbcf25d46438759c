/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include <gtk/gtk.h>

#include "coach-record.h"

G_BEGIN_DECLS

#define COACH_TYPE_EXERCISE_ROW (coach_exercise_row_get_type ())

/* One line of the exercise list: the name, and below it the difficulty and
 * muscles. Follows changes of the record it shows. */
G_DECLARE_FINAL_TYPE (CoachExerciseRow, coach_exercise_row, COACH, EXERCISE_ROW, GtkWidget)

GtkWidget   *coach_exercise_row_new          (void);
CoachRecord *coach_exercise_row_get_exercise (CoachExerciseRow *self);
void         coach_exercise_row_set_exercise (CoachExerciseRow *self,
                                              CoachRecord      *exercise);

G_END_DECLS
