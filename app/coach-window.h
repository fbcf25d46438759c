/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include <adwaita.h>

#include "coach-application.h"
#include "coach-catalog.h"

G_BEGIN_DECLS

#define COACH_TYPE_WINDOW (coach_window_get_type ())

G_DECLARE_FINAL_TYPE (CoachWindow, coach_window, COACH, WINDOW, AdwApplicationWindow)

CoachWindow  *coach_window_new         (CoachApplication *application,
                                        CoachCatalog     *catalog);
CoachCatalog *coach_window_get_catalog (CoachWindow      *self);
/* Replaces the window's content by a page that explains @error: the
 * catalog could not be opened, so there is nothing else to show. */
void          coach_window_show_error  (CoachWindow      *self,
                                        const GError     *error);

void          coach_window_show_preferences (CoachWindow *self);

G_END_DECLS
