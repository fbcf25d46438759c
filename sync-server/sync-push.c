/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coachbook-sync"

#include "config.h"

#include <string.h>

#include "sync-error.h"
#include "sync-json.h"
#include "sync-mail-queue.h"
#include "sync-push.h"

/* How often one push is retried after the database refused a value that
 * validation let through; each retry rejects one more mutation. */
#define MAX_POISON_RETRIES 20

typedef enum
{
  ROW_ABSENT,
  ROW_LIVE,
  ROW_DELETED,
} RowState;

/* A row the push touches, as stored (and as this push has changed it so
 * far). fields and meta are parsed when first needed. */
typedef struct
{
  RowState    state;
  char       *fields_text;
  char       *meta_text;
  JsonObject *fields;
  JsonObject *meta;   /* field -> [version, device] */
} RowInfo;

static void
row_info_free (RowInfo *row)
{
  g_free (row->fields_text);
  g_free (row->meta_text);
  g_clear_pointer (&row->fields, json_object_unref);
  g_clear_pointer (&row->meta, json_object_unref);
  g_free (row);
}

static JsonObject *
parse_object (const char *text)
{
  JsonObject *object = sync_json_object_from_text (text);

  return object ? object : json_object_new ();
}

typedef struct
{
  const SyncAuthInfo  *auth;
  const CoachWirePush *push;
  guint                delay_ms;
  GHashTable          *poison;       /* mid -> database message, rejected without a try */

  /* one attempt */
  CoachWirePushResult *result;
  SyncPushStats        stats;
  GHashTable          *rows;         /* "table/id" -> RowInfo */
  gint64               writing_mid;  /* the mid whose statement is running */
  SyncMailTouched     *touched;      /* what the athletes' emails depend on */
} PushData;

static char *
row_key (const char *table,
         const char *id)
{
  return g_strconcat (table, "/", id, NULL);
}

static char *
fields_to_string (JsonObject *fields)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), fields);

  json_generator_set_root (generator, node);
  return json_generator_to_data (generator, NULL);
}

/* Reads, in one query, whether each row the push touches exists and
 * whether it is a tombstone. Only validated table names and UUIDs go into
 * the array literals. */
static gboolean
load_rows (SyncDbConn  *conn,
           PushData    *data,
           GError     **error)
{
  g_autoptr(GString) tables = g_string_new ("{");
  g_autoptr(GString) ids = g_string_new ("{");
  g_autoptr(PGresult) res = NULL;
  const char *params[3];
  guint n = 0;

  for (guint i = 0; i < data->push->mutations->len; i++)
    {
      const CoachWireMutation *m = g_ptr_array_index (data->push->mutations, i);

      if (m->invalid != NULL || coach_schema_lookup_table (m->table) == NULL)
        continue;
      g_string_append_printf (tables, "%s%s", n ? "," : "", m->table);
      g_string_append_printf (ids, "%s%s", n ? "," : "", m->id);
      n++;
    }
  if (n == 0)
    return TRUE;
  g_string_append_c (tables, '}');
  g_string_append_c (ids, '}');

  params[0] = data->auth->team_id;
  params[1] = tables->str;
  params[2] = ids->str;
  res = sync_db_conn_exec (conn,
                           "SELECT tbl, id::text, deleted, fields::text, field_meta::text FROM record "
                           "WHERE team_id = $1 "
                           "AND (tbl, id) IN (SELECT * FROM unnest ($2::text[], $3::uuid[]))",
                           3, params, error);
  if (res == NULL)
    return FALSE;

  for (int r = 0; r < PQntuples (res); r++)
    {
      RowInfo *row = g_new0 (RowInfo, 1);

      row->state = PQgetvalue (res, r, 2)[0] == 't' ? ROW_DELETED : ROW_LIVE;
      row->fields_text = g_strdup (PQgetvalue (res, r, 3));
      row->meta_text = g_strdup (PQgetvalue (res, r, 4));
      g_hash_table_insert (data->rows, row_key (PQgetvalue (res, r, 0), PQgetvalue (res, r, 1)), row);
    }
  return TRUE;
}

static gboolean
record_rejection (SyncDbConn               *conn,
                  PushData                 *data,
                  const CoachWireMutation  *m,
                  const GError             *rejection,
                  GError                  **error)
{
  g_autofree char *mid = g_strdup_printf ("%" G_GINT64_FORMAT, m->mid);
  const char *params[] = {
    data->auth->team_id, data->auth->device_id, mid, m->table, m->id,
    coach_wire_error_code (rejection), rejection->message,
  };

  coach_wire_push_result_reject (data->result, m->mid, rejection);
  data->stats.rejected++;

  return sync_db_conn_command (conn,
                               "INSERT INTO rejection (team_id, device_id, mid, tbl, row_id, code, message) "
                               "VALUES ($1, $2, $3::bigint, $4, $5, $6, $7)",
                               G_N_ELEMENTS (params), params, error);
}

static gboolean
write_row (SyncDbConn               *conn,
           PushData                 *data,
           const CoachWireMutation  *m,
           JsonObject               *meta_object,
           gint64                    version,
           GError                  **error)
{
  g_autofree char *v = g_strdup_printf ("%" G_GINT64_FORMAT, version);
  g_autofree char *fields = NULL;
  g_autofree char *meta = NULL;
  gboolean ok;

  data->writing_mid = m->mid;
  if (m->op == COACH_WIRE_OP_DELETE)
    {
      const char *params[] = { data->auth->team_id, m->table, m->id, v, data->auth->device_id };

      ok = sync_db_conn_command (conn,
                                 "INSERT INTO record (team_id, tbl, id, fields, deleted, server_version, updated_by_device) "
                                 "VALUES ($1, $2, $3::uuid, '{}', true, $4::bigint, $5::uuid) "
                                 "ON CONFLICT (team_id, tbl, id) DO UPDATE "
                                 "SET fields = '{}', field_meta = '{}', deleted = true, "
                                 "    server_version = EXCLUDED.server_version, "
                                 "    updated_by_device = EXCLUDED.updated_by_device, "
                                 "    updated_at = now ()",
                                 G_N_ELEMENTS (params), params, error);
    }
  else
    {
      const char *params[7];

      fields = fields_to_string (m->fields);
      meta = fields_to_string (meta_object);
      params[0] = data->auth->team_id;
      params[1] = m->table;
      params[2] = m->id;
      params[3] = fields;
      params[4] = v;
      params[5] = data->auth->device_id;
      params[6] = meta;
      /* Per-field last-writer-wins in arrival order: the fields this
       * mutation carries replace those stored, the others stay. */
      ok = sync_db_conn_command (conn,
                                 "INSERT INTO record (team_id, tbl, id, fields, field_meta, deleted, server_version, "
                                 "                    updated_by_device) "
                                 "VALUES ($1, $2, $3::uuid, $4::jsonb, $7::jsonb, false, $5::bigint, $6::uuid) "
                                 "ON CONFLICT (team_id, tbl, id) DO UPDATE "
                                 "SET fields = record.fields || EXCLUDED.fields, "
                                 "    field_meta = record.field_meta || EXCLUDED.field_meta, deleted = false, "
                                 "    server_version = EXCLUDED.server_version, "
                                 "    updated_by_device = EXCLUDED.updated_by_device, "
                                 "    updated_at = now ()",
                                 G_N_ELEMENTS (params), params, error);
    }
  /* left set on failure: the caller rejects this mutation and retries */
  if (ok)
    data->writing_mid = 0;
  return ok;
}

/* The acknowledged edits of other devices that @m replaces without having
 * seen them (its base version is older than their writes): each is kept
 * for the device whose edit lost, and reaches it with the pull that
 * carries @m's change. */
static gboolean
note_overwritten (SyncDbConn               *conn,
                  PushData                 *data,
                  const CoachWireMutation  *m,
                  RowInfo                  *row,
                  gint64                    version,
                  GError                  **error)
{
  g_autoptr(GList) members = NULL;
  g_autofree char *v = g_strdup_printf ("%" G_GINT64_FORMAT, version);

  if (row->fields == NULL)
    {
      row->fields = parse_object (row->fields_text);
      row->meta = parse_object (row->meta_text);
    }

  members = json_object_get_members (m->fields);
  for (GList *l = members; l; l = l->next)
    {
      const char *field = l->data;
      JsonNode *meta = json_object_get_member (row->meta, field);
      JsonNode *old_value = json_object_get_member (row->fields, field);
      JsonArray *pair;
      const char *writer;
      g_autofree char *value = NULL;

      if (meta == NULL || !JSON_NODE_HOLDS_ARRAY (meta) || old_value == NULL)
        continue;
      pair = json_node_get_array (meta);
      if (json_array_get_length (pair) != 2)
        continue;
      writer = json_array_get_string_element (pair, 1);
      if (json_array_get_int_element (pair, 0) <= m->base_version ||
          writer == NULL || g_str_equal (writer, data->auth->device_id) ||
          json_node_equal (old_value, json_object_get_member (m->fields, field)))
        continue;

      {
        g_autoptr(JsonGenerator) generator = json_generator_new ();
        const char *params[] = { data->auth->team_id, writer, m->table, m->id, field, NULL, v,
                                 data->auth->device_id };

        json_generator_set_root (generator, old_value);
        value = json_generator_to_data (generator, NULL);
        params[5] = value;
        if (!sync_db_conn_command (conn,
                                   "INSERT INTO overwritten (team_id, device_id, tbl, row_id, field, value, "
                                   "                         version, by_device) "
                                   "VALUES ($1, $2::uuid, $3, $4::uuid, $5, $6::jsonb, $7::bigint, $8::uuid)",
                                   G_N_ELEMENTS (params), params, error))
          return FALSE;
        data->stats.overwritten++;
      }
    }
  return TRUE;
}

/* What the row holds once @m is written at @version, for the next
 * mutation of this push; returns the field_meta entries to store. */
static JsonObject *
row_after_write (RowInfo                 *row,
                 const CoachWireMutation *m,
                 const char              *device_id,
                 gint64                   version)
{
  JsonObject *meta = json_object_new ();
  g_autoptr(GList) members = json_object_get_members (m->fields);

  for (GList *l = members; l; l = l->next)
    {
      JsonArray *pair = json_array_new ();

      json_array_add_int_element (pair, version);
      json_array_add_string_element (pair, device_id);
      json_object_set_array_member (meta, l->data, pair);
    }

  if (m->op == COACH_WIRE_OP_DELETE)
    {
      row->state = ROW_DELETED;
      g_clear_pointer (&row->fields, json_object_unref);
      g_clear_pointer (&row->meta, json_object_unref);
      row->fields = json_object_new ();
      row->meta = json_object_new ();
      return meta;
    }

  if (row->fields == NULL || row->state != ROW_LIVE)
    {
      g_clear_pointer (&row->fields, json_object_unref);
      g_clear_pointer (&row->meta, json_object_unref);
      row->fields = row->state == ROW_LIVE ? parse_object (row->fields_text) : json_object_new ();
      row->meta = row->state == ROW_LIVE ? parse_object (row->meta_text) : json_object_new ();
    }
  row->state = ROW_LIVE;
  for (GList *l = members; l; l = l->next)
    {
      json_object_set_member (row->fields, l->data, json_node_copy (json_object_get_member (m->fields, l->data)));
      json_object_set_member (row->meta, l->data, json_node_copy (json_object_get_member (meta, l->data)));
    }
  return meta;
}

/* Applies one mutation; FALSE only for database failures, a refused
 * mutation is a rejection and TRUE. */
static gboolean
apply_mutation (SyncDbConn               *conn,
                PushData                 *data,
                const CoachWireMutation  *m,
                gint64                   *next_version,
                GError                  **error)
{
  g_autoptr(GError) rejection = NULL;
  g_autoptr(JsonObject) meta = NULL;
  g_autofree char *key = NULL;
  const CoachTableInfo *table;
  const char *refused;
  RowInfo *row = NULL;
  RowState state = ROW_ABSENT;

  refused = g_hash_table_lookup (data->poison, &m->mid);
  if (refused != NULL)
    {
      g_set_error (&rejection, COACH_WIRE_ERROR, COACH_WIRE_ERROR_INVALID_FIELD,
                   "the database refused a value of this mutation: %s", refused);
      return record_rejection (conn, data, m, rejection, error);
    }

  table = m->invalid == NULL ? coach_schema_lookup_table (m->table) : NULL;
  if (table != NULL)
    {
      key = row_key (m->table, m->id);
      row = g_hash_table_lookup (data->rows, key);
      if (row != NULL)
        state = row->state;
    }

  /* Deletes win: a tombstone stays, whatever arrives later. Link rows are
   * the exception: their id is derived from the pair they link, so linking
   * the same pair again must revive the row. */
  if (state == ROW_DELETED && m->op == COACH_WIRE_OP_UPSERT &&
      !(table->flags & COACH_TABLE_FLAG_LINK))
    {
      if (coach_wire_mutation_validate (m, TRUE, &rejection))
        g_set_error (&rejection, COACH_WIRE_ERROR, COACH_WIRE_ERROR_DELETED,
                     "%s %s was deleted; the edit is not applied", m->table, m->id);
      return record_rejection (conn, data, m, rejection, error);
    }

  if (!coach_wire_mutation_validate (m, state == ROW_LIVE, &rejection))
    return record_rejection (conn, data, m, rejection, error);

  data->stats.applied++;

  /* Nothing would change: no new version. */
  if ((m->op == COACH_WIRE_OP_DELETE && state == ROW_DELETED) ||
      (m->op == COACH_WIRE_OP_UPSERT && state == ROW_LIVE && json_object_get_size (m->fields) == 0))
    return TRUE;

  if (row == NULL)
    {
      row = g_new0 (RowInfo, 1);
      row->state = ROW_ABSENT;
      g_hash_table_insert (data->rows, g_steal_pointer (&key), row);
    }
  if (m->op == COACH_WIRE_OP_UPSERT && state == ROW_LIVE && m->base_version >= 0 &&
      !(table->flags & COACH_TABLE_FLAG_LINK) &&
      !note_overwritten (conn, data, m, row, *next_version, error))
    return FALSE;

  if (!sync_mail_touched_note (data->touched, conn, data->auth->team_id, m->table, m->id,
                               m->op == COACH_WIRE_OP_DELETE, state == ROW_ABSENT, error))
    return FALSE;

  meta = row_after_write (row, m, data->auth->device_id, *next_version);
  if (!write_row (conn, data, m, meta, (*next_version)++, error))
    return FALSE;
  return TRUE;
}

static gboolean
report_old_rejections (SyncDbConn  *conn,
                       PushData    *data,
                       gint64       from_mid,
                       gint64       to_mid,
                       GError     **error)
{
  g_autofree char *from = g_strdup_printf ("%" G_GINT64_FORMAT, from_mid);
  g_autofree char *to = g_strdup_printf ("%" G_GINT64_FORMAT, to_mid);
  const char *params[] = { data->auth->team_id, data->auth->device_id, from, to };
  g_autoptr(PGresult) res = NULL;

  res = sync_db_conn_exec (conn,
                           "SELECT DISTINCT ON (mid) mid, code, message FROM rejection "
                           "WHERE team_id = $1 AND device_id = $2 AND mid BETWEEN $3::bigint AND $4::bigint "
                           "ORDER BY mid, id",
                           G_N_ELEMENTS (params), params, error);
  if (res == NULL)
    return FALSE;
  for (int i = 0; i < PQntuples (res); i++)
    {
      CoachWireRejection *rejection = g_new0 (CoachWireRejection, 1);

      rejection->mid = g_ascii_strtoll (PQgetvalue (res, i, 0), NULL, 10);
      rejection->error = g_strdup (PQgetvalue (res, i, 1));
      rejection->message = g_strdup (PQgetvalue (res, i, 2));
      g_ptr_array_add (data->result->rejected, rejection);
    }
  return TRUE;
}

static gboolean
push_tx_cb (SyncDbConn  *conn,
            gpointer     user_data,
            GError     **error)
{
  PushData *data = user_data;
  const SyncAuthInfo *auth = data->auth;
  const char *team_params[] = { auth->team_id };
  const char *state_params[] = { auth->team_id, auth->device_id };
  g_autoptr(PGresult) clock = NULL;
  g_autoptr(PGresult) state = NULL;
  gint64 base;
  gint64 next_version;
  gint64 final_version;
  gint64 last_mid = 0;
  gint64 skipped_from = 0;
  gint64 skipped_to = 0;
  gboolean have_last;
  gboolean advanced = FALSE;
  gboolean rebaseline;
  gboolean may_jump;

  g_clear_pointer (&data->result, coach_wire_push_result_free);
  g_clear_pointer (&data->rows, g_hash_table_unref);
  data->result = coach_wire_push_result_new ();
  data->rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) row_info_free);
  sync_mail_touched_reset (data->touched);
  memset (&data->stats, 0, sizeof data->stats);

  /* The team clock row is locked from here to the commit: pushes of one
   * team run one after the other, and versions follow commit order. */
  clock = sync_db_conn_exec (conn, "UPDATE team_clock SET v = v + 1 WHERE team_id = $1 RETURNING v",
                             1, team_params, error);
  if (clock == NULL)
    return FALSE;
  if (PQntuples (clock) != 1)
    {
      g_set_error (error, SYNC_ERROR, SYNC_ERROR_INTERNAL, "team %s has no clock", auth->team_id);
      return FALSE;
    }
  base = g_ascii_strtoll (PQgetvalue (clock, 0, 0), NULL, 10);
  next_version = base;

  /* Read after taking the lock, in a statement of its own: a snapshot
   * taken before waiting for the lock could miss the last push of this
   * very device and apply its mutations twice. */
  state = sync_db_conn_exec (conn,
                             "SELECT (SELECT epoch::text FROM team_epoch WHERE team_id = $1), "
                             "       (SELECT last_mid FROM device_cursor WHERE device_id = $2), "
                             "       EXISTS (SELECT 1 FROM device_rebaseline WHERE device_id = $2)",
                             2, state_params, error);
  if (state == NULL)
    return FALSE;
  if (data->push->epoch != NULL && g_strcmp0 (data->push->epoch, PQgetvalue (state, 0, 0)) != 0)
    {
      g_set_error_literal (error, SYNC_ERROR, SYNC_ERROR_RESYNC,
                           "the team's data was restored or reset; pull from scratch");
      return FALSE;
    }
  have_last = !PQgetisnull (state, 0, 1);
  if (have_last)
    last_mid = g_ascii_strtoll (PQgetvalue (state, 0, 1), NULL, 10);
  /* After a new epoch, only a push that carries it may jump a gap: one
   * without an epoch may be a late copy of a push sent before it. */
  rebaseline = PQgetvalue (state, 0, 2)[0] == 't';
  may_jump = rebaseline && data->push->epoch != NULL;

  if (!load_rows (conn, data, error))
    return FALSE;

  for (guint i = 0; i < data->push->mutations->len; i++)
    {
      const CoachWireMutation *m = g_ptr_array_index (data->push->mutations, i);

      /* Already acknowledged: a resend after a lost response. */
      if (have_last && m->mid <= last_mid)
        {
          if (skipped_to == 0)
            skipped_from = m->mid;
          skipped_to = m->mid;
          data->stats.skipped++;
          continue;
        }
      /* The device's first push sets its baseline: an outbox may start at
       * any mid (a catalog used offline before logging in). After that,
       * mids must follow each other: a hole means a lost mutation, and
       * applying later ones first would reorder the device's edits. The
       * exception is the first push in a new epoch: what the hole held
       * went with the restore, and the device no longer has it. */
      if (have_last && m->mid != last_mid + 1 && !(may_jump && !advanced))
        {
          data->result->gap_expected = last_mid + 1;
          data->result->gap_got = m->mid;
          data->stats.gap = TRUE;
          break;
        }

      if (!apply_mutation (conn, data, m, &next_version, error))
        return FALSE;
      last_mid = m->mid;
      have_last = TRUE;
      advanced = TRUE;
    }

  /* The lost response may have carried rejections: report them again, or
   * the device would never learn that those edits were refused. */
  if (skipped_to > 0 && !report_old_rejections (conn, data, skipped_from, skipped_to, error))
    return FALSE;

  /* Athletes' emails and their delivery records, in this transaction. */
  if (!sync_mail_enqueue (conn, auth, data->touched, &next_version, error))
    return FALSE;

  final_version = next_version - 1;
  if (final_version != base)
    {
      g_autofree char *v = g_strdup_printf ("%" G_GINT64_FORMAT, final_version);
      const char *params[] = { auth->team_id, v };

      if (!sync_db_conn_command (conn, "UPDATE team_clock SET v = $2::bigint WHERE team_id = $1",
                                 2, params, error))
        return FALSE;
    }

  if (advanced)
    {
      g_autofree char *mid = g_strdup_printf ("%" G_GINT64_FORMAT, last_mid);
      g_autofree char *v = g_strdup_printf ("%" G_GINT64_FORMAT, final_version);
      const char *params[] = { auth->device_id, auth->team_id, mid, v };

      if (!sync_db_conn_command (conn,
                                 "INSERT INTO device_cursor (device_id, team_id, last_mid, last_mid_version) "
                                 "VALUES ($1, $2, $3::bigint, $4::bigint) "
                                 "ON CONFLICT (device_id) DO UPDATE "
                                 "SET last_mid = EXCLUDED.last_mid, last_mid_version = EXCLUDED.last_mid_version",
                                 G_N_ELEMENTS (params), params, error))
        return FALSE;
      if (may_jump &&
          !sync_db_conn_command (conn, "DELETE FROM device_rebaseline WHERE device_id = $1",
                                 1, params, error))
        return FALSE;
    }

  data->result->last_mid = have_last ? last_mid : 0;
  data->result->server_version = final_version;

  if (data->push->mutations->len > 0)
    g_debug ("push of device %s (epoch %s): mids %" G_GINT64_FORMAT "..%" G_GINT64_FORMAT
             ", %u applied, %u skipped, %u rejected, %u overwrote unseen edits%s; last_mid %" G_GINT64_FORMAT,
             auth->device_id, data->push->epoch ? data->push->epoch : "none",
             ((CoachWireMutation *) data->push->mutations->pdata[0])->mid,
             ((CoachWireMutation *) data->push->mutations->pdata[data->push->mutations->len - 1])->mid,
             data->stats.applied, data->stats.skipped, data->stats.rejected, data->stats.overwritten,
             data->stats.gap ? ", stopped at a gap" : "", data->result->last_mid);

  if (data->delay_ms > 0)
    g_usleep ((gulong) data->delay_ms * 1000);
  return TRUE;
}

CoachWirePushResult *
sync_push_apply (SyncDbConn           *conn,
                 const SyncAuthInfo   *auth,
                 const CoachWirePush  *push,
                 guint                 delay_ms,
                 SyncPushStats        *stats,
                 GError              **error)
{
  g_autoptr(GHashTable) poison = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  PushData data = { 0 };
  CoachWirePushResult *result = NULL;

  g_return_val_if_fail (conn != NULL, NULL);
  g_return_val_if_fail (auth != NULL, NULL);
  g_return_val_if_fail (push != NULL, NULL);

  data.auth = auth;
  data.push = push;
  data.delay_ms = delay_ms;
  data.poison = poison;
  data.touched = sync_mail_touched_new ();

  for (guint attempt = 0; ; attempt++)
    {
      g_autoptr(GError) local_error = NULL;
      gint64 *mid;

      if (sync_db_conn_transaction (conn, SYNC_DB_TX_READ_WRITE, auth->team_id,
                                    push_tx_cb, &data, &local_error))
        {
          result = g_steal_pointer (&data.result);
          if (stats)
            *stats = data.stats;
          break;
        }

      /* A value validation let through but PostgreSQL refused (say, a
       * string jsonb cannot store): reject that one mutation and run the
       * push again rather than failing it for ever. */
      if (!g_error_matches (local_error, SYNC_DB_ERROR, SYNC_DB_ERROR_DATA) ||
          data.writing_mid == 0 || attempt >= MAX_POISON_RETRIES)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          break;
        }
      g_warning ("device %s: mutation %" G_GINT64_FORMAT " refused by the database: %s",
                 auth->device_id, data.writing_mid, local_error->message);
      mid = g_new (gint64, 1);
      *mid = data.writing_mid;
      g_hash_table_insert (poison, mid, g_strdup ("invalid value"));
      data.writing_mid = 0;
    }

  g_clear_pointer (&data.result, coach_wire_push_result_free);
  g_clear_pointer (&data.rows, g_hash_table_unref);
  g_clear_pointer (&data.touched, sync_mail_touched_free);
  return result;
}
