/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 *
 * Clips that need their own fixtures: a variable frame rate, 4K, a codec
 * nothing here decodes, and a disk that fills up during a transcode.
 */
#define G_LOG_DOMAIN "test-media-formats"

#include "config.h"

#include <sys/mount.h>
#include <unistd.h>

#include "media-test-util.h"
#include "coach-media-inspect.h"
#include "coach-media-strip.h"
#include "coach-media-thumbnail.h"
#include "coach-media-transcode.h"
#include "coach-media-trim.h"

static char *dir;
static char *vfr;          /* 30 fps base, 4 frames out of 10 kept, 2.8 s, B-frames */
static char *uhd;          /* 3840x2160, 0.5 s */
static char *unsupported;  /* AVI whose codec is unknown */
static char *noisy;        /* 640x480 snow: a proxy of several MB */

static void
spawn_ok (const char *command)
{
  g_autofree char *err = NULL;
  int status = 0;

  g_assert_true (g_spawn_command_line_sync (command, NULL, &err, &status, NULL));
  if (status != 0)
    g_error ("%s failed: %s", command, err);
}

static void
make_fixtures (void)
{
  g_autofree char *cmd = NULL;
  g_autofree char *mjpeg = NULL;
  g_autofree char *data = NULL;
  g_autofree char *launch = NULL;
  gsize len = 0;

  dir = test_make_tmp_dir ();

  /* Frames come in bursts of four with a 233 ms gap: no steady rate. */
  vfr = g_build_filename (dir, "vfr.mp4", NULL);
  cmd = g_strdup_printf ("ffmpeg -v error -y -f lavfi -i testsrc=size=320x240:rate=30 -t 3 "
                         "-vf \"select='lt(mod(n\\,10)\\,4)'\" -vsync vfr -c:v libx264 -g 15 "
                         "-pix_fmt yuv420p '%s'", vfr);
  spawn_ok (cmd);

  uhd = media_test_make_clip (dir, "uhd.mp4", 3840, 2160, 0.5, X264, "avenc_aac", "mp4mux", "identity");

  /* The codec tag of an MJPEG AVI renamed to one nobody knows. */
  mjpeg = media_test_make_clip (dir, "mjpeg.avi", 320, 240, 1.0, "jpegenc", NULL, "avimux", "identity");
  g_assert_true (g_file_get_contents (mjpeg, &data, &len, NULL));
  for (gsize i = 0; i + 4 <= MIN (len, 4096); i++)
    if (memcmp (data + i, "MJPG", 4) == 0 || memcmp (data + i, "mjpg", 4) == 0)
      memcpy (data + i, "ZZZZ", 4);
  unsupported = g_build_filename (dir, "unknown-codec.avi", NULL);
  test_write_file (unsupported, data, len);

  noisy = g_build_filename (dir, "noisy.mkv", NULL);
  launch = g_strdup_printf ("videotestsrc num-buffers=30 pattern=snow "
                            "! video/x-raw,format=I420,width=640,height=480,framerate=15/1 "
                            "! " X264 " ! matroskamux ! filesink location=\"%s\"", noisy);
  media_test_run_launch (launch);
}

static void
assert_duration (const char *path,
                 gint64      wanted,
                 gint64      below,
                 gint64      above)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoachMediaInfo) info = coach_media_inspect (path, NULL, &error);

  g_assert_no_error (error);
  g_test_message ("%s: %" G_GINT64_FORMAT " ms, wanted %" G_GINT64_FORMAT, path, info->duration_ms, wanted);
  g_assert_cmpint (info->duration_ms, >=, wanted - below);
  g_assert_cmpint (info->duration_ms, <=, wanted + above);
}

static void
test_vfr (void)
{
  static const gint64 ranges[][2] = { { 0, 1000 }, { 500, 1500 }, { 350, 1400 }, { 1200, 2600 } };
  g_autoptr(GError) error = NULL;
  g_autoptr(CoachMediaInfo) info = coach_media_inspect (vfr, NULL, &error);
  g_autoptr(GBytes) jpeg = NULL;
  g_autofree char *before = test_file_checksum (vfr);
  g_autofree char *after = NULL;
  g_autofree char *proxy = g_build_filename (dir, "vfr-proxy.mp4", NULL);

  g_assert_no_error (error);
  g_assert_cmpint (info->duration_ms, >=, 2750);
  g_assert_cmpint (info->duration_ms, <=, 2850);
  jpeg = coach_media_thumbnail (vfr, -1, 160, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  {
    g_autoptr(GstSample) sample = media_test_decode_image (g_steal_pointer (&jpeg), 0, 0);
    guint w, h;

    g_assert_cmpuint (media_test_count_colours (sample, &w, &h), >, 1);
  }

  for (guint i = 0; i < G_N_ELEMENTS (ranges); i++)
    {
      g_autofree char *dest = g_build_filename (dir, "vfr-trim.mp4", NULL);
      gint64 wanted = ranges[i][1] - ranges[i][0];
      gboolean reencoded = FALSE;

      /* Re-encoded: within a frame (33 ms), the frame shown at the in
       * point starting the export and the last one held to the out. */
      g_assert_true (coach_media_trim (vfr, dest, ranges[i][0], ranges[i][1], COACH_MEDIA_TRIM_REENCODE,
                                       &reencoded, NULL, &error));
      g_assert_no_error (error);
      assert_duration (dest, wanted, 34, 34);
      g_unlink (dest);

      /* Copied: within the keyframe interval (15 frames of 33 ms). */
      g_assert_true (coach_media_trim (vfr, dest, ranges[i][0], ranges[i][1], 0, &reencoded, NULL, &error));
      g_assert_no_error (error);
      g_assert_false (reencoded);
      assert_duration (dest, wanted, 500, 500);
      g_unlink (dest);
    }

  g_assert_true (coach_media_transcode (vfr, proxy, 1080, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  assert_duration (proxy, 2800, 100, 100);
  after = test_file_checksum (vfr);
  g_assert_cmpstr (before, ==, after);
}

static void
test_uhd (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoachMediaInfo) info = coach_media_inspect (uhd, NULL, &error);
  g_autoptr(CoachMediaInfo) proxy_info = NULL;
  g_autoptr(GPtrArray) frames = NULL;
  g_autofree char *proxy = g_build_filename (dir, "uhd-proxy.mp4", NULL);
  g_autofree char *trimmed = g_build_filename (dir, "uhd-trim.mp4", NULL);
  guint width = 0;
  gboolean reencoded = FALSE;

  g_assert_no_error (error);
  g_assert_cmpuint (info->width, ==, 3840);
  g_assert_cmpuint (info->height, ==, 2160);
  g_assert_true (info->has_audio);

  g_assert_true (coach_media_transcode (uhd, proxy, 1080, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  proxy_info = coach_media_inspect (proxy, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (proxy_info->width, ==, 1920);
  g_assert_cmpuint (proxy_info->height, ==, 1080);

  frames = coach_media_frame_strip (uhd, 4, 90, &width, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (frames->len, ==, 4);
  g_assert_cmpuint (width, ==, 160);

  g_assert_true (coach_media_trim (uhd, trimmed, 100, 400, COACH_MEDIA_TRIM_REENCODE, &reencoded, NULL, &error));
  g_assert_no_error (error);
  assert_duration (trimmed, 300, 67, 67);
}

static void
test_unsupported (void)
{
  g_autoptr(GError) inspect_error = NULL;
  g_autoptr(GError) trim_error = NULL;
  g_autoptr(GError) transcode_error = NULL;
  g_autoptr(GError) strip_error = NULL;
  g_autoptr(CoachMediaInfo) info = NULL;
  g_autoptr(GPtrArray) frames = NULL;
  g_autofree char *before = test_file_checksum (unsupported);
  g_autofree char *after = NULL;
  g_autofree char *dest = g_build_filename (dir, "unknown-trim.avi", NULL);
  g_autofree char *proxy = g_build_filename (dir, "unknown-proxy.mp4", NULL);

  info = coach_media_inspect (unsupported, NULL, &inspect_error);
  g_assert_null (info);
  g_assert_error (inspect_error, COACH_MEDIA_ERROR, COACH_MEDIA_ERROR_UNSUPPORTED);
  g_test_message ("%s", inspect_error->message);

  g_assert_false (coach_media_trim (unsupported, dest, 0, 500, 0, NULL, NULL, &trim_error));
  g_assert_error (trim_error, COACH_MEDIA_ERROR, COACH_MEDIA_ERROR_UNSUPPORTED);
  g_assert_false (g_file_test (dest, G_FILE_TEST_EXISTS));

  g_assert_false (coach_media_transcode (unsupported, proxy, 1080, NULL, NULL, NULL, &transcode_error));
  g_assert_error (transcode_error, COACH_MEDIA_ERROR, COACH_MEDIA_ERROR_UNSUPPORTED);
  g_assert_false (g_file_test (proxy, G_FILE_TEST_EXISTS));

  frames = coach_media_frame_strip (unsupported, 3, 32, NULL, NULL, &strip_error);
  g_assert_null (frames);
  g_assert_error (strip_error, COACH_MEDIA_ERROR, COACH_MEDIA_ERROR_UNSUPPORTED);

  after = test_file_checksum (unsupported);
  g_assert_cmpstr (before, ==, after);
}

/* A real full disk: a 512 KiB tmpfs, which needs root (containers and CI
 * runners often are); elsewhere the test is skipped, not faked. */
static void
test_disk_full (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *mount_dir = g_build_filename (dir, "small-disk", NULL);
  g_autofree char *proxy = NULL;
  g_autofree char *before = test_file_checksum (noisy);
  g_autofree char *after = NULL;
  gboolean ok, left_behind;

  if (geteuid () != 0)
    {
      g_test_skip ("mounting a small file system needs root");
      return;
    }
  g_assert_cmpint (g_mkdir_with_parents (mount_dir, 0700), ==, 0);
  if (mount ("tmpfs", mount_dir, "tmpfs", MS_NOSUID | MS_NODEV, "size=512k") != 0)
    {
      g_test_skip_printf ("mounting a small file system is not permitted: %s", g_strerror (errno));
      return;
    }

  proxy = g_build_filename (mount_dir, "proxy.mp4", NULL);
  ok = coach_media_transcode (noisy, proxy, 1080, NULL, NULL, NULL, &error);
  left_behind = g_file_test (proxy, G_FILE_TEST_EXISTS);
  /* Unmounted before any assertion can stop the test. */
  g_assert_cmpint (umount (mount_dir), ==, 0);

  g_assert_false (ok);
  g_assert_false (left_behind);
  g_assert_error (error, COACH_MEDIA_ERROR, COACH_MEDIA_ERROR_NO_SPACE);
  g_test_message ("%s", error->message);
  after = test_file_checksum (noisy);
  g_assert_cmpstr (before, ==, after);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  gst_init (&argc, &argv);
  make_fixtures ();

  g_test_add_func ("/media/formats/variable-frame-rate", test_vfr);
  g_test_add_func ("/media/formats/4k", test_uhd);
  g_test_add_func ("/media/formats/unsupported-codec", test_unsupported);
  g_test_add_func ("/media/formats/disk-full", test_disk_full);

  ret = g_test_run ();
  test_rm_rf (dir);
  g_free (dir);
  g_free (vfr);
  g_free (uhd);
  g_free (unsupported);
  g_free (noisy);
  return ret;
}
