/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include <gio/gio.h>

#include "sync-config.h"

G_BEGIN_DECLS

/* Where blob contents live. The server never moves file contents itself
 * through the API: clients get presigned URLs and talk to the store (for
 * the fs backend the store is this server, under /v1/blobs/fs/). Every
 * call may block: use them from worker threads. Keys are
 * "<team id>/<sha256>". */

typedef struct _SyncBlobStore SyncBlobStore;

typedef struct
{
  guint    number;   /* 1-based */
  guint64  size;
  char    *etag;     /* as the store reported it; "" when the store has none */
} SyncBlobPart;

typedef struct
{
  const char *name;

  gboolean  (*head)               (SyncBlobStore  *self,
                                   const char     *key,
                                   gboolean       *exists,
                                   guint64        *size,
                                   GError        **error);
  char     *(*presign_put)        (SyncBlobStore  *self,
                                   const char     *key,
                                   guint64         size,
                                   guint           lifetime_s);
  char     *(*presign_get)        (SyncBlobStore  *self,
                                   const char     *key,
                                   guint           lifetime_s);
  char     *(*multipart_create)   (SyncBlobStore  *self,
                                   const char     *key,
                                   GError        **error);
  char     *(*presign_part)       (SyncBlobStore  *self,
                                   const char     *key,
                                   const char     *upload_id,
                                   guint           number,
                                   guint64         size,
                                   guint           lifetime_s);
  /* NULL when the store cannot list parts: the caller keeps its own list. */
  GPtrArray *(*list_parts)        (SyncBlobStore  *self,
                                   const char     *key,
                                   const char     *upload_id,
                                   GError        **error);
  gboolean  (*multipart_complete) (SyncBlobStore  *self,
                                   const char     *key,
                                   const char     *upload_id,
                                   GPtrArray      *parts,
                                   GError        **error);
  gboolean  (*multipart_abort)    (SyncBlobStore  *self,
                                   const char     *key,
                                   const char     *upload_id,
                                   GError        **error);
  gboolean  (*delete)             (SyncBlobStore  *self,
                                   const char     *key,
                                   GError        **error);
  /* NULL when checking the contents would mean downloading them. */
  char     *(*sha256)             (SyncBlobStore  *self,
                                   const char     *key,
                                   GError        **error);
  void      (*free)               (SyncBlobStore  *self);
} SyncBlobStoreClass;

struct _SyncBlobStore
{
  const SyncBlobStoreClass *klass;
};

void           sync_blob_part_free               (SyncBlobPart   *part);
GPtrArray     *sync_blob_parts_new               (void);
int            sync_blob_part_compare            (gconstpointer   a,
                                                  gconstpointer   b);

const char    *sync_blob_store_get_name          (SyncBlobStore  *self);
gboolean       sync_blob_store_can_list_parts    (SyncBlobStore  *self);
gboolean       sync_blob_store_can_hash          (SyncBlobStore  *self);
gboolean       sync_blob_store_head              (SyncBlobStore  *self,
                                                  const char     *key,
                                                  gboolean       *exists,
                                                  guint64        *size,
                                                  GError        **error);
char          *sync_blob_store_presign_put       (SyncBlobStore  *self,
                                                  const char     *key,
                                                  guint64         size,
                                                  guint           lifetime_s);
char          *sync_blob_store_presign_get       (SyncBlobStore  *self,
                                                  const char     *key,
                                                  guint           lifetime_s);
char          *sync_blob_store_multipart_create  (SyncBlobStore  *self,
                                                  const char     *key,
                                                  GError        **error);
char          *sync_blob_store_presign_part      (SyncBlobStore  *self,
                                                  const char     *key,
                                                  const char     *upload_id,
                                                  guint           number,
                                                  guint64         size,
                                                  guint           lifetime_s);
GPtrArray     *sync_blob_store_list_parts        (SyncBlobStore  *self,
                                                  const char     *key,
                                                  const char     *upload_id,
                                                  GError        **error);
gboolean       sync_blob_store_multipart_complete (SyncBlobStore *self,
                                                  const char     *key,
                                                  const char     *upload_id,
                                                  GPtrArray      *parts,
                                                  GError        **error);
gboolean       sync_blob_store_multipart_abort   (SyncBlobStore  *self,
                                                  const char     *key,
                                                  const char     *upload_id,
                                                  GError        **error);
gboolean       sync_blob_store_delete            (SyncBlobStore  *self,
                                                  const char     *key,
                                                  GError        **error);
char          *sync_blob_store_sha256            (SyncBlobStore  *self,
                                                  const char     *key,
                                                  GError        **error);
SyncBlobStore *sync_blob_store_new_from_config   (const SyncConfig *config,
                                                  GError        **error);
void           sync_blob_store_free              (SyncBlobStore  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SyncBlobStore, sync_blob_store_free)

G_END_DECLS
