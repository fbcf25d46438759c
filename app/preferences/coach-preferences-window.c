/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coach-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "coach-preferences-window.h"

/* The choices of the transcode-profile key, in the order of the combo. */
static const char * const profiles[] = { "1080p", "720p" };

struct _CoachPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  GSettings           *settings;

  AdwEntryRow         *server_row;
  AdwEntryRow         *email_row;
  AdwComboRow         *profile_row;
  AdwActionRow        *location_row;
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

static void
coach_preferences_window_dispose (GObject *object)
{
  CoachPreferencesWindow *self = COACH_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), COACH_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (coach_preferences_window_parent_class)->dispose (object);
}

static void
coach_preferences_window_class_init (CoachPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = coach_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/coachbook/Coachbook/preferences/coach-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CoachPreferencesWindow, server_row);
  gtk_widget_class_bind_template_child (widget_class, CoachPreferencesWindow, email_row);
  gtk_widget_class_bind_template_child (widget_class, CoachPreferencesWindow, profile_row);
  gtk_widget_class_bind_template_child (widget_class, CoachPreferencesWindow, location_row);
}

static void
coach_preferences_window_init (CoachPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
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
      if (has_key (settings, "sync-server-url"))
        g_settings_bind (settings, "sync-server-url", self->server_row, "text", G_SETTINGS_BIND_DEFAULT);
      if (has_key (settings, "sync-email"))
        g_settings_bind (settings, "sync-email", self->email_row, "text", G_SETTINGS_BIND_DEFAULT);
      if (has_key (settings, "transcode-profile"))
        g_settings_bind_with_mapping (settings, "transcode-profile",
                                      self->profile_row, "selected",
                                      G_SETTINGS_BIND_DEFAULT,
                                      profile_to_index, index_to_profile,
                                      NULL, NULL);
    }

  adw_action_row_set_subtitle (self->location_row,
                               catalog ? coach_catalog_get_data_dir (catalog) : _("No catalog is open"));
  return self;
}
