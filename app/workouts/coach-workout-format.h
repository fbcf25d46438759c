/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include <gio/gio.h>

#include "coach-duration.h"
#include "coach-record.h"

G_BEGIN_DECLS

/* Plain functions behind the composer's labels, kept out of the widgets so
 * they can be unit tested. */
void     coach_workout_format_config_from_record (CoachRecord         *workout,
                                                  CoachDurationConfig *config);
void     coach_workout_format_item_from_record   (CoachRecord         *item,
                                                  CoachDurationItem   *out);
guint64  coach_workout_format_total              (const CoachDurationConfig *config,
                                                  GListModel          *items);
char    *coach_workout_format_item_summary       (CoachRecord         *item,
                                                  const CoachDurationConfig *config);

G_END_DECLS
