/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define COACH_TYPE_CLIP_PLAYER (coach_clip_player_get_type ())

/* The preview player: a GStreamer playbin whose frames arrive through an
 * appsink and are shown as a GdkPaintable (no GL needed). Unlike
 * GtkMediaFile it changes speed, steps single frames and loops a range.
 * Bus messages and frames reach it on the main context; a file that is
 * missing or cannot be played ends in the "error" property, never in a
 * crash. Properties: "playing", "rate", "loop", "error", "duration-ms",
 * "prepared" (the first frame is shown). */
G_DECLARE_FINAL_TYPE (CoachClipPlayer, coach_clip_player, COACH, CLIP_PLAYER, GObject)

CoachClipPlayer *coach_clip_player_new          (void);
/* Opens @path (NULL closes) and shows its first frame, paused. */
void             coach_clip_player_set_file     (CoachClipPlayer *self,
                                                 const char      *path);
gboolean         coach_clip_player_get_prepared (CoachClipPlayer *self);
const char      *coach_clip_player_get_error    (CoachClipPlayer *self);
gboolean         coach_clip_player_get_playing  (CoachClipPlayer *self);
void             coach_clip_player_set_playing  (CoachClipPlayer *self,
                                                 gboolean         playing);
double           coach_clip_player_get_rate     (CoachClipPlayer *self);
void             coach_clip_player_set_rate     (CoachClipPlayer *self,
                                                 double           rate);
gboolean         coach_clip_player_get_loop     (CoachClipPlayer *self);
void             coach_clip_player_set_loop     (CoachClipPlayer *self,
                                                 gboolean         loop);
/* The part that plays (and loops); out <= 0 means the end. */
void             coach_clip_player_set_range    (CoachClipPlayer *self,
                                                 gint64           in_ms,
                                                 gint64           out_ms);
gint64           coach_clip_player_get_position (CoachClipPlayer *self);
gint64           coach_clip_player_get_duration (CoachClipPlayer *self);
void             coach_clip_player_seek         (CoachClipPlayer *self,
                                                 gint64           position_ms);
/* One frame forward or back; pauses first. */
void             coach_clip_player_step         (CoachClipPlayer *self,
                                                 int              frames);

G_END_DECLS
