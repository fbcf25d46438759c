/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include <adwaita.h>

#include "coach-catalog.h"

G_BEGIN_DECLS

#define COACH_TYPE_SESSIONS_PAGE (coach_sessions_page_get_type ())

/* The Sessions page: the agenda of training sessions, by start time. */
G_DECLARE_FINAL_TYPE (CoachSessionsPage, coach_sessions_page, COACH, SESSIONS_PAGE, AdwBin)

void coach_sessions_page_set_catalog (CoachSessionsPage *self,
                                      CoachCatalog      *catalog);

G_END_DECLS
