/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coach-sessions-page"

#include "config.h"

#include <glib/gi18n.h>

#include "coach-page-reload.h"
#include "coach-record-format.h"
#include "coach-session-detail.h"
#include "coach-session-plan.h"
#include "coach-session-planner.h"
#include "coach-sessions-page.h"

struct _CoachSessionsPage
{
  AdwBin              parent_instance;

  CoachCatalog       *catalog;
  char               *subtitle;
  char               *selected_id;
  CoachPageReload     reload;
  guint               midnight_id;
  guint               reloading;

  AdwToastOverlay    *toast_overlay;
  AdwLeaflet         *leaflet;
  GtkWidget          *list_pane;
  GtkStack           *stack;
  GtkListBox         *agenda_list;
  GtkStack           *detail_stack;
  CoachSessionDetail *detail;
};

G_DEFINE_FINAL_TYPE (CoachSessionsPage, coach_sessions_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CATALOG,
  PROP_TITLE,
  PROP_SUBTITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------------------- */

/* Rows from other devices or imports may hold "" where a form would
 * store nothing. */
static const char *
string_or_null (CoachRecord *record,
                const char  *field)
{
  const char *value = coach_record_is_null (record, field) ? NULL : coach_record_get_string (record, field);

  return value != NULL && value[0] != '\0' ? value : NULL;
}

static void
coach_sessions_page_show_error (CoachSessionsPage *self,
                                const char        *what,
                                const GError      *error)
{
  g_autofree char *title = g_strdup_printf ("%s: %s", what, error->message);

  g_warning ("%s", title);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
}

static CoachRecord *
coach_sessions_page_get_selected (CoachSessionsPage *self)
{
  return coach_session_detail_get_session (self->detail);
}

static void
coach_sessions_page_actions_update (CoachSessionsPage *self)
{
  CoachRecord *session;
  gboolean planned;
  gboolean folded;

  /* Widgets being torn down still notify. */
  if (self->detail == NULL || self->leaflet == NULL)
    return;

  session = g_strcmp0 (gtk_stack_get_visible_child_name (self->detail_stack), "detail") == 0
            ? coach_sessions_page_get_selected (self) : NULL;
  planned = session != NULL && g_strcmp0 (coach_record_get_string (session, "status"), "cancelled") != 0;
  folded = adw_leaflet_get_folded (self->leaflet);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sessions.plan", self->catalog != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sessions.edit", session != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sessions.cancel", planned);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sessions.uncancel", session != NULL && !planned);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sessions.back", folded);
  coach_session_detail_set_show_back (self->detail, folded);
}

static char *
row_subtitle (CoachSessionsPage *self,
              CoachRecord       *session,
              GDateTime         *start,
              gboolean           has_title)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  const char *workout_id = string_or_null (session, "workout_id");

  if (has_title && start != NULL)
    g_ptr_array_add (parts, g_date_time_format (start, "%H:%M"));
  if (string_or_null (session, "location") != NULL)
    g_ptr_array_add (parts, g_strdup (string_or_null (session, "location")));
  if (workout_id != NULL)
    {
      g_autoptr(CoachRecord) workout = coach_catalog_get (self->catalog, "workout", workout_id, NULL);

      if (workout != NULL)
        g_ptr_array_add (parts, g_strdup (coach_record_get_string (workout, "name")));
    }
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **) parts->pdata);
}

static GtkWidget *
session_row_new (CoachSessionsPage *self,
                 CoachRecord       *session,
                 CoachAgendaDay    *day)
{
  g_autoptr(GDateTime) start = coach_session_plan_parse_start (coach_record_get_string (session, "starts_at"));
  const char *title = string_or_null (session, "title");
  const char *status = coach_record_get_string (session, "status");
  g_autofree char *time = start ? g_date_time_format (start, "%H:%M") : g_strdup (_("No time"));
  g_autofree char *subtitle = row_subtitle (self, session, start, title != NULL);
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title ? title : time);
  if (subtitle[0] != '\0')
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (g_strcmp0 (status, "cancelled") == 0 || g_strcmp0 (status, "done") == 0)
    {
      gboolean cancelled = g_strcmp0 (status, "cancelled") == 0;
      GtkWidget *badge = gtk_label_new (cancelled ? C_("session status", "Cancelled") : C_("session status", "Done"));

      gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (badge, "caption-heading");
      gtk_widget_add_css_class (badge, cancelled ? "error" : "success");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), badge);
      if (cancelled)
        gtk_widget_add_css_class (row, "dim-label");
    }
  g_object_set_data_full (G_OBJECT (row), "session", g_object_ref (session), g_object_unref);
  g_object_set_data_full (G_OBJECT (row), "day-key", g_strdup (day->key), g_free);
  g_object_set_data_full (G_OBJECT (row), "day-label", g_strdup (day->label), g_free);
  g_object_set_data (G_OBJECT (row), "day-past", GINT_TO_POINTER (day->past));
  return row;
}

static void
header_func (GtkListBoxRow *row,
             GtkListBoxRow *before,
             gpointer       data)
{
  const char *key = g_object_get_data (G_OBJECT (row), "day-key");
  GtkWidget *header;
  g_autofree char *text = NULL;
  gboolean past = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "day-past"));

  if (before != NULL && g_strcmp0 (key, g_object_get_data (G_OBJECT (before), "day-key")) == 0)
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }

  /* The first past day says so: the agenda turns around there. */
  if (past && (before == NULL || !GPOINTER_TO_INT (g_object_get_data (G_OBJECT (before), "day-past"))))
    /* Translators: a heading over past sessions; %s is a day like "Yesterday" */
    text = g_strdup_printf (_("Past · %s"), (const char *) g_object_get_data (G_OBJECT (row), "day-label"));
  else
    text = g_strdup (g_object_get_data (G_OBJECT (row), "day-label"));

  header = gtk_label_new (text);
  gtk_label_set_xalign (GTK_LABEL (header), 0);
  gtk_widget_set_margin_top (header, before ? 18 : 6);
  gtk_widget_set_margin_bottom (header, 6);
  gtk_widget_set_margin_start (header, 12);
  gtk_widget_add_css_class (header, "heading");
  if (past)
    gtk_widget_add_css_class (header, "dim-label");
  gtk_list_box_row_set_header (row, header);
}

static void
coach_sessions_page_show_session (CoachSessionsPage *self,
                                  CoachRecord       *session)
{
  if (self->detail == NULL)
    return;
  coach_session_detail_set_session (self->detail, self->catalog, session);
  gtk_stack_set_visible_child_name (self->detail_stack, session ? "detail" : "none");
  coach_sessions_page_actions_update (self);
}

static gboolean midnight_cb (gpointer data);

/* "Today" and "Tomorrow" move at midnight. */
static void
coach_sessions_page_schedule_midnight (CoachSessionsPage *self,
                                       GDateTime         *now)
{
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);
  g_autoptr(GDateTime) midnight = g_date_time_new (g_date_time_get_timezone (now),
                                                   g_date_time_get_year (tomorrow),
                                                   g_date_time_get_month (tomorrow),
                                                   g_date_time_get_day_of_month (tomorrow),
                                                   0, 0, 1);
  GTimeSpan wait = g_date_time_difference (midnight, now);

  g_clear_handle_id (&self->midnight_id, g_source_remove);
  self->midnight_id = g_timeout_add_seconds_full (G_PRIORITY_LOW,
                                                  (guint) CLAMP (wait / G_TIME_SPAN_SECOND + 1, 1, 24 * 3600),
                                                  midnight_cb, self, NULL);
}

static void
coach_sessions_page_reload (CoachSessionsPage *self)
{
  g_autoptr(GPtrArray) sessions = NULL;
  g_autoptr(GPtrArray) days = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GError) error = NULL;
  g_autofree char *subtitle = NULL;
  CoachRecord *selected = NULL;
  GtkListBoxRow *row;

  /* A hidden page fills its lists when it is shown. */
  if (!coach_page_reload_begin (&self->reload))
    return;

  self->reloading++;
  while ((row = gtk_list_box_get_row_at_index (self->agenda_list, 0)) != NULL)
    gtk_list_box_remove (self->agenda_list, GTK_WIDGET (row));

  if (self->catalog != NULL)
    {
      sessions = coach_catalog_list (self->catalog, "session", FALSE, &error);
      if (sessions == NULL)
        coach_sessions_page_show_error (self, _("Cannot load the sessions"), error);
    }
  if (sessions != NULL)
    days = coach_session_plan_agenda (sessions, now);
  coach_sessions_page_schedule_midnight (self, now);

  for (guint i = 0; days != NULL && i < days->len; i++)
    {
      CoachAgendaDay *day = days->pdata[i];

      for (guint j = 0; j < day->sessions->len; j++)
        {
          CoachRecord *session = day->sessions->pdata[j];
          GtkWidget *widget = session_row_new (self, session, day);

          gtk_list_box_append (self->agenda_list, widget);
          if (g_strcmp0 (self->selected_id, coach_record_get_id (session)) == 0)
            {
              gtk_list_box_select_row (self->agenda_list, GTK_LIST_BOX_ROW (widget));
              selected = session;
            }
        }
    }

  gtk_stack_set_visible_child_name (self->stack, sessions != NULL && sessions->len > 0 ? "list" : "empty");
  coach_sessions_page_show_session (self, selected);
  if (selected == NULL && adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
  self->reloading--;

  subtitle = coach_format_count ("session", sessions ? sessions->len : 0);
  if (g_strcmp0 (subtitle, self->subtitle) != 0)
    {
      g_free (self->subtitle);
      self->subtitle = g_steal_pointer (&subtitle);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBTITLE]);
    }
}

static gboolean
midnight_cb (gpointer data)
{
  CoachSessionsPage *self = data;

  self->midnight_id = 0;
  coach_sessions_page_reload (self);
  return G_SOURCE_REMOVE;
}

static void
catalog_changed_cb (CoachSessionsPage *self,
                    const char        *table,
                    CoachCatalog      *catalog)
{
  coach_page_reload_schedule (&self->reload);
}

static void
coach_sessions_page_select (CoachSessionsPage *self,
                            const char        *id)
{
  g_free (self->selected_id);
  self->selected_id = g_strdup (id);
  coach_sessions_page_reload (self);
  if (id != NULL && adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->detail_stack));
}

/* ------------------------------------------------------------------------- */

static void
planner_saved_cb (CoachSessionsPage   *self,
                  CoachRecord         *session,
                  CoachSessionPlanner *planner)
{
  coach_sessions_page_select (self, coach_record_get_id (session));
}

static void
open_planner (CoachSessionsPage *self,
              CoachRecord       *session,
              const char        *workout_id)
{
  CoachSessionPlanner *planner;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->catalog == NULL)
    return;
  planner = coach_session_planner_new (self->catalog, session, workout_id);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (planner), GTK_WINDOW (root));
  g_signal_connect_object (planner, "saved", G_CALLBACK (planner_saved_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (planner));
}

static void
plan_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  open_planner (COACH_SESSIONS_PAGE (widget), NULL, NULL);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  CoachSessionsPage *self = COACH_SESSIONS_PAGE (widget);
  CoachRecord *session = coach_sessions_page_get_selected (self);

  if (session != NULL)
    open_planner (self, session, NULL);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  CoachSessionsPage *self = COACH_SESSIONS_PAGE (widget);
  g_autoptr(CoachRecord) session = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  const char *name;
  AdwToast *toast;

  if (coach_sessions_page_get_selected (self) == NULL)
    return;
  session = g_object_ref (coach_sessions_page_get_selected (self));
  if (!coach_session_plan_set_status (self->catalog, session, "cancelled", &error))
    {
      coach_sessions_page_show_error (self, _("Cannot cancel the session"), error);
      return;
    }

  name = string_or_null (session, "title");
  /* Translators: %s is the title of a session */
  title = name ? g_strdup_printf (_("“%s” cancelled"), name) : g_strdup (_("Session cancelled"));
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "sessions.restore");
  adw_toast_set_action_target_value (toast, g_variant_new_string (coach_record_get_id (session)));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
restore_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  CoachSessionsPage *self = COACH_SESSIONS_PAGE (widget);
  g_autoptr(CoachRecord) session = NULL;
  g_autoptr(GError) error = NULL;

  if (self->catalog == NULL)
    return;
  session = coach_catalog_get (self->catalog, "session", g_variant_get_string (param, NULL), &error);
  if (session == NULL ||
      !coach_session_plan_set_status (self->catalog, session, "planned", &error))
    coach_sessions_page_show_error (self, _("Cannot restore the session"), error);
}

static void
uncancel_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  CoachSessionsPage *self = COACH_SESSIONS_PAGE (widget);
  CoachRecord *session = coach_sessions_page_get_selected (self);

  if (session != NULL)
    gtk_widget_activate_action (widget, "sessions.restore", "s", coach_record_get_id (session));
}

/* Widgets inside the detail (a log row's Resend) confirm here, where the
 * toasts of the page are. */
static void
toast_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  CoachSessionsPage *self = COACH_SESSIONS_PAGE (widget);
  /* Toast titles are markup; names may hold "&". */
  g_autofree char *title = g_markup_escape_text (g_variant_get_string (param, NULL), -1);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  CoachSessionsPage *self = COACH_SESSIONS_PAGE (widget);

  gtk_list_box_unselect_all (self->agenda_list);
  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
}

static void
row_selected_cb (CoachSessionsPage *self,
                 GtkListBoxRow     *row,
                 GtkListBox        *list)
{
  CoachRecord *session;

  /* Removing rows, for a reload or while the page goes away, unselects. */
  if (self->reloading > 0 || self->detail == NULL)
    return;
  session = row ? g_object_get_data (G_OBJECT (row), "session") : NULL;
  g_free (self->selected_id);
  self->selected_id = session ? g_strdup (coach_record_get_id (session)) : NULL;
  coach_sessions_page_show_session (self, session);
  if (session != NULL && adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->detail_stack));
}

/* "win.plan-session" with a workout id ("" for none): lets other pages
 * (a workout's "Plan Session" button) open the planner here. */
static void
plan_session_activated_cb (CoachSessionsPage *self,
                           GVariant          *param,
                           GSimpleAction     *action)
{
  const char *workout_id = param ? g_variant_get_string (param, NULL) : "";

  gtk_widget_activate_action (GTK_WIDGET (self), "win.page", "s", "sessions");
  open_planner (self, NULL, workout_id[0] != '\0' ? workout_id : NULL);
}

static void
leaflet_changed_cb (CoachSessionsPage *self,
                    GParamSpec        *pspec,
                    AdwLeaflet        *leaflet)
{
  coach_sessions_page_actions_update (self);
}

/* ------------------------------------------------------------------------- */

static void
coach_sessions_page_root (GtkWidget *widget)
{
  GtkRoot *root;

  GTK_WIDGET_CLASS (coach_sessions_page_parent_class)->root (widget);

  root = gtk_widget_get_root (widget);
  if (G_IS_ACTION_MAP (root) && g_action_map_lookup_action (G_ACTION_MAP (root), "plan-session") == NULL)
    {
      g_autoptr(GSimpleAction) action = g_simple_action_new ("plan-session", G_VARIANT_TYPE_STRING);

      g_signal_connect_object (action, "activate", G_CALLBACK (plan_session_activated_cb),
                               widget, G_CONNECT_SWAPPED);
      g_action_map_add_action (G_ACTION_MAP (root), G_ACTION (action));
    }
}

static void
coach_sessions_page_unroot (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  if (G_IS_ACTION_MAP (root))
    g_action_map_remove_action (G_ACTION_MAP (root), "plan-session");

  GTK_WIDGET_CLASS (coach_sessions_page_parent_class)->unroot (widget);
}

static void
coach_sessions_page_dispose (GObject *object)
{
  CoachSessionsPage *self = COACH_SESSIONS_PAGE (object);

  coach_page_reload_clear (&self->reload);
  g_clear_handle_id (&self->midnight_id, g_source_remove);
  if (self->catalog != NULL)
    g_signal_handlers_disconnect_by_func (self->catalog, catalog_changed_cb, self);
  /* The template names the bin's child: unset it first, or libadwaita 1.2
   * complains about it at shutdown. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), COACH_TYPE_SESSIONS_PAGE);
  g_clear_object (&self->catalog);

  G_OBJECT_CLASS (coach_sessions_page_parent_class)->dispose (object);
}

static void
coach_sessions_page_finalize (GObject *object)
{
  CoachSessionsPage *self = COACH_SESSIONS_PAGE (object);

  g_free (self->subtitle);
  g_free (self->selected_id);

  G_OBJECT_CLASS (coach_sessions_page_parent_class)->finalize (object);
}

static void
coach_sessions_page_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  CoachSessionsPage *self = COACH_SESSIONS_PAGE (object);

  switch (prop_id)
    {
    case PROP_CATALOG:
      g_value_set_object (value, self->catalog);
      break;
    case PROP_TITLE:
      g_value_set_string (value, _("Sessions"));
      break;
    case PROP_SUBTITLE:
      g_value_set_string (value, self->subtitle);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
coach_sessions_page_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_CATALOG:
      coach_sessions_page_set_catalog (COACH_SESSIONS_PAGE (object), g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
coach_sessions_page_map (GtkWidget *widget)
{
  CoachSessionsPage *self = COACH_SESSIONS_PAGE (widget);

  GTK_WIDGET_CLASS (coach_sessions_page_parent_class)->map (widget);
  coach_page_reload_mapped (&self->reload);
}

static void
coach_sessions_page_class_init (CoachSessionsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = coach_sessions_page_dispose;
  object_class->finalize = coach_sessions_page_finalize;
  object_class->get_property = coach_sessions_page_get_property;
  object_class->set_property = coach_sessions_page_set_property;
  widget_class->map = coach_sessions_page_map;

  widget_class->root = coach_sessions_page_root;
  widget_class->unroot = coach_sessions_page_unroot;

  properties[PROP_CATALOG] =
    g_param_spec_object ("catalog", NULL, NULL,
                         COACH_TYPE_CATALOG,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUBTITLE] =
    g_param_spec_string ("subtitle", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (COACH_TYPE_SESSION_DETAIL);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/coachbook/Coachbook/sessions/coach-sessions-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CoachSessionsPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CoachSessionsPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, CoachSessionsPage, list_pane);
  gtk_widget_class_bind_template_child (widget_class, CoachSessionsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, CoachSessionsPage, agenda_list);
  gtk_widget_class_bind_template_child (widget_class, CoachSessionsPage, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, CoachSessionsPage, detail);
  gtk_widget_class_bind_template_callback (widget_class, row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, leaflet_changed_cb);

  gtk_widget_class_install_action (widget_class, "sessions.plan", NULL, plan_action);
  gtk_widget_class_install_action (widget_class, "sessions.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "sessions.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "sessions.restore", "s", restore_action);
  gtk_widget_class_install_action (widget_class, "sessions.uncancel", NULL, uncancel_action);
  gtk_widget_class_install_action (widget_class, "sessions.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "sessions.toast", "s", toast_action);
}

static void
coach_sessions_page_init (CoachSessionsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  coach_page_reload_init (&self->reload, GTK_WIDGET (self), (CoachPageReloadFunc) coach_sessions_page_reload);
  gtk_list_box_set_header_func (self->agenda_list, header_func, NULL, NULL);
  coach_sessions_page_reload (self);
}

/* ------------------------------------------------------------------------- */

void
coach_sessions_page_set_catalog (CoachSessionsPage *self,
                                 CoachCatalog      *catalog)
{
  g_return_if_fail (COACH_IS_SESSIONS_PAGE (self));
  g_return_if_fail (catalog == NULL || COACH_IS_CATALOG (catalog));

  if (self->catalog == catalog)
    return;
  if (self->catalog != NULL)
    g_signal_handlers_disconnect_by_func (self->catalog, catalog_changed_cb, self);
  g_set_object (&self->catalog, catalog);
  if (catalog != NULL)
    g_signal_connect_object (catalog, "changed", G_CALLBACK (catalog_changed_cb), self, G_CONNECT_SWAPPED);

  coach_sessions_page_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CATALOG]);
}

void
coach_sessions_page_plan_session (CoachSessionsPage *self,
                                  const char        *workout_id)
{
  g_return_if_fail (COACH_IS_SESSIONS_PAGE (self));

  open_planner (self, NULL, workout_id);
}
