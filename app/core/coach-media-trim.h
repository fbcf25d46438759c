/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include <gio/gio.h>

#include "coach-media.h"

G_BEGIN_DECLS

typedef enum
{
  COACH_MEDIA_TRIM_DEFAULT  = 0,
  /* Re-encode even when the stored frames could be copied, for a cut
   * exact to the frame. */
  COACH_MEDIA_TRIM_REENCODE = 1 << 0,
} CoachMediaTrimFlags;

/* Exports the range [@in_ms, @out_ms) of @src into @dest, whose extension
 * picks the container (.mp4, .mov, .mkv, .webm, .avi).
 *
 * By default the stored frames are copied without re-encoding: the copy
 * then starts at the keyframe at or before @in_ms (players cannot start
 * a stream anywhere else), so it may begin up to one keyframe interval
 * early; no edit list hides that lead-in. When copying is impossible (no
 * muxer for those codecs, no keyframe, a rotation tag the muxers of
 * GStreamer 1.22 would drop), or with
 * COACH_MEDIA_TRIM_REENCODE, only the range is re-encoded (H.264/AAC, or
 * VP9/Opus for .webm), upright, starting on the frame shown at @in_ms.
 *
 * Blocking: call it from a worker. @src is only read; on failure @dest
 * is removed. @reencoded_out tells which way was taken. */
gboolean coach_media_trim (const char          *src,
                           const char          *dest,
                           gint64               in_ms,
                           gint64               out_ms,
                           CoachMediaTrimFlags  flags,
                           gboolean            *reencoded_out,
                           GCancellable        *cancellable,
                           GError             **error);

G_END_DECLS
