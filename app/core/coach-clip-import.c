/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coach-clip-import"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "coach-catalog-private.h"
#include "coach-clip-import.h"

#define CHUNK_SIZE (1024 * 1024)

static const char * const video_extensions[] = {
  "mp4", "m4v", "mov", "avi", "mkv", "webm", "mpg", "mpeg", "mts", "m2ts", "3gp", "wmv", "ogv", "flv",
};

gboolean
coach_clip_import_is_video_name (const char *name)
{
  const char *dot = strrchr (name, '.');
  g_autofree char *ext = NULL;

  if (dot == NULL)
    return FALSE;
  ext = g_ascii_strdown (dot + 1, -1);
  for (guint i = 0; i < G_N_ELEMENTS (video_extensions); i++)
    if (strcmp (ext, video_extensions[i]) == 0)
      return TRUE;
  return FALSE;
}

char *
coach_catalog_blob_path (CoachCatalog *self,
                         const char   *sha256)
{
  char prefix[3] = { sha256[0], sha256[1], 0 };

  return g_build_filename (coach_catalog_get_data_dir (self), "blobs", prefix, sha256, NULL);
}

static gboolean
io_error (GError     **error,
          int          saved_errno,
          const char  *what,
          const char  *path)
{
  if (saved_errno == ENOSPC || saved_errno == EDQUOT)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                 _("The disk is full: could not copy “%s” into the library"), path);
  else
    g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                 "%s “%s”: %s", what, path, g_strerror (saved_errno));
  return FALSE;
}

static gboolean
write_all (int          fd,
           const char  *buf,
           gsize        len)
{
  while (len > 0)
    {
      gssize n = write (fd, buf, len);

      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          return FALSE;
        }
      buf += n;
      len -= n;
    }
  return TRUE;
}

gboolean
coach_catalog_store_blob (CoachCatalog  *self,
                          const char    *path,
                          guint64        size_limit,
                          char         **sha256_out,
                          guint64       *size_out,
                          GError       **error)
{
  g_autoptr(GChecksum) sha = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *blobs_dir = NULL;
  g_autofree char *tmp_path = NULL;
  g_autofree char *final_path = NULL;
  g_autofree char *final_dir = NULL;
  g_autofree char *buf = NULL;
  g_autofree char *basename = g_path_get_basename (path);
  guint64 total = 0;
  struct stat st;
  sqlite3_stmt *stmt;
  int in_fd = -1, out_fd = -1;
  const char *digest;

  g_return_val_if_fail (COACH_IS_CATALOG (self), FALSE);

  in_fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (in_fd < 0)
    return io_error (error, errno, _("Cannot read"), path);

  if (fstat (in_fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      close (in_fd);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                   _("“%s” is not a file"), basename);
      return FALSE;
    }
  if (st.st_size == 0)
    {
      close (in_fd);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("“%s” is empty"), basename);
      return FALSE;
    }
  if (size_limit > 0 && (guint64) st.st_size > size_limit)
    {
      g_autofree char *limit = g_format_size (size_limit);
      g_autofree char *size = g_format_size (st.st_size);

      close (in_fd);
      g_set_error (error, COACH_CATALOG_ERROR, COACH_CATALOG_ERROR_TOO_LARGE,
                   _("“%s” is %s, more than the limit of %s per clip"), basename, size, limit);
      return FALSE;
    }

  blobs_dir = g_build_filename (coach_catalog_get_data_dir (self), "blobs", "tmp", NULL);
  if (g_mkdir_with_parents (blobs_dir, 0700) != 0)
    {
      int saved_errno = errno;
      close (in_fd);
      return io_error (error, saved_errno, _("Cannot create"), blobs_dir);
    }

  tmp_path = g_build_filename (blobs_dir, "import-XXXXXX", NULL);
  out_fd = g_mkstemp_full (tmp_path, O_WRONLY | O_CLOEXEC, 0600);
  if (out_fd < 0)
    {
      int saved_errno = errno;
      close (in_fd);
      return io_error (error, saved_errno, _("Cannot create"), tmp_path);
    }

  buf = g_malloc (CHUNK_SIZE);
  for (;;)
    {
      gssize n = read (in_fd, buf, CHUNK_SIZE);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          io_error (error, errno, _("Cannot read"), path);
          goto fail;
        }
      if (n == 0)
        break;

      total += n;
      if (size_limit > 0 && total > size_limit)
        {
          g_set_error (error, COACH_CATALOG_ERROR, COACH_CATALOG_ERROR_TOO_LARGE,
                       _("“%s” grew past the size limit while it was copied"), basename);
          goto fail;
        }
      g_checksum_update (sha, (const guchar *) buf, n);
      if (!write_all (out_fd, buf, n))
        {
          io_error (error, errno, _("Cannot write"), tmp_path);
          goto fail;
        }
    }

  /* The blob must be on disk before the catalog says it exists. */
  if (fsync (out_fd) != 0 || close (out_fd) != 0)
    {
      out_fd = -1;
      io_error (error, errno, _("Cannot write"), tmp_path);
      goto fail;
    }
  out_fd = -1;
  close (in_fd);
  in_fd = -1;

  digest = g_checksum_get_string (sha);
  final_path = coach_catalog_blob_path (self, digest);
  final_dir = g_path_get_dirname (final_path);
  if (g_mkdir_with_parents (final_dir, 0700) != 0)
    {
      io_error (error, errno, _("Cannot create"), final_dir);
      goto fail;
    }

  if (g_file_test (final_path, G_FILE_TEST_EXISTS))
    g_unlink (tmp_path);   /* same content already stored */
  else if (g_rename (tmp_path, final_path) != 0)
    {
      io_error (error, errno, _("Cannot write"), final_path);
      goto fail;
    }

  stmt = coach_db_prepare (_coach_catalog_get_db (self),
                           "INSERT INTO blob (sha256, path, size, state, created_at) "
                           "VALUES (?, ?, ?, 'local', ?) "
                           "ON CONFLICT (sha256) DO UPDATE SET path = excluded.path, state = 'local' "
                           "WHERE blob.state = 'missing'", error);
  if (stmt == NULL)
    return FALSE;
  coach_db_bind_text (stmt, 1, digest);
  coach_db_bind_text (stmt, 2, final_path);
  sqlite3_bind_int64 (stmt, 3, total);
  sqlite3_bind_int64 (stmt, 4, _coach_catalog_now_ms ());
  if (!coach_db_step_done (_coach_catalog_get_db (self), stmt, error))
    return FALSE;

  if (sha256_out)
    *sha256_out = g_strdup (digest);
  if (size_out)
    *size_out = total;
  return TRUE;

fail:
  if (in_fd >= 0)
    close (in_fd);
  if (out_fd >= 0)
    close (out_fd);
  g_unlink (tmp_path);
  return FALSE;
}

static char *
title_from_name (const char *path)
{
  g_autofree char *base = g_path_get_basename (path);
  char *dot = strrchr (base, '.');

  if (dot != NULL && dot != base)
    *dot = '\0';
  g_strdelimit (base, "_", ' ');
  return g_utf8_make_valid (base, -1);
}

CoachClip *
coach_catalog_import_clip (CoachCatalog  *self,
                           const char    *path,
                           guint64        size_limit,
                           gboolean      *duplicate,
                           GError       **error)
{
  g_autofree char *sha256 = NULL;
  g_autofree char *title = NULL;
  g_autofree char *basename = NULL;
  g_autoptr(CoachClip) clip = NULL;
  guint64 size = 0;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (COACH_IS_CATALOG (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  if (duplicate)
    *duplicate = FALSE;

  if (!coach_catalog_store_blob (self, path, size_limit, &sha256, &size, error))
    return NULL;

  stmt = coach_db_prepare (_coach_catalog_get_db (self),
                           "SELECT id FROM clip WHERE sha256 = ? AND deleted = 0 ORDER BY rowid LIMIT 1",
                           error);
  if (stmt == NULL)
    return NULL;
  coach_db_bind_text (stmt, 1, sha256);
  rc = coach_db_step (_coach_catalog_get_db (self), stmt, error);
  if (rc == 0)
    return NULL;
  if (rc == SQLITE_ROW)
    {
      g_autofree char *id = g_strdup (coach_db_column_text (stmt, 0));

      sqlite3_reset (stmt);
      if (duplicate)
        *duplicate = TRUE;
      return COACH_CLIP (coach_catalog_get (self, "clip", id, error));
    }
  sqlite3_reset (stmt);

  basename = g_path_get_basename (path);
  title = title_from_name (path);
  clip = coach_clip_new ();
  coach_record_set_string (COACH_RECORD (clip), "title", *title ? title : basename);
  coach_record_set_string (COACH_RECORD (clip), "original_name", basename);
  coach_record_set_string (COACH_RECORD (clip), "sha256", sha256);
  coach_record_set_int (COACH_RECORD (clip), "size", size);
  coach_record_set_string (COACH_RECORD (clip), "status", "pending");

  if (!coach_catalog_save (self, COACH_RECORD (clip), error))
    return NULL;
  return g_steal_pointer (&clip);
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char **) a, *(const char **) b);
}

static gboolean
collect_dir (const char  *dir_path,
             GPtrArray   *out,
             guint        depth,
             GError     **error)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (depth > 32)
    return TRUE;   /* a symlink loop, or nothing a coach would have */

  dir = g_dir_open (dir_path, 0, error);
  if (dir == NULL)
    return FALSE;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = NULL;

      if (name[0] == '.')
        continue;
      child = g_build_filename (dir_path, name, NULL);
      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        {
          if (!collect_dir (child, out, depth + 1, error))
            return FALSE;
        }
      else if (coach_clip_import_is_video_name (name) && g_file_test (child, G_FILE_TEST_IS_REGULAR))
        g_ptr_array_add (out, g_steal_pointer (&child));
    }
  return TRUE;
}

GPtrArray *
coach_clip_import_collect_files (const char * const  *paths,
                                 GError             **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; paths && paths[i]; i++)
    {
      if (g_file_test (paths[i], G_FILE_TEST_IS_DIR))
        {
          g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);

          if (!collect_dir (paths[i], found, 0, error))
            return NULL;
          g_ptr_array_sort (found, compare_paths);
          g_ptr_array_extend_and_steal (out, g_steal_pointer (&found));
        }
      else if (g_file_test (paths[i], G_FILE_TEST_EXISTS))
        g_ptr_array_add (out, g_strdup (paths[i]));
      else
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                       _("“%s” does not exist"), paths[i]);
          return NULL;
        }
    }
  return g_steal_pointer (&out);
}
