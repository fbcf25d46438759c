/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include <adwaita.h>

#include "coach-catalog.h"
#include "coach-session-plan.h"

G_BEGIN_DECLS

#define COACH_TYPE_SESSION_DETAIL (coach_session_detail_get_type ())

/* One session: when and where, the workout, and per athlete the log and
 * the email delivery. Its buttons use the page's "sessions.*" actions. */
G_DECLARE_FINAL_TYPE (CoachSessionDetail, coach_session_detail, COACH, SESSION_DETAIL, AdwBin)

void         coach_session_detail_set_session (CoachSessionDetail *self,
                                               CoachCatalog       *catalog,
                                               CoachRecord        *session);
CoachRecord *coach_session_detail_get_session (CoachSessionDetail *self);
void         coach_session_detail_set_show_back (CoachSessionDetail *self,
                                                 gboolean            show_back);

/* "Emailed 5 of 6 athletes · 1 failed"; NULL while nothing was emailed,
 * queued or failed. */
char        *coach_session_detail_format_delivery_summary (const CoachDeliveryCounts *counts);

G_END_DECLS
