/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include "coach-exercise-filter.h"
#include "coach-search.h"

G_BEGIN_DECLS

/* The records behind the hits of coach_catalog_search(), in rank order,
 * ready for a GListStore. Hits whose row went away in between are left
 * out. */
GPtrArray  *coach_search_results_load        (CoachCatalog              *catalog,
                                              const CoachSearchQuery    *query,
                                              GError                   **error);

/* The global search's query: @text, the kinds of the chips that are on
 * (@kinds, COACH_SEARCH_KIND_MASK bits; 0 = every kind) and the exercise
 * filter. An exercise filter only makes sense for exercises: with one set
 * and a kind chip on that is not Exercises, the filter is left out rather
 * than finding nothing. @filter must outlive @query. */
void        coach_search_results_build_query (CoachSearchQuery          *query,
                                              const char                *text,
                                              guint                      kinds,
                                              const CoachExerciseFilter *filter);
/* The page that shows records of @table ("exercises", ...), or NULL. */
const char *coach_search_results_page_for    (const char                *table);
/* What a result row says under its title: the kind of record. */
const char *coach_search_results_kind_label  (const char                *table);

G_END_DECLS
