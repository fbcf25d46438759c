/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include <adwaita.h>

#include "coach-catalog.h"

G_BEGIN_DECLS

#define COACH_TYPE_EXERCISE_PICKER (coach_exercise_picker_get_type ())

/* A small modal window that searches the exercises and emits
 * "exercise-picked" with the id of the one the coach clicks. */
G_DECLARE_FINAL_TYPE (CoachExercisePicker, coach_exercise_picker, COACH, EXERCISE_PICKER, AdwWindow)

CoachExercisePicker *coach_exercise_picker_new (CoachCatalog *catalog,
                                                GtkWindow    *parent);

G_END_DECLS
