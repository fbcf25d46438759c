/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 *
 * Conflicts kept for review: listing, applying a lost edit again,
 * dismissing. Conflict rows are written with raw SQL, as sync leaves them.
 */
#include "config.h"

#include "catalog-test-util.h"
#include "coach-sync-conflicts.h"

#define fixture_setup catalog_fixture_setup
#define fixture_teardown catalog_fixture_teardown

static CoachRecord *
save_exercise (CatalogFixture *f,
               const char     *name)
{
  g_autoptr(GError) error = NULL;
  CoachRecord *ex = coach_record_new_for_table ("exercise", NULL);

  coach_record_set_string (ex, "name", name);
  coach_record_set_string (ex, "difficulty", "easy");
  g_assert_true (coach_catalog_save (f->catalog, ex, &error));
  g_assert_no_error (error);
  return ex;
}

static void
add_conflict (CatalogFixture *f,
              const char     *row_id,
              const char     *field,
              const char     *local_value,
              const char     *reason)
{
  sqlite3 *db = test_sqlite_open (f->path, FALSE);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO conflict (tbl, row_id, field, local_value, remote_value, created_at) "
                                           "VALUES ('exercise', ?, ?, ?, ?, 1700000000000)", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, row_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, field, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, local_value, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, reason, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

static CoachSyncConflict *
only_conflict (CatalogFixture *f,
               GPtrArray     **out)
{
  g_autoptr(GError) error = NULL;

  *out = coach_catalog_list_conflicts (f->catalog, &error);
  g_assert_no_error (error);
  g_assert_nonnull (*out);
  g_assert_cmpuint ((*out)->len, ==, 1);
  return (*out)->pdata[0];
}

static void
test_list (CatalogFixture *f,
           gconstpointer   data)
{
  g_autoptr(CoachRecord) ex = save_exercise (f, "Hill sprints");
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  CoachSyncConflict *c;

  g_assert_cmpint (coach_catalog_count_conflicts (f->catalog, &error), ==, 0);
  add_conflict (f, coach_record_get_id (ex), "*", "{\"name\":\"Hill sprints x10\",\"difficulty\":\"hard\"}",
                "name: too long (invalid)");
  g_assert_cmpint (coach_catalog_count_conflicts (f->catalog, &error), ==, 1);

  c = only_conflict (f, &list);
  g_assert_cmpstr (c->table, ==, "exercise");
  g_assert_cmpstr (c->row_id, ==, coach_record_get_id (ex));
  g_assert_cmpstr (c->title, ==, "Hill sprints");
  g_assert_cmpstr (c->fields, ==, "name, difficulty");
  g_assert_cmpstr (c->local_value, ==, "name: Hill sprints x10; difficulty: hard");
  g_assert_cmpstr (c->current_value, ==, "name: Hill sprints; difficulty: easy");
  g_assert_cmpstr (c->reason, ==, "name: too long (invalid)");
  g_assert_cmpint (c->created_at, ==, 1700000000000);
  g_assert_false (c->row_deleted);
}

static void
test_reapply (CatalogFixture *f,
              gconstpointer   data)
{
  g_autoptr(CoachRecord) ex = save_exercise (f, "Hill sprints");
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  gint64 outbox;
  CoachSyncConflict *c;
  g_autofree char *last_fields = NULL;

  add_conflict (f, coach_record_get_id (ex), "*", "{\"name\":\"Hill sprints x10\",\"difficulty\":\"hard\"}",
                "changed on another device");
  c = only_conflict (f, &list);
  outbox = coach_catalog_outbox_count (f->catalog, NULL);

  g_assert_true (coach_catalog_reapply_conflict (f->catalog, c->id, &error));
  g_assert_no_error (error);

  /* the value is back, resolved, and waiting to be sent */
  g_assert_cmpstr (coach_record_get_string (ex, "name"), ==, "Hill sprints x10");
  g_assert_cmpstr (coach_record_get_string (ex, "difficulty"), ==, "hard");
  g_assert_cmpint (coach_catalog_count_conflicts (f->catalog, NULL), ==, 0);
  g_assert_cmpint (coach_catalog_outbox_count (f->catalog, NULL), ==, outbox + 1);
  g_assert_cmpint (test_sql_int (f->path, "SELECT resolved FROM conflict"), ==, 1);
  last_fields = test_sql_text (f->path, "SELECT fields FROM outbox ORDER BY mid DESC LIMIT 1");
  g_assert_nonnull (strstr (last_fields, "Hill sprints x10"));

  /* twice is an error, not a second edit */
  g_assert_false (coach_catalog_reapply_conflict (f->catalog, c->id, &error));
  g_assert_error (error, COACH_CATALOG_ERROR, COACH_CATALOG_ERROR_NOT_FOUND);
  g_assert_cmpint (coach_catalog_outbox_count (f->catalog, NULL), ==, outbox + 1);
}

/* The server refused a value the catalog still shows: applying it again
 * sends it again, though nothing changes locally. */
static void
test_reapply_same_value (CatalogFixture *f,
                         gconstpointer   data)
{
  g_autoptr(CoachRecord) ex = save_exercise (f, "Box jumps");
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  gint64 outbox = coach_catalog_outbox_count (f->catalog, NULL);
  CoachSyncConflict *c;

  add_conflict (f, coach_record_get_id (ex), "name", "\"Box jumps\"", "server was busy");
  c = only_conflict (f, &list);
  g_assert_cmpstr (c->fields, ==, "name");
  g_assert_cmpstr (c->local_value, ==, "Box jumps");
  g_assert_cmpstr (c->current_value, ==, "Box jumps");

  g_assert_true (coach_catalog_reapply_conflict (f->catalog, c->id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (coach_catalog_outbox_count (f->catalog, NULL), ==, outbox + 1);
  g_assert_cmpint (coach_catalog_count_conflicts (f->catalog, NULL), ==, 0);
}

static void
test_dismiss (CatalogFixture *f,
              gconstpointer   data)
{
  g_autoptr(CoachRecord) ex = save_exercise (f, "Lunges");
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  gint64 outbox = coach_catalog_outbox_count (f->catalog, NULL);
  gint64 id;

  add_conflict (f, coach_record_get_id (ex), "*", "{\"name\":\"Walking lunges\"}", "changed on another device");
  id = only_conflict (f, &list)->id;

  g_assert_true (coach_catalog_dismiss_conflict (f->catalog, id, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (coach_record_get_string (ex, "name"), ==, "Lunges");
  g_assert_cmpint (coach_catalog_outbox_count (f->catalog, NULL), ==, outbox);
  g_assert_cmpint (coach_catalog_count_conflicts (f->catalog, NULL), ==, 0);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = coach_catalog_list_conflicts (f->catalog, &error);
  g_assert_cmpuint (list->len, ==, 0);

  g_assert_false (coach_catalog_dismiss_conflict (f->catalog, id, &error));
  g_assert_error (error, COACH_CATALOG_ERROR, COACH_CATALOG_ERROR_NOT_FOUND);
}

static void
test_deleted_row (CatalogFixture *f,
                  gconstpointer   data)
{
  g_autoptr(CoachRecord) ex = save_exercise (f, "Burpees");
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  CoachSyncConflict *c;

  g_assert_true (coach_catalog_delete (f->catalog, ex, &error));
  add_conflict (f, coach_record_get_id (ex), "*", "{\"name\":\"Burpees with push-up\"}", "deleted on another device");
  c = only_conflict (f, &list);
  g_assert_true (c->row_deleted);
  g_assert_cmpstr (c->current_value, ==, "deleted");
  g_assert_cmpstr (c->local_value, ==, "Burpees with push-up");

  g_assert_false (coach_catalog_reapply_conflict (f->catalog, c->id, &error));
  g_assert_error (error, COACH_CATALOG_ERROR, COACH_CATALOG_ERROR_NOT_FOUND);
  g_clear_error (&error);
  /* still there to dismiss */
  g_assert_cmpint (coach_catalog_count_conflicts (f->catalog, NULL), ==, 1);
  g_assert_true (coach_catalog_dismiss_conflict (f->catalog, c->id, &error));
  g_assert_cmpint (coach_catalog_count_conflicts (f->catalog, NULL), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/sync-conflicts/list", CatalogFixture, NULL, fixture_setup, test_list, fixture_teardown);
  g_test_add ("/sync-conflicts/reapply", CatalogFixture, NULL, fixture_setup, test_reapply, fixture_teardown);
  g_test_add ("/sync-conflicts/reapply-same-value", CatalogFixture, NULL, fixture_setup, test_reapply_same_value,
              fixture_teardown);
  g_test_add ("/sync-conflicts/dismiss", CatalogFixture, NULL, fixture_setup, test_dismiss, fixture_teardown);
  g_test_add ("/sync-conflicts/deleted-row", CatalogFixture, NULL, fixture_setup, test_deleted_row,
              fixture_teardown);

  return g_test_run ();
}
