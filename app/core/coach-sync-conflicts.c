/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coach-sync-conflicts"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "coach-catalog-private.h"
#include "coach-sync-conflicts.h"

/* Long texts are cut for the list; the record itself has the rest. */
#define MAX_VALUE_CHARS 120

/* ------------------------------------------------------------------------- */

/* The edit a conflict row holds, as fields: whole-mutation conflicts ("*")
 * store the mutation's JSON object, single-field ones the value alone. */
static JsonObject *
conflict_fields (const char *field,
                 const char *local_value)
{
  g_autoptr(JsonNode) node = local_value ? json_from_string (local_value, NULL) : NULL;
  JsonObject *fields;

  if (g_strcmp0 (field, "*") == 0)
    {
      if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
        return json_object_ref (json_node_get_object (node));
      return json_object_new ();
    }

  fields = json_object_new ();
  if (node == NULL)
    {
      node = json_node_new (JSON_NODE_VALUE);
      json_node_set_string (node, local_value ? local_value : "");
    }
  json_object_set_member (fields, field, g_steal_pointer (&node));
  return fields;
}

static char *
value_text (JsonNode *node)
{
  g_autofree char *text = NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_strdup (_("(empty)"));
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    text = g_strdup (json_node_get_string (node));
  else
    text = json_to_string (node, FALSE);

  if (g_utf8_strlen (text, -1) > MAX_VALUE_CHARS)
    {
      char *end = g_utf8_offset_to_pointer (text, MAX_VALUE_CHARS);

      *end = '\0';
      return g_strconcat (text, "…", NULL);
    }
  return g_steal_pointer (&text);
}

static const char *
record_title (CoachRecord *record)
{
  const CoachTableInfo *info = coach_record_get_table (record);
  const char *names[] = { "name", "title", "location" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (coach_schema_lookup_field (info, names[i]) != NULL &&
        !coach_record_is_null (record, names[i]) &&
        *coach_record_get_string (record, names[i]) != '\0')
      return coach_record_get_string (record, names[i]);
  return NULL;
}

static void
describe (CoachCatalog      *self,
          CoachSyncConflict *conflict,
          const char        *field,
          const char        *local_value)
{
  g_autoptr(JsonObject) fields = conflict_fields (field, local_value);
  g_autoptr(CoachRecord) record = coach_catalog_get (self, conflict->table, conflict->row_id, NULL);
  g_autoptr(GList) members = json_object_get_members (fields);
  g_autoptr(GString) names = g_string_new (NULL);
  g_autoptr(GString) mine = g_string_new (NULL);
  g_autoptr(GString) now = g_string_new (NULL);
  const char *title = record ? record_title (record) : NULL;

  conflict->row_deleted = record == NULL || coach_record_get_deleted (record);
  conflict->title = title ? g_strdup (title) : g_strdup_printf ("%s %.8s", conflict->table, conflict->row_id);

  for (GList *l = members; l; l = l->next)
    {
      const char *name = l->data;
      g_autofree char *a = value_text (json_object_get_member (fields, name));
      JsonNode *current = NULL;
      g_autofree char *b = NULL;

      if (record != NULL && coach_schema_lookup_field (coach_record_get_table (record), name) != NULL)
        current = coach_record_get_value (record, name);
      b = value_text (current);

      g_string_append_printf (names, "%s%s", names->len ? ", " : "", name);
      if (members->next != NULL)
        {
          g_string_append_printf (mine, "%s%s: %s", mine->len ? "; " : "", name, a);
          g_string_append_printf (now, "%s%s: %s", now->len ? "; " : "", name, b);
        }
      else
        {
          g_string_append (mine, a);
          g_string_append (now, b);
        }
    }

  conflict->fields = g_strdup (names->str);
  conflict->local_value = g_strdup (mine->str);
  conflict->current_value = conflict->row_deleted ? g_strdup (_("deleted")) : g_strdup (now->str);
}

static gboolean
mark_resolved (CoachCatalog  *self,
               gint64         conflict_id,
               GError       **error)
{
  sqlite3_stmt *stmt = coach_db_prepare (self->db, "UPDATE conflict SET resolved = 1 WHERE id = ? AND resolved = 0",
                                         error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, conflict_id);
  if (!coach_db_step_done (self->db, stmt, error))
    return FALSE;
  if (sqlite3_changes (coach_db_get_handle (self->db)) == 0)
    {
      g_set_error (error, COACH_CATALOG_ERROR, COACH_CATALOG_ERROR_NOT_FOUND,
                   _("This conflict was already resolved"));
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------------- */

void
coach_sync_conflict_free (CoachSyncConflict *conflict)
{
  if (conflict == NULL)
    return;
  g_free (conflict->table);
  g_free (conflict->row_id);
  g_free (conflict->title);
  g_free (conflict->fields);
  g_free (conflict->local_value);
  g_free (conflict->current_value);
  g_free (conflict->reason);
  g_free (conflict);
}

GPtrArray *
coach_catalog_list_conflicts (CoachCatalog  *self,
                              GError       **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) coach_sync_conflict_free);
  g_autoptr(GPtrArray) raw = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (COACH_IS_CATALOG (self), NULL);

  stmt = coach_db_prepare (self->db,
                           "SELECT id, tbl, row_id, field, local_value, remote_value, created_at "
                           "FROM conflict WHERE resolved = 0 ORDER BY created_at DESC, id DESC", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = coach_db_step (self->db, stmt, error)) == SQLITE_ROW)
    {
      CoachSyncConflict *c = g_new0 (CoachSyncConflict, 1);

      c->id = sqlite3_column_int64 (stmt, 0);
      c->table = g_strdup (coach_db_column_text (stmt, 1));
      c->row_id = g_strdup (coach_db_column_text (stmt, 2));
      c->reason = g_strdup (coach_db_column_text (stmt, 5));
      c->created_at = sqlite3_column_int64 (stmt, 6);
      /* described after the statement is done: describing reads the catalog */
      g_ptr_array_add (raw, g_strdup (coach_db_column_text (stmt, 3)));
      g_ptr_array_add (raw, g_strdup (coach_db_column_text (stmt, 4)));
      g_ptr_array_add (list, c);
    }
  sqlite3_reset (stmt);
  if (rc == 0)
    return NULL;

  for (guint i = 0; i < list->len; i++)
    describe (self, list->pdata[i], raw->pdata[2 * i], raw->pdata[2 * i + 1]);
  return g_steal_pointer (&list);
}

gint64
coach_catalog_count_conflicts (CoachCatalog  *self,
                               GError       **error)
{
  gint64 n = -1;

  g_return_val_if_fail (COACH_IS_CATALOG (self), -1);
  if (!coach_db_query_int (self->db, "SELECT count(*) FROM conflict WHERE resolved = 0", &n, error))
    return -1;
  return n;
}

gboolean
coach_catalog_reapply_conflict (CoachCatalog  *self,
                                gint64         conflict_id,
                                GError       **error)
{
  g_autoptr(JsonObject) fields = NULL;
  g_autoptr(JsonObject) applied = json_object_new ();
  g_autoptr(CoachRecord) record = NULL;
  g_autoptr(GList) members = NULL;
  g_autofree char *table = NULL;
  g_autofree char *row_id = NULL;
  g_autofree char *field = NULL;
  g_autofree char *local_value = NULL;
  const CoachTableInfo *info;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (COACH_IS_CATALOG (self), FALSE);

  stmt = coach_db_prepare (self->db,
                           "SELECT tbl, row_id, field, local_value FROM conflict WHERE id = ? AND resolved = 0",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, conflict_id);
  rc = coach_db_step (self->db, stmt, error);
  if (rc == SQLITE_ROW)
    {
      table = g_strdup (coach_db_column_text (stmt, 0));
      row_id = g_strdup (coach_db_column_text (stmt, 1));
      field = g_strdup (coach_db_column_text (stmt, 2));
      local_value = g_strdup (coach_db_column_text (stmt, 3));
    }
  sqlite3_reset (stmt);
  if (rc == 0)
    return FALSE;
  if (table == NULL)
    {
      g_set_error (error, COACH_CATALOG_ERROR, COACH_CATALOG_ERROR_NOT_FOUND,
                   _("This conflict was already resolved"));
      return FALSE;
    }

  record = coach_catalog_get (self, table, row_id, error);
  if (record == NULL)
    return FALSE;
  if (coach_record_get_deleted (record))
    {
      g_set_error (error, COACH_CATALOG_ERROR, COACH_CATALOG_ERROR_NOT_FOUND,
                   _("“%s” was deleted, so this change cannot be applied again"),
                   record_title (record) ? record_title (record) : table);
      return FALSE;
    }

  info = coach_record_get_table (record);
  fields = conflict_fields (field, local_value);
  members = json_object_get_members (fields);
  for (GList *l = members; l; l = l->next)
    if (coach_schema_lookup_field (info, l->data) != NULL)
      json_object_set_member (applied, l->data, json_node_copy (json_object_get_member (fields, l->data)));
  if (json_object_get_size (applied) == 0)
    {
      g_set_error (error, COACH_CATALOG_ERROR, COACH_CATALOG_ERROR_INVALID,
                   _("This change has no values this version of Coachbook can apply"));
      return FALSE;
    }

  if (!coach_catalog_begin (self, error))
    return FALSE;

  g_list_free (g_steal_pointer (&members));
  members = json_object_get_members (applied);
  for (GList *l = members; l; l = l->next)
    coach_record_set_value (record, l->data, json_object_get_member (applied, l->data));

  if (coach_record_is_dirty (record))
    {
      if (!coach_catalog_save (self, record, error))
        goto fail;
    }
  else
    {
      /* The catalog already shows the value (the server refused it, or a
       * later pull kept it): send it again all the same. */
      if (!_coach_catalog_append_outbox (self, table, row_id, "upsert", applied, error))
        goto fail;
      _coach_catalog_touch (self, table);
    }

  if (!mark_resolved (self, conflict_id, error))
    goto fail;
  return coach_catalog_commit (self, error);

fail:
  coach_catalog_rollback (self);
  return FALSE;
}

gboolean
coach_catalog_dismiss_conflict (CoachCatalog  *self,
                                gint64         conflict_id,
                                GError       **error)
{
  g_return_val_if_fail (COACH_IS_CATALOG (self), FALSE);
  return mark_resolved (self, conflict_id, error);
}
