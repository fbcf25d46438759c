/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include "coach-record.h"

G_BEGIN_DECLS

#define COACH_TYPE_DELIVERY_RESEND (coach_delivery_resend_get_type ())

/* A coach's request to email a session to one athlete again, after a
 * failed delivery. Fields: see the "delivery_resend" table in coach-schema.c. */
G_DECLARE_FINAL_TYPE (CoachDeliveryResend, coach_delivery_resend, COACH, DELIVERY_RESEND, CoachRecord)

CoachDeliveryResend *coach_delivery_resend_new (void);

G_END_DECLS
