/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include <gtk/gtk.h>

#include "coach-catalog.h"

G_BEGIN_DECLS

#define COACH_TYPE_THUMBNAIL_CACHE (coach_thumbnail_cache_get_type ())

G_DECLARE_FINAL_TYPE (CoachThumbnailCache, coach_thumbnail_cache, COACH, THUMBNAIL_CACHE, GObject)

/* Clip thumbnails for the grid: decoded on a worker thread, so scrolling
 * never waits on the disk, and kept in a bounded cache. */
CoachThumbnailCache *coach_thumbnail_cache_new         (CoachCatalog        *catalog);
/* The texture if it is already decoded, else NULL. */
GdkTexture          *coach_thumbnail_cache_lookup      (CoachThumbnailCache *self,
                                                        const char          *sha256);
void                 coach_thumbnail_cache_load_async  (CoachThumbnailCache *self,
                                                        const char          *sha256,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
GdkTexture          *coach_thumbnail_cache_load_finish (CoachThumbnailCache *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);

G_END_DECLS
