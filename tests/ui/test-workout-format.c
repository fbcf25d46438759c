/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "test-workout-format"

#include "config.h"

#include <locale.h>

#include "coach-workout.h"
#include "coach-workout-item.h"
#include "coach-workout-format.h"

static CoachRecord *
make_item (const char *kind,
           int         work_s,
           guint       sets,
           guint       reps)
{
  CoachRecord *item = COACH_RECORD (coach_workout_item_new ());

  coach_record_set_string (item, "kind", kind);
  if (work_s >= 0)
    coach_record_set_int (item, "work_s", work_s);
  if (sets > 0)
    {
      coach_record_set_int (item, "sets", sets);
      coach_record_set_int (item, "reps", reps);
    }
  return item;
}

static void
test_config (void)
{
  g_autoptr(CoachWorkout) workout = coach_workout_new ();
  CoachDurationConfig config;

  coach_record_set_int (COACH_RECORD (workout), "work_s", 30);
  coach_record_set_int (COACH_RECORD (workout), "rounds", 3);
  coach_workout_format_config_from_record (COACH_RECORD (workout), &config);
  g_assert_cmpuint (config.work_s, ==, 30);
  g_assert_cmpuint (config.rounds, ==, 3);
}

static void
test_total (void)
{
  CoachDurationConfig config = { 40, 20, 2, 60, 0 };
  g_autoptr(GListStore) items = g_list_store_new (COACH_TYPE_RECORD);
  g_autoptr(CoachRecord) a = make_item ("timed", -1, 0, 0);
  g_autoptr(CoachRecord) b = make_item ("sets", -1, 3, 10);
  CoachDurationItem expected[2];

  g_list_store_append (items, a);
  g_list_store_append (items, b);
  coach_workout_format_item_from_record (a, &expected[0]);
  coach_workout_format_item_from_record (b, &expected[1]);
  g_assert_cmpint (expected[0].work_s, ==, -1);
  g_assert_cmpint (expected[1].kind, ==, COACH_ITEM_KIND_SETS);
  g_assert_cmpuint (coach_workout_format_total (&config, G_LIST_MODEL (items)), ==,
                    coach_duration_total (&config, expected, 2));
  g_assert_cmpuint (coach_workout_format_total (&config, NULL), ==,
                    coach_duration_total (&config, NULL, 0));
}

static void
test_summary (void)
{
  CoachDurationConfig config = { 40, 20, 1, 0, 0 };
  g_autoptr(CoachRecord) timed = make_item ("timed", 45, 0, 0);
  g_autoptr(CoachRecord) sets = make_item ("sets", -1, 3, 12);
  g_autofree char *a = coach_workout_format_item_summary (timed, &config);
  g_autofree char *b = coach_workout_format_item_summary (sets, &config);

  g_assert_cmpstr (a, ==, "Timed: 45 s work, 20 s rest");
  g_assert_cmpstr (b, ==, "Sets: 3 × 12, rest 20 s");
}

int
main (int   argc,
      char *argv[])
{
  /* The expectations are the untranslated strings. */
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/workout-format/config", test_config);
  g_test_add_func ("/workout-format/total", test_total);
  g_test_add_func ("/workout-format/summary", test_summary);

  return g_test_run ();
}
