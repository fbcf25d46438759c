/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 *
 * Shared by the media tests: fixture clips made with real GStreamer
 * elements (small and short, so the suite stays fast), broken files, and
 * a way to read back the pixels of a JPEG.
 */
#pragma once

#include <gst/app/gstappsink.h>
#include <gst/app/gstappsrc.h>
#include <gst/gst.h>
#include <gst/video/video.h>

#include "../unit/catalog-test-util.h"
#include "coach-media.h"

/* Runs a gst-launch style description to EOS. */
static inline void
media_test_run_launch (const char *description)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GstElement) pipeline = gst_parse_launch (description, &error);
  g_autoptr(GstBus) bus = NULL;
  g_autoptr(GstMessage) message = NULL;

  g_assert_no_error (error);
  gst_object_ref_sink (pipeline);
  bus = gst_element_get_bus (pipeline);
  g_assert_cmpint (gst_element_set_state (pipeline, GST_STATE_PLAYING), !=, GST_STATE_CHANGE_FAILURE);
  message = gst_bus_timed_pop_filtered (bus, 60 * GST_SECOND, GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
  g_assert_nonnull (message);
  if (GST_MESSAGE_TYPE (message) == GST_MESSAGE_ERROR)
    {
      g_autoptr(GError) gst_error = NULL;

      gst_message_parse_error (message, &gst_error, NULL);
      g_error ("fixture pipeline failed: %s\n%s", gst_error->message, description);
    }
  gst_element_set_state (pipeline, GST_STATE_NULL);
}

/* A clip of @seconds at 15 fps with the SMPTE bars (never one colour). */
static inline char *
media_test_make_clip (const char *dir,
                      const char *name,
                      guint       width,
                      guint       height,
                      double      seconds,
                      const char *video_enc,
                      const char *audio_enc,   /* NULL: no sound */
                      const char *mux,
                      const char *video_extra) /* e.g. a taginject, or "" */
{
  char *path = g_build_filename (dir, name, NULL);
  guint frames = (guint) (seconds * 15 + 0.5);
  guint audio_buffers = (guint) (seconds * 48000 / 1024 + 0.5);
  g_autofree char *description = NULL;

  if (audio_enc)
    description = g_strdup_printf (
      "videotestsrc num-buffers=%u pattern=smpte ! video/x-raw,format=I420,width=%u,height=%u,framerate=15/1 "
      "! %s ! %s ! m. "
      "audiotestsrc num-buffers=%u samplesperbuffer=1024 ! audio/x-raw,rate=48000,channels=2 ! audioconvert "
      "! %s ! m. %s name=m ! filesink location=\"%s\"",
      frames, width, height, video_extra, video_enc, audio_buffers, audio_enc, mux, path);
  else
    description = g_strdup_printf (
      "videotestsrc num-buffers=%u pattern=smpte ! video/x-raw,format=I420,width=%u,height=%u,framerate=15/1 "
      "! %s ! %s ! %s ! filesink location=\"%s\"",
      frames, width, height, video_extra, video_enc, mux, path);
  media_test_run_launch (description);
  return path;
}

typedef struct
{
  char *dir;
  char *mp4;          /* H.264 + AAC, 320x240, 2 s */
  char *webm;         /* VP8 + Opus */
  char *mkv;          /* H.264 + Opus */
  char *mov;          /* H.264 + AAC in QuickTime */
  char *avi;          /* MJPEG, no sound */
  char *portrait;     /* 320x240 stored, rotate-90 tag: shown 240x320 */
  char *no_audio;     /* H.264 only */
  char *short_clip;   /* 0.6 s */
  char *audio_only;   /* AAC in MP4 */
  char *empty;        /* zero bytes */
  char *truncated;    /* first half of mp4 */
  char *text;         /* text renamed .mp4 */
} MediaFixtures;

#define X264 "x264enc speed-preset=ultrafast key-int-max=15"

static inline MediaFixtures *
media_fixtures_new (void)
{
  MediaFixtures *m = g_new0 (MediaFixtures, 1);
  g_autofree char *data = NULL;
  gsize len = 0;

  m->dir = test_make_tmp_dir ();
  m->mp4 = media_test_make_clip (m->dir, "drill.mp4", 320, 240, 2.0, X264, "avenc_aac", "mp4mux", "identity");
  m->webm = media_test_make_clip (m->dir, "drill.webm", 320, 240, 2.0, "vp8enc deadline=1 keyframe-max-dist=15", "opusenc", "webmmux", "identity");
  m->mkv = media_test_make_clip (m->dir, "drill.mkv", 320, 240, 2.0, X264, "opusenc", "matroskamux", "identity");
  m->mov = media_test_make_clip (m->dir, "drill.mov", 320, 240, 2.0, X264, "avenc_aac", "qtmux", "identity");
  m->avi = media_test_make_clip (m->dir, "drill.avi", 320, 240, 2.0, "jpegenc", NULL, "avimux", "identity");
  /* Phones store landscape frames plus a display matrix. qtmux in 1.22
   * only writes one from stream tags, so ffmpeg adds it ("rotate=270" is
   * its counter-clockwise spelling of GStreamer's rotate-90). */
  {
    g_autofree char *landscape = media_test_make_clip (m->dir, "landscape.mp4", 320, 240, 2.0, X264,
                                                       "avenc_aac", "mp4mux", "identity");
    g_autofree char *cmd = NULL;
    g_autofree char *err = NULL;
    int status = 0;

    m->portrait = g_build_filename (m->dir, "portrait.mp4", NULL);
    cmd = g_strdup_printf ("ffmpeg -v error -y -i '%s' -c copy -metadata:s:v:0 rotate=270 '%s'",
                           landscape, m->portrait);
    g_assert_true (g_spawn_command_line_sync (cmd, NULL, &err, &status, NULL));
    if (status != 0)
      g_error ("ffmpeg failed: %s", err);
    g_unlink (landscape);
  }
  m->no_audio = media_test_make_clip (m->dir, "silent.mp4", 320, 240, 2.0, X264, NULL, "mp4mux", "identity");
  m->short_clip = media_test_make_clip (m->dir, "short.mp4", 320, 240, 0.6, X264, NULL, "mp4mux", "identity");

  m->audio_only = g_build_filename (m->dir, "voice.mp4", NULL);
  {
    g_autofree char *d = g_strdup_printf ("audiotestsrc num-buffers=40 ! audioconvert ! avenc_aac ! mp4mux "
                                          "! filesink location=\"%s\"", m->audio_only);
    media_test_run_launch (d);
  }

  m->empty = g_build_filename (m->dir, "empty.mp4", NULL);
  test_write_file (m->empty, "", 0);

  g_assert_true (g_file_get_contents (m->mp4, &data, &len, NULL));
  m->truncated = g_build_filename (m->dir, "truncated.mp4", NULL);
  test_write_file (m->truncated, data, len / 2);

  m->text = g_build_filename (m->dir, "notes.mp4", NULL);
  {
    const char *text = "Warm-up: 10 min jog, then drills.\n";
    test_write_file (m->text, text, strlen (text));
  }
  return m;
}

static inline void
media_fixtures_free (MediaFixtures *m)
{
  test_rm_rf (m->dir);
  g_free (m->dir);
  g_free (m->mp4);
  g_free (m->webm);
  g_free (m->mkv);
  g_free (m->mov);
  g_free (m->avi);
  g_free (m->portrait);
  g_free (m->no_audio);
  g_free (m->short_clip);
  g_free (m->audio_only);
  g_free (m->empty);
  g_free (m->truncated);
  g_free (m->text);
  g_free (m);
}

/* Decodes a JPEG into RGB pixels. */
static inline GstSample *
media_test_decode_image (GBytes *bytes,
                         guint   width,
                         guint   height)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GstElement) pipeline =
    gst_parse_launch ("appsrc name=src caps=image/jpeg ! jpegdec ! videoconvert "
                      "! video/x-raw,format=RGB ! appsink name=sink", &error);
  g_autoptr(GstElement) src = NULL;
  g_autoptr(GstElement) sink = NULL;
  GstSample *sample;

  g_assert_no_error (error);
  gst_object_ref_sink (pipeline);
  src = gst_bin_get_by_name (GST_BIN (pipeline), "src");
  sink = gst_bin_get_by_name (GST_BIN (pipeline), "sink");
  gst_element_set_state (pipeline, GST_STATE_PLAYING);
  g_assert_cmpint (gst_app_src_push_buffer (GST_APP_SRC (src), gst_buffer_new_wrapped_bytes (bytes)), ==, GST_FLOW_OK);
  gst_app_src_end_of_stream (GST_APP_SRC (src));
  sample = gst_app_sink_try_pull_sample (GST_APP_SINK (sink), 10 * GST_SECOND);
  g_assert_nonnull (sample);
  gst_element_set_state (pipeline, GST_STATE_NULL);
  return sample;
}

/* How many distinct colours (coarsely quantised) a picture holds; a blank
 * or one-colour frame has one. */
static inline guint
media_test_count_colours (GstSample *sample,
                          guint     *width,
                          guint     *height)
{
  GstVideoInfo info;
  GstMapInfo map;
  g_autoptr(GHashTable) colours = g_hash_table_new (NULL, NULL);
  GstBuffer *buffer = gst_sample_get_buffer (sample);
  guint n;

  g_assert_true (gst_video_info_from_caps (&info, gst_sample_get_caps (sample)));
  g_assert_true (gst_buffer_map (buffer, &map, GST_MAP_READ));
  for (int y = 0; y < GST_VIDEO_INFO_HEIGHT (&info); y++)
    {
      const guint8 *row = map.data + y * GST_VIDEO_INFO_PLANE_STRIDE (&info, 0);

      for (int x = 0; x < GST_VIDEO_INFO_WIDTH (&info); x++)
        {
          guint key = ((row[3 * x] >> 5) << 6) | ((row[3 * x + 1] >> 5) << 3) | (row[3 * x + 2] >> 5);
          g_hash_table_add (colours, GUINT_TO_POINTER (key + 1));
        }
    }
  gst_buffer_unmap (buffer, &map);
  n = g_hash_table_size (colours);
  *width = GST_VIDEO_INFO_WIDTH (&info);
  *height = GST_VIDEO_INFO_HEIGHT (&info);
  return n;
}
