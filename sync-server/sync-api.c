/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coachbook-sync"

#include "config.h"

#include <string.h>

#include "coach-uuid.h"
#include "coach-wire.h"
#include "sync-api.h"
#include "sync-auth.h"
#include "sync-blobs.h"
#include "sync-error.h"
#include "sync-mail-links.h"
#include "sync-pull.h"
#include "sync-push.h"

#define MAX_DEVICE_NAME 200

/* ------------------------------------------------------------------------- */
/* Utilities */

static const char *
get_string_member (JsonObject  *object,
                   const char  *name,
                   gboolean     required,
                   GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (required)
        g_set_error (error, SYNC_ERROR, SYNC_ERROR_INVALID_REQUEST, "%s is required", name);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_set_error (error, SYNC_ERROR, SYNC_ERROR_INVALID_REQUEST, "%s must be a string", name);
      return NULL;
    }
  return json_node_get_string (node);
}

static gboolean
parse_query_int (SyncRequest  *req,
                 const char   *name,
                 gint64        fallback,
                 gint64        min,
                 gint64       *out,
                 GError      **error)
{
  const char *text = sync_request_get_query (req, name);
  gint64 v;

  if (text == NULL || *text == '\0')
    {
      *out = fallback;
      return TRUE;
    }
  if (!g_ascii_string_to_signed (text, 10, min, G_MAXINT64, &v, NULL))
    {
      g_set_error (error, SYNC_ERROR, SYNC_ERROR_INVALID_REQUEST,
                   "%s must be an integer of at least %" G_GINT64_FORMAT, name, min);
      return FALSE;
    }
  *out = v;
  return TRUE;
}

static gboolean
check_schema_version (gint64   version,
                      GError **error)
{
  if (version < SYNC_MIN_CLIENT_SCHEMA)
    {
      g_set_error (error, SYNC_ERROR, SYNC_ERROR_UPGRADE_REQUIRED,
                   "this server needs clients with schema %d or newer; this one has %" G_GINT64_FORMAT
                   ": please update Coachbook", SYNC_MIN_CLIENT_SCHEMA, version);
      return FALSE;
    }
  return TRUE;
}

static void
respond_failure (SyncApi      *api,
                 SyncRequest  *req,
                 const GError *error)
{
  if (g_error_matches (error, SYNC_ERROR, SYNC_ERROR_RESYNC))
    sync_metrics_add (api->metrics, SYNC_COUNTER_RESYNCS, 1);
  sync_request_respond_error (req, error);
}

/* ------------------------------------------------------------------------- */
/* POST /v1/auth/login */

static void
handle_login (SyncApi     *api,
              SyncRequest *req)
{
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(GError) error = NULL;
  SyncLoginResult result = { 0 };
  const char *email;
  const char *password;
  const char *device_name;

  body = sync_request_parse_object (req, &error);
  if (body == NULL)
    goto fail;
  if (!(email = get_string_member (body, "email", TRUE, &error)) ||
      !(password = get_string_member (body, "password", TRUE, &error)))
    goto fail;
  device_name = get_string_member (body, "device_name", FALSE, &error);
  if (error != NULL)
    goto fail;
  if (device_name == NULL || *device_name == '\0')
    device_name = "unnamed device";
  if (strlen (device_name) > MAX_DEVICE_NAME)
    {
      g_set_error (&error, SYNC_ERROR, SYNC_ERROR_INVALID_REQUEST,
                   "device_name is longer than %d bytes", MAX_DEVICE_NAME);
      goto fail;
    }

  if (!sync_auth_login (api->db, api->config, email, password, device_name, req->client_ip,
                        &result, &error))
    {
      if (error->domain == SYNC_ERROR &&
          (error->code == SYNC_ERROR_INVALID_CREDENTIALS || error->code == SYNC_ERROR_RATE_LIMITED ||
           error->code == SYNC_ERROR_ACCOUNT_DISABLED))
        sync_metrics_add (api->metrics, SYNC_COUNTER_LOGIN_FAILURES, 1);
      if (g_error_matches (error, SYNC_ERROR, SYNC_ERROR_RATE_LIMITED))
        req->retry_after = api->config->login_failure_window;
      goto fail;
    }

  sync_metrics_add (api->metrics, SYNC_COUNTER_LOGINS, 1);
  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "token");
  json_builder_add_string_value (builder, result.token);
  json_builder_set_member_name (builder, "device_id");
  json_builder_add_string_value (builder, result.device_id);
  json_builder_set_member_name (builder, "team_id");
  json_builder_add_string_value (builder, result.team_id);
  json_builder_set_member_name (builder, "coach_id");
  json_builder_add_string_value (builder, result.coach_id);
  json_builder_end_object (builder);
  sync_request_respond_json (req, 200, json_builder_get_root (builder));
  sync_login_result_clear (&result);
  return;

fail:
  sync_login_result_clear (&result);
  respond_failure (api, req, error);
}

/* ------------------------------------------------------------------------- */
/* POST /v1/auth/logout */

typedef struct
{
  SyncApi      *api;
  SyncRequest  *req;
  SyncAuthInfo  auth;
} AuthedData;

static gboolean
logout_cb (SyncDbConn  *conn,
           gpointer     user_data,
           GError     **error)
{
  AuthedData *data = user_data;

  return sync_auth_authenticate (conn, data->req->authorization, &data->auth, error) &&
         sync_auth_logout (conn, &data->auth, error);
}

static void
handle_logout (SyncApi     *api,
               SyncRequest *req)
{
  AuthedData data = { api, req, { 0 } };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) builder = NULL;

  if (!sync_db_run (api->db, logout_cb, &data, &error))
    {
      respond_failure (api, req, error);
      sync_auth_info_clear (&data.auth);
      return;
    }

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "device_id");
  json_builder_add_string_value (builder, data.auth.device_id);
  json_builder_set_member_name (builder, "revoked");
  json_builder_add_boolean_value (builder, TRUE);
  json_builder_end_object (builder);
  sync_request_respond_json (req, 200, json_builder_get_root (builder));
  sync_auth_info_clear (&data.auth);
}

/* ------------------------------------------------------------------------- */
/* POST /v1/push */

typedef struct
{
  SyncApi             *api;
  SyncRequest         *req;
  SyncAuthInfo         auth;
  CoachWirePushResult *result;
  SyncPushStats        stats;
} PushData;

static gboolean
push_cb (SyncDbConn  *conn,
         gpointer     user_data,
         GError     **error)
{
  PushData *data = user_data;
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(CoachWirePush) push = NULL;
  g_autoptr(GError) local_error = NULL;

  if (!sync_auth_authenticate (conn, data->req->authorization, &data->auth, error))
    return FALSE;

  body = sync_request_parse_object (data->req, error);
  if (body == NULL)
    return FALSE;
  root = json_node_init_object (json_node_alloc (), body);
  push = coach_wire_push_from_json (root, &local_error);
  if (push == NULL)
    {
      g_set_error (error, SYNC_ERROR, SYNC_ERROR_INVALID_REQUEST, "%s", local_error->message);
      return FALSE;
    }
  if (!check_schema_version (push->schema_version, error))
    return FALSE;
  /* The device is the token's; a different one in the body is a client
   * bug worth reporting, never a way to write as another device. */
  if (push->device_id != NULL && g_ascii_strcasecmp (push->device_id, data->auth.device_id) != 0)
    {
      g_set_error_literal (error, SYNC_ERROR, SYNC_ERROR_INVALID_REQUEST,
                           "device_id does not match the token");
      return FALSE;
    }

  g_clear_pointer (&data->result, coach_wire_push_result_free);
  data->result = sync_push_apply (conn, &data->auth, push, data->api->config->push_delay_ms,
                                  &data->stats, error);
  return data->result != NULL;
}

static void
handle_push (SyncApi     *api,
             SyncRequest *req)
{
  PushData data = { api, req, { 0 }, NULL, { 0 } };
  g_autoptr(GError) error = NULL;

  if (!sync_db_run (api->db, push_cb, &data, &error))
    respond_failure (api, req, error);
  else
    {
      sync_metrics_add (api->metrics, SYNC_COUNTER_PUSHES, 1);
      sync_metrics_add (api->metrics, SYNC_COUNTER_MUTATIONS_APPLIED, data.stats.applied);
      sync_metrics_add (api->metrics, SYNC_COUNTER_MUTATIONS_SKIPPED, data.stats.skipped);
      sync_metrics_add (api->metrics, SYNC_COUNTER_MUTATIONS_REJECTED, data.stats.rejected);
      if (data.stats.gap)
        sync_metrics_add (api->metrics, SYNC_COUNTER_PUSH_GAPS, 1);
      sync_request_respond_json (req, 200, coach_wire_push_result_to_json (data.result));
    }

  g_clear_pointer (&data.result, coach_wire_push_result_free);
  sync_auth_info_clear (&data.auth);
}

/* ------------------------------------------------------------------------- */
/* GET /v1/pull */

typedef struct
{
  SyncApi      *api;
  SyncRequest  *req;
  SyncAuthInfo  auth;
  char         *body;
  guint         n_changes;
} PullData;

static gboolean
pull_cb (SyncDbConn  *conn,
         gpointer     user_data,
         GError     **error)
{
  PullData *data = user_data;
  SyncRequest *req = data->req;
  g_autoptr(GError) invalid = NULL;
  const char *epoch = NULL;
  gint64 cursor;
  gint64 limit;
  gint64 schema;

  if (parse_query_int (req, "cursor", 0, 0, &cursor, &invalid) &&
      parse_query_int (req, "limit", SYNC_PULL_DEFAULT_LIMIT, 1, &limit, &invalid) &&
      parse_query_int (req, "schema_version", SYNC_MIN_CLIENT_SCHEMA, G_MININT64, &schema, &invalid) &&
      check_schema_version (schema, &invalid))
    {
      epoch = sync_request_get_query (req, "epoch");
      if (epoch != NULL && *epoch == '\0')
        epoch = NULL;
      if (epoch != NULL && !coach_uuid_is_valid (epoch))
        g_set_error_literal (&invalid, SYNC_ERROR, SYNC_ERROR_INVALID_REQUEST, "epoch must be a UUID");
    }

  /* A bad token is reported before a bad request, as for every endpoint. */
  if (invalid != NULL)
    {
      if (!sync_auth_authenticate (conn, req->authorization, &data->auth, error))
        return FALSE;
      g_propagate_error (error, g_steal_pointer (&invalid));
      return FALSE;
    }

  g_free (data->body);
  data->body = sync_pull_page (conn, req->authorization, cursor, (guint) MIN (limit, SYNC_PULL_MAX_LIMIT),
                               epoch, &data->auth, &data->n_changes, error);
  return data->body != NULL;
}

static void
handle_pull (SyncApi     *api,
             SyncRequest *req)
{
  PullData data = { api, req, { 0 }, NULL, 0 };
  g_autoptr(GError) error = NULL;

  if (!sync_db_run (api->db, pull_cb, &data, &error))
    respond_failure (api, req, error);
  else
    {
      sync_metrics_add (api->metrics, SYNC_COUNTER_PULLS, 1);
      sync_metrics_add (api->metrics, SYNC_COUNTER_PULL_CHANGES, data.n_changes);
      sync_request_respond_text (req, 200, "application/json", g_steal_pointer (&data.body));
    }
  g_free (data.body);
  sync_auth_info_clear (&data.auth);
}

/* ------------------------------------------------------------------------- */
/* GET /healthz, GET /metrics */

static gboolean
ping_cb (SyncDbConn  *conn,
         gpointer     user_data,
         GError     **error)
{
  return sync_db_conn_command (conn, "SELECT 1", 0, NULL, error);
}

static void
handle_healthz (SyncApi     *api,
                SyncRequest *req)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) builder = NULL;

  if (!sync_db_run (api->db, ping_cb, NULL, &error))
    {
      g_warning ("health check: %s", error->message);
      sync_request_respond_json (req, 503, coach_wire_error_to_json ("unavailable", "the database is unreachable"));
      req->retry_after = 1;
      return;
    }

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, "ok");
  json_builder_set_member_name (builder, "database");
  json_builder_add_string_value (builder, "ok");
  json_builder_set_member_name (builder, "version");
  json_builder_add_string_value (builder, PACKAGE_VERSION);
  json_builder_end_object (builder);
  sync_request_respond_json (req, 200, json_builder_get_root (builder));
}

static void
handle_metrics (SyncApi     *api,
                SyncRequest *req)
{
  sync_request_respond_text (req, 200, "text/plain; version=0.0.4; charset=utf-8",
                             sync_metrics_render (api->metrics, api->db));
}

/* ------------------------------------------------------------------------- */
/* Routes */

static const SyncRoute routes[] = {
  { "POST", "/v1/auth/login", handle_login, SYNC_ROUTE_LOGIN },
  { "POST", "/v1/auth/logout", handle_logout, SYNC_ROUTE_WORKER },
  { "POST", "/v1/push", handle_push, SYNC_ROUTE_WORKER },
  { "GET", "/v1/pull", handle_pull, SYNC_ROUTE_WORKER },
  { "POST", "/v1/blobs/init", sync_blobs_handle_init, SYNC_ROUTE_WORKER },
  { "GET", "/v1/blobs/*/parts", sync_blobs_handle_parts, SYNC_ROUTE_WORKER },
  { "POST", "/v1/blobs/*/parts", sync_blobs_handle_report_part, SYNC_ROUTE_WORKER },
  { "POST", "/v1/blobs/*/complete", sync_blobs_handle_complete, SYNC_ROUTE_WORKER },
  { "GET", "/v1/blobs/*/url", sync_blobs_handle_url, SYNC_ROUTE_WORKER },
  { "GET", "/v1/mail/clip", sync_mail_links_handle_clip, SYNC_ROUTE_WORKER },
  { "GET", "/v1/mail/unsubscribe", sync_mail_links_handle_unsubscribe, SYNC_ROUTE_WORKER },
  { "POST", "/v1/mail/unsubscribe", sync_mail_links_handle_unsubscribe, SYNC_ROUTE_WORKER },
  { "GET", "/healthz", handle_healthz, SYNC_ROUTE_WORKER },
  { "GET", "/metrics", handle_metrics, SYNC_ROUTE_MAIN },
};

/* A "*" in a route stands for one non-empty path segment. */
static gboolean
path_matches (const char *pattern,
              const char *path)
{
  if (path == NULL)
    return FALSE;
  while (*pattern != '\0')
    {
      if (*pattern == '*')
        {
          const char *end = strchr (path, '/');

          if (end == NULL)
            end = path + strlen (path);
          if (end == path)
            return FALSE;
          path = end;
          pattern++;
          continue;
        }
      if (*pattern != *path)
        return FALSE;
      pattern++;
      path++;
    }
  return *path == '\0';
}

/* Returns the route, or NULL; then *allowed names the methods the path
 * accepts (NULL when the path is unknown). */
const SyncRoute *
sync_api_lookup_route (const char  *method,
                       const char  *path,
                       const char **allowed)
{
  if (allowed)
    *allowed = NULL;
  for (guint i = 0; i < G_N_ELEMENTS (routes); i++)
    {
      if (!path_matches (routes[i].path, path))
        continue;
      if (g_strcmp0 (routes[i].method, method) == 0)
        return &routes[i];
      /* the first route of the path that takes another method is named */
      if (allowed && *allowed == NULL)
        *allowed = routes[i].method;
    }
  return NULL;
}

/* A bounded label for metrics: a known path or "other". */
const char *
sync_api_route_label (const char *path)
{
  for (guint i = 0; i < G_N_ELEMENTS (routes); i++)
    if (path_matches (routes[i].path, path))
      return routes[i].path;
  if (path != NULL && g_str_has_prefix (path, "/v1/blobs/fs/"))
    return "/v1/blobs/fs/*";
  return "other";
}
