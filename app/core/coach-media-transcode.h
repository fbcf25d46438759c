/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include <gio/gio.h>

#include "coach-media.h"

G_BEGIN_DECLS

#define COACH_MEDIA_PROXY_MAX_HEIGHT 1080

/* Called from the worker thread with 0..1. */
typedef void (*CoachMediaProgressFunc) (double   fraction,
                                        gpointer user_data);

typedef enum
{
  COACH_MEDIA_PROXY_NONE,
  COACH_MEDIA_PROXY_MP4_H264_AAC,
  COACH_MEDIA_PROXY_WEBM_VP9_OPUS,
} CoachMediaProxyFormat;

/* What this computer can make: H.264/AAC MP4 when an H.264 encoder
 * exists, else VP9/Opus WebM. @encoder_out names the video encoder. */
CoachMediaProxyFormat coach_media_proxy_format  (const char           **encoder_out);

/* Size of the proxy for a picture shown @width x @height: at most
 * @max_height lines (and as many columns for portrait), aspect kept, even. */
void      coach_media_proxy_size                (guint                  width,
                                                 guint                  height,
                                                 guint                  max_height,
                                                 guint                 *out_width,
                                                 guint                 *out_height);

/* Re-encodes @src into @dest (upright, scaled down to @max_height).
 * Blocking: call it from a worker. On failure @dest is removed. */
gboolean  coach_media_transcode                 (const char            *src,
                                                 const char            *dest,
                                                 guint                  max_height,
                                                 CoachMediaProgressFunc progress,
                                                 gpointer               progress_data,
                                                 GCancellable          *cancellable,
                                                 GError               **error);

G_END_DECLS
