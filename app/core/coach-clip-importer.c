/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coach-clip-importer"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "coach-clip-import.h"
#include "coach-clip-importer.h"

#define CHUNK_SIZE (1024 * 1024)
#define PROGRESS_INTERVAL_MS 100

typedef struct
{
  CoachClipImporter *self;     /* strong ref while the worker runs */
  GMainContext      *context;
  char             **paths;
  char              *dir;
  guint64            size_limit;
  gsize              total_bytes;   /* atomic */
  gsize              done_bytes;    /* atomic */
} Batch;

typedef struct
{
  CoachClipImporter *self;
  char              *path;
  char              *tmp_path;
  char              *sha256;
  guint64            size;
  GError            *error;
  gboolean           last;          /* the batch's end, no file */
} FileResult;

struct _CoachClipImporter
{
  GObject          parent_instance;

  CoachCatalog    *catalog;
  CoachMediaQueue *queue;
  gboolean         queue_started;
  guint64          size_limit;

  GQueue           pending;         /* Batch* not started yet */
  Batch           *running;
  guint            progress_id;
  guint            added, duplicates, failed;

  GHashTable      *job_clips;       /* job id (gint64*) -> clip id */
  GHashTable      *clip_progress;   /* clip id -> double* */
  GCancellable    *cancellable;
};

G_DEFINE_FINAL_TYPE (CoachClipImporter, coach_clip_importer, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BUSY,
  PROP_FRACTION,
  N_PROPS
};

enum {
  SIGNAL_FILE_DONE,
  SIGNAL_FINISHED,
  SIGNAL_CLIP_PROGRESS,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void start_next_batch (CoachClipImporter *self);

/* ------------------------------------------------------------------------- */

static void
batch_free (Batch *batch)
{
  g_clear_object (&batch->self);
  g_main_context_unref (batch->context);
  g_strfreev (batch->paths);
  g_free (batch->dir);
  g_free (batch);
}

static void
file_result_free (FileResult *result)
{
  g_clear_object (&result->self);
  g_free (result->path);
  g_free (result->tmp_path);
  g_free (result->sha256);
  g_clear_error (&result->error);
  g_free (result);
}

static char *
title_from_path (const char *path)
{
  g_autofree char *base = g_path_get_basename (path);
  char *dot = strrchr (base, '.');

  if (dot != NULL && dot != base)
    *dot = '\0';
  g_strdelimit (base, "_", ' ');
  g_strstrip (base);
  if (*base == '\0')
    {
      g_free (base);
      base = g_path_get_basename (path);
    }
  return g_utf8_make_valid (base, -1);
}

static gboolean
io_error (GError     **error,
          int          saved_errno,
          const char  *path)
{
  g_autofree char *name = g_filename_display_basename (path);

  if (saved_errno == ENOSPC || saved_errno == EDQUOT)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                 _("The disk is full: could not copy “%s” into the library"), name);
  else
    g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                 _("Cannot copy “%s”: %s"), name, g_strerror (saved_errno));
  return FALSE;
}

static gboolean file_result_cb (gpointer user_data);

static void
post_result (Batch      *batch,
             FileResult *result)
{
  result->self = g_object_ref (batch->self);
  g_main_context_invoke_full (batch->context, G_PRIORITY_DEFAULT, file_result_cb,
                              result, (GDestroyNotify) file_result_free);
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Batch *batch = task_data;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  gsize total = 0;

  /* A missing path is one failed file, not a failed batch. */
  for (guint i = 0; batch->paths[i] != NULL; i++)
    {
      const char *one[] = { batch->paths[i], NULL };
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) found = coach_clip_import_collect_files (one, &error);

      if (found == NULL)
        {
          FileResult *result = g_new0 (FileResult, 1);

          result->path = g_strdup (batch->paths[i]);
          result->error = g_steal_pointer (&error);
          post_result (batch, result);
          continue;
        }
      g_ptr_array_extend_and_steal (files, g_steal_pointer (&found));
    }

  for (guint i = 0; i < files->len; i++)
    {
      GStatBuf st;

      if (g_stat (files->pdata[i], &st) == 0)
        total += st.st_size;
    }
  g_atomic_pointer_set (&batch->total_bytes, total);

  for (guint i = 0; i < files->len; i++)
    {
      FileResult *result = g_new0 (FileResult, 1);

      result->path = g_strdup (files->pdata[i]);
      if (!coach_clip_importer_copy_file (result->path, batch->dir, batch->size_limit,
                                          &batch->done_bytes, &result->tmp_path,
                                          &result->sha256, &result->size,
                                          cancellable, &result->error))
        g_clear_pointer (&result->tmp_path, g_free);
      post_result (batch, result);
    }

  {
    FileResult *end = g_new0 (FileResult, 1);

    end->last = TRUE;
    post_result (batch, end);
  }
  g_task_return_boolean (task, TRUE);
}

static gboolean
progress_cb (gpointer user_data)
{
  CoachClipImporter *self = user_data;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
  return G_SOURCE_CONTINUE;
}

static void
set_busy (CoachClipImporter *self,
          gboolean           busy)
{
  if (busy == (self->progress_id != 0))
    return;
  if (busy)
    self->progress_id = g_timeout_add (PROGRESS_INTERVAL_MS, progress_cb, self);
  else
    g_clear_handle_id (&self->progress_id, g_source_remove);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
}

static CoachRecord *
find_clip_by_sha (CoachClipImporter  *self,
                  const char         *sha256,
                  GError            **error)
{
  g_autoptr(GPtrArray) clips = coach_catalog_list_where (self->catalog, "clip", "sha256", sha256, error);

  if (clips == NULL)
    return NULL;
  for (guint i = 0; i < clips->len; i++)
    if (!coach_record_get_deleted (clips->pdata[i]))
      return g_object_ref (clips->pdata[i]);
  return NULL;
}

/* Main context: the catalog is written here only. */
static CoachRecord *
adopt_file (CoachClipImporter  *self,
            FileResult         *result,
            gboolean           *duplicate,
            GError            **error)
{
  g_autoptr(CoachRecord) clip = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *basename = NULL;
  const char *status;

  *duplicate = FALSE;
  if (!coach_media_adopt_blob (self->catalog, result->tmp_path, result->sha256, NULL, error))
    return NULL;

  clip = find_clip_by_sha (self, result->sha256, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (clip != NULL)
    *duplicate = TRUE;
  else
    {
      basename = g_path_get_basename (result->path);
      title = title_from_path (result->path);
      clip = coach_record_new_for_table ("clip", NULL);
      coach_record_set_string (clip, "title", title);
      coach_record_set_string (clip, "original_name", basename);
      coach_record_set_string (clip, "sha256", result->sha256);
      coach_record_set_int (clip, "size", result->size);
      coach_record_set_string (clip, "status", "pending");
      if (!coach_catalog_save (self->catalog, clip, error))
        return NULL;
    }

  /* Like the command line: a clip already in the library is processed
   * again only when it never was, or failed. */
  status = coach_record_get_string (clip, "status");
  if (g_strcmp0 (status, "ready") != 0 && g_strcmp0 (status, "processing") != 0 &&
      !coach_media_queue_add_clip (self->queue, coach_record_get_id (clip), &local_error))
    g_warning ("Cannot queue the processing of %s: %s", coach_record_get_id (clip), local_error->message);

  return g_steal_pointer (&clip);
}

static gboolean
file_result_cb (gpointer user_data)
{
  FileResult *result = user_data;
  CoachClipImporter *self = result->self;
  g_autoptr(CoachRecord) clip = NULL;
  g_autoptr(GError) error = NULL;
  gboolean duplicate = FALSE;

  if (result->last)
    {
      guint added = self->added, duplicates = self->duplicates, failed = self->failed;

      self->added = self->duplicates = self->failed = 0;
      g_clear_pointer (&self->running, batch_free);
      start_next_batch (self);
      g_signal_emit (self, signals[SIGNAL_FINISHED], 0, added, duplicates, failed);
      return G_SOURCE_REMOVE;
    }

  if (result->error == NULL)
    clip = adopt_file (self, result, &duplicate, &error);
  else
    error = g_steal_pointer (&result->error);

  if (clip == NULL)
    {
      self->failed++;
      g_signal_emit (self, signals[SIGNAL_FILE_DONE], 0, result->path, NULL, FALSE, error->message);
    }
  else
    {
      if (duplicate)
        self->duplicates++;
      else
        self->added++;
      g_signal_emit (self, signals[SIGNAL_FILE_DONE], 0, result->path, clip, duplicate, NULL);
    }
  return G_SOURCE_REMOVE;
}

static void
import_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  /* The batch ends through its last FileResult, in order with the files. */
}

static void
start_next_batch (CoachClipImporter *self)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;

  if (self->running != NULL)
    return;
  self->running = g_queue_pop_head (&self->pending);
  if (self->running == NULL)
    {
      set_busy (self, FALSE);
      return;
    }

  if (!self->queue_started)
    {
      /* Copies an earlier run left unfinished (it crashed or quit). */
      g_autoptr(GDir) dir = g_dir_open (self->running->dir, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        if (g_str_has_prefix (name, "import-"))
          {
            g_autofree char *path = g_build_filename (self->running->dir, name, NULL);

            g_unlink (path);
          }

      /* Starting resumes what an earlier run left; it also clears the
       * queue's own temporary files, which is why imports use another
       * folder. */
      if (!coach_media_queue_start (self->queue, &error))
        g_warning ("Cannot start the media queue: %s", error->message);
      self->queue_started = TRUE;
    }

  set_busy (self, TRUE);
  task = g_task_new (NULL, self->cancellable, import_done_cb, NULL);
  g_task_set_source_tag (task, start_next_batch);
  self->running->self = g_object_ref (self);
  g_task_set_task_data (task, self->running, NULL);
  g_task_run_in_thread (task, import_thread);
}

static void
refresh_jobs (CoachClipImporter *self)
{
  g_autoptr(GPtrArray) jobs = coach_media_queue_list_jobs (self->catalog, FALSE, NULL);

  for (guint i = 0; jobs != NULL && i < jobs->len; i++)
    {
      CoachMediaJob *job = jobs->pdata[i];

      g_hash_table_insert (self->job_clips, g_memdup2 (&job->id, sizeof job->id), g_strdup (job->clip_id));
    }
}

static void
set_clip_progress (CoachClipImporter *self,
                   gint64             job_id,
                   double             fraction)
{
  const char *clip_id = g_hash_table_lookup (self->job_clips, &job_id);

  if (clip_id == NULL)
    {
      refresh_jobs (self);
      clip_id = g_hash_table_lookup (self->job_clips, &job_id);
    }
  if (clip_id == NULL)
    return;
  if (fraction < 0)
    g_hash_table_remove (self->clip_progress, clip_id);
  else
    g_hash_table_insert (self->clip_progress, g_strdup (clip_id), g_memdup2 (&fraction, sizeof fraction));
  g_signal_emit (self, signals[SIGNAL_CLIP_PROGRESS], 0, clip_id, fraction);
}

static void
job_progress_cb (CoachMediaQueue   *queue,
                 gint64             job_id,
                 double             fraction,
                 CoachClipImporter *self)
{
  set_clip_progress (self, job_id, CLAMP (fraction, 0.0, 1.0));
}

static void
job_changed_cb (CoachMediaQueue   *queue,
                gint64             job_id,
                const char        *state,
                CoachClipImporter *self)
{
  if (g_strcmp0 (state, "running") == 0)
    set_clip_progress (self, job_id, 0.0);
  else if (g_strcmp0 (state, "queued") != 0)
    {
      set_clip_progress (self, job_id, -1.0);
      g_hash_table_remove (self->job_clips, &job_id);
    }
}

/* ------------------------------------------------------------------------- */

static void
coach_clip_importer_dispose (GObject *object)
{
  CoachClipImporter *self = COACH_CLIP_IMPORTER (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->progress_id, g_source_remove);
  g_queue_clear_full (&self->pending, (GDestroyNotify) batch_free);
  if (self->queue != NULL)
    g_signal_handlers_disconnect_by_data (self->queue, self);
  g_clear_object (&self->queue);
  g_clear_object (&self->catalog);

  G_OBJECT_CLASS (coach_clip_importer_parent_class)->dispose (object);
}

static void
coach_clip_importer_finalize (GObject *object)
{
  CoachClipImporter *self = COACH_CLIP_IMPORTER (object);

  /* A running batch holds a reference, so none is left here. */
  g_assert (self->running == NULL);
  g_clear_object (&self->cancellable);
  g_hash_table_unref (self->job_clips);
  g_hash_table_unref (self->clip_progress);

  G_OBJECT_CLASS (coach_clip_importer_parent_class)->finalize (object);
}

static void
coach_clip_importer_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  CoachClipImporter *self = COACH_CLIP_IMPORTER (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, coach_clip_importer_get_busy (self));
      break;
    case PROP_FRACTION:
      g_value_set_double (value, coach_clip_importer_get_fraction (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
coach_clip_importer_class_init (CoachClipImporterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = coach_clip_importer_dispose;
  object_class->finalize = coach_clip_importer_finalize;
  object_class->get_property = coach_clip_importer_get_property;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FRACTION] =
    g_param_spec_double ("fraction", NULL, NULL, 0.0, 1.0, 0.0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_FILE_DONE] =
    g_signal_new ("file-done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 4, G_TYPE_STRING, COACH_TYPE_RECORD, G_TYPE_BOOLEAN, G_TYPE_STRING);
  signals[SIGNAL_FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_UINT, G_TYPE_UINT, G_TYPE_UINT);
  signals[SIGNAL_CLIP_PROGRESS] =
    g_signal_new ("clip-progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_DOUBLE);
}

static void
coach_clip_importer_init (CoachClipImporter *self)
{
  self->size_limit = COACH_CLIP_IMPORT_DEFAULT_LIMIT;
  self->cancellable = g_cancellable_new ();
  self->job_clips = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->clip_progress = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_queue_init (&self->pending);
}

/* ------------------------------------------------------------------------- */

CoachClipImporter *
coach_clip_importer_new (CoachCatalog    *catalog,
                         CoachMediaQueue *queue)
{
  CoachClipImporter *self;

  g_return_val_if_fail (COACH_IS_CATALOG (catalog), NULL);
  g_return_val_if_fail (COACH_IS_MEDIA_QUEUE (queue), NULL);

  self = g_object_new (COACH_TYPE_CLIP_IMPORTER, NULL);
  self->catalog = g_object_ref (catalog);
  self->queue = g_object_ref (queue);
  g_signal_connect (queue, "job-progress", G_CALLBACK (job_progress_cb), self);
  g_signal_connect (queue, "job-changed", G_CALLBACK (job_changed_cb), self);
  return self;
}

CoachMediaQueue *
coach_clip_importer_get_queue (CoachClipImporter *self)
{
  g_return_val_if_fail (COACH_IS_CLIP_IMPORTER (self), NULL);
  return self->queue;
}

void
coach_clip_importer_set_size_limit (CoachClipImporter *self,
                                    guint64            bytes)
{
  g_return_if_fail (COACH_IS_CLIP_IMPORTER (self));
  self->size_limit = bytes;
}

void
coach_clip_importer_import (CoachClipImporter  *self,
                            const char * const *paths)
{
  Batch *batch;

  g_return_if_fail (COACH_IS_CLIP_IMPORTER (self));

  if (paths == NULL || paths[0] == NULL)
    return;

  batch = g_new0 (Batch, 1);
  batch->context = g_main_context_ref_thread_default ();
  batch->paths = g_strdupv ((char **) paths);
  /* Inside the blob store (a rename, never a copy, at the end), apart
   * from the media jobs' own temporary folder. */
  batch->dir = g_build_filename (coach_catalog_get_data_dir (self->catalog), "blobs", "incoming", NULL);
  batch->size_limit = self->size_limit;
  g_queue_push_tail (&self->pending, batch);
  start_next_batch (self);
}

gboolean
coach_clip_importer_get_busy (CoachClipImporter *self)
{
  g_return_val_if_fail (COACH_IS_CLIP_IMPORTER (self), FALSE);
  return self->running != NULL;
}

double
coach_clip_importer_get_fraction (CoachClipImporter *self)
{
  gsize total, done;

  g_return_val_if_fail (COACH_IS_CLIP_IMPORTER (self), 0.0);

  if (self->running == NULL)
    return 0.0;
  total = g_atomic_pointer_get (&self->running->total_bytes);
  done = g_atomic_pointer_get (&self->running->done_bytes);
  return total > 0 ? CLAMP ((double) done / total, 0.0, 1.0) : 0.0;
}

double
coach_clip_importer_get_clip_progress (CoachClipImporter *self,
                                       const char        *clip_id)
{
  double *fraction;

  g_return_val_if_fail (COACH_IS_CLIP_IMPORTER (self), -1.0);

  fraction = clip_id ? g_hash_table_lookup (self->clip_progress, clip_id) : NULL;
  return fraction ? *fraction : -1.0;
}

gboolean
coach_clip_importer_copy_file (const char    *path,
                               const char    *dir,
                               guint64        size_limit,
                               gsize         *bytes_done,
                               char         **tmp_path_out,
                               char         **sha256_out,
                               guint64       *size_out,
                               GCancellable  *cancellable,
                               GError       **error)
{
  g_autoptr(GChecksum) sha = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *tmp_path = NULL;
  g_autofree char *buf = NULL;
  g_autofree char *name = g_filename_display_basename (path);
  guint64 total = 0;
  struct stat st;
  int in_fd, out_fd;

  in_fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (in_fd < 0)
    return io_error (error, errno, path);
  if (fstat (in_fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      close (in_fd);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE, _("“%s” is not a file"), name);
      return FALSE;
    }
  if (st.st_size == 0)
    {
      close (in_fd);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("“%s” is empty"), name);
      return FALSE;
    }
  if (size_limit > 0 && (guint64) st.st_size > size_limit)
    {
      g_autofree char *limit = g_format_size (size_limit);
      g_autofree char *size = g_format_size (st.st_size);

      close (in_fd);
      g_set_error (error, COACH_CATALOG_ERROR, COACH_CATALOG_ERROR_TOO_LARGE,
                   _("“%s” is %s, more than the limit of %s per clip"), name, size, limit);
      return FALSE;
    }
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      close (in_fd);
      return io_error (error, saved_errno, dir);
    }

  tmp_path = g_build_filename (dir, "import-XXXXXX", NULL);
  out_fd = g_mkstemp_full (tmp_path, O_WRONLY | O_CLOEXEC, 0600);
  if (out_fd < 0)
    {
      int saved_errno = errno;

      close (in_fd);
      return io_error (error, saved_errno, tmp_path);
    }

  buf = g_malloc (CHUNK_SIZE);
  for (;;)
    {
      gssize n = read (in_fd, buf, CHUNK_SIZE);
      gssize written = 0;

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          io_error (error, errno, path);
          goto fail;
        }
      if (n == 0)
        break;
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto fail;
      total += n;
      if (size_limit > 0 && total > size_limit)
        {
          g_set_error (error, COACH_CATALOG_ERROR, COACH_CATALOG_ERROR_TOO_LARGE,
                       _("“%s” grew past the size limit while it was copied"), name);
          goto fail;
        }
      g_checksum_update (sha, (const guchar *) buf, n);
      while (written < n)
        {
          gssize w = write (out_fd, buf + written, n - written);

          if (w < 0 && errno == EINTR)
            continue;
          if (w < 0)
            {
              io_error (error, errno, path);
              goto fail;
            }
          written += w;
        }
      if (bytes_done != NULL)
        g_atomic_pointer_add (bytes_done, n);
    }

  /* The copy must be on disk before the catalog says it exists. */
  if (fsync (out_fd) != 0)
    {
      io_error (error, errno, path);
      goto fail;
    }
  close (out_fd);
  close (in_fd);

  *tmp_path_out = g_steal_pointer (&tmp_path);
  *sha256_out = g_strdup (g_checksum_get_string (sha));
  *size_out = total;
  return TRUE;

fail:
  close (in_fd);
  close (out_fd);
  g_unlink (tmp_path);
  return FALSE;
}
