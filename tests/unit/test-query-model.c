/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#include "config.h"

#include "coach-catalog.h"
#include "coach-exercise.h"
#include "coach-query-model.h"
#include "coach-workout-item.h"

#include "catalog-test-util.h"

typedef CatalogFixture Fixture;

#define fixture_setup catalog_fixture_setup
#define fixture_teardown catalog_fixture_teardown

/* What views were told, checked against what they can see. */
typedef struct
{
  GListModel *model;
  guint       n_items;    /* as a view last knew it */
  GArray     *changes;    /* guint triples */
} ChangeLog;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  ChangeLog  *log)
{
  guint triple[3] = { position, removed, added };

  /* the contract of GListModel: the range was valid before, and the new
   * length follows from it */
  g_assert_cmpuint (position + removed, <=, log->n_items);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, log->n_items - removed + added);
  log->n_items = g_list_model_get_n_items (model);
  g_array_append_vals (log->changes, triple, 3);
}

static ChangeLog *
change_log_new (GListModel *model)
{
  ChangeLog *log = g_new0 (ChangeLog, 1);

  log->model = model;
  log->n_items = g_list_model_get_n_items (model);
  log->changes = g_array_new (FALSE, FALSE, sizeof (guint));
  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), log);
  return log;
}

static void
change_log_free (ChangeLog *log)
{
  g_signal_handlers_disconnect_by_data (log->model, log);
  g_array_unref (log->changes);
  g_free (log);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChangeLog, change_log_free)

static guint
n_changes (ChangeLog *log)
{
  return log->changes->len / 3;
}

static void
assert_change (ChangeLog *log,
               guint      position,
               guint      removed,
               guint      added)
{
  guint *c;

  g_assert_cmpuint (n_changes (log), ==, 1);
  c = &g_array_index (log->changes, guint, 0);
  if (c[0] != position || c[1] != removed || c[2] != added)
    g_error ("items-changed (%u, %u, %u), expected (%u, %u, %u)",
             c[0], c[1], c[2], position, removed, added);
  g_array_set_size (log->changes, 0);
}

static char *
model_names (GListModel *model,
             const char *field)
{
  g_autoptr(GString) s = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(CoachRecord) r = g_list_model_get_item (model, i);

      if (i > 0)
        g_string_append_c (s, '|');
      g_string_append (s, coach_record_get_string (r, field));
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* ------------------------------------------------------------------------- */

static void
test_basic (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoachQueryModel) model = coach_query_model_new (f->catalog, "exercise");
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(CoachRecord) first = NULL;
  g_autoptr(CoachRecord) got = NULL;
  const char *names[] = { "burpee", "Air squat", "Zercher squat", "b-skip", "Ab wheel", "Lunge" };
  g_autofree char *order = NULL;
  GType item_type = G_TYPE_INVALID;
  guint n = 0;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_object_unref (test_save_exercise (f->catalog, names[i]));

  g_assert_cmpstr (coach_query_model_get_table (model), ==, "exercise");
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (model)) == COACH_TYPE_EXERCISE);
  g_object_get (model, "item-type", &item_type, "n-items", &n, NULL);
  g_assert_true (item_type == COACH_TYPE_EXERCISE);
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (names));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, test_count (f->catalog, "exercise"));

  order = model_names (G_LIST_MODEL (model), "name");
  g_assert_cmpstr (order, ==, "Ab wheel|Air squat|b-skip|burpee|Lunge|Zercher squat");

  /* the same order as a plain list, and the same live objects */
  list = coach_catalog_list (f->catalog, "exercise", FALSE, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < list->len; i++)
    {
      g_autoptr(CoachRecord) item = g_list_model_get_item (G_LIST_MODEL (model), i);
      g_assert_true (item == list->pdata[i]);
    }
  first = g_list_model_get_item (G_LIST_MODEL (model), 0);
  got = coach_catalog_get (f->catalog, "exercise", coach_record_get_id (first), &error);
  g_assert_no_error (error);
  g_assert_true (got == first);

  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), G_N_ELEMENTS (names)));
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), G_MAXUINT));

  /* positions by id, for keeping a selection */
  for (guint i = 0; i < list->len; i++)
    g_assert_cmpint (coach_query_model_find_id (model, coach_record_get_id (list->pdata[i])), ==, i);
  g_assert_cmpint (coach_query_model_find_id (model, "01234567-89ab-7def-8123-456789abcdef"), ==, -1);
  g_assert_cmpint (coach_query_model_find_id (model, NULL), ==, -1);
  g_assert_true (coach_catalog_set_archived (f->catalog, list->pdata[2], TRUE, &error));
  g_assert_cmpint (coach_query_model_find_id (model, coach_record_get_id (list->pdata[2])), ==, -1);
  g_assert_cmpint (coach_query_model_find_id (model, coach_record_get_id (list->pdata[3])), ==, 2);
}

static void
test_lazy_pages (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoachQueryModel) model = NULL;
  g_autofree char *prev = NULL;
  guint max_pages = 0;
  guint n;
  gint64 start;

  g_assert_true (coach_catalog_begin (f->catalog, &error));
  for (guint i = 0; i < 5000; i++)
    {
      g_autofree char *name = g_strdup_printf ("Exercise %05u", (i * 7919) % 5000);
      g_object_unref (test_save_exercise (f->catalog, name));
    }
  g_assert_true (coach_catalog_commit (f->catalog, &error));
  g_assert_no_error (error);

  model = coach_query_model_new (f->catalog, "exercise");
  /* nothing is loaded before it is asked for */
  g_assert_cmpuint (coach_query_model_get_n_cached_pages (model), ==, 0);
  start = g_get_monotonic_time ();
  n = g_list_model_get_n_items (G_LIST_MODEL (model));
  g_assert_cmpuint (n, ==, 5000);
  g_assert_cmpuint (coach_query_model_get_n_cached_pages (model), ==, 0);
  g_test_message ("row ids of 5000 rows in %" G_GINT64_FORMAT " µs", g_get_monotonic_time () - start);

  {
    g_autoptr(CoachRecord) r0 = g_list_model_get_item (G_LIST_MODEL (model), 0);
    g_autoptr(CoachRecord) r1 = g_list_model_get_item (G_LIST_MODEL (model), 1);
    g_autoptr(CoachRecord) last = g_list_model_get_item (G_LIST_MODEL (model), n - 1);

    g_assert_cmpuint (coach_query_model_get_n_cached_pages (model), ==, 2);
    g_assert_cmpstr (coach_record_get_string (r0, "name"), ==, "Exercise 00000");
    g_assert_cmpstr (coach_record_get_string (last, "name"), ==, "Exercise 04999");
  }

  /* scrolling through everything, both ways, keeps a bounded cache */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CoachRecord) r = g_list_model_get_item (G_LIST_MODEL (model), i);
      const char *name = coach_record_get_string (r, "name");

      g_assert_nonnull (r);
      if (prev != NULL)
        g_assert_cmpstr (prev, <, name);
      g_free (prev);
      prev = g_strdup (name);
      max_pages = MAX (max_pages, coach_query_model_get_n_cached_pages (model));
    }
  for (guint i = n; i-- > 0;)
    {
      g_autoptr(CoachRecord) r = g_list_model_get_item (G_LIST_MODEL (model), i);

      g_assert_nonnull (r);
      max_pages = MAX (max_pages, coach_query_model_get_n_cached_pages (model));
    }
  g_test_message ("at most %u pages cached", max_pages);
  g_assert_cmpuint (max_pages, >=, 2);
  /* 5000 rows are 79 pages of 64: far from all of them stay */
  g_assert_cmpuint (max_pages, <=, 40);

  /* a random walk too */
  for (guint i = 0; i < 2000; i++)
    {
      g_autoptr(CoachRecord) r = g_list_model_get_item (G_LIST_MODEL (model), g_test_rand_int_range (0, n));

      g_assert_nonnull (r);
      g_assert_cmpuint (coach_query_model_get_n_cached_pages (model), <=, max_pages);
    }
}

static void
test_items_changed (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoachQueryModel) model = coach_query_model_new (f->catalog, "exercise");
  g_autoptr(ChangeLog) log = NULL;
  g_autoptr(GPtrArray) held = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(CoachRecord) inserted = NULL;
  g_autoptr(CoachRecord) category = NULL;
  g_autofree char *names = NULL;
  CoachRecord *ex10, *ex16, *ex18, *ex00;

  for (guint i = 0; i < 10; i++)
    {
      g_autofree char *name = g_strdup_printf ("Ex %02u", i * 2);
      g_ptr_array_add (held, test_save_exercise (f->catalog, name));
    }
  ex00 = held->pdata[0];
  ex10 = held->pdata[5];
  ex16 = held->pdata[8];
  ex18 = held->pdata[9];

  log = change_log_new (G_LIST_MODEL (model));
  g_assert_cmpuint (log->n_items, ==, 10);
  /* load every page, so stale pages would show */
  g_free (model_names (G_LIST_MODEL (model), "name"));

  /* insert in the middle */
  inserted = test_save_exercise (f->catalog, "Ex 05");
  assert_change (log, 3, 0, 1);
  names = model_names (G_LIST_MODEL (model), "name");
  g_assert_cmpstr (names, ==, "Ex 00|Ex 02|Ex 04|Ex 05|Ex 06|Ex 08|Ex 10|Ex 12|Ex 14|Ex 16|Ex 18");
  g_clear_pointer (&names, g_free);

  /* delete */
  g_assert_true (coach_catalog_delete (f->catalog, ex10, &error));
  g_assert_no_error (error);
  assert_change (log, 6, 1, 0);

  /* a rename that moves a row: the range between its old and new place */
  coach_record_set_string (ex16, "name", "Ex 01");
  g_assert_true (coach_catalog_save (f->catalog, ex16, &error));
  g_assert_no_error (error);
  assert_change (log, 1, 8, 8);
  names = model_names (G_LIST_MODEL (model), "name");
  g_assert_cmpstr (names, ==, "Ex 00|Ex 01|Ex 02|Ex 04|Ex 05|Ex 06|Ex 08|Ex 12|Ex 14|Ex 18");
  g_clear_pointer (&names, g_free);

  /* a rename that keeps the order: the row object tells, not the list */
  coach_record_set_string (ex18, "name", "Ex 19");
  g_assert_true (coach_catalog_save (f->catalog, ex18, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_changes (log), ==, 0);
  {
    g_autoptr(CoachRecord) last = g_list_model_get_item (G_LIST_MODEL (model), 9);
    g_assert_true (last == ex18);
    g_assert_cmpstr (coach_record_get_string (last, "name"), ==, "Ex 19");
  }

  /* other tables do not disturb it */
  category = test_save_named (f->catalog, "category", "name", "Legs");
  g_assert_cmpuint (n_changes (log), ==, 0);

  /* archived rows leave, and come back when asked for */
  g_assert_true (coach_catalog_set_archived (f->catalog, ex00, TRUE, &error));
  g_assert_no_error (error);
  assert_change (log, 0, 1, 0);
  coach_query_model_set_include_archived (model, TRUE);
  assert_change (log, 0, 0, 1);
  coach_query_model_set_include_archived (model, TRUE);
  g_assert_cmpuint (n_changes (log), ==, 0);

  /* a transaction of several changes is one refresh */
  g_assert_true (coach_catalog_begin (f->catalog, &error));
  g_object_unref (test_save_exercise (f->catalog, "Ex 03"));
  g_object_unref (test_save_exercise (f->catalog, "Ex 07"));
  g_assert_cmpuint (n_changes (log), ==, 0);
  g_assert_true (coach_catalog_commit (f->catalog, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_changes (log), ==, 1);
  g_array_set_size (log->changes, 0);
  names = model_names (G_LIST_MODEL (model), "name");
  g_assert_cmpstr (names, ==, "Ex 00|Ex 01|Ex 02|Ex 03|Ex 04|Ex 05|Ex 06|Ex 07|Ex 08|Ex 12|Ex 14|Ex 19");

  /* a rolled back transaction leaves the list as it was */
  g_assert_true (coach_catalog_begin (f->catalog, &error));
  g_object_unref (test_save_exercise (f->catalog, "Ex 09"));
  coach_catalog_rollback (f->catalog);
  g_assert_cmpuint (n_changes (log), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 12);
}

static void
test_ref_filter (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoachRecord) ex = test_save_exercise (f->catalog, "Burpee");
  g_autoptr(CoachRecord) a = test_save_named (f->catalog, "workout", "name", "A");
  g_autoptr(CoachRecord) b = test_save_named (f->catalog, "workout", "name", "B");
  g_autoptr(CoachQueryModel) model = coach_query_model_new (f->catalog, "workout_item");
  g_autoptr(ChangeLog) log = NULL;
  g_autoptr(CoachRecord) mid_item = NULL;
  g_autofree char *order = NULL;
  const char *positions[] = { "a0", "a2", "a1" };

  for (guint i = 0; i < G_N_ELEMENTS (positions); i++)
    {
      g_autoptr(CoachRecord) item = test_save_item (f->catalog, coach_record_get_id (a),
                                                    coach_record_get_id (ex), positions[i]);
      coach_record_set_string (item, "notes", positions[i]);
      g_assert_true (coach_catalog_save (f->catalog, item, &error));
      g_assert_no_error (error);
    }
  g_object_unref (test_save_item (f->catalog, coach_record_get_id (b), coach_record_get_id (ex), "a0"));

  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (model)) == COACH_TYPE_WORKOUT_ITEM);
  coach_query_model_set_ref_filter (model, "workout_id", coach_record_get_id (a));
  log = change_log_new (G_LIST_MODEL (model));
  g_assert_cmpuint (log->n_items, ==, 3);
  order = model_names (G_LIST_MODEL (model), "position");
  g_assert_cmpstr (order, ==, "a0|a1|a2");
  g_clear_pointer (&order, g_free);

  /* items of another workout do not show, nor disturb */
  g_object_unref (test_save_item (f->catalog, coach_record_get_id (b), coach_record_get_id (ex), "a1"));
  g_assert_cmpuint (n_changes (log), ==, 0);

  /* positions compare as text: "a15" sits between "a1" and "a2" */
  mid_item = test_save_item (f->catalog, coach_record_get_id (a), coach_record_get_id (ex), "a15");
  assert_change (log, 2, 0, 1);
  order = model_names (G_LIST_MODEL (model), "position");
  g_assert_cmpstr (order, ==, "a0|a1|a15|a2");
  g_clear_pointer (&order, g_free);

  /* moving an item is a change of its position */
  coach_record_set_string (mid_item, "position", "Z");
  g_assert_true (coach_catalog_save (f->catalog, mid_item, &error));
  g_assert_no_error (error);
  assert_change (log, 0, 3, 3);

  /* switching the filter to the other workout */
  coach_query_model_set_ref_filter (model, "workout_id", coach_record_get_id (b));
  g_assert_cmpuint (n_changes (log), ==, 1);
  g_array_set_size (log->changes, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 2);

  /* deleting workout A takes its items, B's stay */
  g_assert_true (coach_catalog_delete (f->catalog, a, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_changes (log), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 2);

  /* no filter: every live item */
  coach_query_model_set_ref_filter (model, NULL, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 2);
  coach_query_model_set_ref_filter (model, "workout_id", coach_record_get_id (a));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
}

static void
test_workout_archive (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoachRecord) w1 = test_save_named (f->catalog, "workout", "name", "Monday");
  g_autoptr(CoachRecord) w2 = test_save_named (f->catalog, "workout", "name", "Tuesday");
  g_autoptr(CoachQueryModel) model = coach_query_model_new (f->catalog, "workout");
  g_autoptr(ChangeLog) log = change_log_new (G_LIST_MODEL (model));

  g_assert_cmpuint (log->n_items, ==, 2);
  g_assert_true (coach_catalog_set_archived (f->catalog, w1, TRUE, &error));
  g_assert_no_error (error);
  assert_change (log, 0, 1, 0);
  coach_record_set_string (w2, "status", "ready");
  g_assert_true (coach_catalog_save (f->catalog, w2, &error));
  g_assert_cmpuint (n_changes (log), ==, 0);
  coach_query_model_set_include_archived (model, TRUE);
  assert_change (log, 0, 0, 1);
}

static void
test_outlives_and_dies (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(CoachQueryModel) model = coach_query_model_new (f->catalog, "exercise");
  g_autoptr(CoachRecord) item = NULL;
  gpointer weak = model;

  g_object_unref (test_save_exercise (f->catalog, "One"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1);
  item = g_list_model_get_item (G_LIST_MODEL (model), 0);

  /* a model that is gone no longer listens */
  g_object_add_weak_pointer (G_OBJECT (model), &weak);
  g_clear_object (&model);
  g_assert_null (weak);
  g_object_unref (test_save_exercise (f->catalog, "Two"));
  g_assert_cmpstr (coach_record_get_string (item, "name"), ==, "One");

  /* a model that was never asked still reports sensible changes */
  model = coach_query_model_new (f->catalog, "exercise");
  g_object_unref (test_save_exercise (f->catalog, "Three"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/catalog/query-model/basic", Fixture, NULL, fixture_setup, test_basic, fixture_teardown);
  g_test_add ("/catalog/query-model/lazy-pages", Fixture, NULL, fixture_setup, test_lazy_pages, fixture_teardown);
  g_test_add ("/catalog/query-model/items-changed", Fixture, NULL, fixture_setup, test_items_changed, fixture_teardown);
  g_test_add ("/catalog/query-model/ref-filter", Fixture, NULL, fixture_setup, test_ref_filter, fixture_teardown);
  g_test_add ("/catalog/query-model/workout-archive", Fixture, NULL, fixture_setup, test_workout_archive, fixture_teardown);
  g_test_add ("/catalog/query-model/lifetime", Fixture, NULL, fixture_setup, test_outlives_and_dies, fixture_teardown);

  return g_test_run ();
}
