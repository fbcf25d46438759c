/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include <adwaita.h>

#include "coach-catalog.h"
#include "coach-sync-service.h"

G_BEGIN_DECLS

#define COACH_TYPE_PREFERENCES_WINDOW (coach_preferences_window_get_type ())

/* Team server, media and storage settings. @settings may be NULL when the
 * schema is not installed: the fields are then shown but not kept. */
G_DECLARE_FINAL_TYPE (CoachPreferencesWindow, coach_preferences_window, COACH, PREFERENCES_WINDOW, AdwPreferencesWindow)

CoachPreferencesWindow *coach_preferences_window_new (GSettings    *settings,
                                                      CoachCatalog *catalog);
void                    coach_preferences_window_set_sync_service (CoachPreferencesWindow *self,
                                                                   CoachSyncService       *sync);
void                    coach_preferences_window_show_sync        (CoachPreferencesWindow *self);

G_END_DECLS
