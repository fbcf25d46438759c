/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coach-clip-detail-files"

#include "config.h"

#include <glib/gi18n.h>

#include "coach-application.h"
#include "coach-blob-store.h"
#include "coach-clip-detail-files.h"

struct _CoachClipDetailFiles
{
  AdwBin              parent_instance;

  CoachCatalog       *catalog;
  CoachRecord        *clip;
  CoachClipTransfers *transfers;
  gboolean            updating;    /* the switch follows the catalog, no write */

  AdwActionRow       *state_row;
  GtkImage           *state_icon;
  GtkProgressBar     *state_progress;
  GtkSwitch          *pin_switch;
  GtkLabel           *pin_error;
};

G_DEFINE_FINAL_TYPE (CoachClipDetailFiles, coach_clip_detail_files, ADW_TYPE_BIN)

/* ------------------------------------------------------------------------- */

static CoachSyncService *
app_sync_service (void)
{
  GApplication *app = g_application_get_default ();

  return COACH_IS_APPLICATION (app) ? coach_application_get_sync_service (COACH_APPLICATION (app)) : NULL;
}

static void
update (CoachClipDetailFiles *self)
{
  CoachClipTransfer transfer = { COACH_CLIP_TRANSFER_NONE, -1.0, FALSE };
  g_autofree char *title = NULL;

  if (self->transfers != NULL && self->clip != NULL)
    coach_clip_transfers_lookup (self->transfers, coach_record_get_id (self->clip), &transfer);

  /* A coach working alone has nothing to upload or keep. */
  gtk_widget_set_visible (GTK_WIDGET (self), transfer.state != COACH_CLIP_TRANSFER_NONE);
  if (transfer.state == COACH_CLIP_TRANSFER_NONE)
    return;

  title = coach_clip_transfer_dup_title (&transfer);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->state_row), title);
  adw_action_row_set_subtitle (self->state_row, coach_clip_transfer_get_details (&transfer));
  gtk_image_set_from_icon_name (self->state_icon, coach_clip_transfer_get_icon_name (&transfer));

  gtk_widget_set_visible (GTK_WIDGET (self->state_progress),
                          transfer.state == COACH_CLIP_TRANSFER_UPLOADING ||
                          transfer.state == COACH_CLIP_TRANSFER_DOWNLOADING);
  if ((transfer.state == COACH_CLIP_TRANSFER_UPLOADING || transfer.state == COACH_CLIP_TRANSFER_DOWNLOADING) &&
      transfer.fraction >= 0)
    gtk_progress_bar_set_fraction (self->state_progress, MIN (transfer.fraction, 1.0));
  else if (transfer.state == COACH_CLIP_TRANSFER_UPLOADING || transfer.state == COACH_CLIP_TRANSFER_DOWNLOADING)
    gtk_progress_bar_pulse (self->state_progress);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->state_progress),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  transfer.state == COACH_CLIP_TRANSFER_UPLOADING ? _("Upload progress")
                                                                                 : _("Download progress"),
                                  -1);

  self->updating = TRUE;
  gtk_switch_set_active (self->pin_switch, transfer.pinned);
  self->updating = FALSE;
}

static void
transfers_changed_cb (CoachClipDetailFiles *self,
                      CoachClipTransfers   *transfers)
{
  update (self);
}

static void
pin_switch_active_cb (CoachClipDetailFiles *self,
                      GParamSpec           *pspec,
                      GtkSwitch            *pin_switch)
{
  gboolean pinned = gtk_switch_get_active (pin_switch);
  CoachSyncService *service = app_sync_service ();
  g_autoptr(GError) error = NULL;

  if (self->updating || self->catalog == NULL || self->clip == NULL)
    return;

  gtk_widget_set_visible (GTK_WIDGET (self->pin_error), FALSE);
  if (!coach_catalog_set_clip_pinned (self->catalog, coach_record_get_id (self->clip), pinned, &error))
    {
      g_autofree char *text = g_strdup_printf (_("Could not change this: %s"), error->message);

      gtk_label_set_label (self->pin_error, text);
      gtk_widget_set_visible (GTK_WIDGET (self->pin_error), TRUE);
      self->updating = TRUE;
      gtk_switch_set_active (pin_switch, !pinned);
      self->updating = FALSE;
      return;
    }
  if (self->transfers != NULL)
    coach_clip_transfers_refresh (self->transfers);
  /* The download happens in the next sync: do not wait for the timer. */
  if (pinned && service != NULL)
    coach_sync_service_sync_now (service);
}

/* ------------------------------------------------------------------------- */

static void
coach_clip_detail_files_dispose (GObject *object)
{
  CoachClipDetailFiles *self = COACH_CLIP_DETAIL_FILES (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), COACH_TYPE_CLIP_DETAIL_FILES);
  g_clear_object (&self->transfers);
  g_clear_object (&self->clip);
  g_clear_object (&self->catalog);

  G_OBJECT_CLASS (coach_clip_detail_files_parent_class)->dispose (object);
}

static void
coach_clip_detail_files_class_init (CoachClipDetailFilesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = coach_clip_detail_files_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/coachbook/Coachbook/clips/coach-clip-detail-files.ui");
  gtk_widget_class_bind_template_child (widget_class, CoachClipDetailFiles, state_row);
  gtk_widget_class_bind_template_child (widget_class, CoachClipDetailFiles, state_icon);
  gtk_widget_class_bind_template_child (widget_class, CoachClipDetailFiles, state_progress);
  gtk_widget_class_bind_template_child (widget_class, CoachClipDetailFiles, pin_switch);
  gtk_widget_class_bind_template_child (widget_class, CoachClipDetailFiles, pin_error);
  gtk_widget_class_bind_template_callback (widget_class, pin_switch_active_cb);
}

static void
coach_clip_detail_files_init (CoachClipDetailFiles *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* ------------------------------------------------------------------------- */

void
coach_clip_detail_files_set_transfers (CoachClipDetailFiles *self,
                                       CoachClipTransfers   *transfers)
{
  g_return_if_fail (COACH_IS_CLIP_DETAIL_FILES (self));
  g_return_if_fail (transfers == NULL || COACH_IS_CLIP_TRANSFERS (transfers));

  if (self->transfers == transfers)
    return;
  if (self->transfers != NULL)
    g_signal_handlers_disconnect_by_func (self->transfers, transfers_changed_cb, self);
  g_set_object (&self->transfers, transfers);
  if (transfers != NULL)
    g_signal_connect_object (transfers, "changed", G_CALLBACK (transfers_changed_cb), self, G_CONNECT_SWAPPED);
  update (self);
}

void
coach_clip_detail_files_set_clip (CoachClipDetailFiles *self,
                                  CoachCatalog         *catalog,
                                  CoachRecord          *clip)
{
  CoachSyncService *service = app_sync_service ();

  g_return_if_fail (COACH_IS_CLIP_DETAIL_FILES (self));
  g_return_if_fail (clip == NULL || COACH_IS_CATALOG (catalog));

  g_set_object (&self->catalog, catalog);
  g_set_object (&self->clip, clip);
  gtk_widget_set_visible (GTK_WIDGET (self->pin_error), FALSE);
  if (self->transfers == NULL && service != NULL)
    coach_clip_detail_files_set_transfers (self, coach_clip_transfers_get_for_service (service));
  else
    update (self);
}
