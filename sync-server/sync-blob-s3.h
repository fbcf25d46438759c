/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include "sync-blob-store.h"
#include "sync-config.h"

G_BEGIN_DECLS

/* The s3 blob store: any S3-compatible object storage (AWS S3, R2, B2,
 * MinIO, Garage, Ceph RGW), path-style (https://endpoint/bucket/key) or
 * virtual-host (https://bucket.endpoint/key) addressing. Clients get
 * presigned URLs; the server itself only sends HEAD, DELETE and the
 * multipart create/complete/abort calls, signed with sync-sigv4. It does
 * not use ListParts (not every clone has it): the server keeps the parts
 * clients report in the blob_part table instead. */
SyncBlobStore *sync_blob_s3_new  (const SyncConfig  *config,
                                  GError           **error);

G_END_DECLS
