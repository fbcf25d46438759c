/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coach-session-planner"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "coach-duration.h"
#include "coach-inline-error.h"
#include "coach-session-plan.h"
#include "coach-session-planner.h"

static const char * const statuses[] = { "planned", "done", "cancelled" };

struct _CoachSessionPlanner
{
  AdwWindow       parent_instance;

  CoachCatalog   *catalog;
  CoachRecord    *session;        /* NULL: a new session */
  GtkWidget      *error_widget;
  char           *workout_id;     /* the picked one, or NULL */
  GPtrArray      *workouts;       /* CoachRecord, by name */
  GPtrArray      *workout_buttons; /* GtkButton, "id" and "mark" data */
  GPtrArray      *group_checks;   /* GtkSwitch, "id" data */
  GPtrArray      *athlete_checks;
  char          **linked_groups;   /* as loaded, for an existing session */
  char          **linked_athletes;

  AdwWindowTitle *window_title;
  GtkLabel       *error_label;
  AdwEntryRow    *title_row;
  GtkSearchEntry *workout_search;
  GtkListBox     *workouts_list;
  AdwPreferencesGroup *when_group;
  AdwEntryRow    *date_row;
  GtkMenuButton  *date_button;
  GtkCalendar    *calendar;
  AdwEntryRow    *time_row;
  AdwEntryRow    *location_row;
  GtkListBox     *groups_list;
  GtkListBox     *athletes_list;
  GtkTextView    *notes_view;
  GtkSwitch      *notify_switch;
  AdwComboRow    *status_row;
};

G_DEFINE_FINAL_TYPE (CoachSessionPlanner, coach_session_planner, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ------------------------------------------------------------------------- */

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  CoachRecord *x = *(CoachRecord **) a;
  CoachRecord *y = *(CoachRecord **) b;

  return g_utf8_collate (coach_record_get_string (x, "name"), coach_record_get_string (y, "name"));
}

static char *
text_view_get_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
}

static const char *
string_or_null (CoachRecord *record,
                const char  *field)
{
  return coach_record_is_null (record, field) ? NULL : coach_record_get_string (record, field);
}

static const char *
text_or_empty (CoachRecord *record,
               const char  *field)
{
  const char *text = string_or_null (record, field);

  return text ? text : "";
}

static void
set_optional_string (CoachRecord *record,
                     const char  *field,
                     const char  *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text ? text : ""));

  if (stripped[0] == '\0')
    coach_record_set_null (record, field);
  else
    coach_record_set_string (record, field, stripped);
}

/* A row with a switch named after @name, for the groups and athletes.
 * (A switch rather than a check button: GTK 4.8 lets assistive
 * technologies toggle switches but not check buttons.) */
static GtkWidget *
add_switch_row (GtkListBox *list,
                const char *id,
                const char *name,
                const char *subtitle,
                gboolean    active)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *toggle = gtk_switch_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  gtk_switch_set_active (GTK_SWITCH (toggle), active);
  gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  g_object_set_data_full (G_OBJECT (toggle), "id", g_strdup (id), g_free);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
  gtk_list_box_append (list, row);
  return toggle;
}

static void
update_workout_marks (CoachSessionPlanner *self)
{
  for (guint i = 0; i < self->workout_buttons->len; i++)
    {
      GObject *button = self->workout_buttons->pdata[i];

      gtk_widget_set_opacity (g_object_get_data (button, "mark"),
                              g_strcmp0 (g_object_get_data (button, "id"), self->workout_id) == 0 ? 1.0 : 0.0);
    }
}

static void
workout_clicked_cb (CoachSessionPlanner *self,
                    GtkButton           *button)
{
  g_free (self->workout_id);
  self->workout_id = g_strdup (g_object_get_data (G_OBJECT (button), "id"));
  update_workout_marks (self);
}

/* A workout to pick: a flat button with its name, its length and a mark
 * when it is the one picked. */
static void
add_workout_row (CoachSessionPlanner *self,
                 const char          *id,
                 const char          *name,
                 const char          *subtitle)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *title = gtk_label_new (name);
  GtkWidget *mark = gtk_image_new_from_icon_name ("object-select-symbolic");

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (texts), title);
  if (subtitle != NULL)
    {
      GtkWidget *sub = gtk_label_new (subtitle);

      gtk_label_set_xalign (GTK_LABEL (sub), 0);
      gtk_widget_add_css_class (sub, "dim-label");
      gtk_widget_add_css_class (sub, "caption");
      gtk_box_append (GTK_BOX (texts), sub);
    }
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_box_append (GTK_BOX (box), texts);
  gtk_box_append (GTK_BOX (box), mark);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "flat");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  g_object_set_data_full (G_OBJECT (button), "id", g_strdup (id), g_free);
  g_object_set_data (G_OBJECT (button), "mark", mark);
  g_signal_connect_object (button, "clicked", G_CALLBACK (workout_clicked_cb), self, G_CONNECT_SWAPPED);
  gtk_list_box_append (self->workouts_list, button);
  g_ptr_array_add (self->workout_buttons, button);
}

/* The ids switched on, plus the ones linked before that the form does not
 * list (an archived athlete or group stays linked to its old sessions). */
static char **
checked_ids (GPtrArray          *switches,
             const char * const *linked)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; linked != NULL && linked[i] != NULL; i++)
    {
      gboolean listed = FALSE;

      for (guint j = 0; j < switches->len && !listed; j++)
        listed = g_strcmp0 (g_object_get_data (switches->pdata[j], "id"), linked[i]) == 0;
      if (!listed)
        g_strv_builder_add (builder, linked[i]);
    }
  for (guint i = 0; i < switches->len; i++)
    if (gtk_switch_get_active (switches->pdata[i]))
      g_strv_builder_add (builder, g_object_get_data (switches->pdata[i], "id"));
  return g_strv_builder_end (builder);
}

static void
coach_session_planner_clear_error (CoachSessionPlanner *self)
{
  coach_inline_error_clear (self->error_label, &self->error_widget);
}

static void
coach_session_planner_show_error (CoachSessionPlanner *self,
                                  const char          *field,
                                  const GError        *error)
{
  GtkWidget *widget = NULL;

  if (g_strcmp0 (field, "date") == 0)
    widget = GTK_WIDGET (self->date_row);
  else if (g_strcmp0 (field, "time") == 0)
    widget = GTK_WIDGET (self->time_row);
  else if (g_strcmp0 (field, "title") == 0)
    widget = GTK_WIDGET (self->title_row);
  else if (g_strcmp0 (field, "location") == 0)
    widget = GTK_WIDGET (self->location_row);

  coach_inline_error_show (self->error_label, &self->error_widget, widget, error->message);
}

/* A team can have thousands of workouts: the list shows the first
 * matches of the search, the picked one, and "No Workout". */
#define MAX_WORKOUT_ROWS 40

static void
coach_session_planner_fill_workouts (CoachSessionPlanner *self)
{
  g_autofree char *needle = g_utf8_casefold (gtk_editable_get_text (GTK_EDITABLE (self->workout_search)), -1);
  GtkListBoxRow *row;
  guint shown = 0, more = 0;

  g_strstrip (needle);
  while ((row = gtk_list_box_get_row_at_index (self->workouts_list, 0)) != NULL)
    gtk_list_box_remove (self->workouts_list, GTK_WIDGET (row));
  g_ptr_array_set_size (self->workout_buttons, 0);

  add_workout_row (self, NULL, _("No Workout"), NULL);
  for (guint i = 0; self->workouts != NULL && i < self->workouts->len; i++)
    {
      CoachRecord *w = self->workouts->pdata[i];
      const char *name = coach_record_get_string (w, "name");
      gboolean picked = g_strcmp0 (coach_record_get_id (w), self->workout_id) == 0;
      g_autofree char *folded = NULL;
      g_autofree char *duration = NULL;

      if (!picked && needle[0] != '\0')
        {
          folded = g_utf8_casefold (name ? name : "", -1);
          if (strstr (folded, needle) == NULL)
            continue;
        }
      if (!picked && shown >= MAX_WORKOUT_ROWS)
        {
          more++;
          continue;
        }
      duration = coach_duration_format (MAX (coach_record_get_int (w, "total_duration_s"), 0));
      add_workout_row (self, coach_record_get_id (w), name, duration);
      if (!picked)
        shown++;
    }
  if (more > 0)
    {
      /* Translators: %u is how many more workouts match the search */
      g_autofree char *text = g_strdup_printf (ngettext ("%u more workout: type to narrow the list",
                                                         "%u more workouts: type to narrow the list", more), more);
      GtkWidget *label = gtk_label_new (text);

      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_set_margin_top (label, 9);
      gtk_widget_set_margin_bottom (label, 9);
      gtk_list_box_append (self->workouts_list, label);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (gtk_widget_get_parent (label)), FALSE);
    }
  update_workout_marks (self);
}

static void
coach_session_planner_load_lists (CoachSessionPlanner *self,
                                  const char          *workout_id,
                                  const char * const  *group_ids,
                                  const char * const  *athlete_ids)
{
  g_autoptr(GPtrArray) workouts = NULL;
  g_autoptr(GPtrArray) groups = NULL;
  g_autoptr(GPtrArray) athletes = NULL;
  g_autoptr(GError) error = NULL;
  if (!(workouts = coach_catalog_list (self->catalog, "workout", FALSE, &error)) ||
      !(groups = coach_catalog_list (self->catalog, "athlete_group", FALSE, &error)) ||
      !(athletes = coach_catalog_list (self->catalog, "athlete", FALSE, &error)))
    {
      coach_session_planner_show_error (self, NULL, error);
      return;
    }
  g_ptr_array_sort (workouts, compare_names);
  g_ptr_array_sort (groups, compare_names);
  g_ptr_array_sort (athletes, compare_names);

  g_free (self->workout_id);
  self->workout_id = g_strdup (workout_id);
  g_clear_pointer (&self->workouts, g_ptr_array_unref);
  self->workouts = g_ptr_array_ref (workouts);
  coach_session_planner_fill_workouts (self);

  for (guint i = 0; i < groups->len; i++)
    {
      CoachRecord *g = groups->pdata[i];
      g_auto(GStrv) members = coach_catalog_get_links (self->catalog, "group_member", coach_record_get_id (g), NULL);
      guint n = members ? g_strv_length (members) : 0;
      g_autofree char *count = g_strdup_printf (ngettext ("%u member", "%u members", n), n);

      g_ptr_array_add (self->group_checks,
                       add_switch_row (self->groups_list, coach_record_get_id (g),
                                       coach_record_get_string (g, "name"), count,
                                      group_ids && g_strv_contains (group_ids, coach_record_get_id (g))));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->groups_list), groups->len > 0);

  for (guint i = 0; i < athletes->len; i++)
    {
      CoachRecord *a = athletes->pdata[i];

      g_ptr_array_add (self->athlete_checks,
                       add_switch_row (self->athletes_list, coach_record_get_id (a),
                                       coach_record_get_string (a, "name"), string_or_null (a, "email"),
                                      athlete_ids && g_strv_contains (athlete_ids, coach_record_get_id (a))));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->athletes_list), athletes->len > 0);
}

static void
coach_session_planner_load (CoachSessionPlanner *self,
                            const char          *workout_id)
{
  CoachRecord *session = self->session;
  const char *title = session ? _("Edit Session") : _("Plan Session");
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GTimeZone) zone = g_time_zone_new_local ();
  g_autoptr(GDateTime) now = g_date_time_new_now (zone);
  g_autofree char *zone_name = coach_session_plan_local_zone ();
  g_autofree char *offset = g_date_time_format (now, "%:z");
  g_autofree char *zone_text = NULL;
  g_autofree char *date = NULL;
  g_autofree char *time = NULL;
  g_auto(GStrv) groups = NULL;
  g_auto(GStrv) athletes = NULL;

  adw_window_title_set_title (self->window_title, title);
  gtk_window_set_title (GTK_WINDOW (self), title);

  /* Translators: the first %s is a time zone name like Europe/Berlin, the second its offset like +01:00 */
  zone_text = zone_name ? g_strdup_printf (_("Local time, %s (UTC%s)"), zone_name, offset)
                        /* Translators: %s is a UTC offset like +01:00 */
                        : g_strdup_printf (_("Local time (UTC%s)"), offset);
  adw_preferences_group_set_description (self->when_group, zone_text);

  if (session != NULL)
    {
      const char *status = coach_record_get_string (session, "status");

      gtk_editable_set_text (GTK_EDITABLE (self->title_row), text_or_empty (session, "title"));
      gtk_editable_set_text (GTK_EDITABLE (self->location_row), text_or_empty (session, "location"));
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes_view), text_or_empty (session, "notes"), -1);
      gtk_switch_set_active (self->notify_switch, coach_record_get_boolean (session, "notify"));
      for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
        if (g_strcmp0 (status, statuses[i]) == 0)
          adw_combo_row_set_selected (self->status_row, i);
      start = coach_session_plan_parse_start (coach_record_get_string (session, "starts_at"));
      workout_id = string_or_null (session, "workout_id");
      groups = coach_catalog_get_links (self->catalog, "session_group", coach_record_get_id (session), NULL);
      athletes = coach_catalog_get_links (self->catalog, "session_athlete", coach_record_get_id (session), NULL);
      self->linked_groups = g_strdupv (groups);
      self->linked_athletes = g_strdupv (athletes);
    }
  if (start == NULL)
    {
      /* A new session starts tomorrow at six in the evening: a guess that
       * is right often enough, and never in the past. */
      g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);

      start = g_date_time_new (zone, g_date_time_get_year (tomorrow), g_date_time_get_month (tomorrow),
                               g_date_time_get_day_of_month (tomorrow), 18, 0, 0);
    }
  date = g_date_time_format (start, "%Y-%m-%d");
  time = g_date_time_format (start, "%H:%M");
  gtk_editable_set_text (GTK_EDITABLE (self->date_row), date);
  gtk_editable_set_text (GTK_EDITABLE (self->time_row), time);
  gtk_calendar_select_day (self->calendar, start);

  coach_session_planner_load_lists (self, workout_id,
                                    (const char * const *) groups, (const char * const *) athletes);
}

/* Copies the form into @session; the start was checked already. */
static void
coach_session_planner_apply (CoachSessionPlanner *self,
                             CoachRecord         *session,
                             GDateTime           *start)
{
  g_autofree char *starts_at = coach_session_plan_format_start (start);
  g_autofree char *zone = coach_session_plan_local_zone ();
  g_autofree char *notes = text_view_get_text (self->notes_view);
  const char *workout_id = self->workout_id;
  guint status = adw_combo_row_get_selected (self->status_row);

  set_optional_string (session, "title", gtk_editable_get_text (GTK_EDITABLE (self->title_row)));
  set_optional_string (session, "location", gtk_editable_get_text (GTK_EDITABLE (self->location_row)));
  set_optional_string (session, "notes", notes);
  coach_record_set_string (session, "starts_at", starts_at);
  set_optional_string (session, "timezone", zone);
  coach_record_set_boolean (session, "notify", gtk_switch_get_active (self->notify_switch));
  if (status < G_N_ELEMENTS (statuses))
    coach_record_set_string (session, "status", statuses[status]);

  if (workout_id != NULL)
    {
      g_autoptr(CoachRecord) workout = coach_catalog_get (self->catalog, "workout", workout_id, NULL);

      coach_record_set_string (session, "workout_id", workout_id);
      if (workout != NULL && coach_record_get_int (workout, "total_duration_s") > 0)
        coach_record_set_int (session, "duration_s", MIN (coach_record_get_int (workout, "total_duration_s"), 24 * 3600));
    }
  else
    {
      coach_record_set_null (session, "workout_id");
      coach_record_set_null (session, "duration_s");
    }
}

/* ------------------------------------------------------------------------- */

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  CoachSessionPlanner *self = COACH_SESSION_PLANNER (widget);
  g_autoptr(CoachRecord) draft = NULL;
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) groups = checked_ids (self->group_checks, (const char * const *) self->linked_groups);
  g_auto(GStrv) athletes = checked_ids (self->athlete_checks, (const char * const *) self->linked_athletes);
  const char *invalid = NULL;
  CoachRecord *target;

  start = coach_session_plan_make_start (gtk_editable_get_text (GTK_EDITABLE (self->date_row)),
                                         gtk_editable_get_text (GTK_EDITABLE (self->time_row)),
                                         NULL, &invalid, &error);
  if (start == NULL)
    {
      coach_session_planner_show_error (self, invalid, error);
      return;
    }

  /* Checked on a copy: the shared record must never show refused values. */
  draft = coach_record_new_for_table ("session", self->session ? coach_record_get_id (self->session) : NULL);
  coach_session_planner_apply (self, draft, start);
  if (!coach_record_validate_full (draft, &invalid, &error))
    {
      coach_session_planner_show_error (self, invalid, error);
      return;
    }

  target = self->session ? self->session : draft;
  if (self->session != NULL)
    coach_session_planner_apply (self, target, start);
  if (!coach_session_plan_save (self->catalog, target,
                                (const char * const *) athletes, (const char * const *) groups, &error))
    {
      coach_session_planner_show_error (self, NULL, error);
      return;
    }

  g_signal_emit (self, signals[SAVED], 0, target);
  gtk_window_close (GTK_WINDOW (self));
}

static void
field_changed_cb (CoachSessionPlanner *self,
                  GtkEditable         *editable)
{
  if (self->error_widget == GTK_WIDGET (editable))
    coach_session_planner_clear_error (self);
}

static void
workout_search_changed_cb (CoachSessionPlanner *self,
                           GtkSearchEntry      *entry)
{
  coach_session_planner_fill_workouts (self);
}

static void
day_selected_cb (CoachSessionPlanner *self,
                 GtkCalendar         *calendar)
{
  g_autoptr(GDateTime) day = gtk_calendar_get_date (calendar);
  g_autofree char *text = g_date_time_format (day, "%Y-%m-%d");

  gtk_editable_set_text (GTK_EDITABLE (self->date_row), text);
  gtk_menu_button_popdown (self->date_button);
}

/* ------------------------------------------------------------------------- */

static void
coach_session_planner_dispose (GObject *object)
{
  CoachSessionPlanner *self = COACH_SESSION_PLANNER (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), COACH_TYPE_SESSION_PLANNER);
  g_clear_pointer (&self->workout_buttons, g_ptr_array_unref);
  g_clear_pointer (&self->workouts, g_ptr_array_unref);
  g_clear_pointer (&self->group_checks, g_ptr_array_unref);
  g_clear_pointer (&self->athlete_checks, g_ptr_array_unref);
  g_clear_object (&self->session);
  g_clear_object (&self->catalog);

  G_OBJECT_CLASS (coach_session_planner_parent_class)->dispose (object);
}

static void
coach_session_planner_finalize (GObject *object)
{
  CoachSessionPlanner *self = COACH_SESSION_PLANNER (object);

  g_free (self->workout_id);
  g_strfreev (self->linked_groups);
  g_strfreev (self->linked_athletes);

  G_OBJECT_CLASS (coach_session_planner_parent_class)->finalize (object);
}

static void
coach_session_planner_class_init (CoachSessionPlannerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = coach_session_planner_dispose;
  object_class->finalize = coach_session_planner_finalize;

  /**
   * CoachSessionPlanner::saved:
   * @session: the session as it is now in the catalog
   */
  signals[SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, COACH_TYPE_RECORD);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/coachbook/Coachbook/sessions/coach-session-planner.ui");
  gtk_widget_class_bind_template_child (widget_class, CoachSessionPlanner, window_title);
  gtk_widget_class_bind_template_child (widget_class, CoachSessionPlanner, error_label);
  gtk_widget_class_bind_template_child (widget_class, CoachSessionPlanner, title_row);
  gtk_widget_class_bind_template_child (widget_class, CoachSessionPlanner, workout_search);
  gtk_widget_class_bind_template_child (widget_class, CoachSessionPlanner, workouts_list);
  gtk_widget_class_bind_template_child (widget_class, CoachSessionPlanner, when_group);
  gtk_widget_class_bind_template_child (widget_class, CoachSessionPlanner, date_row);
  gtk_widget_class_bind_template_child (widget_class, CoachSessionPlanner, date_button);
  gtk_widget_class_bind_template_child (widget_class, CoachSessionPlanner, calendar);
  gtk_widget_class_bind_template_child (widget_class, CoachSessionPlanner, time_row);
  gtk_widget_class_bind_template_child (widget_class, CoachSessionPlanner, location_row);
  gtk_widget_class_bind_template_child (widget_class, CoachSessionPlanner, groups_list);
  gtk_widget_class_bind_template_child (widget_class, CoachSessionPlanner, athletes_list);
  gtk_widget_class_bind_template_child (widget_class, CoachSessionPlanner, notes_view);
  gtk_widget_class_bind_template_child (widget_class, CoachSessionPlanner, notify_switch);
  gtk_widget_class_bind_template_child (widget_class, CoachSessionPlanner, status_row);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, workout_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, day_selected_cb);

  gtk_widget_class_install_action (widget_class, "planner.save", NULL, save_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "planner.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "planner.save", NULL);
}

static void
coach_session_planner_init (CoachSessionPlanner *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->workout_buttons = g_ptr_array_new ();
  self->group_checks = g_ptr_array_new ();
  self->athlete_checks = g_ptr_array_new ();
}

/* ------------------------------------------------------------------------- */

CoachSessionPlanner *
coach_session_planner_new (CoachCatalog *catalog,
                           CoachRecord  *session,
                           const char   *workout_id)
{
  CoachSessionPlanner *self;

  g_return_val_if_fail (COACH_IS_CATALOG (catalog), NULL);
  g_return_val_if_fail (session == NULL || COACH_IS_RECORD (session), NULL);

  self = g_object_new (COACH_TYPE_SESSION_PLANNER, NULL);
  self->catalog = g_object_ref (catalog);
  self->session = session ? g_object_ref (session) : NULL;
  coach_session_planner_load (self, workout_id);
  return self;
}
