/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>

#include "coach-uuid.h"
#include "mail-test-util.h"

/* From sync-mail-queue.h, whose header cannot come along with
 * sync-test-util.h (both clean up PGresult). */
char *sync_mail_delivery_id (const char *session_id,
                             const char *athlete_id);

#define PYTHON "/usr/bin/python3"

/* ------------------------------------------------------------------------- */
/* The SMTP server */

static void
sink_spawn (MailSink *sink,
            guint     port)
{
  g_autoptr(GSubprocessLauncher) launcher = sync_test_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;

  g_ptr_array_add (argv, g_strdup (PYTHON));
  g_ptr_array_add (argv, g_test_build_filename (G_TEST_DIST, "smtp-sink.py", NULL));
  g_ptr_array_add (argv, g_strdup ("--maildir"));
  g_ptr_array_add (argv, g_strdup (sink->maildir));
  g_ptr_array_add (argv, g_strdup ("--control"));
  g_ptr_array_add (argv, g_strdup (sink->control));
  g_ptr_array_add (argv, g_strdup ("--port"));
  g_ptr_array_add (argv, g_strdup_printf ("%u", port));
  for (guint i = 0; sink->args && sink->args[i]; i++)
    g_ptr_array_add (argv, g_strdup (sink->args[i]));
  g_ptr_array_add (argv, NULL);

  sink->process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (sink->process));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  if (line == NULL || !g_str_has_prefix (line, "PORT="))
    g_error ("smtp-sink.py did not start (is python3-aiosmtpd installed?)");
  sink->port = (guint) g_ascii_strtoull (line + 5, NULL, 10);
  g_assert_cmpuint (sink->port, >, 0);
}

MailSink *
mail_sink_start (const char * const *args)
{
  MailSink *sink = g_new0 (MailSink, 1);

  sink->dir = g_dir_make_tmp ("coachbook-mail-XXXXXX", NULL);
  g_assert_nonnull (sink->dir);
  sink->maildir = g_build_filename (sink->dir, "maildir", NULL);
  sink->control = g_build_filename (sink->dir, "control", NULL);
  g_assert_cmpint (g_mkdir (sink->control, 0700), ==, 0);
  sink->args = g_strdupv ((char **) args);
  sink_spawn (sink, 0);
  return sink;
}

void
mail_sink_kill (MailSink *sink)
{
  if (sink->process == NULL)
    return;
  g_subprocess_force_exit (sink->process);
  g_subprocess_wait (sink->process, NULL, NULL);
  g_clear_object (&sink->process);
}

/* The same port again: what the server was told stays right. */
void
mail_sink_restart (MailSink *sink)
{
  mail_sink_kill (sink);
  sink_spawn (sink, sink->port);
}

void
mail_sink_free (MailSink *sink)
{
  if (sink == NULL)
    return;
  mail_sink_kill (sink);
  sync_test_remove_tree (sink->dir);
  g_free (sink->dir);
  g_free (sink->maildir);
  g_free (sink->control);
  g_strfreev (sink->args);
  g_free (sink);
}

void
mail_sink_control (MailSink   *sink,
                   const char *name,
                   const char *contents)
{
  g_autofree char *path = g_build_filename (sink->control, name, NULL);
  g_autoptr(GError) error = NULL;

  if (contents == NULL)
    {
      g_unlink (path);
      return;
    }
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

guint
mail_sink_count (MailSink *sink)
{
  g_autofree char *path = g_build_filename (sink->maildir, "new", NULL);
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  guint n = 0;

  if (dir == NULL)
    return 0;
  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

/* Waits until at least n messages arrived (generous: the machine may be
 * busy); returns how many there are. */
guint
mail_sink_wait (MailSink *sink,
                guint     n,
                guint     timeout_s)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_s * G_USEC_PER_SEC;
  guint count;

  while ((count = mail_sink_count (sink)) < n && g_get_monotonic_time () < deadline)
    g_usleep (50 * 1000);
  return count;
}

JsonArray *
mail_sink_read (MailSink *sink)
{
  g_autoptr(GSubprocessLauncher) launcher = sync_test_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "mail-read.py", NULL);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *out = NULL;

  process = g_subprocess_launcher_spawn (launcher, &error, PYTHON, script, sink->maildir, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (process));
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  return json_array_ref (json_node_get_array (json_parser_get_root (parser)));
}

char *
mail_smtp_env (MailSink *sink)
{
  return g_strdup_printf ("COACHBOOK_SYNC_MAIL_SMTP_URL=smtp://127.0.0.1:%u", sink->port);
}

GStrv
mail_server_env (MailSink *sink,
                 ...)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *smtp = mail_smtp_env (sink);
  va_list args;
  const char *kv;

  g_strv_builder_add (builder, smtp);
  g_strv_builder_add_many (builder,
                           "COACHBOOK_SYNC_MAIL_SMTP_TLS=none",
                           "COACHBOOK_SYNC_MAIL_FROM=" MAIL_TEST_FROM,
                           "COACHBOOK_SYNC_MAIL_LINK_SECRET=" MAIL_TEST_SECRET,
                           "COACHBOOK_SYNC_MAIL_HOLD_S=0",
                           "COACHBOOK_SYNC_MAIL_POLL_MS=100",
                           "COACHBOOK_SYNC_MAIL_RETRY_BASE_S=1",
                           "COACHBOOK_SYNC_MAIL_SMTP_TIMEOUT=20",
                           "COACHBOOK_SYNC_MAIL_TEAM_RATE_PER_MIN=0",
                           NULL);
  va_start (args, sink);
  while ((kv = va_arg (args, const char *)) != NULL)
    g_strv_builder_add (builder, kv);
  va_end (args);
  return g_strv_builder_end (builder);
}

/* ------------------------------------------------------------------------- */
/* The team */

char *
mail_athlete_email (guint i)
{
  return g_strdup_printf ("athlete%u@example.net", i);
}

void
mail_team_push (MailTeam   *team,
                const char *table,
                const char *op,
                const char *id,
                const char *fields_json)
{
  g_autoptr(CoachWirePush) push = coach_wire_push_new ();
  g_autoptr(CoachWirePushResult) result = NULL;

  push->device_id = g_strdup (team->device->device_id);
  sync_test_add_mutation (push, team->device->next_mid++, table, op, id, fields_json);
  result = sync_test_push_ok (team->stack->session, team->stack->server->url, team->device, push);
  g_assert_cmpuint (result->rejected->len, ==, 0);
}

char *
mail_future_time (int days)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, days);

  return g_date_time_format (then, "%Y-%m-%dT18:00:00+00:00");
}

MailTeam *
mail_team_new (const char * const *server_env)
{
  MailTeam *team = g_new0 (MailTeam, 1);
  g_autoptr(CoachWirePush) push = coach_wire_push_new ();
  g_autoptr(CoachWirePushResult) result = NULL;
  g_autofree char *fields = NULL;
  g_autofree char *team_name = NULL;
  g_autofree char *item_id = coach_uuid_v7_new ();
  g_autofree char *member_id = coach_uuid_v7_new ();
  gint64 mid;

  team->stack = sync_test_stack_new (server_env);
  team_name = sync_test_create_team (team->stack->db, "Harriers");
  sync_test_add_coach (team->stack->db, team_name, "coach@example.org");
  team->device = sync_test_login (team->stack->session, team->stack->server->url, "coach@example.org", "laptop");
  team->other = sync_test_login (team->stack->session, team->stack->server->url, "coach@example.org", "phone");
  team->team_id = g_strdup (team->device->team_id);

  team->workout_id = coach_uuid_v7_new ();
  team->exercise_id = coach_uuid_v7_new ();
  team->clip_id = coach_uuid_v7_new ();
  team->group_id = coach_uuid_v7_new ();
  for (guint i = 0; i < G_N_ELEMENTS (team->athletes); i++)
    team->athletes[i] = coach_uuid_v7_new ();

  push->device_id = g_strdup (team->device->device_id);
  mid = team->device->next_mid;
  sync_test_add_mutation (push, mid++, "clip", "upsert", team->clip_id,
                          "{\"title\": \"Squat, side view\", \"sha256\": "
                          "\"a665a45920422f9d417e4867efdc4fb8a04a1f3fff1fa07e998e86f7f7a27ae3\"}");
  fields = g_strdup_printf ("{\"name\": \"Goblet squat\", \"primary_clip_id\": \"%s\"}", team->clip_id);
  sync_test_add_mutation (push, mid++, "exercise", "upsert", team->exercise_id, fields);
  g_clear_pointer (&fields, g_free);
  sync_test_add_mutation (push, mid++, "workout", "upsert", team->workout_id,
                          "{\"name\": \"Legs\", \"total_duration_s\": 1800, \"work_s\": 45, \"rest_s\": 15}");
  fields = g_strdup_printf ("{\"workout_id\": \"%s\", \"exercise_id\": \"%s\", \"position\": \"a0\", "
                            "\"kind\": \"sets\", \"sets\": 3, \"reps\": 10, \"rest_s\": 60}",
                            team->workout_id, team->exercise_id);
  sync_test_add_mutation (push, mid++, "workout_item", "upsert", item_id, fields);
  g_clear_pointer (&fields, g_free);
  /* a starter exercise (not among the records until someone edits it),
   * timed by the workout's own work and rest */
  {
    g_autofree char *starter = coach_uuid_v5 (COACH_UUID_NAMESPACE, "starter:exercise:push-up");
    g_autofree char *second = coach_uuid_v7_new ();

    fields = g_strdup_printf ("{\"workout_id\": \"%s\", \"exercise_id\": \"%s\", \"position\": \"a1\", "
                              "\"kind\": \"timed\", \"work_s\": null, \"rest_s\": null}",
                              team->workout_id, starter);
    sync_test_add_mutation (push, mid++, "workout_item", "upsert", second, fields);
    g_clear_pointer (&fields, g_free);
  }
  sync_test_add_mutation (push, mid++, "athlete_group", "upsert", team->group_id, "{\"name\": \"Sprinters\"}");
  for (guint i = 0; i < G_N_ELEMENTS (team->athletes); i++)
    {
      g_autofree char *email = mail_athlete_email (i);

      fields = g_strdup_printf ("{\"name\": \"Athlete %u\", %s%s%s \"email_consent\": %s, "
                                "\"preferences\": {\"language\": \"%s\"}}",
                                i, i == 3 ? "" : "\"email\": \"", i == 3 ? "" : email, i == 3 ? "" : "\",",
                                i == 2 ? "false" : "true", i == 1 ? "de" : "en");
      sync_test_add_mutation (push, mid++, "athlete", "upsert", team->athletes[i], fields);
      g_clear_pointer (&fields, g_free);
    }
  fields = g_strdup_printf ("{\"group_id\": \"%s\", \"athlete_id\": \"%s\"}", team->group_id, team->athletes[1]);
  sync_test_add_mutation (push, mid++, "group_member", "upsert", member_id, fields);
  team->device->next_mid = mid;
  result = sync_test_push_ok (team->stack->session, team->stack->server->url, team->device, push);
  g_assert_cmpuint (result->rejected->len, ==, 0);
  return team;
}

/* A session for athletes 0, 2 and 3 and the group (athlete 1), in one
 * push, the way the app sends it. */
void
mail_team_add_session (MailTeam *team,
                       gboolean  notify)
{
  g_autoptr(CoachWirePush) push = coach_wire_push_new ();
  g_autoptr(CoachWirePushResult) result = NULL;
  g_autofree char *starts = mail_future_time (3);
  g_autofree char *fields = NULL;
  g_autofree char *group_link_id = coach_uuid_v7_new ();
  gint64 mid = team->device->next_mid;
  const guint direct[] = { 0, 2, 3 };

  g_free (team->session_id);
  team->session_id = coach_uuid_v7_new ();
  push->device_id = g_strdup (team->device->device_id);
  fields = g_strdup_printf ("{\"workout_id\": \"%s\", \"title\": \"Leg day\", \"starts_at\": \"%s\", "
                            "\"timezone\": \"Europe/Berlin\", \"duration_s\": 3600, \"location\": \"Track 2\", "
                            "\"notify\": %s, \"status\": \"planned\"}",
                            team->workout_id, starts, notify ? "true" : "false");
  sync_test_add_mutation (push, mid++, "session", "upsert", team->session_id, fields);
  for (guint i = 0; i < G_N_ELEMENTS (direct); i++)
    {
      g_free (team->links[direct[i]]);
      team->links[direct[i]] = coach_uuid_v7_new ();
      g_clear_pointer (&fields, g_free);
      fields = g_strdup_printf ("{\"session_id\": \"%s\", \"athlete_id\": \"%s\"}",
                                team->session_id, team->athletes[direct[i]]);
      sync_test_add_mutation (push, mid++, "session_athlete", "upsert", team->links[direct[i]], fields);
    }
  g_clear_pointer (&fields, g_free);
  fields = g_strdup_printf ("{\"session_id\": \"%s\", \"group_id\": \"%s\"}", team->session_id, team->group_id);
  sync_test_add_mutation (push, mid++, "session_group", "upsert", group_link_id, fields);
  team->device->next_mid = mid;
  result = sync_test_push_ok (team->stack->session, team->stack->server->url, team->device, push);
  g_assert_cmpuint (result->rejected->len, ==, 0);
}

void
mail_team_free (MailTeam *team)
{
  if (team == NULL)
    return;
  sync_test_device_free (team->device);
  sync_test_device_free (team->other);
  sync_test_stack_free (team->stack);
  g_free (team->team_id);
  g_free (team->workout_id);
  g_free (team->exercise_id);
  g_free (team->clip_id);
  g_free (team->group_id);
  g_free (team->session_id);
  for (guint i = 0; i < G_N_ELEMENTS (team->athletes); i++)
    {
      g_free (team->athletes[i]);
      g_free (team->links[i]);
    }
  g_free (team);
}

/* Everything, from the start, as a new device would see it. */
GPtrArray *
mail_team_pull (MailTeam *team)
{
  team->other->cursor = 0;
  return sync_test_pull_all (team->stack->session, team->stack->server->url, team->other, 500);
}

CoachWireChange *
mail_team_delivery (MailTeam   *team,
                    GPtrArray  *changes,
                    const char *session_id,
                    const char *athlete_id)
{
  g_autofree char *id = sync_mail_delivery_id (session_id, athlete_id);
  CoachWireChange *change = sync_test_find_change (changes, id);

  if (change != NULL)
    g_assert_cmpstr (change->table, ==, "delivery");
  return change;
}

/* Pulls until the athlete's delivery record for the current session has
 * the status; returns its error text (or NULL). */
char *
mail_team_wait_delivery (MailTeam   *team,
                         const char *athlete_id,
                         const char *status,
                         guint       timeout_s)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_s * G_USEC_PER_SEC;
  g_autofree char *last = NULL;

  for (;;)
    {
      g_autoptr(GPtrArray) changes = mail_team_pull (team);
      CoachWireChange *change = mail_team_delivery (team, changes, team->session_id, athlete_id);

      g_free (last);
      last = g_strdup (change ? sync_test_field_string (change, "status") : "(none)");
      if (g_strcmp0 (last, status) == 0)
        return g_strdup (sync_test_field_string (change, "error"));
      if (g_get_monotonic_time () > deadline)
        g_error ("delivery of athlete %s: status %s, waited for %s", athlete_id, last, status);
      g_usleep (100 * 1000);
    }
}

/* The message whose envelope went to rcpt; count says how many did. */
JsonObject *
mail_find_message (JsonArray  *messages,
                   const char *rcpt,
                   guint      *count)
{
  JsonObject *found = NULL;
  guint n = 0;

  for (guint i = 0; i < json_array_get_length (messages); i++)
    {
      JsonObject *message = json_array_get_object_element (messages, i);

      if (g_strcmp0 (json_object_get_string_member (message, "rcpt"), rcpt) == 0)
        {
          found = message;
          n++;
        }
    }
  if (count != NULL)
    *count = n;
  return found;
}
