/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include "coach-catalog.h"
#include "coach-clip-transfer.h"
#include "coach-sync-service.h"

G_BEGIN_DECLS

#define COACH_TYPE_CLIP_TRANSFERS (coach_clip_transfers_get_type ())

/* The file state of every clip, kept in memory so that a tile looks its
 * clip up in a hash table instead of asking the catalog while the grid
 * scrolls. Read in one query on a worker thread with a connection of its
 * own: when clips change, when the sync service reports progress (at most
 * about once a second) and when a run ends. "changed" is emitted on the
 * main thread after a read that found a difference. */
G_DECLARE_FINAL_TYPE (CoachClipTransfers, coach_clip_transfers, COACH, CLIP_TRANSFERS, GObject)

CoachClipTransfers *coach_clip_transfers_new             (CoachCatalog        *catalog);
/* The one that follows @service, made on first use and kept with it. */
CoachClipTransfers *coach_clip_transfers_get_for_service (CoachSyncService    *service);
/* Refreshes when @service moves files or finishes a run. While it does
 * not run, an upload or download an earlier run left unfinished shows as
 * waiting to upload or not downloaded: nothing moves until the next run.
 * Without a service the states are shown as the catalog has them. */
void                coach_clip_transfers_follow          (CoachClipTransfers  *self,
                                                          CoachSyncService    *service);

/* FALSE (and @transfer set to NONE) when the clip has nothing to show,
 * or before the first read ended. */
gboolean            coach_clip_transfers_lookup          (CoachClipTransfers  *self,
                                                          const char          *clip_id,
                                                          CoachClipTransfer   *transfer);
/* Reads again soon (after a pin changed, say). */
void                coach_clip_transfers_refresh         (CoachClipTransfers  *self);
void                coach_clip_transfers_set_file_progress (CoachClipTransfers *self,
                                                          const char          *sha256,
                                                          guint64              done,
                                                          guint64              total);
/* Reads again now; done when the new states are in place. */
void                coach_clip_transfers_reload_async    (CoachClipTransfers  *self,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
gboolean            coach_clip_transfers_reload_finish   (CoachClipTransfers  *self,
                                                          GAsyncResult        *result,
                                                          GError             **error);

G_END_DECLS
