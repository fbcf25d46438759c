/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 *
 * A seeded simulation of a team: 3-5 devices create, edit, delete and
 * reorder workout items, go offline and online, and sync through a proxy
 * that drops connections, delays, duplicates and replays requests and
 * cuts replies; now and then a device process is killed with SIGKILL in
 * the middle of applying a pull, or the server in the middle of a push
 * (and restarted on the same database); rarely the team gets a new epoch,
 * as after a restore from backup. Meanwhile a coach edits rows another
 * device deletes, while the sync runs. Then the proxy heals, every device
 * syncs until nothing moves, and:
 *
 *   - every catalog holds the same rows as every other and as PostgreSQL;
 *   - outboxes are empty, every mutation the devices made was acknowledged
 *     (or dropped with a conflict kept for review), and each acknowledged
 *     one is on the server or recorded there as a rejection; where one
 *     device was the last to write a field, its value is the one kept;
 *   - cursors never went backwards (but to start over in a new epoch),
 *     server versions are unique, and every SQLite file passes
 *     integrity_check, also right after each SIGKILL.
 *
 * SIM_SEED=N runs seed N alone (SIM_SEED=N meson test test-sync-chaos);
 * SIM_SEEDS (default 200, about 2-4 minutes) and SIM_FIRST_SEED pick a
 * range; `make soak` runs thousands. A failure prints the seed to replay.
 * SIM_RESTORE_RATE (default 0.03) is the chance of a new epoch per round.
 */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "sync-sim-util.h"
#include "sync-test-util.h"

#define MAX_DEV 5

typedef struct
{
  SyncTestDb       *db;
  SyncTestServer   *server;
  guint             n_servers;
  char             *tmp;
  GSubprocess      *proxy;
  GDataInputStream *proxy_out;
  GOutputStream    *proxy_in;
  char             *proxy_url;
  PGconn           *pg;

  /* totals over all seeds */
  guint client_kills;
  guint server_kills;
  guint push_kills;
  guint restores;
  double restore_rate;  /* chance of a new epoch per round (SIM_RESTORE_RATE) */
  guint sync_errors;
  guint ops;
  guint rejections;
  guint unseen_rejections;
  guint conflicts;
} World;

typedef struct
{
  guint           index;
  char           *dir;
  const char     *device_id;
  const char     *token;
  CoachCatalog   *catalog;
  gint64          cursor;
  char           *epoch;
  gboolean        online;
  const char     *url;
  gboolean        ok;
  gint            done;
  CoachSyncStats  stats;
  char           *error;
} Device;

typedef struct
{
  World     *w;
  guint      seed;
  GRand     *rand;
  SimTeam   *team;
  guint      n;
  guint      restores;  /* new epochs, as after a restore from backup */
  Device     dev[MAX_DEV];
  GPtrArray *ops;  /* SimOp */
} Sim;

static char failure_note[128];

static void check_cursor (Sim *sim, Device *d, gboolean resynced, const char *after);

static void
fatal_signal_cb (int sig)
{
  if (write (STDERR_FILENO, failure_note, strlen (failure_note)) < 0)
    _exit (1);
  signal (sig, SIG_DFL);
  raise (sig);
}

/* ------------------------------------------------------------------------- */
/* The world: one database, one server (restarted when killed), one proxy */

static void
world_start_server (World *w)
{
  g_autoptr(GSubprocessLauncher) launcher = sync_test_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GError) error = NULL;
  g_autofree char *log = g_strdup_printf ("%s/server-%u.log", w->tmp, w->n_servers++ % 4);
  g_autofree char *command = NULL;
  g_autofree char *reply = NULL;
  const char *port;

  g_subprocess_launcher_setenv (launcher, "COACHBOOK_SYNC_DATABASE_URL", w->db->url, TRUE);
  g_subprocess_launcher_setenv (launcher, "COACHBOOK_SYNC_HTTP_LISTEN", "127.0.0.1", TRUE);
  g_subprocess_launcher_setenv (launcher, "COACHBOOK_SYNC_HTTP_PORT", "0", TRUE);
  g_subprocess_launcher_setenv (launcher, "COACHBOOK_SYNC_BLOBS_FS_PATH", w->db->blob_dir, TRUE);
  g_subprocess_launcher_setenv (launcher, "COACHBOOK_SYNC_BLOBS_FS_SECRET", "test blob secret", TRUE);
  /* pushes hold their transaction a little: room for a SIGKILL inside */
  g_subprocess_launcher_setenv (launcher, "COACHBOOK_SYNC_DEBUG_PUSH_DELAY_MS", "5", TRUE);
  g_subprocess_launcher_setenv (launcher, "G_MESSAGES_DEBUG", "coachbook-sync", TRUE);
  g_subprocess_launcher_set_stderr_file_path (launcher, log);

  w->server = g_new0 (SyncTestServer, 1);
  w->server->process = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("COACHBOOK_TEST_SYNC_BIN"),
                                                    "serve", NULL);
  g_assert_no_error (error);
  sync_test_server_wait (w->server);

  if (w->proxy != NULL)
    {
      port = strrchr (w->server->url, ':') + 1;
      command = g_strdup_printf ("upstream %s\n", port);
      g_assert_true (g_output_stream_write_all (w->proxy_in, command, strlen (command), NULL, NULL, &error));
      g_assert_no_error (error);
      reply = g_data_input_stream_read_line_utf8 (w->proxy_out, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (reply, ==, "OK");
    }
}

static void
world_kill_server (World *w)
{
  g_autoptr(GError) error = NULL;

  g_subprocess_force_exit (w->server->process);
  g_subprocess_wait (w->server->process, NULL, &error);
  g_assert_no_error (error);
  g_object_unref (w->server->process);
  g_free (w->server->url);
  g_clear_pointer (&w->server, g_free);
  w->server_kills++;
  world_start_server (w);
}

/* Sends a command to the proxy and returns its one-line answer. */
static char *
proxy_command (World      *w,
               const char *format,
               ...)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  va_list args;
  char *reply;

  va_start (args, format);
  line = g_strdup_vprintf (format, args);
  va_end (args);
  g_assert_true (g_output_stream_write_all (w->proxy_in, line, strlen (line), NULL, NULL, &error));
  g_assert_no_error (error);
  reply = g_data_input_stream_read_line_utf8 (w->proxy_out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (reply);
  return reply;
}

static World *
world_new (void)
{
  World *w = g_new0 (World, 1);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  g_autofree char *ok = NULL;
  const char *script = g_getenv ("COACHBOOK_TEST_SIM_PROXY");

  w->restore_rate = g_getenv ("SIM_RESTORE_RATE") ? g_ascii_strtod (g_getenv ("SIM_RESTORE_RATE"), NULL) : 0.03;
  w->tmp = g_dir_make_tmp ("coachbook-chaos-XXXXXX", &error);
  g_assert_no_error (error);
  w->db = sync_test_db_new ();
  w->pg = sim_pg_connect (w->db->name);
  world_start_server (w);
  /* every version of every row, to explain a failure */
  PQclear (sim_pg_exec (w->pg, "CREATE TABLE sim_history (at timestamptz NOT NULL DEFAULT clock_timestamp (), "
                               "  tbl text, id uuid, fields jsonb, deleted boolean, v bigint, dev uuid)", 0, NULL));
  PQclear (sim_pg_exec (w->pg, "GRANT INSERT, SELECT ON sim_history TO PUBLIC", 0, NULL));
  PQclear (sim_pg_exec (w->pg, "CREATE FUNCTION sim_history_log () RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                               "  INSERT INTO sim_history (tbl, id, fields, deleted, v, dev) "
                               "  VALUES (NEW.tbl, NEW.id, NEW.fields, NEW.deleted, NEW.server_version, "
                               "          NEW.updated_by_device);"
                               "  RETURN NEW; END $$", 0, NULL));
  PQclear (sim_pg_exec (w->pg, "CREATE TRIGGER sim_history AFTER INSERT OR UPDATE ON record "
                               "  FOR EACH ROW EXECUTE FUNCTION sim_history_log ()", 0, NULL));

  g_assert_nonnull (script);
  launcher = sync_test_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  w->proxy = g_subprocess_launcher_spawn (launcher, &error, "/usr/bin/python3", script, "0", NULL);
  g_assert_no_error (error);
  w->proxy_in = g_subprocess_get_stdin_pipe (w->proxy);
  w->proxy_out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (w->proxy));
  line = g_data_input_stream_read_line_utf8 (w->proxy_out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (line != NULL && g_str_has_prefix (line, "PORT="));
  w->proxy_url = g_strdup_printf ("http://127.0.0.1:%s", line + 5);
  ok = proxy_command (w, "upstream %s\n", strrchr (w->server->url, ':') + 1);
  g_assert_cmpstr (ok, ==, "OK");
  return w;
}

static void
world_free (World *w)
{
  g_autoptr(GError) error = NULL;

  g_output_stream_close (w->proxy_in, NULL, NULL);
  g_subprocess_wait (w->proxy, NULL, &error);
  g_assert_no_error (error);
  g_object_unref (w->proxy_out);
  g_object_unref (w->proxy);
  sync_test_server_stop (w->server);
  PQfinish (w->pg);
  sync_test_db_free (w->db);
  sync_test_remove_tree (w->tmp);
  g_free (w->tmp);
  g_free (w->proxy_url);
  g_free (w);
}

/* ------------------------------------------------------------------------- */
/* Local edits */

static void
apply_op (Sim    *sim,
          Device *d,
          char   *line)
{
  g_autoptr(GError) error = NULL;
  gboolean skipped;
  gint64 before;

  if (line == NULL)
    return;
  before = sim_outbox_seq (d->catalog);
  if (!sim_apply_op (d->catalog, line, &skipped, &error))
    g_error ("seed %u device %u: %s: %s", sim->seed, d->index, line, error->message);
  if (!skipped && sim_outbox_seq (d->catalog) > before)
    {
      SimOp *op = g_new0 (SimOp, 1);

      op->line = g_steal_pointer (&line);
      op->device = d->index;
      op->first_mid = before + 1;
      op->last_mid = sim_outbox_seq (d->catalog);
      g_ptr_array_add (sim->ops, op);
    }
  g_free (line);
}

static void
apply_random_op (Sim    *sim,
                 Device *d)
{
  apply_op (sim, d, sim_random_op (d->catalog, sim->rand));
}

/* A row two devices fight over in this round: one deletes it, the other
 * keeps editing it while it syncs. Returns the start of the edit (the
 * value is left open for a counter), or NULL. */
static char *
contest (Sim   *sim,
         guint *deleter,
         guint *editor)
{
  static const char * const tables[] = { "exercise", "workout_item", "athlete" };
  static const char * const fields[] = { "name", "notes", "notes" };
  guint t = g_rand_int_range (sim->rand, 0, G_N_ELEMENTS (tables));
  g_autoptr(GPtrArray) theirs = NULL;
  g_autoptr(GPtrArray) ours = NULL;

  *deleter = g_rand_int_range (sim->rand, 0, sim->n);
  *editor = (*deleter + 1 + g_rand_int_range (sim->rand, 0, sim->n - 1)) % sim->n;
  theirs = sim_live_ids (sim->dev[*deleter].catalog, tables[t]);
  ours = sim_live_ids (sim->dev[*editor].catalog, tables[t]);
  for (guint i = 0; i < ours->len; i++)
    if (g_ptr_array_find_with_equal_func (theirs, ours->pdata[i], g_str_equal, NULL))
      {
        Device *d = &sim->dev[*deleter];
        g_autoptr(GError) error = NULL;

        apply_op (sim, d, g_strdup_printf ("del %s %s", tables[t], (char *) ours->pdata[i]));
        /* the delete is on the server before the editor's round starts
         * (unless the network says otherwise) */
        if (sim_sync (d->catalog, d->url, d->token, &d->stats, &error))
          check_cursor (sim, d, d->stats.resynced, "a delete");
        else
          sim->w->sync_errors++;
        return g_strdup_printf ("put %s %s {\"%s\": \"c", tables[t], (char *) ours->pdata[i], fields[t]);
      }
  return NULL;
}

/* ------------------------------------------------------------------------- */
/* Syncing */

static gpointer
sync_thread (gpointer data)
{
  Device *d = data;
  g_autoptr(GError) error = NULL;

  memset (&d->stats, 0, sizeof d->stats);
  d->ok = sim_sync (d->catalog, d->url, d->token, &d->stats, &error);
  g_clear_pointer (&d->error, g_free);
  if (!d->ok)
    d->error = g_strdup (error->message);
  g_atomic_int_set (&d->done, TRUE);
  return NULL;
}

static void
check_cursor (Sim        *sim,
              Device     *d,
              gboolean    resynced,
              const char *after)
{
  gint64 now = sim_cursor (d->catalog);
  g_autofree char *epoch = coach_catalog_get_meta (d->catalog, "sync-epoch");

  /* starting over after a new epoch is the one way back (a killed
   * process cannot say it resynced: its catalog's epoch does) */
  if (g_strcmp0 (epoch, d->epoch) != 0)
    {
      resynced = resynced || d->epoch != NULL;
      g_free (d->epoch);
      d->epoch = g_steal_pointer (&epoch);
    }
  if (now < d->cursor && !resynced)
    g_error ("seed %u device %u: the cursor went back from %" G_GINT64_FORMAT " to %" G_GINT64_FORMAT " after %s",
             sim->seed, d->index, d->cursor, now, after);
  d->cursor = now;
}

static void
reopen (Sim    *sim,
        Device *d)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *integrity = NULL;

  d->catalog = sim_catalog_open (d->dir, NULL, &error);
  if (d->catalog == NULL)
    g_error ("seed %u device %u: the catalog does not open after SIGKILL: %s", sim->seed, d->index, error->message);
  integrity = sim_integrity_check (d->catalog);
  if (g_strcmp0 (integrity, "ok") != 0)
    g_error ("seed %u device %u: integrity_check after SIGKILL: %s", sim->seed, d->index, integrity);
}

/* One sync of @d in a process of its own that SIGKILLs itself after
 * @steps SQLite steps inside a transaction. */
static void
sync_in_doomed_process (Sim    *sim,
                        Device *d,
                        guint   steps)
{
  g_autoptr(GSubprocessLauncher) launcher = sync_test_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *steps_text = g_strdup_printf ("%u", steps);

  g_clear_object (&d->catalog);
  proc = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("COACHBOOK_TEST_SIM_DEVICE"),
                                      d->dir, d->device_id, "--url", sim->w->proxy_url, "--token", d->token,
                                      "--kill-in-transaction", steps_text, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  if (g_subprocess_get_if_signaled (proc))
    {
      g_assert_cmpint (g_subprocess_get_term_sig (proc), ==, SIGKILL);
      sim->w->client_kills++;
    }
  else if (g_subprocess_get_exit_status (proc) != 0)
    {
      if (!g_str_has_prefix (out, "error "))
        g_error ("seed %u device %u: the device process failed: %s", sim->seed, d->index, out);
      sim->w->sync_errors++;
    }
  reopen (sim, d);
  check_cursor (sim, d, FALSE, "a killed sync");
}

static void
chaos_round (Sim *sim)
{
  GThread *threads[MAX_DEV] = { NULL };
  g_autofree char *contested = NULL;
  gint doomed = -1;
  gboolean kill_server;
  guint deleter = 0, editor = 0;
  guint window_dev = 0;
  Device window = { 0 };

  for (guint i = 0; i < sim->n; i++)
    {
      Device *d = &sim->dev[i];
      guint n_ops = g_rand_int_range (sim->rand, 0, 5);

      if (g_rand_double (sim->rand) < 0.2)
        d->online = !d->online;
      for (guint k = 0; k < n_ops; k++)
        apply_random_op (sim, d);
    }

  if (g_rand_double (sim->rand) < 0.5)
    contested = contest (sim, &deleter, &editor);
  if (g_rand_double (sim->rand) < 0.25)
    doomed = g_rand_int_range (sim->rand, 0, sim->n);
  kill_server = g_rand_double (sim->rand) < 0.08;

  /* the team's data is declared restored: every device starts over and
   * sends what it still has */
  if (g_rand_double (sim->rand) < sim->w->restore_rate)
    {
      g_autofree char *epoch = sync_test_admin_ok (sim->w->db, NULL, "new-epoch", sim->team->team_id, NULL);

      g_assert_cmpuint (strlen (epoch), ==, 36);
      sim->restores++;
      sim->w->restores++;
    }

  /* the coach keeps working while the app syncs in the background: writes
   * through a connection of their own, racing the sync's */
  if (contested != NULL || g_rand_double (sim->rand) < 0.4)
    {
      g_autoptr(GError) error = NULL;

      window_dev = contested ? editor : (guint) g_rand_int_range (sim->rand, 0, sim->n);
      window = sim->dev[window_dev];
      window.catalog = sim_catalog_open (window.dir, NULL, &error);
      g_assert_no_error (error);
    }

  /* a slower network gives the race room */
  if (contested != NULL)
    g_free (proxy_command (sim->w, "latency 15\n"));

  for (guint i = 0; i < sim->n; i++)
    if (sim->dev[i].online && (gint) i != doomed)
      {
        g_atomic_int_set (&sim->dev[i].done, FALSE);
        threads[i] = g_thread_new ("device", sync_thread, &sim->dev[i]);
      }

  if (window.catalog != NULL)
    {
      for (guint k = 0; k < 6 && threads[window_dev] != NULL && !g_atomic_int_get (&sim->dev[window_dev].done); k++)
        {
          g_usleep (1000 * g_rand_int_range (sim->rand, 1, 16));
          if (contested != NULL && k % 2 == 0)
            apply_op (sim, &window, g_strdup_printf ("%s%u\"}", contested, k));
          else
            apply_random_op (sim, &window);
        }
      g_object_unref (window.catalog);
    }

  /* in the middle of a push: its transaction is open (the server holds
   * it a few milliseconds) */
  if (kill_server)
    {
      g_autofree char *push = proxy_command (sim->w, "wait-push\n");

      if (g_str_equal (push, "PUSH"))
        sim->w->push_kills++;
      g_usleep (1000 * g_rand_int_range (sim->rand, 0, 4));
      world_kill_server (sim->w);
    }
  if (doomed >= 0)
    sync_in_doomed_process (sim, &sim->dev[doomed], g_rand_int_range (sim->rand, 0, 60));

  for (guint i = 0; i < sim->n; i++)
    if (threads[i] != NULL)
      {
        g_thread_join (threads[i]);
        if (!sim->dev[i].ok)
          sim->w->sync_errors++;
        check_cursor (sim, &sim->dev[i], sim->dev[i].stats.resynced, "a sync");
      }
  if (contested != NULL)
    g_free (proxy_command (sim->w, "latency 0\n"));
}

/* What a failure report needs to know about a device: its outbox and
 * sync state, and what the server holds for it. */
static char *
describe_device (Sim    *sim,
                 Device *d)
{
  const char *params[] = { d->device_id };
  g_autofree char *epoch = coach_catalog_get_meta (d->catalog, "sync-epoch");
  g_autofree char *pushed = coach_catalog_get_meta (d->catalog, "sync-pushed-mid");
  g_autofree char *cursor = coach_catalog_get_meta (d->catalog, "sync-cursor");

  return g_strdup_printf ("outbox mids %" G_GINT64_FORMAT "..%" G_GINT64_FORMAT " (%" G_GINT64_FORMAT " rows), "
                          "pushed %s, cursor %s, epoch %s; server: last_mid %" G_GINT64_FORMAT
                          " at version %" G_GINT64_FORMAT ", awaiting a baseline %" G_GINT64_FORMAT
                          ", %" G_GINT64_FORMAT " restores; server logs in %s",
                          sim_sqlite_int (d->catalog, "SELECT coalesce (min (mid), 0) FROM outbox"),
                          sim_sqlite_int (d->catalog, "SELECT coalesce (max (mid), 0) FROM outbox"),
                          sim_sqlite_int (d->catalog, "SELECT count(*) FROM outbox"),
                          pushed ? pushed : "-", cursor ? cursor : "-", epoch ? epoch : "-",
                          sim_pg_int (sim->w->pg, "SELECT coalesce ((SELECT last_mid FROM device_cursor "
                                                  "WHERE device_id = $1), -1)", 1, params),
                          sim_pg_int (sim->w->pg, "SELECT coalesce ((SELECT last_mid_version FROM device_cursor "
                                                  "WHERE device_id = $1), -1)", 1, params),
                          sim_pg_int (sim->w->pg, "SELECT count(*) FROM device_rebaseline WHERE device_id = $1",
                                      1, params),
                          (gint64) sim->restores, sim->w->tmp);
}

/* Every value a field of a row had on the server, with the writing
 * device and the time. */
static char *
row_history (Sim        *sim,
             const char *id,
             const char *field)
{
  const char *params[] = { id, field };
  PGresult *res = sim_pg_exec (sim->w->pg,
                               "SELECT v, dev::text, deleted, fields -> $2, to_char (at, 'HH24:MI:SS.MS') "
                               "FROM sim_history WHERE id = $1::uuid ORDER BY v",
                               2, params);
  GString *out = g_string_new (NULL);

  for (int r = 0; r < PQntuples (res); r++)
    g_string_append_printf (out, "  v%s %s by %s%s: %s\n", PQgetvalue (res, r, 0), PQgetvalue (res, r, 4),
                            PQgetvalue (res, r, 1), PQgetvalue (res, r, 2)[0] == 't' ? " (deleted)" : "",
                            PQgetvalue (res, r, 3));
  PQclear (res);
  return g_string_free (out, FALSE);
}

/* With the proxy healed: sync every device in turn until a whole round
 * moves nothing. */
static void
quiesce (Sim *sim)
{
  for (guint round = 0; ; round++)
    {
      guint moved = 0;

      if (round == 12)
        g_error ("seed %u: still not quiet after %u rounds", sim->seed, round);
      for (guint i = 0; i < sim->n; i++)
        {
          Device *d = &sim->dev[i];
          g_autoptr(GError) error = NULL;

          d->url = sim->w->proxy_url;
          if (!sim_sync (d->catalog, d->url, d->token, &d->stats, &error))
            {
              g_autofree char *state = describe_device (sim, d);

              g_error ("seed %u device %u: sync failed with a healed network: %s\n%s",
                       sim->seed, i, error->message, state);
            }
          check_cursor (sim, d, d->stats.resynced, "a final sync");
          moved += d->stats.pushed + d->stats.pulled + d->stats.rejected + d->stats.conflicts;
          moved += coach_catalog_outbox_count (d->catalog, NULL);
        }
      if (moved == 0)
        break;
    }
}

/* ------------------------------------------------------------------------- */
/* What must hold at the end */

static void
check_converged (Sim *sim)
{
  g_autofree char *first = NULL;

  for (guint i = 0; i < sim->n; i++)
    {
      CoachCatalog *c = sim->dev[i].catalog;
      g_autofree char *dump = sim_catalog_dump (c);
      g_autofree char *diff = sim_compare_with_server (c, sim->w->pg, sim->team->team_id);
      g_autofree char *integrity = sim_integrity_check (c);

      if (diff != NULL)
        g_error ("seed %u device %u differs from the server: %s", sim->seed, i, diff);
      if (g_strcmp0 (integrity, "ok") != 0)
        g_error ("seed %u device %u: integrity_check: %s", sim->seed, i, integrity);
      if (coach_catalog_outbox_count (c, NULL) != 0)
        g_error ("seed %u device %u: the outbox is not empty", sim->seed, i);
      if (first == NULL)
        first = g_steal_pointer (&dump);
      else if (!g_str_equal (first, dump))
        g_error ("seed %u: device %u differs from device 0:\n%s\n---\n%s", sim->seed, i, first, dump);
      sim->w->conflicts += sim_sqlite_int (c, "SELECT count(*) FROM conflict");
    }
}

static GHashTable *
pg_map (Sim        *sim,
        const char *sql)
{
  const char *params[] = { sim->team->team_id };
  g_autoptr(PGresult) res = sim_pg_exec (sim->w->pg, sql, 1, params);
  GHashTable *map = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (int r = 0; r < PQntuples (res); r++)
    g_hash_table_insert (map, g_strdup (PQgetvalue (res, r, 0)), g_strdup (PQgetvalue (res, r, 1)));
  return map;
}

static void
check_acknowledged (Sim *sim)
{
  g_autoptr(GHashTable) rejected = pg_map (sim, "SELECT device_id::text || '/' || mid, code FROM rejection WHERE team_id = $1");
  g_autoptr(GHashTable) last_mid = pg_map (sim, "SELECT device_id::text, last_mid FROM device_cursor WHERE team_id = $1");
  g_autoptr(GHashTable) deleted = pg_map (sim, "SELECT tbl || '/' || id::text, deleted FROM record WHERE team_id = $1");
  g_autoptr(GHashTable) fields = pg_map (sim, "SELECT tbl || '/' || id::text, fields::text FROM record WHERE team_id = $1");
  g_autoptr(GHashTable) writers = sim_field_writers (sim->ops);
  const char *params[] = { sim->team->team_id };

  for (guint i = 0; i < sim->ops->len; i++)
    {
      SimOp *op = sim->ops->pdata[i];
      Device *d = &sim->dev[op->device];
      g_auto(GStrv) parts = g_strsplit (op->line, " ", 4);
      const char *acked = g_hash_table_lookup (last_mid, d->device_id);
      g_autofree char *mid_key = g_strdup_printf ("%s/%" G_GINT64_FORMAT, d->device_id, op->first_mid);
      g_autofree char *row_id = NULL;
      g_autofree char *row_key = NULL;
      const char *is_deleted;
      g_autoptr(JsonNode) node = NULL;
      g_autoptr(JsonNode) stored = NULL;
      g_autoptr(GList) members = NULL;
      gboolean link = g_str_equal (parts[0], "link") || g_str_equal (parts[0], "unlink");

      row_id = link ? coach_catalog_link_id (parts[1], parts[2], parts[3]) : g_strdup (parts[2]);
      /* a new epoch forgets the acknowledged mids: the empty outboxes
       * check_converged() saw are the acknowledgement then */
      if (sim->restores == 0 && (acked == NULL || g_ascii_strtoll (acked, NULL, 10) < op->first_mid))
        {
          g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM conflict WHERE row_id = '%s'", row_id);

          /* only a delete from elsewhere may drop a pending edit, and it
           * leaves a conflict to review */
          if (sim_sqlite_int (d->catalog, sql) == 0)
            g_error ("seed %u device %u: mutation %" G_GINT64_FORMAT " (%s) was never acknowledged",
                     sim->seed, op->device, op->first_mid, op->line);
          continue;
        }
      if (g_hash_table_contains (rejected, mid_key))
        {
          g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM conflict WHERE row_id = '%s'", row_id);

          /* Reported to the device even when the reply that carried it
           * was lost: the resend is answered with the stored rejection. */
          sim->w->rejections++;
          if (sim_sqlite_int (d->catalog, sql) == 0)
            g_error ("seed %u device %u: mutation %" G_GINT64_FORMAT " (%s) was rejected by the server "
                     "and the device never heard of it", sim->seed, op->device, op->first_mid, op->line);
          continue;
        }

      row_key = g_strdup_printf ("%s/%s", parts[1], row_id);
      is_deleted = g_hash_table_lookup (deleted, row_key);
      if (is_deleted == NULL)
        g_error ("seed %u device %u: acknowledged mutation %" G_GINT64_FORMAT " (%s) is not on the server",
                 sim->seed, op->device, op->first_mid, op->line);
      if (link)
        continue;
      if (g_str_equal (parts[0], "del"))
        {
          if (is_deleted[0] != 't')
            g_error ("seed %u device %u: the acknowledged delete %" G_GINT64_FORMAT " (%s) did not win",
                     sim->seed, op->device, op->first_mid, op->line);
          continue;
        }
      if (is_deleted[0] == 't')
        continue;

      node = json_from_string (parts[3], NULL);
      stored = json_from_string (g_hash_table_lookup (fields, row_key), NULL);
      members = json_object_get_members (json_node_get_object (node));
      for (GList *l = members; l; l = l->next)
        {
          g_autofree char *key = g_strdup_printf ("%s/%s/%s", parts[1], parts[2], (const char *) l->data);
          SimWriters *w = g_hash_table_lookup (writers, key);
          g_autofree char *ours = NULL;
          g_autofree char *theirs = NULL;

          if (g_str_equal (l->data, "*create") || g_hash_table_size (w->devices) != 1 || w->last != op)
            continue;
          ours = json_to_string (json_object_get_member (json_node_get_object (node), l->data), FALSE);
          theirs = json_to_string (json_object_get_member (json_node_get_object (stored), l->data), FALSE);
          if (!g_str_equal (ours, theirs))
            {
              g_autofree char *state = describe_device (sim, d);
              g_autofree char *history = row_history (sim, parts[2], l->data);

              g_error ("seed %u device %u: the last write of %s (%s, mid %" G_GINT64_FORMAT ") was lost: "
                       "the server has %s\n%s\nhistory:\n%s",
                       sim->seed, op->device, key, ours, op->first_mid, theirs, state, history);
            }
        }
    }

  if (sim_pg_int (sim->w->pg, "SELECT count(*) - count(DISTINCT server_version) FROM record WHERE team_id = $1",
                  1, params) != 0)
    g_error ("seed %u: two rows share a server version", sim->seed);
  if (sim_pg_int (sim->w->pg, "SELECT count(*) FROM record r JOIN team_clock c USING (team_id) "
                              "WHERE r.team_id = $1 AND r.server_version > c.v", 1, params) != 0)
    g_error ("seed %u: a row is ahead of the team clock", sim->seed);
}

/* ------------------------------------------------------------------------- */

static void
run_seed (World *w,
          guint  seed)
{
  Sim sim = { .w = w, .seed = seed };
  g_autofree char *name = g_strdup_printf ("chaos-%u-%08x", seed, g_random_int ());
  g_autofree char *reply = NULL;
  guint rounds;

  g_snprintf (failure_note, sizeof failure_note,
              "\n*** sync chaos: seed %u failed; replay with SIM_SEED=%u ***\n", seed, seed);
  alarm (300);

  sim.rand = g_rand_new_with_seed (seed);
  sim.n = 3 + g_rand_int_range (sim.rand, 0, MAX_DEV - 2);
  sim.team = sim_team_new (w->pg, name, sim.n);
  sim.ops = g_ptr_array_new_with_free_func ((GDestroyNotify) sim_op_free);
  for (guint i = 0; i < sim.n; i++)
    {
      Device *d = &sim.dev[i];
      g_autoptr(GError) error = NULL;

      d->index = i;
      d->dir = g_strdup_printf ("%s/seed-%u-%u", w->tmp, seed, i);
      d->device_id = sim.team->device_ids[i];
      d->token = sim.team->tokens[i];
      d->online = TRUE;
      d->url = w->proxy_url;
      d->catalog = sim_catalog_open (d->dir, d->device_id, &error);
      g_assert_no_error (error);
    }

  reply = proxy_command (w, "seed %u\n", seed);
  g_assert_cmpstr (reply, ==, "OK");
  g_free (reply);
  reply = proxy_command (w, "faults %.3f\n", 0.05 + 0.4 * g_rand_double (sim.rand));
  g_assert_cmpstr (reply, ==, "OK");
  g_free (reply);

  rounds = g_rand_int_range (sim.rand, 3, 7);
  for (guint r = 0; r < rounds; r++)
    chaos_round (&sim);

  reply = proxy_command (w, "heal\n");
  g_assert_cmpstr (reply, ==, "HEALED");
  quiesce (&sim);
  check_converged (&sim);
  check_acknowledged (&sim);
  w->ops += sim.ops->len;

  for (guint i = 0; i < sim.n; i++)
    {
      g_clear_object (&sim.dev[i].catalog);
      sync_test_remove_tree (sim.dev[i].dir);
      g_free (sim.dev[i].dir);
      g_free (sim.dev[i].error);
      g_free (sim.dev[i].epoch);
    }
  g_ptr_array_unref (sim.ops);
  sim_team_free (sim.team);
  g_rand_free (sim.rand);
  alarm (0);
}

static guint
env_uint (const char *name,
          guint       fallback)
{
  const char *v = g_getenv (name);

  return v && *v ? (guint) g_ascii_strtoull (v, NULL, 10) : fallback;
}

static void
test_seeds (void)
{
  World *w = world_new ();
  guint first = env_uint ("SIM_FIRST_SEED", 1);
  guint count = env_uint ("SIM_SEEDS", 200);
  gint64 start = g_get_monotonic_time ();

  if (g_getenv ("SIM_SEED") != NULL)
    {
      first = env_uint ("SIM_SEED", 0);
      count = 1;
    }
  for (guint s = first; s < first + count; s++)
    run_seed (w, s);

  g_test_message ("%u seeds (%u..%u) in %.1f s: %u edits, %u client processes and %u servers killed "
                  "(%u while a push was under way), %u restores, %u failed syncs, %u rejections (%u never "
                  "reported to their device), %u conflicts",
                  count, first, first + count - 1, (g_get_monotonic_time () - start) / 1e6, w->ops,
                  w->client_kills, w->server_kills, w->push_kills, w->restores, w->sync_errors, w->rejections,
                  w->unseen_rejections, w->conflicts);
  g_assert_cmpuint (w->ops, >, 0);
  world_free (w);

  /* what PostgreSQL saw of the killed servers */
  if (g_getenv ("COACHBOOK_TEST_PG_LOG") != NULL)
    {
      g_autofree char *log = NULL;
      guint open_tx = 0;

      if (g_file_get_contents (g_getenv ("COACHBOOK_TEST_PG_LOG"), &log, NULL, NULL))
        for (const char *p = log; (p = strstr (p, "with an open transaction")) != NULL; p++)
          open_tx++;
      g_test_message ("PostgreSQL rolled back %u transactions of killed servers", open_tx);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  signal (SIGABRT, fatal_signal_cb);
  signal (SIGTRAP, fatal_signal_cb);
  signal (SIGALRM, fatal_signal_cb);

  g_test_add_func ("/sync-chaos/seeds", test_seeds);

  return g_test_run ();
}
