/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coach-session"

#include "config.h"

#include "coach-session.h"

struct _CoachSession
{
  CoachRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (CoachSession, coach_session, COACH_TYPE_RECORD)

static void
coach_session_class_init (CoachSessionClass *klass)
{
  coach_record_class_set_table (COACH_RECORD_CLASS (klass), "session");
}

static void
coach_session_init (CoachSession *self)
{
}

/* A new row with a fresh id, not saved yet. */
CoachSession *
coach_session_new (void)
{
  return g_object_new (COACH_TYPE_SESSION, NULL);
}
