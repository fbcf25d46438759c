/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include "coach-catalog.h"
#include "coach-sync-client.h"

G_BEGIN_DECLS

#define COACH_BLOB_ERROR (coach_blob_error_quark ())

typedef enum
{
  COACH_BLOB_ERROR_CORRUPT,     /* a download did not match its sha256 or size */
  COACH_BLOB_ERROR_CHANGED,     /* a stored file is not the size the catalog says */
  COACH_BLOB_ERROR_FAILED,      /* some files could not be moved; the others were */
} CoachBlobError;

typedef enum
{
  COACH_BLOB_UPLOAD,
  COACH_BLOB_DOWNLOAD,
} CoachBlobDirection;

/* Where a pass of transfers stands. The totals of a download pass grow as
 * the server tells the sizes of files it had not been asked about yet. */
typedef struct
{
  CoachBlobDirection  direction;
  const char         *sha256;       /* the file being moved, or NULL between files */
  guint64             file_done;
  guint64             file_total;
  guint64             bytes_done;   /* over the whole pass */
  guint64             bytes_total;
  guint               files_done;
  guint               files_total;
} CoachBlobProgress;

/* Called on the thread that runs the transfer: at file boundaries, after
 * each part of a multipart upload, and about ten times a second while a
 * file moves. */
typedef void (*CoachBlobProgressFunc) (const CoachBlobProgress *progress,
                                       gpointer                 user_data);

typedef struct
{
  guint   uploaded;          /* files sent */
  guint   deduplicated;      /* files the team had already */
  guint   downloaded;
  guint   unavailable;       /* not on the server yet (another device has not sent them) */
  guint   failed;            /* per-file errors; the first one is returned */
  guint64 bytes_uploaded;
  guint64 bytes_downloaded;
} CoachBlobStats;

GQuark   coach_blob_error_quark       (void);

/* Moves files after metadata sync (coach_catalog_sync_once): uploads every
 * stored file that a synced clip refers to (original, proxy, thumbnail)
 * and the team does not have yet, resuming interrupted multipart uploads,
 * then downloads missing thumbnails and the files of pinned clips.
 *
 * Blocking, like the sync engine: run it on a worker thread with that
 * thread's own catalog connection. A problem with one file (refused, a
 * corrupt download) does not stop the others: it is counted in
 * @stats->failed and the first one is returned at the end
 * (COACH_BLOB_ERROR_FAILED). Network, sign-in and cancellation errors stop
 * the pass at once; what was sent so far is kept for the next run. */
gboolean coach_catalog_sync_blobs     (CoachCatalog          *catalog,
                                       CoachSyncClient       *client,
                                       CoachBlobStats        *stats,
                                       CoachBlobProgressFunc  progress,
                                       gpointer               user_data,
                                       GCancellable          *cancellable,
                                       GError               **error);
/* The upload half of coach_catalog_sync_blobs(); adds to @stats. */
gboolean coach_catalog_upload_blobs   (CoachCatalog          *catalog,
                                       CoachSyncClient       *client,
                                       CoachBlobStats        *stats,
                                       CoachBlobProgressFunc  progress,
                                       gpointer               user_data,
                                       GCancellable          *cancellable,
                                       GError               **error);
/* The download half: thumbnails of every clip, originals and proxies of
 * pinned clips; adds to @stats. */
gboolean coach_catalog_download_blobs (CoachCatalog          *catalog,
                                       CoachSyncClient       *client,
                                       CoachBlobStats        *stats,
                                       CoachBlobProgressFunc  progress,
                                       gpointer               user_data,
                                       GCancellable          *cancellable,
                                       GError               **error);
/* Downloads one file into the store (presigned GET, sha256 checked, then
 * renamed into place; nothing is left behind on failure). Does nothing
 * when the file is here already. */
gboolean coach_catalog_download_blob  (CoachCatalog          *catalog,
                                       CoachSyncClient       *client,
                                       const char            *sha256,
                                       CoachBlobProgressFunc  progress,
                                       gpointer               user_data,
                                       GCancellable          *cancellable,
                                       GError               **error);
/* Downloads what a clip needs to play here: original and proxy. Adds to
 * @stats (several clips can share one). */
gboolean coach_catalog_fetch_clip     (CoachCatalog          *catalog,
                                       CoachSyncClient       *client,
                                       const char            *clip_id,
                                       CoachBlobStats        *stats,
                                       CoachBlobProgressFunc  progress,
                                       gpointer               user_data,
                                       GCancellable          *cancellable,
                                       GError               **error);

G_END_DECLS
