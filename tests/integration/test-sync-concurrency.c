/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#include "config.h"

#include <string.h>

#include "coach-uuid.h"
#include "sync-test-util.h"

/* Several devices push at once while they and an observer keep pulling.
 * Every row a device creates is written exactly once, so every reader must
 * see every one of them exactly once, in increasing versions: a cursor
 * that skipped a late commit, or a page boundary that split or repeated
 * one, shows up as a missing or doubled id. */

#define N_SHARED 3

typedef struct
{
  const char     *url;
  SyncTestDevice *device;
  guint           index;
  guint           rounds;
  const char     *shared[N_SHARED];

  GPtrArray      *created;      /* ids this device created */
  GHashTable     *seen;         /* id -> times seen, rows created by anyone */
  GHashTable     *last_shared;  /* shared id -> notes last seen */
  gint64          last_version;
} Worker;

typedef struct
{
  Worker    *workers;
  guint      n_workers;
  Worker     observer;
  gint       done;
} Run;

static gboolean
is_shared (Worker     *w,
           const char *id)
{
  for (guint i = 0; i < N_SHARED; i++)
    if (g_strcmp0 (w->shared[i], id) == 0)
      return TRUE;
  return FALSE;
}

/* Pulls everything new, pages of 7 so page boundaries fall everywhere. */
static void
catch_up (Worker      *w,
          SoupSession *session)
{
  g_autoptr(GPtrArray) changes = sync_test_pull_all (session, w->url, w->device, 7);

  for (guint i = 0; i < changes->len; i++)
    {
      CoachWireChange *change = g_ptr_array_index (changes, i);

      g_assert_cmpint (change->version, >, w->last_version);
      w->last_version = change->version;
      if (is_shared (w, change->id))
        g_hash_table_replace (w->last_shared, g_strdup (change->id),
                              g_strdup (json_object_get_string_member (change->fields, "notes")));
      else
        {
          guint n = GPOINTER_TO_UINT (g_hash_table_lookup (w->seen, change->id));
          g_hash_table_replace (w->seen, g_strdup (change->id), GUINT_TO_POINTER (n + 1));
        }
    }
}

static gpointer
worker_thread (gpointer data)
{
  Worker *w = data;
  g_autoptr(SoupSession) session = sync_test_session_new ();

  for (guint round = 0; round < w->rounds; round++)
    {
      g_autoptr(CoachWirePush) push = coach_wire_push_new ();
      g_autoptr(CoachWirePushResult) result = NULL;
      char *id = coach_uuid_v7_new ();
      g_autofree char *fields = g_strdup_printf ("{\"name\": \"w%u r%u\"}", w->index, round);

      g_ptr_array_add (w->created, id);
      sync_test_add_mutation (push, w->device->next_mid++, "tag", "upsert", id, fields);
      if (round % 4 == 0)
        {
          g_autofree char *notes = g_strdup_printf ("{\"notes\": \"w%u r%u\"}", w->index, round);
          sync_test_add_mutation (push, w->device->next_mid++, "athlete", "upsert",
                                  w->shared[round % N_SHARED], notes);
        }

      result = sync_test_push_ok (session, w->url, w->device, push);
      g_assert_cmpint (result->last_mid, ==, w->device->next_mid - 1);
      g_assert_cmpuint (result->rejected->len, ==, 0);
      g_assert_cmpint (result->gap_expected, ==, 0);

      catch_up (w, session);
    }
  return NULL;
}

static gpointer
observer_thread (gpointer data)
{
  Run *run = data;
  g_autoptr(SoupSession) session = sync_test_session_new ();

  while (!g_atomic_int_get (&run->done))
    catch_up (&run->observer, session);
  return NULL;
}

static void
worker_init (Worker         *w,
             const char     *url,
             SyncTestDevice *device,
             guint           index,
             guint           rounds,
             char          **shared)
{
  w->url = url;
  w->device = device;
  w->index = index;
  w->rounds = rounds;
  for (guint i = 0; i < N_SHARED; i++)
    w->shared[i] = shared[i];
  w->created = g_ptr_array_new_with_free_func (g_free);
  w->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  w->last_shared = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

static void
worker_clear (Worker *w)
{
  g_ptr_array_unref (w->created);
  g_hash_table_unref (w->seen);
  g_hash_table_unref (w->last_shared);
  sync_test_device_free (w->device);
}

/* What every reader must agree on once everything is pulled. */
static void
check_reader (Run        *run,
              Worker     *reader,
              SyncTestDb *db)
{
  guint total = 0;

  for (guint i = 0; i < run->n_workers; i++)
    {
      Worker *w = &run->workers[i];

      total += w->created->len;
      for (guint j = 0; j < w->created->len; j++)
        {
          const char *id = g_ptr_array_index (w->created, j);
          guint n = GPOINTER_TO_UINT (g_hash_table_lookup (reader->seen, id));

          if (n != 1)
            g_error ("reader %u saw row %s of writer %u %u times", reader->index, id, i, n);
        }
    }
  g_assert_cmpuint (g_hash_table_size (reader->seen), ==, total);

  for (guint i = 0; i < N_SHARED; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT fields->>'notes' FROM record WHERE id = '%s'",
                                              reader->shared[i]);
      g_autofree char *notes = sync_test_db_value (db, sql);

      g_assert_cmpstr (g_hash_table_lookup (reader->last_shared, reader->shared[i]), ==, notes);
    }
}

static void
run_concurrently (Run         *run,
                  SyncTestDb  *db,
                  const char  *observer_url,
                  SyncTestDevice *observer_device,
                  char       **shared)
{
  g_autoptr(SoupSession) session = sync_test_session_new ();
  g_autoptr(GPtrArray) threads = g_ptr_array_new ();
  GThread *observer;

  worker_init (&run->observer, observer_url, observer_device, 999, 0, shared);
  observer = g_thread_new ("observer", observer_thread, run);
  for (guint i = 0; i < run->n_workers; i++)
    g_ptr_array_add (threads, g_thread_new ("worker", worker_thread, &run->workers[i]));
  for (guint i = 0; i < threads->len; i++)
    g_thread_join (g_ptr_array_index (threads, i));
  g_atomic_int_set (&run->done, 1);
  g_thread_join (observer);

  /* everything is committed now: one last pull for everyone */
  catch_up (&run->observer, session);
  check_reader (run, &run->observer, db);
  for (guint i = 0; i < run->n_workers; i++)
    {
      catch_up (&run->workers[i], session);
      check_reader (run, &run->workers[i], db);
    }

  /* versions are dense per change and the clock is the last of them */
  g_assert_cmpint (sync_test_db_int (db, "SELECT max (server_version) FROM record"), ==,
                   sync_test_db_int (db, "SELECT v FROM team_clock"));
  g_assert_cmpint (run->observer.device->cursor, ==, sync_test_db_int (db, "SELECT v FROM team_clock"));

  worker_clear (&run->observer);
}

static char **
create_shared_rows (SoupSession    *session,
                    const char     *url,
                    SyncTestDevice *device)
{
  g_autoptr(CoachWirePush) push = coach_wire_push_new ();
  char **shared = g_new0 (char *, N_SHARED + 1);

  for (guint i = 0; i < N_SHARED; i++)
    {
      shared[i] = coach_uuid_v7_new ();
      sync_test_add_mutation (push, device->next_mid++, "athlete", "upsert", shared[i],
                              "{\"name\": \"shared\", \"notes\": \"start\"}");
    }
  coach_wire_push_result_free (sync_test_push_ok (session, url, device, push));
  return shared;
}

static void
test_pushes_and_pulls (void)
{
  /* a delay inside each push transaction, after its versions are taken
   * and before it commits, widens the window in which a reader could
   * overtake a slow writer */
  const char *env[] = { "COACHBOOK_SYNC_DEBUG_PUSH_DELAY_MS=2", NULL };
  g_autoptr(SyncTestStack) stack = sync_test_stack_new (env);
  g_autofree char *team = sync_test_create_team (stack->db, "Harriers");
  g_auto(GStrv) shared = NULL;
  Run run = { 0 };
  guint n_threads = 8;

  sync_test_add_coach (stack->db, team, "ana@example.org");
  run.n_workers = n_threads;
  run.workers = g_new0 (Worker, n_threads);
  for (guint i = 0; i < n_threads; i++)
    {
      g_autofree char *name = g_strdup_printf ("device %u", i);
      SyncTestDevice *device = sync_test_login (stack->session, stack->server->url, "ana@example.org", name);

      if (shared == NULL)
        shared = create_shared_rows (stack->session, stack->server->url, device);
      worker_init (&run.workers[i], stack->server->url, device, i, 100, shared);
    }

  run_concurrently (&run, stack->db, stack->server->url,
                    sync_test_login (stack->session, stack->server->url, "ana@example.org", "observer"),
                    shared);

  g_assert_cmpint (sync_test_db_int (stack->db, "SELECT count(*) FROM record WHERE tbl = 'tag'"), ==, 800);
  for (guint i = 0; i < n_threads; i++)
    worker_clear (&run.workers[i]);
  g_free (run.workers);
}

static void
test_two_instances (void)
{
  g_autoptr(SyncTestDb) db = sync_test_db_new ();
  g_autoptr(SoupSession) session = sync_test_session_new ();
  SyncTestServer *servers[2];
  g_autofree char *team = NULL;
  g_auto(GStrv) shared = NULL;
  Run run = { 0 };
  guint n_threads = 4;

  /* both start on an empty database at once: one migrates, the other
   * waits for it and finds nothing left to do */
  servers[0] = sync_test_server_spawn (db, NULL);
  servers[1] = sync_test_server_spawn (db, NULL);
  sync_test_server_wait (servers[0]);
  sync_test_server_wait (servers[1]);
  g_assert_cmpint (sync_test_db_int (db, "SELECT count(*) FROM schema_migrations"), ==, sync_test_n_migrations ());

  team = sync_test_create_team (db, "Harriers");
  sync_test_add_coach (db, team, "ana@example.org");

  run.n_workers = n_threads;
  run.workers = g_new0 (Worker, n_threads);
  for (guint i = 0; i < n_threads; i++)
    {
      g_autofree char *name = g_strdup_printf ("device %u", i);
      const char *url = servers[i % 2]->url;
      SyncTestDevice *device = sync_test_login (session, url, "ana@example.org", name);

      if (shared == NULL)
        shared = create_shared_rows (session, url, device);
      worker_init (&run.workers[i], url, device, i, 60, shared);
    }

  run_concurrently (&run, db, servers[1]->url,
                    sync_test_login (session, servers[0]->url, "ana@example.org", "observer"), shared);

  /* a token revoked through one is refused by both */
  {
    g_autofree char *out = sync_test_admin_ok (db, NULL, "revoke-device", run.workers[0].device->device_id, NULL);

    for (guint s = 0; s < 2; s++)
      {
        g_autofree char *url = g_strconcat (servers[s]->url, "/v1/pull", NULL);
        g_autoptr(SyncTestResponse) r = sync_test_request (session, "GET", url, run.workers[0].device->token,
                                                           NULL, 0);
        sync_test_assert_error (r, 401, "unauthorized");
      }
  }

  for (guint i = 0; i < n_threads; i++)
    worker_clear (&run.workers[i]);
  g_free (run.workers);
  sync_test_server_stop (servers[0]);
  sync_test_server_stop (servers[1]);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/concurrency/pushes-and-pulls", test_pushes_and_pulls);
  g_test_add_func ("/concurrency/two-instances", test_two_instances);

  return g_test_run ();
}
