/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coach-session-detail"

#include "config.h"

#include <glib/gi18n.h>

#include "coach-duration.h"
#include "coach-session-detail.h"
#include "coach-session-log-row.h"
#include "coach-session-plan.h"
#include "coach-workout-sheet.h"

struct _CoachSessionDetail
{
  AdwBin        parent_instance;

  CoachCatalog *catalog;
  CoachRecord  *session;

  GtkWidget    *back_button;
  GtkLabel     *title_label;
  GtkLabel     *when_label;
  GtkLabel     *status_label;
  GtkWidget    *cancel_button;
  GtkWidget    *restore_button;
  AdwActionRow *workout_row;
  AdwActionRow *location_row;
  AdwActionRow *notify_row;
  AdwActionRow *delivery_row;
  GtkWidget    *notes_group;
  GtkLabel     *notes_label;
  GtkBox       *athletes_box;
  GtkLabel     *no_athletes_label;
};

G_DEFINE_FINAL_TYPE (CoachSessionDetail, coach_session_detail, ADW_TYPE_BIN)

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
coach_session_detail_load_workout (CoachSessionDetail *self)
{
  const char *workout_id = string_or_null (self->session, "workout_id");
  g_autoptr(CoachRecord) workout = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *duration = NULL;
  g_autofree char *summary = NULL;
  guint n;

  if (workout_id != NULL)
    workout = coach_catalog_get (self->catalog, "workout", workout_id, NULL);
  if (workout == NULL)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->workout_row),
                                     workout_id ? _("Workout not found") : _("No workout"));
      adw_action_row_set_subtitle (self->workout_row,
                                   workout_id ? _("It may have been deleted on another device") : NULL);
      return;
    }

  items = coach_catalog_list_where (self->catalog, "workout_item", "workout_id", workout_id, NULL);
  n = items ? items->len : 0;
  duration = coach_duration_format (MAX (coach_record_get_int (workout, "total_duration_s"), 0));
  /* Translators: a workout's length, then how many exercises it has */
  summary = g_strdup_printf (ngettext ("%s · %u exercise", "%s · %u exercises", n), duration, n);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->workout_row), coach_record_get_string (workout, "name"));
  adw_action_row_set_subtitle (self->workout_row, summary);
}

static void
coach_session_detail_load_athletes (CoachSessionDetail *self)
{
  g_auto(GStrv) ids = NULL;
  GtkWidget *child;
  guint shown = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->athletes_box))) != NULL)
    gtk_box_remove (self->athletes_box, child);

  ids = coach_session_plan_dup_athlete_ids (self->catalog, coach_record_get_id (self->session), NULL);
  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      g_autoptr(CoachRecord) athlete = coach_catalog_get (self->catalog, "athlete", ids[i], NULL);

      if (athlete == NULL)
        continue;
      gtk_box_append (self->athletes_box,
                      GTK_WIDGET (coach_session_log_row_new (self->catalog, self->session, athlete)));
      shown++;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->no_athletes_label), shown == 0);
}

static void
coach_session_detail_load_deliveries (CoachSessionDetail *self)
{
  CoachDeliveryCounts counts;
  g_autofree char *summary = NULL;
  g_autoptr(GError) error = NULL;

  if (!coach_session_plan_count_deliveries (self->catalog, coach_record_get_id (self->session), &counts, &error))
    {
      g_warning ("Cannot count the emails of a session: %s", error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->delivery_row), FALSE);
      return;
    }
  /* Only once the server has written something: before that, the notify
   * row says what will happen. */
  summary = coach_session_detail_format_delivery_summary (&counts);
  gtk_widget_set_visible (GTK_WIDGET (self->delivery_row), summary != NULL);
  adw_action_row_set_subtitle (self->delivery_row, summary ? summary : "");
}

static void
coach_session_detail_load (CoachSessionDetail *self)
{
  g_autoptr(GDateTime) start = NULL;
  g_autofree char *when = NULL;
  const char *title;
  const char *status;
  const char *location;
  const char *notes;

  if (self->session == NULL || self->catalog == NULL)
    return;

  start = coach_session_plan_parse_start (coach_record_get_string (self->session, "starts_at"));
  /* Translators: a session's start in local time, see g_date_time_format() */
  when = start ? g_date_time_format (start, _("%A, %-d %B %Y · %H:%M")) : g_strdup (_("No date"));
  title = string_or_null (self->session, "title");
  gtk_label_set_label (self->title_label, title ? title : when);
  gtk_label_set_label (self->when_label, when);
  gtk_widget_set_visible (GTK_WIDGET (self->when_label), title != NULL);

  status = coach_record_get_string (self->session, "status");
  gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "success");
  if (g_strcmp0 (status, "cancelled") == 0)
    {
      gtk_label_set_label (self->status_label, C_("session status", "Cancelled"));
      gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
    }
  else if (g_strcmp0 (status, "done") == 0)
    {
      gtk_label_set_label (self->status_label, C_("session status", "Done"));
      gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "success");
    }
  else
    gtk_label_set_label (self->status_label, C_("session status", "Planned"));
  gtk_widget_set_visible (self->cancel_button, g_strcmp0 (status, "cancelled") != 0);
  gtk_widget_set_visible (self->restore_button, g_strcmp0 (status, "cancelled") == 0);

  location = string_or_null (self->session, "location");
  adw_action_row_set_subtitle (self->location_row, location ? location : _("Not set"));
  adw_action_row_set_subtitle (self->notify_row,
                               coach_record_get_boolean (self->session, "notify")
                               ? _("Athletes who agreed to emails get this session by email")
                               : _("No emails for this session"));
  notes = string_or_null (self->session, "notes");
  gtk_label_set_label (self->notes_label, notes ? notes : "");
  gtk_widget_set_visible (self->notes_group, notes != NULL);

  coach_session_detail_load_workout (self);
  coach_session_detail_load_athletes (self);
  coach_session_detail_load_deliveries (self);
}

/* ------------------------------------------------------------------------- */

static void
show_print_error (CoachSessionDetail *self,
                  const GError       *error)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                              _("Cannot Print the Session"), error->message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The print dialog also offers "Print to File" for a PDF. */
static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  CoachSessionDetail *self = COACH_SESSION_DETAIL (widget);
  g_autoptr(CoachWorkoutSheet) sheet = NULL;
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;

  if (self->session == NULL || self->catalog == NULL)
    return;
  sheet = coach_workout_sheet_new_for_session (self->catalog, coach_record_get_id (self->session), &error);
  if (sheet == NULL)
    {
      show_print_error (self, error);
      return;
    }
  operation = coach_workout_sheet_create_print_operation (sheet);
  gtk_print_operation_set_allow_async (operation, TRUE);
  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               GTK_WINDOW (gtk_widget_get_root (widget)), &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    show_print_error (self, error);
}

static void
coach_session_detail_dispose (GObject *object)
{
  CoachSessionDetail *self = COACH_SESSION_DETAIL (object);

  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), COACH_TYPE_SESSION_DETAIL);
  g_clear_object (&self->session);
  g_clear_object (&self->catalog);

  G_OBJECT_CLASS (coach_session_detail_parent_class)->dispose (object);
}

static void
coach_session_detail_class_init (CoachSessionDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = coach_session_detail_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/coachbook/Coachbook/sessions/coach-session-detail.ui");
  gtk_widget_class_bind_template_child (widget_class, CoachSessionDetail, back_button);
  gtk_widget_class_bind_template_child (widget_class, CoachSessionDetail, title_label);
  gtk_widget_class_bind_template_child (widget_class, CoachSessionDetail, when_label);
  gtk_widget_class_bind_template_child (widget_class, CoachSessionDetail, status_label);
  gtk_widget_class_bind_template_child (widget_class, CoachSessionDetail, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, CoachSessionDetail, restore_button);
  gtk_widget_class_bind_template_child (widget_class, CoachSessionDetail, workout_row);
  gtk_widget_class_bind_template_child (widget_class, CoachSessionDetail, location_row);
  gtk_widget_class_bind_template_child (widget_class, CoachSessionDetail, notify_row);
  gtk_widget_class_bind_template_child (widget_class, CoachSessionDetail, delivery_row);
  gtk_widget_class_bind_template_child (widget_class, CoachSessionDetail, notes_group);
  gtk_widget_class_bind_template_child (widget_class, CoachSessionDetail, notes_label);
  gtk_widget_class_bind_template_child (widget_class, CoachSessionDetail, athletes_box);
  gtk_widget_class_bind_template_child (widget_class, CoachSessionDetail, no_athletes_label);

  gtk_widget_class_install_action (widget_class, "detail.print", NULL, print_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "detail.print", NULL);
}

static void
coach_session_detail_init (CoachSessionDetail *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* ------------------------------------------------------------------------- */

/* Shows @session; called again after every change to reload it. */
void
coach_session_detail_set_session (CoachSessionDetail *self,
                                  CoachCatalog       *catalog,
                                  CoachRecord        *session)
{
  g_return_if_fail (COACH_IS_SESSION_DETAIL (self));
  g_return_if_fail (catalog == NULL || COACH_IS_CATALOG (catalog));
  g_return_if_fail (session == NULL || COACH_IS_RECORD (session));

  g_set_object (&self->catalog, catalog);
  g_set_object (&self->session, session);
  coach_session_detail_load (self);
}

CoachRecord *
coach_session_detail_get_session (CoachSessionDetail *self)
{
  g_return_val_if_fail (COACH_IS_SESSION_DETAIL (self), NULL);
  return self->session;
}

void
coach_session_detail_set_show_back (CoachSessionDetail *self,
                                    gboolean            show_back)
{
  g_return_if_fail (COACH_IS_SESSION_DETAIL (self));
  gtk_widget_set_visible (self->back_button, show_back);
}

char *
coach_session_detail_format_delivery_summary (const CoachDeliveryCounts *counts)
{
  g_autoptr(GString) text = NULL;

  g_return_val_if_fail (counts != NULL, NULL);

  if (counts->sent + counts->failed + counts->queued == 0)
    return NULL;

  text = g_string_new (NULL);
  /* Translators: how many athletes were emailed, of everyone in the session */
  g_string_append_printf (text, ngettext ("Emailed %u of %u athlete", "Emailed %u of %u athletes", counts->athletes),
                          counts->sent, counts->athletes);
  if (counts->failed > 0)
    /* Translators: follows "Emailed 5 of 6 athletes" */
    g_string_append_printf (text, ngettext (" · %u failed", " · %u failed", counts->failed), counts->failed);
  if (counts->queued > 0)
    /* Translators: follows "Emailed 5 of 6 athletes" */
    g_string_append_printf (text, ngettext (" · %u waiting", " · %u waiting", counts->queued), counts->queued);
  return g_string_free (g_steal_pointer (&text), FALSE);
}
