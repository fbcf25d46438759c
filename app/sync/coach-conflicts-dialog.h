/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include <adwaita.h>

#include "coach-sync-service.h"

G_BEGIN_DECLS

#define COACH_TYPE_CONFLICTS_DIALOG (coach_conflicts_dialog_get_type ())

/* The local edits that sync could not keep, each with what won and why,
 * to apply again or dismiss. */
G_DECLARE_FINAL_TYPE (CoachConflictsDialog, coach_conflicts_dialog, COACH, CONFLICTS_DIALOG, AdwWindow)

CoachConflictsDialog *coach_conflicts_dialog_new (CoachSyncService *service);

G_END_DECLS
