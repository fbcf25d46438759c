/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include "coach-catalog.h"

G_BEGIN_DECLS

#define COACH_CLIP_EDIT_ERROR (coach_clip_edit_error_quark ())

typedef enum
{
  COACH_CLIP_EDIT_ERROR_BAD_TIME,      /* text that is not a time */
  COACH_CLIP_EDIT_ERROR_NEGATIVE,
  COACH_CLIP_EDIT_ERROR_IN_AFTER_OUT,  /* in >= out */
  COACH_CLIP_EDIT_ERROR_PAST_END,      /* beyond the clip's length */
} CoachClipEditError;

/* Playback speeds the preview offers, slowest first. */
extern const double coach_clip_edit_speeds[5];

GQuark     coach_clip_edit_error_quark   (void);

/* "1:05.250" (minutes:seconds.milliseconds; hours when needed). */
char      *coach_clip_edit_format_time   (gint64        ms);
/* Reads "65", "65.25", "1:05", "1:05.250" or "1:01:05.2" back. */
gboolean   coach_clip_edit_parse_time    (const char   *text,
                                          gint64       *ms_out,
                                          GError      **error);

/* in < out <= duration (when the duration is known, > 0), in >= 0. */
gboolean   coach_clip_edit_check_trim    (gint64        in_ms,
                                          gint64        out_ms,
                                          gint64        duration_ms,
                                          GError      **error);
/* The part of the clip that plays: the trim range when one is set, else
 * the whole clip (out = duration, 0 when unknown). */
void       coach_clip_edit_get_range     (CoachRecord  *clip,
                                          gint64       *in_ms,
                                          gint64       *out_ms);
/* Checks and saves the trim points of @clip. */
gboolean   coach_clip_edit_set_trim      (CoachCatalog *catalog,
                                          CoachRecord  *clip,
                                          gint64        in_ms,
                                          gint64        out_ms,
                                          GError      **error);

/* The live markers of a clip, by time (then id). */
GPtrArray *coach_clip_edit_list_markers  (CoachCatalog *catalog,
                                          const char   *clip_id,
                                          GError      **error);
/* A saved marker at @t_ms (0 <= t <= duration) with @text (may be NULL). */
CoachRecord *coach_clip_edit_add_marker  (CoachCatalog *catalog,
                                          CoachRecord  *clip,
                                          gint64        t_ms,
                                          const char   *text,
                                          GError      **error);
gboolean   coach_clip_edit_set_marker_text (CoachCatalog *catalog,
                                            CoachRecord  *marker,
                                            const char   *text,
                                            GError      **error);

/* Saves the editable text fields; an empty title is refused. */
gboolean   coach_clip_edit_set_details   (CoachCatalog *catalog,
                                          CoachRecord  *clip,
                                          const char   *title,
                                          const char   *notes,
                                          const char   *exercise_id,
                                          GError      **error);

G_END_DECLS
