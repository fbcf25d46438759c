/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coach-first-rows"

#include "config.h"

#include "coach-first-rows.h"

struct _CoachFirstRows
{
  GObject            parent_instance;

  GtkSliceListModel *slice;
  GWeakRef           view;
  GdkFrameClock     *clock;     /* while waiting for the view's first frame */
  guint              idle_id;
  gboolean           all;
};

G_DEFINE_FINAL_TYPE (CoachFirstRows, coach_first_rows, G_TYPE_OBJECT)

/* ------------------------------------------------------------------------- */

static void after_paint_cb (CoachFirstRows *self,
                            GdkFrameClock  *clock);

static void
coach_first_rows_stop_waiting (CoachFirstRows *self)
{
  if (self->clock != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->clock, after_paint_cb, self);
      g_clear_object (&self->clock);
    }
  g_clear_handle_id (&self->idle_id, g_source_remove);
}

/* Waits for the view's next painted frame. */
static void
coach_first_rows_wait (CoachFirstRows *self,
                       GtkWidget      *view)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (view);

  if (self->all || self->clock != NULL || self->idle_id != 0 || clock == NULL)
    return;
  self->clock = g_object_ref (clock);
  g_signal_connect_swapped (clock, "after-paint", G_CALLBACK (after_paint_cb), self);
}

/* Mapped, and not on its way out: a GtkStack keeps the page it leaves
 * mapped while it fades it out. */
static gboolean
widget_is_shown (GtkWidget *widget)
{
  GtkWidget *child = widget;

  if (!gtk_widget_get_mapped (widget))
    return FALSE;
  for (GtkWidget *parent = gtk_widget_get_parent (widget); parent != NULL; parent = gtk_widget_get_parent (parent))
    {
      if (GTK_IS_STACK (parent) && gtk_stack_get_visible_child (GTK_STACK (parent)) != child)
        return FALSE;
      child = parent;
    }
  return TRUE;
}

/* ------------------------------------------------------------------------- */

static gboolean
show_all_cb (gpointer user_data)
{
  CoachFirstRows *self = user_data;
  g_autoptr(GtkWidget) view = g_weak_ref_get (&self->view);

  self->idle_id = 0;
  if (view == NULL || widget_is_shown (view))
    coach_first_rows_show_all (self);
  /* A view on its way out is not worth the rows, unless the coach comes
   * straight back; one hidden grows when it is mapped again. */
  else if (gtk_widget_get_mapped (view))
    coach_first_rows_wait (self, view);
  return G_SOURCE_REMOVE;
}

/* The rest of the rows come after the frame, not inside it. */
static void
after_paint_cb (CoachFirstRows *self,
                GdkFrameClock  *clock)
{
  coach_first_rows_stop_waiting (self);
  self->idle_id = g_idle_add (show_all_cb, self);
}

static void
view_mapped_cb (CoachFirstRows *self,
                GtkWidget      *view)
{
  coach_first_rows_wait (self, view);
}

/* ------------------------------------------------------------------------- */

static void
coach_first_rows_dispose (GObject *object)
{
  CoachFirstRows *self = COACH_FIRST_ROWS (object);

  coach_first_rows_stop_waiting (self);
  g_clear_object (&self->slice);

  G_OBJECT_CLASS (coach_first_rows_parent_class)->dispose (object);
}

static void
coach_first_rows_finalize (GObject *object)
{
  CoachFirstRows *self = COACH_FIRST_ROWS (object);

  g_weak_ref_clear (&self->view);

  G_OBJECT_CLASS (coach_first_rows_parent_class)->finalize (object);
}

static void
coach_first_rows_class_init (CoachFirstRowsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = coach_first_rows_dispose;
  object_class->finalize = coach_first_rows_finalize;
}

static void
coach_first_rows_init (CoachFirstRows *self)
{
  g_weak_ref_init (&self->view, NULL);
}

/* ------------------------------------------------------------------------- */

/* The first @n_first items of @model for @view, all of them once @view has
 * painted a frame while mapped. */
CoachFirstRows *
coach_first_rows_new (GListModel *model,
                      GtkWidget  *view,
                      guint       n_first)
{
  CoachFirstRows *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (model), NULL);
  g_return_val_if_fail (GTK_IS_WIDGET (view), NULL);

  self = g_object_new (COACH_TYPE_FIRST_ROWS, NULL);
  self->slice = gtk_slice_list_model_new (g_object_ref (model), 0, MAX (n_first, 1));
  g_weak_ref_set (&self->view, view);
  g_signal_connect_object (view, "map", G_CALLBACK (view_mapped_cb), self, G_CONNECT_SWAPPED);
  if (gtk_widget_get_mapped (view))
    coach_first_rows_wait (self, view);
  return self;
}

/* The model to give the view. */
GListModel *
coach_first_rows_get_model (CoachFirstRows *self)
{
  g_return_val_if_fail (COACH_IS_FIRST_ROWS (self), NULL);
  return G_LIST_MODEL (self->slice);
}

/* Every row now, say to select one further down. */
void
coach_first_rows_show_all (CoachFirstRows *self)
{
  g_return_if_fail (COACH_IS_FIRST_ROWS (self));

  coach_first_rows_stop_waiting (self);
  if (self->all)
    return;
  self->all = TRUE;
  gtk_slice_list_model_set_size (self->slice, G_MAXUINT);
}
