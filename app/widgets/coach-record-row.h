/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include <gtk/gtk.h>

#include "coach-record.h"

G_BEGIN_DECLS

#define COACH_TYPE_RECORD_ROW (coach_record_row_get_type ())

/* One workout, session or athlete in a list: title, a line of details and
 * a status badge, as coach_record_text_format() words them. */
G_DECLARE_FINAL_TYPE (CoachRecordRow, coach_record_row, COACH, RECORD_ROW, GtkWidget)

CoachRecord *coach_record_row_get_record (CoachRecordRow *self);
void         coach_record_row_set_record (CoachRecordRow *self,
                                          CoachRecord    *record);

G_END_DECLS
