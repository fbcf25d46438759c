/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include <adwaita.h>

#include "coach-catalog.h"

G_BEGIN_DECLS

#define COACH_TYPE_SESSIONS_PAGE (coach_sessions_page_get_type ())

/* The agenda: sessions by day, upcoming first, with the planner and a
 * detail view per session. Has "catalog", "title" and "subtitle" (a
 * count) properties. While in a window it adds "win.plan-session" (a
 * workout id, "" for none) to it, so a button anywhere can plan a session
 * of a workout. */
G_DECLARE_FINAL_TYPE (CoachSessionsPage, coach_sessions_page, COACH, SESSIONS_PAGE, AdwBin)

void coach_sessions_page_set_catalog  (CoachSessionsPage *self,
                                       CoachCatalog      *catalog);
/* Opens the planner for a new session of @workout_id (NULL: none yet). */
void coach_sessions_page_plan_session (CoachSessionsPage *self,
                                       const char        *workout_id);

G_END_DECLS
