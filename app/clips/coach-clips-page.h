/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include "coach-list-page.h"

G_BEGIN_DECLS

#define COACH_TYPE_CLIPS_PAGE (coach_clips_page_get_type ())

/* The clip library as a grid of tiles. */
G_DECLARE_FINAL_TYPE (CoachClipsPage, coach_clips_page, COACH, CLIPS_PAGE, CoachListPage)

G_END_DECLS
