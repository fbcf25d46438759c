/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 *
 * Random local edits for the chaos simulation, chosen from what a device
 * sees and drawn from the caller's generator only (a seed replays them as
 * long as the device sees the same rows).
 */
#define G_LOG_DOMAIN "sync-sim"

#include "config.h"

#include "coach-position.h"
#include "sync-sim-util.h"

static char *
random_id (GRand *rand)
{
  return g_strdup_printf ("%08x-%04x-7%03x-%x%03x-%04x%08x",
                          g_rand_int (rand), g_rand_int (rand) & 0xffff, g_rand_int (rand) & 0xfff,
                          8 + (g_rand_int (rand) & 3), g_rand_int (rand) & 0xfff,
                          g_rand_int (rand) & 0xffff, g_rand_int (rand));
}

GPtrArray *
sim_live_ids (CoachCatalog *catalog,
              const char   *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM \"%s\" WHERE deleted = 0 ORDER BY id", table);

  return sim_sqlite_strings (catalog, sql);
}

static const char *
pick (GRand     *rand,
      GPtrArray *ids)
{
  return ids->len ? ids->pdata[g_rand_int_range (rand, 0, ids->len)] : NULL;
}

/* A new position for an item placed at @index of @positions (the others). */
static char *
position_at (GPtrArray *positions,
             guint      index)
{
  const char *before = index > 0 ? positions->pdata[index - 1] : NULL;
  const char *after = index < positions->len ? positions->pdata[index] : NULL;

  /* equal neighbours (two devices picked the same key) leave no room */
  return coach_position_between (before, after, NULL);
}

static char *
item_op (CoachCatalog *catalog,
         GRand        *rand,
         guint         what)
{
  g_autoptr(GPtrArray) workouts = sim_live_ids (catalog, "workout");
  g_autoptr(GPtrArray) exercises = sim_live_ids (catalog, "exercise");
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) positions = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *position = NULL;
  const char *workout = pick (rand, workouts);
  const char *item;
  guint moved;

  if (workout == NULL)
    return NULL;
  sql = g_strdup_printf ("SELECT id FROM workout_item WHERE deleted = 0 AND workout_id = '%s' "
                         "ORDER BY position, id", workout);
  items = sim_sqlite_strings (catalog, sql);
  g_free (sql);
  sql = g_strdup_printf ("SELECT position FROM workout_item WHERE deleted = 0 AND workout_id = '%s' "
                         "ORDER BY position, id", workout);
  positions = sim_sqlite_strings (catalog, sql);

  if (what == 0 || items->len == 0)
    {
      g_autofree char *id = random_id (rand);
      const char *exercise = pick (rand, exercises);

      if (exercise == NULL || items->len >= 8)
        return NULL;
      position = position_at (positions, g_rand_int_range (rand, 0, positions->len + 1));
      if (position == NULL)
        return NULL;
      return g_strdup_printf ("put workout_item %s {\"*create\": true, \"workout_id\": \"%s\", "
                              "\"exercise_id\": \"%s\", \"position\": \"%s\", \"work_s\": %d}",
                              id, workout, exercise, position, g_rand_int_range (rand, 5, 120));
    }

  moved = g_rand_int_range (rand, 0, items->len);
  item = items->pdata[moved];
  switch (what)
    {
    case 1:
      g_ptr_array_remove_index (positions, moved);
      position = position_at (positions, g_rand_int_range (rand, 0, positions->len + 1));
      return position ? g_strdup_printf ("put workout_item %s {\"position\": \"%s\"}", item, position) : NULL;
    case 2:
      return g_strdup_printf ("put workout_item %s {\"work_s\": %d, \"notes\": \"n%u\"}",
                              item, g_rand_int_range (rand, 5, 120), g_rand_int_range (rand, 0, 1000));
    default:
      return g_strdup_printf ("del workout_item %s", item);
    }
}

char *
sim_random_op (CoachCatalog *catalog,
               GRand        *rand)
{
  static const char * const difficulties[] = { "easy", "medium", "hard" };
  static const char * const levels[] = { "beginner", "intermediate", "advanced" };
  g_autoptr(GPtrArray) exercises = sim_live_ids (catalog, "exercise");
  g_autoptr(GPtrArray) workouts = sim_live_ids (catalog, "workout");
  g_autoptr(GPtrArray) athletes = sim_live_ids (catalog, "athlete");
  g_autoptr(GPtrArray) categories = sim_live_ids (catalog, "category");
  g_autofree char *id = random_id (rand);
  guint v = g_rand_int_range (rand, 0, 1000);
  guint kind = g_rand_int_range (rand, 0, 40);

  /* few rows, many edits: devices keep running into each other */
  if (kind < 3 || (kind < 8 && exercises->len == 0))
    return exercises->len >= 6 ? NULL
      : g_strdup_printf ("put exercise %s {\"*create\": true, \"name\": \"ex%u\", \"difficulty\": \"%s\"}",
                         id, v, difficulties[v % 3]);
  if (kind < 8)
    switch (kind % 3)
      {
      case 0:
        return g_strdup_printf ("put exercise %s {\"name\": \"ex%u\"}", pick (rand, exercises), v);
      case 1:
        return g_strdup_printf ("put exercise %s {\"description\": \"d%u\", \"has_jump\": %s}",
                                pick (rand, exercises), v, v % 2 ? "true" : "false");
      default:
        return g_strdup_printf ("put exercise %s {\"difficulty\": \"%s\", \"muscles\": [\"m%u\"]}",
                                pick (rand, exercises), difficulties[v % 3], v % 7);
      }
  if (kind == 8)
    return exercises->len ? g_strdup_printf ("del exercise %s", pick (rand, exercises)) : NULL;
  if (kind < 11 || (kind < 13 && workouts->len == 0))
    return workouts->len >= 3 ? NULL
      : g_strdup_printf ("put workout %s {\"*create\": true, \"name\": \"wo%u\"}", id, v);
  if (kind < 14)
    return g_strdup_printf ("put workout %s {\"%s\": %u}", pick (rand, workouts),
                            kind == 13 ? "rounds" : "work_s", 1 + v % 9);
  if (kind == 14)
    return g_strdup_printf ("put workout %s {\"name\": \"wo%u\"}", pick (rand, workouts), v);
  if (kind == 15)
    return workouts->len && v % 3 == 0 ? g_strdup_printf ("del workout %s", pick (rand, workouts)) : NULL;
  if (kind < 21)
    return item_op (catalog, rand, 0);
  if (kind < 27)
    return item_op (catalog, rand, 1);
  if (kind < 29)
    return item_op (catalog, rand, 2);
  if (kind == 29)
    return item_op (catalog, rand, 3);
  if (kind == 30 || (kind < 33 && athletes->len == 0))
    return athletes->len >= 4 ? NULL
      : g_strdup_printf ("put athlete %s {\"*create\": true, \"name\": \"at%u\"}", id, v);
  if (kind < 34)
    return g_strdup_printf ("put athlete %s {\"%s\": \"%s%u\"}", pick (rand, athletes),
                            kind == 33 ? "notes" : "name", kind == 33 ? "n" : "at", v);
  if (kind == 34)
    return g_strdup_printf ("put athlete %s {\"level\": \"%s\"}", pick (rand, athletes), levels[v % 3]);
  if (kind == 35)
    return athletes->len ? g_strdup_printf ("del athlete %s", pick (rand, athletes)) : NULL;
  if (kind == 36 || categories->len == 0)
    return categories->len >= 3 ? NULL
      : g_strdup_printf ("put category %s {\"*create\": true, \"name\": \"cat%u\"}", id, v);
  if (exercises->len == 0)
    return NULL;
  return g_strdup_printf ("%s exercise_category %s %s", kind < 39 ? "link" : "unlink",
                          pick (rand, exercises), pick (rand, categories));
}
