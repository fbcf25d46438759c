/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coachbook-sync"

#include "config.h"

#include <curl/curl.h>
#include <string.h>

#include "sync-mail-smtp.h"

struct _SyncMailSmtp
{
  CURL       *curl;
  gboolean    fresh;        /* the last transfer failed: do not reuse its connection */
  char        errbuf[CURL_ERROR_SIZE];
  char       *last_reply;   /* the server's first refusal in this transfer */

  /* the message being uploaded */
  const char *data;
  gsize       len;
  gsize       pos;
};

gboolean
sync_mail_smtp_global_init (void)
{
  return curl_global_init (CURL_GLOBAL_DEFAULT) == CURLE_OK;
}

static size_t
read_cb (char   *buffer,
         size_t  size,
         size_t  nitems,
         void   *user_data)
{
  SyncMailSmtp *self = user_data;
  gsize n = MIN (size * nitems, self->len - self->pos);

  memcpy (buffer, self->data + self->pos, n);
  self->pos += n;
  return n;
}

/* Keeps the server's last reply: an error reads better with it. */
static int
debug_cb (CURL          *curl,
          curl_infotype  type,
          char          *data,
          size_t         size,
          void          *user_data)
{
  SyncMailSmtp *self = user_data;

  /* The first refusal, not the goodbye after it. */
  if (type == CURLINFO_HEADER_IN && size > 0 && (data[0] == '4' || data[0] == '5') &&
      self->last_reply == NULL)
    self->last_reply = g_strstrip (g_strndup (data, size));
  return 0;
}

SyncMailSmtp *
sync_mail_smtp_new (const SyncConfig *config)
{
  SyncMailSmtp *self;
  CURL *curl;

  g_return_val_if_fail (config != NULL, NULL);

  curl = curl_easy_init ();
  if (curl == NULL)
    return NULL;
  self = g_new0 (SyncMailSmtp, 1);
  self->curl = curl;

  curl_easy_setopt (curl, CURLOPT_URL, config->mail_smtp_url);
  /* Several threads, no signals: timeouts without SIGALRM. */
  curl_easy_setopt (curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt (curl, CURLOPT_ERRORBUFFER, self->errbuf);
  curl_easy_setopt (curl, CURLOPT_VERBOSE, 1L);
  curl_easy_setopt (curl, CURLOPT_DEBUGFUNCTION, debug_cb);
  curl_easy_setopt (curl, CURLOPT_DEBUGDATA, self);
  curl_easy_setopt (curl, CURLOPT_READFUNCTION, read_cb);
  curl_easy_setopt (curl, CURLOPT_READDATA, self);
  curl_easy_setopt (curl, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt (curl, CURLOPT_CONNECTTIMEOUT, (long) MIN (config->mail_smtp_timeout, 30));
  curl_easy_setopt (curl, CURLOPT_TIMEOUT, (long) config->mail_smtp_timeout);
  /* smtps:// is TLS from the first byte whatever this says; for smtp://,
   * "required" refuses a server that does not offer STARTTLS. */
  if (g_strcmp0 (config->mail_smtp_tls, "required") == 0)
    curl_easy_setopt (curl, CURLOPT_USE_SSL, (long) CURLUSESSL_ALL);
  else
    curl_easy_setopt (curl, CURLOPT_USE_SSL, (long) CURLUSESSL_NONE);
  if (config->mail_smtp_ca_file[0] != '\0')
    curl_easy_setopt (curl, CURLOPT_CAINFO, config->mail_smtp_ca_file);
  if (config->mail_smtp_user[0] != '\0')
    {
      curl_easy_setopt (curl, CURLOPT_USERNAME, config->mail_smtp_user);
      curl_easy_setopt (curl, CURLOPT_PASSWORD, config->mail_smtp_password);
    }
  return self;
}

void
sync_mail_smtp_free (SyncMailSmtp *self)
{
  if (self == NULL)
    return;
  curl_easy_cleanup (self->curl);
  g_free (self->last_reply);
  g_free (self);
}

/* SMTP wants CRLF line ends; a lone LF would be rejected by strict
 * servers. (libcurl does the dot-stuffing.) */
static GBytes *
to_crlf (GBytes *message)
{
  gsize len;
  const char *data = g_bytes_get_data (message, &len);
  GString *out = NULL;

  for (gsize i = 0; i < len; i++)
    if (data[i] == '\n' && (i == 0 || data[i - 1] != '\r'))
      {
        out = g_string_sized_new (len + len / 32);
        break;
      }
  if (out == NULL)
    return g_bytes_ref (message);
  for (gsize i = 0; i < len; i++)
    {
      if (data[i] == '\n' && (i == 0 || data[i - 1] != '\r'))
        g_string_append_c (out, '\r');
      g_string_append_c (out, data[i]);
    }
  if (len > 0 && data[len - 1] != '\n')
    g_string_append (out, "\r\n");
  return g_string_free_to_bytes (out);
}

SyncMailSendResult
sync_mail_smtp_send (SyncMailSmtp  *self,
                     const char    *from,
                     const char    *to,
                     GBytes        *message,
                     char         **error_text)
{
  g_autoptr(GBytes) body = NULL;
  g_autofree char *mail_from = NULL;
  g_autofree char *rcpt = NULL;
  struct curl_slist *recipients = NULL;
  CURLcode rc;
  long code = 0;

  g_return_val_if_fail (self != NULL, SYNC_MAIL_SEND_TEMPORARY);

  body = to_crlf (message);
  self->data = g_bytes_get_data (body, &self->len);
  self->pos = 0;
  self->errbuf[0] = '\0';
  g_clear_pointer (&self->last_reply, g_free);

  mail_from = g_strdup_printf ("<%s>", from);
  rcpt = g_strdup_printf ("<%s>", to);
  recipients = curl_slist_append (NULL, rcpt);
  curl_easy_setopt (self->curl, CURLOPT_MAIL_FROM, mail_from);
  curl_easy_setopt (self->curl, CURLOPT_MAIL_RCPT, recipients);
  curl_easy_setopt (self->curl, CURLOPT_INFILESIZE_LARGE, (curl_off_t) self->len);
  curl_easy_setopt (self->curl, CURLOPT_FRESH_CONNECT, self->fresh ? 1L : 0L);

  rc = curl_easy_perform (self->curl);
  curl_easy_getinfo (self->curl, CURLINFO_RESPONSE_CODE, &code);
  curl_easy_setopt (self->curl, CURLOPT_MAIL_RCPT, NULL);
  curl_slist_free_all (recipients);
  self->data = NULL;

  self->fresh = rc != CURLE_OK;
  if (rc == CURLE_OK)
    return SYNC_MAIL_SEND_OK;

  if (error_text != NULL)
    {
      if (code >= 400 && self->last_reply != NULL)
        *error_text = g_strdup_printf ("SMTP server refused: %s", self->last_reply);
      else
        *error_text = g_strdup (self->errbuf[0] ? self->errbuf : curl_easy_strerror (rc));
    }
  /* A refused login is the configuration's fault, not the message's:
   * worth trying again once someone fixed it. */
  if (code >= 500 && code < 600 && rc != CURLE_LOGIN_DENIED)
    return SYNC_MAIL_SEND_PERMANENT;
  return SYNC_MAIL_SEND_TEMPORARY;
}
