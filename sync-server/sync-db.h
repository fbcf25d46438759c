/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include <glib.h>
#include <libpq-fe.h>

G_BEGIN_DECLS

/* A bounded pool of libpq connections, used from worker threads only: every
 * call may block. Connections that broke (the server restarted, the network
 * dropped) are thrown away and replaced on the next acquire, so the daemon
 * recovers from a database restart on its own. */

#define SYNC_DB_ERROR (sync_db_error_quark ())

typedef enum
{
  SYNC_DB_ERROR_UNAVAILABLE, /* cannot connect, connection lost, pool exhausted, shutting down */
  SYNC_DB_ERROR_RETRY,       /* serialization failure, deadlock, statement timeout */
  SYNC_DB_ERROR_DATA,        /* the database refused a value (SQLSTATE class 22 or 23) */
  SYNC_DB_ERROR_QUERY,       /* anything else: a bug or a broken schema */
} SyncDbError;

typedef struct _SyncDb SyncDb;
typedef struct _SyncDbConn SyncDbConn;

typedef enum
{
  SYNC_DB_TX_READ_WRITE,
  SYNC_DB_TX_SNAPSHOT,      /* REPEATABLE READ, READ ONLY: one consistent view */
} SyncDbTxMode;

/* A statement prepared once per connection under name (a static string). */
typedef struct
{
  const char          *name;
  const char          *sql;
  int                  n_params;
  const char * const  *params;
} SyncDbStatement;

typedef gboolean (*SyncDbFunc) (SyncDbConn  *conn,
                                gpointer     user_data,
                                GError     **error);

GQuark      sync_db_error_quark     (void);

SyncDb     *sync_db_new             (const char   *url,
                                     guint         max_connections,
                                     guint         pool_timeout_s,
                                     guint         connect_timeout_s,
                                     guint         statement_timeout_s);
void        sync_db_free            (SyncDb       *self);
void        sync_db_close           (SyncDb       *self);
SyncDbConn *sync_db_acquire         (SyncDb       *self,
                                     GError      **error);
void        sync_db_release         (SyncDb       *self,
                                     SyncDbConn   *conn);
gboolean    sync_db_run             (SyncDb       *self,
                                     SyncDbFunc    func,
                                     gpointer      user_data,
                                     GError      **error);
void        sync_db_get_stats       (SyncDb       *self,
                                     guint        *n_open,
                                     guint        *n_idle,
                                     guint        *n_max);

PGresult   *sync_db_conn_exec       (SyncDbConn          *conn,
                                     const char          *sql,
                                     int                  n_params,
                                     const char * const  *params,
                                     GError             **error);
PGresult   *sync_db_conn_exec_prepared (SyncDbConn         *conn,
                                        const char         *name,
                                        const char         *sql,
                                        int                 n_params,
                                        const char * const *params,
                                        GError            **error);
gboolean    sync_db_conn_exec_pipeline (SyncDbConn            *conn,
                                        const SyncDbStatement *statements,
                                        guint                  n_statements,
                                        PGresult             **results,
                                        GError               **error);
gboolean    sync_db_conn_command    (SyncDbConn          *conn,
                                     const char          *sql,
                                     int                  n_params,
                                     const char * const  *params,
                                     GError             **error);
gboolean    sync_db_conn_exec_script (SyncDbConn         *conn,
                                      const char         *script,
                                      GError            **error);
gboolean    sync_db_conn_transaction (SyncDbConn         *conn,
                                      SyncDbTxMode        mode,
                                      const char         *team_id,
                                      SyncDbFunc          func,
                                      gpointer            user_data,
                                      GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGresult, PQclear)

G_END_DECLS
