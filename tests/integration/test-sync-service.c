/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 *
 * The background sync service (no GTK) against the real server and a real
 * keyring: it signs in, syncs local edits by itself after the debounce,
 * goes offline and back with its outbox kept, and stops at a revoked
 * device.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "coach-catalog.h"
#include "coach-credentials.h"
#include "coach-record.h"
#include "coach-sync-client.h"
#include "coach-sync-service.h"
#include "sync-test-util.h"

#define EMAIL "coach@example.org"
/* Generous: a loaded two-core machine runs this beside other builds. */
#define WAIT_S 90

typedef struct
{
  SyncTestStack    *stack;
  char             *dir;
  CoachCatalog     *catalog;
  CoachSyncService *service;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  /* Short times so the test does not wait for minutes; the rules are the
   * ones the app uses (tests/unit/test-sync-timing.c). */
  CoachSyncTiming timing = { 300, 60000, 200, 1000 };

  f->stack = sync_test_stack_new (NULL);
  sync_test_create_team (f->stack->db, "Harriers");
  sync_test_add_coach (f->stack->db, "Harriers", EMAIL);

  f->dir = g_dir_make_tmp ("coachbook-service-XXXXXX", &error);
  g_assert_no_error (error);
  f->catalog = coach_catalog_open (f->dir, &error);
  g_assert_no_error (error);
  f->service = coach_sync_service_new (f->catalog);
  coach_sync_service_set_timing (f->service, &timing);
  coach_sync_service_start (f->service);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->service);
  g_clear_object (&f->catalog);
  sync_test_remove_tree (f->dir);
  g_free (f->dir);
  g_clear_pointer (&f->stack, sync_test_stack_free);
}

static void
result_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static gboolean
in_state (Fixture        *f,
          CoachSyncState  state)
{
  return coach_sync_service_get_state (f->service) == state;
}

/* Runs the main loop until the service is in @state with nothing going. */
static void
wait_for_state (Fixture        *f,
                CoachSyncState  state)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_S * G_USEC_PER_SEC;

  while (!in_state (f, state))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("sync state stayed %d (%s; %s), expected %d", coach_sync_service_get_state (f->service),
                 coach_sync_service_get_message (f->service), coach_sync_service_get_details (f->service), state);
      g_main_context_iteration (NULL, TRUE);
    }
}

static void
spin_for (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10000);
    }
}

static gboolean
sign_in (Fixture     *f,
         const char  *url,
         const char  *password,
         GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  coach_sync_service_sign_in_async (f->service, url, EMAIL, password, NULL, result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return coach_sync_service_sign_in_finish (f->service, result, error);
}

static char *
add_exercise (Fixture    *f,
              const char *name)
{
  g_autoptr(CoachRecord) ex = coach_record_new_for_table ("exercise", NULL);
  g_autoptr(GError) error = NULL;

  coach_record_set_string (ex, "name", name);
  g_assert_true (coach_catalog_save (f->catalog, ex, &error));
  g_assert_no_error (error);
  return g_strdup (coach_record_get_id (ex));
}

/* What the server holds for @id, seen by another device of the team. */
static char *
server_name (Fixture    *f,
             const char *id)
{
  g_autoptr(SyncTestDevice) other = sync_test_login (f->stack->session, f->stack->server->url, EMAIL, "Other");
  g_autoptr(GPtrArray) changes = sync_test_pull_all (f->stack->session, f->stack->server->url, other, 500);
  CoachWireChange *change = sync_test_find_change (changes, id);

  return change ? g_strdup (sync_test_field_string (change, "name")) : NULL;
}

/* Not in the catalog, its WAL, or anything else the data dir holds. */
static guint
assert_not_in_dir (const char *dir,
                   const char *secret)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL;
      gsize len = 0;

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          n += assert_not_in_dir (path, secret);
          continue;
        }
      g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
      g_assert_null (g_strstr_len (contents, len, secret));
      n++;
    }
  return n;
}

static void
test_sign_in_errors (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (coach_sync_service_get_signed_in (f->service));
  g_assert_false (sign_in (f, "sync.example.org", SYNC_TEST_PASSWORD, &error));
  g_assert_error (error, COACH_SYNC_ERROR, COACH_SYNC_ERROR_INVALID_URL);
  g_clear_error (&error);

  g_assert_false (sign_in (f, f->stack->server->url, "wrong password", &error));
  g_assert_error (error, COACH_SYNC_ERROR, COACH_SYNC_ERROR_UNAUTHORIZED);
  g_clear_error (&error);

  /* nothing listens there */
  g_assert_false (sign_in (f, "http://127.0.0.1:9", SYNC_TEST_PASSWORD, &error));
  g_assert_error (error, COACH_SYNC_ERROR, COACH_SYNC_ERROR_NETWORK);
  g_assert_false (coach_sync_service_get_signed_in (f->service));
  g_assert_null (coach_catalog_get_meta (f->catalog, "sync-device-id"));
}

static void
test_lifecycle (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *device = NULL;
  g_autofree char *token = NULL;
  g_autofree char *url = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;
  g_autofree char *name = NULL;
  g_autofree char *port_env = NULL;
  g_autoptr(GUri) uri = NULL;
  const char *env[2] = { NULL, NULL };
  gint64 last_sync;
  gint64 edited_at;

  /* sign in: the token is in the keyring, not in the catalog */
  g_assert_true (sign_in (f, f->stack->server->url, SYNC_TEST_PASSWORD, &error));
  g_assert_no_error (error);
  g_assert_true (coach_sync_service_get_signed_in (f->service));
  url = coach_sync_service_dup_server_url (f->service);
  device = coach_catalog_get_meta (f->catalog, "sync-device-id");
  g_assert_nonnull (device);
  token = coach_credentials_lookup (url, EMAIL, device, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (token);
  g_assert_cmpuint (strlen (token), >=, 32);
  g_assert_cmpuint (assert_not_in_dir (f->dir, token), >, 0);

  /* sign-in syncs at once */
  wait_for_state (f, COACH_SYNC_STATE_SYNCED);
  last_sync = coach_sync_service_get_last_sync (f->service);
  g_assert_cmpint (last_sync, >, 0);

  /* a local edit is sent by itself after the debounce */
  edited_at = g_get_monotonic_time ();
  first = add_exercise (f, "Hill sprints");
  g_assert_cmpuint (coach_sync_service_get_pending (f->service), ==, 1);
  while (coach_sync_service_get_pending (f->service) > 0 || !in_state (f, COACH_SYNC_STATE_SYNCED))
    g_main_context_iteration (NULL, TRUE);
  /* A figure, not a goal: the debounce (300 ms here) plus one round. */
  g_test_message ("local edit to synced: %.0f ms", (g_get_monotonic_time () - edited_at) / 1000.0);
  name = server_name (f, first);
  g_assert_cmpstr (name, ==, "Hill sprints");
  g_assert_cmpint (coach_sync_service_get_last_sync (f->service), >=, last_sync);

  /* the server goes away: offline, the edit stays in the outbox */
  uri = g_uri_parse (f->stack->server->url, G_URI_FLAGS_NONE, &error);
  g_assert_no_error (error);
  port_env = g_strdup_printf ("COACHBOOK_SYNC_HTTP_PORT=%d", g_uri_get_port (uri));
  sync_test_server_stop (f->stack->server);
  f->stack->server = NULL;

  second = add_exercise (f, "Box jumps");
  wait_for_state (f, COACH_SYNC_STATE_OFFLINE);
  g_assert_cmpuint (coach_sync_service_get_pending (f->service), ==, 1);
  g_assert_cmpint (coach_catalog_outbox_count (f->catalog, NULL), ==, 1);
  g_assert_nonnull (coach_sync_service_get_details (f->service));

  /* it comes back on the same address: the retries get through */
  env[0] = port_env;
  f->stack->server = sync_test_server_start (f->stack->db, env);
  wait_for_state (f, COACH_SYNC_STATE_SYNCED);
  g_assert_cmpuint (coach_sync_service_get_pending (f->service), ==, 0);
  g_clear_pointer (&name, g_free);
  name = server_name (f, second);
  g_assert_cmpstr (name, ==, "Box jumps");

  /* an admin revokes the device: signed out, outbox kept, no more retries */
  g_free (sync_test_admin_ok (f->stack->db, NULL, "revoke-device", device, NULL));
  third = add_exercise (f, "Lunges");
  wait_for_state (f, COACH_SYNC_STATE_SIGNED_OUT);
  g_assert_cmpint (coach_catalog_outbox_count (f->catalog, NULL), ==, 1);
  g_assert_cmpuint (coach_sync_service_get_pending (f->service), ==, 1);
  spin_for (2500);  /* more than the backoff cap */
  g_assert_true (in_state (f, COACH_SYNC_STATE_SIGNED_OUT));
  g_assert_cmpint (coach_catalog_outbox_count (f->catalog, NULL), ==, 1);

  /* signing in again: a new device sends what waited; the revoked one's
   * token leaves the keyring */
  {
    g_autofree char *old_token = NULL;
    g_autofree char *new_token = NULL;

    g_assert_true (sign_in (f, f->stack->server->url, SYNC_TEST_PASSWORD, &error));
    g_assert_no_error (error);
    wait_for_state (f, COACH_SYNC_STATE_SYNCED);
    while (coach_catalog_outbox_count (f->catalog, NULL) > 0)
      g_main_context_iteration (NULL, TRUE);
    g_clear_pointer (&name, g_free);
    name = server_name (f, third);
    g_assert_cmpstr (name, ==, "Lunges");

    old_token = coach_credentials_lookup (url, EMAIL, device, NULL, &error);
    g_assert_no_error (error);
    g_assert_null (old_token);
    g_free (device);
    device = coach_catalog_get_meta (f->catalog, "sync-device-id");
    new_token = coach_credentials_lookup (url, EMAIL, device, NULL, &error);
    g_assert_no_error (error);
    g_assert_nonnull (new_token);
  }

  /* signing out forgets the token and keeps the catalog */
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autofree char *gone = NULL;
    g_autoptr(CoachRecord) kept = NULL;

    coach_sync_service_sign_out_async (f->service, NULL, result_cb, &result);
    while (result == NULL)
      g_main_context_iteration (NULL, TRUE);
    g_assert_true (coach_sync_service_sign_out_finish (f->service, result, &error));
    g_assert_no_error (error);
    g_assert_false (coach_sync_service_get_signed_in (f->service));
    gone = coach_credentials_lookup (url, EMAIL, device, NULL, &error);
    g_assert_no_error (error);
    g_assert_null (gone);
    kept = coach_catalog_get (f->catalog, "exercise", third, &error);
    g_assert_no_error (error);
    g_assert_cmpint (coach_catalog_outbox_count (f->catalog, NULL), ==, 0);
  }
}

/* A change the server refuses comes back as a conflict with the server's
 * reason; dismissing it leaves the catalog as it is. The refused value is
 * written to the outbox directly: this version's own validation would
 * not let it through. */
static void
test_rejection_reason (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autofree char *id = NULL;
  g_autofree char *path = g_build_filename (f->dir, "catalog.db", NULL);
  g_autofree char *sql = NULL;
  CoachSyncConflict *c;
  sqlite3 *db = NULL;

  g_assert_true (sign_in (f, f->stack->server->url, SYNC_TEST_PASSWORD, &error));
  wait_for_state (f, COACH_SYNC_STATE_SYNCED);
  id = add_exercise (f, "Bear crawl");
  while (coach_sync_service_get_pending (f->service) > 0 || !in_state (f, COACH_SYNC_STATE_SYNCED))
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  sql = g_strdup_printf ("INSERT INTO outbox (tbl, row_id, op, fields, created_at) VALUES "
                         "('exercise', '%s', 'upsert', '{\"difficulty\":\"impossible\"}', 1)", id);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  coach_sync_service_sync_now (f->service);
  while (coach_sync_service_get_conflicts (f->service) == 0 || !in_state (f, COACH_SYNC_STATE_SYNCED))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (coach_sync_service_get_pending (f->service), ==, 0);

  conflicts = coach_sync_service_list_conflicts (f->service, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (conflicts->len, ==, 1);
  c = conflicts->pdata[0];
  g_assert_cmpstr (c->row_id, ==, id);
  g_assert_cmpstr (c->title, ==, "Bear crawl");
  g_assert_cmpstr (c->fields, ==, "difficulty");
  g_assert_cmpstr (c->local_value, ==, "impossible");
  g_assert_nonnull (c->reason);
  g_assert_nonnull (strstr (c->reason, "difficulty"));

  g_assert_true (coach_sync_service_dismiss_conflict (f->service, c->id, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (coach_sync_service_get_conflicts (f->service), ==, 0);
}

/* The network coming back is a reason to try at once: with retries two
 * minutes apart, the sync still goes through within seconds of the
 * network monitor saying so. */
static void
test_network_back (Fixture       *f,
                   gconstpointer  data)
{
  CoachSyncTiming slow = { 300, 600000, 120000, 120000 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autofree char *port_env = NULL;
  g_autofree char *id = NULL;
  g_autofree char *name = NULL;
  const char *env[] = { NULL, NULL };
  gint64 deadline;

  coach_sync_service_set_timing (f->service, &slow);
  g_assert_true (sign_in (f, f->stack->server->url, SYNC_TEST_PASSWORD, &error));
  wait_for_state (f, COACH_SYNC_STATE_SYNCED);

  uri = g_uri_parse (f->stack->server->url, G_URI_FLAGS_NONE, &error);
  g_assert_no_error (error);
  port_env = g_strdup_printf ("COACHBOOK_SYNC_HTTP_PORT=%d", g_uri_get_port (uri));
  sync_test_server_stop (f->stack->server);
  f->stack->server = NULL;

  id = add_exercise (f, "Skipping");
  wait_for_state (f, COACH_SYNC_STATE_OFFLINE);
  /* the next retry is two minutes away */
  spin_for (1500);
  g_assert_true (in_state (f, COACH_SYNC_STATE_OFFLINE));

  env[0] = port_env;
  f->stack->server = sync_test_server_start (f->stack->db, env);
  g_signal_emit_by_name (g_network_monitor_get_default (), "network-changed", TRUE);

  deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (coach_sync_service_get_pending (f->service) > 0 || !in_state (f, COACH_SYNC_STATE_SYNCED))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("no sync 30 s after the network came back (state %d)", coach_sync_service_get_state (f->service));
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10000);
    }
  name = server_name (f, id);
  g_assert_cmpstr (name, ==, "Skipping");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/sync-service/sign-in-errors", Fixture, NULL, fixture_setup, test_sign_in_errors, fixture_teardown);
  g_test_add ("/sync-service/rejection-reason", Fixture, NULL, fixture_setup, test_rejection_reason,
              fixture_teardown);
  g_test_add ("/sync-service/lifecycle", Fixture, NULL, fixture_setup, test_lifecycle, fixture_teardown);
  g_test_add ("/sync-service/network-back", Fixture, NULL, fixture_setup, test_network_back, fixture_teardown);

  return g_test_run ();
}
