/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include "coach-record.h"

G_BEGIN_DECLS

#define COACH_TYPE_CLIP (coach_clip_get_type ())

/* A video clip: the original file's metadata, its proxy and thumbnail, trim points and processing status.
 * Fields: see the "clip" table in coach-schema.c. */
G_DECLARE_FINAL_TYPE (CoachClip, coach_clip, COACH, CLIP, CoachRecord)

CoachClip *coach_clip_new (void);

G_END_DECLS
