/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include <adwaita.h>

#include "coach-catalog.h"

G_BEGIN_DECLS

#define COACH_TYPE_ATHLETES_PAGE (coach_athletes_page_get_type ())

/* Athletes of the team and their groups: lists, editors, archive with
 * Undo. Has "catalog", "title" and "subtitle" (a count) properties. */
G_DECLARE_FINAL_TYPE (CoachAthletesPage, coach_athletes_page, COACH, ATHLETES_PAGE, AdwBin)

void coach_athletes_page_set_catalog (CoachAthletesPage *self,
                                      CoachCatalog      *catalog);

G_END_DECLS
