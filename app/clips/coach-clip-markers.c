/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coach-clip-markers"

#include "config.h"

#include <glib/gi18n.h>

#include "coach-clip-edit.h"
#include "coach-clip-markers.h"

struct _CoachClipMarkers
{
  AdwBin        parent_instance;

  CoachCatalog *catalog;
  CoachRecord  *clip;

  GtkEntry     *note_entry;
  GtkLabel     *error_label;
  GtkListBox   *list;
};

G_DEFINE_FINAL_TYPE (CoachClipMarkers, coach_clip_markers, ADW_TYPE_BIN)

enum {
  SIGNAL_ADD_REQUESTED,
  SIGNAL_SEEK,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void coach_clip_markers_reload (CoachClipMarkers *self);

/* ------------------------------------------------------------------------- */

static void
show_error (CoachClipMarkers *self,
            const char       *message)
{
  gtk_label_set_label (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static CoachRecord *
row_marker (GtkWidget *widget)
{
  GtkWidget *row = gtk_widget_get_ancestor (widget, GTK_TYPE_LIST_BOX_ROW);

  return row ? g_object_get_data (G_OBJECT (row), "marker") : NULL;
}

static void
time_clicked_cb (CoachClipMarkers *self,
                 GtkButton        *button)
{
  CoachRecord *marker = row_marker (GTK_WIDGET (button));

  if (marker != NULL)
    g_signal_emit (self, signals[SIGNAL_SEEK], 0, coach_record_get_int (marker, "t_ms"));
}

#define SAVE_DELAY_MS 600

static void
text_activated_cb (CoachClipMarkers *self,
                   GtkEntry         *entry)
{
  CoachRecord *marker = row_marker (GTK_WIDGET (entry));
  g_autoptr(GError) error = NULL;

  g_object_set_data (G_OBJECT (entry), "save-timeout", NULL);
  if (marker == NULL || self->catalog == NULL)
    return;
  if (!coach_clip_edit_set_marker_text (self->catalog, marker, gtk_editable_get_text (GTK_EDITABLE (entry)), &error))
    show_error (self, error->message);
  else
    show_error (self, NULL);
}

static gboolean
save_timeout_cb (gpointer user_data)
{
  GtkEntry *entry = user_data;
  CoachClipMarkers *self = COACH_CLIP_MARKERS (gtk_widget_get_ancestor (GTK_WIDGET (entry), COACH_TYPE_CLIP_MARKERS));

  g_object_steal_data (G_OBJECT (entry), "save-timeout");
  if (self != NULL)
    text_activated_cb (self, entry);
  return G_SOURCE_REMOVE;
}

static void
remove_source (gpointer data)
{
  g_source_remove (GPOINTER_TO_UINT (data));
}

/* Typing saves by itself once the coach pauses. */
static void
text_changed_cb (GtkEntry *entry)
{
  guint id = g_timeout_add (SAVE_DELAY_MS, save_timeout_cb, entry);

  g_object_set_data_full (G_OBJECT (entry), "save-timeout", GUINT_TO_POINTER (id), remove_source);
}

typedef struct
{
  GWeakRef          self;      /* the toast may outlive the widget */
  char             *clip_id;
  gint64            t_ms;
  char             *text;
} Deleted;

static void
deleted_free (gpointer data)
{
  Deleted *deleted = data;

  g_weak_ref_clear (&deleted->self);
  g_free (deleted->clip_id);
  g_free (deleted->text);
  g_free (deleted);
}

/* The marker comes back as a new one with the same time and text. */
static void
undo_clicked_cb (AdwToast *toast,
                 Deleted  *deleted)
{
  g_autoptr(CoachClipMarkers) self = g_weak_ref_get (&deleted->self);
  g_autoptr(CoachRecord) marker = NULL;
  g_autoptr(GError) error = NULL;

  if (self == NULL || self->catalog == NULL || self->clip == NULL ||
      g_strcmp0 (coach_record_get_id (self->clip), deleted->clip_id) != 0)
    return;
  marker = coach_clip_edit_add_marker (self->catalog, self->clip, deleted->t_ms, deleted->text, &error);
  if (marker == NULL)
    show_error (self, error->message);
  coach_clip_markers_reload (self);
}

static void
delete_clicked_cb (CoachClipMarkers *self,
                   GtkButton        *button)
{
  g_autoptr(CoachRecord) marker = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *overlay;
  Deleted *deleted;

  marker = row_marker (GTK_WIDGET (button));
  if (marker == NULL)
    return;
  g_object_ref (marker);
  if (!coach_catalog_delete (self->catalog, marker, &error))
    {
      show_error (self, error->message);
      return;
    }
  coach_clip_markers_reload (self);

  overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  if (overlay != NULL)
    {
      AdwToast *toast = adw_toast_new (_("Marker deleted"));

      deleted = g_new0 (Deleted, 1);
      g_weak_ref_init (&deleted->self, self);
      deleted->clip_id = g_strdup (coach_record_get_string (marker, "clip_id"));
      deleted->t_ms = coach_record_get_int (marker, "t_ms");
      deleted->text = g_strdup (coach_record_get_string (marker, "text"));
      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_timeout (toast, 10);
      g_signal_connect_data (toast, "button-clicked", G_CALLBACK (undo_clicked_cb),
                             deleted, (GClosureNotify) (void (*) (void)) deleted_free, 0);
      adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
    }
}

static GtkWidget *
create_row (CoachClipMarkers *self,
            CoachRecord      *marker)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  g_autofree char *time = coach_clip_edit_format_time (coach_record_get_int (marker, "t_ms"));
  g_autofree char *seek_label = g_strdup_printf (_("Go to %s"), time);
  const char *text = coach_record_get_string (marker, "text");
  GtkWidget *time_button, *entry, *delete_button;

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  g_object_set_data_full (G_OBJECT (row), "marker", g_object_ref (marker), g_object_unref);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);

  time_button = gtk_button_new_with_label (time);
  gtk_widget_add_css_class (time_button, "flat");
  gtk_widget_add_css_class (time_button, "numeric");
  gtk_widget_set_tooltip_text (time_button, seek_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (time_button), GTK_ACCESSIBLE_PROPERTY_LABEL, seek_label, -1);
  g_signal_connect_object (time_button, "clicked", G_CALLBACK (time_clicked_cb), self, G_CONNECT_SWAPPED);

  entry = gtk_entry_new ();
  gtk_widget_set_hexpand (entry, TRUE);
  gtk_editable_set_text (GTK_EDITABLE (entry), text ? text : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Marker text"), -1);
  g_signal_connect_object (entry, "activate", G_CALLBACK (text_activated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect (entry, "changed", G_CALLBACK (text_changed_cb), NULL);

  delete_button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_add_css_class (delete_button, "flat");
  gtk_widget_set_tooltip_text (delete_button, _("Delete Marker"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (delete_button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Delete Marker"), -1);
  g_signal_connect_object (delete_button, "clicked", G_CALLBACK (delete_clicked_cb), self, G_CONNECT_SWAPPED);

  gtk_box_append (GTK_BOX (box), time_button);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), delete_button);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  return row;
}

static void
coach_clip_markers_reload (CoachClipMarkers *self)
{
  g_autoptr(GPtrArray) markers = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  gtk_widget_set_visible (GTK_WIDGET (self->list), FALSE);
  if (self->clip == NULL)
    return;

  markers = coach_clip_edit_list_markers (self->catalog, coach_record_get_id (self->clip), &error);
  if (markers == NULL)
    {
      show_error (self, error->message);
      return;
    }
  for (guint i = 0; i < markers->len; i++)
    gtk_list_box_append (self->list, create_row (self, markers->pdata[i]));
  gtk_widget_set_visible (GTK_WIDGET (self->list), markers->len > 0);
}

static void
add_clicked_cb (CoachClipMarkers *self,
                GtkButton        *button)
{
  if (self->clip != NULL)
    g_signal_emit (self, signals[SIGNAL_ADD_REQUESTED], 0);
}

static void
note_activated_cb (CoachClipMarkers *self,
                   GtkEntry         *entry)
{
  add_clicked_cb (self, NULL);
}

/* ------------------------------------------------------------------------- */

static void
coach_clip_markers_dispose (GObject *object)
{
  CoachClipMarkers *self = COACH_CLIP_MARKERS (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), COACH_TYPE_CLIP_MARKERS);
  g_clear_object (&self->clip);
  g_clear_object (&self->catalog);

  G_OBJECT_CLASS (coach_clip_markers_parent_class)->dispose (object);
}

static void
coach_clip_markers_class_init (CoachClipMarkersClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = coach_clip_markers_dispose;

  signals[SIGNAL_ADD_REQUESTED] =
    g_signal_new ("add-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
  signals[SIGNAL_SEEK] =
    g_signal_new ("seek", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/coachbook/Coachbook/clips/coach-clip-markers.ui");
  gtk_widget_class_bind_template_child (widget_class, CoachClipMarkers, note_entry);
  gtk_widget_class_bind_template_child (widget_class, CoachClipMarkers, error_label);
  gtk_widget_class_bind_template_child (widget_class, CoachClipMarkers, list);
  gtk_widget_class_bind_template_callback (widget_class, add_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, note_activated_cb);
}

static void
coach_clip_markers_init (CoachClipMarkers *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_visible (GTK_WIDGET (self->list), FALSE);
}

/* ------------------------------------------------------------------------- */

void
coach_clip_markers_set_clip (CoachClipMarkers *self,
                             CoachCatalog     *catalog,
                             CoachRecord      *clip)
{
  g_return_if_fail (COACH_IS_CLIP_MARKERS (self));

  g_set_object (&self->catalog, catalog);
  g_set_object (&self->clip, clip);
  gtk_editable_set_text (GTK_EDITABLE (self->note_entry), "");
  show_error (self, NULL);
  coach_clip_markers_reload (self);
}

gboolean
coach_clip_markers_add (CoachClipMarkers *self,
                        gint64            t_ms)
{
  g_autoptr(CoachRecord) marker = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (COACH_IS_CLIP_MARKERS (self), FALSE);

  if (self->clip == NULL)
    return FALSE;
  marker = coach_clip_edit_add_marker (self->catalog, self->clip, t_ms,
                                       gtk_editable_get_text (GTK_EDITABLE (self->note_entry)), &error);
  if (marker == NULL)
    {
      show_error (self, error->message);
      return FALSE;
    }
  show_error (self, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->note_entry), "");
  coach_clip_markers_reload (self);
  return TRUE;
}
