/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coachbook-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "coach-blob-store.h"
#include "coach-blob-transfer.h"
#include "coach-catalog.h"
#include "coach-catalog-io.h"
#include "coach-clip-import.h"
#include "coach-composer.h"
#include "coach-credentials.h"
#include "coach-sync-client.h"
#include "coach-sync-engine.h"
#include "coach-duration.h"
#include "coach-media-queue.h"
#include "coach-search.h"

typedef struct
{
  CoachCatalog *catalog;
  gboolean      json;
  char         *data_dir;
} Cli;

typedef int (*CommandFunc) (Cli *cli, int argc, char **argv);

/* ------------------------------------------------------------------------- */

static void
print_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_root (generator, node);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

static int
fail (GError *error)
{
  g_printerr ("coachbook-cli: %s\n", error->message);
  return 1;
}

static int
usage_error (const char *message)
{
  g_printerr ("coachbook-cli: %s\n", message);
  g_printerr ("%s\n", _("Try “coachbook-cli --help”."));
  return 2;
}

/* Parses the options of one command; leaves the positional arguments. */
static gboolean
parse_command (const char   *command,
               const char   *params,
               const char   *summary,
               GOptionEntry *entries,
               int          *argc,
               char       ***argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = g_strdup_printf ("%s %s", command, params);

  context = g_option_context_new (title);
  g_option_context_set_summary (context, summary);
  if (entries)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      usage_error (error->message);
      return FALSE;
    }
  return TRUE;
}

static const char *
record_title (CoachRecord *record)
{
  const CoachTableInfo *info = coach_record_get_table (record);

  if (coach_schema_lookup_field (info, "name"))
    return coach_record_get_string (record, "name");
  if (coach_schema_lookup_field (info, "title") && coach_record_get_string (record, "title"))
    return coach_record_get_string (record, "title");
  if (coach_schema_lookup_field (info, "starts_at"))
    return coach_record_get_string (record, "starts_at");
  return coach_record_get_id (record);
}

static JsonNode *
record_to_node (CoachRecord *record)
{
  JsonObject *obj = coach_record_to_json (record, FALSE);
  JsonNode *node;

  json_object_set_string_member (obj, "id", coach_record_get_id (record));
  json_object_set_int_member (obj, "updated_at", coach_record_get_updated_at (record));
  node = json_node_init_object (json_node_alloc (), obj);
  json_object_unref (obj);
  return node;
}

/* ------------------------------------------------------------------------- */
/* Media jobs */

typedef struct
{
  GMainLoop *loop;
  gboolean   quiet;
} QueueRun;

static void
queue_idle_cb (CoachMediaQueue *queue,
               QueueRun        *run)
{
  g_main_loop_quit (run->loop);
}

static void
queue_job_changed_cb (CoachMediaQueue *queue,
                      gint64           id,
                      const char      *state,
                      QueueRun        *run)
{
  if (!run->quiet)
    g_printerr (_("job %" G_GINT64_FORMAT ": %s\n"), id, state);
}

static void
unref_if_set (gpointer object)
{
  if (object != NULL)
    g_object_unref (object);
}

/* Runs the queued media jobs (and those a crash interrupted) to the end. */
static gboolean
run_media_queue (CoachMediaQueue  *queue,
                 gboolean          quiet,
                 GError          **error)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  QueueRun run = { loop, quiet };
  gulong idle_id, changed_id;

  idle_id = g_signal_connect (queue, "idle", G_CALLBACK (queue_idle_cb), &run);
  changed_id = g_signal_connect (queue, "job-changed", G_CALLBACK (queue_job_changed_cb), &run);
  if (!coach_media_queue_start (queue, error))
    return FALSE;
  if (coach_media_queue_count_pending (queue) > 0)
    g_main_loop_run (loop);
  g_signal_handler_disconnect (queue, idle_id);
  g_signal_handler_disconnect (queue, changed_id);
  return TRUE;
}

/* ------------------------------------------------------------------------- */

static int
cmd_import (Cli   *cli,
            int    argc,
            char **argv)
{
  int limit_mb = 2048;
  int workers = 0;
  int proxy_height = 1080;
  gboolean no_process = FALSE, proxy = FALSE;
  GOptionEntry entries[] = {
    { "size-limit", 0, 0, G_OPTION_ARG_INT, &limit_mb, N_("Largest file to accept, in MB (default 2048)"), "MB" },
    { "no-process", 0, 0, G_OPTION_ARG_NONE, &no_process, N_("Only add the files and queue their processing for “jobs --run”"), NULL },
    { "proxy", 0, 0, G_OPTION_ARG_NONE, &proxy, N_("Also make a sharing copy of each clip (H.264 MP4)"), NULL },
    { "proxy-height", 0, 0, G_OPTION_ARG_INT, &proxy_height, N_("Largest height of the sharing copy (default 1080)"), "LINES" },
    { "workers", 0, 0, G_OPTION_ARG_INT, &workers, N_("Clips processed at once (default: one per processor)"), "N" },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GPtrArray) clips = g_ptr_array_new_with_free_func (unref_if_set);
  g_autoptr(JsonArray) results = json_array_new ();
  g_autoptr(CoachMediaQueue) queue = NULL;
  guint added = 0, duplicates = 0, failed = 0, ready = 0, unreadable = 0;

  if (!parse_command ("import", "FILE|FOLDER…",
                      _("Copies video files into the library and adds a clip for each. "
                        "Folders are searched for video files recursively. The originals are only read. "
                        "Then reads each new clip's length, size and format and makes its thumbnail "
                        "(and with --proxy its sharing copy)."),
                      entries, &argc, &argv))
    return 2;
  if (argc < 2)
    return usage_error (_("import needs at least one file or folder"));
  if (limit_mb <= 0)
    return usage_error (_("--size-limit must be positive"));
  if (workers < 0)
    return usage_error (_("--workers must not be negative"));
  if (proxy_height < 144 || proxy_height > 4320)
    return usage_error (_("--proxy-height must be between 144 and 4320"));

  files = coach_clip_import_collect_files ((const char * const *) argv + 1, &error);
  if (files == NULL)
    return fail (error);

  for (guint i = 0; i < files->len; i++)
    {
      const char *path = files->pdata[i];
      g_autoptr(GError) file_error = NULL;
      g_autoptr(CoachClip) clip = NULL;
      gboolean duplicate = FALSE;
      JsonObject *result = json_object_new ();

      json_object_set_string_member (result, "file", path);
      clip = coach_catalog_import_clip (cli->catalog, path, (guint64) limit_mb * 1024 * 1024,
                                        &duplicate, &file_error);
      if (clip == NULL)
        {
          failed++;
          json_object_set_string_member (result, "status", "failed");
          json_object_set_string_member (result, "error", file_error->message);
          if (!cli->json)
            g_printerr ("[%u/%u] %s: %s\n", i + 1, files->len, path, file_error->message);
        }
      else
        {
          const char *status = duplicate ? "duplicate" : "added";

          if (duplicate)
            duplicates++;
          else
            added++;
          json_object_set_string_member (result, "status", status);
          json_object_set_string_member (result, "clip_id", coach_record_get_id (COACH_RECORD (clip)));
          if (!cli->json)
            g_printerr ("[%u/%u] %s: %s\n", i + 1, files->len, path,
                        duplicate ? _("already in the library") : _("added"));
        }
      json_array_add_object_element (results, result);
      g_ptr_array_add (clips, clip ? g_object_ref (clip) : NULL);
    }

  /* The jobs are queued either way, so "jobs --run" finds them. */
  queue = coach_media_queue_new (cli->catalog, workers);
  coach_media_queue_set_make_proxies (queue, proxy);
  coach_media_queue_set_proxy_max_height (queue, proxy_height);
  for (guint i = 0; i < clips->len; i++)
    {
      CoachRecord *clip = clips->pdata[i];

      /* A clip already in the library is processed again only when it
       * never was, or failed. */
      if (clip == NULL || g_strcmp0 (coach_record_get_string (clip, "status"), "ready") == 0 ||
          g_strcmp0 (coach_record_get_string (clip, "status"), "processing") == 0)
        continue;
      if (!coach_media_queue_add_clip (queue, coach_record_get_id (clip), &error))
        return fail (error);
    }

  if (!no_process)
    {
      if (!run_media_queue (queue, TRUE, &error))
        return fail (error);

      for (guint i = 0; i < clips->len; i++)
        {
          CoachRecord *clip = clips->pdata[i];
          JsonObject *result = json_array_get_object_element (results, i);
          const char *status;

          if (clip == NULL)
            continue;
          status = coach_record_get_string (clip, "status");
          json_object_set_string_member (result, "clip_status", status);
          if (g_strcmp0 (status, "failed") == 0)
            {
              unreadable++;
              json_object_set_string_member (result, "clip_error", coach_record_get_string (clip, "error"));
              if (!cli->json)
                g_printerr ("%s: %s\n", (const char *) files->pdata[i], coach_record_get_string (clip, "error"));
            }
          else if (g_strcmp0 (status, "ready") == 0)
            ready++;
        }
    }

  if (cli->json)
    {
      g_autoptr(JsonNode) node = json_node_init_array (json_node_alloc (), results);
      print_json (node);
    }
  else
    {
      g_print (_("%u added, %u already in the library, %u failed\n"), added, duplicates, failed);
      if (!no_process)
        g_print (_("%u ready, %u could not be read\n"), ready, unreadable);
    }

  return failed > 0 || unreadable > 0 ? 1 : 0;
}

static int
cmd_jobs (Cli   *cli,
          int    argc,
          char **argv)
{
  gboolean all = FALSE, run = FALSE;
  int workers = 0;
  gint64 cancel_id = 0;
  GOptionEntry entries[] = {
    { "all", 0, 0, G_OPTION_ARG_NONE, &all, N_("Also list finished and cancelled jobs"), NULL },
    { "run", 0, 0, G_OPTION_ARG_NONE, &run, N_("Run the queued jobs (and those a crash interrupted) first"), NULL },
    { "workers", 0, 0, G_OPTION_ARG_INT, &workers, N_("Jobs run at once with --run (default: one per processor)"), "N" },
    { "cancel", 0, 0, G_OPTION_ARG_INT64, &cancel_id, N_("Cancel the queued job ID"), "ID" },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) jobs = NULL;
  g_autoptr(CoachMediaQueue) queue = NULL;

  if (!parse_command ("jobs", "",
                      _("Lists the media jobs: reading clips, thumbnails and sharing copies."),
                      entries, &argc, &argv))
    return 2;
  if (workers < 0)
    return usage_error (_("--workers must not be negative"));

  queue = coach_media_queue_new (cli->catalog, workers);
  if (cancel_id > 0 && !coach_media_queue_cancel (queue, cancel_id))
    {
      g_autofree char *msg = g_strdup_printf (_("no queued job %" G_GINT64_FORMAT), cancel_id);
      return usage_error (msg);
    }
  if (run && !run_media_queue (queue, cli->json, &error))
    return fail (error);

  jobs = coach_media_queue_list_jobs (cli->catalog, all, &error);
  if (jobs == NULL)
    return fail (error);

  if (cli->json)
    {
      g_autoptr(JsonArray) array = json_array_new ();
      g_autoptr(JsonNode) node = NULL;

      for (guint i = 0; i < jobs->len; i++)
        {
          CoachMediaJob *job = jobs->pdata[i];
          JsonObject *obj = json_object_new ();

          json_object_set_int_member (obj, "id", job->id);
          json_object_set_string_member (obj, "clip_id", job->clip_id);
          json_object_set_string_member (obj, "kind", job->kind);
          json_object_set_string_member (obj, "state", job->state);
          json_object_set_double_member (obj, "progress", job->progress);
          json_object_set_int_member (obj, "attempts", job->attempts);
          if (job->error)
            json_object_set_string_member (obj, "error", job->error);
          json_array_add_object_element (array, obj);
        }
      node = json_node_init_array (json_node_alloc (), array);
      print_json (node);
    }
  else
    {
      for (guint i = 0; i < jobs->len; i++)
        {
          CoachMediaJob *job = jobs->pdata[i];

          g_print ("%6" G_GINT64_FORMAT "  %-9s  %-9s  %3.0f%%  %s%s%s\n", job->id, job->kind, job->state,
                   job->progress * 100, job->clip_id, job->error ? "  " : "", job->error ? job->error : "");
        }
      if (jobs->len == 0)
        g_print ("%s\n", _("No media jobs."));
    }
  return 0;
}

static char *
category_id_for (CoachCatalog  *catalog,
                 const char    *name_or_id,
                 GError       **error)
{
  g_autoptr(GPtrArray) categories = coach_catalog_list (catalog, "category", TRUE, error);

  if (categories == NULL)
    return NULL;
  for (guint i = 0; i < categories->len; i++)
    {
      CoachRecord *c = categories->pdata[i];

      if (g_str_equal (coach_record_get_id (c), name_or_id) ||
          g_utf8_collate (coach_record_get_string (c, "name"), name_or_id) == 0 ||
          g_ascii_strcasecmp (coach_record_get_string (c, "name"), name_or_id) == 0)
        return g_strdup (coach_record_get_id (c));
    }
  g_set_error (error, COACH_CATALOG_ERROR, COACH_CATALOG_ERROR_NOT_FOUND,
               _("No category named “%s”"), name_or_id);
  return NULL;
}

static int
cmd_search (Cli   *cli,
            int    argc,
            char **argv)
{
  char *kind = NULL, *difficulty = NULL, *category = NULL, *muscle = NULL;
  char *equipment = NULL, *jump = NULL, *status = NULL;
  int limit = 50;
  gboolean archived = FALSE;
  GOptionEntry entries[] = {
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind, N_("Only exercise, clip, workout or athlete"), "KIND" },
    { "difficulty", 0, 0, G_OPTION_ARG_STRING, &difficulty, N_("easy, medium or hard"), "LEVEL" },
    { "category", 0, 0, G_OPTION_ARG_STRING, &category, N_("Category name or id"), "CATEGORY" },
    { "muscle", 0, 0, G_OPTION_ARG_STRING, &muscle, N_("Muscle group, e.g. glutes"), "MUSCLE" },
    { "equipment", 0, 0, G_OPTION_ARG_STRING, &equipment, N_("Equipment, e.g. kettlebell"), "EQUIPMENT" },
    { "jump", 0, 0, G_OPTION_ARG_STRING, &jump, N_("yes: only jumping exercises, no: none"), "yes|no" },
    { "status", 0, 0, G_OPTION_ARG_STRING, &status, N_("Clip or workout status"), "STATUS" },
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_("At most this many results (default 50)"), "N" },
    { "archived", 0, 0, G_OPTION_ARG_NONE, &archived, N_("Include archived rows"), NULL },
    { NULL }
  };
  CoachSearchQuery q = COACH_SEARCH_QUERY_INIT;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autofree char *category_id = NULL;
  g_autofree char *text = NULL;
  int rc = 0;

  if (!parse_command ("search", "[QUERY…]",
                      _("Searches exercises, clips, workouts and athletes as you would in the app."),
                      entries, &argc, &argv))
    return 2;

  text = argc > 1 ? g_strjoinv (" ", argv + 1) : NULL;
  q.text = text;
  q.limit = limit > 0 ? limit : 50;
  q.include_archived = archived;
  q.difficulty = difficulty;
  q.muscle = muscle;
  q.equipment = equipment;
  q.status = status;

  if (kind != NULL)
    {
      static const char * const names[] = { NULL, "exercise", "clip", "workout", "athlete" };
      guint k;

      for (k = 1; k < G_N_ELEMENTS (names); k++)
        if (g_str_equal (kind, names[k]) || (g_str_has_suffix (kind, "s") && g_ascii_strncasecmp (kind, names[k], strlen (names[k])) == 0))
          break;
      if (k == G_N_ELEMENTS (names))
        {
          rc = usage_error (_("--kind must be exercise, clip, workout or athlete"));
          goto out;
        }
      q.kinds = COACH_SEARCH_KIND_MASK (k);
    }
  if (jump != NULL)
    {
      if (g_str_equal (jump, "yes"))
        q.has_jump = 1;
      else if (g_str_equal (jump, "no"))
        q.has_jump = 0;
      else
        {
          rc = usage_error (_("--jump must be yes or no"));
          goto out;
        }
    }
  if (category != NULL)
    {
      category_id = category_id_for (cli->catalog, category, &error);
      if (category_id == NULL)
        {
          rc = fail (error);
          goto out;
        }
      q.category_id = category_id;
    }

  hits = coach_catalog_search (cli->catalog, &q, &error);
  if (hits == NULL)
    {
      rc = fail (error);
      goto out;
    }

  if (cli->json)
    {
      g_autoptr(JsonArray) array = json_array_new ();
      g_autoptr(JsonNode) node = NULL;

      for (guint i = 0; i < hits->len; i++)
        {
          CoachSearchHit *hit = hits->pdata[i];
          JsonObject *o = json_object_new ();

          json_object_set_string_member (o, "kind", coach_search_kind_to_table (hit->kind));
          json_object_set_string_member (o, "id", hit->id);
          json_object_set_string_member (o, "title", hit->title);
          json_array_add_object_element (array, o);
        }
      node = json_node_init_array (json_node_alloc (), array);
      print_json (node);
    }
  else
    {
      for (guint i = 0; i < hits->len; i++)
        {
          CoachSearchHit *hit = hits->pdata[i];
          g_print ("%-8s  %s  %s\n", coach_search_kind_to_table (hit->kind), hit->id, hit->title);
        }
      if (hits->len == 0)
        g_printerr ("%s\n", _("Nothing found"));
    }

out:
  g_free (kind);
  g_free (difficulty);
  g_free (category);
  g_free (muscle);
  g_free (equipment);
  g_free (jump);
  g_free (status);
  return rc;
}

static const struct {
  const char *word;
  const char *table;
} list_tables[] = {
  { "exercises", "exercise" },
  { "clips", "clip" },
  { "workouts", "workout" },
  { "sessions", "session" },
  { "athletes", "athlete" },
  { "groups", "athlete_group" },
  { "categories", "category" },
  { "tags", "tag" },
};

static int
cmd_list (Cli   *cli,
          int    argc,
          char **argv)
{
  gboolean archived = FALSE;
  GOptionEntry entries[] = {
    { "archived", 0, 0, G_OPTION_ARG_NONE, &archived, N_("Include archived rows"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  const char *table = NULL;

  if (!parse_command ("list", "exercises|clips|workouts|sessions|athletes|groups|categories|tags",
                      _("Lists the rows of one kind."), entries, &argc, &argv))
    return 2;
  if (argc != 2)
    return usage_error (_("list needs one of: exercises, clips, workouts, sessions, athletes, groups, categories, tags"));

  for (guint i = 0; i < G_N_ELEMENTS (list_tables); i++)
    if (g_str_equal (argv[1], list_tables[i].word) || g_str_equal (argv[1], list_tables[i].table))
      table = list_tables[i].table;
  if (table == NULL)
    return usage_error (_("list needs one of: exercises, clips, workouts, sessions, athletes, groups, categories, tags"));

  rows = coach_catalog_list (cli->catalog, table, archived, &error);
  if (rows == NULL)
    return fail (error);

  if (cli->json)
    {
      g_autoptr(JsonArray) array = json_array_new ();
      g_autoptr(JsonNode) node = NULL;

      for (guint i = 0; i < rows->len; i++)
        json_array_add_element (array, record_to_node (rows->pdata[i]));
      node = json_node_init_array (json_node_alloc (), array);
      print_json (node);
    }
  else
    {
      for (guint i = 0; i < rows->len; i++)
        {
          CoachRecord *r = rows->pdata[i];
          const char *status = NULL;

          if (coach_schema_lookup_field (coach_record_get_table (r), "status"))
            status = coach_record_get_string (r, "status");
          g_print ("%s  %s%s%s%s\n", coach_record_get_id (r), record_title (r),
                   status ? "  [" : "", status ? status : "", status ? "]" : "");
        }
    }
  return 0;
}

static int
cmd_export (Cli   *cli,
            int    argc,
            char **argv)
{
  char **selection = NULL;
  GOptionEntry entries[] = {
    { "select", 0, 0, G_OPTION_ARG_STRING_ARRAY, &selection,
      N_("Export only this row and what it needs (repeatable)"), "TABLE/ID" },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  int rc = 0;

  if (!parse_command ("export", "FILE",
                      _("Writes the catalog (or a selection) to a JSON file, see data/catalog-json-format.md."),
                      entries, &argc, &argv))
    return 2;
  if (argc != 2)
    {
      g_strfreev (selection);
      return usage_error (_("export needs one output file"));
    }

  if (!coach_catalog_export_to_file (cli->catalog, argv[1], (const char * const *) selection, &error))
    rc = fail (error);
  else if (!cli->json)
    g_print (_("Exported to %s\n"), argv[1]);
  g_strfreev (selection);
  return rc;
}

static int
cmd_import_json (Cli   *cli,
                 int    argc,
                 char **argv)
{
  g_autoptr(GError) error = NULL;
  CoachImportStats stats;

  if (!parse_command ("import-json", "FILE",
                      _("Reads a catalog JSON file. Rows already present are updated; "
                        "a file with any invalid row changes nothing."),
                      NULL, &argc, &argv))
    return 2;
  if (argc != 2)
    return usage_error (_("import-json needs one file"));

  if (!coach_catalog_import_file (cli->catalog, argv[1], &stats, &error))
    return fail (error);

  if (cli->json)
    {
      g_autoptr(JsonObject) o = json_object_new ();
      g_autoptr(JsonNode) node = NULL;

      json_object_set_int_member (o, "inserted", stats.inserted);
      json_object_set_int_member (o, "updated", stats.updated);
      json_object_set_int_member (o, "unchanged", stats.unchanged);
      json_object_set_int_member (o, "skipped_tables", stats.skipped_tables);
      node = json_node_init_object (json_node_alloc (), o);
      print_json (node);
    }
  else
    g_print (_("%u added, %u updated, %u unchanged\n"), stats.inserted, stats.updated, stats.unchanged);
  return 0;
}

static int
cmd_backup (Cli   *cli,
            int    argc,
            char **argv)
{
  g_autoptr(GError) error = NULL;

  if (!parse_command ("backup", "FILE",
                      _("Writes a consistent copy of the catalog database, safe while the app runs."),
                      NULL, &argc, &argv))
    return 2;
  if (argc != 2)
    return usage_error (_("backup needs one output file"));
  if (!coach_catalog_backup (cli->catalog, argv[1], &error))
    return fail (error);
  if (!cli->json)
    g_print (_("Backup written to %s\n"), argv[1]);
  return 0;
}

static int
cmd_stats (Cli   *cli,
           int    argc,
           char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) o = json_object_new ();
  g_autoptr(JsonNode) node = NULL;
  gint64 outbox;

  if (!parse_command ("stats", "", _("Counts what the catalog holds."), NULL, &argc, &argv))
    return 2;

  json_object_set_string_member (o, "catalog", coach_catalog_get_path (cli->catalog));
  json_object_set_int_member (o, "format_version", coach_catalog_get_version (cli->catalog));
  for (guint i = 0; i < G_N_ELEMENTS (list_tables); i++)
    {
      gint64 n = coach_catalog_count (cli->catalog, list_tables[i].table, &error);

      if (n < 0)
        return fail (error);
      json_object_set_int_member (o, list_tables[i].word, n);
    }
  outbox = coach_catalog_outbox_count (cli->catalog, &error);
  if (outbox < 0)
    return fail (error);
  json_object_set_int_member (o, "unsynced_changes", outbox);

  if (cli->json)
    {
      node = json_node_init_object (json_node_alloc (), json_object_ref (o));
      print_json (node);
    }
  else
    {
      g_autoptr(GList) members = json_object_get_members (o);

      for (GList *l = members; l; l = l->next)
        {
          JsonNode *m = json_object_get_member (o, l->data);

          if (json_node_get_value_type (m) == G_TYPE_STRING)
            g_print ("%-18s %s\n", (const char *) l->data, json_node_get_string (m));
          else
            g_print ("%-18s %" G_GINT64_FORMAT "\n", (const char *) l->data, json_node_get_int (m));
        }
    }
  return 0;
}


static gboolean
parse_level_mask (const char  *levels,
                  guint       *mask)
{
  g_auto(GStrv) parts = g_strsplit (levels, ",", -1);

  *mask = 0;
  for (guint i = 0; parts[i]; i++)
    {
      g_strstrip (parts[i]);
      if (g_str_equal (parts[i], "easy"))
        *mask |= COACH_DIFFICULTY_EASY;
      else if (g_str_equal (parts[i], "medium"))
        *mask |= COACH_DIFFICULTY_MEDIUM;
      else if (g_str_equal (parts[i], "hard"))
        *mask |= COACH_DIFFICULTY_HARD;
      else
        return FALSE;
    }
  return TRUE;
}

static int
cmd_generate (Cli   *cli,
              int    argc,
              char **argv)
{
  int minutes = 30, work = 40, rest = 20, rounds = 1, warmup = 0, cooldown = 0;
  gint64 seed = -1;
  char *name = NULL, *levels = NULL;
  char **categories = NULL, **equipment = NULL, **exclude = NULL;
  gboolean no_jump = FALSE, no_repeat = FALSE, bodyweight = FALSE;
  GOptionEntry entries[] = {
    { "minutes", 0, 0, G_OPTION_ARG_INT, &minutes, N_("Target length with warm-up and cool-down (default 30)"), "MIN" },
    { "work", 0, 0, G_OPTION_ARG_INT, &work, N_("Seconds of work per exercise (default 40)"), "S" },
    { "rest", 0, 0, G_OPTION_ARG_INT, &rest, N_("Seconds of rest after each exercise (default 20)"), "S" },
    { "rounds", 0, 0, G_OPTION_ARG_INT, &rounds, N_("Rounds (default 1)"), "N" },
    { "warmup", 0, 0, G_OPTION_ARG_INT, &warmup, N_("Minutes of warm-up"), "MIN" },
    { "cooldown", 0, 0, G_OPTION_ARG_INT, &cooldown, N_("Minutes of cool-down"), "MIN" },
    { "difficulty", 0, 0, G_OPTION_ARG_STRING, &levels, N_("Allowed levels, e.g. easy,medium"), "LEVELS" },
    { "category", 0, 0, G_OPTION_ARG_STRING_ARRAY, &categories, N_("Use exercises of this category (repeatable)"), "CATEGORY" },
    { "equipment", 0, 0, G_OPTION_ARG_STRING_ARRAY, &equipment, N_("Equipment at hand (repeatable; default: any)"), "EQUIPMENT" },
    { "bodyweight", 0, 0, G_OPTION_ARG_NONE, &bodyweight, N_("No equipment at hand"), NULL },
    { "exclude", 0, 0, G_OPTION_ARG_STRING_ARRAY, &exclude, N_("Never use this exercise id (repeatable)"), "ID" },
    { "no-jump", 0, 0, G_OPTION_ARG_NONE, &no_jump, N_("No jumping exercises"), NULL },
    { "no-repeat", 0, 0, G_OPTION_ARG_NONE, &no_repeat, N_("Each exercise at most once per round"), NULL },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed, N_("Same seed, same workout (default: random)"), "N" },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("Name of the new workout"), "NAME" },
    { NULL }
  };
  CoachGeneratorConstraints c = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) category_ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(CoachWorkout) workout = NULL;
  g_autoptr(GPtrArray) items = NULL;
  const char * const empty[] = { NULL };
  int rc = 0;

  if (!parse_command ("generate", "",
                      _("Composes a new draft workout from the catalog's exercises. "
                        "The same options and seed always give the same workout."),
                      entries, &argc, &argv))
    return 2;

  if (minutes <= 0 || work <= 0 || rest < 0 || rounds <= 0 || warmup < 0 || cooldown < 0)
    {
      rc = usage_error (_("times and rounds must be positive"));
      goto out;
    }

  c.target_duration_s = minutes * 60;
  c.timing.work_s = work;
  c.timing.rest_s = rest;
  c.timing.rounds = rounds;
  c.timing.warmup_s = warmup * 60;
  c.timing.cooldown_s = cooldown * 60;
  c.no_jump = no_jump;
  c.no_repeat = no_repeat;
  c.seed = seed >= 0 ? (guint64) seed : ((guint64) g_random_int () << 32 | g_random_int ());
  c.excluded_ids = (const char * const *) exclude;
  if (bodyweight)
    c.equipment_available = empty;
  else
    c.equipment_available = (const char * const *) equipment;
  if (levels != NULL && !parse_level_mask (levels, &c.difficulty_mask))
    {
      rc = usage_error (_("--difficulty takes easy, medium and hard, separated by commas"));
      goto out;
    }
  for (guint i = 0; categories && categories[i]; i++)
    {
      char *id = category_id_for (cli->catalog, categories[i], &error);

      if (id == NULL)
        {
          rc = fail (error);
          goto out;
        }
      g_ptr_array_add (category_ids, id);
    }
  if (category_ids->len > 0)
    {
      g_ptr_array_add (category_ids, NULL);
      c.categories = (const char * const *) category_ids->pdata;
    }

  workout = coach_catalog_generate_workout (cli->catalog, &c, name, &error);
  if (workout == NULL)
    {
      rc = fail (error);
      goto out;
    }

  items = coach_catalog_get_workout_items (cli->catalog, coach_record_get_id (COACH_RECORD (workout)), &error);
  if (items == NULL)
    {
      rc = fail (error);
      goto out;
    }

  if (cli->json)
    {
      g_autoptr(JsonNode) node = record_to_node (COACH_RECORD (workout));
      JsonArray *array = json_array_new ();

      json_object_set_int_member (json_node_get_object (node), "seed", (gint64) c.seed);
      for (guint i = 0; i < items->len; i++)
        json_array_add_string_element (array, coach_record_get_string (items->pdata[i], "exercise_id"));
      json_object_set_array_member (json_node_get_object (node), "exercise_ids", array);
      print_json (node);
    }
  else
    {
      g_autofree char *total = coach_duration_format (coach_record_get_int (COACH_RECORD (workout), "total_duration_s"));

      g_print ("%s  %s  (%s, seed %" G_GUINT64_FORMAT ")\n", coach_record_get_id (COACH_RECORD (workout)),
               coach_record_get_string (COACH_RECORD (workout), "name"), total, c.seed);
      for (guint i = 0; i < items->len; i++)
        {
          g_autoptr(CoachRecord) ex = coach_catalog_get (cli->catalog, "exercise",
                                                         coach_record_get_string (items->pdata[i], "exercise_id"), NULL);
          g_print ("  %2u. %s\n", i + 1, ex ? coach_record_get_string (ex, "name") : "?");
        }
    }

out:
  g_free (name);
  g_free (levels);
  g_strfreev (categories);
  g_strfreev (equipment);
  g_strfreev (exclude);
  return rc;
}

/* Reads the password from standard input: one line, without echo when it
 * is a terminal is the shell's business (`read -s`), not ours. */
static char *
read_password (void)
{
  g_autoptr(GString) line = g_string_new (NULL);
  int c;

  while ((c = getchar ()) != EOF && c != '\n')
    {
      if (line->len > 4096)
        break;
      g_string_append_c (line, (char) c);
    }
  if (line->len > 0 && line->str[line->len - 1] == '\r')
    g_string_truncate (line, line->len - 1);
  return g_string_free (g_steal_pointer (&line), FALSE);
}

static int
cmd_login (Cli   *cli,
           int    argc,
           char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoachSyncClient) client = NULL;
  g_autoptr(CoachSyncLogin) login = NULL;
  g_autofree char *password = NULL;
  g_autofree char *device_name = NULL;

  if (!parse_command ("login", "URL EMAIL",
                      _("Signs this catalog in to a team server. The password is read from "
                        "standard input; the device token is kept in the keyring."),
                      NULL, &argc, &argv))
    return 2;
  if (argc != 3)
    return usage_error (_("login needs the server address and your email"));

  client = coach_sync_client_new (argv[1], &error);
  if (client == NULL)
    return fail (error);

  password = read_password ();
  if (*password == '\0')
    return usage_error (_("no password on standard input"));

  device_name = g_strdup_printf ("%s (coachbook-cli)", g_get_host_name ());
  login = coach_sync_client_login (client, argv[2], password, device_name, NULL, &error);
  memset (password, 0, strlen (password));
  if (login == NULL)
    return fail (error);

  if (!coach_credentials_store (coach_sync_client_get_url (client), argv[2], login->device_id, login->token,
                                NULL, &error))
    {
      /* Without a place to keep it, do not leave a live token behind. */
      coach_sync_client_logout (client, NULL, NULL);
      return fail (error);
    }

  if (!coach_catalog_set_meta (cli->catalog, "sync-server-url", coach_sync_client_get_url (client), &error) ||
      !coach_catalog_set_meta (cli->catalog, "sync-email", argv[2], &error) ||
      !coach_catalog_set_meta (cli->catalog, "sync-device-id", login->device_id, &error) ||
      !coach_catalog_set_meta (cli->catalog, "sync-team-id", login->team_id, &error))
    return fail (error);

  if (cli->json)
    {
      g_autoptr(JsonObject) o = json_object_new ();
      g_autoptr(JsonNode) node = NULL;

      json_object_set_string_member (o, "server", coach_sync_client_get_url (client));
      json_object_set_string_member (o, "email", argv[2]);
      json_object_set_string_member (o, "device_id", login->device_id);
      json_object_set_string_member (o, "team_id", login->team_id);
      node = json_node_init_object (json_node_alloc (), json_object_ref (o));
      print_json (node);
    }
  else
    g_print (_("Signed in to %s as %s\n"), coach_sync_client_get_url (client), argv[2]);
  return 0;
}

/* The team server this catalog is signed in to, from its metadata. */
static gboolean
load_sign_in (Cli         *cli,
              const char  *not_signed_in,
              char       **url,
              char       **email,
              char       **device)
{
  *url = coach_catalog_get_meta (cli->catalog, "sync-server-url");
  *email = coach_catalog_get_meta (cli->catalog, "sync-email");
  *device = coach_catalog_get_meta (cli->catalog, "sync-device-id");
  if (*url != NULL && *email != NULL && *device != NULL)
    return TRUE;

  g_printerr ("coachbook-cli: %s\n", not_signed_in);
  return FALSE;
}

static int
cmd_logout (Cli   *cli,
            int    argc,
            char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) revoke_error = NULL;
  g_autoptr(CoachSyncClient) client = NULL;
  g_autofree char *url = NULL;
  g_autofree char *email = NULL;
  g_autofree char *device = NULL;
  char *token = NULL;

  if (!parse_command ("logout", "",
                      _("Signs this catalog out of its team server: the server forgets this "
                        "device and the keyring forgets its token. Unsynced changes stay in the catalog."),
                      NULL, &argc, &argv))
    return 2;

  if (!load_sign_in (cli, _("This catalog is not signed in to a team server"), &url, &email, &device))
    return 1;

  token = coach_credentials_lookup (url, email, device, NULL, &error);
  if (error != NULL)
    return fail (error);

  if (token != NULL && (client = coach_sync_client_new (url, &revoke_error)) != NULL)
    {
      coach_sync_client_set_token (client, token);
      coach_sync_client_logout (client, NULL, &revoke_error);
    }
  coach_credentials_free (token);

  if (!coach_credentials_clear (url, email, device, NULL, &error) ||
      !coach_catalog_set_meta (cli->catalog, "sync-device-id", NULL, &error))
    return fail (error);

  if (revoke_error != NULL &&
      !g_error_matches (revoke_error, COACH_SYNC_ERROR, COACH_SYNC_ERROR_UNAUTHORIZED))
    {
      g_printerr (_("coachbook-cli: signed out here, but the server could not be told (%s); "
                    "a team admin can revoke this device with “coachbook-sync admin revoke-device”\n"),
                  revoke_error->message);
      return 1;
    }
  if (!cli->json)
    g_print (_("Signed out of %s\n"), url);
  return 0;
}

/* A client for the team server this catalog is signed in to, with the
 * token from the keyring. */
static CoachSyncClient *
open_client (Cli *cli)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoachSyncClient) client = NULL;
  g_autofree char *url = NULL;
  g_autofree char *email = NULL;
  g_autofree char *device = NULL;
  char *token;

  if (!load_sign_in (cli, _("This catalog is not signed in to a team server; use “coachbook-cli login”"),
                     &url, &email, &device))
    return NULL;

  token = coach_credentials_lookup (url, email, device, NULL, &error);
  if (error != NULL)
    {
      fail (error);
      return NULL;
    }
  if (token == NULL)
    {
      g_printerr ("coachbook-cli: %s\n", _("The keyring has no sign-in for this catalog; use “coachbook-cli login” again"));
      return NULL;
    }

  client = coach_sync_client_new (url, &error);
  if (client == NULL)
    {
      coach_credentials_free (token);
      fail (error);
      return NULL;
    }
  coach_sync_client_set_token (client, token);
  coach_credentials_free (token);
  return g_steal_pointer (&client);
}

/* One line per file moved, on standard error. */
static void
blob_progress_cb (const CoachBlobProgress *progress,
                  gpointer                 user_data)
{
  Cli *cli = user_data;
  g_autofree char *size = NULL;

  if (cli->json || progress->sha256 == NULL || progress->file_done != progress->file_total)
    return;
  size = g_format_size (progress->file_total);
  g_printerr (progress->direction == COACH_BLOB_UPLOAD ? _("sent %.12s… (%s), %u of %u\n")
                                                       : _("received %.12s… (%s), %u of %u\n"),
              progress->sha256, size, progress->files_done, progress->files_total);
}

static JsonObject *
blob_stats_to_json (const CoachBlobStats *stats)
{
  JsonObject *o = json_object_new ();

  json_object_set_int_member (o, "uploaded", stats->uploaded);
  json_object_set_int_member (o, "deduplicated", stats->deduplicated);
  json_object_set_int_member (o, "downloaded", stats->downloaded);
  json_object_set_int_member (o, "unavailable", stats->unavailable);
  json_object_set_int_member (o, "failed", stats->failed);
  json_object_set_int_member (o, "bytes_uploaded", stats->bytes_uploaded);
  json_object_set_int_member (o, "bytes_downloaded", stats->bytes_downloaded);
  return o;
}

static int
cmd_sync (Cli   *cli,
          int    argc,
          char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) blob_error = NULL;
  g_autoptr(CoachSyncClient) client = NULL;
  CoachSyncStats stats;
  CoachBlobStats blob_stats = { 0 };
  gboolean no_files = FALSE;
  GOptionEntry entries[] = {
    { "no-files", 0, 0, G_OPTION_ARG_NONE, &no_files, N_("Exchange catalog changes only, not clip files"), NULL },
    { NULL }
  };

  if (!parse_command ("sync", "",
                      _("Sends this catalog's changes to the team server and applies the team's changes here, "
                        "then uploads the clip files the team does not have and downloads thumbnails and the "
                        "files of pinned clips."),
                      entries, &argc, &argv))
    return 2;

  client = open_client (cli);
  if (client == NULL)
    return 1;

  if (!coach_catalog_sync_once (cli->catalog, client, &stats, NULL, &error))
    return fail (error);
  if (!no_files)
    coach_catalog_sync_blobs (cli->catalog, client, &blob_stats, blob_progress_cb, cli, NULL, &blob_error);

  if (cli->json)
    {
      g_autoptr(JsonObject) o = json_object_new ();
      g_autoptr(JsonNode) node = NULL;

      json_object_set_int_member (o, "pushed", stats.pushed);
      json_object_set_int_member (o, "rejected", stats.rejected);
      json_object_set_int_member (o, "pulled", stats.pulled);
      json_object_set_int_member (o, "conflicts", stats.conflicts);
      json_object_set_boolean_member (o, "resynced", stats.resynced);
      json_object_set_object_member (o, "files", blob_stats_to_json (&blob_stats));
      node = json_node_init_object (json_node_alloc (), json_object_ref (o));
      print_json (node);
    }
  else
    {
      g_print (_("%u sent, %u refused, %u received, %u conflicts to review\n"),
               stats.pushed, stats.rejected, stats.pulled, stats.conflicts);
      if (!no_files)
        g_print (_("files: %u uploaded, %u already on the server, %u downloaded, %u not on the server yet\n"),
                 blob_stats.uploaded, blob_stats.deduplicated, blob_stats.downloaded, blob_stats.unavailable);
    }
  if (blob_error != NULL)
    return fail (blob_error);
  return 0;
}

static int
cmd_storage (Cli   *cli,
             int    argc,
             char **argv)
{
  g_autoptr(GError) error = NULL;
  CoachStorageUsage usage;
  gboolean free_up = FALSE;
  guint64 freed = 0;
  guint freed_files = 0;
  GOptionEntry entries[] = {
    { "free-up", 0, 0, G_OPTION_ARG_NONE, &free_up,
      N_("Remove local copies of originals and proxies the team server has and no pinned clip needs"), NULL },
    { NULL }
  };

  if (!parse_command ("storage", "",
                      _("Shows how much disk space the clip files take on this device."),
                      entries, &argc, &argv))
    return 2;

  if (free_up && !coach_catalog_free_space (cli->catalog, &freed, &freed_files, &error))
    return fail (error);
  if (!coach_catalog_get_storage_usage (cli->catalog, &usage, &error))
    return fail (error);

  if (cli->json)
    {
      g_autoptr(JsonObject) o = json_object_new ();
      g_autoptr(JsonNode) node = NULL;

      json_object_set_int_member (o, "originals", usage.originals);
      json_object_set_int_member (o, "proxies", usage.proxies);
      json_object_set_int_member (o, "thumbnails", usage.thumbnails);
      json_object_set_int_member (o, "other", usage.other);
      json_object_set_int_member (o, "total", usage.total);
      json_object_set_int_member (o, "files", usage.n_files);
      json_object_set_int_member (o, "not_uploaded", usage.not_uploaded);
      json_object_set_int_member (o, "freeable", usage.freeable);
      if (free_up)
        {
          json_object_set_int_member (o, "freed", freed);
          json_object_set_int_member (o, "freed_files", freed_files);
        }
      node = json_node_init_object (json_node_alloc (), json_object_ref (o));
      print_json (node);
      return 0;
    }

  if (free_up)
    {
      g_autofree char *text = g_format_size (freed);

      g_print (g_dngettext (GETTEXT_PACKAGE, "Freed %s (%u file)\n", "Freed %s (%u files)\n", freed_files),
               text, freed_files);
    }
  {
    g_autofree char *originals = g_format_size (usage.originals);
    g_autofree char *proxies = g_format_size (usage.proxies);
    g_autofree char *thumbnails = g_format_size (usage.thumbnails);
    g_autofree char *other = g_format_size (usage.other);
    g_autofree char *total = g_format_size (usage.total);
    g_autofree char *not_uploaded = g_format_size (usage.not_uploaded);
    g_autofree char *freeable = g_format_size (usage.freeable);

    g_print (_("originals   %s\nproxies     %s\nthumbnails  %s\nother       %s\n"),
             originals, proxies, thumbnails, other);
    g_print (g_dngettext (GETTEXT_PACKAGE, "total       %s in %u file\n", "total       %s in %u files\n",
                          usage.n_files), total, usage.n_files);
    g_print (_("not uploaded yet  %s\ncan be freed      %s\n"), not_uploaded, freeable);
  }
  return 0;
}

static int
cmd_fetch (Cli   *cli,
           int    argc,
           char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoachSyncClient) client = NULL;
  CoachBlobStats stats = { 0 };
  gboolean pin = FALSE, unpin = FALSE;
  GOptionEntry entries[] = {
    { "pin", 0, 0, G_OPTION_ARG_NONE, &pin, N_("Also keep the clips on this device for offline use"), NULL },
    { "unpin", 0, 0, G_OPTION_ARG_NONE, &unpin, N_("Stop keeping the clips on this device (downloads nothing)"), NULL },
    { NULL }
  };

  if (!parse_command ("fetch", _("CLIP-ID…"),
                      _("Downloads the original and proxy files of clips from the team server; "
                        "fails when the server does not have some of them yet."),
                      entries, &argc, &argv))
    return 2;
  if (argc < 2)
    return usage_error (_("fetch needs at least one clip id"));
  if (pin && unpin)
    return usage_error (_("--pin and --unpin exclude each other"));

  for (int i = 1; i < argc; i++)
    if ((pin || unpin) && !coach_catalog_set_clip_pinned (cli->catalog, argv[i], pin, &error))
      return fail (error);
  if (unpin)
    return 0;

  client = open_client (cli);
  if (client == NULL)
    return 1;
  for (int i = 1; i < argc; i++)
    if (!coach_catalog_fetch_clip (cli->catalog, client, argv[i], &stats, blob_progress_cb, cli, NULL, &error))
      return fail (error);

  if (cli->json)
    {
      g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), blob_stats_to_json (&stats));

      json_object_unref (json_node_get_object (node));
      print_json (node);
    }
  else
    g_print (_("%u files downloaded, %u not on the server yet\n"), stats.downloaded, stats.unavailable);
  return stats.unavailable > 0 ? 1 : 0;
}

static const struct {
  const char  *name;
  CommandFunc  func;
  const char  *help;
} commands[] = {
  { "import", cmd_import, N_("Add video files or folders to the library") },
  { "search", cmd_search, N_("Search exercises, clips, workouts and athletes") },
  { "list", cmd_list, N_("List exercises, clips, workouts, sessions, athletes, …") },
  { "export", cmd_export, N_("Export the catalog or a selection as JSON") },
  { "import-json", cmd_import_json, N_("Import a catalog JSON file") },
  { "backup", cmd_backup, N_("Write a consistent copy of the catalog") },
  { "generate", cmd_generate, N_("Compose a workout from constraints") },
  { "stats", cmd_stats, N_("Show what the catalog holds") },
  { "login", cmd_login, N_("Sign in to a team server (password on standard input)") },
  { "sync", cmd_sync, N_("Exchange changes and clip files with the team server") },
  { "logout", cmd_logout, N_("Sign out of the team server") },
  { "storage", cmd_storage, N_("Show or free the disk space clip files take") },
  { "fetch", cmd_fetch, N_("Download clip files from the team server, or pin clips for offline use") },
  { "jobs", cmd_jobs, N_("List or run the media jobs (thumbnails, sharing copies)") },
};

static char *
commands_description (void)
{
  GString *s = g_string_new (_("Commands:"));

  g_string_append_c (s, '\n');
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_string_append_printf (s, "  %-12s %s\n", commands[i].name, _(commands[i].help));
  g_string_append (s, _("\nRun “coachbook-cli COMMAND --help” for a command's options."));
  return g_string_free (s, FALSE);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;
  g_autofree char *data_dir = NULL;
  gboolean json = FALSE, version = FALSE;
  GOptionEntry entries[] = {
    { "data-dir", 'd', 0, G_OPTION_ARG_FILENAME, &data_dir, N_("Use the catalog in DIR"), "DIR" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print results as JSON"), NULL },
    { "version", 0, 0, G_OPTION_ARG_NONE, &version, N_("Print the version and exit"), NULL },
    { NULL }
  };
  Cli cli = { 0 };
  int rc;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  description = commands_description ();
  context = g_option_context_new (_("COMMAND [ARGUMENTS…]"));
  g_option_context_set_summary (context, _("Work with the Coachbook catalog from the command line."));
  g_option_context_set_description (context, description);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  /* Options after the command belong to the command. */
  g_option_context_set_strict_posix (context, TRUE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error (error->message);

  if (version)
    {
      g_print ("coachbook-cli %s\n", PACKAGE_VERSION);
      return 0;
    }
  if (argc < 2)
    return usage_error (_("no command given"));

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (!g_str_equal (argv[1], commands[i].name))
        continue;

      cli.json = json;
      cli.data_dir = data_dir ? g_strdup (data_dir) : coach_catalog_default_data_dir ();
      cli.catalog = coach_catalog_open (cli.data_dir, &error);
      if (cli.catalog == NULL || !coach_catalog_ensure_starter_library (cli.catalog, &error))
        {
          rc = fail (error);
        }
      else
        rc = commands[i].func (&cli, argc - 1, argv + 1);

      g_clear_object (&cli.catalog);
      g_free (cli.data_dir);
      return rc;
    }

  {
    g_autofree char *msg = g_strdup_printf (_("unknown command “%s”"), argv[1]);
    return usage_error (msg);
  }
}
