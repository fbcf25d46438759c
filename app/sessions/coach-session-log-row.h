/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include <adwaita.h>

#include "coach-catalog.h"
#include "coach-session-plan.h"

G_BEGIN_DECLS

#define COACH_TYPE_SESSION_LOG_ROW (coach_session_log_row_get_type ())

/* One athlete in a session: how it went (completed, RPE, feedback), and
 * the email delivery status the server reported, if any. */
G_DECLARE_FINAL_TYPE (CoachSessionLogRow, coach_session_log_row, COACH, SESSION_LOG_ROW, AdwBin)

CoachSessionLogRow *coach_session_log_row_new (CoachCatalog *catalog,
                                               CoachRecord  *session,
                                               CoachRecord  *athlete);

/* Words for a delivery state, with the mail server's error and the time it
 * was sent (RFC 3339, shown in local time), as shown in the row. */
char               *coach_session_log_row_format_delivery (CoachDeliveryState  state,
                                                           const char         *error,
                                                           const char         *sent_at);

G_END_DECLS
