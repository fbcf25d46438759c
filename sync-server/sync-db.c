/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coachbook-sync"

#include "config.h"

#include <string.h>

#include "sync-db.h"

G_DEFINE_QUARK (sync-db-error-quark, sync_db_error)

struct _SyncDbConn
{
  PGconn   *pg;
  gboolean  reused;  /* came out of the idle list rather than a fresh connect */
  guint     n_ok;    /* statements that succeeded since it was acquired */
  gboolean  lost;    /* the connection to the server is gone */
  GHashTable *prepared;  /* names of the statements prepared on it */
};

struct _SyncDb
{
  char     *url;
  guint     max_connections;
  gint64    pool_timeout_us;
  guint     connect_timeout_s;
  guint     statement_timeout_s;

  GMutex    lock;
  GCond     cond;
  GQueue    idle;     /* SyncDbConn, most recently used first */
  guint     n_open;   /* idle + in use + being connected */
  gboolean  closed;
};

/* ------------------------------------------------------------------------- */
/* Connections */

static void
notice_processor_cb (void       *arg,
                     const char *message)
{
  g_autofree char *m = g_strstrip (g_strdup (message));

  g_debug ("postgres: %s", m);
}

static void
conn_free (SyncDbConn *conn)
{
  if (conn == NULL)
    return;
  PQfinish (conn->pg);
  g_clear_pointer (&conn->prepared, g_hash_table_unref);
  g_free (conn);
}

static SyncDbConn *
conn_open (SyncDb  *self,
           GError **error)
{
  g_autofree char *connect_timeout = g_strdup_printf ("%u", self->connect_timeout_s);
  g_autofree char *options = g_strdup_printf ("-c statement_timeout=%u", self->statement_timeout_s * 1000);
  /* Our defaults come before dbname: with expand_dbname the URL's own
   * parameters override them. */
  const char *keywords[] = { "connect_timeout", "application_name", "options", "dbname", NULL };
  const char *values[] = { connect_timeout, "coachbook-sync", options, self->url, NULL };
  SyncDbConn *conn;
  PGconn *pg;

  pg = PQconnectdbParams (keywords, values, 1);
  if (pg == NULL || PQstatus (pg) != CONNECTION_OK)
    {
      g_autofree char *why = g_strstrip (g_strdup (pg ? PQerrorMessage (pg) : "out of memory"));

      g_set_error (error, SYNC_DB_ERROR, SYNC_DB_ERROR_UNAVAILABLE,
                   "cannot connect to the database: %s", why);
      PQfinish (pg);
      return NULL;
    }
  PQsetNoticeProcessor (pg, notice_processor_cb, NULL);

  conn = g_new0 (SyncDbConn, 1);
  conn->pg = pg;
  conn->prepared = g_hash_table_new (g_str_hash, g_str_equal);
  return conn;
}

static gboolean
conn_error (SyncDbConn  *conn,
            PGresult    *res,
            const char  *sql,
            GError     **error)
{
  const char *state = res ? PQresultErrorField (res, PG_DIAG_SQLSTATE) : NULL;
  const char *text = res ? PQresultErrorMessage (res) : NULL;
  g_autofree char *message = NULL;
  SyncDbError code = SYNC_DB_ERROR_QUERY;

  if (text == NULL || *text == '\0')
    text = PQerrorMessage (conn->pg);
  message = g_strstrip (g_strdup (text ? text : "unknown error"));

  if (PQstatus (conn->pg) == CONNECTION_BAD)
    {
      conn->lost = TRUE;
      code = SYNC_DB_ERROR_UNAVAILABLE;
    }
  else if (state != NULL &&
           (g_str_has_prefix (state, "08") ||       /* connection exception */
            g_str_has_prefix (state, "53") ||       /* insufficient resources */
            g_str_has_prefix (state, "57P")))       /* shutting down, crash recovery */
    {
      conn->lost = TRUE;
      code = SYNC_DB_ERROR_UNAVAILABLE;
    }
  else if (state != NULL &&
           (strcmp (state, "40001") == 0 ||          /* serialization failure */
            strcmp (state, "40P01") == 0 ||          /* deadlock */
            strcmp (state, "55P03") == 0 ||          /* lock not available */
            strcmp (state, "57014") == 0))           /* statement timeout */
    code = SYNC_DB_ERROR_RETRY;
  else if (state != NULL && (g_str_has_prefix (state, "22") || g_str_has_prefix (state, "23")))
    code = SYNC_DB_ERROR_DATA;

  g_set_error (error, SYNC_DB_ERROR, code, "%s%s%s", message,
               state ? " SQLSTATE " : "", state ? state : "");
  if (code == SYNC_DB_ERROR_QUERY)
    g_warning ("query failed: %s (%s)", message, sql);
  return FALSE;
}

PGresult *
sync_db_conn_exec (SyncDbConn          *conn,
                   const char          *sql,
                   int                  n_params,
                   const char * const  *params,
                   GError             **error)
{
  PGresult *res;
  ExecStatusType status;

  g_return_val_if_fail (conn != NULL, NULL);
  g_return_val_if_fail (sql != NULL, NULL);

  res = PQexecParams (conn->pg, sql, n_params, NULL, params, NULL, NULL, 0);
  status = PQresultStatus (res);
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK)
    {
      conn->n_ok++;
      return res;
    }

  conn_error (conn, res, sql, error);
  PQclear (res);
  return NULL;
}

static gboolean
ensure_prepared (SyncDbConn  *conn,
                 const char  *name,
                 const char  *sql,
                 int          n_params,
                 GError     **error)
{
  g_autoptr(PGresult) res = NULL;

  if (g_hash_table_contains (conn->prepared, name))
    return TRUE;
  res = PQprepare (conn->pg, name, sql, n_params, NULL);
  if (PQresultStatus (res) != PGRES_COMMAND_OK)
    return conn_error (conn, res, sql, error);
  g_hash_table_add (conn->prepared, (gpointer) name);
  return TRUE;
}

/* Like sync_db_conn_exec, for the statements run on nearly every request:
 * prepared once per connection under name (a static string), so PostgreSQL
 * parses and plans them once. */
PGresult *
sync_db_conn_exec_prepared (SyncDbConn          *conn,
                            const char          *name,
                            const char          *sql,
                            int                  n_params,
                            const char * const  *params,
                            GError             **error)
{
  PGresult *res;
  ExecStatusType status;

  g_return_val_if_fail (conn != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (sql != NULL, NULL);

  if (!ensure_prepared (conn, name, sql, n_params, error))
    return NULL;

  res = PQexecPrepared (conn->pg, name, n_params, params, NULL, NULL, 0);
  status = PQresultStatus (res);
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK)
    {
      conn->n_ok++;
      return res;
    }

  conn_error (conn, res, sql, error);
  PQclear (res);
  return NULL;
}

/* Runs prepared statements in one round trip (libpq's pipeline mode) and in
 * one transaction: without BEGIN, everything before the Sync that ends a
 * pipeline is one implicit transaction, so a set_config(..., true) in the
 * first statement holds for the following ones and ends with them. After
 * the first failure the rest are skipped. On success results[i] holds each
 * statement's result (free them with PQclear). */
gboolean
sync_db_conn_exec_pipeline (SyncDbConn             *conn,
                            const SyncDbStatement  *statements,
                            guint                   n_statements,
                            PGresult              **results,
                            GError                **error)
{
  g_autoptr(GError) first_error = NULL;
  guint current = 0;
  gboolean synced = FALSE;

  g_return_val_if_fail (conn != NULL, FALSE);
  g_return_val_if_fail (statements != NULL && n_statements > 0, FALSE);
  g_return_val_if_fail (results != NULL, FALSE);

  for (guint i = 0; i < n_statements; i++)
    {
      results[i] = NULL;
      if (!ensure_prepared (conn, statements[i].name, statements[i].sql, statements[i].n_params, error))
        return FALSE;
    }

  if (!PQenterPipelineMode (conn->pg))
    return conn_error (conn, NULL, "(pipeline)", error);
  for (guint i = 0; i < n_statements; i++)
    if (!PQsendQueryPrepared (conn->pg, statements[i].name, statements[i].n_params, statements[i].params,
                              NULL, NULL, 0))
      {
        conn_error (conn, NULL, statements[i].sql, error);
        conn->lost = TRUE;   /* half a pipeline sent: not worth untangling */
        return FALSE;
      }
  if (!PQpipelineSync (conn->pg))
    {
      conn_error (conn, NULL, "(pipeline sync)", error);
      conn->lost = TRUE;
      return FALSE;
    }

  /* Each statement's results end with a NULL; the Sync's comes last. */
  while (!synced)
    {
      PGresult *res = PQgetResult (conn->pg);
      ExecStatusType status;

      if (res == NULL)
        {
          /* more ends than statements: libpq lost track, give up on it */
          if (PQstatus (conn->pg) != CONNECTION_OK || ++current > n_statements)
            break;
          continue;
        }
      status = PQresultStatus (res);
      if (status == PGRES_PIPELINE_SYNC)
        synced = TRUE;
      else if ((status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK) && current < n_statements &&
               results[current] == NULL)
        {
          results[current] = res;
          conn->n_ok++;
          continue;
        }
      else if (first_error == NULL && status != PGRES_PIPELINE_ABORTED)
        conn_error (conn, res, current < n_statements ? statements[current].sql : "(pipeline)", &first_error);
      PQclear (res);
    }

  if (!synced || !PQexitPipelineMode (conn->pg))
    {
      conn->lost = TRUE;
      if (first_error == NULL)
        conn_error (conn, NULL, "(pipeline)", &first_error);
    }
  if (first_error == NULL)
    for (guint i = 0; i < n_statements; i++)
      if (results[i] == NULL)
        g_set_error (&first_error, SYNC_DB_ERROR, SYNC_DB_ERROR_QUERY, "statement %s returned nothing",
                     statements[i].name);
  if (first_error != NULL)
    {
      for (guint i = 0; i < n_statements; i++)
        g_clear_pointer (&results[i], PQclear);
      g_propagate_error (error, g_steal_pointer (&first_error));
      return FALSE;
    }
  return TRUE;
}

gboolean
sync_db_conn_command (SyncDbConn          *conn,
                      const char          *sql,
                      int                  n_params,
                      const char * const  *params,
                      GError             **error)
{
  g_autoptr(PGresult) res = sync_db_conn_exec (conn, sql, n_params, params, error);

  return res != NULL;
}

/* Several statements without parameters, as in a migration file. */
gboolean
sync_db_conn_exec_script (SyncDbConn  *conn,
                          const char  *script,
                          GError     **error)
{
  g_autoptr(PGresult) res = NULL;
  ExecStatusType status;

  g_return_val_if_fail (conn != NULL, FALSE);
  g_return_val_if_fail (script != NULL, FALSE);

  res = PQexec (conn->pg, script);
  status = PQresultStatus (res);
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY)
    {
      conn->n_ok++;
      return TRUE;
    }
  return conn_error (conn, res, "(script)", error);
}

/* Runs func inside BEGIN ... COMMIT; app.team_id is set for the transaction
 * only, so row-level security sees the team and nothing leaks into the next
 * user of the connection. */
gboolean
sync_db_conn_transaction (SyncDbConn    *conn,
                          SyncDbTxMode   mode,
                          const char    *team_id,
                          SyncDbFunc     func,
                          gpointer       user_data,
                          GError       **error)
{
  const char *begin = mode == SYNC_DB_TX_SNAPSHOT
                      ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"
                      : "BEGIN";

  g_return_val_if_fail (conn != NULL, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  if (!sync_db_conn_command (conn, begin, 0, NULL, error))
    return FALSE;

  if (team_id != NULL)
    {
      const char *params[] = { team_id };

      if (!sync_db_conn_command (conn, "SELECT set_config('app.team_id', $1, true)",
                                 1, params, error))
        goto fail;
    }

  if (!func (conn, user_data, error))
    goto fail;

  if (!sync_db_conn_command (conn, "COMMIT", 0, NULL, error))
    goto fail;
  return TRUE;

fail:
  if (PQstatus (conn->pg) == CONNECTION_OK && PQtransactionStatus (conn->pg) != PQTRANS_IDLE)
    PQclear (PQexec (conn->pg, "ROLLBACK"));
  return FALSE;
}

/* ------------------------------------------------------------------------- */
/* The pool */

SyncDb *
sync_db_new (const char *url,
             guint       max_connections,
             guint       pool_timeout_s,
             guint       connect_timeout_s,
             guint       statement_timeout_s)
{
  SyncDb *self;

  g_return_val_if_fail (url != NULL, NULL);
  g_return_val_if_fail (max_connections > 0, NULL);

  self = g_new0 (SyncDb, 1);
  self->url = g_strdup (url);
  self->max_connections = max_connections;
  self->pool_timeout_us = (gint64) pool_timeout_s * G_USEC_PER_SEC;
  self->connect_timeout_s = connect_timeout_s;
  self->statement_timeout_s = statement_timeout_s;
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  g_queue_init (&self->idle);
  return self;
}

/* Refuses new work and closes idle connections; connections still in use
 * are closed when they come back. */
void
sync_db_close (SyncDb *self)
{
  GQueue idle = G_QUEUE_INIT;

  g_return_if_fail (self != NULL);

  g_mutex_lock (&self->lock);
  self->closed = TRUE;
  idle = self->idle;
  g_queue_init (&self->idle);
  self->n_open -= idle.length;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);

  g_queue_clear_full (&idle, (GDestroyNotify) conn_free);
}

void
sync_db_free (SyncDb *self)
{
  if (self == NULL)
    return;
  sync_db_close (self);
  if (self->n_open != 0)
    g_warning ("%u database connections still in use at exit", self->n_open);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);
  g_free (self->url);
  g_free (self);
}

SyncDbConn *
sync_db_acquire (SyncDb  *self,
                 GError **error)
{
  gint64 deadline;

  g_return_val_if_fail (self != NULL, NULL);

  deadline = g_get_monotonic_time () + self->pool_timeout_us;

  g_mutex_lock (&self->lock);
  for (;;)
    {
      SyncDbConn *conn;

      if (self->closed)
        {
          g_mutex_unlock (&self->lock);
          g_set_error_literal (error, SYNC_DB_ERROR, SYNC_DB_ERROR_UNAVAILABLE,
                               "the server is shutting down");
          return NULL;
        }

      conn = g_queue_pop_head (&self->idle);
      if (conn != NULL)
        {
          if (PQstatus (conn->pg) != CONNECTION_OK)
            {
              self->n_open--;
              conn_free (conn);
              continue;
            }
          g_mutex_unlock (&self->lock);
          conn->reused = TRUE;
          conn->n_ok = 0;
          conn->lost = FALSE;
          return conn;
        }

      if (self->n_open < self->max_connections)
        {
          self->n_open++;
          g_mutex_unlock (&self->lock);

          conn = conn_open (self, error);
          if (conn == NULL)
            {
              g_mutex_lock (&self->lock);
              self->n_open--;
              g_cond_signal (&self->cond);
              g_mutex_unlock (&self->lock);
            }
          return conn;
        }

      if (!g_cond_wait_until (&self->cond, &self->lock, deadline))
        {
          g_mutex_unlock (&self->lock);
          g_set_error (error, SYNC_DB_ERROR, SYNC_DB_ERROR_UNAVAILABLE,
                       "all %u database connections are busy", self->max_connections);
          return NULL;
        }
    }
}

void
sync_db_release (SyncDb     *self,
                 SyncDbConn *conn)
{
  GQueue stale = G_QUEUE_INIT;
  gboolean keep;

  g_return_if_fail (self != NULL);

  if (conn == NULL)
    return;

  keep = !conn->lost &&
         PQstatus (conn->pg) == CONNECTION_OK &&
         PQtransactionStatus (conn->pg) == PQTRANS_IDLE;

  g_mutex_lock (&self->lock);
  if (keep && !self->closed)
    {
      g_queue_push_head (&self->idle, conn);
      conn = NULL;
    }
  else
    {
      self->n_open--;
      /* A lost connection usually means the server restarted: the idle
       * ones are dead as well, and each would fail one request. */
      if (conn->lost)
        {
          stale = self->idle;
          g_queue_init (&self->idle);
          self->n_open -= stale.length;
        }
    }
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->lock);

  conn_free (conn);
  g_queue_clear_full (&stale, (GDestroyNotify) conn_free);
}

/* Acquires a connection, runs func, releases it. When func failed on its
 * very first statement because an idle connection had died (a database
 * restart), nothing was done yet, so it runs once more on a fresh
 * connection instead of failing the request. */
gboolean
sync_db_run (SyncDb      *self,
             SyncDbFunc   func,
             gpointer     user_data,
             GError     **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  for (guint attempt = 0; ; attempt++)
    {
      g_autoptr(GError) local_error = NULL;
      SyncDbConn *conn;
      gboolean ok;
      gboolean retry;

      conn = sync_db_acquire (self, error);
      if (conn == NULL)
        return FALSE;

      ok = func (conn, user_data, &local_error);
      retry = !ok && attempt == 0 && conn->reused && conn->lost && conn->n_ok == 0;
      sync_db_release (self, conn);

      if (ok)
        return TRUE;
      if (!retry)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      g_debug ("an idle database connection was lost (%s); retrying on a new one",
               local_error->message);
    }
}

void
sync_db_get_stats (SyncDb *self,
                   guint  *n_open,
                   guint  *n_idle,
                   guint  *n_max)
{
  g_return_if_fail (self != NULL);

  g_mutex_lock (&self->lock);
  if (n_open)
    *n_open = self->n_open;
  if (n_idle)
    *n_idle = self->idle.length;
  if (n_max)
    *n_max = self->max_connections;
  g_mutex_unlock (&self->lock);
}
