/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include "coach-record.h"

G_BEGIN_DECLS

#define COACH_TYPE_TAG (coach_tag_get_type ())

/* A free-form label a coach puts on exercises and clips.
 * Fields: see the "tag" table in coach-schema.c. */
G_DECLARE_FINAL_TYPE (CoachTag, coach_tag, COACH, TAG, CoachRecord)

CoachTag *coach_tag_new (void);

G_END_DECLS
