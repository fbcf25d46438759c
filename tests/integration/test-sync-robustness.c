/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>

#include "coach-uuid.h"
#include "sync-test-util.h"

static void
assert_healthy (SyncTestStack *stack)
{
  g_autofree char *url = sync_test_stack_url (stack, "/healthz");
  g_autoptr(SyncTestResponse) r = sync_test_request (stack->session, "GET", url, NULL, NULL, 0);

  g_assert_cmpuint (r->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (sync_test_response_object (r), "status"), ==, "ok");
}

static SyncTestDevice *
team_device (SyncTestStack *stack)
{
  g_autofree char *team = sync_test_create_team (stack->db, "Harriers");

  sync_test_add_coach (stack->db, team, "ana@example.org");
  return sync_test_login (stack->session, stack->server->url, "ana@example.org", "laptop");
}

static void
test_malformed (void)
{
  g_autoptr(SyncTestStack) stack = sync_test_stack_new (NULL);
  g_autoptr(SyncTestDevice) device = team_device (stack);
  g_autoptr(GString) deep = g_string_new ("{\"schema_version\": 1, \"mutations\": ");
  struct {
    const char *method;
    const char *path;
    const char *body;
    guint       status;
    const char *code;
  } cases[] = {
    { "POST", "/v1/push", "{not json", 400, "invalid_json" },
    { "POST", "/v1/push", "", 400, "invalid_json" },
    { "POST", "/v1/push", "[]", 400, "invalid_json" },
    { "POST", "/v1/push", "null", 400, "invalid_json" },
    { "POST", "/v1/push", "{\"schema_version\": 1, \"mutations\": [] } trailing", 400, "invalid_json" },
    { "POST", "/v1/push", "{}", 400, "invalid_request" },
    { "POST", "/v1/push", "{\"schema_version\": \"1\", \"mutations\": []}", 400, "invalid_request" },
    { "POST", "/v1/push", "{\"schema_version\": 1.5, \"mutations\": []}", 400, "invalid_request" },
    { "POST", "/v1/push", "{\"schema_version\": 1, \"mutations\": {}}", 400, "invalid_request" },
    { "POST", "/v1/push", "{\"schema_version\": 1, \"mutations\": [42]}", 400, "invalid_request" },
    { "POST", "/v1/push", "{\"schema_version\": 1, \"mutations\": [{\"mid\": \"1\"}]}", 400, "invalid_request" },
    { "POST", "/v1/push", "{\"schema_version\": 1, \"mutations\": [{\"mid\": -3}]}", 400, "invalid_request" },
    { "POST", "/v1/push", "{\"schema_version\": 1, \"device_id\": 7, \"mutations\": []}", 400, "invalid_request" },
    { "POST", "/v1/auth/login", "null", 400, "invalid_json" },
    { "POST", "/v1/auth/login", "{\"email\": [\"a@b.c\"], \"password\": \"x\"}", 400, "invalid_request" },
    { "POST", "/v1/auth/login", "{\"email\": \"a@b.c\", \"password\": \"x\", \"device_name\": false}", 400,
      "invalid_request" },
    { "GET", "/v1/pull?cursor=abc", NULL, 400, "invalid_request" },
    { "GET", "/v1/pull?cursor=99999999999999999999999", NULL, 400, "invalid_request" },
    { "GET", "/v1/nothing-here", NULL, 404, "not_found" },
    { "GET", "/v1/push", NULL, 405, "method_not_allowed" },
    { "DELETE", "/v1/pull", NULL, 405, "method_not_allowed" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *url = sync_test_stack_url (stack, cases[i].path);
      g_autoptr(SyncTestResponse) r = sync_test_request (stack->session, cases[i].method, url,
                                                         device->token, cases[i].body, -1);

      if (r->status != cases[i].status)
        g_error ("%s %s %s: expected %u, got %u %s", cases[i].method, cases[i].path,
                 cases[i].body ? cases[i].body : "", cases[i].status, r->status, r->body);
      sync_test_assert_error (r, cases[i].status, cases[i].code);
    }

  /* not UTF-8, and nested deeper than any record needs */
  {
    g_autofree char *url = sync_test_stack_url (stack, "/v1/push");
    g_autoptr(SyncTestResponse) binary = sync_test_request (stack->session, "POST", url, device->token,
                                                            "{\"a\": \"\xff\xfe\"}", -1);
    g_autoptr(SyncTestResponse) nested = NULL;

    sync_test_assert_error (binary, 400, "invalid_json");
    for (guint i = 0; i < 100000; i++)
      g_string_append_c (deep, '[');
    nested = sync_test_request (stack->session, "POST", url, device->token, deep->str, deep->len);
    sync_test_assert_error (nested, 400, "invalid_json");
  }

  {
    g_autofree char *url = sync_test_stack_url (stack, "/v1/push");
    g_autoptr(SyncTestResponse) r = sync_test_request (stack->session, "GET", url, NULL, NULL, 0);

    g_assert_cmpstr (soup_message_headers_get_one (r->headers, "Allow"), ==, "POST");
  }

  /* nothing was written, and the server is still there */
  g_assert_cmpint (sync_test_db_int (stack->db, "SELECT count(*) FROM record"), ==, 0);
  assert_healthy (stack);
}

static SyncTestResponse *
send_stream (SyncTestStack *stack,
             const char    *token,
             gsize          size,
             gboolean       expect_continue)
{
  g_autofree char *url = sync_test_stack_url (stack, "/v1/push");
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", url);
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *auth = g_strconcat ("Bearer ", token, NULL);
  SyncTestResponse *response;
  char *data = g_malloc (size);

  memset (data, ' ', size);
  stream = g_memory_input_stream_new_from_data (data, size, g_free);
  /* -1: chunked, without a length announced up front */
  soup_message_set_request_body (msg, "application/json", stream, expect_continue ? (gssize) size : -1);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
  if (expect_continue)
    soup_message_headers_set_expectations (soup_message_get_request_headers (msg), SOUP_EXPECTATION_CONTINUE);

  body = soup_session_send_and_read (stack->session, msg, NULL, &error);
  g_assert_no_error (error);

  response = g_new0 (SyncTestResponse, 1);
  response->status = soup_message_get_status (msg);
  response->body = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  response->headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
  if (json_parser_load_from_data (parser, response->body, -1, NULL))
    response->json = json_node_copy (json_parser_get_root (parser));
  return response;
}

static void
test_huge_body (void)
{
  const char *env[] = { "COACHBOOK_SYNC_HTTP_MAX_BODY_SIZE=64K", NULL };
  g_autoptr(SyncTestStack) stack = sync_test_stack_new (env);
  g_autoptr(SyncTestDevice) device = team_device (stack);
  g_autofree char *url = sync_test_stack_url (stack, "/v1/push");
  g_autofree char *big = g_malloc (4 * 1024 * 1024);
  g_autoptr(SyncTestResponse) sized = NULL;
  g_autoptr(SyncTestResponse) chunked = NULL;
  g_autoptr(SyncTestResponse) continued = NULL;
  g_autoptr(CoachWirePush) push = coach_wire_push_new ();
  g_autoptr(CoachWirePushResult) result = NULL;
  g_autoptr(GString) description = g_string_new (NULL);

  memset (big, ' ', 4 * 1024 * 1024);
  sized = sync_test_request (stack->session, "POST", url, device->token, big, 4 * 1024 * 1024);
  sync_test_assert_error (sized, 413, "body_too_large");

  chunked = send_stream (stack, device->token, 4 * 1024 * 1024, FALSE);
  sync_test_assert_error (chunked, 413, "body_too_large");

  /* with Expect: 100-continue the body is refused before it is sent */
  continued = send_stream (stack, device->token, 4 * 1024 * 1024, TRUE);
  sync_test_assert_error (continued, 413, "body_too_large");

  assert_healthy (stack);

  /* a push just under the limit goes through */
  for (guint i = 0; i < 10000; i++)
    g_string_append_c (description, 'a' + i % 26);
  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *id = coach_uuid_v7_new ();
      g_autofree char *fields = g_strdup_printf ("{\"name\": \"long %u\", \"description\": \"%s\"}",
                                                 i, description->str);
      sync_test_add_mutation (push, i + 1, "exercise", "upsert", id, fields);
    }
  result = sync_test_push_ok (stack->session, stack->server->url, device, push);
  g_assert_cmpint (result->last_mid, ==, 5);
}

static void
test_slow_client (void)
{
  const char *env[] = { "COACHBOOK_SYNC_HTTP_REQUEST_TIMEOUT=1", NULL };
  g_autoptr(SyncTestStack) stack = sync_test_stack_new (env);
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GUri) uri = g_uri_parse (stack->server->url, G_URI_FLAGS_NONE, NULL);
  g_autoptr(GError) error = NULL;
  const char *partial = "POST /v1/push HTTP/1.1\r\nHost: localhost\r\nContent-Length: 100\r\n\r\n{\"a\":";
  gint64 start = g_get_monotonic_time ();
  char buf[4096];
  gssize n;

  connection = g_socket_client_connect_to_host (client, "127.0.0.1", g_uri_get_port (uri), NULL, &error);
  g_assert_no_error (error);
  g_socket_set_timeout (g_socket_connection_get_socket (connection), 10);
  g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (connection)),
                             partial, strlen (partial), NULL, NULL, &error);
  g_assert_no_error (error);

  /* the client stalls; the server hangs up after request_timeout */
  do
    n = g_input_stream_read (g_io_stream_get_input_stream (G_IO_STREAM (connection)),
                             buf, sizeof buf, NULL, &error);
  while (n > 0);
  g_assert_cmpint ((g_get_monotonic_time () - start) / G_USEC_PER_SEC, <, 5);
  g_clear_error (&error);

  assert_healthy (stack);
}

/* A client that retries on 503 like the app does, during a restart. */
typedef struct
{
  const char     *url;
  SyncTestDevice *device;
  gint            stop;
  guint           ok;
  guint           unavailable;
  GPtrArray      *ids;
} Load;

static gpointer
load_thread (gpointer data)
{
  Load *load = data;
  g_autoptr(SoupSession) session = sync_test_session_new ();
  g_autoptr(CoachWirePush) push = NULL;

  while (!g_atomic_int_get (&load->stop))
    {
      g_autoptr(SyncTestResponse) r = NULL;
      g_autofree char *pull_url = g_strconcat (load->url, "/v1/pull?limit=50", NULL);

      if (push == NULL)
        {
          char *id = coach_uuid_v7_new ();

          push = coach_wire_push_new ();
          sync_test_add_mutation (push, load->device->next_mid, "tag", "upsert", id, "{\"name\": \"load\"}");
          g_ptr_array_add (load->ids, id);
        }
      r = sync_test_push (session, load->url, load->device, push);
      if (r->status == 200)
        {
          g_autoptr(CoachWirePushResult) result = coach_wire_push_result_from_json (r->json, NULL);

          g_assert_nonnull (result);
          g_assert_cmpint (result->last_mid, ==, load->device->next_mid);
          load->device->next_mid++;
          g_clear_pointer (&push, coach_wire_push_free);
          load->ok++;
        }
      else
        {
          sync_test_assert_error (r, 503, "unavailable");
          g_assert_nonnull (soup_message_headers_get_one (r->headers, "Retry-After"));
          load->unavailable++;
          g_usleep (20 * 1000);
        }

      g_clear_pointer (&r, sync_test_response_free);
      r = sync_test_request (session, "GET", pull_url, load->device->token, NULL, 0);
      if (r->status != 200)
        {
          sync_test_assert_error (r, 503, "unavailable");
          load->unavailable++;
        }
    }
  return NULL;
}

static void
test_database_restart (void)
{
  const char *env[] = { "COACHBOOK_SYNC_DATABASE_POOL_SIZE=4", "COACHBOOK_SYNC_DATABASE_CONNECT_TIMEOUT=2", NULL };
  g_autoptr(SyncTestStack) stack = sync_test_stack_new (env);
  g_autoptr(SyncTestDevice) device = team_device (stack);
  g_autofree char *health_url = sync_test_stack_url (stack, "/healthz");
  g_autofree char *pull_url = sync_test_stack_url (stack, "/v1/pull");
  const char *pid = g_subprocess_get_identifier (stack->server->process);
  g_autofree char *pid_before = g_strdup (pid);
  Load load = { stack->server->url, device, 0, 0, 0, g_ptr_array_new_with_free_func (g_free) };
  g_autoptr(GPtrArray) seen = NULL;
  GThread *thread;

  device->next_mid = 1;
  thread = g_thread_new ("load", load_thread, &load);
  g_usleep (300 * 1000);

  /* down: requests fail fast with a JSON 503, the server stays up */
  sync_test_pg_ctl ("stop");
  {
    g_autoptr(SyncTestResponse) health = sync_test_request (stack->session, "GET", health_url, NULL, NULL, 0);
    g_autoptr(SyncTestResponse) pull = sync_test_request (stack->session, "GET", pull_url, device->token,
                                                          NULL, 0);

    sync_test_assert_error (health, 503, "unavailable");
    sync_test_assert_error (pull, 503, "unavailable");
  }
  g_usleep (300 * 1000);

  /* up again: the very first request works, on new connections */
  sync_test_pg_ctl ("start");
  {
    g_autoptr(SyncTestResponse) pull = sync_test_request (stack->session, "GET", pull_url, device->token,
                                                          NULL, 0);
    g_assert_cmpuint (pull->status, ==, 200);
  }
  g_usleep (300 * 1000);

  /* a restart nobody noticed leaves dead idle connections behind: the
   * next request must not fail because of them */
  g_atomic_int_set (&load.stop, 1);
  g_thread_join (thread);
  sync_test_pg_ctl ("stop");
  sync_test_pg_ctl ("start");
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(SyncTestResponse) pull = sync_test_request (stack->session, "GET", pull_url, device->token,
                                                            NULL, 0);
      g_assert_cmpuint (pull->status, ==, 200);
    }
  assert_healthy (stack);

  /* the same process all along, and every acknowledged push is there once */
  g_assert_cmpstr (g_subprocess_get_identifier (stack->server->process), ==, pid_before);
  g_assert_cmpuint (load.ok, >, 0);
  g_assert_cmpuint (load.unavailable, >, 0);
  device->cursor = 0;
  seen = sync_test_pull_all (stack->session, stack->server->url, device, 1000);
  g_assert_cmpuint (seen->len, ==, load.ok);
  for (guint i = 0; i < load.ok; i++)
    g_assert_nonnull (sync_test_find_change (seen, g_ptr_array_index (load.ids, i)));
  g_ptr_array_unref (load.ids);
}

typedef struct
{
  SyncTestStack  *stack;
  SyncTestDevice *device;
  guint           status;
  gint64          last_mid;
} SlowPush;

static gpointer
slow_push_thread (gpointer data)
{
  SlowPush *slow = data;
  g_autoptr(SoupSession) session = sync_test_session_new ();
  g_autoptr(CoachWirePush) push = coach_wire_push_new ();
  g_autoptr(SyncTestResponse) r = NULL;
  g_autofree char *id = coach_uuid_v7_new ();

  sync_test_add_mutation (push, 1, "tag", "upsert", id, "{\"name\": \"last words\"}");
  r = sync_test_push (session, slow->stack->server->url, slow->device, push);
  slow->status = r->status;
  if (r->status == 200)
    slow->last_mid = json_object_get_int_member (sync_test_response_object (r), "last_mid");
  return NULL;
}

static void
test_graceful_shutdown (void)
{
  const char *env[] = { "COACHBOOK_SYNC_DEBUG_PUSH_DELAY_MS=1500", NULL };
  SyncTestStack *stack = sync_test_stack_new (env);
  g_autoptr(SyncTestDevice) device = team_device (stack);
  g_autoptr(SoupSession) other = sync_test_session_new ();
  g_autofree char *health_url = sync_test_stack_url (stack, "/healthz");
  g_autoptr(SyncTestResponse) refused = NULL;
  SlowPush slow = { stack, device, 0, 0 };
  GThread *thread;

  thread = g_thread_new ("push", slow_push_thread, &slow);
  g_usleep (400 * 1000);
  g_subprocess_send_signal (stack->server->process, SIGTERM);
  g_usleep (200 * 1000);

  /* draining: new requests are turned away, the one in flight finishes */
  refused = sync_test_request (other, "GET", health_url, NULL, NULL, 0);
  sync_test_assert_error (refused, 503, "unavailable");

  g_thread_join (thread);
  g_assert_cmpuint (slow.status, ==, 200);
  g_assert_cmpint (slow.last_mid, ==, 1);
  g_assert_cmpint (sync_test_db_int (stack->db, "SELECT count(*) FROM record"), ==, 1);

  /* exits 0 on its own; stopping it again is harmless */
  {
    g_autoptr(GError) error = NULL;

    g_subprocess_wait (stack->server->process, NULL, &error);
    g_assert_no_error (error);
    g_assert_true (g_subprocess_get_if_exited (stack->server->process));
    g_assert_cmpint (g_subprocess_get_exit_status (stack->server->process), ==, 0);
  }
  sync_test_stack_free (stack);
}

static guint64
metric (const char *text,
        const char *series)
{
  g_autofree char *line = g_strconcat ("\n", series, " ", NULL);
  const char *at = strstr (text, line);

  if (at == NULL)
    g_error ("metric %s missing from:\n%s", series, text);
  return g_ascii_strtoull (at + strlen (line), NULL, 10);
}

static void
test_metrics (void)
{
  g_autoptr(SyncTestStack) stack = sync_test_stack_new (NULL);
  g_autoptr(SyncTestDevice) device = team_device (stack);
  g_autoptr(CoachWirePush) push = coach_wire_push_new ();
  g_autofree char *url = sync_test_stack_url (stack, "/metrics");
  g_autofree char *bad_url = sync_test_stack_url (stack, "/v1/push");
  g_autoptr(SyncTestResponse) bad = NULL;
  g_autoptr(SyncTestResponse) r = NULL;
  g_autofree char *id = coach_uuid_v7_new ();

  sync_test_add_mutation (push, 1, "tag", "upsert", id, "{\"name\": \"a\"}");
  sync_test_add_mutation (push, 2, "nope", "upsert", id, "{\"name\": \"a\"}");
  coach_wire_push_result_free (sync_test_push_ok (stack->session, stack->server->url, device, push));
  coach_wire_push_result_free (sync_test_push_ok (stack->session, stack->server->url, device, push));
  g_ptr_array_unref (sync_test_pull_all (stack->session, stack->server->url, device, 10));
  bad = sync_test_request (stack->session, "POST", bad_url, device->token, "{", -1);

  r = sync_test_request (stack->session, "GET", url, NULL, NULL, 0);
  g_assert_cmpuint (r->status, ==, 200);
  g_assert_true (g_str_has_prefix (soup_message_headers_get_content_type (r->headers, NULL), "text/plain"));
  g_assert_cmpuint (metric (r->body, "coachbook_sync_http_requests_total{route=\"/v1/push\",status=\"200\"}"), ==, 2);
  g_assert_cmpuint (metric (r->body, "coachbook_sync_http_requests_total{route=\"/v1/push\",status=\"400\"}"), ==, 1);
  g_assert_cmpuint (metric (r->body, "coachbook_sync_http_requests_total{route=\"/v1/auth/login\",status=\"200\"}"), ==, 1);
  g_assert_cmpuint (metric (r->body, "coachbook_sync_http_request_duration_seconds_count{route=\"/v1/push\"}"), ==, 3);
  g_assert_cmpuint (metric (r->body, "coachbook_sync_pushes_total"), ==, 2);
  g_assert_cmpuint (metric (r->body, "coachbook_sync_push_mutations_total{result=\"applied\"}"), ==, 1);
  g_assert_cmpuint (metric (r->body, "coachbook_sync_push_mutations_total{result=\"rejected\"}"), ==, 1);
  g_assert_cmpuint (metric (r->body, "coachbook_sync_push_mutations_total{result=\"skipped\"}"), ==, 2);
  g_assert_cmpuint (metric (r->body, "coachbook_sync_pulls_total"), ==, 1);
  g_assert_cmpuint (metric (r->body, "coachbook_sync_pull_changes_total"), ==, 1);
  g_assert_cmpuint (metric (r->body, "coachbook_sync_db_connections_max"), ==, 8);
}

static gboolean
accept_certificate_cb (SoupMessage          *msg,
                       GTlsCertificate      *certificate,
                       GTlsCertificateFlags  errors,
                       gpointer              user_data)
{
  GTlsCertificate *expected = user_data;

  return g_tls_certificate_is_same (certificate, expected);
}

static void
test_tls (void)
{
  g_autofree char *cert_path = g_test_build_filename (G_TEST_DIST, "test-tls-cert.pem", NULL);
  g_autofree char *key_path = g_test_build_filename (G_TEST_DIST, "test-tls-key.pem", NULL);
  g_autofree char *cert_env = g_strconcat ("COACHBOOK_SYNC_HTTP_TLS_CERTIFICATE=", cert_path, NULL);
  g_autofree char *key_env = g_strconcat ("COACHBOOK_SYNC_HTTP_TLS_KEY=", key_path, NULL);
  const char *env[] = { cert_env, key_env, NULL };
  g_autoptr(SyncTestStack) stack = sync_test_stack_new (env);
  g_autoptr(GTlsCertificate) cert = g_tls_certificate_new_from_file (cert_path, NULL);
  g_autofree char *url = sync_test_stack_url (stack, "/healthz");
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_str_has_prefix (stack->server->url, "https://"));
  g_assert_nonnull (cert);
  g_signal_connect (msg, "accept-certificate", G_CALLBACK (accept_certificate_cb), cert);
  body = soup_session_send_and_read (stack->session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  g_assert_nonnull (soup_message_get_tls_peer_certificate (msg));
}

static int
run_binary (const char * const  *args,
            const char * const  *env,
            char               **out,
            char               **err)
{
  g_autoptr(GSubprocessLauncher) launcher = sync_test_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                       G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; env && env[i]; i++)
    {
      g_auto(GStrv) kv = g_strsplit (env[i], "=", 2);
      g_subprocess_launcher_setenv (launcher, kv[0], kv[1], TRUE);
    }
  g_ptr_array_add (argv, (char *) g_getenv ("COACHBOOK_TEST_SYNC_BIN"));
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, out, err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  return g_subprocess_get_exit_status (process);
}

static void
test_command_line (void)
{
  g_autoptr(SyncTestDb) db = sync_test_db_new ();
  g_autofree char *dir = g_dir_make_tmp ("coachbook-sync-XXXXXX", NULL);
  g_autofree char *bad_conf = g_build_filename (dir, "bad.conf", NULL);
  g_autofree char *good_conf = g_build_filename (dir, "good.conf", NULL);
  g_autofree char *good_text = NULL;
  struct {
    const char *args[4];
    const char *env[3];
    int         status;
    const char *text;
  } cases[] = {
    { { "--help" }, { NULL }, 0, "admin add-coach TEAM EMAIL" },
    { { "--version" }, { NULL }, 0, PACKAGE_VERSION },
    { { }, { NULL }, 2, "serve" },
    { { "launch" }, { NULL }, 2, "unknown command" },
    { { "serve", "now" }, { NULL }, 2, "takes no arguments" },
    { { "--config", bad_conf, "migrate" }, { NULL }, 2, "unknown setting http.prot" },
    { { "--config", "/nonexistent/coachbook.conf", "migrate" }, { NULL }, 2, "nonexistent" },
    { { "migrate" }, { "COACHBOOK_SYNC_HTTP_PORT=99999" }, 2, "http.port" },
    { { "migrate" }, { "COACHBOOK_SYNC_HTTP_MAX_BODY_SIZE=lots" }, 2, "http.max_body_size" },
    { { "migrate" }, { "COACHBOOK_SYNC_HTTP_TLS_CERTIFICATE=/etc/cert.pem" }, 2, "tls_key" },
    { { "migrate" }, { "COACHBOOK_SYNC_HTTP_LISTEN=localhost" }, 2, "IP address" },
    { { "migrate" }, { "COACHBOOK_SYNC_DATABASE_URL=postgresql://nobody@127.0.0.1:1/none",
                       "COACHBOOK_SYNC_DATABASE_CONNECT_TIMEOUT=1" }, 1, "cannot connect" },
  };

  g_assert_true (g_file_set_contents (bad_conf, "[http]\nprot = 8080\n", -1, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      int status = run_binary (cases[i].args, cases[i].env, &out, &err);

      if (status != cases[i].status || (strstr (out, cases[i].text) == NULL && strstr (err, cases[i].text) == NULL))
        g_error ("case %u: expected %d and \"%s\", got %d:\n%s%s", i, cases[i].status, cases[i].text,
                 status, out, err);
    }

  /* the environment wins over the file: the file's database and port
   * would not work */
  good_text = g_strdup_printf ("# a comment\n[http]\nlisten = 127.0.0.1\nport = 1\nmax_body_size = 1M\n"
                               "[database]\nurl = postgresql://nobody@127.0.0.1:1/none\npool_size = 2\n"
                               "[auth]\ntoken_lifetime_days = 30\n");
  g_assert_true (g_file_set_contents (good_conf, good_text, -1, NULL));
  {
    g_autoptr(GSubprocessLauncher) launcher = sync_test_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
    g_autoptr(GError) error = NULL;
    g_autoptr(SoupSession) session = sync_test_session_new ();
    g_autoptr(SyncTestResponse) health = NULL;
    g_autofree char *url = NULL;
    SyncTestServer server = { 0 };

    g_subprocess_launcher_setenv (launcher, "COACHBOOK_SYNC_DATABASE_URL", db->url, TRUE);
    g_subprocess_launcher_setenv (launcher, "COACHBOOK_SYNC_HTTP_PORT", "0", TRUE);
    server.process = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("COACHBOOK_TEST_SYNC_BIN"),
                                                  "serve", "--config", good_conf, NULL);
    g_assert_no_error (error);
    sync_test_server_wait (&server);
    url = g_strconcat (server.url, "/healthz", NULL);
    health = sync_test_request (session, "GET", url, NULL, NULL, 0);
    g_assert_cmpuint (health->status, ==, 200);

    g_subprocess_send_signal (server.process, SIGINT);
    g_subprocess_wait (server.process, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpint (g_subprocess_get_exit_status (server.process), ==, 0);
    g_object_unref (server.process);
    g_free (server.url);
  }

  /* the shipped example is valid as it stands */
  {
    const char *args[] = { "--config", g_getenv ("COACHBOOK_TEST_CONFIG_EXAMPLE"), "migrate", NULL };
    g_autofree char *env_url = g_strconcat ("COACHBOOK_SYNC_DATABASE_URL=", db->url, NULL);
    const char *env[] = { env_url, NULL };
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;

    g_assert_nonnull (args[1]);
    if (run_binary (args, env, &out, &err) != 0)
      g_error ("the example configuration is refused: %s", err);
  }

  /* migrate twice: the second run has nothing to do */
  for (guint i = 0; i < 2; i++)
    {
      const char *args[] = { "migrate", NULL };
      g_autofree char *env_url = g_strconcat ("COACHBOOK_SYNC_DATABASE_URL=", db->url, NULL);
      const char *env[] = { env_url, NULL };
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      g_assert_cmpint (run_binary (args, env, &out, &err), ==, 0);
      g_assert_nonnull (strstr (err, i == 0 ? "up to date" : "(0 migrations applied now)"));
    }
  g_assert_cmpint (sync_test_db_int (db, "SELECT count(*) FROM schema_migrations"), ==, sync_test_n_migrations ());

  g_unlink (bad_conf);
  g_unlink (good_conf);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/robust/malformed", test_malformed);
  g_test_add_func ("/robust/huge-body", test_huge_body);
  g_test_add_func ("/robust/slow-client", test_slow_client);
  g_test_add_func ("/robust/database-restart", test_database_restart);
  g_test_add_func ("/robust/graceful-shutdown", test_graceful_shutdown);
  g_test_add_func ("/robust/metrics", test_metrics);
  g_test_add_func ("/robust/command-line", test_command_line);
  g_test_add_func ("/robust/tls", test_tls);

  return g_test_run ();
}
