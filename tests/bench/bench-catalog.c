/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 *
 * Fills a catalog the size of a large team's (30k clips, 2k exercises, 10k
 * workouts, 500 athletes) and times what a coach feels: search as you type
 * and opening the clip list. The reference is SQLite itself running the same
 * FTS statements on its own connection, measured in the same run.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <stdlib.h>

#include "coach-catalog.h"
#include "coach-query-model.h"
#include "coach-search.h"

static const char * const words[] = {
  "squat", "sprint", "shuttle", "plank", "press", "pull", "push", "lunge", "jump",
  "bound", "skip", "carry", "row", "hinge", "deadlift", "bridge", "crunch", "twist",
  "agility", "ladder", "cone", "drill", "tempo", "recovery", "mobility", "stretch",
  "balance", "hop", "throw", "catch", "pass", "dribble", "tackle", "header", "serve",
  "block", "spike", "volley", "swing", "kick", "defence", "attack", "goalkeeper",
  "warm", "cool", "core", "hip", "shoulder", "ankle", "knee", "wrist", "neck",
};

static const char * const typed[] = {
  "s", "sq", "squ", "squa", "squat",
  "p", "pl", "pla", "plan", "plank",
  "d", "dr", "dri", "dril", "drill",
  "g", "go", "goa", "goal", "goalk",
  "a", "ag", "agi", "agil", "agility l", "agility la",
  "k", "kn", "kne", "knee",
  "h", "hi", "hip", "hip b", "hip br",
};

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
  return g_array_index (ms, double, (guint) ((ms->len - 1) * p));
}

static char *
phrase (GRand *rand,
        guint  n)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      if (i)
        g_string_append_c (s, ' ');
      g_string_append (s, words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
    }
  return g_string_free (s, FALSE);
}

static void
fill (CoachCatalog *catalog)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  g_autoptr(GError) error = NULL;
  static const char * const diffs[] = { "easy", "medium", "hard" };

  g_assert (coach_catalog_begin (catalog, &error));
  for (guint i = 0; i < 2000; i++)
    {
      g_autoptr(CoachRecord) r = coach_record_new_for_table ("exercise", NULL);
      g_autofree char *name = phrase (rand, 3);
      g_autofree char *desc = phrase (rand, 12);

      coach_record_set_string (r, "name", name);
      coach_record_set_string (r, "description", desc);
      coach_record_set_string (r, "difficulty", diffs[i % 3]);
      coach_record_set_boolean (r, "has_jump", i % 4 == 0);
      g_assert (coach_catalog_save (catalog, r, &error));
    }
  for (guint i = 0; i < 30000; i++)
    {
      g_autoptr(CoachRecord) r = coach_record_new_for_table ("clip", NULL);
      g_autofree char *title = phrase (rand, 3);
      g_autofree char *notes = phrase (rand, 8);

      coach_record_set_string (r, "title", title);
      coach_record_set_string (r, "notes", notes);
      coach_record_set_string (r, "status", "ready");
      coach_record_set_int (r, "duration_ms", g_rand_int_range (rand, 2000, 120000));
      g_assert (coach_catalog_save (catalog, r, &error));
    }
  for (guint i = 0; i < 10000; i++)
    {
      g_autoptr(CoachRecord) r = coach_record_new_for_table ("workout", NULL);
      g_autofree char *name = phrase (rand, 2);
      g_autofree char *desc = phrase (rand, 6);

      coach_record_set_string (r, "name", name);
      coach_record_set_string (r, "description", desc);
      g_assert (coach_catalog_save (catalog, r, &error));
    }
  for (guint i = 0; i < 500; i++)
    {
      g_autoptr(CoachRecord) r = coach_record_new_for_table ("athlete", NULL);
      g_autofree char *name = g_strdup_printf ("Athlete %u %s", i, words[i % G_N_ELEMENTS (words)]);

      coach_record_set_string (r, "name", name);
      g_assert (coach_catalog_save (catalog, r, &error));
    }
  g_assert (coach_catalog_commit (catalog, &error));
}

/* The statement coach_catalog_search runs for one kind, for the reference. */
static const char reference_sql[] =
  "SELECT t.id, t.title FROM "
  "(SELECT rowid FROM search_clip WHERE search_clip MATCH ?1 "
  "LIMIT " G_STRINGIFY (COACH_SEARCH_CANDIDATES) ") c "
  "JOIN clip t ON t.rowid = c.rowid WHERE t.deleted = 0";

static const char naive_sql[] =
  "SELECT rowid FROM search_clip WHERE search_clip MATCH ?1 ORDER BY rank LIMIT 50";

static void
report (const char *what,
        GArray     *ms)
{
  g_print ("%-34s p50 %8.3f ms   p95 %8.3f ms\n", what, percentile (ms, 0.5), percentile (ms, 0.95));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("coachbook-bench-XXXXXX", NULL);
  g_autoptr(CoachCatalog) catalog = NULL;
  g_autoptr(GArray) ours = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) ours_clips = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) ref = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) naive = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) open_model = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *cmd = NULL;
  sqlite3 *raw;
  sqlite3_stmt *stmt, *naive_stmt;
  gint64 t0;
  double p95, ref95;
  const guint rounds = 20;

  catalog = coach_catalog_open (dir, &error);
  g_assert_no_error (error);

  t0 = g_get_monotonic_time ();
  fill (catalog);
  g_print ("filled 30000 clips, 2000 exercises, 10000 workouts, 500 athletes in %.1f s\n",
           (g_get_monotonic_time () - t0) / 1e6);

  if (g_getenv ("BENCH_KEEP"))
    {
      g_autofree char *copy = g_strdup_printf ("cp '%s' '%s'", coach_catalog_get_path (catalog), g_getenv ("BENCH_KEEP"));
      g_assert_cmpint (system (copy), ==, 0);
      /* Only the catalog is wanted (the UI benchmark and tests open it). */
      if (g_getenv ("BENCH_FILL_ONLY"))
        {
          g_clear_object (&catalog);
          cmd = g_strdup_printf ("rm -rf '%s'", dir);
          return system (cmd) == 0 ? 0 : 1;
        }
    }
  g_assert (sqlite3_open_v2 (coach_catalog_get_path (catalog), &raw, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK);
  g_assert (sqlite3_prepare_v2 (raw, reference_sql, -1, &stmt, NULL) == SQLITE_OK);
  g_assert (sqlite3_prepare_v2 (raw, naive_sql, -1, &naive_stmt, NULL) == SQLITE_OK);

  for (guint r = 0; r < rounds; r++)
    for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
      {
        CoachSearchQuery q = COACH_SEARCH_QUERY_INIT;
        g_autoptr(GPtrArray) hits = NULL;
        g_autofree char *match = coach_search_build_match (typed[i]);
        double ms;

        /* everything, as the global search does */
        q.text = typed[i];
        t0 = g_get_monotonic_time ();
        hits = coach_catalog_search (catalog, &q, &error);
        ms = (g_get_monotonic_time () - t0) / 1000.0;
        g_assert_no_error (error);
        g_array_append_val (ours, ms);
        g_clear_pointer (&hits, g_ptr_array_unref);

        /* clips only, the statement the reference runs */
        q.kinds = COACH_SEARCH_KIND_MASK (COACH_SEARCH_KIND_CLIP);
        t0 = g_get_monotonic_time ();
        hits = coach_catalog_search (catalog, &q, &error);
        ms = (g_get_monotonic_time () - t0) / 1000.0;
        g_array_append_val (ours_clips, ms);

        /* the same two statements, title column first */
        t0 = g_get_monotonic_time ();
        for (guint pass = 0; pass < 2; pass++)
          {
            g_autofree char *m = pass == 0 ? g_strdup_printf ("{title} : (^%s)", match) : g_strdup (match);

            sqlite3_reset (stmt);
            sqlite3_bind_text (stmt, 1, m, -1, SQLITE_TRANSIENT);
            while (sqlite3_step (stmt) == SQLITE_ROW)
              ;
          }
        ms = (g_get_monotonic_time () - t0) / 1000.0;
        g_array_append_val (ref, ms);

        if (r < 2)
          {
            t0 = g_get_monotonic_time ();
            sqlite3_reset (naive_stmt);
            sqlite3_bind_text (naive_stmt, 1, match, -1, SQLITE_STATIC);
            while (sqlite3_step (naive_stmt) == SQLITE_ROW)
              ;
            ms = (g_get_monotonic_time () - t0) / 1000.0;
            g_array_append_val (naive, ms);
          }
      }

  for (guint r = 0; r < 50; r++)
    {
      g_autoptr(CoachQueryModel) model = NULL;
      double ms;

      t0 = g_get_monotonic_time ();
      model = coach_query_model_new (catalog, "clip");
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 30000);
      for (guint i = 0; i < 60; i++)
        g_object_unref (g_list_model_get_item (G_LIST_MODEL (model), i));
      ms = (g_get_monotonic_time () - t0) / 1000.0;
      g_array_append_val (open_model, ms);
    }

  g_print ("\n");
  report ("search, all kinds (ours)", ours);
  report ("search, clips (ours)", ours_clips);
  report ("search, clips (sqlite3, same SQL)", ref);
  report ("clips, ORDER BY bm25 (context)", naive);
  report ("open clip list model, first 60", open_model);

  p95 = percentile (ours, 0.95);
  ref95 = percentile (ref, 0.95);
  g_print ("\nratio ours/sqlite3 (clips, p95): %.2f\n", percentile (ours_clips, 0.95) / ref95);
  g_print ("budget: search p95 <= 2 ms: %s (%.3f ms)\n", p95 <= 2.0 ? "met" : "MISSED", p95);

  sqlite3_finalize (stmt);
  sqlite3_finalize (naive_stmt);
  sqlite3_close (raw);
  g_clear_object (&catalog);
  cmd = g_strdup_printf ("rm -rf '%s'", dir);
  if (system (cmd) != 0)
    g_printerr ("could not remove %s\n", dir);
  return 0;
}
