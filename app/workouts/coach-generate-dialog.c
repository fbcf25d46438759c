/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coach-generate-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "coach-generate-dialog.h"
#include "coach-composer.h"

struct _CoachGenerateDialog
{
  AdwWindow      parent_instance;

  CoachCatalog  *catalog;

  GtkSpinButton *minutes_spin;
  GtkSpinButton *work_spin;
  GtkSpinButton *rest_spin;
  GtkSpinButton *rounds_spin;
  GtkCheckButton *easy_check;
  GtkCheckButton *medium_check;
  GtkCheckButton *hard_check;
  GtkSwitch     *no_jump_switch;
  GtkSwitch     *no_repeat_switch;
  GtkSwitch     *bodyweight_switch;
  GtkLabel      *error_label;
};

G_DEFINE_FINAL_TYPE (CoachGenerateDialog, coach_generate_dialog, ADW_TYPE_WINDOW)

enum {
  GENERATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ------------------------------------------------------------------------- */

static GtkSpinButton *
add_spin_row (AdwPreferencesGroup *group,
              const char          *title,
              double               lower,
              double               upper,
              double               value)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (lower, upper, 1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), value);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  adw_preferences_group_add (group, row);
  return GTK_SPIN_BUTTON (spin);
}

static GtkSwitch *
add_switch_row (AdwPreferencesGroup *group,
                const char          *title,
                gboolean             active)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *sw = gtk_switch_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_switch_set_active (GTK_SWITCH (sw), active);
  gtk_widget_set_valign (sw, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (sw), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), sw);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), sw);
  adw_preferences_group_add (group, row);
  return GTK_SWITCH (sw);
}

static void
generate_clicked_cb (GtkButton           *button,
                     CoachGenerateDialog *self)
{
  static const char * const bodyweight[] = { NULL };
  CoachGeneratorConstraints constraints = { 0 };
  g_autoptr(CoachWorkout) workout = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%x");
  /* Translators: the name of a generated workout; %s is today's date */
  g_autofree char *name = g_strdup_printf (_("Generated Workout %s"), date);

  constraints.target_duration_s = gtk_spin_button_get_value_as_int (self->minutes_spin) * 60;
  constraints.timing.work_s = gtk_spin_button_get_value_as_int (self->work_spin);
  constraints.timing.rest_s = gtk_spin_button_get_value_as_int (self->rest_spin);
  constraints.timing.rounds = gtk_spin_button_get_value_as_int (self->rounds_spin);
  if (gtk_check_button_get_active (self->easy_check))
    constraints.difficulty_mask |= COACH_DIFFICULTY_EASY;
  if (gtk_check_button_get_active (self->medium_check))
    constraints.difficulty_mask |= COACH_DIFFICULTY_MEDIUM;
  if (gtk_check_button_get_active (self->hard_check))
    constraints.difficulty_mask |= COACH_DIFFICULTY_HARD;
  constraints.no_jump = gtk_switch_get_active (self->no_jump_switch);
  constraints.no_repeat = gtk_switch_get_active (self->no_repeat_switch);
  if (gtk_switch_get_active (self->bodyweight_switch))
    constraints.equipment_available = bodyweight;
  constraints.seed = g_get_real_time ();

  if (constraints.difficulty_mask == 0)
    {
      gtk_label_set_label (self->error_label, _("Pick at least one difficulty."));
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }

  workout = coach_catalog_generate_workout (self->catalog, &constraints, name, &error);
  if (workout == NULL)
    {
      gtk_label_set_label (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }

  g_signal_emit (self, signals[GENERATED], 0, coach_record_get_id (COACH_RECORD (workout)));
  gtk_window_close (GTK_WINDOW (self));
}

/* ------------------------------------------------------------------------- */

static void
coach_generate_dialog_dispose (GObject *object)
{
  CoachGenerateDialog *self = COACH_GENERATE_DIALOG (object);

  g_clear_object (&self->catalog);

  G_OBJECT_CLASS (coach_generate_dialog_parent_class)->dispose (object);
}

static void
coach_generate_dialog_class_init (CoachGenerateDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = coach_generate_dialog_dispose;

  signals[GENERATED] =
    g_signal_new ("generated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
coach_generate_dialog_init (CoachGenerateDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *generate = gtk_button_new_with_mnemonic (_("_Generate"));
  GtkWidget *page = adw_preferences_page_new ();
  AdwPreferencesGroup *timing = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  AdwPreferencesGroup *filters = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  GtkWidget *difficulty_row = adw_action_row_new ();
  GtkWidget *checks = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  gtk_window_set_title (GTK_WINDOW (self), _("Generate Workout"));
  gtk_window_set_default_size (GTK_WINDOW (self), 420, 640);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);

  gtk_widget_add_css_class (generate, "suggested-action");
  g_signal_connect (generate, "clicked", G_CALLBACK (generate_clicked_cb), self);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), generate);
  gtk_box_append (GTK_BOX (box), header);

  self->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->error_label, TRUE);
  gtk_label_set_xalign (self->error_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "error");
  gtk_widget_set_margin_start (GTK_WIDGET (self->error_label), 18);
  gtk_widget_set_margin_end (GTK_WIDGET (self->error_label), 18);
  gtk_widget_set_margin_top (GTK_WIDGET (self->error_label), 12);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->error_label));

  adw_preferences_group_set_title (timing, _("Timing"));
  self->minutes_spin = add_spin_row (timing, _("Target Minutes"), 1, 24 * 60, 20);
  self->work_spin = add_spin_row (timing, _("Work Seconds"), 1, COACH_GENERATOR_MAX_PHASE_S, 40);
  self->rest_spin = add_spin_row (timing, _("Rest Seconds"), 0, COACH_GENERATOR_MAX_PHASE_S, 20);
  self->rounds_spin = add_spin_row (timing, _("Rounds"), 1, COACH_GENERATOR_MAX_ROUNDS, 1);

  adw_preferences_group_set_title (filters, _("Exercises"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (difficulty_row), _("Difficulty"));
  self->easy_check = GTK_CHECK_BUTTON (gtk_check_button_new_with_label (_("Easy")));
  self->medium_check = GTK_CHECK_BUTTON (gtk_check_button_new_with_label (_("Medium")));
  self->hard_check = GTK_CHECK_BUTTON (gtk_check_button_new_with_label (_("Hard")));
  gtk_check_button_set_active (self->easy_check, TRUE);
  gtk_check_button_set_active (self->medium_check, TRUE);
  gtk_check_button_set_active (self->hard_check, TRUE);
  gtk_box_append (GTK_BOX (checks), GTK_WIDGET (self->easy_check));
  gtk_box_append (GTK_BOX (checks), GTK_WIDGET (self->medium_check));
  gtk_box_append (GTK_BOX (checks), GTK_WIDGET (self->hard_check));
  gtk_widget_set_valign (checks, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (difficulty_row), checks);
  adw_preferences_group_add (filters, difficulty_row);
  self->no_jump_switch = add_switch_row (filters, _("No Jumps"), FALSE);
  self->no_repeat_switch = add_switch_row (filters, _("No Repeats"), TRUE);
  self->bodyweight_switch = add_switch_row (filters, _("Bodyweight Only"), FALSE);

  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), timing);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), filters);
  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (box), page);
  adw_window_set_content (ADW_WINDOW (self), box);
}

/* ------------------------------------------------------------------------- */

CoachGenerateDialog *
coach_generate_dialog_new (CoachCatalog *catalog,
                           GtkWindow    *parent)
{
  CoachGenerateDialog *self;

  g_return_val_if_fail (COACH_IS_CATALOG (catalog), NULL);

  self = g_object_new (COACH_TYPE_GENERATE_DIALOG, "transient-for", parent, NULL);
  self->catalog = g_object_ref (catalog);
  return self;
}
