/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include "coach-record.h"

G_BEGIN_DECLS

#define COACH_TYPE_CLIP_MARKER (coach_clip_marker_get_type ())

/* A time-coded note on a clip.
 * Fields: see the "clip_marker" table in coach-schema.c. */
G_DECLARE_FINAL_TYPE (CoachClipMarker, coach_clip_marker, COACH, CLIP_MARKER, CoachRecord)

CoachClipMarker *coach_clip_marker_new (void);

G_END_DECLS
