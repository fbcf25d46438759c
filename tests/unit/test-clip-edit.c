/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#include "config.h"

#include "catalog-test-util.h"
#include "coach-clip-edit.h"
#include "coach-clip.h"

static void
test_format (void)
{
  static const struct { gint64 ms; const char *text; } cases[] = {
    { 0, "0:00.000" },
    { 999, "0:00.999" },
    { 65250, "1:05.250" },
    { 3599999, "59:59.999" },
    { 3661002, "1:01:01.002" },
    { -1500, "-0:01.500" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = coach_clip_edit_format_time (cases[i].ms);
      gint64 back = -1;
      g_autoptr(GError) error = NULL;

      g_assert_cmpstr (text, ==, cases[i].text);
      if (cases[i].ms >= 0)
        {
          g_assert_true (coach_clip_edit_parse_time (text, &back, &error));
          g_assert_no_error (error);
          g_assert_cmpint (back, ==, cases[i].ms);
        }
    }
}

static void
test_parse (void)
{
  static const struct { const char *text; gint64 ms; } good[] = {
    { "65", 65000 },
    { " 65.25 ", 65250 },
    { "1:05", 65000 },
    { "1:05.2", 65200 },
    { "1:05,25", 65250 },
    { "90:00", 5400000 },
    { "1:01:05.002", 3665002 },
    { "0.5", 500 },
  };
  static const char * const bad[] = {
    "", "  ", "abc", "1:60", "1:2:3:4", "1:-5", "1.2.3", "1:05.2500", "1::05", ":05", "5:", "1:75:00", "+3",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      gint64 ms = -1;
      g_autoptr(GError) error = NULL;

      g_assert_true (coach_clip_edit_parse_time (good[i].text, &ms, &error));
      g_assert_no_error (error);
      g_assert_cmpint (ms, ==, good[i].ms);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      gint64 ms = 42;
      g_autoptr(GError) error = NULL;

      g_assert_false (coach_clip_edit_parse_time (bad[i], &ms, &error));
      g_assert_error (error, COACH_CLIP_EDIT_ERROR, COACH_CLIP_EDIT_ERROR_BAD_TIME);
      g_assert_cmpint (ms, ==, 42);
    }
}

static void
test_check_trim (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (coach_clip_edit_check_trim (0, 2000, 2000, NULL));
  g_assert_true (coach_clip_edit_check_trim (500, 1000, 0, NULL));   /* length unknown */

  g_assert_false (coach_clip_edit_check_trim (1000, 1000, 2000, &error));
  g_assert_error (error, COACH_CLIP_EDIT_ERROR, COACH_CLIP_EDIT_ERROR_IN_AFTER_OUT);
  g_clear_error (&error);
  g_assert_false (coach_clip_edit_check_trim (1500, 1000, 2000, &error));
  g_assert_error (error, COACH_CLIP_EDIT_ERROR, COACH_CLIP_EDIT_ERROR_IN_AFTER_OUT);
  g_clear_error (&error);
  g_assert_false (coach_clip_edit_check_trim (0, 2001, 2000, &error));
  g_assert_error (error, COACH_CLIP_EDIT_ERROR, COACH_CLIP_EDIT_ERROR_PAST_END);
  g_assert_nonnull (strstr (error->message, "0:02.000"));
  g_clear_error (&error);
  g_assert_false (coach_clip_edit_check_trim (-1, 100, 2000, &error));
  g_assert_error (error, COACH_CLIP_EDIT_ERROR, COACH_CLIP_EDIT_ERROR_NEGATIVE);
}

static CoachRecord *
make_clip (CatalogFixture *f,
           gint64          duration_ms)
{
  g_autoptr(GError) error = NULL;
  CoachRecord *clip = COACH_RECORD (coach_clip_new ());

  coach_record_set_string (clip, "title", "Box jump");
  if (duration_ms > 0)
    coach_record_set_int (clip, "duration_ms", duration_ms);
  g_assert_true (coach_catalog_save (f->catalog, clip, &error));
  g_assert_no_error (error);
  return clip;
}

static void
test_range_and_trim (CatalogFixture *f,
                     gconstpointer   data)
{
  g_autoptr(CoachRecord) clip = make_clip (f, 4000);
  g_autoptr(GError) error = NULL;
  g_autofree char *where = NULL;
  gint64 in_ms, out_ms;

  coach_clip_edit_get_range (clip, &in_ms, &out_ms);
  g_assert_cmpint (in_ms, ==, 0);
  g_assert_cmpint (out_ms, ==, 4000);

  g_assert_true (coach_clip_edit_set_trim (f->catalog, clip, 500, 3000, &error));
  g_assert_no_error (error);
  coach_clip_edit_get_range (clip, &in_ms, &out_ms);
  g_assert_cmpint (in_ms, ==, 500);
  g_assert_cmpint (out_ms, ==, 3000);

  /* What is on disk, read past the code under test. */
  where = g_strdup_printf ("SELECT trim_in_ms * 10000 + trim_out_ms FROM clip WHERE id = '%s'",
                           coach_record_get_id (clip));
  g_assert_cmpint (test_sql_int (f->path, where), ==, 500 * 10000 + 3000);

  /* Refused: nothing changes, on disk or in memory. */
  g_assert_false (coach_clip_edit_set_trim (f->catalog, clip, 3500, 3000, &error));
  g_assert_error (error, COACH_CLIP_EDIT_ERROR, COACH_CLIP_EDIT_ERROR_IN_AFTER_OUT);
  g_clear_error (&error);
  g_assert_false (coach_clip_edit_set_trim (f->catalog, clip, 0, 4001, &error));
  g_assert_error (error, COACH_CLIP_EDIT_ERROR, COACH_CLIP_EDIT_ERROR_PAST_END);
  g_assert_cmpint (coach_record_get_int (clip, "trim_in_ms"), ==, 500);
  g_assert_cmpint (test_sql_int (f->path, where), ==, 500 * 10000 + 3000);
}

static void
test_markers (CatalogFixture *f,
              gconstpointer   data)
{
  g_autoptr(CoachRecord) clip = make_clip (f, 4000);
  g_autoptr(CoachRecord) late = NULL;
  g_autoptr(CoachRecord) early = NULL;
  g_autoptr(CoachRecord) none = NULL;
  g_autoptr(GPtrArray) markers = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *count_sql = NULL;

  late = coach_clip_edit_add_marker (f->catalog, clip, 3000, "Knees cave in", &error);
  g_assert_no_error (error);
  early = coach_clip_edit_add_marker (f->catalog, clip, 1200, "Good take-off", &error);
  g_assert_no_error (error);
  none = coach_clip_edit_add_marker (f->catalog, clip, 4001, "too late", &error);
  g_assert_error (error, COACH_CLIP_EDIT_ERROR, COACH_CLIP_EDIT_ERROR_PAST_END);
  g_assert_null (none);
  g_clear_error (&error);

  markers = coach_clip_edit_list_markers (f->catalog, coach_record_get_id (clip), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (markers->len, ==, 2);
  g_assert_cmpstr (coach_record_get_string (markers->pdata[0], "text"), ==, "Good take-off");
  g_assert_cmpint (coach_record_get_int (markers->pdata[1], "t_ms"), ==, 3000);
  g_clear_pointer (&markers, g_ptr_array_unref);

  g_assert_true (coach_clip_edit_set_marker_text (f->catalog, late, "Knees in on landing", &error));
  g_assert_no_error (error);
  count_sql = g_strdup_printf ("SELECT count(*) FROM clip_marker WHERE clip_id = '%s' AND deleted = 0 "
                               "AND text = 'Knees in on landing'", coach_record_get_id (clip));
  g_assert_cmpint (test_sql_int (f->path, count_sql), ==, 1);

  g_assert_true (coach_catalog_delete (f->catalog, early, &error));
  g_assert_no_error (error);
  markers = coach_clip_edit_list_markers (f->catalog, coach_record_get_id (clip), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (markers->len, ==, 1);
  g_assert_true (markers->pdata[0] == (gpointer) late);
}

static void
test_details (CatalogFixture *f,
              gconstpointer   data)
{
  g_autoptr(CoachRecord) clip = make_clip (f, 0);
  g_autoptr(GError) error = NULL;

  g_assert_false (coach_clip_edit_set_details (f->catalog, clip, "   ", "notes", NULL, &error));
  g_assert_error (error, COACH_CATALOG_ERROR, COACH_CATALOG_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpstr (coach_record_get_string (clip, "title"), ==, "Box jump");

  g_assert_true (coach_clip_edit_set_details (f->catalog, clip, " Box jump, side ", "Watch the arms", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (coach_record_get_string (clip, "title"), ==, "Box jump, side");
  g_assert_cmpstr (coach_record_get_string (clip, "notes"), ==, "Watch the arms");
  g_assert_false (coach_record_is_dirty (clip));

  g_assert_true (coach_clip_edit_set_details (f->catalog, clip, "Box jump, side", "", "0190a000-0000-7000-8000-000000000001", &error));
  g_assert_no_error (error);
  g_assert_true (coach_record_is_null (clip, "notes"));
  g_assert_cmpstr (coach_record_get_string (clip, "exercise_id"), ==, "0190a000-0000-7000-8000-000000000001");
  {
    g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM clip WHERE id = '%s' AND notes IS NULL "
                                            "AND exercise_id = '0190a000-0000-7000-8000-000000000001'",
                                            coach_record_get_id (clip));

    g_assert_cmpint (test_sql_int (f->path, sql), ==, 1);
  }
  g_assert_true (coach_clip_edit_set_details (f->catalog, clip, "Box jump, side", NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (coach_record_is_null (clip, "exercise_id"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/clip-edit/format", test_format);
  g_test_add_func ("/clip-edit/parse", test_parse);
  g_test_add_func ("/clip-edit/check-trim", test_check_trim);
  g_test_add ("/clip-edit/range-and-trim", CatalogFixture, NULL,
              catalog_fixture_setup, test_range_and_trim, catalog_fixture_teardown);
  g_test_add ("/clip-edit/markers", CatalogFixture, NULL,
              catalog_fixture_setup, test_markers, catalog_fixture_teardown);
  g_test_add ("/clip-edit/details", CatalogFixture, NULL,
              catalog_fixture_setup, test_details, catalog_fixture_teardown);

  return g_test_run ();
}
