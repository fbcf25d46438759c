/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coach-window"

#include "config.h"

#include <glib/gi18n.h>

#include "coach-athletes-page.h"
#include "coach-clips-page.h"
#include "coach-conflicts-dialog.h"
#include "coach-exercises-page.h"
#include "coach-preferences-window.h"
#include "coach-search-dialog.h"
#include "coach-search-results.h"
#include "coach-ui-bench.h"
#include "coach-sessions-page.h"
#include "coach-sync-indicator.h"
#include "coach-window.h"
#include "coach-workouts-page.h"

#define SETTINGS_SCHEMA_ID "io.github.coachbook.Coachbook"

/* The pages of the sidebar, in its order. Each is made the first time it
 * is shown: building every page (and measuring the hidden ones) cost more
 * than half of the start-up time on a large catalog. */
typedef GType (*PageTypeFunc) (void);

static const struct
{
  const char   *name;
  PageTypeFunc  get_type;
} page_types[] = {
  { "exercises", coach_exercises_page_get_type },
  { "clips", coach_clips_page_get_type },
  { "workouts", coach_workouts_page_get_type },
  { "sessions", coach_sessions_page_get_type },
  { "athletes", coach_athletes_page_get_type },
};

struct _CoachWindow
{
  AdwApplicationWindow parent_instance;

  CoachCatalog        *catalog;
  GSettings           *settings;

  GBindingGroup       *page_bindings;
  /* Set while the window itself picks a page (start-up), so that does not
   * count as the coach navigating. */
  guint                restoring;

  GtkStack            *main_stack;
  AdwLeaflet          *leaflet;
  GtkWidget           *sidebar;
  GtkListBox          *sidebar_list;
  GtkWidget           *content;
  AdwWindowTitle      *content_title;
  GtkWidget           *back_button;
  GtkWidget           *new_exercise_button;
  GtkStack            *page_stack;
  /* Owned by page_stack; NULL until first shown. */
  CoachExercisesPage  *exercises_page;
  GtkWidget           *workouts_page;
  AdwStatusPage       *error_page;
  AdwToastOverlay     *toast_overlay;
  CoachSyncIndicator  *sync_indicator;
  CoachSyncService    *sync;
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
      !g_settings_schema_has_key (schema, "window-maximized") ||
      !g_settings_schema_has_key (schema, "last-page"))
    {
      g_warning ("Schema %s lacks the window state keys", SETTINGS_SCHEMA_ID);
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

static gboolean
coach_window_shows_exercises (CoachWindow *self)
{
  return coach_window_shows_catalog (self) &&
         g_strcmp0 (gtk_stack_get_visible_child_name (self->page_stack), "exercises") == 0;
}

static void
coach_window_actions_update (CoachWindow *self)
{
  gboolean catalog = coach_window_shows_catalog (self);
  gboolean exercises = coach_window_shows_exercises (self);
  gboolean folded = adw_leaflet_get_folded (self->leaflet);
  gboolean workouts = catalog && self->workouts_page != NULL &&
                      gtk_stack_get_visible_child (self->page_stack) == self->workouts_page;
  gboolean can_go_back = catalog &&
    ((exercises && coach_exercises_page_get_can_go_back (self->exercises_page)) ||
     (workouts && coach_workouts_page_get_can_go_back (COACH_WORKOUTS_PAGE (self->workouts_page))) ||
     folded);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search", catalog);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.page", catalog);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-exercise", exercises);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.back", can_go_back);
  gtk_widget_set_visible (self->back_button, can_go_back);
  gtk_widget_set_visible (self->new_exercise_button, exercises);
}

static void
coach_window_select_row (CoachWindow *self,
                         const char  *name)
{
  for (int i = 0; ; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->sidebar_list, i);

      if (row == NULL)
        break;
      if (g_strcmp0 (gtk_widget_get_name (GTK_WIDGET (row)), name) == 0)
        {
          gtk_list_box_select_row (self->sidebar_list, row);
          return;
        }
    }
}

static void state_changed_cb (CoachWindow *self,
                              GParamSpec  *pspec,
                              GObject     *object);

/* Page @name, made and added to the stack on first use; NULL if there is
 * no such page. */
static GtkWidget *
coach_window_ensure_page (CoachWindow *self,
                          const char  *name)
{
  g_autofree char *mark = NULL;
  GtkWidget *page;
  guint i;

  if (name == NULL)
    return NULL;
  page = gtk_stack_get_child_by_name (self->page_stack, name);
  if (page != NULL)
    return page;

  for (i = 0; i < G_N_ELEMENTS (page_types); i++)
    if (g_str_equal (page_types[i].name, name))
      break;
  if (i == G_N_ELEMENTS (page_types))
    return NULL;

  page = g_object_new (page_types[i].get_type (), "catalog", self->catalog, NULL);
  /* Known before the stack sees it: the first page added becomes the
   * visible one at once. */
  if (COACH_IS_EXERCISES_PAGE (page))
    self->exercises_page = COACH_EXERCISES_PAGE (page);
  else if (COACH_IS_WORKOUTS_PAGE (page))
    self->workouts_page = page;
  if (g_object_class_find_property (G_OBJECT_GET_CLASS (page), "can-go-back") != NULL)
    g_signal_connect_object (page, "notify::can-go-back",
                             G_CALLBACK (state_changed_cb), self,
                             G_CONNECT_SWAPPED);
  gtk_stack_add_named (self->page_stack, page, name);
  mark = g_strconcat ("page-", name, NULL);
  coach_ui_bench_mark (mark);
  return page;
}

/* Shows page @name ("exercises", "clips", ...) and, in a narrow window,
 * moves on from the sidebar to it. */
static void
coach_window_show_page (CoachWindow *self,
                        const char  *name)
{
  if (coach_window_ensure_page (self, name) == NULL)
    {
      name = "exercises";
      coach_window_ensure_page (self, name);
    }

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->page_stack), name) != 0)
    {
      gtk_stack_set_visible_child_name (self->page_stack, name);
      coach_window_select_row (self, name);
      if (self->settings != NULL && self->restoring == 0)
        g_settings_set_string (self->settings, "last-page", name);
    }
  adw_leaflet_set_visible_child (self->leaflet, self->content);
  coach_window_actions_update (self);
}

/* ------------------------------------------------------------------------- */

/* A result of the global search: its page, showing it where the page can. */
static void
search_result_activated_cb (CoachWindow       *self,
                            const char        *table,
                            const char        *id,
                            CoachSearchDialog *dialog)
{
  const char *page = coach_search_results_page_for (table);

  if (page == NULL)
    return;
  coach_window_show_page (self, page);
  if (g_str_equal (table, "exercise"))
    coach_exercises_page_show_exercise (COACH_EXERCISES_PAGE (coach_window_ensure_page (self, "exercises")), id);
  else if (g_str_equal (table, "workout"))
    coach_workouts_page_select_workout (COACH_WORKOUTS_PAGE (coach_window_ensure_page (self, "workouts")), id);
  coach_window_actions_update (self);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  CoachWindow *self = COACH_WINDOW (widget);
  CoachSearchDialog *dialog = coach_search_dialog_new (self->catalog, GTK_WINDOW (self));

  g_signal_connect_object (dialog, "result-activated",
                           G_CALLBACK (search_result_activated_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  CoachWindow *self = COACH_WINDOW (widget);

  if (coach_window_shows_exercises (self) &&
      coach_exercises_page_go_back (self->exercises_page))
    return;
  if (coach_window_shows_catalog (self) && self->workouts_page != NULL &&
      gtk_stack_get_visible_child (self->page_stack) == self->workouts_page &&
      coach_workouts_page_go_back (COACH_WORKOUTS_PAGE (self->workouts_page)))
    return;
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
new_exercise_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  CoachWindow *self = COACH_WINDOW (widget);

  coach_exercises_page_new_exercise (COACH_EXERCISES_PAGE (coach_window_ensure_page (self, "exercises")));
}

static void
page_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  coach_window_show_page (COACH_WINDOW (widget), g_variant_get_string (param, NULL));
}

static void
sidebar_row_selected_cb (CoachWindow   *self,
                         GtkListBoxRow *row,
                         GtkListBox    *list)
{
  if (row != NULL)
    coach_window_show_page (self, gtk_widget_get_name (GTK_WIDGET (row)));
}

/* Clicking the page that is already selected selects nothing new, but in
 * a narrow window it still has to move on to that page. */
static void
sidebar_row_activated_cb (CoachWindow   *self,
                          GtkListBoxRow *row,
                          GtkListBox    *list)
{
  coach_window_show_page (self, gtk_widget_get_name (GTK_WIDGET (row)));
}

static void
visible_page_changed_cb (CoachWindow *self,
                         GParamSpec  *pspec,
                         GtkStack    *stack)
{
  GtkWidget *page = gtk_stack_get_visible_child (stack);

  g_binding_group_set_source (self->page_bindings, page);
  /* Typing starts a search only where there is a search entry. */
  if (self->exercises_page != NULL)
    coach_exercises_page_set_key_capture_widget (self->exercises_page,
                                                 page == GTK_WIDGET (self->exercises_page) ? GTK_WIDGET (self) : NULL);
  coach_window_actions_update (self);
}

static void
state_changed_cb (CoachWindow *self,
                  GParamSpec  *pspec,
                  GObject     *object)
{
  coach_window_actions_update (self);
}

/* ------------------------------------------------------------------------- */
/* Team sync */

static void
sync_now_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  CoachWindow *self = COACH_WINDOW (widget);

  if (self->sync != NULL)
    coach_sync_service_sync_now (self->sync);
}

static void
show_conflicts_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  CoachWindow *self = COACH_WINDOW (widget);
  CoachConflictsDialog *dialog;

  if (self->sync == NULL)
    return;
  dialog = coach_conflicts_dialog_new (self->sync);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Preferences, on the Team Sync page. */
static void
sign_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  CoachWindow *self = COACH_WINDOW (widget);
  CoachPreferencesWindow *preferences = coach_preferences_window_new (self->settings, self->catalog);

  coach_preferences_window_set_sync_service (preferences, self->sync);
  coach_preferences_window_show_sync (preferences);
  gtk_window_set_transient_for (GTK_WINDOW (preferences), GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (preferences));
}

/* Toasts only for what the coach has to act on; the rest stays in the
 * indicator. */
static void
sync_state_changed_cb (CoachWindow      *self,
                       GParamSpec       *pspec,
                       CoachSyncService *sync)
{
  CoachSyncState state = coach_sync_service_get_state (sync);
  AdwToast *toast;

  if (state != COACH_SYNC_STATE_SIGNED_OUT && state != COACH_SYNC_STATE_UPGRADE_REQUIRED)
    return;

  toast = adw_toast_new (coach_sync_service_get_message (sync));
  adw_toast_set_timeout (toast, 0);
  if (state == COACH_SYNC_STATE_SIGNED_OUT)
    {
      adw_toast_set_button_label (toast, _("Sign _In…"));
      adw_toast_set_action_name (toast, "win.sign-in");
    }
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
coach_window_set_sync (CoachWindow      *self,
                       CoachSyncService *sync)
{
  if (self->sync != NULL)
    g_signal_handlers_disconnect_by_func (self->sync, sync_state_changed_cb, self);
  g_set_object (&self->sync, sync);
  if (sync != NULL)
    g_signal_connect_object (sync, "notify::state", G_CALLBACK (sync_state_changed_cb), self, G_CONNECT_SWAPPED);
  coach_sync_indicator_set_service (self->sync_indicator, sync);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sync-now", sync != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-conflicts", sync != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sign-in", sync != NULL);
}

/* ------------------------------------------------------------------------- */

static void
coach_window_constructed (GObject *object)
{
  CoachWindow *self = COACH_WINDOW (object);
  g_autofree char *last_page = NULL;

  G_OBJECT_CLASS (coach_window_parent_class)->constructed (object);

  if (g_getenv ("COACHBOOK_UI_BENCH") != NULL)
    coach_ui_bench_attach (GTK_WINDOW (self));

  coach_ui_bench_mark ("window-template");

  self->settings = load_settings ();
  coach_window_restore_size (self);

  coach_window_set_sync (self, NULL);

  if (self->settings != NULL)
    last_page = g_settings_get_string (self->settings, "last-page");
  self->restoring++;
  coach_window_select_row (self, last_page ? last_page : "exercises");
  coach_window_show_page (self, last_page ? last_page : "exercises");
  self->restoring--;
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

  if (self->page_bindings != NULL)
    g_binding_group_set_source (self->page_bindings, NULL);
  /* The pages go with the stack. */
  if (self->page_stack != NULL)
    g_signal_handlers_disconnect_by_func (self->page_stack, visible_page_changed_cb, self);
  self->exercises_page = NULL;
  self->workouts_page = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), COACH_TYPE_WINDOW);
  g_clear_object (&self->page_bindings);
  g_clear_object (&self->settings);
  g_clear_object (&self->sync);
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

  g_type_ensure (COACH_TYPE_SYNC_INDICATOR);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/coachbook/Coachbook/coach-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CoachWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, CoachWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, CoachWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, CoachWindow, sidebar_list);
  gtk_widget_class_bind_template_child (widget_class, CoachWindow, content);
  gtk_widget_class_bind_template_child (widget_class, CoachWindow, content_title);
  gtk_widget_class_bind_template_child (widget_class, CoachWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, CoachWindow, new_exercise_button);
  gtk_widget_class_bind_template_child (widget_class, CoachWindow, page_stack);
  gtk_widget_class_bind_template_child (widget_class, CoachWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, CoachWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CoachWindow, sync_indicator);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_row_activated_cb);

  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "win.new-exercise", NULL, new_exercise_action);
  gtk_widget_class_install_action (widget_class, "win.page", "s", page_action);
  gtk_widget_class_install_action (widget_class, "win.sync-now", NULL, sync_now_action);
  gtk_widget_class_install_action (widget_class, "win.show-conflicts", NULL, show_conflicts_action);
  gtk_widget_class_install_action (widget_class, "win.sign-in", NULL, sign_in_action);
}

static void
coach_window_init (CoachWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* The header shows the title and count of whichever page is visible. */
  self->page_bindings = g_binding_group_new ();
  g_binding_group_bind (self->page_bindings, "title", self->content_title, "title", G_BINDING_SYNC_CREATE);
  g_binding_group_bind (self->page_bindings, "subtitle", self->content_title, "subtitle", G_BINDING_SYNC_CREATE);

  g_signal_connect_object (self->page_stack, "notify::visible-child",
                           G_CALLBACK (visible_page_changed_cb), self,
                           G_CONNECT_SWAPPED);
  visible_page_changed_cb (self, NULL, self->page_stack);
  g_signal_connect_object (self->leaflet, "notify::folded",
                           G_CALLBACK (state_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->leaflet, "notify::visible-child",
                           G_CALLBACK (state_changed_cb), self,
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
  CoachWindow *self;

  g_return_val_if_fail (COACH_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (catalog == NULL || COACH_IS_CATALOG (catalog), NULL);

  self = g_object_new (COACH_TYPE_WINDOW,
                       "application", application,
                       "catalog", catalog,
                       NULL);
  if (catalog != NULL)
    coach_window_set_sync (self, coach_application_get_sync_service (application));
  return self;
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

void
coach_window_show_preferences (CoachWindow *self)
{
  CoachPreferencesWindow *preferences;

  g_return_if_fail (COACH_IS_WINDOW (self));

  preferences = coach_preferences_window_new (self->settings, self->catalog);
  coach_preferences_window_set_sync_service (preferences, self->sync);
  gtk_window_set_transient_for (GTK_WINDOW (preferences), GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (preferences));
}
