/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coach-media-transcode"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <gst/gst.h>
#include <gst/pbutils/pbutils.h>

#include "coach-media-inspect.h"
#include "coach-media-private.h"
#include "coach-media-transcode.h"

GST_DEBUG_CATEGORY_STATIC (coach_media_transcode_debug);
#define GST_CAT_DEFAULT coach_media_transcode_debug

/* Quality like `ffmpeg -c:v libx264 -preset veryfast -crf 23`: x264enc's
 * "qual" pass is x264's CRF mode, with "quantizer" as the CRF value. */
#define X264_CRF 23
#define KEYFRAME_SECONDS 2

static void
ensure_debug_category (void)
{
  static gsize once = 0;

  if (g_once_init_enter (&once))
    {
      GST_DEBUG_CATEGORY_INIT (coach_media_transcode_debug, "coach-media-transcode", 0,
                               "Sharing proxies");
      g_once_init_leave (&once, 1);
    }
}

static gboolean
factory_exists (const char *name)
{
  g_autoptr(GstElementFactory) factory = gst_element_factory_find (name);

  return factory != NULL;
}

/* A hardware encoder is only listed when a device answers, but it can
 * still fail to open: try it once. */
static gboolean
encoder_works (const char *name)
{
  g_autoptr(GstElement) element = NULL;
  gboolean ok;

  if (!factory_exists (name))
    return FALSE;
  element = gst_element_factory_make (name, NULL);
  if (element == NULL)
    return FALSE;
  gst_object_ref_sink (element);
  ok = gst_element_set_state (element, GST_STATE_READY) != GST_STATE_CHANGE_FAILURE;
  gst_element_set_state (element, GST_STATE_NULL);
  return ok;
}

static const char *
pick_first (const char * const *names)
{
  for (guint i = 0; names[i]; i++)
    if (factory_exists (names[i]))
      return names[i];
  return NULL;
}

CoachMediaProxyFormat
coach_media_proxy_format (const char **encoder_out)
{
  static gsize once = 0;
  static CoachMediaProxyFormat format = COACH_MEDIA_PROXY_NONE;
  static const char *encoder = NULL;

  if (g_once_init_enter (&once))
    {
      static const char * const hardware[] = { "vah264enc", "vaapih264enc", NULL };

      if (coach_media_init (NULL))
        {
          for (guint i = 0; hardware[i] && encoder == NULL; i++)
            if (encoder_works (hardware[i]))
              encoder = hardware[i];
          if (encoder == NULL && factory_exists ("x264enc"))
            encoder = "x264enc";
          if (encoder != NULL && factory_exists ("mp4mux"))
            format = COACH_MEDIA_PROXY_MP4_H264_AAC;
          else if (factory_exists ("vp9enc") && factory_exists ("webmmux"))
            {
              encoder = "vp9enc";
              format = COACH_MEDIA_PROXY_WEBM_VP9_OPUS;
            }
        }
      g_once_init_leave (&once, 1);
    }
  if (encoder_out)
    *encoder_out = encoder;
  return format;
}

void
coach_media_proxy_size (guint  width,
                        guint  height,
                        guint  max_height,
                        guint *out_width,
                        guint *out_height)
{
  /* "1080p" means the short side: a portrait clip may be 1080 wide. */
  guint short_side = MIN (width, height);
  guint w = width, h = height;

  if (short_side > max_height)
    {
      w = (guint) gst_util_uint64_scale_round (width, max_height, short_side);
      h = (guint) gst_util_uint64_scale_round (height, max_height, short_side);
    }
  *out_width = MAX (2, w & ~1u);
  *out_height = MAX (2, h & ~1u);
}

static GstEncodingProfile *
make_profile (CoachMediaProxyFormat  format,
              const char            *video_encoder,
              gboolean               with_audio)
{
  g_autoptr(GstCaps) container_caps = NULL;
  g_autoptr(GstCaps) video_caps = NULL;
  GstEncodingContainerProfile *container;
  GstEncodingVideoProfile *video;

  if (format == COACH_MEDIA_PROXY_MP4_H264_AAC)
    {
      container_caps = gst_caps_from_string ("video/quicktime,variant=iso");
      video_caps = gst_caps_from_string ("video/x-h264,profile=high");
    }
  else
    {
      container_caps = gst_caps_from_string ("video/webm");
      video_caps = gst_caps_from_string ("video/x-vp9");
    }
  container = gst_encoding_container_profile_new ("proxy", NULL, container_caps, NULL);
  video = gst_encoding_video_profile_new (video_caps, NULL, NULL, 0);
  /* The preset name picks the element factory. */
  gst_encoding_profile_set_preset_name (GST_ENCODING_PROFILE (video), video_encoder);
  gst_encoding_container_profile_add_profile (container, GST_ENCODING_PROFILE (video));

  if (with_audio)
    {
      static const char * const aac[] = { "fdkaacenc", "voaacenc", "avenc_aac", NULL };
      g_autoptr(GstCaps) audio_caps = NULL;
      GstEncodingAudioProfile *audio;
      const char *audio_encoder;

      if (format == COACH_MEDIA_PROXY_MP4_H264_AAC)
        {
          audio_caps = gst_caps_from_string ("audio/mpeg,mpegversion=4");
          audio_encoder = pick_first (aac);
        }
      else
        {
          audio_caps = gst_caps_from_string ("audio/x-opus");
          audio_encoder = "opusenc";
        }
      audio = gst_encoding_audio_profile_new (audio_caps, NULL, NULL, 0);
      if (audio_encoder)
        {
          g_autoptr(GstElementFactory) factory = gst_element_factory_find (audio_encoder);

          /* encodebin skips encoders of rank none, which is avenc_aac's. */
          if (gst_plugin_feature_get_rank (GST_PLUGIN_FEATURE (factory)) < GST_RANK_MARGINAL)
            gst_plugin_feature_set_rank (GST_PLUGIN_FEATURE (factory), GST_RANK_MARGINAL);
          gst_encoding_profile_set_preset_name (GST_ENCODING_PROFILE (audio), audio_encoder);
        }
      gst_encoding_container_profile_add_profile (container, GST_ENCODING_PROFILE (audio));
    }
  return GST_ENCODING_PROFILE (container);
}

typedef struct
{
  guint fps;
} EncoderSettings;

static void
pipeline_deep_element_added_cb (GstBin          *bin,
                                GstBin          *sub_bin,
                                GstElement      *element,
                                EncoderSettings *settings)
{
  GstElementFactory *factory = gst_element_get_factory (element);
  const char *name = factory ? GST_OBJECT_NAME (factory) : "";
  guint keyint = MAX (1, settings->fps) * KEYFRAME_SECONDS;

  if (g_str_equal (name, "x264enc"))
    {
      gst_util_set_object_arg (G_OBJECT (element), "speed-preset", "veryfast");
      gst_util_set_object_arg (G_OBJECT (element), "pass", "qual");
      /* In "qual" mode x264enc turns its bitrate (2 Mbit/s by default)
       * into a VBV cap, which costs quality and time; a zero buffer
       * leaves plain CRF, as ffmpeg does. */
      g_object_set (element,
                    "vbv-buf-capacity", 0,
                    "quantizer", X264_CRF,
                    "key-int-max", keyint,
                    "threads", 0,
                    NULL);
    }
  else if (g_str_equal (name, "vp9enc"))
    {
      gst_util_set_object_arg (G_OBJECT (element), "end-usage", "cq");
      g_object_set (element,
                    "cq-level", 32,
                    "deadline", (gint64) 1,
                    "cpu-used", 5,
                    "row-mt", TRUE,
                    "threads", MAX (1, g_get_num_processors ()),
                    "keyframe-max-dist", keyint,
                    NULL);
    }
  else if (g_str_equal (name, "mp4mux"))
    g_object_set (element, "faststart", TRUE, NULL);
}

static void
decoder_pad_added_cb (GstElement *decoder,
                      GstPad     *pad,
                      GstBin     *pipeline)
{
  g_autoptr(GstCaps) caps = gst_pad_get_current_caps (pad);
  g_autoptr(GstElement) head = NULL;
  g_autoptr(GstPad) sink = NULL;
  const char *media;

  if (caps == NULL)
    caps = gst_pad_query_caps (pad, NULL);
  media = gst_structure_get_name (gst_caps_get_structure (caps, 0));
  if (g_str_has_prefix (media, "video/"))
    head = gst_bin_get_by_name (pipeline, "video-in");
  else if (g_str_has_prefix (media, "audio/"))
    head = gst_bin_get_by_name (pipeline, "audio-in");
  if (head == NULL)
    return;
  sink = gst_element_get_static_pad (head, "sink");
  if (gst_pad_is_linked (sink))
    return;   /* only the first stream of each kind */
  if (gst_pad_link (pad, sink) != GST_PAD_LINK_OK)
    GST_WARNING ("could not link %s", media);
}

static gboolean
add_chain (GstElement  *pipeline,
           GstElement  *encodebin,
           const char  *pad_template,
           const char  *description,
           GError     **error)
{
  g_autoptr(GError) parse_error = NULL;
  GstElement *chain = gst_parse_bin_from_description (description, TRUE, &parse_error);
  g_autoptr(GstPad) src = NULL;
  g_autoptr(GstPad) enc = NULL;

  if (chain == NULL)
    {
      g_set_error (error, COACH_MEDIA_ERROR, COACH_MEDIA_ERROR_FAILED,
                   _("Video support is incomplete on this computer: %s"), parse_error->message);
      return FALSE;
    }
  /* Named so the decoder's pads find their way in. */
  gst_element_set_name (chain, g_str_has_prefix (pad_template, "video") ? "video-in" : "audio-in");
  gst_bin_add (GST_BIN (pipeline), chain);
  src = gst_element_get_static_pad (chain, "src");
  enc = gst_element_request_pad_simple (encodebin, pad_template);
  if (enc == NULL || src == NULL || gst_pad_link (src, enc) != GST_PAD_LINK_OK)
    {
      GST_WARNING ("cannot link %s (%p) to encodebin (%p)", description, src, enc);
      g_set_error (error, COACH_MEDIA_ERROR, COACH_MEDIA_ERROR_NO_ENCODER,
                   _("No suitable encoder is installed to make the sharing copy"));
      return FALSE;
    }
  return TRUE;
}

typedef struct
{
  CoachMediaProgressFunc func;
  gpointer               data;
} Progress;

static void
poll_progress (GstElement *pipeline,
               gpointer    user_data)
{
  Progress *progress = user_data;
  gint64 position = 0, duration = 0;

  if (progress->func == NULL)
    return;
  if (gst_element_query_position (pipeline, GST_FORMAT_TIME, &position) &&
      gst_element_query_duration (pipeline, GST_FORMAT_TIME, &duration) && duration > 0)
    progress->func (MIN (1.0, (double) position / duration), progress->data);
}

static gboolean
transcode (const char             *src,
           const char             *dest,
           guint                   max_height,
           CoachMediaProgressFunc  progress_func,
           gpointer                progress_data,
           GCancellable           *cancellable,
           GError                **error)
{
  g_autoptr(CoachMediaInfo) info = NULL;
  g_autoptr(GstElement) pipeline = NULL;
  g_autoptr(GstEncodingProfile) profile = NULL;
  g_autoptr(GstCaps) decode_caps = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *video_chain = NULL;
  GstElement *decoder, *encodebin, *sink;
  const char *encoder = NULL;
  CoachMediaProxyFormat format;
  EncoderSettings settings = { 30 };
  Progress progress = { progress_func, progress_data };
  guint width, height;
  gboolean ok = FALSE;

  if (!coach_media_init (error))
    return FALSE;
  ensure_debug_category ();

  format = coach_media_proxy_format (&encoder);
  if (format == COACH_MEDIA_PROXY_NONE)
    {
      g_set_error (error, COACH_MEDIA_ERROR, COACH_MEDIA_ERROR_NO_ENCODER,
                   _("No video encoder is installed, so no sharing copy can be made"));
      return FALSE;
    }

  info = coach_media_inspect (src, cancellable, error);
  if (info == NULL)
    return FALSE;
  if (info->frame_rate >= 1)
    settings.fps = (guint) (info->frame_rate + 0.5);
  coach_media_proxy_size (info->width, info->height, max_height > 0 ? max_height : COACH_MEDIA_PROXY_MAX_HEIGHT,
                          &width, &height);
  GST_INFO ("%s -> %s with %s, %ux%u", src, dest, encoder, width, height);

  pipeline = gst_pipeline_new ("transcode");
  gst_object_ref_sink (pipeline);
  decoder = gst_element_factory_make ("uridecodebin", NULL);
  encodebin = gst_element_factory_make ("encodebin", NULL);
  sink = gst_element_factory_make ("filesink", NULL);
  if (decoder == NULL || encodebin == NULL || sink == NULL)
    {
      g_clear_object (&decoder);
      g_clear_object (&encodebin);
      g_clear_object (&sink);
      g_set_error (error, COACH_MEDIA_ERROR, COACH_MEDIA_ERROR_FAILED,
                   _("Video support is incomplete on this computer (GStreamer base plugins are missing)"));
      return FALSE;
    }

  uri = coach_media_path_to_uri (src);
  decode_caps = gst_caps_from_string ("video/x-raw(ANY);audio/x-raw(ANY)");
  g_object_set (decoder, "uri", uri, "caps", decode_caps, "expose-all-streams", FALSE, NULL);
  profile = make_profile (format, encoder, info->has_audio);
  g_object_set (encodebin, "profile", profile, NULL);
  g_object_set (sink, "location", dest, NULL);
  g_signal_connect (pipeline, "deep-element-added", G_CALLBACK (pipeline_deep_element_added_cb), &settings);

  gst_bin_add_many (GST_BIN (pipeline), decoder, encodebin, sink, NULL);
  if (!gst_element_link (encodebin, sink))
    {
      g_set_error (error, COACH_MEDIA_ERROR, COACH_MEDIA_ERROR_FAILED, _("The sharing copy could not be set up"));
      goto out;
    }

  /* Upright first (phones store landscape frames plus a rotation tag),
   * then scaled down with square pixels. Catmull-Rom is close to ffmpeg's
   * bicubic: the default bilinear kernel keeps more noise, which costs
   * ~30% more bits for a lower SSIM. Decoding, scaling and encoding each
   * get a thread (the queues); more scaler threads only contend with the
   * encoder's. */
  video_chain = g_strdup_printf ("queue max-size-time=2000000000 max-size-bytes=0 max-size-buffers=0 "
                                 "! videoflip method=automatic ! videoconvert "
                                 "! videoscale method=catrom n-threads=1 "
                                 "! capsfilter caps=\"video/x-raw,width=%u,height=%u,pixel-aspect-ratio=1/1\" "
                                 "! queue max-size-buffers=8 max-size-bytes=0 max-size-time=0",
                                 width, height);
  if (!add_chain (pipeline, encodebin, "video_%u", video_chain, error))
    goto out;
  if (info->has_audio &&
      !add_chain (pipeline, encodebin, "audio_%u",
                  "queue max-size-time=2000000000 max-size-bytes=0 max-size-buffers=0 "
                  "! audioconvert ! audioresample", error))
    goto out;
  g_signal_connect_object (decoder, "pad-added", G_CALLBACK (decoder_pad_added_cb), pipeline, 0);

  if (gst_element_set_state (pipeline, GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE)
    {
      if (_coach_media_wait (pipeline, GST_MESSAGE_EOS, cancellable, 0, NULL, NULL, error))
        g_set_error (error, COACH_MEDIA_ERROR, COACH_MEDIA_ERROR_FAILED, _("The sharing copy could not be started"));
      goto out;
    }
  ok = _coach_media_wait (pipeline, GST_MESSAGE_EOS, cancellable, 0, poll_progress, &progress, error);
  if (ok && progress_func)
    progress_func (1.0, progress_data);

out:
  gst_element_set_state (pipeline, GST_STATE_NULL);
  return ok;
}

gboolean
coach_media_transcode (const char             *src,
                       const char             *dest,
                       guint                   max_height,
                       CoachMediaProgressFunc  progress_func,
                       gpointer                progress_data,
                       GCancellable           *cancellable,
                       GError                **error)
{
  g_return_val_if_fail (src != NULL && dest != NULL, FALSE);

  if (transcode (src, dest, max_height, progress_func, progress_data, cancellable, error))
    return TRUE;
  /* Never leave half a file behind (a full disk, a cancel). */
  g_unlink (dest);
  return FALSE;
}
