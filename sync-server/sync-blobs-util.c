/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coachbook-sync"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "sync-blobs-private.h"
#include "sync-error.h"

/* ------------------------------------------------------------------------- */
/* Utilities */

void
sync_blobs_data_clear (SyncBlobData *data)
{
  sync_auth_info_clear (&data->auth);
  g_free (data->key);
  g_free (data->row.upload_id);
  g_clear_pointer (&data->parts, g_ptr_array_unref);
  g_clear_pointer (&data->response, json_node_unref);
}

gboolean
sync_blobs_parse_sha256 (const char  *text,
              char         out[65],
              GError     **error)
{
  if (text == NULL || strlen (text) != 64)
    goto bad;
  for (guint i = 0; i < 64; i++)
    {
      if (!g_ascii_isxdigit (text[i]))
        goto bad;
      out[i] = g_ascii_tolower (text[i]);
    }
  out[64] = '\0';
  return TRUE;

bad:
  g_set_error_literal (error, SYNC_ERROR, SYNC_ERROR_INVALID_REQUEST, "sha256 must be 64 hex digits");
  return FALSE;
}

/* /v1/blobs/SHA/... : the third segment. */
gboolean
sync_blobs_sha_from_path (SyncRequest  *req,
               char          out[65],
               GError      **error)
{
  g_auto(GStrv) segments = g_strsplit (req->path, "/", -1);

  if (g_strv_length (segments) != 5)
    {
      g_set_error_literal (error, SYNC_ERROR, SYNC_ERROR_NOT_FOUND, "no such endpoint");
      return FALSE;
    }
  if (!sync_blobs_parse_sha256 (segments[3], out, NULL))
    {
      g_set_error_literal (error, SYNC_ERROR, SYNC_ERROR_NOT_FOUND, "no such blob");
      return FALSE;
    }
  return TRUE;
}

gboolean
sync_blobs_get_int (JsonObject  *object,
                const char  *name,
                gboolean     required,
                gint64       min,
                gint64       max,
                gint64      *out,
                GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (required)
        g_set_error (error, SYNC_ERROR, SYNC_ERROR_INVALID_REQUEST, "%s is required", name);
      return !required;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64 ||
      json_node_get_int (node) < min || json_node_get_int (node) > max)
    {
      g_set_error (error, SYNC_ERROR, SYNC_ERROR_INVALID_REQUEST,
                   "%s must be an integer from %" G_GINT64_FORMAT " to %" G_GINT64_FORMAT, name, min, max);
      return FALSE;
    }
  *out = json_node_get_int (node);
  return TRUE;
}

const char *
sync_blobs_get_string (JsonObject  *object,
                   const char  *name,
                   gsize        max_len,
                   GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING ||
      strlen (json_node_get_string (node)) > max_len)
    {
      g_set_error (error, SYNC_ERROR, SYNC_ERROR_INVALID_REQUEST,
                   "%s must be a string of at most %" G_GSIZE_FORMAT " bytes", name, max_len);
      return NULL;
    }
  return json_node_get_string (node);
}

guint64
sync_blobs_parse_u64 (const char *text)
{
  return text && *text ? g_ascii_strtoull (text, NULL, 10) : 0;
}

guint
sync_blobs_part_count (guint64 size,
            guint64 part_size)
{
  return size == 0 ? 1 : (guint) ((size + part_size - 1) / part_size);
}

guint64
sync_blobs_part_length (guint64 size,
             guint64 part_size,
             guint   number)
{
  guint64 start = (guint64) (number - 1) * part_size;

  return MIN (part_size, size - start);
}

gboolean
sync_blobs_load_row (SyncDbConn  *conn,
          SyncBlobData    *data,
          gboolean     for_update,
          GError     **error)
{
  const char *params[] = { data->auth.team_id, data->sha256 };
  g_autoptr(PGresult) res = NULL;

  res = sync_db_conn_exec (conn,
                           for_update
                           ? "SELECT state, size, upload_id, part_size FROM blob "
                             "WHERE team_id = $1 AND sha256 = $2 FOR UPDATE"
                           : "SELECT state, size, upload_id, part_size FROM blob "
                             "WHERE team_id = $1 AND sha256 = $2",
                           2, params, error);
  if (res == NULL)
    return FALSE;
  g_clear_pointer (&data->row.upload_id, g_free);
  data->row.found = PQntuples (res) > 0;
  if (!data->row.found)
    return TRUE;
  data->row.available = g_strcmp0 (PQgetvalue (res, 0, 0), "available") == 0;
  data->row.size = sync_blobs_parse_u64 (PQgetvalue (res, 0, 1));
  if (!PQgetisnull (res, 0, 2))
    data->row.upload_id = g_strdup (PQgetvalue (res, 0, 2));
  data->row.part_size = sync_blobs_parse_u64 (PQgetvalue (res, 0, 3));
  return TRUE;
}

void
sync_blobs_set_key (SyncBlobData *data)
{
  g_free (data->key);
  data->key = g_strdup_printf ("%s/%s", data->auth.team_id, data->sha256);
}

/* Upload instructions for a pending blob: one PUT, or the URLs of the parts
 * not in `received` (NULL: all of them). */
JsonNode *
sync_blobs_instructions (SyncApi   *api,
              SyncBlobData  *data,
              GPtrArray *received)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  guint lifetime = api->config->blob_url_lifetime;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "exists");
  json_builder_add_boolean_value (builder, FALSE);
  json_builder_set_member_name (builder, "expires_in");
  json_builder_add_int_value (builder, lifetime);

  if (data->row.upload_id == NULL)
    {
      g_autofree char *url = sync_blob_store_presign_put (api->blobs, data->key, data->row.size, lifetime);

      json_builder_set_member_name (builder, "method");
      json_builder_add_string_value (builder, "put");
      json_builder_set_member_name (builder, "url");
      json_builder_add_string_value (builder, url);
    }
  else
    {
      guint n = sync_blobs_part_count (data->row.size, data->row.part_size);
      g_autofree gboolean *have = g_new0 (gboolean, n + 1);

      json_builder_set_member_name (builder, "method");
      json_builder_add_string_value (builder, "multipart");
      json_builder_set_member_name (builder, "part_size");
      json_builder_add_int_value (builder, data->row.part_size);
      json_builder_set_member_name (builder, "part_count");
      json_builder_add_int_value (builder, n);

      json_builder_set_member_name (builder, "received");
      json_builder_begin_array (builder);
      for (guint i = 0; received && i < received->len; i++)
        {
          SyncBlobPart *part = g_ptr_array_index (received, i);

          if (part->number < 1 || part->number > n)
            continue;
          have[part->number] = TRUE;
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "part_number");
          json_builder_add_int_value (builder, part->number);
          json_builder_set_member_name (builder, "size");
          json_builder_add_int_value (builder, part->size);
          json_builder_set_member_name (builder, "etag");
          json_builder_add_string_value (builder, part->etag ? part->etag : "");
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);

      json_builder_set_member_name (builder, "parts");
      json_builder_begin_array (builder);
      for (guint i = 1; i <= n; i++)
        {
          guint64 length = sync_blobs_part_length (data->row.size, data->row.part_size, i);
          g_autofree char *url = NULL;

          if (have[i])
            continue;
          url = sync_blob_store_presign_part (api->blobs, data->key, data->row.upload_id, i, length, lifetime);
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "part_number");
          json_builder_add_int_value (builder, i);
          json_builder_set_member_name (builder, "size");
          json_builder_add_int_value (builder, length);
          json_builder_set_member_name (builder, "url");
          json_builder_add_string_value (builder, url);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

JsonNode *
sync_blobs_exists_response (void)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "exists");
  json_builder_add_boolean_value (builder, TRUE);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

gboolean
sync_blobs_store_error (GError  *local_error,
             GError **error)
{
  g_warning ("blob store: %s", local_error->message);
  g_set_error_literal (error, SYNC_ERROR, SYNC_ERROR_UNAVAILABLE, "the blob store failed");
  g_error_free (local_error);
  return FALSE;
}

/* The parts the store, or else our own bookkeeping, knows of. */
GPtrArray *
sync_blobs_received_parts (SyncDbConn  *conn,
                SyncBlobData    *data,
                GError     **error)
{
  GError *local_error = NULL;
  const char *params[] = { data->auth.team_id, data->sha256, data->row.upload_id };
  g_autoptr(PGresult) res = NULL;
  GPtrArray *parts;

  if (sync_blob_store_can_list_parts (data->api->blobs))
    {
      parts = sync_blob_store_list_parts (data->api->blobs, data->key, data->row.upload_id, &local_error);
      if (parts == NULL)
        {
          sync_blobs_store_error (local_error, error);
          return NULL;
        }
      return parts;
    }

  res = sync_db_conn_exec (conn,
                           "SELECT part_number, size, etag FROM blob_part "
                           "WHERE team_id = $1 AND sha256 = $2 AND upload_id = $3 ORDER BY part_number",
                           3, params, error);
  if (res == NULL)
    return NULL;
  parts = sync_blob_parts_new ();
  for (int i = 0; i < PQntuples (res); i++)
    {
      SyncBlobPart *part = g_new0 (SyncBlobPart, 1);

      part->number = atoi (PQgetvalue (res, i, 0));
      part->size = sync_blobs_parse_u64 (PQgetvalue (res, i, 1));
      part->etag = g_strdup (PQgetvalue (res, i, 2));
      g_ptr_array_add (parts, part);
    }
  return parts;
}

void
sync_blobs_finish (SyncApi     *api,
        SyncRequest *req,
        SyncBlobData    *data,
        gboolean     ok,
        GError      *error)
{
  if (!ok)
    {
      if (g_error_matches (error, SYNC_ERROR, SYNC_ERROR_QUOTA_EXCEEDED))
        req->retry_after = 3600;
      sync_request_respond_error (req, error);
    }
  else
    sync_request_respond_json (req, 200, g_steal_pointer (&data->response));
  sync_blobs_data_clear (data);
}

gboolean
sync_blobs_load_tx_cb (SyncDbConn  *conn,
            gpointer     user_data,
            GError     **error)
{
  return sync_blobs_load_row (conn, user_data, FALSE, error);
}
