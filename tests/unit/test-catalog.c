/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#include "config.h"

#include <glib/gstdio.h>

#include "coach-catalog.h"
#include "coach-exercise.h"
#include "coach-search.h"

typedef struct
{
  char         *dir;
  CoachCatalog *catalog;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("coachbook-test-XXXXXX", &error);
  g_assert_no_error (error);
  f->catalog = coach_catalog_open (f->dir, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->catalog);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *cmd = NULL;

  g_clear_object (&f->catalog);
  cmd = g_strdup_printf ("rm -rf '%s'", f->dir);
  g_assert_cmpint (system (cmd), ==, 0);
  g_free (f->dir);
}

static void
test_smoke (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoachExercise) ex = coach_exercise_new ();
  g_autoptr(CoachRecord) again = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  CoachSearchQuery q = COACH_SEARCH_QUERY_INIT;

  coach_record_set_string (COACH_RECORD (ex), "name", "Box jump");
  coach_record_set_boolean (COACH_RECORD (ex), "has_jump", TRUE);
  g_assert_true (coach_catalog_save (f->catalog, COACH_RECORD (ex), &error));
  g_assert_no_error (error);
  g_assert_cmpint (coach_catalog_outbox_count (f->catalog, NULL), ==, 1);

  again = coach_catalog_get (f->catalog, "exercise", coach_record_get_id (COACH_RECORD (ex)), &error);
  g_assert_no_error (error);
  g_assert_true (again == COACH_RECORD (ex));

  q.text = "bo";
  hits = coach_catalog_search (f->catalog, &q, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/catalog/smoke", Fixture, NULL, fixture_setup, test_smoke, fixture_teardown);

  return g_test_run ();
}
