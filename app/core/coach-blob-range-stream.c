/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coach-blob-transfer"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "coach-blob-range-stream.h"
#include "coach-blob-transfer.h"

struct _CoachBlobRangeStream
{
  GInputStream parent_instance;

  int          fd;
  char        *path;
  guint64      offset;
  guint64      length;
  guint64      pos;
};

G_DEFINE_FINAL_TYPE (CoachBlobRangeStream, coach_blob_range_stream, G_TYPE_INPUT_STREAM)

/* ------------------------------------------------------------------------- */

static gssize
coach_blob_range_stream_read (GInputStream  *stream,
                              void          *buffer,
                              gsize          count,
                              GCancellable  *cancellable,
                              GError       **error)
{
  CoachBlobRangeStream *self = COACH_BLOB_RANGE_STREAM (stream);
  gsize want = MIN (count, self->length - self->pos);
  gssize n;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return -1;
  if (want == 0)
    return 0;

  do
    n = pread (self->fd, buffer, want, self->offset + self->pos);
  while (n < 0 && errno == EINTR);

  if (n < 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Cannot read “%s”: %s"), self->path, g_strerror (saved_errno));
      return -1;
    }
  if (n == 0)
    {
      g_set_error (error, COACH_BLOB_ERROR, COACH_BLOB_ERROR_CHANGED,
                   _("“%s” is shorter than when it was stored"), self->path);
      return -1;
    }
  self->pos += n;
  return n;
}

static gboolean
coach_blob_range_stream_close (GInputStream  *stream,
                               GCancellable  *cancellable,
                               GError       **error)
{
  CoachBlobRangeStream *self = COACH_BLOB_RANGE_STREAM (stream);

  if (self->fd >= 0)
    close (self->fd);
  self->fd = -1;
  return TRUE;
}

static void
coach_blob_range_stream_finalize (GObject *object)
{
  CoachBlobRangeStream *self = COACH_BLOB_RANGE_STREAM (object);

  if (self->fd >= 0)
    close (self->fd);
  g_free (self->path);

  G_OBJECT_CLASS (coach_blob_range_stream_parent_class)->finalize (object);
}

static void
coach_blob_range_stream_class_init (CoachBlobRangeStreamClass *klass)
{
  GInputStreamClass *stream_class = G_INPUT_STREAM_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = coach_blob_range_stream_finalize;
  stream_class->read_fn = coach_blob_range_stream_read;
  stream_class->close_fn = coach_blob_range_stream_close;
}

static void
coach_blob_range_stream_init (CoachBlobRangeStream *self)
{
  self->fd = -1;
}

/* ------------------------------------------------------------------------- */

GInputStream *
coach_blob_range_stream_new (const char  *path,
                             guint64      offset,
                             guint64      length,
                             GError     **error)
{
  g_autoptr(CoachBlobRangeStream) self = NULL;
  struct stat st;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Cannot read “%s”: %s"), path, g_strerror (saved_errno));
      return NULL;
    }
  self = g_object_new (COACH_TYPE_BLOB_RANGE_STREAM, NULL);
  self->fd = fd;
  self->path = g_strdup (path);
  self->offset = offset;
  self->length = length;

  if (fstat (fd, &st) != 0 || (guint64) st.st_size < offset + length)
    {
      g_set_error (error, COACH_BLOB_ERROR, COACH_BLOB_ERROR_CHANGED,
                   _("“%s” is shorter than when it was stored"), path);
      return NULL;
    }
#ifdef POSIX_FADV_SEQUENTIAL
  posix_fadvise (fd, offset, length, POSIX_FADV_SEQUENTIAL);
#endif
  return G_INPUT_STREAM (g_steal_pointer (&self));
}
