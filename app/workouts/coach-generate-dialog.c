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

static void
generate_clicked_cb (CoachGenerateDialog *self,
                     GtkButton           *button)
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

  gtk_widget_dispose_template (GTK_WIDGET (self), COACH_TYPE_GENERATE_DIALOG);
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

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/coachbook/Coachbook/workouts/coach-generate-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CoachGenerateDialog, minutes_spin);
  gtk_widget_class_bind_template_child (widget_class, CoachGenerateDialog, work_spin);
  gtk_widget_class_bind_template_child (widget_class, CoachGenerateDialog, rest_spin);
  gtk_widget_class_bind_template_child (widget_class, CoachGenerateDialog, rounds_spin);
  gtk_widget_class_bind_template_child (widget_class, CoachGenerateDialog, easy_check);
  gtk_widget_class_bind_template_child (widget_class, CoachGenerateDialog, medium_check);
  gtk_widget_class_bind_template_child (widget_class, CoachGenerateDialog, hard_check);
  gtk_widget_class_bind_template_child (widget_class, CoachGenerateDialog, no_jump_switch);
  gtk_widget_class_bind_template_child (widget_class, CoachGenerateDialog, no_repeat_switch);
  gtk_widget_class_bind_template_child (widget_class, CoachGenerateDialog, bodyweight_switch);
  gtk_widget_class_bind_template_child (widget_class, CoachGenerateDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, generate_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
coach_generate_dialog_init (CoachGenerateDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* The generator's limits, not numbers copied into the template. */
  gtk_spin_button_set_range (self->work_spin, 1, COACH_GENERATOR_MAX_PHASE_S);
  gtk_spin_button_set_range (self->rest_spin, 0, COACH_GENERATOR_MAX_PHASE_S);
  gtk_spin_button_set_range (self->rounds_spin, 1, COACH_GENERATOR_MAX_ROUNDS);
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
