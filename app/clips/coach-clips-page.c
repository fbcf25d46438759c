/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coach-clips-page"

#include "config.h"

#include <glib/gi18n.h>

#include "coach-application.h"
#include "coach-clip-detail.h"
#include "coach-clips-page.h"
#include "coach-clip-tile.h"

struct _CoachClipsPage
{
  CoachListPage      parent_instance;

  AdwToastOverlay   *toast_overlay;
  GtkStack          *view_stack;
  GtkGridView       *grid_view;
  GtkProgressBar    *import_progress;
  CoachClipDetail   *detail;    /* made when a clip is first opened */

  CoachClipImporter *importer;
  GtkFileChooserNative *chooser;
};

G_DEFINE_FINAL_TYPE (CoachClipsPage, coach_clips_page, COACH_TYPE_LIST_PAGE)

/* ------------------------------------------------------------------------- */

static void
show_toast (CoachClipsPage *self,
            const char     *title)
{
  AdwToast *toast = adw_toast_new (title);

  adw_toast_set_timeout (toast, 6);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
import_paths (CoachClipsPage     *self,
              const char * const *paths)
{
  if (paths == NULL || paths[0] == NULL)
    return;
  gtk_widget_activate_action (GTK_WIDGET (self), "app.import-files", "^as", paths);
}

static void
importer_file_done_cb (CoachClipsPage    *self,
                       const char        *path,
                       CoachRecord       *clip,
                       gboolean           duplicate,
                       const char        *message,
                       CoachClipImporter *importer)
{
  g_autofree char *name = g_filename_display_basename (path);
  g_autofree char *text = NULL;

  if (clip == NULL)
    text = g_strdup (message);
  else if (duplicate)
    /* Translators: %s is a file name, the clip is the one in the library */
    text = g_strdup_printf (_("“%s” is already in the library as “%s”"), name,
                            coach_record_get_string (clip, "title"));
  if (text != NULL)
    show_toast (self, text);
}

static void
importer_finished_cb (CoachClipsPage    *self,
                      guint              added,
                      guint              duplicates,
                      guint              failed,
                      CoachClipImporter *importer)
{
  g_autofree char *text = NULL;

  if (added == 0)
    return;
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u clip imported: processing it now",
                                       "%u clips imported: processing them now", added), added);
  show_toast (self, text);
}

static void
importer_progress_cb (CoachClipsPage    *self,
                      GParamSpec        *pspec,
                      CoachClipImporter *importer)
{
  gboolean busy = coach_clip_importer_get_busy (importer);
  double fraction = coach_clip_importer_get_fraction (importer);
  g_autofree char *text = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->import_progress), busy);
  if (!busy)
    return;
  /* Translators: the progress of copying videos into the library */
  text = g_strdup_printf (_("Copying into the library… %.0f %%"), fraction * 100.0);
  gtk_progress_bar_set_fraction (self->import_progress, fraction);
  gtk_progress_bar_set_text (self->import_progress, text);
}

static void
ensure_importer (CoachClipsPage *self)
{
  GApplication *app = g_application_get_default ();

  if (self->importer != NULL || !COACH_IS_APPLICATION (app))
    return;
  self->importer = coach_application_get_importer (COACH_APPLICATION (app));
  if (self->importer == NULL)
    return;
  g_object_ref (self->importer);
  g_signal_connect_object (self->importer, "file-done", G_CALLBACK (importer_file_done_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->importer, "finished", G_CALLBACK (importer_finished_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->importer, "notify::busy", G_CALLBACK (importer_progress_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->importer, "notify::fraction", G_CALLBACK (importer_progress_cb), self, G_CONNECT_SWAPPED);
  importer_progress_cb (self, NULL, self->importer);
}

static void
chooser_response_cb (CoachClipsPage       *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  g_autoptr(GListModel) files = NULL;
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

  if (response == GTK_RESPONSE_ACCEPT)
    {
      files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        {
          g_autoptr(GFile) file = g_list_model_get_item (files, i);
          char *path = g_file_get_path (file);

          if (path != NULL)
            g_ptr_array_add (paths, path);
        }
      g_ptr_array_add (paths, NULL);
      import_paths (self, (const char * const *) paths->pdata);
    }
  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
  g_clear_object (&self->chooser);
}

static void
open_chooser (CoachClipsPage       *self,
              GtkFileChooserAction  action)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GtkFileFilter) videos = NULL;
  g_autoptr(GtkFileFilter) all = NULL;

  if (self->chooser != NULL)
    {
      gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
      return;
    }
  ensure_importer (self);

  self->chooser = gtk_file_chooser_native_new (action == GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER
                                                 ? _("Import a Folder of Clips") : _("Import Clips"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               action, _("_Import"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (self->chooser), TRUE);
  if (action == GTK_FILE_CHOOSER_ACTION_OPEN)
    {
      videos = gtk_file_filter_new ();
      gtk_file_filter_set_name (videos, _("Videos"));
      gtk_file_filter_add_mime_type (videos, "video/*");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), videos);
      all = gtk_file_filter_new ();
      gtk_file_filter_set_name (all, _("All Files"));
      gtk_file_filter_add_pattern (all, "*");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), all);
    }
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  open_chooser (COACH_CLIPS_PAGE (widget), GTK_FILE_CHOOSER_ACTION_OPEN);
}

static void
import_folder_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  open_chooser (COACH_CLIPS_PAGE (widget), GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER);
}

static gboolean
drop_cb (CoachClipsPage *self,
         const GValue   *value,
         double          x,
         double          y,
         GtkDropTarget  *target)
{
  GSList *files;
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  files = g_value_get_boxed (value);
  for (GSList *l = files; l != NULL; l = l->next)
    {
      char *path = g_file_get_path (l->data);

      /* Only local files: the copy reads them with plain I/O. */
      if (path != NULL)
        g_ptr_array_add (paths, path);
    }
  if (paths->len == 0)
    {
      show_toast (self, _("Only files on this computer can be imported"));
      return FALSE;
    }
  ensure_importer (self);
  g_ptr_array_add (paths, NULL);
  import_paths (self, (const char * const *) paths->pdata);
  return TRUE;
}

static void detail_close_cb (CoachClipsPage  *self,
                             CoachClipDetail *detail);

/* The detail (player, trim bar, markers) costs as much to build as the
 * rest of the page, and many visits only browse. */
static void
ensure_detail (CoachClipsPage *self)
{
  if (self->detail != NULL)
    return;
  self->detail = g_object_new (COACH_TYPE_CLIP_DETAIL, NULL);
  g_signal_connect_object (self->detail, "close", G_CALLBACK (detail_close_cb), self, G_CONNECT_SWAPPED);
  gtk_stack_add_named (self->view_stack, GTK_WIDGET (self->detail), "detail");
}

static void
show_detail (CoachClipsPage *self,
             CoachRecord    *clip)
{
  ensure_detail (self);
  coach_clip_detail_set_clip (self->detail, coach_list_page_get_catalog (COACH_LIST_PAGE (self)), clip);
  gtk_stack_set_visible_child_name (self->view_stack, "detail");
  gtk_widget_grab_focus (GTK_WIDGET (self->detail));
}

static void
grid_activated_cb (CoachClipsPage *self,
                   guint           position,
                   GtkGridView    *grid)
{
  GListModel *model = G_LIST_MODEL (gtk_grid_view_get_model (grid));
  g_autoptr(CoachRecord) clip = g_list_model_get_item (model, position);

  if (clip != NULL)
    show_detail (self, clip);
}

static void
detail_close_cb (CoachClipsPage  *self,
                 CoachClipDetail *detail)
{
  coach_clip_detail_set_clip (self->detail, NULL, NULL);
  gtk_stack_set_visible_child_name (self->view_stack, "browse");
  gtk_widget_grab_focus (GTK_WIDGET (self->grid_view));
}

/* ------------------------------------------------------------------------- */

static void
coach_clips_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (coach_clips_page_parent_class)->map (widget);
  ensure_importer (COACH_CLIPS_PAGE (widget));
}

static void
coach_clips_page_dispose (GObject *object)
{
  CoachClipsPage *self = COACH_CLIPS_PAGE (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->importer);

  G_OBJECT_CLASS (coach_clips_page_parent_class)->dispose (object);
}

static void
coach_clips_page_class_init (CoachClipsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  CoachListPageClass *page_class = COACH_LIST_PAGE_CLASS (klass);

  object_class->dispose = coach_clips_page_dispose;
  widget_class->map = coach_clips_page_map;

  page_class->table = "clip";
  page_class->title = N_("Clips");

  g_type_ensure (COACH_TYPE_CLIP_TILE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/coachbook/Coachbook/clips/coach-clips-page.ui");
  coach_list_page_class_bind (page_class);
  gtk_widget_class_bind_template_child (widget_class, CoachClipsPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CoachClipsPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, CoachClipsPage, grid_view);
  gtk_widget_class_bind_template_child (widget_class, CoachClipsPage, import_progress);
  gtk_widget_class_bind_template_callback (widget_class, grid_activated_cb);

  gtk_widget_class_install_action (widget_class, "clips.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "clips.import-folder", NULL, import_folder_action);
}

static void
coach_clips_page_init (CoachClipsPage *self)
{
  GtkDropTarget *target;

  gtk_widget_init_template (GTK_WIDGET (self));

  target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect_object (target, "drop", G_CALLBACK (drop_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
}

/* ------------------------------------------------------------------------- */

gboolean
coach_clips_page_show_clip (CoachClipsPage *self,
                            const char     *id)
{
  CoachCatalog *catalog;
  g_autoptr(CoachRecord) clip = NULL;

  g_return_val_if_fail (COACH_IS_CLIPS_PAGE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  catalog = coach_list_page_get_catalog (COACH_LIST_PAGE (self));
  if (catalog == NULL || (clip = coach_catalog_get (catalog, "clip", id, NULL)) == NULL)
    return FALSE;
  show_detail (self, clip);
  return TRUE;
}
