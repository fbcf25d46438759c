/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include <libpq-fe.h>

#include "coach-catalog.h"
#include "coach-sync-engine.h"

G_BEGIN_DECLS

/* Helpers for the convergence tests: teams and devices made straight in
 * PostgreSQL (no password hashing per device), local edits written as text
 * lines so that a separate device process can replay them, and canonical
 * dumps of a catalog and of what the server holds. */

typedef struct
{
  char  *team_id;
  guint  n_devices;
  char **device_ids;
  char **tokens;
} SimTeam;

/* One local edit, as a line:
 *   put TABLE ID JSON-FIELDS      create the row or change those fields
 *   del TABLE ID                  delete the row
 *   link TABLE A B / unlink TABLE A B */
typedef struct
{
  char   *line;
  guint   device;
  gint64  first_mid;   /* the outbox rows it wrote: (first_mid .. last_mid) */
  gint64  last_mid;
} SimOp;

PGconn     *sim_pg_connect             (const char   *dbname);
PGresult   *sim_pg_exec                (PGconn       *conn,
                                        const char   *sql,
                                        int           n_params,
                                        const char * const *params);
gint64      sim_pg_int                 (PGconn       *conn,
                                        const char   *sql,
                                        int           n_params,
                                        const char * const *params);

SimTeam    *sim_team_new               (PGconn       *conn,
                                        const char   *name,
                                        guint         n_devices);
void        sim_team_free              (SimTeam      *team);

/* A fresh catalog directory signed in as @device_id (no keyring needed:
 * the token is handed to the sync client directly). */
CoachCatalog *sim_catalog_open         (const char   *dir,
                                        const char   *device_id,
                                        GError      **error);

/* Applies one op line; *skipped is set when the row is gone here (deleted
 * or never seen), which is not an error. */
gboolean    sim_apply_op               (CoachCatalog *catalog,
                                        const char   *line,
                                        gboolean     *skipped,
                                        GError      **error);
/* The first column of the first row of a query on the catalog. */
gint64      sim_sqlite_int             (CoachCatalog *catalog,
                                        const char   *sql);
/* The first column of every row, as text. */
GPtrArray  *sim_sqlite_strings         (CoachCatalog *catalog,
                                        const char   *sql);
gint64      sim_outbox_seq             (CoachCatalog *catalog);
gint64      sim_cursor                 (CoachCatalog *catalog);
char       *sim_integrity_check        (CoachCatalog *catalog);

/* One sync round with a client made for this call. */
gboolean    sim_sync                   (CoachCatalog   *catalog,
                                        const char     *url,
                                        const char     *token,
                                        CoachSyncStats *stats,
                                        GError        **error);

/* Every live synced row of the catalog, one line per row, ordered, without
 * the device-clock column updated_at. */
char       *sim_catalog_dump           (CoachCatalog *catalog);
/* Ids of the rows deleted here ("table/id"). */
GHashTable *sim_catalog_tombstones     (CoachCatalog *catalog);

/* Checks that the live rows of @catalog are exactly the team's live rows
 * in PostgreSQL, field by field, and that no row deleted there is live
 * here. Returns a description of the first difference, or NULL. */
char       *sim_compare_with_server    (CoachCatalog *catalog,
                                        PGconn       *conn,
                                        const char   *team_id);

/* Live ids of a table, ordered. */
GPtrArray  *sim_live_ids               (CoachCatalog *catalog,
                                        const char   *table);
/* A random op line on what @catalog holds (few rows, many edits, item
 * inserts and moves), or NULL when the draw fits nothing there. */
char       *sim_random_op              (CoachCatalog *catalog,
                                        GRand        *rand);

/* The ops that wrote one field of one row ("table/id/field" in
 * sim_field_writers()): a field only one device wrote has a known final
 * value, that of its last op. */
typedef struct
{
  GHashTable *devices;  /* device index + 1 -> an op of that device */
  SimOp      *last;     /* the op with the greatest mid of the last device seen */
} SimWriters;

GHashTable *sim_field_writers          (GPtrArray    *ops);

void        sim_op_free                (SimOp        *op);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SimTeam, sim_team_free)

G_END_DECLS
