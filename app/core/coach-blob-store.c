/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coach-blob-store"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "coach-blob-private.h"
#include "coach-blob-store.h"
#include "coach-clip-import.h"

enum { KIND_ORIGINAL, KIND_PROXY, KIND_THUMBNAIL, KIND_OTHER };

/* What a stored file is for (the first role that fits), and whether a
 * pinned clip needs it. */
#define KIND_SQL \
  "CASE WHEN EXISTS (SELECT 1 FROM clip c WHERE c.sha256 = b.sha256 AND c.deleted = 0) THEN 0 " \
  "     WHEN EXISTS (SELECT 1 FROM clip c WHERE c.proxy_sha256 = b.sha256 AND c.deleted = 0) THEN 1 " \
  "     WHEN EXISTS (SELECT 1 FROM clip c WHERE c.thumbnail_sha256 = b.sha256 AND c.deleted = 0) THEN 2 " \
  "     ELSE 3 END"
#define PINNED_SQL \
  "EXISTS (SELECT 1 FROM clip_pin p JOIN clip c ON c.id = p.clip_id " \
  "        WHERE c.deleted = 0 AND b.sha256 IN (c.sha256, c.proxy_sha256, c.thumbnail_sha256))"

static const char usage_sql[] =
  "SELECT " KIND_SQL ", b.state, " PINNED_SQL ", b.size FROM blob b "
  "WHERE b.state IN ('local', 'uploading', 'uploaded')";

static const char freeable_sql[] =
  "SELECT b.sha256, b.size FROM blob b "
  "WHERE b.state = 'uploaded' AND " KIND_SQL " <> 2 AND NOT " PINNED_SQL;

gboolean
coach_catalog_get_storage_usage (CoachCatalog       *catalog,
                                 CoachStorageUsage  *usage,
                                 GError            **error)
{
  CoachDb *db;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (COACH_IS_CATALOG (catalog), FALSE);
  g_return_val_if_fail (usage != NULL, FALSE);

  memset (usage, 0, sizeof *usage);
  db = _coach_catalog_get_db (catalog);
  stmt = coach_db_prepare (db, usage_sql, error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = coach_db_step (db, stmt, error)) == SQLITE_ROW)
    {
      int kind = sqlite3_column_int (stmt, 0);
      gboolean uploaded = g_strcmp0 (coach_db_column_text (stmt, 1), "uploaded") == 0;
      gboolean pinned = sqlite3_column_int (stmt, 2) != 0;
      guint64 size = MAX (sqlite3_column_int64 (stmt, 3), 0);

      switch (kind)
        {
        case KIND_ORIGINAL:
          usage->originals += size;
          break;
        case KIND_PROXY:
          usage->proxies += size;
          break;
        case KIND_THUMBNAIL:
          usage->thumbnails += size;
          break;
        default:
          usage->other += size;
          break;
        }
      usage->total += size;
      usage->n_files++;
      if (!uploaded)
        usage->not_uploaded += size;
      else if (!pinned && kind != KIND_THUMBNAIL)
        usage->freeable += size;
    }
  sqlite3_reset (stmt);
  return rc != 0;
}

typedef struct
{
  char    *sha256;
  guint64  size;
} Dropped;

static void
dropped_free (Dropped *d)
{
  g_free (d->sha256);
  g_free (d);
}

gboolean
coach_catalog_free_space (CoachCatalog  *catalog,
                          guint64       *freed_bytes,
                          guint         *freed_files,
                          GError       **error)
{
  g_autoptr(GPtrArray) dropped = g_ptr_array_new_with_free_func ((GDestroyNotify) dropped_free);
  CoachDb *db;
  sqlite3_stmt *stmt;
  guint64 bytes = 0;
  int rc;

  g_return_val_if_fail (COACH_IS_CATALOG (catalog), FALSE);

  db = _coach_catalog_get_db (catalog);
  if (!coach_catalog_begin (catalog, error))
    return FALSE;
  stmt = coach_db_prepare (db, freeable_sql, error);
  if (stmt == NULL)
    goto fail;
  while ((rc = coach_db_step (db, stmt, error)) == SQLITE_ROW)
    {
      Dropped *d = g_new0 (Dropped, 1);

      d->sha256 = g_strdup (coach_db_column_text (stmt, 0));
      d->size = MAX (sqlite3_column_int64 (stmt, 1), 0);
      g_ptr_array_add (dropped, d);
    }
  sqlite3_reset (stmt);
  if (rc == 0)
    goto fail;

  /* The catalog forgets the copy first: a crash in between leaves a stray
   * file, never a row that points at nothing. */
  for (guint i = 0; i < dropped->len; i++)
    {
      Dropped *d = dropped->pdata[i];

      if (!_coach_blob_exec_sha (catalog, "UPDATE blob SET state = 'missing', path = NULL "
                                          "WHERE sha256 = ? AND state = 'uploaded'", d->sha256, error))
        goto fail;
    }
  if (!coach_catalog_commit (catalog, error))
    return FALSE;

  for (guint i = 0; i < dropped->len; i++)
    {
      Dropped *d = dropped->pdata[i];
      g_autofree char *path = coach_catalog_blob_path (catalog, d->sha256);

      /* Where this store keeps it, not the row's path: that may name an
       * older location of the data dir, now another catalog's. */
      if (g_unlink (path) != 0 && errno != ENOENT)
        g_debug ("Cannot remove %s: %s", path, g_strerror (errno));
      bytes += d->size;
    }

  if (freed_bytes != NULL)
    *freed_bytes = bytes;
  if (freed_files != NULL)
    *freed_files = dropped->len;
  return TRUE;

fail:
  coach_catalog_rollback (catalog);
  return FALSE;
}

gboolean
coach_catalog_set_clip_pinned (CoachCatalog  *catalog,
                               const char    *clip_id,
                               gboolean       pinned,
                               GError       **error)
{
  CoachDb *db;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (COACH_IS_CATALOG (catalog), FALSE);
  g_return_val_if_fail (clip_id != NULL, FALSE);

  db = _coach_catalog_get_db (catalog);
  stmt = coach_db_prepare (db, pinned
                           ? "INSERT OR IGNORE INTO clip_pin (clip_id, pinned_at) VALUES (?, ?)"
                           : "DELETE FROM clip_pin WHERE clip_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  coach_db_bind_text (stmt, 1, clip_id);
  if (pinned)
    sqlite3_bind_int64 (stmt, 2, _coach_catalog_now_ms ());
  return coach_db_step_done (db, stmt, error);
}

gboolean
coach_catalog_get_clip_pinned (CoachCatalog *catalog,
                               const char   *clip_id)
{
  CoachDb *db;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (COACH_IS_CATALOG (catalog), FALSE);
  g_return_val_if_fail (clip_id != NULL, FALSE);

  db = _coach_catalog_get_db (catalog);
  stmt = coach_db_prepare (db, "SELECT 1 FROM clip_pin WHERE clip_id = ?", NULL);
  if (stmt == NULL)
    return FALSE;
  coach_db_bind_text (stmt, 1, clip_id);
  rc = coach_db_step (db, stmt, NULL);
  sqlite3_reset (stmt);
  return rc == SQLITE_ROW;
}
