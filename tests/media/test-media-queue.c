/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "test-media-queue"

#include "config.h"

#include <signal.h>
#include <unistd.h>

#include "media-test-util.h"
#include "coach-clip-import.h"
#include "coach-media-inspect.h"
#include "coach-media-queue.h"
#include "coach-media-transcode.h"

static MediaFixtures *fixtures;

/* ------------------------------------------------------------------------- */
/* Transcode alone */

static void
assert_proxy (const char *path,
              guint       width,
              guint       height,
              gboolean    audio)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoachMediaInfo) info = coach_media_inspect (path, NULL, &error);

  g_assert_no_error (error);
  g_test_message ("proxy %s: %s / %s / %s %ux%u rot %u, %" G_GINT64_FORMAT " ms", path, info->container,
                  info->video_codec, info->audio_codec, info->width, info->height, info->rotation,
                  info->duration_ms);
  g_assert_nonnull (strstr (info->video_codec, "H.264"));
  g_assert_cmpuint (info->width, ==, width);
  g_assert_cmpuint (info->height, ==, height);
  g_assert_cmpuint (info->rotation, ==, 0);
  g_assert_cmpint (ABS (info->duration_ms - 2000), <=, 150);
  g_assert_cmpint (info->has_audio, ==, audio);
  if (audio)
    g_assert_nonnull (strstr (info->audio_codec, "AAC"));
}

static void
progress_cb (double   fraction,
             gpointer user_data)
{
  double *last = user_data;

  g_assert_cmpfloat (fraction, >=, 0.0);
  g_assert_cmpfloat (fraction, <=, 1.0);
  *last = fraction;
}

static void
transcode_ok (const char *src,
              guint       max_height,
              guint       width,
              guint       height,
              gboolean    audio)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dest = g_build_filename (fixtures->dir, "proxy-out.mp4", NULL);
  g_autofree char *before = test_file_checksum (src);
  g_autofree char *after = NULL;
  double last = -1;

  coach_media_transcode (src, dest, max_height, progress_cb, &last, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (last, ==, 1.0);
  assert_proxy (dest, width, height, audio);
  after = test_file_checksum (src);
  g_assert_cmpstr (before, ==, after);
  g_unlink (dest);
}

static void
test_transcode_formats (void)
{
  g_assert_cmpint (coach_media_proxy_format (NULL), ==, COACH_MEDIA_PROXY_MP4_H264_AAC);
  transcode_ok (fixtures->mp4, 1080, 320, 240, TRUE);
  transcode_ok (fixtures->webm, 1080, 320, 240, TRUE);
  transcode_ok (fixtures->avi, 1080, 320, 240, FALSE);
  transcode_ok (fixtures->mkv, 144, 192, 144, TRUE);
}

static void
test_transcode_portrait (void)
{
  /* The rotation is applied to the pixels; the proxy needs no tag. */
  transcode_ok (fixtures->portrait, 1080, 240, 320, TRUE);
  transcode_ok (fixtures->portrait, 160, 160, 212, TRUE);
}

static void
test_transcode_proxy_size (void)
{
  guint w, h;

  coach_media_proxy_size (3840, 2160, 1080, &w, &h);
  g_assert_cmpuint (w, ==, 1920);
  g_assert_cmpuint (h, ==, 1080);
  coach_media_proxy_size (1080, 1920, 720, &w, &h);
  g_assert_cmpuint (w, ==, 720);
  g_assert_cmpuint (h, ==, 1280);
  coach_media_proxy_size (640, 480, 720, &w, &h);
  g_assert_cmpuint (w, ==, 640);
  g_assert_cmpuint (h, ==, 480);
}

static void
test_transcode_bad_input (void)
{
  const char *paths[] = { fixtures->audio_only, fixtures->text, fixtures->truncated };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *dest = g_build_filename (fixtures->dir, "bad-out.mp4", NULL);

      test_write_file (dest, "", 0);
      g_assert_false (coach_media_transcode (paths[i], dest, 1080, NULL, NULL, NULL, &error));
      g_assert_true (error->domain == COACH_MEDIA_ERROR);
      g_assert_false (g_file_test (dest, G_FILE_TEST_EXISTS));
    }
}

/* ------------------------------------------------------------------------- */
/* The queue */

static void
idle_cb (CoachMediaQueue *queue,
         GMainLoop       *loop)
{
  g_main_loop_quit (loop);
}

static gboolean
loop_timeout_cb (gpointer data)
{
  g_error ("the media queue did not finish in time");
  return G_SOURCE_REMOVE;
}

static void
run_queue (CoachMediaQueue *queue)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GError) error = NULL;
  gulong id = g_signal_connect (queue, "idle", G_CALLBACK (idle_cb), loop);
  guint timeout = g_timeout_add_seconds (120, loop_timeout_cb, NULL);

  g_assert_true (coach_media_queue_start (queue, &error));
  g_assert_no_error (error);
  if (coach_media_queue_count_pending (queue) > 0 || coach_media_queue_get_n_running (queue) > 0)
    g_main_loop_run (loop);
  g_signal_handler_disconnect (queue, id);
  g_source_remove (timeout);
}

static CoachClip *
import (CoachCatalog *catalog,
        const char   *path)
{
  g_autoptr(GError) error = NULL;
  CoachClip *clip = coach_catalog_import_clip (catalog, path, 0, NULL, &error);

  g_assert_no_error (error);
  return clip;
}

static char *
clip_text (CatalogFixture *f,
           CoachClip      *clip,
           const char     *field)
{
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM clip WHERE id = '%s'", field,
                                          coach_record_get_id (COACH_RECORD (clip)));
  return test_sql_text (f->path, sql);
}

static void
assert_no_tmp_files (CatalogFixture *f)
{
  g_autofree char *tmp = g_build_filename (f->dir, "blobs", "tmp", NULL);
  g_autoptr(GDir) dir = g_dir_open (tmp, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    g_error ("left behind: %s", name);
}

static void
test_queue_import (void)
{
  CatalogFixture f = { 0 };
  g_autoptr(CoachMediaQueue) queue = NULL;
  g_autoptr(CoachClip) good = NULL;
  g_autoptr(CoachClip) portrait = NULL;
  g_autoptr(CoachClip) voice = NULL;
  g_autoptr(CoachClip) text = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *original_sha = NULL;

  catalog_fixture_setup (&f, NULL);
  queue = coach_media_queue_new (f.catalog, 2);
  coach_media_queue_set_make_proxies (queue, TRUE);
  good = import (f.catalog, fixtures->mp4);
  portrait = import (f.catalog, fixtures->portrait);
  voice = import (f.catalog, fixtures->audio_only);
  text = import (f.catalog, fixtures->text);
  original_sha = test_file_checksum (fixtures->mp4);

  coach_media_queue_add_clip (queue, coach_record_get_id (COACH_RECORD (good)), &error);
  g_assert_no_error (error);
  coach_media_queue_add_clip (queue, coach_record_get_id (COACH_RECORD (portrait)), &error);
  coach_media_queue_add_clip (queue, coach_record_get_id (COACH_RECORD (voice)), &error);
  coach_media_queue_add_clip (queue, coach_record_get_id (COACH_RECORD (text)), &error);
  g_assert_no_error (error);
  g_assert_cmpint (coach_media_queue_count_pending (queue), ==, 12);
  run_queue (queue);

  /* The live records the UI holds were updated. */
  g_assert_cmpstr (coach_record_get_string (COACH_RECORD (good), "status"), ==, "ready");
  g_assert_cmpint (coach_record_get_int (COACH_RECORD (good), "width"), ==, 320);
  g_assert_cmpint (coach_record_get_int (COACH_RECORD (good), "height"), ==, 240);
  g_assert_cmpint (coach_record_get_int (COACH_RECORD (good), "duration_ms"), >=, 1900);
  g_assert_nonnull (coach_record_get_string (COACH_RECORD (good), "thumbnail_sha256"));
  g_assert_nonnull (coach_record_get_string (COACH_RECORD (good), "proxy_sha256"));
  g_assert_cmpstr (coach_record_get_string (COACH_RECORD (portrait), "status"), ==, "ready");
  g_assert_cmpint (coach_record_get_int (COACH_RECORD (portrait), "width"), ==, 240);
  g_assert_cmpint (coach_record_get_int (COACH_RECORD (portrait), "rotation"), ==, 90);

  /* And so was the file. */
  {
    g_autofree char *status = clip_text (&f, good, "status");
    g_autofree char *proxy = clip_text (&f, good, "proxy_sha256");
    g_autofree char *proxy_path = coach_catalog_blob_path (f.catalog, proxy);
    g_autofree char *proxy_sum = test_file_checksum (proxy_path);
    g_autofree char *pproxy = clip_text (&f, portrait, "proxy_sha256");
    g_autofree char *pproxy_path = coach_catalog_blob_path (f.catalog, pproxy);
    g_autofree char *thumb = clip_text (&f, good, "thumbnail_sha256");
    g_autofree char *thumb_path = coach_catalog_blob_path (f.catalog, thumb);
    g_autofree char *blob = coach_catalog_blob_path (f.catalog, original_sha);
    g_autofree char *blob_sum = test_file_checksum (blob);

    g_assert_cmpstr (status, ==, "ready");
    g_assert_cmpstr (proxy_sum, ==, proxy);
    assert_proxy (proxy_path, 320, 240, TRUE);
    assert_proxy (pproxy_path, 240, 320, TRUE);
    g_assert_true (g_file_test (thumb_path, G_FILE_TEST_IS_REGULAR));
    g_assert_cmpstr (blob_sum, ==, original_sha);
  }

  g_assert_cmpstr (coach_record_get_string (COACH_RECORD (voice), "status"), ==, "failed");
  g_assert_cmpstr (coach_record_get_string (COACH_RECORD (voice), "error"), ==, "This file has sound but no picture");
  g_assert_cmpstr (coach_record_get_string (COACH_RECORD (text), "status"), ==, "failed");
  g_assert_cmpstr (coach_record_get_string (COACH_RECORD (text), "error"), ==, "This file is not a video Coachbook can read");

  g_assert_cmpint (test_sql_int (f.path, "SELECT count(*) FROM media_job WHERE state = 'done'"), ==, 6);
  g_assert_cmpint (test_sql_int (f.path, "SELECT count(*) FROM media_job WHERE state = 'failed'"), ==, 2);
  g_assert_cmpint (test_sql_int (f.path, "SELECT count(*) FROM media_job WHERE state = 'cancelled'"), ==, 4);
  g_assert_cmpint (test_sql_int (f.path, "SELECT count(*) FROM media_job WHERE attempts > 1"), ==, 0);
  assert_no_tmp_files (&f);

  g_clear_object (&queue);
  catalog_fixture_teardown (&f, NULL);
}

static void
test_queue_dedupe (void)
{
  CatalogFixture f = { 0 };
  g_autoptr(CoachMediaQueue) queue = NULL;
  g_autoptr(CoachClip) a = NULL;
  g_autoptr(CoachClip) b = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *copy = g_build_filename (fixtures->dir, "copy of drill.mp4", NULL);
  g_autofree char *data = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (fixtures->no_audio, &data, &len, NULL));
  test_write_file (copy, data, len);
  catalog_fixture_setup (&f, NULL);
  queue = coach_media_queue_new (f.catalog, 0);
  g_assert_cmpuint (coach_media_queue_get_n_workers (queue), ==, g_get_num_processors ());
  a = import (f.catalog, fixtures->no_audio);
  b = import (f.catalog, copy);
  g_assert_true (a == b);
  coach_media_queue_add_clip (queue, coach_record_get_id (COACH_RECORD (a)), &error);
  coach_media_queue_add_clip (queue, coach_record_get_id (COACH_RECORD (a)), &error);
  g_assert_no_error (error);
  run_queue (queue);
  g_assert_cmpstr (coach_record_get_string (COACH_RECORD (a), "status"), ==, "ready");
  /* Same frame twice: one thumbnail blob. */
  g_assert_cmpint (test_sql_int (f.path, "SELECT count(*) FROM blob"), ==, 2);
  g_assert_cmpint (test_sql_int (f.path, "SELECT count(*) FROM clip"), ==, 1);
  g_clear_object (&queue);
  catalog_fixture_teardown (&f, NULL);
  g_unlink (copy);
}

static void
cancel_on_running_cb (CoachMediaQueue *queue,
                      gint64           id,
                      const char      *state,
                      gint64          *transcode_id)
{
  if (id == *transcode_id && g_str_equal (state, "running"))
    coach_media_queue_cancel (queue, id);
}

static void
test_queue_cancel (void)
{
  CatalogFixture f = { 0 };
  g_autoptr(CoachMediaQueue) queue = NULL;
  g_autoptr(CoachClip) clip = NULL;
  g_autoptr(GError) error = NULL;
  gint64 transcode_id, queued_id;
  const char *id;

  catalog_fixture_setup (&f, NULL);
  queue = coach_media_queue_new (f.catalog, 1);
  clip = import (f.catalog, fixtures->mp4);
  id = coach_record_get_id (COACH_RECORD (clip));
  transcode_id = coach_media_queue_add_job (queue, id, COACH_MEDIA_JOB_TRANSCODE, &error);
  queued_id = coach_media_queue_add_job (queue, id, COACH_MEDIA_JOB_THUMBNAIL, &error);
  g_assert_no_error (error);
  /* A queued job is cancelled at once. */
  g_assert_true (coach_media_queue_cancel (queue, queued_id));
  g_signal_connect (queue, "job-changed", G_CALLBACK (cancel_on_running_cb), &transcode_id);
  run_queue (queue);

  g_assert_cmpint (test_sql_int (f.path, "SELECT count(*) FROM media_job WHERE state = 'cancelled'"), ==, 2);
  g_assert_cmpstr (coach_record_get_string (COACH_RECORD (clip), "status"), ==, "pending");
  g_assert_true (coach_record_is_null (COACH_RECORD (clip), "proxy_sha256"));
  assert_no_tmp_files (&f);
  g_clear_object (&queue);
  catalog_fixture_teardown (&f, NULL);
}

static void
die_on_progress_cb (CoachMediaQueue *queue,
                    gint64           id,
                    double           fraction,
                    gpointer         data)
{
  /* Killed in the middle of the transcode, leaving a temp file. */
  kill (getpid (), SIGKILL);
}

static void
test_queue_resume (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (g_test_subprocess ())
    {
      g_autoptr(CoachCatalog) catalog = coach_catalog_open (g_getenv ("MEDIA_TEST_DATA_DIR"), &error);
      g_autoptr(CoachMediaQueue) queue = NULL;
      g_autoptr(CoachClip) clip = NULL;

      g_assert_no_error (error);
      queue = coach_media_queue_new (catalog, 1);
      clip = import (catalog, fixtures->mp4);
      coach_media_queue_add_job (queue, coach_record_get_id (COACH_RECORD (clip)), COACH_MEDIA_JOB_TRANSCODE, &error);
      g_assert_no_error (error);
      g_signal_connect (queue, "job-progress", G_CALLBACK (die_on_progress_cb), NULL);
      run_queue (queue);
      return;
    }

  dir = g_strdup (g_getenv ("MEDIA_TEST_DATA_DIR"));
  path = g_build_filename (dir, "catalog.db", NULL);
  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_assert_cmpint (test_sql_int (path, "SELECT count(*) FROM media_job WHERE state = 'running'"), ==, 1);

  {
    g_autoptr(CoachCatalog) catalog = coach_catalog_open (dir, &error);
    g_autoptr(CoachMediaQueue) queue = NULL;
    g_autoptr(GPtrArray) jobs = NULL;
    CatalogFixture f = { dir, path, NULL };
    CoachMediaJob *job;

    g_assert_no_error (error);
    queue = coach_media_queue_new (catalog, 1);
    run_queue (queue);
    jobs = coach_media_queue_list_jobs (catalog, TRUE, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (jobs->len, ==, 1);
    job = jobs->pdata[0];
    g_assert_cmpstr (job->state, ==, "done");
    g_assert_cmpint (job->attempts, ==, 2);
    g_assert_cmpfloat (job->progress, ==, 1.0);
    g_assert_cmpint (test_sql_int (path, "SELECT count(*) FROM clip WHERE status = 'ready' AND proxy_sha256 IS NOT NULL"), ==, 1);
    assert_no_tmp_files (&f);
  }
  test_rm_rf (dir);
}

static void
test_queue_give_up (void)
{
  CatalogFixture f = { 0 };
  g_autoptr(CoachMediaQueue) queue = NULL;
  g_autoptr(CoachClip) clip = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  gint64 mid;

  catalog_fixture_setup (&f, NULL);
  queue = coach_media_queue_new (f.catalog, 1);
  clip = import (f.catalog, fixtures->mp4);
  coach_media_queue_add_job (queue, coach_record_get_id (COACH_RECORD (clip)), COACH_MEDIA_JOB_INSPECT, &error);
  g_assert_no_error (error);
  /* As if the app died on this job for the third time. */
  coach_record_set_string (COACH_RECORD (clip), "status", "processing");
  coach_catalog_save (f.catalog, COACH_RECORD (clip), &error);
  g_assert_no_error (error);
  sql = g_strdup_printf ("UPDATE media_job SET state = 'running', attempts = %d", COACH_MEDIA_QUEUE_MAX_ATTEMPTS);
  {
    sqlite3 *db = test_sqlite_open (f.path, FALSE);

    test_sqlite_exec (db, sql);
    sqlite3_close (db);
  }
  mid = test_outbox_last_mid (f.path);
  run_queue (queue);

  g_assert_cmpint (test_sql_int (f.path, "SELECT count(*) FROM media_job WHERE state = 'failed'"), ==, 1);
  g_assert_cmpstr (coach_record_get_string (COACH_RECORD (clip), "status"), ==, "failed");
  g_assert_nonnull (strstr (coach_record_get_string (COACH_RECORD (clip), "error"), "given up"));
  /* The new status goes out with the next sync. */
  g_assert_cmpint (test_outbox_last_mid (f.path), >, mid);
  g_clear_object (&queue);
  catalog_fixture_teardown (&f, NULL);
}

int
main (int   argc,
      char *argv[])
{
  int rc;

  g_test_init (&argc, &argv, NULL);
  /* The resume test's child finds the catalog here; set before any
   * thread exists. */
  if (!g_test_subprocess ())
    {
      g_autofree char *resume_dir = test_make_tmp_dir ();

      g_setenv ("MEDIA_TEST_DATA_DIR", resume_dir, TRUE);
    }
  gst_init (&argc, &argv);
  fixtures = media_fixtures_new ();

  g_test_add_func ("/media/transcode/formats", test_transcode_formats);
  g_test_add_func ("/media/transcode/portrait", test_transcode_portrait);
  g_test_add_func ("/media/transcode/proxy-size", test_transcode_proxy_size);
  g_test_add_func ("/media/transcode/bad-input", test_transcode_bad_input);
  g_test_add_func ("/media/queue/import", test_queue_import);
  g_test_add_func ("/media/queue/dedupe", test_queue_dedupe);
  g_test_add_func ("/media/queue/cancel", test_queue_cancel);
  g_test_add_func ("/media/queue/resume", test_queue_resume);
  g_test_add_func ("/media/queue/give-up", test_queue_give_up);

  rc = g_test_run ();
  media_fixtures_free (fixtures);
  return rc;
}
