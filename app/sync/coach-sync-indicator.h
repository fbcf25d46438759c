/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include <adwaita.h>

#include "coach-sync-service.h"

G_BEGIN_DECLS

#define COACH_TYPE_SYNC_INDICATOR (coach_sync_indicator_get_type ())

/* The sync state in a header bar: an icon (a spinner while syncing) that
 * opens a popover with the state, the last sync, what waits to be sent,
 * "Sync Now", the conflicts to review and error details. Its buttons use
 * the window actions win.sync-now, win.show-conflicts and win.sign-in. */
G_DECLARE_FINAL_TYPE (CoachSyncIndicator, coach_sync_indicator, COACH, SYNC_INDICATOR, AdwBin)

void coach_sync_indicator_set_service (CoachSyncIndicator *self,
                                       CoachSyncService   *service);

G_END_DECLS
