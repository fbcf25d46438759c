/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 *
 * The importer the app uses: files and folders copied off the main thread,
 * clips created and processed, duplicates and bad files reported.
 */
#include "config.h"

#include "media-test-util.h"
#include "coach-clip-import.h"
#include "coach-clip-importer.h"

typedef struct
{
  GMainLoop *loop;
  guint      added, duplicates, failed;
  GPtrArray *errors;          /* messages of the files that failed */
  GPtrArray *clips;           /* CoachRecord of the files imported */
} Run;

static void
file_done_cb (CoachClipImporter *importer,
              const char        *path,
              CoachRecord       *clip,
              gboolean           duplicate,
              const char        *message,
              Run               *run)
{
  if (clip == NULL)
    {
      g_assert_nonnull (message);
      g_ptr_array_add (run->errors, g_strdup (message));
    }
  else
    {
      g_assert_null (message);
      g_ptr_array_add (run->clips, g_object_ref (clip));
    }
}

static void
finished_cb (CoachClipImporter *importer,
             guint              added,
             guint              duplicates,
             guint              failed,
             Run               *run)
{
  run->added = added;
  run->duplicates = duplicates;
  run->failed = failed;
  g_main_loop_quit (run->loop);
}

static void
clip_progress_cb (CoachClipImporter *importer,
                  const char        *clip_id,
                  double             fraction,
                  guint             *seen)
{
  g_assert_cmpfloat (fraction, <=, 1.0);
  (*seen)++;
}

static void
queue_idle_cb (CoachMediaQueue *queue,
               GMainLoop       *loop)
{
  g_main_loop_quit (loop);
}

static gboolean
give_up_cb (gpointer data)
{
  g_error ("the import did not end in time");
  return G_SOURCE_REMOVE;
}

static void
run_import (CoachClipImporter  *importer,
            const char * const *paths,
            Run                *run)
{
  guint timeout = g_timeout_add_seconds (120, give_up_cb, NULL);

  run->loop = g_main_loop_new (NULL, FALSE);
  run->errors = g_ptr_array_new_with_free_func (g_free);
  run->clips = g_ptr_array_new_with_free_func (g_object_unref);
  g_signal_connect (importer, "file-done", G_CALLBACK (file_done_cb), run);
  g_signal_connect (importer, "finished", G_CALLBACK (finished_cb), run);
  coach_clip_importer_import (importer, paths);
  g_assert_true (coach_clip_importer_get_busy (importer));
  g_main_loop_run (run->loop);
  g_assert_false (coach_clip_importer_get_busy (importer));
  g_signal_handlers_disconnect_by_data (importer, run);
  g_source_remove (timeout);
}

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->loop, g_main_loop_unref);
  g_clear_pointer (&run->errors, g_ptr_array_unref);
  g_clear_pointer (&run->clips, g_ptr_array_unref);
}

static void
wait_idle (CoachMediaQueue *queue)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  guint timeout = g_timeout_add_seconds (120, give_up_cb, NULL);
  gulong id = g_signal_connect (queue, "idle", G_CALLBACK (queue_idle_cb), loop);

  if (coach_media_queue_count_pending (queue) > 0)
    g_main_loop_run (loop);
  g_signal_handler_disconnect (queue, id);
  g_source_remove (timeout);
}

static void
test_import (void)
{
  g_autofree char *dir = test_make_tmp_dir ();
  g_autofree char *videos = g_build_filename (dir, "videos", NULL);
  g_autofree char *mp4 = NULL;
  g_autofree char *text = NULL;
  g_autofree char *mp4_sum = NULL;
  g_autofree char *good_id = NULL;
  g_autofree char *missing = g_build_filename (dir, "gone.mp4", NULL);
  g_autofree char *catalog_dir = g_build_filename (dir, "catalog", NULL);
  g_autoptr(CoachCatalog) catalog = NULL;
  g_autoptr(CoachMediaQueue) queue = NULL;
  g_autoptr(CoachClipImporter) importer = NULL;
  g_autoptr(GError) error = NULL;
  const char *first[] = { videos, missing, NULL };
  const char *again[] = { NULL, NULL };
  CoachRecord *good = NULL, *bad = NULL;
  Run run = { 0 };
  guint progress_seen = 0;

  g_assert_cmpint (g_mkdir_with_parents (videos, 0700), ==, 0);
  mp4 = media_test_make_clip (videos, "box_jump.mp4", 320, 240, 2.0, X264, NULL, "mp4mux", "identity");
  text = g_build_filename (videos, "notes.mov", NULL);
  test_write_file (text, "not a video\n", 12);
  mp4_sum = test_file_checksum (mp4);

  catalog = coach_catalog_open (catalog_dir, &error);
  g_assert_no_error (error);
  queue = coach_media_queue_new (catalog, 1);
  importer = coach_clip_importer_new (catalog, queue);
  g_signal_connect (importer, "clip-progress", G_CALLBACK (clip_progress_cb), &progress_seen);

  run_import (importer, first, &run);
  g_assert_cmpuint (run.added, ==, 2);
  g_assert_cmpuint (run.duplicates, ==, 0);
  g_assert_cmpuint (run.failed, ==, 1);
  g_assert_cmpuint (run.errors->len, ==, 1);
  g_assert_nonnull (strstr (run.errors->pdata[0], "gone.mp4"));
  g_assert_cmpuint (run.clips->len, ==, 2);
  for (guint i = 0; i < run.clips->len; i++)
    {
      CoachRecord *clip = run.clips->pdata[i];

      if (g_strcmp0 (coach_record_get_string (clip, "original_name"), "box_jump.mp4") == 0)
        good = clip;
      else
        bad = clip;
    }
  g_assert_nonnull (good);
  g_assert_nonnull (bad);
  g_assert_cmpstr (coach_record_get_string (good, "title"), ==, "box jump");

  wait_idle (queue);
  g_assert_cmpstr (coach_record_get_string (good, "status"), ==, "ready");
  g_assert_cmpint (coach_record_get_int (good, "duration_ms"), >, 1500);
  g_assert_cmpstr (coach_record_get_string (bad, "status"), ==, "failed");
  g_assert_nonnull (coach_record_get_string (bad, "error"));
  g_assert_cmpuint (progress_seen, >, 0);
  g_assert_cmpint (coach_catalog_count (catalog, "clip", NULL), ==, 2);

  /* The originals are only read; the copies are in the blob store. */
  {
    g_autofree char *sum = test_file_checksum (mp4);
    g_autofree char *blob = coach_catalog_blob_path (catalog, coach_record_get_string (good, "sha256"));
    g_autofree char *blob_sum = test_file_checksum (blob);

    g_assert_cmpstr (sum, ==, mp4_sum);
    g_assert_cmpstr (blob_sum, ==, mp4_sum);
  }
  good_id = g_strdup (coach_record_get_id (good));
  run_clear (&run);

  /* The same file again is reported, not added. */
  again[0] = mp4;
  run_import (importer, again, &run);
  g_assert_cmpuint (run.added, ==, 0);
  g_assert_cmpuint (run.duplicates, ==, 1);
  g_assert_cmpuint (run.failed, ==, 0);
  g_assert_cmpstr (coach_record_get_id (run.clips->pdata[0]), ==, good_id);
  g_assert_cmpint (coach_catalog_count (catalog, "clip", NULL), ==, 2);
  run_clear (&run);

  g_clear_object (&importer);
  g_clear_object (&queue);
  g_clear_object (&catalog);
  test_rm_rf (dir);
}

static void
test_copy_file (void)
{
  g_autofree char *dir = test_make_tmp_dir ();
  g_autofree char *src = g_build_filename (dir, "a.mp4", NULL);
  g_autofree char *empty = g_build_filename (dir, "empty.mp4", NULL);
  g_autofree char *tmp = NULL;
  g_autofree char *sha = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;
  gsize done = 0;
  guint64 size = 0;

  test_write_file (src, "0123456789", 10);
  test_write_file (empty, "", 0);
  expected = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "0123456789", 10);

  g_assert_true (coach_clip_importer_copy_file (src, dir, 0, &done, &tmp, &sha, &size, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (sha, ==, expected);
  g_assert_cmpuint (size, ==, 10);
  g_assert_cmpuint (done, ==, 10);
  g_assert_true (g_file_test (tmp, G_FILE_TEST_IS_REGULAR));
  g_clear_pointer (&tmp, g_free);
  g_clear_pointer (&sha, g_free);

  g_assert_false (coach_clip_importer_copy_file (src, dir, 5, NULL, &tmp, &sha, &size, NULL, &error));
  g_assert_error (error, COACH_CATALOG_ERROR, COACH_CATALOG_ERROR_TOO_LARGE);
  g_clear_error (&error);
  g_assert_false (coach_clip_importer_copy_file (empty, dir, 0, NULL, &tmp, &sha, &size, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_null (tmp);
  test_rm_rf (dir);
}

int
main (int    argc,
      char **argv)
{
  gst_init (&argc, &argv);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/clip-importer/copy-file", test_copy_file);
  g_test_add_func ("/clip-importer/import", test_import);

  return g_test_run ();
}
