/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coach-media"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <gst/gst.h>
#include <unistd.h>

#include "coach-catalog-private.h"
#include "coach-clip-import.h"
#include "coach-media-private.h"

#define MEDIA_TMP_PREFIX "media-"

G_DEFINE_QUARK (coach-media-error-quark, coach_media_error)

gboolean
coach_media_init (GError **error)
{
  static gsize initialised = 0;
  static gboolean ok = FALSE;
  static GError *init_error = NULL;

  if (g_once_init_enter (&initialised))
    {
      ok = gst_init_check (NULL, NULL, &init_error);
      g_once_init_leave (&initialised, 1);
    }
  if (!ok)
    {
      g_set_error (error, COACH_MEDIA_ERROR, COACH_MEDIA_ERROR_FAILED,
                   _("Video support could not start: %s"),
                   init_error ? init_error->message : "?");
      return FALSE;
    }
  return TRUE;
}

char *
coach_media_path_to_uri (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  return g_file_get_uri (file);
}

char *
coach_media_tmp_dir (const char *data_dir)
{
  return g_build_filename (data_dir, "blobs", "tmp", NULL);
}

void
coach_media_clean_tmp (const char *data_dir)
{
  g_autofree char *dir_path = coach_media_tmp_dir (data_dir);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = NULL;

      if (!g_str_has_prefix (name, MEDIA_TMP_PREFIX))
        continue;
      child = g_build_filename (dir_path, name, NULL);
      g_unlink (child);
    }
}

gboolean
coach_media_store_bytes (CoachCatalog  *catalog,
                         GBytes        *bytes,
                         char         **sha256_out,
                         GError       **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *tmp_path = NULL;
  gsize len = 0;
  const guint8 *data;
  gboolean ok;
  int fd;

  g_return_val_if_fail (COACH_IS_CATALOG (catalog), FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);

  dir = coach_media_tmp_dir (coach_catalog_get_data_dir (catalog));
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Cannot create “%s”: %s"), dir, g_strerror (saved_errno));
      return FALSE;
    }
  tmp_path = g_build_filename (dir, MEDIA_TMP_PREFIX "bytes-XXXXXX", NULL);
  fd = g_mkstemp_full (tmp_path, O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Cannot create “%s”: %s"), tmp_path, g_strerror (saved_errno));
      return FALSE;
    }
  close (fd);

  data = g_bytes_get_data (bytes, &len);
  if (!g_file_set_contents (tmp_path, (const char *) data, len, error))
    {
      g_unlink (tmp_path);
      return FALSE;
    }
  /* store_blob copies and hashes; the copy is small (thumbnails). */
  ok = coach_catalog_store_blob (catalog, tmp_path, 0, sha256_out, NULL, error);
  g_unlink (tmp_path);
  return ok;
}

GST_DEBUG_CATEGORY_STATIC (coach_media_debug);
#define GST_CAT_DEFAULT coach_media_debug

static void
ensure_debug_category (void)
{
  static gsize once = 0;

  if (g_once_init_enter (&once))
    {
      GST_DEBUG_CATEGORY_INIT (coach_media_debug, "coach-media", 0, "Coachbook media pipelines");
      g_once_init_leave (&once, 1);
    }
}

void
_coach_media_set_gst_error (GError       **error,
                            const GError  *gst_error)
{
  if (gst_error == NULL)
    g_set_error (error, COACH_MEDIA_ERROR, COACH_MEDIA_ERROR_FAILED,
                 _("The video could not be processed"));
  else if (gst_error->domain == GST_RESOURCE_ERROR &&
           gst_error->code == GST_RESOURCE_ERROR_NO_SPACE_LEFT)
    g_set_error (error, COACH_MEDIA_ERROR, COACH_MEDIA_ERROR_NO_SPACE,
                 _("The disk is full; free some space and try again"));
  else if (gst_error->domain == GST_STREAM_ERROR &&
           (gst_error->code == GST_STREAM_ERROR_TYPE_NOT_FOUND ||
            gst_error->code == GST_STREAM_ERROR_WRONG_TYPE))
    g_set_error (error, COACH_MEDIA_ERROR, COACH_MEDIA_ERROR_NOT_MEDIA,
                 _("This file is not a video Coachbook can read"));
  else if (gst_error->domain == GST_CORE_ERROR &&
           gst_error->code == GST_CORE_ERROR_MISSING_PLUGIN)
    g_set_error (error, COACH_MEDIA_ERROR, COACH_MEDIA_ERROR_UNSUPPORTED,
                 _("This video uses a format this computer cannot play"));
  else if (gst_error->domain == GST_STREAM_ERROR)
    g_set_error (error, COACH_MEDIA_ERROR, COACH_MEDIA_ERROR_DAMAGED,
                 _("This video file is damaged or incomplete"));
  else
    g_set_error (error, COACH_MEDIA_ERROR, COACH_MEDIA_ERROR_FAILED,
                 _("The video could not be processed: %s"), gst_error->message);
}

typedef struct
{
  GstMessageType  until;
  gboolean        done;
  GError         *error;
} WaitState;

static void
handle_error_message (WaitState  *state,
                      GstMessage *message)
{
  g_autoptr(GError) gst_error = NULL;
  g_autofree char *debug = NULL;

  gst_message_parse_error (message, &gst_error, &debug);
  GST_WARNING ("pipeline error from %s: %s (%s)", GST_OBJECT_NAME (GST_MESSAGE_SRC (message)),
               gst_error->message, debug ? debug : "");
  _coach_media_set_gst_error (&state->error, gst_error);
  state->done = TRUE;
}

static void
handle_eos_message (WaitState  *state,
                    GstMessage *message)
{
  if (state->until & GST_MESSAGE_EOS)
    state->done = TRUE;
  else if (state->until & GST_MESSAGE_ASYNC_DONE)
    {
      /* Reached the end before a frame could be shown. */
      g_set_error (&state->error, COACH_MEDIA_ERROR, COACH_MEDIA_ERROR_DAMAGED,
                   _("This video file is damaged or incomplete"));
      state->done = TRUE;
    }
}

static void
handle_async_done_message (WaitState  *state,
                           GstMessage *message)
{
  if (state->until & GST_MESSAGE_ASYNC_DONE)
    state->done = TRUE;
}

static void
handle_message (WaitState  *state,
                GstMessage *message)
{
  switch (GST_MESSAGE_TYPE (message))
    {
    case GST_MESSAGE_ERROR:
      handle_error_message (state, message);
      break;
    case GST_MESSAGE_EOS:
      handle_eos_message (state, message);
      break;
    case GST_MESSAGE_ASYNC_DONE:
      handle_async_done_message (state, message);
      break;
    default:
      break;
    }
}

gboolean
_coach_media_wait (GstElement          *pipeline,
                   GstMessageType       until,
                   GCancellable        *cancellable,
                   gint64               deadline,
                   CoachMediaPollFunc   poll,
                   gpointer             poll_data,
                   GError             **error)
{
  g_autoptr(GstBus) bus = gst_element_get_bus (pipeline);
  WaitState state = { until, FALSE, NULL };

  ensure_debug_category ();

  while (!state.done)
    {
      g_autoptr(GstMessage) message = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (deadline > 0 && g_get_monotonic_time () > deadline)
        {
          g_set_error (error, COACH_MEDIA_ERROR, COACH_MEDIA_ERROR_TIMED_OUT,
                       _("Processing this video took too long"));
          return FALSE;
        }
      message = gst_bus_timed_pop_filtered (bus, 200 * GST_MSECOND,
                                            GST_MESSAGE_ERROR | GST_MESSAGE_EOS | GST_MESSAGE_ASYNC_DONE);
      if (message != NULL)
        handle_message (&state, message);
      else if (poll != NULL)
        poll (pipeline, poll_data);
    }

  if (state.error != NULL)
    {
      g_propagate_error (error, state.error);
      return FALSE;
    }
  return TRUE;
}

char *
coach_media_file_sha256 (const char    *path,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) in = g_file_read (file, cancellable, error);
  g_autoptr(GChecksum) sha = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree guint8 *buf = NULL;

  if (in == NULL)
    return NULL;
  buf = g_malloc (1024 * 1024);
  for (;;)
    {
      gssize n = g_input_stream_read (G_INPUT_STREAM (in), buf, 1024 * 1024, cancellable, error);

      if (n < 0)
        return NULL;
      if (n == 0)
        break;
      g_checksum_update (sha, buf, n);
    }
  return g_strdup (g_checksum_get_string (sha));
}

gboolean
coach_media_adopt_blob (CoachCatalog  *catalog,
                        const char    *tmp_path,
                        const char    *sha256,
                        const char    *mime_type,
                        GError       **error)
{
  g_autofree char *final_path = NULL;
  g_autofree char *final_dir = NULL;
  CoachDb *db = _coach_catalog_get_db (catalog);
  sqlite3_stmt *stmt;
  GStatBuf st;

  g_return_val_if_fail (COACH_IS_CATALOG (catalog), FALSE);

  if (g_stat (tmp_path, &st) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Cannot read “%s”: %s"), tmp_path, g_strerror (saved_errno));
      return FALSE;
    }
  final_path = coach_catalog_blob_path (catalog, sha256);
  final_dir = g_path_get_dirname (final_path);
  if (g_mkdir_with_parents (final_dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_unlink (tmp_path);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Cannot create “%s”: %s"), final_dir, g_strerror (saved_errno));
      return FALSE;
    }
  if (g_file_test (final_path, G_FILE_TEST_EXISTS))
    g_unlink (tmp_path);
  else if (g_rename (tmp_path, final_path) != 0)
    {
      int saved_errno = errno;

      g_unlink (tmp_path);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Cannot write “%s”: %s"), final_path, g_strerror (saved_errno));
      return FALSE;
    }

  stmt = coach_db_prepare (db,
                           "INSERT INTO blob (sha256, path, size, mime_type, state, created_at) "
                           "VALUES (?, ?, ?, ?, 'local', ?) "
                           "ON CONFLICT (sha256) DO UPDATE SET path = excluded.path, state = 'local' "
                           "WHERE blob.state = 'missing'", error);
  if (stmt == NULL)
    return FALSE;
  coach_db_bind_text (stmt, 1, sha256);
  coach_db_bind_text (stmt, 2, final_path);
  sqlite3_bind_int64 (stmt, 3, st.st_size);
  coach_db_bind_text (stmt, 4, mime_type);
  sqlite3_bind_int64 (stmt, 5, _coach_catalog_now_ms ());
  return coach_db_step_done (db, stmt, error);
}

static guint64
read_be (const guint8 *p,
         guint         n)
{
  guint64 v = 0;

  for (guint i = 0; i < n; i++)
    v = (v << 8) | p[i];
  return v;
}

/* An MP4/MOV cut short (a copy that stopped, a phone that died while
 * filming) has a box running past the end of the file, or no "moov". The
 * demuxer can wait a long time on such files; the box headers tell at once. */
static gboolean
iso_file_is_truncated (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) in = g_file_read (file, NULL, NULL);
  g_autoptr(GFileInfo) finfo = NULL;
  gboolean seen_moov = FALSE, seen_moof = FALSE;
  guint64 offset = 0, file_size;
  guint8 header[16];

  if (in == NULL)
    return FALSE;
  finfo = g_file_input_stream_query_info (in, G_FILE_ATTRIBUTE_STANDARD_SIZE, NULL, NULL);
  if (finfo == NULL)
    return FALSE;
  file_size = g_file_info_get_size (finfo);
  if (file_size < 8)
    return FALSE;

  while (offset + 8 <= file_size)
    {
      gsize got = 0;
      guint64 box_size;

      if (!g_seekable_seek (G_SEEKABLE (in), offset, G_SEEK_SET, NULL, NULL) ||
          !g_input_stream_read_all (G_INPUT_STREAM (in), header, sizeof header, &got, NULL, NULL) ||
          got < 8)
        return FALSE;
      if (offset == 0 && memcmp (header + 4, "ftyp", 4) != 0)
        return FALSE;   /* not an ISO media file: let the demuxers decide */

      box_size = read_be (header, 4);
      if (box_size == 1 && got >= 16)
        box_size = read_be (header + 8, 8);
      else if (box_size == 0)
        box_size = file_size - offset;   /* runs to the end */
      if (box_size < 8)
        return TRUE;
      if (memcmp (header + 4, "moov", 4) == 0)
        seen_moov = TRUE;
      else if (memcmp (header + 4, "moof", 4) == 0)
        seen_moof = TRUE;
      /* A cut-off media box after the index still plays up to the cut. */
      if (offset + box_size > file_size)
        return !seen_moov && !seen_moof;
      offset += box_size;
    }
  return !seen_moov && !seen_moof;
}

gboolean
_coach_media_check_complete (const char  *path,
                             GError     **error)
{
  if (iso_file_is_truncated (path))
    {
      g_set_error (error, COACH_MEDIA_ERROR, COACH_MEDIA_ERROR_DAMAGED,
                   _("This video file is damaged or incomplete"));
      return FALSE;
    }
  return TRUE;
}
