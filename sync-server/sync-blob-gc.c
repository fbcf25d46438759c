/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coachbook-sync"

#include "config.h"

#include "sync-blobs.h"

/* ------------------------------------------------------------------------- */
/* Orphans */

typedef struct
{
  SyncApi   *api;
  char      *team_id;
  GPtrArray *orphans;   /* sha256, upload_id or "", sha256, ... */
  guint      n_removed;
} OrphanData;

/* Claims the team's orphans; SKIP LOCKED lets several instances collect
 * at once, each row by one of them. */
static gboolean
orphans_tx_cb (SyncDbConn  *conn,
               gpointer     user_data,
               GError     **error)
{
  OrphanData *data = user_data;
  g_autofree char *grace = g_strdup_printf ("%u", data->api->config->blob_orphan_grace_hours);
  const char *params[] = { data->team_id, grace };
  g_autoptr(PGresult) res = NULL;

  res = sync_db_conn_exec (conn,
                           "DELETE FROM blob WHERE (team_id, sha256) IN ("
                           "  SELECT team_id, sha256 FROM blob WHERE team_id = $1 AND state = 'pending'"
                           "  AND created_at < now () - make_interval (hours => $2::integer)"
                           "  FOR UPDATE SKIP LOCKED LIMIT 1000) "
                           "RETURNING sha256, coalesce (upload_id, '')",
                           2, params, error);
  if (res == NULL)
    return FALSE;
  for (int i = 0; i < PQntuples (res); i++)
    {
      g_ptr_array_add (data->orphans, g_strdup (PQgetvalue (res, i, 0)));
      g_ptr_array_add (data->orphans, g_strdup (PQgetvalue (res, i, 1)));
    }
  return TRUE;
}

static gboolean
collect_cb (SyncDbConn  *conn,
            gpointer     user_data,
            GError     **error)
{
  OrphanData *data = user_data;
  g_autoptr(PGresult) teams = NULL;

  teams = sync_db_conn_exec (conn, "SELECT id FROM team", 0, NULL, error);
  if (teams == NULL)
    return FALSE;
  for (int t = 0; t < PQntuples (teams); t++)
    {
      OrphanData team = { data->api, PQgetvalue (teams, t, 0), g_ptr_array_new_with_free_func (g_free), 0 };

      /* rows go first: a blob whose row is gone can no longer complete,
       * so removing its contents next cannot break an upload */
      if (!sync_db_conn_transaction (conn, SYNC_DB_TX_READ_WRITE, team.team_id, orphans_tx_cb, &team, error))
        {
          g_ptr_array_unref (team.orphans);
          return FALSE;
        }
      for (guint i = 0; i + 1 < team.orphans->len; i += 2)
        {
          const char *sha = g_ptr_array_index (team.orphans, i);
          const char *upload_id = g_ptr_array_index (team.orphans, i + 1);
          g_autofree char *key = g_strdup_printf ("%s/%s", team.team_id, sha);
          g_autoptr(GError) local_error = NULL;

          if ((upload_id[0] != '\0' &&
               !sync_blob_store_multipart_abort (data->api->blobs, key, upload_id, &local_error)) ||
              !sync_blob_store_delete (data->api->blobs, key, &local_error))
            g_warning ("removing orphan blob %s: %s", key, local_error->message);
          sync_metrics_add (data->api->metrics, SYNC_COUNTER_BLOB_ORPHANS_REMOVED, 1);
          data->n_removed++;
        }
      g_ptr_array_unref (team.orphans);
    }
  return TRUE;
}

gboolean
sync_blobs_collect_orphans (SyncApi  *api,
                            guint    *n_removed,
                            GError  **error)
{
  OrphanData data = { api, NULL, NULL, 0 };

  g_return_val_if_fail (api != NULL, FALSE);

  if (!sync_db_run (api->db, collect_cb, &data, error))
    return FALSE;
  if (n_removed)
    *n_removed = data.n_removed;
  return TRUE;
}
