/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coachbook-sync"

#include "config.h"

#include <string.h>

#include "coach-wire.h"
#include "sync-error.h"
#include "sync-request.h"

#define JSON_TYPE "application/json"

/* Nesting deeper than any record needs is refused before json-glib
 * recurses into it. */
#define MAX_JSON_DEPTH 64

SyncRequest *
sync_request_new (const char *method,
                  const char *path,
                  GHashTable *query,
                  GBytes     *body,
                  const char *authorization,
                  const char *client_ip)
{
  SyncRequest *req = g_new0 (SyncRequest, 1);

  req->method = g_strdup (method);
  req->path = g_strdup (path);
  req->query = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (query != NULL)
    {
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, query);
      while (g_hash_table_iter_next (&iter, &key, &value))
        g_hash_table_insert (req->query, g_strdup (key), g_strdup (value));
    }
  req->body = body ? g_bytes_ref (body) : g_bytes_new (NULL, 0);
  req->authorization = g_strdup (authorization);
  req->client_ip = g_strdup (client_ip);
  return req;
}

void
sync_request_free (SyncRequest *req)
{
  if (req == NULL)
    return;
  g_free (req->method);
  g_free (req->path);
  g_hash_table_unref (req->query);
  g_bytes_unref (req->body);
  g_free (req->authorization);
  g_free (req->client_ip);
  g_free (req->content_type);
  g_free (req->response);
  g_free (req->location);
  g_free (req);
}

const char *
sync_request_get_query (SyncRequest *req,
                        const char  *name)
{
  return g_hash_table_lookup (req->query, name);
}

static gboolean
too_deep (const char *data,
          gsize       len)
{
  int depth = 0;
  gboolean in_string = FALSE;

  for (gsize i = 0; i < len; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '{' || c == '[')
        {
          if (++depth > MAX_JSON_DEPTH)
            return TRUE;
        }
      else if (c == '}' || c == ']')
        depth--;
    }
  return FALSE;
}

JsonObject *
sync_request_parse_object (SyncRequest  *req,
                           GError      **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  const char *data;
  gsize len;
  JsonNode *root;

  data = g_bytes_get_data (req->body, &len);
  if (len == 0)
    {
      g_set_error_literal (error, SYNC_ERROR, SYNC_ERROR_INVALID_JSON, "the request needs a JSON body");
      return NULL;
    }
  if (!g_utf8_validate (data, len, NULL) || memchr (data, '\0', len) != NULL)
    {
      g_set_error_literal (error, SYNC_ERROR, SYNC_ERROR_INVALID_JSON, "the body is not UTF-8 text");
      return NULL;
    }
  if (too_deep (data, len))
    {
      g_set_error_literal (error, SYNC_ERROR, SYNC_ERROR_INVALID_JSON, "the JSON is nested too deeply");
      return NULL;
    }
  if (!json_parser_load_from_data (parser, data, len, &local_error))
    {
      g_set_error (error, SYNC_ERROR, SYNC_ERROR_INVALID_JSON, "invalid JSON: %s", local_error->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, SYNC_ERROR, SYNC_ERROR_INVALID_JSON, "the body must be a JSON object");
      return NULL;
    }
  return json_object_ref (json_node_get_object (root));
}

void
sync_request_respond_text (SyncRequest *req,
                           guint        status,
                           const char  *content_type,
                           char        *text)
{
  g_free (req->content_type);
  g_free (req->response);
  req->status = status;
  req->content_type = g_strdup (content_type);
  req->response = text;
  req->response_len = text ? strlen (text) : 0;
}

void
sync_request_respond_json (SyncRequest *req,
                           guint        status,
                           JsonNode    *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  char *text;

  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, NULL);
  json_node_unref (node);
  sync_request_respond_text (req, status, JSON_TYPE, text);
}

void
sync_request_respond_error (SyncRequest  *req,
                            const GError *error)
{
  guint status = sync_error_http_status (error);
  const char *message = error->message;

  /* Database and internal details are for the log, not for clients. */
  if (status >= 500)
    {
      g_warning ("%s %s failed: %s", req->method, req->path, error->message);
      message = status == 503 ? "the service is temporarily unavailable; try again later"
                              : "internal error";
      if (status == 503 && req->retry_after == 0)
        req->retry_after = 1;
    }
  if (status == 401)
    req->challenge = TRUE;

  sync_request_respond_json (req, status, coach_wire_error_to_json (sync_error_code (error), message));
}
