/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define COACH_TYPE_BLOB_RANGE_STREAM (coach_blob_range_stream_get_type ())

G_DECLARE_FINAL_TYPE (CoachBlobRangeStream, coach_blob_range_stream, COACH, BLOB_RANGE_STREAM, GInputStream)

/* Reads @length bytes of the file at @path from @offset on, straight from
 * disk (an upload part is never held in memory). A file that ends early
 * is an error, not a short body. */
GInputStream *coach_blob_range_stream_new (const char  *path,
                                           guint64      offset,
                                           guint64      length,
                                           GError     **error);

G_END_DECLS
