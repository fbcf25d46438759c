/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 *
 * The preview player against real GStreamer, without a display: frames
 * arrive as textures, frame steps, speed, the loop of a range, and the
 * errors shown for missing and broken files.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <gst/gst.h>

#include "coach-clip-player.h"

#define FRAME_MS (1000.0 / 15)

typedef struct
{
  char            *dir;
  char            *clip;     /* 10 s, 15 fps, 320x240 */
  CoachClipPlayer *player;
} Fixture;

static gboolean
give_up_cb (gpointer data)
{
  g_error ("timed out waiting for %s", (const char *) data);
  return G_SOURCE_REMOVE;
}

/* Runs the main context until @done says so. */
static void
wait_until (const char  *what,
            gboolean   (*done) (Fixture *f),
            Fixture     *f)
{
  guint timeout = g_timeout_add_seconds (60, give_up_cb, (gpointer) what);

  while (!done (f))
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);
}

static void
spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (5000);
    }
}

static gboolean
is_prepared (Fixture *f)
{
  return coach_clip_player_get_prepared (f->player) || coach_clip_player_get_error (f->player) != NULL;
}

static gboolean
has_error (Fixture *f)
{
  return coach_clip_player_get_error (f->player) != NULL;
}

static gboolean
has_frame (Fixture *f)
{
  return gdk_paintable_get_intrinsic_width (GDK_PAINTABLE (f->player)) > 0;
}

static gboolean
not_playing (Fixture *f)
{
  return !coach_clip_player_get_playing (f->player);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;
  g_autoptr(GstElement) pipeline = NULL;
  g_autoptr(GstBus) bus = NULL;
  g_autoptr(GstMessage) message = NULL;

  f->dir = g_dir_make_tmp ("coachbook-player-XXXXXX", &error);
  g_assert_no_error (error);
  f->clip = g_build_filename (f->dir, "drill.mp4", NULL);
  description = g_strdup_printf ("videotestsrc num-buffers=150 pattern=smpte "
                                 "! video/x-raw,format=I420,width=320,height=240,framerate=15/1 "
                                 "! x264enc speed-preset=ultrafast key-int-max=15 ! mp4mux "
                                 "! filesink location=\"%s\"", f->clip);
  pipeline = gst_parse_launch (description, &error);
  g_assert_no_error (error);
  bus = gst_element_get_bus (pipeline);
  gst_element_set_state (pipeline, GST_STATE_PLAYING);
  message = gst_bus_timed_pop_filtered (bus, 60 * GST_SECOND, GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
  g_assert_nonnull (message);
  g_assert_cmpint (GST_MESSAGE_TYPE (message), ==, GST_MESSAGE_EOS);
  gst_element_set_state (pipeline, GST_STATE_NULL);

  f->player = coach_clip_player_new ();
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->player);
  g_unlink (f->clip);
  g_rmdir (f->dir);
  g_free (f->clip);
  g_free (f->dir);
}

static void
open_clip (Fixture *f)
{
  coach_clip_player_set_file (f->player, f->clip);
  wait_until ("the first frame", is_prepared, f);
  g_assert_null (coach_clip_player_get_error (f->player));
  wait_until ("a texture", has_frame, f);
}

static void
test_open (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GdkPaintable) image = NULL;

  open_clip (f);
  g_assert_cmpint (gdk_paintable_get_intrinsic_width (GDK_PAINTABLE (f->player)), ==, 320);
  g_assert_cmpint (gdk_paintable_get_intrinsic_height (GDK_PAINTABLE (f->player)), ==, 240);
  g_assert_cmpint (coach_clip_player_get_duration (f->player), >=, 9900);
  g_assert_cmpint (coach_clip_player_get_duration (f->player), <=, 10100);
  g_assert_cmpint (coach_clip_player_get_position (f->player), ==, 0);
  image = gdk_paintable_get_current_image (GDK_PAINTABLE (f->player));
  g_assert_true (GDK_IS_TEXTURE (image));
}

static void
test_step (Fixture       *f,
           gconstpointer  data)
{
  gint64 positions[4];

  open_clip (f);
  coach_clip_player_seek (f->player, 1000);
  spin (300);
  positions[0] = coach_clip_player_get_position (f->player);
  g_assert_cmpint (positions[0], ==, 1000);
  for (guint i = 1; i < 4; i++)
    {
      coach_clip_player_step (f->player, 1);
      spin (300);
      positions[i] = coach_clip_player_get_position (f->player);
      g_test_message ("step %u: %" G_GINT64_FORMAT " ms", i, positions[i]);
      g_assert_cmpint (positions[i], >, positions[i - 1]);
      g_assert_cmpint (positions[i] - positions[i - 1], <=, FRAME_MS + 2);
    }

  coach_clip_player_step (f->player, -1);
  spin (300);
  g_test_message ("back: %" G_GINT64_FORMAT " ms", coach_clip_player_get_position (f->player));
  g_assert_cmpint (coach_clip_player_get_position (f->player), <, positions[3]);
  g_assert_cmpint (coach_clip_player_get_position (f->player), >=, positions[3] - FRAME_MS - 2);

  coach_clip_player_step (f->player, 1);
  spin (300);
  g_test_message ("forward again: %" G_GINT64_FORMAT " ms", coach_clip_player_get_position (f->player));
  g_assert_cmpint (coach_clip_player_get_position (f->player), >=, positions[3] - 2);
  g_assert_cmpint (coach_clip_player_get_position (f->player), <=, positions[3] + 2);
}

static void
test_play_range (Fixture       *f,
                 gconstpointer  data)
{
  gint64 max_seen = 0;
  gint64 start;

  open_clip (f);
  coach_clip_player_set_range (f->player, 2000, 3000);
  coach_clip_player_set_rate (f->player, 2.0);
  spin (200);
  coach_clip_player_set_playing (f->player, TRUE);
  g_assert_true (coach_clip_player_get_playing (f->player));
  start = g_get_monotonic_time ();
  wait_until ("the end of the range", not_playing, f);
  /* 1 s of clip at double speed: about half a second. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
  g_assert_cmpint (coach_clip_player_get_position (f->player), >=, 2900);
  g_assert_cmpint (coach_clip_player_get_position (f->player), <=, 3000);

  /* Looping: the time stays inside the range and keeps coming back. */
  coach_clip_player_set_loop (f->player, TRUE);
  coach_clip_player_set_playing (f->player, TRUE);
  start = g_get_monotonic_time ();
  while (g_get_monotonic_time () - start < 2 * G_USEC_PER_SEC)
    {
      gint64 position = coach_clip_player_get_position (f->player);

      g_assert_cmpint (position, >=, 1990);
      g_assert_cmpint (position, <=, 3010);
      max_seen = MAX (max_seen, position);
      spin (20);
    }
  g_assert_true (coach_clip_player_get_playing (f->player));
  g_assert_cmpint (max_seen, >, 2700);
  coach_clip_player_set_playing (f->player, FALSE);
}

static void
test_errors (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *missing = g_build_filename (f->dir, "gone.mp4", NULL);
  g_autofree char *broken = g_build_filename (f->dir, "broken.mp4", NULL);

  coach_clip_player_set_file (f->player, missing);
  g_assert_nonnull (coach_clip_player_get_error (f->player));
  coach_clip_player_set_playing (f->player, TRUE);
  g_assert_false (coach_clip_player_get_playing (f->player));

  g_assert_true (g_file_set_contents (broken, "not a video at all\n", -1, NULL));
  coach_clip_player_set_file (f->player, broken);
  g_assert_null (coach_clip_player_get_error (f->player));
  wait_until ("an error", has_error, f);
  g_assert_false (coach_clip_player_get_prepared (f->player));
  g_unlink (broken);

  /* The player recovers with a good file. */
  open_clip (f);
}

int
main (int    argc,
      char **argv)
{
  gst_init (&argc, &argv);
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/clip-player/open", Fixture, NULL, fixture_setup, test_open, fixture_teardown);
  g_test_add ("/clip-player/step", Fixture, NULL, fixture_setup, test_step, fixture_teardown);
  g_test_add ("/clip-player/play-range", Fixture, NULL, fixture_setup, test_play_range, fixture_teardown);
  g_test_add ("/clip-player/errors", Fixture, NULL, fixture_setup, test_errors, fixture_teardown);

  return g_test_run ();
}
