/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include <adwaita.h>

#include "coach-catalog.h"

G_BEGIN_DECLS

#define COACH_TYPE_WORKOUT_EDITOR (coach_workout_editor_get_type ())

/* The composer pane: a workout's fields and config, its live total and its
 * items in order. Everything is changed through the core composer API. */
G_DECLARE_FINAL_TYPE (CoachWorkoutEditor, coach_workout_editor, COACH, WORKOUT_EDITOR, AdwBin)

void         coach_workout_editor_set_catalog (CoachWorkoutEditor *self,
                                               CoachCatalog       *catalog);
void         coach_workout_editor_set_workout (CoachWorkoutEditor *self,
                                               CoachRecord        *workout);
CoachRecord *coach_workout_editor_get_workout (CoachWorkoutEditor *self);
void         coach_workout_editor_add_toast   (CoachWorkoutEditor *self,
                                               AdwToast           *toast);

G_END_DECLS
