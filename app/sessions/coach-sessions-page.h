/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include "coach-list-page.h"

G_BEGIN_DECLS

#define COACH_TYPE_SESSIONS_PAGE (coach_sessions_page_get_type ())

/* The agenda: planned sessions by start time. */
G_DECLARE_FINAL_TYPE (CoachSessionsPage, coach_sessions_page, COACH, SESSIONS_PAGE, CoachListPage)

G_END_DECLS
