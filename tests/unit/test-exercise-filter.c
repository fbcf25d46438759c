/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#include "config.h"

#include "coach-catalog.h"
#include "coach-exercise-filter.h"
#include "coach-search.h"

#include "catalog-test-util.h"

static CoachRecord *
add_exercise (CoachCatalog       *catalog,
              const char         *name,
              const char         *difficulty,
              gboolean            has_jump,
              const char * const *muscles,
              const char * const *equipment)
{
  g_autoptr(GError) error = NULL;
  CoachRecord *ex = coach_record_new_for_table ("exercise", NULL);

  coach_record_set_string (ex, "name", name);
  coach_record_set_string (ex, "difficulty", difficulty);
  coach_record_set_boolean (ex, "has_jump", has_jump);
  coach_record_set_strv (ex, "muscles", muscles);
  coach_record_set_strv (ex, "equipment", equipment);
  g_assert_true (coach_catalog_save (catalog, ex, &error));
  g_assert_no_error (error);
  return ex;
}

/* The names the search finds for @filter and @text, in order, joined by
 * commas: one string is easy to compare. */
static char *
names_for (CoachCatalog              *catalog,
           const CoachExerciseFilter *filter,
           const char                *text)
{
  CoachSearchQuery query = COACH_SEARCH_QUERY_INIT;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) out = g_string_new (NULL);

  query.text = text;
  query.limit = 1000;
  coach_exercise_filter_apply (filter, &query);
  hits = coach_catalog_search (catalog, &query, &error);
  g_assert_no_error (error);
  g_assert_nonnull (hits);
  for (guint i = 0; i < hits->len; i++)
    {
      CoachSearchHit *hit = g_ptr_array_index (hits, i);

      if (out->len > 0)
        g_string_append (out, ",");
      g_string_append_printf (out, "%s%s", hit->kind == COACH_SEARCH_KIND_EXERCISE ? "" : "!", hit->title);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
test_filter_state (void)
{
  CoachExerciseFilter f = COACH_EXERCISE_FILTER_INIT;
  CoachExerciseFilter g = COACH_EXERCISE_FILTER_INIT;
  CoachSearchQuery query = COACH_SEARCH_QUERY_INIT;

  g_assert_false (coach_exercise_filter_is_active (&f));
  g_assert_cmpuint (coach_exercise_filter_count_active (&f), ==, 0);

  g_assert_true (coach_exercise_filter_set_difficulty (&f, "hard"));
  g_assert_false (coach_exercise_filter_set_difficulty (&f, "extreme"));
  g_assert_cmpstr (f.difficulty, ==, "hard");
  g_assert_true (coach_exercise_filter_set_difficulty (&f, ""));
  g_assert_null (f.difficulty);

  coach_exercise_filter_set_facet (&f, COACH_EXERCISE_FACET_MUSCLE, "glutes");
  coach_exercise_filter_set_facet (&f, COACH_EXERCISE_FACET_EQUIPMENT, "");
  g_assert_null (f.equipment);
  g_assert_cmpstr (coach_exercise_filter_get_facet (&f, COACH_EXERCISE_FACET_MUSCLE), ==, "glutes");
  f.has_jump = 0;
  g_assert_cmpuint (coach_exercise_filter_count_active (&f), ==, 2);
  g_assert_false (coach_exercise_filter_equal (&f, &g));

  coach_exercise_filter_set_facet (&g, COACH_EXERCISE_FACET_MUSCLE, "glutes");
  g.has_jump = 0;
  g_assert_true (coach_exercise_filter_equal (&f, &g));
  g.has_jump = 1;
  g_assert_false (coach_exercise_filter_equal (&f, &g));

  query.kinds = COACH_SEARCH_ALL_KINDS;
  coach_exercise_filter_apply (&f, &query);
  g_assert_cmpuint (query.kinds, ==, COACH_SEARCH_KIND_MASK (COACH_SEARCH_KIND_EXERCISE));
  g_assert_cmpstr (query.muscle, ==, "glutes");
  g_assert_cmpint (query.has_jump, ==, 0);
  g_assert_null (query.difficulty);

  coach_exercise_filter_clear (&f);
  coach_exercise_filter_clear (&g);
  g_assert_false (coach_exercise_filter_is_active (&f));
  g_assert_cmpint (f.has_jump, ==, -1);

  /* An inactive filter leaves the kinds alone. */
  query.kinds = COACH_SEARCH_ALL_KINDS;
  coach_exercise_filter_apply (&f, &query);
  g_assert_cmpuint (query.kinds, ==, COACH_SEARCH_ALL_KINDS);
  g_assert_cmpint (query.has_jump, ==, -1);
}

static void
test_filter_search (CatalogFixture *f,
                    gconstpointer   data)
{
  CoachCatalog *c = f->catalog;
  CoachExerciseFilter filter = COACH_EXERCISE_FILTER_INIT;
  const char * const quads_glutes[] = { "quadriceps", "glutes", NULL };
  const char * const calves[] = { "Calves", NULL };
  const char * const none[] = { NULL };
  const char * const box[] = { "box", NULL };
  const char * const kettlebell[] = { "kettlebell", NULL };
  g_autoptr(CoachRecord) legs = test_save_named (c, "category", "name", "Legs");
  g_autoptr(CoachRecord) plyo = test_save_named (c, "category", "name", "plyometrics");
  g_autoptr(CoachRecord) squat = add_exercise (c, "Squat", "easy", FALSE, quads_glutes, none);
  g_autoptr(CoachRecord) goblet = add_exercise (c, "Goblet Squat", "medium", FALSE, quads_glutes, kettlebell);
  g_autoptr(CoachRecord) box_jump = add_exercise (c, "Box Jump", "hard", TRUE, calves, box);
  g_autoptr(CoachRecord) old = add_exercise (c, "Old Squat Jump", "hard", TRUE, quads_glutes, box);
  g_autoptr(CoachRecord) workout = test_save_named (c, "workout", "name", "Squat Day");
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) values = NULL;
  g_auto(GStrv) labels = NULL;
  char *s;

  test_link (c, "exercise_category", coach_record_get_id (squat), coach_record_get_id (legs));
  test_link (c, "exercise_category", coach_record_get_id (goblet), coach_record_get_id (legs));
  test_link (c, "exercise_category", coach_record_get_id (box_jump), coach_record_get_id (plyo));
  g_assert_true (coach_catalog_set_archived (c, old, TRUE, &error));
  g_assert_no_error (error);

  /* No filter: the text finds every kind, titles starting with it first. */
  s = names_for (c, &filter, "squat");
  g_assert_cmpstr (s, ==, "Squat,!Squat Day,Goblet Squat");
  g_free (s);

  /* Without text, a filter lists the matching exercises by name. */
  g_assert_true (coach_exercise_filter_set_difficulty (&filter, "hard"));
  s = names_for (c, &filter, NULL);
  g_assert_cmpstr (s, ==, "Box Jump");
  g_free (s);

  coach_exercise_filter_clear (&filter);
  filter.has_jump = 0;
  s = names_for (c, &filter, "squat");
  g_assert_cmpstr (s, ==, "Squat,Goblet Squat");
  g_free (s);

  coach_exercise_filter_set_facet (&filter, COACH_EXERCISE_FACET_EQUIPMENT, "kettlebell");
  s = names_for (c, &filter, NULL);
  g_assert_cmpstr (s, ==, "Goblet Squat");
  g_free (s);

  coach_exercise_filter_clear (&filter);
  coach_exercise_filter_set_facet (&filter, COACH_EXERCISE_FACET_CATEGORY, coach_record_get_id (legs));
  s = names_for (c, &filter, NULL);
  g_assert_cmpstr (s, ==, "Goblet Squat,Squat");
  g_free (s);
  coach_exercise_filter_set_facet (&filter, COACH_EXERCISE_FACET_MUSCLE, "Calves");
  s = names_for (c, &filter, NULL);
  g_assert_cmpstr (s, ==, "");
  g_free (s);
  coach_exercise_filter_clear (&filter);

  /* Facets: what live, unarchived exercises use, sorted without regard
   * to case. */
  g_assert_true (coach_catalog_list_exercise_facet (c, COACH_EXERCISE_FACET_MUSCLE, &values, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstrv (values, ((const char * const[]) { "Calves", "glutes", "quadriceps", NULL }));
  g_clear_pointer (&values, g_strfreev);

  g_assert_true (coach_catalog_list_exercise_facet (c, COACH_EXERCISE_FACET_EQUIPMENT, &values, &labels, &error));
  g_assert_cmpstrv (values, ((const char * const[]) { "box", "kettlebell", NULL }));
  g_assert_cmpstrv (labels, values);
  g_clear_pointer (&values, g_strfreev);
  g_clear_pointer (&labels, g_strfreev);

  /* Box Jump is the only one with a box once it is archived too. */
  g_assert_true (coach_catalog_set_archived (c, box_jump, TRUE, &error));
  g_assert_true (coach_catalog_list_exercise_facet (c, COACH_EXERCISE_FACET_EQUIPMENT, &values, NULL, &error));
  g_assert_cmpstrv (values, ((const char * const[]) { "kettlebell", NULL }));
  g_clear_pointer (&values, g_strfreev);

  g_assert_true (coach_catalog_list_exercise_facet (c, COACH_EXERCISE_FACET_CATEGORY, &values, &labels, &error));
  g_assert_no_error (error);
  g_assert_cmpstrv (labels, ((const char * const[]) { "Legs", "plyometrics", NULL }));
  g_assert_cmpstr (values[0], ==, coach_record_get_id (legs));
  g_assert_cmpstr (values[1], ==, coach_record_get_id (plyo));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/exercise-filter/state", test_filter_state);
  g_test_add ("/exercise-filter/search", CatalogFixture, NULL,
              catalog_fixture_setup, test_filter_search, catalog_fixture_teardown);

  return g_test_run ();
}
