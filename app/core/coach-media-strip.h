/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include <gio/gio.h>

#include "coach-media.h"

G_BEGIN_DECLS

/* @n_frames JPEG pictures (GBytes) of the frames shown at evenly spread
 * times (the middle of n equal parts of the clip), for the trim bar:
 * upright, @height lines high, as wide as the shown aspect asks
 * (@width_out). Blocking: call it from a worker. */
GPtrArray *coach_media_frame_strip (const char    *path,
                                    guint          n_frames,
                                    guint          height,
                                    guint         *width_out,
                                    GCancellable  *cancellable,
                                    GError       **error);

G_END_DECLS
