/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coach-sync-client"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#include <libsoup/soup.h>

#include "coach-schema.h"
#include "coach-sync-client-private.h"

/* Answers larger than this are not from a Coachbook server. */
#define MAX_RESPONSE_SIZE (256 * 1024 * 1024)

G_DEFINE_FINAL_TYPE (CoachSyncClient, coach_sync_client, G_TYPE_OBJECT)
G_DEFINE_QUARK (coach-sync-error-quark, coach_sync_error)

/* ------------------------------------------------------------------------- */

static int
error_for_status (guint status)
{
  switch (status)
    {
    case SOUP_STATUS_UNAUTHORIZED:
    case SOUP_STATUS_FORBIDDEN:
      return COACH_SYNC_ERROR_UNAUTHORIZED;
    case 429:  /* Too Many Requests: no libsoup 3.2 constant */
      return COACH_SYNC_ERROR_RATE_LIMITED;
    case SOUP_STATUS_CONFLICT:
      return COACH_SYNC_ERROR_RESYNC;
    case 426:
      return COACH_SYNC_ERROR_UPGRADE_REQUIRED;
    default:
      return status >= 500 ? COACH_SYNC_ERROR_SERVER : COACH_SYNC_ERROR_REFUSED;
    }
}

static void
set_http_error (GError     **error,
                guint        status,
                GBytes      *body,
                gboolean     blob)
{
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *code = NULL;
  g_autofree char *message = NULL;
  gsize len = 0;
  const char *data = body ? g_bytes_get_data (body, &len) : NULL;

  if (data != NULL && len > 0)
    {
      g_autofree char *text = g_strndup (data, len);
      node = json_from_string (text, NULL);
    }
  if (node != NULL)
    coach_wire_error_from_json (node, &code, &message);

  /* On blob endpoints 404 and 409 say something about one file, not
   * about the sign-in or the sync cursor. */
  if (blob && (status == SOUP_STATUS_NOT_FOUND || status == SOUP_STATUS_CONFLICT))
    {
      g_set_error (error, COACH_SYNC_ERROR,
                   status == SOUP_STATUS_NOT_FOUND ? COACH_SYNC_ERROR_NOT_FOUND : COACH_SYNC_ERROR_BLOB_MISMATCH,
                   "%s%s%s%s", message ? message : soup_status_get_phrase (status),
                   code ? " (" : "", code ? code : "", code ? ")" : "");
      return;
    }

  switch (error_for_status (status))
    {
    case COACH_SYNC_ERROR_UNAUTHORIZED:
      g_set_error (error, COACH_SYNC_ERROR, COACH_SYNC_ERROR_UNAUTHORIZED, "%s",
                   message ? message : _("The team server did not accept the sign-in; please sign in again"));
      break;
    case COACH_SYNC_ERROR_UPGRADE_REQUIRED:
      g_set_error (error, COACH_SYNC_ERROR, COACH_SYNC_ERROR_UPGRADE_REQUIRED, "%s",
                   _("The team server needs a newer version of Coachbook; your changes are kept until you update"));
      break;
    case COACH_SYNC_ERROR_SERVER:
      g_set_error (error, COACH_SYNC_ERROR, COACH_SYNC_ERROR_SERVER,
                   _("The team server has a problem (HTTP %u)%s%s"), status,
                   message ? ": " : "", message ? message : "");
      break;
    default:
      g_set_error (error, COACH_SYNC_ERROR, error_for_status (status), "%s%s%s%s",
                   message ? message : soup_status_get_phrase (status),
                   code ? " (" : "", code ? code : "", code ? ")" : "");
      break;
    }
}

/* One request, one JSON answer. Everything that is not a 2xx becomes a
 * CoachSyncError; network errors keep their GIO message. */
JsonNode *
_coach_sync_client_request (CoachSyncClient  *self,
                            const char       *method,
                            const char       *path_and_query,
                            JsonNode         *body,
                            gboolean          blob,
                            GCancellable     *cancellable,
                            GError          **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GBytes) response = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonParser) parser = NULL;
  guint status;
  gsize len;

  uri = g_uri_parse_relative (self->base, path_and_query, SOUP_HTTP_URI_FLAGS, error);
  if (uri == NULL)
    return NULL;

  msg = soup_message_new_from_uri (method, uri);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Accept", "application/json");
  if (self->token != NULL)
    {
      g_autofree char *auth = g_strdup_printf ("Bearer %s", self->token);
      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
    }
  if (body != NULL)
    {
      g_autofree char *text = json_to_string (body, FALSE);
      gsize text_len = strlen (text);
      g_autoptr(GBytes) bytes = g_bytes_new_take (g_steal_pointer (&text), text_len);

      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }

  response = soup_session_send_and_read (self->session, msg, cancellable, &local_error);
  if (response == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, COACH_SYNC_ERROR, COACH_SYNC_ERROR_NETWORK,
                     _("Cannot reach the team server at %s: %s"), self->url, local_error->message);
      return NULL;
    }

  status = soup_message_get_status (msg);
  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      set_http_error (error, status, response, blob);
      return NULL;
    }

  len = g_bytes_get_size (response);
  if (len > MAX_RESPONSE_SIZE)
    {
      g_set_error (error, COACH_SYNC_ERROR, COACH_SYNC_ERROR_PROTOCOL,
                   _("The team server sent an answer that is too large"));
      return NULL;
    }
  if (len == 0)
    return json_node_init_object (json_node_alloc (), json_object_new ());

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, g_bytes_get_data (response, NULL), len, &local_error))
    {
      g_set_error (error, COACH_SYNC_ERROR, COACH_SYNC_ERROR_PROTOCOL,
                   _("The team server sent an answer that is not JSON: %s"), local_error->message);
      return NULL;
    }
  return json_node_ref (json_parser_get_root (parser));
}

static JsonNode *
request_json (CoachSyncClient  *self,
              const char       *method,
              const char       *path_and_query,
              JsonNode         *body,
              GCancellable     *cancellable,
              GError          **error)
{
  return _coach_sync_client_request (self, method, path_and_query, body, FALSE, cancellable, error);
}

static gboolean
protocol_error (GError     **error,
                GError      *cause)
{
  g_set_error (error, COACH_SYNC_ERROR, COACH_SYNC_ERROR_PROTOCOL,
               _("The team server sent an unexpected answer: %s"), cause->message);
  return FALSE;
}

/* ------------------------------------------------------------------------- */

static void
coach_sync_client_finalize (GObject *object)
{
  CoachSyncClient *self = COACH_SYNC_CLIENT (object);

  g_clear_object (&self->session);
  g_clear_pointer (&self->base, g_uri_unref);
  g_free (self->url);
  if (self->token != NULL)
    {
      /* do not leave the bearer token in freed memory */
      memset (self->token, 0, strlen (self->token));
      g_free (self->token);
    }

  G_OBJECT_CLASS (coach_sync_client_parent_class)->finalize (object);
}

static void
coach_sync_client_class_init (CoachSyncClientClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = coach_sync_client_finalize;
}

static void
coach_sync_client_init (CoachSyncClient *self)
{
  g_autofree char *agent = g_strdup_printf ("Coachbook/%s ", PACKAGE_VERSION);

  /* The trailing space makes libsoup append its own product token. */
  self->session = soup_session_new_with_options ("user-agent", agent,
                                                 "timeout", 60,
                                                 "idle-timeout", 60,
                                                 NULL);
}

/* ------------------------------------------------------------------------- */

CoachSyncClient *
coach_sync_client_new (const char  *server_url,
                       GError     **error)
{
  g_autoptr(CoachSyncClient) self = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autofree char *with_slash = NULL;
  const char *scheme;

  g_return_val_if_fail (server_url != NULL, NULL);

  with_slash = g_str_has_suffix (server_url, "/") ? g_strdup (server_url) : g_strconcat (server_url, "/", NULL);
  uri = g_uri_parse (with_slash, SOUP_HTTP_URI_FLAGS, NULL);
  scheme = uri ? g_uri_get_scheme (uri) : NULL;
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0' ||
      (g_strcmp0 (scheme, "http") != 0 && g_strcmp0 (scheme, "https") != 0))
    {
      g_set_error (error, COACH_SYNC_ERROR, COACH_SYNC_ERROR_INVALID_URL,
                   _("“%s” is not a server address; it looks like https://sync.example.org"), server_url);
      return NULL;
    }

  self = g_object_new (COACH_TYPE_SYNC_CLIENT, NULL);
  self->base = g_steal_pointer (&uri);
  self->url = g_uri_to_string (self->base);
  return g_steal_pointer (&self);
}

const char *
coach_sync_client_get_url (CoachSyncClient *self)
{
  g_return_val_if_fail (COACH_IS_SYNC_CLIENT (self), NULL);
  return self->url;
}

void
coach_sync_client_set_token (CoachSyncClient *self,
                             const char      *token)
{
  g_return_if_fail (COACH_IS_SYNC_CLIENT (self));

  if (self->token != NULL)
    memset (self->token, 0, strlen (self->token));
  g_free (self->token);
  self->token = g_strdup (token);
}

void
coach_sync_client_set_timeout (CoachSyncClient *self,
                               guint            seconds)
{
  g_return_if_fail (COACH_IS_SYNC_CLIENT (self));
  soup_session_set_timeout (self->session, seconds);
}

void
coach_sync_login_free (CoachSyncLogin *login)
{
  if (login == NULL)
    return;
  if (login->token != NULL)
    memset (login->token, 0, strlen (login->token));
  g_free (login->token);
  g_free (login->device_id);
  g_free (login->team_id);
  g_free (login);
}

CoachSyncLogin *
coach_sync_client_login (CoachSyncClient  *self,
                         const char       *email,
                         const char       *password,
                         const char       *device_name,
                         GCancellable     *cancellable,
                         GError          **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(CoachSyncLogin) login = NULL;
  JsonObject *obj;

  g_return_val_if_fail (COACH_IS_SYNC_CLIENT (self), NULL);
  g_return_val_if_fail (email != NULL && password != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "email");
  json_builder_add_string_value (builder, email);
  json_builder_set_member_name (builder, "password");
  json_builder_add_string_value (builder, password);
  json_builder_set_member_name (builder, "device_name");
  json_builder_add_string_value (builder, device_name ? device_name : g_get_host_name ());
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  answer = request_json (self, "POST", "v1/auth/login", body, cancellable, error);
  if (answer == NULL)
    return NULL;

  obj = JSON_NODE_HOLDS_OBJECT (answer) ? json_node_get_object (answer) : NULL;
  if (obj == NULL ||
      json_object_get_string_member_with_default (obj, "token", NULL) == NULL ||
      json_object_get_string_member_with_default (obj, "device_id", NULL) == NULL)
    {
      g_set_error (error, COACH_SYNC_ERROR, COACH_SYNC_ERROR_PROTOCOL,
                   _("The team server's sign-in answer has no token"));
      return NULL;
    }

  login = g_new0 (CoachSyncLogin, 1);
  login->token = g_strdup (json_object_get_string_member (obj, "token"));
  login->device_id = g_strdup (json_object_get_string_member (obj, "device_id"));
  login->team_id = g_strdup (json_object_get_string_member_with_default (obj, "team_id", NULL));
  coach_sync_client_set_token (self, login->token);
  return g_steal_pointer (&login);
}

gboolean
coach_sync_client_logout (CoachSyncClient  *self,
                          GCancellable     *cancellable,
                          GError          **error)
{
  g_autoptr(JsonNode) answer = NULL;

  g_return_val_if_fail (COACH_IS_SYNC_CLIENT (self), FALSE);

  answer = request_json (self, "POST", "v1/auth/logout", NULL, cancellable, error);
  if (answer == NULL)
    return FALSE;
  coach_sync_client_set_token (self, NULL);
  return TRUE;
}

CoachWirePushResult *
coach_sync_client_push (CoachSyncClient      *self,
                        const CoachWirePush  *push,
                        GCancellable         *cancellable,
                        GError              **error)
{
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(GError) local_error = NULL;
  CoachWirePushResult *result;

  g_return_val_if_fail (COACH_IS_SYNC_CLIENT (self), NULL);
  g_return_val_if_fail (push != NULL, NULL);

  body = coach_wire_push_to_json (push);
  answer = request_json (self, "POST", "v1/push", body, cancellable, error);
  if (answer == NULL)
    return NULL;

  result = coach_wire_push_result_from_json (answer, &local_error);
  if (result == NULL)
    protocol_error (error, local_error);
  return result;
}

CoachWirePull *
coach_sync_client_pull (CoachSyncClient  *self,
                        gint64            cursor,
                        guint             limit,
                        const char       *epoch,
                        GCancellable     *cancellable,
                        GError          **error)
{
  g_autoptr(GString) path = g_string_new ("v1/pull?");
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(GError) local_error = NULL;
  CoachWirePull *pull;

  g_return_val_if_fail (COACH_IS_SYNC_CLIENT (self), NULL);

  g_string_append_printf (path, "cursor=%" G_GINT64_FORMAT "&schema_version=%d", MAX (cursor, 0), COACH_SCHEMA_VERSION);
  if (limit > 0)
    g_string_append_printf (path, "&limit=%u", limit);
  if (epoch != NULL)
    {
      g_autofree char *escaped = g_uri_escape_string (epoch, NULL, FALSE);
      g_string_append_printf (path, "&epoch=%s", escaped);
    }

  answer = request_json (self, "GET", path->str, NULL, cancellable, error);
  if (answer == NULL)
    return NULL;

  pull = coach_wire_pull_from_json (answer, &local_error);
  if (pull == NULL)
    protocol_error (error, local_error);
  return pull;
}
