/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "sync-test"

#include "config.h"

#include <signal.h>
#include <sys/prctl.h>
#include <string.h>

#include "sync-test-util.h"

static const char *
require_env (const char *name)
{
  const char *value = g_getenv (name);

  if (value == NULL || *value == '\0')
    g_error ("%s is not set: run this test through with-postgres.sh (meson test does)", name);
  return value;
}

/* ------------------------------------------------------------------------- */
/* Database */

static PGconn *
superuser_connect (const char *dbname)
{
  const char *keywords[] = { "host", "port", "user", "dbname", NULL };
  const char *values[] = { require_env ("COACHBOOK_TEST_PG_HOST"), require_env ("COACHBOOK_TEST_PG_PORT"),
                           "postgres", dbname, NULL };
  PGconn *conn = PQconnectdbParams (keywords, values, 0);

  if (PQstatus (conn) != CONNECTION_OK)
    g_error ("cannot connect to the test cluster: %s", PQerrorMessage (conn));
  return conn;
}

SyncTestDb *
sync_test_db_new (void)
{
  SyncTestDb *db = g_new0 (SyncTestDb, 1);
  g_autofree char *sql = NULL;
  PGconn *conn;
  PGresult *res;

  db->name = g_strdup_printf ("test_%08x%08x", g_random_int (), g_random_int ());
  db->url = g_strdup_printf ("%s/%s", require_env ("COACHBOOK_TEST_PG_APP_URL"), db->name);

  conn = superuser_connect ("postgres");
  sql = g_strdup_printf ("CREATE DATABASE %s OWNER coachbook", db->name);
  res = PQexec (conn, sql);
  if (PQresultStatus (res) != PGRES_COMMAND_OK)
    g_error ("CREATE DATABASE failed: %s", PQresultErrorMessage (res));
  PQclear (res);
  PQfinish (conn);

  db->blob_dir = g_dir_make_tmp ("coachbook-blobs-XXXXXX", NULL);
  g_assert_nonnull (db->blob_dir);
  return db;
}

/* The migrations compiled into the server. */
gint64
sync_test_n_migrations (void)
{
  g_auto(GStrv) names = g_resources_enumerate_children ("/io/github/coachbook/Sync/sql/",
                                                        G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);

  g_assert_nonnull (names);
  return g_strv_length (names);
}

void
sync_test_remove_tree (const char *dir)
{
  g_autoptr(GFile) file = g_file_new_for_path (dir);
  g_autoptr(GFileEnumerator) children = NULL;
  GFileInfo *info;

  children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  while (children != NULL && (info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
    {
      g_autoptr(GFile) child = g_file_get_child (file, g_file_info_get_name (info));

      if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
        {
          g_autofree char *path = g_file_get_path (child);

          sync_test_remove_tree (path);
        }
      else
        g_file_delete (child, NULL, NULL);
      g_object_unref (info);
    }
  g_file_delete (file, NULL, NULL);
}

void
sync_test_db_free (SyncTestDb *db)
{
  if (db == NULL)
    return;
  if (db->blob_dir != NULL)
    sync_test_remove_tree (db->blob_dir);
  g_free (db->blob_dir);
  g_free (db->name);
  g_free (db->url);
  g_free (db);
}

/* As superuser: row-level security does not hide anything from it. */
PGresult *
sync_test_db_exec (SyncTestDb *db,
                   const char *sql)
{
  PGconn *conn = superuser_connect (db->name);
  PGresult *res = PQexec (conn, sql);
  ExecStatusType status = PQresultStatus (res);

  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
    g_error ("%s: %s", sql, PQresultErrorMessage (res));
  PQfinish (conn);
  return res;
}

char *
sync_test_db_value (SyncTestDb *db,
                    const char *sql)
{
  g_autoptr(PGresult) res = sync_test_db_exec (db, sql);

  g_assert_cmpint (PQntuples (res), ==, 1);
  return PQgetisnull (res, 0, 0) ? NULL : g_strdup (PQgetvalue (res, 0, 0));
}

gint64
sync_test_db_int (SyncTestDb *db,
                  const char *sql)
{
  g_autofree char *v = sync_test_db_value (db, sql);

  g_assert_nonnull (v);
  return g_ascii_strtoll (v, NULL, 10);
}

void
sync_test_pg_ctl (const char *action)
{
  const char *argv[] = { require_env ("COACHBOOK_TEST_PG_CTL"), action, NULL };
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                     NULL, NULL, &status, &error))
    g_error ("pg_ctl %s: %s", action, error->message);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

/* ------------------------------------------------------------------------- */
/* The server binary */

/* A server must not outlive a test that crashed: it would keep the test's
 * output pipe open and the test runner waiting. */
static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

GSubprocessLauncher *
sync_test_launcher_new (GSubprocessFlags flags)
{
  GSubprocessLauncher *launcher = g_subprocess_launcher_new (flags);

  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  return launcher;
}

static GSubprocessLauncher *
launcher_for (SyncTestDb         *db,
              GSubprocessFlags    flags,
              const char * const *env)
{
  GSubprocessLauncher *launcher = sync_test_launcher_new (flags);

  g_subprocess_launcher_setenv (launcher, "COACHBOOK_SYNC_DATABASE_URL", db->url, TRUE);
  g_subprocess_launcher_setenv (launcher, "COACHBOOK_SYNC_HTTP_LISTEN", "127.0.0.1", TRUE);
  g_subprocess_launcher_setenv (launcher, "COACHBOOK_SYNC_HTTP_PORT", "0", TRUE);
  g_subprocess_launcher_setenv (launcher, "COACHBOOK_SYNC_BLOBS_FS_PATH", db->blob_dir, TRUE);
  g_subprocess_launcher_setenv (launcher, "COACHBOOK_SYNC_BLOBS_FS_SECRET", "test blob secret", TRUE);
  for (guint i = 0; env && env[i]; i++)
    {
      g_auto(GStrv) kv = g_strsplit (env[i], "=", 2);

      g_assert_nonnull (kv[1]);
      g_subprocess_launcher_setenv (launcher, kv[0], kv[1], TRUE);
    }
  return launcher;
}

SyncTestServer *
sync_test_server_spawn (SyncTestDb         *db,
                        const char * const *env)
{
  g_autoptr(GSubprocessLauncher) launcher = launcher_for (db, G_SUBPROCESS_FLAGS_STDOUT_PIPE, env);
  g_autoptr(GError) error = NULL;
  SyncTestServer *server = g_new0 (SyncTestServer, 1);

  server->process = g_subprocess_launcher_spawn (launcher, &error,
                                                 require_env ("COACHBOOK_TEST_SYNC_BIN"), "serve", NULL);
  g_assert_no_error (error);
  return server;
}

/* Waits for the one line serve prints once it listens. */
void
sync_test_server_wait (SyncTestServer *server)
{
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;

  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server->process));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  if (line == NULL)
    g_error ("coachbook-sync serve exited without printing its URL");
  g_assert_true (g_str_has_prefix (line, "URL=http://127.0.0.1:") ||
                 g_str_has_prefix (line, "URL=https://127.0.0.1:"));
  server->url = g_strdup (line + 4);
}

SyncTestServer *
sync_test_server_start (SyncTestDb         *db,
                        const char * const *env)
{
  SyncTestServer *server = sync_test_server_spawn (db, env);

  sync_test_server_wait (server);
  return server;
}

/* Stops the server the way systemd does and checks it exits cleanly. */
void
sync_test_server_stop (SyncTestServer *server)
{
  g_autoptr(GError) error = NULL;

  if (server == NULL)
    return;
  g_subprocess_send_signal (server->process, SIGTERM);
  g_subprocess_wait (server->process, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (server->process));
  g_assert_cmpint (g_subprocess_get_exit_status (server->process), ==, 0);
  g_object_unref (server->process);
  g_free (server->url);
  g_free (server);
}

static char *
admin_valist (SyncTestDb  *db,
              const char  *input,
              int         *exit_status,
              char       **stderr_text,
              va_list      args)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *arg;

  launcher = launcher_for (db, G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                               G_SUBPROCESS_FLAGS_STDERR_PIPE, NULL);
  g_ptr_array_add (argv, (char *) require_env ("COACHBOOK_TEST_SYNC_BIN"));
  g_ptr_array_add (argv, (char *) "admin");
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, input ? input : "", NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));

  *exit_status = g_subprocess_get_exit_status (process);
  if (stderr_text)
    *stderr_text = g_steal_pointer (&err);
  return g_strstrip (g_steal_pointer (&out));
}

char *
sync_test_admin (SyncTestDb  *db,
                 const char  *input,
                 int         *exit_status,
                 char       **stderr_text,
                 ...)
{
  va_list args;
  char *out;

  va_start (args, stderr_text);
  out = admin_valist (db, input, exit_status, stderr_text, args);
  va_end (args);
  return out;
}

char *
sync_test_admin_ok (SyncTestDb *db,
                    const char *input,
                    ...)
{
  g_autofree char *err = NULL;
  va_list args;
  int status;
  char *out;

  va_start (args, input);
  out = admin_valist (db, input, &status, &err, args);
  va_end (args);
  if (status != 0)
    g_error ("coachbook-sync admin failed (%d): %s", status, err);
  return out;
}

/* ------------------------------------------------------------------------- */
/* HTTP */

SoupSession *
sync_test_session_new (void)
{
  return soup_session_new_with_options ("timeout", 60, "max-conns-per-host", 8, NULL);
}

SyncTestResponse *
sync_test_request (SoupSession *session,
                   const char  *method,
                   const char  *url,
                   const char  *token,
                   const char  *body,
                   gssize       body_len)
{
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  SyncTestResponse *response;
  gsize len;

  g_assert_nonnull (msg);
  if (token != NULL)
    {
      g_autofree char *value = g_strconcat ("Bearer ", token, NULL);

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", value);
    }
  if (body != NULL)
    {
      g_autoptr(GBytes) request = g_bytes_new (body, body_len < 0 ? strlen (body) : (gsize) body_len);

      soup_message_set_request_body_from_bytes (msg, "application/json", request);
    }

  bytes = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);

  response = g_new0 (SyncTestResponse, 1);
  response->status = soup_message_get_status (msg);
  response->body = g_strndup (g_bytes_get_data (bytes, &len), g_bytes_get_size (bytes));
  response->headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
  if (json_parser_load_from_data (parser, response->body, -1, NULL) && json_parser_get_root (parser))
    response->json = json_node_copy (json_parser_get_root (parser));
  return response;
}

void
sync_test_response_free (SyncTestResponse *response)
{
  if (response == NULL)
    return;
  g_free (response->body);
  g_clear_pointer (&response->json, json_node_unref);
  soup_message_headers_unref (response->headers);
  g_free (response);
}

JsonObject *
sync_test_response_object (SyncTestResponse *response)
{
  if (response->json == NULL || !JSON_NODE_HOLDS_OBJECT (response->json))
    g_error ("expected a JSON object, got: %s", response->body);
  return json_node_get_object (response->json);
}

/* Every error is {"error": code, "message": text} with a JSON type. */
void
sync_test_assert_error (SyncTestResponse *response,
                        guint             status,
                        const char       *code)
{
  g_autofree char *got_code = NULL;
  g_autofree char *message = NULL;

  if (response->status != status)
    g_error ("expected HTTP %u (%s), got %u: %s", status, code, response->status, response->body);
  g_assert_cmpstr (soup_message_headers_get_content_type (response->headers, NULL), ==, "application/json");
  g_assert_true (coach_wire_error_from_json (response->json, &got_code, &message));
  g_assert_cmpstr (got_code, ==, code);
  g_assert_nonnull (message);
  g_assert_cmpuint (strlen (message), >, 0);
}

/* ------------------------------------------------------------------------- */
/* Stacks, teams, devices */

SyncTestStack *
sync_test_stack_new (const char * const *server_env)
{
  SyncTestStack *stack = g_new0 (SyncTestStack, 1);

  stack->db = sync_test_db_new ();
  stack->server = sync_test_server_start (stack->db, server_env);
  stack->session = sync_test_session_new ();
  return stack;
}

void
sync_test_stack_free (SyncTestStack *stack)
{
  if (stack == NULL)
    return;
  g_object_unref (stack->session);
  sync_test_server_stop (stack->server);
  sync_test_db_free (stack->db);
  g_free (stack);
}

char *
sync_test_stack_url (SyncTestStack *stack,
                     const char    *path)
{
  return g_strconcat (stack->server->url, path, NULL);
}

char *
sync_test_create_team (SyncTestDb *db,
                       const char *name)
{
  return sync_test_admin_ok (db, NULL, "create-team", name, NULL);
}

void
sync_test_add_coach (SyncTestDb *db,
                     const char *team,
                     const char *email)
{
  g_autofree char *id = sync_test_admin_ok (db, SYNC_TEST_PASSWORD "\n", "add-coach", team, email, NULL);

  g_assert_cmpuint (strlen (id), ==, 36);
}

SyncTestDevice *
sync_test_login (SoupSession *session,
                 const char  *base_url,
                 const char  *email,
                 const char  *device_name)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(SyncTestResponse) response = NULL;
  g_autofree char *url = g_strconcat (base_url, "/v1/auth/login", NULL);
  g_autofree char *body = NULL;
  SyncTestDevice *device;
  JsonObject *object;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "email");
  json_builder_add_string_value (builder, email);
  json_builder_set_member_name (builder, "password");
  json_builder_add_string_value (builder, SYNC_TEST_PASSWORD);
  json_builder_set_member_name (builder, "device_name");
  json_builder_add_string_value (builder, device_name);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  body = json_generator_to_data (generator, NULL);

  response = sync_test_request (session, "POST", url, NULL, body, -1);
  if (response->status != 200)
    g_error ("login of %s failed: %u %s", email, response->status, response->body);
  object = sync_test_response_object (response);

  device = g_new0 (SyncTestDevice, 1);
  device->token = g_strdup (json_object_get_string_member (object, "token"));
  device->device_id = g_strdup (json_object_get_string_member (object, "device_id"));
  device->team_id = g_strdup (json_object_get_string_member (object, "team_id"));
  device->next_mid = 1;
  return device;
}

void
sync_test_device_free (SyncTestDevice *device)
{
  if (device == NULL)
    return;
  g_free (device->token);
  g_free (device->device_id);
  g_free (device->team_id);
  g_free (device);
}

/* ------------------------------------------------------------------------- */
/* Push and pull */

JsonObject *
sync_test_fields (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

void
sync_test_add_mutation (CoachWirePush *push,
                        gint64         mid,
                        const char    *table,
                        const char    *op,
                        const char    *id,
                        const char    *fields_json)
{
  g_autoptr(JsonObject) fields = sync_test_fields (fields_json ? fields_json : "{}");
  CoachWireOp wire_op = COACH_WIRE_OP_UPSERT;

  g_assert_true (coach_wire_op_from_string (op, &wire_op));
  g_ptr_array_add (push->mutations, coach_wire_mutation_new (mid, table, wire_op, id, fields));
}

char *
sync_test_push_body (const CoachWirePush *push)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = coach_wire_push_to_json (push);

  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

SyncTestResponse *
sync_test_push (SoupSession          *session,
                const char           *base_url,
                const SyncTestDevice *device,
                const CoachWirePush  *push)
{
  g_autofree char *url = g_strconcat (base_url, "/v1/push", NULL);
  g_autofree char *body = sync_test_push_body (push);

  return sync_test_request (session, "POST", url, device->token, body, -1);
}

CoachWirePushResult *
sync_test_push_ok (SoupSession          *session,
                   const char           *base_url,
                   const SyncTestDevice *device,
                   const CoachWirePush  *push)
{
  g_autoptr(SyncTestResponse) response = sync_test_push (session, base_url, device, push);
  g_autoptr(GError) error = NULL;
  CoachWirePushResult *result;

  if (response->status != 200)
    g_error ("push failed: %u %s", response->status, response->body);
  result = coach_wire_push_result_from_json (response->json, &error);
  g_assert_no_error (error);
  return result;
}

CoachWirePull *
sync_test_pull_ok (SoupSession          *session,
                   const char           *base_url,
                   const SyncTestDevice *device,
                   gint64                cursor,
                   guint                 limit)
{
  g_autofree char *url = g_strdup_printf ("%s/v1/pull?cursor=%" G_GINT64_FORMAT "&limit=%u",
                                          base_url, cursor, limit);
  g_autoptr(SyncTestResponse) response = sync_test_request (session, "GET", url, device->token, NULL, 0);
  g_autoptr(GError) error = NULL;
  CoachWirePull *pull;

  if (response->status != 200)
    g_error ("pull failed: %u %s", response->status, response->body);
  pull = coach_wire_pull_from_json (response->json, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pull->cursor, >=, cursor);
  return pull;
}

/* Pulls from the device's cursor until has_more is false, checking on the
 * way that versions only grow. Returns the changes in order. */
GPtrArray *
sync_test_pull_all (SoupSession    *session,
                    const char     *base_url,
                    SyncTestDevice *device,
                    guint           limit)
{
  GPtrArray *all = g_ptr_array_new_with_free_func ((GDestroyNotify) coach_wire_change_free);
  gboolean more = TRUE;

  while (more)
    {
      g_autoptr(CoachWirePull) pull = sync_test_pull_ok (session, base_url, device, device->cursor, limit);

      g_assert_cmpuint (pull->changes->len, <=, limit);
      for (guint i = 0; i < pull->changes->len; i++)
        {
          CoachWireChange *change = g_ptr_array_index (pull->changes, i);

          g_assert_cmpint (change->version, >, device->cursor);
          g_assert_cmpint (change->version, <=, pull->cursor);
          device->cursor = change->version;
          g_ptr_array_add (all, g_steal_pointer (&pull->changes->pdata[i]));
        }
      device->cursor = pull->cursor;
      more = pull->has_more;
    }
  return all;
}

CoachWireChange *
sync_test_find_change (GPtrArray  *changes,
                       const char *id)
{
  CoachWireChange *found = NULL;

  /* the last one wins, as it would when applied in order */
  for (guint i = 0; i < changes->len; i++)
    {
      CoachWireChange *change = g_ptr_array_index (changes, i);

      if (g_strcmp0 (change->id, id) == 0)
        found = change;
    }
  return found;
}

const char *
sync_test_field_string (CoachWireChange *change,
                        const char      *name)
{
  if (change == NULL || !json_object_has_member (change->fields, name))
    return NULL;
  return json_object_get_string_member (change->fields, name);
}
