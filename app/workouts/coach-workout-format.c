/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coach-workout-format"

#include "config.h"

#include <glib/gi18n.h>

#include "coach-workout-format.h"

static gint64
int_or (CoachRecord *record,
        const char  *field,
        gint64       fallback)
{
  return coach_record_is_null (record, field) ? fallback : coach_record_get_int (record, field);
}

void
coach_workout_format_config_from_record (CoachRecord         *workout,
                                         CoachDurationConfig *config)
{
  g_return_if_fail (COACH_IS_RECORD (workout));
  g_return_if_fail (config != NULL);

  config->work_s = MAX (int_or (workout, "work_s", 40), 0);
  config->rest_s = MAX (int_or (workout, "rest_s", 20), 0);
  config->rounds = MAX (int_or (workout, "rounds", 1), 0);
  config->warmup_s = MAX (int_or (workout, "warmup_s", 0), 0);
  config->cooldown_s = MAX (int_or (workout, "cooldown_s", 0), 0);
}

void
coach_workout_format_item_from_record (CoachRecord       *item,
                                       CoachDurationItem *out)
{
  g_return_if_fail (COACH_IS_RECORD (item));
  g_return_if_fail (out != NULL);

  out->kind = g_strcmp0 (coach_record_get_string (item, "kind"), "sets") == 0
              ? COACH_ITEM_KIND_SETS : COACH_ITEM_KIND_TIMED;
  out->work_s = int_or (item, "work_s", -1);
  out->rest_s = int_or (item, "rest_s", -1);
  out->sets = MAX (int_or (item, "sets", 0), 0);
  out->reps = MAX (int_or (item, "reps", 0), 0);
}

/* The total with the config being edited, before it is saved. */
guint64
coach_workout_format_total (const CoachDurationConfig *config,
                            GListModel                *items)
{
  guint n;
  g_autofree CoachDurationItem *array = NULL;

  g_return_val_if_fail (config != NULL, 0);

  n = items ? g_list_model_get_n_items (items) : 0;
  array = g_new0 (CoachDurationItem, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CoachRecord) item = g_list_model_get_item (items, i);

      coach_workout_format_item_from_record (item, &array[i]);
    }
  return coach_duration_total (config, array, n);
}

char *
coach_workout_format_item_summary (CoachRecord               *item,
                                   const CoachDurationConfig *config)
{
  CoachDurationItem d;
  guint work, rest;

  g_return_val_if_fail (COACH_IS_RECORD (item), NULL);
  g_return_val_if_fail (config != NULL, NULL);

  coach_workout_format_item_from_record (item, &d);
  rest = d.rest_s < 0 ? config->rest_s : (guint) d.rest_s;
  if (d.kind == COACH_ITEM_KIND_SETS)
    /* Translators: sets × reps, then the rest in seconds */
    return g_strdup_printf (_("Sets: %u × %u, rest %u s"), d.sets, d.reps, rest);

  work = d.work_s < 0 ? config->work_s : (guint) d.work_s;
  /* Translators: work and rest in seconds of a timed exercise */
  return g_strdup_printf (_("Timed: %u s work, %u s rest"), work, rest);
}
