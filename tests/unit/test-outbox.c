/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 *
 * The outbox is what sync pushes: every local write appends exactly the
 * fields it changed, in the same transaction as the write.
 */
#include "config.h"

#include "coach-catalog.h"
#include "coach-catalog-private.h"
#include "coach-search.h"

#include "catalog-test-util.h"

typedef CatalogFixture Fixture;

#define fixture_setup catalog_fixture_setup
#define fixture_teardown catalog_fixture_teardown

static OutboxRow *
row_at (GPtrArray *rows,
        guint      i)
{
  g_assert_cmpuint (i, <, rows->len);
  return rows->pdata[i];
}

static void
assert_members (JsonObject         *fields,
                const char * const *names)
{
  g_assert_cmpuint (json_object_get_size (fields), ==, g_strv_length ((char **) names));
  for (guint i = 0; names[i]; i++)
    if (!json_object_has_member (fields, names[i]))
      g_error ("outbox fields lack “%s”", names[i]);
}

static void
test_insert_all_fields (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoachRecord) ex = coach_record_new_for_table ("exercise", NULL);
  g_autoptr(GPtrArray) rows = NULL;
  const CoachTableInfo *info = coach_schema_lookup_table ("exercise");
  const char * const muscles[] = { "glutes", NULL };
  JsonObject *fields;
  gint64 before = g_get_real_time () / 1000;

  /* only a few fields set: the defaults of the others are sent too */
  coach_record_set_string (ex, "name", "Hip thrust");
  coach_record_set_strv (ex, "muscles", muscles);
  g_assert_true (coach_catalog_save (f->catalog, ex, &error));
  g_assert_no_error (error);

  rows = test_outbox_rows (f->path, 0);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (row_at (rows, 0)->op, ==, "upsert");
  g_assert_cmpstr (row_at (rows, 0)->table, ==, "exercise");
  g_assert_cmpstr (row_at (rows, 0)->row_id, ==, coach_record_get_id (ex));
  fields = row_at (rows, 0)->fields;
  g_assert_cmpuint (json_object_get_size (fields), ==, info->n_fields);
  for (guint i = 0; i < info->n_fields; i++)
    g_assert_true (json_object_has_member (fields, info->fields[i].name));
  g_assert_cmpstr (json_object_get_string_member (fields, "name"), ==, "Hip thrust");
  g_assert_cmpstr (json_object_get_string_member (fields, "difficulty"), ==, "medium");
  g_assert_cmpint (json_object_get_int_member (fields, "default_duration_s"), ==, 30);
  g_assert_false (json_object_get_boolean_member (fields, "has_jump"));
  g_assert_true (json_object_get_null_member (fields, "description"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (fields, "muscles")), ==, 1);
  /* the sync columns are not fields */
  g_assert_false (json_object_has_member (fields, "id"));
  g_assert_false (json_object_has_member (fields, "updated_at"));
  g_assert_false (json_object_has_member (fields, "deleted"));

  g_assert_cmpint (test_sql_int (f->path, "SELECT created_at FROM outbox"), >=, before);
  g_assert_cmpint (test_sql_int (f->path, "SELECT count(*) FROM outbox WHERE base_version IS NULL"), ==, 1);
}

static void
test_update_changed_fields (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoachRecord) ex = test_save_exercise (f->catalog, "Hip thrust");
  g_autoptr(GPtrArray) rows = NULL;
  gint64 mid = test_outbox_last_mid (f->path);
  const char * const name_and_jump[] = { "name", "has_jump", NULL };
  const char * const only_desc[] = { "description", NULL };
  const char * const only_archived[] = { "archived", NULL };

  coach_record_set_string (ex, "name", "Barbell hip thrust");
  g_object_set (ex, "has-jump", TRUE, NULL);
  /* set and set back: not a change */
  coach_record_set_string (ex, "difficulty", "hard");
  coach_record_set_string (ex, "difficulty", "medium");
  g_assert_true (coach_catalog_save (f->catalog, ex, &error));
  g_assert_no_error (error);

  coach_record_set_string (ex, "description", "Shoulders on a bench");
  g_assert_true (coach_catalog_save (f->catalog, ex, &error));
  g_assert_no_error (error);

  g_assert_true (coach_catalog_set_archived (f->catalog, ex, TRUE, &error));
  g_assert_no_error (error);

  /* setting the stored value again saves nothing */
  coach_record_set_string (ex, "description", "Shoulders on a bench");
  g_assert_true (coach_catalog_save (f->catalog, ex, &error));
  g_assert_no_error (error);

  rows = test_outbox_rows (f->path, mid);
  g_assert_cmpuint (rows->len, ==, 3);
  assert_members (row_at (rows, 0)->fields, name_and_jump);
  g_assert_cmpstr (json_object_get_string_member (row_at (rows, 0)->fields, "name"), ==, "Barbell hip thrust");
  g_assert_true (json_object_get_boolean_member (row_at (rows, 0)->fields, "has_jump"));
  assert_members (row_at (rows, 1)->fields, only_desc);
  assert_members (row_at (rows, 2)->fields, only_archived);
  g_assert_true (json_object_get_boolean_member (row_at (rows, 2)->fields, "archived"));
  for (guint i = 0; i < rows->len; i++)
    {
      g_assert_cmpstr (row_at (rows, i)->op, ==, "upsert");
      g_assert_cmpstr (row_at (rows, i)->row_id, ==, coach_record_get_id (ex));
      if (i > 0)
        g_assert_cmpint (row_at (rows, i)->mid, >, row_at (rows, i - 1)->mid);
    }

  /* clearing a field sends an explicit null */
  g_clear_pointer (&rows, g_ptr_array_unref);
  mid = test_outbox_last_mid (f->path);
  coach_record_set_string (ex, "description", NULL);
  g_assert_true (coach_catalog_save (f->catalog, ex, &error));
  g_assert_no_error (error);
  rows = test_outbox_rows (f->path, mid);
  g_assert_cmpuint (rows->len, ==, 1);
  assert_members (row_at (rows, 0)->fields, only_desc);
  g_assert_true (json_object_get_null_member (row_at (rows, 0)->fields, "description"));
}

static void
test_delete (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoachRecord) ex = test_save_exercise (f->catalog, "Gone");
  g_autoptr(CoachRecord) unsaved = coach_record_new_for_table ("exercise", NULL);
  g_autoptr(GPtrArray) rows = NULL;
  gint64 mid = test_outbox_last_mid (f->path);

  g_assert_true (coach_catalog_delete (f->catalog, ex, &error));
  g_assert_no_error (error);
  /* an unsaved record has nothing to delete */
  coach_record_set_string (unsaved, "name", "Never saved");
  g_assert_true (coach_catalog_delete (f->catalog, unsaved, &error));
  g_assert_no_error (error);

  rows = test_outbox_rows (f->path, mid);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (row_at (rows, 0)->op, ==, "delete");
  g_assert_cmpstr (row_at (rows, 0)->table, ==, "exercise");
  g_assert_cmpstr (row_at (rows, 0)->row_id, ==, coach_record_get_id (ex));
  g_assert_cmpuint (json_object_get_size (row_at (rows, 0)->fields), ==, 0);
}

static guint
count_ops (GPtrArray  *rows,
           const char *table,
           const char *id,
           const char *op)
{
  guint n = 0;

  for (guint i = 0; i < rows->len; i++)
    {
      OutboxRow *r = rows->pdata[i];

      n += g_str_equal (r->table, table) && (id == NULL || g_str_equal (r->row_id, id)) &&
           g_str_equal (r->op, op);
    }
  return n;
}

static void
test_cascade_workout (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoachRecord) ex = test_save_exercise (f->catalog, "Burpee");
  g_autoptr(CoachRecord) w = test_save_named (f->catalog, "workout", "name", "Doomed");
  g_autoptr(CoachRecord) other = test_save_named (f->catalog, "workout", "name", "Survivor");
  g_autoptr(CoachRecord) kept_item = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) left = NULL;
  g_autofree char *sql = NULL;
  const char *positions[] = { "a0", "a1", "a2" };
  gint64 mid;

  for (guint i = 0; i < G_N_ELEMENTS (positions); i++)
    g_ptr_array_add (items, test_save_item (f->catalog, coach_record_get_id (w),
                                            coach_record_get_id (ex), positions[i]));
  kept_item = test_save_item (f->catalog, coach_record_get_id (other), coach_record_get_id (ex), "a0");
  /* an item deleted earlier is not deleted twice */
  g_assert_true (coach_catalog_delete (f->catalog, items->pdata[2], &error));
  g_assert_no_error (error);
  mid = test_outbox_last_mid (f->path);

  g_assert_true (coach_catalog_delete (f->catalog, w, &error));
  g_assert_no_error (error);

  rows = test_outbox_rows (f->path, mid);
  g_assert_cmpuint (rows->len, ==, 3);
  g_assert_cmpuint (count_ops (rows, "workout", coach_record_get_id (w), "delete"), ==, 1);
  g_assert_cmpuint (count_ops (rows, "workout_item", coach_record_get_id (items->pdata[0]), "delete"), ==, 1);
  g_assert_cmpuint (count_ops (rows, "workout_item", coach_record_get_id (items->pdata[1]), "delete"), ==, 1);

  /* the live items know, the other workout's item is untouched */
  for (guint i = 0; i < items->len; i++)
    g_assert_true (coach_record_get_deleted (items->pdata[i]));
  g_assert_false (coach_record_get_deleted (kept_item));
  sql = g_strdup_printf ("SELECT count(*) FROM workout_item WHERE workout_id = '%s' AND deleted = 1",
                         coach_record_get_id (w));
  g_assert_cmpint (test_sql_int (f->path, sql), ==, 3);
  g_assert_cmpint (test_count (f->catalog, "workout_item"), ==, 1);
  left = coach_catalog_list_where (f->catalog, "workout_item", "workout_id", coach_record_get_id (w), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (left->len, ==, 0);
  /* the exercise stays: other workouts use it */
  g_assert_cmpint (test_count (f->catalog, "exercise"), ==, 1);
}

static void
test_cascade_links (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoachRecord) ex = test_save_exercise (f->catalog, "Burpee");
  g_autoptr(CoachRecord) ex2 = test_save_exercise (f->catalog, "Squat");
  g_autoptr(CoachRecord) cat = test_save_named (f->catalog, "category", "name", "Cardio");
  g_autoptr(CoachRecord) cat2 = test_save_named (f->catalog, "category", "name", "Legs");
  g_autoptr(CoachRecord) session = test_save_named (f->catalog, "session", "starts_at", "2026-03-03T18:00:00+01:00");
  g_autoptr(CoachRecord) athlete = test_save_named (f->catalog, "athlete", "name", "Ana");
  g_autoptr(CoachRecord) group = test_save_named (f->catalog, "athlete_group", "name", "U17");
  g_autoptr(CoachRecord) log = coach_record_new_for_table ("session_log", NULL);
  g_autoptr(GPtrArray) rows = NULL;
  g_auto(GStrv) links = NULL;
  gint64 mid;

  test_link (f->catalog, "exercise_category", coach_record_get_id (ex), coach_record_get_id (cat));
  test_link (f->catalog, "exercise_category", coach_record_get_id (ex), coach_record_get_id (cat2));
  test_link (f->catalog, "exercise_category", coach_record_get_id (ex2), coach_record_get_id (cat2));

  /* deleting an exercise takes its category links along */
  mid = test_outbox_last_mid (f->path);
  g_assert_true (coach_catalog_delete (f->catalog, ex, &error));
  g_assert_no_error (error);
  rows = test_outbox_rows (f->path, mid);
  g_assert_cmpuint (rows->len, ==, 3);
  g_assert_cmpuint (count_ops (rows, "exercise_category", NULL, "delete"), ==, 2);
  links = coach_catalog_get_links (f->catalog, "exercise_category", coach_record_get_id (ex), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (links), ==, 0);
  g_clear_pointer (&links, g_strfreev);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* deleting a category too */
  mid = test_outbox_last_mid (f->path);
  g_assert_true (coach_catalog_delete (f->catalog, cat2, &error));
  g_assert_no_error (error);
  rows = test_outbox_rows (f->path, mid);
  g_assert_cmpuint (rows->len, ==, 2);
  {
    g_autofree char *link_id = coach_catalog_link_id ("exercise_category", coach_record_get_id (ex2),
                                                      coach_record_get_id (cat2));
    g_assert_cmpuint (count_ops (rows, "exercise_category", link_id, "delete"), ==, 1);
  }
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* a session takes its athletes, groups and logs */
  test_link (f->catalog, "session_athlete", coach_record_get_id (session), coach_record_get_id (athlete));
  test_link (f->catalog, "session_group", coach_record_get_id (session), coach_record_get_id (group));
  test_link (f->catalog, "group_member", coach_record_get_id (group), coach_record_get_id (athlete));
  coach_record_set_string (log, "session_id", coach_record_get_id (session));
  coach_record_set_string (log, "athlete_id", coach_record_get_id (athlete));
  coach_record_set_int (log, "rpe", 7);
  g_assert_true (coach_catalog_save (f->catalog, log, &error));
  g_assert_no_error (error);

  mid = test_outbox_last_mid (f->path);
  g_assert_true (coach_catalog_delete (f->catalog, session, &error));
  g_assert_no_error (error);
  rows = test_outbox_rows (f->path, mid);
  g_assert_cmpuint (rows->len, ==, 4);
  g_assert_cmpuint (count_ops (rows, "session", NULL, "delete"), ==, 1);
  g_assert_cmpuint (count_ops (rows, "session_athlete", NULL, "delete"), ==, 1);
  g_assert_cmpuint (count_ops (rows, "session_group", NULL, "delete"), ==, 1);
  g_assert_cmpuint (count_ops (rows, "session_log", coach_record_get_id (log), "delete"), ==, 1);
  g_assert_true (coach_record_get_deleted (log));
  /* the group keeps its member */
  links = coach_catalog_get_links (f->catalog, "group_member", coach_record_get_id (group), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (links), ==, 1);
}

static void
test_links (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoachRecord) ex = test_save_exercise (f->catalog, "Burpee");
  g_autoptr(CoachRecord) cat = test_save_named (f->catalog, "category", "name", "Cardio");
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *link_id = NULL;
  g_autofree char *swapped = NULL;
  g_autofree char *other_table = NULL;
  g_autofree char *sql = NULL;
  g_auto(GStrv) links = NULL;
  const char *e = coach_record_get_id (ex);
  const char *c = coach_record_get_id (cat);
  const char * const both_ends[] = { "exercise_id", "category_id", NULL };
  gint64 mid = test_outbox_last_mid (f->path);

  /* the id comes from the two ends: the same on every device */
  link_id = coach_catalog_link_id ("exercise_category", e, c);
  g_assert_true (coach_uuid_is_valid (link_id));
  g_assert_cmpint (link_id[14], ==, '5');
  swapped = coach_catalog_link_id ("exercise_category", c, e);
  other_table = coach_catalog_link_id ("exercise_tag", e, c);
  g_assert_cmpstr (link_id, !=, swapped);
  g_assert_cmpstr (link_id, !=, other_table);
  {
    g_autofree char *again = coach_catalog_link_id ("exercise_category", e, c);
    g_assert_cmpstr (link_id, ==, again);
  }

  test_link (f->catalog, "exercise_category", e, c);
  test_link (f->catalog, "exercise_category", e, c);

  sql = g_strdup_printf ("SELECT count(*) FROM exercise_category WHERE id = '%s' AND exercise_id = '%s' "
                         "AND category_id = '%s' AND deleted = 0", link_id, e, c);
  g_assert_cmpint (test_sql_int (f->path, sql), ==, 1);
  g_assert_cmpint (test_sql_int (f->path, "SELECT count(*) FROM exercise_category"), ==, 1);
  links = coach_catalog_get_links (f->catalog, "exercise_category", e, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (links), ==, 1);
  g_assert_cmpstr (links[0], ==, c);
  g_clear_pointer (&links, g_strfreev);

  rows = test_outbox_rows (f->path, mid);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (row_at (rows, 0)->table, ==, "exercise_category");
  g_assert_cmpstr (row_at (rows, 0)->row_id, ==, link_id);
  g_assert_cmpstr (row_at (rows, 0)->op, ==, "upsert");
  assert_members (row_at (rows, 0)->fields, both_ends);
  g_assert_cmpstr (json_object_get_string_member (row_at (rows, 0)->fields, "exercise_id"), ==, e);
  g_assert_cmpstr (json_object_get_string_member (row_at (rows, 0)->fields, "category_id"), ==, c);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* unlink twice: one tombstone */
  mid = test_outbox_last_mid (f->path);
  g_assert_true (coach_catalog_unlink (f->catalog, "exercise_category", e, c, &error));
  g_assert_no_error (error);
  g_assert_true (coach_catalog_unlink (f->catalog, "exercise_category", e, c, &error));
  g_assert_no_error (error);
  links = coach_catalog_get_links (f->catalog, "exercise_category", e, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (links), ==, 0);
  g_clear_pointer (&links, g_strfreev);
  rows = test_outbox_rows (f->path, mid);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (row_at (rows, 0)->op, ==, "delete");
  g_assert_cmpstr (row_at (rows, 0)->row_id, ==, link_id);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* link again: the same row comes back */
  mid = test_outbox_last_mid (f->path);
  test_link (f->catalog, "exercise_category", e, c);
  g_assert_cmpint (test_sql_int (f->path, "SELECT count(*) FROM exercise_category"), ==, 1);
  g_assert_cmpint (test_sql_int (f->path, "SELECT deleted FROM exercise_category"), ==, 0);
  rows = test_outbox_rows (f->path, mid);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (row_at (rows, 0)->op, ==, "upsert");

  /* unlinking what was never linked does nothing */
  mid = test_outbox_last_mid (f->path);
  g_assert_true (coach_catalog_unlink (f->catalog, "exercise_category", c, e, &error));
  g_assert_no_error (error);
  g_assert_cmpint (test_outbox_last_mid (f->path), ==, mid);
}

static void
test_link_errors (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoachRecord) ex = test_save_exercise (f->catalog, "Burpee");
  g_auto(GStrv) links = NULL;
  gint64 mid = test_outbox_last_mid (f->path);

  g_assert_false (coach_catalog_link (f->catalog, "exercise", coach_record_get_id (ex),
                                      coach_record_get_id (ex), &error));
  g_assert_error (error, COACH_CATALOG_ERROR, COACH_CATALOG_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_false (coach_catalog_link (f->catalog, "exercise_category", coach_record_get_id (ex),
                                      "not-a-uuid", &error));
  g_assert_error (error, COACH_CATALOG_ERROR, COACH_CATALOG_ERROR_INVALID);
  g_clear_error (&error);

  links = coach_catalog_get_links (f->catalog, "no_such_link", coach_record_get_id (ex), &error);
  g_assert_null (links);
  g_assert_error (error, COACH_CATALOG_ERROR, COACH_CATALOG_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_cmpint (test_outbox_last_mid (f->path), ==, mid);
  g_assert_cmpint (test_sql_int (f->path, "SELECT count(*) FROM exercise_category"), ==, 0);
}

static void
test_rollback_leaves_nothing (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoachRecord) kept = test_save_exercise (f->catalog, "Kept");
  g_autoptr(CoachRecord) cat = test_save_named (f->catalog, "category", "name", "Cardio");
  g_autoptr(CoachRecord) fresh = NULL;
  g_autoptr(CoachRecord) w = NULL;
  gint64 mid = test_outbox_last_mid (f->path);
  gint64 n_outbox = test_outbox_count (f->catalog);

  g_assert_true (coach_catalog_begin (f->catalog, &error));
  g_assert_no_error (error);
  fresh = test_save_exercise (f->catalog, "Fresh");
  w = test_save_named (f->catalog, "workout", "name", "W");
  g_object_unref (test_save_item (f->catalog, coach_record_get_id (w), coach_record_get_id (kept), "a0"));
  coach_record_set_string (kept, "name", "Renamed");
  g_assert_true (coach_catalog_save (f->catalog, kept, &error));
  test_link (f->catalog, "exercise_category", coach_record_get_id (kept), coach_record_get_id (cat));
  g_assert_true (coach_catalog_delete (f->catalog, cat, &error));
  g_assert_no_error (error);
  /* inside the transaction the outbox has them */
  g_assert_cmpint (test_outbox_count (f->catalog), >, n_outbox);
  coach_catalog_rollback (f->catalog);

  g_assert_cmpint (test_outbox_count (f->catalog), ==, n_outbox);
  g_assert_cmpint (test_outbox_last_mid (f->path), ==, mid);
  g_assert_cmpint (test_count (f->catalog, "exercise"), ==, 1);
  g_assert_cmpint (test_count (f->catalog, "category"), ==, 1);
  g_assert_cmpint (test_count (f->catalog, "workout"), ==, 0);
  g_assert_cmpint (test_sql_int (f->path, "SELECT count(*) FROM exercise_category"), ==, 0);
  g_assert_cmpstr (coach_record_get_string (kept, "name"), ==, "Kept");
  g_assert_false (coach_record_get_deleted (cat));

  /* the next write gets the next mid: AUTOINCREMENT never reuses one
   * that a push may already have sent */
  g_object_unref (test_save_exercise (f->catalog, "After"));
  g_assert_cmpint (test_outbox_last_mid (f->path), >, mid);
}

/* Rows that arrive without an outbox entry (the starter library, a pull)
 * are sent whole on their first local edit: the server may not have them. */
static void
test_local_only_row_first_edit (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoachRecord) ex = coach_record_new_for_table ("exercise", "0190a0a0-0000-7000-8000-000000000001");
  g_autoptr(GPtrArray) rows = NULL;
  const char * const only_desc[] = { "description", NULL };

  coach_record_set_string (ex, "name", "Shipped");
  g_assert_true (_coach_catalog_save_local (f->catalog, ex, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (test_outbox_count (f->catalog), ==, 0);
  g_assert_cmpint (coach_record_get_updated_at (ex), ==, 0);

  coach_record_set_string (ex, "description", "edited here");
  g_assert_true (coach_catalog_save (f->catalog, ex, &error));
  g_assert_no_error (error);
  coach_record_set_string (ex, "description", "edited again");
  g_assert_true (coach_catalog_save (f->catalog, ex, &error));
  g_assert_no_error (error);

  rows = test_outbox_rows (f->path, 0);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpuint (json_object_get_size (row_at (rows, 0)->fields), ==,
                    coach_schema_lookup_table ("exercise")->n_fields);
  g_assert_cmpstr (json_object_get_string_member (row_at (rows, 0)->fields, "name"), ==, "Shipped");
  assert_members (row_at (rows, 1)->fields, only_desc);
}

static void
test_starter_rows (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  CoachRecord *ex;
  const char * const only_name[] = { "name", NULL };

  g_assert_true (coach_catalog_ensure_starter_library (f->catalog, &error));
  g_assert_no_error (error);
  list = coach_catalog_list (f->catalog, "exercise", FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, >, 0);
  g_assert_cmpint (test_outbox_count (f->catalog), ==, 0);
  /* nor their category links */
  g_assert_cmpint (test_sql_int (f->path, "SELECT count(*) FROM exercise_category"), >, 0);
  g_assert_cmpint (test_outbox_count (f->catalog), ==, 0);

  ex = list->pdata[list->len / 2];
  coach_record_set_string (ex, "description", "my version");
  g_assert_true (coach_catalog_save (f->catalog, ex, &error));
  g_assert_no_error (error);
  coach_record_set_string (ex, "name", "Renamed starter");
  g_assert_true (coach_catalog_save (f->catalog, ex, &error));
  g_assert_no_error (error);

  rows = test_outbox_rows (f->path, 0);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpstr (row_at (rows, 0)->row_id, ==, coach_record_get_id (ex));
  g_assert_cmpuint (json_object_get_size (row_at (rows, 0)->fields), ==,
                    coach_schema_lookup_table ("exercise")->n_fields);
  g_assert_cmpstr (json_object_get_string_member (row_at (rows, 0)->fields, "description"), ==, "my version");
  assert_members (row_at (rows, 1)->fields, only_name);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/catalog/outbox/insert-all-fields", Fixture, NULL, fixture_setup, test_insert_all_fields, fixture_teardown);
  g_test_add ("/catalog/outbox/update-changed-fields", Fixture, NULL, fixture_setup, test_update_changed_fields, fixture_teardown);
  g_test_add ("/catalog/outbox/delete", Fixture, NULL, fixture_setup, test_delete, fixture_teardown);
  g_test_add ("/catalog/outbox/cascade-workout", Fixture, NULL, fixture_setup, test_cascade_workout, fixture_teardown);
  g_test_add ("/catalog/outbox/cascade-links", Fixture, NULL, fixture_setup, test_cascade_links, fixture_teardown);
  g_test_add ("/catalog/outbox/links", Fixture, NULL, fixture_setup, test_links, fixture_teardown);
  g_test_add ("/catalog/outbox/link-errors", Fixture, NULL, fixture_setup, test_link_errors, fixture_teardown);
  g_test_add ("/catalog/outbox/rollback", Fixture, NULL, fixture_setup, test_rollback_leaves_nothing, fixture_teardown);
  g_test_add ("/catalog/outbox/local-only-row-first-edit", Fixture, NULL, fixture_setup, test_local_only_row_first_edit, fixture_teardown);
  g_test_add ("/catalog/outbox/starter-rows", Fixture, NULL, fixture_setup, test_starter_rows, fixture_teardown);

  return g_test_run ();
}
