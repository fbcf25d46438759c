/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include "coach-catalog.h"
#include "coach-generator.h"
#include "coach-workout.h"
#include "coach-workout-item.h"

G_BEGIN_DECLS

/* Composing workouts on top of the catalog. Items are ordered by
 * (position, id); positions are fractional keys, so inserting or moving an
 * item writes that item only, and two coaches reordering the same workout
 * on two devices merge instead of fighting over indexes. Every change keeps
 * the workout's total_duration_s up to date in the same transaction. */

GPtrArray        *coach_catalog_get_workout_items      (CoachCatalog      *self,
                                                        const char        *workout_id,
                                                        GError           **error);
/* @index: where the new item goes (0 = first); -1 or past the end appends. */
CoachWorkoutItem *coach_catalog_add_workout_item       (CoachCatalog      *self,
                                                        CoachWorkout      *workout,
                                                        const char        *exercise_id,
                                                        int                index,
                                                        GError           **error);
/* @new_index: the item's index once moved. */
gboolean          coach_catalog_move_workout_item      (CoachCatalog      *self,
                                                        CoachWorkoutItem  *item,
                                                        guint              new_index,
                                                        GError           **error);
CoachWorkoutItem *coach_catalog_duplicate_workout_item (CoachCatalog      *self,
                                                        CoachWorkoutItem  *item,
                                                        GError           **error);
gboolean          coach_catalog_remove_workout_item    (CoachCatalog      *self,
                                                        CoachWorkoutItem  *item,
                                                        GError           **error);
/* Saves the item's own fields (kind, sets, reps, ...) and the new total. */
gboolean          coach_catalog_save_workout_item      (CoachCatalog      *self,
                                                        CoachWorkoutItem  *item,
                                                        GError           **error);
/* Saves the workout's own fields (name, timing, ...) with its total
 * duration recomputed from the new timing. */
gboolean          coach_catalog_save_workout           (CoachCatalog      *self,
                                                        CoachWorkout      *workout,
                                                        GError           **error);
guint64           coach_catalog_compute_workout_duration (CoachCatalog    *self,
                                                        CoachWorkout      *workout,
                                                        GError           **error);
CoachWorkout     *coach_catalog_duplicate_workout      (CoachCatalog      *self,
                                                        CoachWorkout      *workout,
                                                        GError           **error);
/* Composes and saves a new draft workout from the live, non-archived
 * exercises of the catalog. On failure nothing is saved and the error says
 * which constraint could not be met. */
CoachWorkout     *coach_catalog_generate_workout       (CoachCatalog      *self,
                                                        const CoachGeneratorConstraints *constraints,
                                                        const char        *name,
                                                        GError           **error);

G_END_DECLS
