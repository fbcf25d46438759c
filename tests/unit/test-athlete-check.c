/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 *
 * What an athlete and a group must be before they are saved, and group
 * saves that change the members in the same transaction.
 */
#include "config.h"

#include "catalog-test-util.h"
#include "coach-athlete-check.h"

static void
test_email (void)
{
  const char *good[] = {
    "ana@example.org", "ana.lopez+track@club.example.co.uk", "a@b.io",
    "jürgen@müller.de", "o'neil@example.com", "x-y_z@sub-domain.example.net",
  };
  const char *bad[] = {
    "", "ana", "ana@", "@example.org", "ana@example", "ana@@example.org",
    "ana@exa mple.org", "ana lopez@example.org", "ana@example..org", "ana@.example.org",
    "ana@example.org.", ".ana@example.org", "ana.@example.org", "an..a@example.org",
    "ana@-example.org", "ana@example-.org", "ana@ex_ample.org", "<ana@example.org>",
    "ana@example.org, ben@example.org", "ana@b@example.org",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    if (!coach_athlete_check_email (good[i]))
      g_error ("“%s” refused", good[i]);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    if (coach_athlete_check_email (bad[i]))
      g_error ("“%s” accepted", bad[i]);
  g_assert_false (coach_athlete_check_email (NULL));
}

static void
test_check (void)
{
  g_autoptr(CoachRecord) athlete = coach_record_new_for_table ("athlete", NULL);
  g_autoptr(GError) error = NULL;
  const char *field = NULL;

  coach_record_set_string (athlete, "name", "   ");
  g_assert_false (coach_athlete_check (athlete, &field, &error));
  g_assert_error (error, COACH_CATALOG_ERROR, COACH_CATALOG_ERROR_INVALID);
  g_assert_cmpstr (field, ==, "name");
  g_assert_cmpstr (error->message, ==, "Every athlete needs a name.");
  g_clear_error (&error);

  coach_record_set_string (athlete, "name", "Ana López");
  coach_record_set_string (athlete, "email", "ana at example.org");
  g_assert_false (coach_athlete_check (athlete, &field, &error));
  g_assert_cmpstr (field, ==, "email");
  g_assert_cmpstr (error->message, ==, "“ana at example.org” is not an email address.");
  g_clear_error (&error);

  /* Consent to emails without an address is a mistake worth saying. */
  coach_record_set_null (athlete, "email");
  coach_record_set_boolean (athlete, "email_consent", TRUE);
  g_assert_false (coach_athlete_check (athlete, &field, &error));
  g_assert_cmpstr (field, ==, "email");
  g_clear_error (&error);

  coach_record_set_string (athlete, "email", "ana@example.org");
  g_assert_true (coach_athlete_check (athlete, &field, &error));
  g_assert_no_error (error);
  g_assert_null (field);

  coach_record_set_boolean (athlete, "email_consent", FALSE);
  coach_record_set_null (athlete, "email");
  g_assert_true (coach_athlete_check (athlete, NULL, &error));
  g_assert_no_error (error);

  /* The schema still has its say: an unknown level. */
  coach_record_set_string (athlete, "level", "olympic");
  g_assert_false (coach_athlete_check (athlete, &field, &error));
  g_assert_cmpstr (field, ==, "level");
}

static void
assert_members (CatalogFixture *f,
                CoachRecord    *group,
                guint           n)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) members = coach_catalog_get_links (f->catalog, "group_member",
                                                   coach_record_get_id (group), &error);

  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (members), ==, n);
}

static void
test_save_group (CatalogFixture *f,
                 gconstpointer   data)
{
  g_autoptr(CoachRecord) a = test_save_named (f->catalog, "athlete", "name", "Ana");
  g_autoptr(CoachRecord) b = test_save_named (f->catalog, "athlete", "name", "Ben");
  g_autoptr(CoachRecord) group = coach_record_new_for_table ("athlete_group", NULL);
  g_autoptr(CoachRecord) again = NULL;
  g_autoptr(GError) error = NULL;
  const char *both[] = { coach_record_get_id (a), coach_record_get_id (b), NULL };
  const char *only_b[] = { coach_record_get_id (b), NULL };
  const char *field = NULL;

  coach_record_set_string (group, "name", "Sprinters");
  g_assert_true (coach_athlete_save_group (f->catalog, group, both, &field, &error));
  g_assert_no_error (error);
  assert_members (f, group, 2);

  /* Rename and drop a member: one save. */
  coach_record_set_string (group, "name", "Sprint squad");
  g_assert_true (coach_athlete_save_group (f->catalog, group, only_b, &field, &error));
  g_assert_no_error (error);
  assert_members (f, group, 1);
  again = coach_catalog_get (f->catalog, "athlete_group", coach_record_get_id (group), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (coach_record_get_string (again, "name"), ==, "Sprint squad");
  g_assert_cmpint (test_count (f->catalog, "athlete_group"), ==, 1);
}

static void
test_save_group_atomic (CatalogFixture *f,
                        gconstpointer   data)
{
  g_autoptr(CoachRecord) a = test_save_named (f->catalog, "athlete", "name", "Ana");
  g_autoptr(CoachRecord) group = coach_record_new_for_table ("athlete_group", NULL);
  g_autoptr(GError) error = NULL;
  const char *members[] = { coach_record_get_id (a), "not-an-id", NULL };
  const char *field = NULL;
  gint64 outbox = test_outbox_count (f->catalog);

  coach_record_set_string (group, "name", "  ");
  g_assert_false (coach_athlete_save_group (f->catalog, group, members, &field, &error));
  g_assert_cmpstr (field, ==, "name");
  g_clear_error (&error);

  /* The group row and the first member are written before the bad id:
   * none of it stays. */
  coach_record_set_string (group, "name", "Throwers");
  g_assert_false (coach_athlete_save_group (f->catalog, group, members, &field, &error));
  g_assert_error (error, COACH_CATALOG_ERROR, COACH_CATALOG_ERROR_INVALID);
  g_assert_cmpint (test_count (f->catalog, "athlete_group"), ==, 0);
  g_assert_cmpint (test_count (f->catalog, "group_member"), ==, 0);
  g_assert_cmpint (test_outbox_count (f->catalog), ==, outbox);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/athlete-check/email", test_email);
  g_test_add_func ("/athlete-check/check", test_check);
  g_test_add ("/athlete-check/save-group", CatalogFixture, NULL,
              catalog_fixture_setup, test_save_group, catalog_fixture_teardown);
  g_test_add ("/athlete-check/save-group-atomic", CatalogFixture, NULL,
              catalog_fixture_setup, test_save_group_atomic, catalog_fixture_teardown);

  return g_test_run ();
}
