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
/* POST /v1/blobs/{sha}/complete */

static gboolean
reset_tx_cb (SyncDbConn  *conn,
             gpointer     user_data,
             GError     **error)
{
  SyncBlobData *data = user_data;
  const char *params[] = { data->auth.team_id, data->sha256 };

  return sync_db_conn_command (conn, "UPDATE blob SET upload_id = NULL WHERE team_id = $1 AND sha256 = $2",
                               2, params, error) &&
         sync_db_conn_command (conn, "DELETE FROM blob_part WHERE team_id = $1 AND sha256 = $2",
                               2, params, error);
}

static gboolean
available_tx_cb (SyncDbConn  *conn,
                 gpointer     user_data,
                 GError     **error)
{
  SyncBlobData *data = user_data;
  const char *params[] = { data->auth.team_id, data->sha256 };

  return sync_db_conn_command (conn,
                               "UPDATE blob SET state = 'available', completed_at = now (), upload_id = NULL "
                               "WHERE team_id = $1 AND sha256 = $2",
                               2, params, error) &&
         sync_db_conn_command (conn, "DELETE FROM blob_part WHERE team_id = $1 AND sha256 = $2",
                               2, params, error);
}

/* Parts named in the body of complete, else the known ones. */
static GPtrArray *
parts_for_complete (SyncDbConn  *conn,
                    SyncBlobData    *data,
                    GError     **error)
{
  g_autoptr(JsonObject) body = NULL;
  JsonArray *array;
  GPtrArray *parts;

  if (g_bytes_get_size (data->req->body) > 0)
    {
      body = sync_request_parse_object (data->req, error);
      if (body == NULL)
        return NULL;
    }
  if (body == NULL || !json_object_has_member (body, "parts"))
    return sync_blobs_received_parts (conn, data, error);

  array = json_object_get_array_member (body, "parts");
  if (array == NULL)
    {
      g_set_error_literal (error, SYNC_ERROR, SYNC_ERROR_INVALID_REQUEST, "parts must be an array");
      return NULL;
    }
  parts = sync_blob_parts_new ();
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      SyncBlobPart *part;
      gint64 number = 0;
      const char *etag;
      GError *local_error = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node) ||
          !sync_blobs_get_int (json_node_get_object (node), "part_number", TRUE, 1, SYNC_BLOBS_MAX_PARTS, &number, error))
        {
          if (error && *error == NULL)
            g_set_error_literal (error, SYNC_ERROR, SYNC_ERROR_INVALID_REQUEST, "parts must hold objects");
          g_ptr_array_unref (parts);
          return NULL;
        }
      etag = sync_blobs_get_string (json_node_get_object (node), "etag", 200, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, local_error);
          g_ptr_array_unref (parts);
          return NULL;
        }
      part = g_new0 (SyncBlobPart, 1);
      part->number = (guint) number;
      part->etag = g_strdup (etag ? etag : "");
      g_ptr_array_add (parts, part);
    }
  g_ptr_array_sort (parts, sync_blob_part_compare);
  return parts;
}

static gboolean
complete_cb (SyncDbConn  *conn,
             gpointer     user_data,
             GError     **error)
{
  SyncBlobData *data = user_data;
  SyncBlobStore *store = data->api->blobs;
  GError *local_error = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  gboolean exists = FALSE;
  guint64 size = 0;

  if (!sync_auth_authenticate (conn, data->req->authorization, &data->auth, error) ||
      !sync_blobs_sha_from_path (data->req, data->sha256, error))
    return FALSE;
  sync_blobs_set_key (data);
  if (!sync_db_conn_transaction (conn, SYNC_DB_TX_READ_WRITE, data->auth.team_id, sync_blobs_load_tx_cb, data, error))
    return FALSE;
  if (!data->row.found)
    {
      g_set_error_literal (error, SYNC_ERROR, SYNC_ERROR_NOT_FOUND, "no such blob");
      return FALSE;
    }
  if (data->row.available)
    goto done;

  /* A complete that already put the blob in place but did not get to
   * record it is repeated without the multipart step. */
  if (!sync_blob_store_head (store, data->key, &exists, &size, &local_error))
    return sync_blobs_store_error (local_error, error);

  if (!(exists && size == data->row.size) && data->row.upload_id != NULL)
    {
      g_autoptr(GPtrArray) parts = parts_for_complete (conn, data, error);

      if (parts == NULL)
        return FALSE;
      if (parts->len != sync_blobs_part_count (data->row.size, data->row.part_size))
        {
          g_set_error (error, SYNC_ERROR, SYNC_ERROR_BLOB_INCOMPLETE,
                       "%u of %u parts have been uploaded", parts->len,
                       sync_blobs_part_count (data->row.size, data->row.part_size));
          return FALSE;
        }
      if (!sync_blob_store_multipart_complete (store, data->key, data->row.upload_id, parts, &local_error))
        {
          g_set_error (error, SYNC_ERROR, SYNC_ERROR_BLOB_INCOMPLETE,
                       "the store refused to assemble the parts: %s", local_error->message);
          g_error_free (local_error);
          return FALSE;
        }
      if (!sync_blob_store_head (store, data->key, &exists, &size, &local_error))
        return sync_blobs_store_error (local_error, error);
    }

  if (!exists)
    {
      g_set_error_literal (error, SYNC_ERROR, SYNC_ERROR_BLOB_INCOMPLETE, "the blob has not been uploaded");
      return FALSE;
    }

  if (size != data->row.size)
    goto mismatch;
  if (sync_blob_store_can_hash (store))
    {
      g_autofree char *sha = sync_blob_store_sha256 (store, data->key, &local_error);

      if (sha == NULL)
        return sync_blobs_store_error (local_error, error);
      if (g_strcmp0 (sha, data->sha256) != 0)
        goto mismatch;
    }

  if (!sync_db_conn_transaction (conn, SYNC_DB_TX_READ_WRITE, data->auth.team_id, available_tx_cb, data, error))
    return FALSE;
  sync_metrics_add (data->api->metrics, SYNC_COUNTER_BLOBS_COMPLETED, 1);

done:
  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "available");
  json_builder_add_boolean_value (builder, TRUE);
  json_builder_set_member_name (builder, "sha256");
  json_builder_add_string_value (builder, data->sha256);
  json_builder_set_member_name (builder, "size");
  json_builder_add_int_value (builder, data->row.size);
  json_builder_end_object (builder);
  data->response = json_builder_get_root (builder);
  return TRUE;

mismatch:
  /* What is stored is not this blob: drop it so that a new upload starts
   * from scratch. */
  sync_metrics_add (data->api->metrics, SYNC_COUNTER_BLOB_MISMATCHES, 1);
  if (!sync_blob_store_delete (store, data->key, &local_error))
    return sync_blobs_store_error (local_error, error);
  if (!sync_db_conn_transaction (conn, SYNC_DB_TX_READ_WRITE, data->auth.team_id, reset_tx_cb, data, error))
    return FALSE;
  g_set_error (error, SYNC_ERROR, SYNC_ERROR_BLOB_MISMATCH,
               "the uploaded file does not match its sha256 and size (%" G_GUINT64_FORMAT
               " bytes stored, %" G_GUINT64_FORMAT " announced); upload it again", size, data->row.size);
  return FALSE;
}

void
sync_blobs_handle_complete (SyncApi     *api,
                            SyncRequest *req)
{
  SyncBlobData data = { .api = api, .req = req };
  g_autoptr(GError) error = NULL;
  gboolean ok = sync_db_run (api->db, complete_cb, &data, &error);

  sync_blobs_finish (api, req, &data, ok, error);
}
