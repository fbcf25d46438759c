/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 *
 * The starter library: the exercises and categories every install begins
 * with, with the same ids everywhere.
 */
#include "config.h"

#include "coach-catalog.h"
#include "coach-search.h"

#include "catalog-test-util.h"

typedef CatalogFixture Fixture;

#define fixture_setup catalog_fixture_setup
#define fixture_teardown catalog_fixture_teardown

/* The key under which a catalog remembers the library version it has. */
#define STARTER_META_KEY "starter-library-version"

static void
load (CoachCatalog *catalog)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (coach_catalog_ensure_starter_library (catalog, &error));
  g_assert_no_error (error);
}

static char *
ids_of (const char *path,
        const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT group_concat (id, ',') FROM "
                                          "(SELECT id FROM \"%s\" WHERE deleted = 0 ORDER BY id)", table);

  return test_sql_text (path, sql);
}

static void
test_load (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) exercises = NULL;
  g_autoptr(GPtrArray) categories = NULL;
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  guint with_category = 0;

  load (f->catalog);

  exercises = coach_catalog_list (f->catalog, "exercise", TRUE, &error);
  g_assert_no_error (error);
  categories = coach_catalog_list (f->catalog, "category", TRUE, &error);
  g_assert_no_error (error);
  g_test_message ("%u exercises, %u categories", exercises->len, categories->len);
  g_assert_cmpuint (exercises->len, >=, 150);
  g_assert_cmpuint (categories->len, >=, 8);

  for (guint i = 0; i < categories->len; i++)
    {
      const char *id = coach_record_get_id (categories->pdata[i]);

      g_assert_true (coach_uuid_is_valid (id));
      g_assert_cmpint (id[14], ==, '5');
      g_assert_cmpuint (strlen (coach_record_get_string (categories->pdata[i], "name")), >, 0);
    }

  for (guint i = 0; i < exercises->len; i++)
    {
      CoachRecord *ex = exercises->pdata[i];
      const char *id = coach_record_get_id (ex);
      g_autofree char *folded = g_utf8_casefold (coach_record_get_string (ex, "name"), -1);
      g_auto(GStrv) links = NULL;

      /* fixed ids, derived from stable keys */
      g_assert_true (coach_uuid_is_valid (id));
      g_assert_cmpint (id[14], ==, '5');
      g_assert_true (coach_record_validate (ex, NULL));
      g_assert_false (coach_catalog_is_archived (ex));
      if (g_hash_table_contains (names, folded))
        g_error ("two starter exercises are called “%s”", coach_record_get_string (ex, "name"));
      g_hash_table_add (names, g_steal_pointer (&folded));
      g_hash_table_add (ids, (gpointer) id);

      links = coach_catalog_get_links (f->catalog, "exercise_category", id, &error);
      g_assert_no_error (error);
      with_category += links[0] != NULL;
    }

  /* alternatives name other starter exercises */
  for (guint i = 0; i < exercises->len; i++)
    {
      g_auto(GStrv) alternatives = coach_record_dup_strv (exercises->pdata[i], "alternatives");

      for (guint k = 0; alternatives[k]; k++)
        if (!g_hash_table_contains (ids, alternatives[k]))
          g_error ("“%s” has an alternative that is not in the library",
                   coach_record_get_string (exercises->pdata[i], "name"));
    }

  /* categories are linked, and the links point at real categories */
  g_assert_cmpuint (with_category, >=, exercises->len / 2);
  g_assert_cmpint (test_sql_int (f->path, "SELECT count(*) FROM exercise_category l WHERE NOT EXISTS "
                                          "(SELECT 1 FROM category c WHERE c.id = l.category_id)"), ==, 0);

  /* nothing of it waits for sync: every install has it */
  g_assert_cmpint (test_outbox_count (f->catalog), ==, 0);
}

static void
test_same_ids_everywhere (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *other_dir = g_build_filename (f->dir, "second-install", NULL);
  g_autoptr(CoachCatalog) other = coach_catalog_open (other_dir, &error);
  const char *tables[] = { "exercise", "category", "exercise_category" };

  g_assert_no_error (error);
  load (f->catalog);
  load (other);

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *a = ids_of (f->path, tables[i]);
      g_autofree char *b = ids_of (coach_catalog_get_path (other), tables[i]);

      g_assert_nonnull (a);
      g_assert_cmpstr (a, ==, b);
    }
}

static void
changed_cb (CoachCatalog *catalog,
            const char   *table,
            guint        *n)
{
  (*n)++;
}

static void
test_idempotent (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *version = NULL;
  gint64 n_exercises, n_categories, n_links;
  guint n_changed = 0;

  load (f->catalog);
  n_exercises = test_count (f->catalog, "exercise");
  n_categories = test_count (f->catalog, "category");
  n_links = test_sql_int (f->path, "SELECT count(*) FROM exercise_category");
  before = ids_of (f->path, "exercise");
  version = coach_catalog_get_meta (f->catalog, STARTER_META_KEY);
  g_assert_nonnull (version);

  g_signal_connect (f->catalog, "changed", G_CALLBACK (changed_cb), &n_changed);
  load (f->catalog);
  g_assert_cmpuint (n_changed, ==, 0);

  /* and after reopening */
  g_clear_object (&f->catalog);
  f->catalog = coach_catalog_open (f->dir, &error);
  g_assert_no_error (error);
  load (f->catalog);

  g_assert_cmpint (test_count (f->catalog, "exercise"), ==, n_exercises);
  g_assert_cmpint (test_count (f->catalog, "category"), ==, n_categories);
  g_assert_cmpint (test_sql_int (f->path, "SELECT count(*) FROM exercise_category"), ==, n_links);
  g_assert_cmpint (test_sql_int (f->path, "SELECT count(*) FROM exercise"), ==, n_exercises);
  after = ids_of (f->path, "exercise");
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (test_outbox_count (f->catalog), ==, 0);
}

static void
test_coach_changes_survive (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) exercises = NULL;
  g_autoptr(CoachRecord) deleted = NULL;
  g_autoptr(CoachRecord) edited = NULL;
  g_autoptr(CoachRecord) reloaded = NULL;
  g_autofree char *deleted_id = NULL;
  g_autofree char *deleted_name = NULL;
  g_autofree char *edited_id = NULL;
  g_autofree char *sql = NULL;
  CoachSearchQuery q = COACH_SEARCH_QUERY_INIT;
  gint64 n_exercises;
  gint64 outbox;

  load (f->catalog);
  exercises = coach_catalog_list (f->catalog, "exercise", FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (exercises->len, >=, 2);
  deleted = g_object_ref (exercises->pdata[0]);
  edited = g_object_ref (exercises->pdata[1]);
  deleted_id = g_strdup (coach_record_get_id (deleted));
  deleted_name = g_strdup (coach_record_get_string (deleted, "name"));
  edited_id = g_strdup (coach_record_get_id (edited));
  g_clear_pointer (&exercises, g_ptr_array_unref);

  g_assert_true (coach_catalog_delete (f->catalog, deleted, &error));
  g_assert_no_error (error);
  coach_record_set_string (edited, "name", "My own version");
  coach_record_set_string (edited, "difficulty", "hard");
  g_assert_true (coach_catalog_save (f->catalog, edited, &error));
  g_assert_no_error (error);
  g_clear_object (&deleted);
  g_clear_object (&edited);
  n_exercises = test_count (f->catalog, "exercise");
  outbox = test_outbox_count (f->catalog);

  /* the same version again, then as if a newer library shipped */
  load (f->catalog);
  g_assert_true (coach_catalog_set_meta (f->catalog, STARTER_META_KEY, "0", &error));
  g_assert_no_error (error);
  load (f->catalog);

  g_assert_cmpint (test_count (f->catalog, "exercise"), ==, n_exercises);
  sql = g_strdup_printf ("SELECT deleted FROM exercise WHERE id = '%s'", deleted_id);
  g_assert_cmpint (test_sql_int (f->path, sql), ==, 1);
  q.text = deleted_name;
  q.kinds = COACH_SEARCH_KIND_MASK (COACH_SEARCH_KIND_EXERCISE);
  {
    g_autoptr(GPtrArray) hits = coach_catalog_search (f->catalog, &q, &error);

    g_assert_no_error (error);
    for (guint i = 0; i < hits->len; i++)
      g_assert_cmpstr (((CoachSearchHit *) hits->pdata[i])->id, !=, deleted_id);
  }

  reloaded = coach_catalog_get (f->catalog, "exercise", edited_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (coach_record_get_string (reloaded, "name"), ==, "My own version");
  g_assert_cmpstr (coach_record_get_string (reloaded, "difficulty"), ==, "hard");
  /* loading the library recorded nothing for sync */
  g_assert_cmpint (test_outbox_count (f->catalog), ==, outbox);
}

static void
test_searchable (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) exercises = NULL;
  CoachSearchQuery q = COACH_SEARCH_QUERY_INIT;
  guint found = 0;

  load (f->catalog);
  exercises = coach_catalog_list (f->catalog, "exercise", FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (exercises->len, >, 0);

  /* a sample across the library */
  for (guint i = 0; i < exercises->len; i += MAX (1, exercises->len / 10))
    {
      CoachRecord *ex = exercises->pdata[i];
      g_autoptr(GPtrArray) hits = NULL;
      gboolean hit = FALSE;

      q.text = coach_record_get_string (ex, "name");
      q.kinds = COACH_SEARCH_KIND_MASK (COACH_SEARCH_KIND_EXERCISE);
      hits = coach_catalog_search (f->catalog, &q, &error);
      g_assert_no_error (error);
      for (guint k = 0; k < hits->len; k++)
        hit |= g_str_equal (((CoachSearchHit *) hits->pdata[k])->id, coach_record_get_id (ex));
      if (!hit)
        g_error ("“%s” is not found by its name", q.text);
      found++;
    }
  g_assert_cmpuint (found, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/catalog/starter/load", Fixture, NULL, fixture_setup, test_load, fixture_teardown);
  g_test_add ("/catalog/starter/same-ids-everywhere", Fixture, NULL, fixture_setup, test_same_ids_everywhere, fixture_teardown);
  g_test_add ("/catalog/starter/idempotent", Fixture, NULL, fixture_setup, test_idempotent, fixture_teardown);
  g_test_add ("/catalog/starter/coach-changes-survive", Fixture, NULL, fixture_setup, test_coach_changes_survive, fixture_teardown);
  g_test_add ("/catalog/starter/searchable", Fixture, NULL, fixture_setup, test_searchable, fixture_teardown);

  return g_test_run ();
}
