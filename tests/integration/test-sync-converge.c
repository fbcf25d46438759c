/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 *
 * Several devices edit one team's catalog offline (the same fields and
 * different ones, deletes against edits, workout item reorders, links),
 * then sync until nothing changes: every catalog ends identical, equal to
 * what PostgreSQL holds, with the outcome the protocol promises. The same
 * script runs in process, as separate device processes, and with device
 * clocks a year ahead and behind (faketime): the outcome is the same.
 * Also: an edit made while a pull that deletes its row is being applied
 * must not stop the device's later changes.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "coach-position.h"
#include "sync-sim-util.h"
#include "sync-test-util.h"

#define N_DEV 3
#define ONE_YEAR_MS (G_GINT64_CONSTANT (365) * 24 * 3600 * 1000)

typedef struct
{
  SyncTestDb     *db;
  SyncTestServer *server;
  PGconn         *pg;
} Fixture;

typedef struct
{
  Fixture      *f;
  SimTeam      *team;
  guint         n_devices;
  gboolean      processes;
  const char   *clock_offset[N_DEV];  /* faketime offsets, NULL = true time */
  char         *dirs[N_DEV];
  CoachCatalog *catalogs[N_DEV];      /* in process, or opened to check */
} Run;

/* Fixed ids, so that runs can be compared with each other. */
#define E1 "01900000-0000-7000-8000-0000000000e1"
#define E2 "01900000-0000-7000-8000-0000000000e2"
#define E3 "01900000-0000-7000-8000-0000000000e3"
#define K1 "01900000-0000-7000-8000-0000000000c1"
#define W1 "01900000-0000-7000-8000-0000000000a1"
#define I1 "01900000-0000-7000-8000-000000000011"
#define I2 "01900000-0000-7000-8000-000000000012"
#define I3 "01900000-0000-7000-8000-000000000013"
#define I4 "01900000-0000-7000-8000-000000000014"
#define I5 "01900000-0000-7000-8000-000000000015"
#define T1 "01900000-0000-7000-8000-0000000000f1"
#define T2 "01900000-0000-7000-8000-0000000000f2"

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->db = sync_test_db_new ();
  f->server = sync_test_server_start (f->db, NULL);
  f->pg = sim_pg_connect (f->db->name);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  PQfinish (f->pg);
  sync_test_server_stop (f->server);
  sync_test_db_free (f->db);
}

static void
run_init (Run      *run,
          Fixture  *f,
          guint     n_devices,
          gboolean  processes)
{
  static guint counter;
  g_autofree char *name = g_strdup_printf ("converge-%u-%08x", counter++, g_random_int ());

  memset (run, 0, sizeof *run);
  run->f = f;
  run->n_devices = n_devices;
  run->processes = processes;
  run->team = sim_team_new (f->pg, name, n_devices);
  for (guint i = 0; i < n_devices; i++)
    {
      g_autoptr(GError) error = NULL;

      run->dirs[i] = g_dir_make_tmp ("coachbook-converge-XXXXXX", &error);
      g_assert_no_error (error);
      if (!processes)
        {
          run->catalogs[i] = sim_catalog_open (run->dirs[i], run->team->device_ids[i], &error);
          g_assert_no_error (error);
        }
    }
}

static void
run_clear (Run *run)
{
  for (guint i = 0; i < run->n_devices; i++)
    {
      g_clear_object (&run->catalogs[i]);
      sync_test_remove_tree (run->dirs[i]);
      g_free (run->dirs[i]);
    }
  sim_team_free (run->team);
}

/* Runs the device process; returns its one line of output. */
static char *
run_process (Run        *run,
             guint       dev,
             const char *ops_file,
             gboolean    sync,
             int        *status)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = sync_test_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  char *out = NULL;

  if (run->clock_offset[dev] != NULL)
    {
      g_ptr_array_add (argv, (gpointer) g_getenv ("COACHBOOK_TEST_FAKETIME"));
      g_ptr_array_add (argv, (gpointer) "-f");
      g_ptr_array_add (argv, (gpointer) run->clock_offset[dev]);
      /* timeouts keep running at the true pace */
      g_subprocess_launcher_setenv (launcher, "FAKETIME_DONT_FAKE_MONOTONIC", "1", TRUE);
    }
  g_ptr_array_add (argv, (gpointer) g_getenv ("COACHBOOK_TEST_SIM_DEVICE"));
  g_ptr_array_add (argv, run->dirs[dev]);
  g_ptr_array_add (argv, run->team->device_ids[dev]);
  if (ops_file != NULL)
    {
      g_ptr_array_add (argv, (gpointer) "--ops");
      g_ptr_array_add (argv, (gpointer) ops_file);
    }
  if (sync)
    {
      g_ptr_array_add (argv, (gpointer) "--url");
      g_ptr_array_add (argv, run->f->server->url);
      g_ptr_array_add (argv, (gpointer) "--token");
      g_ptr_array_add (argv, run->team->tokens[dev]);
    }
  g_ptr_array_add (argv, NULL);

  proc = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (proc));
  *status = g_subprocess_get_exit_status (proc);
  return out;
}

static void
run_ops (Run                *run,
         guint               dev,
         const char * const *ops)
{
  if (!run->processes)
    {
      for (guint i = 0; ops[i]; i++)
        {
          g_autoptr(GError) error = NULL;
          gboolean skipped;

          g_assert_true (sim_apply_op (run->catalogs[dev], ops[i], &skipped, &error));
          g_assert_no_error (error);
        }
    }
  else
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *joined = g_strjoinv ("\n", (char **) ops);
      g_autofree char *path = NULL;
      g_autofree char *out = NULL;
      int fd, status;

      fd = g_file_open_tmp ("coachbook-ops-XXXXXX", &path, &error);
      g_assert_no_error (error);
      close (fd);
      g_assert_true (g_file_set_contents (path, joined, -1, &error));
      out = run_process (run, dev, path, FALSE, &status);
      g_unlink (path);
      g_assert_cmpint (status, ==, 0);
      g_assert_true (g_str_has_prefix (out, "ok "));
    }
}

/* One sync round of one device; how much moved. */
static guint
run_sync (Run   *run,
          guint  dev)
{
  if (!run->processes)
    {
      g_autoptr(GError) error = NULL;
      CoachSyncStats stats;

      gboolean ok = sim_sync (run->catalogs[dev], run->f->server->url, run->team->tokens[dev], &stats, &error);

      g_assert_no_error (error);
      g_assert_true (ok);
      return stats.pushed + stats.pulled + stats.rejected;
    }
  else
    {
      g_autofree char *out = NULL;
      guint pushed = 0, pulled = 0;
      int status;

      out = run_process (run, dev, NULL, TRUE, &status);
      if (status != 0)
        g_error ("device %u: sync failed: %s", dev, out);
      g_assert_cmpint (sscanf (out, "ok pushed=%u pulled=%u", &pushed, &pulled), ==, 2);
      return pushed + pulled;
    }
}

static void
run_open_all (Run *run)
{
  for (guint i = 0; i < run->n_devices; i++)
    if (run->catalogs[i] == NULL)
      {
        g_autoptr(GError) error = NULL;

        run->catalogs[i] = sim_catalog_open (run->dirs[i], NULL, &error);
        g_assert_no_error (error);
      }
}

/* Syncs every device in turn until a whole round moves nothing. */
static void
run_quiesce (Run *run)
{
  for (guint round = 0; ; round++)
    {
      guint moved = 0;

      g_assert_cmpuint (round, <, 10);
      for (guint i = 0; i < run->n_devices; i++)
        moved += run_sync (run, i);
      if (moved == 0)
        break;
    }
  run_open_all (run);
}

/* All catalogs equal each other and PostgreSQL; returns the common dump. */
static char *
run_assert_converged (Run *run)
{
  g_autofree char *first = NULL;

  for (guint i = 0; i < run->n_devices; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *dump = sim_catalog_dump (run->catalogs[i]);
      g_autofree char *diff = sim_compare_with_server (run->catalogs[i], run->f->pg, run->team->team_id);
      g_autofree char *integrity = sim_integrity_check (run->catalogs[i]);

      g_assert_cmpstr (diff, ==, NULL);
      g_assert_cmpstr (integrity, ==, "ok");
      g_assert_cmpint (coach_catalog_outbox_count (run->catalogs[i], &error), ==, 0);
      g_assert_no_error (error);
      if (first == NULL)
        first = g_steal_pointer (&dump);
      else
        g_assert_cmpstr (dump, ==, first);
    }
  return g_steal_pointer (&first);
}

static char *
field_of (CoachCatalog *catalog,
          const char   *table,
          const char   *id,
          const char   *field)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoachRecord) record = coach_catalog_get (catalog, table, id, &error);
  JsonNode *node;

  g_assert_no_error (error);
  if (coach_record_get_deleted (record))
    return g_strdup ("(deleted)");
  node = coach_record_get_value (record, field);
  return node ? json_to_string (node, FALSE) : g_strdup ("null");
}

static char *
item (const char *id,
      const char *exercise,
      const char *position)
{
  return g_strdup_printf ("put workout_item %s {\"*create\": true, \"workout_id\": \"" W1 "\", "
                          "\"exercise_id\": \"%s\", \"position\": \"%s\", \"work_s\": 30}",
                          id, exercise, position);
}

/* The script of the three-device tests. Device 0 sets up, everyone syncs,
 * then each edits offline and they sync in the order 2, 0, 1. */
static void
run_scenario (Run *run)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *i1 = item (I1, E1, "a1");
  g_autofree char *i2 = item (I2, E2, "a2");
  g_autofree char *i3 = item (I3, E1, "a3");
  g_autofree char *i4 = item (I4, E3, "a4");
  g_autofree char *between = coach_position_between ("a4", "a5", &error);
  g_autofree char *i5 = NULL;
  const char *setup[] = {
    "put exercise " E1 " {\"*create\": true, \"name\": \"Squat\", \"difficulty\": \"easy\", \"muscles\": [\"legs\"]}",
    "put exercise " E2 " {\"*create\": true, \"name\": \"Lunge\"}",
    "put exercise " E3 " {\"*create\": true, \"name\": \"Burpee\", \"has_jump\": true}",
    "put category " K1 " {\"*create\": true, \"name\": \"Strength\"}",
    "link exercise_category " E1 " " K1,
    "put workout " W1 " {\"*create\": true, \"name\": \"Tuesday\", \"rounds\": 2}",
    i1, i2, i3, i4,
    "put athlete " T1 " {\"*create\": true, \"name\": \"Ada\"}",
    NULL
  };
  const char *offline_a[] = {
    "put exercise " E1 " {\"name\": \"Back squat\"}",
    "put workout_item " I1 " {\"position\": \"a5\"}",
    NULL, /* i5 */
    "del athlete " T1,
    "link exercise_category " E3 " " K1,
    NULL
  };
  const char *offline_b[] = {
    "put exercise " E1 " {\"name\": \"Front squat\", \"description\": \"Elbows up\"}",
    "put exercise " E2 " {\"description\": \"Long step\"}",
    "put workout_item " I3 " {\"position\": \"a0\"}",
    "put workout " W1 " {\"rounds\": 3}",
    "put athlete " T1 " {\"notes\": \"Knee\"}",
    "put athlete " T2 " {\"*create\": true, \"name\": \"Bo\"}",
    NULL
  };
  const char *offline_c[] = {
    "put exercise " E1 " {\"difficulty\": \"hard\"}",
    "del exercise " E2,
    "put workout_item " I2 " {\"notes\": \"Slow\"}",
    "put workout_item " I1 " {\"work_s\": 45}",
    "put workout " W1 " {\"name\": \"Tuesday strength\"}",
    "unlink exercise_category " E1 " " K1,
    NULL
  };

  g_assert_no_error (error);
  i5 = g_strdup_printf ("put workout_item " I5 " {\"*create\": true, \"workout_id\": \"" W1 "\", "
                        "\"exercise_id\": \"" E3 "\", \"position\": \"%s\", \"work_s\": 20}", between);
  offline_a[2] = i5;

  run_ops (run, 0, setup);
  for (guint i = 0; i < N_DEV; i++)
    run_sync (run, i);

  run_ops (run, 0, offline_a);
  run_ops (run, 1, offline_b);
  run_ops (run, 2, offline_c);

  run_sync (run, 2);
  run_sync (run, 0);
  run_sync (run, 1);
  run_quiesce (run);
}

/* What the protocol promises for that script. */
static void
assert_scenario_outcome (Run *run)
{
  CoachCatalog *c = run->catalogs[0];
  const char *order[] = { I3, I2, I4, I5, I1 };
  g_autofree char *name = field_of (c, "exercise", E1, "name");
  g_autofree char *description = field_of (c, "exercise", E1, "description");
  g_autofree char *difficulty = field_of (c, "exercise", E1, "difficulty");
  g_autofree char *e2 = field_of (c, "exercise", E2, "name");
  g_autofree char *t1 = field_of (c, "athlete", T1, "name");
  g_autofree char *t2 = field_of (c, "athlete", T2, "name");
  g_autofree char *wname = field_of (c, "workout", W1, "name");
  g_autofree char *rounds = field_of (c, "workout", W1, "rounds");
  g_autofree char *work = field_of (c, "workout_item", I1, "work_s");
  g_autofree char *notes = field_of (c, "workout_item", I2, "notes");
  g_auto(GStrv) links1 = NULL;
  g_auto(GStrv) links3 = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  const char *params[] = { run->team->team_id, run->team->device_ids[1] };

  /* the same field: the last to reach the server wins; other fields merge */
  g_assert_cmpstr (name, ==, "\"Front squat\"");
  g_assert_cmpstr (description, ==, "\"Elbows up\"");
  g_assert_cmpstr (difficulty, ==, "\"hard\"");
  g_assert_cmpstr (wname, ==, "\"Tuesday strength\"");
  g_assert_cmpstr (rounds, ==, "3");
  g_assert_cmpstr (work, ==, "45");
  g_assert_cmpstr (notes, ==, "\"Slow\"");
  g_assert_cmpstr (t2, ==, "\"Bo\"");

  /* deletes win over edits that reach the server later; those edits are
   * refused there and kept for review on the device that made them */
  g_assert_cmpstr (e2, ==, "(deleted)");
  g_assert_cmpstr (t1, ==, "(deleted)");
  g_assert_cmpint (sim_pg_int (run->f->pg, "SELECT count(*) FROM rejection WHERE team_id = $1 AND device_id = $2",
                               2, params), ==, 2);
  g_assert_cmpint (sim_sqlite_int (run->catalogs[1], "SELECT count(*) FROM conflict WHERE row_id IN ('" E2 "', '" T1 "')"),
                   ==, 2);

  /* both reorders and the insert hold */
  items = coach_catalog_list_where (c, "workout_item", "workout_id", W1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, G_N_ELEMENTS (order));
  for (guint i = 0; i < items->len; i++)
    g_assert_cmpstr (coach_record_get_id (items->pdata[i]), ==, order[i]);

  links1 = coach_catalog_get_links (c, "exercise_category", E1, &error);
  g_assert_no_error (error);
  links3 = coach_catalog_get_links (c, "exercise_category", E3, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (links1), ==, 0);
  g_assert_cmpuint (g_strv_length (links3), ==, 1);
}

static char *
server_dump (Fixture    *f,
             const char *team_id)
{
  const char *params[] = { team_id };
  g_autoptr(PGresult) res = sim_pg_exec (f->pg,
                                         "SELECT string_agg (concat_ws (' ', tbl, id, deleted, server_version, fields::text), "
                                         "E'\\n' ORDER BY tbl, id) FROM record WHERE team_id = $1",
                                         1, params);

  return g_strdup (PQgetvalue (res, 0, 0));
}

static void
test_two_devices (Fixture       *f,
                  gconstpointer  data)
{
  Run run;
  const char *create[] = {
    "put exercise " E1 " {\"*create\": true, \"name\": \"Plank\", \"muscles\": [\"core\"]}",
    "put workout " W1 " {\"*create\": true, \"name\": \"Core\"}",
    NULL
  };
  g_autofree char *a1 = item (I1, E1, "a1");
  g_autofree char *a2 = item (I2, E1, "a2");
  const char *edits_a[] = {
    "put exercise " E1 " {\"name\": \"Side plank\"}",
    a1, a2,
    NULL
  };
  const char *edits_b[] = {
    "put exercise " E1 " {\"name\": \"Long plank\", \"default_duration_s\": 60}",
    "put exercise " E2 " {\"*create\": true, \"name\": \"Dead bug\"}",
    "del workout " W1,
    NULL
  };
  g_autofree char *name = NULL;
  g_autofree char *seconds = NULL;
  g_autofree char *dump = NULL;

  run_init (&run, f, 2, FALSE);
  run_ops (&run, 0, create);
  run_sync (&run, 0);
  run_sync (&run, 1);
  run_ops (&run, 0, edits_a);
  run_ops (&run, 1, edits_b);
  run_sync (&run, 1);
  run_sync (&run, 0);
  run_quiesce (&run);
  dump = run_assert_converged (&run);

  name = field_of (run.catalogs[1], "exercise", E1, "name");
  seconds = field_of (run.catalogs[1], "exercise", E1, "default_duration_s");
  g_assert_cmpstr (name, ==, "\"Side plank\"");
  g_assert_cmpstr (seconds, ==, "60");
  /* items added to a workout deleted meanwhile stay (they reached the
   * server after the delete), the same on both devices */
  g_assert_nonnull (strstr (dump, I1));
  g_assert_null (strstr (dump, "workout id=«" W1));

  /* B's name reached the server first, and A's, made without having seen
   * it, replaced it: B keeps its lost edit for review; the duration only B
   * changed is no conflict, and A lost nothing */
  g_assert_cmpint (sim_sqlite_int (run.catalogs[1], "SELECT count(*) FROM conflict WHERE row_id = '" E1 "' "
                                                    "AND field = 'name' AND local_value = '\"Long plank\"'"), ==, 1);
  g_assert_cmpint (sim_sqlite_int (run.catalogs[1], "SELECT count(*) FROM conflict WHERE row_id = '" E1 "'"), ==, 1);
  g_assert_cmpint (sim_sqlite_int (run.catalogs[0], "SELECT count(*) FROM conflict WHERE row_id = '" E1 "'"), ==, 0);

  /* an edit made after seeing the other's replaces nothing unseen, and
   * a pull from scratch does not report the old one twice */
  {
    const char *again[] = { "put exercise " E1 " {\"name\": \"Plank again\"}", NULL };

    run_ops (&run, 0, again);
    run_sync (&run, 0);
    run_quiesce (&run);
    run_assert_converged (&run);
    g_assert_cmpint (sim_sqlite_int (run.catalogs[1], "SELECT count(*) FROM conflict"), ==, 1);
    coach_catalog_set_meta (run.catalogs[1], "sync-cursor", "0", NULL);
    run_sync (&run, 1);
    g_assert_cmpint (sim_sqlite_int (run.catalogs[1], "SELECT count(*) FROM conflict"), ==, 1);
  }
  run_clear (&run);
}

static void
test_three_devices (Fixture       *f,
                    gconstpointer  data)
{
  Run run;
  g_autofree char *dump = NULL;

  run_init (&run, f, N_DEV, FALSE);
  run_scenario (&run);
  dump = run_assert_converged (&run);
  assert_scenario_outcome (&run);
  run_clear (&run);
}

/* The script in device processes, first with true clocks, then with one
 * device a year ahead and one a year behind. */
static void
test_clock_skew (Fixture       *f,
                 gconstpointer  data)
{
  Run plain, skewed;
  g_autofree char *plain_dump = NULL;
  g_autofree char *skewed_dump = NULL;
  g_autofree char *plain_server = NULL;
  g_autofree char *skewed_server = NULL;
  gint64 now = g_get_real_time () / 1000;

  g_assert_nonnull (g_getenv ("COACHBOOK_TEST_FAKETIME"));
  g_assert_true (g_file_test (g_getenv ("COACHBOOK_TEST_FAKETIME"), G_FILE_TEST_IS_EXECUTABLE));

  run_init (&plain, f, N_DEV, TRUE);
  run_scenario (&plain);
  plain_dump = run_assert_converged (&plain);
  assert_scenario_outcome (&plain);
  plain_server = server_dump (f, plain.team->team_id);

  run_init (&skewed, f, N_DEV, TRUE);
  skewed.clock_offset[0] = "+365d";
  skewed.clock_offset[1] = "-365d";
  run_scenario (&skewed);
  skewed_dump = run_assert_converged (&skewed);
  assert_scenario_outcome (&skewed);
  skewed_server = server_dump (f, skewed.team->team_id);

  /* the skew was real: the devices stamped their own rows with it */
  g_assert_cmpint (sim_sqlite_int (skewed.catalogs[0], "SELECT updated_at FROM exercise WHERE id = '" E3 "'"),
                   >, now + ONE_YEAR_MS - 7 * 24 * 3600 * 1000);
  g_assert_cmpint (sim_sqlite_int (skewed.catalogs[1], "SELECT updated_at FROM athlete WHERE id = '" T2 "'"),
                   <, now - ONE_YEAR_MS + 7 * 24 * 3600 * 1000);

  /* and changed nothing */
  g_assert_cmpstr (skewed_dump, ==, plain_dump);
  g_assert_cmpstr (skewed_server, ==, plain_server);

  run_clear (&plain);
  run_clear (&skewed);
}

/* The coach edits a row while a background sync is between its push and
 * the apply of a page that deletes that row (the app's sync worker has a
 * connection of its own). The edit is kept as a conflict; later edits
 * must still reach the server. */
static void
test_edit_during_pull (Fixture       *f,
                       gconstpointer  data)
{
  Run run;
  g_autoptr(GError) error = NULL;
  g_autoptr(CoachSyncClient) client = NULL;
  g_autoptr(CoachWirePull) page = NULL;
  g_autofree char *name = NULL;
  CoachSyncStats stats = { 0 };
  const char *create[] = {
    "put exercise " E1 " {\"*create\": true, \"name\": \"Plank\"}",
    "put exercise " E2 " {\"*create\": true, \"name\": \"Bridge\"}",
    NULL
  };
  const char *remove[] = { "del exercise " E1, NULL };
  const char *edit[] = { "put exercise " E1 " {\"name\": \"Side plank\"}", NULL };
  const char *later[] = { "put exercise " E2 " {\"name\": \"Glute bridge\"}", NULL };

  run_init (&run, f, 2, FALSE);
  run_ops (&run, 0, create);
  run_sync (&run, 0);
  run_sync (&run, 1);
  run_ops (&run, 1, remove);
  run_sync (&run, 1);

  /* device 0's sync has pushed (nothing); the edit lands; then the page */
  client = coach_sync_client_new (f->server->url, &error);
  g_assert_no_error (error);
  coach_sync_client_set_token (client, run.team->tokens[0]);
  page = coach_sync_client_pull (client, sim_cursor (run.catalogs[0]), 1000, NULL, NULL, &error);
  g_assert_no_error (error);
  run_ops (&run, 0, edit);
  g_assert_true (coach_catalog_apply_pull (run.catalogs[0], page, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.conflicts, ==, 1);

  run_ops (&run, 0, later);
  run_quiesce (&run);
  g_free (run_assert_converged (&run));
  name = field_of (run.catalogs[1], "exercise", E2, "name");
  g_assert_cmpstr (name, ==, "\"Glute bridge\"");
  run_clear (&run);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/sync-converge/two-devices", Fixture, NULL, fixture_setup, test_two_devices, fixture_teardown);
  g_test_add ("/sync-converge/three-devices", Fixture, NULL, fixture_setup, test_three_devices, fixture_teardown);
  g_test_add ("/sync-converge/edit-during-pull", Fixture, NULL, fixture_setup, test_edit_during_pull, fixture_teardown);
  g_test_add ("/sync-converge/clock-skew", Fixture, NULL, fixture_setup, test_clock_skew, fixture_teardown);

  return g_test_run ();
}
