/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coach-clip-tile"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "coach-application.h"
#include "coach-clip-tile.h"
#include "coach-clip-transfers.h"
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
  GtkImage     *transfer_icon;
  GtkProgressBar *transfer_progress;
  CoachClipImporter *importer;   /* for the progress of the clip's jobs */
  CoachClipTransfers *transfers; /* where the clip's files are; NULL until found */
  char         *transfer_title;  /* what the icon says, for the accessible description */

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
static void coach_clip_tile_update_transfer (CoachClipTile *self);
static void coach_clip_tile_update_description (CoachClipTile *self,
                                                const CoachRecordText *text);

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

  coach_record_text_format (&text, self->clip);
  coach_clip_tile_update_thumbnail (self);
  coach_clip_tile_update_progress (self);
  coach_clip_tile_update_transfer (self);

  gtk_label_set_label (self->title_label, text.title ? text.title : "");
  gtk_label_set_label (self->length_label, text.subtitle ? text.subtitle : "");
  gtk_widget_set_visible (GTK_WIDGET (self->length_label), text.subtitle != NULL && text.subtitle[0] != '\0');
  gtk_label_set_label (self->status_label, text.badge ? text.badge : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), text.badge != NULL);
  for (guint i = 0; i < G_N_ELEMENTS (badge_styles); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), badge_styles[i]);
  if (text.badge_style != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), text.badge_style);

  coach_clip_tile_update_description (self, &text);
}

static void
coach_clip_tile_update_description (CoachClipTile         *self,
                                    const CoachRecordText *text)
{
  const char *parts[] = { text->subtitle, text->badge, self->transfer_title };
  g_autoptr(GString) description = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    if (parts[i] != NULL && parts[i][0] != '\0')
      g_string_append_printf (description, "%s%s", description->len > 0 ? ", " : "", parts[i]);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text->title ? text->title : "",
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description->str,
                                  -1);
}

static void
follow_transfers (CoachClipTile      *self,
                  CoachClipTransfers *transfers);

static void
transfers_changed_cb (CoachClipTile      *self,
                      CoachClipTransfers *transfers)
{
  g_auto(CoachRecordText) text = { 0 };

  if (self->clip == NULL)
    return;
  coach_clip_tile_update_transfer (self);
  coach_record_text_format (&text, self->clip);
  coach_clip_tile_update_description (self, &text);
}

/* Looked up in memory: the states of all clips are read off the UI
 * thread by CoachClipTransfers, never per tile. */
static void
coach_clip_tile_update_transfer (CoachClipTile *self)
{
  GApplication *app = g_application_get_default ();
  CoachClipTransfer transfer;
  const char *icon_name;
  gboolean notable;

  if (self->transfers == NULL && COACH_IS_APPLICATION (app) &&
      coach_application_get_sync_service (COACH_APPLICATION (app)) != NULL)
    follow_transfers (self, coach_clip_transfers_get_for_service (
                              coach_application_get_sync_service (COACH_APPLICATION (app))));

  if (self->transfers == NULL || self->clip == NULL)
    transfer = (CoachClipTransfer) { COACH_CLIP_TRANSFER_NONE, -1.0, FALSE };
  else
    coach_clip_transfers_lookup (self->transfers, coach_record_get_id (self->clip), &transfer);

  notable = coach_clip_transfer_is_notable (&transfer);
  icon_name = coach_clip_transfer_get_icon_name (&transfer);
  g_clear_pointer (&self->transfer_title, g_free);
  if (notable)
    self->transfer_title = coach_clip_transfer_dup_title (&transfer);

  gtk_widget_set_visible (GTK_WIDGET (self->transfer_icon), notable);
  gtk_image_set_from_icon_name (self->transfer_icon, notable ? icon_name : NULL);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->transfer_icon), self->transfer_title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->transfer_icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, self->transfer_title ? self->transfer_title : "",
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, notable ? coach_clip_transfer_get_details (&transfer) : "",
                                  -1);

  switch (transfer.state)
    {
    case COACH_CLIP_TRANSFER_UPLOADING:
      gtk_widget_set_visible (GTK_WIDGET (self->transfer_progress), TRUE);
      if (transfer.fraction >= 0)
        gtk_progress_bar_set_fraction (self->transfer_progress, MIN (transfer.fraction, 1.0));
      else
        gtk_progress_bar_pulse (self->transfer_progress);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->transfer_progress),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Upload progress"), -1);
      break;
    case COACH_CLIP_TRANSFER_DOWNLOADING:
      /* The catalog does not know how far a download (or a single PUT)
       * is: the bar moves on whenever the states are read again. */
      gtk_widget_set_visible (GTK_WIDGET (self->transfer_progress), TRUE);
      gtk_progress_bar_pulse (self->transfer_progress);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->transfer_progress),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Download progress"), -1);
      break;
    case COACH_CLIP_TRANSFER_NONE:
    case COACH_CLIP_TRANSFER_WAITING:
    case COACH_CLIP_TRANSFER_UPLOADED:
    case COACH_CLIP_TRANSFER_REMOTE:
    case COACH_CLIP_TRANSFER_PINNED:
    default:
      gtk_widget_set_visible (GTK_WIDGET (self->transfer_progress), FALSE);
      break;
    }
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
follow_transfers (CoachClipTile      *self,
                  CoachClipTransfers *transfers)
{
  if (self->transfers != NULL)
    g_signal_handlers_disconnect_by_func (self->transfers, transfers_changed_cb, self);
  g_set_object (&self->transfers, transfers);
  if (transfers != NULL)
    g_signal_connect_object (transfers, "changed", G_CALLBACK (transfers_changed_cb), self, G_CONNECT_SWAPPED);
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
  g_clear_object (&self->transfers);
  g_clear_pointer (&self->transfer_title, g_free);

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
  gtk_widget_class_bind_template_child (widget_class, CoachClipTile, transfer_icon);
  gtk_widget_class_bind_template_child (widget_class, CoachClipTile, transfer_progress);

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

void
coach_clip_tile_set_transfers (CoachClipTile      *self,
                               CoachClipTransfers *transfers)
{
  g_return_if_fail (COACH_IS_CLIP_TILE (self));
  g_return_if_fail (transfers == NULL || COACH_IS_CLIP_TRANSFERS (transfers));

  if (self->transfers == transfers)
    return;
  follow_transfers (self, transfers);
  transfers_changed_cb (self, transfers);
}
