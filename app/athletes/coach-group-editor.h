/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include <adwaita.h>

#include "coach-catalog.h"

G_BEGIN_DECLS

#define COACH_TYPE_GROUP_EDITOR (coach_group_editor_get_type ())

/* Names a group and picks its members; saved in one go. */
G_DECLARE_FINAL_TYPE (CoachGroupEditor, coach_group_editor, COACH, GROUP_EDITOR, AdwWindow)

CoachGroupEditor *coach_group_editor_new (CoachCatalog *catalog,
                                          CoachRecord  *group);

G_END_DECLS
