/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include <adwaita.h>

#include "coach-catalog.h"

G_BEGIN_DECLS

#define COACH_TYPE_CLIP_DETAIL (coach_clip_detail_get_type ())

/* One clip: the preview player (play/pause, frame steps, speed, loop of
 * the trimmed part), trim in/out, time-coded markers, title, notes,
 * exercise link and what the file is. Emits "close" for the way back. */
G_DECLARE_FINAL_TYPE (CoachClipDetail, coach_clip_detail, COACH, CLIP_DETAIL, AdwBin)

/* Shows @clip (NULL stops the player and forgets the clip). */
void         coach_clip_detail_set_clip (CoachClipDetail *self,
                                         CoachCatalog    *catalog,
                                         CoachRecord     *clip);
CoachRecord *coach_clip_detail_get_clip (CoachClipDetail *self);

G_END_DECLS
