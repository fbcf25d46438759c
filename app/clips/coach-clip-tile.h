/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include <gtk/gtk.h>

#include "coach-record.h"

G_BEGIN_DECLS

#define COACH_TYPE_CLIP_TILE (coach_clip_tile_get_type ())

/* One clip in the grid: picture, title, length and processing status.
 * Everything comes from the record already in memory; nothing is read
 * from disk while scrolling. */
G_DECLARE_FINAL_TYPE (CoachClipTile, coach_clip_tile, COACH, CLIP_TILE, GtkWidget)

CoachRecord *coach_clip_tile_get_clip (CoachClipTile *self);
void         coach_clip_tile_set_clip (CoachClipTile *self,
                                       CoachRecord   *clip);

G_END_DECLS
