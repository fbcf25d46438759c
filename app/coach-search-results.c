/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coach-search-results"

#include "config.h"

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
