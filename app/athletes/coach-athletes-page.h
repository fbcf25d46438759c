/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include "coach-list-page.h"

G_BEGIN_DECLS

#define COACH_TYPE_ATHLETES_PAGE (coach_athletes_page_get_type ())

/* Athletes of the team, with email and level. */
G_DECLARE_FINAL_TYPE (CoachAthletesPage, coach_athletes_page, COACH, ATHLETES_PAGE, CoachListPage)

G_END_DECLS
