/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include <adwaita.h>

#include "coach-catalog.h"

G_BEGIN_DECLS

#define COACH_TYPE_STORAGE_GROUP (coach_storage_group_get_type ())

G_DECLARE_FINAL_TYPE (CoachStorageGroup, coach_storage_group, COACH, STORAGE_GROUP, AdwPreferencesGroup)

/* What the catalog's files take on this computer, and "Free Up Space". */
void coach_storage_group_set_catalog (CoachStorageGroup *self,
                                      CoachCatalog      *catalog);

G_END_DECLS
