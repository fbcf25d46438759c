/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coach-clip-marker"

#include "config.h"

#include "coach-clip-marker.h"

struct _CoachClipMarker
{
  CoachRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (CoachClipMarker, coach_clip_marker, COACH_TYPE_RECORD)

static void
coach_clip_marker_class_init (CoachClipMarkerClass *klass)
{
  coach_record_class_set_table (COACH_RECORD_CLASS (klass), "clip_marker");
}

static void
coach_clip_marker_init (CoachClipMarker *self)
{
}

/* A new row with a fresh id, not saved yet. */
CoachClipMarker *
coach_clip_marker_new (void)
{
  return g_object_new (COACH_TYPE_CLIP_MARKER, NULL);
}
