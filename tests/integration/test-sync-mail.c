/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#include "config.h"

#include <string.h>

#include "coach-uuid.h"
#include "mail-test-util.h"
#include "sync-config.h"

/* Athletes 0 and 1 consent and have an address: they are the recipients.
 * 2 has not consented, 3 has no address. */
#define TIMEOUT_S 90

static void
assert_no_delivery (MailTeam   *team,
                    const char *athlete_id)
{
  g_autoptr(GPtrArray) changes = mail_team_pull (team);

  g_assert_null (mail_team_delivery (team, changes, team->session_id, athlete_id));
}

static gint64
outbox_int (MailTeam   *team,
            const char *expression,
            const char *athlete_id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM email_outbox WHERE athlete_id = '%s'",
                                          expression, athlete_id);

  return sync_test_db_int (team->stack->db, sql);
}

/* A short settle time, for messages that must NOT come. */
static void
settle (void)
{
  g_usleep (1500 * 1000);
}

static void
test_notify_and_cancel (void)
{
  g_autoptr(MailSink) sink = mail_sink_start (NULL);
  g_auto(GStrv) env = mail_server_env (sink, "COACHBOOK_SYNC_MAIL_HOLD_S=2", NULL);
  g_autoptr(MailTeam) team = mail_team_new ((const char * const *) env);
  g_autoptr(JsonArray) messages = NULL;
  g_autoptr(JsonArray) after_cancel = NULL;
  g_autofree char *rcpt0 = mail_athlete_email (0);
  g_autofree char *rcpt1 = mail_athlete_email (1);
  g_autofree char *uid = NULL;
  JsonObject *message;
  JsonObject *ics;
  gint64 sequence;
  guint count;

  mail_team_add_session (team, TRUE);
  /* Two quick fixes within the hold: one email, of the last version. */
  mail_team_push (team, "session", "upsert", team->session_id, "{\"title\": \"Leg day v2\"}");
  mail_team_push (team, "session", "upsert", team->session_id,
                  "{\"title\": \"Leg day v3\", \"notes\": \"Bring spikes\\n.\\n..and water\"}");

  g_free (mail_team_wait_delivery (team, team->athletes[0], "sent", TIMEOUT_S));
  g_free (mail_team_wait_delivery (team, team->athletes[1], "sent", TIMEOUT_S));
  settle ();
  g_assert_cmpuint (mail_sink_count (sink), ==, 2);
  assert_no_delivery (team, team->athletes[2]);
  assert_no_delivery (team, team->athletes[3]);
  g_assert_cmpint (outbox_int (team, "count (*) FILTER (WHERE state = 'superseded')", team->athletes[0]), ==, 2);

  messages = mail_sink_read (sink);
  message = mail_find_message (messages, rcpt0, &count);
  g_assert_cmpuint (count, ==, 1);
  g_assert_true (g_str_has_suffix (json_object_get_string_member (message, "message_id"), "@example.org>"));
  g_assert_cmpstr (json_object_get_string_member (message, "list_unsubscribe_post"), ==,
                   "List-Unsubscribe=One-Click");
  g_assert_nonnull (strstr (json_object_get_string_member (message, "list_unsubscribe"), "/v1/mail/unsubscribe?"));
  ics = json_object_get_object_member (message, "ics");
  g_assert_nonnull (ics);
  g_assert_cmpstr (json_object_get_string_member (ics, "method"), ==, "REQUEST");
  g_assert_nonnull (strstr (json_object_get_string_member (ics, "summary"), "v3"));
  uid = g_strdup (json_object_get_string_member (ics, "uid"));
  sequence = json_object_get_int_member (ics, "sequence");
  g_assert_cmpint (sequence, >, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (message, "clip_links")), ==, 1);
  /* the starter exercise has its name, and the workout's work and rest */
  g_assert_nonnull (strstr (json_object_get_string_member (message, "text"), "Push-up"));
  g_assert_nonnull (strstr (json_object_get_string_member (message, "text"), "45 s · rest 15 s"));
  /* lines of a lone dot and of leading dots survive SMTP (dot-stuffing) */
  g_assert_nonnull (strstr (json_object_get_string_member (message, "text"), "Bring spikes\n.\n..and water"));
  message = mail_find_message (messages, rcpt1, &count);
  g_assert_cmpuint (count, ==, 1);

  /* Cancelled: both hear it, same event, a newer sequence. */
  mail_team_push (team, "session", "upsert", team->session_id, "{\"status\": \"cancelled\"}");
  g_assert_cmpuint (mail_sink_wait (sink, 4, TIMEOUT_S), ==, 4);
  settle ();
  g_assert_cmpuint (mail_sink_count (sink), ==, 4);
  after_cancel = mail_sink_read (sink);
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *rcpt = mail_athlete_email (i);

      message = mail_find_message (after_cancel, rcpt, &count);
      g_assert_cmpuint (count, ==, 2);
      ics = json_object_get_object_member (message, "ics");
      g_assert_cmpstr (json_object_get_string_member (ics, "method"), ==, "CANCEL");
      g_assert_cmpstr (json_object_get_string_member (ics, "uid"), ==, uid);
      g_assert_cmpint (json_object_get_int_member (ics, "sequence"), >, sequence);
    }
  g_free (mail_team_wait_delivery (team, team->athletes[0], "sent", TIMEOUT_S));
}

static void
test_no_notify (void)
{
  g_autoptr(MailSink) sink = mail_sink_start (NULL);
  g_auto(GStrv) env = mail_server_env (sink, NULL);
  g_autoptr(MailTeam) team = mail_team_new ((const char * const *) env);

  mail_team_add_session (team, FALSE);
  settle ();
  settle ();
  g_assert_cmpuint (mail_sink_count (sink), ==, 0);
  g_assert_cmpint (sync_test_db_int (team->stack->db, "SELECT count (*) FROM email_outbox"), ==, 0);
  assert_no_delivery (team, team->athletes[0]);
}

static void
test_temporary_failure (void)
{
  g_autoptr(MailSink) sink = mail_sink_start (NULL);
  g_auto(GStrv) env = mail_server_env (sink, NULL);
  g_autoptr(MailTeam) team = mail_team_new ((const char * const *) env);
  g_autoptr(JsonArray) messages = NULL;
  g_autoptr(SyncTestResponse) metrics = NULL;
  g_autofree char *url = NULL;

  mail_sink_control (sink, "fail-next", "3");
  mail_team_add_session (team, TRUE);
  g_free (mail_team_wait_delivery (team, team->athletes[0], "sent", TIMEOUT_S));
  g_free (mail_team_wait_delivery (team, team->athletes[1], "sent", TIMEOUT_S));
  settle ();
  messages = mail_sink_read (sink);
  g_assert_cmpuint (json_array_get_length (messages), ==, 2);
  /* Three refusals, retried: five attempts in all. */
  g_assert_cmpint (sync_test_db_int (team->stack->db, "SELECT sum (attempts) FROM email_outbox"), ==, 5);

  url = sync_test_stack_url (team->stack, "/metrics");
  metrics = sync_test_request (team->stack->session, "GET", url, NULL, NULL, 0);
  g_assert_cmpuint (metrics->status, ==, 200);
  g_assert_nonnull (strstr (metrics->body, "coachbook_sync_mail_total{result=\"sent\"} 2\n"));
  g_assert_nonnull (strstr (metrics->body, "coachbook_sync_mail_total{result=\"retry\"} 3\n"));
}

static void
test_permanent_failure (void)
{
  g_autoptr(MailSink) sink = mail_sink_start (NULL);
  g_auto(GStrv) env = mail_server_env (sink, NULL);
  g_autoptr(MailTeam) team = mail_team_new ((const char * const *) env);
  g_autoptr(JsonArray) messages = NULL;
  g_autofree char *rejected = mail_athlete_email (0);
  g_autofree char *reason = NULL;
  guint count;

  mail_sink_control (sink, "reject", rejected);
  mail_team_add_session (team, TRUE);
  reason = mail_team_wait_delivery (team, team->athletes[0], "dead", TIMEOUT_S);
  g_assert_nonnull (reason);
  g_assert_nonnull (strstr (reason, "550"));
  /* the poison address did not hold the other one up */
  g_free (mail_team_wait_delivery (team, team->athletes[1], "sent", TIMEOUT_S));
  settle ();
  messages = mail_sink_read (sink);
  g_assert_cmpuint (json_array_get_length (messages), ==, 1);
  mail_find_message (messages, rejected, &count);
  g_assert_cmpuint (count, ==, 0);
  g_assert_cmpint (outbox_int (team, "attempts", team->athletes[0]), ==, 1);
}

static void
test_server_down (void)
{
  g_autoptr(MailSink) sink = mail_sink_start (NULL);
  g_auto(GStrv) env = mail_server_env (sink, "COACHBOOK_SYNC_MAIL_MAX_ATTEMPTS=20", NULL);
  g_autoptr(MailTeam) team = mail_team_new ((const char * const *) env);
  g_autoptr(JsonArray) messages = NULL;
  g_autofree char *reason = NULL;
  gint64 deadline;

  mail_sink_kill (sink);
  mail_team_add_session (team, TRUE);
  reason = mail_team_wait_delivery (team, team->athletes[0], "failed", TIMEOUT_S);
  g_assert_nonnull (reason);

  /* Still failing a while later: retried, not given up. */
  deadline = g_get_monotonic_time () + TIMEOUT_S * G_USEC_PER_SEC;
  while (outbox_int (team, "attempts", team->athletes[0]) < 2 && g_get_monotonic_time () < deadline)
    g_usleep (100 * 1000);
  g_assert_cmpint (outbox_int (team, "attempts", team->athletes[0]), >=, 2);

  mail_sink_restart (sink);
  g_free (mail_team_wait_delivery (team, team->athletes[0], "sent", TIMEOUT_S));
  g_free (mail_team_wait_delivery (team, team->athletes[1], "sent", TIMEOUT_S));
  settle ();
  messages = mail_sink_read (sink);
  g_assert_cmpuint (json_array_get_length (messages), ==, 2);
}

static void
test_killed_worker (void)
{
  g_autoptr(MailSink) sink = mail_sink_start (NULL);
  g_auto(GStrv) env = mail_server_env (sink, "COACHBOOK_SYNC_MAIL_LEASE_S=3", NULL);
  g_autoptr(MailTeam) team = mail_team_new ((const char * const *) env);
  g_autoptr(JsonArray) messages = NULL;
  SyncTestServer *server = team->stack->server;
  guint resent = 0;

  /* The sink keeps each message, then sits on its answer: the server dies
   * having sent, before it could mark. */
  mail_sink_control (sink, "hold", "5");
  mail_team_add_session (team, TRUE);
  g_assert_cmpuint (mail_sink_wait (sink, 1, TIMEOUT_S), >=, 1);
  g_subprocess_force_exit (server->process);
  g_subprocess_wait (server->process, NULL, NULL);
  g_object_unref (server->process);
  g_free (server->url);
  g_free (server);
  mail_sink_control (sink, "hold", NULL);

  team->stack->server = sync_test_server_start (team->stack->db, (const char * const *) env);
  g_free (mail_team_wait_delivery (team, team->athletes[0], "sent", TIMEOUT_S));
  g_free (mail_team_wait_delivery (team, team->athletes[1], "sent", TIMEOUT_S));
  settle ();

  messages = mail_sink_read (sink);
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *rcpt = mail_athlete_email (i);
      const char *message_id = NULL;
      guint count = 0;

      for (guint m = 0; m < json_array_get_length (messages); m++)
        {
          JsonObject *message = json_array_get_object_element (messages, m);

          if (g_strcmp0 (json_object_get_string_member (message, "rcpt"), rcpt) != 0)
            continue;
          count++;
          if (message_id == NULL)
            message_id = json_object_get_string_member (message, "message_id");
          else
            g_assert_cmpstr (json_object_get_string_member (message, "message_id"), ==, message_id);
        }
      /* at most one resend, with the same Message-ID */
      g_assert_cmpuint (count, >=, 1);
      g_assert_cmpuint (count, <=, 2);
      resent += count - 1;
    }
  g_assert_cmpuint (resent, >=, 1);
}

static void
test_tls_auth (void)
{
  g_autofree char *cert = g_test_build_filename (G_TEST_DIST, "test-tls-cert.pem", NULL);
  g_autofree char *key = g_test_build_filename (G_TEST_DIST, "test-tls-key.pem", NULL);
  const char *args[] = { "--tls-cert", cert, "--tls-key", key, "--require-tls",
                         "--auth", "mailer:s3cret pass", NULL };
  g_autoptr(MailSink) sink = mail_sink_start (args);
  g_autofree char *ca = g_strconcat ("COACHBOOK_SYNC_MAIL_SMTP_CA_FILE=", cert, NULL);
  g_auto(GStrv) env = mail_server_env (sink, "COACHBOOK_SYNC_MAIL_SMTP_TLS=required", ca,
                                       "COACHBOOK_SYNC_MAIL_SMTP_USER=mailer",
                                       "COACHBOOK_SYNC_MAIL_SMTP_PASSWORD=s3cret pass", NULL);
  g_autoptr(MailTeam) team = mail_team_new ((const char * const *) env);

  mail_team_add_session (team, TRUE);
  g_free (mail_team_wait_delivery (team, team->athletes[0], "sent", TIMEOUT_S));
  g_free (mail_team_wait_delivery (team, team->athletes[1], "sent", TIMEOUT_S));
  g_assert_cmpuint (mail_sink_count (sink), ==, 2);
}

static void
test_tls_required (void)
{
  g_autoptr(MailSink) sink = mail_sink_start (NULL);
  g_auto(GStrv) env = mail_server_env (sink, "COACHBOOK_SYNC_MAIL_SMTP_TLS=required", NULL);
  g_autoptr(MailTeam) team = mail_team_new ((const char * const *) env);
  g_autofree char *reason = NULL;

  /* A server without STARTTLS gets nothing in the clear. */
  mail_team_add_session (team, TRUE);
  reason = mail_team_wait_delivery (team, team->athletes[0], "failed", TIMEOUT_S);
  g_assert_nonnull (reason);
  g_assert_cmpuint (mail_sink_count (sink), ==, 0);
}

static void
test_resend (void)
{
  g_autoptr(MailSink) sink = mail_sink_start (NULL);
  g_auto(GStrv) env = mail_server_env (sink, "COACHBOOK_SYNC_MAIL_HOLD_S=3600", NULL);
  g_autoptr(MailTeam) team = mail_team_new ((const char * const *) env);
  g_autoptr(JsonArray) messages = NULL;
  g_autofree char *resend_id = coach_uuid_v7_new ();
  g_autofree char *fields = NULL;
  g_autofree char *rcpt = mail_athlete_email (0);
  g_autofree char *resend2_id = coach_uuid_v7_new ();
  g_autofree char *fields2 = NULL;
  g_autofree char *reason = NULL;
  guint count;

  /* A long hold: only the coach's resend goes out now. */
  mail_team_add_session (team, TRUE);
  fields = g_strdup_printf ("{\"session_id\": \"%s\", \"athlete_id\": \"%s\"}",
                            team->session_id, team->athletes[0]);
  mail_team_push (team, "delivery_resend", "upsert", resend_id, fields);
  /* the same row again (edited): still one email */
  mail_team_push (team, "delivery_resend", "upsert", resend_id, fields);
  g_free (mail_team_wait_delivery (team, team->athletes[0], "sent", TIMEOUT_S));
  settle ();
  messages = mail_sink_read (sink);
  mail_find_message (messages, rcpt, &count);
  g_assert_cmpuint (count, ==, 1);
  g_assert_cmpuint (json_array_get_length (messages), ==, 1);

  /* A resend for a cancelled session: nothing goes, and the coach sees why. */
  mail_team_push (team, "session", "upsert", team->session_id, "{\"status\": \"cancelled\"}");
  fields2 = g_strdup_printf ("{\"session_id\": \"%s\", \"athlete_id\": \"%s\"}",
                             team->session_id, team->athletes[1]);
  mail_team_push (team, "delivery_resend", "upsert", resend2_id, fields2);
  reason = mail_team_wait_delivery (team, team->athletes[1], "dead", TIMEOUT_S);
  g_assert_nonnull (strstr (reason, "cancelled"));
}

static void
test_rate_limit (void)
{
  g_autoptr(MailSink) sink = mail_sink_start (NULL);
  g_auto(GStrv) env = mail_server_env (sink, "COACHBOOK_SYNC_MAIL_TEAM_RATE_PER_MIN=1", NULL);
  g_autoptr(MailTeam) team = mail_team_new ((const char * const *) env);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  /* Right after a minute starts, or the second email might fall into the
   * next window during the test. */
  if (g_date_time_get_second (now) > 40)
    g_usleep ((gulong) (61 - g_date_time_get_second (now)) * G_USEC_PER_SEC);
  mail_team_add_session (team, TRUE);
  g_assert_cmpuint (mail_sink_wait (sink, 1, TIMEOUT_S), ==, 1);
  settle ();
  settle ();
  g_assert_cmpuint (mail_sink_count (sink), ==, 1);
  g_assert_cmpint (sync_test_db_int (team->stack->db,
                                     "SELECT count (*) FROM email_outbox WHERE state = 'queued' "
                                     "AND not_before > now ()"), ==, 1);
}

/* The ics of the last message to athlete i, and how many there are. */
static JsonObject *
last_ics (JsonArray *messages,
          guint      i,
          guint     *count)
{
  g_autofree char *rcpt = mail_athlete_email (i);
  JsonObject *message = mail_find_message (messages, rcpt, count);

  return message ? json_object_get_object_member (message, "ics") : NULL;
}

static void
test_athlete_removed (void)
{
  g_autoptr(MailSink) sink = mail_sink_start (NULL);
  g_auto(GStrv) env = mail_server_env (sink, NULL);
  g_autoptr(MailTeam) team = mail_team_new ((const char * const *) env);
  g_autoptr(JsonArray) first = NULL;
  g_autoptr(JsonArray) second = NULL;
  g_autoptr(JsonArray) third = NULL;
  g_autofree char *uid = NULL;
  g_autofree char *link = coach_uuid_v7_new ();
  g_autofree char *fields = NULL;
  JsonObject *ics;
  gint64 sequence;
  guint count;

  mail_team_add_session (team, TRUE);
  g_assert_cmpuint (mail_sink_wait (sink, 2, TIMEOUT_S), ==, 2);
  first = mail_sink_read (sink);
  ics = last_ics (first, 0, &count);
  uid = g_strdup (json_object_get_string_member (ics, "uid"));
  sequence = json_object_get_int_member (ics, "sequence");

  /* Off the session: a cancellation for that athlete only. */
  mail_team_push (team, "session_athlete", "delete", team->links[0], NULL);
  g_assert_cmpuint (mail_sink_wait (sink, 3, TIMEOUT_S), ==, 3);
  settle ();
  second = mail_sink_read (sink);
  g_assert_cmpuint (json_array_get_length (second), ==, 3);
  ics = last_ics (second, 0, &count);
  g_assert_cmpuint (count, ==, 2);
  g_assert_cmpstr (json_object_get_string_member (ics, "method"), ==, "CANCEL");
  g_assert_cmpstr (json_object_get_string_member (ics, "uid"), ==, uid);
  g_assert_cmpint (json_object_get_int_member (ics, "sequence"), >, sequence);
  sequence = json_object_get_int_member (ics, "sequence");
  last_ics (second, 1, &count);
  g_assert_cmpuint (count, ==, 1);

  /* Back on it: invited again, after the cancellation. */
  fields = g_strdup_printf ("{\"session_id\": \"%s\", \"athlete_id\": \"%s\"}",
                            team->session_id, team->athletes[0]);
  mail_team_push (team, "session_athlete", "upsert", link, fields);
  g_assert_cmpuint (mail_sink_wait (sink, 4, TIMEOUT_S), ==, 4);
  settle ();
  third = mail_sink_read (sink);
  g_assert_cmpuint (json_array_get_length (third), ==, 4);
  ics = last_ics (third, 0, &count);
  g_assert_cmpuint (count, ==, 3);
  g_assert_cmpstr (json_object_get_string_member (ics, "method"), ==, "REQUEST");
  g_assert_cmpint (json_object_get_int_member (ics, "sequence"), >, sequence);
}

static void
test_session_deleted (void)
{
  g_autoptr(MailSink) sink = mail_sink_start (NULL);
  g_auto(GStrv) env = mail_server_env (sink, NULL);
  g_autoptr(MailTeam) team = mail_team_new ((const char * const *) env);
  g_autoptr(JsonArray) messages = NULL;
  JsonObject *ics;
  guint count;

  mail_team_add_session (team, TRUE);
  g_assert_cmpuint (mail_sink_wait (sink, 2, TIMEOUT_S), ==, 2);
  mail_team_push (team, "session", "delete", team->session_id, NULL);
  g_assert_cmpuint (mail_sink_wait (sink, 4, TIMEOUT_S), ==, 4);
  settle ();
  messages = mail_sink_read (sink);
  g_assert_cmpuint (json_array_get_length (messages), ==, 4);
  for (guint i = 0; i < 2; i++)
    {
      ics = last_ics (messages, i, &count);
      g_assert_cmpuint (count, ==, 2);
      g_assert_cmpstr (json_object_get_string_member (ics, "method"), ==, "CANCEL");
      /* what the session said before it was deleted */
      g_assert_nonnull (strstr (json_object_get_string_member (ics, "summary"), "Leg day"));
    }
}

static void
test_group_member_added (void)
{
  g_autoptr(MailSink) sink = mail_sink_start (NULL);
  g_auto(GStrv) env = mail_server_env (sink, NULL);
  g_autoptr(MailTeam) team = mail_team_new ((const char * const *) env);
  g_autoptr(JsonArray) messages = NULL;
  g_autofree char *athlete = coach_uuid_v7_new ();
  g_autofree char *member = coach_uuid_v7_new ();
  g_autofree char *fields = NULL;
  guint count;

  mail_team_add_session (team, TRUE);
  g_assert_cmpuint (mail_sink_wait (sink, 2, TIMEOUT_S), ==, 2);
  mail_team_push (team, "athlete", "upsert", athlete,
                  "{\"name\": \"New\", \"email\": \"new@example.net\", \"email_consent\": true}");
  fields = g_strdup_printf ("{\"group_id\": \"%s\", \"athlete_id\": \"%s\"}", team->group_id, athlete);
  mail_team_push (team, "group_member", "upsert", member, fields);
  g_assert_cmpuint (mail_sink_wait (sink, 3, TIMEOUT_S), ==, 3);
  settle ();
  messages = mail_sink_read (sink);
  g_assert_cmpuint (json_array_get_length (messages), ==, 3);
  mail_find_message (messages, "new@example.net", &count);
  g_assert_cmpuint (count, ==, 1);
}

static void
test_consent_given (void)
{
  g_autoptr(MailSink) sink = mail_sink_start (NULL);
  g_auto(GStrv) env = mail_server_env (sink, NULL);
  g_autoptr(MailTeam) team = mail_team_new ((const char * const *) env);
  g_autoptr(JsonArray) messages = NULL;
  g_autofree char *rcpt2 = mail_athlete_email (2);
  guint count;

  mail_team_add_session (team, TRUE);
  g_assert_cmpuint (mail_sink_wait (sink, 2, TIMEOUT_S), ==, 2);
  /* Athlete 2 agrees to emails: invited to the coming session. A change of
   * someone already invited sends nothing. */
  mail_team_push (team, "athlete", "upsert", team->athletes[2], "{\"email_consent\": true}");
  mail_team_push (team, "athlete", "upsert", team->athletes[0], "{\"name\": \"Athlete zero\"}");
  g_assert_cmpuint (mail_sink_wait (sink, 3, TIMEOUT_S), ==, 3);
  settle ();
  messages = mail_sink_read (sink);
  g_assert_cmpuint (json_array_get_length (messages), ==, 3);
  mail_find_message (messages, rcpt2, &count);
  g_assert_cmpuint (count, ==, 1);
}

static void
test_prune (void)
{
  g_autoptr(MailSink) sink = mail_sink_start (NULL);
  g_auto(GStrv) env = mail_server_env (sink, NULL);
  g_autoptr(MailTeam) team = mail_team_new ((const char * const *) env);
  g_autofree char *sql = NULL;
  SyncTestServer *second;
  gint64 deadline;

  /* Finished rows older than half a year go; recent ones and unfinished
   * ones stay. */
  sql = g_strdup_printf ("INSERT INTO email_outbox (team_id, session_id, athlete_id, revision, kind, state, created_at) "
                         "VALUES ('%1$s', gen_random_uuid (), gen_random_uuid (), 1, 'invite', 'sent', now () - interval '200 days'), "
                         "       ('%1$s', gen_random_uuid (), gen_random_uuid (), 1, 'invite', 'superseded', now () - interval '200 days'), "
                         "       ('%1$s', gen_random_uuid (), gen_random_uuid (), 1, 'invite', 'sent', now () - interval '10 days'), "
                         "       ('%1$s', gen_random_uuid (), gen_random_uuid (), 1, 'invite', 'sending', now () - interval '200 days')",
                         team->team_id);
  PQclear (sync_test_db_exec (team->stack->db, sql));
  g_assert_cmpint (sync_test_db_int (team->stack->db, "SELECT count (*) FROM email_outbox"), ==, 4);

  /* An instance looks once when it starts, then every hour. */
  second = sync_test_server_start (team->stack->db, (const char * const *) env);
  deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  while (sync_test_db_int (team->stack->db, "SELECT count (*) FROM email_outbox") > 2 &&
         g_get_monotonic_time () < deadline)
    g_usleep (100 * 1000);
  g_assert_cmpint (sync_test_db_int (team->stack->db, "SELECT count (*) FROM email_outbox"), ==, 2);
  g_assert_cmpint (sync_test_db_int (team->stack->db,
                                     "SELECT count (*) FROM email_outbox WHERE created_at < now () - interval '100 days'"), ==, 1);
  sync_test_server_stop (second);
}

static void
test_config (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyncConfig) config = sync_config_new ();

  g_assert_cmpuint (config->mail_workers, ==, 2);
  g_assert_cmpuint (config->mail_hold_s, ==, 60);
  g_assert_cmpstr (config->mail_smtp_tls, ==, "required");
  g_assert_true (sync_config_load_data (config, "[mail]\nsmtp_tls = sometimes\n", "test", &error));
  g_assert_false (sync_config_validate (config, &error));
  g_assert_error (error, SYNC_CONFIG_ERROR, SYNC_CONFIG_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (sync_config_load_data (config, "[mail]\nsmtp_tls = none\nsmtp_url = smtp://127.0.0.1:25\n",
                                        "test", &error));
  /* a relay needs a sender */
  g_assert_false (sync_config_validate (config, &error));
  g_clear_error (&error);
  g_assert_true (sync_config_load_data (config, "[mail]\nfrom = a@example.org\n", "test", &error));
  g_assert_true (sync_config_validate (config, &error));
  g_assert_no_error (error);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mail/notify-and-cancel", test_notify_and_cancel);
  g_test_add_func ("/mail/no-notify", test_no_notify);
  g_test_add_func ("/mail/temporary-failure", test_temporary_failure);
  g_test_add_func ("/mail/permanent-failure", test_permanent_failure);
  g_test_add_func ("/mail/server-down", test_server_down);
  g_test_add_func ("/mail/killed-worker", test_killed_worker);
  g_test_add_func ("/mail/tls-auth", test_tls_auth);
  g_test_add_func ("/mail/tls-required", test_tls_required);
  g_test_add_func ("/mail/resend", test_resend);
  g_test_add_func ("/mail/rate-limit", test_rate_limit);
  g_test_add_func ("/mail/athlete-removed", test_athlete_removed);
  g_test_add_func ("/mail/session-deleted", test_session_deleted);
  g_test_add_func ("/mail/group-member-added", test_group_member_added);
  g_test_add_func ("/mail/consent-given", test_consent_given);
  g_test_add_func ("/mail/prune", test_prune);
  g_test_add_func ("/mail/config", test_config);
  return g_test_run ();
}
