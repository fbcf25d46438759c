/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "test-exercise-format"

#include "config.h"

#include <locale.h>

#include "coach-exercise.h"
#include "coach-exercise-format.h"

static void
test_difficulty (void)
{
  g_assert_cmpstr (coach_difficulty_to_label ("easy"), ==, "Easy");
  g_assert_cmpstr (coach_difficulty_to_label ("medium"), ==, "Medium");
  g_assert_cmpstr (coach_difficulty_to_label ("hard"), ==, "Hard");
  /* A value from a newer version is shown as it is. */
  g_assert_cmpstr (coach_difficulty_to_label ("brutal"), ==, "brutal");
  g_assert_null (coach_difficulty_to_label (NULL));
}

static void
test_word_list (void)
{
  const char *two[] = { "chest", "triceps", NULL };
  const char *blank[] = { "", "core", "", NULL };
  const char *none[] = { NULL };
  g_autofree char *a = coach_format_word_list (two);
  g_autofree char *b = coach_format_word_list (blank);
  g_autofree char *c = coach_format_word_list (none);
  g_autofree char *d = coach_format_word_list (NULL);

  g_assert_cmpstr (a, ==, "chest, triceps");
  g_assert_cmpstr (b, ==, "core");
  g_assert_cmpstr (c, ==, "");
  g_assert_cmpstr (d, ==, "");
}

static void
test_duration (void)
{
  struct { gint64 s; const char *text; } cases[] = {
    { 0, "0 s" }, { 45, "45 s" }, { 60, "1 min" }, { 90, "1 min 30 s" }, { 600, "10 min" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = coach_format_duration (cases[i].s);
      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
test_subtitle (void)
{
  g_autoptr(CoachExercise) exercise = coach_exercise_new ();
  CoachRecord *record = COACH_RECORD (exercise);
  const char *muscles[] = { "chest", "triceps", NULL };
  g_autofree char *plain = NULL;
  g_autofree char *full = NULL;

  coach_record_set_string (record, "name", "Push-up");
  coach_record_set_string (record, "difficulty", "medium");
  plain = coach_exercise_format_subtitle (record);
  g_assert_cmpstr (plain, ==, "Medium");

  coach_record_set_strv (record, "muscles", muscles);
  full = coach_exercise_format_subtitle (record);
  g_assert_cmpstr (full, ==, "Medium · chest, triceps");
}

static void
test_summary (void)
{
  g_autofree char *one = coach_exercise_format_summary (1, NULL);
  g_autofree char *many = coach_exercise_format_summary (150, "");
  g_autofree char *match = coach_exercise_format_summary (1, "push");
  g_autofree char *matches = coach_exercise_format_summary (0, "push");

  g_assert_cmpstr (one, ==, "1 exercise");
  g_assert_cmpstr (many, ==, "150 exercises");
  g_assert_cmpstr (match, ==, "1 match");
  g_assert_cmpstr (matches, ==, "0 matches");
}

static void
test_parse_word_list (void)
{
  g_auto(GStrv) words = coach_parse_word_list (" core, shoulders ,, core;mat ");
  g_auto(GStrv) empty = coach_parse_word_list ("  , ");
  g_auto(GStrv) null = coach_parse_word_list (NULL);
  const char *expected[] = { "core", "shoulders", "mat", NULL };

  g_assert_true (g_strv_equal ((const char * const *) words, expected));
  g_assert_cmpuint (g_strv_length (empty), ==, 0);
  g_assert_cmpuint (g_strv_length (null), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  /* The expectations are the untranslated strings. */
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/exercise-format/difficulty", test_difficulty);
  g_test_add_func ("/exercise-format/word-list", test_word_list);
  g_test_add_func ("/exercise-format/duration", test_duration);
  g_test_add_func ("/exercise-format/subtitle", test_subtitle);
  g_test_add_func ("/exercise-format/summary", test_summary);
  g_test_add_func ("/exercise-format/parse-word-list", test_parse_word_list);

  return g_test_run ();
}
