/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coachbook-sync"

#include "config.h"

#include <json-glib/json-glib.h>
#include <stdlib.h>
#include <string.h>

#include "sync-json.h"
#include "sync-mail-links.h"
#include "sync-mail-message.h"
#include "sync-mail-queue.h"
#include "sync-mail-smtp.h"
#include "sync-mail-worker.h"
#include "sync-starter.h"

/* Retries back off exponentially up to this. */
#define MAX_BACKOFF_S (6 * 3600)

/* Finished outbox rows are kept this long (who was invited to what: a
 * later cancellation needs it), then removed, looked for this often. */
#define KEEP_DAYS "180"
#define PRUNE_INTERVAL_US (G_GINT64_CONSTANT (3600) * G_USEC_PER_SEC)

struct _SyncMailWorkers
{
  const SyncConfig *config;
  SyncDb           *db;
  SyncMetrics      *metrics;
  char             *public_url;
  char             *secret;
  char             *from_domain;
  GPtrArray        *threads;
  gint              n_started;
  GMutex            lock;
  GCond             wake;
  gboolean          stopping;
};

/* One claimed outbox row. */
typedef struct
{
  char    *id;
  char    *team_id;
  char    *session_id;
  char    *athlete_id;
  gint64   revision;
  gboolean cancel;
  char    *message_id;
  char    *session_fields;   /* a cancellation's copy, or NULL */
  char    *attempts;
  gint     n_attempts;
  gboolean rate_limited;     /* nothing claimed: the team's budget is spent */
} Claim;

/* What the message is made of. */
typedef struct
{
  SyncMailWorkers   *workers;
  Claim             *claim;
  SyncMailSession   *session;
  SyncMailRecipient  to;
  char              *skip_reason;   /* no email to send, and why */
} Load;

typedef struct
{
  Claim      *claim;
  const char *state;       /* sent, queued (retry), dead */
  const char *status;      /* of the delivery record: sent, failed, dead */
  const char *error_text;
  guint       delay_s;
} Mark;

static void
claim_clear (Claim *claim)
{
  g_free (claim->id);
  g_free (claim->team_id);
  g_free (claim->session_id);
  g_free (claim->athlete_id);
  g_free (claim->message_id);
  g_free (claim->session_fields);
  g_free (claim->attempts);
  memset (claim, 0, sizeof *claim);
}

static char *
uint_str (guint v)
{
  return g_strdup_printf ("%u", v);
}

/* ------------------------------------------------------------------------- */
/* Claiming */

static gboolean
claim_tx_cb (SyncDbConn  *conn,
             gpointer     user_data,
             GError     **error)
{
  Load *load = user_data;
  SyncMailWorkers *self = load->workers;
  Claim *claim = load->claim;
  g_autofree char *hold = uint_str (self->config->mail_hold_s);
  g_autofree char *lease = uint_str (self->config->mail_lease_s);
  g_autofree char *rate = uint_str (self->config->mail_team_rate_per_min);
  const char *hold_params[] = { hold };
  g_autoptr(PGresult) due = NULL;
  g_autoptr(PGresult) claimed = NULL;

  /* This transaction may see every team's outbox (and nothing else). */
  if (!sync_db_conn_command (conn, "SELECT set_config ('app.mail_worker', 'on', true)", 0, NULL, error))
    return FALSE;

  /* Due: queued past its retry time and (but for a coach's resend) past
   * the hold that lets quick successive edits make one email; or claimed
   * by a worker whose lease ran out (it died, or its instance did). */
  due = sync_db_conn_exec (conn,
                           "SELECT id::text, team_id::text FROM email_outbox "
                           "WHERE (state = 'queued' AND not_before <= now () "
                           "       AND (resend_id IS NOT NULL OR created_at <= now () - $1::integer * interval '1 second')) "
                           "   OR (state = 'sending' AND lease_until < now ()) "
                           "ORDER BY not_before, id LIMIT 1 FOR UPDATE SKIP LOCKED",
                           1, hold_params, error);
  if (due == NULL)
    return FALSE;
  if (PQntuples (due) == 0)
    return TRUE;

  /* The team's budget, counted in the database so that every instance
   * sees the same count; the row lock orders them. */
  if (self->config->mail_team_rate_per_min > 0)
    {
      const char *rate_params[] = { PQgetvalue (due, 0, 1), rate };
      g_autoptr(PGresult) budget = NULL;

      budget = sync_db_conn_exec (conn,
                                  "INSERT INTO email_rate AS r (team_id, window_start, n) "
                                  "VALUES ($1, date_trunc ('minute', now ()), 1) "
                                  "ON CONFLICT (team_id) DO UPDATE "
                                  "SET n = CASE WHEN r.window_start = EXCLUDED.window_start THEN r.n + 1 ELSE 1 END, "
                                  "    window_start = EXCLUDED.window_start "
                                  "WHERE r.window_start <> EXCLUDED.window_start OR r.n < $2::integer "
                                  "RETURNING n",
                                  2, rate_params, error);
      if (budget == NULL)
        return FALSE;
      if (PQntuples (budget) == 0)
        {
          const char *params[] = { PQgetvalue (due, 0, 0) };

          claim->rate_limited = TRUE;
          return sync_db_conn_command (conn,
                                       "UPDATE email_outbox "
                                       "SET not_before = date_trunc ('minute', now ()) + interval '1 minute' "
                                       "WHERE id = $1::bigint",
                                       1, params, error);
        }
    }

  {
    const char *params[] = { PQgetvalue (due, 0, 0), lease };

    claimed = sync_db_conn_exec (conn,
                                 "UPDATE email_outbox SET state = 'sending', attempts = attempts + 1, "
                                 "  lease_until = now () + $2::integer * interval '1 second' "
                                 "WHERE id = $1::bigint "
                                 "RETURNING id::text, team_id::text, session_id::text, athlete_id::text, "
                                 "  revision, kind, message_id, session_fields::text, attempts",
                                 2, params, error);
  }
  if (claimed == NULL)
    return FALSE;
  if (PQntuples (claimed) != 1)
    return TRUE;
  claim->id = g_strdup (PQgetvalue (claimed, 0, 0));
  claim->team_id = g_strdup (PQgetvalue (claimed, 0, 1));
  claim->session_id = g_strdup (PQgetvalue (claimed, 0, 2));
  claim->athlete_id = g_strdup (PQgetvalue (claimed, 0, 3));
  claim->revision = g_ascii_strtoll (PQgetvalue (claimed, 0, 4), NULL, 10);
  claim->cancel = g_strcmp0 (PQgetvalue (claimed, 0, 5), "cancel") == 0;
  claim->message_id = g_strdup (PQgetvalue (claimed, 0, 6));
  claim->session_fields = PQgetisnull (claimed, 0, 7) ? NULL : g_strdup (PQgetvalue (claimed, 0, 7));
  claim->attempts = g_strdup (PQgetvalue (claimed, 0, 8));
  claim->n_attempts = atoi (claim->attempts);
  return TRUE;
}

static gboolean
claim_cb (SyncDbConn  *conn,
          gpointer     user_data,
          GError     **error)
{
  return sync_db_conn_transaction (conn, SYNC_DB_TX_READ_WRITE, NULL, claim_tx_cb, user_data, error);
}

/* ------------------------------------------------------------------------- */
/* Reading the records */

static char *
get_text (JsonObject *object,
          const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  if (*json_node_get_string (node) == '\0')
    return NULL;
  return g_strdup (json_node_get_string (node));
}

static gint64
get_int (JsonObject *object,
         const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return 0;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return json_node_get_int (node);
  if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    return (gint64) json_node_get_double (node);
  return 0;
}

static double
get_double (JsonObject *object,
            const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return 0;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return (double) json_node_get_int (node);
  if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    return json_node_get_double (node);
  return 0;
}

/* An item without its own work or rest time takes the workout's (the
 * composer's rule: 40 s and 20 s when the workout has none either). */
static gint64
item_seconds (JsonObject *item,
              JsonObject *workout,
              const char *name,
              gint64      fallback)
{
  JsonNode *own = item ? json_object_get_member (item, name) : NULL;
  JsonNode *inherited = workout ? json_object_get_member (workout, name) : NULL;

  if (own != NULL && JSON_NODE_HOLDS_VALUE (own))
    return MAX (get_int (item, name), 0);
  if (inherited != NULL && JSON_NODE_HOLDS_VALUE (inherited))
    return MAX (get_int (workout, name), 0);
  return fallback;
}

static gboolean
load_items (SyncDbConn  *conn,
            Load        *load,
            const char  *workout_id,
            JsonObject  *workout,
            GError     **error)
{
  SyncMailWorkers *self = load->workers;
  const char *params[] = { load->claim->team_id, workout_id };
  g_autoptr(PGresult) res = NULL;

  res = sync_db_conn_exec (conn,
                           "SELECT i.fields::text, e.fields->>'name', "
                           "  coalesce (pc.id::text, "
                           "    (SELECT c.id::text FROM record c WHERE c.team_id = i.team_id AND c.tbl = 'clip' "
                           "       AND NOT c.deleted AND c.fields->>'exercise_id' = e.id::text ORDER BY c.id LIMIT 1)) "
                           "FROM record i "
                           "LEFT JOIN record e ON e.team_id = i.team_id AND e.tbl = 'exercise' "
                           "  AND e.id::text = i.fields->>'exercise_id' AND NOT e.deleted "
                           "LEFT JOIN record pc ON pc.team_id = i.team_id AND pc.tbl = 'clip' "
                           "  AND pc.id::text = e.fields->>'primary_clip_id' AND NOT pc.deleted "
                           "WHERE i.team_id = $1 AND i.tbl = 'workout_item' AND NOT i.deleted "
                           "  AND i.fields->>'workout_id' = $2 "
                           "ORDER BY i.fields->>'position' COLLATE \"C\", i.id",
                           2, params, error);
  if (res == NULL)
    return FALSE;

  for (int r = 0; r < PQntuples (res); r++)
    {
      g_autoptr(JsonObject) fields = sync_json_object_from_text (PQgetvalue (res, r, 0));
      SyncMailItem *item = g_new0 (SyncMailItem, 1);

      g_autofree char *exercise_id = get_text (fields, "exercise_id");
      const char *starter_name = exercise_id ? sync_starter_exercise_name (exercise_id) : NULL;

      /* A starter exercise nobody edited is not among the records. */
      if (!PQgetisnull (res, r, 1))
        item->name = g_strdup (PQgetvalue (res, r, 1));
      else
        item->name = g_strdup (starter_name ? starter_name : "?");
      item->kind = get_text (fields, "kind");
      if (item->kind == NULL)
        item->kind = g_strdup ("timed");
      item->work_s = g_strcmp0 (item->kind, "sets") == 0 ? get_int (fields, "work_s")
                                                          : item_seconds (fields, workout, "work_s", 40);
      item->rest_s = item_seconds (fields, workout, "rest_s", 20);
      item->sets = get_int (fields, "sets");
      item->reps = get_int (fields, "reps");
      item->load_kg = get_double (fields, "load_kg");
      item->notes = get_text (fields, "notes");
      if (!PQgetisnull (res, r, 2))
        item->clip_url = sync_mail_links_clip_url (self->public_url, self->secret, load->claim->team_id,
                                                   load->claim->session_id, load->claim->athlete_id,
                                                   PQgetvalue (res, r, 2));
      g_ptr_array_add (load->session->items, item);
    }
  return TRUE;
}

static gboolean
load_tx_cb (SyncDbConn  *conn,
            gpointer     user_data,
            GError     **error)
{
  Load *load = user_data;
  Claim *claim = load->claim;
  const char *params[] = { claim->team_id, claim->session_id, claim->athlete_id };
  g_autoptr(PGresult) res = NULL;
  g_autoptr(JsonObject) session = NULL;
  g_autoptr(JsonObject) athlete = NULL;
  g_autoptr(JsonObject) workout = NULL;
  g_autoptr(JsonObject) preferences = NULL;
  g_autofree char *workout_id = NULL;
  SyncMailSession *s;

  res = sync_db_conn_exec (conn,
                           "SELECT (SELECT name FROM team WHERE id = $1::uuid), "
                           "  (SELECT fields::text FROM record WHERE team_id = $1 AND tbl = 'session' "
                           "     AND id = $2::uuid AND NOT deleted), "
                           "  (SELECT fields::text FROM record WHERE team_id = $1 AND tbl = 'athlete' "
                           "     AND id = $3::uuid AND NOT deleted), "
                           "  (SELECT w.fields::text FROM record s JOIN record w ON w.team_id = s.team_id "
                           "     AND w.tbl = 'workout' AND w.id::text = s.fields->>'workout_id' AND NOT w.deleted "
                           "     WHERE s.team_id = $1 AND s.tbl = 'session' AND s.id = $2::uuid)",
                           3, params, error);
  if (res == NULL)
    return FALSE;

  session = sync_json_object_from_text (claim->cancel && claim->session_fields ? claim->session_fields
                          : PQgetisnull (res, 0, 1) ? NULL : PQgetvalue (res, 0, 1));
  athlete = sync_json_object_from_text (PQgetisnull (res, 0, 2) ? NULL : PQgetvalue (res, 0, 2));
  if (session == NULL)
    {
      load->skip_reason = g_strdup ("the session was deleted");
      return TRUE;
    }
  if (athlete == NULL || sync_json_get_bool (athlete, "archived"))
    {
      load->skip_reason = g_strdup ("the athlete was deleted or archived");
      return TRUE;
    }
  load->to.name = get_text (athlete, "name");
  load->to.email = get_text (athlete, "email");
  if (load->to.email == NULL || strchr (load->to.email, '@') == NULL)
    {
      load->skip_reason = g_strdup ("the athlete has no email address");
      return TRUE;
    }
  if (!sync_json_get_bool (athlete, "email_consent"))
    {
      load->skip_reason = g_strdup ("the athlete does not want emails");
      return TRUE;
    }
  if (json_object_has_member (athlete, "preferences") &&
      JSON_NODE_HOLDS_OBJECT (json_object_get_member (athlete, "preferences")))
    preferences = json_object_ref (json_object_get_object_member (athlete, "preferences"));
  load->to.language = get_text (preferences, "language");

  s = load->session = sync_mail_session_new ();
  s->session_id = g_strdup (claim->session_id);
  s->revision = claim->revision;
  s->cancelled = claim->cancel;
  s->title = get_text (session, "title");
  s->starts_at = get_text (session, "starts_at");
  s->timezone = get_text (session, "timezone");
  s->duration_s = get_int (session, "duration_s");
  s->location = get_text (session, "location");
  s->notes = get_text (session, "notes");
  s->team_name = g_strdup (PQgetisnull (res, 0, 0) ? "" : PQgetvalue (res, 0, 0));

  workout = sync_json_object_from_text (PQgetisnull (res, 0, 3) ? NULL : PQgetvalue (res, 0, 3));
  workout_id = get_text (session, "workout_id");
  if (workout != NULL)
    {
      s->workout_name = get_text (workout, "name");
      s->workout_description = get_text (workout, "description");
      s->workout_total_s = get_int (workout, "total_duration_s");
    }
  /* A cancellation says which session is off; the plan does not matter. */
  if (workout != NULL && workout_id != NULL && !claim->cancel &&
      !load_items (conn, load, workout_id, workout, error))
    return FALSE;
  return TRUE;
}

static gboolean
load_cb (SyncDbConn  *conn,
         gpointer     user_data,
         GError     **error)
{
  Load *load = user_data;

  return sync_db_conn_transaction (conn, SYNC_DB_TX_SNAPSHOT, load->claim->team_id,
                                   load_tx_cb, user_data, error);
}

/* ------------------------------------------------------------------------- */
/* Recording the outcome */

static gboolean
mark_tx_cb (SyncDbConn  *conn,
            gpointer     user_data,
            GError     **error)
{
  Mark *mark = user_data;
  Claim *claim = mark->claim;
  g_autofree char *delay = uint_str (mark->delay_s);
  const char *params[] = { claim->id, claim->attempts, mark->state, mark->error_text, delay };
  g_autoptr(PGresult) res = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *sent_at = NULL;
  gint64 version;

  /* Only the worker holding the latest claim marks: after a lease ran out
   * another worker may have taken the row again. */
  res = sync_db_conn_exec (conn,
                           "UPDATE email_outbox SET state = $3, last_error = $4, lease_until = NULL, "
                           "  sent_at = CASE WHEN $3 = 'sent' THEN now () END, "
                           "  not_before = now () + $5::integer * interval '1 second' "
                           "WHERE id = $1::bigint AND attempts = $2::integer AND state = 'sending' "
                           "RETURNING id",
                           G_N_ELEMENTS (params), params, error);
  if (res == NULL)
    return FALSE;
  if (PQntuples (res) == 0)
    return TRUE;

  if (g_strcmp0 (mark->status, "sent") == 0)
    {
      now = g_date_time_new_now_utc ();
      sent_at = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
    }
  if (!sync_mail_next_version (conn, claim->team_id, &version, error))
    return FALSE;
  return sync_mail_write_delivery (conn, claim->team_id, claim->session_id, claim->athlete_id,
                                   mark->status, mark->error_text, sent_at, version, error);
}

static gboolean
mark_cb (SyncDbConn  *conn,
         gpointer     user_data,
         GError     **error)
{
  Mark *mark = user_data;

  return sync_db_conn_transaction (conn, SYNC_DB_TX_READ_WRITE, mark->claim->team_id,
                                   mark_tx_cb, user_data, error);
}

static gboolean
prune_tx_cb (SyncDbConn  *conn,
             gpointer     user_data,
             GError     **error)
{
  if (!sync_db_conn_command (conn, "SELECT set_config ('app.mail_worker', 'on', true)", 0, NULL, error))
    return FALSE;
  return sync_db_conn_command (conn,
                               "DELETE FROM email_outbox "
                               "WHERE state IN ('sent', 'dead', 'superseded') "
                               "  AND created_at < now () - interval '" KEEP_DAYS " days'",
                               0, NULL, error);
}

static gboolean
prune_cb (SyncDbConn  *conn,
          gpointer     user_data,
          GError     **error)
{
  return sync_db_conn_transaction (conn, SYNC_DB_TX_READ_WRITE, NULL, prune_tx_cb, user_data, error);
}

static guint
backoff_s (const SyncConfig *config,
           gint              attempts)
{
  double delay = config->mail_retry_base_s;

  for (gint i = 1; i < attempts && delay < MAX_BACKOFF_S; i++)
    delay *= 2;
  delay = MIN (delay, MAX_BACKOFF_S);
  /* Jitter: retries of many messages after an outage do not all come back
   * in the same second. */
  delay *= g_random_double_range (0.75, 1.25);
  return (guint) MAX (1.0, delay);
}

/* ------------------------------------------------------------------------- */
/* The threads */

/* Sends one message if one is due; FALSE when there was none. */
static gboolean
process_one (SyncMailWorkers *self,
             SyncMailSmtp    *smtp)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) message = NULL;
  g_autofree char *error_text = NULL;
  Claim claim = { 0 };
  Load load = { self, &claim };
  Mark mark = { &claim };
  SyncMailSendResult result = SYNC_MAIL_SEND_OK;

  if (!sync_db_run (self->db, claim_cb, &load, &error))
    {
      g_warning ("mail: claiming an email: %s", error->message);
      return FALSE;
    }
  if (claim.rate_limited)
    return TRUE;
  if (claim.id == NULL)
    return FALSE;

  if (!sync_db_run (self->db, load_cb, &load, &error))
    {
      /* Left to the lease: another attempt once it runs out. */
      g_warning ("mail: reading email %s: %s", claim.id, error->message);
      goto out;
    }

  if (load.skip_reason != NULL)
    {
      result = SYNC_MAIL_SEND_PERMANENT;
      error_text = g_strdup (load.skip_reason);
    }
  else if (claim.n_attempts > (gint) self->config->mail_max_attempts)
    {
      /* Claimed again and again by workers that never came back: whatever
       * stops them, it must not go on for ever. */
      result = SYNC_MAIL_SEND_PERMANENT;
      error_text = g_strdup_printf ("given up after %d attempts that never finished", claim.n_attempts - 1);
    }
  else
    {
      g_autofree char *unsubscribe = sync_mail_links_unsubscribe_url (self->public_url, self->secret,
                                                                      claim.team_id, claim.athlete_id);
      g_autofree char *message_id = g_strdup_printf ("%s@%s", claim.message_id, self->from_domain);
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      SyncMailEnvelope envelope = {
        .from = self->config->mail_from,
        .from_name = self->config->mail_from_name[0] ? self->config->mail_from_name : NULL,
        .message_id = message_id,
        .unsubscribe_url = unsubscribe,
        .date = now,
      };

      message = sync_mail_message_build (load.session, &load.to, &envelope, &error);
      if (message == NULL)
        {
          result = SYNC_MAIL_SEND_PERMANENT;
          error_text = g_strdup_printf ("the email cannot be written: %s", error->message);
        }
      else
        result = sync_mail_smtp_send (smtp, self->config->mail_from, load.to.email, message, &error_text);
    }

  switch (result)
    {
    case SYNC_MAIL_SEND_OK:
      mark.state = "sent";
      mark.status = "sent";
      break;
    case SYNC_MAIL_SEND_PERMANENT:
      mark.state = "dead";
      mark.status = "dead";
      break;
    case SYNC_MAIL_SEND_TEMPORARY:
    default:
      if (claim.n_attempts >= (gint) self->config->mail_max_attempts)
        {
          mark.state = "dead";
          mark.status = "dead";
        }
      else
        {
          mark.state = "queued";
          mark.status = "failed";
          mark.delay_s = backoff_s (self->config, claim.n_attempts);
        }
      break;
    }
  mark.error_text = error_text;
  sync_metrics_add (self->metrics,
                    result == SYNC_MAIL_SEND_OK ? SYNC_COUNTER_MAIL_SENT
                    : g_strcmp0 (mark.state, "dead") == 0 ? SYNC_COUNTER_MAIL_DEAD
                    : SYNC_COUNTER_MAIL_RETRIED, 1);
  if (result != SYNC_MAIL_SEND_OK)
    g_message ("mail: email %s to athlete %s (attempt %d): %s%s", claim.id, claim.athlete_id,
               claim.n_attempts, error_text ? error_text : "failed",
               g_strcmp0 (mark.state, "dead") == 0 ? "; giving up" : "; will retry");

  g_clear_error (&error);
  if (!sync_db_run (self->db, mark_cb, &mark, &error))
    g_warning ("mail: recording the outcome of email %s: %s", claim.id, error->message);

out:
  g_clear_pointer (&load.session, sync_mail_session_free);
  g_free (load.to.name);
  g_free (load.to.email);
  g_free (load.to.language);
  g_free (load.skip_reason);
  claim_clear (&claim);
  return TRUE;
}

static gpointer
worker_thread (gpointer user_data)
{
  SyncMailWorkers *self = user_data;
  g_autoptr(SyncMailSmtp) smtp = sync_mail_smtp_new (self->config);
  gboolean prunes = g_atomic_int_add (&self->n_started, 1) == 0;  /* one thread only */
  gint64 next_prune = g_get_monotonic_time ();

  if (smtp == NULL)
    {
      g_warning ("mail: libcurl cannot make an SMTP client; this worker stops");
      return NULL;
    }

  for (;;)
    {
      gboolean stopping;
      gboolean worked;

      g_mutex_lock (&self->lock);
      stopping = self->stopping;
      g_mutex_unlock (&self->lock);
      if (stopping)
        break;

      worked = process_one (self, smtp);
      if (worked)
        continue;

      if (prunes && g_get_monotonic_time () >= next_prune)
        {
          g_autoptr(GError) error = NULL;

          if (!sync_db_run (self->db, prune_cb, NULL, &error))
            g_warning ("mail: removing old outbox rows: %s", error->message);
          next_prune = g_get_monotonic_time () + PRUNE_INTERVAL_US;
        }

      g_mutex_lock (&self->lock);
      if (!self->stopping)
        g_cond_wait_until (&self->wake, &self->lock,
                           g_get_monotonic_time () + (gint64) self->config->mail_poll_ms * 1000);
      g_mutex_unlock (&self->lock);
    }
  return NULL;
}

static gboolean
secret_cb (SyncDbConn  *conn,
           gpointer     user_data,
           GError     **error)
{
  SyncMailWorkers *self = user_data;

  self->secret = sync_mail_links_secret (conn, self->config, error);
  return self->secret != NULL;
}

SyncMailWorkers *
sync_mail_workers_start (const SyncConfig  *config,
                         SyncDb            *db,
                         SyncMetrics       *metrics,
                         const char        *public_url,
                         GError           **error)
{
  SyncMailWorkers *self;
  const char *at;

  g_return_val_if_fail (config != NULL, NULL);
  g_return_val_if_fail (db != NULL, NULL);

  if (config->mail_smtp_url[0] == '\0' || config->mail_workers == 0)
    {
      g_message ("mail: not sending emails (%s)",
                 config->mail_workers == 0 ? "mail.workers = 0" : "no mail.smtp_url");
      return NULL;
    }
  if (!sync_mail_smtp_global_init ())
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "libcurl cannot be initialized");
      return NULL;
    }

  if (config->mail_lease_s <= config->mail_smtp_timeout)
    g_warning ("mail.lease_s (%u) should be above mail.smtp_timeout (%u): a slow send may be "
               "taken over by another worker and arrive twice", config->mail_lease_s, config->mail_smtp_timeout);

  self = g_new0 (SyncMailWorkers, 1);
  self->config = config;
  self->db = db;
  self->metrics = metrics;
  self->public_url = g_strdup (config->mail_public_url[0] ? config->mail_public_url : public_url);
  if (g_str_has_suffix (self->public_url, "/"))
    self->public_url[strlen (self->public_url) - 1] = '\0';
  if (strstr (self->public_url, "://0.0.0.0") != NULL || strstr (self->public_url, "://[::]") != NULL)
    g_warning ("mail: links in emails would point at %s: set mail.public_url", self->public_url);
  at = strrchr (config->mail_from, '@');
  self->from_domain = g_strdup (at ? at + 1 : "localhost");
  g_mutex_init (&self->lock);
  g_cond_init (&self->wake);
  self->threads = g_ptr_array_new ();

  if (!sync_db_run (db, secret_cb, self, error))
    {
      g_prefix_error (error, "mail: ");
      sync_mail_workers_stop (self);
      return NULL;
    }

  for (guint i = 0; i < config->mail_workers; i++)
    {
      g_autofree char *name = g_strdup_printf ("mail-%u", i);
      GThread *thread = g_thread_try_new (name, worker_thread, self, error);

      if (thread == NULL)
        {
          sync_mail_workers_stop (self);
          return NULL;
        }
      g_ptr_array_add (self->threads, thread);
    }
  g_message ("mail: %u workers sending", config->mail_workers);
  return self;
}

void
sync_mail_workers_stop (SyncMailWorkers *self)
{
  if (self == NULL)
    return;

  g_mutex_lock (&self->lock);
  self->stopping = TRUE;
  g_cond_broadcast (&self->wake);
  g_mutex_unlock (&self->lock);

  for (guint i = 0; i < self->threads->len; i++)
    g_thread_join (g_ptr_array_index (self->threads, i));
  g_ptr_array_unref (self->threads);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->wake);
  g_free (self->public_url);
  g_free (self->secret);
  g_free (self->from_domain);
  g_free (self);
}
