/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 *
 * The global search's chips turned into a catalog query, and where a
 * result leads.
 */
#include "config.h"

#include "coach-search-results.h"

#include "../unit/catalog-test-util.h"

static const guint EXERCISES = COACH_SEARCH_KIND_MASK (COACH_SEARCH_KIND_EXERCISE);
static const guint CLIPS = COACH_SEARCH_KIND_MASK (COACH_SEARCH_KIND_CLIP);

static void
test_build_query (void)
{
  g_auto(CoachExerciseFilter) filter = COACH_EXERCISE_FILTER_INIT;
  CoachSearchQuery q;

  /* No chip: every kind. */
  coach_search_results_build_query (&q, "push", 0, &filter);
  g_assert_cmpstr (q.text, ==, "push");
  g_assert_cmpuint (q.kinds, ==, 0);
  g_assert_cmpint (q.has_jump, ==, -1);
  g_assert_null (q.difficulty);

  /* Chips add up. */
  coach_search_results_build_query (&q, "push", EXERCISES | CLIPS, NULL);
  g_assert_cmpuint (q.kinds, ==, EXERCISES | CLIPS);

  /* An exercise filter narrows to exercises... */
  g_assert_true (coach_exercise_filter_set_difficulty (&filter, "hard"));
  filter.has_jump = 0;
  coach_search_results_build_query (&q, NULL, 0, &filter);
  g_assert_cmpuint (q.kinds, ==, EXERCISES);
  g_assert_cmpstr (q.difficulty, ==, "hard");
  g_assert_cmpint (q.has_jump, ==, 0);

  /* ...but not when the coach picked only other kinds. */
  coach_search_results_build_query (&q, "a", CLIPS, &filter);
  g_assert_cmpuint (q.kinds, ==, CLIPS);
  g_assert_null (q.difficulty);
  g_assert_cmpint (q.has_jump, ==, -1);

  coach_search_results_build_query (&q, "a", CLIPS | EXERCISES, &filter);
  g_assert_cmpuint (q.kinds, ==, EXERCISES);
  g_assert_cmpstr (q.difficulty, ==, "hard");
}

static void
test_pages (void)
{
  g_assert_cmpstr (coach_search_results_page_for ("exercise"), ==, "exercises");
  g_assert_cmpstr (coach_search_results_page_for ("clip"), ==, "clips");
  g_assert_cmpstr (coach_search_results_page_for ("workout"), ==, "workouts");
  g_assert_cmpstr (coach_search_results_page_for ("athlete"), ==, "athletes");
  g_assert_null (coach_search_results_page_for ("workout_item"));
  g_assert_cmpstr (coach_search_results_kind_label ("clip"), ==, "Clip");
}

/* The records behind the hits, every kind, in rank order. */
static void
test_load (CatalogFixture *f,
           gconstpointer   data)
{
  g_autoptr(CoachRecord) ex = test_save_named (f->catalog, "exercise", "name", "Sprint Drill");
  g_autoptr(CoachRecord) clip = test_save_named (f->catalog, "clip", "title", "Sprint start, side view");
  g_autoptr(CoachRecord) athlete = test_save_named (f->catalog, "athlete", "name", "Mia Sprinter");
  g_autoptr(CoachRecord) other = test_save_named (f->catalog, "workout", "name", "Easy Jog");
  g_auto(CoachExerciseFilter) filter = COACH_EXERCISE_FILTER_INIT;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  CoachSearchQuery q;

  coach_search_results_build_query (&q, "sprint", 0, &filter);
  records = coach_search_results_load (f->catalog, &q, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 3);
  g_assert_cmpstr (coach_record_get_table_name (g_ptr_array_index (records, 0)), ==, "exercise");
  g_assert_cmpstr (coach_record_get_table_name (g_ptr_array_index (records, 1)), ==, "clip");
  g_assert_cmpstr (coach_record_get_id (g_ptr_array_index (records, 2)), ==, coach_record_get_id (athlete));
  g_clear_pointer (&records, g_ptr_array_unref);

  coach_search_results_build_query (&q, "sprint", CLIPS, &filter);
  records = coach_search_results_load (f->catalog, &q, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 1);
  g_assert_cmpstr (coach_record_get_id (g_ptr_array_index (records, 0)), ==, coach_record_get_id (clip));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/search-results/build-query", test_build_query);
  g_test_add_func ("/search-results/pages", test_pages);
  g_test_add ("/search-results/load", CatalogFixture, NULL,
              catalog_fixture_setup, test_load, catalog_fixture_teardown);

  return g_test_run ();
}
