/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include "sync-api.h"

G_BEGIN_DECLS

/* The team-scoped blob endpoints (worker threads):
 *   POST /v1/blobs/init            {sha256, size, mime?}
 *   GET  /v1/blobs/{sha}/parts     what a multipart upload already has
 *   POST /v1/blobs/{sha}/parts     {part_number, size, etag}: a part was uploaded
 *   POST /v1/blobs/{sha}/complete  {parts?: [{part_number, etag}]}
 *   GET  /v1/blobs/{sha}/url       a presigned download URL */
void     sync_blobs_handle_init          (SyncApi      *api,
                                          SyncRequest  *req);
void     sync_blobs_handle_parts         (SyncApi      *api,
                                          SyncRequest  *req);
void     sync_blobs_handle_report_part   (SyncApi      *api,
                                          SyncRequest  *req);
void     sync_blobs_handle_complete      (SyncApi      *api,
                                          SyncRequest  *req);
void     sync_blobs_handle_url           (SyncApi      *api,
                                          SyncRequest  *req);

/* Removes pending blobs older than the grace period, with whatever the
 * store holds of them; *n_removed says how many. */
gboolean sync_blobs_collect_orphans      (SyncApi      *api,
                                          guint        *n_removed,
                                          GError      **error);

G_END_DECLS
