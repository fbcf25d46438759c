/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 *
 * Media timings for bench-media.sh:
 *   bench-media transcode SRC DEST MAX_HEIGHT   prints the wall time in s
 *   bench-media import N                        inspect + thumbnail of N
 *                                               short clips through the
 *                                               queue, prints clips/s
 */
#define G_LOG_DOMAIN "bench-media"

#include "config.h"

#include <glib/gstdio.h>
#include <gst/gst.h>
#include <stdlib.h>

#include "coach-clip-import.h"
#include "coach-media-queue.h"
#include "coach-media-transcode.h"

static int
bench_transcode (const char *src,
                 const char *dest,
                 guint       max_height)
{
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  if (!coach_media_transcode (src, dest, max_height, NULL, NULL, NULL, &error))
    {
      g_printerr ("bench-media: %s\n", error->message);
      return 1;
    }
  g_print ("%.3f\n", (g_get_monotonic_time () - start) / 1e6);
  return 0;
}

static void
idle_cb (CoachMediaQueue *queue,
         GMainLoop       *loop)
{
  g_main_loop_quit (loop);
}

static void
make_clip (const char *path,
           guint       i)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *description =
    g_strdup_printf ("videotestsrc num-buffers=45 pattern=%u ! video/x-raw,format=I420,width=640,height=360,"
                     "framerate=30/1 ! x264enc speed-preset=ultrafast key-int-max=30 ! mp4mux name=m "
                     "! filesink location=\"%s\" audiotestsrc num-buffers=70 freq=%u ! audioconvert "
                     "! voaacenc ! m.", i % 20, path, 200 + i);
  g_autoptr(GstElement) pipeline = gst_parse_launch (description, &error);
  g_autoptr(GstBus) bus = NULL;
  g_autoptr(GstMessage) message = NULL;

  if (pipeline == NULL)
    g_error ("%s", error->message);
  gst_object_ref_sink (pipeline);
  bus = gst_element_get_bus (pipeline);
  gst_element_set_state (pipeline, GST_STATE_PLAYING);
  message = gst_bus_timed_pop_filtered (bus, GST_CLOCK_TIME_NONE, GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
  if (GST_MESSAGE_TYPE (message) == GST_MESSAGE_ERROR)
    g_error ("cannot make %s", path);
  gst_element_set_state (pipeline, GST_STATE_NULL);
}

static int
bench_import (guint n)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("coachbook-bench-XXXXXX", &error);
  g_autofree char *data_dir = g_build_filename (dir, "data", NULL);
  g_autoptr(CoachCatalog) catalog = NULL;
  g_autoptr(CoachMediaQueue) queue = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GPtrArray) clips = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *rm = NULL;
  gint64 start, copied;
  gint64 ready;

  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("clip-%03u.mp4", i);
      g_autofree char *path = g_build_filename (dir, name, NULL);

      make_clip (path, i);
    }
  catalog = coach_catalog_open (data_dir, &error);
  g_assert_no_error (error);
  queue = coach_media_queue_new (catalog, 0);
  g_signal_connect (queue, "idle", G_CALLBACK (idle_cb), loop);

  start = g_get_monotonic_time ();
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("clip-%03u.mp4", i);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      CoachClip *clip = coach_catalog_import_clip (catalog, path, 0, NULL, &error);

      g_assert_no_error (error);
      coach_media_queue_add_clip (queue, coach_record_get_id (COACH_RECORD (clip)), &error);
      g_assert_no_error (error);
      g_ptr_array_add (clips, clip);
    }
  copied = g_get_monotonic_time ();
  coach_media_queue_start (queue, &error);
  g_assert_no_error (error);
  g_main_loop_run (loop);

  ready = 0;
  for (guint i = 0; i < clips->len; i++)
    if (g_strcmp0 (coach_record_get_string (clips->pdata[i], "status"), "ready") == 0)
      ready++;
  g_print ("import: %u clips (640x360, 1.5 s) with %u workers: copy %.2f s, inspect + thumbnail %.2f s, "
           "%.1f clips/s overall, %" G_GINT64_FORMAT " ready\n",
           n, coach_media_queue_get_n_workers (queue), (copied - start) / 1e6,
           (g_get_monotonic_time () - copied) / 1e6, n / ((g_get_monotonic_time () - start) / 1e6), ready);

  g_clear_object (&queue);
  g_clear_object (&catalog);
  rm = g_strdup_printf ("rm -rf '%s'", dir);
  if (system (rm) != 0)
    g_printerr ("bench-media: could not remove %s\n", dir);
  return ready == n ? 0 : 1;
}

int
main (int   argc,
      char *argv[])
{
  gst_init (&argc, &argv);

  if (argc == 5 && g_str_equal (argv[1], "transcode"))
    return bench_transcode (argv[2], argv[3], (guint) g_ascii_strtoull (argv[4], NULL, 10));
  if (argc == 3 && g_str_equal (argv[1], "import"))
    return bench_import ((guint) g_ascii_strtoull (argv[2], NULL, 10));
  g_printerr ("usage: bench-media transcode SRC DEST MAX_HEIGHT | import N\n");
  return 2;
}
