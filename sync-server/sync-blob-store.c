/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coachbook-sync"

#include "config.h"

#include "sync-blob-fs.h"
#include "sync-blob-s3.h"
#include "sync-blob-store.h"

void
sync_blob_part_free (SyncBlobPart *part)
{
  if (part == NULL)
    return;
  g_free (part->etag);
  g_free (part);
}

GPtrArray *
sync_blob_parts_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) sync_blob_part_free);
}

/* For g_ptr_array_sort: by part number. */
int
sync_blob_part_compare (gconstpointer a,
                        gconstpointer b)
{
  const SyncBlobPart *pa = *(SyncBlobPart * const *) a;
  const SyncBlobPart *pb = *(SyncBlobPart * const *) b;

  return pa->number < pb->number ? -1 : pa->number > pb->number;
}

const char *
sync_blob_store_get_name (SyncBlobStore *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->klass->name;
}

gboolean
sync_blob_store_can_list_parts (SyncBlobStore *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->klass->list_parts != NULL;
}

gboolean
sync_blob_store_can_hash (SyncBlobStore *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->klass->sha256 != NULL;
}

gboolean
sync_blob_store_head (SyncBlobStore  *self,
                      const char     *key,
                      gboolean       *exists,
                      guint64        *size,
                      GError        **error)
{
  g_return_val_if_fail (self != NULL && key != NULL, FALSE);
  return self->klass->head (self, key, exists, size, error);
}

char *
sync_blob_store_presign_put (SyncBlobStore *self,
                             const char    *key,
                             guint64        size,
                             guint          lifetime_s)
{
  g_return_val_if_fail (self != NULL && key != NULL, NULL);
  return self->klass->presign_put (self, key, size, lifetime_s);
}

char *
sync_blob_store_presign_get (SyncBlobStore *self,
                             const char    *key,
                             guint          lifetime_s)
{
  g_return_val_if_fail (self != NULL && key != NULL, NULL);
  return self->klass->presign_get (self, key, lifetime_s);
}

char *
sync_blob_store_multipart_create (SyncBlobStore  *self,
                                  const char     *key,
                                  GError        **error)
{
  g_return_val_if_fail (self != NULL && key != NULL, NULL);
  return self->klass->multipart_create (self, key, error);
}

char *
sync_blob_store_presign_part (SyncBlobStore *self,
                              const char    *key,
                              const char    *upload_id,
                              guint          number,
                              guint64        size,
                              guint          lifetime_s)
{
  g_return_val_if_fail (self != NULL && key != NULL && upload_id != NULL, NULL);
  return self->klass->presign_part (self, key, upload_id, number, size, lifetime_s);
}

GPtrArray *
sync_blob_store_list_parts (SyncBlobStore  *self,
                            const char     *key,
                            const char     *upload_id,
                            GError        **error)
{
  g_return_val_if_fail (self != NULL && key != NULL && upload_id != NULL, NULL);
  if (self->klass->list_parts == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   "the %s blob store cannot list parts", self->klass->name);
      return NULL;
    }
  return self->klass->list_parts (self, key, upload_id, error);
}

gboolean
sync_blob_store_multipart_complete (SyncBlobStore  *self,
                                    const char     *key,
                                    const char     *upload_id,
                                    GPtrArray      *parts,
                                    GError        **error)
{
  g_return_val_if_fail (self != NULL && key != NULL && upload_id != NULL, FALSE);
  return self->klass->multipart_complete (self, key, upload_id, parts, error);
}

gboolean
sync_blob_store_multipart_abort (SyncBlobStore  *self,
                                 const char     *key,
                                 const char     *upload_id,
                                 GError        **error)
{
  g_return_val_if_fail (self != NULL && key != NULL && upload_id != NULL, FALSE);
  return self->klass->multipart_abort (self, key, upload_id, error);
}

gboolean
sync_blob_store_delete (SyncBlobStore  *self,
                        const char     *key,
                        GError        **error)
{
  g_return_val_if_fail (self != NULL && key != NULL, FALSE);
  return self->klass->delete (self, key, error);
}

char *
sync_blob_store_sha256 (SyncBlobStore  *self,
                        const char     *key,
                        GError        **error)
{
  g_return_val_if_fail (self != NULL && key != NULL, NULL);
  if (self->klass->sha256 == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   "the %s blob store cannot hash contents", self->klass->name);
      return NULL;
    }
  return self->klass->sha256 (self, key, error);
}

void
sync_blob_store_free (SyncBlobStore *self)
{
  if (self == NULL)
    return;
  self->klass->free (self);
}

SyncBlobStore *
sync_blob_store_new_from_config (const SyncConfig  *config,
                                 GError           **error)
{
  g_return_val_if_fail (config != NULL, NULL);

  if (g_strcmp0 (config->blob_backend, "fs") == 0)
    return sync_blob_fs_new (config->blob_fs_path, config->blob_fs_secret, error);
  if (g_strcmp0 (config->blob_backend, "s3") == 0)
    return sync_blob_s3_new (config, error);
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "blobs.backend %s is not available",
               config->blob_backend);
  return NULL;
}
