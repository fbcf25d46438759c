/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include <gio/gio.h>

#include "coach-media.h"

G_BEGIN_DECLS

#define COACH_MEDIA_THUMBNAIL_WIDTH 320

/* A JPEG of the frame at @at_ms (or, when @at_ms < 0, at 1 s, or the middle
 * of clips shorter than 2 s), turned upright by the rotation tag and scaled
 * to at most @max_width pixels wide. Blocking: call it from a worker. */
GBytes *coach_media_thumbnail        (const char    *path,
                                      gint64         at_ms,
                                      guint          max_width,
                                      GCancellable  *cancellable,
                                      guint         *width_out,
                                      guint         *height_out,
                                      GError       **error);

void    coach_media_thumbnail_async  (const char    *path,
                                      guint          max_width,
                                      GCancellable  *cancellable,
                                      GAsyncReadyCallback callback,
                                      gpointer       user_data);
GBytes *coach_media_thumbnail_finish (GAsyncResult  *result,
                                      GError       **error);

G_END_DECLS
