/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 *
 * Media jobs on a full-size clip: the per-job timeout and a 1080p proxy.
 */
#define G_LOG_DOMAIN "test-media-slow"

#include "config.h"

#include "media-test-util.h"
#include "coach-clip-import.h"
#include "coach-media-inspect.h"
#include "coach-media-queue.h"
#include "coach-media-transcode.h"

static char *fixture_dir;
static char *big_clip;   /* 1920x1080, 6 s, H.264 + AAC */

static void
idle_cb (CoachMediaQueue *queue,
         GMainLoop       *loop)
{
  g_main_loop_quit (loop);
}

static void
test_queue_timeout (void)
{
  CatalogFixture f = { 0 };
  g_autoptr(CoachMediaQueue) queue = NULL;
  g_autoptr(CoachClip) clip = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autofree char *tmp = NULL;
  g_autofree char *before = test_file_checksum (big_clip);
  g_autofree char *blob = NULL;
  g_autofree char *blob_sum = NULL;
  gint64 start;

  catalog_fixture_setup (&f, NULL);
  queue = coach_media_queue_new (f.catalog, 1);
  /* far shorter than any 1080p transcode, on any machine */
  coach_media_queue_set_timeout_ms (queue, 200);
  clip = coach_catalog_import_clip (f.catalog, big_clip, 0, NULL, &error);
  g_assert_no_error (error);
  coach_media_queue_add_job (queue, coach_record_get_id (COACH_RECORD (clip)), COACH_MEDIA_JOB_TRANSCODE, &error);
  g_assert_no_error (error);
  g_signal_connect (queue, "idle", G_CALLBACK (idle_cb), loop);
  start = g_get_monotonic_time ();
  coach_media_queue_start (queue, &error);
  g_assert_no_error (error);
  g_main_loop_run (loop);

  /* Stopped after the limit, not at the end of the work (generous for
   * loaded machines). */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 20 * G_USEC_PER_SEC);
  g_assert_cmpstr (coach_record_get_string (COACH_RECORD (clip), "status"), ==, "failed");
  g_assert_cmpstr (coach_record_get_string (COACH_RECORD (clip), "error"), ==,
                   "Processing this video took too long and was stopped");
  g_assert_cmpint (test_sql_int (f.path, "SELECT count(*) FROM media_job WHERE state = 'failed'"), ==, 1);
  tmp = g_build_filename (f.dir, "blobs", "tmp", NULL);
  {
    g_autoptr(GDir) dir = g_dir_open (tmp, 0, NULL);

    g_assert_null (dir ? g_dir_read_name (dir) : NULL);
  }
  blob = coach_catalog_blob_path (f.catalog, coach_record_get_string (COACH_RECORD (clip), "sha256"));
  blob_sum = test_file_checksum (blob);
  g_assert_cmpstr (blob_sum, ==, coach_record_get_string (COACH_RECORD (clip), "sha256"));
  g_assert_cmpstr (before, ==, blob_sum);
  g_clear_object (&queue);
  catalog_fixture_teardown (&f, NULL);
}

static void
test_transcode_1080p (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoachMediaInfo) info = NULL;
  g_autofree char *dest = g_build_filename (fixture_dir, "proxy-720.mp4", NULL);

  g_assert_true (coach_media_transcode (big_clip, dest, 720, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  info = coach_media_inspect (dest, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (info->width, ==, 1280);
  g_assert_cmpuint (info->height, ==, 720);
  g_assert_cmpint (ABS (info->duration_ms - 6000), <=, 150);
  g_assert_true (info->has_audio);
  g_assert_nonnull (strstr (info->video_codec, "H.264"));
}

int
main (int   argc,
      char *argv[])
{
  int rc;

  g_test_init (&argc, &argv, NULL);
  gst_init (&argc, &argv);
  fixture_dir = test_make_tmp_dir ();
  big_clip = g_build_filename (fixture_dir, "big.mp4", NULL);
  {
    g_autofree char *d = g_strdup_printf (
      "videotestsrc num-buffers=180 pattern=ball ! video/x-raw,format=I420,width=1920,height=1080,framerate=30/1 "
      "! x264enc speed-preset=ultrafast key-int-max=30 ! mp4mux name=m ! filesink location=\"%s\" "
      "audiotestsrc num-buffers=282 samplesperbuffer=1024 ! audio/x-raw,rate=48000 ! audioconvert "
      "! avenc_aac ! m.", big_clip);
    media_test_run_launch (d);
  }

  g_test_add_func ("/media/slow/queue-timeout", test_queue_timeout);
  g_test_add_func ("/media/slow/transcode-1080p", test_transcode_1080p);

  rc = g_test_run ();
  test_rm_rf (fixture_dir);
  g_free (fixture_dir);
  g_free (big_clip);
  return rc;
}
