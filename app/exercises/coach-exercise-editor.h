/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include <adwaita.h>

#include "coach-catalog.h"

G_BEGIN_DECLS

#define COACH_TYPE_EXERCISE_EDITOR (coach_exercise_editor_get_type ())

/* A form for a new exercise or for changing one. Nothing reaches the
 * catalog until every field is valid; problems show inline. */
G_DECLARE_FINAL_TYPE (CoachExerciseEditor, coach_exercise_editor, COACH, EXERCISE_EDITOR, AdwWindow)

CoachExerciseEditor *coach_exercise_editor_new (CoachCatalog *catalog,
                                                CoachRecord  *exercise);

G_END_DECLS
