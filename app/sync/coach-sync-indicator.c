/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coach-sync-indicator"

#include "config.h"

#include <glib/gi18n.h>

#include "coach-sync-indicator.h"

struct _CoachSyncIndicator
{
  AdwBin            parent_instance;

  CoachSyncService *service;
  GSignalGroup     *service_signals;
  guint             tick_id;

  GtkMenuButton    *button;
  GtkStack         *icon_stack;
  GtkImage         *icon;
  GtkSpinner       *spinner;
  GtkPopover       *popover;
  GtkLabel         *state_label;
  GtkLabel         *message_label;
  GtkLabel         *last_sync_label;
  GtkLabel         *pending_label;
  GtkLabel         *details_label;
  GtkWidget        *sync_now_button;
  GtkButton        *conflicts_button;
  GtkWidget        *sign_in_button;
};

G_DEFINE_FINAL_TYPE (CoachSyncIndicator, coach_sync_indicator, ADW_TYPE_BIN)

/* ------------------------------------------------------------------------- */

static void
update_last_sync (CoachSyncIndicator *self)
{
  g_autofree char *ago = NULL;
  g_autofree char *text = NULL;

  if (self->service == NULL)
    return;
  ago = coach_sync_format_ago (coach_sync_service_get_last_sync (self->service), g_get_real_time () / 1000);
  /* Translators: %s is "2 min ago", "just now", "never", ... */
  text = g_strdup_printf (_("Last sync: %s"), ago);
  gtk_label_set_label (self->last_sync_label, text);
}

static void
update (CoachSyncIndicator *self)
{
  CoachSyncState state;
  const char *details;
  g_autofree char *pending = NULL;
  g_autofree char *accessible = NULL;
  guint conflicts;

  gtk_widget_set_visible (GTK_WIDGET (self), self->service != NULL);
  if (self->service == NULL)
    return;

  state = coach_sync_service_get_state (self->service);
  details = coach_sync_service_get_details (self->service);
  conflicts = coach_sync_service_get_conflicts (self->service);

  gtk_image_set_from_icon_name (self->icon, coach_sync_state_get_icon_name (state));
  gtk_stack_set_visible_child_name (self->icon_stack, state == COACH_SYNC_STATE_SYNCING ? "spinner" : "icon");
  gtk_spinner_set_spinning (self->spinner, state == COACH_SYNC_STATE_SYNCING);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->button), coach_sync_state_get_title (state));
  /* Translators: the accessible description of the sync button, %s is the state */
  accessible = g_strdup_printf (_("Sync status: %s"), coach_sync_state_get_title (state));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, accessible, -1);

  gtk_label_set_label (self->state_label, coach_sync_state_get_title (state));
  gtk_label_set_label (self->message_label, coach_sync_service_get_message (self->service));
  pending = coach_sync_format_pending (coach_sync_service_get_pending (self->service));
  gtk_label_set_label (self->pending_label, pending);
  gtk_label_set_label (self->details_label, details ? details : "");
  gtk_widget_set_visible (GTK_WIDGET (self->details_label),
                          details != NULL && state != COACH_SYNC_STATE_SYNCED && state != COACH_SYNC_STATE_SYNCING);
  update_last_sync (self);

  if (conflicts > 0)
    {
      g_autofree char *label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Review %u _Conflict",
                                                             "Review %u _Conflicts", conflicts), conflicts);
      gtk_button_set_label (self->conflicts_button, label);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->conflicts_button), conflicts > 0);
  gtk_widget_set_visible (self->sign_in_button,
                          state == COACH_SYNC_STATE_SIGNED_OUT || !coach_sync_service_get_signed_in (self->service));
  gtk_widget_set_visible (self->sync_now_button, coach_sync_service_get_signed_in (self->service));
}

static void
service_notify_cb (CoachSyncIndicator *self,
                   GParamSpec         *pspec,
                   CoachSyncService   *service)
{
  update (self);
}

/* "2 min ago" ages while the popover is open. */
static gboolean
tick_cb (gpointer user_data)
{
  update_last_sync (user_data);
  return G_SOURCE_CONTINUE;
}

static void
popover_shown_cb (CoachSyncIndicator *self)
{
  update (self);
  if (self->tick_id == 0)
    self->tick_id = g_timeout_add_seconds (20, tick_cb, self);
}

static void
popover_hidden_cb (CoachSyncIndicator *self)
{
  g_clear_handle_id (&self->tick_id, g_source_remove);
}

/* ------------------------------------------------------------------------- */

static void
coach_sync_indicator_dispose (GObject *object)
{
  CoachSyncIndicator *self = COACH_SYNC_INDICATOR (object);

  g_clear_handle_id (&self->tick_id, g_source_remove);
  if (self->service_signals != NULL)
    g_signal_group_set_target (self->service_signals, NULL);
  g_clear_object (&self->service_signals);
  g_clear_object (&self->service);
  /* The bin would unparent its child after the template did. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), COACH_TYPE_SYNC_INDICATOR);

  G_OBJECT_CLASS (coach_sync_indicator_parent_class)->dispose (object);
}

static void
coach_sync_indicator_class_init (CoachSyncIndicatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = coach_sync_indicator_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/coachbook/Coachbook/sync/coach-sync-indicator.ui");
  gtk_widget_class_bind_template_child (widget_class, CoachSyncIndicator, button);
  gtk_widget_class_bind_template_child (widget_class, CoachSyncIndicator, icon_stack);
  gtk_widget_class_bind_template_child (widget_class, CoachSyncIndicator, icon);
  gtk_widget_class_bind_template_child (widget_class, CoachSyncIndicator, spinner);
  gtk_widget_class_bind_template_child (widget_class, CoachSyncIndicator, popover);
  gtk_widget_class_bind_template_child (widget_class, CoachSyncIndicator, state_label);
  gtk_widget_class_bind_template_child (widget_class, CoachSyncIndicator, message_label);
  gtk_widget_class_bind_template_child (widget_class, CoachSyncIndicator, last_sync_label);
  gtk_widget_class_bind_template_child (widget_class, CoachSyncIndicator, pending_label);
  gtk_widget_class_bind_template_child (widget_class, CoachSyncIndicator, details_label);
  gtk_widget_class_bind_template_child (widget_class, CoachSyncIndicator, sync_now_button);
  gtk_widget_class_bind_template_child (widget_class, CoachSyncIndicator, conflicts_button);
  gtk_widget_class_bind_template_child (widget_class, CoachSyncIndicator, sign_in_button);
}

static void
coach_sync_indicator_init (CoachSyncIndicator *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->service_signals = g_signal_group_new (COACH_TYPE_SYNC_SERVICE);
  g_signal_group_connect_swapped (self->service_signals, "notify", G_CALLBACK (service_notify_cb), self);
  g_signal_connect_object (self->popover, "show", G_CALLBACK (popover_shown_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->popover, "hide", G_CALLBACK (popover_hidden_cb), self, G_CONNECT_SWAPPED);
  update (self);
}

/* ------------------------------------------------------------------------- */

void
coach_sync_indicator_set_service (CoachSyncIndicator *self,
                                  CoachSyncService   *service)
{
  g_return_if_fail (COACH_IS_SYNC_INDICATOR (self));
  g_return_if_fail (service == NULL || COACH_IS_SYNC_SERVICE (service));

  if (!g_set_object (&self->service, service))
    return;
  g_signal_group_set_target (self->service_signals, service);
  update (self);
}
