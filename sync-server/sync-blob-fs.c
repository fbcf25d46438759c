/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coachbook-sync"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <string.h>
#include <unistd.h>

#include "coach-wire.h"
#include "sync-blob-fs.h"

#define MAX_PARTS 10000
#define REQUEST_KEY "coachbook-fs-request"

typedef struct
{
  SyncBlobStore  parent;
  char          *root;
  guint8         secret[32];
  char          *base_url;
} SyncBlobFs;

/* What got_headers learnt about a request to the store. */
typedef struct
{
  guint    status;       /* an error decided early, or 0 */
  char    *error_code;
  char    *error_message;
  char    *key;
  char    *upload_id;
  guint    part;
  guint64  max;
  int      fd;           /* PUT: the temporary file, or -1 */
  char    *tmp_path;
  guint64  received;
} FsRequest;

static const SyncBlobStoreClass fs_class;

/* ------------------------------------------------------------------------- */
/* Names and signatures */

static gboolean
valid_key (const char *key)
{
  const char *slash = strchr (key, '/');

  /* TEAM/SHA256: hex, dashes and one slash, so never a path outside ROOT */
  if (slash == NULL || slash == key || strchr (slash + 1, '/') != NULL || strlen (slash + 1) != 64)
    return FALSE;
  for (const char *p = key; *p; p++)
    if (!(g_ascii_isdigit (*p) || (*p >= 'a' && *p <= 'f') || *p == '-' || *p == '/'))
      return FALSE;
  return TRUE;
}

static gboolean
valid_upload_id (const char *id)
{
  if (id == NULL || strlen (id) != 32)
    return FALSE;
  for (const char *p = id; *p; p++)
    if (!(g_ascii_isdigit (*p) || (*p >= 'a' && *p <= 'f')))
      return FALSE;
  return TRUE;
}

static char *
object_path (SyncBlobFs *self,
             const char *key)
{
  return g_build_filename (self->root, "objects", key, NULL);
}

static char *
upload_dir (SyncBlobFs *self,
            const char *upload_id)
{
  return g_build_filename (self->root, "uploads", upload_id, NULL);
}

static char *
sign (SyncBlobFs *self,
      const char *method,
      const char *key,
      const char *upload_id,
      guint       part,
      guint64     max,
      gint64      expires)
{
  g_autofree char *text = g_strdup_printf ("%s\n%s%s\n%s\n%u\n%" G_GUINT64_FORMAT "\n%" G_GINT64_FORMAT,
                                           method, SYNC_BLOB_FS_PREFIX, key,
                                           upload_id ? upload_id : "", part, max, expires);

  return g_compute_hmac_for_string (G_CHECKSUM_SHA256, self->secret, sizeof self->secret, text, -1);
}

static char *
signed_url (SyncBlobFs *self,
            const char *method,
            const char *key,
            const char *upload_id,
            guint       part,
            guint64     max,
            guint       lifetime_s)
{
  gint64 expires = g_get_real_time () / G_USEC_PER_SEC + lifetime_s;
  g_autofree char *sig = sign (self, method, key, upload_id, part, max, expires);
  GString *url = g_string_new (self->base_url ? self->base_url : "");

  g_string_append_printf (url, "%s%s?", SYNC_BLOB_FS_PREFIX, key);
  if (upload_id != NULL)
    g_string_append_printf (url, "upload=%s&part=%u&", upload_id, part);
  g_string_append_printf (url, "max=%" G_GUINT64_FORMAT "&expires=%" G_GINT64_FORMAT "&sig=%s",
                          max, expires, sig);
  return g_string_free (url, FALSE);
}

/* ------------------------------------------------------------------------- */
/* Files */

static gboolean
set_errno_error (GError     **error,
                 int          saved,
                 const char  *what,
                 const char  *path)
{
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "%s %s: %s", what, path, g_strerror (saved));
  return FALSE;
}

static gboolean
write_all (int           fd,
           const guint8 *data,
           gsize         len)
{
  while (len > 0)
    {
      gssize n = write (fd, data, len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      data += n;
      len -= n;
    }
  return TRUE;
}

static int
open_tmp (SyncBlobFs  *self,
          char       **path,
          GError     **error)
{
  char *tmpl = g_build_filename (self->root, "tmp", "body-XXXXXX", NULL);
  int fd = g_mkstemp_full (tmpl, O_WRONLY | O_CLOEXEC, 0600);

  if (fd < 0)
    {
      set_errno_error (error, errno, "cannot create", tmpl);
      g_free (tmpl);
      return -1;
    }
  *path = tmpl;
  return fd;
}

/* Moves a complete temporary file to its place; readers see the old file
 * or the new one, never a partial one. */
static gboolean
install_file (const char  *tmp_path,
              const char  *final_path,
              GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (final_path);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    return set_errno_error (error, errno, "cannot create", dir);
  if (g_rename (tmp_path, final_path) != 0)
    return set_errno_error (error, errno, "cannot rename to", final_path);
  return TRUE;
}

static gboolean
remove_tree (const char  *dir,
             GError     **error)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return TRUE;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_unlink (path) != 0 && errno != ENOENT)
        return set_errno_error (error, errno, "cannot remove", path);
    }
  if (g_rmdir (dir) != 0 && errno != ENOENT)
    return set_errno_error (error, errno, "cannot remove", dir);
  return TRUE;
}

/* ------------------------------------------------------------------------- */
/* The store */

static gboolean
fs_head (SyncBlobStore  *store,
         const char     *key,
         gboolean       *exists,
         guint64        *size,
         GError        **error)
{
  SyncBlobFs *self = (SyncBlobFs *) store;
  g_autofree char *path = NULL;
  GStatBuf st;

  if (!valid_key (key))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "invalid blob key %s", key);
      return FALSE;
    }
  path = object_path (self, key);
  if (g_stat (path, &st) != 0)
    {
      if (errno != ENOENT)
        return set_errno_error (error, errno, "cannot stat", path);
      *exists = FALSE;
      *size = 0;
      return TRUE;
    }
  *exists = TRUE;
  *size = st.st_size;
  return TRUE;
}

static char *
fs_presign_put (SyncBlobStore *store,
                const char    *key,
                guint64        size,
                guint          lifetime_s)
{
  return signed_url ((SyncBlobFs *) store, "PUT", key, NULL, 0, size, lifetime_s);
}

static char *
fs_presign_get (SyncBlobStore *store,
                const char    *key,
                guint          lifetime_s)
{
  return signed_url ((SyncBlobFs *) store, "GET", key, NULL, 0, 0, lifetime_s);
}

static char *
fs_multipart_create (SyncBlobStore  *store,
                     const char     *key,
                     GError        **error)
{
  SyncBlobFs *self = (SyncBlobFs *) store;
  guint8 bytes[16];
  char id[33];
  g_autofree char *dir = NULL;

  randombytes_buf (bytes, sizeof bytes);
  for (guint i = 0; i < sizeof bytes; i++)
    g_snprintf (id + 2 * i, 3, "%02x", bytes[i]);
  dir = upload_dir (self, id);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      set_errno_error (error, errno, "cannot create", dir);
      return NULL;
    }
  return g_strdup (id);
}

static char *
fs_presign_part (SyncBlobStore *store,
                 const char    *key,
                 const char    *upload_id,
                 guint          number,
                 guint64        size,
                 guint          lifetime_s)
{
  return signed_url ((SyncBlobFs *) store, "PUT", key, upload_id, number, size, lifetime_s);
}

static GPtrArray *
fs_list_parts (SyncBlobStore  *store,
               const char     *key,
               const char     *upload_id,
               GError        **error)
{
  SyncBlobFs *self = (SyncBlobFs *) store;
  g_autofree char *dir = NULL;
  g_autoptr(GDir) d = NULL;
  g_autoptr(GPtrArray) parts = sync_blob_parts_new ();
  const char *name;

  if (!valid_upload_id (upload_id))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "no such upload %s", upload_id);
      return NULL;
    }
  dir = upload_dir (self, upload_id);
  d = g_dir_open (dir, 0, error);
  if (d == NULL)
    return NULL;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      guint64 number;
      GStatBuf st;
      SyncBlobPart *part;

      if (!g_ascii_string_to_unsigned (name, 10, 1, MAX_PARTS, &number, NULL) || g_stat (path, &st) != 0)
        continue;
      part = g_new0 (SyncBlobPart, 1);
      part->number = (guint) number;
      part->size = st.st_size;
      part->etag = g_strdup ("");
      g_ptr_array_add (parts, part);
    }
  g_ptr_array_sort (parts, sync_blob_part_compare);
  return g_steal_pointer (&parts);
}

/* The parts on disk, in order, are the blob: the list the client sends is
 * not needed here. */
static gboolean
fs_multipart_complete (SyncBlobStore  *store,
                       const char     *key,
                       const char     *upload_id,
                       GPtrArray      *client_parts,
                       GError        **error)
{
  SyncBlobFs *self = (SyncBlobFs *) store;
  g_autoptr(GPtrArray) parts = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *tmp_path = NULL;
  g_autofree char *final_path = NULL;
  g_autofree guint8 *buffer = NULL;
  int fd;

  if (!valid_key (key))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "invalid blob key %s", key);
      return FALSE;
    }
  parts = fs_list_parts (store, key, upload_id, error);
  if (parts == NULL)
    return FALSE;
  for (guint i = 0; i < parts->len; i++)
    if (((SyncBlobPart *) g_ptr_array_index (parts, i))->number != i + 1)
      {
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "part %u is missing", i + 1);
        return FALSE;
      }

  dir = upload_dir (self, upload_id);
  fd = open_tmp (self, &tmp_path, error);
  if (fd < 0)
    return FALSE;
  buffer = g_malloc (1 << 20);
  for (guint i = 0; i < parts->len; i++)
    {
      g_autofree char *name = g_strdup_printf ("%u", i + 1);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      int in = g_open (path, O_RDONLY | O_CLOEXEC, 0);
      gssize n;

      if (in < 0)
        {
          set_errno_error (error, errno, "cannot open", path);
          goto fail;
        }
      while ((n = read (in, buffer, 1 << 20)) > 0)
        if (!write_all (fd, buffer, n))
          {
            set_errno_error (error, errno, "cannot write", tmp_path);
            close (in);
            goto fail;
          }
      close (in);
      if (n < 0)
        {
          set_errno_error (error, errno, "cannot read", path);
          goto fail;
        }
    }
  if (fsync (fd) != 0 || close (fd) != 0)
    {
      fd = -1;
      set_errno_error (error, errno, "cannot write", tmp_path);
      goto fail;
    }
  fd = -1;
  final_path = object_path (self, key);
  if (!install_file (tmp_path, final_path, error))
    goto fail;
  return remove_tree (dir, error);

fail:
  if (fd >= 0)
    close (fd);
  g_unlink (tmp_path);
  return FALSE;
}

static gboolean
fs_multipart_abort (SyncBlobStore  *store,
                    const char     *key,
                    const char     *upload_id,
                    GError        **error)
{
  g_autofree char *dir = NULL;

  if (!valid_upload_id (upload_id))
    return TRUE;
  dir = upload_dir ((SyncBlobFs *) store, upload_id);
  return remove_tree (dir, error);
}

static gboolean
fs_delete (SyncBlobStore  *store,
           const char     *key,
           GError        **error)
{
  g_autofree char *path = NULL;

  if (!valid_key (key))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "invalid blob key %s", key);
      return FALSE;
    }
  path = object_path ((SyncBlobFs *) store, key);
  if (g_unlink (path) != 0 && errno != ENOENT)
    return set_errno_error (error, errno, "cannot remove", path);
  return TRUE;
}

static char *
fs_sha256 (SyncBlobStore  *store,
           const char     *key,
           GError        **error)
{
  g_autofree char *path = NULL;
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree guint8 *buffer = NULL;
  gssize n;
  int fd;

  if (!valid_key (key))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "invalid blob key %s", key);
      return NULL;
    }
  path = object_path ((SyncBlobFs *) store, key);
  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      set_errno_error (error, errno, "cannot open", path);
      return NULL;
    }
  buffer = g_malloc (1 << 20);
  while ((n = read (fd, buffer, 1 << 20)) > 0)
    g_checksum_update (checksum, buffer, n);
  close (fd);
  if (n < 0)
    {
      set_errno_error (error, errno, "cannot read", path);
      return NULL;
    }
  return g_strdup (g_checksum_get_string (checksum));
}

static void
fs_free (SyncBlobStore *store)
{
  SyncBlobFs *self = (SyncBlobFs *) store;

  sodium_memzero (self->secret, sizeof self->secret);
  g_free (self->root);
  g_free (self->base_url);
  g_free (self);
}

static const SyncBlobStoreClass fs_class = {
  .name = "fs",
  .head = fs_head,
  .presign_put = fs_presign_put,
  .presign_get = fs_presign_get,
  .multipart_create = fs_multipart_create,
  .presign_part = fs_presign_part,
  .list_parts = fs_list_parts,
  .multipart_complete = fs_multipart_complete,
  .multipart_abort = fs_multipart_abort,
  .delete = fs_delete,
  .sha256 = fs_sha256,
  .free = fs_free,
};

/* ------------------------------------------------------------------------- */
/* HTTP */

static void
fs_request_free (FsRequest *fr)
{
  if (fr->fd >= 0)
    close (fr->fd);
  if (fr->tmp_path != NULL)
    g_unlink (fr->tmp_path);
  g_free (fr->tmp_path);
  g_free (fr->error_code);
  g_free (fr->error_message);
  g_free (fr->key);
  g_free (fr->upload_id);
  g_free (fr);
}

static void
fs_request_fail (FsRequest  *fr,
                 guint       status,
                 const char *code,
                 const char *message)
{
  if (fr->status != 0)
    return;
  fr->status = status;
  fr->error_code = g_strdup (code);
  fr->error_message = g_strdup (message);
  if (fr->fd >= 0)
    {
      close (fr->fd);
      fr->fd = -1;
    }
}

static void
respond_error (SoupServerMessage *msg,
               guint              status,
               const char        *code,
               const char        *message)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) node = coach_wire_error_to_json (code, message);
  gsize len = 0;
  char *text;

  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, &len);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Cache-Control", "no-store");
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, text, len);
}

static gboolean
constant_time_equal (const char *a,
                     const char *b)
{
  gsize la = strlen (a);
  gsize lb = strlen (b);
  guint8 diff = la != lb;

  for (gsize i = 0; i < la && i < lb; i++)
    diff |= a[i] ^ b[i];
  return diff == 0;
}

static const char *
param (GHashTable *params,
       const char *name)
{
  const char *value = params ? g_hash_table_lookup (params, name) : NULL;

  return value ? value : "";
}

/* Checks the signed URL and remembers what it allows. */
static void
check_request (SyncBlobFs        *self,
               SoupServerMessage *msg,
               FsRequest         *fr)
{
  GUri *uri = soup_server_message_get_uri (msg);
  const char *method = soup_server_message_get_method (msg);
  const char *query = g_uri_get_query (uri);
  g_autoptr(GHashTable) params = NULL;
  g_autofree char *expected = NULL;
  const char *sig_method;
  const char *text;
  gint64 expires;
  guint64 v;

  fr->key = g_strdup (g_uri_get_path (uri) + strlen (SYNC_BLOB_FS_PREFIX));
  if (!valid_key (fr->key))
    {
      fs_request_fail (fr, 404, "not_found", "no such blob");
      return;
    }
  if (g_strcmp0 (method, "PUT") == 0)
    sig_method = "PUT";
  else if (g_strcmp0 (method, "GET") == 0 || g_strcmp0 (method, "HEAD") == 0)
    sig_method = "GET";
  else
    {
      fs_request_fail (fr, 405, "method_not_allowed", "blob URLs accept GET, HEAD and PUT");
      return;
    }

  params = query ? g_uri_parse_params (query, -1, "&", G_URI_PARAMS_NONE, NULL) : NULL;
  if (*param (params, "sig") == '\0' ||
      !g_ascii_string_to_signed (param (params, "expires"), 10, 0, G_MAXINT64, &expires, NULL) ||
      !g_ascii_string_to_unsigned (param (params, "max"), 10, 0, G_MAXUINT64, &fr->max, NULL))
    {
      fs_request_fail (fr, 403, "forbidden", "the URL is not signed");
      return;
    }
  text = g_hash_table_lookup (params, "upload");
  if (text != NULL)
    {
      if (!valid_upload_id (text) ||
          !g_ascii_string_to_unsigned (param (params, "part"), 10, 1, MAX_PARTS, &v, NULL))
        {
          fs_request_fail (fr, 403, "forbidden", "the URL is not signed");
          return;
        }
      fr->upload_id = g_strdup (text);
      fr->part = (guint) v;
    }

  expected = sign (self, sig_method, fr->key, fr->upload_id, fr->part, fr->max, expires);
  if (!constant_time_equal (expected, param (params, "sig")))
    {
      fs_request_fail (fr, 403, "forbidden", "the URL signature does not match");
      return;
    }
  if (expires < g_get_real_time () / G_USEC_PER_SEC)
    {
      fs_request_fail (fr, 403, "expired", "the URL has expired");
      return;
    }
}

static void
got_chunk_cb (SoupServerMessage *msg,
              GBytes            *chunk,
              gpointer           user_data)
{
  FsRequest *fr = user_data;
  gsize len;
  const guint8 *data = g_bytes_get_data (chunk, &len);

  fr->received += len;
  if (fr->status != 0 || fr->fd < 0)
    return;
  if (fr->received > fr->max)
    {
      fs_request_fail (fr, 413, "body_too_large", "the body is larger than the URL allows");
      return;
    }
  /* Local disk writes on the main loop: short, and the kernel buffers them. */
  if (!write_all (fr->fd, data, len))
    {
      g_warning ("cannot write %s: %s", fr->tmp_path, g_strerror (errno));
      fs_request_fail (fr, 500, "internal", "cannot store the body");
    }
}

void
sync_blob_fs_got_headers (SyncBlobStore     *store,
                          SoupServerMessage *msg)
{
  SyncBlobFs *self = (SyncBlobFs *) store;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  FsRequest *fr = g_new0 (FsRequest, 1);
  g_autoptr(GError) error = NULL;

  g_return_if_fail (sync_blob_store_is_fs (store));

  fr->fd = -1;
  g_object_set_data_full (G_OBJECT (msg), REQUEST_KEY, fr, (GDestroyNotify) fs_request_free);
  /* Bodies go to disk, never to memory. */
  soup_message_body_set_accumulate (soup_server_message_get_request_body (msg), FALSE);
  check_request (self, msg, fr);

  if (fr->status == 0 && g_strcmp0 (soup_server_message_get_method (msg), "PUT") == 0)
    {
      if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
          (guint64) soup_message_headers_get_content_length (headers) > fr->max)
        fs_request_fail (fr, 413, "body_too_large", "the body is larger than the URL allows");
      else if (fr->upload_id != NULL)
        {
          g_autofree char *dir = upload_dir (self, fr->upload_id);

          if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
            fs_request_fail (fr, 404, "not_found", "no such upload");
        }
      if (fr->status == 0)
        {
          fr->fd = open_tmp (self, &fr->tmp_path, &error);
          if (fr->fd < 0)
            {
              g_warning ("%s", error->message);
              fs_request_fail (fr, 500, "internal", "cannot store the body");
            }
        }
      g_signal_connect (msg, "got-chunk", G_CALLBACK (got_chunk_cb), fr);
    }

  /* Decided now: libsoup then skips the handler and answers once the body
   * has been read and dropped. */
  if (fr->status != 0)
    {
      respond_error (msg, fr->status, fr->error_code, fr->error_message);
      if (fr->status == 413)
        soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Connection", "close");
    }
}

/* Finishing a PUT (fsync, rename) runs off the main loop, the message
 * paused meanwhile: fsync of a large file can take a while. */
typedef struct
{
  SoupServerMessage *msg;
  gulong             disconnected_id;
  gboolean           disconnected;
  int                fd;
  char              *tmp_path;
  char              *final_path;
} PutJob;

static void
put_job_free (PutJob *job)
{
  if (job->disconnected_id != 0)
    g_signal_handler_disconnect (job->msg, job->disconnected_id);
  if (job->fd >= 0)
    close (job->fd);
  g_object_unref (job->msg);
  g_free (job->tmp_path);
  g_free (job->final_path);
  g_free (job);
}

static void
put_disconnected_cb (SoupServerMessage *msg,
                     gpointer           user_data)
{
  PutJob *job = user_data;

  job->disconnected = TRUE;
}

static void
put_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  PutJob *job = task_data;
  GError *error = NULL;
  int fd = job->fd;

  job->fd = -1;
  if (fsync (fd) != 0 || close (fd) != 0)
    {
      set_errno_error (&error, errno, "cannot write", job->tmp_path);
      g_task_return_error (task, error);
      return;
    }
  if (!install_file (job->tmp_path, job->final_path, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
put_done_cb (GObject      *source_object,
             GAsyncResult *result,
             gpointer      user_data)
{
  PutJob *job = g_task_get_task_data (G_TASK (result));
  FsRequest *fr = g_object_get_data (G_OBJECT (job->msg), REQUEST_KEY);
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_warning ("%s", error->message);
      if (!job->disconnected)
        respond_error (job->msg, 500, "internal", "cannot store the body");
    }
  else
    {
      g_autofree char *etag = NULL;

      /* in place now: nothing left to remove */
      if (fr != NULL)
        g_clear_pointer (&fr->tmp_path, g_free);
      if (!job->disconnected)
        {
          etag = g_strdup_printf ("\"%u-%" G_GUINT64_FORMAT "\"", fr ? fr->part : 0, fr ? fr->received : 0);
          soup_message_headers_replace (soup_server_message_get_response_headers (job->msg), "ETag", etag);
          soup_server_message_set_status (job->msg, 200, NULL);
        }
    }
  if (!job->disconnected)
    soup_server_message_unpause (job->msg);
}

static void
serve_put (SyncBlobFs        *self,
           SoupServerMessage *msg,
           FsRequest         *fr)
{
  g_autoptr(GTask) task = NULL;
  PutJob *job = g_new0 (PutJob, 1);

  job->msg = g_object_ref (msg);
  job->fd = fr->fd;
  fr->fd = -1;
  job->tmp_path = g_strdup (fr->tmp_path);
  if (fr->upload_id != NULL)
    {
      g_autofree char *dir = upload_dir (self, fr->upload_id);
      g_autofree char *name = g_strdup_printf ("%u", fr->part);

      job->final_path = g_build_filename (dir, name, NULL);
    }
  else
    job->final_path = object_path (self, fr->key);
  job->disconnected_id = g_signal_connect (msg, "disconnected", G_CALLBACK (put_disconnected_cb), job);

  soup_server_message_pause (msg);
  task = g_task_new (NULL, NULL, put_done_cb, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify) put_job_free);
  g_task_run_in_thread (task, put_thread);
}

static void
serve_get (SyncBlobFs        *self,
           SoupServerMessage *msg,
           FsRequest         *fr)
{
  g_autofree char *path = object_path (self, fr->key);
  g_autoptr(GMappedFile) file = NULL;
  g_autoptr(GBytes) bytes = NULL;

  if (fr->upload_id != NULL)
    {
      respond_error (msg, 403, "forbidden", "parts cannot be downloaded");
      return;
    }
  file = g_mapped_file_new (path, FALSE, NULL);
  if (file == NULL)
    {
      respond_error (msg, 404, "not_found", "no such blob");
      return;
    }
  bytes = g_mapped_file_get_bytes (file);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Content-Type",
                                "application/octet-stream");
  if (g_bytes_get_size (bytes) > 0)
    soup_message_body_append_bytes (soup_server_message_get_response_body (msg), bytes);
  soup_server_message_set_status (msg, 200, NULL);
}

void
sync_blob_fs_serve (SyncBlobStore     *store,
                    SoupServerMessage *msg)
{
  SyncBlobFs *self = (SyncBlobFs *) store;
  FsRequest *fr = g_object_get_data (G_OBJECT (msg), REQUEST_KEY);

  g_return_if_fail (sync_blob_store_is_fs (store));

  if (fr == NULL)
    {
      respond_error (msg, 500, "internal", "the request was not prepared");
      return;
    }
  if (fr->status != 0)
    {
      respond_error (msg, fr->status, fr->error_code, fr->error_message);
      return;
    }
  if (g_strcmp0 (soup_server_message_get_method (msg), "PUT") == 0)
    serve_put (self, msg, fr);
  else
    serve_get (self, msg, fr);
}

/* ------------------------------------------------------------------------- */
/* Public API */

SyncBlobStore *
sync_blob_fs_new (const char  *root,
                  const char  *secret,
                  GError     **error)
{
  SyncBlobFs *self;
  const char *subdirs[] = { "objects", "uploads", "tmp" };

  g_return_val_if_fail (root != NULL, NULL);

  if (root[0] == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "blobs.fs_path must not be empty");
      return NULL;
    }
  for (guint i = 0; i < G_N_ELEMENTS (subdirs); i++)
    {
      g_autofree char *dir = g_build_filename (root, subdirs[i], NULL);

      if (g_mkdir_with_parents (dir, 0700) != 0)
        {
          set_errno_error (error, errno, "cannot create", dir);
          g_prefix_error (error, "blobs.fs_path: ");
          return NULL;
        }
    }

  self = g_new0 (SyncBlobFs, 1);
  self->parent.klass = &fs_class;
  self->root = g_strdup (root);
  if (secret != NULL && secret[0] != '\0')
    crypto_hash_sha256 (self->secret, (const guint8 *) secret, strlen (secret));
  else
    {
      /* URLs then die with the process, and several instances behind one
       * load balancer reject each other's URLs. */
      g_warning ("blobs.fs_secret is not set: blob URLs are valid for this process only");
      randombytes_buf (self->secret, sizeof self->secret);
    }
  return &self->parent;
}

gboolean
sync_blob_store_is_fs (SyncBlobStore *store)
{
  return store != NULL && store->klass == &fs_class;
}

void
sync_blob_fs_set_base_url (SyncBlobStore *store,
                           const char    *base_url)
{
  SyncBlobFs *self = (SyncBlobFs *) store;

  g_return_if_fail (sync_blob_store_is_fs (store));

  g_free (self->base_url);
  self->base_url = g_strdup (base_url);
  /* no trailing slash: paths are appended */
  if (self->base_url != NULL && g_str_has_suffix (self->base_url, "/"))
    self->base_url[strlen (self->base_url) - 1] = '\0';
}
