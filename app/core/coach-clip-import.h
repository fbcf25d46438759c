/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include "coach-catalog.h"
#include "coach-clip.h"

G_BEGIN_DECLS

#define COACH_CLIP_IMPORT_DEFAULT_LIMIT (G_GUINT64_CONSTANT (2) * 1024 * 1024 * 1024)

/* Where the blob with this sha256 lives (content-addressed, immutable). */
char      *coach_catalog_blob_path          (CoachCatalog        *self,
                                             const char          *sha256);
/* Copies @path into the catalog's blob store while hashing it; the same
 * content twice is stored once. The original is only read. */
gboolean   coach_catalog_store_blob         (CoachCatalog        *self,
                                             const char          *path,
                                             guint64              size_limit,
                                             char               **sha256_out,
                                             guint64             *size_out,
                                             GError             **error);
/* Stores the file and creates a clip for it with status "pending". When a
 * live clip with the same content exists, returns that one and sets
 * @duplicate. */
CoachClip *coach_catalog_import_clip        (CoachCatalog        *self,
                                             const char          *path,
                                             guint64              size_limit,
                                             gboolean            *duplicate,
                                             GError             **error);
/* Expands folders (recursively) into the video files they hold, sorted;
 * plain files are kept whatever their name. */
GPtrArray *coach_clip_import_collect_files  (const char * const  *paths,
                                             GError             **error);
gboolean   coach_clip_import_is_video_name  (const char          *name);

G_END_DECLS
