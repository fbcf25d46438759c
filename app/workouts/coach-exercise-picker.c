/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coach-exercise-picker"

#include "config.h"

#include <glib/gi18n.h>

#include "coach-exercise-picker.h"
#include "coach-search.h"

struct _CoachExercisePicker
{
  AdwWindow       parent_instance;

  CoachCatalog   *catalog;

  GtkSearchEntry *search_entry;
  GtkListBox     *results;
  GtkLabel       *message;
};

G_DEFINE_FINAL_TYPE (CoachExercisePicker, coach_exercise_picker, ADW_TYPE_WINDOW)

enum {
  EXERCISE_PICKED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ------------------------------------------------------------------------- */

static void
result_clicked_cb (GtkButton           *button,
                   CoachExercisePicker *self)
{
  const char *id = g_object_get_data (G_OBJECT (button), "exercise-id");

  g_signal_emit (self, signals[EXERCISE_PICKED], 0, id);
  gtk_window_close (GTK_WINDOW (self));
}

static void
coach_exercise_picker_refresh (CoachExercisePicker *self)
{
  CoachSearchQuery query = COACH_SEARCH_QUERY_INIT;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->results))) != NULL)
    gtk_list_box_remove (self->results, child);

  query.text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  query.kinds = COACH_SEARCH_KIND_MASK (COACH_SEARCH_KIND_EXERCISE);
  query.limit = 100;
  hits = coach_catalog_search (self->catalog, &query, &error);
  if (hits == NULL)
    {
      gtk_label_set_label (self->message, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->message), TRUE);
      return;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->message), hits->len == 0);
  gtk_label_set_label (self->message, _("No exercises match"));
  for (guint i = 0; i < hits->len; i++)
    {
      CoachSearchHit *hit = g_ptr_array_index (hits, i);
      GtkWidget *button = gtk_button_new_with_label (hit->title);
      GtkWidget *label = gtk_button_get_child (GTK_BUTTON (button));

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (button, "flat");
      g_object_set_data_full (G_OBJECT (button), "exercise-id", g_strdup (hit->id), g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (result_clicked_cb), self);
      gtk_list_box_append (self->results, button);
    }
}

static void
search_changed_cb (CoachExercisePicker *self,
                   GtkSearchEntry      *entry)
{
  coach_exercise_picker_refresh (self);
}

/* ------------------------------------------------------------------------- */

static void
coach_exercise_picker_dispose (GObject *object)
{
  CoachExercisePicker *self = COACH_EXERCISE_PICKER (object);

  g_clear_object (&self->catalog);

  gtk_widget_dispose_template (GTK_WIDGET (self), COACH_TYPE_EXERCISE_PICKER);

  G_OBJECT_CLASS (coach_exercise_picker_parent_class)->dispose (object);
}

static void
coach_exercise_picker_class_init (CoachExercisePickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = coach_exercise_picker_dispose;

  signals[EXERCISE_PICKED] =
    g_signal_new ("exercise-picked",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/coachbook/Coachbook/workouts/coach-exercise-picker.ui");
  gtk_widget_class_bind_template_child (widget_class, CoachExercisePicker, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CoachExercisePicker, results);
  gtk_widget_class_bind_template_child (widget_class, CoachExercisePicker, message);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
coach_exercise_picker_init (CoachExercisePicker *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* ------------------------------------------------------------------------- */

CoachExercisePicker *
coach_exercise_picker_new (CoachCatalog *catalog,
                           GtkWindow    *parent)
{
  CoachExercisePicker *self;

  g_return_val_if_fail (COACH_IS_CATALOG (catalog), NULL);

  self = g_object_new (COACH_TYPE_EXERCISE_PICKER,
                       "transient-for", parent,
                       NULL);
  self->catalog = g_object_ref (catalog);
  coach_exercise_picker_refresh (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  return self;
}
