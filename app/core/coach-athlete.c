/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coach-athlete"

#include "config.h"

#include "coach-athlete.h"

struct _CoachAthlete
{
  CoachRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (CoachAthlete, coach_athlete, COACH_TYPE_RECORD)

static void
coach_athlete_class_init (CoachAthleteClass *klass)
{
  coach_record_class_set_table (COACH_RECORD_CLASS (klass), "athlete");
}

static void
coach_athlete_init (CoachAthlete *self)
{
}

/* A new row with a fresh id, not saved yet. */
CoachAthlete *
coach_athlete_new (void)
{
  return g_object_new (COACH_TYPE_ATHLETE, NULL);
}
