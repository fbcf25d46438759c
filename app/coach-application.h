/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include <adwaita.h>

#include "coach-catalog.h"
#include "coach-clip-importer.h"
#include "coach-sync-service.h"
#include "coach-thumbnail-cache.h"

G_BEGIN_DECLS

#define COACH_TYPE_APPLICATION (coach_application_get_type ())

G_DECLARE_FINAL_TYPE (CoachApplication, coach_application, COACH, APPLICATION, AdwApplication)

CoachApplication *coach_application_new         (void);
/* The catalog the windows show, or NULL when it could not be opened. */
CoachCatalog     *coach_application_get_catalog (CoachApplication *self);
CoachThumbnailCache *coach_application_get_thumbnails (CoachApplication *self);
CoachClipImporter   *coach_application_get_importer   (CoachApplication *self);
CoachSyncService    *coach_application_get_sync_service (CoachApplication *self);

G_END_DECLS
