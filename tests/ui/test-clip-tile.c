/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 *
 * The clip tiles and the clip detail show where a clip's files are:
 * blob rows, upload parts and pins are seeded in a real catalog, the real
 * widgets are shown on a private X server (see run-with-display.sh) and
 * what they say (icon, tooltip, progress) is checked, then changed in the
 * catalog and checked again. Pictures of the tiles and of the detail's
 * group are saved as clip-tiles.png and clip-detail-files.png in the
 * build directory.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <unistd.h>

#include "coach-application.h"
#include "coach-blob-store.h"
#include "coach-clip-detail-files.h"
#include "coach-clip-tile.h"

#define SHA(c) "0000000000000000000000000000000000000000000000000000000000000" c
/* Generous: a loaded machine shares two cores between many builds. */
#define WAIT_US (60 * G_USEC_PER_SEC)

typedef struct
{
  const char *id;
  const char *title;      /* what the tile's icon says, NULL: no icon */
  const char *icon_name;
  gboolean    progress;   /* a progress bar under the picture */
} Expected;

static const Expected expected[] = {
  { "waiting", "Waiting to upload", "computer-symbolic", FALSE },
  { "uploading", "Uploading, 40 %", "network-transmit-symbolic", TRUE },
  { "uploaded", NULL, NULL, FALSE },
  { "remote", "Not downloaded", "folder-remote-symbolic", FALSE },
  { "downloading", "Downloading", "network-receive-symbolic", TRUE },
  { "pinned", "Kept on this device", "view-pin-symbolic", FALSE },
};

static const char * const catalog_files[] = { "catalog.db", "catalog.db-wal", "catalog.db-shm" };

typedef struct
{
  char               *dir;
  char               *path;
  CoachCatalog       *catalog;
  CoachClipTransfers *transfers;
  GtkWidget          *window;
  CoachClipTile      *tiles[G_N_ELEMENTS (expected)];
} Fixture;

/* ------------------------------------------------------------------------- */

static void
exec_sql (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 10000);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

static void
seed (Fixture *f)
{
  exec_sql (f->path,
            "INSERT INTO blob (sha256, path, size, state, created_at) VALUES "
            "('" SHA ("001") "', 'x', 100, 'local', 0), "
            "('" SHA ("011") "', 'x', 1000, 'uploading', 0), "
            "('" SHA ("041") "', 'x', 100, 'uploaded', 0), "
            "('" SHA ("071") "', NULL, 100, 'downloading', 0), "
            "('" SHA ("081") "', 'x', 100, 'uploaded', 0);"
            "INSERT INTO blob_upload (sha256, method, part_size, part_count, started_at) "
            "VALUES ('" SHA ("011") "', 'multipart', 200, 5, 0);"
            "INSERT INTO blob_upload_part (sha256, part_number, size, etag) VALUES "
            "('" SHA ("011") "', 1, 200, 'a'), ('" SHA ("011") "', 2, 200, 'b');"
            "INSERT INTO clip (id, title, sha256, status, server_version) VALUES "
            "('waiting', 'Box jumps', '" SHA ("001") "', 'ready', 1), "
            "('uploading', 'Sprint start', '" SHA ("011") "', 'ready', 1), "
            "('uploaded', 'Squat', '" SHA ("041") "', 'ready', 1), "
            "('remote', 'Lunges', '" SHA ("051") "', 'ready', 1), "
            "('downloading', 'Plank', '" SHA ("071") "', 'ready', 1), "
            "('pinned', 'Burpees', '" SHA ("081") "', 'ready', 1);");
}

static void
sign_in (Fixture  *f,
         gboolean  signed_in)
{
  g_autoptr(GError) error = NULL;

  coach_catalog_set_meta (f->catalog, "sync-server-url", signed_in ? "https://team.example" : "", &error);
  g_assert_no_error (error);
  coach_catalog_set_meta (f->catalog, "sync-email", "coach@example.org", &error);
  g_assert_no_error (error);
  coach_catalog_set_meta (f->catalog, "sync-device-id", "device-1", &error);
  g_assert_no_error (error);
}

static void
wait_for (gboolean *done)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_US;

  while (!*done && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (*done);
}

static void
reloaded_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (coach_clip_transfers_reload_finish (COACH_CLIP_TRANSFERS (source), result, &error));
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

static void
reload (Fixture *f)
{
  gboolean done = FALSE;

  coach_clip_transfers_reload_async (f->transfers, NULL, reloaded_cb, &done);
  wait_for (&done);
}

static gboolean
mapped_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Lets the window lay out and draw. */
static void
settle (void)
{
  gboolean done = FALSE;

  g_timeout_add (300, mapped_cb, &done);
  wait_for (&done);
}

static GtkWidget *
find_child (GtkWidget  *widget,
            GType       type,
            const char *css_class)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type) &&
          (css_class == NULL || gtk_widget_has_css_class (child, css_class)))
        return child;
      if ((found = find_child (child, type, css_class)) != NULL)
        return found;
    }
  return NULL;
}

/* The visible progress bar other than the processing one: the tile shows
 * processing progress only for a clip being processed, and these are
 * ready. */
static GtkProgressBar *
visible_progress (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkProgressBar *found;

      if (GTK_IS_PROGRESS_BAR (child) && gtk_widget_get_visible (child))
        return GTK_PROGRESS_BAR (child);
      if ((found = visible_progress (child)) != NULL)
        return found;
    }
  return NULL;
}

static void
check_tile (CoachClipTile  *tile,
            const Expected *e,
            const char     *title)
{
  GtkWidget *icon = find_child (GTK_WIDGET (tile), GTK_TYPE_IMAGE, "clip-transfer");
  GtkProgressBar *progress = visible_progress (GTK_WIDGET (tile));

  g_test_message ("tile %s", e->id);
  g_assert_nonnull (icon);
  if (title == NULL)
    {
      g_assert_false (gtk_widget_get_visible (icon));
      g_assert_null (progress);
      return;
    }
  g_assert_true (gtk_widget_get_visible (icon));
  g_assert_true (gtk_widget_get_mapped (icon));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (icon), ==, title);
  g_assert_cmpstr (gtk_image_get_icon_name (GTK_IMAGE (icon)), ==, e->icon_name);
  g_assert_cmpint (e->progress, ==, progress != NULL);
}

static void
save_picture (GtkWidget  *window,
              const char *name)
{
  const char *dir = g_getenv ("SCREENSHOT_DIR");
  GtkWidget *content = gtk_window_get_child (GTK_WINDOW (window));
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (content);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (window));

  gdk_paintable_snapshot (paintable, snapshot,
                          gtk_widget_get_width (content), gtk_widget_get_height (content));
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node, NULL);
  path = g_build_filename (dir != NULL ? dir : ".", name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("picture: %s", path);
}

/* ------------------------------------------------------------------------- */

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *box;

  f->dir = g_dir_make_tmp ("coachbook-tiles-XXXXXX", &error);
  g_assert_no_error (error);
  f->catalog = coach_catalog_open (f->dir, &error);
  g_assert_no_error (error);
  f->path = g_strdup (coach_catalog_get_path (f->catalog));
  seed (f);
  g_assert_true (coach_catalog_set_clip_pinned (f->catalog, "pinned", TRUE, &error));
  g_assert_no_error (error);
  sign_in (f, TRUE);

  f->transfers = coach_clip_transfers_new (f->catalog);
  reload (f);

  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1260, 200);
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_add_css_class (box, "view");
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(CoachRecord) clip = coach_catalog_get (f->catalog, "clip", expected[i].id, &error);

      g_assert_no_error (error);
      g_assert_nonnull (clip);
      f->tiles[i] = g_object_new (COACH_TYPE_CLIP_TILE, NULL);
      coach_clip_tile_set_transfers (f->tiles[i], f->transfers);
      coach_clip_tile_set_clip (f->tiles[i], clip);
      gtk_box_append (GTK_BOX (box), GTK_WIDGET (f->tiles[i]));
    }
  gtk_window_set_child (GTK_WINDOW (f->window), box);
  gtk_window_present (GTK_WINDOW (f->window));
  settle ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_pointer ((GtkWindow **) &f->window, gtk_window_destroy);
  g_clear_object (&f->transfers);
  g_clear_object (&f->catalog);
  for (guint i = 0; i < G_N_ELEMENTS (catalog_files); i++)
    {
      g_autofree char *file = g_build_filename (f->dir, catalog_files[i], NULL);
      g_unlink (file);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

/* ------------------------------------------------------------------------- */

static void
test_tiles (Fixture       *f,
            gconstpointer  data)
{
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (f->window));
  GtkProgressBar *progress;

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      check_tile (f->tiles[i], &expected[i], expected[i].title);
      /* symbolic icons the Adwaita theme really has */
      if (expected[i].icon_name != NULL)
        g_assert_true (gtk_icon_theme_has_icon (theme, expected[i].icon_name));
    }
  progress = visible_progress (GTK_WIDGET (f->tiles[1]));
  g_assert_cmpfloat_with_epsilon (gtk_progress_bar_get_fraction (progress), 0.4, 1e-9);
  save_picture (f->window, "clip-tiles.png");

  /* another part acknowledged: the tile follows without being rebound */
  exec_sql (f->path, "INSERT INTO blob_upload_part (sha256, part_number, size, etag) "
                     "VALUES ('" SHA ("011") "', 3, 200, 'c')");
  reload (f);
  check_tile (f->tiles[1], &expected[1], "Uploading, 60 %");
  g_assert_cmpfloat_with_epsilon (gtk_progress_bar_get_fraction (visible_progress (GTK_WIDGET (f->tiles[1]))), 0.6, 1e-9);

  /* the upload is done: nothing to say about it any more */
  exec_sql (f->path, "DELETE FROM blob_upload; UPDATE blob SET state = 'uploaded' WHERE sha256 = '" SHA ("011") "'");
  reload (f);
  check_tile (f->tiles[1], &expected[1], NULL);

  /* signed out: no clutter at all */
  sign_in (f, FALSE);
  reload (f);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    check_tile (f->tiles[i], &expected[i], NULL);
}

static void
test_detail (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(CoachRecord) remote = coach_catalog_get (f->catalog, "clip", "remote", NULL);
  g_autoptr(CoachRecord) uploading = coach_catalog_get (f->catalog, "clip", "uploading", NULL);
  CoachClipDetailFiles *files = g_object_new (COACH_TYPE_CLIP_DETAIL_FILES, NULL);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *pin_switch;
  AdwActionRow *row;

  /* about as wide as the detail's column */
  gtk_window_set_default_size (GTK_WINDOW (window), 560, -1);
  gtk_widget_add_css_class (box, "background");
  gtk_widget_set_margin_start (GTK_WIDGET (files), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (files), 12);
  gtk_widget_set_margin_top (GTK_WIDGET (files), 12);
  gtk_widget_set_margin_bottom (GTK_WIDGET (files), 12);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (files));
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
  coach_clip_detail_files_set_transfers (files, f->transfers);
  coach_clip_detail_files_set_clip (files, f->catalog, uploading);
  settle ();

  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (files)));
  row = ADW_ACTION_ROW (find_child (GTK_WIDGET (files), ADW_TYPE_ACTION_ROW, NULL));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Uploading, 40 %");
  g_assert_nonnull (visible_progress (GTK_WIDGET (files)));
  save_picture (window, "clip-detail-files.png");

  /* "Keep on This Device" pins the clip in the catalog */
  coach_clip_detail_files_set_clip (files, f->catalog, remote);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Not downloaded");
  pin_switch = find_child (GTK_WIDGET (files), GTK_TYPE_SWITCH, NULL);
  g_assert_nonnull (pin_switch);
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (pin_switch)));
  g_assert_false (coach_catalog_get_clip_pinned (f->catalog, "remote"));
  gtk_switch_set_active (GTK_SWITCH (pin_switch), TRUE);
  g_assert_true (coach_catalog_get_clip_pinned (f->catalog, "remote"));
  reload (f);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (pin_switch)));
  gtk_switch_set_active (GTK_SWITCH (pin_switch), FALSE);
  g_assert_false (coach_catalog_get_clip_pinned (f->catalog, "remote"));

  /* signed out: the group is gone */
  sign_in (f, FALSE);
  reload (f);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (files)));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* What a screen reader reads for the tiles, over AT-SPI: read-accessible.py
 * runs while this process serves its accessibility tree. */

static void
read_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  char **out = user_data;
  g_autoptr(GError) error = NULL;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (source), result, out, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (G_SUBPROCESS (source)));
  if (*out == NULL)
    *out = g_strdup ("");
}

static void
test_accessible (Fixture       *f,
                 gconstpointer  data)
{
  const char *reader = g_getenv ("ATSPI_READER");
  g_autofree char *pid = g_strdup_printf ("%d", (int) getpid ());
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  gint64 deadline = g_get_monotonic_time () + 2 * WAIT_US;

  if (reader == NULL)
    {
      g_test_skip ("ATSPI_READER is not set: run through meson");
      return;
    }
  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, "/usr/bin/python3", reader, pid,
                              "Sprint start", "Box jumps", "Squat", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (process, NULL, NULL, read_done_cb, &out);
  while (out == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (out);
  g_test_message ("%s", out);
  g_assert_nonnull (strstr (out, "Sprint start\tReady, Uploading, 40 %\n"));
  g_assert_nonnull (strstr (out, "Box jumps\tReady, Waiting to upload\n"));
  /* on the team server: nothing added */
  g_assert_nonnull (strstr (out, "Squat\tReady\n"));
}

/* The real app on the seeded catalog: its clip grid finds the states
 * through the application's sync service (signed in, though no keyring
 * here: the runs fail, the states are still shown). No run is under way,
 * so the upload and the download the catalog has stand still. */

typedef struct
{
  const char *id;
  const char *tooltip;
} TileQuery;

static CoachClipTile *
find_tile (GtkWidget  *widget,
           const char *clip_id)
{
  if (COACH_IS_CLIP_TILE (widget) && gtk_widget_get_mapped (widget) &&
      coach_clip_tile_get_clip (COACH_CLIP_TILE (widget)) != NULL &&
      g_strcmp0 (coach_record_get_id (coach_clip_tile_get_clip (COACH_CLIP_TILE (widget))), clip_id) == 0)
    return COACH_CLIP_TILE (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      CoachClipTile *found = find_tile (child, clip_id);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
tile_says (GtkWindow       *window,
           const TileQuery *query)
{
  CoachClipTile *tile = find_tile (GTK_WIDGET (window), query->id);
  GtkWidget *icon = tile != NULL ? find_child (GTK_WIDGET (tile), GTK_TYPE_IMAGE, "clip-transfer") : NULL;

  return icon != NULL && gtk_widget_get_mapped (icon) &&
         g_strcmp0 (gtk_widget_get_tooltip_text (icon), query->tooltip) == 0;
}

static gboolean
check_app_cb (gpointer user_data)
{
  gboolean *checked = user_data;
  GApplication *app = g_application_get_default ();
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  static const TileQuery queries[] = {
    { "uploading", "Waiting to upload" },
    { "downloading", "Not downloaded" },
    { "waiting", "Waiting to upload" },
    { "remote", "Not downloaded" },
    { "pinned", "Kept on this device" },
  };

  g_assert_nonnull (window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.page", "s", "clips"));
  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      gint64 deadline = g_get_monotonic_time () + WAIT_US;

      while (!tile_says (window, &queries[i]))
        {
          if (g_get_monotonic_time () > deadline)
            g_error ("the tile of %s does not say “%s”", queries[i].id, queries[i].tooltip);
          g_main_context_iteration (NULL, FALSE);
          g_usleep (1000);
        }
    }
  *checked = TRUE;
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  return G_SOURCE_REMOVE;
}

static void
activated_cb (GApplication *app,
              gboolean     *checked)
{
  g_idle_add (check_app_cb, checked);
}

static void
test_app (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(CoachApplication) app = NULL;
  char *argv[] = { (char *) "coachbook", (char *) "--data-dir", f->dir, NULL };
  gboolean checked = FALSE;

  /* the app opens the catalog itself */
  gtk_window_destroy (GTK_WINDOW (g_steal_pointer (&f->window)));
  g_clear_object (&f->transfers);
  g_clear_object (&f->catalog);

  app = coach_application_new ();
  g_signal_connect_after (app, "activate", G_CALLBACK (activated_cb), &checked);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 3, argv), ==, 0);
  g_assert_true (checked);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GtkCssProvider) css = NULL;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* what the application loads: the look of the tiles */
  css = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (css, "/io/github/coachbook/Coachbook/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

  g_test_add ("/clip-tile/transfer-states", Fixture, NULL, fixture_set_up, test_tiles, fixture_tear_down);
  g_test_add ("/clip-tile/detail-files", Fixture, NULL, fixture_set_up, test_detail, fixture_tear_down);
  g_test_add ("/clip-tile/accessible", Fixture, NULL, fixture_set_up, test_accessible, fixture_tear_down);
  g_test_add ("/clip-tile/in-the-app", Fixture, NULL, fixture_set_up, test_app, fixture_tear_down);
  return g_test_run ();
}
