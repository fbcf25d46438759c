/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coach-session-log-row"

#include "config.h"

#include <glib/gi18n.h>

#include "coach-session-log-row.h"
#include "coach-session-plan.h"

struct _CoachSessionLogRow
{
  AdwBin          parent_instance;

  CoachCatalog   *catalog;
  char           *session_id;
  char           *athlete_id;
  gboolean        notify;        /* the session emails its athletes */
  gboolean        can_email;     /* this athlete has an address and agreed */

  AdwActionRow   *athlete_row;
  GtkSwitch      *completed_switch;
  GtkSpinButton  *rpe_spin;
  AdwEntryRow    *feedback_row;
  AdwActionRow   *delivery_row;
  GtkButton      *resend_button;
  GtkButton      *save_button;
  GtkLabel       *error_label;
  char           *athlete_name;
};

G_DEFINE_FINAL_TYPE (CoachSessionLogRow, coach_session_log_row, ADW_TYPE_BIN)

/* ------------------------------------------------------------------------- */

static char *
format_log (CoachRecord *log)
{
  gboolean completed;

  if (log == NULL)
    return g_strdup (_("Not logged yet"));
  completed = coach_record_get_boolean (log, "completed");
  if (coach_record_is_null (log, "rpe") || coach_record_get_int (log, "rpe") <= 0)
    return g_strdup (completed ? _("Completed") : _("Not completed"));
  return g_strdup_printf (completed ? _("Completed · RPE %d") : _("Not completed · RPE %d"),
                          (int) coach_record_get_int (log, "rpe"));
}

static void
coach_session_log_row_load (CoachSessionLogRow *self)
{
  g_autoptr(CoachRecord) log = NULL;
  g_autoptr(CoachRecord) delivery = NULL;
  g_autofree char *summary = NULL;
  CoachDeliveryState state;

  log = coach_session_plan_find_row (self->catalog, "session_log", self->session_id, self->athlete_id, NULL);
  delivery = coach_session_plan_find_row (self->catalog, "delivery", self->session_id, self->athlete_id, NULL);

  summary = format_log (log);
  adw_action_row_set_subtitle (self->athlete_row, summary);
  if (log != NULL)
    {
      gtk_switch_set_active (self->completed_switch, coach_record_get_boolean (log, "completed"));
      gtk_spin_button_set_value (self->rpe_spin,
                                 coach_record_is_null (log, "rpe") ? 0 : coach_record_get_int (log, "rpe"));
      gtk_editable_set_text (GTK_EDITABLE (self->feedback_row),
                             coach_record_is_null (log, "feedback") ? "" : coach_record_get_string (log, "feedback"));
    }

  state = coach_session_plan_delivery_state (self->catalog, delivery, self->session_id, self->athlete_id, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->delivery_row),
                          state != COACH_DELIVERY_STATE_NONE || self->notify);
  gtk_widget_set_visible (GTK_WIDGET (self->resend_button),
                          state == COACH_DELIVERY_STATE_FAILED || state == COACH_DELIVERY_STATE_DEAD);
  if (state == COACH_DELIVERY_STATE_NONE)
    {
      if (self->notify)
        adw_action_row_set_subtitle (self->delivery_row,
                                     self->can_email ? _("Goes out when the session syncs")
                                                     : _("Not emailed: no address, or no consent to emails"));
    }
  else
    {
      g_autofree char *text = coach_session_log_row_format_delivery (
        state,
        delivery && !coach_record_is_null (delivery, "error") ? coach_record_get_string (delivery, "error") : NULL,
        delivery && !coach_record_is_null (delivery, "sent_at") ? coach_record_get_string (delivery, "sent_at") : NULL);

      adw_action_row_set_subtitle (self->delivery_row, text);
    }
}

/* ------------------------------------------------------------------------- */

static void
save_clicked_cb (CoachSessionLogRow *self,
                 GtkButton          *button)
{
  g_autoptr(GError) error = NULL;

  /* Takes what was typed into the spin button even if it was never
   * confirmed with Enter. */
  gtk_spin_button_update (self->rpe_spin);
  if (!coach_session_plan_save_log (self->catalog, self->session_id, self->athlete_id,
                                    gtk_switch_get_active (self->completed_switch),
                                    gtk_spin_button_get_value_as_int (self->rpe_spin),
                                    gtk_editable_get_text (GTK_EDITABLE (self->feedback_row)),
                                    &error))
    {
      gtk_label_set_label (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  coach_session_log_row_load (self);
}

static void
resend_clicked_cb (CoachSessionLogRow *self,
                   GtkButton          *button)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *toast = NULL;

  if (!coach_session_plan_request_resend (self->catalog, self->session_id, self->athlete_id, &error))
    {
      gtk_label_set_label (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  coach_session_log_row_load (self);

  /* Translators: %s is an athlete's name */
  toast = g_strdup_printf (_("The email to %s will be sent again"), self->athlete_name);
  /* The page owns the toasts; outside one (tests), there is nobody to tell. */
  gtk_widget_activate_action (GTK_WIDGET (self), "sessions.toast", "s", toast);
}

/* ------------------------------------------------------------------------- */

static void
coach_session_log_row_dispose (GObject *object)
{
  CoachSessionLogRow *self = COACH_SESSION_LOG_ROW (object);

  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), COACH_TYPE_SESSION_LOG_ROW);
  g_clear_object (&self->catalog);

  G_OBJECT_CLASS (coach_session_log_row_parent_class)->dispose (object);
}

static void
coach_session_log_row_finalize (GObject *object)
{
  CoachSessionLogRow *self = COACH_SESSION_LOG_ROW (object);

  g_free (self->session_id);
  g_free (self->athlete_id);
  g_free (self->athlete_name);

  G_OBJECT_CLASS (coach_session_log_row_parent_class)->finalize (object);
}

static void
coach_session_log_row_class_init (CoachSessionLogRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = coach_session_log_row_dispose;
  object_class->finalize = coach_session_log_row_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/coachbook/Coachbook/sessions/coach-session-log-row.ui");
  gtk_widget_class_bind_template_child (widget_class, CoachSessionLogRow, athlete_row);
  gtk_widget_class_bind_template_child (widget_class, CoachSessionLogRow, completed_switch);
  gtk_widget_class_bind_template_child (widget_class, CoachSessionLogRow, rpe_spin);
  gtk_widget_class_bind_template_child (widget_class, CoachSessionLogRow, feedback_row);
  gtk_widget_class_bind_template_child (widget_class, CoachSessionLogRow, delivery_row);
  gtk_widget_class_bind_template_child (widget_class, CoachSessionLogRow, resend_button);
  gtk_widget_class_bind_template_child (widget_class, CoachSessionLogRow, save_button);
  gtk_widget_class_bind_template_child (widget_class, CoachSessionLogRow, error_label);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, resend_clicked_cb);
}

static void
coach_session_log_row_init (CoachSessionLogRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* ------------------------------------------------------------------------- */

CoachSessionLogRow *
coach_session_log_row_new (CoachCatalog *catalog,
                           CoachRecord  *session,
                           CoachRecord  *athlete)
{
  CoachSessionLogRow *self;
  const char *name;
  const char *email;
  g_autofree char *save_label = NULL;
  g_autofree char *resend_label = NULL;

  g_return_val_if_fail (COACH_IS_CATALOG (catalog), NULL);
  g_return_val_if_fail (COACH_IS_RECORD (session), NULL);
  g_return_val_if_fail (COACH_IS_RECORD (athlete), NULL);

  self = g_object_new (COACH_TYPE_SESSION_LOG_ROW, NULL);
  self->catalog = g_object_ref (catalog);
  self->session_id = g_strdup (coach_record_get_id (session));
  self->athlete_id = g_strdup (coach_record_get_id (athlete));
  self->notify = coach_record_get_boolean (session, "notify");
  email = coach_record_is_null (athlete, "email") ? NULL : coach_record_get_string (athlete, "email");
  self->can_email = email != NULL && email[0] != '\0' && coach_record_get_boolean (athlete, "email_consent");

  name = coach_record_get_string (athlete, "name");
  self->athlete_name = g_strdup (name);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->athlete_row), name);
  /* Several athletes each have a Save button: say whose it is. */
  /* Translators: %s is an athlete's name */
  save_label = g_strdup_printf (_("Save Log for %s"), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->save_button), GTK_ACCESSIBLE_PROPERTY_LABEL, save_label, -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->save_button), save_label);
  /* Translators: %s is an athlete's name */
  resend_label = g_strdup_printf (_("Resend email to %s"), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->resend_button), GTK_ACCESSIBLE_PROPERTY_LABEL, resend_label, -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->resend_button), resend_label);
  coach_session_log_row_load (self);
  return self;
}

/* "24 Nov, 18:02" in local time; NULL when @sent_at is not a time. A time
 * without an offset is taken as UTC, which is what servers write. */
static char *
format_sent_at (const char *sent_at)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) parsed = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (sent_at == NULL || sent_at[0] == '\0')
    return NULL;
  if (!(parsed = g_date_time_new_from_iso8601 (sent_at, utc)))
    return NULL;
  local = g_date_time_to_local (parsed);
  /* Translators: when an email was sent, see g_date_time_format() */
  return g_date_time_format (local, _("%-d %b, %H:%M"));
}

char *
coach_session_log_row_format_delivery (CoachDeliveryState  state,
                                       const char         *error,
                                       const char         *sent_at)
{
  gboolean has_error = error != NULL && error[0] != '\0';

  switch (state)
    {
    case COACH_DELIVERY_STATE_SENT:
      {
        g_autofree char *when = format_sent_at (sent_at);

        /* Translators: %s is a date and time, like "24 Nov, 18:02" */
        return when ? g_strdup_printf (_("Sent %s"), when) : g_strdup (C_("email", "Sent"));
      }
    case COACH_DELIVERY_STATE_FAILED:
      /* Translators: %s is the reason the mail server gave */
      return has_error ? g_strdup_printf (_("Failed: %s — will retry"), error)
                       : g_strdup (_("Failed — will retry"));
    case COACH_DELIVERY_STATE_DEAD:
      /* Translators: %s is the reason the mail server gave */
      return has_error ? g_strdup_printf (_("Not delivered: %s"), error)
                       : g_strdup (_("Not delivered"));
    case COACH_DELIVERY_STATE_RESEND_REQUESTED:
      return g_strdup (_("Resend requested"));
    case COACH_DELIVERY_STATE_NONE:
      return g_strdup (_("Not emailed yet"));
    case COACH_DELIVERY_STATE_QUEUED:
    default:
      return g_strdup (C_("email", "Queued"));
    }
}
