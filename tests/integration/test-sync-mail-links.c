/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#include "config.h"

#include <string.h>

#include "coach-uuid.h"
#include "mail-test-util.h"

#define TIMEOUT_S 90
#define CLIP_BYTES "123"

static guint
request_no_redirect (SoupSession  *session,
                     const char   *method,
                     const char   *url,
                     const char   *form,
                     char        **location,
                     char        **body)
{
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (msg);
  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  if (form != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (form, strlen (form));

      soup_message_set_request_body_from_bytes (msg, "application/x-www-form-urlencoded", bytes);
    }
  reply = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  if (location != NULL)
    *location = g_strdup (soup_message_headers_get_one (soup_message_get_response_headers (msg), "Location"));
  if (body != NULL)
    *body = g_strndup (g_bytes_get_data (reply, NULL), g_bytes_get_size (reply));
  return soup_message_get_status (msg);
}

/* The clip's file, uploaded the way the app does it. */
static void
upload_clip (MailTeam *team)
{
  g_autofree char *init_url = sync_test_stack_url (team->stack, "/v1/blobs/init");
  g_autofree char *sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, CLIP_BYTES, -1);
  g_autofree char *body = g_strdup_printf ("{\"sha256\": \"%s\", \"size\": 3, \"mime\": \"video/mp4\"}", sha);
  g_autofree char *path = g_strdup_printf ("/v1/blobs/%s/complete", sha);
  g_autofree char *complete_url = sync_test_stack_url (team->stack, path);
  g_autoptr(SyncTestResponse) init = NULL;
  g_autoptr(SyncTestResponse) complete = NULL;
  g_autoptr(SoupMessage) put = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new_static (CLIP_BYTES, 3);
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GError) error = NULL;

  init = sync_test_request (team->stack->session, "POST", init_url, team->device->token, body, -1);
  g_assert_cmpuint (init->status, ==, 200);
  put = soup_message_new ("PUT", json_object_get_string_member (sync_test_response_object (init), "url"));
  soup_message_set_request_body_from_bytes (put, "application/octet-stream", bytes);
  reply = soup_session_send_and_read (team->stack->session, put, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (put), ==, 200);
  complete = sync_test_request (team->stack->session, "POST", complete_url, team->device->token, NULL, 0);
  g_assert_cmpuint (complete->status, ==, 200);
}

static char *
replace (const char *text,
         const char *from,
         const char *to)
{
  g_auto(GStrv) parts = g_strsplit (text, from, -1);

  return g_strjoinv (to, parts);
}

/* What the server computes, with the secret the test configured. */
static char *
clip_token (const char *team_id,
            const char *session_id,
            const char *athlete_id)
{
  g_autofree char *message = g_strjoin ("\n", "clip", team_id, session_id, athlete_id, NULL);
  g_autofree char *digest = g_compute_hmac_for_string (G_CHECKSUM_SHA256, (const guchar *) MAIL_TEST_SECRET,
                                                       strlen (MAIL_TEST_SECRET), message, -1);

  return g_strndup (digest, 32);
}

static void
test_clip_link (void)
{
  g_autoptr(MailSink) sink = mail_sink_start (NULL);
  g_auto(GStrv) env = mail_server_env (sink, NULL);
  g_autoptr(MailTeam) team = mail_team_new ((const char * const *) env);
  g_autoptr(JsonArray) messages = NULL;
  g_autofree char *rcpt = mail_athlete_email (0);
  g_autofree char *location = NULL;
  g_autofree char *body = NULL;
  g_autofree char *other_session = coach_uuid_v7_new ();
  g_autofree char *other_workout = coach_uuid_v7_new ();
  g_autofree char *starts = mail_future_time (5);
  g_autofree char *fields = NULL;
  g_autofree char *wrong_session = NULL;
  g_autofree char *forged = NULL;
  g_autofree char *token = NULL;
  g_autofree char *tampered = NULL;
  JsonObject *message;
  const char *link;
  const char *token_at;
  guint count;

  upload_clip (team);
  mail_team_add_session (team, TRUE);
  g_free (mail_team_wait_delivery (team, team->athletes[0], "sent", TIMEOUT_S));
  messages = mail_sink_read (sink);
  message = mail_find_message (messages, rcpt, &count);
  g_assert_cmpuint (count, ==, 1);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (message, "clip_links")), ==, 1);
  link = json_array_get_string_element (json_object_get_array_member (message, "clip_links"), 0);
  g_assert_true (g_str_has_prefix (link, team->stack->server->url));
  g_assert_nonnull (strstr (link, team->clip_id));

  /* The link: a redirect to the clip's file, which holds the clip. */
  g_assert_cmpuint (request_no_redirect (team->stack->session, "GET", link, NULL, &location, NULL), ==, 302);
  g_assert_nonnull (location);
  g_assert_cmpuint (request_no_redirect (team->stack->session, "GET", location, NULL, NULL, &body), ==, 200);
  g_assert_cmpstr (body, ==, CLIP_BYTES);
  g_assert_cmpint (sync_test_db_int (team->stack->db, "SELECT count (*) FROM email_clip_view"), ==, 1);

  /* Another session (without that clip in its workout). */
  mail_team_push (team, "workout", "upsert", other_workout, "{\"name\": \"Arms\"}");
  fields = g_strdup_printf ("{\"workout_id\": \"%s\", \"starts_at\": \"%s\", \"notify\": false}",
                            other_workout, starts);
  mail_team_push (team, "session", "upsert", other_session, fields);

  /* this link's token does not open the other session */
  wrong_session = replace (link, team->session_id, other_session);
  g_assert_cmpuint (request_no_redirect (team->stack->session, "GET", wrong_session, NULL, NULL, NULL), ==, 403);
  /* a token of the other session does not open this session's clip */
  token_at = strstr (link, "token=");
  g_assert_nonnull (token_at);
  token = clip_token (team->team_id, other_session, team->athletes[0]);
  forged = g_strdup_printf ("%.*stoken=%s", (int) (token_at - link), wrong_session, token);
  g_assert_cmpuint (request_no_redirect (team->stack->session, "GET", forged, NULL, NULL, NULL), ==, 404);
  /* a tampered token opens nothing */
  tampered = g_strdup (link);
  tampered[strlen (tampered) - 1] = tampered[strlen (tampered) - 1] == '0' ? '1' : '0';
  g_assert_cmpuint (request_no_redirect (team->stack->session, "GET", tampered, NULL, NULL, NULL), ==, 403);
  g_assert_cmpint (sync_test_db_int (team->stack->db, "SELECT count (*) FROM email_clip_view"), ==, 1);
}

static void
test_unsubscribe (void)
{
  g_autoptr(MailSink) sink = mail_sink_start (NULL);
  g_auto(GStrv) env = mail_server_env (sink, NULL);
  g_autoptr(MailTeam) team = mail_team_new ((const char * const *) env);
  g_autoptr(JsonArray) messages = NULL;
  g_autoptr(JsonArray) later = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autofree char *rcpt0 = mail_athlete_email (0);
  g_autofree char *rcpt1 = mail_athlete_email (1);
  g_autofree char *url = NULL;
  g_autofree char *page = NULL;
  g_autofree char *done = NULL;
  g_autofree char *bad = NULL;
  CoachWireChange *athlete;
  JsonObject *message;
  const char *header;
  guint count;

  mail_team_add_session (team, TRUE);
  g_free (mail_team_wait_delivery (team, team->athletes[0], "sent", TIMEOUT_S));
  g_free (mail_team_wait_delivery (team, team->athletes[1], "sent", TIMEOUT_S));
  messages = mail_sink_read (sink);
  message = mail_find_message (messages, rcpt0, &count);
  header = json_object_get_string_member (message, "list_unsubscribe");
  g_assert_true (g_str_has_prefix (header, "<http"));
  url = g_strndup (header + 1, strcspn (header + 1, ">"));

  /* Opening the link only asks (mail scanners open links). */
  g_assert_cmpuint (request_no_redirect (team->stack->session, "GET", url, NULL, NULL, &page), ==, 200);
  g_assert_nonnull (strstr (page, "<form method=\"post\""));
  changes = mail_team_pull (team);
  athlete = sync_test_find_change (changes, team->athletes[0]);
  g_assert_true (json_object_get_boolean_member (athlete->fields, "email_consent"));
  g_clear_pointer (&changes, g_ptr_array_unref);

  /* A wrong token changes nothing. */
  bad = replace (url, team->athletes[0], team->athletes[1]);
  g_assert_cmpuint (request_no_redirect (team->stack->session, "POST", bad, "List-Unsubscribe=One-Click",
                                         NULL, NULL), ==, 403);

  /* One click (RFC 8058). */
  g_assert_cmpuint (request_no_redirect (team->stack->session, "POST", url, "List-Unsubscribe=One-Click",
                                         NULL, &done), ==, 200);
  changes = mail_team_pull (team);
  athlete = sync_test_find_change (changes, team->athletes[0]);
  g_assert_false (json_object_get_boolean_member (athlete->fields, "email_consent"));
  g_assert_cmpstr (json_object_get_string_member (athlete->fields, "email"), ==, rcpt0);
  athlete = sync_test_find_change (changes, team->athletes[1]);
  g_assert_true (json_object_get_boolean_member (athlete->fields, "email_consent"));

  /* The next change of the session reaches athlete 1 only. */
  mail_team_push (team, "session", "upsert", team->session_id, "{\"location\": \"Gym\"}");
  g_assert_cmpuint (mail_sink_wait (sink, 3, TIMEOUT_S), ==, 3);
  g_usleep (1500 * 1000);
  later = mail_sink_read (sink);
  g_assert_cmpuint (json_array_get_length (later), ==, 3);
  mail_find_message (later, rcpt0, &count);
  g_assert_cmpuint (count, ==, 1);
  mail_find_message (later, rcpt1, &count);
  g_assert_cmpuint (count, ==, 2);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mail/clip-link", test_clip_link);
  g_test_add_func ("/mail/unsubscribe", test_unsubscribe);
  return g_test_run ();
}
