/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coach-catalog"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "coach-catalog-private.h"
#include "coach-record-private.h"
#include "coach-uuid.h"

G_DEFINE_FINAL_TYPE (CoachCatalog, coach_catalog, G_TYPE_OBJECT)
G_DEFINE_QUARK (coach-catalog-error-quark, coach_catalog_error)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  CoachCatalog *catalog;
  char         *key;
  CoachRecord  *record;   /* weak */
} LiveEntry;

/* When a row is deleted its dependents go with it, each with its own
 * tombstone so other devices learn about them even if they never saw the
 * parent's deletion first. */
static const struct {
  const char *parent;
  const char *child;
  const char *ref_field;
} cascades[] = {
  { "exercise", "exercise_category", "exercise_id" },
  { "exercise", "exercise_tag", "exercise_id" },
  { "category", "exercise_category", "category_id" },
  { "tag", "exercise_tag", "tag_id" },
  { "tag", "clip_tag", "tag_id" },
  { "clip", "clip_marker", "clip_id" },
  { "clip", "clip_tag", "clip_id" },
  { "workout", "workout_item", "workout_id" },
  { "athlete", "group_member", "athlete_id" },
  { "athlete", "session_athlete", "athlete_id" },
  { "athlete_group", "group_member", "group_id" },
  { "athlete_group", "session_group", "group_id" },
  { "session", "session_athlete", "session_id" },
  { "session", "session_group", "session_id" },
  { "session", "session_log", "session_id" },
};

/* ------------------------------------------------------------------------- */

gint64
_coach_catalog_now_ms (void)
{
  return g_get_real_time () / 1000;
}

static char *
live_key (const char *table,
          const char *id)
{
  return g_strconcat (table, "/", id, NULL);
}

static void
live_entry_free (gpointer data)
{
  LiveEntry *entry = data;

  g_free (entry->key);
  g_free (entry);
}

static void
live_record_finalized_cb (gpointer  data,
                          GObject  *where_the_object_was)
{
  LiveEntry *entry = data;

  g_hash_table_remove (entry->catalog->live, entry->key);
}

static void
live_add (CoachCatalog *self,
          CoachRecord  *record)
{
  LiveEntry *entry;
  char *key = live_key (coach_record_get_table_name (record), coach_record_get_id (record));

  /* The first object of a row stays the live one: views hold it. */
  if (g_hash_table_contains (self->live, key))
    {
      g_free (key);
      return;
    }

  entry = g_new0 (LiveEntry, 1);
  entry->catalog = self;
  entry->key = key;
  entry->record = record;
  g_hash_table_insert (self->live, entry->key, entry);
  g_object_weak_ref (G_OBJECT (record), live_record_finalized_cb, entry);
}

static CoachRecord *
live_lookup (CoachCatalog *self,
             const char   *table,
             const char   *id)
{
  g_autofree char *key = live_key (table, id);
  LiveEntry *entry = g_hash_table_lookup (self->live, key);

  return entry ? entry->record : NULL;
}

/* A row written inside a transaction that a caller may still roll back;
 * its live record then has to forget what was never stored. */
static void
txn_rows_add (CoachCatalog *self,
              const char   *table,
              const char   *id)
{
  if (coach_db_get_depth (self->db) > 0)
    g_hash_table_add (self->txn_rows, live_key (table, id));
}

/* After a rollback the live records of the rows written in the undone
 * part show what is stored again: a row that no longer exists becomes an
 * unsaved record whose next save inserts it whole. */
static void
txn_rows_resync (CoachCatalog *self)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  GHashTableIter iter;
  gpointer key;

  /* Reloading notifies, and handlers may write: collect first. */
  g_hash_table_iter_init (&iter, self->txn_rows);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      LiveEntry *entry = g_hash_table_lookup (self->live, key);

      if (entry != NULL)
        g_ptr_array_add (records, g_object_ref (entry->record));
    }
  if (coach_db_get_depth (self->db) == 0)
    g_hash_table_remove_all (self->txn_rows);

  for (guint i = 0; i < records->len; i++)
    {
      CoachRecord *record = records->pdata[i];
      g_autofree char *select = _coach_record_select_sql (coach_record_get_table (record));
      g_autofree char *sql = g_strconcat (select, " WHERE id = ?", NULL);
      sqlite3_stmt *stmt = coach_db_prepare (self->db, sql, NULL);
      int rc;

      if (stmt == NULL)
        continue;
      coach_db_bind_text (stmt, 1, coach_record_get_id (record));
      rc = coach_db_step (self->db, stmt, NULL);
      if (rc == SQLITE_ROW)
        _coach_record_load_row (record, stmt, TRUE);
      else if (rc == SQLITE_DONE)
        {
          _coach_record_set_saved (record, 0, 0);
          _coach_record_set_deleted (record, FALSE);
          _coach_record_mark_all_dirty (record);
        }
      sqlite3_reset (stmt);
    }
}

CoachDb *
_coach_catalog_get_db (CoachCatalog *self)
{
  return self->db;
}

void
_coach_catalog_touch (CoachCatalog *self,
                      const char   *table)
{
  if (coach_db_get_depth (self->db) == 0)
    {
      g_signal_emit (self, signals[CHANGED], g_quark_from_string (table), table);
      return;
    }
  g_hash_table_add (self->changed_tables, (gpointer) g_intern_string (table));
}

/* ------------------------------------------------------------------------- */

static void
coach_catalog_finalize (GObject *object)
{
  CoachCatalog *self = COACH_CATALOG (object);
  GHashTableIter iter;
  gpointer value;

  /* Records may outlive the catalog. */
  g_hash_table_iter_init (&iter, self->live);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      LiveEntry *entry = value;
      g_object_weak_unref (G_OBJECT (entry->record), live_record_finalized_cb, entry);
    }
  g_clear_pointer (&self->live, g_hash_table_unref);
  g_clear_pointer (&self->changed_tables, g_hash_table_unref);
  g_clear_pointer (&self->txn_rows, g_hash_table_unref);
  g_clear_pointer (&self->db, coach_db_close);
  g_free (self->data_dir);

  G_OBJECT_CLASS (coach_catalog_parent_class)->finalize (object);
}

static void
coach_catalog_class_init (CoachCatalogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = coach_catalog_finalize;

  /**
   * CoachCatalog::changed:
   * @table: the table that changed
   *
   * Emitted after a transaction that wrote @table committed. The signal
   * detail is the table name.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
coach_catalog_init (CoachCatalog *self)
{
  self->live = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, live_entry_free);
  self->changed_tables = g_hash_table_new (NULL, NULL);
  self->txn_rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/* ------------------------------------------------------------------------- */

char *
coach_catalog_default_data_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "coachbook", NULL);
}

CoachCatalog *
coach_catalog_open_file (const char  *path,
                         guint        target_version,
                         GError     **error)
{
  g_autoptr(CoachCatalog) self = NULL;
  g_autofree char *dir = NULL;
  gint64 version = 0;
  gint64 n_objects = 0;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (target_version <= COACH_CATALOG_VERSION, NULL);

  if (target_version == 0)
    target_version = COACH_CATALOG_VERSION;

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Cannot create the folder “%s”: %s"), dir, g_strerror (saved_errno));
      return NULL;
    }

  self = g_object_new (COACH_TYPE_CATALOG, NULL);
  self->data_dir = g_steal_pointer (&dir);
  self->db = coach_db_open (path, FALSE, error);
  if (self->db == NULL)
    return NULL;

  /* The first reads find out whether this is a database at all, before
   * anything is written. */
  if (!coach_db_query_int (self->db, "PRAGMA user_version", &version, error) ||
      !coach_db_query_int (self->db, "SELECT count(*) FROM sqlite_master", &n_objects, error))
    return NULL;

  if (version > COACH_CATALOG_VERSION)
    {
      g_set_error (error, COACH_CATALOG_ERROR, COACH_CATALOG_ERROR_NEWER_VERSION,
                   _("This catalog was written by a newer version of Coachbook (format %u, this version knows %u); "
                     "it was left untouched. Please update Coachbook."),
                   (guint) version, COACH_CATALOG_VERSION);
      return NULL;
    }

  if (version == 0 && n_objects > 0)
    {
      g_set_error (error, COACH_CATALOG_ERROR, COACH_CATALOG_ERROR_INVALID,
                   _("“%s” is an SQLite database but not a Coachbook catalog; it was left untouched"),
                   path);
      return NULL;
    }

  if (!coach_db_exec (self->db, "PRAGMA foreign_keys = ON", error))
    return NULL;

  self->version = version;
  if (version < target_version && !_coach_catalog_migrate (self, version, target_version, error))
    return NULL;

  /* WAL lets the UI read while a worker writes, and makes commits cheap. */
  if (!coach_db_exec (self->db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL", error))
    return NULL;

  if (!coach_db_query_int (self->db, "PRAGMA data_version", &self->data_version, error))
    return NULL;

  return g_steal_pointer (&self);
}

CoachCatalog *
coach_catalog_open (const char  *data_dir,
                    GError     **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (data_dir != NULL, NULL);

  path = g_build_filename (data_dir, "catalog.db", NULL);
  return coach_catalog_open_file (path, 0, error);
}

const char *
coach_catalog_get_path (CoachCatalog *self)
{
  g_return_val_if_fail (COACH_IS_CATALOG (self), NULL);
  return coach_db_get_path (self->db);
}

const char *
coach_catalog_get_data_dir (CoachCatalog *self)
{
  g_return_val_if_fail (COACH_IS_CATALOG (self), NULL);
  return self->data_dir;
}

guint
coach_catalog_get_version (CoachCatalog *self)
{
  g_return_val_if_fail (COACH_IS_CATALOG (self), 0);
  return self->version;
}

gboolean
coach_catalog_begin (CoachCatalog  *self,
                     GError       **error)
{
  g_return_val_if_fail (COACH_IS_CATALOG (self), FALSE);
  return coach_db_begin (self->db, error);
}

static void
emit_changed (CoachCatalog *self)
{
  g_autofree gpointer *tables = NULL;
  guint n = 0;

  tables = g_hash_table_get_keys_as_array (self->changed_tables, &n);
  g_hash_table_remove_all (self->changed_tables);
  for (guint i = 0; i < n; i++)
    g_signal_emit (self, signals[CHANGED], g_quark_from_string (tables[i]), tables[i]);
}

gboolean
coach_catalog_commit (CoachCatalog  *self,
                      GError       **error)
{
  g_return_val_if_fail (COACH_IS_CATALOG (self), FALSE);

  if (!coach_db_commit (self->db, error))
    {
      /* the failed level was rolled back */
      txn_rows_resync (self);
      if (coach_db_get_depth (self->db) == 0)
        g_hash_table_remove_all (self->changed_tables);
      return FALSE;
    }
  if (coach_db_get_depth (self->db) == 0)
    {
      g_hash_table_remove_all (self->txn_rows);
      emit_changed (self);
    }
  return TRUE;
}

void
coach_catalog_rollback (CoachCatalog *self)
{
  g_return_if_fail (COACH_IS_CATALOG (self));

  coach_db_rollback (self->db);
  /* Live records may hold values that were never stored. Views still get
   * told, in case they showed them. */
  txn_rows_resync (self);
  if (coach_db_get_depth (self->db) == 0)
    emit_changed (self);
}

void
_coach_catalog_refresh_live (CoachCatalog *self,
                             const char   *table,
                             const char   *id)
{
  CoachRecord *live = live_lookup (self, table, id);
  g_autofree char *select = NULL;
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;

  if (live == NULL || coach_record_is_dirty (live))
    return;

  select = _coach_record_select_sql (coach_record_get_table (live));
  sql = g_strconcat (select, " WHERE id = ?", NULL);
  stmt = coach_db_prepare (self->db, sql, NULL);
  if (stmt == NULL)
    return;
  coach_db_bind_text (stmt, 1, id);
  if (coach_db_step (self->db, stmt, NULL) == SQLITE_ROW)
    _coach_record_load_row (live, stmt, TRUE);
  sqlite3_reset (stmt);
}

CoachRecord *
_coach_catalog_load_record (CoachCatalog  *self,
             const char    *table_name,
             sqlite3_stmt  *stmt)
{
  const char *id = coach_db_column_text (stmt, 1);
  CoachRecord *record = live_lookup (self, table_name, id);

  if (record != NULL)
    {
      /* A live record with unsaved edits keeps them. */
      if (!coach_record_is_dirty (record))
        _coach_record_load_row (record, stmt, TRUE);
      return g_object_ref (record);
    }

  record = coach_record_new_for_table (table_name, id);
  _coach_record_load_row (record, stmt, FALSE);
  live_add (self, record);
  return record;
}

CoachRecord *
coach_catalog_get (CoachCatalog  *self,
                   const char    *table,
                   const char    *id,
                   GError       **error)
{
  const CoachTableInfo *info;
  g_autofree char *sql = NULL;
  g_autofree char *select = NULL;
  sqlite3_stmt *stmt;
  CoachRecord *record;
  int rc;

  g_return_val_if_fail (COACH_IS_CATALOG (self), NULL);

  info = coach_schema_lookup_table (table);
  if (info == NULL || coach_record_type_for_table (table) == G_TYPE_INVALID)
    {
      g_set_error (error, COACH_CATALOG_ERROR, COACH_CATALOG_ERROR_INVALID,
                   "Unknown table “%s”", table);
      return NULL;
    }

  if (id != NULL && (record = live_lookup (self, table, id)) != NULL &&
      coach_record_is_saved (record))
    return g_object_ref (record);

  select = _coach_record_select_sql (info);
  sql = g_strconcat (select, " WHERE id = ?", NULL);
  if (!(stmt = coach_db_prepare (self->db, sql, error)))
    return NULL;
  coach_db_bind_text (stmt, 1, id);

  rc = coach_db_step (self->db, stmt, error);
  if (rc == 0)
    return NULL;
  if (rc == SQLITE_DONE)
    {
      sqlite3_reset (stmt);
      g_set_error (error, COACH_CATALOG_ERROR, COACH_CATALOG_ERROR_NOT_FOUND,
                   _("No %s with id %s"), table, id);
      return NULL;
    }

  record = _coach_catalog_load_record (self, table, stmt);
  sqlite3_reset (stmt);
  return record;
}

static const char *
order_column (const CoachTableInfo *table)
{
  if (coach_schema_lookup_field (table, "name"))
    return "name COLLATE NOCASE, id";
  if (coach_schema_lookup_field (table, "title") && coach_schema_lookup_field (table, "starts_at") == NULL)
    return "title COLLATE NOCASE, id";
  if (coach_schema_lookup_field (table, "starts_at"))
    return "starts_at, id";
  if (coach_schema_lookup_field (table, "position"))
    return "position, id";
  if (coach_schema_lookup_field (table, "t_ms"))
    return "t_ms, id";
  return "id";
}

static GPtrArray *
list_query (CoachCatalog  *self,
            const char    *table,
            const char    *where,
            const char    *bind_text,
            GError       **error)
{
  const CoachTableInfo *info = coach_schema_lookup_table (table);
  g_autoptr(GPtrArray) result = NULL;
  g_autofree char *select = NULL;
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (info == NULL || coach_record_type_for_table (table) == G_TYPE_INVALID)
    {
      g_set_error (error, COACH_CATALOG_ERROR, COACH_CATALOG_ERROR_INVALID,
                   "Unknown table “%s”", table);
      return NULL;
    }

  select = _coach_record_select_sql (info);
  sql = g_strdup_printf ("%s WHERE deleted = 0 %s ORDER BY %s", select, where, order_column (info));
  if (!(stmt = coach_db_prepare (self->db, sql, error)))
    return NULL;
  if (bind_text != NULL)
    coach_db_bind_text (stmt, 1, bind_text);

  result = g_ptr_array_new_with_free_func (g_object_unref);
  while ((rc = coach_db_step (self->db, stmt, error)) == SQLITE_ROW)
    g_ptr_array_add (result, _coach_catalog_load_record (self, table, stmt));
  sqlite3_reset (stmt);

  return rc == 0 ? NULL : g_steal_pointer (&result);
}

GPtrArray *
coach_catalog_list (CoachCatalog  *self,
                    const char    *table,
                    gboolean       include_archived,
                    GError       **error)
{
  const CoachTableInfo *info;
  const char *where = "";

  g_return_val_if_fail (COACH_IS_CATALOG (self), NULL);

  info = coach_schema_lookup_table (table);
  if (!include_archived && info != NULL)
    {
      if (coach_schema_lookup_field (info, "archived"))
        where = "AND archived = 0";
      else if (g_str_equal (table, "workout"))
        where = "AND status != 'archived'";
    }
  return list_query (self, table, where, NULL, error);
}

GPtrArray *
coach_catalog_list_where (CoachCatalog  *self,
                          const char    *table,
                          const char    *ref_field,
                          const char    *ref_id,
                          GError       **error)
{
  const CoachTableInfo *info;
  const CoachFieldInfo *field;
  g_autofree char *where = NULL;

  g_return_val_if_fail (COACH_IS_CATALOG (self), NULL);

  info = coach_schema_lookup_table (table);
  field = info ? coach_schema_lookup_field (info, ref_field) : NULL;
  if (field == NULL)
    {
      g_set_error (error, COACH_CATALOG_ERROR, COACH_CATALOG_ERROR_INVALID,
                   "Unknown field “%s.%s”", table, ref_field);
      return NULL;
    }

  where = g_strdup_printf ("AND \"%s\" = ?", field->name);
  return list_query (self, table, where, ref_id, error);
}

gboolean
_coach_catalog_append_outbox (CoachCatalog  *self,
                              const char    *table,
                              const char    *row_id,
                              const char    *op,
                              JsonObject    *fields,
                              GError       **error)
{
  sqlite3_stmt *stmt;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *sql = NULL;

  if (self->applying_remote)
    return TRUE;

  /* The row's version as last pulled is what this edit was based on: the
   * server tells from it whether the edit replaces one it never saw. A row
   * never pulled (a new one) has none. */
  g_return_val_if_fail (coach_schema_lookup_table (table) != NULL, FALSE);
  sql = g_strdup_printf ("INSERT INTO outbox (tbl, row_id, op, fields, created_at, base_version) "
                         "VALUES (?1, ?2, ?3, ?4, ?5, (SELECT nullif (server_version, 0) FROM \"%s\" WHERE id = ?2))",
                         table);
  stmt = coach_db_prepare (self->db, sql, error);
  if (stmt == NULL)
    return FALSE;

  node = json_node_init_object (json_node_alloc (), fields);
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, row_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, op, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, json_to_string (node, FALSE), -1, g_free);
  sqlite3_bind_int64 (stmt, 5, _coach_catalog_now_ms ());
  return coach_db_step_done (self->db, stmt, error);
}

static char *
extra_json (CoachRecord *record)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), _coach_record_get_extra (record));

  return json_to_string (node, FALSE);
}

static gboolean
insert_row (CoachCatalog  *self,
            CoachRecord   *record,
            gint64         now,
            gint64        *rowid,
            GError       **error)
{
  const CoachTableInfo *info = coach_record_get_table (record);
  g_autoptr(GString) sql = g_string_new (NULL);
  sqlite3_stmt *stmt;
  int rc;

  /* An id that already exists (an import of a row we have) is an update of
   * every field, and brings a deleted row back. */
  g_string_append_printf (sql, "INSERT INTO \"%s\" (id, updated_at, deleted, extra", info->name);
  for (guint i = 0; i < info->n_fields; i++)
    g_string_append_printf (sql, ", \"%s\"", info->fields[i].name);
  g_string_append (sql, ") VALUES (?, ?, 0, ?");
  for (guint i = 0; i < info->n_fields; i++)
    g_string_append (sql, ", ?");
  g_string_append (sql, ") ON CONFLICT (id) DO UPDATE SET updated_at = excluded.updated_at, "
                        "deleted = 0, extra = excluded.extra");
  for (guint i = 0; i < info->n_fields; i++)
    g_string_append_printf (sql, ", \"%s\" = excluded.\"%s\"", info->fields[i].name, info->fields[i].name);
  g_string_append (sql, " RETURNING rowid");

  if (!(stmt = coach_db_prepare (self->db, sql->str, error)))
    return FALSE;

  sqlite3_bind_text (stmt, 1, coach_record_get_id (record), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, now);
  sqlite3_bind_text (stmt, 3, extra_json (record), -1, g_free);
  for (guint i = 0; i < info->n_fields; i++)
    _coach_record_bind_field (record, i, stmt, 4 + i);

  rc = coach_db_step (self->db, stmt, error);
  if (rc == 0)
    return FALSE;
  *rowid = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
update_row (CoachCatalog  *self,
            CoachRecord   *record,
            gint64         now,
            GError       **error)
{
  const CoachTableInfo *info = coach_record_get_table (record);
  guint64 dirty = _coach_record_get_dirty_mask (record);
  g_autoptr(GString) sql = g_string_new (NULL);
  sqlite3_stmt *stmt;
  int param = 3;

  g_string_append_printf (sql, "UPDATE \"%s\" SET updated_at = ?, extra = ?", info->name);
  for (guint i = 0; i < info->n_fields; i++)
    if (dirty & (G_GUINT64_CONSTANT (1) << i))
      g_string_append_printf (sql, ", \"%s\" = ?", info->fields[i].name);
  g_string_append (sql, " WHERE id = ?");

  if (!(stmt = coach_db_prepare (self->db, sql->str, error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, now);
  sqlite3_bind_text (stmt, 2, extra_json (record), -1, g_free);
  for (guint i = 0; i < info->n_fields; i++)
    if (dirty & (G_GUINT64_CONSTANT (1) << i))
      _coach_record_bind_field (record, i, stmt, param++);
  sqlite3_bind_text (stmt, param, coach_record_get_id (record), -1, SQLITE_TRANSIENT);

  return coach_db_step_done (self->db, stmt, error);
}

gboolean
_coach_catalog_save_local (CoachCatalog  *self,
                           CoachRecord   *record,
                           gboolean       record_outbox,
                           GError       **error)
{
  const CoachTableInfo *info;
  g_autoptr(JsonObject) fields = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean is_insert;
  gint64 rowid;
  gint64 now;

  g_return_val_if_fail (COACH_IS_CATALOG (self), FALSE);
  g_return_val_if_fail (COACH_IS_RECORD (record), FALSE);

  info = coach_record_get_table (record);
  is_insert = !coach_record_is_saved (record);

  if ((info->flags & COACH_TABLE_FLAG_SERVER_WRITES) && !self->applying_remote)
    {
      g_set_error (error, COACH_CATALOG_ERROR, COACH_CATALOG_ERROR_READ_ONLY,
                   _("%s rows are written by the team server only"), info->name);
      return FALSE;
    }

  if (!is_insert && !coach_record_is_dirty (record))
    return TRUE;

  if (!coach_record_validate (record, &local_error))
    {
      g_set_error_literal (error, COACH_CATALOG_ERROR, COACH_CATALOG_ERROR_INVALID,
                           local_error->message);
      return FALSE;
    }

  /* The first local edit of a row that came with the app sends the whole
   * row: the server may never have seen it. (Rows that came from the
   * server have a server version; they send only what changed, or they
   * would overwrite other devices' edits of the other fields.) */
  if (is_insert ||
      (coach_record_get_updated_at (record) == 0 && coach_record_get_server_version (record) == 0))
    fields = coach_record_to_json (record, FALSE);
  else
    fields = coach_record_to_json (record, TRUE);

  now = record_outbox ? _coach_catalog_now_ms () : coach_record_get_updated_at (record);
  rowid = _coach_record_get_rowid (record);

  if (!coach_db_begin (self->db, error))
    return FALSE;

  if (is_insert)
    {
      if (!insert_row (self, record, now, &rowid, error))
        goto fail;
    }
  else if (!update_row (self, record, now, error))
    goto fail;

  if (record_outbox &&
      !_coach_catalog_append_outbox (self, info->name, coach_record_get_id (record),
                                     "upsert", fields, error))
    goto fail;

  _coach_catalog_touch (self, info->name);
  if (!coach_catalog_commit (self, error))
    return FALSE;

  _coach_record_set_saved (record, rowid, now);
  _coach_record_set_deleted (record, FALSE);
  live_add (self, record);
  txn_rows_add (self, info->name, coach_record_get_id (record));
  return TRUE;

fail:
  coach_catalog_rollback (self);
  return FALSE;
}

gboolean
coach_catalog_save (CoachCatalog  *self,
                    CoachRecord   *record,
                    GError       **error)
{
  return _coach_catalog_save_local (self, record, TRUE, error);
}

static gboolean
tombstone (CoachCatalog  *self,
           const char    *table,
           const char    *id,
           gint64         now,
           GError       **error)
{
  g_autofree char *sql = NULL;
  g_autoptr(JsonObject) empty = json_object_new ();
  CoachRecord *live;
  sqlite3_stmt *stmt;

  sql = g_strdup_printf ("UPDATE \"%s\" SET deleted = 1, updated_at = ? WHERE id = ? AND deleted = 0", table);
  if (!(stmt = coach_db_prepare (self->db, sql, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, now);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_TRANSIENT);
  if (!coach_db_step_done (self->db, stmt, error))
    return FALSE;

  if (sqlite3_changes (coach_db_get_handle (self->db)) == 0)
    return TRUE;

  if (!_coach_catalog_append_outbox (self, table, id, "delete", empty, error))
    return FALSE;

  _coach_catalog_touch (self, table);

  for (guint i = 0; i < G_N_ELEMENTS (cascades); i++)
    {
      g_autofree char *child_sql = NULL;
      g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
      int rc;

      if (strcmp (cascades[i].parent, table) != 0)
        continue;

      child_sql = g_strdup_printf ("SELECT id FROM \"%s\" WHERE \"%s\" = ? AND deleted = 0",
                                   cascades[i].child, cascades[i].ref_field);
      if (!(stmt = coach_db_prepare (self->db, child_sql, error)))
        return FALSE;
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
      while ((rc = coach_db_step (self->db, stmt, error)) == SQLITE_ROW)
        g_ptr_array_add (ids, g_strdup (coach_db_column_text (stmt, 0)));
      sqlite3_reset (stmt);
      if (rc == 0)
        return FALSE;

      for (guint j = 0; j < ids->len; j++)
        if (!tombstone (self, cascades[i].child, ids->pdata[j], now, error))
          return FALSE;
    }

  if ((live = live_lookup (self, table, id)) != NULL)
    _coach_record_set_deleted (live, TRUE);
  txn_rows_add (self, table, id);

  return TRUE;
}

gboolean
coach_catalog_delete (CoachCatalog  *self,
                      CoachRecord   *record,
                      GError       **error)
{
  const CoachTableInfo *info;

  g_return_val_if_fail (COACH_IS_CATALOG (self), FALSE);
  g_return_val_if_fail (COACH_IS_RECORD (record), FALSE);

  info = coach_record_get_table (record);
  if (info->flags & COACH_TABLE_FLAG_SERVER_WRITES)
    {
      g_set_error (error, COACH_CATALOG_ERROR, COACH_CATALOG_ERROR_READ_ONLY,
                   _("%s rows are written by the team server only"), info->name);
      return FALSE;
    }
  if (!coach_record_is_saved (record))
    return TRUE;

  if (!coach_db_begin (self->db, error))
    return FALSE;
  if (!tombstone (self, info->name, coach_record_get_id (record), _coach_catalog_now_ms (), error))
    {
      coach_catalog_rollback (self);
      return FALSE;
    }
  return coach_catalog_commit (self, error);
}

gboolean
coach_catalog_is_archived (CoachRecord *record)
{
  const CoachTableInfo *info = coach_record_get_table (record);

  if (coach_schema_lookup_field (info, "archived"))
    return coach_record_get_boolean (record, "archived");
  if (g_str_equal (info->name, "workout"))
    return g_strcmp0 (coach_record_get_string (record, "status"), "archived") == 0;
  return FALSE;
}

gboolean
coach_catalog_set_archived (CoachCatalog  *self,
                            CoachRecord   *record,
                            gboolean       archived,
                            GError       **error)
{
  const CoachTableInfo *info;

  g_return_val_if_fail (COACH_IS_CATALOG (self), FALSE);
  g_return_val_if_fail (COACH_IS_RECORD (record), FALSE);

  info = coach_record_get_table (record);
  if (coach_schema_lookup_field (info, "archived"))
    coach_record_set_boolean (record, "archived", archived);
  else if (g_str_equal (info->name, "workout"))
    {
      if (archived)
        coach_record_set_string (record, "status", "archived");
      else if (coach_catalog_is_archived (record))
        coach_record_set_string (record, "status", "draft");
    }
  else
    {
      g_set_error (error, COACH_CATALOG_ERROR, COACH_CATALOG_ERROR_INVALID,
                   "%s rows cannot be archived", info->name);
      return FALSE;
    }
  return coach_catalog_save (self, record, error);
}
