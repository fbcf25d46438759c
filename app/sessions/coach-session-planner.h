/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include <adwaita.h>

#include "coach-catalog.h"

G_BEGIN_DECLS

#define COACH_TYPE_SESSION_PLANNER (coach_session_planner_get_type ())

/* Plans a session or changes one: workout, start, place, who comes,
 * notes, emails and status. Saved in one transaction, or not at all. */
G_DECLARE_FINAL_TYPE (CoachSessionPlanner, coach_session_planner, COACH, SESSION_PLANNER, AdwWindow)

/* @session NULL plans a new one, for @workout_id if not NULL. */
CoachSessionPlanner *coach_session_planner_new (CoachCatalog *catalog,
                                                CoachRecord  *session,
                                                const char   *workout_id);

G_END_DECLS
