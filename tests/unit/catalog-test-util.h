/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 *
 * Shared by the catalog unit tests: a temp-dir fixture, raw SQLite access
 * to the catalog file (to check what really is on disk, independent of the
 * code under test) and small builders for rows.
 */
#pragma once

#include <errno.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "coach-catalog.h"
#include "coach-record.h"
#include "coach-uuid.h"

typedef struct
{
  char         *dir;
  char         *path;      /* dir/catalog.db */
  CoachCatalog *catalog;
} CatalogFixture;

static inline void
test_rm_rf (const char *path)
{
  GDir *dir;
  const char *name;

  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      dir = g_dir_open (path, 0, NULL);
      while (dir && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          test_rm_rf (child);
        }
      if (dir)
        g_dir_close (dir);
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

static inline char *
test_make_tmp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("coachbook-test-XXXXXX", &error);

  g_assert_no_error (error);
  g_assert_nonnull (dir);
  return dir;
}

/* Sets up a temp dir; opens a catalog in it unless @data is
 * GINT_TO_POINTER (1). */
static inline void
catalog_fixture_setup (CatalogFixture *f,
                       gconstpointer   data)
{
  g_autoptr(GError) error = NULL;

  f->dir = test_make_tmp_dir ();
  f->path = g_build_filename (f->dir, "catalog.db", NULL);
  if (GPOINTER_TO_INT (data) == 1)
    return;
  f->catalog = coach_catalog_open (f->dir, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->catalog);
}

static inline void
catalog_fixture_teardown (CatalogFixture *f,
                          gconstpointer   data)
{
  g_clear_object (&f->catalog);
  test_rm_rf (f->dir);
  g_clear_pointer (&f->dir, g_free);
  g_clear_pointer (&f->path, g_free);
}

/* ------------------------------------------------------------------------- */
/* Files */

/* SHA-256 of a whole file, or NULL when it does not exist. */
static inline char *
test_file_checksum (const char *path)
{
  g_autofree char *data = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &data, &len, NULL))
    return NULL;
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, len);
}

static inline gboolean
test_file_exists_with_suffix (const char *path,
                              const char *suffix)
{
  g_autofree char *p = g_strconcat (path, suffix, NULL);

  return g_file_test (p, G_FILE_TEST_EXISTS);
}

/* Nothing SQLite writes beside a database (journals, WAL, shared memory). */
static inline void
test_assert_no_side_files (const char *path)
{
  g_assert_false (test_file_exists_with_suffix (path, "-wal"));
  g_assert_false (test_file_exists_with_suffix (path, "-journal"));
  g_assert_false (test_file_exists_with_suffix (path, "-shm"));
}

static inline void
test_write_file (const char *path,
                 const void *data,
                 gsize       len)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, len, &error);
  g_assert_no_error (error);
}

/* ------------------------------------------------------------------------- */
/* Raw SQLite, through a connection of its own. Read-write even for reads:
 * only a connection that may write removes the -wal and -shm files of a WAL
 * database when it closes last. */

static inline sqlite3 *
test_sqlite_open (const char *path,
                  gboolean    read_only)
{
  sqlite3 *db = NULL;
  int flags = read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
  int rc = sqlite3_open_v2 (path, &db, flags, NULL);

  if (rc != SQLITE_OK)
    g_error ("cannot open %s: %s", path, sqlite3_errstr (rc));
  sqlite3_busy_timeout (db, 5000);
  return db;
}

static inline void
test_sqlite_exec (sqlite3    *db,
                  const char *sql)
{
  char *errmsg = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &errmsg) != SQLITE_OK)
    g_error ("%s: %s", sql, errmsg);
}

static inline gint64
test_sqlite_int (sqlite3    *db,
                 const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 v = -1;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  if (sqlite3_step (stmt) == SQLITE_ROW)
    v = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return v;
}

static inline char *
test_sqlite_text (sqlite3    *db,
                  const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *v = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    v = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return v;
}

/* One query on a short-lived connection. */
static inline gint64
test_sql_int (const char *path,
              const char *sql)
{
  sqlite3 *db = test_sqlite_open (path, FALSE);
  gint64 v = test_sqlite_int (db, sql);

  sqlite3_close (db);
  return v;
}

static inline char *
test_sql_text (const char *path,
               const char *sql)
{
  sqlite3 *db = test_sqlite_open (path, FALSE);
  char *v = test_sqlite_text (db, sql);

  sqlite3_close (db);
  return v;
}

static inline char *
test_integrity_check (const char *path)
{
  return test_sql_text (path, "PRAGMA integrity_check");
}

/* ------------------------------------------------------------------------- */
/* The outbox, as stored */

typedef struct
{
  gint64      mid;
  char       *table;
  char       *row_id;
  char       *op;
  JsonObject *fields;
} OutboxRow;

static inline void
outbox_row_free (gpointer data)
{
  OutboxRow *row = data;

  g_free (row->table);
  g_free (row->row_id);
  g_free (row->op);
  g_clear_pointer (&row->fields, json_object_unref);
  g_free (row);
}

/* Rows with mid > @after_mid, in order. */
static inline GPtrArray *
test_outbox_rows (const char *path,
                  gint64      after_mid)
{
  sqlite3 *db = test_sqlite_open (path, FALSE);
  sqlite3_stmt *stmt = NULL;
  GPtrArray *rows = g_ptr_array_new_with_free_func (outbox_row_free);

  if (sqlite3_prepare_v2 (db, "SELECT mid, tbl, row_id, op, fields FROM outbox WHERE mid > ? ORDER BY mid",
                          -1, &stmt, NULL) != SQLITE_OK)
    g_error ("outbox: %s", sqlite3_errmsg (db));
  sqlite3_bind_int64 (stmt, 1, after_mid);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      OutboxRow *row = g_new0 (OutboxRow, 1);
      g_autoptr(JsonNode) node = NULL;
      g_autoptr(GError) error = NULL;

      row->mid = sqlite3_column_int64 (stmt, 0);
      row->table = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      row->row_id = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      row->op = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      node = json_from_string ((const char *) sqlite3_column_text (stmt, 4), &error);
      g_assert_no_error (error);
      g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
      row->fields = json_object_ref (json_node_get_object (node));
      g_ptr_array_add (rows, row);
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return rows;
}

static inline gint64
test_outbox_last_mid (const char *path)
{
  return test_sql_int (path, "SELECT ifnull (max (mid), 0) FROM outbox");
}

/* ------------------------------------------------------------------------- */
/* Rows */

static inline CoachRecord *
test_save_exercise (CoachCatalog *catalog,
                    const char   *name)
{
  g_autoptr(GError) error = NULL;
  CoachRecord *ex = coach_record_new_for_table ("exercise", NULL);

  coach_record_set_string (ex, "name", name);
  coach_catalog_save (catalog, ex, &error);
  g_assert_no_error (error);
  return ex;
}

static inline CoachRecord *
test_save_named (CoachCatalog *catalog,
                 const char   *table,
                 const char   *field,
                 const char   *value)
{
  g_autoptr(GError) error = NULL;
  CoachRecord *record = coach_record_new_for_table (table, NULL);

  coach_record_set_string (record, field, value);
  coach_catalog_save (catalog, record, &error);
  g_assert_no_error (error);
  return record;
}

static inline CoachRecord *
test_save_item (CoachCatalog *catalog,
                const char   *workout_id,
                const char   *exercise_id,
                const char   *position)
{
  g_autoptr(GError) error = NULL;
  CoachRecord *item = coach_record_new_for_table ("workout_item", NULL);

  coach_record_set_string (item, "workout_id", workout_id);
  coach_record_set_string (item, "exercise_id", exercise_id);
  coach_record_set_string (item, "position", position);
  coach_catalog_save (catalog, item, &error);
  g_assert_no_error (error);
  return item;
}

static inline void
test_link (CoachCatalog *catalog,
           const char   *link_table,
           const char   *a_id,
           const char   *b_id)
{
  g_autoptr(GError) error = NULL;

  coach_catalog_link (catalog, link_table, a_id, b_id, &error);
  g_assert_no_error (error);
}

static inline gint64
test_count (CoachCatalog *catalog,
            const char   *table)
{
  g_autoptr(GError) error = NULL;
  gint64 n = coach_catalog_count (catalog, table, &error);

  g_assert_no_error (error);
  return n;
}

static inline gint64
test_outbox_count (CoachCatalog *catalog)
{
  g_autoptr(GError) error = NULL;
  gint64 n = coach_catalog_outbox_count (catalog, &error);

  g_assert_no_error (error);
  return n;
}

/* ------------------------------------------------------------------------- */
/* A valid value for every field of every table, in two variants, so that a
 * test can write one and then change every field to the other. */

static inline JsonNode *
test_field_value (const CoachFieldInfo *f,
                  guint                 variant)
{
  g_assert (variant <= 1);

  switch (f->type)
    {
    case COACH_FIELD_TEXT:
      {
        g_autofree char *s = NULL;

        if (g_str_equal (f->name, "starts_at"))
          s = g_strdup_printf ("2026-03-0%uT18:00:00+01:00", 3 + variant);
        else if (g_str_equal (f->name, "position"))
          s = g_strdup (variant ? "b0" : "a0");
        else
          s = g_strdup_printf ("%s é “%u”", f->name, variant);
        return json_node_init_string (json_node_alloc (), s);
      }
    case COACH_FIELD_INT:
      if (f->min < f->max)
        return json_node_init_int (json_node_alloc (), f->min + 1 + variant);
      return json_node_init_int (json_node_alloc (), 7 + variant);
    case COACH_FIELD_REAL:
      return json_node_init_double (json_node_alloc (), variant ? 2.25 : 1.5);
    case COACH_FIELD_BOOL:
      return json_node_init_boolean (json_node_alloc (), variant == 0);
    case COACH_FIELD_ENUM:
      {
        guint n = g_strv_length ((char **) f->enum_values);

        g_assert (n >= 2);
        return json_node_init_string (json_node_alloc (), f->enum_values[variant ? 0 : n - 1]);
      }
    case COACH_FIELD_REF:
      {
        g_autofree char *id = coach_uuid_v7_new ();
        return json_node_init_string (json_node_alloc (), id);
      }
    case COACH_FIELD_STRV:
      {
        JsonArray *a = json_array_new ();
        JsonNode *node;

        json_array_add_string_element (a, "épaule");
        json_array_add_string_element (a, variant ? "second" : "first");
        node = json_node_init_array (json_node_alloc (), a);
        json_array_unref (a);
        return node;
      }
    case COACH_FIELD_JSON:
      {
        JsonObject *o = json_object_new ();
        JsonNode *node;

        json_object_set_int_member (o, "k", variant);
        json_object_set_string_member (o, "s", "é");
        node = json_node_init_object (json_node_alloc (), o);
        json_object_unref (o);
        return node;
      }
    default:
      g_assert_not_reached ();
    }
}

/* Fills every field; returns the values it set (field name -> node). */
static inline JsonObject *
test_fill_record (CoachRecord *record,
                  guint        variant)
{
  const CoachTableInfo *info = coach_record_get_table (record);
  JsonObject *values = json_object_new ();

  for (guint i = 0; i < info->n_fields; i++)
    {
      JsonNode *v = test_field_value (&info->fields[i], variant);

      coach_record_set_value (record, info->fields[i].name, v);
      json_object_set_member (values, info->fields[i].name, v);
    }
  return values;
}

static inline void
test_assert_record_values (CoachRecord *record,
                           JsonObject  *values)
{
  const CoachTableInfo *info = coach_record_get_table (record);

  for (guint i = 0; i < info->n_fields; i++)
    {
      const char *name = info->fields[i].name;
      JsonNode *want = json_object_get_member (values, name);
      JsonNode *have = coach_record_get_value (record, name);

      if (!json_node_equal (want, have))
        {
          g_autofree char *w = json_to_string (want, FALSE);
          g_autofree char *h = json_to_string (have, FALSE);

          g_error ("%s.%s: expected %s, got %s", info->name, name, w, h);
        }
    }
}

/* Tables whose rows the app writes through records. */
static inline gboolean
test_table_is_local_record (const CoachTableInfo *info)
{
  return coach_record_type_for_table (info->name) != G_TYPE_INVALID &&
         !(info->flags & COACH_TABLE_FLAG_SERVER_WRITES);
}
