/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coach-clip"

#include "config.h"

#include "coach-clip.h"

struct _CoachClip
{
  CoachRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (CoachClip, coach_clip, COACH_TYPE_RECORD)

static void
coach_clip_class_init (CoachClipClass *klass)
{
  coach_record_class_set_table (COACH_RECORD_CLASS (klass), "clip");
}

static void
coach_clip_init (CoachClip *self)
{
}

/* A new row with a fresh id, not saved yet. */
CoachClip *
coach_clip_new (void)
{
  return g_object_new (COACH_TYPE_CLIP, NULL);
}
