/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coachbook-sync"

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "coach-uuid.h"
#include "sync-error.h"
#include "sync-json.h"
#include "sync-mail-queue.h"

/* The namespace of delivery ids: UUIDv5 (namespace, "SESSION/ATHLETE"). */
#define DELIVERY_NAMESPACE "6f1d3c52-8a4e-5b7f-9c21-0d4e6a8b3f10"

struct _SyncMailTouched
{
  GHashTable *sessions;   /* session id -> fields before a delete (char *) or NULL */
  GPtrArray  *links;      /* ids of session_athlete / session_group rows written */
  GPtrArray  *members;    /* ids of group_member rows written */
  GPtrArray  *athletes;   /* ids of athlete rows written */
  GPtrArray  *resends;    /* ids of delivery_resend rows created */
};

/* The athletes a session goes to: its own plus its groups' members, not
 * archived. "eligible" says whether an email may go to them. */
static const char recipients_sql[] =
  "WITH members AS ("
  "  SELECT l.fields->>'athlete_id' AS athlete_id FROM record l"
  "   WHERE l.team_id = $1 AND l.tbl = 'session_athlete' AND NOT l.deleted"
  "     AND l.fields->>'session_id' = $2"
  "  UNION"
  "  SELECT gm.fields->>'athlete_id' FROM record sg"
  "    JOIN record gm ON gm.team_id = sg.team_id AND gm.tbl = 'group_member' AND NOT gm.deleted"
  "                  AND gm.fields->>'group_id' = sg.fields->>'group_id'"
  "   WHERE sg.team_id = $1 AND sg.tbl = 'session_group' AND NOT sg.deleted"
  "     AND sg.fields->>'session_id' = $2) "
  "SELECT a.id::text,"
  "       coalesce (a.fields->>'email', '') LIKE '%_@_%'"
  "       AND coalesce (a.fields->'email_consent' IN ('true'::jsonb, '1'::jsonb), false) "
  "FROM members m JOIN record a ON a.team_id = $1 AND a.tbl = 'athlete' AND a.id::text = m.athlete_id"
  " WHERE NOT a.deleted"
  "   AND NOT coalesce (a.fields->'archived' IN ('true'::jsonb, '1'::jsonb), false)";

/* Athletes holding an invite (sent, or being sent) that no cancellation
 * followed. */
static const char invited_sql[] =
  "SELECT athlete_id::text FROM email_outbox"
  " WHERE team_id = $1 AND session_id = $2::uuid"
  " GROUP BY athlete_id"
  " HAVING coalesce (max (revision) FILTER (WHERE kind = 'invite' AND state IN ('sent', 'sending')), 0)"
  "      > coalesce (max (revision) FILTER (WHERE kind = 'cancel' AND state <> 'superseded'), 0)";

/* The sessions of the groups of some group_member rows ($2, an array or
 * one id). */
static const char group_sessions_sql[] =
  "SELECT DISTINCT sg.fields->>'session_id' FROM record gm "
  "  JOIN record sg ON sg.team_id = gm.team_id AND sg.tbl = 'session_group' AND NOT sg.deleted "
  "                AND sg.fields->>'group_id' = gm.fields->>'group_id' "
  "WHERE gm.team_id = $1 AND gm.tbl = 'group_member' AND NOT gm.deleted "
  "  AND gm.id = ANY (string_to_array ($2, ',')::uuid[]) AND sg.fields ? 'session_id'";

/* The sessions of some athletes ($2, comma-separated ids), directly or
 * through their groups. */
static const char athlete_sessions_sql[] =
  "SELECT l.fields->>'session_id' FROM record l "
  "WHERE l.team_id = $1 AND l.tbl = 'session_athlete' AND NOT l.deleted "
  "  AND l.fields->>'athlete_id' = ANY (string_to_array ($2, ',')) "
  "UNION "
  "SELECT sg.fields->>'session_id' FROM record gm "
  "  JOIN record sg ON sg.team_id = gm.team_id AND sg.tbl = 'session_group' AND NOT sg.deleted "
  "                AND sg.fields->>'group_id' = gm.fields->>'group_id' "
  "WHERE gm.team_id = $1 AND gm.tbl = 'group_member' AND NOT gm.deleted "
  "  AND gm.fields->>'athlete_id' = ANY (string_to_array ($2, ','))";

static char *
join_ids (GPtrArray *ids)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (s, "%s%s", i ? "," : "", (const char *) g_ptr_array_index (ids, i));
  return g_string_free (s, FALSE);
}

static void
add_sessions (SyncMailTouched *self,
              PGresult        *res)
{
  for (int i = 0; i < PQntuples (res); i++)
    if (!PQgetisnull (res, i, 0) && !g_hash_table_contains (self->sessions, PQgetvalue (res, i, 0)))
      g_hash_table_insert (self->sessions, g_strdup (PQgetvalue (res, i, 0)), NULL);
}

SyncMailTouched *
sync_mail_touched_new (void)
{
  SyncMailTouched *self = g_new0 (SyncMailTouched, 1);

  self->sessions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->links = g_ptr_array_new_with_free_func (g_free);
  self->members = g_ptr_array_new_with_free_func (g_free);
  self->athletes = g_ptr_array_new_with_free_func (g_free);
  self->resends = g_ptr_array_new_with_free_func (g_free);
  return self;
}

void
sync_mail_touched_free (SyncMailTouched *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->sessions);
  g_ptr_array_unref (self->links);
  g_ptr_array_unref (self->members);
  g_ptr_array_unref (self->athletes);
  g_ptr_array_unref (self->resends);
  g_free (self);
}

void
sync_mail_touched_reset (SyncMailTouched *self)
{
  g_return_if_fail (self != NULL);

  g_hash_table_remove_all (self->sessions);
  g_ptr_array_set_size (self->links, 0);
  g_ptr_array_set_size (self->members, 0);
  g_ptr_array_set_size (self->athletes, 0);
  g_ptr_array_set_size (self->resends, 0);
}

gboolean
sync_mail_touched_note (SyncMailTouched  *self,
                        SyncDbConn       *conn,
                        const char       *team_id,
                        const char       *table,
                        const char       *id,
                        gboolean          is_delete,
                        gboolean          is_new,
                        GError          **error)
{
  gboolean is_link;

  g_return_val_if_fail (self != NULL, FALSE);

  is_link = g_strcmp0 (table, "session_athlete") == 0 || g_strcmp0 (table, "session_group") == 0;

  if (g_strcmp0 (table, "session") == 0)
    {
      char *before = NULL;

      /* A cancellation needs what the session said: a tombstone has no
       * fields any more. */
      if (is_delete && !is_new)
        {
          const char *params[] = { team_id, id };
          g_autoptr(PGresult) res = NULL;

          res = sync_db_conn_exec (conn,
                                   "SELECT fields::text FROM record "
                                   "WHERE team_id = $1 AND tbl = 'session' AND id = $2::uuid AND NOT deleted",
                                   2, params, error);
          if (res == NULL)
            return FALSE;
          if (PQntuples (res) == 1)
            before = g_strdup (PQgetvalue (res, 0, 0));
        }
      if (before != NULL || !g_hash_table_contains (self->sessions, id))
        g_hash_table_insert (self->sessions, g_strdup (id), before);
    }
  else if (is_link && is_delete && !is_new)
    {
      const char *params[] = { team_id, table, id };
      g_autoptr(PGresult) res = NULL;

      /* The link's fields go with the delete: note its session now. */
      res = sync_db_conn_exec (conn,
                               "SELECT fields->>'session_id' FROM record "
                               "WHERE team_id = $1 AND tbl = $2 AND id = $3::uuid AND NOT deleted",
                               3, params, error);
      if (res == NULL)
        return FALSE;
      if (PQntuples (res) == 1 && !PQgetisnull (res, 0, 0) &&
          !g_hash_table_contains (self->sessions, PQgetvalue (res, 0, 0)))
        g_hash_table_insert (self->sessions, g_strdup (PQgetvalue (res, 0, 0)), NULL);
    }
  else if (g_strcmp0 (table, "group_member") == 0 && is_delete && !is_new)
    {
      const char *params[] = { team_id, id };
      g_autoptr(PGresult) res = NULL;

      /* Leaving a group takes the athlete off the group's sessions. */
      res = sync_db_conn_exec (conn, group_sessions_sql, 2, params, error);
      if (res == NULL)
        return FALSE;
      add_sessions (self, res);
    }
  else if (g_strcmp0 (table, "group_member") == 0)
    g_ptr_array_add (self->members, g_strdup (id));
  else if (is_link)
    g_ptr_array_add (self->links, g_strdup (id));
  else if (g_strcmp0 (table, "athlete") == 0 && !is_delete)
    g_ptr_array_add (self->athletes, g_strdup (id));
  else if (g_strcmp0 (table, "delivery_resend") == 0 && is_new && !is_delete)
    g_ptr_array_add (self->resends, g_strdup (id));
  return TRUE;
}

/* ------------------------------------------------------------------------- */
/* Delivery records */

char *
sync_mail_delivery_id (const char *session_id,
                       const char *athlete_id)
{
  g_autofree char *name = g_strconcat (session_id, "/", athlete_id, NULL);

  return coach_uuid_v5 (DELIVERY_NAMESPACE, name);
}

static JsonNode *
delivery_fields (const char *session_id,
                 const char *athlete_id,
                 const char *status,
                 const char *error_text,
                 const char *sent_at)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "session_id");
  json_builder_add_string_value (builder, session_id);
  json_builder_set_member_name (builder, "athlete_id");
  json_builder_add_string_value (builder, athlete_id);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, status);
  json_builder_set_member_name (builder, "error");
  if (error_text != NULL)
    json_builder_add_string_value (builder, error_text);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "sent_at");
  if (sent_at != NULL)
    json_builder_add_string_value (builder, sent_at);
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static char *
node_to_string (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_root (generator, node);
  return json_generator_to_data (generator, NULL);
}

/* Writes several delivery records in one statement: entries is a JSON
 * array of {"id": ..., "fields": {...}}, the nth taking version first + n. */
static gboolean
write_deliveries (SyncDbConn  *conn,
                  const char  *team_id,
                  JsonArray   *entries,
                  gint64       first_version,
                  GError     **error)
{
  g_autoptr(JsonNode) node = json_node_init_array (json_node_alloc (), entries);
  g_autofree char *text = node_to_string (node);
  g_autofree char *v = g_strdup_printf ("%" G_GINT64_FORMAT, first_version);
  const char *params[] = { team_id, v, text };

  if (json_array_get_length (entries) == 0)
    return TRUE;
  return sync_db_conn_command (conn,
                               "INSERT INTO record (team_id, tbl, id, fields, deleted, server_version, updated_by_device) "
                               "SELECT $1, 'delivery', (d.e->>'id')::uuid, d.e->'fields', false, "
                               "       $2::bigint + d.n - 1, NULL "
                               "  FROM jsonb_array_elements ($3::jsonb) WITH ORDINALITY AS d (e, n) "
                               "ON CONFLICT (team_id, tbl, id) DO UPDATE "
                               "SET fields = EXCLUDED.fields, deleted = false, "
                               "    server_version = EXCLUDED.server_version, "
                               "    updated_by_device = NULL, updated_at = now ()",
                               G_N_ELEMENTS (params), params, error);
}

static void
add_delivery (JsonArray  *entries,
              const char *session_id,
              const char *athlete_id,
              const char *status,
              const char *error_text,
              const char *sent_at)
{
  JsonObject *entry = json_object_new ();

  json_object_set_string_member (entry, "id", sync_mail_delivery_id (session_id, athlete_id));
  json_object_set_member (entry, "fields",
                          delivery_fields (session_id, athlete_id, status, error_text, sent_at));
  json_array_add_object_element (entries, entry);
}

gboolean
sync_mail_write_delivery (SyncDbConn  *conn,
                          const char  *team_id,
                          const char  *session_id,
                          const char  *athlete_id,
                          const char  *status,
                          const char  *error_text,
                          const char  *sent_at,
                          gint64       version,
                          GError     **error)
{
  g_autoptr(JsonArray) entries = json_array_new ();

  add_delivery (entries, session_id, athlete_id, status, error_text, sent_at);
  return write_deliveries (conn, team_id, entries, version, error);
}

gboolean
sync_mail_next_version (SyncDbConn  *conn,
                        const char  *team_id,
                        gint64      *version,
                        GError     **error)
{
  const char *params[] = { team_id };
  g_autoptr(PGresult) res = NULL;

  res = sync_db_conn_exec (conn, "UPDATE team_clock SET v = v + 1 WHERE team_id = $1 RETURNING v",
                           1, params, error);
  if (res == NULL)
    return FALSE;
  if (PQntuples (res) != 1)
    {
      g_set_error (error, SYNC_ERROR, SYNC_ERROR_INTERNAL, "team %s has no clock", team_id);
      return FALSE;
    }
  *version = g_ascii_strtoll (PQgetvalue (res, 0, 0), NULL, 10);
  return TRUE;
}

/* ------------------------------------------------------------------------- */
/* Enqueueing */

/* Emails about a session that has already begun help nobody (and the
 * first sync of an old catalog must not mail its whole history). */
static gboolean
starts_in_future (JsonObject *fields)
{
  const char *text = fields ? json_object_get_string_member_with_default (fields, "starts_at", NULL) : NULL;
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  if (text == NULL)
    return FALSE;
  start = g_date_time_new_from_iso8601 (text, NULL);
  return start != NULL && g_date_time_compare (start, now) > 0;
}

static char *
uuid_array (GPtrArray *ids)
{
  GString *s = g_string_new ("{");

  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (s, "%s%s", i ? "," : "", (const char *) g_ptr_array_index (ids, i));
  g_string_append_c (s, '}');
  return g_string_free (s, FALSE);
}

/* One email with a revision of its own: a cancellation, or an invite
 * that follows one (an athlete put back on a session). */
static gboolean
enqueue_fresh (SyncDbConn  *conn,
               const char  *team_id,
               const char  *session_id,
               const char  *athlete_id,
               const char  *kind,
               const char  *session_fields,
               gint64      *next_version,
               GError     **error)
{
  g_autofree char *v = g_strdup_printf ("%" G_GINT64_FORMAT, *next_version);
  const char *params[] = { team_id, session_id, athlete_id, v, kind, session_fields };
  g_autoptr(PGresult) res = NULL;

  if (!sync_db_conn_command (conn,
                             "UPDATE email_outbox SET state = 'superseded' "
                             "WHERE team_id = $1 AND session_id = $2::uuid AND athlete_id = $3::uuid "
                             "  AND state = 'queued'",
                             3, params, error))
    return FALSE;
  /* The revision is the delivery record's version: after every email
   * before, so calendars take it as the newer news. */
  res = sync_db_conn_exec (conn,
                           "INSERT INTO email_outbox (team_id, session_id, athlete_id, revision, kind, session_fields) "
                           "VALUES ($1, $2::uuid, $3::uuid, $4::bigint, $5, $6::jsonb) "
                           "ON CONFLICT (team_id, session_id, revision, athlete_id) WHERE resend_id IS NULL "
                           "DO NOTHING RETURNING id",
                           G_N_ELEMENTS (params), params, error);
  if (res == NULL)
    return FALSE;
  if (PQntuples (res) == 0)
    return TRUE;
  if (!sync_mail_write_delivery (conn, team_id, session_id, athlete_id, "queued", NULL, NULL,
                                 *next_version, error))
    return FALSE;
  (*next_version)++;
  return TRUE;
}

static gboolean
enqueue_invites (SyncDbConn  *conn,
                 const char  *team_id,
                 const char  *session_id,
                 const char  *revision,
                 GPtrArray   *athletes,
                 gint64      *next_version,
                 GError     **error)
{
  g_autofree char *ids = uuid_array (athletes);
  const char *params[] = { team_id, session_id, revision, ids };
  const char *again_params[] = { team_id, session_id, ids };
  g_autoptr(PGresult) res = NULL;
  g_autoptr(PGresult) again = NULL;
  g_autoptr(JsonArray) entries = json_array_new ();
  int n;

  if (athletes->len == 0)
    return TRUE;

  /* Athletes whose last email about the session was a cancellation need an
   * invite that comes after it. */
  again = sync_db_conn_exec (conn,
                             "SELECT athlete_id::text FROM ("
                             "  SELECT DISTINCT ON (athlete_id) athlete_id, kind FROM email_outbox "
                             "  WHERE team_id = $1 AND session_id = $2::uuid AND state <> 'superseded' "
                             "    AND athlete_id = ANY ($3::uuid[]) "
                             "  ORDER BY athlete_id, revision DESC) AS last "
                             "WHERE kind = 'cancel'",
                             G_N_ELEMENTS (again_params), again_params, error);
  if (again == NULL)
    return FALSE;
  for (int i = 0; i < PQntuples (again); i++)
    if (!enqueue_fresh (conn, team_id, session_id, PQgetvalue (again, i, 0), "invite", NULL,
                        next_version, error))
      return FALSE;

  res = sync_db_conn_exec (conn,
                           "INSERT INTO email_outbox (team_id, session_id, athlete_id, revision, kind) "
                           "SELECT $1, $2::uuid, a, $3::bigint, 'invite' FROM unnest ($4::uuid[]) AS a "
                           "WHERE NOT EXISTS (SELECT 1 FROM email_outbox o WHERE o.team_id = $1 "
                           "  AND o.session_id = $2::uuid AND o.athlete_id = a AND o.revision > $3::bigint "
                           "  AND o.state <> 'superseded') "
                           "ON CONFLICT (team_id, session_id, revision, athlete_id) WHERE resend_id IS NULL "
                           "DO NOTHING RETURNING athlete_id::text",
                           G_N_ELEMENTS (params), params, error);
  if (res == NULL)
    return FALSE;
  n = PQntuples (res);
  if (n == 0)
    return TRUE;

  /* Queued emails about older versions of the session are not worth
   * sending any more: this one says it all. */
  if (!sync_db_conn_command (conn,
                             "UPDATE email_outbox SET state = 'superseded' "
                             "WHERE team_id = $1 AND session_id = $2::uuid AND state = 'queued' "
                             "  AND revision < $3::bigint AND athlete_id = ANY ($4::uuid[])",
                             G_N_ELEMENTS (params), params, error))
    return FALSE;

  for (int i = 0; i < n; i++)
    add_delivery (entries, session_id, PQgetvalue (res, i, 0), "queued", NULL, NULL);
  if (!write_deliveries (conn, team_id, entries, *next_version, error))
    return FALSE;
  *next_version += n;
  return TRUE;
}

static gboolean
enqueue_session (SyncDbConn  *conn,
                 const char  *team_id,
                 const char  *session_id,
                 const char  *fields_before,
                 gint64      *next_version,
                 GError     **error)
{
  const char *params[] = { team_id, session_id };
  g_autoptr(PGresult) session = NULL;
  g_autoptr(PGresult) members = NULL;
  g_autoptr(PGresult) invited = NULL;
  g_autoptr(JsonObject) fields = NULL;
  g_autoptr(GPtrArray) eligible = g_ptr_array_new ();
  g_autoptr(GHashTable) member_set = g_hash_table_new (g_str_hash, g_str_equal);
  const char *fields_text;
  const char *revision;
  gboolean deleted;
  gboolean active;
  gboolean notify;

  session = sync_db_conn_exec (conn,
                               "SELECT deleted, fields::text, server_version FROM record "
                               "WHERE team_id = $1 AND tbl = 'session' AND id = $2::uuid",
                               2, params, error);
  if (session == NULL)
    return FALSE;
  if (PQntuples (session) != 1)
    return TRUE;

  deleted = PQgetvalue (session, 0, 0)[0] == 't';
  fields_text = deleted ? fields_before : PQgetvalue (session, 0, 1);
  revision = PQgetvalue (session, 0, 2);
  fields = sync_json_object_from_text (fields_text);
  active = !deleted && fields != NULL &&
           g_strcmp0 (json_object_get_string_member_with_default (fields, "status", "planned"),
                      "cancelled") != 0 &&
           starts_in_future (fields);
  notify = sync_json_get_bool (fields, "notify");

  /* A session that is over: nothing to tell anyone any more. */
  if (!deleted && fields != NULL && !starts_in_future (fields))
    return TRUE;

  if (active)
    {
      members = sync_db_conn_exec (conn, recipients_sql, 2, params, error);
      if (members == NULL)
        return FALSE;
      for (int i = 0; i < PQntuples (members); i++)
        {
          g_hash_table_add (member_set, PQgetvalue (members, i, 0));
          if (PQgetvalue (members, i, 1)[0] == 't')
            g_ptr_array_add (eligible, PQgetvalue (members, i, 0));
        }
    }

  /* Whatever is still queued for athletes no longer on the session (or
   * for a session that is off) goes nowhere. */
  {
    g_autofree char *ids = uuid_array (eligible);
    const char *sparams[] = { team_id, session_id, ids };

    if (!sync_db_conn_command (conn,
                               "UPDATE email_outbox SET state = 'superseded' "
                               "WHERE team_id = $1 AND session_id = $2::uuid AND state = 'queued' "
                               "  AND NOT (athlete_id = ANY ($3::uuid[]))",
                               G_N_ELEMENTS (sparams), sparams, error))
      return FALSE;
  }

  if (active && notify &&
      !enqueue_invites (conn, team_id, session_id, revision, eligible, next_version, error))
    return FALSE;

  /* Those who got an invite hear about a cancellation, a deletion, or
   * that they are off the session. A session that merely stopped
   * notifying changes nothing for them. */
  invited = sync_db_conn_exec (conn, invited_sql, 2, params, error);
  if (invited == NULL)
    return FALSE;
  for (int i = 0; i < PQntuples (invited); i++)
    {
      const char *athlete = PQgetvalue (invited, i, 0);

      if (active && g_hash_table_contains (member_set, athlete))
        continue;
      if (!enqueue_fresh (conn, team_id, session_id, athlete, "cancel", fields_text ? fields_text : "{}",
                          next_version, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
enqueue_resend (SyncDbConn  *conn,
                const char  *team_id,
                const char  *resend_id,
                gint64      *next_version,
                GError     **error)
{
  const char *params[] = { team_id, resend_id };
  g_autoptr(PGresult) res = NULL;
  g_autoptr(PGresult) inserted = NULL;
  const char *session_id;
  const char *athlete_id;

  res = sync_db_conn_exec (conn,
                           "SELECT r.fields->>'session_id', r.fields->>'athlete_id', s.server_version "
                           "FROM record r LEFT JOIN record s ON s.team_id = r.team_id AND s.tbl = 'session' "
                           "  AND s.id::text = r.fields->>'session_id' AND NOT s.deleted "
                           "  AND coalesce (s.fields->>'status', 'planned') <> 'cancelled' "
                           "WHERE r.team_id = $1 AND r.tbl = 'delivery_resend' AND r.id = $2::uuid "
                           "  AND NOT r.deleted AND r.fields ? 'session_id' AND r.fields ? 'athlete_id'",
                           2, params, error);
  if (res == NULL)
    return FALSE;
  if (PQntuples (res) != 1)
    return TRUE;
  session_id = PQgetvalue (res, 0, 0);
  athlete_id = PQgetvalue (res, 0, 1);

  /* The coach waits for an answer to the button: say why nothing goes. */
  if (PQgetisnull (res, 0, 2))
    {
      if (!sync_mail_write_delivery (conn, team_id, session_id, athlete_id, "dead",
                                     "the session was cancelled or deleted", NULL, *next_version, error))
        return FALSE;
      (*next_version)++;
      return TRUE;
    }

  {
    const char *iparams[] = { team_id, session_id, athlete_id, PQgetvalue (res, 0, 2), resend_id };

    inserted = sync_db_conn_exec (conn,
                                  "INSERT INTO email_outbox (team_id, session_id, athlete_id, revision, kind, resend_id) "
                                  "VALUES ($1, $2::uuid, $3::uuid, $4::bigint, 'invite', $5::uuid) "
                                  "ON CONFLICT (team_id, resend_id) WHERE resend_id IS NOT NULL DO NOTHING "
                                  "RETURNING id",
                                  G_N_ELEMENTS (iparams), iparams, error);
  }
  if (inserted == NULL)
    return FALSE;
  if (PQntuples (inserted) == 0)
    return TRUE;
  if (!sync_mail_write_delivery (conn, team_id, session_id, athlete_id, "queued", NULL, NULL,
                                 *next_version, error))
    return FALSE;
  (*next_version)++;
  return TRUE;
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

gboolean
sync_mail_enqueue (SyncDbConn          *conn,
                   const SyncAuthInfo  *auth,
                   SyncMailTouched     *touched,
                   gint64              *next_version,
                   GError             **error)
{
  g_autoptr(GPtrArray) sessions = NULL;
  GHashTableIter iter;
  gpointer key;
  gpointer value;

  g_return_val_if_fail (conn != NULL, FALSE);
  g_return_val_if_fail (auth != NULL, FALSE);
  g_return_val_if_fail (touched != NULL, FALSE);

  /* Links written in this push: their sessions change recipients. */
  if (touched->links->len > 0)
    {
      g_autofree char *ids = uuid_array (touched->links);
      const char *params[] = { auth->team_id, ids };
      g_autoptr(PGresult) res = NULL;

      res = sync_db_conn_exec (conn,
                               "SELECT DISTINCT fields->>'session_id' FROM record "
                               "WHERE team_id = $1 AND tbl IN ('session_athlete', 'session_group') "
                               "  AND id = ANY ($2::uuid[]) AND fields ? 'session_id'",
                               2, params, error);
      if (res == NULL)
        return FALSE;
      add_sessions (touched, res);
    }

  /* New group members: the group's sessions have one more athlete. An
   * athlete who changed (an address, consent given) may have become a
   * recipient of their sessions. Those already invited are not emailed
   * again: invites are one per session revision. */
  for (guint k = 0; k < 2; k++)
    {
      GPtrArray *list = k == 0 ? touched->members : touched->athletes;
      g_autofree char *ids = NULL;
      const char *params[2];
      g_autoptr(PGresult) res = NULL;

      if (list->len == 0)
        continue;
      ids = join_ids (list);
      params[0] = auth->team_id;
      params[1] = ids;
      res = sync_db_conn_exec (conn, k == 0 ? group_sessions_sql : athlete_sessions_sql, 2, params, error);
      if (res == NULL)
        return FALSE;
      add_sessions (touched, res);
    }

  /* In a fixed order, so that versions do not depend on hashing. */
  sessions = g_ptr_array_new ();
  g_hash_table_iter_init (&iter, touched->sessions);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_ptr_array_add (sessions, key);
  g_ptr_array_sort (sessions, compare_ids);

  for (guint i = 0; i < sessions->len; i++)
    {
      const char *id = g_ptr_array_index (sessions, i);

      if (!enqueue_session (conn, auth->team_id, id, g_hash_table_lookup (touched->sessions, id),
                            next_version, error))
        return FALSE;
    }
  for (guint i = 0; i < touched->resends->len; i++)
    if (!enqueue_resend (conn, auth->team_id, g_ptr_array_index (touched->resends, i),
                         next_version, error))
      return FALSE;
  return TRUE;
}
