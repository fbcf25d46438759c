/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coach-media-inspect"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <gst/gst.h>
#include <gst/pbutils/pbutils.h>
#include <gst/video/video.h>
#include <string.h>

#include "coach-media-inspect.h"
#include "coach-media-private.h"

GST_DEBUG_CATEGORY_STATIC (coach_media_inspect_debug);
#define GST_CAT_DEFAULT coach_media_inspect_debug

#define DISCOVER_TIMEOUT (20 * GST_SECOND)

static void
ensure_debug_category (void)
{
  static gsize once = 0;

  if (g_once_init_enter (&once))
    {
      GST_DEBUG_CATEGORY_INIT (coach_media_inspect_debug, "coach-media-inspect", 0, "Clip metadata");
      g_once_init_leave (&once, 1);
    }
}

void
coach_media_info_free (CoachMediaInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->container);
  g_free (info->video_codec);
  g_free (info->audio_codec);
  g_free (info);
}

static char *
describe_caps (GstCaps *caps)
{
  if (caps == NULL || gst_caps_is_empty (caps) || gst_caps_is_any (caps))
    return NULL;
  return gst_pb_utils_get_codec_description (caps);
}

static guint
rotation_from_tags (const GstTagList *tags)
{
  g_autofree char *orientation = NULL;

  if (tags == NULL || !gst_tag_list_get_string (tags, GST_TAG_IMAGE_ORIENTATION, &orientation))
    return 0;
  /* Flipped orientations are rare on phones; their rotation part still
   * decides whether the picture is portrait. */
  if (g_str_has_suffix (orientation, "-90"))
    return 90;
  if (g_str_has_suffix (orientation, "-180"))
    return 180;
  if (g_str_has_suffix (orientation, "-270"))
    return 270;
  return 0;
}

/* The "description" field of the installer details of the first missing
 * plugin, e.g. "H.265 (Main Profile) decoder". */
static char *
missing_description (GstDiscovererInfo *info)
{
  const char **details = gst_discoverer_info_get_missing_elements_installer_details (info);
  g_auto(GStrv) parts = NULL;

  if (details == NULL || details[0] == NULL)
    return NULL;
  parts = g_strsplit (details[0], "|", 5);
  if (g_strv_length (parts) < 4)
    return NULL;
  return g_strdup (parts[3]);
}

static gboolean
set_result_error (GstDiscovererInfo  *info,
                  const GError       *gst_error,
                  GError            **error)
{
  GstDiscovererResult result = gst_discoverer_info_get_result (info);

  switch (result)
    {
    case GST_DISCOVERER_OK:
      return TRUE;

    case GST_DISCOVERER_TIMEOUT:
      g_set_error (error, COACH_MEDIA_ERROR, COACH_MEDIA_ERROR_TIMED_OUT,
                   _("Reading this video took too long; the file may be damaged or incomplete"));
      return FALSE;

    case GST_DISCOVERER_MISSING_PLUGINS:
      {
        g_autofree char *what = missing_description (info);

        if (what)
          g_set_error (error, COACH_MEDIA_ERROR, COACH_MEDIA_ERROR_UNSUPPORTED,
                       _("This video uses a format this computer cannot play (missing: %s)"), what);
        else
          g_set_error (error, COACH_MEDIA_ERROR, COACH_MEDIA_ERROR_UNSUPPORTED,
                       _("This video uses a format this computer cannot play"));
        return FALSE;
      }

    case GST_DISCOVERER_URI_INVALID:
    case GST_DISCOVERER_ERROR:
    case GST_DISCOVERER_BUSY:
    default:
      break;
    }

  GST_INFO ("discoverer error: %s", gst_error ? gst_error->message : "?");
  if (gst_error != NULL && gst_error->domain == GST_STREAM_ERROR &&
      (gst_error->code == GST_STREAM_ERROR_TYPE_NOT_FOUND ||
       gst_error->code == GST_STREAM_ERROR_WRONG_TYPE))
    g_set_error (error, COACH_MEDIA_ERROR, COACH_MEDIA_ERROR_NOT_MEDIA,
                 _("This file is not a video Coachbook can read"));
  else if (gst_error != NULL && gst_error->domain == GST_RESOURCE_ERROR)
    g_set_error (error, COACH_MEDIA_ERROR, COACH_MEDIA_ERROR_FAILED,
                 _("This file could not be opened: %s"), gst_error->message);
  else
    g_set_error (error, COACH_MEDIA_ERROR, COACH_MEDIA_ERROR_DAMAGED,
                 _("This video file is damaged or incomplete"));
  return FALSE;
}

static CoachMediaInfo *
info_from_discoverer (GstDiscovererInfo  *dinfo,
                      GError            **error)
{
  g_autoptr(CoachMediaInfo) info = g_new0 (CoachMediaInfo, 1);
  g_autoptr(GstDiscovererStreamInfo) top = gst_discoverer_info_get_stream_info (dinfo);
  GList *videos = gst_discoverer_info_get_video_streams (dinfo);
  GList *audios = gst_discoverer_info_get_audio_streams (dinfo);
  GstDiscovererVideoInfo *video = NULL;
  GstClockTime duration;
  gboolean ok = TRUE;

  for (GList *l = videos; l; l = l->next)
    if (!gst_discoverer_video_info_is_image (l->data))
      {
        video = l->data;
        break;
      }

  if (video == NULL)
    {
      if (videos != NULL)
        g_set_error (error, COACH_MEDIA_ERROR, COACH_MEDIA_ERROR_NO_VIDEO,
                     _("This file is a still picture, not a video"));
      else if (audios != NULL)
        g_set_error (error, COACH_MEDIA_ERROR, COACH_MEDIA_ERROR_NO_VIDEO,
                     _("This file has sound but no picture"));
      else
        g_set_error (error, COACH_MEDIA_ERROR, COACH_MEDIA_ERROR_NOT_MEDIA,
                     _("This file is not a video Coachbook can read"));
      ok = FALSE;
      goto out;
    }

  duration = gst_discoverer_info_get_duration (dinfo);
  info->duration_ms = GST_CLOCK_TIME_IS_VALID (duration) ? (gint64) (duration / GST_MSECOND) : 0;
  info->coded_width = gst_discoverer_video_info_get_width (video);
  info->coded_height = gst_discoverer_video_info_get_height (video);
  if (gst_discoverer_video_info_get_framerate_denom (video) > 0 &&
      gst_discoverer_video_info_get_framerate_num (video) > 0)
    info->frame_rate = (double) gst_discoverer_video_info_get_framerate_num (video) /
                       gst_discoverer_video_info_get_framerate_denom (video);

  info->rotation = rotation_from_tags (gst_discoverer_stream_info_get_tags (GST_DISCOVERER_STREAM_INFO (video)));
  if (info->rotation == 0)
    info->rotation = rotation_from_tags (gst_discoverer_info_get_tags (dinfo));

  {
    guint par_n = gst_discoverer_video_info_get_par_num (video);
    guint par_d = gst_discoverer_video_info_get_par_denom (video);
    guint w = info->coded_width, h = info->coded_height;

    /* Shown size: square pixels, then the rotation. */
    if (par_n > 0 && par_d > 0 && par_n != par_d)
      w = (guint) gst_util_uint64_scale_round (w, par_n, par_d);
    if (info->rotation == 90 || info->rotation == 270)
      {
        info->width = h;
        info->height = w;
      }
    else
      {
        info->width = w;
        info->height = h;
      }
  }

  {
    g_autoptr(GstCaps) caps = gst_discoverer_stream_info_get_caps (GST_DISCOVERER_STREAM_INFO (video));

    info->video_codec = describe_caps (caps);
  }
  if (GST_IS_DISCOVERER_CONTAINER_INFO (top))
    {
      g_autoptr(GstCaps) caps = gst_discoverer_stream_info_get_caps (top);

      info->container = describe_caps (caps);
    }
  if (audios != NULL)
    {
      g_autoptr(GstCaps) caps = gst_discoverer_stream_info_get_caps (audios->data);

      info->has_audio = TRUE;
      info->audio_codec = describe_caps (caps);
    }

  if (info->coded_width == 0 || info->coded_height == 0)
    {
      g_set_error (error, COACH_MEDIA_ERROR, COACH_MEDIA_ERROR_DAMAGED,
                   _("This video file is damaged or incomplete"));
      ok = FALSE;
    }

out:
  gst_discoverer_stream_info_list_free (videos);
  gst_discoverer_stream_info_list_free (audios);
  return ok ? g_steal_pointer (&info) : NULL;
}

CoachMediaInfo *
coach_media_inspect (const char    *path,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(GstDiscoverer) discoverer = NULL;
  g_autoptr(GstDiscovererInfo) dinfo = NULL;
  g_autoptr(GError) gst_error = NULL;
  g_autofree char *uri = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  if (!coach_media_init (error))
    return NULL;
  ensure_debug_category ();

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("The file “%s” is missing"), path);
      return NULL;
    }

  if (!_coach_media_check_complete (path, error))
    return NULL;

  discoverer = gst_discoverer_new (DISCOVER_TIMEOUT, &gst_error);
  if (discoverer == NULL)
    {
      g_set_error (error, COACH_MEDIA_ERROR, COACH_MEDIA_ERROR_FAILED,
                   _("Video support could not start: %s"), gst_error->message);
      return NULL;
    }
  uri = coach_media_path_to_uri (path);
  dinfo = gst_discoverer_discover_uri (discoverer, uri, &gst_error);
  if (dinfo == NULL)
    {
      g_set_error (error, COACH_MEDIA_ERROR, COACH_MEDIA_ERROR_NOT_MEDIA,
                   _("This file is not a video Coachbook can read"));
      return NULL;
    }
  /* A file without a picture stream is reported as such even when the
   * discoverer also complains (e.g. about a missing audio decoder). */
  if (gst_discoverer_info_get_result (dinfo) != GST_DISCOVERER_OK)
    {
      GList *videos = gst_discoverer_info_get_video_streams (dinfo);
      GList *audios = gst_discoverer_info_get_audio_streams (dinfo);
      gboolean audio_only = videos == NULL && audios != NULL &&
                            gst_discoverer_info_get_result (dinfo) == GST_DISCOVERER_MISSING_PLUGINS;

      gst_discoverer_stream_info_list_free (videos);
      gst_discoverer_stream_info_list_free (audios);
      if (!audio_only)
        {
          set_result_error (dinfo, gst_error, error);
          return NULL;
        }
    }
  return info_from_discoverer (dinfo, error);
}

static void
inspect_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GError *error = NULL;
  CoachMediaInfo *info = coach_media_inspect (task_data, cancellable, &error);

  if (info == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, info, (GDestroyNotify) coach_media_info_free);
}

void
coach_media_inspect_async (const char          *path,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (path != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, coach_media_inspect_async);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, inspect_thread);
}

CoachMediaInfo *
coach_media_inspect_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
coach_media_info_apply (const CoachMediaInfo *info,
                        CoachClip            *clip)
{
  CoachRecord *record = COACH_RECORD (clip);

  g_return_if_fail (info != NULL);
  g_return_if_fail (COACH_IS_CLIP (clip));

  coach_record_set_int (record, "duration_ms", info->duration_ms);
  coach_record_set_int (record, "width", MIN (info->width, 65535));
  coach_record_set_int (record, "height", MIN (info->height, 65535));
  if (info->frame_rate > 0 && info->frame_rate <= 1000)
    coach_record_set_double (record, "frame_rate", info->frame_rate);
  else
    coach_record_set_null (record, "frame_rate");
  coach_record_set_int (record, "rotation", info->rotation);
  if (info->container)
    coach_record_set_string (record, "container", info->container);
  else
    coach_record_set_null (record, "container");
  if (info->video_codec)
    coach_record_set_string (record, "video_codec", info->video_codec);
  else
    coach_record_set_null (record, "video_codec");
  if (info->audio_codec)
    coach_record_set_string (record, "audio_codec", info->audio_codec);
  else
    coach_record_set_null (record, "audio_codec");
}
