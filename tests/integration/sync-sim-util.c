/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "sync-sim"

#include "config.h"

#include <string.h>

#include "coach-catalog-private.h"
#include "coach-sync-client.h"
#include "sync-sim-util.h"
#include "sync-test-util.h"

/* ------------------------------------------------------------------------- */
/* PostgreSQL, as superuser (row-level security hides nothing from it) */

PGconn *
sim_pg_connect (const char *dbname)
{
  const char *keywords[] = { "host", "port", "user", "dbname", NULL };
  const char *values[] = { g_getenv ("COACHBOOK_TEST_PG_HOST"), g_getenv ("COACHBOOK_TEST_PG_PORT"),
                           "postgres", dbname, NULL };
  PGconn *conn;

  if (values[0] == NULL || values[1] == NULL)
    g_error ("COACHBOOK_TEST_PG_HOST is not set: run this test through with-postgres.sh");
  conn = PQconnectdbParams (keywords, values, 0);
  if (PQstatus (conn) != CONNECTION_OK)
    g_error ("cannot connect to the test cluster: %s", PQerrorMessage (conn));
  return conn;
}

PGresult *
sim_pg_exec (PGconn             *conn,
             const char         *sql,
             int                 n_params,
             const char * const *params)
{
  PGresult *res = PQexecParams (conn, sql, n_params, NULL, (const char * const *) params, NULL, NULL, 0);
  ExecStatusType status = PQresultStatus (res);

  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
    g_error ("%s: %s", sql, PQresultErrorMessage (res));
  return res;
}

gint64
sim_pg_int (PGconn             *conn,
            const char         *sql,
            int                 n_params,
            const char * const *params)
{
  PGresult *res = sim_pg_exec (conn, sql, n_params, params);
  gint64 v;

  g_assert_cmpint (PQntuples (res), ==, 1);
  v = PQgetisnull (res, 0, 0) ? 0 : g_ascii_strtoll (PQgetvalue (res, 0, 0), NULL, 10);
  PQclear (res);
  return v;
}

static char *
pg_value (PGconn             *conn,
          const char         *sql,
          int                 n_params,
          const char * const *params)
{
  PGresult *res = sim_pg_exec (conn, sql, n_params, params);
  char *v;

  g_assert_cmpint (PQntuples (res), ==, 1);
  v = g_strdup (PQgetvalue (res, 0, 0));
  PQclear (res);
  return v;
}

/* The rows `coachbook-sync admin create-team` and a login would make, with
 * tokens chosen here. */
SimTeam *
sim_team_new (PGconn     *conn,
              const char *name,
              guint       n_devices)
{
  SimTeam *team = g_new0 (SimTeam, 1);
  g_autofree char *email = g_strdup_printf ("%s@example.org", name);
  g_autofree char *coach_id = NULL;
  const char *p1[] = { name };

  team->team_id = pg_value (conn, "INSERT INTO team (name) VALUES ($1) RETURNING id::text", 1, p1);
  {
    const char *p[] = { team->team_id, email };

    PQclear (sim_pg_exec (conn, "INSERT INTO team_clock (team_id) VALUES ($1)", 1, p));
    PQclear (sim_pg_exec (conn, "INSERT INTO team_epoch (team_id) VALUES ($1)", 1, p));
    coach_id = pg_value (conn, "INSERT INTO coach (team_id, email, password_hash) VALUES ($1, lower ($2), 'none') "
                               "RETURNING id::text", 2, p);
  }

  team->n_devices = n_devices;
  team->device_ids = g_new0 (char *, n_devices + 1);
  team->tokens = g_new0 (char *, n_devices + 1);
  for (guint i = 0; i < n_devices; i++)
    {
      g_autofree char *device_name = g_strdup_printf ("device %u", i);
      g_autofree char *hash = NULL;
      GString *token = g_string_new (NULL);

      for (guint k = 0; k < 8; k++)
        g_string_append_printf (token, "%08x", g_random_int ());
      team->tokens[i] = g_string_free (token, FALSE);
      hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, team->tokens[i], -1);
      {
        const char *p[] = { team->team_id, coach_id, device_name, hash };

        team->device_ids[i] = pg_value (conn,
                                        "INSERT INTO device (team_id, coach_id, name, token_hash) "
                                        "VALUES ($1, $2, $3, decode ($4, 'hex')) RETURNING id::text",
                                        4, p);
      }
    }
  return team;
}

void
sim_team_free (SimTeam *team)
{
  if (team == NULL)
    return;
  g_free (team->team_id);
  g_strfreev (team->device_ids);
  g_strfreev (team->tokens);
  g_free (team);
}

/* ------------------------------------------------------------------------- */
/* Catalogs */

CoachCatalog *
sim_catalog_open (const char  *dir,
                  const char  *device_id,
                  GError     **error)
{
  g_autoptr(CoachCatalog) catalog = coach_catalog_open (dir, error);
  g_autofree char *known = NULL;

  if (catalog == NULL)
    return NULL;
  known = coach_catalog_get_meta (catalog, "sync-device-id");
  if (known == NULL && device_id != NULL &&
      !coach_catalog_set_meta (catalog, "sync-device-id", device_id, error))
    return NULL;
  return g_steal_pointer (&catalog);
}

static sqlite3 *
handle_of (CoachCatalog *catalog)
{
  return coach_db_get_handle (_coach_catalog_get_db (catalog));
}

static char *
sqlite_text (CoachCatalog *catalog,
             const char   *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *v = NULL;

  if (sqlite3_prepare_v2 (handle_of (catalog), sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (handle_of (catalog)));
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    v = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return v;
}

gint64
sim_sqlite_int (CoachCatalog *catalog,
                const char   *sql)
{
  g_autofree char *v = sqlite_text (catalog, sql);

  return v ? g_ascii_strtoll (v, NULL, 10) : 0;
}

GPtrArray *
sim_sqlite_strings (CoachCatalog *catalog,
                    const char   *sql)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (handle_of (catalog), sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (handle_of (catalog)));
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (rows, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  return rows;
}

gint64
sim_outbox_seq (CoachCatalog *catalog)
{
  g_autofree char *v = sqlite_text (catalog, "SELECT seq FROM sqlite_sequence WHERE name = 'outbox'");

  return v ? g_ascii_strtoll (v, NULL, 10) : 0;
}

gint64
sim_cursor (CoachCatalog *catalog)
{
  g_autofree char *v = coach_catalog_get_meta (catalog, "sync-cursor");

  return v ? g_ascii_strtoll (v, NULL, 10) : 0;
}

char *
sim_integrity_check (CoachCatalog *catalog)
{
  return sqlite_text (catalog, "PRAGMA integrity_check");
}

gboolean
sim_sync (CoachCatalog    *catalog,
          const char      *url,
          const char      *token,
          CoachSyncStats  *stats,
          GError         **error)
{
  g_autoptr(CoachSyncClient) client = coach_sync_client_new (url, error);

  if (client == NULL)
    return FALSE;
  coach_sync_client_set_token (client, token);
  coach_sync_client_set_timeout (client, 30);
  return coach_catalog_sync_once (catalog, client, stats, NULL, error);
}

static CoachRecord *
get_live (CoachCatalog  *catalog,
          const char    *table,
          const char    *id,
          gboolean      *skipped,
          GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(CoachRecord) record = coach_catalog_get (catalog, table, id, &local_error);

  if (record == NULL && g_error_matches (local_error, COACH_CATALOG_ERROR, COACH_CATALOG_ERROR_NOT_FOUND))
    {
      *skipped = TRUE;
      return NULL;
    }
  if (record == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (coach_record_get_deleted (record))
    {
      *skipped = TRUE;
      return NULL;
    }
  return g_steal_pointer (&record);
}

gboolean
sim_apply_op (CoachCatalog  *catalog,
              const char    *line,
              gboolean      *skipped,
              GError       **error)
{
  g_auto(GStrv) parts = g_strsplit (line, " ", 4);
  guint n = g_strv_length (parts);

  *skipped = FALSE;
  if (n == 4 && g_str_equal (parts[0], "put"))
    {
      g_autoptr(JsonNode) node = json_from_string (parts[3], error);
      g_autoptr(CoachRecord) record = NULL;
      g_autoptr(GList) members = NULL;
      gboolean create;

      if (node == NULL)
        return FALSE;
      create = json_object_has_member (json_node_get_object (node), "*create");
      if (create)
        {
          g_autoptr(GError) local_error = NULL;
          g_autoptr(CoachRecord) existing = coach_catalog_get (catalog, parts[1], parts[2], &local_error);

          if (existing != NULL)
            {
              *skipped = TRUE;
              return TRUE;
            }
          record = coach_record_new_for_table (parts[1], parts[2]);
        }
      else
        {
          record = get_live (catalog, parts[1], parts[2], skipped, error);
          if (record == NULL)
            return *skipped;
        }
      members = json_object_get_members (json_node_get_object (node));
      for (GList *l = members; l; l = l->next)
        if (!g_str_equal (l->data, "*create"))
          coach_record_set_value (record, l->data, json_object_get_member (json_node_get_object (node), l->data));
      return coach_catalog_save (catalog, record, error);
    }
  if (n == 3 && g_str_equal (parts[0], "del"))
    {
      g_autoptr(CoachRecord) record = get_live (catalog, parts[1], parts[2], skipped, error);

      if (record == NULL)
        return *skipped;
      return coach_catalog_delete (catalog, record, error);
    }
  if (n == 4 && g_str_equal (parts[0], "link"))
    return coach_catalog_link (catalog, parts[1], parts[2], parts[3], error);
  if (n == 4 && g_str_equal (parts[0], "unlink"))
    return coach_catalog_unlink (catalog, parts[1], parts[2], parts[3], error);

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "bad op line: %s", line);
  return FALSE;
}

void
sim_op_free (SimOp *op)
{
  g_free (op->line);
  g_free (op);
}

/* ------------------------------------------------------------------------- */
/* Dumps and comparisons */

static void
dump_table (CoachCatalog *catalog,
            const char   *table,
            GString      *out)
{
  g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\" WHERE deleted = 0 ORDER BY id", table);
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (handle_of (catalog), sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (handle_of (catalog)));
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_string_append (out, table);
      for (int c = 0; c < sqlite3_column_count (stmt); c++)
        {
          const char *name = sqlite3_column_name (stmt, c);

          /* the device's own clock: informational, never merged */
          if (g_str_equal (name, "updated_at"))
            continue;
          if (sqlite3_column_type (stmt, c) == SQLITE_NULL)
            g_string_append_printf (out, " %s=NULL", name);
          else
            g_string_append_printf (out, " %s=«%s»", name, sqlite3_column_text (stmt, c));
        }
      g_string_append_c (out, '\n');
    }
  sqlite3_finalize (stmt);
}

char *
sim_catalog_dump (CoachCatalog *catalog)
{
  GString *out = g_string_new (NULL);
  const CoachTableInfo *tables;
  guint n_tables;

  tables = coach_schema_get_tables (&n_tables);
  for (guint i = 0; i < n_tables; i++)
    dump_table (catalog, tables[i].name, out);
  return g_string_free (out, FALSE);
}

GHashTable *
sim_catalog_tombstones (CoachCatalog *catalog)
{
  GHashTable *set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const CoachTableInfo *tables;
  guint n_tables;

  tables = coach_schema_get_tables (&n_tables);
  for (guint i = 0; i < n_tables; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT id FROM \"%s\" WHERE deleted != 0", tables[i].name);
      sqlite3_stmt *stmt = NULL;

      if (sqlite3_prepare_v2 (handle_of (catalog), sql, -1, &stmt, NULL) != SQLITE_OK)
        g_error ("%s: %s", sql, sqlite3_errmsg (handle_of (catalog)));
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_hash_table_add (set, g_strdup_printf ("%s/%s", tables[i].name, sqlite3_column_text (stmt, 0)));
      sqlite3_finalize (stmt);
    }
  return set;
}

static gint64
local_live_count (CoachCatalog *catalog)
{
  const CoachTableInfo *tables;
  guint n_tables;
  gint64 n = 0;

  tables = coach_schema_get_tables (&n_tables);
  for (guint i = 0; i < n_tables; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM \"%s\" WHERE deleted = 0", tables[i].name);
      g_autofree char *v = sqlite_text (catalog, sql);

      n += g_ascii_strtoll (v, NULL, 10);
    }
  return n;
}

static char *
node_text (JsonNode *node)
{
  if (node == NULL)
    return g_strdup ("null");
  return json_to_string (node, FALSE);
}

/* Link rows have no record type: read them straight. */
static char *
compare_link (CoachCatalog *catalog,
              const char   *table,
              const char   *id,
              const char   *fields_json,
              gboolean      deleted,
              gint64        version)
{
  const CoachTableInfo *info = coach_schema_lookup_table (table);
  g_autofree char *sql = g_strdup_printf ("SELECT deleted, server_version, \"%s\", \"%s\" FROM \"%s\" WHERE id = ?",
                                          info->fields[0].name, info->fields[1].name, table);
  g_autoptr(JsonNode) fields = json_from_string (fields_json, NULL);
  sqlite3_stmt *stmt = NULL;
  char *problem = NULL;

  if (sqlite3_prepare_v2 (handle_of (catalog), sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (handle_of (catalog)));
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      if (!deleted)
        problem = g_strdup_printf ("%s %s is on the server but not here", table, id);
    }
  else if (deleted)
    {
      if (sqlite3_column_int (stmt, 0) == 0)
        problem = g_strdup_printf ("%s %s is deleted on the server but live here", table, id);
    }
  else if (sqlite3_column_int (stmt, 0) != 0)
    problem = g_strdup_printf ("%s %s is live on the server but deleted here", table, id);
  else if (sqlite3_column_int64 (stmt, 1) != version)
    problem = g_strdup_printf ("%s %s: version %" G_GINT64_FORMAT " here, %" G_GINT64_FORMAT " on the server",
                               table, id, (gint64) sqlite3_column_int64 (stmt, 1), version);
  else
    {
      JsonObject *o = json_node_get_object (fields);

      for (guint k = 0; k < 2 && problem == NULL; k++)
        if (g_strcmp0 (json_object_get_string_member_with_default (o, info->fields[k].name, NULL),
                       (const char *) sqlite3_column_text (stmt, 2 + k)) != 0)
          problem = g_strdup_printf ("%s %s: %s differs", table, id, info->fields[k].name);
    }
  sqlite3_finalize (stmt);
  return problem;
}

char *
sim_compare_with_server (CoachCatalog *catalog,
                         PGconn       *conn,
                         const char   *team_id)
{
  const char *params[] = { team_id };
  g_autoptr(PGresult) res = sim_pg_exec (conn,
                                         "SELECT tbl, id::text, fields::text, deleted, server_version "
                                         "FROM record WHERE team_id = $1 ORDER BY tbl, id",
                                         1, params);
  gint64 live = 0;

  for (int r = 0; r < PQntuples (res); r++)
    {
      const char *table = PQgetvalue (res, r, 0);
      const char *id = PQgetvalue (res, r, 1);
      gboolean deleted = PQgetvalue (res, r, 3)[0] == 't';
      gint64 version = g_ascii_strtoll (PQgetvalue (res, r, 4), NULL, 10);
      g_autoptr(GError) error = NULL;
      g_autoptr(CoachRecord) record = NULL;
      g_autoptr(JsonNode) fields = NULL;
      g_autoptr(GList) members = NULL;

      if (coach_schema_lookup_table (table) == NULL)
        return g_strdup_printf ("the server holds a row of an unknown table %s", table);
      if (coach_schema_lookup_table (table)->flags & COACH_TABLE_FLAG_LINK)
        {
          g_autofree char *problem = compare_link (catalog, table, id, PQgetvalue (res, r, 2), deleted, version);

          if (problem != NULL)
            return g_steal_pointer (&problem);
          live += deleted ? 0 : 1;
          continue;
        }
      record = coach_catalog_get (catalog, table, id, &error);
      if (deleted)
        {
          if (record != NULL && !coach_record_get_deleted (record))
            return g_strdup_printf ("%s %s is deleted on the server but live here", table, id);
          continue;
        }
      live++;
      if (record == NULL)
        return g_strdup_printf ("%s %s is on the server but not here: %s", table, id, error->message);
      if (coach_record_get_deleted (record))
        return g_strdup_printf ("%s %s is live on the server but deleted here", table, id);
      if (coach_record_get_server_version (record) != version)
        return g_strdup_printf ("%s %s: version %" G_GINT64_FORMAT " here, %" G_GINT64_FORMAT " on the server",
                                table, id, coach_record_get_server_version (record), version);
      fields = json_from_string (PQgetvalue (res, r, 2), NULL);
      g_assert_nonnull (fields);
      members = json_object_get_members (json_node_get_object (fields));
      for (GList *l = members; l; l = l->next)
        {
          const CoachTableInfo *info = coach_schema_lookup_table (table);
          g_autofree char *theirs = NULL;
          g_autofree char *ours = NULL;

          if (coach_schema_lookup_field (info, l->data) == NULL)
            continue;
          theirs = node_text (json_object_get_member (json_node_get_object (fields), l->data));
          ours = node_text (coach_record_get_value (record, l->data));
          if (!g_str_equal (theirs, ours))
            return g_strdup_printf ("%s %s field %s: %s here, %s on the server",
                                    table, id, (const char *) l->data, ours, theirs);
        }
    }

  if (local_live_count (catalog) != live)
    return g_strdup_printf ("%" G_GINT64_FORMAT " live rows here, %" G_GINT64_FORMAT " on the server",
                            local_live_count (catalog), live);
  return NULL;
}

/* ------------------------------------------------------------------------- */
/* Who wrote what */

static void
writers_free (SimWriters *w)
{
  g_hash_table_unref (w->devices);
  g_free (w);
}

/* For each field of each row, who wrote it: a field written by one device
 * only has a known final value. */
GHashTable *
sim_field_writers (GPtrArray *ops)
{
  GHashTable *map = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) writers_free);

  for (guint i = 0; i < ops->len; i++)
    {
      SimOp *op = ops->pdata[i];
      g_auto(GStrv) parts = g_strsplit (op->line, " ", 4);
      g_autoptr(JsonNode) node = NULL;
      g_autoptr(GList) members = NULL;

      if (!g_str_equal (parts[0], "put"))
        continue;
      node = json_from_string (parts[3], NULL);
      members = json_object_get_members (json_node_get_object (node));
      for (GList *l = members; l; l = l->next)
        {
          g_autofree char *key = g_strdup_printf ("%s/%s/%s", parts[1], parts[2], (const char *) l->data);
          SimWriters *w = g_hash_table_lookup (map, key);

          if (w == NULL)
            {
              w = g_new0 (SimWriters, 1);
              w->devices = g_hash_table_new (NULL, NULL);
              g_hash_table_insert (map, g_steal_pointer (&key), w);
            }
          g_hash_table_insert (w->devices, GUINT_TO_POINTER (op->device + 1), op);
          if (w->last == NULL || w->last->device != op->device || w->last->first_mid < op->first_mid)
            w->last = op;
        }
    }
  return map;
}
