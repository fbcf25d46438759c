/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include <adwaita.h>

#include "coach-catalog.h"
#include "coach-duration.h"

G_BEGIN_DECLS

#define COACH_TYPE_WORKOUT_ITEM_EDITOR (coach_workout_item_editor_get_type ())

/* The fields of the selected workout item: timed (work and rest) or sets
 * (sets, reps, load and rest), and notes. Saved through the core composer
 * API, so the workout's total follows. */
G_DECLARE_FINAL_TYPE (CoachWorkoutItemEditor, coach_workout_item_editor, COACH, WORKOUT_ITEM_EDITOR, AdwBin)

void coach_workout_item_editor_set_catalog (CoachWorkoutItemEditor    *self,
                                            CoachCatalog              *catalog);
/* @config gives the workout's defaults for an item that has none; NULL
 * @item hides the editor. */
void coach_workout_item_editor_set_item    (CoachWorkoutItemEditor    *self,
                                            CoachRecord               *item,
                                            const CoachDurationConfig *config);

G_END_DECLS
