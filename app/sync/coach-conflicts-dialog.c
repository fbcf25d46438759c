/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coach-conflicts-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "coach-conflicts-dialog.h"

struct _CoachConflictsDialog
{
  AdwWindow         parent_instance;

  CoachSyncService *service;

  GtkStack         *stack;
  GtkLabel         *error_label;
  GtkListBox       *list;
};

G_DEFINE_FINAL_TYPE (CoachConflictsDialog, coach_conflicts_dialog, ADW_TYPE_WINDOW)

#define CONFLICT_ID_KEY "coach-conflict-id"

static void coach_conflicts_dialog_reload (CoachConflictsDialog *self);

/* ------------------------------------------------------------------------- */

static void
show_error (CoachConflictsDialog *self,
            const GError         *error)
{
  gtk_label_set_label (self->error_label, error ? error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), error != NULL);
}

static gint64
button_conflict_id (GtkWidget *button)
{
  return *(gint64 *) g_object_get_data (G_OBJECT (button), CONFLICT_ID_KEY);
}

static void
reapply_clicked_cb (GtkButton            *button,
                    CoachConflictsDialog *self)
{
  g_autoptr(GError) error = NULL;

  coach_sync_service_reapply_conflict (self->service, button_conflict_id (GTK_WIDGET (button)), &error);
  coach_conflicts_dialog_reload (self);
  show_error (self, error);
}

static void
dismiss_clicked_cb (GtkButton            *button,
                    CoachConflictsDialog *self)
{
  g_autoptr(GError) error = NULL;

  coach_sync_service_dismiss_conflict (self->service, button_conflict_id (GTK_WIDGET (button)), &error);
  coach_conflicts_dialog_reload (self);
  show_error (self, error);
}

static GtkWidget *
make_button (CoachConflictsDialog *self,
             const char           *label,
             const char           *accessible_label,
             gint64                id,
             GCallback             callback)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);
  gint64 *stored = g_new (gint64, 1);

  *stored = id;
  g_object_set_data_full (G_OBJECT (button), CONFLICT_ID_KEY, stored, g_free);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label, -1);
  g_signal_connect_object (button, "clicked", callback, self, 0);
  return button;
}

static GtkWidget *
make_row (CoachConflictsDialog    *self,
          const CoachSyncConflict *conflict)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *reapply;
  GtkWidget *dismiss;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *reapply_name = NULL;
  g_autofree char *dismiss_name = NULL;

  /* Translators: a conflict: the record's name, then the fields edited */
  title = g_strdup_printf (_("%s: %s"), conflict->title, conflict->fields);
  /* Translators: the value edited here, the value kept, and why */
  subtitle = g_strdup_printf (_("Yours: %s\nKept: %s\nWhy: %s"), conflict->local_value, conflict->current_value,
                              conflict->reason ? conflict->reason : _("unknown"));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);

  /* Translators: accessible name of a button, %s is the record's name */
  reapply_name = g_strdup_printf (_("Apply My Value Again for %s"), conflict->title);
  /* Translators: accessible name of a button, %s is the record's name */
  dismiss_name = g_strdup_printf (_("Dismiss Conflict for %s"), conflict->title);
  reapply = make_button (self, _("_Apply My Value Again"), reapply_name, conflict->id, G_CALLBACK (reapply_clicked_cb));
  dismiss = make_button (self, _("_Dismiss"), dismiss_name, conflict->id, G_CALLBACK (dismiss_clicked_cb));
  gtk_widget_set_sensitive (reapply, !conflict->row_deleted);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), reapply);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), dismiss);
  return row;
}

static void
coach_conflicts_dialog_reload (CoachConflictsDialog *self)
{
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);

  conflicts = coach_sync_service_list_conflicts (self->service, &error);
  show_error (self, error);
  for (guint i = 0; conflicts != NULL && i < conflicts->len; i++)
    gtk_list_box_append (self->list, make_row (self, conflicts->pdata[i]));
  gtk_stack_set_visible_child_name (self->stack, conflicts != NULL && conflicts->len > 0 ? "list" : "empty");
}

/* ------------------------------------------------------------------------- */

static void
coach_conflicts_dialog_dispose (GObject *object)
{
  CoachConflictsDialog *self = COACH_CONFLICTS_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), COACH_TYPE_CONFLICTS_DIALOG);
  g_clear_object (&self->service);

  G_OBJECT_CLASS (coach_conflicts_dialog_parent_class)->dispose (object);
}

static void
coach_conflicts_dialog_class_init (CoachConflictsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = coach_conflicts_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/coachbook/Coachbook/sync/coach-conflicts-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CoachConflictsDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, CoachConflictsDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, CoachConflictsDialog, list);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
coach_conflicts_dialog_init (CoachConflictsDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* ------------------------------------------------------------------------- */

CoachConflictsDialog *
coach_conflicts_dialog_new (CoachSyncService *service)
{
  CoachConflictsDialog *self;

  g_return_val_if_fail (COACH_IS_SYNC_SERVICE (service), NULL);

  self = g_object_new (COACH_TYPE_CONFLICTS_DIALOG, NULL);
  self->service = g_object_ref (service);
  coach_conflicts_dialog_reload (self);
  return self;
}
