/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include <adwaita.h>

#include "coach-catalog.h"

G_BEGIN_DECLS

#define COACH_TYPE_ATHLETE_EDITOR (coach_athlete_editor_get_type ())

/* A form for a new athlete or for changing one. Nothing reaches the
 * catalog until every field is valid; problems show on the field. */
G_DECLARE_FINAL_TYPE (CoachAthleteEditor, coach_athlete_editor, COACH, ATHLETE_EDITOR, AdwWindow)

CoachAthleteEditor *coach_athlete_editor_new (CoachCatalog *catalog,
                                              CoachRecord  *athlete);

G_END_DECLS
