/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 *
 * The frame strip under the trim bar: one paused pipeline, an accurate
 * seek per frame, each preroll frame already scaled and encoded.
 */
#define G_LOG_DOMAIN "coach-media-strip"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <gst/app/gstappsink.h>
#include <gst/gst.h>

#include "coach-media-inspect.h"
#include "coach-media-private.h"
#include "coach-media-strip.h"

GST_DEBUG_CATEGORY_STATIC (coach_media_strip_debug);
#define GST_CAT_DEFAULT coach_media_strip_debug

#define STRIP_TIMEOUT_US (60 * G_USEC_PER_SEC)

static void
ensure_debug_category (void)
{
  static gsize once = 0;

  if (g_once_init_enter (&once))
    {
      GST_DEBUG_CATEGORY_INIT (coach_media_strip_debug, "coach-media-strip", 0, "Trim bar frames");
      g_once_init_leave (&once, 1);
    }
}

static void
decoder_pad_added_cb (GstElement *decoder,
                      GstPad     *pad,
                      GstElement *head)
{
  g_autoptr(GstPad) sink = gst_element_get_static_pad (head, "sink");
  g_autoptr(GstCaps) caps = gst_pad_get_current_caps (pad);

  if (caps != NULL && !g_str_has_prefix (gst_structure_get_name (gst_caps_get_structure (caps, 0)), "video/"))
    return;
  if (gst_pad_is_linked (sink))
    return;   /* only the first picture stream */
  if (gst_pad_link (pad, sink) != GST_PAD_LINK_OK)
    GST_WARNING ("could not link the decoder");
}

static GstElement *
build_pipeline (const char  *uri,
                guint        width,
                guint        height,
                GstElement **sink_out)
{
  g_autoptr(GstCaps) video_caps = gst_caps_from_string ("video/x-raw(ANY)");
  g_autoptr(GError) parse_error = NULL;
  g_autofree char *description = NULL;
  GstElement *pipeline, *decoder, *chain, *sink;
  g_autoptr(GstPad) chain_src = NULL;

  /* Upright first. Both sides are fixed: with only the height, the
   * scaler keeps the width it chose before the rotation tag arrived and
   * squeezes the turned picture into it. */
  description = g_strdup_printf ("videoflip method=automatic ! videoconvert ! videoscale "
                                 "! capsfilter caps=\"video/x-raw,width=%u,height=%u,pixel-aspect-ratio=1/1\" "
                                 "! jpegenc quality=80", width, height);
  chain = gst_parse_bin_from_description (description, TRUE, &parse_error);
  decoder = gst_element_factory_make ("uridecodebin", NULL);
  sink = gst_element_factory_make ("appsink", NULL);
  if (chain == NULL || decoder == NULL || sink == NULL)
    {
      g_clear_object (&chain);
      g_clear_object (&decoder);
      g_clear_object (&sink);
      return NULL;
    }
  pipeline = gst_pipeline_new ("strip");
  g_object_set (decoder, "uri", uri, "caps", video_caps, "expose-all-streams", FALSE, NULL);
  g_object_set (sink, "sync", FALSE, "max-buffers", 1, "drop", TRUE, NULL);
  gst_bin_add_many (GST_BIN (pipeline), decoder, chain, sink, NULL);
  if (!gst_element_link (chain, sink))
    {
      gst_object_unref (pipeline);
      return NULL;
    }
  g_signal_connect_object (decoder, "pad-added", G_CALLBACK (decoder_pad_added_cb), chain, 0);
  *sink_out = sink;
  return pipeline;
}

static GBytes *
sample_to_bytes (GstSample *sample)
{
  GstBuffer *buffer = gst_sample_get_buffer (sample);
  GstMapInfo map;
  GBytes *bytes;

  if (buffer == NULL || !gst_buffer_map (buffer, &map, GST_MAP_READ))
    return NULL;
  bytes = g_bytes_new (map.data, map.size);
  gst_buffer_unmap (buffer, &map);
  return bytes;
}

GPtrArray *
coach_media_frame_strip (const char    *path,
                         guint          n_frames,
                         guint          height,
                         guint         *width_out,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autoptr(CoachMediaInfo) info = NULL;
  g_autoptr(GstElement) pipeline = NULL;
  g_autoptr(GPtrArray) frames = NULL;
  g_autofree char *uri = NULL;
  GstElement *sink = NULL;
  gint64 deadline = g_get_monotonic_time () + STRIP_TIMEOUT_US;
  gint64 duration = 0;
  guint width = 0;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (n_frames > 0, NULL);
  g_return_val_if_fail (height >= 2, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!coach_media_init (error))
    return NULL;
  ensure_debug_category ();
  info = coach_media_inspect (path, cancellable, error);
  if (info == NULL)
    return NULL;
  width = (guint) MAX (2, gst_util_uint64_scale_round (info->width, height, MAX (info->height, 1)));

  uri = coach_media_path_to_uri (path);
  pipeline = build_pipeline (uri, width, height, &sink);
  if (pipeline == NULL)
    {
      g_set_error (error, COACH_MEDIA_ERROR, COACH_MEDIA_ERROR_FAILED,
                   _("Video support is incomplete on this computer (GStreamer base plugins are missing)"));
      return NULL;
    }
  gst_object_ref_sink (pipeline);

  if (gst_element_set_state (pipeline, GST_STATE_PAUSED) == GST_STATE_CHANGE_FAILURE)
    {
      if (_coach_media_wait (pipeline, GST_MESSAGE_ASYNC_DONE, cancellable, deadline, NULL, NULL, error))
        g_set_error (error, COACH_MEDIA_ERROR, COACH_MEDIA_ERROR_NOT_MEDIA,
                     _("This file is not a video Coachbook can read"));
      goto out;
    }
  if (!_coach_media_wait (pipeline, GST_MESSAGE_ASYNC_DONE, cancellable, deadline, NULL, NULL, error))
    goto out;
  if (!gst_element_query_duration (pipeline, GST_FORMAT_TIME, &duration) || duration <= 0)
    {
      g_set_error (error, COACH_MEDIA_ERROR, COACH_MEDIA_ERROR_DAMAGED,
                   _("This video file is damaged or incomplete"));
      goto out;
    }

  frames = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  for (guint i = 0; i < n_frames; i++)
    {
      GstClockTime position = gst_util_uint64_scale (duration, 2 * i + 1, 2 * n_frames);
      g_autoptr(GstSample) sample = NULL;
      GBytes *bytes;

      if (!gst_element_seek_simple (pipeline, GST_FORMAT_TIME,
                                    GST_SEEK_FLAG_FLUSH | GST_SEEK_FLAG_ACCURATE, position) ||
          !_coach_media_wait (pipeline, GST_MESSAGE_ASYNC_DONE, cancellable, deadline, NULL, NULL, error))
        {
          if (error && *error == NULL)
            g_set_error (error, COACH_MEDIA_ERROR, COACH_MEDIA_ERROR_DAMAGED,
                         _("This video file is damaged or incomplete"));
          g_clear_pointer (&frames, g_ptr_array_unref);
          goto out;
        }
      sample = gst_app_sink_try_pull_preroll (GST_APP_SINK (sink), 5 * GST_SECOND);
      bytes = sample ? sample_to_bytes (sample) : NULL;
      if (bytes == NULL)
        {
          g_set_error (error, COACH_MEDIA_ERROR, COACH_MEDIA_ERROR_DAMAGED,
                       _("This video file is damaged or incomplete"));
          g_clear_pointer (&frames, g_ptr_array_unref);
          goto out;
        }
      g_ptr_array_add (frames, bytes);
    }
  if (width_out)
    *width_out = width;

out:
  gst_element_set_state (pipeline, GST_STATE_NULL);
  return g_steal_pointer (&frames);
}
