/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include <gtk/gtk.h>

#include "coach-catalog.h"

G_BEGIN_DECLS

#define COACH_TYPE_WORKOUT_SHEET (coach_workout_sheet_get_type ())

/* A workout (or a session) as a coach takes it to the gym: its name, total time, config,
 * the items in order with their times or sets/reps/load and notes, on one
 * page. Loaded once from the catalog; drawn on any cairo context (a print
 * job, a PDF file). */
G_DECLARE_FINAL_TYPE (CoachWorkoutSheet, coach_workout_sheet, COACH, WORKOUT_SHEET, GObject)

CoachWorkoutSheet *coach_workout_sheet_new           (CoachCatalog       *catalog,
                                                      const char         *workout_id,
                                                      GError            **error);
/* A session's sheet: its title, when and where, who comes, notes, and its
 * workout as above. */
CoachWorkoutSheet *coach_workout_sheet_new_for_session (CoachCatalog     *catalog,
                                                        const char       *session_id,
                                                        GError          **error);
const char        *coach_workout_sheet_get_title     (CoachWorkoutSheet  *self);
/* "Total 12:30 · 8 exercises" */
const char        *coach_workout_sheet_get_summary   (CoachWorkoutSheet  *self);
/* "Work 40 s · Rest 20 s · 3 rounds · Warm-up 5 min" */
const char        *coach_workout_sheet_get_config    (CoachWorkoutSheet  *self);
guint              coach_workout_sheet_get_n_items   (CoachWorkoutSheet  *self);
/* The exercise name, what to do ("3 × 10 @ 20 kg, rest 60 s") and the
 * item's notes (NULL when it has none). */
void               coach_workout_sheet_get_item      (CoachWorkoutSheet  *self,
                                                      guint               index,
                                                      const char        **name,
                                                      const char        **detail,
                                                      const char        **notes);
/* Draws the sheet into a @width × @height area (points) of @cr, shrinking
 * the text until everything fits on that one page. */
void               coach_workout_sheet_draw          (CoachWorkoutSheet  *self,
                                                      cairo_t            *cr,
                                                      double              width,
                                                      double              height);
/* A print operation of one page that draws the sheet. */
GtkPrintOperation *coach_workout_sheet_create_print_operation (CoachWorkoutSheet *self);
/* Writes the sheet as a one-page PDF to @path through GtkPrintOperation. */
gboolean           coach_workout_sheet_export_pdf    (CoachWorkoutSheet  *self,
                                                      GtkWindow          *parent,
                                                      const char         *path,
                                                      GError            **error);

G_END_DECLS
