/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coachbook-sync"

#include "config.h"

#include <gio/gio.h>
#include <stdlib.h>

#include "sync-migrate.h"

#define SQL_RESOURCE_DIR "/io/github/coachbook/Sync/sql/"

/* Key of the advisory lock held while a migration runs: any constant that
 * no other application on the same database uses ("CoachSyn" in ASCII). */
#define MIGRATION_LOCK_KEY "4859367862345576814"

typedef struct
{
  guint       version;
  const char *name;
  GBytes     *sql;
  gboolean    applied;
} Migration;

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* Each migration runs in its own transaction under a transaction-level
 * advisory lock: a second server starting at the same moment waits, then
 * finds the migration recorded and skips it. */
static gboolean
apply_one_cb (SyncDbConn  *conn,
              gpointer     user_data,
              GError     **error)
{
  Migration *m = user_data;
  g_autofree char *version = g_strdup_printf ("%u", m->version);
  const char *lock_params[] = { MIGRATION_LOCK_KEY };
  const char *params[] = { version, m->name };
  g_autoptr(PGresult) res = NULL;

  m->applied = FALSE;

  if (!sync_db_conn_command (conn, "SELECT pg_advisory_xact_lock ($1::bigint)", 1, lock_params, error))
    return FALSE;
  if (!sync_db_conn_command (conn,
                             "CREATE TABLE IF NOT EXISTS schema_migrations ("
                             "  version integer PRIMARY KEY,"
                             "  name text NOT NULL,"
                             "  applied_at timestamptz NOT NULL DEFAULT now ())",
                             0, NULL, error))
    return FALSE;

  res = sync_db_conn_exec (conn, "SELECT 1 FROM schema_migrations WHERE version = $1::integer",
                           1, params, error);
  if (res == NULL)
    return FALSE;
  if (PQntuples (res) > 0)
    return TRUE;

  if (!sync_db_conn_exec_script (conn, g_bytes_get_data (m->sql, NULL), error))
    {
      g_prefix_error (error, "migration %s: ", m->name);
      return FALSE;
    }
  if (!sync_db_conn_command (conn, "INSERT INTO schema_migrations (version, name) VALUES ($1::integer, $2)",
                             2, params, error))
    return FALSE;

  m->applied = TRUE;
  return TRUE;
}

typedef struct
{
  GPtrArray *migrations;
  guint      n_applied;
  guint      newest_known;
} MigrateData;

static gboolean
migrate_cb (SyncDbConn  *conn,
            gpointer     user_data,
            GError     **error)
{
  MigrateData *data = user_data;
  g_autoptr(PGresult) res = NULL;

  data->n_applied = 0;
  for (guint i = 0; i < data->migrations->len; i++)
    {
      Migration *m = g_ptr_array_index (data->migrations, i);

      if (!sync_db_conn_transaction (conn, SYNC_DB_TX_READ_WRITE, NULL, apply_one_cb, m, error))
        return FALSE;
      if (m->applied)
        {
          g_message ("applied database migration %s", m->name);
          data->n_applied++;
        }
    }

  /* A newer server may have migrated further: that works as long as
   * migrations stay additive, but is worth knowing. */
  res = sync_db_conn_exec (conn, "SELECT coalesce (max (version), 0) FROM schema_migrations", 0, NULL, error);
  if (res == NULL)
    return FALSE;
  if ((guint) atoi (PQgetvalue (res, 0, 0)) > data->newest_known)
    g_warning ("the database schema (%s) is newer than this server (%u)",
               PQgetvalue (res, 0, 0), data->newest_known);
  return TRUE;
}

static void
migration_free (Migration *m)
{
  g_bytes_unref (m->sql);
  g_free ((char *) m->name);
  g_free (m);
}

gboolean
sync_migrate_run (SyncDb  *db,
                  guint   *n_applied,
                  GError **error)
{
  g_auto(GStrv) names = NULL;
  g_autoptr(GPtrArray) migrations = g_ptr_array_new_with_free_func ((GDestroyNotify) migration_free);
  MigrateData data = { migrations, 0, 0 };

  g_return_val_if_fail (db != NULL, FALSE);

  names = g_resources_enumerate_children (SQL_RESOURCE_DIR, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (names == NULL)
    return FALSE;
  qsort (names, g_strv_length (names), sizeof (char *), compare_names);

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *path = g_strconcat (SQL_RESOURCE_DIR, names[i], NULL);
      Migration *m;
      guint64 version;
      char *end = NULL;

      if (!g_str_has_suffix (names[i], ".sql"))
        continue;
      version = g_ascii_strtoull (names[i], &end, 10);
      if (version == 0 || version > G_MAXINT || end == names[i] || *end != '-')
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "migration %s is not named NNN-name.sql", names[i]);
          return FALSE;
        }

      m = g_new0 (Migration, 1);
      m->version = (guint) version;
      m->name = g_strdup (names[i]);
      m->sql = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
      if (m->sql == NULL)
        {
          migration_free (m);
          return FALSE;
        }
      g_ptr_array_add (migrations, m);
      data.newest_known = MAX (data.newest_known, m->version);
    }

  if (!sync_db_run (db, migrate_cb, &data, error))
    return FALSE;
  if (n_applied)
    *n_applied = data.n_applied;
  return TRUE;
}
