/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coachbook-sync"

#include "config.h"

#include <stdlib.h>

#include "sync-error.h"
#include "sync-pull.h"

typedef struct
{
  const SyncAuthInfo *auth;
  gint64              cursor;
  guint               limit;
  const char         *epoch;

  char               *body;
  guint               n_changes;
} PullData;

/* The page is serialised by PostgreSQL's JSON functions straight from the
 * stored jsonb: no parse tree in between, and the escaping is the
 * database's, not ours. */
static const char page_sql[] =
  "WITH page AS ("
  "  SELECT tbl, id, fields, deleted, server_version FROM record "
  "  WHERE team_id = $1 AND server_version > $2::bigint "
  "  ORDER BY server_version LIMIT $3::integer + 1), "
  "shown AS (SELECT * FROM page ORDER BY server_version LIMIT $3::integer), "
  "info AS ("
  "  SELECT (SELECT count(*) FROM page) > $3::integer AS has_more, "
  "         (SELECT max (server_version) FROM shown) AS last_version, "
  "         (SELECT count(*) FROM shown) AS n), "
  "pos AS ("
  "  SELECT has_more, n, CASE WHEN has_more THEN last_version ELSE $5::bigint END AS cursor FROM info) "
  "SELECT json_build_object ("
  "  'epoch', $4::text, "
  "  'cursor', pos.cursor, "
  "  'has_more', pos.has_more, "
  "  'last_mid', CASE WHEN pos.cursor >= $7::bigint THEN $6::bigint ELSE 0 END, "
  "  'changes', coalesce ((SELECT json_agg (json_build_object ("
  "                          'table', tbl, 'id', id, 'fields', fields, "
  "                          'deleted', deleted, 'version', server_version) "
  "                        ORDER BY server_version) FROM shown), '[]'::json))::text, "
  "  pos.n "
  "FROM pos";

static gboolean
pull_tx_cb (SyncDbConn  *conn,
            gpointer     user_data,
            GError     **error)
{
  PullData *data = user_data;
  const char *head_params[] = { data->auth->team_id, data->auth->device_id };
  g_autofree char *cursor = g_strdup_printf ("%" G_GINT64_FORMAT, data->cursor);
  g_autofree char *limit = g_strdup_printf ("%u", data->limit);
  g_autoptr(PGresult) head = NULL;
  g_autoptr(PGresult) page = NULL;
  const char *page_params[7];
  gint64 clock;

  /* The clock, the epoch and this device's acknowledged mid, in the same
   * snapshot as the page: the cursor handed out never passes a change the
   * page did not include. */
  head = sync_db_conn_exec (conn,
                            "SELECT c.v, e.epoch::text, coalesce (d.last_mid, 0), "
                            "       coalesce (d.last_mid_version, 0) "
                            "FROM team_clock c JOIN team_epoch e ON e.team_id = c.team_id "
                            "LEFT JOIN device_cursor d ON d.device_id = $2::uuid "
                            "WHERE c.team_id = $1",
                            2, head_params, error);
  if (head == NULL)
    return FALSE;
  if (PQntuples (head) != 1)
    {
      g_set_error (error, SYNC_ERROR, SYNC_ERROR_INTERNAL, "team %s has no clock", data->auth->team_id);
      return FALSE;
    }

  clock = g_ascii_strtoll (PQgetvalue (head, 0, 0), NULL, 10);
  if (data->epoch != NULL && g_strcmp0 (data->epoch, PQgetvalue (head, 0, 1)) != 0)
    {
      g_set_error_literal (error, SYNC_ERROR, SYNC_ERROR_RESYNC,
                           "the team's data was restored or reset; pull from scratch");
      return FALSE;
    }
  if (data->cursor > clock)
    {
      g_set_error_literal (error, SYNC_ERROR, SYNC_ERROR_RESYNC,
                           "the cursor is ahead of the team's history; pull from scratch");
      return FALSE;
    }

  /* Nothing new since the cursor: the answer of page_sql, without the
   * query (the most frequent pull by far, a client polling). */
  if (data->cursor == clock)
    {
      gint64 last_mid_version = g_ascii_strtoll (PQgetvalue (head, 0, 3), NULL, 10);

      g_free (data->body);
      data->body = g_strdup_printf ("{\"epoch\" : \"%s\", \"cursor\" : %" G_GINT64_FORMAT ", "
                                    "\"has_more\" : false, \"last_mid\" : %s, \"changes\" : []}",
                                    PQgetvalue (head, 0, 1), clock,
                                    clock >= last_mid_version ? PQgetvalue (head, 0, 2) : "0");
      data->n_changes = 0;
      return TRUE;
    }

  page_params[0] = data->auth->team_id;
  page_params[1] = cursor;
  page_params[2] = limit;
  page_params[3] = PQgetvalue (head, 0, 1);
  page_params[4] = PQgetvalue (head, 0, 0);
  page_params[5] = PQgetvalue (head, 0, 2);
  page_params[6] = PQgetvalue (head, 0, 3);
  page = sync_db_conn_exec (conn, page_sql, G_N_ELEMENTS (page_params), page_params, error);
  if (page == NULL)
    return FALSE;

  g_free (data->body);
  data->body = g_strdup (PQgetvalue (page, 0, 0));
  data->n_changes = (guint) strtoul (PQgetvalue (page, 0, 1), NULL, 10);
  return TRUE;
}

char *
sync_pull_page (SyncDbConn          *conn,
                const SyncAuthInfo  *auth,
                gint64               cursor,
                guint                limit,
                const char          *epoch,
                guint               *n_changes,
                GError             **error)
{
  PullData data = { auth, cursor, CLAMP (limit, 1, SYNC_PULL_MAX_LIMIT), epoch, NULL, 0 };

  g_return_val_if_fail (conn != NULL, NULL);
  g_return_val_if_fail (auth != NULL, NULL);

  if (!sync_db_conn_transaction (conn, SYNC_DB_TX_SNAPSHOT, auth->team_id, pull_tx_cb, &data, error))
    {
      g_free (data.body);
      return NULL;
    }
  if (n_changes)
    *n_changes = data.n_changes;
  return data.body;
}
