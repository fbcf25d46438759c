/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "test-media-inspect"

#include "config.h"

#include "media-test-util.h"
#include "coach-clip-import.h"
#include "coach-media-inspect.h"
#include "coach-media-thumbnail.h"

static MediaFixtures *fixtures;

static CoachMediaInfo *
inspect_ok (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = test_file_checksum (path);
  CoachMediaInfo *info = coach_media_inspect (path, NULL, &error);
  g_autofree char *after = test_file_checksum (path);

  g_assert_no_error (error);
  g_assert_nonnull (info);
  g_assert_cmpstr (before, ==, after);
  return info;
}

static void
assert_common (CoachMediaInfo *info,
               gint64          duration_ms)
{
  g_assert_cmpint (info->width, ==, 320);
  g_assert_cmpint (info->height, ==, 240);
  g_assert_cmpint (info->rotation, ==, 0);
  g_assert_cmpfloat_with_epsilon (info->frame_rate, 15.0, 0.01);
  g_assert_cmpint (ABS (info->duration_ms - duration_ms), <=, 100);
  g_assert_nonnull (info->container);
  g_assert_nonnull (info->video_codec);
}

static void
test_inspect_formats (void)
{
  struct {
    const char *path;
    const char *video;
    const char *audio;
  } cases[] = {
    { fixtures->mp4, "H.264", "MPEG-4 AAC" },
    { fixtures->mov, "H.264", "MPEG-4 AAC" },
    { fixtures->mkv, "H.264", "Opus" },
    { fixtures->webm, "VP8", "Opus" },
    { fixtures->avi, "JPEG", NULL },
    { fixtures->no_audio, "H.264", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(CoachMediaInfo) info = inspect_ok (cases[i].path);

      g_test_message ("%s: %s / %s / %s, %" G_GINT64_FORMAT " ms", cases[i].path, info->container,
                      info->video_codec, info->audio_codec, info->duration_ms);
      assert_common (info, 2000);
      g_assert_nonnull (strstr (info->video_codec, cases[i].video));
      if (cases[i].audio)
        {
          g_assert_true (info->has_audio);
          g_assert_nonnull (strstr (info->audio_codec, cases[i].audio));
        }
      else
        {
          g_assert_false (info->has_audio);
          g_assert_null (info->audio_codec);
        }
    }
}

static void
test_inspect_portrait (void)
{
  g_autoptr(CoachMediaInfo) info = inspect_ok (fixtures->portrait);

  g_assert_cmpint (info->rotation, ==, 90);
  g_assert_cmpint (info->coded_width, ==, 320);
  g_assert_cmpint (info->coded_height, ==, 240);
  g_assert_cmpint (info->width, ==, 240);
  g_assert_cmpint (info->height, ==, 320);
}

static void
assert_inspect_fails (const char *path,
                      gint        code,
                      const char *message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoachMediaInfo) info = NULL;
  g_autofree char *before = test_file_checksum (path);
  g_autofree char *after = NULL;

  info = coach_media_inspect (path, NULL, &error);
  g_assert_null (info);
  g_test_message ("%s: %s", path, error->message);
  g_assert_error (error, COACH_MEDIA_ERROR, code);
  g_assert_cmpstr (error->message, ==, message);
  after = test_file_checksum (path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_inspect_bad_input (void)
{
  assert_inspect_fails (fixtures->audio_only, COACH_MEDIA_ERROR_NO_VIDEO, "This file has sound but no picture");
  assert_inspect_fails (fixtures->text, COACH_MEDIA_ERROR_NOT_MEDIA, "This file is not a video Coachbook can read");
  assert_inspect_fails (fixtures->empty, COACH_MEDIA_ERROR_NOT_MEDIA, "This file is not a video Coachbook can read");
  assert_inspect_fails (fixtures->truncated, COACH_MEDIA_ERROR_DAMAGED, "This video file is damaged or incomplete");
}

static void
store_result_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static void
test_inspect_async_real (void)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(CoachMediaInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  coach_media_inspect_async (fixtures->mkv, NULL, store_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  info = coach_media_inspect_finish (result, &error);
  g_assert_no_error (error);
  assert_common (info, 2000);
}

static void
assert_thumbnail (const char *path,
                  guint       want_width,
                  guint       want_height)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) jpeg = NULL;
  g_autoptr(GstSample) pixels = NULL;
  g_autofree char *before = test_file_checksum (path);
  g_autofree char *after = NULL;
  guint width = 0, height = 0, w = 0, h = 0, colours;

  jpeg = coach_media_thumbnail (path, -1, COACH_MEDIA_THUMBNAIL_WIDTH, NULL, &width, &height, &error);
  g_assert_no_error (error);
  g_assert_nonnull (jpeg);
  g_assert_cmpuint (width, ==, want_width);
  g_assert_cmpuint (height, ==, want_height);

  pixels = media_test_decode_image (jpeg, width, height);
  colours = media_test_count_colours (pixels, &w, &h);
  g_test_message ("%s: %ux%u, %u colours", path, w, h, colours);
  g_assert_cmpuint (w, ==, want_width);
  g_assert_cmpuint (h, ==, want_height);
  g_assert_cmpuint (colours, >=, 6);
  after = test_file_checksum (path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_thumbnail_formats (void)
{
  assert_thumbnail (fixtures->mp4, 320, 240);
  assert_thumbnail (fixtures->webm, 320, 240);
  assert_thumbnail (fixtures->mkv, 320, 240);
  assert_thumbnail (fixtures->mov, 320, 240);
  assert_thumbnail (fixtures->avi, 320, 240);
  assert_thumbnail (fixtures->no_audio, 320, 240);
  assert_thumbnail (fixtures->short_clip, 320, 240);
}

static void
test_thumbnail_portrait (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) jpeg = NULL;
  g_autoptr(GstSample) pixels = NULL;
  GstMapInfo map;
  GstVideoInfo info;
  const guint8 *top, *bottom;
  guint w = 0, h = 0;

  assert_thumbnail (fixtures->portrait, 240, 320);

  /* Turned clockwise: the leftmost SMPTE bar (light grey) is now at the
   * top, the rightmost (blue) at the bottom. */
  jpeg = coach_media_thumbnail (fixtures->portrait, -1, 320, NULL, &w, &h, &error);
  g_assert_no_error (error);
  pixels = media_test_decode_image (jpeg, w, h);
  g_assert_true (gst_video_info_from_caps (&info, gst_sample_get_caps (pixels)));
  g_assert_true (gst_buffer_map (gst_sample_get_buffer (pixels), &map, GST_MAP_READ));
  top = map.data + 10 * GST_VIDEO_INFO_PLANE_STRIDE (&info, 0) + 3 * (w - 20);
  bottom = map.data + (h - 10) * GST_VIDEO_INFO_PLANE_STRIDE (&info, 0) + 3 * (w - 20);
  g_test_message ("top %u,%u,%u bottom %u,%u,%u", top[0], top[1], top[2], bottom[0], bottom[1], bottom[2]);
  g_assert_cmpuint (top[0], >, 150);
  g_assert_cmpuint (top[1], >, 150);
  g_assert_cmpuint (top[2], >, 150);
  g_assert_cmpuint (bottom[0], <, 60);
  g_assert_cmpuint (bottom[1], <, 60);
  g_assert_cmpuint (bottom[2], >, 150);
  gst_buffer_unmap (gst_sample_get_buffer (pixels), &map);
}

static void
test_thumbnail_bad_input (void)
{
  const char *paths[] = { fixtures->audio_only, fixtures->text, fixtures->empty, fixtures->truncated };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) jpeg = coach_media_thumbnail (paths[i], -1, 320, NULL, NULL, NULL, &error);

      g_assert_null (jpeg);
      g_assert_nonnull (error);
      g_test_message ("%s: %s", paths[i], error->message);
      g_assert_true (error->domain == COACH_MEDIA_ERROR);
    }
}

static void
test_thumbnail_store (void)
{
  CatalogFixture f = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) jpeg = coach_media_thumbnail (fixtures->mp4, -1, 320, NULL, NULL, NULL, &error);
  g_autofree char *sha1 = NULL;
  g_autofree char *sha2 = NULL;
  g_autofree char *blob = NULL;
  g_autofree char *data = NULL;
  gsize len = 0;

  g_assert_no_error (error);
  catalog_fixture_setup (&f, NULL);
  g_assert_true (coach_media_store_bytes (f.catalog, jpeg, &sha1, &error));
  g_assert_no_error (error);
  g_assert_true (coach_media_store_bytes (f.catalog, jpeg, &sha2, &error));
  g_assert_cmpstr (sha1, ==, sha2);
  blob = coach_catalog_blob_path (f.catalog, sha1);
  g_assert_true (g_file_get_contents (blob, &data, &len, NULL));
  g_assert_cmpuint (len, ==, g_bytes_get_size (jpeg));
  g_assert_cmpint (test_sql_int (f.path, "SELECT count(*) FROM blob"), ==, 1);
  catalog_fixture_teardown (&f, NULL);
}

int
main (int   argc,
      char *argv[])
{
  int rc;

  g_test_init (&argc, &argv, NULL);
  gst_init (&argc, &argv);
  fixtures = media_fixtures_new ();

  g_test_add_func ("/media/inspect/formats", test_inspect_formats);
  g_test_add_func ("/media/inspect/portrait", test_inspect_portrait);
  g_test_add_func ("/media/inspect/bad-input", test_inspect_bad_input);
  g_test_add_func ("/media/inspect/async", test_inspect_async_real);
  g_test_add_func ("/media/thumbnail/formats", test_thumbnail_formats);
  g_test_add_func ("/media/thumbnail/portrait", test_thumbnail_portrait);
  g_test_add_func ("/media/thumbnail/bad-input", test_thumbnail_bad_input);
  g_test_add_func ("/media/thumbnail/store", test_thumbnail_store);

  rc = g_test_run ();
  media_fixtures_free (fixtures);
  return rc;
}
