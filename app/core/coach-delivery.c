/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coach-delivery"

#include "config.h"

#include "coach-delivery.h"

struct _CoachDelivery
{
  CoachRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (CoachDelivery, coach_delivery, COACH_TYPE_RECORD)

static void
coach_delivery_class_init (CoachDeliveryClass *klass)
{
  coach_record_class_set_table (COACH_RECORD_CLASS (klass), "delivery");
}

static void
coach_delivery_init (CoachDelivery *self)
{
}

/* A new row with a fresh id, not saved yet. */
CoachDelivery *
coach_delivery_new (void)
{
  return g_object_new (COACH_TYPE_DELIVERY, NULL);
}
