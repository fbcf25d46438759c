/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 *
 * Trimming: the exported range lasts what was asked, within one frame
 * when re-encoded and one keyframe interval when copied, and the
 * original is never touched.
 */
#define G_LOG_DOMAIN "test-media-trim"

#include "config.h"

#include "media-test-util.h"
#include "coach-media-inspect.h"
#include "coach-media-trim.h"

/* The fixtures run at 15 fps with a keyframe every 15 frames. */
#define FRAME_MS 67
#define KEYFRAME_INTERVAL_MS 1000

static MediaFixtures *fixtures;

typedef struct
{
  const char *name;
  gint64      in_ms;
  gint64      out_ms;
} Range;

static const Range ranges[] = {
  { "start", 0, 1000 },
  { "middle", 500, 1500 },
  { "keyframe", 1000, 1800 },
  { "short", 300, 700 },
};

static void
check_trim (const char          *src,
            const char          *extension,
            CoachMediaTrimFlags  flags,
            gboolean             expect_reencoded)
{
  g_autofree char *before = test_file_checksum (src);

  for (guint i = 0; i < G_N_ELEMENTS (ranges); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CoachMediaInfo) src_info = NULL;
      g_autoptr(CoachMediaInfo) info = NULL;
      g_autofree char *name = g_strdup_printf ("trim-%s.%s", ranges[i].name, extension);
      g_autofree char *dest = g_build_filename (fixtures->dir, name, NULL);
      g_autofree char *after = NULL;
      gboolean reencoded = !expect_reencoded;
      gint64 wanted = ranges[i].out_ms - ranges[i].in_ms;
      gint64 tolerance = expect_reencoded ? FRAME_MS : KEYFRAME_INTERVAL_MS;

      g_assert_true (coach_media_trim (src, dest, ranges[i].in_ms, ranges[i].out_ms, flags, &reencoded, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpint (reencoded, ==, expect_reencoded);

      src_info = coach_media_inspect (src, NULL, &error);
      g_assert_no_error (error);
      info = coach_media_inspect (dest, NULL, &error);
      g_assert_no_error (error);
      g_test_message ("%s %s [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT "): %" G_GINT64_FORMAT " ms",
                      src, reencoded ? "re-encoded" : "copied", ranges[i].in_ms, ranges[i].out_ms,
                      info->duration_ms);
      g_assert_cmpint (info->duration_ms, >=, wanted - tolerance);
      g_assert_cmpint (info->duration_ms, <=, wanted + tolerance);
      /* A copy can only start early (at the keyframe), never late. */
      if (!expect_reencoded)
        g_assert_cmpint (info->duration_ms, >=, wanted - FRAME_MS);
      g_assert_cmpuint (info->width, ==, src_info->width);
      g_assert_cmpuint (info->height, ==, src_info->height);
      g_assert_cmpint (info->has_audio, ==, src_info->has_audio);

      after = test_file_checksum (src);
      g_assert_cmpstr (before, ==, after);
      g_unlink (dest);
    }
}

static void
test_copy_mp4 (void)
{
  check_trim (fixtures->mp4, "mp4", COACH_MEDIA_TRIM_DEFAULT, FALSE);
}

static void
test_copy_mkv (void)
{
  check_trim (fixtures->mkv, "mkv", COACH_MEDIA_TRIM_DEFAULT, FALSE);
}

static void
test_copy_webm (void)
{
  check_trim (fixtures->webm, "webm", COACH_MEDIA_TRIM_DEFAULT, FALSE);
}

static void
test_copy_avi (void)
{
  /* Every MJPEG frame is a keyframe: the copy is exact to the frame. */
  check_trim (fixtures->avi, "avi", COACH_MEDIA_TRIM_DEFAULT, FALSE);
}

static void
test_reencode_mp4 (void)
{
  check_trim (fixtures->mp4, "mp4", COACH_MEDIA_TRIM_REENCODE, TRUE);
}

static void
test_reencode_mov_silent (void)
{
  check_trim (fixtures->no_audio, "mov", COACH_MEDIA_TRIM_REENCODE, TRUE);
}

static void
test_reencode_webm (void)
{
  check_trim (fixtures->webm, "webm", COACH_MEDIA_TRIM_REENCODE, TRUE);
}

/* Rotated clips come out upright at the size they are shown; a copy
 * would lose the rotation tag, so they are always re-encoded. */
static void
test_portrait (void)
{
  check_trim (fixtures->portrait, "mp4", COACH_MEDIA_TRIM_REENCODE, TRUE);
  check_trim (fixtures->portrait, "mp4", COACH_MEDIA_TRIM_DEFAULT, TRUE);
}

static void
test_bad_range (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dest = g_build_filename (fixtures->dir, "bad-range.mp4", NULL);

  g_assert_false (coach_media_trim (fixtures->mp4, dest, 1500, 500, 0, NULL, NULL, &error));
  g_assert_error (error, COACH_MEDIA_ERROR, COACH_MEDIA_ERROR_FAILED);
  g_assert_false (g_file_test (dest, G_FILE_TEST_EXISTS));
}

static void
test_not_media (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dest = g_build_filename (fixtures->dir, "notes-trim.mp4", NULL);

  g_assert_false (coach_media_trim (fixtures->text, dest, 0, 1000, 0, NULL, NULL, &error));
  g_assert_nonnull (error);
  g_assert_false (g_file_test (dest, G_FILE_TEST_EXISTS));
}

static void
test_cancelled (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *dest = g_build_filename (fixtures->dir, "cancelled.mp4", NULL);
  g_autofree char *before = test_file_checksum (fixtures->mp4);
  g_autofree char *after = NULL;

  g_cancellable_cancel (cancellable);
  g_assert_false (coach_media_trim (fixtures->mp4, dest, 0, 1000, 0, NULL, cancellable, &error));
  g_assert_nonnull (error);
  g_assert_false (g_file_test (dest, G_FILE_TEST_EXISTS));
  after = test_file_checksum (fixtures->mp4);
  g_assert_cmpstr (before, ==, after);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  gst_init (&argc, &argv);
  fixtures = media_fixtures_new ();

  g_test_add_func ("/media/trim/copy-mp4", test_copy_mp4);
  g_test_add_func ("/media/trim/copy-mkv", test_copy_mkv);
  g_test_add_func ("/media/trim/copy-webm", test_copy_webm);
  g_test_add_func ("/media/trim/copy-avi", test_copy_avi);
  g_test_add_func ("/media/trim/reencode-mp4", test_reencode_mp4);
  g_test_add_func ("/media/trim/reencode-mov-silent", test_reencode_mov_silent);
  g_test_add_func ("/media/trim/reencode-webm", test_reencode_webm);
  g_test_add_func ("/media/trim/portrait", test_portrait);
  g_test_add_func ("/media/trim/bad-range", test_bad_range);
  g_test_add_func ("/media/trim/not-media", test_not_media);
  g_test_add_func ("/media/trim/cancelled", test_cancelled);

  ret = g_test_run ();
  media_fixtures_free (fixtures);
  return ret;
}
