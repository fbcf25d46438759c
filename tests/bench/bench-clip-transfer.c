/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 *
 * The file states of 30k clips (what the clip tiles show), read in one
 * query, against a bare scan of the clip ids in the same catalog: the
 * cost of one refresh while files move.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "coach-clip-transfer.h"

#define N_CLIPS 30000
#define RUNS 25

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
percentile (GArray *ms,
            double  p)
{
  g_array_sort (ms, compare_doubles);
  return g_array_index (ms, double, MIN ((guint) (p * ms->len), ms->len - 1));
}

static void
exec_or_die (sqlite3    *db,
             const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    {
      g_printerr ("%s: %s\n", sql, message);
      exit (1);
    }
}

/* Every tenth clip waits to upload, one in a hundred is uploading (half
 * its parts sent), a third are another device's clips not downloaded, the
 * rest are here and on the server; a few are pinned. */
static void
fill (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *clip, *blob, *part;

  if (sqlite3_open (path, &db) != SQLITE_OK)
    exit (1);
  exec_or_die (db, "BEGIN");
  sqlite3_prepare_v2 (db, "INSERT INTO clip (id, title, sha256, proxy_sha256, status, server_version) "
                          "VALUES (?1, 'Clip ' || ?1, ?2, ?3, 'ready', 1)", -1, &clip, NULL);
  sqlite3_prepare_v2 (db, "INSERT INTO blob (sha256, path, size, state, created_at) VALUES (?1, 'x', 1000000, ?2, 0)",
                      -1, &blob, NULL);
  sqlite3_prepare_v2 (db, "INSERT INTO blob_upload_part (sha256, part_number, size, etag) VALUES (?1, ?2, 100000, 'e')",
                      -1, &part, NULL);
  for (guint i = 0; i < N_CLIPS; i++)
    {
      g_autofree char *id = g_strdup_printf ("clip-%06u", i);
      g_autofree char *original = g_strdup_printf ("%064u", i * 2);
      g_autofree char *proxy = g_strdup_printf ("%064u", i * 2 + 1);
      const char *state = i % 100 == 0 ? "uploading" : i % 10 == 0 ? "local" : i % 3 == 0 ? NULL : "uploaded";

      sqlite3_bind_text (clip, 1, id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (clip, 2, original, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (clip, 3, proxy, -1, SQLITE_TRANSIENT);
      sqlite3_step (clip);
      sqlite3_reset (clip);
      for (guint k = 0; state != NULL && k < 2; k++)
        {
          sqlite3_bind_text (blob, 1, k == 0 ? original : proxy, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (blob, 2, k == 0 ? state : "uploaded", -1, SQLITE_STATIC);
          sqlite3_step (blob);
          sqlite3_reset (blob);
        }
      if (g_strcmp0 (state, "uploading") == 0)
        {
          g_autofree char *sql = g_strdup_printf ("INSERT INTO blob_upload (sha256, method, part_size, part_count, started_at) "
                                                  "VALUES ('%s', 'multipart', 100000, 10, 0)", original);
          exec_or_die (db, sql);
          for (guint n = 1; n <= 5; n++)
            {
              sqlite3_bind_text (part, 1, original, -1, SQLITE_TRANSIENT);
              sqlite3_bind_int (part, 2, n);
              sqlite3_step (part);
              sqlite3_reset (part);
            }
        }
      if (i % 50 == 1)
        {
          g_autofree char *sql = g_strdup_printf ("INSERT INTO clip_pin (clip_id, pinned_at) VALUES ('%s', 0)", id);
          exec_or_die (db, sql);
        }
    }
  exec_or_die (db, "INSERT OR REPLACE INTO meta (key, value) VALUES ('sync-server-url', 'https://team.example'), "
                   "('sync-email', 'coach@example.org'), ('sync-device-id', 'device')");
  exec_or_die (db, "COMMIT");
  sqlite3_finalize (clip);
  sqlite3_finalize (blob);
  sqlite3_finalize (part);
  sqlite3_close (db);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("coachbook-bench-XXXXXX", &error);
  g_autoptr(CoachCatalog) catalog = NULL;
  g_autoptr(GArray) ours = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) screen = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) bare = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *cmd = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *scan = NULL;
  guint n_states = 0;

  if (dir == NULL || (catalog = coach_catalog_open (dir, &error)) == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  fill (coach_catalog_get_path (catalog));
  /* a screenful of tiles */
  for (guint i = 0; i < 60; i++)
    g_ptr_array_add (ids, g_strdup_printf ("clip-%06u", 15000 + i));
  g_ptr_array_add (ids, NULL);

  sqlite3_open (coach_catalog_get_path (catalog), &db);
  sqlite3_prepare_v2 (db, "SELECT id FROM clip WHERE deleted = 0", -1, &scan, NULL);
  for (guint run = 0; run < RUNS; run++)
    {
      g_autoptr(GHashTable) all = NULL;
      g_autoptr(GHashTable) some = NULL;
      gint64 t0 = g_get_monotonic_time ();
      double ms;
      guint rows = 0;

      all = coach_catalog_get_clip_transfers (catalog, NULL, &error);
      ms = (g_get_monotonic_time () - t0) / 1000.0;
      if (all == NULL)
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      n_states = g_hash_table_size (all);
      g_array_append_val (ours, ms);

      t0 = g_get_monotonic_time ();
      some = coach_catalog_get_clip_transfers (catalog, (const char * const *) ids->pdata, &error);
      ms = (g_get_monotonic_time () - t0) / 1000.0;
      g_array_append_val (screen, ms);

      t0 = g_get_monotonic_time ();
      while (sqlite3_step (scan) == SQLITE_ROW)
        rows++;
      sqlite3_reset (scan);
      ms = (g_get_monotonic_time () - t0) / 1000.0;
      g_array_append_val (bare, ms);
    }
  sqlite3_finalize (scan);
  sqlite3_close (db);

  g_print ("clip file states, %u clips (%u with a state)\n", N_CLIPS, n_states);
  g_print ("%-34s p50 %8.3f ms   p95 %8.3f ms\n", "all clips, one query", percentile (ours, 0.5), percentile (ours, 0.95));
  g_print ("%-34s p50 %8.3f ms   p95 %8.3f ms\n", "60 clips (a screenful)", percentile (screen, 0.5), percentile (screen, 0.95));
  g_print ("%-34s p50 %8.3f ms   p95 %8.3f ms\n", "reference: scan of clip ids", percentile (bare, 0.5), percentile (bare, 0.95));
  g_print ("ratio all-clips/scan (p50): %.1f\n", percentile (ours, 0.5) / MAX (percentile (bare, 0.5), 0.001));

  if (g_getenv ("BENCH_KEEP") != NULL)
    {
      g_autofree char *copy = g_strdup_printf ("cp '%s' '%s'", coach_catalog_get_path (catalog), g_getenv ("BENCH_KEEP"));

      if (system (copy) != 0)
        g_printerr ("could not keep the catalog\n");
    }
  g_clear_object (&catalog);
  cmd = g_strdup_printf ("rm -rf '%s'", dir);
  if (system (cmd) != 0)
    g_printerr ("could not remove %s\n", dir);
  return 0;
}
