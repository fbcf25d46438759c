/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coachbook-sync"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "sync-blobs-private.h"
#include "sync-error.h"

#define MAX_MIME 200

/* ------------------------------------------------------------------------- */
/* POST /v1/blobs/init */

static gboolean
init_tx_cb (SyncDbConn  *conn,
            gpointer     user_data,
            GError     **error)
{
  SyncBlobData *data = user_data;
  SyncApi *api = data->api;
  g_autofree char *size_text = g_strdup_printf ("%" G_GUINT64_FORMAT, data->size);
  GError *local_error = NULL;

  if (!sync_blobs_load_row (conn, data, TRUE, error))
    return FALSE;

  if (data->row.found && data->row.available)
    {
      sync_metrics_add (api->metrics, SYNC_COUNTER_BLOB_INITS_EXISTING, 1);
      data->response = sync_blobs_exists_response ();
      return TRUE;
    }
  sync_metrics_add (api->metrics, SYNC_COUNTER_BLOB_INITS_NEW, 1);

  if (data->row.found && data->row.size != data->size)
    {
      g_set_error_literal (error, SYNC_ERROR, SYNC_ERROR_INVALID_REQUEST,
                           "an upload of this sha256 with another size is under way");
      return FALSE;
    }

  if (!data->row.found)
    {
      const char *quota_params[] = { data->auth.coach_id };
      const char *insert_params[] = { data->auth.team_id, data->sha256, size_text, data->mime,
                                      data->auth.coach_id };
      g_autoptr(PGresult) res = NULL;
      g_autoptr(PGresult) inserted = NULL;

      /* One coach's inits queue up here, so that two at once cannot both
       * fit in what is left of the quota. Only blobs new to the team
       * count: a duplicate costs nothing. */
      if (!sync_db_conn_command (conn, "SELECT 1 FROM coach WHERE id = $1 FOR UPDATE", 1, quota_params, error))
        return FALSE;
      res = sync_db_conn_exec (conn,
                               "SELECT coalesce (sum (size), 0) FROM blob "
                               "WHERE created_by = $1 AND created_at > now () - interval '7 days'",
                               1, quota_params, error);
      if (res == NULL)
        return FALSE;
      data->quota_used = sync_blobs_parse_u64 (PQgetvalue (res, 0, 0));
      if (data->quota_used + data->size > api->config->blob_quota_per_week)
        {
          g_set_error (error, SYNC_ERROR, SYNC_ERROR_QUOTA_EXCEEDED,
                       "this upload would go over the weekly upload quota of %" G_GUINT64_FORMAT
                       " bytes (%" G_GUINT64_FORMAT " used)", api->config->blob_quota_per_week,
                       data->quota_used);
          return FALSE;
        }

      inserted = sync_db_conn_exec (conn,
                                    "INSERT INTO blob (team_id, sha256, size, mime, created_by) "
                                    "VALUES ($1, $2, $3::bigint, $4, $5) ON CONFLICT DO NOTHING RETURNING 1",
                                    5, insert_params, error);
      if (inserted == NULL)
        return FALSE;
      if (PQntuples (inserted) == 0)
        {
          g_set_error_literal (error, SYNC_DB_ERROR, SYNC_DB_ERROR_RETRY, "concurrent init of one blob");
          return FALSE;
        }
      data->row.found = TRUE;
      data->row.size = data->size;
    }

  if (data->size > api->config->blob_multipart_threshold && data->row.upload_id == NULL)
    {
      g_autofree char *part_size = g_strdup_printf ("%" G_GUINT64_FORMAT, api->config->blob_part_size);
      const char *params[] = { data->auth.team_id, data->sha256, NULL, part_size };

      data->row.upload_id = sync_blob_store_multipart_create (api->blobs, data->key, &local_error);
      if (data->row.upload_id == NULL)
        return sync_blobs_store_error (local_error, error);
      data->row.part_size = api->config->blob_part_size;
      params[2] = data->row.upload_id;
      if (!sync_db_conn_command (conn,
                                 "UPDATE blob SET upload_id = $3, part_size = $4::bigint "
                                 "WHERE team_id = $1 AND sha256 = $2",
                                 4, params, error))
        return FALSE;
    }

  if (data->row.upload_id != NULL)
    {
      g_autoptr(GPtrArray) received = sync_blobs_received_parts (conn, data, error);

      if (received == NULL)
        return FALSE;
      data->response = sync_blobs_instructions (api, data, received);
    }
  else
    data->response = sync_blobs_instructions (api, data, NULL);
  return TRUE;
}

static gboolean
init_cb (SyncDbConn  *conn,
         gpointer     user_data,
         GError     **error)
{
  SyncBlobData *data = user_data;
  SyncApi *api = data->api;
  g_autoptr(JsonObject) body = NULL;
  GError *local_error = NULL;
  gint64 size = 0;

  if (!sync_auth_authenticate (conn, data->req->authorization, &data->auth, error))
    return FALSE;
  body = sync_request_parse_object (data->req, error);
  if (body == NULL)
    return FALSE;
  if (!sync_blobs_parse_sha256 (sync_blobs_get_string (body, "sha256", 64, NULL), data->sha256, error) ||
      !sync_blobs_get_int (body, "size", TRUE, 0, G_MAXINT64, &size, error))
    return FALSE;
  data->mime = sync_blobs_get_string (body, "mime", MAX_MIME, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  data->size = size;
  if (data->size > api->config->blob_max_file_size)
    {
      g_set_error (error, SYNC_ERROR, SYNC_ERROR_BLOB_TOO_LARGE,
                   "files are limited to %" G_GUINT64_FORMAT " bytes", api->config->blob_max_file_size);
      return FALSE;
    }
  if (sync_blobs_part_count (data->size, api->config->blob_part_size) > SYNC_BLOBS_MAX_PARTS)
    {
      g_set_error_literal (error, SYNC_ERROR, SYNC_ERROR_BLOB_TOO_LARGE, "the file needs too many parts");
      return FALSE;
    }
  sync_blobs_set_key (data);
  return sync_db_conn_transaction (conn, SYNC_DB_TX_READ_WRITE, data->auth.team_id, init_tx_cb, data, error);
}

void
sync_blobs_handle_init (SyncApi     *api,
                        SyncRequest *req)
{
  SyncBlobData data = { .api = api, .req = req };
  g_autoptr(GError) error = NULL;
  gboolean ok = sync_db_run (api->db, init_cb, &data, &error);

  sync_blobs_finish (api, req, &data, ok, error);
}

/* ------------------------------------------------------------------------- */
/* GET /v1/blobs/{sha}/parts */

static gboolean
parts_tx_cb (SyncDbConn  *conn,
             gpointer     user_data,
             GError     **error)
{
  SyncBlobData *data = user_data;
  g_autoptr(GPtrArray) received = NULL;

  if (!sync_blobs_load_row (conn, data, FALSE, error))
    return FALSE;
  if (!data->row.found)
    {
      g_set_error_literal (error, SYNC_ERROR, SYNC_ERROR_NOT_FOUND, "no such blob");
      return FALSE;
    }
  if (data->row.available)
    {
      data->response = sync_blobs_exists_response ();
      return TRUE;
    }
  if (data->row.upload_id != NULL)
    {
      received = sync_blobs_received_parts (conn, data, error);
      if (received == NULL)
        return FALSE;
    }
  data->response = sync_blobs_instructions (data->api, data, received);
  return TRUE;
}

static gboolean
parts_cb (SyncDbConn  *conn,
          gpointer     user_data,
          GError     **error)
{
  SyncBlobData *data = user_data;

  if (!sync_auth_authenticate (conn, data->req->authorization, &data->auth, error) ||
      !sync_blobs_sha_from_path (data->req, data->sha256, error))
    return FALSE;
  sync_blobs_set_key (data);
  return sync_db_conn_transaction (conn, SYNC_DB_TX_READ_WRITE, data->auth.team_id, parts_tx_cb, data, error);
}

void
sync_blobs_handle_parts (SyncApi     *api,
                         SyncRequest *req)
{
  SyncBlobData data = { .api = api, .req = req };
  g_autoptr(GError) error = NULL;
  gboolean ok = sync_db_run (api->db, parts_cb, &data, &error);

  sync_blobs_finish (api, req, &data, ok, error);
}

/* ------------------------------------------------------------------------- */
/* POST /v1/blobs/{sha}/parts */

typedef struct
{
  gint64      number;
  gint64      size;
  const char *etag;
} ReportedPart;

static gboolean
report_tx_cb (SyncDbConn  *conn,
              gpointer     user_data,
              GError     **error)
{
  SyncBlobData *data = user_data;
  ReportedPart *part = g_ptr_array_index (data->parts, 0);
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, part->number);
  g_autofree char *size = g_strdup_printf ("%" G_GINT64_FORMAT, part->size);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  const char *params[6];

  if (!sync_blobs_load_row (conn, data, TRUE, error))
    return FALSE;
  if (!data->row.found || data->row.available || data->row.upload_id == NULL)
    {
      g_set_error_literal (error, SYNC_ERROR, SYNC_ERROR_NOT_FOUND, "no multipart upload of this blob");
      return FALSE;
    }
  if ((guint64) part->number > sync_blobs_part_count (data->row.size, data->row.part_size) ||
      (guint64) part->size != sync_blobs_part_length (data->row.size, data->row.part_size, (guint) part->number))
    {
      g_set_error_literal (error, SYNC_ERROR, SYNC_ERROR_INVALID_REQUEST, "no such part, or not its size");
      return FALSE;
    }
  params[0] = data->auth.team_id;
  params[1] = data->sha256;
  params[2] = data->row.upload_id;
  params[3] = number;
  params[4] = size;
  params[5] = part->etag;
  if (!sync_db_conn_command (conn,
                             "INSERT INTO blob_part (team_id, sha256, upload_id, part_number, size, etag) "
                             "VALUES ($1, $2, $3, $4::integer, $5::bigint, $6) "
                             "ON CONFLICT (team_id, sha256, upload_id, part_number) "
                             "DO UPDATE SET size = excluded.size, etag = excluded.etag",
                             6, params, error))
    return FALSE;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "recorded");
  json_builder_add_boolean_value (builder, TRUE);
  json_builder_end_object (builder);
  data->response = json_builder_get_root (builder);
  return TRUE;
}

static gboolean
report_cb (SyncDbConn  *conn,
           gpointer     user_data,
           GError     **error)
{
  SyncBlobData *data = user_data;
  g_autoptr(JsonObject) body = NULL;
  GError *local_error = NULL;
  ReportedPart *part;

  if (!sync_auth_authenticate (conn, data->req->authorization, &data->auth, error) ||
      !sync_blobs_sha_from_path (data->req, data->sha256, error))
    return FALSE;
  body = sync_request_parse_object (data->req, error);
  if (body == NULL)
    return FALSE;
  part = g_new0 (ReportedPart, 1);
  g_clear_pointer (&data->parts, g_ptr_array_unref);
  data->parts = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (data->parts, part);
  if (!sync_blobs_get_int (body, "part_number", TRUE, 1, SYNC_BLOBS_MAX_PARTS, &part->number, error) ||
      !sync_blobs_get_int (body, "size", TRUE, 0, G_MAXINT64, &part->size, error))
    return FALSE;
  part->etag = sync_blobs_get_string (body, "etag", 200, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  if (part->etag == NULL)
    part->etag = "";
  sync_blobs_set_key (data);
  /* the body outlives the transaction: part->etag points into it */
  return sync_db_conn_transaction (conn, SYNC_DB_TX_READ_WRITE, data->auth.team_id, report_tx_cb, data, error);
}

void
sync_blobs_handle_report_part (SyncApi     *api,
                               SyncRequest *req)
{
  SyncBlobData data = { .api = api, .req = req };
  g_autoptr(GError) error = NULL;
  gboolean ok = sync_db_run (api->db, report_cb, &data, &error);

  sync_blobs_finish (api, req, &data, ok, error);
}

/* ------------------------------------------------------------------------- */
/* GET /v1/blobs/{sha}/url */

static gboolean
url_cb (SyncDbConn  *conn,
        gpointer     user_data,
        GError     **error)
{
  SyncBlobData *data = user_data;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autofree char *url = NULL;
  guint lifetime = data->api->config->blob_url_lifetime;

  if (!sync_auth_authenticate (conn, data->req->authorization, &data->auth, error) ||
      !sync_blobs_sha_from_path (data->req, data->sha256, error))
    return FALSE;
  sync_blobs_set_key (data);
  if (!sync_db_conn_transaction (conn, SYNC_DB_TX_SNAPSHOT, data->auth.team_id, sync_blobs_load_tx_cb, data, error))
    return FALSE;
  if (!data->row.found || !data->row.available)
    {
      g_set_error_literal (error, SYNC_ERROR, SYNC_ERROR_NOT_FOUND, "no such blob");
      return FALSE;
    }

  url = sync_blob_store_presign_get (data->api->blobs, data->key, lifetime);
  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "url");
  json_builder_add_string_value (builder, url);
  json_builder_set_member_name (builder, "size");
  json_builder_add_int_value (builder, data->row.size);
  json_builder_set_member_name (builder, "expires_in");
  json_builder_add_int_value (builder, lifetime);
  json_builder_end_object (builder);
  data->response = json_builder_get_root (builder);
  return TRUE;
}

void
sync_blobs_handle_url (SyncApi     *api,
                       SyncRequest *req)
{
  SyncBlobData data = { .api = api, .req = req };
  g_autoptr(GError) error = NULL;
  gboolean ok = sync_db_run (api->db, url_cb, &data, &error);

  sync_blobs_finish (api, req, &data, ok, error);
}
