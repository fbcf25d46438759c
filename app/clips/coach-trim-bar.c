/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coach-trim-bar"

#include "config.h"

#include <glib/gi18n.h>

#include "coach-trim-bar.h"

#define BAR_HEIGHT 48

struct _CoachTrimBar
{
  GtkWidget  parent_instance;

  GPtrArray *textures;
  gint64     in_ms;
  gint64     out_ms;
  gint64     duration_ms;
  gint64     position_ms;
};

G_DEFINE_FINAL_TYPE (CoachTrimBar, coach_trim_bar, GTK_TYPE_WIDGET)

enum {
  SIGNAL_SEEK,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ------------------------------------------------------------------------- */

static double
x_for_time (CoachTrimBar *self,
            gint64        ms,
            double        width)
{
  if (self->duration_ms <= 0)
    return 0;
  return CLAMP ((double) ms / self->duration_ms, 0.0, 1.0) * width;
}

static void
pressed_cb (CoachTrimBar    *self,
            int              n_press,
            double           x,
            double           y,
            GtkGestureClick *gesture)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));

  if (self->duration_ms <= 0 || width <= 0)
    return;
  g_signal_emit (self, signals[SIGNAL_SEEK], 0, (gint64) (CLAMP (x / width, 0.0, 1.0) * self->duration_ms));
}

/* ------------------------------------------------------------------------- */

static void
coach_trim_bar_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_VERTICAL)
    *minimum = *natural = BAR_HEIGHT;
  else
    {
      *minimum = 48;
      *natural = 480;
    }
}

static void
coach_trim_bar_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  CoachTrimBar *self = COACH_TRIM_BAR (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  GdkRGBA shade = { 0, 0, 0, 0.6 };
  GdkRGBA line = { 1, 1, 1, 0.95 };
  GdkRGBA edge = { 0.96, 0.76, 0.07, 1 };
  double x_in, x_out, x_pos;

  if (self->textures != NULL && self->textures->len > 0)
    {
      double cell = width / self->textures->len;

      for (guint i = 0; i < self->textures->len; i++)
        gtk_snapshot_append_texture (snapshot, self->textures->pdata[i],
                                     &GRAPHENE_RECT_INIT (i * cell, 0, cell, height));
    }
  if (self->duration_ms <= 0)
    return;

  x_in = x_for_time (self, self->in_ms, width);
  x_out = x_for_time (self, self->out_ms > 0 ? self->out_ms : self->duration_ms, width);
  x_pos = x_for_time (self, self->position_ms, width);
  if (x_in > 0)
    gtk_snapshot_append_color (snapshot, &shade, &GRAPHENE_RECT_INIT (0, 0, x_in, height));
  if (x_out < width)
    gtk_snapshot_append_color (snapshot, &shade, &GRAPHENE_RECT_INIT (x_out, 0, width - x_out, height));
  gtk_snapshot_append_color (snapshot, &edge, &GRAPHENE_RECT_INIT (x_in, 0, 2, height));
  gtk_snapshot_append_color (snapshot, &edge, &GRAPHENE_RECT_INIT (MAX (x_out - 2, 0), 0, 2, height));
  gtk_snapshot_append_color (snapshot, &line, &GRAPHENE_RECT_INIT (MAX (x_pos - 1, 0), 0, 2, height));
}

static void
coach_trim_bar_dispose (GObject *object)
{
  CoachTrimBar *self = COACH_TRIM_BAR (object);

  g_clear_pointer (&self->textures, g_ptr_array_unref);

  G_OBJECT_CLASS (coach_trim_bar_parent_class)->dispose (object);
}

static void
coach_trim_bar_class_init (CoachTrimBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = coach_trim_bar_dispose;
  widget_class->measure = coach_trim_bar_measure;
  widget_class->snapshot = coach_trim_bar_snapshot;

  signals[SIGNAL_SEEK] =
    g_signal_new ("seek", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_css_name (widget_class, "trimbar");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
coach_trim_bar_init (CoachTrimBar *self)
{
  GtkGesture *click = gtk_gesture_click_new ();

  g_signal_connect_object (click, "pressed", G_CALLBACK (pressed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Frames of the clip"), -1);
}

/* ------------------------------------------------------------------------- */

void
coach_trim_bar_set_frames (CoachTrimBar *self,
                           GPtrArray    *textures)
{
  g_return_if_fail (COACH_IS_TRIM_BAR (self));

  g_clear_pointer (&self->textures, g_ptr_array_unref);
  if (textures != NULL)
    self->textures = g_ptr_array_ref (textures);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
coach_trim_bar_set_range (CoachTrimBar *self,
                          gint64        in_ms,
                          gint64        out_ms,
                          gint64        duration_ms)
{
  g_return_if_fail (COACH_IS_TRIM_BAR (self));

  self->in_ms = in_ms;
  self->out_ms = out_ms;
  self->duration_ms = duration_ms;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
coach_trim_bar_set_position (CoachTrimBar *self,
                             gint64        position_ms)
{
  g_return_if_fail (COACH_IS_TRIM_BAR (self));

  if (self->position_ms == position_ms)
    return;
  self->position_ms = position_ms;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
