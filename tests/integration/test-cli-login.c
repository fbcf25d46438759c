/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 *
 * coachbook-cli login/logout against the real server and a real keyring:
 * the token lands in the keyring and nowhere else, works, and is revoked
 * on logout.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "coach-catalog.h"
#include "coach-credentials.h"
#include "coach-sync-client.h"
#include "sync-test-util.h"

static char *
run_cli (const char  *data_dir,
         const char  *input,
         int         *status,
         char       **err,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, (gpointer) g_getenv ("COACHBOOK_TEST_CLI_BIN"));
  g_ptr_array_add (argv, (gpointer) "--data-dir");
  g_ptr_array_add (argv, (gpointer) data_dir);
  va_start (args, err);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  proc = g_subprocess_newv ((const char * const *) argv->pdata,
                            G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                            G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, input, NULL, &out, err, &error);
  g_assert_no_error (error);
  *status = g_subprocess_get_exit_status (proc);
  return out;
}

static void
test_login_logout (void)
{
  g_autoptr(SyncTestStack) stack = sync_test_stack_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("coachbook-cli-XXXXXX", NULL);
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *password = g_strconcat (SYNC_TEST_PASSWORD, "\n", NULL);
  g_autofree char *token = NULL;
  g_autofree char *device = NULL;
  g_autofree char *url = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *db_bytes = NULL;
  g_autoptr(CoachSyncClient) client = NULL;
  g_autoptr(CoachWirePull) pull = NULL;
  gsize db_len = 0;
  int status = -1;

  sync_test_create_team (stack->db, "Harriers");
  sync_test_add_coach (stack->db, "Harriers", "coach@example.org");

  /* a wrong password: refused, nothing stored */
  out = run_cli (dir, "wrong\n", &status, &err, "login", stack->server->url, "coach@example.org", NULL);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (err, "coachbook-cli:"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  out = run_cli (dir, password, &status, &err, "login", stack->server->url, "coach@example.org", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "Signed in"));

  client = coach_sync_client_new (stack->server->url, &error);
  g_assert_no_error (error);
  {
    g_autoptr(CoachCatalog) catalog = coach_catalog_open (dir, &error);

    g_assert_no_error (error);
    device = coach_catalog_get_meta (catalog, "sync-device-id");
    g_assert_nonnull (device);
  }
  token = coach_credentials_lookup (coach_sync_client_get_url (client), "coach@example.org", device, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (token);
  g_assert_cmpuint (strlen (token), >=, 32);

  /* the token is neither printed nor in the catalog file */
  g_assert_null (strstr (out, token));
  g_assert_null (strstr (err, token));
  db_path = g_build_filename (dir, "catalog.db", NULL);
  {
    g_autoptr(CoachCatalog) catalog = coach_catalog_open (dir, &error);
    g_autofree char *server = NULL;

    g_assert_no_error (error);
    server = coach_catalog_get_meta (catalog, "sync-server-url");
    g_assert_cmpstr (server, ==, coach_sync_client_get_url (client));
  }
  g_assert_true (g_file_get_contents (db_path, &db_bytes, &db_len, NULL));
  g_assert_null (g_strstr_len (db_bytes, db_len, token));

  /* and it works */
  coach_sync_client_set_token (client, token);
  pull = coach_sync_client_pull (client, 0, 10, NULL, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&pull, coach_wire_pull_free);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* logout revokes the device and forgets the token */
  out = run_cli (dir, "", &status, &err, "logout", NULL);
  g_assert_cmpint (status, ==, 0);
  pull = coach_sync_client_pull (client, 0, 10, NULL, NULL, &error);
  g_assert_null (pull);
  g_assert_error (error, COACH_SYNC_ERROR, COACH_SYNC_ERROR_UNAUTHORIZED);
  g_clear_error (&error);
  {
    g_autofree char *gone = coach_credentials_lookup (coach_sync_client_get_url (client), "coach@example.org",
                                                      device, NULL, &error);
    g_assert_no_error (error);
    g_assert_null (gone);
  }

  sync_test_admin_ok (stack->db, NULL, "list-teams", NULL);
}


static gint64
test_items (const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoachCatalog) catalog = coach_catalog_open (dir, &error);

  g_assert_no_error (error);
  return coach_catalog_count (catalog, "workout_item", NULL);
}

static void
login_dir (SyncTestStack *stack,
           const char    *dir)
{
  g_autofree char *password = g_strconcat (SYNC_TEST_PASSWORD, "\n", NULL);
  g_autofree char *out = NULL, *err = NULL;
  int status = -1;

  out = run_cli (dir, password, &status, &err, "login", stack->server->url, "coach@example.org", NULL);
  if (status != 0)
    g_printerr ("%s", err);
  g_assert_cmpint (status, ==, 0);
}

static JsonObject *
sync_dir (const char *dir)
{
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(JsonNode) node = NULL;
  int status = -1;

  out = run_cli (dir, "", &status, &err, "--json", "sync", NULL);
  if (status != 0)
    g_printerr ("%s", err);
  g_assert_cmpint (status, ==, 0);
  node = json_from_string (out, NULL);
  g_assert_nonnull (node);
  return json_object_ref (json_node_get_object (node));
}

static void
edit_workout (const char *dir,
              const char *id,
              const char *field,
              const char *value)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoachCatalog) catalog = coach_catalog_open (dir, &error);
  g_autoptr(CoachRecord) w = NULL;

  g_assert_no_error (error);
  w = coach_catalog_get (catalog, "workout", id, &error);
  g_assert_no_error (error);
  coach_record_set_string (w, field, value);
  g_assert_true (coach_catalog_save (catalog, w, &error));
}

static char *
workout_field (const char *dir,
               const char *id,
               const char *field)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoachCatalog) catalog = coach_catalog_open (dir, &error);
  g_autoptr(CoachRecord) w = NULL;

  g_assert_no_error (error);
  w = coach_catalog_get (catalog, "workout", id, &error);
  g_assert_no_error (error);
  return g_strdup (coach_record_get_string (w, field));
}

static gint64
count_rows (const char *dir,
            const char *table)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoachCatalog) catalog = coach_catalog_open (dir, &error);

  g_assert_no_error (error);
  return coach_catalog_count (catalog, table, NULL);
}

/* Two devices of one team: what one makes reaches the other; concurrent
 * edits of different fields both survive; nothing is duplicated. */
static void
test_two_devices (void)
{
  g_autoptr(SyncTestStack) stack = sync_test_stack_new (NULL);
  g_autofree char *a = g_dir_make_tmp ("coachbook-a-XXXXXX", NULL);
  g_autofree char *b = g_dir_make_tmp ("coachbook-b-XXXXXX", NULL);
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(JsonNode) made = NULL;
  g_autoptr(JsonObject) s1 = NULL;
  g_autoptr(JsonObject) s2 = NULL;
  g_autoptr(JsonObject) s3 = NULL;
  g_autoptr(JsonObject) s4 = NULL;
  g_autofree char *name = NULL, *description = NULL, *name_a = NULL, *description_a = NULL;
  const char *id;
  gint64 items;
  int status = -1;

  sync_test_create_team (stack->db, "Harriers");
  sync_test_add_coach (stack->db, "Harriers", "coach@example.org");
  login_dir (stack, a);
  login_dir (stack, b);

  out = run_cli (a, "", &status, &err, "--json", "generate", "--minutes", "15", "--seed", "11",
                 "--name", "Track Tuesday", NULL);
  g_assert_cmpint (status, ==, 0);
  made = json_from_string (out, NULL);
  id = json_object_get_string_member (json_node_get_object (made), "id");
  items = test_items (a);

  s1 = sync_dir (a);
  g_assert_cmpint (json_object_get_int_member (s1, "pushed"), ==, items + 1);
  s2 = sync_dir (b);
  g_assert_cmpint (json_object_get_int_member (s2, "pulled"), >=, items + 1);
  name = workout_field (b, id, "name");
  g_assert_cmpstr (name, ==, "Track Tuesday");
  g_assert_cmpint (count_rows (b, "workout_item"), ==, items);
  g_assert_cmpint (count_rows (b, "exercise"), ==, count_rows (a, "exercise"));

  /* offline on both: different fields of the same workout */
  edit_workout (a, id, "description", "Bring spikes");
  edit_workout (b, id, "name", "Track Tuesday (U18)");
  g_clear_pointer (&s1, json_object_unref);
  g_clear_pointer (&s2, json_object_unref);
  s1 = sync_dir (a);
  s3 = sync_dir (b);
  s4 = sync_dir (a);

  g_clear_pointer (&name, g_free);
  name = workout_field (b, id, "name");
  description = workout_field (b, id, "description");
  name_a = workout_field (a, id, "name");
  description_a = workout_field (a, id, "description");
  g_assert_cmpstr (name, ==, "Track Tuesday (U18)");
  g_assert_cmpstr (description, ==, "Bring spikes");
  g_assert_cmpstr (name_a, ==, "Track Tuesday (U18)");
  g_assert_cmpstr (description_a, ==, "Bring spikes");
  g_assert_cmpint (count_rows (a, "workout"), ==, 1);
  g_assert_cmpint (count_rows (b, "workout"), ==, 1);

  /* delete on A while B edits: the delete wins, B's edit is kept for review */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(CoachCatalog) ca = coach_catalog_open (a, &error);
    g_autoptr(CoachRecord) w = coach_catalog_get (ca, "workout", id, &error);

    g_assert_no_error (error);
    g_assert_true (coach_catalog_delete (ca, w, &error));
  }
  edit_workout (b, id, "description", "Bring spikes and water");
  {
    g_autoptr(JsonObject) d1 = sync_dir (a);
    g_autoptr(JsonObject) d2 = sync_dir (b);
    g_autoptr(JsonObject) d3 = sync_dir (a);
    g_autoptr(GError) error = NULL;
    g_autoptr(CoachCatalog) cb = coach_catalog_open (b, &error);
    g_autofree char *db = g_build_filename (b, "catalog.db", NULL);
    sqlite3 *raw = NULL;
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (json_object_get_int_member (d2, "rejected") + json_object_get_int_member (d2, "conflicts"), >=, 1);
    g_assert_cmpint (count_rows (a, "workout"), ==, 0);
    g_assert_cmpint (count_rows (b, "workout"), ==, 0);
    g_assert_cmpint (count_rows (b, "workout_item"), ==, 0);

    /* what B wrote is still there to look at */
    g_assert_cmpint (sqlite3_open_v2 (db, &raw, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_prepare_v2 (raw, "SELECT count(*) FROM conflict WHERE row_id = ? AND local_value LIKE '%spikes and water%'",
                                         -1, &stmt, NULL), ==, SQLITE_OK);
    sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), >=, 1);
    sqlite3_finalize (stmt);
    sqlite3_close (raw);
  }

  /* everything acknowledged: nothing left to send */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(CoachCatalog) ca = coach_catalog_open (a, &error);
    g_autoptr(CoachCatalog) cb = coach_catalog_open (b, &error);

    g_assert_cmpint (coach_catalog_outbox_count (ca, NULL), ==, 0);
    g_assert_cmpint (coach_catalog_outbox_count (cb, NULL), ==, 0);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/login-logout", test_login_logout);
  g_test_add_func ("/cli/two-devices", test_two_devices);

  return g_test_run ();
}
