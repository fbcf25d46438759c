/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coach-search-results"

#include "config.h"

#include <glib/gi18n.h>

#include "coach-search-results.h"

GPtrArray *
coach_search_results_load (CoachCatalog            *catalog,
                           const CoachSearchQuery  *query,
                           GError                 **error)
{
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GPtrArray) records = NULL;

  g_return_val_if_fail (COACH_IS_CATALOG (catalog), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  hits = coach_catalog_search (catalog, query, error);
  if (hits == NULL)
    return NULL;

  records = g_ptr_array_new_full (hits->len, g_object_unref);
  for (guint i = 0; i < hits->len; i++)
    {
      CoachSearchHit *hit = g_ptr_array_index (hits, i);
      g_autoptr(GError) local_error = NULL;
      CoachRecord *record;

      record = coach_catalog_get (catalog, coach_search_kind_to_table (hit->kind), hit->id, &local_error);
      if (record != NULL)
        g_ptr_array_add (records, record);
      else if (!g_error_matches (local_error, COACH_CATALOG_ERROR, COACH_CATALOG_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
    }
  return g_steal_pointer (&records);
}

void
coach_search_results_build_query (CoachSearchQuery          *query,
                                  const char                *text,
                                  guint                      kinds,
                                  const CoachExerciseFilter *filter)
{
  const guint exercises = COACH_SEARCH_KIND_MASK (COACH_SEARCH_KIND_EXERCISE);

  g_return_if_fail (query != NULL);

  *query = (CoachSearchQuery) COACH_SEARCH_QUERY_INIT;
  query->text = text;
  query->kinds = kinds & COACH_SEARCH_ALL_KINDS;

  if (filter == NULL || !coach_exercise_filter_is_active (filter))
    return;
  /* Other kinds chosen on purpose win over the exercise filter. */
  if (query->kinds != 0 && (query->kinds & exercises) == 0)
    return;
  coach_exercise_filter_apply (filter, query);
}

const char *
coach_search_results_page_for (const char *table)
{
  static const char * const pages[][2] = {
    { "exercise", "exercises" },
    { "clip", "clips" },
    { "workout", "workouts" },
    { "session", "sessions" },
    { "athlete", "athletes" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    if (g_strcmp0 (table, pages[i][0]) == 0)
      return pages[i][1];
  return NULL;
}

const char *
coach_search_results_kind_label (const char *table)
{
  if (g_strcmp0 (table, "exercise") == 0)
    return _("Exercise");
  if (g_strcmp0 (table, "clip") == 0)
    return _("Clip");
  if (g_strcmp0 (table, "workout") == 0)
    return _("Workout");
  if (g_strcmp0 (table, "session") == 0)
    return _("Session");
  if (g_strcmp0 (table, "athlete") == 0)
    return _("Athlete");
  return "";
}
