/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coach-composer"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "coach-catalog-private.h"
#include "coach-composer.h"
#include "coach-duration.h"
#include "coach-position.h"

static int
compare_items (gconstpointer a,
               gconstpointer b)
{
  CoachRecord *ia = *(CoachRecord **) a;
  CoachRecord *ib = *(CoachRecord **) b;
  int c = g_strcmp0 (coach_record_get_string (ia, "position"), coach_record_get_string (ib, "position"));

  return c ? c : g_strcmp0 (coach_record_get_id (ia), coach_record_get_id (ib));
}

GPtrArray *
coach_catalog_get_workout_items (CoachCatalog  *self,
                                 const char    *workout_id,
                                 GError       **error)
{
  GPtrArray *items;

  g_return_val_if_fail (COACH_IS_CATALOG (self), NULL);

  items = coach_catalog_list_where (self, "workout_item", "workout_id", workout_id, error);
  /* SQL already orders by (position, id); live records may carry a newer
   * position than the row, so sort the objects themselves. */
  if (items != NULL)
    g_ptr_array_sort (items, compare_items);
  return items;
}

static void
config_from_workout (CoachRecord         *workout,
                     CoachDurationConfig *config)
{
  config->work_s = MAX (0, coach_record_get_int (workout, "work_s"));
  config->rest_s = MAX (0, coach_record_get_int (workout, "rest_s"));
  config->rounds = MAX (1, coach_record_get_int (workout, "rounds"));
  config->warmup_s = MAX (0, coach_record_get_int (workout, "warmup_s"));
  config->cooldown_s = MAX (0, coach_record_get_int (workout, "cooldown_s"));
}

static void
item_from_record (CoachRecord       *record,
                  CoachDurationItem *item)
{
  item->kind = g_strcmp0 (coach_record_get_string (record, "kind"), "sets") == 0
    ? COACH_ITEM_KIND_SETS : COACH_ITEM_KIND_TIMED;
  item->work_s = coach_record_is_null (record, "work_s") ? -1 : (gint) coach_record_get_int (record, "work_s");
  item->rest_s = coach_record_is_null (record, "rest_s") ? -1 : (gint) coach_record_get_int (record, "rest_s");
  item->sets = MAX (0, coach_record_get_int (record, "sets"));
  item->reps = MAX (0, coach_record_get_int (record, "reps"));
}

guint64
coach_catalog_compute_workout_duration (CoachCatalog  *self,
                                        CoachWorkout  *workout,
                                        GError       **error)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autofree CoachDurationItem *ditems = NULL;
  CoachDurationConfig config;

  g_return_val_if_fail (COACH_IS_CATALOG (self), 0);

  items = coach_catalog_get_workout_items (self, coach_record_get_id (COACH_RECORD (workout)), error);
  if (items == NULL)
    return 0;

  config_from_workout (COACH_RECORD (workout), &config);
  ditems = g_new0 (CoachDurationItem, MAX (items->len, 1));
  for (guint i = 0; i < items->len; i++)
    item_from_record (items->pdata[i], &ditems[i]);
  return coach_duration_total (&config, ditems, items->len);
}

static gboolean
refresh_total (CoachCatalog  *self,
               const char    *workout_id,
               GError       **error)
{
  g_autoptr(CoachRecord) workout = coach_catalog_get (self, "workout", workout_id, error);
  g_autoptr(GError) local_error = NULL;
  guint64 total;

  if (workout == NULL)
    return FALSE;
  total = coach_catalog_compute_workout_duration (self, COACH_WORKOUT (workout), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if ((guint64) coach_record_get_int (workout, "total_duration_s") == total)
    return TRUE;
  coach_record_set_int (workout, "total_duration_s", MIN (total, (guint64) 100 * 24 * 3600));
  return coach_catalog_save (self, workout, error);
}

/* Positions around @index in @items, skipping @skip (the item being moved). */
static void
neighbours (GPtrArray   *items,
            CoachRecord *skip,
            guint        index,
            const char **before,
            const char **after)
{
  g_autoptr(GPtrArray) rest = g_ptr_array_new ();

  for (guint i = 0; i < items->len; i++)
    if (items->pdata[i] != skip)
      g_ptr_array_add (rest, items->pdata[i]);

  index = MIN (index, rest->len);
  *before = index > 0 ? coach_record_get_string (rest->pdata[index - 1], "position") : NULL;
  *after = index < rest->len ? coach_record_get_string (rest->pdata[index], "position") : NULL;
}

/* Gives every item a fresh, evenly spaced position. Needed when two devices
 * produced equal positions (only the id orders them then) or when keys have
 * grown long. */
static gboolean
respace (CoachCatalog  *self,
         GPtrArray     *items,
         GError       **error)
{
  g_auto(GStrv) keys = NULL;

  if (items->len == 0)
    return TRUE;
  keys = coach_position_n_between (NULL, NULL, items->len, error);
  if (keys == NULL)
    return FALSE;
  for (guint i = 0; i < items->len; i++)
    {
      coach_record_set_string (items->pdata[i], "position", keys[i]);
      if (!coach_catalog_save (self, items->pdata[i], error))
        return FALSE;
    }
  return TRUE;
}

static char *
position_for (CoachCatalog  *self,
              GPtrArray     *items,
              CoachRecord   *skip,
              guint          index,
              GError       **error)
{
  const char *before, *after;
  char *key;

  neighbours (items, skip, index, &before, &after);
  if (g_strcmp0 (before, after) != 0 || before == NULL)
    {
      key = coach_position_between (before, after, NULL);
      if (key != NULL && !coach_position_needs_rebalance (key))
        return key;
      g_free (key);
    }

  /* Equal neighbours or overlong keys: re-space, then try again. */
  if (!respace (self, items, error))
    return NULL;
  neighbours (items, skip, index, &before, &after);
  return coach_position_between (before, after, error);
}

CoachWorkoutItem *
coach_catalog_add_workout_item (CoachCatalog  *self,
                                CoachWorkout  *workout,
                                const char    *exercise_id,
                                int            index,
                                GError       **error)
{
  const char *workout_id;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(CoachRecord) exercise = NULL;
  g_autoptr(CoachWorkoutItem) item = NULL;
  g_autofree char *position = NULL;

  g_return_val_if_fail (COACH_IS_CATALOG (self), NULL);
  g_return_val_if_fail (COACH_IS_WORKOUT (workout), NULL);

  workout_id = coach_record_get_id (COACH_RECORD (workout));
  if (!coach_record_is_saved (COACH_RECORD (workout)))
    {
      g_set_error (error, COACH_CATALOG_ERROR, COACH_CATALOG_ERROR_INVALID,
                   _("Save the workout before adding exercises to it"));
      return NULL;
    }
  if (!(exercise = coach_catalog_get (self, "exercise", exercise_id, error)))
    return NULL;

  if (!coach_catalog_begin (self, error))
    return NULL;

  if (!(items = coach_catalog_get_workout_items (self, workout_id, error)))
    goto fail;
  if (index < 0 || (guint) index > items->len)
    index = items->len;
  if (!(position = position_for (self, items, NULL, index, error)))
    goto fail;

  item = coach_workout_item_new ();
  coach_record_set_string (COACH_RECORD (item), "workout_id", workout_id);
  coach_record_set_string (COACH_RECORD (item), "exercise_id", exercise_id);
  coach_record_set_string (COACH_RECORD (item), "position", position);
  coach_record_set_string (COACH_RECORD (item), "kind", "timed");
  if (!coach_catalog_save (self, COACH_RECORD (item), error) ||
      !refresh_total (self, workout_id, error) ||
      !coach_catalog_commit (self, error))
    goto fail;

  return g_steal_pointer (&item);

fail:
  coach_catalog_rollback (self);
  return NULL;
}

gboolean
coach_catalog_move_workout_item (CoachCatalog      *self,
                                 CoachWorkoutItem  *item,
                                 guint              new_index,
                                 GError           **error)
{
  CoachRecord *record = COACH_RECORD (item);
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *position = NULL;
  guint current;

  g_return_val_if_fail (COACH_IS_CATALOG (self), FALSE);
  g_return_val_if_fail (COACH_IS_WORKOUT_ITEM (item), FALSE);

  if (!coach_catalog_begin (self, error))
    return FALSE;
  if (!(items = coach_catalog_get_workout_items (self, coach_record_get_string (record, "workout_id"), error)))
    goto fail;
  if (!g_ptr_array_find (items, record, &current))
    {
      g_set_error (error, COACH_CATALOG_ERROR, COACH_CATALOG_ERROR_NOT_FOUND,
                   _("This item is no longer in the workout"));
      goto fail;
    }
  new_index = MIN (new_index, items->len - 1);
  if (new_index == current)
    return coach_catalog_commit (self, error);

  if (!(position = position_for (self, items, record, new_index, error)))
    goto fail;
  coach_record_set_string (record, "position", position);
  if (!coach_catalog_save (self, record, error) || !coach_catalog_commit (self, error))
    goto fail;
  return TRUE;

fail:
  coach_catalog_rollback (self);
  return FALSE;
}

CoachWorkoutItem *
coach_catalog_duplicate_workout_item (CoachCatalog      *self,
                                      CoachWorkoutItem  *item,
                                      GError           **error)
{
  CoachRecord *record = COACH_RECORD (item);
  const char *workout_id;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(JsonObject) fields = NULL;
  g_autoptr(GList) members = NULL;
  g_autoptr(CoachWorkoutItem) copy = NULL;
  g_autofree char *position = NULL;
  guint current;

  g_return_val_if_fail (COACH_IS_CATALOG (self), NULL);
  g_return_val_if_fail (COACH_IS_WORKOUT_ITEM (item), NULL);

  workout_id = coach_record_get_string (record, "workout_id");
  if (!coach_catalog_begin (self, error))
    return NULL;
  if (!(items = coach_catalog_get_workout_items (self, workout_id, error)))
    goto fail;
  if (!g_ptr_array_find (items, record, &current))
    {
      g_set_error (error, COACH_CATALOG_ERROR, COACH_CATALOG_ERROR_NOT_FOUND,
                   _("This item is no longer in the workout"));
      goto fail;
    }
  if (!(position = position_for (self, items, NULL, current + 1, error)))
    goto fail;

  copy = coach_workout_item_new ();
  fields = coach_record_to_json (record, FALSE);
  members = json_object_get_members (fields);
  for (GList *l = members; l; l = l->next)
    coach_record_set_value (COACH_RECORD (copy), l->data, json_object_get_member (fields, l->data));
  coach_record_set_string (COACH_RECORD (copy), "position", position);

  if (!coach_catalog_save (self, COACH_RECORD (copy), error) ||
      !refresh_total (self, workout_id, error) ||
      !coach_catalog_commit (self, error))
    goto fail;
  return g_steal_pointer (&copy);

fail:
  coach_catalog_rollback (self);
  return NULL;
}

gboolean
coach_catalog_remove_workout_item (CoachCatalog      *self,
                                   CoachWorkoutItem  *item,
                                   GError           **error)
{
  g_autofree char *workout_id = NULL;

  g_return_val_if_fail (COACH_IS_CATALOG (self), FALSE);
  g_return_val_if_fail (COACH_IS_WORKOUT_ITEM (item), FALSE);

  workout_id = g_strdup (coach_record_get_string (COACH_RECORD (item), "workout_id"));
  if (!coach_catalog_begin (self, error))
    return FALSE;
  if (!coach_catalog_delete (self, COACH_RECORD (item), error) ||
      !refresh_total (self, workout_id, error) ||
      !coach_catalog_commit (self, error))
    {
      coach_catalog_rollback (self);
      return FALSE;
    }
  return TRUE;
}

gboolean
coach_catalog_save_workout_item (CoachCatalog      *self,
                                 CoachWorkoutItem  *item,
                                 GError           **error)
{
  g_return_val_if_fail (COACH_IS_CATALOG (self), FALSE);
  g_return_val_if_fail (COACH_IS_WORKOUT_ITEM (item), FALSE);

  if (!coach_catalog_begin (self, error))
    return FALSE;
  if (!coach_catalog_save (self, COACH_RECORD (item), error) ||
      !refresh_total (self, coach_record_get_string (COACH_RECORD (item), "workout_id"), error) ||
      !coach_catalog_commit (self, error))
    {
      coach_catalog_rollback (self);
      return FALSE;
    }
  return TRUE;
}

gboolean
coach_catalog_save_workout (CoachCatalog  *self,
                            CoachWorkout  *workout,
                            GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  guint64 total;

  g_return_val_if_fail (COACH_IS_CATALOG (self), FALSE);
  g_return_val_if_fail (COACH_IS_WORKOUT (workout), FALSE);

  total = coach_catalog_compute_workout_duration (self, workout, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  coach_record_set_int (COACH_RECORD (workout), "total_duration_s", MIN (total, (guint64) 100 * 24 * 3600));
  return coach_catalog_save (self, COACH_RECORD (workout), error);
}

CoachWorkout *
coach_catalog_duplicate_workout (CoachCatalog  *self,
                                 CoachWorkout  *workout,
                                 GError       **error)
{
  g_autoptr(CoachWorkout) copy = NULL;
  g_autoptr(JsonObject) fields = NULL;
  g_autoptr(GList) members = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (COACH_IS_CATALOG (self), NULL);
  g_return_val_if_fail (COACH_IS_WORKOUT (workout), NULL);

  copy = coach_workout_new ();
  fields = coach_record_to_json (COACH_RECORD (workout), FALSE);
  members = json_object_get_members (fields);
  for (GList *l = members; l; l = l->next)
    coach_record_set_value (COACH_RECORD (copy), l->data, json_object_get_member (fields, l->data));

  /* Translators: the name of a copied workout */
  name = g_strdup_printf (_("%s (copy)"), coach_record_get_string (COACH_RECORD (workout), "name"));
  if (g_utf8_strlen (name, -1) <= 200)
    coach_record_set_string (COACH_RECORD (copy), "name", name);
  coach_record_set_string (COACH_RECORD (copy), "status", "draft");

  if (!coach_catalog_begin (self, error))
    return NULL;
  if (!coach_catalog_save (self, COACH_RECORD (copy), error) ||
      !(items = coach_catalog_get_workout_items (self, coach_record_get_id (COACH_RECORD (workout)), error)))
    goto fail;

  for (guint i = 0; i < items->len; i++)
    {
      g_autoptr(CoachWorkoutItem) item = coach_workout_item_new ();
      g_autoptr(JsonObject) f = coach_record_to_json (items->pdata[i], FALSE);
      g_autoptr(GList) m = json_object_get_members (f);

      for (GList *l = m; l; l = l->next)
        coach_record_set_value (COACH_RECORD (item), l->data, json_object_get_member (f, l->data));
      coach_record_set_string (COACH_RECORD (item), "workout_id", coach_record_get_id (COACH_RECORD (copy)));
      if (!coach_catalog_save (self, COACH_RECORD (item), error))
        goto fail;
    }

  if (!coach_catalog_commit (self, error))
    goto fail;
  return g_steal_pointer (&copy);

fail:
  coach_catalog_rollback (self);
  return NULL;
}

typedef struct
{
  GPtrArray *records;   /* keeps the strings alive */
  GPtrArray *strvs;
  GArray    *pool;      /* CoachGeneratorExercise */
} Pool;

static void
pool_clear (Pool *pool)
{
  g_clear_pointer (&pool->records, g_ptr_array_unref);
  g_clear_pointer (&pool->strvs, g_ptr_array_unref);
  g_clear_pointer (&pool->pool, g_array_unref);
}

static gboolean
build_pool (CoachCatalog  *self,
            Pool          *pool,
            GError       **error)
{
  pool->records = coach_catalog_list (self, "exercise", FALSE, error);
  if (pool->records == NULL)
    return FALSE;
  pool->strvs = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  pool->pool = g_array_new (FALSE, TRUE, sizeof (CoachGeneratorExercise));

  for (guint i = 0; i < pool->records->len; i++)
    {
      CoachRecord *r = pool->records->pdata[i];
      CoachGeneratorExercise e = { 0 };
      char **equipment = coach_record_dup_strv (r, "equipment");
      char **muscles = coach_record_dup_strv (r, "muscles");
      char **categories = coach_catalog_get_links (self, "exercise_category", coach_record_get_id (r), error);

      g_ptr_array_add (pool->strvs, equipment);
      g_ptr_array_add (pool->strvs, muscles);
      if (categories == NULL)
        return FALSE;
      g_ptr_array_add (pool->strvs, categories);

      e.id = coach_record_get_id (r);
      e.name = coach_record_get_string (r, "name");
      e.difficulty = coach_record_get_string (r, "difficulty");
      e.has_jump = coach_record_get_boolean (r, "has_jump");
      e.equipment = (const char * const *) equipment;
      e.muscles = (const char * const *) muscles;
      e.categories = (const char * const *) categories;
      g_array_append_val (pool->pool, e);
    }
  return TRUE;
}

CoachWorkout *
coach_catalog_generate_workout (CoachCatalog                    *self,
                                const CoachGeneratorConstraints *constraints,
                                const char                      *name,
                                GError                         **error)
{
  Pool pool = { 0 };
  CoachGeneratorConstraints local;
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(CoachGeneratorResult) result = NULL;
  g_autoptr(CoachWorkout) workout = NULL;
  g_auto(GStrv) keys = NULL;
  const CoachDurationConfig *t;

  g_return_val_if_fail (COACH_IS_CATALOG (self), NULL);
  g_return_val_if_fail (constraints != NULL, NULL);

  if (!build_pool (self, &pool, error))
    {
      pool_clear (&pool);
      return NULL;
    }
  /* Name the categories in the explanation when the caller did not. */
  local = *constraints;
  if (local.categories != NULL && local.category_names == NULL)
    {
      names = g_ptr_array_new_with_free_func (g_free);
      for (guint i = 0; local.categories[i]; i++)
        {
          g_autoptr(CoachRecord) category = coach_catalog_get (self, "category", local.categories[i], NULL);

          g_ptr_array_add (names, g_strdup (category ? coach_record_get_string (category, "name")
                                                     : local.categories[i]));
        }
      g_ptr_array_add (names, NULL);
      local.category_names = (const char * const *) names->pdata;
    }

  if (!coach_generator_run ((const CoachGeneratorExercise *) (void *) pool.pool->data, pool.pool->len,
                            &local, &result, error))
    {
      pool_clear (&pool);
      return NULL;
    }
  pool_clear (&pool);

  t = &constraints->timing;
  workout = coach_workout_new ();
  coach_record_set_string (COACH_RECORD (workout), "name",
                           name && *name ? name : _("Generated workout"));
  coach_record_set_int (COACH_RECORD (workout), "work_s", t->work_s);
  coach_record_set_int (COACH_RECORD (workout), "rest_s", t->rest_s);
  coach_record_set_int (COACH_RECORD (workout), "rounds", MAX (1, t->rounds));
  coach_record_set_int (COACH_RECORD (workout), "warmup_s", t->warmup_s);
  coach_record_set_int (COACH_RECORD (workout), "cooldown_s", t->cooldown_s);
  coach_record_set_int (COACH_RECORD (workout), "target_duration_s", constraints->target_duration_s);
  coach_record_set_boolean (COACH_RECORD (workout), "no_jump", constraints->no_jump);
  coach_record_set_boolean (COACH_RECORD (workout), "no_repeat", constraints->no_repeat);
  coach_record_set_int (COACH_RECORD (workout), "total_duration_s",
                        MIN (result->total_duration_s, (guint64) 100 * 24 * 3600));

  keys = coach_position_n_between (NULL, NULL, MAX (result->exercise_ids->len, 1), error);
  if (keys == NULL)
    return NULL;

  if (!coach_catalog_begin (self, error))
    return NULL;
  if (!coach_catalog_save (self, COACH_RECORD (workout), error))
    goto fail;
  for (guint i = 0; i < result->exercise_ids->len; i++)
    {
      g_autoptr(CoachWorkoutItem) item = coach_workout_item_new ();

      coach_record_set_string (COACH_RECORD (item), "workout_id", coach_record_get_id (COACH_RECORD (workout)));
      coach_record_set_string (COACH_RECORD (item), "exercise_id", result->exercise_ids->pdata[i]);
      coach_record_set_string (COACH_RECORD (item), "position", keys[i]);
      coach_record_set_string (COACH_RECORD (item), "kind", "timed");
      if (!coach_catalog_save (self, COACH_RECORD (item), error))
        goto fail;
    }
  if (!refresh_total (self, coach_record_get_id (COACH_RECORD (workout)), error) ||
      !coach_catalog_commit (self, error))
    goto fail;
  return g_steal_pointer (&workout);

fail:
  coach_catalog_rollback (self);
  return NULL;
}
