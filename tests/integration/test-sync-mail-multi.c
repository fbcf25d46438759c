/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#include "config.h"

#include <string.h>

#include "coach-uuid.h"
#include "mail-test-util.h"

/* Three server instances on one database share one outbox: 1,000 emails,
 * one instance killed on the way. None lost; a copy twice only for what
 * the dead instance had in hand (the lease), with the same Message-ID. */

#define N_ATHLETES 1000
#define N_SERVERS 3
#define TIMEOUT_S 600

static void
push_big_session (MailTeam *team)
{
  g_autoptr(CoachWirePush) push = coach_wire_push_new ();
  g_autoptr(CoachWirePushResult) result = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *starts = mail_future_time (2);
  g_autofree char *session = NULL;
  gint64 mid = team->device->next_mid;

  g_free (team->session_id);
  team->session_id = coach_uuid_v7_new ();
  push->device_id = g_strdup (team->device->device_id);
  for (guint i = 0; i < N_ATHLETES; i++)
    {
      g_autofree char *id = coach_uuid_v7_new ();
      g_autofree char *link = coach_uuid_v7_new ();
      g_autofree char *fields = g_strdup_printf ("{\"name\": \"Runner %u\", \"email\": \"runner%u@example.net\", "
                                                 "\"email_consent\": true}", i, i);
      g_autofree char *link_fields = g_strdup_printf ("{\"session_id\": \"%s\", \"athlete_id\": \"%s\"}",
                                                      team->session_id, id);

      sync_test_add_mutation (push, mid++, "athlete", "upsert", id, fields);
      sync_test_add_mutation (push, mid++, "session_athlete", "upsert", link, link_fields);
    }
  session = g_strdup_printf ("{\"workout_id\": \"%s\", \"title\": \"Club run\", \"starts_at\": \"%s\", "
                             "\"notify\": true}", team->workout_id, starts);
  sync_test_add_mutation (push, mid++, "session", "upsert", team->session_id, session);
  team->device->next_mid = mid;
  result = sync_test_push_ok (team->stack->session, team->stack->server->url, team->device, push);
  g_assert_cmpuint (result->rejected->len, ==, 0);
}

static void
test_three_instances (void)
{
  g_autoptr(MailSink) sink = mail_sink_start (NULL);
  g_auto(GStrv) env = mail_server_env (sink, "COACHBOOK_SYNC_MAIL_LEASE_S=5", NULL);
  g_autoptr(MailTeam) team = mail_team_new ((const char * const *) env);
  g_autoptr(JsonArray) messages = NULL;
  g_autoptr(GHashTable) copies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  SyncTestServer *servers[N_SERVERS] = { team->stack->server };
  guint duplicates = 0;
  guint total;
  gint64 started;
  double seconds;

  for (guint i = 1; i < N_SERVERS; i++)
    servers[i] = sync_test_server_start (team->stack->db, (const char * const *) env);

  started = g_get_monotonic_time ();
  push_big_session (team);

  /* One instance dies with whatever it had claimed. */
  g_assert_cmpuint (mail_sink_wait (sink, N_ATHLETES / 4, TIMEOUT_S), >=, N_ATHLETES / 4);
  g_subprocess_force_exit (servers[2]->process);
  g_subprocess_wait (servers[2]->process, NULL, NULL);

  total = mail_sink_wait (sink, N_ATHLETES, TIMEOUT_S);
  seconds = (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC;
  g_assert_cmpuint (total, >=, N_ATHLETES);
  g_test_message ("%u emails from %u instances (one killed) in %.1f s: %.0f emails/s",
                  total, N_SERVERS, seconds, total / seconds);

  /* Wait out the lease, for any late resend to show. */
  g_usleep (7 * G_USEC_PER_SEC);
  g_assert_cmpint (sync_test_db_int (team->stack->db,
                                     "SELECT count (*) FROM email_outbox WHERE state <> 'sent'"), ==, 0);
  g_assert_cmpint (sync_test_db_int (team->stack->db, "SELECT count (*) FROM email_outbox"), ==, N_ATHLETES);

  messages = mail_sink_read (sink);
  for (guint m = 0; m < json_array_get_length (messages); m++)
    {
      JsonObject *message = json_array_get_object_element (messages, m);
      const char *rcpt = json_object_get_string_member (message, "rcpt");
      const char *message_id = json_object_get_string_member (message, "message_id");
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (copies, rcpt));

      g_hash_table_replace (copies, g_strdup (rcpt), GUINT_TO_POINTER (n + 1));
      if (n == 0)
        g_hash_table_insert (ids, g_strdup (rcpt), g_strdup (message_id));
      else
        {
          g_assert_cmpstr (g_hash_table_lookup (ids, rcpt), ==, message_id);
          g_assert_cmpuint (n + 1, ==, 2);
          duplicates++;
        }
    }
  /* none lost */
  g_assert_cmpuint (g_hash_table_size (copies), ==, N_ATHLETES);
  /* twice only for what the killed instance held: its two workers */
  g_assert_cmpuint (duplicates, <=, 2);
  g_test_message ("%u messages sent twice (claimed by the killed instance)", duplicates);

  g_object_unref (servers[2]->process);
  g_free (servers[2]->url);
  g_free (servers[2]);
  sync_test_server_stop (servers[1]);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mail/three-instances", test_three_instances);
  return g_test_run ();
}
