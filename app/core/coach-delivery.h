/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include "coach-record.h"

G_BEGIN_DECLS

#define COACH_TYPE_DELIVERY (coach_delivery_get_type ())

/* The email delivery status of a session to one athlete, written by the server.
 * Fields: see the "delivery" table in coach-schema.c. */
G_DECLARE_FINAL_TYPE (CoachDelivery, coach_delivery, COACH, DELIVERY, CoachRecord)

CoachDelivery *coach_delivery_new (void);

G_END_DECLS
