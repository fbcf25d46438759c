/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coach-duration"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "coach-duration.h"

/* Values come from synced rows and imported files; a wrapped-around total
 * would show a tiny duration for an absurd workout, a saturated one shows
 * that something is off. */
static guint64
add_sat (guint64 a,
         guint64 b)
{
  return a > G_MAXUINT64 - b ? G_MAXUINT64 : a + b;
}

static guint64
mul_sat (guint64 a,
         guint64 b)
{
  if (a != 0 && b > G_MAXUINT64 / a)
    return G_MAXUINT64;
  return a * b;
}

guint64
coach_duration_item_seconds (const CoachDurationConfig *config,
                             const CoachDurationItem   *item,
                             gboolean                   last_in_workout)
{
  guint64 rest;

  g_return_val_if_fail (config != NULL, 0);
  g_return_val_if_fail (item != NULL, 0);

  rest = item->rest_s < 0 ? config->rest_s : (guint64) item->rest_s;

  if (item->kind == COACH_ITEM_KIND_SETS)
    {
      guint64 work = mul_sat (mul_sat (item->sets, item->reps), COACH_SECONDS_PER_REP);
      guint64 n_rests;

      if (item->sets == 0)
        return 0;
      /* A rest follows every set, except the last set of the workout. */
      n_rests = last_in_workout ? item->sets - 1 : item->sets;
      return add_sat (work, mul_sat (n_rests, rest));
    }
  else
    {
      guint64 work = item->work_s < 0 ? config->work_s : (guint64) item->work_s;

      return last_in_workout ? work : add_sat (work, rest);
    }
}

guint64
coach_duration_total (const CoachDurationConfig *config,
                      const CoachDurationItem   *items,
                      guint                      n_items)
{
  guint64 round = 0, last_round, total;
  guint rounds;

  g_return_val_if_fail (config != NULL, 0);
  g_return_val_if_fail (items != NULL || n_items == 0, 0);

  rounds = MAX (config->rounds, 1);
  total = add_sat (config->warmup_s, config->cooldown_s);
  if (n_items == 0)
    return total;

  for (guint i = 0; i < n_items; i++)
    round = add_sat (round, coach_duration_item_seconds (config, &items[i], FALSE));

  /* The last round is the same list without the final rest. Once the sum
   * saturated there is nothing meaningful to take away. */
  if (round == G_MAXUINT64)
    last_round = G_MAXUINT64;
  else
    last_round = round
                 - coach_duration_item_seconds (config, &items[n_items - 1], FALSE)
                 + coach_duration_item_seconds (config, &items[n_items - 1], TRUE);

  total = add_sat (total, mul_sat (rounds - 1, round));
  return add_sat (total, last_round);
}

char *
coach_duration_format (guint64 seconds)
{
  guint64 minutes;

  if (seconds < 60)
    /* Translators: a duration in seconds, as in "45 s" */
    return g_strdup_printf (_("%u s"), (guint) seconds);

  /* Short items are planned to the second; a whole workout is read at a
   * glance, where seconds are noise. */
  if (seconds < 10 * 60)
    {
      if (seconds % 60 == 0)
        /* Translators: a duration in minutes, as in "12 min" */
        return g_strdup_printf (_("%u min"), (guint) (seconds / 60));
      /* Translators: a duration in minutes and seconds, as in "2 min 05 s" */
      return g_strdup_printf (_("%u min %02u s"), (guint) (seconds / 60), (guint) (seconds % 60));
    }

  minutes = seconds / 60 + (seconds % 60 >= 30 ? 1 : 0);
  if (minutes < 60)
    return g_strdup_printf (_("%u min"), (guint) minutes);

  /* A clamp only an absurd, saturated total ever reaches. */
  if (minutes / 60 > G_MAXUINT)
    minutes = (guint64) G_MAXUINT * 60;

  if (minutes % 60 == 0)
    /* Translators: a duration in whole hours, as in "2 h" */
    return g_strdup_printf (_("%u h"), (guint) (minutes / 60));
  /* Translators: a duration in hours and minutes, as in "1 h 05 min" */
  return g_strdup_printf (_("%u h %02u min"), (guint) (minutes / 60), (guint) (minutes % 60));
}
