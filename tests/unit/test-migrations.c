/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 *
 * Opening catalogs: migrations from every older version, failed
 * migrations, newer catalogs and files that are not catalogs at all. The
 * rule for all of them: a file we cannot use gets a clear error and keeps
 * every byte it had.
 */
#include "config.h"

#include "coach-catalog.h"
#include "coach-db.h"
#include "coach-search.h"

#include "catalog-test-util.h"

typedef CatalogFixture Fixture;

/* All tests here start without a catalog. */
#define NO_CATALOG GINT_TO_POINTER (1)

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  catalog_fixture_setup (f, NO_CATALOG);
}

#define fixture_teardown catalog_fixture_teardown

static gboolean
sqlite_has_table (const char *path,
                  const char *name)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM sqlite_master WHERE name = '%s'", name);

  return test_sql_int (path, sql) > 0;
}

static gboolean
search_finds (CoachCatalog *catalog,
              const char   *text,
              const char   *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  CoachSearchQuery q = COACH_SEARCH_QUERY_INIT;

  q.text = text;
  hits = coach_catalog_search (catalog, &q, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < hits->len; i++)
    if (g_str_equal (((CoachSearchHit *) hits->pdata[i])->id, id))
      return TRUE;
  return FALSE;
}

/* The error is for a person: one readable sentence, not SQL. */
static void
assert_readable_error (const GError *error,
                       const char   *path)
{
  g_autofree char *base = path ? g_path_get_basename (path) : NULL;

  g_assert_nonnull (error);
  g_test_message ("error: %s", error->message);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_cmpuint (strlen (error->message), >, 20);
  g_assert_null (strstr (error->message, "SELECT"));
  g_assert_null (strstr (error->message, "PRAGMA"));
  if (path != NULL)
    g_assert_nonnull (strstr (error->message, base));
}

/* Call with every connection to the file closed. */
static void
assert_file_untouched (const char *path,
                       const char *checksum_before)
{
  g_autofree char *after = test_file_checksum (path);

  g_assert_cmpstr (after, ==, checksum_before);
  test_assert_no_side_files (path);
}

/* ------------------------------------------------------------------------- */

static void
test_create_new (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *nested = g_build_filename (f->dir, "a", "b", "catalog.db", NULL);
  g_autofree char *mode = NULL;
  const CoachTableInfo *tables;
  guint n_tables;
  const char *local_tables[] = { "outbox", "blob", "media_job", "sync_state", "conflict", "meta",
                                 "search_exercise", "search_clip", "search_workout", "search_athlete" };

  /* a missing file, in a folder that does not exist yet */
  f->catalog = coach_catalog_open_file (nested, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (coach_catalog_get_version (f->catalog), ==, COACH_CATALOG_VERSION);
  g_assert_cmpstr (coach_catalog_get_path (f->catalog), ==, nested);
  g_clear_object (&f->catalog);

  g_assert_cmpint (test_sql_int (nested, "PRAGMA user_version"), ==, COACH_CATALOG_VERSION);
  mode = test_sql_text (nested, "PRAGMA journal_mode");
  g_assert_cmpstr (mode, ==, "wal");

  tables = coach_schema_get_tables (&n_tables);
  for (guint i = 0; i < n_tables; i++)
    g_assert_true (sqlite_has_table (nested, tables[i].name));
  for (guint i = 0; i < G_N_ELEMENTS (local_tables); i++)
    g_assert_true (sqlite_has_table (nested, local_tables[i]));
  test_assert_no_side_files (nested);
}

static void
test_create_from_empty_file (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  test_write_file (f->path, "", 0);
  f->catalog = coach_catalog_open (f->dir, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (coach_catalog_get_version (f->catalog), ==, COACH_CATALOG_VERSION);
  g_object_unref (test_save_exercise (f->catalog, "Works"));
  g_clear_object (&f->catalog);
  g_assert_cmpint (test_sql_int (f->path, "PRAGMA user_version"), ==, COACH_CATALOG_VERSION);
  g_assert_cmpint (test_sql_int (f->path, "SELECT count(*) FROM exercise"), ==, 1);
}

/* Rows of several tables written by an older version. */
typedef struct
{
  char *exercise_id;
  char *deleted_id;
  char *clip_id;
  char *workout_id;
  char *athlete_id;
  char *category_id;
} OldRows;

static void
old_rows_clear (OldRows *rows)
{
  g_free (rows->exercise_id);
  g_free (rows->deleted_id);
  g_free (rows->clip_id);
  g_free (rows->workout_id);
  g_free (rows->athlete_id);
  g_free (rows->category_id);
}

static void
write_old_rows (CoachCatalog *catalog,
                OldRows      *rows)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoachRecord) ex = test_save_exercise (catalog, "Pistol squat");
  g_autoptr(CoachRecord) gone = test_save_exercise (catalog, "Forgotten drill");
  g_autoptr(CoachRecord) clip = coach_record_new_for_table ("clip", NULL);
  g_autoptr(CoachRecord) marker = coach_record_new_for_table ("clip_marker", NULL);
  g_autoptr(CoachRecord) workout = test_save_named (catalog, "workout", "name", "Tuesday intervals");
  g_autoptr(CoachRecord) athlete = test_save_named (catalog, "athlete", "name", "Zoé Martin");
  g_autoptr(CoachRecord) category = test_save_named (catalog, "category", "name", "Legs");
  g_autoptr(CoachRecord) item = NULL;

  coach_record_set_string (ex, "description", "One-legged, heel down");
  g_assert_true (coach_catalog_save (catalog, ex, &error));
  g_assert_no_error (error);
  g_assert_true (coach_catalog_delete (catalog, gone, &error));
  g_assert_no_error (error);

  coach_record_set_string (clip, "title", "Camera 2");
  coach_record_set_string (clip, "exercise_id", coach_record_get_id (ex));
  g_assert_true (coach_catalog_save (catalog, clip, &error));
  g_assert_no_error (error);
  coach_record_set_string (marker, "clip_id", coach_record_get_id (clip));
  coach_record_set_string (marker, "text", "knee collapses inward");
  coach_record_set_int (marker, "t_ms", 1200);
  g_assert_true (coach_catalog_save (catalog, marker, &error));
  g_assert_no_error (error);

  item = test_save_item (catalog, coach_record_get_id (workout), coach_record_get_id (ex), "a0");
  test_link (catalog, "exercise_category", coach_record_get_id (ex), coach_record_get_id (category));

  rows->exercise_id = g_strdup (coach_record_get_id (ex));
  rows->deleted_id = g_strdup (coach_record_get_id (gone));
  rows->clip_id = g_strdup (coach_record_get_id (clip));
  rows->workout_id = g_strdup (coach_record_get_id (workout));
  rows->athlete_id = g_strdup (coach_record_get_id (athlete));
  rows->category_id = g_strdup (coach_record_get_id (category));
}

static void
check_old_rows (CoachCatalog *catalog,
                OldRows      *rows)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoachRecord) ex = NULL;
  g_auto(GStrv) links = NULL;
  g_autoptr(GPtrArray) items = NULL;

  g_assert_cmpint (test_count (catalog, "exercise"), ==, 1);
  g_assert_cmpint (test_count (catalog, "clip"), ==, 1);
  g_assert_cmpint (test_count (catalog, "clip_marker"), ==, 1);
  g_assert_cmpint (test_count (catalog, "workout"), ==, 1);
  g_assert_cmpint (test_count (catalog, "workout_item"), ==, 1);
  g_assert_cmpint (test_count (catalog, "athlete"), ==, 1);
  g_assert_cmpint (test_count (catalog, "category"), ==, 1);

  ex = coach_catalog_get (catalog, "exercise", rows->exercise_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (coach_record_get_string (ex, "description"), ==, "One-legged, heel down");
  links = coach_catalog_get_links (catalog, "exercise_category", rows->exercise_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (links), ==, 1);
  g_assert_cmpstr (links[0], ==, rows->category_id);
  items = coach_catalog_list_where (catalog, "workout_item", "workout_id", rows->workout_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, 1);

  /* what was there before the search index existed is in it now */
  g_assert_true (search_finds (catalog, "pistol", rows->exercise_id));
  g_assert_true (search_finds (catalog, "heel", rows->exercise_id));
  g_assert_true (search_finds (catalog, "camera", rows->clip_id));
  g_assert_true (search_finds (catalog, "collapses", rows->clip_id));
  g_assert_true (search_finds (catalog, "intervals", rows->workout_id));
  g_assert_true (search_finds (catalog, "zoe", rows->athlete_id));
  g_assert_false (search_finds (catalog, "forgotten", rows->deleted_id));
}

static void
test_migrate_from (Fixture       *f,
                   gconstpointer  data)
{
  guint from = GPOINTER_TO_UINT (data);
  g_autoptr(GError) error = NULL;
  OldRows rows = { 0 };
  gint64 outbox;

  f->catalog = coach_catalog_open_file (f->path, from, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (coach_catalog_get_version (f->catalog), ==, from);
  write_old_rows (f->catalog, &rows);
  outbox = test_outbox_count (f->catalog);
  g_clear_object (&f->catalog);
  g_assert_cmpint (test_sql_int (f->path, "PRAGMA user_version"), ==, from);

  f->catalog = coach_catalog_open (f->dir, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (coach_catalog_get_version (f->catalog), ==, COACH_CATALOG_VERSION);
  check_old_rows (f->catalog, &rows);
  /* the change log waiting for sync is kept as it was */
  g_assert_cmpint (test_outbox_count (f->catalog), ==, outbox);
  g_clear_object (&f->catalog);
  g_assert_cmpint (test_sql_int (f->path, "PRAGMA user_version"), ==, COACH_CATALOG_VERSION);
  old_rows_clear (&rows);
}

/* One version at a time gives the same catalog as all at once. */
static void
test_migrate_stepwise (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  OldRows rows = { 0 };

  f->catalog = coach_catalog_open_file (f->path, 1, &error);
  g_assert_no_error (error);
  write_old_rows (f->catalog, &rows);
  g_clear_object (&f->catalog);

  for (guint v = 2; v <= COACH_CATALOG_VERSION; v++)
    {
      f->catalog = coach_catalog_open_file (f->path, v, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (coach_catalog_get_version (f->catalog), ==, v);
      g_clear_object (&f->catalog);
    }

  f->catalog = coach_catalog_open (f->dir, &error);
  g_assert_no_error (error);
  check_old_rows (f->catalog, &rows);

  /* opening at a lower target than the file has never downgrades it */
  g_clear_object (&f->catalog);
  f->catalog = coach_catalog_open_file (f->path, 1, &error);
  g_assert_no_error (error);
  g_clear_object (&f->catalog);
  g_assert_cmpint (test_sql_int (f->path, "PRAGMA user_version"), ==, COACH_CATALOG_VERSION);
  old_rows_clear (&rows);
}

/* Makes the second migration fail: a table of that name is in the way.
 * Earlier statements of the same migration did succeed and must be undone. */
static void
failed_migration (Fixture    *f,
                  const char *journal_mode)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *mode_sql = g_strdup_printf ("PRAGMA journal_mode = %s", journal_mode);
  OldRows rows = { 0 };
  sqlite3 *db;

  f->catalog = coach_catalog_open_file (f->path, 1, &error);
  g_assert_no_error (error);
  write_old_rows (f->catalog, &rows);
  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *name = g_strdup_printf ("Filler exercise number %u with a longer name", i);
      g_object_unref (test_save_exercise (f->catalog, name));
    }
  g_clear_object (&f->catalog);

  db = test_sqlite_open (f->path, FALSE);
  test_sqlite_exec (db, "CREATE TABLE search_workout (x TEXT)");
  test_sqlite_exec (db, mode_sql);
  sqlite3_close (db);
  test_assert_no_side_files (f->path);
  before = test_file_checksum (f->path);

  f->catalog = coach_catalog_open (f->dir, &error);
  g_assert_null (f->catalog);
  g_assert_error (error, COACH_CATALOG_ERROR, COACH_CATALOG_ERROR_FAILED);
  assert_readable_error (error, NULL);
  g_assert_nonnull (strstr (error->message, "unchanged"));
  g_clear_error (&error);

  assert_file_untouched (f->path, before);
  g_assert_cmpint (test_sql_int (f->path, "PRAGMA user_version"), ==, 1);
  g_assert_false (sqlite_has_table (f->path, "search_exercise"));
  g_assert_false (sqlite_has_table (f->path, "search_clip"));

  /* still usable by the version that wrote it */
  f->catalog = coach_catalog_open_file (f->path, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (test_count (f->catalog, "exercise"), ==, 301);
  old_rows_clear (&rows);
}

static void
test_failed_migration_wal (Fixture       *f,
                           gconstpointer  data)
{
  failed_migration (f, "wal");
}

static void
test_failed_migration_rollback_journal (Fixture       *f,
                                        gconstpointer  data)
{
  failed_migration (f, "delete");
}

static void
test_newer_version (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *set = g_strdup_printf ("PRAGMA user_version = %d", COACH_CATALOG_VERSION + 1);
  sqlite3 *db;

  f->catalog = coach_catalog_open (f->dir, &error);
  g_assert_no_error (error);
  g_object_unref (test_save_exercise (f->catalog, "From the future"));
  g_clear_object (&f->catalog);

  db = test_sqlite_open (f->path, FALSE);
  test_sqlite_exec (db, set);
  sqlite3_close (db);
  before = test_file_checksum (f->path);

  f->catalog = coach_catalog_open (f->dir, &error);
  g_assert_null (f->catalog);
  g_assert_error (error, COACH_CATALOG_ERROR, COACH_CATALOG_ERROR_NEWER_VERSION);
  assert_readable_error (error, NULL);
  g_assert_nonnull (strstr (error->message, "newer"));
  g_clear_error (&error);

  assert_file_untouched (f->path, before);
  g_assert_cmpint (test_sql_int (f->path, "PRAGMA user_version"), ==, COACH_CATALOG_VERSION + 1);
}

/* ------------------------------------------------------------------------- */
/* Files that are not catalogs */

static void
refuse_file (Fixture    *f,
             GQuark      domain,
             int         code)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = test_file_checksum (f->path);

  g_assert_nonnull (before);
  f->catalog = coach_catalog_open (f->dir, &error);
  g_assert_null (f->catalog);
  g_assert_nonnull (error);
  g_assert_true (error->domain == domain);
  if (code >= 0)
    g_assert_error (error, domain, code);
  assert_readable_error (error, f->path);
  assert_file_untouched (f->path, before);

  /* a second attempt is refused the same way */
  g_clear_error (&error);
  f->catalog = coach_catalog_open (f->dir, &error);
  g_assert_null (f->catalog);
  g_assert_nonnull (error);
  assert_file_untouched (f->path, before);
}

static void
test_refuse_random_bytes (Fixture       *f,
                          gconstpointer  data)
{
  guint8 bytes[8192];

  for (guint i = 0; i < sizeof bytes; i++)
    bytes[i] = g_test_rand_int_range (0, 256);
  test_write_file (f->path, bytes, sizeof bytes);
  refuse_file (f, COACH_DB_ERROR, COACH_DB_ERROR_NOT_A_DATABASE);
}

static void
test_refuse_text_file (Fixture       *f,
                       gconstpointer  data)
{
  const char *csv = "name,description,difficulty\nSquat,Legs,easy\nBurpee,Everything,hard\n";

  test_write_file (f->path, csv, strlen (csv));
  refuse_file (f, COACH_DB_ERROR, COACH_DB_ERROR_NOT_A_DATABASE);
}

static void
test_refuse_short_file (Fixture       *f,
                        gconstpointer  data)
{
  test_write_file (f->path, "SQLite", 6);
  refuse_file (f, COACH_DB_ERROR, COACH_DB_ERROR_NOT_A_DATABASE);
}

/* The magic string, then garbage: SQLite itself has to say no. */
static void
test_refuse_garbage_after_header (Fixture       *f,
                                  gconstpointer  data)
{
  guint8 bytes[8192];

  for (guint i = 0; i < sizeof bytes; i++)
    bytes[i] = g_test_rand_int_range (0, 256);
  memcpy (bytes, "SQLite format 3", 16);
  test_write_file (f->path, bytes, sizeof bytes);
  refuse_file (f, COACH_DB_ERROR, COACH_DB_ERROR_NOT_A_DATABASE);
}

/* Same, with the header bytes that announce a WAL database, which makes
 * SQLite look for (and create) the -wal and -shm files. */
static void
test_refuse_garbage_wal_header (Fixture       *f,
                                gconstpointer  data)
{
  guint8 bytes[8192];

  for (guint i = 0; i < sizeof bytes; i++)
    bytes[i] = g_test_rand_int_range (0, 256);
  memcpy (bytes, "SQLite format 3", 16);
  bytes[16] = 0x10;  /* page size 4096 */
  bytes[17] = 0x00;
  bytes[18] = 2;     /* WAL */
  bytes[19] = 2;
  test_write_file (f->path, bytes, sizeof bytes);
  refuse_file (f, COACH_DB_ERROR, -1);
}

static void
test_refuse_other_database (Fixture       *f,
                            gconstpointer  data)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  test_sqlite_exec (db, "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);"
                        "INSERT INTO notes (body) VALUES ('shopping list'), ('phone numbers');");
  sqlite3_close (db);

  refuse_file (f, COACH_CATALOG_ERROR, COACH_CATALOG_ERROR_INVALID);
  g_assert_cmpint (test_sql_int (f->path, "SELECT count(*) FROM notes"), ==, 2);
}

/* Another program's database that happens to use user_version too. */
static void
test_refuse_other_database_with_version (Fixture       *f,
                                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  test_sqlite_exec (db, "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);"
                        "INSERT INTO notes (body) VALUES ('keep me');"
                        "PRAGMA user_version = 1;");
  sqlite3_close (db);
  before = test_file_checksum (f->path);

  f->catalog = coach_catalog_open (f->dir, &error);
  g_assert_null (f->catalog);
  g_assert_nonnull (error);
  assert_readable_error (error, NULL);
  assert_file_untouched (f->path, before);
}

static GArray *
exercise_leaf_pages (const char *path)
{
  GArray *pages = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3 *db = test_sqlite_open (path, TRUE);
  sqlite3_stmt *stmt = NULL;

  /* dbstat is an optional part of SQLite; without it, the middle pages */
  if (sqlite3_prepare_v2 (db, "SELECT pageno FROM dbstat WHERE name = 'exercise' AND pagetype = 'leaf' "
                              "ORDER BY pageno", -1, &stmt, NULL) == SQLITE_OK)
    {
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          gint64 page = sqlite3_column_int64 (stmt, 0);
          g_array_append_val (pages, page);
        }
      sqlite3_finalize (stmt);
    }
  else
    {
      gint64 n = test_sqlite_int (db, "PRAGMA page_count");
      for (gint64 p = n / 2 - 1; p <= n / 2 + 1; p++)
        g_array_append_val (pages, p);
    }
  sqlite3_close (db);
  return pages;
}

static void
test_refuse_damaged_catalog (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) pages = NULL;
  g_autofree char *before = NULL;
  g_autofree char *check = NULL;
  g_autofree char *contents = NULL;
  gsize len = 0;
  gint64 page_size;
  gint64 victim;
  gboolean detected = FALSE;

  f->catalog = coach_catalog_open (f->dir, &error);
  g_assert_no_error (error);
  g_assert_true (coach_catalog_begin (f->catalog, &error));
  for (guint i = 0; i < 600; i++)
    {
      g_autofree char *name = g_strdup_printf ("Exercise %04u", i);
      g_autoptr(CoachRecord) ex = test_save_exercise (f->catalog, name);

      coach_record_set_string (ex, "instructions",
                               "Stand tall, brace, breathe out on the way up, keep the knees over the toes.");
      g_assert_true (coach_catalog_save (f->catalog, ex, &error));
      g_assert_no_error (error);
    }
  g_assert_true (coach_catalog_commit (f->catalog, &error));
  g_clear_object (&f->catalog);
  test_assert_no_side_files (f->path);

  /* overwrite a page of the exercise table near the middle of the file */
  page_size = test_sql_int (f->path, "PRAGMA page_size");
  pages = exercise_leaf_pages (f->path);
  g_assert_cmpuint (pages->len, >, 2);
  victim = g_array_index (pages, gint64, pages->len / 2);
  g_assert_true (g_file_get_contents (f->path, &contents, &len, NULL));
  g_assert_cmpint ((victim + 1) * page_size, <=, (gint64) len);
  for (gint64 i = 0; i < page_size; i++)
    contents[(victim - 1) * page_size + i] = (char) g_test_rand_int_range (0, 256);
  test_write_file (f->path, contents, len);
  before = test_file_checksum (f->path);

  check = test_integrity_check (f->path);
  g_assert_cmpstr (check, !=, "ok");

  /* Either opening says so, or reading the damaged rows does; either way
   * with a sentence a coach can act on, and no write to the file. */
  f->catalog = coach_catalog_open (f->dir, &error);
  if (f->catalog == NULL)
    {
      assert_readable_error (error, f->path);
      detected = TRUE;
    }
  else
    {
      g_autoptr(GPtrArray) list = NULL;

      g_assert_no_error (error);
      list = coach_catalog_list (f->catalog, "exercise", TRUE, &error);
      g_assert_null (list);
      g_assert_error (error, COACH_DB_ERROR, COACH_DB_ERROR_CORRUPT);
      assert_readable_error (error, f->path);
      g_assert_nonnull (strstr (error->message, "damaged"));
      detected = TRUE;
      g_clear_object (&f->catalog);
    }
  g_assert_true (detected);
  assert_file_untouched (f->path, before);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/catalog/migrations/create-new", Fixture, NULL, fixture_setup, test_create_new, fixture_teardown);
  g_test_add ("/catalog/migrations/create-from-empty-file", Fixture, NULL, fixture_setup, test_create_from_empty_file, fixture_teardown);
  for (guint v = 1; v < COACH_CATALOG_VERSION; v++)
    {
      g_autofree char *path = g_strdup_printf ("/catalog/migrations/from-v%u", v);
      g_test_add (path, Fixture, GUINT_TO_POINTER (v), fixture_setup, test_migrate_from, fixture_teardown);
    }
  g_test_add ("/catalog/migrations/stepwise", Fixture, NULL, fixture_setup, test_migrate_stepwise, fixture_teardown);
  g_test_add ("/catalog/migrations/failed-leaves-file/wal", Fixture, NULL, fixture_setup, test_failed_migration_wal, fixture_teardown);
  g_test_add ("/catalog/migrations/failed-leaves-file/rollback-journal", Fixture, NULL, fixture_setup, test_failed_migration_rollback_journal, fixture_teardown);
  g_test_add ("/catalog/migrations/newer-version", Fixture, NULL, fixture_setup, test_newer_version, fixture_teardown);

  g_test_add ("/catalog/open/random-bytes", Fixture, NULL, fixture_setup, test_refuse_random_bytes, fixture_teardown);
  g_test_add ("/catalog/open/text-file", Fixture, NULL, fixture_setup, test_refuse_text_file, fixture_teardown);
  g_test_add ("/catalog/open/short-file", Fixture, NULL, fixture_setup, test_refuse_short_file, fixture_teardown);
  g_test_add ("/catalog/open/garbage-after-header", Fixture, NULL, fixture_setup, test_refuse_garbage_after_header, fixture_teardown);
  g_test_add ("/catalog/open/garbage-wal-header", Fixture, NULL, fixture_setup, test_refuse_garbage_wal_header, fixture_teardown);
  g_test_add ("/catalog/open/other-database", Fixture, NULL, fixture_setup, test_refuse_other_database, fixture_teardown);
  g_test_add ("/catalog/open/other-database-with-version", Fixture, NULL, fixture_setup, test_refuse_other_database_with_version, fixture_teardown);
  g_test_add ("/catalog/open/damaged-pages", Fixture, NULL, fixture_setup, test_refuse_damaged_catalog, fixture_teardown);

  return g_test_run ();
}
