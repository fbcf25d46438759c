/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coach-ui-bench"

#include "config.h"

#include "coach-ui-bench.h"

/* Frames to scroll; each moves the grid by a third of its height, about
 * what a fast flick does. */
#define SCROLL_FRAMES 240
/* A catalog without clips never shows a tile. */
#define CLIPS_TIMEOUT_US (30 * G_USEC_PER_SEC)

typedef enum
{
  PHASE_FIRST_FRAME,
  PHASE_CLIPS,
  PHASE_SCROLL,
  PHASE_DONE,
} Phase;

typedef struct
{
  GtkWindow     *window;
  GdkFrameClock *clock;
  Phase          phase;
  gint64         phase_start;
  gint64         frame_start;
  gint64         last_paint;
  GtkAdjustment *adjustment;
  GArray        *intervals;   /* ms between painted frames */
  GArray        *work;        /* ms from the frame's update to its paint */
  gboolean       first_frame_only;
} Bench;

/* ------------------------------------------------------------------------- */

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

static GtkWidget *
find_mapped_grid (GtkWidget *widget)
{
  if (GTK_IS_GRID_VIEW (widget) && gtk_widget_get_mapped (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_mapped_grid (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
bench_report_scroll (Bench *bench)
{
  guint slow = 0;

  for (guint i = 0; i < bench->intervals->len; i++)
    if (g_array_index (bench->intervals, double, i) > 1000.0 / 60 * 1.5)
      slow++;
  g_printerr ("coachbook-ui-bench: scroll frames=%u interval-p50=%.2f interval-p95=%.2f interval-max=%.2f "
              "work-p50=%.2f work-p95=%.2f slow=%u\n",
              bench->intervals->len,
              percentile (bench->intervals, 0.5), percentile (bench->intervals, 0.95),
              percentile (bench->intervals, 1.0),
              percentile (bench->work, 0.5), percentile (bench->work, 0.95), slow);
}

static gboolean
scroll_tick_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  Bench *bench = user_data;
  double value, upper, page;

  if (bench->phase != PHASE_SCROLL)
    return G_SOURCE_REMOVE;

  value = gtk_adjustment_get_value (bench->adjustment);
  upper = gtk_adjustment_get_upper (bench->adjustment);
  page = gtk_adjustment_get_page_size (bench->adjustment);
  if (bench->intervals->len >= SCROLL_FRAMES || value + page >= upper)
    {
      bench->phase = PHASE_DONE;
      bench_report_scroll (bench);
      g_application_quit (g_application_get_default ());
      return G_SOURCE_REMOVE;
    }
  gtk_adjustment_set_value (bench->adjustment, value + page / 3);
  return G_SOURCE_CONTINUE;
}

static void
update_cb (GdkFrameClock *clock,
           Bench         *bench)
{
  bench->frame_start = g_get_monotonic_time ();
}

static void
after_paint_cb (GdkFrameClock *clock,
                Bench         *bench)
{
  gint64 now = g_get_monotonic_time ();
  GtkWidget *grid;

  switch (bench->phase)
    {
    case PHASE_FIRST_FRAME:
      coach_ui_bench_mark ("first-frame");
      g_printerr ("coachbook-ui-bench: first-frame\n");
      if (bench->first_frame_only)
        {
          bench->phase = PHASE_DONE;
          g_application_quit (g_application_get_default ());
          break;
        }
      bench->phase = PHASE_CLIPS;
      bench->phase_start = g_get_monotonic_time ();
      gtk_widget_activate_action (GTK_WIDGET (bench->window), "win.page", "s", "clips");
      gtk_widget_queue_draw (GTK_WIDGET (bench->window));
      break;

    case PHASE_CLIPS:
      grid = find_mapped_grid (GTK_WIDGET (bench->window));
      if (grid == NULL || gtk_widget_get_first_child (grid) == NULL)
        {
          if (now - bench->phase_start > CLIPS_TIMEOUT_US)
            {
              g_printerr ("coachbook-ui-bench: clips-missing\n");
              bench->phase = PHASE_DONE;
              g_application_quit (g_application_get_default ());
              break;
            }
          gtk_widget_queue_draw (GTK_WIDGET (bench->window));
          break;
        }
      g_printerr ("coachbook-ui-bench: clips-shown ms=%.2f\n", (now - bench->phase_start) / 1000.0);
      bench->adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (grid));
      if (bench->adjustment == NULL)
        {
          g_application_quit (g_application_get_default ());
          bench->phase = PHASE_DONE;
          break;
        }
      bench->phase = PHASE_SCROLL;
      bench->last_paint = 0;
      gtk_widget_add_tick_callback (grid, scroll_tick_cb, bench, NULL);
      break;

    case PHASE_SCROLL:
      if (bench->last_paint != 0)
        {
          double interval = (now - bench->last_paint) / 1000.0;
          double work = (now - bench->frame_start) / 1000.0;

          g_array_append_val (bench->intervals, interval);
          g_array_append_val (bench->work, work);
        }
      bench->last_paint = now;
      break;

    case PHASE_DONE:
    default:
      break;
    }
}

static void
bench_free (gpointer data)
{
  Bench *bench = data;

  if (bench->clock != NULL)
    {
      g_signal_handlers_disconnect_by_data (bench->clock, bench);
      g_object_unref (bench->clock);
    }
  g_array_unref (bench->intervals);
  g_array_unref (bench->work);
  g_free (bench);
}

static void
window_realized_cb (GtkWidget *widget,
                    Bench     *bench)
{
  if (bench->clock != NULL)
    return;
  bench->clock = g_object_ref (gtk_widget_get_frame_clock (widget));
  g_signal_connect (bench->clock, "update", G_CALLBACK (update_cb), bench);
  g_signal_connect (bench->clock, "after-paint", G_CALLBACK (after_paint_cb), bench);
}

/* ------------------------------------------------------------------------- */

void
coach_ui_bench_mark (const char *what)
{
  static gint64 start;
  static int enabled = -1;
  gint64 now;

  if (enabled < 0)
    enabled = g_getenv ("COACHBOOK_UI_BENCH") != NULL;
  if (!enabled)
    return;
  now = g_get_monotonic_time ();
  if (start == 0)
    start = now;
  g_printerr ("coachbook-ui-bench: mark-%s ms=%.2f\n", what, (now - start) / 1000.0);
}

void
coach_ui_bench_attach (GtkWindow *window)
{
  Bench *bench;

  g_return_if_fail (GTK_IS_WINDOW (window));

  bench = g_new0 (Bench, 1);
  bench->window = window;
  bench->intervals = g_array_new (FALSE, FALSE, sizeof (double));
  bench->work = g_array_new (FALSE, FALSE, sizeof (double));
  bench->first_frame_only = g_strcmp0 (g_getenv ("COACHBOOK_UI_BENCH"), "first-frame") == 0;
  g_object_set_data_full (G_OBJECT (window), "coach-ui-bench", bench, bench_free);
  g_signal_connect (window, "realize", G_CALLBACK (window_realized_cb), bench);
}
