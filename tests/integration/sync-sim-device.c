/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 *
 * One device of the convergence tests as a process of its own, so that a
 * test can kill it with SIGKILL in the middle of a sync, or run it under
 * faketime:
 *
 *   sync-sim-device DATA_DIR DEVICE_ID [--ops FILE] [--url URL --token TOKEN]
 *                   [--kill-in-transaction N]
 *
 * Applies the op lines of FILE (see sync-sim-util.h) to the catalog in
 * DATA_DIR, then runs one sync round when --url is given. With
 * --kill-in-transaction, the process sends itself SIGKILL once SQLite has
 * run N progress steps inside an open transaction (the apply of a pulled
 * page, or a local write). Prints "ok pushed=P pulled=Q cursor=C" or
 * "error MESSAGE" (exit status 1; network failures are expected there).
 */
#define G_LOG_DOMAIN "sync-sim-device"

#include "config.h"

#include <signal.h>
#include <sys/prctl.h>

#include "coach-catalog-private.h"
#include "sync-sim-util.h"

static int kill_countdown = -1;

static int
progress_cb (void *user_data)
{
  sqlite3 *db = user_data;

  if (kill_countdown >= 0 && !sqlite3_get_autocommit (db) && kill_countdown-- == 0)
    raise (SIGKILL);
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("DATA_DIR DEVICE_ID");
  g_autoptr(GError) error = NULL;
  g_autoptr(CoachCatalog) catalog = NULL;
  g_autofree char *ops_file = NULL;
  g_autofree char *url = NULL;
  g_autofree char *token = NULL;
  int kill_after = -1;
  CoachSyncStats stats = { 0 };
  GOptionEntry entries[] = {
    { "ops", 0, 0, G_OPTION_ARG_FILENAME, &ops_file, "Op lines to apply first", "FILE" },
    { "url", 0, 0, G_OPTION_ARG_STRING, &url, "Sync with this server", "URL" },
    { "token", 0, 0, G_OPTION_ARG_STRING, &token, "The device's token", "TOKEN" },
    { "kill-in-transaction", 0, 0, G_OPTION_ARG_INT, &kill_after, "SIGKILL after N steps in a transaction", "N" },
    { NULL }
  };

  prctl (PR_SET_PDEATHSIG, SIGKILL);
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 3)
    {
      g_printerr ("usage: sync-sim-device DATA_DIR DEVICE_ID [--ops FILE] [--url URL --token TOKEN]\n");
      return 2;
    }

  catalog = sim_catalog_open (argv[1], argv[2], &error);
  if (catalog == NULL)
    {
      g_print ("error %s\n", error->message);
      return 2;
    }

  if (ops_file != NULL)
    {
      g_autofree char *text = NULL;
      g_auto(GStrv) lines = NULL;

      if (!g_file_get_contents (ops_file, &text, NULL, &error))
        {
          g_print ("error %s\n", error->message);
          return 2;
        }
      lines = g_strsplit (text, "\n", -1);
      for (guint i = 0; lines[i]; i++)
        {
          gboolean skipped;

          if (*lines[i] == '\0')
            continue;
          if (!sim_apply_op (catalog, lines[i], &skipped, &error))
            {
              g_print ("error %s: %s\n", lines[i], error->message);
              return 2;
            }
        }
    }

  if (url == NULL)
    {
      g_print ("ok pushed=0 pulled=0 cursor=%" G_GINT64_FORMAT "\n", sim_cursor (catalog));
      return 0;
    }

  if (kill_after >= 0)
    {
      sqlite3 *db = coach_db_get_handle (_coach_catalog_get_db (catalog));

      kill_countdown = kill_after;
      sqlite3_progress_handler (db, 50, progress_cb, db);
    }

  if (!sim_sync (catalog, url, token, &stats, &error))
    {
      g_print ("error %s\n", error->message);
      return 1;
    }
  g_print ("ok pushed=%u pulled=%u cursor=%" G_GINT64_FORMAT "\n", stats.pushed, stats.pulled, sim_cursor (catalog));
  return 0;
}
