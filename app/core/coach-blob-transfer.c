/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coach-blob-transfer"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "coach-blob-private.h"

#define REPORT_INTERVAL_US (G_USEC_PER_SEC / 10)

G_DEFINE_QUARK (coach-blob-error-quark, coach_blob_error)

void
_coach_blob_pass_init (CoachBlobPass         *pass,
                       CoachBlobDirection     direction,
                       CoachBlobStats        *stats,
                       CoachBlobProgressFunc  func,
                       gpointer               user_data)
{
  memset (pass, 0, sizeof *pass);
  pass->progress.direction = direction;
  pass->stats = stats;
  pass->func = func;
  pass->user_data = user_data;
}

void
_coach_blob_pass_report (CoachBlobPass *pass,
                         gboolean       force)
{
  gint64 now;

  pass->progress.bytes_done = pass->bytes_before + pass->progress.file_done;
  if (pass->func == NULL)
    return;
  now = g_get_monotonic_time ();
  if (!force && now - pass->last_report < REPORT_INTERVAL_US)
    return;
  pass->last_report = now;
  pass->func (&pass->progress, pass->user_data);
}

void
_coach_blob_pass_start_file (CoachBlobPass *pass,
                             const char    *sha256,
                             guint64        size)
{
  pass->progress.sha256 = sha256;
  pass->progress.file_done = 0;
  pass->progress.file_total = size;
  _coach_blob_pass_report (pass, TRUE);
}

void
_coach_blob_pass_end_file (CoachBlobPass *pass)
{
  pass->progress.files_done++;
  pass->progress.file_done = pass->progress.file_total;
  _coach_blob_pass_report (pass, TRUE);
  pass->bytes_before += pass->progress.file_total;
  pass->progress.sha256 = NULL;
  pass->progress.file_done = 0;
  pass->progress.file_total = 0;
}

static gboolean
error_is_about_one_file (const GError *error)
{
  if (error->domain == COACH_BLOB_ERROR)
    return TRUE;
  if (error->domain == COACH_SYNC_ERROR)
    return error->code == COACH_SYNC_ERROR_REFUSED ||
           error->code == COACH_SYNC_ERROR_NOT_FOUND ||
           error->code == COACH_SYNC_ERROR_BLOB_MISMATCH ||
           error->code == COACH_SYNC_ERROR_PROTOCOL;
  /* a stored file that cannot be read; a full disk stops everything */
  if (error->domain == G_IO_ERROR)
    return error->code != G_IO_ERROR_CANCELLED && error->code != G_IO_ERROR_NO_SPACE;
  return FALSE;
}

gboolean
_coach_blob_pass_file_failed (CoachBlobPass  *pass,
                              GError         *file_error,
                              GError        **error)
{
  /* the bytes of a failed file were not moved after all */
  pass->progress.sha256 = NULL;
  pass->progress.file_done = 0;
  pass->progress.file_total = 0;

  if (!error_is_about_one_file (file_error))
    {
      g_propagate_error (error, file_error);
      return FALSE;
    }
  g_debug ("%s", file_error->message);
  pass->failed++;
  if (pass->stats != NULL)
    pass->stats->failed++;
  if (pass->first_error == NULL)
    pass->first_error = file_error;
  else
    g_error_free (file_error);
  return TRUE;
}

gboolean
_coach_blob_pass_finish (CoachBlobPass  *pass,
                         GError        **error)
{
  guint failed = pass->failed;

  if (pass->first_error == NULL)
    return TRUE;
  if (failed > 1)
    g_set_error (error, COACH_BLOB_ERROR, COACH_BLOB_ERROR_FAILED,
                 g_dngettext (GETTEXT_PACKAGE, "%u file could not be transferred: %s",
                              "%u files could not be transferred; the first: %s", failed),
                 failed, pass->first_error->message);
  else
    g_set_error (error, COACH_BLOB_ERROR, COACH_BLOB_ERROR_FAILED, "%s", pass->first_error->message);
  g_clear_error (&pass->first_error);
  return FALSE;
}

void
_coach_blob_pass_clear (CoachBlobPass *pass)
{
  g_clear_error (&pass->first_error);
}

gboolean
_coach_blob_exec_sha (CoachCatalog  *catalog,
                      const char    *sql,
                      const char    *sha256,
                      GError       **error)
{
  CoachDb *db = _coach_catalog_get_db (catalog);
  sqlite3_stmt *stmt = coach_db_prepare (db, sql, error);

  if (stmt == NULL)
    return FALSE;
  coach_db_bind_text (stmt, 1, sha256);
  return coach_db_step_done (db, stmt, error);
}

/* ------------------------------------------------------------------------- */

gboolean
coach_catalog_sync_blobs (CoachCatalog          *catalog,
                          CoachSyncClient       *client,
                          CoachBlobStats        *stats,
                          CoachBlobProgressFunc  progress,
                          gpointer               user_data,
                          GCancellable          *cancellable,
                          GError               **error)
{
  CoachBlobStats local_stats = { 0 };
  g_autoptr(GError) upload_error = NULL;

  g_return_val_if_fail (COACH_IS_CATALOG (catalog), FALSE);
  g_return_val_if_fail (COACH_IS_SYNC_CLIENT (client), FALSE);

  if (stats == NULL)
    stats = &local_stats;
  memset (stats, 0, sizeof *stats);

  /* Files that failed on their own do not keep the others from coming
   * down; anything worse stops here. */
  if (!coach_catalog_upload_blobs (catalog, client, stats, progress, user_data, cancellable, &upload_error) &&
      !g_error_matches (upload_error, COACH_BLOB_ERROR, COACH_BLOB_ERROR_FAILED))
    {
      g_propagate_error (error, g_steal_pointer (&upload_error));
      return FALSE;
    }
  if (!coach_catalog_download_blobs (catalog, client, stats, progress, user_data, cancellable, error))
    return FALSE;
  if (upload_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&upload_error));
      return FALSE;
    }
  return TRUE;
}
