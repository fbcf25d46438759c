/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include "coach-record.h"

G_BEGIN_DECLS

#define COACH_TYPE_SESSION (coach_session_get_type ())

/* A planned training session: a workout at a time and place for athletes and groups.
 * Fields: see the "session" table in coach-schema.c. */
G_DECLARE_FINAL_TYPE (CoachSession, coach_session, COACH, SESSION, CoachRecord)

CoachSession *coach_session_new (void);

G_END_DECLS
