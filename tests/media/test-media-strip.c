/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 *
 * The frame strip of the trim bar: as many frames as asked, the asked
 * height, the shown aspect (rotation applied), and different pictures
 * along a moving clip.
 */
#define G_LOG_DOMAIN "test-media-strip"

#include "config.h"

#include "media-test-util.h"
#include "coach-media-strip.h"

static MediaFixtures *fixtures;
static char *moving;   /* a bouncing ball, 3 s */

static GBytes *
decoded_pixels (GBytes *jpeg,
                guint  *width,
                guint  *height)
{
  g_autoptr(GstSample) sample = media_test_decode_image (g_bytes_ref (jpeg), 0, 0);
  GstBuffer *buffer = gst_sample_get_buffer (sample);
  GstMapInfo map;
  GBytes *pixels;
  guint colours = media_test_count_colours (sample, width, height);

  /* never a blank picture */
  g_assert_cmpuint (colours, >, 1);
  g_assert_true (gst_buffer_map (buffer, &map, GST_MAP_READ));
  pixels = g_bytes_new (map.data, map.size);
  gst_buffer_unmap (buffer, &map);
  return pixels;
}

static void
test_strip_count_and_size (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) frames = NULL;
  g_autoptr(GPtrArray) pixels = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  guint width = 0;

  frames = coach_media_frame_strip (moving, 8, 48, &width, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (frames);
  g_assert_cmpuint (frames->len, ==, 8);
  g_assert_cmpuint (width, ==, 64);

  for (guint i = 0; i < frames->len; i++)
    {
      guint w = 0, h = 0;

      g_ptr_array_add (pixels, decoded_pixels (frames->pdata[i], &w, &h));
      g_assert_cmpuint (w, ==, 64);
      g_assert_cmpuint (h, ==, 48);
    }
  /* The ball moves: neighbouring frames differ. */
  for (guint i = 1; i < pixels->len; i++)
    g_assert_false (g_bytes_equal (pixels->pdata[i - 1], pixels->pdata[i]));
}

static void
test_strip_portrait (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) frames = NULL;
  guint width = 0, w = 0, h = 0;
  g_autoptr(GBytes) pixels = NULL;

  frames = coach_media_frame_strip (fixtures->portrait, 3, 64, &width, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (frames->len, ==, 3);
  /* 240x320 as shown */
  g_assert_cmpuint (width, ==, 48);
  pixels = decoded_pixels (frames->pdata[0], &w, &h);
  g_assert_cmpuint (w, ==, 48);
  g_assert_cmpuint (h, ==, 64);
}

static void
test_strip_more_frames_than_clip (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) frames = NULL;

  /* 0.6 s at 15 fps has 9 frames; asking for more still gives them all. */
  frames = coach_media_frame_strip (fixtures->short_clip, 12, 32, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (frames->len, ==, 12);
}

static void
test_strip_bad_input (void)
{
  const char *bad[] = { fixtures->empty, fixtures->text, fixtures->truncated, fixtures->audio_only };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) frames = coach_media_frame_strip (bad[i], 4, 32, NULL, NULL, &error);

      g_assert_null (frames);
      g_assert_error (error, COACH_MEDIA_ERROR, error->code);
    }
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  gst_init (&argc, &argv);
  fixtures = media_fixtures_new ();
  moving = g_build_filename (fixtures->dir, "ball.mp4", NULL);
  {
    g_autofree char *d = g_strdup_printf ("videotestsrc num-buffers=45 pattern=ball "
                                          "! video/x-raw,format=I420,width=320,height=240,framerate=15/1 "
                                          "! " X264 " ! mp4mux ! filesink location=\"%s\"", moving);
    media_test_run_launch (d);
  }

  g_test_add_func ("/media/strip/count-and-size", test_strip_count_and_size);
  g_test_add_func ("/media/strip/portrait", test_strip_portrait);
  g_test_add_func ("/media/strip/more-frames-than-clip", test_strip_more_frames_than_clip);
  g_test_add_func ("/media/strip/bad-input", test_strip_bad_input);

  ret = g_test_run ();
  g_free (moving);
  media_fixtures_free (fixtures);
  return ret;
}
