/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 *
 * Athlete emails on a real catalog: delivery states as the server writes
 * them (applied the way a pull applies them), asking for a resend (a
 * delivery_resend row in the outbox), the summary per session, and the
 * email language kept in the athlete's preferences.
 */
#include "config.h"

#include "catalog-test-util.h"
#include "coach-athlete-check.h"
#include "coach-session-plan.h"
#include "coach-sync-engine.h"

typedef struct
{
  CoachRecord *session;
  CoachRecord *ana;
  CoachRecord *ben;
  CoachRecord *cleo;
  gint64       version;   /* the server's clock, for pulled pages */
} Team;

static void
team_clear (Team *team)
{
  g_clear_object (&team->session);
  g_clear_object (&team->ana);
  g_clear_object (&team->ben);
  g_clear_object (&team->cleo);
}

static void
team_setup (CatalogFixture *f,
            Team           *team)
{
  g_autoptr(GError) error = NULL;
  const char *athletes[4];

  team->ana = test_save_named (f->catalog, "athlete", "name", "Ana");
  team->ben = test_save_named (f->catalog, "athlete", "name", "Ben");
  team->cleo = test_save_named (f->catalog, "athlete", "name", "Cleo");
  team->session = coach_record_new_for_table ("session", NULL);
  coach_record_set_string (team->session, "starts_at", "2026-11-24T18:00:00+01:00");
  coach_record_set_string (team->session, "title", "Track");
  coach_record_set_boolean (team->session, "notify", TRUE);
  athletes[0] = coach_record_get_id (team->ana);
  athletes[1] = coach_record_get_id (team->ben);
  athletes[2] = coach_record_get_id (team->cleo);
  athletes[3] = NULL;
  g_assert_true (coach_session_plan_save (f->catalog, team->session, athletes, NULL, &error));
  g_assert_no_error (error);
  team->version = 100;
}

/* Writes a delivery row the way a pull from the server does. */
static void
pull_delivery (CatalogFixture *f,
               Team           *team,
               const char     *delivery_id,
               CoachRecord    *athlete,
               const char     *status,
               const char     *error_text)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(CoachWirePull) page = NULL;
  g_autoptr(GError) error = NULL;

  team->version++;
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "epoch");
  json_builder_add_string_value (builder, "e1");
  json_builder_set_member_name (builder, "cursor");
  json_builder_add_int_value (builder, team->version);
  json_builder_set_member_name (builder, "has_more");
  json_builder_add_boolean_value (builder, FALSE);
  json_builder_set_member_name (builder, "last_mid");
  json_builder_add_int_value (builder, 0);
  json_builder_set_member_name (builder, "changes");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "table");
  json_builder_add_string_value (builder, "delivery");
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, delivery_id);
  json_builder_set_member_name (builder, "deleted");
  json_builder_add_boolean_value (builder, FALSE);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, team->version);
  json_builder_set_member_name (builder, "fields");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "session_id");
  json_builder_add_string_value (builder, coach_record_get_id (team->session));
  json_builder_set_member_name (builder, "athlete_id");
  json_builder_add_string_value (builder, coach_record_get_id (athlete));
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, status);
  if (error_text != NULL)
    {
      json_builder_set_member_name (builder, "error");
      json_builder_add_string_value (builder, error_text);
    }
  if (g_str_equal (status, "sent"))
    {
      json_builder_set_member_name (builder, "sent_at");
      json_builder_add_string_value (builder, "2026-11-24T17:02:00Z");
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  node = json_builder_get_root (builder);
  page = coach_wire_pull_from_json (node, &error);
  g_assert_no_error (error);
  g_assert_true (coach_catalog_apply_pull (f->catalog, page, NULL, &error));
  g_assert_no_error (error);
}

static CoachDeliveryState
state_of (CatalogFixture *f,
          Team           *team,
          CoachRecord    *athlete)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoachRecord) delivery = NULL;
  CoachDeliveryState state;

  delivery = coach_session_plan_find_row (f->catalog, "delivery", coach_record_get_id (team->session),
                                          coach_record_get_id (athlete), &error);
  g_assert_no_error (error);
  state = coach_session_plan_delivery_state (f->catalog, delivery, coach_record_get_id (team->session),
                                             coach_record_get_id (athlete), &error);
  g_assert_no_error (error);
  return state;
}

static void
test_states (CatalogFixture *f,
             gconstpointer   data)
{
  Team team = { 0 };
  g_autofree char *d_ana = coach_uuid_v7_new ();
  g_autofree char *d_ben = coach_uuid_v7_new ();
  g_autoptr(GError) error = NULL;
  CoachDeliveryCounts counts;

  team_setup (f, &team);
  g_assert_cmpint (state_of (f, &team, team.ana), ==, COACH_DELIVERY_STATE_NONE);
  g_assert_true (coach_session_plan_count_deliveries (f->catalog, coach_record_get_id (team.session), &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.athletes, ==, 3);
  g_assert_cmpuint (counts.none, ==, 3);

  pull_delivery (f, &team, d_ana, team.ana, "queued", NULL);
  pull_delivery (f, &team, d_ben, team.ben, "queued", NULL);
  g_assert_cmpint (state_of (f, &team, team.ana), ==, COACH_DELIVERY_STATE_QUEUED);
  pull_delivery (f, &team, d_ana, team.ana, "sent", NULL);
  pull_delivery (f, &team, d_ben, team.ben, "failed", "450 mailbox busy");
  g_assert_cmpint (state_of (f, &team, team.ana), ==, COACH_DELIVERY_STATE_SENT);
  g_assert_cmpint (state_of (f, &team, team.ben), ==, COACH_DELIVERY_STATE_FAILED);
  pull_delivery (f, &team, d_ben, team.ben, "dead", "550 no such user");
  g_assert_cmpint (state_of (f, &team, team.ben), ==, COACH_DELIVERY_STATE_DEAD);

  /* The server's rows never enter the outbox. */
  g_assert_cmpint (test_sql_int (f->path, "SELECT count(*) FROM outbox WHERE tbl = 'delivery'"), ==, 0);

  g_assert_true (coach_session_plan_count_deliveries (f->catalog, coach_record_get_id (team.session), &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.athletes, ==, 3);
  g_assert_cmpuint (counts.sent, ==, 1);
  g_assert_cmpuint (counts.failed, ==, 1);
  g_assert_cmpuint (counts.queued, ==, 0);
  g_assert_cmpuint (counts.none, ==, 1);
  team_clear (&team);
}

static void
test_resend (CatalogFixture *f,
             gconstpointer   data)
{
  Team team = { 0 };
  g_autofree char *d_ana = coach_uuid_v7_new ();
  g_autofree char *d_ben = coach_uuid_v7_new ();
  g_autofree char *resend_id = NULL;
  g_autoptr(GPtrArray) outbox = NULL;
  g_autoptr(GError) error = NULL;
  const char *session_id;
  OutboxRow *row;
  CoachDeliveryCounts counts;
  gint64 last_mid;

  team_setup (f, &team);
  session_id = coach_record_get_id (team.session);
  pull_delivery (f, &team, d_ana, team.ana, "sent", NULL);
  pull_delivery (f, &team, d_ben, team.ben, "failed", "450 mailbox busy");
  last_mid = test_outbox_last_mid (f->path);

  g_assert_true (coach_session_plan_request_resend (f->catalog, session_id, coach_record_get_id (team.ben), &error));
  g_assert_no_error (error);

  /* One row, on disk, and in the outbox with both ends, to be pushed. */
  g_assert_cmpint (test_sql_int (f->path, "SELECT count(*) FROM delivery_resend WHERE deleted = 0"), ==, 1);
  resend_id = test_sql_text (f->path, "SELECT id FROM delivery_resend");
  outbox = test_outbox_rows (f->path, last_mid);
  g_assert_cmpuint (outbox->len, ==, 1);
  row = outbox->pdata[0];
  g_assert_cmpstr (row->table, ==, "delivery_resend");
  g_assert_cmpstr (row->op, ==, "upsert");
  g_assert_cmpstr (row->row_id, ==, resend_id);
  g_assert_cmpstr (json_object_get_string_member (row->fields, "session_id"), ==, session_id);
  g_assert_cmpstr (json_object_get_string_member (row->fields, "athlete_id"), ==, coach_record_get_id (team.ben));

  g_assert_cmpint (state_of (f, &team, team.ben), ==, COACH_DELIVERY_STATE_RESEND_REQUESTED);
  g_assert_true (coach_session_plan_count_deliveries (f->catalog, session_id, &counts, &error));
  g_assert_cmpuint (counts.failed, ==, 0);
  g_assert_cmpuint (counts.queued, ==, 1);

  /* A second click before the server answered sends nothing more. */
  g_assert_true (coach_session_plan_request_resend (f->catalog, session_id, coach_record_get_id (team.ben), &error));
  g_assert_no_error (error);
  g_assert_cmpint (test_sql_int (f->path, "SELECT count(*) FROM delivery_resend"), ==, 1);

  /* Pushed: the server echoes the request with its version; no newer
   * delivery status yet, so it still counts. */
  {
    g_autoptr(JsonNode) node = NULL;
    g_autoptr(CoachWirePull) page = NULL;
    g_autofree char *json = g_strdup_printf (
      "{\"epoch\": \"e1\", \"cursor\": %" G_GINT64_FORMAT ", \"has_more\": false, \"last_mid\": %" G_GINT64_FORMAT ","
      " \"changes\": [{\"table\": \"delivery_resend\", \"id\": \"%s\", \"deleted\": false, \"version\": %" G_GINT64_FORMAT ","
      " \"fields\": {\"session_id\": \"%s\", \"athlete_id\": \"%s\"}}]}",
      team.version + 1, test_outbox_last_mid (f->path), resend_id, team.version + 1,
      session_id, coach_record_get_id (team.ben));

    team.version++;
    node = json_from_string (json, &error);
    g_assert_no_error (error);
    page = coach_wire_pull_from_json (node, &error);
    g_assert_no_error (error);
    g_assert_true (coach_catalog_apply_pull (f->catalog, page, NULL, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (test_outbox_count (f->catalog), ==, 0);
  g_assert_cmpint (state_of (f, &team, team.ben), ==, COACH_DELIVERY_STATE_RESEND_REQUESTED);

  /* The server's newer status ends the request, whatever it says. */
  pull_delivery (f, &team, d_ben, team.ben, "queued", NULL);
  g_assert_cmpint (state_of (f, &team, team.ben), ==, COACH_DELIVERY_STATE_QUEUED);
  pull_delivery (f, &team, d_ben, team.ben, "dead", "550 no such user");
  g_assert_cmpint (state_of (f, &team, team.ben), ==, COACH_DELIVERY_STATE_DEAD);

  /* ... and a new request is a new row. */
  g_assert_true (coach_session_plan_request_resend (f->catalog, session_id, coach_record_get_id (team.ben), &error));
  g_assert_no_error (error);
  g_assert_cmpint (test_sql_int (f->path, "SELECT count(*) FROM delivery_resend"), ==, 2);
  team_clear (&team);
}

static void
test_resend_refused (CatalogFixture *f,
                     gconstpointer   data)
{
  Team team = { 0 };
  g_autofree char *d_ana = coach_uuid_v7_new ();
  g_autofree char *unknown = coach_uuid_v7_new ();
  const char *session_id;
  gint64 outbox;
  const char *sessions[4];
  const char *athletes[4];
  const int codes[4] = {
    COACH_CATALOG_ERROR_NOT_FOUND,
    COACH_CATALOG_ERROR_NOT_FOUND,
    /* sent: nothing to send again */
    COACH_CATALOG_ERROR_INVALID,
    /* never emailed at all */
    COACH_CATALOG_ERROR_INVALID,
  };

  team_setup (f, &team);
  session_id = coach_record_get_id (team.session);
  pull_delivery (f, &team, d_ana, team.ana, "sent", NULL);
  outbox = test_outbox_count (f->catalog);

  sessions[0] = unknown;
  athletes[0] = coach_record_get_id (team.ana);
  sessions[1] = session_id;
  athletes[1] = unknown;
  sessions[2] = session_id;
  athletes[2] = coach_record_get_id (team.ana);
  sessions[3] = session_id;
  athletes[3] = coach_record_get_id (team.cleo);

  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (coach_session_plan_request_resend (f->catalog, sessions[i], athletes[i], &error));
      g_assert_error (error, COACH_CATALOG_ERROR, codes[i]);
      g_assert_nonnull (error->message);
    }
  g_assert_cmpint (test_count (f->catalog, "delivery_resend"), ==, 0);
  g_assert_cmpint (test_outbox_count (f->catalog), ==, outbox);
  team_clear (&team);
}

static void
test_language (CatalogFixture *f,
               gconstpointer   data)
{
  g_autoptr(CoachRecord) ana = coach_record_new_for_table ("athlete", NULL);
  g_autoptr(JsonNode) preferences = json_from_string ("{\"units\": \"metric\", \"shirt\": {\"size\": \"M\"}}", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *language = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonObject *object;

  coach_record_set_string (ana, "name", "Ana");
  coach_record_set_value (ana, "preferences", preferences);
  g_assert_null (coach_athlete_dup_language (ana));
  g_assert_true (coach_catalog_save (f->catalog, ana, &error));
  g_assert_no_error (error);
  id = g_strdup (coach_record_get_id (ana));

  g_assert_true (coach_athlete_set_language (ana, "de", &error));
  g_assert_no_error (error);
  g_assert_true (coach_catalog_save (f->catalog, ana, &error));
  g_assert_no_error (error);
  g_clear_object (&ana);

  /* On disk: the language, and the other keys as they were. */
  stored = test_sql_text (f->path, "SELECT preferences FROM athlete");
  node = json_from_string (stored, &error);
  g_assert_no_error (error);
  object = json_node_get_object (node);
  g_assert_cmpstr (json_object_get_string_member (object, "language"), ==, "de");
  g_assert_cmpstr (json_object_get_string_member (object, "units"), ==, "metric");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (object, "shirt"), "size"), ==, "M");
  g_assert_cmpuint (json_object_get_size (object), ==, 3);

  /* Read back through a new connection. */
  g_clear_object (&f->catalog);
  f->catalog = coach_catalog_open (f->dir, &error);
  g_assert_no_error (error);
  ana = coach_catalog_get (f->catalog, "athlete", id, &error);
  g_assert_no_error (error);
  language = coach_athlete_dup_language (ana);
  g_assert_cmpstr (language, ==, "de");

  /* Unknown codes are refused and change nothing. */
  g_assert_false (coach_athlete_set_language (ana, "xx", &error));
  g_assert_error (error, COACH_CATALOG_ERROR, COACH_CATALOG_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (coach_record_is_dirty (ana));

  /* The same value again is no edit (no outbox entry). */
  g_assert_true (coach_athlete_set_language (ana, "de", &error));
  g_assert_false (coach_record_is_dirty (ana));

  /* Automatic: the key goes, the others stay. */
  g_assert_true (coach_athlete_set_language (ana, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (coach_catalog_save (f->catalog, ana, &error));
  g_assert_no_error (error);
  g_free (stored);
  stored = test_sql_text (f->path, "SELECT preferences FROM athlete");
  g_clear_pointer (&node, json_node_unref);
  node = json_from_string (stored, &error);
  object = json_node_get_object (node);
  g_assert_false (json_object_has_member (object, "language"));
  g_assert_cmpstr (json_object_get_string_member (object, "units"), ==, "metric");
  g_assert_cmpuint (json_object_get_size (object), ==, 2);
  g_assert_null (coach_athlete_dup_language (ana));

  /* The edits went out as changes to push. */
  g_assert_cmpint (test_sql_int (f->path, "SELECT count(*) FROM outbox WHERE tbl = 'athlete' AND fields LIKE '%preferences%'"), ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/session-mail/states", CatalogFixture, NULL,
              catalog_fixture_setup, test_states, catalog_fixture_teardown);
  g_test_add ("/session-mail/resend", CatalogFixture, NULL,
              catalog_fixture_setup, test_resend, catalog_fixture_teardown);
  g_test_add ("/session-mail/resend-refused", CatalogFixture, NULL,
              catalog_fixture_setup, test_resend_refused, catalog_fixture_teardown);
  g_test_add ("/session-mail/language", CatalogFixture, NULL,
              catalog_fixture_setup, test_language, catalog_fixture_teardown);

  return g_test_run ();
}
