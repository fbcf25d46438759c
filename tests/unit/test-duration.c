/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#include "config.h"

#include "coach-duration.h"

#define TIMED(work, rest) { COACH_ITEM_KIND_TIMED, (work), (rest), 0, 0 }
#define SETS(sets, reps, rest) { COACH_ITEM_KIND_SETS, -1, (rest), (sets), (reps) }

static void
test_timed (void)
{
  CoachDurationConfig config = { .work_s = 40, .rest_s = 20, .rounds = 3 };
  CoachDurationItem defaults = TIMED (-1, -1);
  CoachDurationItem own = TIMED (30, 15);
  CoachDurationItem no_rest = TIMED (-1, 0);

  g_assert_cmpuint (coach_duration_item_seconds (&config, &defaults, FALSE), ==, 60);
  g_assert_cmpuint (coach_duration_item_seconds (&config, &defaults, TRUE), ==, 40);
  g_assert_cmpuint (coach_duration_item_seconds (&config, &own, FALSE), ==, 45);
  g_assert_cmpuint (coach_duration_item_seconds (&config, &own, TRUE), ==, 30);
  g_assert_cmpuint (coach_duration_item_seconds (&config, &no_rest, FALSE), ==, 40);
  g_assert_cmpuint (coach_duration_item_seconds (&config, &no_rest, TRUE), ==, 40);
}

static void
test_sets (void)
{
  CoachDurationConfig config = { .work_s = 40, .rest_s = 20 };
  CoachDurationItem three_by_ten = SETS (3, 10, 60);
  CoachDurationItem workout_rest = SETS (4, 8, -1);
  CoachDurationItem none = SETS (0, 10, 60);
  CoachDurationItem one = SETS (1, 5, 90);

  /* 3 × (10 × 3 s + 60 s) */
  g_assert_cmpuint (coach_duration_item_seconds (&config, &three_by_ten, FALSE), ==, 270);
  /* No rest after the very last set: 3 × 30 s + 2 × 60 s. */
  g_assert_cmpuint (coach_duration_item_seconds (&config, &three_by_ten, TRUE), ==, 210);
  /* Sets items ignore work_s but take the workout's rest. */
  g_assert_cmpuint (coach_duration_item_seconds (&config, &workout_rest, FALSE), ==, 4 * (24 + 20));
  g_assert_cmpuint (coach_duration_item_seconds (&config, &workout_rest, TRUE), ==, 4 * 24 + 3 * 20);
  g_assert_cmpuint (coach_duration_item_seconds (&config, &none, FALSE), ==, 0);
  g_assert_cmpuint (coach_duration_item_seconds (&config, &none, TRUE), ==, 0);
  g_assert_cmpuint (coach_duration_item_seconds (&config, &one, FALSE), ==, 105);
  g_assert_cmpuint (coach_duration_item_seconds (&config, &one, TRUE), ==, 15);
}

static void
test_total (void)
{
  CoachDurationConfig config = { 40, 20, 3, 300, 240 };
  CoachDurationItem five[] = { TIMED (-1, -1), TIMED (-1, -1), TIMED (-1, -1), TIMED (-1, -1), TIMED (-1, -1) };
  CoachDurationItem mixed[] = { TIMED (-1, -1), SETS (3, 10, 60), TIMED (30, 45) };

  /* 300 + 240 + 3 × 5 × 60 − 20 */
  g_assert_cmpuint (coach_duration_total (&config, five, 5), ==, 1420);
  /* Only the last item's own rest is dropped, once:
   * 540 + 3 × (60 + 270 + 75) − 45 */
  g_assert_cmpuint (coach_duration_total (&config, mixed, 3), ==, 540 + 3 * 405 - 45);

  /* A sets item at the end drops its last rest only. */
  {
    CoachDurationItem sets_last[] = { TIMED (-1, -1), SETS (3, 10, 60) };

    g_assert_cmpuint (coach_duration_total (&config, sets_last, 2), ==, 540 + 3 * 330 - 60);
  }
}

static void
test_rounds_zero (void)
{
  CoachDurationConfig zero = { 40, 20, 0, 60, 60 };
  CoachDurationConfig one = { 40, 20, 1, 60, 60 };
  CoachDurationItem items[] = { TIMED (-1, -1), SETS (2, 12, 30) };

  g_assert_cmpuint (coach_duration_total (&zero, items, 2), ==, coach_duration_total (&one, items, 2));
  g_assert_cmpuint (coach_duration_total (&zero, items, 2), ==, 120 + 60 + 2 * 36 + 30);
}

static void
test_empty (void)
{
  CoachDurationConfig config = { 40, 20, 4, 300, 120 };

  g_assert_cmpuint (coach_duration_total (&config, NULL, 0), ==, 420);
}

static void
test_saturate (void)
{
  CoachDurationConfig huge = { G_MAXUINT, G_MAXUINT, G_MAXUINT, G_MAXUINT, G_MAXUINT };
  CoachDurationConfig normal = { 40, 20, 2, 0, 0 };
  CoachDurationItem big_sets = SETS (G_MAXUINT, G_MAXUINT, G_MAXINT);
  CoachDurationItem items[] = { TIMED (G_MAXINT, G_MAXINT), TIMED (-1, -1) };
  CoachDurationItem mixed[] = { TIMED (-1, -1), SETS (G_MAXUINT, G_MAXUINT, G_MAXINT) };

  g_assert_cmpuint (coach_duration_item_seconds (&normal, &big_sets, FALSE), ==, G_MAXUINT64);
  g_assert_cmpuint (coach_duration_item_seconds (&normal, &big_sets, TRUE), ==, G_MAXUINT64);
  g_assert_cmpuint (coach_duration_total (&normal, mixed, 2), ==, G_MAXUINT64);

  /* Large but representable: 100000 rounds of about 2^34 s stay exact. */
  {
    CoachDurationConfig large = huge;
    guint64 round = (guint64) G_MAXINT * 2 + (guint64) G_MAXUINT * 2;

    large.rounds = 100000;
    g_assert_cmpuint (coach_duration_total (&large, items, 2), ==,
                      2 * (guint64) G_MAXUINT + 100000 * round - G_MAXUINT);
  }

  /* (2^32 − 1) rounds of those do not fit in 64 bits. */
  g_assert_cmpuint (coach_duration_total (&huge, items, 2), ==, G_MAXUINT64);

  /* Many huge items: the per-round sum itself saturates. */
  {
    g_autofree CoachDurationItem *many = g_new (CoachDurationItem, 10000);

    for (guint i = 0; i < 10000; i++)
      many[i] = (CoachDurationItem) SETS (G_MAXUINT, 1000, G_MAXINT);
    g_assert_cmpuint (coach_duration_total (&huge, many, 10000), ==, G_MAXUINT64);
  }
}

/* Walks through the workout phase by phase, as a coach would with a stop
 * watch, and compares with the formula. */
static guint64
simulate (const CoachDurationConfig *config,
          const CoachDurationItem   *items,
          guint                      n_items)
{
  guint64 t = config->warmup_s;
  guint rounds = config->rounds > 0 ? config->rounds : 1;
  gboolean pending_rest = FALSE;
  guint64 rest_value = 0;

  for (guint r = 0; r < rounds; r++)
    for (guint i = 0; i < n_items; i++)
      {
        const CoachDurationItem *item = &items[i];
        guint64 rest = item->rest_s < 0 ? config->rest_s : (guint) item->rest_s;

        if (item->kind == COACH_ITEM_KIND_TIMED)
          {
            if (pending_rest)
              t += rest_value;
            t += item->work_s < 0 ? config->work_s : (guint) item->work_s;
            pending_rest = TRUE;
            rest_value = rest;
          }
        else
          {
            for (guint s = 0; s < item->sets; s++)
              {
                if (pending_rest)
                  t += rest_value;
                t += (guint64) item->reps * COACH_SECONDS_PER_REP;
                pending_rest = TRUE;
                rest_value = rest;
              }
          }
      }

  /* The rest still pending now would be before the cool-down: skipped. */
  return t + config->cooldown_s;
}

static void
test_against_simulation (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);

  for (guint iter = 0; iter < 5000; iter++)
    {
      CoachDurationConfig config = {
        g_rand_int_range (rand, 0, 120), g_rand_int_range (rand, 0, 90), g_rand_int_range (rand, 0, 6),
        g_rand_int_range (rand, 0, 900), g_rand_int_range (rand, 0, 900),
      };
      guint n = g_rand_int_range (rand, 0, 12);
      g_autofree CoachDurationItem *items = g_new0 (CoachDurationItem, MAX (n, 1));

      for (guint i = 0; i < n; i++)
        {
          items[i].kind = g_rand_boolean (rand) ? COACH_ITEM_KIND_TIMED : COACH_ITEM_KIND_SETS;
          items[i].work_s = g_rand_int_range (rand, -1, 120);
          items[i].rest_s = g_rand_int_range (rand, -1, 120);
          /* At least one set: after an empty sets item at the end the
           * formula still counts the rest of the item before it, where a
           * stop watch would not. An empty item is an editing mistake,
           * not a workout. */
          items[i].sets = g_rand_int_range (rand, 1, 6);
          items[i].reps = g_rand_int_range (rand, 0, 20);
        }

      g_assert_cmpuint (coach_duration_total (&config, items, n), ==, simulate (&config, items, n));
    }
}

static void
test_format (void)
{
  struct { guint64 seconds; const char *text; } cases[] = {
    { 0, "0 s" },
    { 1, "1 s" },
    { 45, "45 s" },
    { 59, "59 s" },
    { 60, "1 min" },
    { 65, "1 min 05 s" },
    { 150, "2 min 30 s" },
    { 599, "9 min 59 s" },
    { 600, "10 min" },
    { 629, "10 min" },
    { 630, "11 min" },
    { 12 * 60, "12 min" },
    { 12 * 60 + 40, "13 min" },
    { 3569, "59 min" },
    { 3570, "1 h" },        /* rounds up into the next hour */
    { 3600, "1 h" },
    { 3900, "1 h 05 min" },
    { 3929, "1 h 05 min" },
    { 2 * 3600 + 59 * 60 + 40, "3 h" },
    { 100 * 3600 + 60, "100 h 01 min" },
    { G_MAXUINT64, "4294967295 h" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = coach_duration_format (cases[i].seconds);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/duration/timed", test_timed);
  g_test_add_func ("/duration/sets", test_sets);
  g_test_add_func ("/duration/total", test_total);
  g_test_add_func ("/duration/rounds-zero", test_rounds_zero);
  g_test_add_func ("/duration/empty", test_empty);
  g_test_add_func ("/duration/saturate", test_saturate);
  g_test_add_func ("/duration/against-simulation", test_against_simulation);
  g_test_add_func ("/duration/format", test_format);

  return g_test_run ();
}
