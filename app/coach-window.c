/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coach-window"

#include "config.h"

#include "coach-exercise-detail.h"
#include "coach-exercise-list.h"
#include "coach-window.h"

#define SETTINGS_SCHEMA_ID "io.github.coachbook.Coachbook"

struct _CoachWindow
{
  AdwApplicationWindow parent_instance;

  CoachCatalog        *catalog;
  GSettings           *settings;

  GtkStack            *main_stack;
  AdwLeaflet          *leaflet;
  GtkWidget           *sidebar;
  GtkWidget           *content;
  CoachExerciseList   *exercise_list;
  CoachExerciseDetail *exercise_detail;
  AdwStatusPage       *error_page;
};

G_DEFINE_FINAL_TYPE (CoachWindow, coach_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_CATALOG,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------------------- */

/* The schema ships with the app but not with a build run from the source
 * tree: without it the window simply does not remember its size. */
static GSettings *
load_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source == NULL)
    return NULL;
  schema = g_settings_schema_source_lookup (source, SETTINGS_SCHEMA_ID, TRUE);
  if (schema == NULL)
    {
      g_debug ("Schema %s is not installed; the window size is not remembered", SETTINGS_SCHEMA_ID);
      return NULL;
    }
  if (!g_settings_schema_has_key (schema, "window-width") ||
      !g_settings_schema_has_key (schema, "window-height") ||
      !g_settings_schema_has_key (schema, "window-maximized"))
    {
      g_warning ("Schema %s lacks the window size keys", SETTINGS_SCHEMA_ID);
      return NULL;
    }
  return g_settings_new_full (schema, NULL, NULL);
}

/* Reads an integer key whatever its integer type, so a schema that says
 * "u" instead of "i" costs a default size, not a crash. */
static int
settings_get_size (GSettings  *settings,
                   const char *key)
{
  g_autoptr(GVariant) value = g_settings_get_value (settings, key);

  if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT32))
    return g_variant_get_int32 (value);
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_UINT32))
    return (int) MIN (g_variant_get_uint32 (value), G_MAXINT);
  return -1;
}

static void
settings_set_size (GSettings  *settings,
                   const char *key,
                   int         size)
{
  g_autoptr(GVariant) old = g_settings_get_value (settings, key);

  if (g_variant_is_of_type (old, G_VARIANT_TYPE_INT32))
    g_settings_set_int (settings, key, size);
  else if (g_variant_is_of_type (old, G_VARIANT_TYPE_UINT32))
    g_settings_set_uint (settings, key, (guint) MAX (size, 0));
}

static gboolean
settings_get_flag (GSettings  *settings,
                   const char *key)
{
  g_autoptr(GVariant) value = g_settings_get_value (settings, key);

  return g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN) && g_variant_get_boolean (value);
}

static void
settings_set_flag (GSettings  *settings,
                   const char *key,
                   gboolean    flag)
{
  g_autoptr(GVariant) old = g_settings_get_value (settings, key);

  if (g_variant_is_of_type (old, G_VARIANT_TYPE_BOOLEAN))
    g_settings_set_boolean (settings, key, flag);
}

static void
coach_window_restore_size (CoachWindow *self)
{
  int width, height;

  if (self->settings == NULL)
    return;

  width = settings_get_size (self->settings, "window-width");
  height = settings_get_size (self->settings, "window-height");
  if (width > 0 && height > 0)
    gtk_window_set_default_size (GTK_WINDOW (self), width, height);

  if (settings_get_flag (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
coach_window_save_size (CoachWindow *self)
{
  int width, height;

  if (self->settings == NULL)
    return;

  /* The size to come back to is the one from before maximizing. */
  if (!gtk_window_is_maximized (GTK_WINDOW (self)))
    {
      gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
      if (width > 0 && height > 0)
        {
          settings_set_size (self->settings, "window-width", width);
          settings_set_size (self->settings, "window-height", height);
        }
    }
  settings_set_flag (self->settings, "window-maximized",
                     gtk_window_is_maximized (GTK_WINDOW (self)));
}

static gboolean
coach_window_shows_catalog (CoachWindow *self)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "catalog") == 0;
}

static void
coach_window_actions_update (CoachWindow *self)
{
  gboolean catalog = coach_window_shows_catalog (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search", catalog);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.back",
                                 catalog && adw_leaflet_get_folded (self->leaflet));
}

/* ------------------------------------------------------------------------- */

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  CoachWindow *self = COACH_WINDOW (widget);

  adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
  coach_exercise_list_focus_search (self->exercise_list);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  CoachWindow *self = COACH_WINDOW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
selected_exercise_changed_cb (CoachWindow       *self,
                              GParamSpec        *pspec,
                              CoachExerciseList *list)
{
  coach_exercise_detail_set_exercise (self->exercise_detail,
                                      coach_exercise_list_get_selected_exercise (list));
}

static void
exercise_activated_cb (CoachWindow       *self,
                       CoachRecord       *exercise,
                       CoachExerciseList *list)
{
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->content);
}

static void
leaflet_folded_changed_cb (CoachWindow *self,
                           GParamSpec  *pspec,
                           AdwLeaflet  *leaflet)
{
  coach_window_actions_update (self);
}

/* In a narrow window the list is a page of its own: clicking the row that
 * is still selected would not change the selection and so would not come
 * back here. Once back at the list, nothing is selected any more. */
static void
leaflet_transition_changed_cb (CoachWindow *self,
                               GParamSpec  *pspec,
                               AdwLeaflet  *leaflet)
{
  if (adw_leaflet_get_folded (leaflet) &&
      !adw_leaflet_get_child_transition_running (leaflet) &&
      adw_leaflet_get_visible_child (leaflet) == self->sidebar)
    coach_exercise_list_unselect (self->exercise_list);
}

/* ------------------------------------------------------------------------- */

static void
coach_window_constructed (GObject *object)
{
  CoachWindow *self = COACH_WINDOW (object);

  G_OBJECT_CLASS (coach_window_parent_class)->constructed (object);

  coach_exercise_list_set_catalog (self->exercise_list, self->catalog);
  coach_exercise_list_set_key_capture_widget (self->exercise_list, GTK_WIDGET (self));

  self->settings = load_settings ();
  coach_window_restore_size (self);
  coach_window_actions_update (self);
}

static void
coach_window_unmap (GtkWidget *widget)
{
  coach_window_save_size (COACH_WINDOW (widget));

  GTK_WIDGET_CLASS (coach_window_parent_class)->unmap (widget);
}

static void
coach_window_dispose (GObject *object)
{
  CoachWindow *self = COACH_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), COACH_TYPE_WINDOW);
  g_clear_object (&self->settings);
  g_clear_object (&self->catalog);

  G_OBJECT_CLASS (coach_window_parent_class)->dispose (object);
}

static void
coach_window_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  CoachWindow *self = COACH_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CATALOG:
      g_value_set_object (value, self->catalog);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
coach_window_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  CoachWindow *self = COACH_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CATALOG:
      self->catalog = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
coach_window_class_init (CoachWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = coach_window_constructed;
  object_class->dispose = coach_window_dispose;
  object_class->get_property = coach_window_get_property;
  object_class->set_property = coach_window_set_property;

  widget_class->unmap = coach_window_unmap;

  properties[PROP_CATALOG] =
    g_param_spec_object ("catalog", NULL, NULL,
                         COACH_TYPE_CATALOG,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (COACH_TYPE_EXERCISE_DETAIL);
  g_type_ensure (COACH_TYPE_EXERCISE_LIST);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/coachbook/Coachbook/coach-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CoachWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, CoachWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, CoachWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, CoachWindow, content);
  gtk_widget_class_bind_template_child (widget_class, CoachWindow, exercise_list);
  gtk_widget_class_bind_template_child (widget_class, CoachWindow, exercise_detail);
  gtk_widget_class_bind_template_child (widget_class, CoachWindow, error_page);
  gtk_widget_class_bind_template_callback (widget_class, selected_exercise_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, exercise_activated_cb);

  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.back", NULL, back_action);
}

static void
coach_window_init (CoachWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_object (self->leaflet, "notify::folded",
                           G_CALLBACK (leaflet_folded_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->leaflet, "notify::child-transition-running",
                           G_CALLBACK (leaflet_transition_changed_cb), self,
                           G_CONNECT_SWAPPED);

#if DEVELOPMENT_BUILD
  gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
#endif
}

/* ------------------------------------------------------------------------- */

CoachWindow *
coach_window_new (CoachApplication *application,
                  CoachCatalog     *catalog)
{
  g_return_val_if_fail (COACH_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (catalog == NULL || COACH_IS_CATALOG (catalog), NULL);

  return g_object_new (COACH_TYPE_WINDOW,
                       "application", application,
                       "catalog", catalog,
                       NULL);
}

CoachCatalog *
coach_window_get_catalog (CoachWindow *self)
{
  g_return_val_if_fail (COACH_IS_WINDOW (self), NULL);
  return self->catalog;
}

void
coach_window_show_error (CoachWindow  *self,
                         const GError *error)
{
  g_autofree char *escaped = NULL;

  g_return_if_fail (COACH_IS_WINDOW (self));
  g_return_if_fail (error != NULL);

  /* The description is markup; a path can hold "&" or "<". */
  escaped = g_markup_escape_text (error->message, -1);
  adw_status_page_set_description (self->error_page, escaped);
  gtk_stack_set_visible_child_name (self->main_stack, "error");
  coach_window_actions_update (self);
}
