/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 *
 * Trimming works on the stream as it flows, not with a seek: a seek on a
 * pipeline that already holds a muxer leaves the frames that reached it
 * before the seek in the file (a 1 s trim can come out 1.5 s that way).
 * Instead a probe on every stream drops what lies before the cut,
 * replaces the segment so running time (which the muxer writes) starts
 * at zero on the cut, and ends the stream at the out point. The price:
 * the part before the in point is read (copy) or decoded (re-encode),
 * though never encoded; drills are short, so that stays cheap.
 */
#define G_LOG_DOMAIN "coach-media-trim"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <gst/gst.h>

#include "coach-media-inspect.h"
#include "coach-media-private.h"
#include "coach-media-transcode.h"
#include "coach-media-trim.h"

GST_DEBUG_CATEGORY_STATIC (coach_media_trim_debug);
#define GST_CAT_DEFAULT coach_media_trim_debug

#define KEYFRAME_SECONDS 2

static void
ensure_debug_category (void)
{
  static gsize once = 0;

  if (g_once_init_enter (&once))
    {
      GST_DEBUG_CATEGORY_INIT (coach_media_trim_debug, "coach-media-trim", 0, "Trimming clips");
      g_once_init_leave (&once, 1);
    }
}

/* ----------------------------------------------------------------- *
 * Cutting streams
 * ----------------------------------------------------------------- */

typedef struct
{
  GstClockTime cut_time;   /* where the output starts, stream time */
  GstClockTime out_time;
  GstClockTime cut;        /* the same as buffer timestamps */
  GstClockTime out;
  gboolean     copy;       /* encoded frames: start on a keyframe */
  gboolean     is_video;
  gboolean     started;
  gboolean     ended;
  gboolean     pushing;    /* our own push passing the probe again */
  GstBuffer   *held;       /* re-encode: the frame waiting for the next */
  gint         rate;       /* raw audio only (S16 interleaved) */
  gint         bpf;
} Cutter;

/* A decoded frame is shown until the next one starts, which with a
 * variable frame rate can be long after its own duration: so each frame
 * waits for the next, and is pushed cut to [cut, out) with that end. */
static void
push_held (GstPad       *pad,
           Cutter       *cutter,
           GstClockTime  next,
           gboolean      last)
{
  GstBuffer *held = g_steal_pointer (&cutter->held);
  GstBuffer *repeat = NULL;
  GstClockTime start, end, own;

  if (held == NULL)
    return;
  if (!GST_CLOCK_TIME_IS_VALID (next))
    next = GST_BUFFER_DURATION_IS_VALID (held) ? GST_BUFFER_PTS (held) + GST_BUFFER_DURATION (held) : cutter->out;
  start = MAX (GST_BUFFER_PTS (held), cutter->cut);
  end = MIN (next, cutter->out);
  if (end <= start)
    {
      gst_buffer_unref (held);
      return;
    }
  held = gst_buffer_make_writable (held);
  own = GST_BUFFER_DURATION (held);
  /* Encoders keep a frame for its own duration only: a last frame that
   * stays on screen longer is repeated so the export lasts to the end. */
  if (last && GST_CLOCK_TIME_IS_VALID (own) && own > 0 && start + 2 * own <= end)
    {
      repeat = gst_buffer_copy (held);
      GST_BUFFER_PTS (repeat) = end - own;
      GST_BUFFER_DTS (repeat) = GST_CLOCK_TIME_NONE;
      GST_BUFFER_DURATION (repeat) = own;
      end -= own;
    }
  GST_BUFFER_PTS (held) = start;
  GST_BUFFER_DTS (held) = GST_CLOCK_TIME_NONE;
  GST_BUFFER_DURATION (held) = end - start;
  cutter->pushing = TRUE;
  if (gst_pad_push (pad, held) == GST_FLOW_OK && repeat)
    gst_pad_push (pad, g_steal_pointer (&repeat));
  cutter->pushing = FALSE;
  gst_clear_buffer (&repeat);
}

static GstPadProbeReturn
end_stream (GstPad          *pad,
            GstPadProbeInfo *info,
            Cutter          *cutter)
{
  if (!cutter->ended)
    {
      if (cutter->is_video && !cutter->copy)
        push_held (pad, cutter, cutter->out, TRUE);
      cutter->ended = TRUE;
      /* Into the peer, not through this pad: a pad that saw EOS fails
       * the tag events decoders still send, which stops the pipeline. */
      {
        g_autoptr(GstPad) peer = gst_pad_get_peer (pad);

        if (peer)
          gst_pad_send_event (peer, gst_event_new_eos ());
      }
    }
  /* EOS upstream too, so the demuxer stops reading this stream. */
  gst_mini_object_unref (GST_PAD_PROBE_INFO_DATA (info));
  GST_PAD_PROBE_INFO_FLOW_RETURN (info) = GST_FLOW_EOS;
  return GST_PAD_PROBE_HANDLED;
}

static GstPadProbeReturn
cut_event (GstPad          *pad,
           GstPadProbeInfo *info,
           Cutter          *cutter)
{
  GstEvent *event = GST_PAD_PROBE_INFO_EVENT (info);

  switch (GST_EVENT_TYPE (event))
    {
    case GST_EVENT_SEGMENT:
      {
        const GstSegment *in_segment;
        GstSegment segment;

        gst_event_parse_segment (event, &in_segment);
        if (in_segment->format != GST_FORMAT_TIME)
          return GST_PAD_PROBE_OK;
        /* Stream time is what the user sees (an edit list can shift the
         * timestamps away from it). */
        cutter->cut = gst_segment_position_from_stream_time (in_segment, GST_FORMAT_TIME, cutter->cut_time);
        cutter->out = gst_segment_position_from_stream_time (in_segment, GST_FORMAT_TIME, cutter->out_time);
        if (!GST_CLOCK_TIME_IS_VALID (cutter->cut))
          cutter->cut = in_segment->start;
        if (!GST_CLOCK_TIME_IS_VALID (cutter->out))
          cutter->out = G_MAXUINT64 - 1;
        gst_segment_copy_into (in_segment, &segment);
        segment.start = cutter->cut;
        segment.time = cutter->cut_time;
        segment.position = cutter->cut;
        segment.stop = cutter->out;
        segment.base = 0;
        gst_event_unref (event);
        GST_PAD_PROBE_INFO_DATA (info) = gst_event_new_segment (&segment);
        return GST_PAD_PROBE_OK;
      }
    case GST_EVENT_CAPS:
      if (!cutter->is_video && !cutter->copy)
        {
          GstCaps *caps;
          GstStructure *structure;
          gint channels = 0;

          gst_event_parse_caps (event, &caps);
          structure = gst_caps_get_structure (caps, 0);
          if (gst_structure_get_int (structure, "rate", &cutter->rate) &&
              gst_structure_get_int (structure, "channels", &channels))
            cutter->bpf = 2 * channels;
        }
      return GST_PAD_PROBE_OK;
    case GST_EVENT_EOS:
      if (cutter->is_video && !cutter->copy)
        push_held (pad, cutter, GST_CLOCK_TIME_NONE, TRUE);
      cutter->ended = TRUE;
      return GST_PAD_PROBE_OK;
    case GST_EVENT_FLUSH_STOP:
      gst_clear_buffer (&cutter->held);
      return GST_PAD_PROBE_OK;
    default:
      return GST_PAD_PROBE_OK;
    }
}

static GstPadProbeReturn
cut_video_buffer (GstPad          *pad,
                  GstPadProbeInfo *info,
                  Cutter          *cutter)
{
  GstBuffer *buffer = GST_PAD_PROBE_INFO_BUFFER (info);
  GstClockTime pts = GST_BUFFER_PTS (buffer);
  GstClockTime dts = GST_BUFFER_DTS_OR_PTS (buffer);

  if (!GST_CLOCK_TIME_IS_VALID (pts))
    return cutter->started && cutter->copy ? GST_PAD_PROBE_OK : GST_PAD_PROBE_DROP;

  if (cutter->copy)
    {
      /* Decode order: everything from the keyframe on, until the
       * decoding time reaches the out point. */
      if (!cutter->started)
        {
          if (pts + GST_MSECOND < cutter->cut || GST_BUFFER_FLAG_IS_SET (buffer, GST_BUFFER_FLAG_DELTA_UNIT))
            return GST_PAD_PROBE_DROP;
          cutter->started = TRUE;
        }
      if (GST_CLOCK_TIME_IS_VALID (dts) && dts >= cutter->out)
        return end_stream (pad, info, cutter);
      return GST_PAD_PROBE_OK;
    }

  if (pts >= cutter->out)
    return end_stream (pad, info, cutter);
  /* This frame already shows at the cut: the held one is never seen. */
  if (pts <= cutter->cut)
    gst_clear_buffer (&cutter->held);
  else
    push_held (pad, cutter, pts, FALSE);
  cutter->held = buffer;
  cutter->started = TRUE;
  GST_PAD_PROBE_INFO_FLOW_RETURN (info) = GST_FLOW_OK;
  return GST_PAD_PROBE_HANDLED;
}

static GstPadProbeReturn
cut_audio_buffer (GstPad          *pad,
                  GstPadProbeInfo *info,
                  Cutter          *cutter)
{
  GstBuffer *buffer = GST_PAD_PROBE_INFO_BUFFER (info);
  GstClockTime pts = GST_BUFFER_PTS (buffer);

  if (!GST_CLOCK_TIME_IS_VALID (pts))
    return GST_PAD_PROBE_DROP;
  if (pts >= cutter->out)
    return end_stream (pad, info, cutter);

  if (cutter->copy)
    /* Compressed frames cannot be split: keep whole ones inside. */
    return pts + GST_MSECOND < cutter->cut ? GST_PAD_PROBE_DROP : GST_PAD_PROBE_OK;

  if (cutter->rate <= 0 || cutter->bpf <= 0)
    return GST_PAD_PROBE_DROP;
  {
    guint64 n = gst_buffer_get_size (buffer) / cutter->bpf;
    guint64 skip = 0, keep = n;
    GstClockTime end = pts + gst_util_uint64_scale (n, GST_SECOND, cutter->rate);

    if (end <= cutter->cut)
      return GST_PAD_PROBE_DROP;
    if (pts < cutter->cut)
      skip = gst_util_uint64_scale_ceil (cutter->cut - pts, cutter->rate, GST_SECOND);
    if (end > cutter->out)
      keep = gst_util_uint64_scale (cutter->out - pts, cutter->rate, GST_SECOND);
    if (skip == 0 && keep == n)
      return GST_PAD_PROBE_OK;
    if (keep <= skip)
      return GST_PAD_PROBE_DROP;
    /* Sample-exact edges (audio frames straddle the cut). */
    buffer = gst_buffer_copy_region (buffer, GST_BUFFER_COPY_ALL, skip * cutter->bpf, (keep - skip) * cutter->bpf);
    GST_BUFFER_PTS (buffer) = pts + gst_util_uint64_scale (skip, GST_SECOND, cutter->rate);
    GST_BUFFER_DURATION (buffer) = gst_util_uint64_scale (keep - skip, GST_SECOND, cutter->rate);
    gst_buffer_unref (GST_PAD_PROBE_INFO_BUFFER (info));
    GST_PAD_PROBE_INFO_DATA (info) = buffer;
    return GST_PAD_PROBE_OK;
  }
}

static GstPadProbeReturn
stream_probe_cb (GstPad          *pad,
                 GstPadProbeInfo *info,
                 gpointer         user_data)
{
  Cutter *cutter = user_data;

  if (cutter->pushing)
    return GST_PAD_PROBE_OK;
  if (GST_PAD_PROBE_INFO_TYPE (info) & (GST_PAD_PROBE_TYPE_EVENT_DOWNSTREAM | GST_PAD_PROBE_TYPE_EVENT_FLUSH))
    {
      GstEventType type = GST_EVENT_TYPE (GST_PAD_PROBE_INFO_EVENT (info));

      /* Past the end, the peer has its EOS already. */
      if (cutter->ended && type != GST_EVENT_FLUSH_START && type != GST_EVENT_FLUSH_STOP)
        return GST_PAD_PROBE_DROP;
      return cut_event (pad, info, cutter);
    }
  if (cutter->ended)
    {
      gst_mini_object_unref (GST_PAD_PROBE_INFO_DATA (info));
      GST_PAD_PROBE_INFO_FLOW_RETURN (info) = GST_FLOW_EOS;
      return GST_PAD_PROBE_HANDLED;
    }
  if (cutter->is_video)
    return cut_video_buffer (pad, info, cutter);
  return cut_audio_buffer (pad, info, cutter);
}

static void
cutter_free (gpointer data)
{
  Cutter *cutter = data;

  gst_clear_buffer (&cutter->held);
  g_free (cutter);
}

static void
add_cutter (GstPad       *pad,
            gboolean      is_video,
            gboolean      copy,
            GstClockTime  cut,
            GstClockTime  out)
{
  Cutter *cutter = g_new0 (Cutter, 1);

  cutter->cut_time = cutter->cut = cut;
  cutter->out_time = cutter->out = out;
  cutter->copy = copy;
  cutter->is_video = is_video;
  gst_pad_add_probe (pad, GST_PAD_PROBE_TYPE_BUFFER | GST_PAD_PROBE_TYPE_EVENT_DOWNSTREAM |
                     GST_PAD_PROBE_TYPE_EVENT_FLUSH,
                     stream_probe_cb, cutter, cutter_free);
}

static gboolean
pad_is_video (GstPad *pad)
{
  g_autoptr(GstCaps) caps = gst_pad_get_current_caps (pad);
  const char *media;

  if (caps == NULL)
    caps = gst_pad_query_caps (pad, NULL);
  if (caps == NULL || gst_caps_is_empty (caps) || gst_caps_is_any (caps))
    return FALSE;
  media = gst_structure_get_name (gst_caps_get_structure (caps, 0));
  return g_str_has_prefix (media, "video/") || g_str_has_prefix (media, "image/");
}

/* ----------------------------------------------------------------- *
 * Finding the keyframe before the in point
 * ----------------------------------------------------------------- */

typedef struct
{
  GstClockTime in;
  GstClockTime keyframe;   /* latest at or before @in, NONE until seen */
  gboolean     done;
} KeyScan;

static GstPadProbeReturn
scan_probe_cb (GstPad          *pad,
               GstPadProbeInfo *info,
               gpointer         user_data)
{
  KeyScan *scan = user_data;
  GstBuffer *buffer = GST_PAD_PROBE_INFO_BUFFER (info);
  GstClockTime pts = GST_BUFFER_PTS (buffer);
  g_autoptr(GstEvent) event = NULL;

  if (GST_BUFFER_FLAG_IS_SET (buffer, GST_BUFFER_FLAG_DELTA_UNIT) || !GST_CLOCK_TIME_IS_VALID (pts))
    return GST_PAD_PROBE_OK;
  /* In stream time, as the in point is. */
  event = gst_pad_get_sticky_event (pad, GST_EVENT_SEGMENT, 0);
  if (event)
    {
      const GstSegment *segment;

      gst_event_parse_segment (event, &segment);
      if (segment->format == GST_FORMAT_TIME)
        pts = gst_segment_to_stream_time (segment, GST_FORMAT_TIME, pts);
      if (!GST_CLOCK_TIME_IS_VALID (pts))
        return GST_PAD_PROBE_OK;
    }
  if (pts <= scan->in + GST_MSECOND)
    {
      scan->keyframe = pts;
      return GST_PAD_PROBE_OK;
    }
  /* Past the in point: no need to read further. */
  scan->done = TRUE;
  gst_buffer_unref (buffer);
  GST_PAD_PROBE_INFO_FLOW_RETURN (info) = GST_FLOW_EOS;
  return GST_PAD_PROBE_HANDLED;
}

static void
scan_pad_added_cb (GstElement *parser,
                   GstPad     *pad,
                   GstBin     *pipeline)
{
  GstElement *sink = gst_element_factory_make ("fakesink", NULL);
  g_autoptr(GstPad) sink_pad = NULL;
  KeyScan *scan = g_object_get_data (G_OBJECT (pipeline), "scan");

  g_object_set (sink, "sync", FALSE, NULL);
  gst_bin_add (pipeline, sink);
  gst_element_sync_state_with_parent (sink);
  sink_pad = gst_element_get_static_pad (sink, "sink");
  if (pad_is_video (pad) && !g_object_get_data (G_OBJECT (pipeline), "video"))
    {
      g_object_set_data (G_OBJECT (pipeline), "video", pad);
      gst_pad_add_probe (pad, GST_PAD_PROBE_TYPE_BUFFER, scan_probe_cb, scan, NULL);
    }
  gst_pad_link (pad, sink_pad);
}

static gboolean
find_keyframe (const char    *src,
               GstClockTime   in,
               GstClockTime  *keyframe_out,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(GstElement) pipeline = gst_pipeline_new ("trim-scan");
  GstElement *filesrc = gst_element_factory_make ("filesrc", NULL);
  GstElement *parser = gst_element_factory_make ("parsebin", NULL);
  KeyScan scan = { in, GST_CLOCK_TIME_NONE, FALSE };
  gboolean ok;

  gst_object_ref_sink (pipeline);
  if (filesrc == NULL || parser == NULL)
    {
      g_clear_object (&filesrc);
      g_clear_object (&parser);
      g_set_error (error, COACH_MEDIA_ERROR, COACH_MEDIA_ERROR_FAILED,
                   _("Video support is incomplete on this computer (GStreamer base plugins are missing)"));
      return FALSE;
    }
  g_object_set (filesrc, "location", src, NULL);
  g_object_set_data (G_OBJECT (pipeline), "scan", &scan);
  gst_bin_add_many (GST_BIN (pipeline), filesrc, parser, NULL);
  gst_element_link (filesrc, parser);
  g_signal_connect (parser, "pad-added", G_CALLBACK (scan_pad_added_cb), pipeline);

  gst_element_set_state (pipeline, GST_STATE_PLAYING);
  ok = _coach_media_wait (pipeline, GST_MESSAGE_EOS, cancellable, 0, NULL, NULL, error);
  gst_element_set_state (pipeline, GST_STATE_NULL);
  *keyframe_out = scan.keyframe;
  return ok;
}

/* ----------------------------------------------------------------- *
 * Writing the range
 * ----------------------------------------------------------------- */

static const char *
muxer_for (const char *dest,
           gboolean   *webm_out)
{
  g_autofree char *lower = g_ascii_strdown (dest, -1);

  *webm_out = g_str_has_suffix (lower, ".webm");
  if (*webm_out)
    return "webmmux";
  if (g_str_has_suffix (lower, ".mkv"))
    return "matroskamux";
  if (g_str_has_suffix (lower, ".mov"))
    return "qtmux";
  if (g_str_has_suffix (lower, ".avi"))
    return "avimux";
  return "mp4mux";
}

typedef struct
{
  GstElement   *pipeline;
  GstElement   *mux;
  GstClockTime  cut;
  GstClockTime  out;
  gboolean      linked_video;
  gboolean      linked_audio;
  gboolean      link_failed;
} Writer;

/* Copy: each parsed stream goes straight into the muxer. */
static void
copy_pad_added_cb (GstElement *parser,
                   GstPad     *pad,
                   Writer     *writer)
{
  gboolean is_video = pad_is_video (pad);
  g_autoptr(GstCaps) caps = gst_pad_query_caps (pad, NULL);
  g_autoptr(GstPad) mux_pad = NULL;
  GstElement *queue;
  g_autoptr(GstPad) queue_sink = NULL;
  g_autoptr(GstPad) queue_src = NULL;

  if (is_video ? writer->linked_video : writer->linked_audio)
    return;   /* only the first stream of each kind */
  if (!is_video)
    {
      const char *media = gst_structure_get_name (gst_caps_get_structure (caps, 0));

      if (!g_str_has_prefix (media, "audio/"))
        return;
    }
  mux_pad = gst_element_get_compatible_pad (writer->mux, pad, caps);
  if (mux_pad == NULL)
    {
      GST_INFO ("%" GST_PTR_FORMAT " cannot be stored as it is", caps);
      writer->link_failed = TRUE;
      return;
    }
  queue = gst_element_factory_make ("queue", NULL);
  gst_bin_add (GST_BIN (writer->pipeline), queue);
  gst_element_sync_state_with_parent (queue);
  queue_sink = gst_element_get_static_pad (queue, "sink");
  queue_src = gst_element_get_static_pad (queue, "src");
  add_cutter (pad, is_video, TRUE, writer->cut, writer->out);
  if (gst_pad_link (pad, queue_sink) != GST_PAD_LINK_OK ||
      gst_pad_link (queue_src, mux_pad) != GST_PAD_LINK_OK)
    {
      writer->link_failed = TRUE;
      return;
    }
  if (is_video)
    writer->linked_video = TRUE;
  else
    writer->linked_audio = TRUE;
}

/* Re-encode: decoded streams go into the chains made beforehand. */
static void
decoder_pad_added_cb (GstElement *decoder,
                      GstPad     *pad,
                      Writer     *writer)
{
  gboolean is_video = pad_is_video (pad);
  g_autoptr(GstElement) head = gst_bin_get_by_name (GST_BIN (writer->pipeline), is_video ? "video-in" : "audio-in");
  g_autoptr(GstPad) sink = NULL;

  if (head == NULL)
    return;
  sink = gst_element_get_static_pad (head, "sink");
  if (gst_pad_is_linked (sink))
    return;
  if (is_video)
    add_cutter (pad, TRUE, FALSE, writer->cut, writer->out);
  if (gst_pad_link (pad, sink) != GST_PAD_LINK_OK)
    writer->link_failed = TRUE;
}

static gboolean
add_encoder_chain (Writer      *writer,
                   const char  *name,
                   const char  *description,
                   GError     **error)
{
  g_autoptr(GError) parse_error = NULL;
  GstElement *chain = gst_parse_bin_from_description (description, TRUE, &parse_error);

  if (chain == NULL)
    {
      g_set_error (error, COACH_MEDIA_ERROR, COACH_MEDIA_ERROR_NO_ENCODER,
                   _("No suitable encoder is installed to export this part of the video"));
      GST_WARNING ("%s: %s", description, parse_error->message);
      return FALSE;
    }
  gst_element_set_name (chain, name);
  gst_bin_add (GST_BIN (writer->pipeline), chain);
  if (!gst_element_link (chain, writer->mux))
    {
      g_set_error (error, COACH_MEDIA_ERROR, COACH_MEDIA_ERROR_NO_ENCODER,
                   _("No suitable encoder is installed to export this part of the video"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
add_encoders (Writer      *writer,
              gboolean     webm,
              const CoachMediaInfo *info,
              GError     **error)
{
  static const char * const aac[] = { "fdkaacenc", "voaacenc", "avenc_aac", NULL };
  guint keyint = MAX (1, (guint) (info->frame_rate + 0.5)) * KEYFRAME_SECONDS;
  gboolean with_audio = info->has_audio;
  g_autofree char *upright = NULL;
  guint width, height;
  g_autofree char *video = NULL;
  g_autofree char *audio = NULL;
  const char *audio_encoder = "opusenc";

  /* Upright like the proxy: the size the picture is shown at, fixed, so
   * the flip renegotiates once the rotation tag arrives. */
  coach_media_proxy_size (info->width, info->height, MIN (info->width, info->height), &width, &height);
  upright = g_strdup_printf ("queue ! videoflip method=automatic ! videoconvert ! videoscale "
                             "! capsfilter caps=\"video/x-raw,width=%u,height=%u,pixel-aspect-ratio=1/1\"",
                             width, height);
  if (webm)
    video = g_strdup_printf ("%s ! vp9enc end-usage=cq cq-level=32 deadline=1 cpu-used=5 row-mt=true "
                             "keyframe-max-dist=%u", upright, keyint);
  else
    video = g_strdup_printf ("%s ! x264enc speed-preset=veryfast pass=qual quantizer=23 vbv-buf-capacity=0 "
                             "bframes=0 key-int-max=%u ! video/x-h264,profile=high ! h264parse", upright, keyint);
  if (!add_encoder_chain (writer, "video-in", video, error))
    return FALSE;
  if (!with_audio)
    return TRUE;
  if (!webm)
    {
      audio_encoder = NULL;
      for (guint i = 0; aac[i] && audio_encoder == NULL; i++)
        {
          g_autoptr(GstElementFactory) factory = gst_element_factory_find (aac[i]);

          if (factory)
            audio_encoder = aac[i];
        }
      if (audio_encoder == NULL)
        audio_encoder = "opusenc";
    }
  /* Converted first, so the cut knows the sample size. */
  audio = g_strdup_printf ("queue ! audioconvert ! audio/x-raw,format=S16LE,layout=interleaved "
                           "! identity name=audio-cut ! audioconvert ! audioresample ! %s", audio_encoder);
  if (!add_encoder_chain (writer, "audio-in", audio, error))
    return FALSE;
  {
    g_autoptr(GstElement) cut = gst_bin_get_by_name (GST_BIN (writer->pipeline), "audio-cut");
    g_autoptr(GstPad) pad = gst_element_get_static_pad (cut, "src");

    add_cutter (pad, FALSE, FALSE, writer->cut, writer->out);
  }
  return TRUE;
}

static gboolean
write_range (const char    *src,
             const char    *dest,
             GstClockTime   cut,
             GstClockTime   out,
             gboolean       copy,
             const CoachMediaInfo *info,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(GstElement) pipeline = gst_pipeline_new ("trim");
  GstElement *source, *mux, *sink;
  Writer writer = { pipeline, NULL, cut, out, FALSE, FALSE, FALSE };
  gboolean webm;
  const char *muxer = muxer_for (dest, &webm);
  g_autofree char *uri = NULL;
  gboolean ok = FALSE;

  gst_object_ref_sink (pipeline);
  if (copy)
    {
      GstElement *filesrc = gst_element_factory_make ("filesrc", NULL);

      source = gst_element_factory_make ("parsebin", NULL);
      if (filesrc)
        {
          g_object_set (filesrc, "location", src, NULL);
          gst_bin_add (GST_BIN (pipeline), filesrc);
        }
      if (source)
        {
          gst_bin_add (GST_BIN (pipeline), source);
          if (filesrc)
            gst_element_link (filesrc, source);
        }
      if (filesrc == NULL)
        g_clear_object (&source);
    }
  else
    {
      g_autoptr(GstCaps) raw = gst_caps_from_string ("video/x-raw(ANY);audio/x-raw(ANY)");

      source = gst_element_factory_make ("uridecodebin", NULL);
      uri = coach_media_path_to_uri (src);
      if (source)
        {
          g_object_set (source, "uri", uri, "caps", raw, "expose-all-streams", FALSE, NULL);
          gst_bin_add (GST_BIN (pipeline), source);
        }
    }
  mux = gst_element_factory_make (muxer, NULL);
  sink = gst_element_factory_make ("filesink", NULL);
  if (source == NULL || mux == NULL || sink == NULL)
    {
      g_clear_object (&mux);
      g_clear_object (&sink);
      g_set_error (error, COACH_MEDIA_ERROR, COACH_MEDIA_ERROR_FAILED,
                   _("Video support is incomplete on this computer (GStreamer base plugins are missing)"));
      return FALSE;
    }
  writer.mux = mux;
  g_object_set (sink, "location", dest, NULL);
  gst_bin_add_many (GST_BIN (pipeline), mux, sink, NULL);
  gst_element_link (mux, sink);

  if (copy)
    g_signal_connect (source, "pad-added", G_CALLBACK (copy_pad_added_cb), &writer);
  else
    {
      if (!add_encoders (&writer, webm, info, error))
        return FALSE;
      g_signal_connect (source, "pad-added", G_CALLBACK (decoder_pad_added_cb), &writer);
    }

  if (gst_element_set_state (pipeline, GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE)
    {
      if (_coach_media_wait (pipeline, GST_MESSAGE_EOS, cancellable, 0, NULL, NULL, error))
        g_set_error (error, COACH_MEDIA_ERROR, COACH_MEDIA_ERROR_FAILED, _("The video could not be trimmed"));
      goto out;
    }
  ok = _coach_media_wait (pipeline, GST_MESSAGE_EOS, cancellable, 0, NULL, NULL, error);
  if (ok && (writer.link_failed || !writer.linked_video) && copy)
    {
      g_set_error (error, COACH_MEDIA_ERROR, COACH_MEDIA_ERROR_UNSUPPORTED,
                   _("This video cannot be trimmed without re-encoding"));
      ok = FALSE;
    }

out:
  /* The signal handlers point at this frame. */
  gst_element_set_state (pipeline, GST_STATE_NULL);
  g_signal_handlers_disconnect_by_data (source, &writer);
  return ok;
}

/* ----------------------------------------------------------------- *
 * Public API
 * ----------------------------------------------------------------- */

gboolean
coach_media_trim (const char          *src,
                  const char          *dest,
                  gint64               in_ms,
                  gint64               out_ms,
                  CoachMediaTrimFlags  flags,
                  gboolean            *reencoded_out,
                  GCancellable        *cancellable,
                  GError             **error)
{
  g_autoptr(CoachMediaInfo) info = NULL;
  GstClockTime in, out, keyframe = GST_CLOCK_TIME_NONE;

  g_return_val_if_fail (src != NULL && dest != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (reencoded_out)
    *reencoded_out = FALSE;
  if (!coach_media_init (error))
    return FALSE;
  ensure_debug_category ();

  info = coach_media_inspect (src, cancellable, error);
  if (info == NULL)
    return FALSE;
  in_ms = CLAMP (in_ms, 0, info->duration_ms);
  out_ms = MIN (out_ms, info->duration_ms);
  if (out_ms <= in_ms)
    {
      g_set_error (error, COACH_MEDIA_ERROR, COACH_MEDIA_ERROR_FAILED,
                   _("The end of the trimmed part must come after its start"));
      return FALSE;
    }
  in = in_ms * GST_MSECOND;
  out = out_ms * GST_MSECOND;

  /* The 1.22 muxers drop the rotation tag, so a copy of a phone clip
   * would play sideways: those are re-encoded upright. */
  if (!(flags & COACH_MEDIA_TRIM_REENCODE) && info->rotation == 0)
    {
      g_autoptr(GError) copy_error = NULL;

      if (find_keyframe (src, in, &keyframe, cancellable, &copy_error) &&
          GST_CLOCK_TIME_IS_VALID (keyframe) &&
          write_range (src, dest, keyframe, out, TRUE, info, cancellable, &copy_error))
        {
          GST_INFO ("%s: copied from keyframe %" GST_TIME_FORMAT, src, GST_TIME_ARGS (keyframe));
          return TRUE;
        }
      g_unlink (dest);
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      GST_INFO ("%s: re-encoding (%s)", src, copy_error ? copy_error->message : "no keyframe");
    }

  if (reencoded_out)
    *reencoded_out = TRUE;
  if (write_range (src, dest, in, out, FALSE, info, cancellable, error))
    return TRUE;
  g_unlink (dest);
  return FALSE;
}
