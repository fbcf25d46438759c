/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include <adwaita.h>

#include "coach-catalog.h"

G_BEGIN_DECLS

#define COACH_TYPE_SEARCH_DIALOG (coach_search_dialog_get_type ())

/* One search over exercises, clips, workouts and athletes, with chips that
 * narrow it to some kinds and, for exercises, a difficulty and no jumps.
 * Emits "result-activated" with the table and id of the record the coach
 * opens, then closes. */
G_DECLARE_FINAL_TYPE (CoachSearchDialog, coach_search_dialog, COACH, SEARCH_DIALOG, AdwWindow)

CoachSearchDialog *coach_search_dialog_new      (CoachCatalog      *catalog,
                                                 GtkWindow         *parent);
void               coach_search_dialog_set_text (CoachSearchDialog *self,
                                                 const char        *text);

G_END_DECLS
