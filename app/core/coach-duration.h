/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How long a workout takes. This is the only place that knows the formula;
 * the catalog, the generator and the UI all ask here, so that the total a
 * coach sees in a list is the total the generator aimed at.
 *
 *   total = warm-up + cool-down + rounds × Σ item time
 *           − the rest after the last item of the last round
 *
 *   timed item: work + rest
 *   sets item:  sets × (reps × COACH_SECONDS_PER_REP + rest)
 *
 * Nobody rests between the last item and the cool-down, so that one rest is
 * not counted; the rests between rounds are. Zero rounds count as one.
 * Absurd inputs saturate at G_MAXUINT64 instead of wrapping around. */

/* An estimate for one repetition of a sets item, since sets carry no time. */
#define COACH_SECONDS_PER_REP 3

typedef struct
{
  guint work_s;
  guint rest_s;
  guint rounds;
  guint warmup_s;
  guint cooldown_s;
} CoachDurationConfig;

typedef enum
{
  COACH_ITEM_KIND_TIMED,
  COACH_ITEM_KIND_SETS,
} CoachItemKind;

typedef struct
{
  CoachItemKind kind;
  gint          work_s;   /* < 0: the workout's work_s (timed items only) */
  gint          rest_s;   /* < 0: the workout's rest_s */
  guint         sets;     /* sets items only; 0 sets take no time */
  guint         reps;
} CoachDurationItem;

/* One pass through @item. @last_in_workout: it is the final item of the
 * final round, so its last rest is left out. */
guint64  coach_duration_item_seconds  (const CoachDurationConfig *config,
                                       const CoachDurationItem   *item,
                                       gboolean                   last_in_workout);
/* The whole workout: every round of @items plus warm-up and cool-down.
 * With no items that is warm-up plus cool-down. */
guint64  coach_duration_total         (const CoachDurationConfig *config,
                                       const CoachDurationItem   *items,
                                       guint                      n_items);
/* A short text for lists and summaries: "45 s", "2 min 30 s", "12 min",
 * "1 h 05 min". Below ten minutes seconds are shown; from ten minutes on
 * the value is rounded to the nearest minute. */
char    *coach_duration_format        (guint64                    seconds);

G_END_DECLS
