/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include <adwaita.h>

#include "coach-catalog.h"
#include "coach-list-page.h"

G_BEGIN_DECLS

#define COACH_TYPE_WORKOUTS_PAGE (coach_workouts_page_get_type ())

/* The Workouts page: every workout with its total duration and status, and
 * the composer of the selected one beside the list (folded on narrow windows). */
G_DECLARE_FINAL_TYPE (CoachWorkoutsPage, coach_workouts_page, COACH, WORKOUTS_PAGE, CoachListPage)

void     coach_workouts_page_select_workout  (CoachWorkoutsPage *self,
                                              const char        *id);
gboolean coach_workouts_page_get_can_go_back (CoachWorkoutsPage *self);
gboolean coach_workouts_page_go_back         (CoachWorkoutsPage *self);

G_END_DECLS
