/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coach-media-queue"

#include "config.h"

#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <gst/gst.h>
#include <unistd.h>

#include "coach-catalog-private.h"
#include "coach-clip-import.h"
#include "coach-media-inspect.h"
#include "coach-media-queue.h"
#include "coach-media-thumbnail.h"
#include "coach-media-transcode.h"

GST_DEBUG_CATEGORY_STATIC (coach_media_queue_debug);
#define GST_CAT_DEFAULT coach_media_queue_debug

struct _CoachMediaQueue
{
  GObject       parent_instance;

  CoachCatalog *catalog;
  GMainContext *context;
  GHashTable   *running;          /* job id (gint64 *) -> Job */
  guint         n_workers;
  guint         timeout_ms;
  guint         proxy_max_height;
  gboolean      make_proxies;
  gboolean      started;
  guint         dispatch_id;
};

G_DEFINE_TYPE (CoachMediaQueue, coach_media_queue, G_TYPE_OBJECT)

enum {
  SIGNAL_JOB_CHANGED,
  SIGNAL_JOB_PROGRESS,
  SIGNAL_IDLE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  gint64          id;
  char           *clip_id;
  char           *kind;
  char           *source;       /* the original, in the blob store */
  char           *tmp_dir;
  guint           proxy_max_height;
  GCancellable   *cancellable;
  GSource        *timeout_source;
  gboolean        timed_out;
  gint64          last_progress_write;
  double          progress;     /* written by the worker, read under progress_lock */
  GMutex          progress_lock;
  gboolean        progress_pending;

  /* Results, set by the worker. */
  CoachMediaInfo *info;
  GBytes         *thumbnail;
  char           *proxy_path;
  char           *proxy_sha256;
  const char     *proxy_mime;
} Job;

static void
job_free (Job *job)
{
  if (job->timeout_source)
    {
      g_source_destroy (job->timeout_source);
      g_source_unref (job->timeout_source);
    }
  if (job->proxy_path)
    g_unlink (job->proxy_path);
  g_free (job->clip_id);
  g_free (job->kind);
  g_free (job->source);
  g_free (job->tmp_dir);
  g_clear_object (&job->cancellable);
  g_clear_pointer (&job->info, coach_media_info_free);
  g_clear_pointer (&job->thumbnail, g_bytes_unref);
  g_free (job->proxy_path);
  g_free (job->proxy_sha256);
  g_mutex_clear (&job->progress_lock);
  g_free (job);
}

void
coach_media_job_free (CoachMediaJob *job)
{
  if (job == NULL)
    return;
  g_free (job->clip_id);
  g_free (job->kind);
  g_free (job->state);
  g_free (job->error);
  g_free (job);
}

static void schedule_dispatch (CoachMediaQueue *self);

/* ------------------------------------------------------------------------- */
/* Rows */

static gboolean
exec_job_sql (CoachMediaQueue  *self,
              const char       *sql,
              gint64            job_id,
              const char       *text,
              GError          **error)
{
  CoachDb *db = _coach_catalog_get_db (self->catalog);
  sqlite3_stmt *stmt = coach_db_prepare (db, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, _coach_catalog_now_ms ());
  sqlite3_bind_int64 (stmt, 2, job_id);
  if (text)
    coach_db_bind_text (stmt, 3, text);
  return coach_db_step_done (db, stmt, error);
}

static void
set_job_state (CoachMediaQueue *self,
               gint64           job_id,
               const char      *state,
               const char      *error_message)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = g_strdup_printf ("UPDATE media_job SET state = '%s', updated_at = ?1, error = ?3%s "
                                          "WHERE id = ?2", state,
                                          g_str_equal (state, "done") ? ", progress = 1" : "");

  if (!exec_job_sql (self, sql, job_id, error_message, &error))
    g_warning ("media job %" G_GINT64_FORMAT ": %s", job_id, error->message);
  g_signal_emit (self, signals[SIGNAL_JOB_CHANGED], 0, job_id, state);
}

static CoachClip *
load_clip (CoachMediaQueue *self,
           const char      *clip_id)
{
  g_autoptr(GError) error = NULL;
  CoachRecord *record = coach_catalog_get (self->catalog, "clip", clip_id, &error);

  if (record == NULL)
    g_debug ("clip %s: %s", clip_id, error->message);
  return record ? COACH_CLIP (record) : NULL;
}

static void
save_clip (CoachMediaQueue *self,
           CoachClip       *clip)
{
  g_autoptr(GError) error = NULL;

  if (coach_record_is_dirty (COACH_RECORD (clip)) &&
      !coach_catalog_save (self->catalog, COACH_RECORD (clip), &error))
    g_warning ("clip %s: %s", coach_record_get_id (COACH_RECORD (clip)), error->message);
}

static void
set_clip_status (CoachMediaQueue *self,
                 CoachClip       *clip,
                 const char      *status,
                 const char      *error_message)
{
  CoachRecord *record = COACH_RECORD (clip);

  if (g_strcmp0 (coach_record_get_string (record, "status"), status) != 0)
    coach_record_set_string (record, "status", status);
  if (error_message)
    coach_record_set_string (record, "error", error_message);
  else if (!coach_record_is_null (record, "error"))
    coach_record_set_null (record, "error");
}

static gint64
count_clip_jobs (CoachMediaQueue *self,
                 const char      *clip_id)
{
  CoachDb *db = _coach_catalog_get_db (self->catalog);
  sqlite3_stmt *stmt = coach_db_prepare (db, "SELECT count(*) FROM media_job "
                                             "WHERE clip_id = ? AND state IN ('queued', 'running')", NULL);
  gint64 n = 0;

  if (stmt == NULL)
    return 0;
  coach_db_bind_text (stmt, 1, clip_id);
  if (coach_db_step (db, stmt, NULL) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

/* ------------------------------------------------------------------------- */
/* Workers */

static gboolean
progress_idle_cb (gpointer data)
{
  g_autoptr(GTask) task = data;
  CoachMediaQueue *self = g_task_get_source_object (task);
  Job *job = g_task_get_task_data (task);
  gint64 now = g_get_monotonic_time ();
  double progress;

  g_mutex_lock (&job->progress_lock);
  progress = job->progress;
  job->progress_pending = FALSE;
  g_mutex_unlock (&job->progress_lock);

  if (now - job->last_progress_write > G_USEC_PER_SEC)
    {
      CoachDb *db = _coach_catalog_get_db (self->catalog);
      sqlite3_stmt *stmt = coach_db_prepare (db, "UPDATE media_job SET progress = ? WHERE id = ?", NULL);

      job->last_progress_write = now;
      if (stmt != NULL)
        {
          sqlite3_bind_double (stmt, 1, progress);
          sqlite3_bind_int64 (stmt, 2, job->id);
          coach_db_step_done (db, stmt, NULL);
        }
    }
  g_signal_emit (self, signals[SIGNAL_JOB_PROGRESS], 0, job->id, progress);
  return G_SOURCE_REMOVE;
}

static void
worker_progress (double   fraction,
                 gpointer user_data)
{
  GTask *task = user_data;
  CoachMediaQueue *self = g_task_get_source_object (task);
  Job *job = g_task_get_task_data (task);
  gboolean post;

  g_mutex_lock (&job->progress_lock);
  job->progress = CLAMP (fraction, 0.0, 1.0);
  post = !job->progress_pending;
  job->progress_pending = TRUE;
  g_mutex_unlock (&job->progress_lock);

  if (post)
    g_main_context_invoke_full (self->context, G_PRIORITY_DEFAULT, progress_idle_cb,
                                g_object_ref (task), NULL);
}

static gboolean
run_transcode (Job           *job,
               GTask         *task,
               GCancellable  *cancellable,
               GError       **error)
{
  const char *encoder = NULL;
  CoachMediaProxyFormat format = coach_media_proxy_format (&encoder);
  g_autofree char *template = NULL;
  int fd;

  if (format == COACH_MEDIA_PROXY_NONE)
    {
      g_set_error (error, COACH_MEDIA_ERROR, COACH_MEDIA_ERROR_NO_ENCODER,
                   _("No video encoder is installed, so no sharing copy can be made"));
      return FALSE;
    }
  if (g_mkdir_with_parents (job->tmp_dir, 0700) != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot create “%s”"), job->tmp_dir);
      return FALSE;
    }
  template = g_build_filename (job->tmp_dir,
                               format == COACH_MEDIA_PROXY_MP4_H264_AAC ? "media-proxy-XXXXXX.mp4"
                                                                        : "media-proxy-XXXXXX.webm",
                               NULL);
  fd = g_mkstemp_full (template, O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot create “%s”"), template);
      return FALSE;
    }
  close (fd);
  job->proxy_path = g_strdup (template);
  job->proxy_mime = format == COACH_MEDIA_PROXY_MP4_H264_AAC ? "video/mp4" : "video/webm";

  if (!coach_media_transcode (job->source, job->proxy_path, job->proxy_max_height,
                              worker_progress, task, cancellable, error))
    return FALSE;
  job->proxy_sha256 = coach_media_file_sha256 (job->proxy_path, cancellable, error);
  return job->proxy_sha256 != NULL;
}

static void
job_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;
  gboolean ok = FALSE;

  GST_DEBUG ("job %" G_GINT64_FORMAT " (%s) on %s", job->id, job->kind, job->source);

  if (g_str_equal (job->kind, COACH_MEDIA_JOB_INSPECT))
    {
      job->info = coach_media_inspect (job->source, cancellable, &error);
      ok = job->info != NULL;
    }
  else if (g_str_equal (job->kind, COACH_MEDIA_JOB_THUMBNAIL))
    {
      job->thumbnail = coach_media_thumbnail (job->source, -1, COACH_MEDIA_THUMBNAIL_WIDTH,
                                              cancellable, NULL, NULL, &error);
      ok = job->thumbnail != NULL;
    }
  else if (g_str_equal (job->kind, COACH_MEDIA_JOB_TRANSCODE))
    ok = run_transcode (job, task, cancellable, &error);
  else
    g_set_error (&error, COACH_MEDIA_ERROR, COACH_MEDIA_ERROR_FAILED,
                 _("Unknown media job “%s”"), job->kind);

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* Applies what a worker produced to the clip (main context). */
static gboolean
apply_result (CoachMediaQueue  *self,
              Job              *job,
              CoachClip        *clip,
              GError          **error)
{
  CoachRecord *record = COACH_RECORD (clip);

  if (job->info)
    coach_media_info_apply (job->info, clip);

  if (job->thumbnail)
    {
      g_autofree char *sha256 = NULL;

      if (!coach_media_store_bytes (self->catalog, job->thumbnail, &sha256, error))
        return FALSE;
      if (g_strcmp0 (coach_record_get_string (record, "thumbnail_sha256"), sha256) != 0)
        coach_record_set_string (record, "thumbnail_sha256", sha256);
    }

  if (job->proxy_sha256)
    {
      gboolean ok = coach_media_adopt_blob (self->catalog, job->proxy_path, job->proxy_sha256,
                                            job->proxy_mime, error);

      g_clear_pointer (&job->proxy_path, g_free);   /* moved or removed */
      if (!ok)
        return FALSE;
      if (g_strcmp0 (coach_record_get_string (record, "proxy_sha256"), job->proxy_sha256) != 0)
        coach_record_set_string (record, "proxy_sha256", job->proxy_sha256);
    }
  return TRUE;
}

static void
skip_clip_jobs (CoachMediaQueue *self,
                const char      *clip_id,
                const char      *state,
                const char      *message)
{
  CoachDb *db = _coach_catalog_get_db (self->catalog);
  sqlite3_stmt *stmt = coach_db_prepare (db, "UPDATE media_job SET state = ?, error = ?, updated_at = ? "
                                             "WHERE clip_id = ? AND state = 'queued'", NULL);

  if (stmt == NULL)
    return;
  coach_db_bind_text (stmt, 1, state);
  coach_db_bind_text (stmt, 2, message);
  sqlite3_bind_int64 (stmt, 3, _coach_catalog_now_ms ());
  coach_db_bind_text (stmt, 4, clip_id);
  coach_db_step_done (db, stmt, NULL);
}

static void
job_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  CoachMediaQueue *self = COACH_MEDIA_QUEUE (source);
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(CoachClip) clip = load_clip (self, job->clip_id);
  gint64 id = job->id;
  gboolean ok = g_task_propagate_boolean (G_TASK (result), &error);

  if (ok && clip != NULL)
    ok = apply_result (self, job, clip, &error);

  if (ok)
    {
      set_job_state (self, id, "done", NULL);
      if (clip != NULL && count_clip_jobs (self, job->clip_id) == 0 &&
          g_strcmp0 (coach_record_get_string (COACH_RECORD (clip), "status"), "failed") != 0)
        set_clip_status (self, clip, "ready", NULL);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && !job->timed_out)
    {
      set_job_state (self, id, "cancelled", NULL);
      if (clip != NULL && count_clip_jobs (self, job->clip_id) == 0)
        set_clip_status (self, clip, "pending", NULL);
    }
  else
    {
      g_autofree char *message = NULL;

      if (job->timed_out)
        message = g_strdup (_("Processing this video took too long and was stopped"));
      else
        message = g_strdup (error->message);
      set_job_state (self, id, "failed", message);
      skip_clip_jobs (self, job->clip_id, "cancelled", message);
      if (clip != NULL)
        set_clip_status (self, clip, "failed", message);
    }

  if (clip != NULL)
    save_clip (self, clip);
  g_hash_table_remove (self->running, &id);
  schedule_dispatch (self);
}

static gboolean
job_timeout_cb (gpointer data)
{
  Job *job = data;

  job->timed_out = TRUE;
  g_cancellable_cancel (job->cancellable);
  g_clear_pointer (&job->timeout_source, g_source_unref);
  return G_SOURCE_REMOVE;
}

/* ------------------------------------------------------------------------- */
/* Dispatch */

static gboolean
start_next_job (CoachMediaQueue *self)
{
  CoachDb *db = _coach_catalog_get_db (self->catalog);
  g_autoptr(GTask) task = NULL;
  g_autoptr(CoachClip) clip = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;
  const char *sha256;
  gint64 *key;
  Job *job;

  /* One job per clip at a time, in the order they were queued. */
  stmt = coach_db_prepare (db, "SELECT id, clip_id, kind FROM media_job WHERE state = 'queued' "
                               "AND clip_id NOT IN (SELECT clip_id FROM media_job WHERE state = 'running') "
                               "ORDER BY id LIMIT 1", &error);
  if (stmt == NULL || coach_db_step (db, stmt, &error) != SQLITE_ROW)
    {
      if (error)
        g_warning ("media queue: %s", error->message);
      if (stmt)
        sqlite3_reset (stmt);
      return FALSE;
    }
  job = g_new0 (Job, 1);
  g_mutex_init (&job->progress_lock);
  job->id = sqlite3_column_int64 (stmt, 0);
  job->clip_id = g_strdup (coach_db_column_text (stmt, 1));
  job->kind = g_strdup (coach_db_column_text (stmt, 2));
  job->tmp_dir = coach_media_tmp_dir (coach_catalog_get_data_dir (self->catalog));
  job->proxy_max_height = self->proxy_max_height;
  job->cancellable = g_cancellable_new ();
  sqlite3_reset (stmt);

  if (!exec_job_sql (self, "UPDATE media_job SET state = 'running', attempts = attempts + 1, "
                           "progress = 0, error = NULL, updated_at = ?1 WHERE id = ?2",
                     job->id, NULL, &error))
    {
      g_warning ("media job %" G_GINT64_FORMAT ": %s", job->id, error->message);
      job_free (job);
      return FALSE;
    }

  clip = load_clip (self, job->clip_id);
  sha256 = clip ? coach_record_get_string (COACH_RECORD (clip), "sha256") : NULL;
  if (clip == NULL || sha256 == NULL || coach_record_get_deleted (COACH_RECORD (clip)))
    {
      set_job_state (self, job->id, "cancelled", _("The clip was removed"));
      job_free (job);
      return TRUE;
    }
  job->source = coach_catalog_blob_path (self->catalog, sha256);
  set_clip_status (self, clip, "processing", NULL);
  save_clip (self, clip);

  key = g_new (gint64, 1);
  *key = job->id;
  g_hash_table_insert (self->running, key, job);

  if (self->timeout_ms > 0)
    {
      job->timeout_source = g_timeout_source_new (self->timeout_ms);
      g_source_set_callback (job->timeout_source, job_timeout_cb, job, NULL);
      g_source_attach (job->timeout_source, self->context);
    }

  /* Handlers may cancel it right away: it is known as running by now. */
  g_signal_emit (self, signals[SIGNAL_JOB_CHANGED], 0, job->id, "running");

  task = g_task_new (self, job->cancellable, job_done_cb, NULL);
  g_task_set_source_tag (task, start_next_job);
  /* The job stays owned by self->running; the task only borrows it. */
  g_task_set_task_data (task, job, NULL);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, job_thread);
  return TRUE;
}

static gboolean
dispatch_cb (gpointer data)
{
  CoachMediaQueue *self = data;

  self->dispatch_id = 0;
  while (g_hash_table_size (self->running) < self->n_workers && start_next_job (self))
    ;
  if (g_hash_table_size (self->running) == 0)
    g_signal_emit (self, signals[SIGNAL_IDLE], 0);
  return G_SOURCE_REMOVE;
}

static void
schedule_dispatch (CoachMediaQueue *self)
{
  GSource *source;

  if (!self->started || self->dispatch_id != 0)
    return;
  source = g_idle_source_new ();
  g_source_set_callback (source, dispatch_cb, self, NULL);
  self->dispatch_id = g_source_attach (source, self->context);
  g_source_unref (source);
}

/* ------------------------------------------------------------------------- */
/* GObject */

static void
coach_media_queue_dispose (GObject *object)
{
  CoachMediaQueue *self = COACH_MEDIA_QUEUE (object);

  if (self->dispatch_id)
    {
      GSource *source = g_main_context_find_source_by_id (self->context, self->dispatch_id);

      if (source)
        g_source_destroy (source);
      self->dispatch_id = 0;
    }
  G_OBJECT_CLASS (coach_media_queue_parent_class)->dispose (object);
}

static void
coach_media_queue_finalize (GObject *object)
{
  CoachMediaQueue *self = COACH_MEDIA_QUEUE (object);

  g_hash_table_unref (self->running);
  g_clear_object (&self->catalog);
  g_main_context_unref (self->context);
  G_OBJECT_CLASS (coach_media_queue_parent_class)->finalize (object);
}

static void
coach_media_queue_class_init (CoachMediaQueueClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = coach_media_queue_dispose;
  object_class->finalize = coach_media_queue_finalize;

  signals[SIGNAL_JOB_CHANGED] =
    g_signal_new ("job-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_STRING);
  signals[SIGNAL_JOB_PROGRESS] =
    g_signal_new ("job-progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_DOUBLE);
  signals[SIGNAL_IDLE] =
    g_signal_new ("idle", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  GST_DEBUG_CATEGORY_INIT (coach_media_queue_debug, "coach-media-queue", 0, "Media job queue");
}

static void
coach_media_queue_init (CoachMediaQueue *self)
{
  self->running = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) job_free);
  self->context = g_main_context_ref_thread_default ();
  self->timeout_ms = COACH_MEDIA_QUEUE_DEFAULT_TIMEOUT_S * 1000;
  self->proxy_max_height = 1080;
}

/* ------------------------------------------------------------------------- */
/* Public */

CoachMediaQueue *
coach_media_queue_new (CoachCatalog *catalog,
                       guint         n_workers)
{
  CoachMediaQueue *self;

  g_return_val_if_fail (COACH_IS_CATALOG (catalog), NULL);

  self = g_object_new (COACH_TYPE_MEDIA_QUEUE, NULL);
  self->catalog = g_object_ref (catalog);
  self->n_workers = n_workers > 0 ? n_workers : MAX (1, g_get_num_processors ());
  return self;
}

guint
coach_media_queue_get_n_workers (CoachMediaQueue *self)
{
  g_return_val_if_fail (COACH_IS_MEDIA_QUEUE (self), 0);

  return self->n_workers;
}

void
coach_media_queue_set_timeout (CoachMediaQueue *self,
                               guint            seconds)
{
  g_return_if_fail (COACH_IS_MEDIA_QUEUE (self));

  coach_media_queue_set_timeout_ms (self, MIN (seconds, G_MAXUINT / 1000) * 1000);
}

void
coach_media_queue_set_timeout_ms (CoachMediaQueue *self,
                                  guint            ms)
{
  g_return_if_fail (COACH_IS_MEDIA_QUEUE (self));

  self->timeout_ms = ms;
}

void
coach_media_queue_set_make_proxies (CoachMediaQueue *self,
                                    gboolean         make_proxies)
{
  g_return_if_fail (COACH_IS_MEDIA_QUEUE (self));

  self->make_proxies = make_proxies;
}

void
coach_media_queue_set_proxy_max_height (CoachMediaQueue *self,
                                        guint            height)
{
  g_return_if_fail (COACH_IS_MEDIA_QUEUE (self));
  g_return_if_fail (height >= 144);

  self->proxy_max_height = height;
}

gboolean
coach_media_queue_start (CoachMediaQueue  *self,
                         GError          **error)
{
  CoachDb *db;
  g_autofree char *give_up = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (COACH_IS_MEDIA_QUEUE (self), FALSE);

  if (self->started)
    return TRUE;
  if (!coach_media_init (error))
    return FALSE;

  db = _coach_catalog_get_db (self->catalog);
  coach_media_clean_tmp (coach_catalog_get_data_dir (self->catalog));

  /* Jobs that were running when the app stopped: try again, unless they
   * already stopped it too often. */
  give_up = g_strdup (_("Processing this video stopped the app several times; it was given up"));
  stmt = coach_db_prepare (db, "UPDATE media_job SET state = 'failed', error = ?, updated_at = ? "
                               "WHERE state = 'running' AND attempts >= ?", error);
  if (stmt == NULL)
    return FALSE;
  coach_db_bind_text (stmt, 1, give_up);
  sqlite3_bind_int64 (stmt, 2, _coach_catalog_now_ms ());
  sqlite3_bind_int (stmt, 3, COACH_MEDIA_QUEUE_MAX_ATTEMPTS);
  if (!coach_db_step_done (db, stmt, error))
    return FALSE;
  /* Their clips say so, through records so the change syncs. */
  stmt = coach_db_prepare (db, "SELECT id FROM clip WHERE status = 'processing' AND id IN "
                               "(SELECT clip_id FROM media_job WHERE state = 'failed' AND error = ?)", error);
  if (stmt == NULL)
    return FALSE;
  coach_db_bind_text (stmt, 1, give_up);
  {
    g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);

    while (coach_db_step (db, stmt, NULL) == SQLITE_ROW)
      g_ptr_array_add (ids, g_strdup (coach_db_column_text (stmt, 0)));
    sqlite3_reset (stmt);
    for (guint i = 0; i < ids->len; i++)
      {
        g_autoptr(CoachClip) clip = load_clip (self, ids->pdata[i]);

        if (clip == NULL)
          continue;
        set_clip_status (self, clip, "failed", give_up);
        save_clip (self, clip);
      }
  }
  if (!coach_db_exec (db, "UPDATE media_job SET state = 'queued', progress = 0 WHERE state = 'running'", error))
    return FALSE;

  self->started = TRUE;
  schedule_dispatch (self);
  return TRUE;
}

gint64
coach_media_queue_add_job (CoachMediaQueue  *self,
                           const char       *clip_id,
                           const char       *kind,
                           GError          **error)
{
  CoachDb *db;
  sqlite3_stmt *stmt;
  gint64 now = _coach_catalog_now_ms ();

  g_return_val_if_fail (COACH_IS_MEDIA_QUEUE (self), 0);
  g_return_val_if_fail (clip_id != NULL && kind != NULL, 0);

  db = _coach_catalog_get_db (self->catalog);
  stmt = coach_db_prepare (db, "INSERT INTO media_job (clip_id, kind, state, created_at, updated_at) "
                               "VALUES (?, ?, 'queued', ?, ?)", error);
  if (stmt == NULL)
    return 0;
  coach_db_bind_text (stmt, 1, clip_id);
  coach_db_bind_text (stmt, 2, kind);
  sqlite3_bind_int64 (stmt, 3, now);
  sqlite3_bind_int64 (stmt, 4, now);
  if (!coach_db_step_done (db, stmt, error))
    return 0;
  schedule_dispatch (self);
  return sqlite3_last_insert_rowid (coach_db_get_handle (db));
}

gboolean
coach_media_queue_add_clip (CoachMediaQueue  *self,
                            const char       *clip_id,
                            GError          **error)
{
  g_return_val_if_fail (COACH_IS_MEDIA_QUEUE (self), FALSE);
  g_return_val_if_fail (clip_id != NULL, FALSE);

  /* Importing the same content twice must not process it twice. */
  if (count_clip_jobs (self, clip_id) > 0)
    return TRUE;
  if (!coach_catalog_begin (self->catalog, error))
    return FALSE;
  if (coach_media_queue_add_job (self, clip_id, COACH_MEDIA_JOB_INSPECT, error) == 0 ||
      coach_media_queue_add_job (self, clip_id, COACH_MEDIA_JOB_THUMBNAIL, error) == 0 ||
      (self->make_proxies &&
       coach_media_queue_add_job (self, clip_id, COACH_MEDIA_JOB_TRANSCODE, error) == 0))
    {
      coach_catalog_rollback (self->catalog);
      return FALSE;
    }
  return coach_catalog_commit (self->catalog, error);
}

gboolean
coach_media_queue_cancel (CoachMediaQueue *self,
                          gint64           job_id)
{
  g_autoptr(CoachClip) clip = NULL;
  g_autofree char *clip_id = NULL;
  CoachDb *db;
  sqlite3_stmt *stmt;
  Job *job;

  g_return_val_if_fail (COACH_IS_MEDIA_QUEUE (self), FALSE);

  job = g_hash_table_lookup (self->running, &job_id);
  if (job != NULL)
    {
      g_cancellable_cancel (job->cancellable);   /* job_done_cb records it */
      return TRUE;
    }

  db = _coach_catalog_get_db (self->catalog);
  stmt = coach_db_prepare (db, "UPDATE media_job SET state = 'cancelled', updated_at = ? "
                               "WHERE id = ? AND state = 'queued' RETURNING clip_id", NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, _coach_catalog_now_ms ());
  sqlite3_bind_int64 (stmt, 2, job_id);
  if (coach_db_step (db, stmt, NULL) == SQLITE_ROW)
    clip_id = g_strdup (coach_db_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (clip_id == NULL)
    return FALSE;
  g_signal_emit (self, signals[SIGNAL_JOB_CHANGED], 0, job_id, "cancelled");
  return TRUE;
}

guint
coach_media_queue_get_n_running (CoachMediaQueue *self)
{
  g_return_val_if_fail (COACH_IS_MEDIA_QUEUE (self), 0);

  return g_hash_table_size (self->running);
}

gint64
coach_media_queue_count_pending (CoachMediaQueue *self)
{
  gint64 n = 0;

  g_return_val_if_fail (COACH_IS_MEDIA_QUEUE (self), 0);

  coach_db_query_int (_coach_catalog_get_db (self->catalog),
                      "SELECT count(*) FROM media_job WHERE state IN ('queued', 'running')", &n, NULL);
  return n;
}

GPtrArray *
coach_media_queue_list_jobs (CoachCatalog  *catalog,
                             gboolean       include_finished,
                             GError       **error)
{
  g_autoptr(GPtrArray) jobs = g_ptr_array_new_with_free_func ((GDestroyNotify) coach_media_job_free);
  CoachDb *db;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (COACH_IS_CATALOG (catalog), NULL);

  db = _coach_catalog_get_db (catalog);
  stmt = coach_db_prepare (db, include_finished
                               ? "SELECT id, clip_id, kind, state, progress, attempts, error FROM media_job "
                                 "ORDER BY id DESC"
                               : "SELECT id, clip_id, kind, state, progress, attempts, error FROM media_job "
                                 "WHERE state IN ('queued', 'running', 'failed') ORDER BY id DESC",
                           error);
  if (stmt == NULL)
    return NULL;
  while ((rc = coach_db_step (db, stmt, error)) == SQLITE_ROW)
    {
      CoachMediaJob *job = g_new0 (CoachMediaJob, 1);

      job->id = sqlite3_column_int64 (stmt, 0);
      job->clip_id = g_strdup (coach_db_column_text (stmt, 1));
      job->kind = g_strdup (coach_db_column_text (stmt, 2));
      job->state = g_strdup (coach_db_column_text (stmt, 3));
      job->progress = sqlite3_column_double (stmt, 4);
      job->attempts = sqlite3_column_int64 (stmt, 5);
      job->error = g_strdup (coach_db_column_text (stmt, 6));
      g_ptr_array_add (jobs, job);
    }
  sqlite3_reset (stmt);
  if (rc == 0)
    return NULL;
  return g_steal_pointer (&jobs);
}
