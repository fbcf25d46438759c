/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coach-category"

#include "config.h"

#include "coach-category.h"

struct _CoachCategory
{
  CoachRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (CoachCategory, coach_category, COACH_TYPE_RECORD)

static void
coach_category_class_init (CoachCategoryClass *klass)
{
  coach_record_class_set_table (COACH_RECORD_CLASS (klass), "category");
}

static void
coach_category_init (CoachCategory *self)
{
}

/* A new row with a fresh id, not saved yet. */
CoachCategory *
coach_category_new (void)
{
  return g_object_new (COACH_TYPE_CATEGORY, NULL);
}
