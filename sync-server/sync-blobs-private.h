/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include "sync-auth.h"
#include "sync-blobs.h"

G_BEGIN_DECLS

/* What the blob handlers share (sync-blobs.c, sync-blobs-complete.c). */

#define SYNC_BLOBS_MAX_PARTS 10000

/* One blob row, as the handlers need it. */
typedef struct
{
  gboolean  found;
  gboolean  available;
  guint64   size;
  char     *upload_id;
  guint64   part_size;
} SyncBlobRow;

typedef struct
{
  SyncApi      *api;
  SyncRequest  *req;
  SyncAuthInfo  auth;
  char          sha256[65];
  char         *key;
  SyncBlobRow   row;
  /* init */
  guint64       size;
  const char   *mime;
  guint64       quota_used;
  /* parts reported or listed */
  GPtrArray    *parts;
  JsonNode     *response;
} SyncBlobData;

void          sync_blobs_data_clear       (SyncBlobData  *data);
gboolean      sync_blobs_parse_sha256     (const char    *text,
                                           char           out[65],
                                           GError       **error);
gboolean      sync_blobs_sha_from_path    (SyncRequest   *req,
                                           char           out[65],
                                           GError       **error);
gboolean      sync_blobs_get_int          (JsonObject    *object,
                                           const char    *name,
                                           gboolean       required,
                                           gint64         min,
                                           gint64         max,
                                           gint64        *out,
                                           GError       **error);
const char   *sync_blobs_get_string       (JsonObject    *object,
                                           const char    *name,
                                           gsize          max_len,
                                           GError       **error);
guint64       sync_blobs_parse_u64        (const char    *text);
guint         sync_blobs_part_count       (guint64        size,
                                           guint64        part_size);
guint64       sync_blobs_part_length      (guint64        size,
                                           guint64        part_size,
                                           guint          number);
void          sync_blobs_set_key          (SyncBlobData  *data);
gboolean      sync_blobs_load_row         (SyncDbConn    *conn,
                                           SyncBlobData  *data,
                                           gboolean       for_update,
                                           GError       **error);
gboolean      sync_blobs_load_tx_cb       (SyncDbConn    *conn,
                                           gpointer       user_data,
                                           GError       **error);
GPtrArray    *sync_blobs_received_parts   (SyncDbConn    *conn,
                                           SyncBlobData  *data,
                                           GError       **error);
JsonNode     *sync_blobs_instructions     (SyncApi       *api,
                                           SyncBlobData  *data,
                                           GPtrArray     *received);
JsonNode     *sync_blobs_exists_response  (void);
gboolean      sync_blobs_store_error      (GError        *local_error,
                                           GError       **error);
void          sync_blobs_finish           (SyncApi       *api,
                                           SyncRequest   *req,
                                           SyncBlobData  *data,
                                           gboolean       ok,
                                           GError        *error);

G_END_DECLS
