/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include <adwaita.h>

#include "coach-catalog.h"
#include "coach-clip-transfers.h"
#include "coach-record.h"

G_BEGIN_DECLS

#define COACH_TYPE_CLIP_DETAIL_FILES (coach_clip_detail_files_get_type ())

/* The clip detail's "Team Server" group: where the clip's files are
 * (waiting to upload, uploading, on the server only, ...) and the "Keep on
 * This Device" switch. Hidden while the catalog is not signed in. */
G_DECLARE_FINAL_TYPE (CoachClipDetailFiles, coach_clip_detail_files, COACH, CLIP_DETAIL_FILES, AdwBin)

void coach_clip_detail_files_set_clip      (CoachClipDetailFiles *self,
                                            CoachCatalog         *catalog,
                                            CoachRecord          *clip);
/* Where the states come from; by default the application's sync service. */
void coach_clip_detail_files_set_transfers (CoachClipDetailFiles *self,
                                            CoachClipTransfers   *transfers);

G_END_DECLS
