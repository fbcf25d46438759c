/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include "coach-record.h"

G_BEGIN_DECLS

/* How clips, workouts, sessions and athletes read in lists. Plain
 * functions, so they are tested without a display. */
typedef struct
{
  char       *title;
  char       *subtitle;
  const char *badge;        /* short status text, or NULL */
  const char *badge_style;  /* "success", "warning", "error", "accent" or NULL */
} CoachRecordText;

void        coach_record_text_clear        (CoachRecordText *text);
void        coach_record_text_format       (CoachRecordText *text,
                                            CoachRecord     *record);

char       *coach_format_media_length      (gint64           duration_ms);
const char *coach_clip_status_to_label     (const char      *status);
const char *coach_clip_status_to_style     (const char      *status);
char       *coach_format_session_time      (const char      *starts_at);
char       *coach_format_count             (const char      *table,
                                            guint            n);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CoachRecordText, coach_record_text_clear)

G_END_DECLS
