/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include "coach-record.h"

G_BEGIN_DECLS

#define COACH_TYPE_SESSION_LOG (coach_session_log_get_type ())

/* How one athlete did in one session: completion, RPE, feedback.
 * Fields: see the "session_log" table in coach-schema.c. */
G_DECLARE_FINAL_TYPE (CoachSessionLog, coach_session_log, COACH, SESSION_LOG, CoachRecord)

CoachSessionLog *coach_session_log_new (void);

G_END_DECLS
