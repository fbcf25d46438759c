/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include "coach-record.h"

G_BEGIN_DECLS

/* How exercises read in the UI. Plain functions, so they are tested
 * without a display. */
const char *coach_difficulty_to_label        (const char          *difficulty);
char       *coach_format_word_list           (const char * const  *words);
char       *coach_format_duration            (gint64               seconds);
char       *coach_exercise_format_subtitle   (CoachRecord         *exercise);
GStrv       coach_parse_word_list            (const char          *text);
char       *coach_exercise_format_summary    (guint                n_exercises,
                                              const char          *search_text);

G_END_DECLS
