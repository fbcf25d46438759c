/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coach-application"

#include "config.h"

#include <glib/gi18n.h>

#include "coach-application.h"
#include "coach-clip-importer.h"
#include "coach-ui-bench.h"
#include "coach-window.h"

#define WEBSITE "https://github.com/coachbook/coachbook"

struct _CoachApplication
{
  AdwApplication  parent_instance;

  char           *data_dir;
  CoachCatalog   *catalog;
  CoachThumbnailCache *thumbnails;
  GError         *open_error;
  CoachSyncService *sync;        /* background sync of the catalog */
  guint           external_changes_id;
  CoachClipImporter *importer;   /* made on first use */
  char          **import_paths;  /* from --import, for the first window */
};

G_DEFINE_FINAL_TYPE (CoachApplication, coach_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "data-dir", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Use the catalog in DIR instead of the default one"), N_("DIR") },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Show the version and exit"), NULL },
  { "import", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, NULL,
    N_("Import a video file or folder into the clip library (repeat for more)"), N_("FILE") },
  { NULL }
};

/* ------------------------------------------------------------------------- */

static gboolean
check_external_changes_cb (gpointer user_data)
{
  CoachApplication *self = user_data;

  if (self->catalog != NULL)
    coach_catalog_check_external_changes (self->catalog);
  return G_SOURCE_CONTINUE;
}

static void
coach_application_open_catalog (CoachApplication *self)
{
  g_autofree char *default_dir = NULL;
  g_autoptr(CoachCatalog) catalog = NULL;
  g_autoptr(GError) error = NULL;
  const char *data_dir = self->data_dir;

  if (self->catalog != NULL || self->open_error != NULL)
    return;

  if (data_dir == NULL)
    data_dir = default_dir = coach_catalog_default_data_dir ();

  catalog = coach_catalog_open (data_dir, &error);
  if (catalog != NULL && !coach_catalog_ensure_starter_library (catalog, &error))
    g_clear_object (&catalog);

  if (catalog == NULL)
    {
      g_warning ("Cannot open the catalog in %s: %s", data_dir, error->message);
      self->open_error = g_steal_pointer (&error);
      return;
    }

  self->catalog = g_steal_pointer (&catalog);
  self->thumbnails = coach_thumbnail_cache_new (self->catalog);
  self->sync = coach_sync_service_new (self->catalog);
  coach_sync_service_start (self->sync);

  /* coachbook-cli (or a second window on the same folder) may write while
   * the app is open; the pages follow through the catalog's "changed". */
  self->external_changes_id = g_timeout_add_seconds (2, check_external_changes_cb, self);
}

/* ------------------------------------------------------------------------- */

static void
quit_activated_cb (GSimpleAction *action,
                   GVariant      *param,
                   gpointer       user_data)
{
  GApplication *app = G_APPLICATION (user_data);
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (app));

  /* Closing the windows (not just quitting) lets them save their state. */
  for (GList *l = windows; l != NULL; )
    {
      GtkWindow *window = l->data;

      l = l->next;
      gtk_window_destroy (window);
    }
  g_application_quit (app);
}

static void
about_activated_cb (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  static const char *developers[] = { "The Coachbook authors", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (app),
                        "application-name", _("Coachbook"),
                        "application-icon", APP_ID,
                        "developer-name", _("The Coachbook authors"),
                        "developers", developers,
                        "version", PACKAGE_VERSION,
                        "website", WEBSITE,
                        "issue-url", WEBSITE "/issues",
                        "copyright", _("© 2026 The Coachbook authors"),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        /* Translators: your name(s), one per line */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
preferences_activated_cb (GSimpleAction *action,
                          GVariant      *param,
                          gpointer       user_data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  if (COACH_IS_WINDOW (window))
    coach_window_show_preferences (COACH_WINDOW (window));
}

/* Files and folders (absolute paths) into the clip library: used by the
 * file chooser, drag and drop and --import. */
static void
import_files_activated_cb (GSimpleAction *action,
                           GVariant      *param,
                           gpointer       user_data)
{
  g_autofree const char **paths = g_variant_get_strv (param, NULL);
  CoachClipImporter *importer = coach_application_get_importer (COACH_APPLICATION (user_data));

  if (importer != NULL)
    coach_clip_importer_import (importer, paths);
}

static const GActionEntry app_actions[] = {
  { "import-files", import_files_activated_cb, "as" },
  { "preferences", preferences_activated_cb },
  { "quit", quit_activated_cb },
  { "about", about_activated_cb },
};

/* ------------------------------------------------------------------------- */

static int
coach_application_handle_local_options (GApplication *app,
                                        GVariantDict *options)
{
  CoachApplication *self = COACH_APPLICATION (app);
  g_autofree char *data_dir = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
      return 0;
    }

  if (g_variant_dict_lookup (options, "data-dir", "^ay", &data_dir))
    {
      if (data_dir[0] == '\0')
        {
          g_printerr ("%s\n", _("--data-dir needs a folder"));
          return 1;
        }
      g_free (self->data_dir);
      self->data_dir = g_canonicalize_filename (data_dir, NULL);

      /* Another catalog is another app: it must not hand over to a
       * running instance that shows the default one. */
      g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);
    }

  {
    g_autofree char **import_paths = NULL;

    if (g_variant_dict_lookup (options, "import", "^a&ay", &import_paths))
      {
        GPtrArray *absolute = g_ptr_array_new ();

        for (guint i = 0; import_paths[i] != NULL; i++)
          g_ptr_array_add (absolute, g_canonicalize_filename (import_paths[i], NULL));
        g_ptr_array_add (absolute, NULL);
        g_strfreev (self->import_paths);
        self->import_paths = (char **) g_ptr_array_free (absolute, FALSE);
      }
  }

  return -1;
}

static void
coach_application_startup (GApplication *app)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *search_accels[] = { "<Control>f", NULL };
  static const char *back_accels[] = { "<Alt>Left", NULL };
  static const char *new_exercise_accels[] = { "<Control>n", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  static const char *sync_now_accels[] = { "<Control>r", NULL };
  static const char * const pages[] = { "exercises", "clips", "workouts", "sessions", "athletes" };

  G_APPLICATION_CLASS (coach_application_parent_class)->startup (app);
  coach_ui_bench_mark ("gtk-ready");

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.search", search_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.back", back_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.new-exercise", new_exercise_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.preferences", preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.sync-now", sync_now_accels);
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autofree char *detailed = g_strdup_printf ("win.page::%s", pages[i]);
      g_autofree char *accel = g_strdup_printf ("<Alt>%u", i + 1);
      const char *accels[] = { accel, NULL };

      gtk_application_set_accels_for_action (GTK_APPLICATION (app), detailed, accels);
    }
}

static void
coach_application_activate (GApplication *app)
{
  CoachApplication *self = COACH_APPLICATION (app);
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (window == NULL)
    {
      coach_application_open_catalog (self);
      coach_ui_bench_mark ("catalog-open");
      window = GTK_WINDOW (coach_window_new (self, self->catalog));
      coach_ui_bench_mark ("window-built");
      if (self->open_error != NULL)
        coach_window_show_error (COACH_WINDOW (window), self->open_error);
    }

  gtk_window_present (window);
  coach_ui_bench_mark ("presented");

  if (self->import_paths != NULL)
    {
      g_auto(GStrv) paths = g_steal_pointer (&self->import_paths);

      g_action_group_activate_action (G_ACTION_GROUP (app), "import-files",
                                      g_variant_new_strv ((const char * const *) paths, -1));
    }
}

static void
coach_application_dispose (GObject *object)
{
  CoachApplication *self = COACH_APPLICATION (object);

  g_clear_handle_id (&self->external_changes_id, g_source_remove);
  g_clear_object (&self->importer);
  g_clear_object (&self->thumbnails);
  g_clear_object (&self->sync);
  g_clear_object (&self->catalog);

  G_OBJECT_CLASS (coach_application_parent_class)->dispose (object);
}

static void
coach_application_finalize (GObject *object)
{
  CoachApplication *self = COACH_APPLICATION (object);

  g_clear_error (&self->open_error);
  g_strfreev (self->import_paths);
  g_free (self->data_dir);

  G_OBJECT_CLASS (coach_application_parent_class)->finalize (object);
}

static void
coach_application_class_init (CoachApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = coach_application_dispose;
  object_class->finalize = coach_application_finalize;

  app_class->handle_local_options = coach_application_handle_local_options;
  app_class->startup = coach_application_startup;
  app_class->activate = coach_application_activate;
}

static void
coach_application_init (CoachApplication *self)
{
  coach_ui_bench_mark ("start");
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Plan exercises, clips, workouts and training sessions"));
}

/* ------------------------------------------------------------------------- */

CoachApplication *
coach_application_new (void)
{
  /* A .Devel id keeps the same resources as a release. */
  return g_object_new (COACH_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/io/github/coachbook/Coachbook",
                       NULL);
}

CoachThumbnailCache *
coach_application_get_thumbnails (CoachApplication *self)
{
  g_return_val_if_fail (COACH_IS_APPLICATION (self), NULL);
  return self->thumbnails;
}

CoachCatalog *
coach_application_get_catalog (CoachApplication *self)
{
  g_return_val_if_fail (COACH_IS_APPLICATION (self), NULL);
  return self->catalog;
}

/* The clip importer and the media queue behind it (one per catalog, so
 * that two queues never share the jobs table), or NULL without catalog. */
CoachClipImporter *
coach_application_get_importer (CoachApplication *self)
{
  g_return_val_if_fail (COACH_IS_APPLICATION (self), NULL);

  if (self->importer == NULL && self->catalog != NULL)
    {
      g_autoptr(CoachMediaQueue) queue = coach_media_queue_new (self->catalog, 0);

      self->importer = coach_clip_importer_new (self->catalog, queue);
    }
  return self->importer;
}

/* The catalog's background sync, or NULL without catalog. */
CoachSyncService *
coach_application_get_sync_service (CoachApplication *self)
{
  g_return_val_if_fail (COACH_IS_APPLICATION (self), NULL);
  return self->sync;
}
