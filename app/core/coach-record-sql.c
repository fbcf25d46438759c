/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coach-record"

#include "config.h"

#include "coach-record-private.h"

/* How records map to SQLite rows: the column list, and values both ways.
 * The catalog and the exporter use these; nothing else knows the layout. */

char *
_coach_record_select_sql (const CoachTableInfo *table)
{
  GString *sql = g_string_new ("SELECT rowid, id, updated_at, deleted, server_version, extra");

  for (guint i = 0; i < table->n_fields; i++)
    g_string_append_printf (sql, ", \"%s\"", table->fields[i].name);
  g_string_append_printf (sql, " FROM \"%s\"", table->name);
  return g_string_free (sql, FALSE);
}

JsonNode *
_coach_record_node_from_column (const CoachFieldInfo *f,
                  sqlite3_stmt         *stmt,
                  int                   col)
{
  int type = sqlite3_column_type (stmt, col);

  if (f->type == COACH_FIELD_BOOL)
    return json_node_init_boolean (json_node_alloc (), sqlite3_column_int64 (stmt, col) != 0);

  if (type == SQLITE_NULL)
    return json_node_init_null (json_node_alloc ());

  switch (f->type)
    {
    case COACH_FIELD_TEXT:
    case COACH_FIELD_ENUM:
    case COACH_FIELD_REF:
      return json_node_init_string (json_node_alloc (), (const char *) sqlite3_column_text (stmt, col));
    case COACH_FIELD_INT:
      return json_node_init_int (json_node_alloc (), sqlite3_column_int64 (stmt, col));
    case COACH_FIELD_REAL:
      return json_node_init_double (json_node_alloc (), sqlite3_column_double (stmt, col));
    case COACH_FIELD_STRV:
    case COACH_FIELD_JSON:
      {
        JsonNode *node = json_from_string ((const char *) sqlite3_column_text (stmt, col), NULL);
        gboolean ok = node != NULL &&
                      (f->type == COACH_FIELD_STRV ? JSON_NODE_HOLDS_ARRAY (node) : JSON_NODE_HOLDS_OBJECT (node));

        if (ok)
          return node;
        g_clear_pointer (&node, json_node_unref);
        return f->type == COACH_FIELD_STRV
          ? json_node_init_array (json_node_alloc (), json_array_new ())
          : json_node_init_object (json_node_alloc (), json_object_new ());
      }
    default:
      g_assert_not_reached ();
    }
}

void
_coach_record_bind_field (CoachRecord  *self,
                          guint         i,
                          sqlite3_stmt *stmt,
                          int           param)
{
  const CoachFieldInfo *f = &coach_record_get_table (self)->fields[i];
  JsonNode *node = coach_record_get_value (self, f->name);

  if (f->type == COACH_FIELD_BOOL)
    {
      sqlite3_bind_int (stmt, param, node && JSON_NODE_HOLDS_VALUE (node) && json_node_get_boolean (node));
      return;
    }

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      sqlite3_bind_null (stmt, param);
      return;
    }

  switch (f->type)
    {
    case COACH_FIELD_TEXT:
    case COACH_FIELD_ENUM:
    case COACH_FIELD_REF:
      sqlite3_bind_text (stmt, param, json_node_get_string (node), -1, SQLITE_TRANSIENT);
      break;
    case COACH_FIELD_INT:
      sqlite3_bind_int64 (stmt, param, json_node_get_int (node));
      break;
    case COACH_FIELD_REAL:
      sqlite3_bind_double (stmt, param, json_node_get_double (node));
      break;
    case COACH_FIELD_STRV:
    case COACH_FIELD_JSON:
      sqlite3_bind_text (stmt, param, json_to_string (node, FALSE), -1, g_free);
      break;
    default:
      g_assert_not_reached ();
    }
}
