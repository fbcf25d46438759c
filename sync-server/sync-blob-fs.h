/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include <libsoup/soup.h>

#include "sync-blob-store.h"

G_BEGIN_DECLS

/* The fs blob store: a directory on the server, served by the server itself
 * under SYNC_BLOB_FS_PREFIX with signed URLs (HMAC-SHA256 over method,
 * path, upload, part, size limit and expiry, keyed with a server secret) so
 * that clients use it exactly like presigned object storage URLs.
 *
 *   ROOT/objects/TEAM/SHA256   finished blobs
 *   ROOT/uploads/ID/N          parts of multipart upload ID, complete ones only
 *   ROOT/tmp/                  bodies being received, renamed into place when whole
 */
#define SYNC_BLOB_FS_PREFIX "/v1/blobs/fs/"

SyncBlobStore *sync_blob_fs_new            (const char         *root,
                                            const char         *secret,
                                            GError            **error);
gboolean       sync_blob_store_is_fs       (SyncBlobStore      *store);
void           sync_blob_fs_set_base_url   (SyncBlobStore      *store,
                                            const char         *base_url);

/* The HTTP side, on the main loop: got_headers checks the signature and
 * starts streaming a PUT body to a temporary file; serve answers once the
 * body is in. */
void           sync_blob_fs_got_headers    (SyncBlobStore      *store,
                                            SoupServerMessage  *msg);
void           sync_blob_fs_serve          (SyncBlobStore      *store,
                                            SoupServerMessage  *msg);

G_END_DECLS
