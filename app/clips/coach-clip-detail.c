/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coach-clip-detail"

#include "config.h"

#include <glib/gi18n.h>

#include "coach-clip-detail.h"
#include "coach-clip-detail-files.h"
#include "coach-clip-edit.h"
#include "coach-clip-import.h"
#include "coach-clip-markers.h"
#include "coach-clip-player.h"
#include "coach-media-strip.h"
#include "coach-trim-bar.h"

#define POSITION_INTERVAL_MS 50
#define STRIP_FRAMES 12
#define STRIP_HEIGHT 48

struct _CoachClipDetail
{
  AdwBin            parent_instance;

  CoachCatalog     *catalog;
  CoachRecord      *clip;
  CoachClipPlayer  *player;
  GPtrArray        *exercise_ids;    /* row i + 1 of the combo; row 0 is none */
  guint             position_id;
  GCancellable     *strip_load;
  gboolean          updating_scale;

  GtkLabel         *heading_label;
  GtkPicture       *picture;
  CoachTrimBar     *trim_bar;
  GtkLabel         *player_error;
  GtkButton        *play_button;
  GtkAdjustment    *position_adjustment;
  GtkLabel         *position_label;
  GtkDropDown      *speed_dropdown;
  GtkToggleButton  *loop_check;
  GtkEntry         *trim_in_entry;
  GtkEntry         *trim_out_entry;
  GtkLabel         *trim_error;
  CoachClipMarkers *markers;
  AdwEntryRow      *title_row;
  AdwComboRow      *exercise_row;
  GtkStringList    *exercise_names;
  GtkTextView      *notes_view;
  GtkLabel         *details_error;
  AdwActionRow     *length_row;
  AdwActionRow     *size_row;
  AdwActionRow     *picture_row;
  AdwActionRow     *format_row;
  AdwActionRow     *status_row;
  CoachClipDetailFiles *files;
};

G_DEFINE_FINAL_TYPE (CoachClipDetail, coach_clip_detail, ADW_TYPE_BIN)

enum {
  SIGNAL_CLOSE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ------------------------------------------------------------------------- */

static void
show_inline_error (GtkLabel   *label,
                   const char *message)
{
  gtk_label_set_label (label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
}

static void
set_entry_time (GtkEntry *entry,
                gint64    ms)
{
  g_autofree char *text = coach_clip_edit_format_time (ms);

  gtk_editable_set_text (GTK_EDITABLE (entry), text);
}

static gint64
clip_int (CoachRecord *clip,
          const char  *field)
{
  return coach_record_is_null (clip, field) ? 0 : coach_record_get_int (clip, field);
}

/* The proxy when it exists, else the original. */
static char *
clip_media_path (CoachCatalog *catalog,
                 CoachRecord  *clip)
{
  const char *keys[] = { "proxy_sha256", "sha256" };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      const char *sha = coach_record_get_string (clip, keys[i]);
      g_autofree char *path = NULL;

      if (sha == NULL || strlen (sha) != 64)
        continue;
      path = coach_catalog_blob_path (catalog, sha);
      if (i + 1 == G_N_ELEMENTS (keys) || g_file_test (path, G_FILE_TEST_IS_REGULAR))
        return g_steal_pointer (&path);
    }
  return NULL;
}

static void
update_range (CoachClipDetail *self)
{
  gint64 in_ms, out_ms;
  gint64 duration = clip_int (self->clip, "duration_ms");

  coach_clip_edit_get_range (self->clip, &in_ms, &out_ms);
  coach_clip_player_set_range (self->player, in_ms, out_ms);
  coach_trim_bar_set_range (self->trim_bar, in_ms, out_ms,
                            duration > 0 ? duration : coach_clip_player_get_duration (self->player));
  set_entry_time (self->trim_in_entry, in_ms);
  if (out_ms > 0)
    set_entry_time (self->trim_out_entry, out_ms);
  else
    gtk_editable_set_text (GTK_EDITABLE (self->trim_out_entry), "");
}

static void
update_file_rows (CoachClipDetail *self)
{
  CoachRecord *clip = self->clip;
  g_autofree char *length = NULL;
  g_autofree char *size = NULL;
  g_autofree char *picture = NULL;
  g_autofree char *format = NULL;
  g_autofree char *status = NULL;
  const char *error = coach_record_get_string (clip, "error");
  const char *state = coach_record_get_string (clip, "status");

  length = clip_int (clip, "duration_ms") > 0 ? coach_clip_edit_format_time (clip_int (clip, "duration_ms"))
                                               : g_strdup (_("Not known yet"));
  size = clip_int (clip, "size") > 0 ? g_format_size (clip_int (clip, "size")) : g_strdup (_("Not known yet"));
  if (clip_int (clip, "width") > 0)
    {
      double fps = coach_record_is_null (clip, "frame_rate") ? 0 : coach_record_get_double (clip, "frame_rate");

      if (fps > 0)
        /* Translators: width × height, frames per second */
        picture = g_strdup_printf (_("%" G_GINT64_FORMAT " × %" G_GINT64_FORMAT ", %.3g frames per second"),
                                   clip_int (clip, "width"), clip_int (clip, "height"), fps);
      else
        picture = g_strdup_printf ("%" G_GINT64_FORMAT " × %" G_GINT64_FORMAT,
                                   clip_int (clip, "width"), clip_int (clip, "height"));
    }
  else
    picture = g_strdup (_("Not known yet"));
  format = g_strjoin (", ",
                      coach_record_get_string (clip, "container") ? coach_record_get_string (clip, "container") : "?",
                      coach_record_get_string (clip, "video_codec") ? coach_record_get_string (clip, "video_codec") : "?",
                      coach_record_get_string (clip, "audio_codec") ? coach_record_get_string (clip, "audio_codec") : _("no sound"),
                      NULL);
  if (g_strcmp0 (state, "failed") == 0 && error != NULL)
    status = g_strdup_printf (_("Failed: %s"), error);
  else if (g_strcmp0 (state, "ready") == 0)
    status = g_strdup (_("Ready"));
  else if (g_strcmp0 (state, "processing") == 0)
    status = g_strdup (_("Processing…"));
  else
    status = g_strdup (_("Waiting to be processed"));

  adw_action_row_set_subtitle (self->length_row, length);
  adw_action_row_set_subtitle (self->size_row, size);
  adw_action_row_set_subtitle (self->picture_row, picture);
  adw_action_row_set_subtitle (self->format_row, format);
  adw_action_row_set_subtitle (self->status_row, status);
}

static void
load_exercises (CoachClipDetail *self)
{
  g_autoptr(GPtrArray) exercises = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  const char *linked = coach_record_get_string (self->clip, "exercise_id");
  guint selected = 0;

  g_ptr_array_set_size (self->exercise_ids, 0);
  exercises = coach_catalog_list (self->catalog, "exercise", TRUE, &error);
  if (exercises == NULL)
    g_warning ("Cannot list the exercises: %s", error->message);

  g_ptr_array_add (names, (gpointer) _("None"));
  for (guint i = 0; exercises != NULL && i < exercises->len; i++)
    {
      CoachRecord *exercise = exercises->pdata[i];

      /* Archived exercises only when this clip is linked to one. */
      if (coach_catalog_is_archived (exercise) && g_strcmp0 (linked, coach_record_get_id (exercise)) != 0)
        continue;
      g_ptr_array_add (self->exercise_ids, g_strdup (coach_record_get_id (exercise)));
      g_ptr_array_add (names, (gpointer) coach_record_get_string (exercise, "name"));
      if (g_strcmp0 (linked, coach_record_get_id (exercise)) == 0)
        selected = self->exercise_ids->len;
    }
  g_ptr_array_add (names, NULL);
  gtk_string_list_splice (self->exercise_names, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->exercise_names)),
                          (const char * const *) names->pdata);
  adw_combo_row_set_selected (self->exercise_row, selected);
}

static void
update_details (CoachClipDetail *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->notes_view);
  const char *notes = coach_record_get_string (self->clip, "notes");

  gtk_label_set_label (self->heading_label, coach_record_get_string (self->clip, "title"));
  gtk_editable_set_text (GTK_EDITABLE (self->title_row), coach_record_get_string (self->clip, "title"));
  gtk_text_buffer_set_text (buffer, notes ? notes : "", -1);
  load_exercises (self);
  show_inline_error (self->details_error, NULL);
}

static void
update_position (CoachClipDetail *self)
{
  gint64 position = coach_clip_player_get_position (self->player);
  gint64 duration = coach_clip_player_get_duration (self->player);
  g_autofree char *text = coach_clip_edit_format_time (position);

  gtk_label_set_label (self->position_label, text);
  coach_trim_bar_set_position (self->trim_bar, position);
  self->updating_scale = TRUE;
  if (duration > 0)
    gtk_adjustment_set_upper (self->position_adjustment, duration);
  gtk_adjustment_set_value (self->position_adjustment, position);
  self->updating_scale = FALSE;
}

static gboolean
position_tick_cb (gpointer user_data)
{
  update_position (user_data);
  return G_SOURCE_CONTINUE;
}

static void
player_playing_cb (CoachClipDetail *self,
                   GParamSpec      *pspec,
                   CoachClipPlayer *player)
{
  gboolean playing = coach_clip_player_get_playing (player);
  const char *label = playing ? _("Pause") : _("Play");

  gtk_button_set_icon_name (self->play_button, playing ? "media-playback-pause-symbolic" : "media-playback-start-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->play_button), playing ? _("Pause (Space)") : _("Play (Space)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->play_button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  update_position (self);
}

static void
player_error_cb (CoachClipDetail *self,
                 GParamSpec      *pspec,
                 CoachClipPlayer *player)
{
  show_inline_error (self->player_error, coach_clip_player_get_error (player));
}

static void
clip_changed_cb (CoachClipDetail *self,
                 GParamSpec      *pspec,
                 CoachRecord     *clip)
{
  const char *name = pspec->name;

  if (g_str_equal (name, "title"))
    gtk_label_set_label (self->heading_label, coach_record_get_string (clip, "title"));
  else if (g_str_equal (name, "trim-in-ms") || g_str_equal (name, "trim-out-ms") || g_str_equal (name, "duration-ms"))
    update_range (self);
  if (!g_str_equal (name, "title") && !g_str_equal (name, "notes"))
    update_file_rows (self);
  /* Processing finished while the clip is open: the proxy may now exist,
   * or the file could not be read before. */
  if (g_str_equal (name, "status") && g_strcmp0 (coach_record_get_string (clip, "status"), "ready") == 0 &&
      coach_clip_player_get_error (self->player) != NULL)
    {
      g_autofree char *path = clip_media_path (self->catalog, clip);

      coach_clip_player_set_file (self->player, path);
    }
}

static void
strip_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  GError *error = NULL;
  guint width = 0;
  GPtrArray *frames = coach_media_frame_strip (task_data, STRIP_FRAMES, STRIP_HEIGHT, &width, cancellable, &error);

  if (frames == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, frames, (GDestroyNotify) g_ptr_array_unref);
}

static void
strip_loaded_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(CoachClipDetail) self = user_data;
  g_autoptr(GPtrArray) frames = NULL;
  g_autoptr(GPtrArray) textures = NULL;
  g_autoptr(GError) error = NULL;

  frames = g_task_propagate_pointer (G_TASK (result), &error);
  if (frames == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("No frame strip: %s", error->message);
      return;
    }
  if (g_task_get_cancellable (G_TASK (result)) != self->strip_load || self->trim_bar == NULL)
    return;

  textures = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < frames->len; i++)
    {
      GdkTexture *texture = gdk_texture_new_from_bytes (frames->pdata[i], &error);

      if (texture == NULL)
        {
          g_debug ("A frame of the strip cannot be read: %s", error->message);
          return;
        }
      g_ptr_array_add (textures, texture);
    }
  coach_trim_bar_set_frames (self->trim_bar, textures);
}

/* The strip is decoded off the main thread, like every media job. */
static void
load_strip (CoachClipDetail *self,
            const char      *path)
{
  g_autoptr(GTask) task = NULL;

  g_cancellable_cancel (self->strip_load);
  g_clear_object (&self->strip_load);
  coach_trim_bar_set_frames (self->trim_bar, NULL);
  if (path == NULL || !g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return;

  self->strip_load = g_cancellable_new ();
  task = g_task_new (NULL, self->strip_load, strip_loaded_cb, g_object_ref (self));
  g_task_set_source_tag (task, load_strip);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, strip_thread);
}

/* Reads both time fields; shows what is wrong next to them. */
static void
save_trim (CoachClipDetail *self,
           gint64           in_ms,
           gint64           out_ms)
{
  g_autoptr(GError) error = NULL;

  if (!coach_clip_edit_set_trim (self->catalog, self->clip, in_ms, out_ms, &error))
    {
      show_inline_error (self->trim_error, error->message);
      return;
    }
  show_inline_error (self->trim_error, NULL);
  update_range (self);
}

static gboolean
read_trim_entries (CoachClipDetail *self,
                   gint64          *in_ms,
                   gint64          *out_ms)
{
  g_autoptr(GError) error = NULL;

  if (!coach_clip_edit_parse_time (gtk_editable_get_text (GTK_EDITABLE (self->trim_in_entry)), in_ms, &error) ||
      !coach_clip_edit_parse_time (gtk_editable_get_text (GTK_EDITABLE (self->trim_out_entry)), out_ms, &error))
    {
      show_inline_error (self->trim_error, error->message);
      return FALSE;
    }
  return TRUE;
}

static void
trim_entry_activated_cb (CoachClipDetail *self,
                         GtkEntry        *entry)
{
  gint64 in_ms, out_ms;

  if (self->clip != NULL && read_trim_entries (self, &in_ms, &out_ms))
    save_trim (self, in_ms, out_ms);
}

static void
position_changed_cb (CoachClipDetail *self,
                     GtkAdjustment   *adjustment)
{
  if (self->updating_scale || self->clip == NULL)
    return;
  coach_clip_player_seek (self->player, (gint64) gtk_adjustment_get_value (adjustment));
  update_position (self);
}

static void
speed_selected_cb (CoachClipDetail *self,
                   GParamSpec      *pspec,
                   GtkDropDown     *dropdown)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (selected < G_N_ELEMENTS (coach_clip_edit_speeds))
    coach_clip_player_set_rate (self->player, coach_clip_edit_speeds[selected]);
}

static void
loop_toggled_cb (CoachClipDetail *self,
                 GParamSpec      *pspec,
                 GtkToggleButton *toggle)
{
  coach_clip_player_set_loop (self->player, gtk_toggle_button_get_active (toggle));
}

static void
marker_add_requested_cb (CoachClipDetail  *self,
                         CoachClipMarkers *markers)
{
  coach_clip_markers_add (markers, coach_clip_player_get_position (self->player));
}

static void
marker_seek_cb (CoachClipDetail  *self,
                gint64            t_ms,
                CoachClipMarkers *markers)
{
  coach_clip_player_set_playing (self->player, FALSE);
  coach_clip_player_seek (self->player, t_ms);
  update_position (self);
}

/* ------------------------------------------------------------------------- */

static void
play_pause_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  CoachClipDetail *self = COACH_CLIP_DETAIL (widget);

  coach_clip_player_set_playing (self->player, !coach_clip_player_get_playing (self->player));
}

static void
step_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  CoachClipDetail *self = COACH_CLIP_DETAIL (widget);

  coach_clip_player_step (self->player, g_str_equal (action_name, "clip.step-back") ? -1 : 1);
  update_position (self);
}

static void
set_point_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  CoachClipDetail *self = COACH_CLIP_DETAIL (widget);
  gint64 position = coach_clip_player_get_position (self->player);
  gint64 in_ms, out_ms;

  if (self->clip == NULL)
    return;
  coach_clip_edit_get_range (self->clip, &in_ms, &out_ms);
  if (g_str_equal (action_name, "clip.set-in"))
    in_ms = position;
  else
    out_ms = position;
  save_trim (self, in_ms, out_ms);
}

static void
save_trim_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  trim_entry_activated_cb (COACH_CLIP_DETAIL (widget), NULL);
}

static void
add_marker_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  CoachClipDetail *self = COACH_CLIP_DETAIL (widget);

  if (self->clip != NULL)
    coach_clip_markers_add (self->markers, coach_clip_player_get_position (self->player));
}

static void
save_details_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  CoachClipDetail *self = COACH_CLIP_DETAIL (widget);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->notes_view);
  g_autofree char *notes = NULL;
  g_autoptr(GError) error = NULL;
  guint selected = adw_combo_row_get_selected (self->exercise_row);
  const char *exercise_id = NULL;
  GtkTextIter start, end;

  if (self->clip == NULL)
    return;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  notes = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  if (selected != GTK_INVALID_LIST_POSITION && selected > 0 && selected <= self->exercise_ids->len)
    exercise_id = self->exercise_ids->pdata[selected - 1];

  if (!coach_clip_edit_set_details (self->catalog, self->clip,
                                    gtk_editable_get_text (GTK_EDITABLE (self->title_row)),
                                    notes, exercise_id, &error))
    show_inline_error (self->details_error, error->message);
  else
    show_inline_error (self->details_error, NULL);
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  g_signal_emit (widget, signals[SIGNAL_CLOSE], 0);
}

/* ------------------------------------------------------------------------- */

/* Keyboard focus on the play button, so that Space, the comma and the
 * period work right away. */
static gboolean
coach_clip_detail_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (COACH_CLIP_DETAIL (widget)->play_button));
}

static void
coach_clip_detail_dispose (GObject *object)
{
  CoachClipDetail *self = COACH_CLIP_DETAIL (object);

  g_clear_handle_id (&self->position_id, g_source_remove);
  g_cancellable_cancel (self->strip_load);
  g_clear_object (&self->strip_load);
  if (self->clip != NULL)
    g_signal_handlers_disconnect_by_data (self->clip, self);
  g_clear_object (&self->clip);
  g_clear_object (&self->catalog);
  if (self->player != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->player, self);
      coach_clip_player_set_file (self->player, NULL);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), COACH_TYPE_CLIP_DETAIL);
  g_clear_object (&self->player);
  g_clear_pointer (&self->exercise_ids, g_ptr_array_unref);

  G_OBJECT_CLASS (coach_clip_detail_parent_class)->dispose (object);
}

static void
coach_clip_detail_class_init (CoachClipDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = coach_clip_detail_dispose;
  widget_class->grab_focus = coach_clip_detail_grab_focus;

  signals[SIGNAL_CLOSE] =
    g_signal_new ("close", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  g_type_ensure (COACH_TYPE_CLIP_DETAIL_FILES);
  g_type_ensure (COACH_TYPE_CLIP_MARKERS);
  g_type_ensure (COACH_TYPE_TRIM_BAR);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/coachbook/Coachbook/clips/coach-clip-detail.ui");
  gtk_widget_class_bind_template_child (widget_class, CoachClipDetail, heading_label);
  gtk_widget_class_bind_template_child (widget_class, CoachClipDetail, picture);
  gtk_widget_class_bind_template_child (widget_class, CoachClipDetail, trim_bar);
  gtk_widget_class_bind_template_child (widget_class, CoachClipDetail, player_error);
  gtk_widget_class_bind_template_child (widget_class, CoachClipDetail, play_button);
  gtk_widget_class_bind_template_child (widget_class, CoachClipDetail, position_adjustment);
  gtk_widget_class_bind_template_child (widget_class, CoachClipDetail, position_label);
  gtk_widget_class_bind_template_child (widget_class, CoachClipDetail, speed_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CoachClipDetail, loop_check);
  gtk_widget_class_bind_template_child (widget_class, CoachClipDetail, trim_in_entry);
  gtk_widget_class_bind_template_child (widget_class, CoachClipDetail, trim_out_entry);
  gtk_widget_class_bind_template_child (widget_class, CoachClipDetail, trim_error);
  gtk_widget_class_bind_template_child (widget_class, CoachClipDetail, markers);
  gtk_widget_class_bind_template_child (widget_class, CoachClipDetail, title_row);
  gtk_widget_class_bind_template_child (widget_class, CoachClipDetail, exercise_row);
  gtk_widget_class_bind_template_child (widget_class, CoachClipDetail, exercise_names);
  gtk_widget_class_bind_template_child (widget_class, CoachClipDetail, notes_view);
  gtk_widget_class_bind_template_child (widget_class, CoachClipDetail, details_error);
  gtk_widget_class_bind_template_child (widget_class, CoachClipDetail, length_row);
  gtk_widget_class_bind_template_child (widget_class, CoachClipDetail, size_row);
  gtk_widget_class_bind_template_child (widget_class, CoachClipDetail, picture_row);
  gtk_widget_class_bind_template_child (widget_class, CoachClipDetail, format_row);
  gtk_widget_class_bind_template_child (widget_class, CoachClipDetail, status_row);
  gtk_widget_class_bind_template_child (widget_class, CoachClipDetail, files);
  gtk_widget_class_bind_template_callback (widget_class, trim_entry_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, position_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, speed_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, loop_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, marker_add_requested_cb);
  gtk_widget_class_bind_template_callback (widget_class, marker_seek_cb);

  gtk_widget_class_install_action (widget_class, "clip.play-pause", NULL, play_pause_action);
  gtk_widget_class_install_action (widget_class, "clip.step-back", NULL, step_action);
  gtk_widget_class_install_action (widget_class, "clip.step-forward", NULL, step_action);
  gtk_widget_class_install_action (widget_class, "clip.set-in", NULL, set_point_action);
  gtk_widget_class_install_action (widget_class, "clip.set-out", NULL, set_point_action);
  gtk_widget_class_install_action (widget_class, "clip.save-trim", NULL, save_trim_action);
  gtk_widget_class_install_action (widget_class, "clip.add-marker", NULL, add_marker_action);
  gtk_widget_class_install_action (widget_class, "clip.save-details", NULL, save_details_action);
  gtk_widget_class_install_action (widget_class, "clip.close", NULL, close_action);
}

static void
coach_clip_detail_init (CoachClipDetail *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->exercise_ids = g_ptr_array_new_with_free_func (g_free);
  self->player = coach_clip_player_new ();
  gtk_picture_set_paintable (self->picture, GDK_PAINTABLE (self->player));
  g_signal_connect_object (self->player, "notify::playing", G_CALLBACK (player_playing_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->player, "notify::prepared", G_CALLBACK (player_playing_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->player, "notify::duration-ms", G_CALLBACK (player_playing_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->player, "notify::error", G_CALLBACK (player_error_cb), self, G_CONNECT_SWAPPED);
}

/* ------------------------------------------------------------------------- */

void
coach_clip_detail_set_clip (CoachClipDetail *self,
                            CoachCatalog    *catalog,
                            CoachRecord     *clip)
{
  g_autofree char *path = NULL;

  g_return_if_fail (COACH_IS_CLIP_DETAIL (self));
  g_return_if_fail (clip == NULL || COACH_IS_CATALOG (catalog));

  g_clear_handle_id (&self->position_id, g_source_remove);
  if (self->clip != NULL)
    g_signal_handlers_disconnect_by_data (self->clip, self);
  g_set_object (&self->catalog, catalog);
  g_set_object (&self->clip, clip);
  coach_clip_markers_set_clip (self->markers, catalog, clip);
  coach_clip_detail_files_set_clip (self->files, catalog, clip);
  show_inline_error (self->trim_error, NULL);

  if (clip == NULL)
    {
      coach_clip_player_set_file (self->player, NULL);
      load_strip (self, NULL);
      return;
    }

  g_signal_connect_object (clip, "notify", G_CALLBACK (clip_changed_cb), self, G_CONNECT_SWAPPED);
  update_details (self);
  update_file_rows (self);

  /* A new clip starts at normal speed, without loop. */
  gtk_drop_down_set_selected (self->speed_dropdown, 2);
  gtk_toggle_button_set_active (self->loop_check, FALSE);
  path = clip_media_path (catalog, clip);
  coach_clip_player_set_file (self->player, path);
  load_strip (self, path);
  if (path == NULL)
    show_inline_error (self->player_error, _("This clip has no video file"));
  update_range (self);
  update_position (self);
  self->position_id = g_timeout_add (POSITION_INTERVAL_MS, position_tick_cb, self);
}

CoachRecord *
coach_clip_detail_get_clip (CoachClipDetail *self)
{
  g_return_val_if_fail (COACH_IS_CLIP_DETAIL (self), NULL);
  return self->clip;
}
