/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coach-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "coach-preferences-window.h"
#include "coach-storage-group.h"
#include "coach-sync-client.h"

/* The choices of the transcode-profile key, in the order of the combo. */
static const char * const profiles[] = { "1080p", "720p" };

struct _CoachPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  GSettings           *settings;
  CoachSyncService    *sync;
  GSignalGroup        *sync_signals;
  GCancellable        *cancellable;
  gboolean             busy;

  AdwEntryRow         *server_row;
  AdwEntryRow         *email_row;
  AdwEntryRow         *password_row;
  GtkLabel            *sign_in_error;
  GtkSpinner          *sign_in_spinner;
  GtkWidget           *sign_in_button;
  GtkWidget           *sign_in_group;
  GtkWidget           *account_group;
  AdwActionRow        *account_row;
  AdwActionRow        *status_row;
  GtkWidget           *sign_out_button;
  AdwComboRow         *profile_row;
  AdwActionRow        *location_row;
  CoachStorageGroup   *storage_group;
};

G_DEFINE_FINAL_TYPE (CoachPreferencesWindow, coach_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* ------------------------------------------------------------------------- */

static gboolean
profile_to_index (GValue   *value,
                  GVariant *variant,
                  gpointer  user_data)
{
  const char *profile = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (profiles); i++)
    if (g_str_equal (profile, profiles[i]))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  return FALSE;
}

static GVariant *
index_to_profile (const GValue       *value,
                  const GVariantType *expected_type,
                  gpointer            user_data)
{
  guint index = g_value_get_uint (value);

  if (index >= G_N_ELEMENTS (profiles))
    return NULL;
  return g_variant_new_string (profiles[index]);
}

static gboolean
has_key (GSettings  *settings,
         const char *key)
{
  g_autoptr(GSettingsSchema) schema = NULL;

  g_object_get (settings, "settings-schema", &schema, NULL);
  return schema != NULL && g_settings_schema_has_key (schema, key);
}

/* ------------------------------------------------------------------------- */
/* Team sync */

static void
show_sign_in_error (CoachPreferencesWindow *self,
                    const char             *message,
                    GtkWidget              *row)
{
  GtkWidget *rows[] = { GTK_WIDGET (self->server_row), GTK_WIDGET (self->email_row),
                        GTK_WIDGET (self->password_row) };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    if (rows[i] == row)
      gtk_widget_add_css_class (rows[i], "error");
    else
      gtk_widget_remove_css_class (rows[i], "error");
  gtk_label_set_label (self->sign_in_error, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->sign_in_error), message != NULL);
}

static void
update_sync (CoachPreferencesWindow *self)
{
  gboolean signed_in = self->sync != NULL && coach_sync_service_get_signed_in (self->sync);
  gboolean needs_sign_in = self->sync != NULL &&
    (!signed_in || coach_sync_service_get_state (self->sync) == COACH_SYNC_STATE_SIGNED_OUT);
  gboolean complete = *gtk_editable_get_text (GTK_EDITABLE (self->server_row)) != '\0' &&
                      *gtk_editable_get_text (GTK_EDITABLE (self->email_row)) != '\0' &&
                      *gtk_editable_get_text (GTK_EDITABLE (self->password_row)) != '\0';

  gtk_widget_set_visible (self->sign_in_group, needs_sign_in);
  gtk_widget_set_visible (self->account_group, signed_in);
  gtk_widget_set_sensitive (self->sign_in_button, complete && !self->busy);
  gtk_widget_set_sensitive (self->sign_out_button, !self->busy);
  gtk_spinner_set_spinning (self->sign_in_spinner, self->busy);

  if (signed_in)
    {
      g_autofree char *email = coach_sync_service_dup_email (self->sync);
      g_autofree char *url = coach_sync_service_dup_server_url (self->sync);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->account_row), email);
      adw_action_row_set_subtitle (self->account_row, url);
      adw_action_row_set_subtitle (self->status_row, coach_sync_service_get_message (self->sync));
    }
}

static void
sync_notify_cb (CoachPreferencesWindow *self,
                GParamSpec             *pspec,
                CoachSyncService       *sync)
{
  update_sync (self);
}

static void
sign_in_field_changed_cb (CoachPreferencesWindow *self)
{
  update_sync (self);
}

static void
signed_in_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(CoachPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  GtkWidget *row = NULL;

  self->busy = FALSE;
  if (coach_sync_service_sign_in_finish (COACH_SYNC_SERVICE (source), result, &error))
    {
      gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
      show_sign_in_error (self, NULL, NULL);
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (g_error_matches (error, COACH_SYNC_ERROR, COACH_SYNC_ERROR_UNAUTHORIZED))
        row = GTK_WIDGET (self->password_row);
      else if (error->domain == COACH_SYNC_ERROR &&
               (error->code == COACH_SYNC_ERROR_INVALID_URL || error->code == COACH_SYNC_ERROR_NETWORK))
        row = GTK_WIDGET (self->server_row);
      show_sign_in_error (self, error->message, row);
    }
  update_sync (self);
}

static void
sign_in_activated_cb (CoachPreferencesWindow *self)
{
  if (self->sync == NULL || self->busy || !gtk_widget_get_sensitive (self->sign_in_button))
    return;

  self->busy = TRUE;
  show_sign_in_error (self, NULL, NULL);
  coach_sync_service_sign_in_async (self->sync,
                                    gtk_editable_get_text (GTK_EDITABLE (self->server_row)),
                                    gtk_editable_get_text (GTK_EDITABLE (self->email_row)),
                                    gtk_editable_get_text (GTK_EDITABLE (self->password_row)),
                                    self->cancellable, signed_in_cb, g_object_ref (self));
  update_sync (self);
}

static void
signed_out_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(CoachPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  self->busy = FALSE;
  if (!coach_sync_service_sign_out_finish (COACH_SYNC_SERVICE (source), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_sign_in_error (self, error->message, NULL);
  update_sync (self);
}

static void
sign_out_clicked_cb (CoachPreferencesWindow *self)
{
  g_autofree char *url = NULL;
  g_autofree char *email = NULL;

  if (self->sync == NULL || self->busy)
    return;

  /* Signing in again starts from the same account. */
  url = coach_sync_service_dup_server_url (self->sync);
  email = coach_sync_service_dup_email (self->sync);
  gtk_editable_set_text (GTK_EDITABLE (self->server_row), url ? url : "");
  gtk_editable_set_text (GTK_EDITABLE (self->email_row), email ? email : "");

  self->busy = TRUE;
  coach_sync_service_sign_out_async (self->sync, self->cancellable, signed_out_cb, g_object_ref (self));
  update_sync (self);
}

/* ------------------------------------------------------------------------- */

static void
coach_preferences_window_dispose (GObject *object)
{
  CoachPreferencesWindow *self = COACH_PREFERENCES_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  if (self->sync_signals != NULL)
    g_signal_group_set_target (self->sync_signals, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), COACH_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->sync_signals);
  g_clear_object (&self->sync);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (coach_preferences_window_parent_class)->dispose (object);
}

static void
coach_preferences_window_class_init (CoachPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = coach_preferences_window_dispose;

  g_type_ensure (COACH_TYPE_STORAGE_GROUP);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/coachbook/Coachbook/preferences/coach-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CoachPreferencesWindow, server_row);
  gtk_widget_class_bind_template_child (widget_class, CoachPreferencesWindow, email_row);
  gtk_widget_class_bind_template_child (widget_class, CoachPreferencesWindow, profile_row);
  gtk_widget_class_bind_template_child (widget_class, CoachPreferencesWindow, location_row);
  gtk_widget_class_bind_template_child (widget_class, CoachPreferencesWindow, storage_group);
  gtk_widget_class_bind_template_child (widget_class, CoachPreferencesWindow, password_row);
  gtk_widget_class_bind_template_child (widget_class, CoachPreferencesWindow, sign_in_error);
  gtk_widget_class_bind_template_child (widget_class, CoachPreferencesWindow, sign_in_spinner);
  gtk_widget_class_bind_template_child (widget_class, CoachPreferencesWindow, sign_in_button);
  gtk_widget_class_bind_template_child (widget_class, CoachPreferencesWindow, sign_in_group);
  gtk_widget_class_bind_template_child (widget_class, CoachPreferencesWindow, account_group);
  gtk_widget_class_bind_template_child (widget_class, CoachPreferencesWindow, account_row);
  gtk_widget_class_bind_template_child (widget_class, CoachPreferencesWindow, status_row);
  gtk_widget_class_bind_template_child (widget_class, CoachPreferencesWindow, sign_out_button);
  gtk_widget_class_bind_template_callback (widget_class, sign_in_field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, sign_in_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, sign_out_clicked_cb);
}

static void
coach_preferences_window_init (CoachPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->sync_signals = g_signal_group_new (COACH_TYPE_SYNC_SERVICE);
  g_signal_group_connect_swapped (self->sync_signals, "notify", G_CALLBACK (sync_notify_cb), self);
  update_sync (self);
}

/* ------------------------------------------------------------------------- */

CoachPreferencesWindow *
coach_preferences_window_new (GSettings    *settings,
                              CoachCatalog *catalog)
{
  CoachPreferencesWindow *self;

  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (catalog == NULL || COACH_IS_CATALOG (catalog), NULL);

  self = g_object_new (COACH_TYPE_PREFERENCES_WINDOW, NULL);

  if (settings != NULL)
    {
      self->settings = g_object_ref (settings);
      if (has_key (settings, "transcode-profile"))
        g_settings_bind_with_mapping (settings, "transcode-profile",
                                      self->profile_row, "selected",
                                      G_SETTINGS_BIND_DEFAULT,
                                      profile_to_index, index_to_profile,
                                      NULL, NULL);
    }

  adw_action_row_set_subtitle (self->location_row,
                               catalog ? coach_catalog_get_data_dir (catalog) : _("No catalog is open"));
  coach_storage_group_set_catalog (self->storage_group, catalog);
  return self;
}

/* Shows the Team Sync page for @sync (NULL: no catalog, nothing to sign in). */
void
coach_preferences_window_set_sync_service (CoachPreferencesWindow *self,
                                           CoachSyncService       *sync)
{
  g_autofree char *url = NULL;
  g_autofree char *email = NULL;

  g_return_if_fail (COACH_IS_PREFERENCES_WINDOW (self));
  g_return_if_fail (sync == NULL || COACH_IS_SYNC_SERVICE (sync));

  if (!g_set_object (&self->sync, sync))
    return;
  g_signal_group_set_target (self->sync_signals, sync);
  if (sync != NULL)
    {
      url = coach_sync_service_dup_server_url (sync);
      email = coach_sync_service_dup_email (sync);
    }
  gtk_editable_set_text (GTK_EDITABLE (self->server_row), url ? url : "");
  gtk_editable_set_text (GTK_EDITABLE (self->email_row), email ? email : "");
  update_sync (self);
}

/* Opens on the Team Sync page. */
void
coach_preferences_window_show_sync (CoachPreferencesWindow *self)
{
  g_return_if_fail (COACH_IS_PREFERENCES_WINDOW (self));
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (self), "sync");
}
