/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#include "config.h"

#include <string.h>

#include "coach-uuid.h"
#include "sync-test-util.h"

static SyncTestResponse *
login (SyncTestStack *stack,
       const char    *email,
       const char    *password)
{
  g_autofree char *url = sync_test_stack_url (stack, "/v1/auth/login");
  g_autofree char *body = g_strdup_printf ("{\"email\": \"%s\", \"password\": \"%s\", \"device_name\": \"test\"}",
                                           email, password);

  return sync_test_request (stack->session, "POST", url, NULL, body, -1);
}

static guint
pull_status (SyncTestStack  *stack,
             const char     *token)
{
  g_autofree char *url = sync_test_stack_url (stack, "/v1/pull");
  g_autoptr(SyncTestResponse) response = sync_test_request (stack->session, "GET", url, token, NULL, 0);

  return response->status;
}

static void
test_login (void)
{
  g_autoptr(SyncTestStack) stack = sync_test_stack_new (NULL);
  g_autoptr(SyncTestResponse) response = NULL;
  g_autofree char *team = sync_test_create_team (stack->db, "Harriers");
  g_autofree char *devices = NULL;
  JsonObject *object;

  sync_test_add_coach (stack->db, team, "Ana@Example.org");

  /* the address is matched whatever its case */
  response = login (stack, "ana@EXAMPLE.org", SYNC_TEST_PASSWORD);
  g_assert_cmpuint (response->status, ==, 200);
  object = sync_test_response_object (response);
  g_assert_cmpstr (json_object_get_string_member (object, "team_id"), ==, team);
  g_assert_true (coach_uuid_is_valid (json_object_get_string_member (object, "device_id")));
  g_assert_cmpuint (strlen (json_object_get_string_member (object, "token")), >=, 40);

  g_assert_cmpuint (pull_status (stack, json_object_get_string_member (object, "token")), ==, 200);

  /* the token is stored hashed, never as sent */
  g_assert_cmpint (sync_test_db_int (stack->db, "SELECT count(*) FROM device WHERE length (token_hash) = 32"), ==, 1);
  devices = sync_test_admin_ok (stack->db, NULL, "list-devices", "ana@example.org", NULL);
  g_assert_nonnull (strstr (devices, json_object_get_string_member (object, "device_id")));
  g_assert_nonnull (strstr (devices, "active"));
}

static void
test_bad_credentials (void)
{
  g_autoptr(SyncTestStack) stack = sync_test_stack_new (NULL);
  g_autofree char *team = sync_test_create_team (stack->db, "Harriers");
  g_autofree char *url = sync_test_stack_url (stack, "/v1/auth/login");
  g_autoptr(SyncTestResponse) wrong = NULL;
  g_autoptr(SyncTestResponse) unknown = NULL;
  g_autoptr(SyncTestResponse) missing = NULL;
  g_autoptr(SyncTestResponse) typed = NULL;
  g_autoptr(SyncTestResponse) not_email = NULL;

  sync_test_add_coach (stack->db, team, "ana@example.org");

  wrong = login (stack, "ana@example.org", "not the password");
  sync_test_assert_error (wrong, 401, "invalid_credentials");
  g_assert_null (json_object_get_member (sync_test_response_object (wrong), "token"));

  /* an unknown address looks exactly like a wrong password */
  unknown = login (stack, "nobody@example.org", SYNC_TEST_PASSWORD);
  sync_test_assert_error (unknown, 401, "invalid_credentials");
  g_assert_cmpstr (json_object_get_string_member (sync_test_response_object (unknown), "message"), ==,
                   json_object_get_string_member (sync_test_response_object (wrong), "message"));

  missing = sync_test_request (stack->session, "POST", url, NULL, "{\"email\": \"ana@example.org\"}", -1);
  sync_test_assert_error (missing, 400, "invalid_request");
  typed = sync_test_request (stack->session, "POST", url, NULL, "{\"email\": 5, \"password\": \"x\"}", -1);
  sync_test_assert_error (typed, 400, "invalid_request");
  not_email = login (stack, "not-an-address", SYNC_TEST_PASSWORD);
  sync_test_assert_error (not_email, 400, "invalid_request");

  g_assert_cmpint (sync_test_db_int (stack->db, "SELECT count(*) FROM device"), ==, 0);
}

static void
test_rate_limit (void)
{
  const char *env[] = { "COACHBOOK_SYNC_AUTH_LOGIN_FAILURE_WINDOW=3", NULL };
  g_autoptr(SyncTestStack) stack = sync_test_stack_new (env);
  g_autofree char *team = sync_test_create_team (stack->db, "Harriers");
  g_autoptr(SyncTestResponse) limited = NULL;
  g_autoptr(SyncTestResponse) other = NULL;
  g_autoptr(SyncTestResponse) later = NULL;

  sync_test_add_coach (stack->db, team, "ana@example.org");
  sync_test_add_coach (stack->db, team, "ben@example.org");

  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(SyncTestResponse) r = login (stack, "ana@example.org", "guess");
      sync_test_assert_error (r, 401, "invalid_credentials");
    }

  /* the sixth attempt is refused before the password is even looked at */
  limited = login (stack, "ana@example.org", SYNC_TEST_PASSWORD);
  sync_test_assert_error (limited, 429, "rate_limited");
  g_assert_cmpstr (soup_message_headers_get_one (limited->headers, "Retry-After"), ==, "3");

  /* other accounts are not affected */
  other = login (stack, "ben@example.org", SYNC_TEST_PASSWORD);
  g_assert_cmpuint (other->status, ==, 200);

  /* the window slides */
  g_usleep (3200 * 1000);
  later = login (stack, "ana@example.org", SYNC_TEST_PASSWORD);
  g_assert_cmpuint (later->status, ==, 200);
  /* and a success clears the count */
  g_assert_cmpint (sync_test_db_int (stack->db,
                                     "SELECT count(*) FROM login_failure WHERE email = 'ana@example.org'"), ==, 0);
}

static void
test_disabled_coach (void)
{
  g_autoptr(SyncTestStack) stack = sync_test_stack_new (NULL);
  g_autofree char *team = sync_test_create_team (stack->db, "Harriers");
  g_autoptr(SyncTestDevice) device = NULL;
  g_autoptr(SyncTestResponse) refused = NULL;
  g_autoptr(SyncTestResponse) wrong = NULL;
  g_autofree char *out = NULL;
  g_autofree char *devices = NULL;

  sync_test_add_coach (stack->db, team, "ana@example.org");
  device = sync_test_login (stack->session, stack->server->url, "ana@example.org", "laptop");
  g_assert_cmpuint (pull_status (stack, device->token), ==, 200);

  out = sync_test_admin_ok (stack->db, NULL, "disable-coach", "ana@example.org", NULL);

  refused = login (stack, "ana@example.org", SYNC_TEST_PASSWORD);
  sync_test_assert_error (refused, 403, "account_disabled");
  /* a wrong password does not tell whether the account is disabled */
  wrong = login (stack, "ana@example.org", "guess");
  sync_test_assert_error (wrong, 401, "invalid_credentials");

  g_assert_cmpuint (pull_status (stack, device->token), ==, 401);
  devices = sync_test_admin_ok (stack->db, NULL, "list-devices", NULL);
  g_assert_nonnull (strstr (devices, "coach disabled"));

  g_free (out);
  out = sync_test_admin_ok (stack->db, NULL, "enable-coach", "ana@example.org", NULL);
  g_assert_cmpuint (pull_status (stack, device->token), ==, 200);
}

static void
test_revoked_token (void)
{
  g_autoptr(SyncTestStack) stack = sync_test_stack_new (NULL);
  g_autofree char *team = sync_test_create_team (stack->db, "Harriers");
  g_autofree char *logout_url = sync_test_stack_url (stack, "/v1/auth/logout");
  g_autoptr(SyncTestDevice) laptop = NULL;
  g_autoptr(SyncTestDevice) phone = NULL;
  g_autoptr(SyncTestResponse) logout = NULL;
  g_autoptr(SyncTestResponse) again = NULL;
  g_autoptr(CoachWirePush) push = coach_wire_push_new ();
  g_autoptr(SyncTestResponse) pushed = NULL;
  g_autofree char *out = NULL;
  g_autofree char *devices = NULL;

  sync_test_add_coach (stack->db, team, "ana@example.org");
  laptop = sync_test_login (stack->session, stack->server->url, "ana@example.org", "laptop");
  phone = sync_test_login (stack->session, stack->server->url, "ana@example.org", "phone");

  out = sync_test_admin_ok (stack->db, NULL, "revoke-device", laptop->device_id, NULL);
  g_assert_cmpuint (pull_status (stack, laptop->token), ==, 401);
  g_assert_cmpuint (pull_status (stack, phone->token), ==, 200);

  /* logging out revokes the calling device, and only it */
  logout = sync_test_request (stack->session, "POST", logout_url, phone->token, NULL, 0);
  g_assert_cmpuint (logout->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (sync_test_response_object (logout), "device_id"), ==,
                   phone->device_id);
  again = sync_test_request (stack->session, "POST", logout_url, phone->token, NULL, 0);
  sync_test_assert_error (again, 401, "unauthorized");

  sync_test_add_mutation (push, 1, "tag", "upsert", "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b", "{\"name\": \"x\"}");
  pushed = sync_test_push (stack->session, stack->server->url, phone, push);
  sync_test_assert_error (pushed, 401, "unauthorized");
  g_assert_cmpint (sync_test_db_int (stack->db, "SELECT count(*) FROM record"), ==, 0);

  devices = sync_test_admin_ok (stack->db, NULL, "list-devices", "ana@example.org", NULL);
  g_assert_null (strstr (devices, "active"));
  g_assert_nonnull (strstr (devices, "revoked"));
}

static void
test_bad_tokens (void)
{
  g_autoptr(SyncTestStack) stack = sync_test_stack_new (NULL);
  g_autofree char *team = sync_test_create_team (stack->db, "Harriers");
  g_autofree char *url = sync_test_stack_url (stack, "/v1/pull");
  g_autoptr(SyncTestDevice) device = NULL;
  const char *headers[] = {
    NULL,
    "Basic YW5hOnBhc3N3b3Jk",
    "Bearer",
    "Bearer short",
    "Bearer not a token at all!",
    "Bearer AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
  };

  sync_test_add_coach (stack->db, team, "ana@example.org");
  device = sync_test_login (stack->session, stack->server->url, "ana@example.org", "laptop");

  for (guint i = 0; i < G_N_ELEMENTS (headers); i++)
    {
      g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
      g_autoptr(GBytes) body = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autofree char *code = NULL;

      if (headers[i] != NULL)
        soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", headers[i]);
      body = soup_session_send_and_read (stack->session, msg, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (soup_message_get_status (msg), ==, 401);
      g_assert_nonnull (soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                                      "WWW-Authenticate"));
      g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (body, NULL),
                                                 g_bytes_get_size (body), NULL));
      g_assert_true (coach_wire_error_from_json (json_parser_get_root (parser), &code, NULL));
      g_assert_cmpstr (code, ==, "unauthorized");
    }

  /* an expired token is as good as none */
  g_assert_cmpuint (pull_status (stack, device->token), ==, 200);
  PQclear (sync_test_db_exec (stack->db, "UPDATE device SET expires_at = now () - interval '1 second'"));
  g_assert_cmpuint (pull_status (stack, device->token), ==, 401);
}

static void
test_admin_cli (void)
{
  g_autoptr(SyncTestDb) db = sync_test_db_new ();
  g_autofree char *team = sync_test_create_team (db, "Harriers");
  g_autofree char *teams = NULL;
  g_autofree char *hash = NULL;
  struct {
    const char *input;
    const char *args[4];
    const char *error;
  } failures[] = {
    { "short\n", { "add-coach", "Harriers", "ana@example.org" }, "at least 8" },
    { SYNC_TEST_PASSWORD "\n", { "add-coach", "Nobody", "ana@example.org" }, "no team" },
    { SYNC_TEST_PASSWORD "\n", { "add-coach", "Harriers", "not-an-email" }, "not an email" },
    { NULL, { "create-team", "Harriers" }, "exists already" },
    { NULL, { "revoke-device", "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b" }, "no device" },
    { NULL, { "revoke-device", "nope" }, "not a device id" },
    { NULL, { "disable-coach", "nobody@example.org" }, "no coach" },
    { NULL, { "frobnicate" }, "unknown admin command" },
    { NULL, { "create-team" }, "usage" },
  };

  sync_test_add_coach (db, "Harriers", "ana@example.org");

  for (guint i = 0; i < G_N_ELEMENTS (failures); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      int status = 0;

      out = sync_test_admin (db, failures[i].input, &status, &err, failures[i].args[0], failures[i].args[1],
                             failures[i].args[2], failures[i].args[3], NULL);
      g_assert_cmpint (status, !=, 0);
      if (strstr (err, failures[i].error) == NULL)
        g_error ("admin %s: expected \"%s\" in: %s", failures[i].args[0], failures[i].error, err);
    }

  /* a second coach with the same address, in any case, is refused */
  {
    g_autofree char *err = NULL;
    g_autofree char *out = NULL;
    int status = 0;

    out = sync_test_admin (db, SYNC_TEST_PASSWORD "\n", &status, &err, "add-coach", team, "ANA@example.org", NULL);
    g_assert_cmpint (status, !=, 0);
    g_assert_nonnull (strstr (err, "exists already"));
  }

  teams = sync_test_admin_ok (db, NULL, "list-teams", NULL);
  g_assert_nonnull (strstr (teams, "Harriers"));
  g_assert_nonnull (strstr (teams, team));
  g_assert_cmpint (sync_test_db_int (db, "SELECT count(*) FROM coach"), ==, 1);
  hash = sync_test_db_value (db, "SELECT password_hash FROM coach");
  g_assert_true (g_str_has_prefix (hash, "$argon2id$"));
}

static guint
login_forwarded (SyncTestStack *stack,
                 const char    *forwarded_for)
{
  g_autofree char *url = sync_test_stack_url (stack, "/v1/auth/login");
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", url);
  static const char wrong[] = "{\"email\": \"ana@example.org\", \"password\": \"guess\"}";
  g_autoptr(GBytes) request = g_bytes_new_static (wrong, sizeof wrong - 1);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  soup_message_headers_replace (soup_message_get_request_headers (msg), "X-Forwarded-For", forwarded_for);
  soup_message_set_request_body_from_bytes (msg, "application/json", request);
  body = soup_session_send_and_read (stack->session, msg, NULL, &error);
  g_assert_no_error (error);
  return soup_message_get_status (msg);
}

/* Behind a reverse proxy the address the proxy appended counts for rate
 * limiting; without trust_x_forwarded_for the header is ignored, so that a
 * client cannot pick its own address. */
static void
test_forwarded_for (void)
{
  const char *env[] = { "COACHBOOK_SYNC_HTTP_TRUST_X_FORWARDED_FOR=true", NULL };

  for (guint trusted = 0; trusted < 2; trusted++)
    {
      g_autoptr(SyncTestStack) stack = sync_test_stack_new (trusted ? env : NULL);
      g_autofree char *team = sync_test_create_team (stack->db, "Harriers");
      g_autofree char *ip = NULL;

      sync_test_add_coach (stack->db, team, "ana@example.org");
      g_assert_cmpuint (login_forwarded (stack, "203.0.113.9, 198.51.100.7"), ==, 401);
      ip = sync_test_db_value (stack->db, "SELECT client_ip FROM login_failure");
      g_assert_cmpstr (ip, ==, trusted ? "198.51.100.7" : "127.0.0.1");
    }
}

/* A pull authenticates inside one SQL function (sync_pull): it keeps
 * last_seen fresh to the minute without a write per request, and a bad
 * token is reported before a bad query. */
static void
test_pull_auth (void)
{
  g_autoptr(SyncTestStack) stack = sync_test_stack_new (NULL);
  g_autofree char *team = sync_test_create_team (stack->db, "Harriers");
  g_autofree char *bad_query = sync_test_stack_url (stack, "/v1/pull?cursor=-1");
  g_autoptr(SyncTestDevice) device = NULL;
  g_autoptr(SyncTestResponse) no_token = NULL;
  g_autoptr(SyncTestResponse) with_token = NULL;

  sync_test_add_coach (stack->db, team, "ana@example.org");
  device = sync_test_login (stack->session, stack->server->url, "ana@example.org", "laptop");

  PQclear (sync_test_db_exec (stack->db, "UPDATE device SET last_seen = now () - interval '2 hours'"));
  g_assert_cmpuint (pull_status (stack, device->token), ==, 200);
  g_assert_cmpint (sync_test_db_int (stack->db,
                                     "SELECT count(*) FROM device WHERE last_seen > now () - interval '10 minutes'"),
                   ==, 1);

  /* seen 30 s ago: not written again */
  PQclear (sync_test_db_exec (stack->db, "UPDATE device SET last_seen = now () - interval '30 seconds'"));
  g_assert_cmpint (sync_test_db_int (stack->db, "SELECT count(*) FROM device WHERE last_seen > now () - interval '29 seconds'"),
                   ==, 0);
  g_assert_cmpuint (pull_status (stack, device->token), ==, 200);
  g_assert_cmpint (sync_test_db_int (stack->db, "SELECT count(*) FROM device WHERE last_seen > now () - interval '29 seconds'"),
                   ==, 0);

  no_token = sync_test_request (stack->session, "GET", bad_query, NULL, NULL, 0);
  sync_test_assert_error (no_token, 401, "unauthorized");
  with_token = sync_test_request (stack->session, "GET", bad_query, device->token, NULL, 0);
  sync_test_assert_error (with_token, 400, "invalid_request");

  /* nothing of the team's setting outlives the request on the connection */
  g_assert_cmpuint (pull_status (stack, device->token), ==, 200);
  g_assert_cmpint (sync_test_db_int (stack->db,
                                     "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'coachbook-sync' "
                                     "AND state LIKE 'idle in transaction%'"), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/auth/login", test_login);
  g_test_add_func ("/auth/bad-credentials", test_bad_credentials);
  g_test_add_func ("/auth/rate-limit", test_rate_limit);
  g_test_add_func ("/auth/disabled-coach", test_disabled_coach);
  g_test_add_func ("/auth/revoked-token", test_revoked_token);
  g_test_add_func ("/auth/bad-tokens", test_bad_tokens);
  g_test_add_func ("/auth/pull-auth", test_pull_auth);
  g_test_add_func ("/auth/forwarded-for", test_forwarded_for);
  g_test_add_func ("/auth/admin-cli", test_admin_cli);

  return g_test_run ();
}
