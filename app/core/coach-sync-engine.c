/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coach-sync-engine"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "coach-catalog-private.h"
#include "coach-record-private.h"
#include "coach-sync-engine.h"

#define PUSH_BATCH 500
#define PULL_PAGE 1000
#define MAX_PAGES 100000

#define META_CURSOR "sync-cursor"
#define META_EPOCH "sync-epoch"
#define META_PUSHED "sync-pushed-mid"
#define META_DEVICE "sync-device-id"

static gint64
meta_int (CoachCatalog *self,
          const char   *key)
{
  g_autofree char *v = coach_catalog_get_meta (self, key);

  return v ? g_ascii_strtoll (v, NULL, 10) : 0;
}

static gboolean
set_meta_int (CoachCatalog  *self,
              const char    *key,
              gint64         value,
              GError       **error)
{
  g_autofree char *v = g_strdup_printf ("%" G_GINT64_FORMAT, value);

  return coach_catalog_set_meta (self, key, v, error);
}

static gboolean
record_conflict (CoachCatalog  *self,
                 const char    *table,
                 const char    *row_id,
                 const char    *field,
                 const char    *local_value,
                 const char    *remote_value,
                 GError       **error)
{
  sqlite3_stmt *stmt = coach_db_prepare (self->db,
                                         "INSERT INTO conflict (tbl, row_id, field, local_value, remote_value, created_at) "
                                         "VALUES (?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  coach_db_bind_text (stmt, 1, table);
  coach_db_bind_text (stmt, 2, row_id);
  coach_db_bind_text (stmt, 3, field);
  coach_db_bind_text (stmt, 4, local_value);
  coach_db_bind_text (stmt, 5, remote_value);
  sqlite3_bind_int64 (stmt, 6, _coach_catalog_now_ms ());
  return coach_db_step_done (self->db, stmt, error);
}

/* An edit of this device that the server had acknowledged, replaced by a
 * later edit from a device that had not seen it: kept for the coach, once
 * (a pull from scratch hands it over again). */
static gboolean
keep_overwritten (CoachCatalog        *self,
                  CoachWireOverwrite  *overwrite,
                  CoachSyncStats      *stats,
                  GError             **error)
{
  g_autoptr(JsonGenerator) generator = NULL;
  g_autofree char *value = NULL;
  sqlite3_stmt *stmt;
  int rc;
  const CoachTableInfo *info = coach_schema_lookup_table (overwrite->table);

  if (info == NULL || coach_schema_lookup_field (info, overwrite->field) == NULL)
    return TRUE;

  generator = json_generator_new ();
  json_generator_set_root (generator, overwrite->value);
  value = json_generator_to_data (generator, NULL);

  stmt = coach_db_prepare (self->db,
                           "SELECT count(*) FROM conflict WHERE tbl = ? AND row_id = ? AND field = ? AND local_value = ?",
                           error);
  if (stmt == NULL)
    return FALSE;
  coach_db_bind_text (stmt, 1, overwrite->table);
  coach_db_bind_text (stmt, 2, overwrite->id);
  coach_db_bind_text (stmt, 3, overwrite->field);
  coach_db_bind_text (stmt, 4, value);
  rc = coach_db_step (self->db, stmt, error);
  if (rc != SQLITE_ROW)
    return FALSE;
  if (sqlite3_column_int64 (stmt, 0) > 0)
    {
      sqlite3_reset (stmt);
      return TRUE;
    }
  sqlite3_reset (stmt);

  if (!record_conflict (self, overwrite->table, overwrite->id, overwrite->field, value,
                        _("changed afterwards on another device that had not seen your change"), error))
    return FALSE;
  stats->conflicts++;
  return TRUE;
}

/* The fields of a row with local edits the server has not acknowledged. */
static GHashTable *
pending_fields (CoachCatalog  *self,
                const char    *table,
                const char    *id,
                GPtrArray     *pending_json,
                GError       **error)
{
  g_autoptr(GHashTable) fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt;
  int rc;

  stmt = coach_db_prepare (self->db, "SELECT fields FROM outbox WHERE tbl = ? AND row_id = ? ORDER BY mid", error);
  if (stmt == NULL)
    return NULL;
  coach_db_bind_text (stmt, 1, table);
  coach_db_bind_text (stmt, 2, id);
  while ((rc = coach_db_step (self->db, stmt, error)) == SQLITE_ROW)
    {
      const char *text = coach_db_column_text (stmt, 0);
      g_autoptr(JsonNode) node = text ? json_from_string (text, NULL) : NULL;

      if (pending_json != NULL && text != NULL)
        g_ptr_array_add (pending_json, g_strdup (text));
      if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
        {
          g_autoptr(GList) members = json_object_get_members (json_node_get_object (node));

          for (GList *l = members; l; l = l->next)
            g_hash_table_add (fields, g_strdup (l->data));
        }
    }
  sqlite3_reset (stmt);
  if (rc == 0)
    return NULL;
  return g_steal_pointer (&fields);
}

static gboolean
exec_row (CoachCatalog  *self,
          const char    *sql,
          gint64         value,
          const char    *id,
          GError       **error)
{
  sqlite3_stmt *stmt = coach_db_prepare (self->db, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, value);
  coach_db_bind_text (stmt, 2, id);
  return coach_db_step_done (self->db, stmt, error);
}

static gboolean
apply_delete (CoachCatalog     *self,
              CoachWireChange  *change,
              CoachSyncStats   *stats,
              GError          **error)
{
  g_autoptr(GPtrArray) pending = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) fields = pending_fields (self, change->table, change->id, pending, error);
  const CoachTableInfo *info = coach_schema_lookup_table (change->table);
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;

  if (fields == NULL)
    return FALSE;

  /* A link comes back when its pair is linked again (the server revives
   * it): a pending link here simply goes out. */
  if (info != NULL && (info->flags & COACH_TABLE_FLAG_LINK))
    g_ptr_array_set_size (pending, 0);

  /* Deletes win. Edits made here meanwhile are kept for the coach to see,
   * and turned into deletes, which change nothing on a tombstone: the
   * server would refuse the edits, and removing them would leave a hole
   * in this device's mids that stops its queue for good. */
  for (guint i = 0; i < pending->len; i++)
    {
      if (!record_conflict (self, change->table, change->id, "*", pending->pdata[i],
                            _("deleted on another device"), error))
        return FALSE;
      stats->conflicts++;
    }
  if (pending->len > 0)
    {
      stmt = coach_db_prepare (self->db, "UPDATE outbox SET op = 'delete', fields = '{}' WHERE tbl = ? AND row_id = ?",
                               error);
      if (stmt == NULL)
        return FALSE;
      coach_db_bind_text (stmt, 1, change->table);
      coach_db_bind_text (stmt, 2, change->id);
      if (!coach_db_step_done (self->db, stmt, error))
        return FALSE;
    }

  sql = g_strdup_printf ("UPDATE \"%s\" SET deleted = 1, server_version = ?1 WHERE id = ?2", change->table);
  if (!(stmt = coach_db_prepare (self->db, sql, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, change->version);
  coach_db_bind_text (stmt, 2, change->id);
  if (!coach_db_step_done (self->db, stmt, error))
    return FALSE;
  if (sqlite3_changes (coach_db_get_handle (self->db)) > 0)
    _coach_catalog_touch (self, change->table);
  return TRUE;
}

static gboolean
apply_upsert (CoachCatalog     *self,
              CoachWireChange  *change,
              GError          **error)
{
  const CoachTableInfo *info = coach_schema_lookup_table (change->table);
  g_autoptr(GHashTable) pending = pending_fields (self, change->table, change->id, NULL, error);
  g_autoptr(CoachRecord) fresh = NULL;
  g_autoptr(GList) members = NULL;
  g_autofree char *select = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *undelete = NULL;
  g_autofree char *version = NULL;
  sqlite3_stmt *stmt;
  gboolean exists = FALSE, was_deleted = FALSE;
  int rc;

  if (pending == NULL)
    return FALSE;

  /* A record of our own, not the live one a window may be editing. */
  fresh = coach_record_new_for_table (change->table, change->id);
  select = _coach_record_select_sql (info);
  sql = g_strconcat (select, " WHERE id = ?", NULL);
  if (!(stmt = coach_db_prepare (self->db, sql, error)))
    return FALSE;
  coach_db_bind_text (stmt, 1, change->id);
  rc = coach_db_step (self->db, stmt, error);
  if (rc == SQLITE_ROW)
    {
      _coach_record_load_row (fresh, stmt, FALSE);
      exists = TRUE;
      was_deleted = coach_record_get_deleted (fresh);
    }
  sqlite3_reset (stmt);
  if (rc == 0)
    return FALSE;

  /* The page carries whole rows: every field not edited here takes the
   * server's value, absent ones their default. */
  for (guint i = 0; i < info->n_fields; i++)
    {
      const char *name = info->fields[i].name;

      if (g_hash_table_contains (pending, name))
        continue;
      if (json_object_has_member (change->fields, name))
        coach_record_set_value (fresh, name, json_object_get_member (change->fields, name));
      else
        coach_record_set_null (fresh, name);
    }
  members = json_object_get_members (change->fields);
  for (GList *l = members; l; l = l->next)
    if (coach_schema_lookup_field (info, l->data) == NULL && !g_hash_table_contains (pending, l->data))
      coach_record_set_value (fresh, l->data, json_object_get_member (change->fields, l->data));

  if (!exists || coach_record_is_dirty (fresh))
    {
      g_autoptr(GError) local_error = NULL;

      if (!_coach_catalog_save_local (self, fresh, FALSE, &local_error))
        {
          /* A row this version cannot store (a newer client's values):
           * skip it rather than stop syncing everything else. */
          if (!g_error_matches (local_error, COACH_CATALOG_ERROR, COACH_CATALOG_ERROR_INVALID))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          g_warning ("Skipping %s %s from the server: %s", change->table, change->id, local_error->message);
          return TRUE;
        }
    }

  undelete = g_strdup_printf ("UPDATE \"%s\" SET deleted = 0 WHERE ?1 IS NOT NULL AND id = ?2", change->table);
  version = g_strdup_printf ("UPDATE \"%s\" SET server_version = ?1 WHERE id = ?2", change->table);
  if (was_deleted && !exec_row (self, undelete, 1, change->id, error))
    return FALSE;
  if (!exec_row (self, version, change->version, change->id, error))
    return FALSE;

  _coach_catalog_refresh_live (self, change->table, change->id);
  _coach_catalog_touch (self, change->table);
  return TRUE;
}

/* Link rows have no fields to merge: the two ends are the row. */
static gboolean
apply_link (CoachCatalog          *self,
            const CoachTableInfo  *info,
            CoachWireChange       *change,
            GError               **error)
{
  const char *a = json_object_get_string_member_with_default (change->fields, info->fields[0].name, NULL);
  const char *b = json_object_get_string_member_with_default (change->fields, info->fields[1].name, NULL);
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;

  if (a == NULL || b == NULL)
    {
      g_warning ("Skipping %s %s from the server: it does not name both ends", change->table, change->id);
      return TRUE;
    }

  sql = g_strdup_printf ("INSERT INTO \"%s\" (id, \"%s\", \"%s\", deleted, server_version) VALUES (?1, ?2, ?3, 0, ?4) "
                         "ON CONFLICT (id) DO UPDATE SET deleted = 0, server_version = ?4",
                         info->name, info->fields[0].name, info->fields[1].name);
  if (!(stmt = coach_db_prepare (self->db, sql, error)))
    return FALSE;
  coach_db_bind_text (stmt, 1, change->id);
  coach_db_bind_text (stmt, 2, a);
  coach_db_bind_text (stmt, 3, b);
  sqlite3_bind_int64 (stmt, 4, change->version);
  if (!coach_db_step_done (self->db, stmt, error))
    return FALSE;
  _coach_catalog_touch (self, change->table);
  return TRUE;
}

gboolean
coach_catalog_apply_pull (CoachCatalog   *self,
                          CoachWirePull  *page,
                          CoachSyncStats *stats,
                          GError        **error)
{
  CoachSyncStats local_stats = { 0 };
  gboolean saved_applying;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (COACH_IS_CATALOG (self), FALSE);
  g_return_val_if_fail (page != NULL, FALSE);

  if (stats == NULL)
    stats = &local_stats;

  if (!coach_catalog_begin (self, error))
    return FALSE;
  saved_applying = self->applying_remote;
  self->applying_remote = TRUE;

  /* What the server has applied leaves the outbox in the same transaction
   * as the page that shows it. */
  if (page->last_mid > 0)
    {
      if (!(stmt = coach_db_prepare (self->db, "DELETE FROM outbox WHERE mid <= ?", error)))
        goto fail;
      sqlite3_bind_int64 (stmt, 1, page->last_mid);
      if (!coach_db_step_done (self->db, stmt, error))
        goto fail;
    }

  for (guint i = 0; i < page->changes->len; i++)
    {
      CoachWireChange *change = page->changes->pdata[i];
      const CoachTableInfo *info = coach_schema_lookup_table (change->table);

      /* Tables from newer versions: nothing here can show them. */
      if (info == NULL)
        continue;

      if (change->deleted)
        {
          if (!apply_delete (self, change, stats, error))
            goto fail;
        }
      else if (info->flags & COACH_TABLE_FLAG_LINK)
        {
          if (!apply_link (self, info, change, error))
            goto fail;
        }
      else if (!apply_upsert (self, change, error))
        goto fail;
      stats->pulled++;
    }

  for (guint i = 0; page->overwritten != NULL && i < page->overwritten->len; i++)
    if (!keep_overwritten (self, page->overwritten->pdata[i], stats, error))
      goto fail;

  if (!set_meta_int (self, META_CURSOR, page->cursor, error) ||
      !coach_catalog_set_meta (self, META_EPOCH, page->epoch, error))
    goto fail;

  self->applying_remote = saved_applying;
  return coach_catalog_commit (self, error);

fail:
  self->applying_remote = saved_applying;
  coach_catalog_rollback (self);
  return FALSE;
}

static CoachWirePush *
build_push (CoachCatalog  *self,
            gint64         after_mid,
            GError       **error)
{
  g_autoptr(CoachWirePush) push = coach_wire_push_new ();
  sqlite3_stmt *stmt;
  int rc;

  push->schema_version = COACH_SCHEMA_VERSION;
  push->device_id = coach_catalog_get_meta (self, META_DEVICE);
  push->epoch = coach_catalog_get_meta (self, META_EPOCH);

  stmt = coach_db_prepare (self->db,
                           "SELECT mid, tbl, row_id, op, fields, base_version FROM outbox "
                           "WHERE mid > ? ORDER BY mid LIMIT ?",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, after_mid);
  sqlite3_bind_int (stmt, 2, PUSH_BATCH);
  while ((rc = coach_db_step (self->db, stmt, error)) == SQLITE_ROW)
    {
      g_autoptr(JsonNode) node = json_from_string (coach_db_column_text (stmt, 4), NULL);
      JsonObject *fields = node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      CoachWireOp op = g_strcmp0 (coach_db_column_text (stmt, 3), "delete") == 0
        ? COACH_WIRE_OP_DELETE : COACH_WIRE_OP_UPSERT;

      CoachWireMutation *m = coach_wire_mutation_new (sqlite3_column_int64 (stmt, 0),
                                                      coach_db_column_text (stmt, 1), op,
                                                      coach_db_column_text (stmt, 2), fields);

      if (sqlite3_column_type (stmt, 5) != SQLITE_NULL)
        m->base_version = sqlite3_column_int64 (stmt, 5);
      g_ptr_array_add (push->mutations, m);
    }
  sqlite3_reset (stmt);
  if (rc == 0)
    return NULL;
  return g_steal_pointer (&push);
}

/* With @gap set, stopping at a gap is no error: *gap says it happened. */
static gboolean
push_all (CoachCatalog     *self,
          CoachSyncClient  *client,
          CoachSyncStats   *stats,
          gboolean         *gap,
          GCancellable     *cancellable,
          GError          **error)
{
  for (;;)
    {
      g_autoptr(CoachWirePush) push = build_push (self, meta_int (self, META_PUSHED), error);
      g_autoptr(CoachWirePushResult) result = NULL;
      gint64 last;

      if (push == NULL)
        return FALSE;
      if (push->mutations->len == 0)
        return TRUE;

      result = coach_sync_client_push (client, push, cancellable, error);
      if (result == NULL)
        return FALSE;

      /* Refused mutations are not retried; what they carried is kept. */
      for (guint i = 0; i < result->rejected->len; i++)
        {
          CoachWireRejection *r = result->rejected->pdata[i];

          for (guint m = 0; m < push->mutations->len; m++)
            {
              CoachWireMutation *mut = push->mutations->pdata[m];
              g_autoptr(JsonNode) node = NULL;
              g_autofree char *text = NULL;

              if (mut->mid != r->mid)
                continue;
              node = json_node_init_object (json_node_alloc (), mut->fields);
              text = json_to_string (node, FALSE);
              if (!record_conflict (self, mut->table, mut->id, "*", text, r->message ? r->message : r->error, error))
                return FALSE;
              stats->rejected++;
            }
        }

      last = ((CoachWireMutation *) push->mutations->pdata[push->mutations->len - 1])->mid;
      if (result->gap_expected > 0 || result->last_mid < last)
        {
          /* The server stopped at a gap: it has everything up to its
           * last_mid; resend from there next time. */
          if (!set_meta_int (self, META_PUSHED, result->last_mid, error))
            return FALSE;
          if (gap != NULL)
            {
              *gap = TRUE;
              return TRUE;
            }
          g_set_error (error, COACH_SYNC_ERROR, COACH_SYNC_ERROR_PROTOCOL,
                       _("The team server is missing earlier changes from this device"));
          return FALSE;
        }
      stats->pushed += push->mutations->len - result->rejected->len;
      if (!set_meta_int (self, META_PUSHED, last, error))
        return FALSE;
    }
}

static gboolean
pull_all (CoachCatalog     *self,
          CoachSyncClient  *client,
          CoachSyncStats   *stats,
          GCancellable     *cancellable,
          GError          **error)
{
  for (guint i = 0; i < MAX_PAGES; i++)
    {
      g_autofree char *epoch = coach_catalog_get_meta (self, META_EPOCH);
      g_autoptr(CoachWirePull) page = coach_sync_client_pull (client, meta_int (self, META_CURSOR), PULL_PAGE,
                                                              epoch && *epoch ? epoch : NULL, cancellable, error);

      if (page == NULL)
        return FALSE;
      if (!coach_catalog_apply_pull (self, page, stats, error))
        return FALSE;
      if (!page->has_more)
        return TRUE;
    }
  return TRUE;
}

gboolean
coach_catalog_sync_once (CoachCatalog     *self,
                         CoachSyncClient  *client,
                         CoachSyncStats   *stats,
                         GCancellable     *cancellable,
                         GError          **error)
{
  CoachSyncStats local_stats = { 0 };
  g_autoptr(GError) local_error = NULL;
  gboolean gap = FALSE;

  g_return_val_if_fail (COACH_IS_CATALOG (self), FALSE);
  g_return_val_if_fail (COACH_IS_SYNC_CLIENT (client), FALSE);

  if (stats == NULL)
    stats = &local_stats;
  memset (stats, 0, sizeof *stats);

  if (push_all (self, client, stats, NULL, cancellable, &local_error) &&
      pull_all (self, client, stats, cancellable, &local_error))
    return TRUE;

  if (!g_error_matches (local_error, COACH_SYNC_ERROR, COACH_SYNC_ERROR_RESYNC))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  /* The server was restored or forgot us: start over from the beginning,
   * keeping every local change and sending them all again.
   *
   * Sending comes first, without an epoch: what the server already has is
   * skipped, and the rejections it caused come back now, even those whose
   * answer was lost. A pull first would confirm those mutations and drop
   * them from the outbox unheard. If the restore lost mutations this
   * device has already dropped, the server stops at the gap; once the pull
   * has brought the new epoch, a push carrying it may jump the gap. */
  g_clear_error (&local_error);
  stats->resynced = TRUE;
  if (!set_meta_int (self, META_CURSOR, 0, error) ||
      !coach_catalog_set_meta (self, META_EPOCH, NULL, error) ||
      !set_meta_int (self, META_PUSHED, 0, error))
    return FALSE;
  if (!push_all (self, client, stats, &gap, cancellable, error) ||
      !pull_all (self, client, stats, cancellable, error))
    return FALSE;
  return !gap ||
         (push_all (self, client, stats, NULL, cancellable, error) &&
          pull_all (self, client, stats, cancellable, error));
}
