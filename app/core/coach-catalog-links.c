/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coach-catalog"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "coach-catalog-private.h"
#include "coach-uuid.h"

/* Link tables pair two rows (an exercise and a category, a group and an
 * athlete, ...). A link's id is derived from its ends, so the same link
 * made on two devices is one row, and unlinking is a tombstone like any
 * other delete. */

static const CoachTableInfo *
link_table_info (const char  *link_table,
                 GError     **error)
{
  const CoachTableInfo *info = coach_schema_lookup_table (link_table);

  if (info == NULL || !(info->flags & COACH_TABLE_FLAG_LINK))
    {
      g_set_error (error, COACH_CATALOG_ERROR, COACH_CATALOG_ERROR_INVALID,
                   "“%s” is not a link table", link_table);
      return NULL;
    }
  return info;
}

char *
coach_catalog_link_id (const char *link_table,
                       const char *a_id,
                       const char *b_id)
{
  g_autofree char *name = g_strdup_printf ("link:%s:%s:%s", link_table, a_id, b_id);

  return coach_uuid_v5 (COACH_UUID_NAMESPACE, name);
}

static gboolean
set_link (CoachCatalog  *self,
          const char    *link_table,
          const char    *a_id,
          const char    *b_id,
          gboolean       linked,
          gboolean       record_outbox,
          GError       **error)
{
  const CoachTableInfo *info;
  g_autofree char *id = NULL;
  g_autofree char *sql = NULL;
  g_autoptr(JsonObject) fields = json_object_new ();
  sqlite3_stmt *stmt;
  gboolean saved_applying = self->applying_remote;

  if (!(info = link_table_info (link_table, error)))
    return FALSE;
  if (!coach_uuid_is_valid (a_id) || !coach_uuid_is_valid (b_id))
    {
      g_set_error (error, COACH_CATALOG_ERROR, COACH_CATALOG_ERROR_INVALID,
                   "A link needs two valid ids");
      return FALSE;
    }

  id = coach_catalog_link_id (link_table, a_id, b_id);

  if (linked)
    sql = g_strdup_printf ("INSERT INTO \"%s\" (id, \"%s\", \"%s\", updated_at, deleted) "
                           "VALUES (?1, ?2, ?3, ?4, 0) "
                           "ON CONFLICT (id) DO UPDATE SET deleted = 0, updated_at = ?4 WHERE deleted = 1",
                           info->name, info->fields[0].name, info->fields[1].name);
  else
    sql = g_strdup_printf ("UPDATE \"%s\" SET deleted = 1, updated_at = ?4 "
                           "WHERE id = ?1 AND deleted = 0 AND ?2 IS NOT NULL AND ?3 IS NOT NULL",
                           info->name);

  if (!coach_db_begin (self->db, error))
    return FALSE;

  if (!(stmt = coach_db_prepare (self->db, sql, error)))
    goto fail;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, a_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, b_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, record_outbox ? _coach_catalog_now_ms () : 0);
  if (!coach_db_step_done (self->db, stmt, error))
    goto fail;

  if (sqlite3_changes (coach_db_get_handle (self->db)) > 0)
    {
      if (linked)
        {
          json_object_set_string_member (fields, info->fields[0].name, a_id);
          json_object_set_string_member (fields, info->fields[1].name, b_id);
        }
      self->applying_remote = saved_applying || !record_outbox;
      if (!_coach_catalog_append_outbox (self, info->name, id, linked ? "upsert" : "delete",
                                         fields, error))
        {
          self->applying_remote = saved_applying;
          goto fail;
        }
      self->applying_remote = saved_applying;
      _coach_catalog_touch (self, info->name);
    }

  return coach_catalog_commit (self, error);

fail:
  coach_catalog_rollback (self);
  return FALSE;
}

gboolean
_coach_catalog_link_local (CoachCatalog  *self,
                           const char    *link_table,
                           const char    *a_id,
                           const char    *b_id,
                           GError       **error)
{
  return set_link (self, link_table, a_id, b_id, TRUE, FALSE, error);
}

gboolean
coach_catalog_link (CoachCatalog  *self,
                    const char    *link_table,
                    const char    *a_id,
                    const char    *b_id,
                    GError       **error)
{
  g_return_val_if_fail (COACH_IS_CATALOG (self), FALSE);
  return set_link (self, link_table, a_id, b_id, TRUE, TRUE, error);
}

gboolean
coach_catalog_unlink (CoachCatalog  *self,
                      const char    *link_table,
                      const char    *a_id,
                      const char    *b_id,
                      GError       **error)
{
  g_return_val_if_fail (COACH_IS_CATALOG (self), FALSE);
  return set_link (self, link_table, a_id, b_id, FALSE, TRUE, error);
}

char **
coach_catalog_get_links (CoachCatalog  *self,
                         const char    *link_table,
                         const char    *a_id,
                         GError       **error)
{
  const CoachTableInfo *info;
  g_autofree char *sql = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (COACH_IS_CATALOG (self), NULL);

  if (!(info = link_table_info (link_table, error)))
    return NULL;

  sql = g_strdup_printf ("SELECT \"%s\" FROM \"%s\" WHERE \"%s\" = ? AND deleted = 0 ORDER BY rowid",
                         info->fields[1].name, info->name, info->fields[0].name);
  if (!(stmt = coach_db_prepare (self->db, sql, error)))
    return NULL;
  coach_db_bind_text (stmt, 1, a_id);

  builder = g_strv_builder_new ();
  while ((rc = coach_db_step (self->db, stmt, error)) == SQLITE_ROW)
    g_strv_builder_add (builder, coach_db_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (rc == 0)
    return NULL;
  return g_strv_builder_end (builder);
}

