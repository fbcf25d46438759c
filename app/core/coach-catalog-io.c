/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coach-catalog-io"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "coach-catalog-io.h"
#include "coach-catalog-private.h"
#include "coach-record-private.h"
#include "coach-uuid.h"

/* Import files are read whole; a catalog of 30k clips exports to ~30 MB. */
#define MAX_IMPORT_SIZE (512 * 1024 * 1024)

/* What a selected row pulls in with it: rows of @child whose @field points
 * at the selected row (down), or the row that the selected row's @field
 * points at (up). */
static const struct {
  const char *table;
  const char *other;
  const char *field;
  gboolean    down;
} closure_rules[] = {
  { "workout", "workout_item", "workout_id", TRUE },
  { "workout_item", "exercise", "exercise_id", FALSE },
  { "exercise", "exercise_category", "exercise_id", TRUE },
  { "exercise", "exercise_tag", "exercise_id", TRUE },
  { "exercise_category", "category", "category_id", FALSE },
  { "exercise_tag", "tag", "tag_id", FALSE },
  { "clip", "clip_marker", "clip_id", TRUE },
  { "clip", "clip_tag", "clip_id", TRUE },
  { "clip_tag", "tag", "tag_id", FALSE },
  { "session", "workout", "workout_id", FALSE },
  { "session", "session_athlete", "session_id", TRUE },
  { "session", "session_group", "session_id", TRUE },
  { "session", "session_log", "session_id", TRUE },
  { "session_athlete", "athlete", "athlete_id", FALSE },
  { "session_group", "athlete_group", "group_id", FALSE },
  { "athlete_group", "group_member", "group_id", TRUE },
  { "group_member", "athlete", "athlete_id", FALSE },
};

static char *
iso8601_now (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format_iso8601 (now);
}

/* Rows straight from SQL, without records: an export of 30k clips should
 * not create 30k GObjects. */
static gboolean
export_rows (CoachDb               *db,
             const CoachTableInfo  *info,
             GHashTable            *only_ids,
             JsonArray             *out,
             GError               **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT id, updated_at, extra");
  sqlite3_stmt *stmt;
  int rc;

  for (guint i = 0; i < info->n_fields; i++)
    g_string_append_printf (sql, ", \"%s\"", info->fields[i].name);
  g_string_append_printf (sql, " FROM \"%s\" WHERE deleted = 0 ORDER BY rowid", info->name);

  if (!(stmt = coach_db_prepare (db, sql->str, error)))
    return FALSE;

  while ((rc = coach_db_step (db, stmt, error)) == SQLITE_ROW)
    {
      const char *id = coach_db_column_text (stmt, 0);
      JsonObject *row;
      const char *extra;

      if (only_ids != NULL && !g_hash_table_contains (only_ids, id))
        continue;

      row = json_object_new ();
      json_object_set_string_member (row, "id", id);
      json_object_set_int_member (row, "updated_at", sqlite3_column_int64 (stmt, 1));

      extra = coach_db_column_text (stmt, 2);
      if (extra != NULL && strcmp (extra, "{}") != 0)
        {
          g_autoptr(JsonNode) node = json_from_string (extra, NULL);

          if (node && JSON_NODE_HOLDS_OBJECT (node))
            {
              JsonObject *e = json_node_get_object (node);
              g_autoptr(GList) members = json_object_get_members (e);

              for (GList *l = members; l; l = l->next)
                if (!json_object_has_member (row, l->data))
                  json_object_set_member (row, l->data, json_node_copy (json_object_get_member (e, l->data)));
            }
        }

      for (guint i = 0; i < info->n_fields; i++)
        json_object_set_member (row, info->fields[i].name, _coach_record_node_from_column (&info->fields[i], stmt, 3 + i));

      json_array_add_object_element (out, row);
    }
  sqlite3_reset (stmt);
  return rc != 0;
}

static gboolean
collect_closure (CoachDb     *db,
                 const char * const *selection,
                 GHashTable  *per_table,   /* table -> set of ids */
                 GError     **error)
{
  g_autoptr(GQueue) queue = g_queue_new ();

  for (guint i = 0; selection[i]; i++)
    {
      g_auto(GStrv) parts = g_strsplit (selection[i], "/", 2);

      if (g_strv_length (parts) != 2 || coach_schema_lookup_table (parts[0]) == NULL ||
          !coach_uuid_is_valid (parts[1]))
        {
          g_set_error (error, COACH_CATALOG_ERROR, COACH_CATALOG_ERROR_INVALID,
                       _("“%s” does not name a row (expected table/id)"), selection[i]);
          g_queue_free_full (g_steal_pointer (&queue), g_free);
          return FALSE;
        }
      g_queue_push_tail (queue, g_strdup (selection[i]));
    }

  while (!g_queue_is_empty (queue))
    {
      g_autofree char *item = g_queue_pop_head (queue);
      g_auto(GStrv) parts = g_strsplit (item, "/", 2);
      GHashTable *ids = g_hash_table_lookup (per_table, parts[0]);

      if (ids == NULL)
        {
          ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          g_hash_table_insert (per_table, g_strdup (parts[0]), ids);
        }
      if (g_hash_table_contains (ids, parts[1]))
        continue;
      g_hash_table_add (ids, g_strdup (parts[1]));

      for (guint r = 0; r < G_N_ELEMENTS (closure_rules); r++)
        {
          g_autofree char *sql = NULL;
          sqlite3_stmt *stmt;
          int rc;

          if (strcmp (closure_rules[r].table, parts[0]) != 0)
            continue;

          if (closure_rules[r].down)
            sql = g_strdup_printf ("SELECT id FROM \"%s\" WHERE \"%s\" = ? AND deleted = 0",
                                   closure_rules[r].other, closure_rules[r].field);
          else
            sql = g_strdup_printf ("SELECT \"%s\" FROM \"%s\" WHERE id = ? AND \"%s\" IS NOT NULL",
                                   closure_rules[r].field, closure_rules[r].table, closure_rules[r].field);

          if (!(stmt = coach_db_prepare (db, sql, error)))
            {
              g_queue_free_full (g_steal_pointer (&queue), g_free);
              return FALSE;
            }
          coach_db_bind_text (stmt, 1, parts[1]);
          while ((rc = coach_db_step (db, stmt, error)) == SQLITE_ROW)
            g_queue_push_tail (queue, g_strconcat (closure_rules[r].other, "/",
                                                   coach_db_column_text (stmt, 0), NULL));
          sqlite3_reset (stmt);
          if (rc == 0)
            {
              g_queue_free_full (g_steal_pointer (&queue), g_free);
              return FALSE;
            }
        }
    }
  return TRUE;
}

JsonNode *
coach_catalog_export_json (CoachCatalog        *self,
                           const char * const  *selection,
                           GError             **error)
{
  CoachDb *db;
  g_autoptr(GHashTable) per_table = NULL;
  g_autofree char *now = iso8601_now ();
  JsonObject *root;
  JsonObject *tables_obj;
  const CoachTableInfo *tables;
  guint n_tables;
  g_autoptr(JsonNode) result = NULL;

  g_return_val_if_fail (COACH_IS_CATALOG (self), NULL);

  db = _coach_catalog_get_db (self);

  if (selection != NULL)
    {
      per_table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) g_hash_table_unref);
      if (!collect_closure (db, selection, per_table, error))
        return NULL;
    }

  root = json_object_new ();
  result = json_node_init_object (json_node_alloc (), root);
  json_object_unref (root);

  json_object_set_string_member (root, "format", COACH_CATALOG_FORMAT);
  json_object_set_int_member (root, "version", COACH_CATALOG_FORMAT_VERSION);
  json_object_set_int_member (root, "schema_version", COACH_SCHEMA_VERSION);
  json_object_set_string_member (root, "generator", "Coachbook " PACKAGE_VERSION);
  json_object_set_string_member (root, "exported_at", now);

  tables_obj = json_object_new ();
  json_object_set_object_member (root, "tables", tables_obj);

  /* One read transaction: the export is one snapshot. */
  if (!coach_db_exec (db, "SAVEPOINT export", error))
    return NULL;

  tables = coach_schema_get_tables (&n_tables);
  for (guint t = 0; t < n_tables; t++)
    {
      JsonArray *rows;
      GHashTable *only = NULL;

      if (tables[t].flags & COACH_TABLE_FLAG_SERVER_WRITES)
        continue;
      if (per_table != NULL && !(only = g_hash_table_lookup (per_table, tables[t].name)))
        continue;

      rows = json_array_new ();
      if (!export_rows (db, &tables[t], only, rows, error))
        {
          json_array_unref (rows);
          coach_db_exec (db, "RELEASE export", NULL);
          return NULL;
        }
      json_object_set_array_member (tables_obj, tables[t].name, rows);
    }

  coach_db_exec (db, "RELEASE export", NULL);
  return g_steal_pointer (&result);
}

gboolean
coach_catalog_export_to_file (CoachCatalog        *self,
                              const char          *path,
                              const char * const  *selection,
                              GError             **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonGenerator) generator = NULL;
  g_autofree char *data = NULL;
  gsize len;

  g_return_val_if_fail (COACH_IS_CATALOG (self), FALSE);

  if (!(root = coach_catalog_export_json (self, selection, error)))
    return FALSE;

  generator = json_generator_new ();
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  data = json_generator_to_data (generator, &len);

  /* g_file_set_contents writes a temporary file and renames it: an
   * interrupted export never leaves half a file under the real name. */
  if (!g_file_set_contents_full (path, data, len, G_FILE_SET_CONTENTS_CONSISTENT, 0644, error))
    {
      g_prefix_error (error, _("Could not write the export: "));
      return FALSE;
    }
  return TRUE;
}

/* Members read from a file may hold any JSON type; json-glib's typed
 * getters warn on the wrong one, so check first. */
static const char *
string_member (JsonObject *obj,
               const char *name)
{
  JsonNode *node = json_object_get_member (obj, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gint64
int_member (JsonObject *obj,
            const char *name)
{
  JsonNode *node = json_object_get_member (obj, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return 0;
  return json_node_get_int (node);
}

static gboolean
row_error (GError              **error,
           const char           *table,
           guint                 index,
           const char           *message)
{
  g_set_error (error, COACH_CATALOG_ERROR, COACH_CATALOG_ERROR_INVALID,
               _("Row %u of “%s”: %s"), index + 1, table, message);
  return FALSE;
}

static gboolean
import_link_row (CoachCatalog          *self,
                 const CoachTableInfo  *info,
                 JsonObject            *row,
                 guint                  index,
                 CoachImportStats      *stats,
                 GError               **error)
{
  g_autoptr(GError) local_error = NULL;
  g_auto(GStrv) existing = NULL;
  const char *a, *b;

  if (!coach_schema_validate_fields (info, row, TRUE, &local_error))
    return row_error (error, info->name, index, local_error->message);

  a = json_object_get_string_member (row, info->fields[0].name);
  b = json_object_get_string_member (row, info->fields[1].name);

  existing = coach_catalog_get_links (self, info->name, a, error);
  if (existing == NULL)
    return FALSE;
  if (g_strv_contains ((const char * const *) existing, b))
    {
      stats->unchanged++;
      return TRUE;
    }
  if (!coach_catalog_link (self, info->name, a, b, error))
    return FALSE;
  stats->inserted++;
  return TRUE;
}

static void
apply_member_cb (JsonObject  *object,
                 const char  *member_name,
                 JsonNode    *member_node,
                 gpointer     user_data)
{
  CoachRecord *record = user_data;

  if (g_str_equal (member_name, "id") || g_str_equal (member_name, "updated_at") ||
      g_str_equal (member_name, "deleted") || g_str_equal (member_name, "server_version"))
    return;
  coach_record_set_value (record, member_name, member_node);
}

static gboolean
import_row (CoachCatalog          *self,
            const CoachTableInfo  *info,
            JsonObject            *row,
            guint                  index,
            CoachImportStats      *stats,
            GError               **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(CoachRecord) record = NULL;
  const char *id;
  gboolean is_new;

  id = string_member (row, "id");
  if (!coach_uuid_is_valid (id))
    return row_error (error, info->name, index, _("missing or invalid id"));

  record = coach_catalog_get (self, info->name, id, &local_error);
  if (record == NULL && !g_error_matches (local_error, COACH_CATALOG_ERROR, COACH_CATALOG_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  g_clear_error (&local_error);

  is_new = record == NULL;
  if (!coach_schema_validate_fields (info, row, is_new, &local_error))
    return row_error (error, info->name, index, local_error->message);

  if (is_new)
    record = coach_record_new_for_table (info->name, id);

  json_object_foreach_member (row, apply_member_cb, record);

  if (!is_new && !coach_record_is_dirty (record))
    {
      stats->unchanged++;
      return TRUE;
    }

  if (!coach_catalog_save (self, record, &local_error))
    return row_error (error, info->name, index, local_error->message);

  if (is_new)
    stats->inserted++;
  else
    stats->updated++;
  return TRUE;
}

gboolean
coach_catalog_import_json (CoachCatalog      *self,
                           JsonNode          *root,
                           CoachImportStats  *stats,
                           GError           **error)
{
  CoachImportStats local_stats = { 0 };
  JsonObject *obj, *tables_obj;
  const char *format;
  gint64 version;
  const CoachTableInfo *tables;
  guint n_tables;
  g_autoptr(GList) members = NULL;

  g_return_val_if_fail (COACH_IS_CATALOG (self), FALSE);

  if (stats == NULL)
    stats = &local_stats;
  memset (stats, 0, sizeof *stats);

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    goto not_catalog;
  obj = json_node_get_object (root);
  format = string_member (obj, "format");
  if (g_strcmp0 (format, COACH_CATALOG_FORMAT) != 0)
    goto not_catalog;
  version = int_member (obj, "version");
  if (version < 1)
    goto not_catalog;
  if (version > COACH_CATALOG_FORMAT_VERSION)
    {
      g_set_error (error, COACH_CATALOG_ERROR, COACH_CATALOG_ERROR_NEWER_VERSION,
                   _("This file uses catalog format %d; this version of Coachbook reads format %d"),
                   (int) version, COACH_CATALOG_FORMAT_VERSION);
      return FALSE;
    }
  if (!json_object_has_member (obj, "tables") ||
      !JSON_NODE_HOLDS_OBJECT (json_object_get_member (obj, "tables")))
    goto not_catalog;
  tables_obj = json_object_get_object_member (obj, "tables");

  members = json_object_get_members (tables_obj);
  for (GList *l = members; l; l = l->next)
    {
      const CoachTableInfo *info = coach_schema_lookup_table (l->data);

      if (info == NULL || (info->flags & COACH_TABLE_FLAG_SERVER_WRITES))
        stats->skipped_tables++;
      else if (!JSON_NODE_HOLDS_ARRAY (json_object_get_member (tables_obj, l->data)))
        {
          g_set_error (error, COACH_CATALOG_ERROR, COACH_CATALOG_ERROR_INVALID,
                       _("“%s” must be a list of rows"), (const char *) l->data);
          return FALSE;
        }
    }

  if (!coach_catalog_begin (self, error))
    return FALSE;

  /* Schema order puts referenced tables first. */
  tables = coach_schema_get_tables (&n_tables);
  for (guint t = 0; t < n_tables; t++)
    {
      JsonArray *rows;

      if (tables[t].flags & COACH_TABLE_FLAG_SERVER_WRITES)
        continue;
      if (!json_object_has_member (tables_obj, tables[t].name))
        continue;

      rows = json_object_get_array_member (tables_obj, tables[t].name);
      for (guint i = 0; i < json_array_get_length (rows); i++)
        {
          JsonNode *node = json_array_get_element (rows, i);
          gboolean ok;

          if (!JSON_NODE_HOLDS_OBJECT (node))
            {
              row_error (error, tables[t].name, i, _("not an object"));
              goto fail;
            }
          if (tables[t].flags & COACH_TABLE_FLAG_LINK)
            ok = import_link_row (self, &tables[t], json_node_get_object (node), i, stats, error);
          else
            ok = import_row (self, &tables[t], json_node_get_object (node), i, stats, error);
          if (!ok)
            goto fail;
        }
    }

  return coach_catalog_commit (self, error);

fail:
  coach_catalog_rollback (self);
  memset (stats, 0, sizeof *stats);
  return FALSE;

not_catalog:
  g_set_error (error, COACH_CATALOG_ERROR, COACH_CATALOG_ERROR_INVALID,
               _("This is not a Coachbook catalog file"));
  return FALSE;
}

gboolean
coach_catalog_import_file (CoachCatalog      *self,
                           const char        *path,
                           CoachImportStats  *stats,
                           GError           **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *data = NULL;
  gsize len = 0;

  g_return_val_if_fail (COACH_IS_CATALOG (self), FALSE);

  /* a file refused before it is read still reports zero rows */
  if (stats != NULL)
    memset (stats, 0, sizeof *stats);

  if (!g_file_get_contents (path, &data, &len, error))
    return FALSE;
  if (len > MAX_IMPORT_SIZE)
    {
      g_set_error (error, COACH_CATALOG_ERROR, COACH_CATALOG_ERROR_TOO_LARGE,
                   _("“%s” is too large to be a catalog file"), path);
      return FALSE;
    }
  if (!json_parser_load_from_data (parser, data, len, &local_error))
    {
      g_set_error (error, COACH_CATALOG_ERROR, COACH_CATALOG_ERROR_INVALID,
                   _("“%s” is not valid JSON: %s"), path, local_error->message);
      return FALSE;
    }
  return coach_catalog_import_json (self, json_parser_get_root (parser), stats, error);
}
