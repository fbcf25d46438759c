/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coach-exercise-filter"

#include "config.h"

#include "coach-catalog-private.h"
#include "coach-exercise-filter.h"

static const char * const difficulties[] = { "easy", "medium", "hard" };

/* ------------------------------------------------------------------------- */

static char **
field_for_facet (CoachExerciseFilter *filter,
                 CoachExerciseFacet   facet)
{
  switch (facet)
    {
    case COACH_EXERCISE_FACET_CATEGORY:
      return &filter->category_id;
    case COACH_EXERCISE_FACET_MUSCLE:
      return &filter->muscle;
    case COACH_EXERCISE_FACET_EQUIPMENT:
      return &filter->equipment;
    default:
      g_assert_not_reached ();
    }
}

static void
set_string (char       **field,
            const char  *value)
{
  if (value != NULL && value[0] == '\0')
    value = NULL;
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
}

/* ------------------------------------------------------------------------- */

void
coach_exercise_filter_clear (CoachExerciseFilter *filter)
{
  g_return_if_fail (filter != NULL);

  g_clear_pointer (&filter->difficulty, g_free);
  g_clear_pointer (&filter->category_id, g_free);
  g_clear_pointer (&filter->muscle, g_free);
  g_clear_pointer (&filter->equipment, g_free);
  filter->has_jump = -1;
}

guint
coach_exercise_filter_count_active (const CoachExerciseFilter *filter)
{
  g_return_val_if_fail (filter != NULL, 0);

  return (filter->difficulty != NULL) + (filter->category_id != NULL) +
         (filter->muscle != NULL) + (filter->equipment != NULL) + (filter->has_jump >= 0);
}

gboolean
coach_exercise_filter_is_active (const CoachExerciseFilter *filter)
{
  return coach_exercise_filter_count_active (filter) > 0;
}

gboolean
coach_exercise_filter_equal (const CoachExerciseFilter *a,
                             const CoachExerciseFilter *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return g_strcmp0 (a->difficulty, b->difficulty) == 0 &&
         g_strcmp0 (a->category_id, b->category_id) == 0 &&
         g_strcmp0 (a->muscle, b->muscle) == 0 &&
         g_strcmp0 (a->equipment, b->equipment) == 0 &&
         (a->has_jump < 0) == (b->has_jump < 0) &&
         (a->has_jump < 0 || (a->has_jump > 0) == (b->has_jump > 0));
}

gboolean
coach_exercise_filter_set_difficulty (CoachExerciseFilter *filter,
                                      const char          *difficulty)
{
  g_return_val_if_fail (filter != NULL, FALSE);

  if (difficulty != NULL && difficulty[0] != '\0' &&
      !g_strv_contains ((const char * const *) difficulties, difficulty))
    return FALSE;
  set_string (&filter->difficulty, difficulty);
  return TRUE;
}

void
coach_exercise_filter_set_facet (CoachExerciseFilter *filter,
                                 CoachExerciseFacet   facet,
                                 const char          *value)
{
  g_return_if_fail (filter != NULL);
  g_return_if_fail (facet <= COACH_EXERCISE_FACET_EQUIPMENT);

  set_string (field_for_facet (filter, facet), value);
}

const char *
coach_exercise_filter_get_facet (const CoachExerciseFilter *filter,
                                 CoachExerciseFacet         facet)
{
  g_return_val_if_fail (filter != NULL, NULL);
  g_return_val_if_fail (facet <= COACH_EXERCISE_FACET_EQUIPMENT, NULL);

  return *field_for_facet ((CoachExerciseFilter *) filter, facet);
}

void
coach_exercise_filter_apply (const CoachExerciseFilter *filter,
                             CoachSearchQuery          *query)
{
  g_return_if_fail (filter != NULL);
  g_return_if_fail (query != NULL);

  query->difficulty = filter->difficulty;
  query->category_id = filter->category_id;
  query->muscle = filter->muscle;
  query->equipment = filter->equipment;
  query->has_jump = filter->has_jump < 0 ? -1 : filter->has_jump > 0;
  if (coach_exercise_filter_is_active (filter))
    query->kinds = COACH_SEARCH_KIND_MASK (COACH_SEARCH_KIND_EXERCISE);
}

gboolean
coach_catalog_list_exercise_facet (CoachCatalog         *catalog,
                                   CoachExerciseFacet    facet,
                                   char               ***values,
                                   char               ***labels,
                                   GError              **error)
{
  CoachDb *db;
  sqlite3_stmt *stmt;
  const char *sql;
  g_autoptr(GStrvBuilder) value_builder = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) label_builder = g_strv_builder_new ();
  int rc;

  g_return_val_if_fail (COACH_IS_CATALOG (catalog), FALSE);
  g_return_val_if_fail (facet <= COACH_EXERCISE_FACET_EQUIPMENT, FALSE);
  g_return_val_if_fail (values != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  switch (facet)
    {
    case COACH_EXERCISE_FACET_CATEGORY:
      sql = "SELECT id, name FROM category WHERE deleted = 0 "
            "ORDER BY name COLLATE NOCASE, id";
      break;
    case COACH_EXERCISE_FACET_MUSCLE:
      sql = "SELECT DISTINCT j.value, j.value FROM exercise e, json_each (e.muscles) j "
            "WHERE e.deleted = 0 AND e.archived = 0 AND json_valid (e.muscles) "
            "AND j.type = 'text' AND j.value != '' ORDER BY 1 COLLATE NOCASE, 1";
      break;
    case COACH_EXERCISE_FACET_EQUIPMENT:
      sql = "SELECT DISTINCT j.value, j.value FROM exercise e, json_each (e.equipment) j "
            "WHERE e.deleted = 0 AND e.archived = 0 AND json_valid (e.equipment) "
            "AND j.type = 'text' AND j.value != '' ORDER BY 1 COLLATE NOCASE, 1";
      break;
    default:
      g_assert_not_reached ();
    }

  db = _coach_catalog_get_db (catalog);
  if (!(stmt = coach_db_prepare (db, sql, error)))
    return FALSE;
  while ((rc = coach_db_step (db, stmt, error)) == SQLITE_ROW)
    {
      const char *value = coach_db_column_text (stmt, 0);
      const char *label = coach_db_column_text (stmt, 1);

      if (value == NULL)
        continue;
      g_strv_builder_add (value_builder, value);
      g_strv_builder_add (label_builder, label ? label : value);
    }
  sqlite3_reset (stmt);
  if (rc == 0)
    return FALSE;

  *values = g_strv_builder_end (value_builder);
  if (labels != NULL)
    *labels = g_strv_builder_end (label_builder);
  return TRUE;
}
