/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include <gio/gio.h>

#include "coach-clip.h"
#include "coach-media.h"

G_BEGIN_DECLS

/* What GstDiscoverer found in a file. Width and height are the picture as
 * it is shown, with @rotation (clockwise degrees, from the
 * image-orientation tag) already applied; coded_* are as stored. */
typedef struct
{
  gint64    duration_ms;
  guint     width;
  guint     height;
  guint     coded_width;
  guint     coded_height;
  double    frame_rate;     /* 0 when variable or unknown */
  guint     rotation;       /* 0, 90, 180 or 270 */
  gboolean  has_audio;
  char     *container;      /* human-readable, may be NULL */
  char     *video_codec;
  char     *audio_codec;    /* NULL without audio */
} CoachMediaInfo;

void            coach_media_info_free      (CoachMediaInfo  *info);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CoachMediaInfo, coach_media_info_free)

/* Blocking: call it from a worker thread. Bad input ends as a
 * COACH_MEDIA_ERROR with a message a coach understands. */
CoachMediaInfo *coach_media_inspect        (const char      *path,
                                            GCancellable    *cancellable,
                                            GError         **error);
void            coach_media_inspect_async  (const char      *path,
                                            GCancellable    *cancellable,
                                            GAsyncReadyCallback callback,
                                            gpointer         user_data);
CoachMediaInfo *coach_media_inspect_finish (GAsyncResult    *result,
                                            GError         **error);

/* Copies the metadata into the clip's fields (not saved). */
void            coach_media_info_apply     (const CoachMediaInfo *info,
                                            CoachClip       *clip);

G_END_DECLS
