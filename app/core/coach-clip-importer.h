/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include "coach-catalog.h"
#include "coach-media-queue.h"

G_BEGIN_DECLS

#define COACH_TYPE_CLIP_IMPORTER (coach_clip_importer_get_type ())

/* Imports files and folders into the catalog without blocking the main
 * thread: a worker copies each file into the blob store while hashing it
 * (the original is only read), then the main thread records the blob,
 * creates the clip (or finds the one with the same content) and queues its
 * processing. Batches run one after the other.
 *
 * Signals (main context):
 *   "file-done" (path, CoachRecord *clip or NULL, gboolean duplicate,
 *                error message or NULL)
 *   "finished"  (guint added, guint duplicates, guint failed)
 *   "clip-progress" (clip id, double fraction, or < 0 when no job runs)
 * Properties: "busy", "fraction" (bytes copied of the running batches). */
G_DECLARE_FINAL_TYPE (CoachClipImporter, coach_clip_importer, COACH, CLIP_IMPORTER, GObject)

CoachClipImporter *coach_clip_importer_new          (CoachCatalog      *catalog,
                                                     CoachMediaQueue   *queue);
CoachMediaQueue   *coach_clip_importer_get_queue    (CoachClipImporter *self);
void               coach_clip_importer_set_size_limit (CoachClipImporter *self,
                                                     guint64            bytes);
/* Queues the import of @paths (files or folders, absolute). */
void               coach_clip_importer_import       (CoachClipImporter *self,
                                                     const char * const *paths);
gboolean           coach_clip_importer_get_busy     (CoachClipImporter *self);
double             coach_clip_importer_get_fraction (CoachClipImporter *self);
/* The running job's progress for a clip, or -1. */
double             coach_clip_importer_get_clip_progress (CoachClipImporter *self,
                                                          const char        *clip_id);

/* Blocking (worker thread): copies @path into @dir as a new temporary file
 * while hashing it; @bytes_done is advanced atomically as it goes. */
gboolean           coach_clip_importer_copy_file    (const char        *path,
                                                     const char        *dir,
                                                     guint64            size_limit,
                                                     gsize             *bytes_done,
                                                     char             **tmp_path_out,
                                                     char             **sha256_out,
                                                     guint64           *size_out,
                                                     GCancellable      *cancellable,
                                                     GError           **error);

G_END_DECLS
