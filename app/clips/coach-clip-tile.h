/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include <gtk/gtk.h>

#include "coach-clip-transfers.h"
#include "coach-record.h"

G_BEGIN_DECLS

#define COACH_TYPE_CLIP_TILE (coach_clip_tile_get_type ())

/* One clip in the grid: picture, title, length, processing status and,
 * when signed in to a team server, where its files are.
 * Everything comes from the record already in memory; nothing is read
 * from disk while scrolling. */
G_DECLARE_FINAL_TYPE (CoachClipTile, coach_clip_tile, COACH, CLIP_TILE, GtkWidget)

CoachRecord *coach_clip_tile_get_clip (CoachClipTile *self);
void         coach_clip_tile_set_clip (CoachClipTile *self,
                                       CoachRecord   *clip);
/* Where the file states come from; by default the application's sync
 * service. */
void         coach_clip_tile_set_transfers (CoachClipTile      *self,
                                            CoachClipTransfers *transfers);

G_END_DECLS
