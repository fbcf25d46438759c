/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include <adwaita.h>

#include "coach-catalog.h"

G_BEGIN_DECLS

#define COACH_TYPE_EXERCISES_PAGE (coach_exercises_page_get_type ())

/* The Exercises page: the searchable list beside the selected exercise,
 * folding into one column in a narrow window; creates, edits and archives
 * exercises. */
G_DECLARE_FINAL_TYPE (CoachExercisesPage, coach_exercises_page, COACH, EXERCISES_PAGE, AdwBin)

void     coach_exercises_page_set_catalog           (CoachExercisesPage *self,
                                                     CoachCatalog       *catalog);
gboolean coach_exercises_page_get_can_go_back       (CoachExercisesPage *self);
gboolean coach_exercises_page_go_back               (CoachExercisesPage *self);
void     coach_exercises_page_focus_search          (CoachExercisesPage *self);
void     coach_exercises_page_new_exercise          (CoachExercisesPage *self);
void     coach_exercises_page_show_exercise         (CoachExercisesPage *self,
                                                     const char         *id);
void     coach_exercises_page_set_key_capture_widget (CoachExercisesPage *self,
                                                      GtkWidget          *widget);

G_END_DECLS
