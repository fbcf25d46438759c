/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coach-tag"

#include "config.h"

#include "coach-tag.h"

struct _CoachTag
{
  CoachRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (CoachTag, coach_tag, COACH_TYPE_RECORD)

static void
coach_tag_class_init (CoachTagClass *klass)
{
  coach_record_class_set_table (COACH_RECORD_CLASS (klass), "tag");
}

static void
coach_tag_init (CoachTag *self)
{
}

/* A new row with a fresh id, not saved yet. */
CoachTag *
coach_tag_new (void)
{
  return g_object_new (COACH_TYPE_TAG, NULL);
}
