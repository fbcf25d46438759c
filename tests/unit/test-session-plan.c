/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 *
 * Session planning on a real catalog: start times with offsets, the agenda
 * by day, saves of a session with its athletes and groups in one
 * transaction, the log per athlete, cancelling.
 */
#include "config.h"

#include "catalog-test-util.h"
#include "coach-session-plan.h"

static GDateTime *
at (const char *offset,
    int         year,
    int         month,
    int         day,
    int         hour,
    int         minute)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (offset);

  g_assert_nonnull (tz);
  return g_date_time_new (tz, year, month, day, hour, minute, 0);
}

static CoachRecord *
session_at (const char *starts_at,
            const char *title)
{
  CoachRecord *session = coach_record_new_for_table ("session", NULL);

  if (starts_at != NULL)
    coach_record_set_string (session, "starts_at", starts_at);
  coach_record_set_string (session, "title", title);
  return session;
}

static void
test_start_format (void)
{
  g_autoptr(GDateTime) start = at ("+02:00", 2026, 11, 24, 18, 5);
  g_autoptr(GDateTime) utc = at ("UTC", 2026, 11, 24, 16, 5);
  g_autoptr(GDateTime) parsed = NULL;
  g_autofree char *text = coach_session_plan_format_start (start);
  g_autofree char *utc_text = coach_session_plan_format_start (utc);

  g_assert_cmpstr (text, ==, "2026-11-24T18:05:00+02:00");
  /* Always an offset, never "Z". */
  g_assert_cmpstr (utc_text, ==, "2026-11-24T16:05:00+00:00");

  parsed = coach_session_plan_parse_start (text);
  g_assert_nonnull (parsed);
  g_assert_true (g_date_time_equal (parsed, utc));

  g_assert_null (coach_session_plan_parse_start (NULL));
  g_assert_null (coach_session_plan_parse_start (""));
  g_assert_null (coach_session_plan_parse_start ("tomorrow at six"));
  /* Without an offset the time could be anyone's. */
  g_assert_null (coach_session_plan_parse_start ("2026-11-24T18:05:00"));
}

static void
test_start_local (void)
{
  g_autoptr(GDateTime) parsed = NULL;
  g_autoptr(GDateTime) expected = NULL;

  /* Shown in the zone of the machine, whatever zone it was planned in. */
  g_setenv ("TZ", "Asia/Tokyo", TRUE);
  parsed = coach_session_plan_parse_start ("2026-11-24T18:05:00+01:00");
  g_assert_nonnull (parsed);
  g_assert_cmpint (g_date_time_get_hour (parsed), ==, 2);
  g_assert_cmpint (g_date_time_get_day_of_month (parsed), ==, 25);
  g_unsetenv ("TZ");
}

static void
test_make_start (void)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("+01:00");
  struct { const char *date, *time, *expected, *invalid; } cases[] = {
    { "2026-11-24", "18:00", "2026-11-24T18:00:00+01:00", NULL },
    { " 2026-11-24 ", "7:05", "2026-11-24T07:05:00+01:00", NULL },
    { "2026-1-4", "18.30", "2026-01-04T18:30:00+01:00", NULL },
    { "2028-02-29", "00:00", "2028-02-29T00:00:00+01:00", NULL },
    { "2026-02-29", "18:00", NULL, "date" },
    { "24.11.2026", "18:00", NULL, "date" },
    { "", "18:00", NULL, "date" },
    { "2026-11-24x", "18:00", NULL, "date" },
    { "2026-11-24", "24:00", NULL, "time" },
    { "2026-11-24", "18:60", NULL, "time" },
    { "2026-11-24", "18", NULL, "time" },
    { "2026-11-24", "6pm", NULL, "time" },
    { "2026-11-24", "", NULL, "time" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      const char *invalid = "unset";
      g_autoptr(GDateTime) start = coach_session_plan_make_start (cases[i].date, cases[i].time,
                                                                   zone, &invalid, &error);

      if (cases[i].expected != NULL)
        {
          g_autofree char *text = NULL;

          g_assert_no_error (error);
          g_assert_nonnull (start);
          g_assert_null (invalid);
          text = coach_session_plan_format_start (start);
          g_assert_cmpstr (text, ==, cases[i].expected);
        }
      else
        {
          g_assert_null (start);
          g_assert_error (error, COACH_CATALOG_ERROR, COACH_CATALOG_ERROR_INVALID);
          g_assert_cmpstr (invalid, ==, cases[i].invalid);
        }
    }
}

static void
test_day_label (void)
{
  g_autoptr(GDateTime) now = at ("+01:00", 2026, 11, 23, 10, 0);   /* a Monday */
  struct { int month, day; const char *label; } cases[] = {
    { 11, 23, "Today" },
    { 11, 24, "Tomorrow" },
    { 11, 22, "Yesterday" },
    { 11, 26, "Thursday" },
    { 11, 29, "Sunday" },
    { 11, 30, "Monday, 30 November" },
    { 11, 16, "Monday, 16 November" },
    { 12, 3, "Thursday, 3 December" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GDateTime) day = at ("+01:00", 2026, cases[i].month, cases[i].day, 23, 30);
      g_autofree char *label = coach_session_plan_day_label (day, now);

      g_assert_cmpstr (label, ==, cases[i].label);
    }

  {
    g_autoptr(GDateTime) day = at ("+01:00", 2027, 1, 5, 9, 0);
    g_autofree char *label = coach_session_plan_day_label (day, now);

    g_assert_cmpstr (label, ==, "Tuesday, 5 January 2027");
  }
}

static void
test_agenda (void)
{
  g_autoptr(GPtrArray) sessions = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) days = NULL;
  g_autoptr(GDateTime) now = NULL;
  CoachAgendaDay *day;

  g_setenv ("TZ", "UTC", TRUE);
  now = at ("UTC", 2026, 11, 23, 12, 0);

  g_ptr_array_add (sessions, session_at ("2026-11-24T09:00:00+00:00", "tomorrow late"));
  g_ptr_array_add (sessions, session_at ("2026-11-20T09:00:00+00:00", "last week"));
  g_ptr_array_add (sessions, session_at ("2026-11-23T08:00:00+00:00", "this morning"));
  g_ptr_array_add (sessions, session_at ("2026-11-24T07:30:00+01:00", "tomorrow early"));
  g_ptr_array_add (sessions, session_at ("not a date", "undated"));
  g_ptr_array_add (sessions, session_at ("2026-11-22T18:00:00+00:00", "yesterday"));
  g_ptr_array_add (sessions, session_at ("2026-11-23T18:00:00+00:00", "tonight"));

  days = coach_session_plan_agenda (sessions, now);
  g_assert_cmpuint (days->len, ==, 5);

  day = days->pdata[0];
  g_assert_cmpstr (day->label, ==, "Today");
  g_assert_cmpstr (day->key, ==, "2026-11-23");
  g_assert_false (day->past);
  /* The morning already went by but is still today's. */
  g_assert_cmpuint (day->sessions->len, ==, 2);
  g_assert_cmpstr (coach_record_get_string (day->sessions->pdata[0], "title"), ==, "this morning");
  g_assert_cmpstr (coach_record_get_string (day->sessions->pdata[1], "title"), ==, "tonight");

  day = days->pdata[1];
  g_assert_cmpstr (day->label, ==, "Tomorrow");
  g_assert_cmpuint (day->sessions->len, ==, 2);
  /* 07:30 at +01:00 is 06:30 here. */
  g_assert_cmpstr (coach_record_get_string (day->sessions->pdata[0], "title"), ==, "tomorrow early");
  g_assert_cmpstr (coach_record_get_string (day->sessions->pdata[1], "title"), ==, "tomorrow late");

  /* Then the past, latest first. */
  day = days->pdata[2];
  g_assert_cmpstr (day->label, ==, "Yesterday");
  g_assert_true (day->past);
  day = days->pdata[3];
  g_assert_cmpstr (day->key, ==, "2026-11-20");
  g_assert_true (day->past);
  g_assert_cmpstr (coach_record_get_string (day->sessions->pdata[0], "title"), ==, "last week");

  day = days->pdata[4];
  g_assert_cmpstr (day->label, ==, "No Date");
  g_assert_cmpuint (day->sessions->len, ==, 1);
  g_unsetenv ("TZ");
}

static void
assert_links (CoachCatalog *catalog,
              const char   *table,
              const char   *id,
              const char   *expected)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) links = coach_catalog_get_links (catalog, table, id, &error);
  g_autofree char *joined = NULL;

  g_assert_no_error (error);
  joined = g_strjoinv (",", links);
  g_assert_cmpstr (joined, ==, expected);
}

static void
test_save_links (CatalogFixture *f,
                 gconstpointer   data)
{
  g_autoptr(CoachRecord) a = test_save_named (f->catalog, "athlete", "name", "Ana");
  g_autoptr(CoachRecord) b = test_save_named (f->catalog, "athlete", "name", "Ben");
  g_autoptr(CoachRecord) c = test_save_named (f->catalog, "athlete", "name", "Cleo");
  g_autoptr(CoachRecord) d = test_save_named (f->catalog, "athlete", "name", "Dan");
  g_autoptr(CoachRecord) g = test_save_named (f->catalog, "athlete_group", "name", "U17");
  g_autoptr(CoachRecord) session = session_at ("2026-11-24T18:00:00+01:00", "Track");
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) everyone = NULL;
  g_autofree char *expected = NULL;
  const char *id = coach_record_get_id (session);
  const char *athletes[] = { coach_record_get_id (a), coach_record_get_id (b), NULL };
  const char *groups[] = { coach_record_get_id (g), NULL };
  const char *fewer[] = { coach_record_get_id (b), NULL };

  test_link (f->catalog, "group_member", coach_record_get_id (g), coach_record_get_id (b));
  test_link (f->catalog, "group_member", coach_record_get_id (g), coach_record_get_id (c));
  test_link (f->catalog, "group_member", coach_record_get_id (g), coach_record_get_id (d));
  g_assert_true (coach_catalog_set_archived (f->catalog, d, TRUE, &error));
  g_assert_no_error (error);

  g_assert_true (coach_session_plan_save (f->catalog, session, athletes, groups, &error));
  g_assert_no_error (error);
  g_assert_cmpint (test_count (f->catalog, "session"), ==, 1);
  expected = g_strjoin (",", athletes[0], athletes[1], NULL);
  assert_links (f->catalog, "session_athlete", id, expected);
  assert_links (f->catalog, "session_group", id, groups[0]);

  /* Ben is there directly and through the group: once. Dan left. */
  everyone = coach_session_plan_dup_athlete_ids (f->catalog, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (everyone), ==, 3);
  g_assert_cmpstr (everyone[0], ==, coach_record_get_id (a));
  g_assert_cmpstr (everyone[1], ==, coach_record_get_id (b));
  g_assert_cmpstr (everyone[2], ==, coach_record_get_id (c));

  /* Saving again makes the links exactly what was picked. */
  coach_record_set_string (session, "location", "Stadium");
  g_assert_true (coach_session_plan_save (f->catalog, session, fewer, NULL, &error));
  g_assert_no_error (error);
  assert_links (f->catalog, "session_athlete", id, fewer[0]);
  assert_links (f->catalog, "session_group", id, "");
  g_assert_cmpint (test_count (f->catalog, "session"), ==, 1);
  g_assert_cmpint (test_sql_int (f->path, "SELECT count(*) FROM outbox WHERE tbl = 'session_athlete' AND op = 'delete'"), ==, 1);
}

static void
test_save_atomic (CatalogFixture *f,
                  gconstpointer   data)
{
  g_autoptr(CoachRecord) a = test_save_named (f->catalog, "athlete", "name", "Ana");
  g_autoptr(CoachRecord) session = session_at ("2026-11-24T18:00:00+01:00", "Track");
  g_autoptr(CoachRecord) undated = session_at (NULL, "Someday");
  g_autoptr(GError) error = NULL;
  const char *athletes[] = { coach_record_get_id (a), NULL };
  const char *bad_groups[] = { "not-an-id", NULL };
  gint64 outbox = test_outbox_count (f->catalog);

  /* The session row is written before the links fail: all of it goes. */
  g_assert_false (coach_session_plan_save (f->catalog, session, athletes, bad_groups, &error));
  g_assert_error (error, COACH_CATALOG_ERROR, COACH_CATALOG_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (test_count (f->catalog, "session"), ==, 0);
  g_assert_cmpint (test_count (f->catalog, "session_athlete"), ==, 0);
  g_assert_cmpint (test_outbox_count (f->catalog), ==, outbox);

  g_assert_false (coach_session_plan_save (f->catalog, undated, athletes, NULL, &error));
  g_assert_error (error, COACH_CATALOG_ERROR, COACH_CATALOG_ERROR_INVALID);
  g_assert_cmpint (test_count (f->catalog, "session"), ==, 0);
  g_assert_cmpint (test_outbox_count (f->catalog), ==, outbox);
}

static void
test_log (CatalogFixture *f,
          gconstpointer   data)
{
  g_autoptr(CoachRecord) a = test_save_named (f->catalog, "athlete", "name", "Ana");
  g_autoptr(CoachRecord) session = session_at ("2026-11-24T18:00:00+01:00", "Track");
  g_autoptr(CoachRecord) log = NULL;
  g_autoptr(GError) error = NULL;
  const char *sid = coach_record_get_id (session);
  const char *aid = coach_record_get_id (a);

  g_assert_true (coach_session_plan_save (f->catalog, session, NULL, NULL, &error));
  g_assert_no_error (error);

  log = coach_session_plan_find_row (f->catalog, "session_log", sid, aid, &error);
  g_assert_no_error (error);
  g_assert_null (log);

  g_assert_true (coach_session_plan_save_log (f->catalog, sid, aid, TRUE, 7, "  heavy legs ", &error));
  g_assert_no_error (error);
  g_assert_true (coach_session_plan_save_log (f->catalog, sid, aid, FALSE, 8, "left early", &error));
  g_assert_no_error (error);
  g_assert_cmpint (test_count (f->catalog, "session_log"), ==, 1);

  log = coach_session_plan_find_row (f->catalog, "session_log", sid, aid, &error);
  g_assert_no_error (error);
  g_assert_nonnull (log);
  g_assert_false (coach_record_get_boolean (log, "completed"));
  g_assert_cmpint (coach_record_get_int (log, "rpe"), ==, 8);
  g_assert_cmpstr (coach_record_get_string (log, "feedback"), ==, "left early");

  /* Out of range: refused, the stored log unchanged. */
  g_assert_false (coach_session_plan_save_log (f->catalog, sid, aid, TRUE, 11, "x", &error));
  g_assert_error (error, COACH_CATALOG_ERROR, COACH_CATALOG_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (coach_record_get_int (log, "rpe"), ==, 8);
  g_assert_cmpint (test_sql_int (f->path, "SELECT rpe FROM session_log"), ==, 8);

  /* 0: not rated. */
  g_assert_true (coach_session_plan_save_log (f->catalog, sid, aid, TRUE, 0, "", &error));
  g_assert_no_error (error);
  g_assert_true (coach_record_is_null (log, "rpe"));
  g_assert_true (coach_record_is_null (log, "feedback"));
  g_assert_cmpint (test_sql_int (f->path, "SELECT rpe IS NULL FROM session_log"), ==, 1);
}

static void
assert_status (CatalogFixture *f,
               const char     *expected)
{
  g_autofree char *status = test_sql_text (f->path, "SELECT status FROM session");

  g_assert_cmpstr (status, ==, expected);
}

static void
test_status (CatalogFixture *f,
             gconstpointer   data)
{
  g_autoptr(CoachRecord) session = session_at ("2026-11-24T18:00:00+01:00", "Track");
  g_autoptr(GError) error = NULL;

  g_assert_true (coach_session_plan_save (f->catalog, session, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (coach_record_get_string (session, "status"), ==, "planned");

  g_assert_true (coach_session_plan_set_status (f->catalog, session, "cancelled", &error));
  g_assert_no_error (error);
  assert_status (f, "cancelled");

  g_assert_false (coach_session_plan_set_status (f->catalog, session, "postponed", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpstr (coach_record_get_string (session, "status"), ==, "cancelled");
  assert_status (f, "cancelled");

  g_assert_true (coach_session_plan_set_status (f->catalog, session, "planned", &error));
  g_assert_no_error (error);
  assert_status (f, "planned");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/session-plan/start-format", test_start_format);
  g_test_add_func ("/session-plan/start-local", test_start_local);
  g_test_add_func ("/session-plan/make-start", test_make_start);
  g_test_add_func ("/session-plan/day-label", test_day_label);
  g_test_add_func ("/session-plan/agenda", test_agenda);
  g_test_add ("/session-plan/save-links", CatalogFixture, NULL,
              catalog_fixture_setup, test_save_links, catalog_fixture_teardown);
  g_test_add ("/session-plan/save-atomic", CatalogFixture, NULL,
              catalog_fixture_setup, test_save_atomic, catalog_fixture_teardown);
  g_test_add ("/session-plan/log", CatalogFixture, NULL,
              catalog_fixture_setup, test_log, catalog_fixture_teardown);
  g_test_add ("/session-plan/status", CatalogFixture, NULL,
              catalog_fixture_setup, test_status, catalog_fixture_teardown);

  return g_test_run ();
}
