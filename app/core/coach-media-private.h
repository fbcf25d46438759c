/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include <gst/gst.h>

#include "coach-media.h"

G_BEGIN_DECLS

typedef void (*CoachMediaPollFunc) (GstElement *pipeline,
                                    gpointer    user_data);

/* Runs the bus of @pipeline on the calling (worker) thread until one of
 * @until arrives (ASYNC_DONE or EOS), an error, cancellation or @deadline
 * (monotonic µs, 0 = none). @poll runs about every 200 ms (progress). */
gboolean  _coach_media_wait       (GstElement          *pipeline,
                                   GstMessageType       until,
                                   GCancellable        *cancellable,
                                   gint64               deadline,
                                   CoachMediaPollFunc   poll,
                                   gpointer             poll_data,
                                   GError             **error);

/* Maps a GStreamer error to one a coach understands. */
void      _coach_media_set_gst_error (GError            **error,
                                      const GError       *gst_error);

/* Fails for MP4/MOV files cut short before their index: demuxers can
 * wait a long time on those, the box headers tell at once. */
gboolean  _coach_media_check_complete (const char        *path,
                                       GError           **error);

G_END_DECLS
