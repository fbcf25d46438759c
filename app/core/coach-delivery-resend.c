/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coach-delivery-resend"

#include "config.h"

#include "coach-delivery-resend.h"

struct _CoachDeliveryResend
{
  CoachRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (CoachDeliveryResend, coach_delivery_resend, COACH_TYPE_RECORD)

static void
coach_delivery_resend_class_init (CoachDeliveryResendClass *klass)
{
  coach_record_class_set_table (COACH_RECORD_CLASS (klass), "delivery_resend");
}

static void
coach_delivery_resend_init (CoachDeliveryResend *self)
{
}

/* A new row with a fresh id, not saved yet. */
CoachDeliveryResend *
coach_delivery_resend_new (void)
{
  return g_object_new (COACH_TYPE_DELIVERY_RESEND, NULL);
}
