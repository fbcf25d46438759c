/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 *
 * `make server` (sync-server/dev-stack.sh): the whole local stack comes
 * up, prints what DESIGN.md promises, a coach can sign in and sync with
 * it, the SMTP server answers, and Ctrl+C (SIGINT to the process group)
 * stops everything and removes its files.
 */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gio/gunixinputstream.h>

#include "sync-test-util.h"

static void
new_process_group_cb (gpointer user_data)
{
  setpgid (0, 0);
}

static char *
login_body (const char *email,
            const char *password)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "email");
  json_builder_add_string_value (builder, email);
  json_builder_set_member_name (builder, "password");
  json_builder_add_string_value (builder, password);
  json_builder_set_member_name (builder, "device_name");
  json_builder_add_string_value (builder, "dev stack test");
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static char *
smtp_greeting (const char *address)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GDataInputStream) in = NULL;
  g_autoptr(GError) error = NULL;
  char *line;

  g_socket_client_set_timeout (client, 30);
  connection = g_socket_client_connect_to_host (client, address, 25, NULL, &error);
  g_assert_no_error (error);
  in = g_data_input_stream_new (g_io_stream_get_input_stream (G_IO_STREAM (connection)));
  line = g_data_input_stream_read_line_utf8 (in, NULL, NULL, &error);
  g_assert_no_error (error);
  return line;
}

static gboolean
wait_exit (GPid  pid,
           int  *status)
{
  for (guint i = 0; i < 600; i++)
    {
      pid_t r = waitpid (pid, status, WNOHANG);

      if (r == pid)
        return TRUE;
      g_assert_true (r == 0 || errno == EINTR);
      g_usleep (100 * 1000);
    }
  return FALSE;
}

static void
test_dev_stack (void)
{
  const char *sync_bin = g_getenv ("COACHBOOK_TEST_SYNC_BIN");
  g_autofree char *server_dir = g_path_get_dirname (sync_bin);
  g_autofree char *builddir = g_path_get_dirname (server_dir);
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "..", "..", "sync-server", "dev-stack.sh", NULL);
  const char *argv[] = { "/bin/sh", script, builddir, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) out_stream = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GHashTable) values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(SoupSession) session = sync_test_session_new ();
  g_autoptr(SyncTestResponse) login = NULL;
  g_autoptr(SyncTestResponse) pull = NULL;
  g_autoptr(SyncTestResponse) health = NULL;
  g_autofree char *state_dir = NULL;
  g_autofree char *login_url = NULL;
  g_autofree char *pull_url = NULL;
  g_autofree char *health_url = NULL;
  g_autofree char *body = NULL;
  g_autofree char *greeting = NULL;
  const char *url;
  const char *maildir;
  GPid pid;
  int out_fd;
  int status = 0;

  g_assert_nonnull (sync_bin);
  g_assert_true (g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                                           new_process_group_cb, NULL, &pid, NULL, &out_fd, NULL, &error));
  g_assert_no_error (error);
  out_stream = g_unix_input_stream_new (out_fd, TRUE);
  out = g_data_input_stream_new (out_stream);

  /* URL, EMAIL, PASSWORD, MAILDIR, SMTP, one per line, then it stays up */
  while (g_hash_table_size (values) < 5)
    {
      g_autofree char *line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
      const char *eq;

      g_assert_no_error (error);
      g_assert_nonnull (line);   /* NULL: the stack died before printing everything */
      eq = strchr (line, '=');
      g_assert_nonnull (eq);
      g_hash_table_insert (values, g_strndup (line, eq - line), g_strdup (eq + 1));
    }
  url = g_hash_table_lookup (values, "URL");
  maildir = g_hash_table_lookup (values, "MAILDIR");
  g_assert_true (g_str_has_prefix (url, "http://127.0.0.1:"));
  g_assert_cmpstr (g_hash_table_lookup (values, "EMAIL"), ==, "demo@example.org");
  g_assert_nonnull (maildir);
  g_assert_nonnull (g_hash_table_lookup (values, "SMTP"));
  state_dir = g_path_get_dirname (maildir);
  g_assert_true (g_file_test (state_dir, G_FILE_TEST_IS_DIR));

  /* the demo coach signs in and syncs */
  login_url = g_strconcat (url, "/v1/auth/login", NULL);
  body = login_body (g_hash_table_lookup (values, "EMAIL"), g_hash_table_lookup (values, "PASSWORD"));
  login = sync_test_request (session, "POST", login_url, NULL, body, -1);
  g_assert_cmpuint (login->status, ==, 200);
  pull_url = g_strconcat (url, "/v1/pull", NULL);
  pull = sync_test_request (session, "GET", pull_url,
                            json_object_get_string_member (sync_test_response_object (login), "token"), NULL, 0);
  g_assert_cmpuint (pull->status, ==, 200);
  g_assert_true (json_object_has_member (sync_test_response_object (pull), "epoch"));
  health_url = g_strconcat (url, "/healthz", NULL);
  health = sync_test_request (session, "GET", health_url, NULL, NULL, 0);
  g_assert_cmpuint (health->status, ==, 200);

  greeting = smtp_greeting (g_hash_table_lookup (values, "SMTP"));
  g_assert_true (g_str_has_prefix (greeting, "220"));

  /* Ctrl+C */
  g_assert_cmpint (kill (-pid, SIGINT), ==, 0);
  g_assert_true (wait_exit (pid, &status));
  g_spawn_close_pid (pid);
  g_assert_true (WIFEXITED (status));
  g_assert_false (g_file_test (state_dir, G_FILE_TEST_EXISTS));

  {
    g_autoptr(SoupMessage) msg = soup_message_new ("GET", health_url);
    g_autoptr(GBytes) gone = soup_session_send_and_read (session, msg, NULL, &error);

    g_assert_nonnull (error);   /* nothing listens there any more */
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dev-stack/up-and-down", test_dev_stack);

  return g_test_run ();
}
