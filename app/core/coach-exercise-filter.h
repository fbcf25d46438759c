/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include "coach-search.h"

G_BEGIN_DECLS

/* What the Exercises page and the global search can narrow exercises by.
 * Unset fields (NULL, -1) do not narrow anything. */
typedef struct
{
  char *difficulty;     /* "easy", "medium", "hard" */
  char *category_id;
  char *muscle;
  char *equipment;
  int   has_jump;       /* -1 any, 0 without jumps, 1 with */
} CoachExerciseFilter;

#define COACH_EXERCISE_FILTER_INIT { .has_jump = -1 }

typedef enum
{
  COACH_EXERCISE_FACET_CATEGORY,
  COACH_EXERCISE_FACET_MUSCLE,
  COACH_EXERCISE_FACET_EQUIPMENT,
} CoachExerciseFacet;

void      coach_exercise_filter_clear          (CoachExerciseFilter       *filter);
gboolean  coach_exercise_filter_is_active      (const CoachExerciseFilter *filter);
guint     coach_exercise_filter_count_active   (const CoachExerciseFilter *filter);
gboolean  coach_exercise_filter_equal          (const CoachExerciseFilter *a,
                                                const CoachExerciseFilter *b);
/* Returns FALSE, leaving @filter as it was, for anything but NULL, "",
 * "easy", "medium" and "hard" ("" and NULL mean any). */
gboolean  coach_exercise_filter_set_difficulty (CoachExerciseFilter       *filter,
                                                const char                *difficulty);
/* Sets the category id, muscle or equipment; NULL or "" means any. */
void      coach_exercise_filter_set_facet      (CoachExerciseFilter       *filter,
                                                CoachExerciseFacet         facet,
                                                const char                *value);
const char *coach_exercise_filter_get_facet    (const CoachExerciseFilter *filter,
                                                CoachExerciseFacet         facet);
/* Points the exercise fields of @query at @filter's strings (so @filter
 * must outlive the query) and, when a filter is set, limits @query to
 * exercises. */
void      coach_exercise_filter_apply          (const CoachExerciseFilter *filter,
                                                CoachSearchQuery          *query);

/* The values a filter on @facet can take: those used by live, unarchived
 * exercises, sorted case-insensitively by label. For categories @values
 * holds ids and @labels names (every live category, used or not); for
 * muscles and equipment both hold the value. */
gboolean  coach_catalog_list_exercise_facet    (CoachCatalog              *catalog,
                                                CoachExerciseFacet         facet,
                                                char                    ***values,
                                                char                    ***labels,
                                                GError                   **error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CoachExerciseFilter, coach_exercise_filter_clear)

G_END_DECLS
