/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coach-media-thumbnail"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <gst/app/gstappsink.h>
#include <gst/gst.h>
#include <gst/video/video.h>

#include "coach-media-private.h"
#include "coach-media-thumbnail.h"

GST_DEBUG_CATEGORY_STATIC (coach_media_thumbnail_debug);
#define GST_CAT_DEFAULT coach_media_thumbnail_debug

#define THUMBNAIL_TIMEOUT_US (30 * G_USEC_PER_SEC)

static void
ensure_debug_category (void)
{
  static gsize once = 0;

  if (g_once_init_enter (&once))
    {
      GST_DEBUG_CATEGORY_INIT (coach_media_thumbnail_debug, "coach-media-thumbnail", 0,
                               "Clip thumbnails");
      g_once_init_leave (&once, 1);
    }
}

static void
decoder_pad_added_cb (GstElement *decoder,
                      GstPad     *pad,
                      GstElement *flip)
{
  g_autoptr(GstPad) sink = gst_element_get_static_pad (flip, "sink");
  g_autoptr(GstCaps) caps = gst_pad_get_current_caps (pad);

  if (caps != NULL && !g_str_has_prefix (gst_structure_get_name (gst_caps_get_structure (caps, 0)), "video/"))
    return;
  if (gst_pad_is_linked (sink))
    return;   /* only the first picture stream */
  if (gst_pad_link (pad, sink) != GST_PAD_LINK_OK)
    GST_WARNING ("could not link the decoder to videoflip");
}

static GstElement *
build_pipeline (const char  *uri,
                GstElement **sink_out)
{
  g_autoptr(GstCaps) video_caps = gst_caps_from_string ("video/x-raw(ANY)");
  g_autoptr(GstCaps) sink_caps = gst_caps_from_string ("video/x-raw,format=RGB");
  GstElement *pipeline = gst_pipeline_new ("thumbnail");
  GstElement *decoder = gst_element_factory_make ("uridecodebin", NULL);
  GstElement *flip = gst_element_factory_make ("videoflip", NULL);
  GstElement *convert = gst_element_factory_make ("videoconvert", NULL);
  GstElement *sink = gst_element_factory_make ("appsink", NULL);

  if (decoder == NULL || flip == NULL || convert == NULL || sink == NULL)
    {
      g_clear_object (&decoder);
      g_clear_object (&flip);
      g_clear_object (&convert);
      g_clear_object (&sink);
      gst_object_unref (pipeline);
      return NULL;
    }

  /* Only the picture is decoded and exposed; sound is not needed. */
  g_object_set (decoder, "uri", uri, "caps", video_caps, "expose-all-streams", FALSE, NULL);
  gst_util_set_object_arg (G_OBJECT (flip), "method", "automatic");
  g_object_set (sink, "caps", sink_caps, "sync", FALSE, "max-buffers", 1, "drop", TRUE, NULL);

  gst_bin_add_many (GST_BIN (pipeline), decoder, flip, convert, sink, NULL);
  if (!gst_element_link_many (flip, convert, sink, NULL))
    {
      gst_object_unref (pipeline);
      return NULL;
    }
  g_signal_connect_object (decoder, "pad-added", G_CALLBACK (decoder_pad_added_cb), flip, 0);
  *sink_out = sink;
  return pipeline;
}

static GBytes *
encode_sample (GstSample  *sample,
               guint       max_width,
               guint      *width_out,
               guint      *height_out,
               GError    **error)
{
  GstCaps *caps = gst_sample_get_caps (sample);
  g_autoptr(GstCaps) jpeg_caps = NULL;
  g_autoptr(GstSample) jpeg = NULL;
  g_autoptr(GError) gst_error = NULL;
  GstVideoInfo vinfo;
  GstBuffer *buffer;
  GstMapInfo map;
  guint64 shown_width;
  guint width, height;
  GBytes *bytes;

  if (caps == NULL || !gst_video_info_from_caps (&vinfo, caps))
    {
      g_set_error (error, COACH_MEDIA_ERROR, COACH_MEDIA_ERROR_DAMAGED,
                   _("This video file is damaged or incomplete"));
      return NULL;
    }

  shown_width = gst_util_uint64_scale_round (GST_VIDEO_INFO_WIDTH (&vinfo),
                                             MAX (GST_VIDEO_INFO_PAR_N (&vinfo), 1),
                                             MAX (GST_VIDEO_INFO_PAR_D (&vinfo), 1));
  width = MIN ((guint) shown_width, max_width);
  height = (guint) gst_util_uint64_scale_round (GST_VIDEO_INFO_HEIGHT (&vinfo), width, shown_width);
  width = MAX (2, width & ~1u);
  height = MAX (2, height & ~1u);

  jpeg_caps = gst_caps_new_simple ("image/jpeg",
                                   "width", G_TYPE_INT, width,
                                   "height", G_TYPE_INT, height,
                                   "pixel-aspect-ratio", GST_TYPE_FRACTION, 1, 1,
                                   NULL);
  jpeg = gst_video_convert_sample (sample, jpeg_caps, 10 * GST_SECOND, &gst_error);
  if (jpeg == NULL)
    {
      g_set_error (error, COACH_MEDIA_ERROR, COACH_MEDIA_ERROR_FAILED,
                   _("The thumbnail could not be made: %s"),
                   gst_error ? gst_error->message : "?");
      return NULL;
    }
  buffer = gst_sample_get_buffer (jpeg);
  if (buffer == NULL || !gst_buffer_map (buffer, &map, GST_MAP_READ))
    {
      g_set_error (error, COACH_MEDIA_ERROR, COACH_MEDIA_ERROR_FAILED,
                   _("The thumbnail could not be made"));
      return NULL;
    }
  bytes = g_bytes_new (map.data, map.size);
  gst_buffer_unmap (buffer, &map);

  if (width_out)
    *width_out = width;
  if (height_out)
    *height_out = height;
  return bytes;
}

GBytes *
coach_media_thumbnail (const char    *path,
                       gint64         at_ms,
                       guint          max_width,
                       GCancellable  *cancellable,
                       guint         *width_out,
                       guint         *height_out,
                       GError       **error)
{
  g_autoptr(GstElement) pipeline = NULL;
  g_autoptr(GstSample) sample = NULL;
  g_autofree char *uri = NULL;
  GstElement *sink = NULL;
  gint64 deadline = g_get_monotonic_time () + THUMBNAIL_TIMEOUT_US;
  gint64 duration = -1;
  GstClockTime position;
  GBytes *bytes = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (max_width >= 2, NULL);

  if (!coach_media_init (error))
    return NULL;
  ensure_debug_category ();

  if (!_coach_media_check_complete (path, error))
    return NULL;
  uri = coach_media_path_to_uri (path);
  pipeline = build_pipeline (uri, &sink);
  if (pipeline == NULL)
    {
      g_set_error (error, COACH_MEDIA_ERROR, COACH_MEDIA_ERROR_FAILED,
                   _("Video support is incomplete on this computer (GStreamer base plugins are missing)"));
      return NULL;
    }
  gst_object_ref_sink (pipeline);

  if (gst_element_set_state (pipeline, GST_STATE_PAUSED) == GST_STATE_CHANGE_FAILURE)
    {
      /* The error itself is on the bus. */
      if (_coach_media_wait (pipeline, GST_MESSAGE_ASYNC_DONE, cancellable, deadline, NULL, NULL, error))
        g_set_error (error, COACH_MEDIA_ERROR, COACH_MEDIA_ERROR_NOT_MEDIA,
                     _("This file is not a video Coachbook can read"));
      goto out;
    }
  if (!_coach_media_wait (pipeline, GST_MESSAGE_ASYNC_DONE, cancellable, deadline, NULL, NULL, error))
    goto out;

  if (at_ms >= 0)
    position = at_ms * GST_MSECOND;
  else if (gst_element_query_duration (pipeline, GST_FORMAT_TIME, &duration) && duration > 0)
    position = duration >= 2 * GST_SECOND ? GST_SECOND : (GstClockTime) duration / 2;
  else
    position = 0;

  if (position > 0)
    {
      GST_DEBUG ("seeking to %" GST_TIME_FORMAT, GST_TIME_ARGS (position));
      if (gst_element_seek_simple (pipeline, GST_FORMAT_TIME,
                                   GST_SEEK_FLAG_FLUSH | GST_SEEK_FLAG_ACCURATE, position) &&
          !_coach_media_wait (pipeline, GST_MESSAGE_ASYNC_DONE, cancellable, deadline, NULL, NULL, error))
        goto out;
      /* A file that cannot seek still gives its first frame. */
    }

  sample = gst_app_sink_try_pull_preroll (GST_APP_SINK (sink), 5 * GST_SECOND);
  if (sample == NULL)
    {
      g_set_error (error, COACH_MEDIA_ERROR, COACH_MEDIA_ERROR_DAMAGED,
                   _("This video file is damaged or incomplete"));
      goto out;
    }
  bytes = encode_sample (sample, max_width, width_out, height_out, error);

out:
  gst_element_set_state (pipeline, GST_STATE_NULL);
  return bytes;
}

typedef struct
{
  char  *path;
  guint  max_width;
} ThumbnailData;

static void
thumbnail_data_free (ThumbnailData *data)
{
  g_free (data->path);
  g_free (data);
}

static void
thumbnail_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  ThumbnailData *data = task_data;
  GError *error = NULL;
  GBytes *bytes = coach_media_thumbnail (data->path, -1, data->max_width, cancellable, NULL, NULL, &error);

  if (bytes == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, bytes, (GDestroyNotify) g_bytes_unref);
}

void
coach_media_thumbnail_async (const char          *path,
                             guint                max_width,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ThumbnailData *data;

  g_return_if_fail (path != NULL);

  data = g_new0 (ThumbnailData, 1);
  data->path = g_strdup (path);
  data->max_width = max_width;
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, coach_media_thumbnail_async);
  g_task_set_task_data (task, data, (GDestroyNotify) thumbnail_data_free);
  g_task_run_in_thread (task, thumbnail_thread);
}

GBytes *
coach_media_thumbnail_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
