/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coachbook-sync"

#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "sync-blob-s3.h"
#include "sync-sigv4.h"

#define CALL_TIMEOUT_S 60

typedef struct
{
  SyncBlobStore  parent;
  char          *scheme;
  char          *host;        /* Host header: name[:port], with the bucket for virtual hosts */
  char          *path_prefix; /* "/bucket" for path style, "" otherwise */
  char          *access_key;
  char          *secret_key;
  char          *region;
} SyncBlobS3;

/* ------------------------------------------------------------------------- */
/* Requests */

static SyncSigV4Key
signing_key (SyncBlobS3 *self)
{
  SyncSigV4Key key = { self->access_key, self->secret_key, self->region, "s3" };

  return key;
}

static char *
object_path (SyncBlobS3 *self,
             const char *key)
{
  return g_strdup_printf ("%s/%s", self->path_prefix, key);
}

/* One signed call; returns the status, *body the response body. A new
 * session per call: these are rare, and a session is then never shared
 * between worker threads. */
static guint
call (SyncBlobS3          *self,
      const char          *method,
      const char          *key,
      const char * const  *query,
      const char          *body,
      SoupMessageHeaders **response_headers,
      char               **response_body,
      GError             **error)
{
  g_autoptr(SoupSession) session = soup_session_new_with_options ("timeout", CALL_TIMEOUT_S, NULL);
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GBytes) reply = NULL;
  g_autofree char *path = object_path (self, key);
  g_autofree char *encoded_path = sync_sigv4_uri_encode (path, TRUE);
  g_autofree char *payload_hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, body ? body : "", -1);
  SyncSigV4Key signing = signing_key (self);
  SyncSigV4Request request = { method, self->host, path, query, NULL, g_get_real_time () / G_USEC_PER_SEC };
  g_autofree char *amz_date = sync_sigv4_amz_date (request.time);
  g_autofree char *authorization = sync_sigv4_authorization (&signing, &request, payload_hash);
  GString *url = g_string_new (NULL);
  SoupMessageHeaders *headers;

  g_string_append_printf (url, "%s://%s%s", self->scheme, self->host, encoded_path);
  for (guint i = 0; query && query[i] && query[i + 1]; i += 2)
    {
      g_autofree char *name = sync_sigv4_uri_encode (query[i], FALSE);
      g_autofree char *value = sync_sigv4_uri_encode (query[i + 1], FALSE);

      g_string_append_printf (url, "%c%s=%s", i == 0 ? '?' : '&', name, value);
    }
  msg = soup_message_new (method, url->str);
  g_string_free (url, TRUE);
  if (msg == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "invalid S3 URL for %s", key);
      return 0;
    }
  headers = soup_message_get_request_headers (msg);
  soup_message_headers_replace (headers, "Authorization", authorization);
  soup_message_headers_replace (headers, "x-amz-date", amz_date);
  soup_message_headers_replace (headers, "x-amz-content-sha256", payload_hash);
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg, "application/xml", bytes);
    }

  reply = soup_session_send_and_read (session, msg, NULL, error);
  if (reply == NULL)
    {
      g_prefix_error (error, "S3 %s %s: ", method, key);
      return 0;
    }
  if (response_headers != NULL)
    *response_headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
  if (response_body != NULL)
    *response_body = g_strndup (g_bytes_get_data (reply, NULL), g_bytes_get_size (reply));
  return soup_message_get_status (msg);
}

static gboolean
status_error (guint        status,
              const char  *what,
              const char  *body,
              GError     **error)
{
  g_set_error (error, G_IO_ERROR, status == 403 ? G_IO_ERROR_PERMISSION_DENIED : G_IO_ERROR_FAILED,
               "S3 %s: HTTP %u: %.300s", what, status, body ? body : "");
  return FALSE;
}

/* The text of <name>...</name> in an S3 XML answer. */
static char *
xml_element (const char *xml,
             const char *name)
{
  g_autofree char *open = g_strdup_printf ("<%s>", name);
  g_autofree char *close = g_strdup_printf ("</%s>", name);
  const char *start = xml ? strstr (xml, open) : NULL;
  const char *end;

  if (start == NULL)
    return NULL;
  start += strlen (open);
  end = strstr (start, close);
  return end ? g_strndup (start, end - start) : NULL;
}

/* ------------------------------------------------------------------------- */
/* The store */

static gboolean
s3_head (SyncBlobStore  *store,
         const char     *key,
         gboolean       *exists,
         guint64        *size,
         GError        **error)
{
  g_autoptr(SoupMessageHeaders) headers = NULL;
  guint status = call ((SyncBlobS3 *) store, "HEAD", key, NULL, NULL, &headers, NULL, error);

  if (status == 0)
    return FALSE;
  if (status == 404)
    {
      *exists = FALSE;
      *size = 0;
      return TRUE;
    }
  if (status != 200)
    return status_error (status, "HEAD", NULL, error);
  *exists = TRUE;
  *size = soup_message_headers_get_content_length (headers);
  return TRUE;
}

static char *
presign (SyncBlobS3         *self,
         const char         *method,
         const char         *key,
         const char * const *query,
         guint               lifetime_s)
{
  g_autofree char *path = object_path (self, key);
  SyncSigV4Key signing = signing_key (self);
  SyncSigV4Request request = { method, self->host, path, query, NULL, g_get_real_time () / G_USEC_PER_SEC };

  return sync_sigv4_presign (&signing, &request, self->scheme, lifetime_s);
}

static char *
s3_presign_put (SyncBlobStore *store,
                const char    *key,
                guint64        size,
                guint          lifetime_s)
{
  return presign ((SyncBlobS3 *) store, "PUT", key, NULL, lifetime_s);
}

static char *
s3_presign_get (SyncBlobStore *store,
                const char    *key,
                guint          lifetime_s)
{
  return presign ((SyncBlobS3 *) store, "GET", key, NULL, lifetime_s);
}

static char *
s3_multipart_create (SyncBlobStore  *store,
                     const char     *key,
                     GError        **error)
{
  const char *query[] = { "uploads", "", NULL };
  g_autofree char *body = NULL;
  char *upload_id;
  guint status = call ((SyncBlobS3 *) store, "POST", key, query, NULL, NULL, &body, error);

  if (status == 0)
    return NULL;
  if (status != 200)
    {
      status_error (status, "CreateMultipartUpload", body, error);
      return NULL;
    }
  upload_id = xml_element (body, "UploadId");
  if (upload_id == NULL || *upload_id == '\0')
    {
      g_free (upload_id);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "S3 CreateMultipartUpload: no UploadId in %.300s", body);
      return NULL;
    }
  return upload_id;
}

static char *
s3_presign_part (SyncBlobStore *store,
                 const char    *key,
                 const char    *upload_id,
                 guint          number,
                 guint64        size,
                 guint          lifetime_s)
{
  g_autofree char *part = g_strdup_printf ("%u", number);
  const char *query[] = { "partNumber", part, "uploadId", upload_id, NULL };

  return presign ((SyncBlobS3 *) store, "PUT", key, query, lifetime_s);
}

static gboolean
s3_multipart_complete (SyncBlobStore  *store,
                       const char     *key,
                       const char     *upload_id,
                       GPtrArray      *parts,
                       GError        **error)
{
  const char *query[] = { "uploadId", upload_id, NULL };
  GString *xml = g_string_new ("<CompleteMultipartUpload>");
  g_autofree char *body = NULL;
  g_autofree char *request = NULL;
  guint status;

  for (guint i = 0; parts && i < parts->len; i++)
    {
      SyncBlobPart *part = g_ptr_array_index (parts, i);
      g_autofree char *etag = g_markup_escape_text (part->etag ? part->etag : "", -1);

      g_string_append_printf (xml, "<Part><PartNumber>%u</PartNumber><ETag>%s</ETag></Part>", part->number, etag);
    }
  g_string_append (xml, "</CompleteMultipartUpload>");
  request = g_string_free (xml, FALSE);

  status = call ((SyncBlobS3 *) store, "POST", key, query, request, NULL, &body, error);
  if (status == 0)
    return FALSE;
  /* S3 may answer 200 and report the failure in the body. */
  if (status != 200 || (body != NULL && strstr (body, "<Error>") != NULL))
    return status_error (status, "CompleteMultipartUpload", body, error);
  return TRUE;
}

static gboolean
s3_multipart_abort (SyncBlobStore  *store,
                    const char     *key,
                    const char     *upload_id,
                    GError        **error)
{
  const char *query[] = { "uploadId", upload_id, NULL };
  g_autofree char *body = NULL;
  guint status = call ((SyncBlobS3 *) store, "DELETE", key, query, NULL, NULL, &body, error);

  if (status == 0)
    return FALSE;
  if (status != 204 && status != 200 && status != 404)
    return status_error (status, "AbortMultipartUpload", body, error);
  return TRUE;
}

static gboolean
s3_delete (SyncBlobStore  *store,
           const char     *key,
           GError        **error)
{
  g_autofree char *body = NULL;
  guint status = call ((SyncBlobS3 *) store, "DELETE", key, NULL, NULL, NULL, &body, error);

  if (status == 0)
    return FALSE;
  if (status != 204 && status != 200 && status != 404)
    return status_error (status, "DELETE", body, error);
  return TRUE;
}

static void
s3_free (SyncBlobStore *store)
{
  SyncBlobS3 *self = (SyncBlobS3 *) store;

  g_free (self->scheme);
  g_free (self->host);
  g_free (self->path_prefix);
  g_free (self->access_key);
  g_free (self->secret_key);
  g_free (self->region);
  g_free (self);
}

static const SyncBlobStoreClass s3_class = {
  .name = "s3",
  .head = s3_head,
  .presign_put = s3_presign_put,
  .presign_get = s3_presign_get,
  .multipart_create = s3_multipart_create,
  .presign_part = s3_presign_part,
  .list_parts = NULL,
  .multipart_complete = s3_multipart_complete,
  .multipart_abort = s3_multipart_abort,
  .delete = s3_delete,
  .sha256 = NULL,
  .free = s3_free,
};

/* ------------------------------------------------------------------------- */
/* Public API */

SyncBlobStore *
sync_blob_s3_new (const SyncConfig  *config,
                  GError           **error)
{
  g_autoptr(GUri) uri = NULL;
  SyncBlobS3 *self;
  const char *scheme;
  int port;
  g_autofree char *host = NULL;

  g_return_val_if_fail (config != NULL, NULL);

  uri = g_uri_parse (config->s3_endpoint, G_URI_FLAGS_NONE, error);
  if (uri == NULL)
    {
      g_prefix_error (error, "blobs.s3_endpoint: ");
      return NULL;
    }
  scheme = g_uri_get_scheme (uri);
  if ((g_strcmp0 (scheme, "http") != 0 && g_strcmp0 (scheme, "https") != 0) || g_uri_get_host (uri) == NULL ||
      (g_uri_get_path (uri)[0] != '\0' && g_strcmp0 (g_uri_get_path (uri), "/") != 0))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "blobs.s3_endpoint must be http(s)://HOST[:PORT], not %s", config->s3_endpoint);
      return NULL;
    }

  /* The Host header as libsoup sends it: the port only when not the
   * scheme's default. */
  port = g_uri_get_port (uri);
  if (port == -1 || (port == 80 && g_str_equal (scheme, "http")) || (port == 443 && g_str_equal (scheme, "https")))
    host = g_strdup (g_uri_get_host (uri));
  else
    host = g_strdup_printf ("%s:%d", g_uri_get_host (uri), port);

  self = g_new0 (SyncBlobS3, 1);
  self->parent.klass = &s3_class;
  self->scheme = g_strdup (scheme);
  if (config->s3_path_style)
    {
      self->host = g_steal_pointer (&host);
      self->path_prefix = g_strdup_printf ("/%s", config->s3_bucket);
    }
  else
    {
      self->host = g_strdup_printf ("%s.%s", config->s3_bucket, host);
      self->path_prefix = g_strdup ("");
    }
  self->access_key = g_strdup (config->s3_access_key);
  self->secret_key = g_strdup (config->s3_secret_key);
  self->region = g_strdup (config->s3_region);
  return &self->parent;
}
