/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coachbook-sync"

#include "config.h"

#include <stdlib.h>

#include "sync-error.h"
#include "sync-pull.h"

/* The usual pull, a client polling with nothing new since its cursor,
 * costs one round trip of two prepared statements in one implicit
 * transaction (sync_db_conn_exec_pipeline): the first authenticates the
 * token and sets the team for row-level security (and the device for the
 * second), the second reads the head and has PostgreSQL write the empty
 * page. Measured with pgbench, that costs PostgreSQL a third less than the
 * same two queries inside a PL/pgSQL function. Anything else (a page to
 * send, a resync, a stale last_seen) goes through sync_pull(), see
 * sql/003-pull-function.sql, which does everything again in one snapshot. */
static const char auth_sql[] =
  "SELECT set_config ('app.team_id', d.team_id::text, true), "
  "       set_config ('app.device_id', d.id::text, true), "
  "       d.last_seen < now () - interval '1 minute', d.id, d.team_id, d.coach_id "
  "FROM device d JOIN coach c ON c.id = d.coach_id "
  "WHERE d.token_hash = decode ($1, 'hex') "
  "AND d.revoked_at IS NULL "
  "AND (d.expires_at IS NULL OR d.expires_at > now ()) "
  "AND NOT c.disabled";

/* Without a device found above, both settings are empty: no row. */
static const char head_sql[] =
  "SELECT c.v, e.epoch::text, "
  "       json_build_object ('epoch', e.epoch::text, 'cursor', c.v, 'has_more', false, "
  "                          'last_mid', CASE WHEN c.v >= coalesce (dc.last_mid_version, 0) "
  "                                           THEN coalesce (dc.last_mid, 0) ELSE 0 END, "
  "                          'changes', '[]'::json)::text "
  "FROM team_clock c JOIN team_epoch e ON e.team_id = c.team_id "
  "LEFT JOIN device_cursor dc ON dc.device_id = nullif (current_setting ('app.device_id', true), '')::uuid "
  "WHERE c.team_id = nullif (current_setting ('app.team_id', true), '')::uuid";

static char *
try_empty_page (SyncDbConn    *conn,
                const char    *token_hash,
                gint64         cursor,
                const char    *epoch,
                SyncAuthInfo  *auth,
                GError       **error)
{
  const char *auth_params[] = { token_hash };
  SyncDbStatement statements[] = {
    { "sync_pull_auth", auth_sql, 1, auth_params },
    { "sync_pull_head", head_sql, 0, NULL },
  };
  PGresult *results[G_N_ELEMENTS (statements)];
  g_autoptr(PGresult) auth_res = NULL;
  g_autoptr(PGresult) head = NULL;

  if (!sync_db_conn_exec_pipeline (conn, statements, G_N_ELEMENTS (statements), results, error))
    return NULL;
  auth_res = results[0];
  head = results[1];

  if (PQntuples (auth_res) != 1 || PQgetvalue (auth_res, 0, 2)[0] == 't' || PQntuples (head) != 1 ||
      g_ascii_strtoll (PQgetvalue (head, 0, 0), NULL, 10) != cursor ||
      (epoch != NULL && g_strcmp0 (epoch, PQgetvalue (head, 0, 1)) != 0))
    return NULL;

  sync_auth_info_clear (auth);
  auth->device_id = g_strdup (PQgetvalue (auth_res, 0, 3));
  auth->team_id = g_strdup (PQgetvalue (auth_res, 0, 4));
  auth->coach_id = g_strdup (PQgetvalue (auth_res, 0, 5));
  return g_strdup (PQgetvalue (head, 0, 2));
}

char *
sync_pull_page (SyncDbConn    *conn,
                const char    *authorization,
                gint64         cursor,
                guint          limit,
                const char    *epoch,
                SyncAuthInfo  *auth,
                guint         *n_changes,
                GError       **error)
{
  g_autofree char *token_hash = NULL;
  g_autofree char *cursor_text = g_strdup_printf ("%" G_GINT64_FORMAT, cursor);
  g_autofree char *limit_text = g_strdup_printf ("%u", CLAMP (limit, 1, SYNC_PULL_MAX_LIMIT));
  g_autoptr(PGresult) res = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *params[4];
  const char *outcome;
  char *empty;

  g_return_val_if_fail (conn != NULL, NULL);
  g_return_val_if_fail (auth != NULL, NULL);

  token_hash = sync_auth_bearer_hash (authorization, error);
  if (token_hash == NULL)
    return NULL;

  empty = try_empty_page (conn, token_hash, cursor, epoch, auth, &local_error);
  if (empty != NULL)
    {
      if (n_changes)
        *n_changes = 0;
      return empty;
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  params[0] = token_hash;
  params[1] = cursor_text;
  params[2] = limit_text;
  params[3] = epoch;
  res = sync_db_conn_exec_prepared (conn, "sync_pull",
                                    "SELECT outcome, auth_device, auth_team, auth_coach, page, n_changes "
                                    "FROM sync_pull (decode ($1, 'hex'), $2::bigint, $3::integer, $4::text)",
                                    G_N_ELEMENTS (params), params, error);
  if (res == NULL)
    return NULL;
  if (PQntuples (res) != 1)
    {
      g_set_error_literal (error, SYNC_ERROR, SYNC_ERROR_INTERNAL, "sync_pull returned no row");
      return NULL;
    }

  outcome = PQgetvalue (res, 0, 0);
  if (g_str_equal (outcome, "unauthorized"))
    {
      g_set_error_literal (error, SYNC_ERROR, SYNC_ERROR_UNAUTHORIZED,
                           "the token is not valid, expired or was revoked");
      return NULL;
    }

  sync_auth_info_clear (auth);
  auth->device_id = g_strdup (PQgetvalue (res, 0, 1));
  auth->team_id = g_strdup (PQgetvalue (res, 0, 2));
  auth->coach_id = g_strdup (PQgetvalue (res, 0, 3));

  if (g_str_equal (outcome, "resync_epoch"))
    {
      g_set_error_literal (error, SYNC_ERROR, SYNC_ERROR_RESYNC,
                           "the team's data was restored or reset; pull from scratch");
      return NULL;
    }
  if (g_str_equal (outcome, "resync_ahead"))
    {
      g_set_error_literal (error, SYNC_ERROR, SYNC_ERROR_RESYNC,
                           "the cursor is ahead of the team's history; pull from scratch");
      return NULL;
    }
  if (!g_str_equal (outcome, "ok") || PQgetisnull (res, 0, 4))
    {
      g_set_error (error, SYNC_ERROR, SYNC_ERROR_INTERNAL, "pull for team %s: %s",
                   auth->team_id, outcome);
      return NULL;
    }

  if (n_changes)
    *n_changes = (guint) strtoul (PQgetvalue (res, 0, 5), NULL, 10);
  return g_strdup (PQgetvalue (res, 0, 4));
}
