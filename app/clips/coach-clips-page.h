/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include "coach-list-page.h"

G_BEGIN_DECLS

#define COACH_TYPE_CLIPS_PAGE (coach_clips_page_get_type ())

/* The clip library as a grid of tiles; a tile opens the clip's detail.
 * Files and folders dropped on the page, or chosen with "Import Clips…"
 * (clips.import, Ctrl+I), go through the app.import-files action. */
G_DECLARE_FINAL_TYPE (CoachClipsPage, coach_clips_page, COACH, CLIPS_PAGE, CoachListPage)

/* Opens the detail of the clip with @id; FALSE when there is none. */
gboolean coach_clips_page_show_clip (CoachClipsPage *self,
                                     const char     *id);

G_END_DECLS
