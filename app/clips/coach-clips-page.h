/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include <adwaita.h>

#include "coach-catalog.h"

G_BEGIN_DECLS

#define COACH_TYPE_CLIPS_PAGE (coach_clips_page_get_type ())

/* The Clips page: a grid of every clip with its length and processing
 * status; it stays smooth with tens of thousands of clips. */
G_DECLARE_FINAL_TYPE (CoachClipsPage, coach_clips_page, COACH, CLIPS_PAGE, AdwBin)

void coach_clips_page_set_catalog (CoachClipsPage *self,
                                      CoachCatalog      *catalog);

G_END_DECLS
