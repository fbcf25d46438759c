/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include "coach-catalog.h"

G_BEGIN_DECLS

/* Bytes of the files stored on this device. A file used in several roles
 * counts once, as the first of original, proxy, thumbnail. */
typedef struct
{
  guint64 originals;
  guint64 proxies;
  guint64 thumbnails;
  guint64 other;           /* no live clip refers to it */
  guint64 total;
  guint   n_files;
  guint64 not_uploaded;    /* only here: never dropped */
  guint64 freeable;        /* what coach_catalog_free_space() would drop */
} CoachStorageUsage;

gboolean coach_catalog_get_storage_usage (CoachCatalog       *catalog,
                                          CoachStorageUsage  *usage,
                                          GError            **error);
/* Drops the local copies of originals, proxies and unused files that the
 * team server has and no pinned clip needs; they can be downloaded again.
 * Files not yet uploaded and thumbnails are kept. */
gboolean coach_catalog_free_space        (CoachCatalog       *catalog,
                                          guint64            *freed_bytes,
                                          guint              *freed_files,
                                          GError            **error);
/* A pinned clip's files are downloaded by the next sync and kept. */
gboolean coach_catalog_set_clip_pinned   (CoachCatalog       *catalog,
                                          const char         *clip_id,
                                          gboolean            pinned,
                                          GError            **error);
gboolean coach_catalog_get_clip_pinned   (CoachCatalog       *catalog,
                                          const char         *clip_id);

G_END_DECLS
