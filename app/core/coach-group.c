/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coach-group"

#include "config.h"

#include "coach-group.h"

struct _CoachGroup
{
  CoachRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (CoachGroup, coach_group, COACH_TYPE_RECORD)

static void
coach_group_class_init (CoachGroupClass *klass)
{
  coach_record_class_set_table (COACH_RECORD_CLASS (klass), "athlete_group");
}

static void
coach_group_init (CoachGroup *self)
{
}

/* A new row with a fresh id, not saved yet. */
CoachGroup *
coach_group_new (void)
{
  return g_object_new (COACH_TYPE_GROUP, NULL);
}
