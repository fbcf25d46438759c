/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coach-clip-player"

#include "config.h"

#include <glib/gi18n.h>
#include <gst/app/gstappsink.h>
#include <gst/gst.h>
#include <gst/video/video.h>

#include "coach-clip-player.h"

#define MS (GST_MSECOND)
/* playbin's "flags": video only. Sound would need its own speed handling
 * (scaletempo) and makes single frames step unreliably. */
#define PLAY_FLAG_VIDEO (1 << 0)

GST_DEBUG_CATEGORY_STATIC (coach_clip_player_debug);
#define GST_CAT_DEFAULT coach_clip_player_debug

struct _CoachClipPlayer
{
  GObject      parent_instance;

  GstElement  *playbin;
  guint        bus_watch_id;

  GMutex       lock;              /* guards the two fields below */
  GstSample   *pending_sample;    /* newest frame from the streaming thread */
  gboolean     frame_scheduled;

  GdkTexture  *texture;
  gint         fps_n;             /* the frame rate, from the caps */
  gint         fps_d;

  char        *error;
  gboolean     prepared;
  gboolean     playing;
  gboolean     at_end;
  gboolean     loop;
  double       rate;
  gint64       in_ms;
  gint64       out_ms;            /* <= 0: the end */
  gint64       duration_ms;
  gint64       pending_seek_ms;   /* < 0: none */
  gint64       last_position_ns;  /* while a seek makes queries fail */
};

static void coach_clip_player_paintable_init (GdkPaintableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CoachClipPlayer, coach_clip_player, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (GDK_TYPE_PAINTABLE, coach_clip_player_paintable_init))

enum {
  PROP_0,
  PROP_PREPARED,
  PROP_PLAYING,
  PROP_RATE,
  PROP_LOOP,
  PROP_ERROR,
  PROP_DURATION_MS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------------------- */

static void
free_video_frame (gpointer data)
{
  GstVideoFrame *frame = data;

  gst_video_frame_unmap (frame);
  g_free (frame);
}

/* Main context: wraps the frame's memory in a texture, no copy. */
static GdkTexture *
texture_from_sample (CoachClipPlayer *self,
                     GstSample       *sample)
{
  GstBuffer *buffer = gst_sample_get_buffer (sample);
  GstCaps *caps = gst_sample_get_caps (sample);
  GstVideoFrame *frame;
  GstVideoInfo info;
  g_autoptr(GBytes) bytes = NULL;
  gsize stride;

  if (buffer == NULL || caps == NULL || !gst_video_info_from_caps (&info, caps))
    return NULL;
  if (GST_VIDEO_INFO_FPS_N (&info) > 0 && GST_VIDEO_INFO_FPS_D (&info) > 0)
    {
      self->fps_n = GST_VIDEO_INFO_FPS_N (&info);
      self->fps_d = GST_VIDEO_INFO_FPS_D (&info);
    }

  frame = g_new0 (GstVideoFrame, 1);
  if (!gst_video_frame_map (frame, &info, buffer, GST_MAP_READ))
    {
      g_free (frame);
      return NULL;
    }
  stride = GST_VIDEO_FRAME_PLANE_STRIDE (frame, 0);
  bytes = g_bytes_new_with_free_func (GST_VIDEO_FRAME_PLANE_DATA (frame, 0),
                                      stride * GST_VIDEO_FRAME_HEIGHT (frame),
                                      free_video_frame, frame);
  return gdk_memory_texture_new (GST_VIDEO_INFO_WIDTH (&info), GST_VIDEO_INFO_HEIGHT (&info),
                                 GDK_MEMORY_B8G8R8A8, bytes, stride);
}

static gboolean
frame_ready_cb (gpointer user_data)
{
  CoachClipPlayer *self = user_data;
  g_autoptr(GstSample) sample = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  gboolean size_changed;

  g_mutex_lock (&self->lock);
  sample = g_steal_pointer (&self->pending_sample);
  self->frame_scheduled = FALSE;
  g_mutex_unlock (&self->lock);

  if (sample == NULL || self->playbin == NULL)
    return G_SOURCE_REMOVE;
  texture = texture_from_sample (self, sample);
  if (texture == NULL)
    return G_SOURCE_REMOVE;

  size_changed = self->texture == NULL ||
                 gdk_texture_get_width (self->texture) != gdk_texture_get_width (texture) ||
                 gdk_texture_get_height (self->texture) != gdk_texture_get_height (texture);
  g_set_object (&self->texture, texture);
  if (size_changed)
    gdk_paintable_invalidate_size (GDK_PAINTABLE (self));
  gdk_paintable_invalidate_contents (GDK_PAINTABLE (self));
  return G_SOURCE_REMOVE;
}

/* Streaming thread: keeps only the newest frame, and wakes the main
 * context once for it. */
static void
take_sample (CoachClipPlayer *self,
             GstSample       *sample)
{
  gboolean schedule;

  if (sample == NULL)
    return;
  g_mutex_lock (&self->lock);
  if (self->pending_sample != NULL)
    gst_sample_unref (self->pending_sample);
  self->pending_sample = sample;
  schedule = !self->frame_scheduled;
  self->frame_scheduled = TRUE;
  g_mutex_unlock (&self->lock);

  if (schedule)
    g_main_context_invoke_full (NULL, G_PRIORITY_DEFAULT, frame_ready_cb,
                                g_object_ref (self), g_object_unref);
}

static GstFlowReturn
new_sample_cb (GstAppSink *sink,
               gpointer    user_data)
{
  take_sample (user_data, gst_app_sink_pull_sample (sink));
  return GST_FLOW_OK;
}

static GstFlowReturn
new_preroll_cb (GstAppSink *sink,
                gpointer    user_data)
{
  take_sample (user_data, gst_app_sink_pull_preroll (sink));
  return GST_FLOW_OK;
}

static void
set_error (CoachClipPlayer *self,
           const char      *message)
{
  if (g_strcmp0 (self->error, message) == 0)
    return;
  g_free (self->error);
  self->error = g_strdup (message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

static void
set_playing_flag (CoachClipPlayer *self,
                  gboolean         playing)
{
  if (self->playing == playing)
    return;
  self->playing = playing;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYING]);
}

static gint64
range_out_ns (CoachClipPlayer *self)
{
  if (self->out_ms > 0 && (self->duration_ms <= 0 || self->out_ms < self->duration_ms))
    return self->out_ms * MS;
  return -1;
}

/* In nanoseconds: frame times are not whole milliseconds. */
static void
do_seek_ns (CoachClipPlayer *self,
            gint64           position_ns,
            gboolean         flush)
{
  GstSeekFlags flags = GST_SEEK_FLAG_ACCURATE;
  gint64 stop = range_out_ns (self);

  if (!self->prepared)
    {
      self->pending_seek_ms = MAX (position_ns, 0) / MS;
      return;
    }
  if (flush)
    flags |= GST_SEEK_FLAG_FLUSH;
  if (self->loop)
    flags |= GST_SEEK_FLAG_SEGMENT;
  position_ns = MAX (position_ns, 0);
  self->last_position_ns = position_ns;
  if (!gst_element_seek (self->playbin, self->rate, GST_FORMAT_TIME, flags,
                         GST_SEEK_TYPE_SET, position_ns,
                         stop >= 0 ? GST_SEEK_TYPE_SET : GST_SEEK_TYPE_NONE, stop >= 0 ? stop : -1))
    GST_WARNING ("seek to %" GST_TIME_FORMAT " refused", GST_TIME_ARGS (position_ns));
  self->at_end = FALSE;
}

static void
do_seek (CoachClipPlayer *self,
         gint64           position_ms,
         gboolean         flush)
{
  do_seek_ns (self, position_ms * MS, flush);
}

static gint64
position_ns (CoachClipPlayer *self)
{
  gint64 position = 0;

  if (self->playbin == NULL || !self->prepared)
    return 0;
  if (gst_element_query_position (self->playbin, GST_FORMAT_TIME, &position) && position >= 0)
    self->last_position_ns = position;
  return self->last_position_ns;
}

static void
update_duration (CoachClipPlayer *self)
{
  gint64 duration = 0;

  if (self->playbin == NULL || !gst_element_query_duration (self->playbin, GST_FORMAT_TIME, &duration) ||
      duration <= 0)
    return;
  if (duration / MS == self->duration_ms)
    return;
  self->duration_ms = duration / MS;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DURATION_MS]);
}

static gboolean
bus_message_cb (GstBus     *bus,
                GstMessage *message,
                gpointer    user_data)
{
  CoachClipPlayer *self = user_data;

  switch (GST_MESSAGE_TYPE (message))
    {
    case GST_MESSAGE_ERROR:
      {
        g_autoptr(GError) error = NULL;
        g_autofree char *debug = NULL;
        g_autofree char *text = NULL;

        gst_message_parse_error (message, &error, &debug);
        GST_WARNING ("playback failed: %s (%s)", error->message, debug ? debug : "");
        gst_element_set_state (self->playbin, GST_STATE_NULL);
        self->prepared = FALSE;
        set_playing_flag (self, FALSE);
        text = g_strdup_printf (_("This clip cannot be played: %s"), error->message);
        set_error (self, text);
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PREPARED]);
      }
      break;

    case GST_MESSAGE_ASYNC_DONE:
      if (!self->prepared)
        {
          gint64 seek = self->pending_seek_ms;

          self->prepared = TRUE;
          self->pending_seek_ms = -1;
          update_duration (self);
          /* The range and the speed need a seek once the pipeline runs. */
          if (seek >= 0 || self->in_ms > 0 || self->out_ms > 0 || self->loop || self->rate != 1.0)
            do_seek (self, seek >= 0 ? seek : self->in_ms, TRUE);
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PREPARED]);
        }
      break;

    case GST_MESSAGE_DURATION_CHANGED:
      update_duration (self);
      break;

    case GST_MESSAGE_SEGMENT_DONE:
      /* The loop: back to the start of the range, without a flush so it
       * runs on smoothly. */
      if (self->loop)
        {
          gint64 stop = range_out_ns (self);

          gst_element_seek (self->playbin, self->rate, GST_FORMAT_TIME, GST_SEEK_FLAG_SEGMENT | GST_SEEK_FLAG_ACCURATE,
                            GST_SEEK_TYPE_SET, self->in_ms * MS,
                            stop >= 0 ? GST_SEEK_TYPE_SET : GST_SEEK_TYPE_NONE, stop >= 0 ? stop : -1);
        }
      else
        {
          gst_element_set_state (self->playbin, GST_STATE_PAUSED);
          self->at_end = TRUE;
          set_playing_flag (self, FALSE);
        }
      break;

    case GST_MESSAGE_EOS:
      gst_element_set_state (self->playbin, GST_STATE_PAUSED);
      self->at_end = TRUE;
      set_playing_flag (self, FALSE);
      break;

    default:
      break;
    }
  return G_SOURCE_CONTINUE;
}

static void
close_pipeline (CoachClipPlayer *self)
{
  g_clear_handle_id (&self->bus_watch_id, g_source_remove);
  if (self->playbin != NULL)
    {
      /* Blocks until the streaming threads have stopped. */
      gst_element_set_state (self->playbin, GST_STATE_NULL);
      gst_clear_object (&self->playbin);
    }
  g_mutex_lock (&self->lock);
  g_clear_pointer (&self->pending_sample, gst_sample_unref);
  g_mutex_unlock (&self->lock);
  self->prepared = FALSE;
  self->at_end = FALSE;
  self->duration_ms = 0;
  self->pending_seek_ms = -1;
  self->last_position_ns = 0;
}

/* ------------------------------------------------------------------------- */

static void
coach_clip_player_snapshot (GdkPaintable *paintable,
                            GdkSnapshot  *snapshot,
                            double        width,
                            double        height)
{
  CoachClipPlayer *self = COACH_CLIP_PLAYER (paintable);

  if (self->texture != NULL)
    gdk_paintable_snapshot (GDK_PAINTABLE (self->texture), snapshot, width, height);
}

static GdkPaintable *
coach_clip_player_get_current_image (GdkPaintable *paintable)
{
  CoachClipPlayer *self = COACH_CLIP_PLAYER (paintable);

  if (self->texture != NULL)
    return GDK_PAINTABLE (g_object_ref (self->texture));
  return gdk_paintable_new_empty (0, 0);
}

static int
coach_clip_player_get_intrinsic_width (GdkPaintable *paintable)
{
  CoachClipPlayer *self = COACH_CLIP_PLAYER (paintable);

  return self->texture ? gdk_texture_get_width (self->texture) : 0;
}

static int
coach_clip_player_get_intrinsic_height (GdkPaintable *paintable)
{
  CoachClipPlayer *self = COACH_CLIP_PLAYER (paintable);

  return self->texture ? gdk_texture_get_height (self->texture) : 0;
}

static void
coach_clip_player_paintable_init (GdkPaintableInterface *iface)
{
  iface->snapshot = coach_clip_player_snapshot;
  iface->get_current_image = coach_clip_player_get_current_image;
  iface->get_intrinsic_width = coach_clip_player_get_intrinsic_width;
  iface->get_intrinsic_height = coach_clip_player_get_intrinsic_height;
}

static void
coach_clip_player_dispose (GObject *object)
{
  CoachClipPlayer *self = COACH_CLIP_PLAYER (object);

  close_pipeline (self);
  g_clear_object (&self->texture);

  G_OBJECT_CLASS (coach_clip_player_parent_class)->dispose (object);
}

static void
coach_clip_player_finalize (GObject *object)
{
  CoachClipPlayer *self = COACH_CLIP_PLAYER (object);

  g_free (self->error);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (coach_clip_player_parent_class)->finalize (object);
}

static void
coach_clip_player_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  CoachClipPlayer *self = COACH_CLIP_PLAYER (object);

  switch (prop_id)
    {
    case PROP_PREPARED:
      g_value_set_boolean (value, self->prepared);
      break;
    case PROP_PLAYING:
      g_value_set_boolean (value, self->playing);
      break;
    case PROP_RATE:
      g_value_set_double (value, self->rate);
      break;
    case PROP_LOOP:
      g_value_set_boolean (value, self->loop);
      break;
    case PROP_ERROR:
      g_value_set_string (value, self->error);
      break;
    case PROP_DURATION_MS:
      g_value_set_int64 (value, self->duration_ms);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
coach_clip_player_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  CoachClipPlayer *self = COACH_CLIP_PLAYER (object);

  switch (prop_id)
    {
    case PROP_PLAYING:
      coach_clip_player_set_playing (self, g_value_get_boolean (value));
      break;
    case PROP_RATE:
      coach_clip_player_set_rate (self, g_value_get_double (value));
      break;
    case PROP_LOOP:
      coach_clip_player_set_loop (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
coach_clip_player_class_init (CoachClipPlayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = coach_clip_player_dispose;
  object_class->finalize = coach_clip_player_finalize;
  object_class->get_property = coach_clip_player_get_property;
  object_class->set_property = coach_clip_player_set_property;

  properties[PROP_PREPARED] =
    g_param_spec_boolean ("prepared", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PLAYING] =
    g_param_spec_boolean ("playing", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RATE] =
    g_param_spec_double ("rate", NULL, NULL, 0.1, 4.0, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOOP] =
    g_param_spec_boolean ("loop", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ERROR] =
    g_param_spec_string ("error", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DURATION_MS] =
    g_param_spec_int64 ("duration-ms", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  GST_DEBUG_CATEGORY_INIT (coach_clip_player_debug, "coach-clip-player", 0, "Clip preview player");
}

static void
coach_clip_player_init (CoachClipPlayer *self)
{
  g_mutex_init (&self->lock);
  self->rate = 1.0;
  self->fps_n = 30;
  self->fps_d = 1;
  self->pending_seek_ms = -1;
}

/* ------------------------------------------------------------------------- */

CoachClipPlayer *
coach_clip_player_new (void)
{
  return g_object_new (COACH_TYPE_CLIP_PLAYER, NULL);
}

void
coach_clip_player_set_file (CoachClipPlayer *self,
                            const char      *path)
{
  static GstAppSinkCallbacks callbacks = { NULL, new_preroll_cb, new_sample_cb };
  g_autoptr(GError) error = NULL;
  g_autoptr(GstCaps) caps = NULL;
  g_autoptr(GstBus) bus = NULL;
  g_autofree char *uri = NULL;
  GstElement *sink, *flip;

  g_return_if_fail (COACH_IS_CLIP_PLAYER (self));

  close_pipeline (self);
  set_playing_flag (self, FALSE);
  set_error (self, NULL);
  if (self->texture != NULL)
    {
      g_clear_object (&self->texture);
      gdk_paintable_invalidate_size (GDK_PAINTABLE (self));
      gdk_paintable_invalidate_contents (GDK_PAINTABLE (self));
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PREPARED]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DURATION_MS]);

  if (path == NULL)
    return;
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      set_error (self, _("The video file is missing from the library"));
      return;
    }
  if (!gst_init_check (NULL, NULL, &error))
    {
      set_error (self, error->message);
      return;
    }

  self->playbin = gst_element_factory_make ("playbin", NULL);
  sink = gst_element_factory_make ("appsink", NULL);
  /* Phones store portrait videos as turned landscape frames plus a tag. */
  flip = gst_element_factory_make ("videoflip", NULL);
  if (self->playbin == NULL || sink == NULL)
    {
      gst_clear_object (&self->playbin);
      if (sink != NULL)
        gst_object_unref (gst_object_ref_sink (sink));
      if (flip != NULL)
        gst_object_unref (gst_object_ref_sink (flip));
      set_error (self, _("Video playback is not available: GStreamer’s playbin or appsink is missing"));
      return;
    }
  gst_object_ref_sink (self->playbin);

  caps = gst_caps_new_simple ("video/x-raw", "format", G_TYPE_STRING, "BGRA", NULL);
  g_object_set (sink, "caps", caps, "max-buffers", 2, "enable-last-sample", FALSE, NULL);
  gst_app_sink_set_callbacks (GST_APP_SINK (sink), &callbacks, self, NULL);
  if (flip != NULL)
    {
      gst_util_set_object_arg (G_OBJECT (flip), "video-direction", "auto");
      g_object_set (self->playbin, "video-filter", flip, NULL);
    }

  uri = gst_filename_to_uri (path, NULL);
  g_object_set (self->playbin, "uri", uri, "video-sink", sink, "flags", PLAY_FLAG_VIDEO, NULL);

  bus = gst_element_get_bus (self->playbin);
  self->bus_watch_id = gst_bus_add_watch (bus, bus_message_cb, self);

  if (gst_element_set_state (self->playbin, GST_STATE_PAUSED) == GST_STATE_CHANGE_FAILURE)
    {
      /* The error message on the bus says why. */
      GST_WARNING ("cannot pause %s", uri);
    }
}

gboolean
coach_clip_player_get_prepared (CoachClipPlayer *self)
{
  g_return_val_if_fail (COACH_IS_CLIP_PLAYER (self), FALSE);
  return self->prepared;
}

const char *
coach_clip_player_get_error (CoachClipPlayer *self)
{
  g_return_val_if_fail (COACH_IS_CLIP_PLAYER (self), NULL);
  return self->error;
}

gboolean
coach_clip_player_get_playing (CoachClipPlayer *self)
{
  g_return_val_if_fail (COACH_IS_CLIP_PLAYER (self), FALSE);
  return self->playing;
}

void
coach_clip_player_set_playing (CoachClipPlayer *self,
                               gboolean         playing)
{
  g_return_if_fail (COACH_IS_CLIP_PLAYER (self));

  if (self->playbin == NULL || self->error != NULL)
    {
      set_playing_flag (self, FALSE);
      return;
    }
  if (playing)
    {
      gint64 position = coach_clip_player_get_position (self);
      gint64 out = range_out_ns (self) >= 0 ? self->out_ms : self->duration_ms;

      /* From the end (or outside the range) play starts over. */
      if (self->at_end || position < self->in_ms || (out > 0 && position >= out - 1))
        do_seek (self, self->in_ms, TRUE);
    }
  gst_element_set_state (self->playbin, playing ? GST_STATE_PLAYING : GST_STATE_PAUSED);
  set_playing_flag (self, playing);
}

double
coach_clip_player_get_rate (CoachClipPlayer *self)
{
  g_return_val_if_fail (COACH_IS_CLIP_PLAYER (self), 1.0);
  return self->rate;
}

void
coach_clip_player_set_rate (CoachClipPlayer *self,
                            double           rate)
{
  g_return_if_fail (COACH_IS_CLIP_PLAYER (self));
  g_return_if_fail (rate > 0);

  if (self->rate == rate)
    return;
  self->rate = rate;
  if (self->playbin != NULL && self->prepared)
    do_seek_ns (self, position_ns (self), TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RATE]);
}

gboolean
coach_clip_player_get_loop (CoachClipPlayer *self)
{
  g_return_val_if_fail (COACH_IS_CLIP_PLAYER (self), FALSE);
  return self->loop;
}

void
coach_clip_player_set_loop (CoachClipPlayer *self,
                            gboolean         loop)
{
  g_return_if_fail (COACH_IS_CLIP_PLAYER (self));

  if (self->loop == !!loop)
    return;
  self->loop = !!loop;
  /* The segment flag only takes effect with a new seek. */
  if (self->playbin != NULL && self->prepared)
    do_seek_ns (self, position_ns (self), TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOOP]);
}

void
coach_clip_player_set_range (CoachClipPlayer *self,
                             gint64           in_ms,
                             gint64           out_ms)
{
  gint64 position;

  g_return_if_fail (COACH_IS_CLIP_PLAYER (self));

  if (self->in_ms == MAX (in_ms, 0) && self->out_ms == out_ms)
    return;
  self->in_ms = MAX (in_ms, 0);
  self->out_ms = out_ms;
  if (self->playbin == NULL || !self->prepared)
    return;
  /* In nanoseconds: a whole-millisecond position can be one frame early. */
  position = position_ns (self);
  if (position < self->in_ms * MS || (out_ms > 0 && position > out_ms * MS))
    position = self->in_ms * MS;
  do_seek_ns (self, position, TRUE);
}

gint64
coach_clip_player_get_position (CoachClipPlayer *self)
{
  g_return_val_if_fail (COACH_IS_CLIP_PLAYER (self), 0);

  if (self->playbin == NULL || !self->prepared)
    return self->pending_seek_ms >= 0 ? self->pending_seek_ms : 0;
  /* Rounded up: seeking back to the result shows the same frame. */
  return (position_ns (self) + MS - 1) / MS;
}

gint64
coach_clip_player_get_duration (CoachClipPlayer *self)
{
  g_return_val_if_fail (COACH_IS_CLIP_PLAYER (self), 0);
  return self->duration_ms;
}

void
coach_clip_player_seek (CoachClipPlayer *self,
                        gint64           position_ms)
{
  g_return_if_fail (COACH_IS_CLIP_PLAYER (self));

  if (self->playbin == NULL)
    return;
  do_seek (self, position_ms, TRUE);
}

void
coach_clip_player_step (CoachClipPlayer *self,
                        int              frames)
{
  gint64 target, end, index;

  g_return_if_fail (COACH_IS_CLIP_PLAYER (self));

  if (self->playbin == NULL || !self->prepared || frames == 0)
    return;
  if (self->playing)
    {
      gst_element_set_state (self->playbin, GST_STATE_PAUSED);
      set_playing_flag (self, FALSE);
    }

  /* An exact seek to the start of the neighbouring frame, worked out on
   * the frame grid so rounding never lands in the same frame again. A STEP
   * event would be cheaper forwards, but right after pausing the sink has
   * the next frame queued already, and one step then shows two frames on. */
  index = (gint64) gst_util_uint64_scale (position_ns (self) + GST_USECOND, self->fps_n,
                                          (guint64) self->fps_d * GST_SECOND) + frames;
  target = (gint64) gst_util_uint64_scale_ceil (MAX (index, 0), (guint64) self->fps_d * GST_SECOND, self->fps_n);
  end = range_out_ns (self) >= 0 ? range_out_ns (self) : self->duration_ms * MS;
  if (end > 0 && target >= end)
    target = end - 1;   /* the last frame, not the end of the stream */
  do_seek_ns (self, MAX (target, self->in_ms * MS), TRUE);
}
