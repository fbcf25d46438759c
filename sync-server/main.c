/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coachbook-sync"

#include "config.h"

#include <glib-unix.h>
#include <locale.h>
#include <signal.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>

#include "sync-admin.h"
#include "sync-config.h"
#include "sync-db.h"
#include "sync-log.h"
#include "sync-mail-worker.h"
#include "sync-metrics.h"
#include "sync-migrate.h"
#include "sync-server.h"

#define EXIT_USAGE 2

typedef struct
{
  GMainLoop  *loop;
  SyncServer *server;
  gboolean    stopping;
} ServeState;

static gboolean
drained_cb (gpointer user_data)
{
  ServeState *state = user_data;

  g_main_loop_quit (state->loop);
  return G_SOURCE_REMOVE;
}

static gboolean
signal_cb (gpointer user_data)
{
  ServeState *state = user_data;

  /* The first signal drains, a second one does not wait any more. */
  if (state->stopping)
    {
      g_message ("second signal: stopping now");
      g_main_loop_quit (state->loop);
      return G_SOURCE_CONTINUE;
    }
  state->stopping = TRUE;
  sync_server_shutdown (state->server, drained_cb, state);
  return G_SOURCE_CONTINUE;
}

static guint
add_signal (int          signum,
            ServeState  *state)
{
  GSource *source = g_unix_signal_source_new (signum);
  guint id;

  g_source_set_callback (source, signal_cb, state, NULL);
  id = g_source_attach (source, NULL);
  g_source_unref (source);
  return id;
}

static gboolean
serve (const SyncConfig  *config,
       SyncDb            *db,
       GError           **error)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(SyncServer) server = NULL;
  SyncMetrics *metrics = NULL;
  SyncMailWorkers *mail = NULL;
  ServeState state = { 0 };
  guint sigterm_id;
  guint sigint_id;

  if (!sync_migrate_run (db, NULL, error))
    return FALSE;

  metrics = sync_metrics_new ();
  server = sync_server_new (config, db, metrics, error);
  if (server == NULL || !sync_server_listen (server, error))
    {
      sync_metrics_free (metrics);
      return FALSE;
    }

  mail = sync_mail_workers_start (config, db, metrics, sync_server_get_url (server), error);
  if (mail == NULL && error != NULL && *error != NULL)
    {
      g_clear_pointer (&server, sync_server_free);
      sync_metrics_free (metrics);
      return FALSE;
    }

  state.loop = loop;
  state.server = server;
  sigterm_id = add_signal (SIGTERM, &state);
  sigint_id = add_signal (SIGINT, &state);

  /* Machine-readable, and the only line on stdout: with port 0 this is how
   * a caller learns the port. */
  printf ("URL=%s\n", sync_server_get_url (server));
  fflush (stdout);
  g_message ("listening on %s", sync_server_get_url (server));

  g_main_loop_run (loop);

  g_source_remove (sigterm_id);
  g_source_remove (sigint_id);
  g_clear_pointer (&mail, sync_mail_workers_stop);
  g_clear_pointer (&server, sync_server_free);
  sync_db_close (db);
  sync_metrics_free (metrics);
  g_message ("stopped");
  return TRUE;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SyncConfig) config = NULL;
  g_auto(GStrv) environ_copy = NULL;
  g_autofree char *config_path = NULL;
  SyncDb *db = NULL;
  gboolean version = FALSE;
  gboolean ok = FALSE;
  const char *command;
  const GOptionEntry entries[] = {
    { "config", 'c', 0, G_OPTION_ARG_FILENAME, &config_path,
      "Read settings from FILE (the environment still overrides them)", "FILE" },
    { "version", 0, 0, G_OPTION_ARG_NONE, &version, "Print the version and exit", NULL },
    { NULL }
  };

  setlocale (LC_ALL, "");
  sync_log_init ();
  /* Writes to a client that went away must fail, not kill the server. */
  signal (SIGPIPE, SIG_IGN);

  context = g_option_context_new ("COMMAND [ARGUMENTS...]");
  g_option_context_set_summary (context,
    "The Coachbook team sync server.\n"
    "\n"
    "Commands:\n"
    "  serve                          Apply pending database migrations, then serve\n"
    "                                 HTTP until SIGTERM or SIGINT; prints\n"
    "                                 URL=http://ADDRESS:PORT once listening\n"
    "  migrate                        Apply pending database migrations and exit\n"
    SYNC_ADMIN_USAGE);
  g_option_context_set_description (context,
    "Settings are read from the --config file (see coachbook-sync.conf.example),\n"
    "then from the environment, where COACHBOOK_SYNC_<SECTION>_<KEY> overrides a\n"
    "key of the file, e.g. COACHBOOK_SYNC_DATABASE_URL or COACHBOOK_SYNC_HTTP_PORT.\n"
    "Admin commands apply pending migrations first.\n");
  g_option_context_add_main_entries (context, entries, NULL);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("coachbook-sync: %s\n", error->message);
      return EXIT_USAGE;
    }
  if (version)
    {
      g_print ("coachbook-sync %s\n", PACKAGE_VERSION);
      return EXIT_SUCCESS;
    }
  if (argc < 2)
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

      g_printerr ("%s", help);
      return EXIT_USAGE;
    }
  command = argv[1];
  if (g_strcmp0 (command, "serve") != 0 && g_strcmp0 (command, "migrate") != 0 &&
      g_strcmp0 (command, "admin") != 0)
    {
      g_printerr ("coachbook-sync: unknown command \"%s\"; see coachbook-sync --help\n", command);
      return EXIT_USAGE;
    }
  if (g_strcmp0 (command, "admin") != 0 && argc > 2)
    {
      g_printerr ("coachbook-sync: %s takes no arguments\n", command);
      return EXIT_USAGE;
    }

  config = sync_config_new ();
  environ_copy = g_get_environ ();
  if ((config_path != NULL && !sync_config_load_file (config, config_path, &error)) ||
      !sync_config_load_env (config, environ_copy, &error) ||
      !sync_config_validate (config, &error))
    {
      g_printerr ("coachbook-sync: %s\n", error->message);
      return EXIT_USAGE;
    }

  if (sodium_init () < 0)
    {
      g_printerr ("coachbook-sync: libsodium cannot be initialized\n");
      return EXIT_FAILURE;
    }

  db = sync_db_new (config->database_url, config->pool_size, config->pool_timeout,
                    config->connect_timeout, config->statement_timeout);

  if (g_strcmp0 (command, "serve") == 0)
    ok = serve (config, db, &error);
  else if (g_strcmp0 (command, "migrate") == 0)
    {
      guint n = 0;

      ok = sync_migrate_run (db, &n, &error);
      if (ok)
        g_message ("database schema is up to date (%u migrations applied now)", n);
    }
  else
    ok = sync_migrate_run (db, NULL, &error) &&
         sync_admin_run (db, argc - 2, argv + 2, &error);

  sync_db_free (db);

  if (!ok)
    {
      g_printerr ("coachbook-sync: %s\n", error->message);
      return g_error_matches (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE) ||
             g_error_matches (error, G_OPTION_ERROR, G_OPTION_ERROR_UNKNOWN_OPTION)
             ? EXIT_USAGE : EXIT_FAILURE;
    }
  return EXIT_SUCCESS;
}
