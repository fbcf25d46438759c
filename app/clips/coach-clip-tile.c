/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coach-clip-tile"

#include "config.h"

#include <string.h>

#include "coach-application.h"
#include "coach-clip-tile.h"
#include "coach-record-format.h"

static const char * const badge_styles[] = { "success", "warning", "error", "accent" };

struct _CoachClipTile
{
  GtkWidget     parent_instance;

  CoachRecord  *clip;
  GSignalGroup *clip_signals;

  GtkLabel     *status_label;
  GtkLabel     *length_label;
  GtkLabel     *title_label;
  GtkPicture   *thumbnail;
  GtkProgressBar *job_progress;
  CoachClipImporter *importer;   /* for the progress of the clip's jobs */

  char         *thumbnail_sha;   /* shown or being loaded */
  GCancellable *thumbnail_load;
};

G_DEFINE_FINAL_TYPE (CoachClipTile, coach_clip_tile, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CLIP,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void coach_clip_tile_update_progress (CoachClipTile *self);

/* ------------------------------------------------------------------------- */

static void
thumbnail_loaded_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(CoachClipTile) self = user_data;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;

  texture = coach_thumbnail_cache_load_finish (COACH_THUMBNAIL_CACHE (source), result, &error);
  if (texture == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("No thumbnail: %s", error->message);
      return;
    }
  /* The tile may have been recycled for another clip, or disposed. */
  if (self->thumbnail == NULL ||
      g_task_get_cancellable (G_TASK (result)) != self->thumbnail_load ||
      g_cancellable_is_cancelled (self->thumbnail_load))
    return;
  gtk_picture_set_paintable (self->thumbnail, GDK_PAINTABLE (texture));
  gtk_widget_set_visible (GTK_WIDGET (self->thumbnail), TRUE);
}

/* The placeholder stays until the picture is decoded off the UI thread. */
static void
coach_clip_tile_update_thumbnail (CoachClipTile *self)
{
  const char *sha = self->clip ? coach_record_get_string (self->clip, "thumbnail_sha256") : NULL;
  GApplication *app = g_application_get_default ();
  CoachThumbnailCache *cache = COACH_IS_APPLICATION (app) ? coach_application_get_thumbnails (COACH_APPLICATION (app)) : NULL;
  GdkTexture *texture;

  if (g_strcmp0 (sha, self->thumbnail_sha) == 0)
    return;

  g_cancellable_cancel (self->thumbnail_load);
  g_clear_object (&self->thumbnail_load);
  g_free (self->thumbnail_sha);
  self->thumbnail_sha = g_strdup (sha);
  gtk_picture_set_paintable (self->thumbnail, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->thumbnail), FALSE);

  if (sha == NULL || strlen (sha) != 64 || cache == NULL)
    return;

  if ((texture = coach_thumbnail_cache_lookup (cache, sha)) != NULL)
    {
      gtk_picture_set_paintable (self->thumbnail, GDK_PAINTABLE (texture));
      gtk_widget_set_visible (GTK_WIDGET (self->thumbnail), TRUE);
      return;
    }

  self->thumbnail_load = g_cancellable_new ();
  coach_thumbnail_cache_load_async (cache, sha, self->thumbnail_load, thumbnail_loaded_cb, g_object_ref (self));
}

static void
coach_clip_tile_update (CoachClipTile *self)
{
  g_auto(CoachRecordText) text = { 0 };
  g_autofree char *description = NULL;

  coach_record_text_format (&text, self->clip);
  coach_clip_tile_update_thumbnail (self);
  coach_clip_tile_update_progress (self);

  gtk_label_set_label (self->title_label, text.title ? text.title : "");
  gtk_label_set_label (self->length_label, text.subtitle ? text.subtitle : "");
  gtk_widget_set_visible (GTK_WIDGET (self->length_label), text.subtitle != NULL && text.subtitle[0] != '\0');
  gtk_label_set_label (self->status_label, text.badge ? text.badge : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), text.badge != NULL);
  for (guint i = 0; i < G_N_ELEMENTS (badge_styles); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), badge_styles[i]);
  if (text.badge_style != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), text.badge_style);

  description = g_strjoin (", ", text.subtitle ? text.subtitle : "", text.badge ? text.badge : "", NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text.title ? text.title : "",
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

static void
show_progress (CoachClipTile *self,
               double         fraction)
{
  gboolean running = fraction >= 0 && self->clip != NULL &&
                     g_strcmp0 (coach_record_get_string (self->clip, "status"), "processing") == 0;

  gtk_widget_set_visible (GTK_WIDGET (self->job_progress), running);
  if (running)
    gtk_progress_bar_set_fraction (self->job_progress, fraction);
}

static void
clip_progress_cb (CoachClipTile     *self,
                  const char        *clip_id,
                  double             fraction,
                  CoachClipImporter *importer)
{
  if (self->clip != NULL && g_strcmp0 (clip_id, coach_record_get_id (self->clip)) == 0)
    show_progress (self, fraction);
}

static void
coach_clip_tile_update_progress (CoachClipTile *self)
{
  GApplication *app = g_application_get_default ();

  if (self->importer == NULL && COACH_IS_APPLICATION (app) &&
      (self->importer = coach_application_get_importer (COACH_APPLICATION (app))) != NULL)
    {
      g_object_ref (self->importer);
      g_signal_connect_object (self->importer, "clip-progress", G_CALLBACK (clip_progress_cb),
                               self, G_CONNECT_SWAPPED);
    }
  show_progress (self, self->importer && self->clip
                       ? coach_clip_importer_get_clip_progress (self->importer, coach_record_get_id (self->clip))
                       : -1.0);
}

static void
clip_notify_cb (CoachClipTile *self,
                GParamSpec    *pspec,
                CoachRecord   *clip)
{
  coach_clip_tile_update (self);
}

/* ------------------------------------------------------------------------- */

static void
coach_clip_tile_dispose (GObject *object)
{
  CoachClipTile *self = COACH_CLIP_TILE (object);
  GtkWidget *child;

  g_cancellable_cancel (self->thumbnail_load);
  g_clear_object (&self->thumbnail_load);
  g_clear_pointer (&self->thumbnail_sha, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), COACH_TYPE_CLIP_TILE);
  /* Template children without an id are not cleared by the template. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  if (self->clip_signals != NULL)
    g_signal_group_set_target (self->clip_signals, NULL);
  g_clear_object (&self->clip_signals);
  g_clear_object (&self->clip);
  g_clear_object (&self->importer);

  G_OBJECT_CLASS (coach_clip_tile_parent_class)->dispose (object);
}

static void
coach_clip_tile_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CoachClipTile *self = COACH_CLIP_TILE (object);

  switch (prop_id)
    {
    case PROP_CLIP:
      g_value_set_object (value, self->clip);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
coach_clip_tile_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CoachClipTile *self = COACH_CLIP_TILE (object);

  switch (prop_id)
    {
    case PROP_CLIP:
      coach_clip_tile_set_clip (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
coach_clip_tile_class_init (CoachClipTileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = coach_clip_tile_dispose;
  object_class->get_property = coach_clip_tile_get_property;
  object_class->set_property = coach_clip_tile_set_property;

  properties[PROP_CLIP] =
    g_param_spec_object ("clip", NULL, NULL,
                         COACH_TYPE_RECORD,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/coachbook/Coachbook/clips/coach-clip-tile.ui");
  gtk_widget_class_bind_template_child (widget_class, CoachClipTile, status_label);
  gtk_widget_class_bind_template_child (widget_class, CoachClipTile, length_label);
  gtk_widget_class_bind_template_child (widget_class, CoachClipTile, title_label);
  gtk_widget_class_bind_template_child (widget_class, CoachClipTile, thumbnail);
  gtk_widget_class_bind_template_child (widget_class, CoachClipTile, job_progress);

  gtk_widget_class_set_css_name (widget_class, "cliptile");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
coach_clip_tile_init (CoachClipTile *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->clip_signals = g_signal_group_new (COACH_TYPE_RECORD);
  g_signal_group_connect_object (self->clip_signals, "notify",
                                 G_CALLBACK (clip_notify_cb), self,
                                 G_CONNECT_SWAPPED);
}

/* ------------------------------------------------------------------------- */

CoachRecord *
coach_clip_tile_get_clip (CoachClipTile *self)
{
  g_return_val_if_fail (COACH_IS_CLIP_TILE (self), NULL);
  return self->clip;
}

void
coach_clip_tile_set_clip (CoachClipTile *self,
                          CoachRecord   *clip)
{
  g_return_if_fail (COACH_IS_CLIP_TILE (self));
  g_return_if_fail (clip == NULL || COACH_IS_RECORD (clip));

  if (!g_set_object (&self->clip, clip))
    return;

  g_signal_group_set_target (self->clip_signals, clip);
  coach_clip_tile_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIP]);
}
