/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coach-storage-group"

#include "config.h"

#include <glib/gi18n.h>

#include "coach-blob-store.h"
#include "coach-storage-group.h"

struct _CoachStorageGroup
{
  AdwPreferencesGroup  parent_instance;

  AdwActionRow        *originals_row;
  AdwActionRow        *proxies_row;
  AdwActionRow        *thumbnails_row;
  AdwActionRow        *pending_row;
  AdwActionRow        *free_row;
  GtkButton           *free_button;

  CoachCatalog        *catalog;
  GCancellable        *cancellable;
  gboolean             busy;
};

G_DEFINE_FINAL_TYPE (CoachStorageGroup, coach_storage_group, ADW_TYPE_PREFERENCES_GROUP)

typedef struct
{
  char              *path;
  gboolean           free_up;
  guint64            freed_bytes;
  guint              freed_files;
  CoachStorageUsage  usage;
} StorageJob;

static void
storage_job_free (StorageJob *job)
{
  g_free (job->path);
  g_free (job);
}

/* Counting walks the blob table and dropping files touches the disk:
 * both run on a worker with their own connection to the catalog. */
static void
storage_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  StorageJob *job = task_data;
  g_autoptr(CoachCatalog) catalog = NULL;
  g_autoptr(GError) error = NULL;

  catalog = coach_catalog_open_file (job->path, 0, &error);
  if (catalog == NULL ||
      (job->free_up && !coach_catalog_free_space (catalog, &job->freed_bytes, &job->freed_files, &error)) ||
      !coach_catalog_get_storage_usage (catalog, &job->usage, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
set_size (AdwActionRow *row,
          guint64       bytes)
{
  g_autofree char *text = g_format_size (bytes);

  adw_action_row_set_subtitle (row, text);
}

static void
show_error (CoachStorageGroup *self,
            const GError      *error)
{
  adw_action_row_set_subtitle (self->free_row, error->message);
  gtk_widget_set_sensitive (GTK_WIDGET (self->free_button), FALSE);
}

static void
storage_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  CoachStorageGroup *self;
  StorageJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = COACH_STORAGE_GROUP (source);
  self->busy = FALSE;
  if (error != NULL)
    {
      show_error (self, error);
      return;
    }

  set_size (self->originals_row, job->usage.originals);
  set_size (self->proxies_row, job->usage.proxies);
  set_size (self->thumbnails_row, job->usage.thumbnails + job->usage.other);
  set_size (self->pending_row, job->usage.not_uploaded);

  if (job->usage.freeable > 0)
    {
      g_autofree char *size = g_format_size (job->usage.freeable);
      /* Translators: %s is a size such as "1.2 GB" */
      g_autofree char *text = g_strdup_printf (_("%s of videos the team server has"), size);

      adw_action_row_set_subtitle (self->free_row, text);
    }
  else if (job->free_up)
    {
      g_autofree char *size = g_format_size (job->freed_bytes);
      /* Translators: %s is a size such as "1.2 GB" */
      g_autofree char *text = g_strdup_printf (_("Freed %s"), size);

      adw_action_row_set_subtitle (self->free_row, text);
    }
  else
    adw_action_row_set_subtitle (self->free_row, _("Nothing to remove: every file here is needed or not yet sent"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->free_button), job->usage.freeable > 0);
}

static void
run_job (CoachStorageGroup *self,
         gboolean           free_up)
{
  g_autoptr(GTask) task = NULL;
  StorageJob *job;

  if (self->catalog == NULL || self->busy)
    return;

  job = g_new0 (StorageJob, 1);
  job->path = g_strdup (coach_catalog_get_path (self->catalog));
  job->free_up = free_up;
  self->busy = TRUE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->free_button), FALSE);

  task = g_task_new (self, self->cancellable, storage_done_cb, NULL);
  g_task_set_source_tag (task, run_job);
  g_task_set_task_data (task, job, (GDestroyNotify) storage_job_free);
  g_task_run_in_thread (task, storage_thread);
}

static void
free_clicked_cb (CoachStorageGroup *self)
{
  adw_action_row_set_subtitle (self->free_row, _("Removing…"));
  run_job (self, TRUE);
}

static void
coach_storage_group_dispose (GObject *object)
{
  CoachStorageGroup *self = COACH_STORAGE_GROUP (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), COACH_TYPE_STORAGE_GROUP);
  g_clear_object (&self->catalog);

  G_OBJECT_CLASS (coach_storage_group_parent_class)->dispose (object);
}

static void
coach_storage_group_finalize (GObject *object)
{
  CoachStorageGroup *self = COACH_STORAGE_GROUP (object);

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (coach_storage_group_parent_class)->finalize (object);
}

static void
coach_storage_group_class_init (CoachStorageGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = coach_storage_group_dispose;
  object_class->finalize = coach_storage_group_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/coachbook/Coachbook/preferences/coach-storage-group.ui");
  gtk_widget_class_bind_template_child (widget_class, CoachStorageGroup, originals_row);
  gtk_widget_class_bind_template_child (widget_class, CoachStorageGroup, proxies_row);
  gtk_widget_class_bind_template_child (widget_class, CoachStorageGroup, thumbnails_row);
  gtk_widget_class_bind_template_child (widget_class, CoachStorageGroup, pending_row);
  gtk_widget_class_bind_template_child (widget_class, CoachStorageGroup, free_row);
  gtk_widget_class_bind_template_child (widget_class, CoachStorageGroup, free_button);
  gtk_widget_class_bind_template_callback (widget_class, free_clicked_cb);
}

static void
coach_storage_group_init (CoachStorageGroup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

void
coach_storage_group_set_catalog (CoachStorageGroup *self,
                                 CoachCatalog      *catalog)
{
  g_return_if_fail (COACH_IS_STORAGE_GROUP (self));
  g_return_if_fail (catalog == NULL || COACH_IS_CATALOG (catalog));

  if (!g_set_object (&self->catalog, catalog))
    return;
  gtk_widget_set_visible (GTK_WIDGET (self), catalog != NULL);
  run_job (self, FALSE);
}
