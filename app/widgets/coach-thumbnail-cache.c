/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coach-thumbnail-cache"

#include "config.h"

#include <string.h>

#include "coach-clip-import.h"
#include "coach-thumbnail-cache.h"

/* A thumbnail is ~320x180: a few hundred fill a large window many times. */
#define MAX_ENTRIES 400

struct _CoachThumbnailCache
{
  GObject       parent_instance;

  CoachCatalog *catalog;
  GHashTable   *textures;  /* sha256 -> GdkTexture */
  GQueue        order;     /* sha256 (owned by the table), oldest first */
};

G_DEFINE_FINAL_TYPE (CoachThumbnailCache, coach_thumbnail_cache, G_TYPE_OBJECT)

static void
load_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  const char *path = task_data;
  GError *error = NULL;
  GdkTexture *texture;

  if (g_task_return_error_if_cancelled (task))
    return;

  /* Textures are immutable: making one here and handing it to the UI
   * thread is safe. */
  texture = gdk_texture_new_from_filename (path, &error);
  if (texture == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, texture, g_object_unref);
}

static void
remember (CoachThumbnailCache *self,
          const char          *sha256,
          GdkTexture          *texture)
{
  char *key;

  if (g_hash_table_contains (self->textures, sha256))
    return;

  key = g_strdup (sha256);
  g_hash_table_insert (self->textures, key, g_object_ref (texture));
  g_queue_push_tail (&self->order, key);

  while (self->order.length > MAX_ENTRIES)
    {
      char *oldest = g_queue_pop_head (&self->order);
      g_hash_table_remove (self->textures, oldest);
    }
}

static void
coach_thumbnail_cache_finalize (GObject *object)
{
  CoachThumbnailCache *self = COACH_THUMBNAIL_CACHE (object);

  g_queue_clear (&self->order);
  g_clear_pointer (&self->textures, g_hash_table_unref);
  g_clear_object (&self->catalog);

  G_OBJECT_CLASS (coach_thumbnail_cache_parent_class)->finalize (object);
}

static void
coach_thumbnail_cache_class_init (CoachThumbnailCacheClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = coach_thumbnail_cache_finalize;
}

static void
coach_thumbnail_cache_init (CoachThumbnailCache *self)
{
  self->textures = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  g_queue_init (&self->order);
}

CoachThumbnailCache *
coach_thumbnail_cache_new (CoachCatalog *catalog)
{
  CoachThumbnailCache *self;

  g_return_val_if_fail (COACH_IS_CATALOG (catalog), NULL);

  self = g_object_new (COACH_TYPE_THUMBNAIL_CACHE, NULL);
  self->catalog = g_object_ref (catalog);
  return self;
}

GdkTexture *
coach_thumbnail_cache_lookup (CoachThumbnailCache *self,
                              const char          *sha256)
{
  g_return_val_if_fail (COACH_IS_THUMBNAIL_CACHE (self), NULL);

  return sha256 ? g_hash_table_lookup (self->textures, sha256) : NULL;
}

void
coach_thumbnail_cache_load_async (CoachThumbnailCache *self,
                                  const char          *sha256,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (COACH_IS_THUMBNAIL_CACHE (self));
  g_return_if_fail (sha256 != NULL && strlen (sha256) == 64);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, coach_thumbnail_cache_load_async);
  g_task_set_task_data (task, coach_catalog_blob_path (self->catalog, sha256), g_free);
  g_object_set_data_full (G_OBJECT (task), "sha256", g_strdup (sha256), g_free);
  g_task_run_in_thread (task, load_in_thread);
}

GdkTexture *
coach_thumbnail_cache_load_finish (CoachThumbnailCache  *self,
                                   GAsyncResult         *result,
                                   GError              **error)
{
  GdkTexture *texture;

  g_return_val_if_fail (COACH_IS_THUMBNAIL_CACHE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  texture = g_task_propagate_pointer (G_TASK (result), error);
  if (texture != NULL)
    remember (self, g_object_get_data (G_OBJECT (result), "sha256"), texture);
  return texture;
}
