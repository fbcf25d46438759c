/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define COACH_TYPE_TRIM_BAR (coach_trim_bar_get_type ())

/* A strip of frames of the clip with the trimmed-away parts dimmed and a
 * line at the current time; a click emits "seek" (gint64 ms). */
G_DECLARE_FINAL_TYPE (CoachTrimBar, coach_trim_bar, COACH, TRIM_BAR, GtkWidget)

/* Takes the frames (GdkTexture), evenly spread over the clip; NULL clears. */
void coach_trim_bar_set_frames   (CoachTrimBar *self,
                                  GPtrArray    *textures);
void coach_trim_bar_set_range    (CoachTrimBar *self,
                                  gint64        in_ms,
                                  gint64        out_ms,
                                  gint64        duration_ms);
void coach_trim_bar_set_position (CoachTrimBar *self,
                                  gint64        position_ms);

G_END_DECLS
