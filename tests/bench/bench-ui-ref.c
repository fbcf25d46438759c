/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 *
 * The references for the UI benchmark (bench-ui.py), measured the same way
 * as the app: "window" shows a minimal GTK window and reports its first
 * frame; "grid" scrolls a plain GtkGridView of 30k labels the way the app's
 * clip grid is scrolled and reports the frame times.
 */
#include "config.h"

#include <gtk/gtk.h>

#define N_ITEMS 30000
#define SCROLL_FRAMES 240

typedef struct
{
  gboolean       grid_mode;
  GtkWidget     *window;
  GtkWidget     *grid;
  gboolean       first_done;
  gboolean       scrolling;
  gint64         frame_start;
  gint64         last_paint;
  GArray        *intervals;
  GArray        *work;
  GApplication  *app;
} Ref;

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
percentile (GArray *values,
            double  p)
{
  if (values->len == 0)
    return 0;
  g_array_sort (values, compare_doubles);
  return g_array_index (values, double, (guint) ((values->len - 1) * p));
}

static gboolean
scroll_tick_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  Ref *ref = user_data;
  GtkAdjustment *adj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (ref->grid));
  double value = gtk_adjustment_get_value (adj);
  double page = gtk_adjustment_get_page_size (adj);
  guint slow = 0;

  if (ref->intervals->len < SCROLL_FRAMES && value + page < gtk_adjustment_get_upper (adj))
    {
      gtk_adjustment_set_value (adj, value + page / 3);
      return G_SOURCE_CONTINUE;
    }
  for (guint i = 0; i < ref->intervals->len; i++)
    if (g_array_index (ref->intervals, double, i) > 1000.0 / 60 * 1.5)
      slow++;
  g_printerr ("coachbook-ui-bench: scroll frames=%u interval-p50=%.2f interval-p95=%.2f interval-max=%.2f "
              "work-p50=%.2f work-p95=%.2f slow=%u\n",
              ref->intervals->len,
              percentile (ref->intervals, 0.5), percentile (ref->intervals, 0.95),
              percentile (ref->intervals, 1.0),
              percentile (ref->work, 0.5), percentile (ref->work, 0.95), slow);
  ref->scrolling = FALSE;
  g_application_quit (ref->app);
  return G_SOURCE_REMOVE;
}

static void
update_cb (GdkFrameClock *clock,
           Ref           *ref)
{
  ref->frame_start = g_get_monotonic_time ();
}

static void
after_paint_cb (GdkFrameClock *clock,
                Ref           *ref)
{
  gint64 now = g_get_monotonic_time ();

  if (!ref->first_done)
    {
      ref->first_done = TRUE;
      g_printerr ("coachbook-ui-bench: first-frame\n");
      if (!ref->grid_mode)
        g_application_quit (ref->app);
      else
        {
          ref->scrolling = TRUE;
          gtk_widget_add_tick_callback (ref->grid, scroll_tick_cb, ref, NULL);
        }
      return;
    }
  if (ref->scrolling)
    {
      if (ref->last_paint != 0)
        {
          double interval = (now - ref->last_paint) / 1000.0;
          double work = (now - ref->frame_start) / 1000.0;

          g_array_append_val (ref->intervals, interval);
          g_array_append_val (ref->work, work);
        }
      ref->last_paint = now;
    }
}

static void
realized_cb (GtkWidget *widget,
             Ref       *ref)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);

  g_signal_connect (clock, "update", G_CALLBACK (update_cb), ref);
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), ref);
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *picture = gtk_image_new_from_icon_name ("camera-video-symbolic");

  gtk_image_set_pixel_size (GTK_IMAGE (picture), 96);
  gtk_box_append (GTK_BOX (box), picture);
  gtk_box_append (GTK_BOX (box), gtk_label_new (NULL));
  gtk_list_item_set_child (item, box);
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *item,
         gpointer                  user_data)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkStringObject *string = gtk_list_item_get_item (item);

  gtk_label_set_label (GTK_LABEL (gtk_widget_get_last_child (box)), gtk_string_object_get_string (string));
}

static void
activate_cb (GtkApplication *app,
             Ref            *ref)
{
  ref->window = gtk_application_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (ref->window), 1100, 760);
  g_signal_connect (ref->window, "realize", G_CALLBACK (realized_cb), ref);

  if (ref->grid_mode)
    {
      GtkStringList *strings = gtk_string_list_new (NULL);
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      GtkWidget *scrolled = gtk_scrolled_window_new ();

      for (guint i = 0; i < N_ITEMS; i++)
        {
          g_autofree char *s = g_strdup_printf ("Clip %05u", i);

          gtk_string_list_append (strings, s);
        }
      g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), NULL);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), NULL);
      ref->grid = gtk_grid_view_new (GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (strings))), factory);
      gtk_grid_view_set_max_columns (GTK_GRID_VIEW (ref->grid), 12);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), ref->grid);
      gtk_window_set_child (GTK_WINDOW (ref->window), scrolled);
    }
  else
    gtk_window_set_child (GTK_WINDOW (ref->window), gtk_label_new ("Coachbook"));

  gtk_window_present (GTK_WINDOW (ref->window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GtkApplication) app = NULL;
  Ref ref = { 0 };
  int status;

  ref.grid_mode = argc > 1 && g_str_equal (argv[1], "grid");
  ref.intervals = g_array_new (FALSE, FALSE, sizeof (double));
  ref.work = g_array_new (FALSE, FALSE, sizeof (double));
  app = gtk_application_new ("io.github.coachbook.BenchReference", G_APPLICATION_NON_UNIQUE);
  ref.app = G_APPLICATION (app);
  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), &ref);
  status = g_application_run (G_APPLICATION (app), 1, argv);
  g_array_unref (ref.intervals);
  g_array_unref (ref.work);
  return status;
}
