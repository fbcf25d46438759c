/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coach-blob-transfer"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "coach-blob-private.h"
#include "coach-blob-range-stream.h"
#include "coach-clip-import.h"

typedef struct
{
  char    *sha256;
  char    *path;
  char    *mime_type;
  guint64  size;
  gboolean resuming;   /* an upload was started by an earlier run */
} UploadItem;

typedef struct
{
  CoachBlobPass *pass;
  guint64        base;   /* bytes of this file sent before this request */
} WroteData;

static void
upload_item_free (UploadItem *item)
{
  g_free (item->sha256);
  g_free (item->path);
  g_free (item->mime_type);
  g_free (item);
}

/* Stored files a synced clip refers to that the team may not have;
 * smallest first, so that thumbnails reach the other devices early. */
static GPtrArray *
list_uploads (CoachCatalog  *catalog,
              GError       **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) upload_item_free);
  CoachDb *db = _coach_catalog_get_db (catalog);
  sqlite3_stmt *stmt;
  int rc;

  stmt = coach_db_prepare (db,
                           "SELECT b.sha256, b.size, b.mime_type, "
                           "       b.state = 'uploading' OR u.sha256 IS NOT NULL "
                           "FROM blob b LEFT JOIN blob_upload u ON u.sha256 = b.sha256 "
                           "WHERE b.state IN ('local', 'uploading') AND b.path IS NOT NULL AND b.sha256 IN ("
                           "  SELECT sha256 FROM clip WHERE deleted = 0 AND server_version > 0 "
                           "  UNION SELECT proxy_sha256 FROM clip WHERE deleted = 0 AND server_version > 0 "
                           "  UNION SELECT thumbnail_sha256 FROM clip WHERE deleted = 0 AND server_version > 0) "
                           "ORDER BY b.size, b.sha256", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = coach_db_step (db, stmt, error)) == SQLITE_ROW)
    {
      UploadItem *item = g_new0 (UploadItem, 1);

      item->sha256 = g_strdup (coach_db_column_text (stmt, 0));
      /* the store's own place for it, wherever the data dir is now */
      item->path = coach_catalog_blob_path (catalog, item->sha256);
      item->size = sqlite3_column_int64 (stmt, 1);
      item->mime_type = g_strdup (coach_db_column_text (stmt, 2));
      item->resuming = sqlite3_column_int (stmt, 3) != 0;
      g_ptr_array_add (items, item);
    }
  sqlite3_reset (stmt);
  if (rc == 0)
    return NULL;
  return g_steal_pointer (&items);
}

static gboolean
forget_upload (CoachCatalog  *catalog,
               const char    *sha256,
               const char    *state,
               GError       **error)
{
  g_autofree char *sql = g_strdup_printf ("UPDATE blob SET state = '%s' WHERE sha256 = ?", state);

  return _coach_blob_exec_sha (catalog, "DELETE FROM blob_upload WHERE sha256 = ?", sha256, error) &&
         _coach_blob_exec_sha (catalog, sql, sha256, error);
}

/* Remembers the upload, and what the server says it has of it (its word
 * wins over ours: a part it does not list is sent again). */
static gboolean
record_upload (CoachCatalog         *catalog,
               const char           *sha256,
               CoachSyncBlobUpload  *upload,
               GError              **error)
{
  CoachDb *db = _coach_catalog_get_db (catalog);
  sqlite3_stmt *stmt;

  if (!coach_catalog_begin (catalog, error))
    return FALSE;
  stmt = coach_db_prepare (db,
                           "INSERT INTO blob_upload (sha256, method, part_size, part_count, started_at) "
                           "VALUES (?, ?, ?, ?, ?) ON CONFLICT (sha256) DO UPDATE SET "
                           "method = excluded.method, part_size = excluded.part_size, part_count = excluded.part_count",
                           error);
  if (stmt == NULL)
    goto fail;
  coach_db_bind_text (stmt, 1, sha256);
  coach_db_bind_text (stmt, 2, upload->multipart ? "multipart" : "put");
  sqlite3_bind_int64 (stmt, 3, upload->part_size);
  sqlite3_bind_int64 (stmt, 4, upload->part_count);
  sqlite3_bind_int64 (stmt, 5, _coach_catalog_now_ms ());
  if (!coach_db_step_done (db, stmt, error) ||
      !_coach_blob_exec_sha (catalog, "DELETE FROM blob_upload_part WHERE sha256 = ?", sha256, error) ||
      !_coach_blob_exec_sha (catalog, "UPDATE blob SET state = 'uploading' WHERE sha256 = ?", sha256, error))
    goto fail;

  for (guint i = 0; i < upload->received->len; i++)
    {
      CoachSyncBlobPart *part = upload->received->pdata[i];

      stmt = coach_db_prepare (db, "INSERT OR REPLACE INTO blob_upload_part (sha256, part_number, size, etag) "
                                   "VALUES (?, ?, ?, ?)", error);
      if (stmt == NULL)
        goto fail;
      coach_db_bind_text (stmt, 1, sha256);
      sqlite3_bind_int (stmt, 2, part->part_number);
      sqlite3_bind_int64 (stmt, 3, part->size);
      coach_db_bind_text (stmt, 4, part->etag ? part->etag : "");
      if (!coach_db_step_done (db, stmt, error))
        goto fail;
    }
  return coach_catalog_commit (catalog, error);

fail:
  coach_catalog_rollback (catalog);
  return FALSE;
}

static gboolean
record_part (CoachCatalog  *catalog,
             const char    *sha256,
             guint          number,
             guint64        size,
             const char    *etag,
             GError       **error)
{
  CoachDb *db = _coach_catalog_get_db (catalog);
  sqlite3_stmt *stmt = coach_db_prepare (db, "INSERT OR REPLACE INTO blob_upload_part (sha256, part_number, size, etag) "
                                             "VALUES (?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  coach_db_bind_text (stmt, 1, sha256);
  sqlite3_bind_int (stmt, 2, number);
  sqlite3_bind_int64 (stmt, 3, size);
  coach_db_bind_text (stmt, 4, etag);
  return coach_db_step_done (db, stmt, error);
}

/* Every part this side knows was stored, with its ETag, for complete: the
 * server's word on what it has was taken in record_upload(). */
static GPtrArray *
load_parts (CoachCatalog  *catalog,
            const char    *sha256,
            GError       **error)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func ((GDestroyNotify) coach_sync_blob_part_free);
  CoachDb *db = _coach_catalog_get_db (catalog);
  sqlite3_stmt *stmt;
  int rc;

  stmt = coach_db_prepare (db, "SELECT part_number, size, etag FROM blob_upload_part WHERE sha256 = ? "
                               "ORDER BY part_number", error);
  if (stmt == NULL)
    return NULL;
  coach_db_bind_text (stmt, 1, sha256);
  while ((rc = coach_db_step (db, stmt, error)) == SQLITE_ROW)
    {
      CoachSyncBlobPart *part = g_new0 (CoachSyncBlobPart, 1);

      part->part_number = sqlite3_column_int (stmt, 0);
      part->size = sqlite3_column_int64 (stmt, 1);
      part->etag = g_strdup (coach_db_column_text (stmt, 2));
      g_ptr_array_add (parts, part);
    }
  sqlite3_reset (stmt);
  if (rc == 0)
    return NULL;
  return g_steal_pointer (&parts);
}

static void
wrote_cb (guint64   written,
          gpointer  user_data)
{
  WroteData *data = user_data;
  CoachBlobProgress *p = &data->pass->progress;

  p->file_done = MIN (data->base + written, p->file_total);
  _coach_blob_pass_report (data->pass, FALSE);
}

/* Sends @length bytes from @offset of the file to a presigned URL. */
static char *
send_range (CoachSyncClient  *client,
            UploadItem       *item,
            const char       *url,
            guint64           offset,
            guint64           length,
            CoachBlobPass    *pass,
            GCancellable     *cancellable,
            GError          **error)
{
  g_autoptr(GInputStream) body = coach_blob_range_stream_new (item->path, offset, length, error);
  WroteData data = { pass, pass->progress.file_done };

  if (body == NULL)
    return NULL;
  return coach_sync_client_put_url (client, url, body, length, wrote_cb, &data, cancellable, error);
}

static gboolean
upload_parts (CoachCatalog         *catalog,
              CoachSyncClient      *client,
              UploadItem           *item,
              CoachSyncBlobUpload **upload_inout,
              CoachBlobPass        *pass,
              GCancellable         *cancellable,
              GError              **error)
{
  CoachSyncBlobUpload *upload = *upload_inout;
  gint64 asked_at = g_get_monotonic_time ();
  guint64 have = 0;

  for (guint i = 0; i < upload->received->len; i++)
    have += ((CoachSyncBlobPart *) upload->received->pdata[i])->size;
  pass->progress.file_done = MIN (have, item->size);
  _coach_blob_pass_report (pass, TRUE);

  for (guint i = 0; i < upload->parts->len;)
    {
      CoachSyncBlobPart *part = upload->parts->pdata[i];
      g_autofree char *etag = NULL;
      guint64 offset = (guint64) (part->part_number - 1) * upload->part_size;

      /* URLs expire: ask for fresh ones rather than have a part refused.
       * Expiry counts whole seconds from a signing time rounded down, and
       * the server's clock and the storage's differ a little: keep a
       * quarter of the lifetime in hand, and at least 2 s (but never ask
       * again before half of it has passed). */
      if (g_get_monotonic_time () - asked_at >
          MAX ((gint64) upload->expires_in * G_USEC_PER_SEC -
               MAX ((gint64) upload->expires_in * G_USEC_PER_SEC / 4, 2 * G_USEC_PER_SEC),
               (gint64) upload->expires_in * G_USEC_PER_SEC / 2))
        {
          CoachSyncBlobUpload *fresh = coach_sync_client_blob_parts (client, item->sha256, cancellable, error);

          if (fresh == NULL)
            return FALSE;
          coach_sync_blob_upload_free (upload);
          *upload_inout = upload = fresh;
          if (upload->exists || !upload->multipart)
            return TRUE;
          asked_at = g_get_monotonic_time ();
          i = 0;
          continue;
        }

      if (offset + part->size > item->size)
        {
          g_set_error (error, COACH_SYNC_ERROR, COACH_SYNC_ERROR_PROTOCOL,
                       _("The team server asked for a part past the end of the file"));
          return FALSE;
        }
      etag = send_range (client, item, part->url, offset, part->size, pass, cancellable, error);
      if (etag == NULL ||
          !coach_sync_client_blob_report_part (client, item->sha256, part->part_number, part->size, etag,
                                               cancellable, error) ||
          !record_part (catalog, item->sha256, part->part_number, part->size, etag, error))
        return FALSE;
      if (pass->stats != NULL)
        pass->stats->bytes_uploaded += part->size;
      _coach_blob_pass_report (pass, TRUE);
      i++;
    }
  return TRUE;
}

static gboolean
upload_one (CoachCatalog     *catalog,
            CoachSyncClient  *client,
            UploadItem       *item,
            CoachBlobPass    *pass,
            GCancellable     *cancellable,
            GError          **error)
{
  g_autoptr(CoachSyncBlobUpload) upload = NULL;
  g_autoptr(GPtrArray) parts = NULL;
  g_autoptr(GError) local_error = NULL;

  /* After a restart, ask what the server has of the upload; it may have
   * dropped an upload left alone too long: then start over. */
  if (item->resuming)
    {
      upload = coach_sync_client_blob_parts (client, item->sha256, cancellable, &local_error);
      if (upload == NULL && !g_error_matches (local_error, COACH_SYNC_ERROR, COACH_SYNC_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      g_clear_error (&local_error);
    }
  if (upload == NULL)
    upload = coach_sync_client_blob_init (client, item->sha256, item->size, item->mime_type, cancellable, error);
  if (upload == NULL)
    return FALSE;

  if (!upload->exists)
    {
      if (!record_upload (catalog, item->sha256, upload, error))
        return FALSE;
      if (upload->multipart)
        {
          if (!upload_parts (catalog, client, item, &upload, pass, cancellable, error))
            return FALSE;
        }
      else
        {
          g_autofree char *etag = send_range (client, item, upload->url, 0, item->size, pass, cancellable, error);

          if (etag == NULL)
            return FALSE;
          if (pass->stats != NULL)
            pass->stats->bytes_uploaded += item->size;
        }
    }

  if (!upload->exists && upload->multipart)
    {
      parts = load_parts (catalog, item->sha256, error);
      if (parts == NULL)
        return FALSE;
    }

  if (upload->exists)
    {
      if (pass->stats != NULL)
        pass->stats->deduplicated++;
    }
  else if (coach_sync_client_blob_complete (client, item->sha256, parts, cancellable, &local_error))
    {
      if (pass->stats != NULL)
        pass->stats->uploaded++;
    }
  else
    {
      /* The server threw the stored copy away (or never got all of it):
       * the next run starts a fresh upload. */
      if (g_error_matches (local_error, COACH_SYNC_ERROR, COACH_SYNC_ERROR_BLOB_MISMATCH) &&
          !forget_upload (catalog, item->sha256, "local", error))
        return FALSE;
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                  _("The team server did not accept the file %.12s…: "), item->sha256);
      return FALSE;
    }

  return forget_upload (catalog, item->sha256, "uploaded", error);
}

gboolean
coach_catalog_upload_blobs (CoachCatalog          *catalog,
                            CoachSyncClient       *client,
                            CoachBlobStats        *stats,
                            CoachBlobProgressFunc  progress,
                            gpointer               user_data,
                            GCancellable          *cancellable,
                            GError               **error)
{
  g_autoptr(GPtrArray) items = NULL;
  CoachBlobPass pass;

  g_return_val_if_fail (COACH_IS_CATALOG (catalog), FALSE);
  g_return_val_if_fail (COACH_IS_SYNC_CLIENT (client), FALSE);

  items = list_uploads (catalog, error);
  if (items == NULL)
    return FALSE;

  _coach_blob_pass_init (&pass, COACH_BLOB_UPLOAD, stats, progress, user_data);
  pass.progress.files_total = items->len;
  for (guint i = 0; i < items->len; i++)
    pass.progress.bytes_total += ((UploadItem *) items->pdata[i])->size;

  for (guint i = 0; i < items->len; i++)
    {
      UploadItem *item = items->pdata[i];
      GError *file_error = NULL;

      _coach_blob_pass_start_file (&pass, item->sha256, item->size);
      if (upload_one (catalog, client, item, &pass, cancellable, &file_error))
        {
          _coach_blob_pass_end_file (&pass);
          continue;
        }
      pass.progress.bytes_total -= item->size;
      if (!_coach_blob_pass_file_failed (&pass, file_error, error))
        {
          _coach_blob_pass_clear (&pass);
          return FALSE;
        }
    }
  return _coach_blob_pass_finish (&pass, error);
}
