/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "test-record-format"

#include "config.h"

#include <locale.h>

#include "coach-record-format.h"

static void
test_media_length (void)
{
  g_autofree char *zero = coach_format_media_length (0);
  g_autofree char *short_clip = coach_format_media_length (8400);
  g_autofree char *minutes = coach_format_media_length (95000);
  g_autofree char *hours = coach_format_media_length (3723000);
  g_autofree char *negative = coach_format_media_length (-5);

  g_assert_cmpstr (zero, ==, "0:00");
  g_assert_cmpstr (short_clip, ==, "0:08");
  g_assert_cmpstr (minutes, ==, "1:35");
  g_assert_cmpstr (hours, ==, "1:02:03");
  g_assert_cmpstr (negative, ==, "0:00");
}

static void
test_clip_status (void)
{
  g_assert_cmpstr (coach_clip_status_to_label ("pending"), ==, "Pending");
  g_assert_cmpstr (coach_clip_status_to_label ("processing"), ==, "Processing");
  g_assert_cmpstr (coach_clip_status_to_label ("ready"), ==, "Ready");
  g_assert_cmpstr (coach_clip_status_to_label ("failed"), ==, "Failed");
  g_assert_cmpstr (coach_clip_status_to_style ("ready"), ==, "success");
  g_assert_cmpstr (coach_clip_status_to_style ("failed"), ==, "error");
  g_assert_cmpstr (coach_clip_status_to_style ("pending"), ==, "warning");
}

static void
test_session_time (void)
{
  g_autofree char *when = coach_format_session_time ("2026-11-24T18:00:00+01:00");
  g_autofree char *none = coach_format_session_time (NULL);
  g_autofree char *bad = coach_format_session_time ("next tuesday");

  /* In the session's own offset, not the computer's. */
  g_assert_cmpstr (when, ==, "Tue 24 Nov 2026 · 18:00");
  g_assert_cmpstr (none, ==, "No date");
  g_assert_cmpstr (bad, ==, "next tuesday");
}

static void
test_count (void)
{
  g_autofree char *clips = coach_format_count ("clip", 30000);
  g_autofree char *one = coach_format_count ("athlete", 1);
  g_autofree char *none = coach_format_count ("session", 0);

  g_assert_cmpstr (clips, ==, "30000 clips");
  g_assert_cmpstr (one, ==, "1 athlete");
  g_assert_cmpstr (none, ==, "0 sessions");
}

static void
test_rows (void)
{
  g_autoptr(CoachRecord) clip = coach_record_new_for_table ("clip", NULL);
  g_autoptr(CoachRecord) workout = coach_record_new_for_table ("workout", NULL);
  g_autoptr(CoachRecord) session = coach_record_new_for_table ("session", NULL);
  g_autoptr(CoachRecord) athlete = coach_record_new_for_table ("athlete", NULL);
  g_auto(CoachRecordText) text = { 0 };

  coach_record_set_string (clip, "title", "Box jump");
  coach_record_set_int (clip, "duration_ms", 12500);
  coach_record_set_string (clip, "status", "processing");
  coach_record_text_format (&text, clip);
  g_assert_cmpstr (text.title, ==, "Box jump");
  g_assert_cmpstr (text.subtitle, ==, "0:12");
  g_assert_cmpstr (text.badge, ==, "Processing");

  coach_record_set_string (workout, "name", "Monday Strength");
  coach_record_set_int (workout, "total_duration_s", 2700);
  coach_record_set_string (workout, "status", "ready");
  coach_record_text_format (&text, workout);
  g_assert_cmpstr (text.title, ==, "Monday Strength");
  g_assert_cmpstr (text.subtitle, ==, "45 min");
  g_assert_cmpstr (text.badge, ==, "Ready");
  g_assert_cmpstr (text.badge_style, ==, "success");

  /* A session without a title is named by its time. */
  coach_record_set_string (session, "starts_at", "2026-11-26T07:30:00+01:00");
  coach_record_set_string (session, "location", "Track 2");
  coach_record_text_format (&text, session);
  g_assert_cmpstr (text.title, ==, "Thu 26 Nov 2026 · 07:30");
  g_assert_cmpstr (text.subtitle, ==, "Track 2");

  coach_record_set_string (athlete, "name", "Sam Lee");
  coach_record_set_string (athlete, "email", "sam@example.org");
  coach_record_set_string (athlete, "level", "beginner");
  coach_record_text_format (&text, athlete);
  g_assert_cmpstr (text.title, ==, "Sam Lee");
  g_assert_cmpstr (text.subtitle, ==, "sam@example.org");
  g_assert_cmpstr (text.badge, ==, "Beginner");

  coach_record_text_format (&text, NULL);
  g_assert_null (text.title);
}

int
main (int   argc,
      char *argv[])
{
  /* The expectations are the untranslated strings. */
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/record-format/media-length", test_media_length);
  g_test_add_func ("/record-format/clip-status", test_clip_status);
  g_test_add_func ("/record-format/session-time", test_session_time);
  g_test_add_func ("/record-format/count", test_count);
  g_test_add_func ("/record-format/rows", test_rows);

  return g_test_run ();
}
