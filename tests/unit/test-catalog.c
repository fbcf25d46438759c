/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#include "config.h"

#include <glib/gstdio.h>

#include "coach-catalog.h"
#include "coach-athlete.h"
#include "coach-exercise.h"
#include "coach-search.h"

#include "catalog-test-util.h"

typedef CatalogFixture Fixture;

#define fixture_setup catalog_fixture_setup
#define fixture_teardown catalog_fixture_teardown

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

static void
test_unknown_table (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoachRecord) r = NULL;
  g_autoptr(GPtrArray) list = NULL;

  r = coach_catalog_get (f->catalog, "no_such_table", "0190a0a0-0000-7000-8000-000000000000", &error);
  g_assert_null (r);
  g_assert_error (error, COACH_CATALOG_ERROR, COACH_CATALOG_ERROR_INVALID);
  g_clear_error (&error);

  /* link tables have no records */
  list = coach_catalog_list (f->catalog, "exercise_category", TRUE, &error);
  g_assert_null (list);
  g_assert_error (error, COACH_CATALOG_ERROR, COACH_CATALOG_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_cmpint (coach_catalog_count (f->catalog, "\"; DROP TABLE exercise; --", &error), ==, -1);
  g_assert_error (error, COACH_CATALOG_ERROR, COACH_CATALOG_ERROR_INVALID);
  g_clear_error (&error);

  r = coach_catalog_get (f->catalog, "exercise", "0190a0a0-0000-7000-8000-000000000000", &error);
  g_assert_null (r);
  g_assert_error (error, COACH_CATALOG_ERROR, COACH_CATALOG_ERROR_NOT_FOUND);
}

/* ------------------------------------------------------------------------- */
/* Live objects */

static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           gpointer    user_data)
{
  GPtrArray *names = user_data;

  g_ptr_array_add (names, g_strdup (pspec->name));
}

static guint
count_notifications (GPtrArray  *names,
                     const char *name)
{
  guint n = 0;

  for (guint i = 0; i < names->len; i++)
    n += g_str_equal (names->pdata[i], name);
  return n;
}

static void
test_live_identity (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoachRecord) ex = test_save_exercise (f->catalog, "Plank");
  g_autoptr(CoachRecord) a = NULL;
  g_autoptr(CoachRecord) b = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(CoachRecord) w = test_save_named (f->catalog, "workout", "name", "Core");
  g_autoptr(CoachRecord) item = test_save_item (f->catalog, coach_record_get_id (w),
                                                coach_record_get_id (ex), "a0");
  g_autofree char *id = g_strdup (coach_record_get_id (ex));
  gpointer weak;

  a = coach_catalog_get (f->catalog, "exercise", id, &error);
  g_assert_no_error (error);
  b = coach_catalog_get (f->catalog, "exercise", id, &error);
  g_assert_no_error (error);
  g_assert_true (a == ex);
  g_assert_true (b == ex);

  list = coach_catalog_list (f->catalog, "exercise", FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_true (list->pdata[0] == (gpointer) ex);

  items = coach_catalog_list_where (f->catalog, "workout_item", "workout_id", coach_record_get_id (w), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, 1);
  g_assert_true (items->pdata[0] == (gpointer) item);

  /* once nobody holds it, the next get makes a new object */
  g_clear_object (&a);
  g_clear_object (&b);
  g_clear_pointer (&list, g_ptr_array_unref);
  weak = ex;
  g_object_add_weak_pointer (G_OBJECT (ex), &weak);
  g_clear_object (&ex);
  g_assert_null (weak);
  a = coach_catalog_get (f->catalog, "exercise", id, &error);
  g_assert_no_error (error);
  b = coach_catalog_get (f->catalog, "exercise", id, &error);
  g_assert_no_error (error);
  g_assert_true (a == b);
  g_assert_cmpstr (coach_record_get_string (a, "name"), ==, "Plank");

  /* records may outlive their catalog */
  g_clear_object (&f->catalog);
  g_assert_cmpstr (coach_record_get_string (a, "name"), ==, "Plank");
}

static void
test_live_notify (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoachRecord) ex = test_save_exercise (f->catalog, "Plank");
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(CoachCatalog) other = NULL;
  g_autoptr(CoachRecord) remote = NULL;
  g_autoptr(GPtrArray) list = NULL;
  const char * const muscles[] = { "core", "shoulders", NULL };

  g_signal_connect (ex, "notify", G_CALLBACK (notify_cb), names);

  coach_record_set_string (ex, "name", "Side plank");
  g_assert_cmpuint (count_notifications (names, "name"), ==, 1);
  /* the same value again is not a change */
  coach_record_set_string (ex, "name", "Side plank");
  g_assert_cmpuint (count_notifications (names, "name"), ==, 1);

  g_object_set (ex, "has-jump", TRUE, "muscles", muscles, NULL);
  g_assert_cmpuint (count_notifications (names, "has-jump"), ==, 1);
  g_assert_cmpuint (count_notifications (names, "muscles"), ==, 1);
  g_assert_true (coach_record_field_is_dirty (ex, "has_jump"));
  g_assert_false (coach_record_field_is_dirty (ex, "difficulty"));

  /* updated_at has millisecond resolution */
  g_usleep (2000);
  g_assert_true (coach_catalog_save (f->catalog, ex, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_notifications (names, "updated-at"), ==, 1);
  g_ptr_array_set_size (names, 0);

  /* a change made elsewhere reaches the live object on the next load */
  other = coach_catalog_open (f->dir, &error);
  g_assert_no_error (error);
  remote = coach_catalog_get (other, "exercise", coach_record_get_id (ex), &error);
  g_assert_no_error (error);
  g_assert_true (remote != ex);
  coach_record_set_string (remote, "name", "Plank with reach");
  coach_record_set_string (remote, "difficulty", "hard");
  g_assert_true (coach_catalog_save (other, remote, &error));
  g_assert_no_error (error);

  list = coach_catalog_list (f->catalog, "exercise", FALSE, &error);
  g_assert_no_error (error);
  g_assert_true (list->pdata[0] == (gpointer) ex);
  g_assert_cmpstr (coach_record_get_string (ex, "name"), ==, "Plank with reach");
  g_assert_cmpstr (coach_record_get_string (ex, "difficulty"), ==, "hard");
  g_assert_cmpuint (count_notifications (names, "name"), ==, 1);
  g_assert_cmpuint (count_notifications (names, "difficulty"), ==, 1);
  /* unchanged fields stay quiet */
  g_assert_cmpuint (count_notifications (names, "muscles"), ==, 0);
  g_assert_cmpuint (count_notifications (names, "has-jump"), ==, 0);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* unsaved edits are not overwritten by a load */
  coach_record_set_string (ex, "description", "mine");
  coach_record_set_string (remote, "name", "Theirs");
  g_assert_true (coach_catalog_save (other, remote, &error));
  g_assert_no_error (error);
  list = coach_catalog_list (f->catalog, "exercise", FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (coach_record_get_string (ex, "description"), ==, "mine");
  g_assert_true (coach_record_is_dirty (ex));

  /* deletion is a property too */
  g_ptr_array_set_size (names, 0);
  g_assert_true (coach_catalog_delete (f->catalog, ex, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_notifications (names, "deleted"), ==, 1);
  g_assert_true (coach_record_get_deleted (ex));
}

static void
test_properties (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoachExercise) ex = coach_exercise_new ();
  g_autoptr(CoachAthlete) athlete = coach_athlete_new ();
  g_autoptr(CoachRecord) loaded = NULL;
  g_auto(GStrv) muscles = NULL;
  g_auto(GStrv) equipment = NULL;
  g_autofree char *name = NULL;
  g_autofree char *difficulty = NULL;
  g_autofree char *prefs = NULL;
  g_autofree char *id = NULL;
  g_autofree char *table_name = NULL;
  g_autoptr(JsonNode) prefs_node = NULL;
  const char * const set_muscles[] = { "quadriceps", "fessiers", NULL };
  GObjectClass *klass = G_OBJECT_GET_CLASS (ex);
  gboolean has_jump = FALSE;
  gint64 duration = 0;
  double calories = 0;
  gpointer weak;

  /* one property per field, dashed */
  g_assert_true (g_object_class_find_property (klass, "has-jump")->value_type == G_TYPE_BOOLEAN);
  g_assert_true (g_object_class_find_property (klass, "muscles")->value_type == G_TYPE_STRV);
  g_assert_true (g_object_class_find_property (klass, "default-duration-s")->value_type == G_TYPE_INT64);
  g_assert_true (g_object_class_find_property (klass, "calories-per-min")->value_type == G_TYPE_DOUBLE);
  g_assert_true (g_object_class_find_property (klass, "primary-clip-id")->value_type == G_TYPE_STRING);
  g_assert_null (g_object_class_find_property (klass, "has_jump_x"));
  g_assert_nonnull (g_object_class_find_property (klass, "id"));
  g_assert_nonnull (g_object_class_find_property (klass, "deleted"));

  /* defaults of a new row */
  g_object_get (ex, "difficulty", &difficulty, "default-duration-s", &duration,
                "has-jump", &has_jump, "muscles", &muscles, "table-name", &table_name, NULL);
  g_assert_cmpstr (difficulty, ==, "medium");
  g_assert_cmpint (duration, ==, 30);
  g_assert_false (has_jump);
  g_assert_nonnull (muscles);
  g_assert_cmpuint (g_strv_length (muscles), ==, 0);
  g_assert_cmpstr (table_name, ==, "exercise");
  g_clear_pointer (&muscles, g_strfreev);
  g_clear_pointer (&difficulty, g_free);

  g_object_set (ex,
                "name", "Squat sauté",
                "has-jump", TRUE,
                "muscles", set_muscles,
                "default-duration-s", (gint64) 45,
                "calories-per-min", 9.5,
                "difficulty", "hard",
                NULL);
  g_assert_true (coach_record_get_boolean (COACH_RECORD (ex), "has_jump"));
  muscles = coach_record_dup_strv (COACH_RECORD (ex), "muscles");
  g_assert_true (g_strv_equal ((const char * const *) muscles, set_muscles));
  g_clear_pointer (&muscles, g_strfreev);
  g_assert_true (coach_catalog_save (f->catalog, COACH_RECORD (ex), &error));
  g_assert_no_error (error);

  id = g_strdup (coach_record_get_id (COACH_RECORD (ex)));
  weak = ex;
  g_object_add_weak_pointer (G_OBJECT (ex), &weak);
  g_clear_object (&ex);
  g_assert_null (weak);

  loaded = coach_catalog_get (f->catalog, "exercise", id, &error);
  g_assert_no_error (error);
  g_object_get (loaded, "name", &name, "has-jump", &has_jump, "muscles", &muscles,
                "equipment", &equipment, "default-duration-s", &duration,
                "calories-per-min", &calories, "difficulty", &difficulty, NULL);
  g_assert_cmpstr (name, ==, "Squat sauté");
  g_assert_true (has_jump);
  g_assert_true (g_strv_equal ((const char * const *) muscles, set_muscles));
  g_assert_nonnull (equipment);
  g_assert_cmpuint (g_strv_length (equipment), ==, 0);
  g_assert_cmpint (duration, ==, 45);
  g_assert_cmpfloat (calories, ==, 9.5);
  g_assert_cmpstr (difficulty, ==, "hard");

  /* a JSON field is a string property holding an object */
  g_object_set (athlete, "name", "Ana", "preferences", "{\"no_jump\": true, \"focus\": [\"mobility\"]}", NULL);
  g_assert_true (coach_catalog_save (f->catalog, COACH_RECORD (athlete), &error));
  g_assert_no_error (error);
  g_object_get (athlete, "preferences", &prefs, NULL);
  prefs_node = json_from_string (prefs, NULL);
  g_assert_nonnull (prefs_node);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (prefs_node));
  g_assert_true (json_object_get_boolean_member (json_node_get_object (prefs_node), "no_jump"));
}

/* Only real changes are changes: what sync sends and what "unsaved" means
 * both come from this. */
static void
test_dirty_tracking (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoachRecord) fresh = coach_record_new_for_table ("exercise", NULL);
  g_autoptr(CoachRecord) ex = test_save_exercise (f->catalog, "Row");
  const char * const muscles[] = { "calves", NULL };
  gint64 mid;

  g_assert_false (coach_record_is_dirty (fresh));
  coach_record_set_string (fresh, "difficulty", "hard");
  g_assert_true (coach_record_field_is_dirty (fresh, "difficulty"));
  coach_record_set_string (fresh, "difficulty", "medium");
  g_assert_false (coach_record_field_is_dirty (fresh, "difficulty"));
  g_assert_false (coach_record_is_dirty (fresh));

  /* saved: back to the stored value is no edit */
  coach_record_set_string (ex, "name", "Other");
  coach_record_set_strv (ex, "muscles", muscles);
  coach_record_set_string (ex, "name", "Row");
  g_assert_false (coach_record_field_is_dirty (ex, "name"));
  g_assert_true (coach_record_field_is_dirty (ex, "muscles"));
  coach_record_set_strv (ex, "muscles", NULL);
  g_assert_false (coach_record_is_dirty (ex));
  mid = test_outbox_last_mid (f->path);
  g_assert_true (coach_catalog_save (f->catalog, ex, &error));
  g_assert_no_error (error);
  g_assert_cmpint (test_outbox_last_mid (f->path), ==, mid);

  /* after a save, the saved value is the reference */
  coach_record_set_string (ex, "name", "Saved name");
  g_assert_true (coach_catalog_save (f->catalog, ex, &error));
  coach_record_set_string (ex, "name", "Row");
  g_assert_true (coach_record_field_is_dirty (ex, "name"));
  coach_record_set_string (ex, "name", "Saved name");
  g_assert_false (coach_record_is_dirty (ex));
}

/* Clearing a field that has a default gives the default: those columns
 * never hold NULL. */
static void
test_null_means_default (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoachRecord) ex = test_save_exercise (f->catalog, "Row");
  g_autoptr(CoachRecord) athlete = coach_record_new_for_table ("athlete", NULL);
  g_autoptr(CoachRecord) marker = coach_record_new_for_table ("clip_marker", NULL);
  g_autoptr(CoachRecord) clip = test_save_named (f->catalog, "clip", "title", "Clip");
  g_auto(GStrv) muscles = NULL;
  g_autofree char *prefs = NULL;
  g_autofree char *sql = NULL;
  const char * const some[] = { "calves", NULL };

  coach_record_set_string (ex, "difficulty", "hard");
  coach_record_set_strv (ex, "muscles", some);
  coach_record_set_boolean (ex, "has_jump", TRUE);
  coach_record_set_string (ex, "description", "text");
  g_assert_true (coach_catalog_save (f->catalog, ex, &error));
  g_assert_no_error (error);

  coach_record_set_string (ex, "difficulty", NULL);
  coach_record_set_null (ex, "muscles");
  coach_record_set_value (ex, "has_jump", NULL);
  coach_record_set_null (ex, "description");
  coach_record_set_null (ex, "default_duration_s");
  g_assert_cmpstr (coach_record_get_string (ex, "difficulty"), ==, "medium");
  muscles = coach_record_dup_strv (ex, "muscles");
  g_assert_cmpuint (g_strv_length (muscles), ==, 0);
  g_assert_false (coach_record_get_boolean (ex, "has_jump"));
  g_assert_true (coach_record_is_null (ex, "description"));
  g_assert_cmpint (coach_record_get_int (ex, "default_duration_s"), ==, 30);
  g_assert_true (coach_catalog_save (f->catalog, ex, &error));
  g_assert_no_error (error);
  sql = g_strdup_printf ("SELECT difficulty || muscles || has_jump || ifnull (description, 'NULL') "
                         "FROM exercise WHERE id = '%s'", coach_record_get_id (ex));
  prefs = test_sql_text (f->path, sql);
  g_assert_cmpstr (prefs, ==, "medium[]0NULL");
  g_clear_pointer (&prefs, g_free);

  /* a JSON property given something that is not an object */
  g_object_set (athlete, "name", "Ana", "preferences", "not json", NULL);
  g_object_get (athlete, "preferences", &prefs, NULL);
  g_assert_cmpstr (prefs, ==, "{}");
  g_assert_true (coach_catalog_save (f->catalog, athlete, &error));
  g_assert_no_error (error);

  /* a required field has no default: null stays an error */
  coach_record_set_string (marker, "clip_id", coach_record_get_id (clip));
  coach_record_set_null (marker, "t_ms");
  g_assert_cmpint (coach_record_get_int (marker, "t_ms"), ==, 0);
  coach_record_set_null (marker, "clip_id");
  g_assert_false (coach_catalog_save (f->catalog, marker, &error));
  g_assert_error (error, COACH_CATALOG_ERROR, COACH_CATALOG_ERROR_INVALID);
}

/* ------------------------------------------------------------------------- */
/* Transactions */

static void
changed_cb (CoachCatalog *catalog,
            const char   *table,
            gpointer      user_data)
{
  g_ptr_array_add (user_data, g_strdup (table));
}

static void
test_changed_signal (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) exercises_only = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(CoachRecord) a = NULL;
  g_autoptr(CoachRecord) b = NULL;
  g_autoptr(CoachRecord) c = NULL;

  g_signal_connect (f->catalog, "changed", G_CALLBACK (changed_cb), tables);
  g_signal_connect (f->catalog, "changed::exercise", G_CALLBACK (changed_cb), exercises_only);

  g_assert_true (coach_catalog_begin (f->catalog, &error));
  g_assert_no_error (error);
  a = test_save_exercise (f->catalog, "A");
  b = test_save_exercise (f->catalog, "B");
  c = test_save_named (f->catalog, "category", "name", "C");
  /* nothing is announced before the commit */
  g_assert_cmpuint (tables->len, ==, 0);
  g_assert_true (coach_catalog_commit (f->catalog, &error));
  g_assert_no_error (error);

  /* once per table */
  g_assert_cmpuint (tables->len, ==, 2);
  g_assert_true (g_ptr_array_find_with_equal_func (tables, "exercise", g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (tables, "category", g_str_equal, NULL));
  g_assert_cmpuint (exercises_only->len, ==, 1);

  /* outside a transaction, each save announces itself */
  coach_record_set_string (a, "name", "A2");
  g_assert_true (coach_catalog_save (f->catalog, a, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (exercises_only->len, ==, 2);
}

static void
test_rollback_insert (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoachRecord) ghost = NULL;
  g_autoptr(CoachRecord) got = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *id = NULL;

  g_assert_true (coach_catalog_begin (f->catalog, &error));
  g_assert_no_error (error);
  ghost = test_save_exercise (f->catalog, "Ghost");
  id = g_strdup (coach_record_get_id (ghost));
  coach_catalog_rollback (f->catalog);

  g_assert_cmpint (test_count (f->catalog, "exercise"), ==, 0);
  g_assert_cmpint (test_outbox_count (f->catalog), ==, 0);

  /* the object still held must not pretend the row exists */
  got = coach_catalog_get (f->catalog, "exercise", id, &error);
  g_assert_null (got);
  g_assert_error (error, COACH_CATALOG_ERROR, COACH_CATALOG_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (coach_record_is_saved (ghost));

  /* saving it again stores the whole row */
  g_assert_true (coach_catalog_save (f->catalog, ghost, &error));
  g_assert_no_error (error);
  g_assert_cmpint (test_count (f->catalog, "exercise"), ==, 1);
  rows = test_outbox_rows (f->path, 0);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (((OutboxRow *) rows->pdata[0])->row_id, ==, id);
  g_assert_cmpuint (json_object_get_size (((OutboxRow *) rows->pdata[0])->fields), ==,
                    coach_schema_lookup_table ("exercise")->n_fields);
}

static void
test_rollback_update (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoachRecord) ex = test_save_exercise (f->catalog, "Before");
  g_autoptr(CoachRecord) got = NULL;
  gint64 outbox = test_outbox_count (f->catalog);

  g_assert_true (coach_catalog_begin (f->catalog, &error));
  g_assert_no_error (error);
  coach_record_set_string (ex, "name", "After");
  g_assert_true (coach_catalog_save (f->catalog, ex, &error));
  g_assert_no_error (error);
  g_assert_true (coach_catalog_delete (f->catalog, ex, &error));
  g_assert_no_error (error);
  coach_catalog_rollback (f->catalog);

  g_assert_cmpint (test_outbox_count (f->catalog), ==, outbox);
  g_assert_cmpint (test_count (f->catalog, "exercise"), ==, 1);

  /* the live object shows what is stored again */
  got = coach_catalog_get (f->catalog, "exercise", coach_record_get_id (ex), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (coach_record_get_string (got, "name"), ==, "Before");
  g_assert_false (coach_record_get_deleted (got));
  g_assert_cmpstr (coach_record_get_string (ex, "name"), ==, "Before");
  g_assert_false (coach_record_get_deleted (ex));
}

static void
test_rollback_nested (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoachRecord) kept = NULL;
  g_autoptr(CoachRecord) dropped = NULL;
  g_autoptr(GPtrArray) rows = NULL;

  g_assert_true (coach_catalog_begin (f->catalog, &error));
  kept = test_save_exercise (f->catalog, "Kept");
  g_assert_true (coach_catalog_begin (f->catalog, &error));
  dropped = test_save_exercise (f->catalog, "Dropped");
  coach_catalog_rollback (f->catalog);
  g_assert_true (coach_catalog_commit (f->catalog, &error));
  g_assert_no_error (error);

  g_assert_cmpint (test_count (f->catalog, "exercise"), ==, 1);
  g_assert_true (coach_record_is_saved (kept));
  g_assert_false (coach_record_is_saved (dropped));
  rows = test_outbox_rows (f->path, 0);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (((OutboxRow *) rows->pdata[0])->row_id, ==, coach_record_get_id (kept));
}

/* ------------------------------------------------------------------------- */

static void
test_meta (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *missing = coach_catalog_get_meta (f->catalog, "nothing");
  g_autofree char *v1 = NULL;
  g_autofree char *v2 = NULL;
  g_autoptr(CoachCatalog) other = NULL;

  g_assert_null (missing);
  g_assert_true (coach_catalog_set_meta (f->catalog, "k", "one", &error));
  g_assert_no_error (error);
  g_assert_true (coach_catalog_set_meta (f->catalog, "k", "two", &error));
  g_assert_no_error (error);
  v1 = coach_catalog_get_meta (f->catalog, "k");
  g_assert_cmpstr (v1, ==, "two");

  g_clear_object (&f->catalog);
  other = coach_catalog_open (f->dir, &error);
  g_assert_no_error (error);
  v2 = coach_catalog_get_meta (other, "k");
  g_assert_cmpstr (v2, ==, "two");
  /* meta is local: no outbox */
  g_assert_cmpint (test_outbox_count (other), ==, 0);
}

static void
test_list_order (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *names[] = { "burpee", "Air squat", "Zercher squat", "b-skip", "Ab wheel" };
  const char *sorted[] = { "Ab wheel", "Air squat", "b-skip", "burpee", "Zercher squat" };
  g_autoptr(GPtrArray) list = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_object_unref (test_save_exercise (f->catalog, names[i]));
  list = coach_catalog_list (f->catalog, "exercise", FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, G_N_ELEMENTS (sorted));
  for (guint i = 0; i < list->len; i++)
    g_assert_cmpstr (coach_record_get_string (list->pdata[i], "name"), ==, sorted[i]);
}

/* ------------------------------------------------------------------------- */
/* Backup while another connection writes */

typedef struct
{
  const char   *dir;
  gint          stop;
  gint          written;
  GError       *error;
} Writer;

static gpointer
writer_thread (gpointer data)
{
  Writer *w = data;
  g_autoptr(CoachCatalog) catalog = coach_catalog_open (w->dir, &w->error);

  if (catalog == NULL)
    return NULL;
  while (!g_atomic_int_get (&w->stop))
    {
      g_autoptr(CoachRecord) ex = coach_record_new_for_table ("exercise", NULL);
      g_autofree char *name = g_strdup_printf ("Written %d", g_atomic_int_get (&w->written));

      coach_record_set_string (ex, "name", name);
      coach_record_set_string (ex, "description", "a row written during a backup, long enough to fill pages");
      if (!coach_catalog_save (catalog, ex, &w->error))
        return NULL;
      g_atomic_int_inc (&w->written);
    }
  return NULL;
}

static void
test_backup_while_writing (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  Writer w = { f->dir, 0, 0, NULL };
  GThread *thread;
  gint64 previous = 0;

  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *name = g_strdup_printf ("Before %u", i);
      g_object_unref (test_save_exercise (f->catalog, name));
    }

  thread = g_thread_new ("writer", writer_thread, &w);
  while (g_atomic_int_get (&w.written) < 20 && w.error == NULL)
    g_usleep (1000);

  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *dest = g_strdup_printf ("%s/backup-%u.db", f->dir, i);
      g_autofree char *check = NULL;
      g_autoptr(CoachCatalog) copy = NULL;
      gint written_before = g_atomic_int_get (&w.written);
      gint64 n;

      g_assert_true (coach_catalog_backup (f->catalog, dest, &error));
      g_assert_no_error (error);

      check = test_integrity_check (dest);
      g_assert_cmpstr (check, ==, "ok");
      copy = coach_catalog_open_file (dest, 0, &error);
      g_assert_no_error (error);
      g_assert_nonnull (copy);
      n = test_count (copy, "exercise");
      /* a snapshot: everything committed before the backup started */
      g_assert_cmpint (n, >=, 200 + written_before);
      g_assert_cmpint (n, >=, previous);
      /* every row in the copy has its outbox entry */
      g_assert_cmpint (test_outbox_count (copy), ==, n);
      previous = n;
    }

  g_atomic_int_set (&w.stop, 1);
  g_thread_join (thread);
  g_assert_no_error (w.error);
  g_assert_cmpint (w.written, >, 20);

  /* no temporary file is left behind */
  {
    GDir *dir = g_dir_open (f->dir, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (dir)) != NULL)
      g_assert_null (strstr (name, ".part"));
    g_dir_close (dir);
  }
}

static void
test_backup_errors (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dest = g_build_filename (f->dir, "no", "such", "dir", "backup.db", NULL);
  g_autofree char *existing = g_build_filename (f->dir, "existing.db", NULL);
  g_autofree char *check = NULL;
  g_autoptr(CoachCatalog) copy = NULL;

  g_object_unref (test_save_exercise (f->catalog, "Row"));

  g_assert_false (coach_catalog_backup (f->catalog, dest, &error));
  g_assert_nonnull (error);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_clear_error (&error);

  /* an existing file is replaced whole */
  test_write_file (existing, "old contents", 12);
  g_assert_true (coach_catalog_backup (f->catalog, existing, &error));
  g_assert_no_error (error);
  check = test_integrity_check (existing);
  g_assert_cmpstr (check, ==, "ok");
  copy = coach_catalog_open_file (existing, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (test_count (copy, "exercise"), ==, 1);
}

/* ------------------------------------------------------------------------- */

static void
on_changed_count (CoachCatalog *catalog,
                  const char   *table,
                  guint        *count)
{
  if (g_str_equal (table, "exercise"))
    (*count)++;
}

/* A write through another connection (the command line tool while the app
 * runs) is noticed, and only then. */
static void
test_external_changes (CatalogFixture *f,
                       gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoachCatalog) other = coach_catalog_open (f->dir, &error);
  g_autoptr(CoachRecord) own = NULL;
  g_autoptr(CoachRecord) theirs = NULL;
  guint count = 0;

  g_assert_no_error (error);
  g_signal_connect (f->catalog, "changed", G_CALLBACK (on_changed_count), &count);

  g_assert_false (coach_catalog_check_external_changes (f->catalog));

  own = test_save_exercise (f->catalog, "Own write");
  g_assert_cmpuint (count, ==, 1);
  g_assert_false (coach_catalog_check_external_changes (f->catalog));
  g_assert_cmpuint (count, ==, 1);

  theirs = test_save_exercise (other, "Written elsewhere");
  g_assert_true (coach_catalog_check_external_changes (f->catalog));
  g_assert_cmpuint (count, ==, 2);
  g_assert_false (coach_catalog_check_external_changes (f->catalog));
  g_assert_cmpuint (count, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/catalog/smoke", Fixture, NULL, fixture_setup, test_smoke, fixture_teardown);
  g_test_add ("/catalog/unknown-table", Fixture, NULL, fixture_setup, test_unknown_table, fixture_teardown);
  g_test_add ("/catalog/live/identity", Fixture, NULL, fixture_setup, test_live_identity, fixture_teardown);
  g_test_add ("/catalog/live/notify", Fixture, NULL, fixture_setup, test_live_notify, fixture_teardown);
  g_test_add ("/catalog/properties", Fixture, NULL, fixture_setup, test_properties, fixture_teardown);
  g_test_add ("/catalog/record/dirty-tracking", Fixture, NULL, fixture_setup, test_dirty_tracking, fixture_teardown);
  g_test_add ("/catalog/record/null-means-default", Fixture, NULL, fixture_setup, test_null_means_default, fixture_teardown);
  g_test_add ("/catalog/transaction/changed-signal", Fixture, NULL, fixture_setup, test_changed_signal, fixture_teardown);
  g_test_add ("/catalog/transaction/rollback-insert", Fixture, NULL, fixture_setup, test_rollback_insert, fixture_teardown);
  g_test_add ("/catalog/transaction/rollback-update", Fixture, NULL, fixture_setup, test_rollback_update, fixture_teardown);
  g_test_add ("/catalog/transaction/rollback-nested", Fixture, NULL, fixture_setup, test_rollback_nested, fixture_teardown);
  g_test_add ("/catalog/meta", Fixture, NULL, fixture_setup, test_meta, fixture_teardown);
  g_test_add ("/catalog/list-order", Fixture, NULL, fixture_setup, test_list_order, fixture_teardown);
  g_test_add ("/catalog/backup/while-writing", Fixture, NULL, fixture_setup, test_backup_while_writing, fixture_teardown);
  g_test_add ("/catalog/backup/errors", Fixture, NULL, fixture_setup, test_backup_errors, fixture_teardown);

  g_test_add ("/catalog/external-changes", CatalogFixture, NULL, catalog_fixture_setup, test_external_changes, catalog_fixture_teardown);

  return g_test_run ();
}
