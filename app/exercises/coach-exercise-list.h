/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include <adwaita.h>

#include "coach-catalog.h"

G_BEGIN_DECLS

#define COACH_TYPE_EXERCISE_LIST (coach_exercise_list_get_type ())

/* The exercises of a catalog with a search entry above them: the whole
 * table by name while the entry is empty, the search results while the
 * coach types. */
G_DECLARE_FINAL_TYPE (CoachExerciseList, coach_exercise_list, COACH, EXERCISE_LIST, AdwBin)

GtkWidget    *coach_exercise_list_new                   (CoachCatalog      *catalog);
CoachCatalog *coach_exercise_list_get_catalog           (CoachExerciseList *self);
void          coach_exercise_list_set_catalog           (CoachExerciseList *self,
                                                         CoachCatalog      *catalog);
CoachRecord  *coach_exercise_list_get_selected_exercise (CoachExerciseList *self);
void          coach_exercise_list_unselect              (CoachExerciseList *self);
void          coach_exercise_list_select_exercise       (CoachExerciseList *self,
                                                         const char        *id);
const char   *coach_exercise_list_get_summary           (CoachExerciseList *self);
const char   *coach_exercise_list_get_search_text       (CoachExerciseList *self);
void          coach_exercise_list_set_search_text       (CoachExerciseList *self,
                                                         const char        *text);
void          coach_exercise_list_focus_search          (CoachExerciseList *self);
void          coach_exercise_list_clear_filters         (CoachExerciseList *self);
/* Typing into @widget while nothing else takes the keys starts a search. */
void          coach_exercise_list_set_key_capture_widget (CoachExerciseList *self,
                                                          GtkWidget         *widget);

G_END_DECLS
