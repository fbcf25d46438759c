/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include "coach-record.h"

G_BEGIN_DECLS

#define COACH_TYPE_GROUP (coach_group_get_type ())

/* A group of athletes (a squad, a class).
 * Fields: see the "athlete_group" table in coach-schema.c. */
G_DECLARE_FINAL_TYPE (CoachGroup, coach_group, COACH, GROUP, CoachRecord)

CoachGroup *coach_group_new (void);

G_END_DECLS
