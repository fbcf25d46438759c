/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include <gio/gio.h>

#include "coach-catalog.h"

G_BEGIN_DECLS

#define COACH_MEDIA_ERROR (coach_media_error_quark ())

typedef enum
{
  COACH_MEDIA_ERROR_FAILED,
  COACH_MEDIA_ERROR_NOT_MEDIA,        /* not a video at all */
  COACH_MEDIA_ERROR_NO_VIDEO,         /* sound only, or a still picture */
  COACH_MEDIA_ERROR_DAMAGED,          /* truncated or corrupt */
  COACH_MEDIA_ERROR_UNSUPPORTED,      /* a codec this computer cannot decode */
  COACH_MEDIA_ERROR_NO_ENCODER,       /* nothing to make a proxy with */
  COACH_MEDIA_ERROR_TIMED_OUT,
  COACH_MEDIA_ERROR_NO_SPACE,
} CoachMediaError;

GQuark    coach_media_error_quark  (void);

/* Initialises GStreamer once; safe from any thread. Fails when GStreamer
 * cannot start, so callers can show why instead of aborting. */
gboolean  coach_media_init         (GError        **error);

char     *coach_media_path_to_uri  (const char     *path);

/* Stores @bytes in the catalog's blob store (content-addressed, deduped)
 * and returns its sha256. */
gboolean  coach_media_store_bytes  (CoachCatalog   *catalog,
                                    GBytes         *bytes,
                                    char          **sha256_out,
                                    GError        **error);

/* The directory where media jobs write their temporary files (inside the
 * blob store, so the final rename never crosses file systems). */
char     *coach_media_tmp_dir      (const char     *data_dir);
/* Removes the temporary files a crashed media job left behind. */
void      coach_media_clean_tmp    (const char     *data_dir);

/* SHA-256 of a whole file (worker thread: it reads everything). */
char     *coach_media_file_sha256  (const char     *path,
                                    GCancellable   *cancellable,
                                    GError        **error);
/* Moves @tmp_path, whose content hashes to @sha256, into the blob store
 * and records it; when the blob exists already, @tmp_path is removed. */
gboolean  coach_media_adopt_blob   (CoachCatalog   *catalog,
                                    const char     *tmp_path,
                                    const char     *sha256,
                                    const char     *mime_type,
                                    GError        **error);

G_END_DECLS
