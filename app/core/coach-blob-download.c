/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coach-blob-transfer"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "coach-blob-private.h"
#include "coach-clip-import.h"

#define BUFFER_SIZE (256 * 1024)
#define STALE_DOWNLOAD_S (24 * 60 * 60)

/* The rows of blobs a pass wants here: NULL-free, deduplicated. */
static GPtrArray *
list_missing (CoachCatalog  *catalog,
              const char    *sql,
              const char    *arg,
              GError       **error)
{
  g_autoptr(GPtrArray) shas = g_ptr_array_new_with_free_func (g_free);
  CoachDb *db = _coach_catalog_get_db (catalog);
  sqlite3_stmt *stmt = coach_db_prepare (db, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  if (arg != NULL)
    coach_db_bind_text (stmt, 1, arg);
  while ((rc = coach_db_step (db, stmt, error)) == SQLITE_ROW)
    g_ptr_array_add (shas, g_strdup (coach_db_column_text (stmt, 0)));
  sqlite3_reset (stmt);
  if (rc == 0)
    return NULL;
  return g_steal_pointer (&shas);
}

/* A file is here when its row says so; 'missing' and 'downloading' (a
 * download a crash interrupted) are not. */
#define NOT_HERE(col) \
  "NOT EXISTS (SELECT 1 FROM blob b WHERE b.sha256 = " col " AND b.state IN ('local', 'uploading', 'uploaded'))"

static const char missing_thumbnails_sql[] =
  "SELECT DISTINCT c.thumbnail_sha256 FROM clip c "
  "WHERE c.deleted = 0 AND c.thumbnail_sha256 IS NOT NULL AND " NOT_HERE ("c.thumbnail_sha256");

static const char missing_pinned_sql[] =
  "SELECT c.sha256 FROM clip c JOIN clip_pin p ON p.clip_id = c.id "
  "WHERE c.deleted = 0 AND c.sha256 IS NOT NULL AND " NOT_HERE ("c.sha256") " "
  "UNION SELECT c.proxy_sha256 FROM clip c JOIN clip_pin p ON p.clip_id = c.id "
  "WHERE c.deleted = 0 AND c.proxy_sha256 IS NOT NULL AND " NOT_HERE ("c.proxy_sha256");

static const char missing_clip_sql[] =
  "SELECT c.sha256 FROM clip c WHERE c.id = ?1 AND c.sha256 IS NOT NULL AND " NOT_HERE ("c.sha256") " "
  "UNION SELECT c.proxy_sha256 FROM clip c WHERE c.id = ?1 AND c.proxy_sha256 IS NOT NULL AND "
  NOT_HERE ("c.proxy_sha256");

static gboolean
is_here (CoachCatalog *catalog,
         const char   *sha256)
{
  CoachDb *db = _coach_catalog_get_db (catalog);
  sqlite3_stmt *stmt = coach_db_prepare (db, "SELECT 1 FROM blob WHERE sha256 = ? "
                                             "AND state IN ('local', 'uploading', 'uploaded')", NULL);
  int rc;

  if (stmt == NULL)
    return FALSE;
  coach_db_bind_text (stmt, 1, sha256);
  rc = coach_db_step (db, stmt, NULL);
  sqlite3_reset (stmt);
  return rc == SQLITE_ROW;
}

static gboolean
mark_downloading (CoachCatalog  *catalog,
                  const char    *sha256,
                  guint64        size,
                  GError       **error)
{
  CoachDb *db = _coach_catalog_get_db (catalog);
  sqlite3_stmt *stmt = coach_db_prepare (db,
                                         "INSERT INTO blob (sha256, path, size, state, created_at) "
                                         "VALUES (?, NULL, ?, 'downloading', ?) "
                                         "ON CONFLICT (sha256) DO UPDATE SET state = 'downloading', size = excluded.size "
                                         "WHERE blob.state IN ('missing', 'downloading')", error);

  if (stmt == NULL)
    return FALSE;
  coach_db_bind_text (stmt, 1, sha256);
  sqlite3_bind_int64 (stmt, 2, size);
  sqlite3_bind_int64 (stmt, 3, _coach_catalog_now_ms ());
  return coach_db_step_done (db, stmt, error);
}

/* It came from the server, so the server has it: 'uploaded' (a local copy
 * that may be dropped again to free space). */
static gboolean
mark_here (CoachCatalog  *catalog,
           const char    *sha256,
           const char    *path,
           GError       **error)
{
  CoachDb *db = _coach_catalog_get_db (catalog);
  sqlite3_stmt *stmt = coach_db_prepare (db, "UPDATE blob SET state = 'uploaded', path = ? "
                                             "WHERE sha256 = ? AND state IN ('missing', 'downloading')", error);

  if (stmt == NULL)
    return FALSE;
  coach_db_bind_text (stmt, 1, path);
  coach_db_bind_text (stmt, 2, sha256);
  return coach_db_step_done (db, stmt, error);
}

static gboolean
io_failed (GError     **error,
           int          saved_errno,
           const char  *what,
           const char  *path)
{
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), "%s “%s”: %s",
               what, path, g_strerror (saved_errno));
  return FALSE;
}

static gboolean
write_all (int           fd,
           const guint8 *buf,
           gsize         len)
{
  while (len > 0)
    {
      gssize n = write (fd, buf, len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return FALSE;
      buf += n;
      len -= n;
    }
  return TRUE;
}

/* Reads the body into @fd while hashing it; checks size and sha256. */
static gboolean
receive (CoachSyncClient  *client,
         const char       *url,
         const char       *sha256,
         guint64           size,
         int               fd,
         const char       *tmp_path,
         CoachBlobPass    *pass,
         GCancellable     *cancellable,
         GError          **error)
{
  g_autoptr(GInputStream) body = NULL;
  g_autoptr(GChecksum) sha = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree guint8 *buf = g_malloc (BUFFER_SIZE);
  g_autoptr(GError) local_error = NULL;
  guint64 total = 0;

  body = coach_sync_client_get_url_stream (client, url, cancellable, error);
  if (body == NULL)
    return FALSE;

  for (;;)
    {
      gssize n = g_input_stream_read (body, buf, BUFFER_SIZE, cancellable, &local_error);

      if (n < 0)
        {
          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            g_propagate_error (error, g_steal_pointer (&local_error));
          else
            {
              g_autofree char *done = g_format_size_full (total, G_FORMAT_SIZE_LONG_FORMAT);
              g_autofree char *all = g_format_size_full (size, G_FORMAT_SIZE_LONG_FORMAT);

              g_set_error (error, COACH_SYNC_ERROR, COACH_SYNC_ERROR_NETWORK,
                           _("The download of %s broke off after %s of %s: %s"), sha256, done, all,
                           local_error->message);
            }
          return FALSE;
        }
      if (n == 0)
        break;
      total += n;
      if (total > size)
        break;
      g_checksum_update (sha, buf, n);
      if (!write_all (fd, buf, n))
        {
          int saved_errno = errno;

          if (saved_errno == ENOSPC || saved_errno == EDQUOT)
            g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                         _("The disk is full: could not download %s"), sha256);
          else
            io_failed (error, saved_errno, _("Cannot write"), tmp_path);
          return FALSE;
        }
      pass->progress.file_done = total;
      _coach_blob_pass_report (pass, FALSE);
    }

  if (total != size)
    {
      g_autofree char *got = g_format_size_full (total, G_FORMAT_SIZE_LONG_FORMAT);
      g_autofree char *want = g_format_size_full (size, G_FORMAT_SIZE_LONG_FORMAT);

      g_set_error (error, COACH_BLOB_ERROR, COACH_BLOB_ERROR_CORRUPT,
                   _("The download of %s has %s%s instead of %s; it was discarded"),
                   sha256, total > size ? _("more than ") : "", got, want);
      return FALSE;
    }
  if (g_strcmp0 (g_checksum_get_string (sha), sha256) != 0)
    {
      g_set_error (error, COACH_BLOB_ERROR, COACH_BLOB_ERROR_CORRUPT,
                   _("The download of %s does not match its checksum (got %s); it was discarded"),
                   sha256, g_checksum_get_string (sha));
      return FALSE;
    }
  return TRUE;
}

static gboolean
download_one (CoachCatalog     *catalog,
              CoachSyncClient  *client,
              const char       *sha256,
              CoachBlobPass    *pass,
              GCancellable     *cancellable,
              GError          **error)
{
  g_autofree char *url = NULL;
  g_autofree char *tmp_dir = NULL;
  g_autofree char *tmp_path = NULL;
  g_autofree char *final_path = NULL;
  g_autofree char *final_dir = NULL;
  g_autoptr(GError) local_error = NULL;
  guint64 size = 0;
  int fd;

  url = coach_sync_client_blob_url (client, sha256, &size, cancellable, error);
  if (url == NULL)
    return FALSE;
  pass->progress.file_total = size;
  pass->progress.bytes_total += size;
  _coach_blob_pass_report (pass, TRUE);

  tmp_dir = g_build_filename (coach_catalog_get_data_dir (catalog), "blobs", "tmp", NULL);
  if (g_mkdir_with_parents (tmp_dir, 0700) != 0)
    return io_failed (error, errno, _("Cannot create"), tmp_dir);
  tmp_path = g_build_filename (tmp_dir, "download-XXXXXX", NULL);
  fd = g_mkstemp_full (tmp_path, O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0)
    return io_failed (error, errno, _("Cannot create"), tmp_path);

  if (!mark_downloading (catalog, sha256, size, error))
    {
      close (fd);
      g_unlink (tmp_path);
      return FALSE;
    }

  /* The file must be whole on disk before it is renamed into place. */
  if (!receive (client, url, sha256, size, fd, tmp_path, pass, cancellable, &local_error) ||
      (fsync (fd) != 0 && !io_failed (&local_error, errno, _("Cannot write"), tmp_path)))
    goto fail;
  if (close (fd) != 0)
    {
      fd = -1;
      io_failed (&local_error, errno, _("Cannot write"), tmp_path);
      goto fail;
    }
  fd = -1;

  final_path = coach_catalog_blob_path (catalog, sha256);
  final_dir = g_path_get_dirname (final_path);
  if (g_mkdir_with_parents (final_dir, 0700) != 0)
    {
      io_failed (&local_error, errno, _("Cannot create"), final_dir);
      goto fail;
    }
  if (g_rename (tmp_path, final_path) != 0)
    {
      io_failed (&local_error, errno, _("Cannot write"), final_path);
      goto fail;
    }
  if (!mark_here (catalog, sha256, final_path, error))
    return FALSE;
  if (pass->stats != NULL)
    {
      pass->stats->downloaded++;
      pass->stats->bytes_downloaded += size;
    }
  return TRUE;

fail:
  if (fd >= 0)
    close (fd);
  g_unlink (tmp_path);
  _coach_blob_exec_sha (catalog, "UPDATE blob SET state = 'missing' WHERE sha256 = ? AND state = 'downloading'",
                        sha256, NULL);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/* A crash in the middle of a download leaves its temporary file behind.
 * Another process may be downloading right now, so only old ones go. */
static void
remove_stale_downloads (CoachCatalog *catalog)
{
  g_autofree char *tmp_dir = g_build_filename (coach_catalog_get_data_dir (catalog), "blobs", "tmp", NULL);
  g_autoptr(GDir) dir = g_dir_open (tmp_dir, 0, NULL);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      GStatBuf st;

      if (!g_str_has_prefix (name, "download-"))
        continue;
      path = g_build_filename (tmp_dir, name, NULL);
      if (g_stat (path, &st) == 0 && now - st.st_mtime > STALE_DOWNLOAD_S)
        g_unlink (path);
    }
}

/* Downloads @shas; a file the server does not have yet is skipped. */
static gboolean
download_list (CoachCatalog     *catalog,
               CoachSyncClient  *client,
               GPtrArray        *shas,
               CoachBlobPass    *pass,
               GCancellable     *cancellable,
               GError          **error)
{
  for (guint i = 0; i < shas->len; i++)
    {
      const char *sha256 = shas->pdata[i];
      GError *file_error = NULL;

      _coach_blob_pass_start_file (pass, sha256, 0);
      if (download_one (catalog, client, sha256, pass, cancellable, &file_error))
        {
          _coach_blob_pass_end_file (pass);
          continue;
        }
      pass->progress.bytes_total -= pass->progress.file_total;
      if (g_error_matches (file_error, COACH_SYNC_ERROR, COACH_SYNC_ERROR_NOT_FOUND))
        {
          g_error_free (file_error);
          pass->progress.files_total--;
          if (pass->stats != NULL)
            pass->stats->unavailable++;
          continue;
        }
      if (!_coach_blob_pass_file_failed (pass, file_error, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
coach_catalog_download_blobs (CoachCatalog          *catalog,
                              CoachSyncClient       *client,
                              CoachBlobStats        *stats,
                              CoachBlobProgressFunc  progress,
                              gpointer               user_data,
                              GCancellable          *cancellable,
                              GError               **error)
{
  g_autoptr(GPtrArray) thumbnails = NULL;
  g_autoptr(GPtrArray) pinned = NULL;
  CoachBlobPass pass;

  g_return_val_if_fail (COACH_IS_CATALOG (catalog), FALSE);
  g_return_val_if_fail (COACH_IS_SYNC_CLIENT (client), FALSE);

  thumbnails = list_missing (catalog, missing_thumbnails_sql, NULL, error);
  if (thumbnails == NULL)
    return FALSE;
  pinned = list_missing (catalog, missing_pinned_sql, NULL, error);
  if (pinned == NULL)
    return FALSE;

  remove_stale_downloads (catalog);
  _coach_blob_pass_init (&pass, COACH_BLOB_DOWNLOAD, stats, progress, user_data);
  pass.progress.files_total = thumbnails->len + pinned->len;
  if (!download_list (catalog, client, thumbnails, &pass, cancellable, error) ||
      !download_list (catalog, client, pinned, &pass, cancellable, error))
    {
      _coach_blob_pass_clear (&pass);
      return FALSE;
    }
  return _coach_blob_pass_finish (&pass, error);
}

gboolean
coach_catalog_download_blob (CoachCatalog          *catalog,
                             CoachSyncClient       *client,
                             const char            *sha256,
                             CoachBlobProgressFunc  progress,
                             gpointer               user_data,
                             GCancellable          *cancellable,
                             GError               **error)
{
  CoachBlobPass pass;
  gboolean ok;

  g_return_val_if_fail (COACH_IS_CATALOG (catalog), FALSE);
  g_return_val_if_fail (COACH_IS_SYNC_CLIENT (client), FALSE);
  g_return_val_if_fail (sha256 != NULL, FALSE);

  if (is_here (catalog, sha256))
    return TRUE;
  _coach_blob_pass_init (&pass, COACH_BLOB_DOWNLOAD, NULL, progress, user_data);
  pass.progress.files_total = 1;
  _coach_blob_pass_start_file (&pass, sha256, 0);
  ok = download_one (catalog, client, sha256, &pass, cancellable, error);
  if (ok)
    _coach_blob_pass_end_file (&pass);
  return ok;
}

gboolean
coach_catalog_fetch_clip (CoachCatalog          *catalog,
                          CoachSyncClient       *client,
                          const char            *clip_id,
                          CoachBlobStats        *stats,
                          CoachBlobProgressFunc  progress,
                          gpointer               user_data,
                          GCancellable          *cancellable,
                          GError               **error)
{
  g_autoptr(GPtrArray) shas = NULL;
  CoachBlobPass pass;

  g_return_val_if_fail (COACH_IS_CATALOG (catalog), FALSE);
  g_return_val_if_fail (COACH_IS_SYNC_CLIENT (client), FALSE);
  g_return_val_if_fail (clip_id != NULL, FALSE);

  shas = list_missing (catalog, missing_clip_sql, clip_id, error);
  if (shas == NULL)
    return FALSE;
  _coach_blob_pass_init (&pass, COACH_BLOB_DOWNLOAD, stats, progress, user_data);
  pass.progress.files_total = shas->len;
  if (!download_list (catalog, client, shas, &pass, cancellable, error))
    {
      _coach_blob_pass_clear (&pass);
      return FALSE;
    }
  return _coach_blob_pass_finish (&pass, error);
}
