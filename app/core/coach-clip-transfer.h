/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include "coach-catalog.h"
#include "coach-db.h"

G_BEGIN_DECLS

/* Where a clip's files are, as the coach sees it. Derived from the
 * original and the proxy (the thumbnail travels with every clip anyway). */
typedef enum
{
  COACH_CLIP_TRANSFER_NONE,         /* not signed in to a team server, or no file yet */
  COACH_CLIP_TRANSFER_WAITING,      /* only on this device, waiting to upload */
  COACH_CLIP_TRANSFER_UPLOADING,
  COACH_CLIP_TRANSFER_UPLOADED,     /* here and on the team server */
  COACH_CLIP_TRANSFER_REMOTE,       /* on the team server only, not downloaded */
  COACH_CLIP_TRANSFER_DOWNLOADING,
  COACH_CLIP_TRANSFER_PINNED,       /* kept on this device, every file here */
} CoachClipTransferState;

typedef struct
{
  CoachClipTransferState state;
  double                 fraction;  /* UPLOADING: share of the clip's bytes the server has;
                                     * -1 when not known (a single PUT) or another state */
  gboolean               pinned;    /* kept on this device (also while its files download) */
} CoachClipTransfer;

/* The states of many clips in one query: clip id -> CoachClipTransfer.
 * @clip_ids limits it to those clips (NULL: every live clip). Clips of
 * state NONE are left out, and the table is empty when the catalog is not
 * signed in to a team server: a coach working alone sees nothing. */
GHashTable *coach_catalog_get_clip_transfers (CoachCatalog        *catalog,
                                              const char * const  *clip_ids,
                                              GError             **error);
/* The same on a bare connection (a worker's own). */
GHashTable *coach_db_get_clip_transfers      (CoachDb             *db,
                                              const char * const  *clip_ids,
                                              GError             **error);

/* For display: a symbolic icon from Adwaita (NULL for NONE), a short
 * title ("Uploading, 40 %") and a sentence for tooltips. */
char      **coach_catalog_clips_with_file    (CoachCatalog        *catalog,
                                              const char          *sha256,
                                              GError             **error);

const char *coach_clip_transfer_get_icon_name (const CoachClipTransfer *transfer);
char       *coach_clip_transfer_dup_title     (const CoachClipTransfer *transfer);
const char *coach_clip_transfer_get_details   (const CoachClipTransfer *transfer);
/* Whether a tile shows it: "on the team server" is the normal case and
 * would only add clutter. */
gboolean    coach_clip_transfer_is_notable    (const CoachClipTransfer *transfer);

G_END_DECLS
