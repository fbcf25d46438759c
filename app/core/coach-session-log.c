/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coach-session-log"

#include "config.h"

#include "coach-session-log.h"

struct _CoachSessionLog
{
  CoachRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (CoachSessionLog, coach_session_log, COACH_TYPE_RECORD)

static void
coach_session_log_class_init (CoachSessionLogClass *klass)
{
  coach_record_class_set_table (COACH_RECORD_CLASS (klass), "session_log");
}

static void
coach_session_log_init (CoachSessionLog *self)
{
}

/* A new row with a fresh id, not saved yet. */
CoachSessionLog *
coach_session_log_new (void)
{
  return g_object_new (COACH_TYPE_SESSION_LOG, NULL);
}
