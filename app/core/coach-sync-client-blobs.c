/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coach-sync-client"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "coach-sync-client-private.h"

/* The blob endpoints (sync-server/BLOBS.md) and the transfers to and from
 * the presigned URLs they hand out. */

void
coach_sync_blob_part_free (CoachSyncBlobPart *part)
{
  g_free (part->url);
  g_free (part->etag);
  g_free (part);
}

void
coach_sync_blob_upload_free (CoachSyncBlobUpload *upload)
{
  if (upload == NULL)
    return;
  g_free (upload->url);
  g_clear_pointer (&upload->received, g_ptr_array_unref);
  g_clear_pointer (&upload->parts, g_ptr_array_unref);
  g_free (upload);
}

static gboolean
parse_parts (JsonObject  *obj,
             const char  *member,
             gboolean     with_url,
             GPtrArray   *into)
{
  JsonArray *array;

  if (!json_object_has_member (obj, member))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (json_object_get_member (obj, member)))
    return FALSE;
  array = json_object_get_array_member (obj, member);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *p = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      CoachSyncBlobPart *part;
      gint64 number, size;

      if (p == NULL)
        return FALSE;
      number = json_object_get_int_member_with_default (p, "part_number", 0);
      size = json_object_get_int_member_with_default (p, "size", -1);
      if (number < 1 || number > G_MAXUINT || size < 0)
        return FALSE;
      if (with_url && json_object_get_string_member_with_default (p, "url", NULL) == NULL)
        return FALSE;
      part = g_new0 (CoachSyncBlobPart, 1);
      part->part_number = number;
      part->size = size;
      part->url = g_strdup (json_object_get_string_member_with_default (p, "url", NULL));
      part->etag = g_strdup (json_object_get_string_member_with_default (p, "etag", NULL));
      g_ptr_array_add (into, part);
    }
  return TRUE;
}

static CoachSyncBlobUpload *
parse_upload (JsonNode  *answer,
              GError   **error)
{
  g_autoptr(CoachSyncBlobUpload) upload = g_new0 (CoachSyncBlobUpload, 1);
  JsonObject *obj = JSON_NODE_HOLDS_OBJECT (answer) ? json_node_get_object (answer) : NULL;
  const char *method;

  upload->received = g_ptr_array_new_with_free_func ((GDestroyNotify) coach_sync_blob_part_free);
  upload->parts = g_ptr_array_new_with_free_func ((GDestroyNotify) coach_sync_blob_part_free);
  if (obj == NULL)
    goto bad;
  upload->exists = json_object_get_boolean_member_with_default (obj, "exists", FALSE);
  if (upload->exists)
    return g_steal_pointer (&upload);

  upload->expires_in = CLAMP (json_object_get_int_member_with_default (obj, "expires_in", 600), 1, G_MAXINT);
  method = json_object_get_string_member_with_default (obj, "method", "");
  if (g_str_equal (method, "put"))
    {
      upload->url = g_strdup (json_object_get_string_member_with_default (obj, "url", NULL));
      if (upload->url == NULL)
        goto bad;
      return g_steal_pointer (&upload);
    }
  if (!g_str_equal (method, "multipart"))
    goto bad;

  upload->multipart = TRUE;
  upload->part_size = MAX (json_object_get_int_member_with_default (obj, "part_size", 0), 0);
  upload->part_count = CLAMP (json_object_get_int_member_with_default (obj, "part_count", 0), 0, G_MAXINT);
  if (upload->part_size == 0 || upload->part_count == 0 ||
      !parse_parts (obj, "received", FALSE, upload->received) ||
      !parse_parts (obj, "parts", TRUE, upload->parts))
    goto bad;
  return g_steal_pointer (&upload);

bad:
  g_set_error (error, COACH_SYNC_ERROR, COACH_SYNC_ERROR_PROTOCOL,
               _("The team server sent an unexpected answer about a file upload"));
  return NULL;
}

static char *
blob_path (const char *sha256,
           const char *action)
{
  return g_strdup_printf ("v1/blobs/%s/%s", sha256, action);
}

CoachSyncBlobUpload *
coach_sync_client_blob_init (CoachSyncClient  *self,
                             const char       *sha256,
                             guint64           size,
                             const char       *mime_type,
                             GCancellable     *cancellable,
                             GError          **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(JsonNode) answer = NULL;

  g_return_val_if_fail (COACH_IS_SYNC_CLIENT (self), NULL);
  g_return_val_if_fail (sha256 != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "sha256");
  json_builder_add_string_value (builder, sha256);
  json_builder_set_member_name (builder, "size");
  json_builder_add_int_value (builder, size);
  if (mime_type != NULL)
    {
      json_builder_set_member_name (builder, "mime");
      json_builder_add_string_value (builder, mime_type);
    }
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  answer = _coach_sync_client_request (self, "POST", "v1/blobs/init", body, TRUE, cancellable, error);
  return answer ? parse_upload (answer, error) : NULL;
}

CoachSyncBlobUpload *
coach_sync_client_blob_parts (CoachSyncClient  *self,
                              const char       *sha256,
                              GCancellable     *cancellable,
                              GError          **error)
{
  g_autofree char *path = NULL;
  g_autoptr(JsonNode) answer = NULL;

  g_return_val_if_fail (COACH_IS_SYNC_CLIENT (self), NULL);
  g_return_val_if_fail (sha256 != NULL, NULL);

  path = blob_path (sha256, "parts");
  answer = _coach_sync_client_request (self, "GET", path, NULL, TRUE, cancellable, error);
  return answer ? parse_upload (answer, error) : NULL;
}

gboolean
coach_sync_client_blob_report_part (CoachSyncClient  *self,
                                    const char       *sha256,
                                    guint             part_number,
                                    guint64           size,
                                    const char       *etag,
                                    GCancellable     *cancellable,
                                    GError          **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (COACH_IS_SYNC_CLIENT (self), FALSE);
  g_return_val_if_fail (sha256 != NULL, FALSE);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "part_number");
  json_builder_add_int_value (builder, part_number);
  json_builder_set_member_name (builder, "size");
  json_builder_add_int_value (builder, size);
  json_builder_set_member_name (builder, "etag");
  json_builder_add_string_value (builder, etag ? etag : "");
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  path = blob_path (sha256, "parts");
  answer = _coach_sync_client_request (self, "POST", path, body, TRUE, cancellable, error);
  return answer != NULL;
}

gboolean
coach_sync_client_blob_complete (CoachSyncClient  *self,
                                 const char       *sha256,
                                 GPtrArray        *parts,
                                 GCancellable     *cancellable,
                                 GError          **error)
{
  g_autofree char *path = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(JsonNode) answer = NULL;
  JsonObject *obj;

  g_return_val_if_fail (COACH_IS_SYNC_CLIENT (self), FALSE);
  g_return_val_if_fail (sha256 != NULL, FALSE);

  if (parts != NULL)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "parts");
      json_builder_begin_array (builder);
      for (guint i = 0; i < parts->len; i++)
        {
          CoachSyncBlobPart *part = parts->pdata[i];

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "part_number");
          json_builder_add_int_value (builder, part->part_number);
          json_builder_set_member_name (builder, "etag");
          json_builder_add_string_value (builder, part->etag ? part->etag : "");
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      body = json_builder_get_root (builder);
    }

  path = blob_path (sha256, "complete");
  answer = _coach_sync_client_request (self, "POST", path, body, TRUE, cancellable, error);
  if (answer == NULL)
    return FALSE;
  obj = JSON_NODE_HOLDS_OBJECT (answer) ? json_node_get_object (answer) : NULL;
  if (obj == NULL || !json_object_get_boolean_member_with_default (obj, "available", FALSE))
    {
      g_set_error (error, COACH_SYNC_ERROR, COACH_SYNC_ERROR_PROTOCOL,
                   _("The team server did not confirm the uploaded file"));
      return FALSE;
    }
  return TRUE;
}

char *
coach_sync_client_blob_url (CoachSyncClient  *self,
                            const char       *sha256,
                            guint64          *size,
                            GCancellable     *cancellable,
                            GError          **error)
{
  g_autofree char *path = NULL;
  g_autoptr(JsonNode) answer = NULL;
  JsonObject *obj;
  const char *url;
  gint64 n;

  g_return_val_if_fail (COACH_IS_SYNC_CLIENT (self), NULL);
  g_return_val_if_fail (sha256 != NULL, NULL);

  path = blob_path (sha256, "url");
  answer = _coach_sync_client_request (self, "GET", path, NULL, TRUE, cancellable, error);
  if (answer == NULL)
    return NULL;
  obj = JSON_NODE_HOLDS_OBJECT (answer) ? json_node_get_object (answer) : NULL;
  url = obj ? json_object_get_string_member_with_default (obj, "url", NULL) : NULL;
  n = obj ? json_object_get_int_member_with_default (obj, "size", -1) : -1;
  if (url == NULL || n < 0)
    {
      g_set_error (error, COACH_SYNC_ERROR, COACH_SYNC_ERROR_PROTOCOL,
                   _("The team server sent an unexpected answer about a file download"));
      return NULL;
    }
  if (size != NULL)
    *size = n;
  return g_strdup (url);
}

/* Presigned URLs may point at the object store itself, which answers in
 * its own words (S3 speaks XML): only the status is worth reporting. */
static void
set_store_error (GError     **error,
                 SoupMessage *msg)
{
  guint status = soup_message_get_status (msg);

  g_set_error (error, COACH_SYNC_ERROR,
               status >= 500 ? COACH_SYNC_ERROR_SERVER : COACH_SYNC_ERROR_REFUSED,
               _("The file storage refused the transfer (HTTP %u %s)"), status,
               soup_message_get_reason_phrase (msg) ? soup_message_get_reason_phrase (msg) : "");
}

static void
set_transfer_error (CoachSyncClient  *self,
                    GError          **error,
                    GError           *cause)
{
  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_propagate_error (error, g_error_copy (cause));
  else
    g_set_error (error, COACH_SYNC_ERROR, COACH_SYNC_ERROR_NETWORK,
                 _("The file transfer with %s broke off: %s"), self->url, cause->message);
}

char *
coach_sync_client_put_url (CoachSyncClient     *self,
                           const char          *url,
                           GInputStream        *body,
                           guint64              length,
                           CoachSyncWroteFunc   wrote,
                           gpointer             user_data,
                           GCancellable        *cancellable,
                           GError             **error)
{
  g_autofree char *etag = NULL;
  g_autofree char *agent = g_strdup_printf ("Coachbook/%s", PACKAGE_VERSION);
  guint status = 0;

  g_return_val_if_fail (COACH_IS_SYNC_CLIENT (self), NULL);
  g_return_val_if_fail (url != NULL && G_IS_INPUT_STREAM (body), NULL);

  if (!_coach_blob_http_put (url, agent, soup_session_get_timeout (self->session), body, length, wrote, user_data,
                             &status, &etag, cancellable, error))
    return NULL;
  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      g_set_error (error, COACH_SYNC_ERROR,
                   status >= 500 ? COACH_SYNC_ERROR_SERVER : COACH_SYNC_ERROR_REFUSED,
                   _("The file storage refused the upload (HTTP %u)"), status);
      return NULL;
    }
  return g_steal_pointer (&etag);
}

GInputStream *
coach_sync_client_get_url_stream (CoachSyncClient  *self,
                                  const char       *url,
                                  GCancellable     *cancellable,
                                  GError          **error)
{
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (COACH_IS_SYNC_CLIENT (self), NULL);
  g_return_val_if_fail (url != NULL, NULL);

  msg = soup_message_new ("GET", url);
  if (msg == NULL)
    {
      g_set_error (error, COACH_SYNC_ERROR, COACH_SYNC_ERROR_PROTOCOL,
                   _("The team server sent a download address that is not a URL"));
      return NULL;
    }
  stream = soup_session_send (self->session, msg, cancellable, &local_error);
  if (stream == NULL)
    {
      set_transfer_error (self, error, local_error);
      return NULL;
    }
  if (!SOUP_STATUS_IS_SUCCESSFUL (soup_message_get_status (msg)))
    {
      set_store_error (error, msg);
      return NULL;
    }
  return g_steal_pointer (&stream);
}
