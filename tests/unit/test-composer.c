/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 *
 * Workout composition on a real catalog: ordered items with fractional
 * positions, the total duration kept in step, duplication, and the
 * generator over the catalog's exercises.
 */
#include "config.h"

#include "catalog-test-util.h"
#include "coach-composer.h"
#include "coach-duration.h"
#include "coach-position.h"

typedef struct
{
  CatalogFixture  base;
  GPtrArray      *exercises;   /* CoachRecord */
  CoachWorkout   *workout;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  catalog_fixture_setup (&f->base, NULL);
  f->exercises = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < 6; i++)
    {
      g_autofree char *name = g_strdup_printf ("Exercise %u", i);
      g_ptr_array_add (f->exercises, test_save_exercise (f->base.catalog, name));
    }

  f->workout = coach_workout_new ();
  coach_record_set_string (COACH_RECORD (f->workout), "name", "Tuesday circuit");
  coach_record_set_int (COACH_RECORD (f->workout), "work_s", 40);
  coach_record_set_int (COACH_RECORD (f->workout), "rest_s", 20);
  coach_record_set_int (COACH_RECORD (f->workout), "rounds", 2);
  coach_record_set_int (COACH_RECORD (f->workout), "warmup_s", 300);
  coach_record_set_int (COACH_RECORD (f->workout), "cooldown_s", 120);
  g_assert_true (coach_catalog_save_workout (f->base.catalog, f->workout, &error));
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->workout);
  g_clear_pointer (&f->exercises, g_ptr_array_unref);
  catalog_fixture_teardown (&f->base, NULL);
}

static const char *
ex_id (Fixture *f,
       guint    i)
{
  return coach_record_get_id (f->exercises->pdata[i]);
}

/* The exercise ids of the workout's items in order, as stored. */
static char *
order_of (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = coach_catalog_get_workout_items (f->base.catalog,
                                                                coach_record_get_id (COACH_RECORD (f->workout)),
                                                                &error);
  GString *s = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < items->len; i++)
    {
      const char *ex = coach_record_get_string (items->pdata[i], "exercise_id");

      for (guint e = 0; e < f->exercises->len; e++)
        if (g_str_equal (ex, ex_id (f, e)))
          g_string_append_printf (s, "%u", e);
    }
  return g_string_free (s, FALSE);
}

static CoachWorkoutItem *
add (Fixture *f,
     guint    exercise,
     int      index)
{
  g_autoptr(GError) error = NULL;
  CoachWorkoutItem *item = coach_catalog_add_workout_item (f->base.catalog, f->workout,
                                                           ex_id (f, exercise), index, &error);

  g_assert_no_error (error);
  g_assert_nonnull (item);
  return item;
}

static void
test_add_in_order (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *order = NULL;

  g_object_unref (add (f, 0, -1));
  g_object_unref (add (f, 1, -1));
  g_object_unref (add (f, 2, 0));     /* first */
  g_object_unref (add (f, 3, 1));     /* between 2 and 0 */
  g_object_unref (add (f, 4, 99));    /* past the end appends */

  order = order_of (f);
  g_assert_cmpstr (order, ==, "23014");
}

static void
test_total_duration (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoachWorkoutItem) a = NULL;
  g_autoptr(CoachWorkoutItem) b = NULL;
  g_autoptr(CoachWorkoutItem) c = NULL;
  CoachRecord *w = COACH_RECORD (f->workout);

  /* warm-up and cool-down only */
  g_assert_cmpint (coach_record_get_int (w, "total_duration_s"), ==, 420);

  a = add (f, 0, -1);
  b = add (f, 1, -1);
  /* 300 + 120 + 2 rounds x (60 + 60) - the last rest 20 */
  g_assert_cmpint (coach_record_get_int (w, "total_duration_s"), ==, 300 + 120 + 2 * 120 - 20);

  /* a sets item: 3 x (10 reps x 3 s + 20 s rest) */
  coach_record_set_string (COACH_RECORD (b), "kind", "sets");
  coach_record_set_int (COACH_RECORD (b), "sets", 3);
  coach_record_set_int (COACH_RECORD (b), "reps", 10);
  g_assert_true (coach_catalog_save_workout_item (f->base.catalog, b, &error));
  g_assert_no_error (error);
  g_assert_cmpint (coach_record_get_int (w, "total_duration_s"), ==,
                   300 + 120 + 2 * (60 + 3 * (10 * COACH_SECONDS_PER_REP + 20)) - 20);

  /* the workout's own timing */
  coach_record_set_int (w, "rounds", 1);
  g_assert_true (coach_catalog_save_workout (f->base.catalog, f->workout, &error));
  g_assert_cmpint (coach_record_get_int (w, "total_duration_s"), ==,
                   300 + 120 + 60 + 3 * (10 * COACH_SECONDS_PER_REP + 20) - 20);

  /* removing an item */
  g_assert_true (coach_catalog_remove_workout_item (f->base.catalog, b, &error));
  g_assert_no_error (error);
  g_assert_cmpint (coach_record_get_int (w, "total_duration_s"), ==, 300 + 120 + 60 - 20);

  c = add (f, 2, -1);
  g_assert_cmpint (coach_record_get_int (w, "total_duration_s"), ==, 300 + 120 + 120 - 20);

  /* and it is what is stored */
  g_assert_cmpint (test_sql_int (f->base.path, "SELECT total_duration_s FROM workout"), ==,
                   300 + 120 + 120 - 20);
}

static void
test_move (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *o1 = NULL, *o2 = NULL, *o3 = NULL, *o4 = NULL;
  gint64 outbox_before;

  for (guint i = 0; i < 5; i++)
    g_ptr_array_add (items, add (f, i, -1));

  outbox_before = test_outbox_count (f->base.catalog);
  g_assert_true (coach_catalog_move_workout_item (f->base.catalog, items->pdata[0], 4, &error));
  g_assert_no_error (error);
  o1 = order_of (f);
  g_assert_cmpstr (o1, ==, "12340");
  /* a move writes the moved item only */
  g_assert_cmpint (test_outbox_count (f->base.catalog), ==, outbox_before + 1);

  g_assert_true (coach_catalog_move_workout_item (f->base.catalog, items->pdata[3], 0, &error));
  o2 = order_of (f);
  g_assert_cmpstr (o2, ==, "31240");

  g_assert_true (coach_catalog_move_workout_item (f->base.catalog, items->pdata[2], 1, &error));
  o3 = order_of (f);
  g_assert_cmpstr (o3, ==, "32140");

  /* past the end means last; to its own place changes nothing */
  g_assert_true (coach_catalog_move_workout_item (f->base.catalog, items->pdata[3], 100, &error));
  o4 = order_of (f);
  g_assert_cmpstr (o4, ==, "21403");
  outbox_before = test_outbox_count (f->base.catalog);
  g_assert_true (coach_catalog_move_workout_item (f->base.catalog, items->pdata[3], 4, &error));
  g_assert_cmpint (test_outbox_count (f->base.catalog), ==, outbox_before);
}

static void
test_duplicate_item (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoachWorkoutItem) a = add (f, 0, -1);
  g_autoptr(CoachWorkoutItem) b = add (f, 1, -1);
  g_autoptr(CoachWorkoutItem) copy = NULL;
  g_autofree char *order = NULL;

  coach_record_set_string (COACH_RECORD (a), "notes", "slow eccentric");
  g_assert_true (coach_catalog_save_workout_item (f->base.catalog, a, &error));

  copy = coach_catalog_duplicate_workout_item (f->base.catalog, a, &error);
  g_assert_no_error (error);
  g_assert_nonnull (copy);
  g_assert_cmpstr (coach_record_get_id (COACH_RECORD (copy)), !=, coach_record_get_id (COACH_RECORD (a)));
  g_assert_cmpstr (coach_record_get_string (COACH_RECORD (copy), "notes"), ==, "slow eccentric");
  order = order_of (f);
  g_assert_cmpstr (order, ==, "001");
}

/* Two devices inserted at the same spot and picked the same key: the list
 * is still ordered (by id) and the next insert there re-spaces it. */
static void
test_equal_positions (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoachWorkoutItem) a = add (f, 0, -1);
  g_autoptr(CoachWorkoutItem) b = add (f, 1, -1);
  g_autoptr(CoachWorkoutItem) c = add (f, 2, -1);
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *before = NULL, *after = NULL;

  coach_record_set_string (COACH_RECORD (c), "position",
                           coach_record_get_string (COACH_RECORD (b), "position"));
  g_assert_true (coach_catalog_save (f->base.catalog, COACH_RECORD (c), &error));
  before = order_of (f);
  g_assert_cmpuint (strlen (before), ==, 3);

  /* between b and c, which share a key */
  g_object_unref (add (f, 3, 2));

  items = coach_catalog_get_workout_items (f->base.catalog, coach_record_get_id (COACH_RECORD (f->workout)), &error);
  g_assert_cmpuint (items->len, ==, 4);
  for (guint i = 1; i < items->len; i++)
    g_assert_cmpstr (coach_record_get_string (items->pdata[i - 1], "position"), <,
                     coach_record_get_string (items->pdata[i], "position"));
  after = order_of (f);
  g_assert_cmpint (after[2], ==, '3');
}

/* Many random inserts, moves, duplicates and removals through the catalog:
 * positions stay unique and ordered, and the stored order matches a plain
 * array model of the same operations. */
static void
test_random_operations (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (1234);
  g_autoptr(GPtrArray) model = g_ptr_array_new_with_free_func (g_object_unref);
  guint max_len = 0;

  g_assert_true (coach_catalog_begin (f->base.catalog, &error));
  for (guint op = 0; op < 600; op++)
    {
      guint kind = g_rand_int_range (rand, 0, 10);

      if (model->len < 3 || kind < 4)
        {
          guint at = g_rand_int_range (rand, 0, model->len + 1);
          CoachWorkoutItem *item = add (f, g_rand_int_range (rand, 0, 6), at);

          g_ptr_array_insert (model, at, item);
        }
      else if (kind < 7)
        {
          guint from = g_rand_int_range (rand, 0, model->len);
          guint to = g_rand_int_range (rand, 0, model->len);
          gpointer item = g_ptr_array_steal_index (model, from);

          g_assert_true (coach_catalog_move_workout_item (f->base.catalog, item, to, &error));
          g_assert_no_error (error);
          g_ptr_array_insert (model, to, item);
        }
      else if (kind < 8)
        {
          guint at = g_rand_int_range (rand, 0, model->len);
          CoachWorkoutItem *copy = coach_catalog_duplicate_workout_item (f->base.catalog, model->pdata[at], &error);

          g_assert_no_error (error);
          g_ptr_array_insert (model, at + 1, copy);
        }
      else
        {
          guint at = g_rand_int_range (rand, 0, model->len);

          g_assert_true (coach_catalog_remove_workout_item (f->base.catalog, model->pdata[at], &error));
          g_assert_no_error (error);
          g_ptr_array_remove_index (model, at);
        }
    }
  g_assert_true (coach_catalog_commit (f->base.catalog, &error));

  {
    g_autoptr(GPtrArray) items = coach_catalog_get_workout_items (f->base.catalog,
                                                                  coach_record_get_id (COACH_RECORD (f->workout)),
                                                                  &error);
    g_assert_no_error (error);
    g_assert_cmpuint (items->len, ==, model->len);
    for (guint i = 0; i < items->len; i++)
      {
        const char *pos = coach_record_get_string (items->pdata[i], "position");

        g_assert_true (items->pdata[i] == model->pdata[i]);
        g_assert_true (coach_position_is_valid (pos));
        max_len = MAX (max_len, strlen (pos));
        if (i > 0)
          g_assert_cmpstr (coach_record_get_string (items->pdata[i - 1], "position"), <, pos);
      }
  }
  g_assert_cmpuint (max_len, <=, 64);
  {
    g_autofree char *integrity = test_integrity_check (f->base.path);
    g_assert_cmpstr (integrity, ==, "ok");
  }
}

static void
test_duplicate_workout (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoachWorkout) copy = NULL;
  g_autofree char *original_order = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) copied = NULL;

  g_object_unref (add (f, 4, -1));
  g_object_unref (add (f, 2, -1));
  g_object_unref (add (f, 5, -1));
  coach_record_set_string (COACH_RECORD (f->workout), "status", "ready");
  g_assert_true (coach_catalog_save_workout (f->base.catalog, f->workout, &error));

  copy = coach_catalog_duplicate_workout (f->base.catalog, f->workout, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (coach_record_get_string (COACH_RECORD (copy), "name"), ==, "Tuesday circuit (copy)");
  g_assert_cmpstr (coach_record_get_string (COACH_RECORD (copy), "status"), ==, "draft");
  g_assert_cmpint (coach_record_get_int (COACH_RECORD (copy), "total_duration_s"), ==,
                   coach_record_get_int (COACH_RECORD (f->workout), "total_duration_s"));

  items = coach_catalog_get_workout_items (f->base.catalog, coach_record_get_id (COACH_RECORD (f->workout)), &error);
  copied = coach_catalog_get_workout_items (f->base.catalog, coach_record_get_id (COACH_RECORD (copy)), &error);
  g_assert_cmpuint (copied->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_assert_cmpstr (coach_record_get_string (items->pdata[i], "exercise_id"), ==,
                       coach_record_get_string (copied->pdata[i], "exercise_id"));
      g_assert_cmpstr (coach_record_get_id (items->pdata[i]), !=, coach_record_get_id (copied->pdata[i]));
    }
  /* the original is untouched */
  original_order = order_of (f);
  g_assert_cmpstr (original_order, ==, "425");
}

static void
test_errors_save_nothing (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoachWorkout) unsaved = coach_workout_new ();
  g_autoptr(CoachWorkoutItem) item = NULL;
  gint64 outbox = test_outbox_count (f->base.catalog);

  coach_record_set_string (COACH_RECORD (unsaved), "name", "Not saved");
  item = coach_catalog_add_workout_item (f->base.catalog, unsaved, ex_id (f, 0), -1, &error);
  g_assert_null (item);
  g_assert_error (error, COACH_CATALOG_ERROR, COACH_CATALOG_ERROR_INVALID);
  g_clear_error (&error);

  item = coach_catalog_add_workout_item (f->base.catalog, f->workout, "01234567-89ab-7def-8123-456789abcdef", -1, &error);
  g_assert_null (item);
  g_assert_error (error, COACH_CATALOG_ERROR, COACH_CATALOG_ERROR_NOT_FOUND);

  g_assert_cmpint (test_outbox_count (f->base.catalog), ==, outbox);
  g_assert_cmpint (test_count (f->base.catalog, "workout_item"), ==, 0);
}

static void
test_generate (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  CoachGeneratorConstraints c = { 0 };
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_assert_true (coach_catalog_ensure_starter_library (f->base.catalog, &error));
  g_assert_no_error (error);

  c.target_duration_s = 20 * 60;
  c.timing.work_s = 40;
  c.timing.rest_s = 20;
  c.timing.rounds = 2;
  c.no_jump = TRUE;
  c.no_repeat = TRUE;

  for (guint64 seed = 1; seed <= 20; seed++)
    {
      g_autoptr(CoachWorkout) w = NULL;
      g_autoptr(CoachWorkout) again = NULL;
      g_autoptr(GPtrArray) items = NULL;
      g_autoptr(GPtrArray) items_again = NULL;
      GString *signature = g_string_new (NULL);

      c.seed = seed;
      w = coach_catalog_generate_workout (f->base.catalog, &c, NULL, &error);
      g_assert_no_error (error);
      again = coach_catalog_generate_workout (f->base.catalog, &c, "Again", &error);
      g_assert_no_error (error);

      items = coach_catalog_get_workout_items (f->base.catalog, coach_record_get_id (COACH_RECORD (w)), &error);
      items_again = coach_catalog_get_workout_items (f->base.catalog, coach_record_get_id (COACH_RECORD (again)), &error);
      g_assert_cmpuint (items->len, >, 5);
      g_assert_cmpuint (items->len, ==, items_again->len);

      for (guint i = 0; i < items->len; i++)
        {
          const char *id = coach_record_get_string (items->pdata[i], "exercise_id");
          g_autoptr(CoachRecord) ex = coach_catalog_get (f->base.catalog, "exercise", id, &error);

          g_assert_no_error (error);
          g_assert_false (coach_record_get_boolean (ex, "has_jump"));
          g_assert_cmpstr (id, ==, coach_record_get_string (items_again->pdata[i], "exercise_id"));
          for (guint j = 0; j < i; j++)
            g_assert_cmpstr (id, !=, coach_record_get_string (items->pdata[j], "exercise_id"));
          g_string_append (signature, id);
        }

      /* the stored total is the composer's own computation, near the target */
      g_assert_cmpint (coach_record_get_int (COACH_RECORD (w), "total_duration_s"), ==,
                       (gint64) coach_catalog_compute_workout_duration (f->base.catalog, w, NULL));
      g_assert_cmpint (ABS (coach_record_get_int (COACH_RECORD (w), "total_duration_s") - (gint64) c.target_duration_s),
                       <=, 2 * 60);
      g_hash_table_add (seen, g_string_free (signature, FALSE));
    }
  g_assert_cmpuint (g_hash_table_size (seen), >=, 15);
}

static void
test_generate_impossible (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoachWorkout) w = NULL;
  CoachGeneratorConstraints c = { 0 };
  g_autoptr(CoachRecord) category = test_save_named (f->base.catalog, "category", "name", "Balance work");
  const char *categories[] = { coach_record_get_id (category), NULL };
  gint64 outbox;

  test_link (f->base.catalog, "exercise_category", ex_id (f, 0), categories[0]);
  outbox = test_outbox_count (f->base.catalog);

  c.target_duration_s = 30 * 60;
  c.timing.work_s = 30;
  c.timing.rest_s = 30;
  c.timing.rounds = 1;
  c.no_repeat = TRUE;
  c.categories = categories;

  w = coach_catalog_generate_workout (f->base.catalog, &c, NULL, &error);
  g_assert_null (w);
  g_assert_error (error, COACH_GENERATOR_ERROR, COACH_GENERATOR_ERROR_NOT_ENOUGH);
  /* the explanation names the category */
  g_assert_nonnull (strstr (error->message, "Balance work"));
  g_assert_cmpint (test_outbox_count (f->base.catalog), ==, outbox);
  g_assert_cmpint (test_count (f->base.catalog, "workout"), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/composer/add-in-order", test_add_in_order);
  ADD ("/composer/total-duration", test_total_duration);
  ADD ("/composer/move", test_move);
  ADD ("/composer/duplicate-item", test_duplicate_item);
  ADD ("/composer/equal-positions", test_equal_positions);
  ADD ("/composer/random-operations", test_random_operations);
  ADD ("/composer/duplicate-workout", test_duplicate_workout);
  ADD ("/composer/errors-save-nothing", test_errors_save_nothing);
  ADD ("/composer/generate", test_generate);
  ADD ("/composer/generate-impossible", test_generate_impossible);
#undef ADD

  return g_test_run ();
}
