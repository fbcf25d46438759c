/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 *
 * A process killed in the middle of writing (power cut, OOM killer, the
 * coach closing the laptop lid) leaves a catalog that opens, passes
 * SQLite's integrity check and whose outbox matches its rows.
 */
#include "config.h"

#include <signal.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "coach-catalog.h"
#include "coach-search.h"

#include "catalog-test-util.h"

typedef CatalogFixture Fixture;

#define NO_CATALOG GINT_TO_POINTER (1)

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  catalog_fixture_setup (f, NO_CATALOG);
}

#define fixture_teardown catalog_fixture_teardown

/* Runs in the forked child until it is killed; exit codes say what went
 * wrong if it stops by itself. */
G_GNUC_NORETURN static void
writer_main (const char *dir,
             int         ready_fd,
             guint       round)
{
  g_autoptr(GError) error = NULL;
  CoachCatalog *catalog = coach_catalog_open (dir, &error);
  const char * const muscles[] = { "quadriceps", "glutes", NULL };

  if (catalog == NULL)
    _exit (2);
  if (ready_fd >= 0)
    {
      if (write (ready_fd, "r", 1) != 1)
        _exit (3);
      close (ready_fd);
    }

  for (guint i = 0; ; i++)
    {
      g_autoptr(CoachRecord) ex = coach_record_new_for_table ("exercise", NULL);
      g_autofree char *name = g_strdup_printf ("Round %u exercise %u", round, i);

      /* one save, one transaction */
      coach_record_set_string (ex, "name", name);
      coach_record_set_string (ex, "description", "written by a process that is about to be killed");
      coach_record_set_strv (ex, "muscles", muscles);
      if (!coach_catalog_save (catalog, ex, &error))
        _exit (4);

      /* and every few rows, several rows in one transaction */
      if (i % 4 == 0)
        {
          g_autoptr(CoachRecord) w = coach_record_new_for_table ("workout", NULL);

          if (!coach_catalog_begin (catalog, &error))
            _exit (5);
          coach_record_set_string (w, "name", name);
          if (!coach_catalog_save (catalog, w, &error))
            _exit (6);
          for (guint k = 0; k < 3; k++)
            {
              g_autoptr(CoachRecord) item = coach_record_new_for_table ("workout_item", NULL);
              g_autofree char *position = g_strdup_printf ("a%u", k);

              coach_record_set_string (item, "workout_id", coach_record_get_id (w));
              coach_record_set_string (item, "exercise_id", coach_record_get_id (ex));
              coach_record_set_string (item, "position", position);
              if (!coach_catalog_save (catalog, item, &error))
                _exit (7);
            }
          if (!coach_catalog_commit (catalog, &error))
            _exit (8);
        }
    }
}

static void
kill_writer (Fixture *f,
             guint    round,
             gboolean wait_until_writing)
{
  int fds[2];
  pid_t pid;
  int status = 0;
  char c;
  guint delay_us;

  g_assert_cmpint (pipe (fds), ==, 0);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      close (fds[0]);
      writer_main (f->dir, fds[1], round);
    }
  close (fds[1]);

  if (wait_until_writing)
    {
      g_assert_cmpint (read (fds[0], &c, 1), ==, 1);
      delay_us = g_test_rand_int_range (1000, 40000);
    }
  else
    {
      /* maybe while it opens or migrates the catalog */
      delay_us = g_test_rand_int_range (0, 8000);
    }
  g_usleep (delay_us);

  g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  /* only now: a child that says "ready" to nobody would get SIGPIPE */
  close (fds[0]);
  if (!WIFSIGNALED (status))
    g_error ("the writer stopped on its own with status %d", WEXITSTATUS (status));
  g_assert_cmpint (WTERMSIG (status), ==, SIGKILL);
  g_test_message ("round %u: killed after %u µs", round, delay_us);
}

static gint64
sql_int (sqlite3    *db,
         const char *sql)
{
  gint64 v = test_sqlite_int (db, sql);

  g_test_message ("%s -> %" G_GINT64_FORMAT, sql, v);
  return v;
}

static void
check_consistency (const char *path)
{
  sqlite3 *db = test_sqlite_open (path, FALSE);
  g_autofree char *check = test_sqlite_text (db, "PRAGMA integrity_check");
  const CoachTableInfo *tables;
  guint n_tables;
  char *errmsg = NULL;

  g_assert_cmpstr (check, ==, "ok");

  /* every live row of a kind written here has exactly one upsert */
  g_assert_cmpint (sql_int (db, "SELECT count(*) FROM exercise e WHERE e.deleted = 0 AND "
                                "(SELECT count(*) FROM outbox o WHERE o.tbl = 'exercise' AND o.row_id = e.id "
                                " AND o.op = 'upsert') != 1"), ==, 0);
  g_assert_cmpint (sql_int (db, "SELECT count(*) FROM workout_item i WHERE "
                                "(SELECT count(*) FROM outbox o WHERE o.tbl = 'workout_item' AND o.row_id = i.id "
                                " AND o.op = 'upsert') != 1"), ==, 0);
  g_assert_cmpint (sql_int (db, "SELECT count(*) FROM outbox WHERE json_valid (fields) = 0 "
                                "OR json_type (fields) != 'object'"), ==, 0);
  g_assert_cmpint (sql_int (db, "SELECT count(*) FROM (SELECT tbl, row_id FROM outbox "
                                "GROUP BY tbl, row_id HAVING count(*) > 1)"), ==, 0);

  /* no outbox row without its row */
  tables = coach_schema_get_tables (&n_tables);
  for (guint t = 0; t < n_tables; t++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM outbox o WHERE o.tbl = '%s' AND "
                                              "NOT EXISTS (SELECT 1 FROM \"%s\" r WHERE r.id = o.row_id)",
                                              tables[t].name, tables[t].name);
      g_assert_cmpint (sql_int (db, sql), ==, 0);
    }
  g_assert_cmpint (sql_int (db, "SELECT count(*) FROM outbox WHERE tbl NOT IN "
                                "('exercise', 'workout', 'workout_item')"), ==, 0);

  /* several rows in one transaction: all or nothing */
  g_assert_cmpint (sql_int (db, "SELECT count(*) FROM workout w WHERE "
                                "(SELECT count(*) FROM workout_item i WHERE i.workout_id = w.id AND i.deleted = 0) != 3"),
                   ==, 0);

  /* the search index matches the rows */
  if (sqlite3_exec (db, "INSERT INTO search_exercise (search_exercise) VALUES ('integrity-check')",
                    NULL, NULL, &errmsg) != SQLITE_OK)
    g_error ("search index: %s", errmsg);
  g_assert_cmpint (sql_int (db, "SELECT count(*) FROM search_exercise"), ==,
                   sql_int (db, "SELECT count(*) FROM exercise WHERE deleted = 0"));
  sqlite3_close (db);
}

static void
test_killed_writer (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  CoachSearchQuery q = COACH_SEARCH_QUERY_INIT;
  gint64 n_exercises;
  gint64 previous = 0;

  /* the first child may die before the catalog even exists */
  kill_writer (f, 0, FALSE);

  for (guint round = 1; round <= 6; round++)
    {
      kill_writer (f, round, round != 4);
      check_consistency (f->path);
      n_exercises = test_sql_int (f->path, "SELECT count(*) FROM exercise");
      /* what was committed stays */
      g_assert_cmpint (n_exercises, >=, previous);
      previous = n_exercises;
    }
  g_assert_cmpint (previous, >, 0);

  /* and the catalog is fully usable */
  f->catalog = coach_catalog_open (f->dir, &error);
  g_assert_no_error (error);
  g_assert_cmpint (test_count (f->catalog, "exercise"), ==, previous);
  g_assert_cmpint (test_outbox_count (f->catalog), ==,
                   test_sql_int (f->path, "SELECT count(*) FROM exercise") +
                   test_sql_int (f->path, "SELECT count(*) FROM workout") +
                   test_sql_int (f->path, "SELECT count(*) FROM workout_item"));
  g_object_unref (test_save_exercise (f->catalog, "After the crashes"));
  q.text = "round exercise";
  q.kinds = COACH_SEARCH_KIND_MASK (COACH_SEARCH_KIND_EXERCISE);
  hits = coach_catalog_search (f->catalog, &q, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, >, 0);
  g_clear_object (&f->catalog);
  check_consistency (f->path);
}

/* A second connection in the same process (the sync and storage workers
 * open their own) must not drop the first one's file locks when it closes:
 * then another process closing the catalog would take the WAL for unused,
 * delete it, and the first connection's later commits would go to a file
 * nobody else can see. */
static void
test_second_connection (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autoptr(CoachRecord) ex = coach_record_new_for_table ("exercise", NULL);
  CoachCatalog *second;
  int status = 0;

  f->catalog = coach_catalog_open (f->dir, &error);
  g_assert_no_error (error);

  second = coach_catalog_open_file (f->path, 0, &error);
  g_assert_no_error (error);
  g_object_unref (second);

  /* another process opens, reads and closes the catalog */
  {
    const char *argv[] = { "sqlite3", f->path, "SELECT count(*) FROM exercise", NULL };
    g_autofree char *out = NULL;

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                  NULL, NULL, &out, NULL, &status, &error);
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }

  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));

  /* and what the first connection writes now, a new one reads */
  coach_record_set_string (ex, "name", "Written after the worker closed");
  g_assert_true (coach_catalog_save (f->catalog, ex, &error));
  g_assert_no_error (error);

  second = coach_catalog_open_file (f->path, 0, &error);
  g_assert_no_error (error);
  {
    g_autoptr(CoachRecord) seen = coach_catalog_get (second, "exercise", coach_record_get_id (ex), &error);

    g_assert_no_error (error);
    g_assert_nonnull (seen);
  }
  g_object_unref (second);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/catalog/crash/killed-writer", Fixture, NULL, fixture_setup, test_killed_writer, fixture_teardown);
  g_test_add ("/catalog/crash/second-connection", Fixture, NULL, fixture_setup, test_second_connection,
              fixture_teardown);

  return g_test_run ();
}
