/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include "coach-record.h"

G_BEGIN_DECLS

#define COACH_TYPE_CATEGORY (coach_category_get_type ())

/* A category that groups exercises (strength, mobility, ...).
 * Fields: see the "category" table in coach-schema.c. */
G_DECLARE_FINAL_TYPE (CoachCategory, coach_category, COACH, CATEGORY, CoachRecord)

CoachCategory *coach_category_new (void);

G_END_DECLS
