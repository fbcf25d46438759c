/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coach-db"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <string.h>

#include <glib/gstdio.h>

#include "coach-db.h"

struct _CoachDb
{
  sqlite3    *handle;
  char       *path;
  GHashTable *stmts;   /* sql -> sqlite3_stmt */
  guint       depth;   /* open transaction + savepoints */
};

G_DEFINE_QUARK (coach-db-error-quark, coach_db_error)

static const char sqlite_magic[16] = "SQLite format 3";

static void
finalize_stmt (gpointer data)
{
  sqlite3_finalize (data);
}

static int
map_code (int rc)
{
  switch (rc & 0xff)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return COACH_DB_ERROR_BUSY;
    case SQLITE_CORRUPT:
      return COACH_DB_ERROR_CORRUPT;
    case SQLITE_NOTADB:
      return COACH_DB_ERROR_NOT_A_DATABASE;
    case SQLITE_FULL:
      return COACH_DB_ERROR_FULL;
    case SQLITE_READONLY:
    case SQLITE_PERM:
      return COACH_DB_ERROR_READ_ONLY;
    case SQLITE_CONSTRAINT:
      return COACH_DB_ERROR_CONSTRAINT;
    case SQLITE_CANTOPEN:
      return COACH_DB_ERROR_CANT_OPEN;
    default:
      return COACH_DB_ERROR_FAILED;
    }
}

gboolean
coach_db_set_error (CoachDb     *db,
                    int          rc,
                    const char  *context,
                    GError     **error)
{
  const char *msg = db && db->handle ? sqlite3_errmsg (db->handle) : sqlite3_errstr (rc);
  int code = map_code (rc);

  switch (code)
    {
    case COACH_DB_ERROR_FULL:
      g_set_error (error, COACH_DB_ERROR, code,
                   "The disk is full; nothing was changed (%s)", msg);
      break;
    case COACH_DB_ERROR_CORRUPT:
    case COACH_DB_ERROR_NOT_A_DATABASE:
      g_set_error (error, COACH_DB_ERROR, code,
                   "“%s” is damaged or not a Coachbook catalog (%s)",
                   db && db->path ? db->path : "catalog", msg);
      break;
    default:
      g_set_error (error, COACH_DB_ERROR, code, "%s: %s (SQLite code %d)",
                   context ? context : "Database error", msg, rc);
      break;
    }
  return FALSE;
}

/* Refuse a file that is not SQLite before SQLite gets a chance to write a
 * journal or WAL next to it: the user may have pointed us at the wrong file.
 *
 * The header is read through SQLite's own file handle. Opening and closing
 * the file ourselves would drop every POSIX lock this process holds on it
 * (close() releases them all), so a second connection in the same process
 * (a worker's) would leave the first one unlocked: another process could
 * then delete the WAL under it and the first connection's commits would
 * be lost. */
static gboolean
check_header (CoachDb  *db,
              GError  **error)
{
  sqlite3_file *file = NULL;
  char header[16] = { 0 };
  sqlite3_int64 size = 0;
  int rc;

  rc = sqlite3_file_control (db->handle, "main", SQLITE_FCNTL_FILE_POINTER, &file);
  if (rc != SQLITE_OK || file == NULL || file->pMethods == NULL)
    return TRUE;   /* not opened yet: SQLite creates the file on first write */

  if (file->pMethods->xFileSize (file, &size) != SQLITE_OK)
    {
      g_set_error (error, COACH_DB_ERROR, COACH_DB_ERROR_CANT_OPEN,
                   "Cannot read “%s”", db->path);
      return FALSE;
    }
  if (size == 0)
    return TRUE;   /* empty file: SQLite makes it a database */

  rc = file->pMethods->xRead (file, header, sizeof header, 0);
  if ((rc != SQLITE_OK && rc != SQLITE_IOERR_SHORT_READ) ||
      size < (sqlite3_int64) sizeof header ||
      memcmp (header, sqlite_magic, sizeof header) != 0)
    {
      g_set_error (error, COACH_DB_ERROR, COACH_DB_ERROR_NOT_A_DATABASE,
                   "“%s” is not a Coachbook catalog (it is not an SQLite database); "
                   "it was left untouched", db->path);
      return FALSE;
    }
  return TRUE;
}

CoachDb *
coach_db_open (const char  *path,
               gboolean     read_only,
               GError     **error)
{
  g_autoptr(CoachDb) db = NULL;
  int flags;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  db = g_new0 (CoachDb, 1);
  db->path = g_strdup (path);
  db->stmts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_stmt);

  flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
  flags |= read_only ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);

  rc = sqlite3_open_v2 (path, &db->handle, flags, NULL);
  if (rc != SQLITE_OK)
    {
      coach_db_set_error (db, rc, "Cannot open the catalog", error);
      return NULL;
    }

  if (!check_header (db, error))
    return NULL;

  sqlite3_busy_timeout (db->handle, 5000);
  sqlite3_extended_result_codes (db->handle, 1);

  return g_steal_pointer (&db);
}

void
coach_db_close (CoachDb *db)
{
  if (db == NULL)
    return;

  g_clear_pointer (&db->stmts, g_hash_table_unref);
  if (db->handle)
    sqlite3_close_v2 (db->handle);
  g_free (db->path);
  g_free (db);
}

sqlite3 *
coach_db_get_handle (CoachDb *db)
{
  return db->handle;
}

const char *
coach_db_get_path (CoachDb *db)
{
  return db->path;
}

gboolean
coach_db_exec (CoachDb     *db,
               const char  *sql,
               GError     **error)
{
  char *errmsg = NULL;
  int rc;

  rc = sqlite3_exec (db->handle, sql, NULL, NULL, &errmsg);
  sqlite3_free (errmsg);
  if (rc != SQLITE_OK)
    return coach_db_set_error (db, rc, "Cannot update the catalog", error);
  return TRUE;
}

sqlite3_stmt *
coach_db_prepare (CoachDb     *db,
                  const char  *sql,
                  GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = g_hash_table_lookup (db->stmts, sql);
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (db->handle, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      coach_db_set_error (db, rc, "Cannot prepare a query", error);
      return NULL;
    }

  g_hash_table_insert (db->stmts, g_strdup (sql), stmt);
  return stmt;
}

int
coach_db_step (CoachDb       *db,
               sqlite3_stmt  *stmt,
               GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW || rc == SQLITE_DONE)
    return rc;

  coach_db_set_error (db, rc, "Query failed", error);
  sqlite3_reset (stmt);
  return 0;
}

gboolean
coach_db_step_done (CoachDb       *db,
                    sqlite3_stmt  *stmt,
                    GError       **error)
{
  int rc = coach_db_step (db, stmt, error);

  sqlite3_reset (stmt);
  return rc != 0;
}

gboolean
coach_db_query_int (CoachDb     *db,
                    const char  *sql,
                    gint64      *out,
                    GError     **error)
{
  sqlite3_stmt *stmt = coach_db_prepare (db, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = coach_db_step (db, stmt, error);
  if (rc == 0)
    return FALSE;
  *out = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_reset (stmt);
  return TRUE;
}

/* The outer level takes the write lock up front (IMMEDIATE) so two
 * connections never deadlock upgrading a read lock; inner levels are
 * savepoints, so a helper can be transactional on its own or inside a
 * caller's transaction. */
gboolean
coach_db_begin (CoachDb  *db,
                GError  **error)
{
  g_autofree char *sql = NULL;

  if (db->depth == 0)
    sql = g_strdup ("BEGIN IMMEDIATE");
  else
    sql = g_strdup_printf ("SAVEPOINT sp%u", db->depth);

  if (!coach_db_exec (db, sql, error))
    return FALSE;
  db->depth++;
  return TRUE;
}

gboolean
coach_db_commit (CoachDb  *db,
                 GError  **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (db->depth > 0, FALSE);

  if (db->depth == 1)
    sql = g_strdup ("COMMIT");
  else
    sql = g_strdup_printf ("RELEASE sp%u", db->depth - 1);

  if (!coach_db_exec (db, sql, error))
    {
      coach_db_rollback (db);
      return FALSE;
    }
  db->depth--;
  return TRUE;
}

void
coach_db_rollback (CoachDb *db)
{
  g_autofree char *sql = NULL;

  g_return_if_fail (db->depth > 0);

  if (db->depth == 1)
    {
      /* After some errors (SQLITE_FULL, IOERR) SQLite has already rolled
       * back; a second ROLLBACK then fails harmlessly. */
      if (!sqlite3_get_autocommit (db->handle))
        sqlite3_exec (db->handle, "ROLLBACK", NULL, NULL, NULL);
    }
  else
    {
      sql = g_strdup_printf ("ROLLBACK TO sp%u; RELEASE sp%u", db->depth - 1, db->depth - 1);
      sqlite3_exec (db->handle, sql, NULL, NULL, NULL);
    }
  db->depth--;
}

guint
coach_db_get_depth (CoachDb *db)
{
  return db->depth;
}

void
coach_db_bind_text (sqlite3_stmt *stmt,
                    int           index,
                    const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

const char *
coach_db_column_text (sqlite3_stmt *stmt,
                      int           column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}
