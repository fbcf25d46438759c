/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 *
 * The app's sync client against the real server: sign-in, push, pull,
 * and the errors the sync engine acts on.
 */
#include "config.h"

#include "coach-sync-client.h"
#include "coach-uuid.h"
#include "sync-test-util.h"

typedef struct
{
  SyncTestStack   *stack;
  CoachSyncClient *client;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->stack = sync_test_stack_new (NULL);
  sync_test_create_team (f->stack->db, "Harriers");
  sync_test_add_coach (f->stack->db, "Harriers", "coach@example.org");
  f->client = coach_sync_client_new (f->stack->server->url, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->client);
  g_clear_pointer (&f->stack, sync_test_stack_free);
}

static CoachSyncLogin *
login (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  CoachSyncLogin *l = coach_sync_client_login (f->client, "coach@example.org", SYNC_TEST_PASSWORD,
                                               "Test laptop", NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (l);
  return l;
}

static void
test_bad_url (void)
{
  const char *bad[] = { "", "sync.example.org", "ftp://example.org", "http://", "https:///v1" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CoachSyncClient) c = coach_sync_client_new (bad[i], &error);

      g_assert_null (c);
      g_assert_error (error, COACH_SYNC_ERROR, COACH_SYNC_ERROR_INVALID_URL);
    }
}

static void
test_login (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoachSyncLogin) l = NULL;
  g_autoptr(CoachSyncLogin) bad = NULL;

  bad = coach_sync_client_login (f->client, "coach@example.org", "wrong password", NULL, NULL, &error);
  g_assert_null (bad);
  g_assert_error (error, COACH_SYNC_ERROR, COACH_SYNC_ERROR_UNAUTHORIZED);
  g_clear_error (&error);

  l = login (f);
  g_assert_cmpuint (strlen (l->token), >=, 32);
  g_assert_true (coach_uuid_is_valid (l->device_id));
}

static void
test_push_then_pull (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoachSyncLogin) l = login (f);
  g_autoptr(CoachWirePush) push = coach_wire_push_new ();
  g_autoptr(CoachWirePushResult) result = NULL;
  g_autoptr(CoachWirePull) pull = NULL;
  g_autofree char *id = coach_uuid_v7_new ();
  JsonObject *fields = json_object_new ();
  CoachWireChange *change = NULL;

  json_object_set_string_member (fields, "name", "Hill sprints");
  json_object_set_string_member (fields, "difficulty", "hard");
  push->schema_version = COACH_SCHEMA_VERSION;
  push->device_id = g_strdup (l->device_id);
  g_ptr_array_add (push->mutations, coach_wire_mutation_new (1, "exercise", COACH_WIRE_OP_UPSERT, id, fields));
  g_ptr_array_add (push->mutations, coach_wire_mutation_new (2, "no_such_table", COACH_WIRE_OP_UPSERT, id, fields));
  json_object_unref (fields);

  result = coach_sync_client_push (f->client, push, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result->last_mid, ==, 2);
  g_assert_cmpuint (result->rejected->len, ==, 1);
  g_assert_cmpint (((CoachWireRejection *) result->rejected->pdata[0])->mid, ==, 2);

  pull = coach_sync_client_pull (f->client, 0, 100, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (pull->epoch);
  g_assert_false (pull->has_more);
  g_assert_cmpint (pull->cursor, ==, result->server_version);
  for (guint i = 0; i < pull->changes->len; i++)
    if (g_str_equal (((CoachWireChange *) pull->changes->pdata[i])->id, id))
      change = pull->changes->pdata[i];
  g_assert_nonnull (change);
  g_assert_cmpstr (json_object_get_string_member (change->fields, "name"), ==, "Hill sprints");

  /* an epoch that is not the server's (it was restored from a backup):
   * start over */
  {
    g_autofree char *other_epoch = coach_uuid_v7_new ();
    g_autoptr(CoachWirePull) stale = coach_sync_client_pull (f->client, pull->cursor, 100, other_epoch, NULL, &error);

    g_assert_null (stale);
    g_assert_error (error, COACH_SYNC_ERROR, COACH_SYNC_ERROR_RESYNC);
    g_clear_error (&error);
  }
}

static void
test_too_old (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoachSyncLogin) l = login (f);
  g_autoptr(CoachWirePush) push = coach_wire_push_new ();
  g_autoptr(CoachWirePushResult) result = NULL;

  push->schema_version = 0;
  result = coach_sync_client_push (f->client, push, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, COACH_SYNC_ERROR, COACH_SYNC_ERROR_UPGRADE_REQUIRED);
}

static void
test_logout_revokes (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoachSyncLogin) l = login (f);
  g_autoptr(CoachWirePull) pull = NULL;

  g_assert_true (coach_sync_client_logout (f->client, NULL, &error));
  g_assert_no_error (error);

  /* the old token no longer works */
  coach_sync_client_set_token (f->client, l->token);
  pull = coach_sync_client_pull (f->client, 0, 10, NULL, NULL, &error);
  g_assert_null (pull);
  g_assert_error (error, COACH_SYNC_ERROR, COACH_SYNC_ERROR_UNAUTHORIZED);
}

static void
test_unreachable (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(CoachSyncClient) client = NULL;
  g_autoptr(CoachWirePull) pull = NULL;
  g_autofree char *url = NULL;

  /* A port that was free a moment ago and has nobody listening. */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  address = g_inet_socket_address_new (loopback, 0);
  g_assert_true (g_socket_bind (socket, address, FALSE, &error));
  bound = g_socket_get_local_address (socket, &error);
  url = g_strdup_printf ("http://127.0.0.1:%u", g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  g_socket_close (socket, NULL);

  client = coach_sync_client_new (url, &error);
  g_assert_no_error (error);
  pull = coach_sync_client_pull (client, 0, 10, NULL, NULL, &error);
  g_assert_null (pull);
  g_assert_error (error, COACH_SYNC_ERROR, COACH_SYNC_ERROR_NETWORK);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sync-client/bad-url", test_bad_url);
  g_test_add_func ("/sync-client/unreachable", test_unreachable);
  g_test_add ("/sync-client/login", Fixture, NULL, fixture_setup, test_login, fixture_teardown);
  g_test_add ("/sync-client/push-then-pull", Fixture, NULL, fixture_setup, test_push_then_pull, fixture_teardown);
  g_test_add ("/sync-client/too-old", Fixture, NULL, fixture_setup, test_too_old, fixture_teardown);
  g_test_add ("/sync-client/logout-revokes", Fixture, NULL, fixture_setup, test_logout_revokes, fixture_teardown);

  return g_test_run ();
}
