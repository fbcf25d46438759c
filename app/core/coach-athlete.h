/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include "coach-record.h"

G_BEGIN_DECLS

#define COACH_TYPE_ATHLETE (coach_athlete_get_type ())

/* An athlete the team coaches.
 * Fields: see the "athlete" table in coach-schema.c. */
G_DECLARE_FINAL_TYPE (CoachAthlete, coach_athlete, COACH, ATHLETE, CoachRecord)

CoachAthlete *coach_athlete_new (void);

G_END_DECLS
