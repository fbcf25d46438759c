/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coachbook-sync"

#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "sync-mail-private.h"

/* RFC 5322 recommends 78 characters a header line; RFC 2045 allows 76 in
 * an encoded body line and RFC 2047 75 in an encoded-word. */
#define HEADER_WIDTH 78
#define BODY_WIDTH 76
#define ENCODED_WORD_BYTES 39
#define ENCODED_WORD_PREFIX "=?UTF-8?B?"

/* ---------------------------------------------------------------------- */
/* Encodings                                                              */
/* ---------------------------------------------------------------------- */

static gboolean
is_plain_ascii (const char *text)
{
  for (const guchar *p = (const guchar *) text; *p != '\0'; p++)
    {
      if (*p < 0x20 || *p >= 0x7f)
        return FALSE;
    }
  return strstr (text, "=?") == NULL;
}

/* Control characters (CR and LF above all) would let a value break out of
 * its header line: they become spaces. Invalid UTF-8 becomes U+FFFD. */
char *
sync_mail_clean_line (const char *text)
{
  char *clean;

  if (text == NULL)
    return g_strdup ("");

  clean = g_utf8_make_valid (text, -1);
  for (char *p = clean; *p != '\0'; p++)
    {
      if ((guchar) *p < 0x20 || *p == 0x7f)
        *p = ' ';
    }
  return g_strstrip (clean);
}

gboolean
sync_mail_url_is_web (const char *url)
{
  if (url == NULL)
    return FALSE;
  if (!g_str_has_prefix (url, "https://") && !g_str_has_prefix (url, "http://"))
    return FALSE;
  for (const guchar *p = (const guchar *) url; *p != '\0'; p++)
    {
      if (*p <= 0x20 || *p >= 0x7f || *p == '<' || *p == '>' || *p == '"')
        return FALSE;
    }
  return TRUE;
}

/* Text with any line ends in, CRLF lines of at most 76 characters out:
 * RFC 2045 section 6.7. Whitespace at a line's end is encoded so that
 * transports that strip it change nothing. */
char *
sync_mail_encode_quoted_printable (const char *text)
{
  GString *out = g_string_new (NULL);
  gsize column = 0;

  for (const guchar *p = (const guchar *) text; *p != '\0'; p++)
    {
      char token[4];
      gsize token_len;

      if (*p == '\r' || *p == '\n')
        {
          if (*p == '\r' && p[1] == '\n')
            p++;
          g_string_append (out, "\r\n");
          column = 0;
          continue;
        }

      /* "From " opening a line gets mangled to ">From " by some mailbox
       * software: its F is encoded. */
      if (column == 0 && strncmp ((const char *) p, "From ", 5) == 0)
        {
          g_strlcpy (token, "=46", sizeof token);
          token_len = 3;
        }
      else if ((*p >= 33 && *p <= 126 && *p != '=') ||
          ((*p == ' ' || *p == '\t') && p[1] != '\0' && p[1] != '\r' && p[1] != '\n'))
        {
          token[0] = (char) *p;
          token_len = 1;
        }
      else
        {
          g_snprintf (token, sizeof token, "=%02X", *p);
          token_len = 3;
        }

      /* Keep room for the "=" of a soft break. */
      if (column + token_len > BODY_WIDTH - 1)
        {
          g_string_append (out, "=\r\n");
          column = 0;
        }
      g_string_append_len (out, token, token_len);
      column += token_len;
    }

  if (column > 0)
    g_string_append (out, "\r\n");
  return g_string_free (out, FALSE);
}

char *
sync_mail_encode_base64_lines (const char *data,
                               gsize       len)
{
  g_autofree char *encoded = g_base64_encode ((const guchar *) data, len);
  gsize encoded_len = strlen (encoded);
  GString *out = g_string_sized_new (encoded_len + encoded_len / BODY_WIDTH * 2 + 2);

  for (gsize i = 0; i < encoded_len; i += BODY_WIDTH)
    {
      g_string_append_len (out, encoded + i, MIN (BODY_WIDTH, encoded_len - i));
      g_string_append (out, "\r\n");
    }
  return g_string_free (out, FALSE);
}

/* RFC 2047 "B" encoded-words, never splitting a UTF-8 sequence. 39 bytes
 * make 52 base64 characters, 64 with the delimiters: under the 75 an
 * encoded-word may have, and short enough that "Subject: " and the first
 * word still fit in 78 columns. */
static GPtrArray *
encoded_words (const char *text)
{
  GPtrArray *words = g_ptr_array_new_with_free_func (g_free);
  const gsize max_bytes = ENCODED_WORD_BYTES;
  const char *p = text;

  while (*p != '\0')
    {
      const char *end = p;
      g_autofree char *b64 = NULL;

      while (*end != '\0')
        {
          const char *next = g_utf8_next_char (end);

          if ((gsize) (next - p) > max_bytes)
            break;
          end = next;
        }
      b64 = g_base64_encode ((const guchar *) p, end - p);
      g_ptr_array_add (words, g_strconcat (ENCODED_WORD_PREFIX, b64, "?=", NULL));
      p = end;
    }
  return words;
}

/* Writes "Name: token token ...\r\n", folding before a token that would
 * pass 78 characters, so lines stay within 78 characters where the tokens
 * allow it. The first token stays beside the name: some readers of
 * List-Unsubscribe keep the whitespace of a fold right after the colon. */
static void
append_folded (GString    *out,
               const char *name,
               GPtrArray  *tokens)
{
  gsize column;

  g_string_append_printf (out, "%s:", name);
  column = strlen (name) + 1;
  for (guint i = 0; i < tokens->len; i++)
    {
      const char *token = g_ptr_array_index (tokens, i);
      gsize len = strlen (token);

      if (column + 1 + len > HEADER_WIDTH && i > 0)
        {
          g_string_append (out, "\r\n");
          column = 0;
        }
      g_string_append_c (out, ' ');
      g_string_append (out, token);
      column += 1 + len;
    }
  g_string_append (out, "\r\n");
}

static GPtrArray *
text_tokens (const char *clean)
{
  g_auto(GStrv) words = NULL;
  GPtrArray *tokens;

  if (!is_plain_ascii (clean))
    return encoded_words (clean);

  words = g_strsplit (clean, " ", -1);
  tokens = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; words[i] != NULL; i++)
    {
      if (*words[i] != '\0')
        g_ptr_array_add (tokens, g_strdup (words[i]));
    }
  return tokens;
}

/* A header of one token that must not be split, such as "<url>". */
static void
append_single (GString    *out,
               const char *name,
               const char *token)
{
  g_autoptr(GPtrArray) tokens = g_ptr_array_new ();

  g_ptr_array_add (tokens, (gpointer) token);
  append_folded (out, name, tokens);
}

/* An unstructured header such as Subject, RFC 2047-encoded when it is not
 * plain ASCII. */
char *
sync_mail_header_text (const char *name,
                       const char *value)
{
  g_autofree char *clean = sync_mail_clean_line (value);
  g_autoptr(GPtrArray) tokens = text_tokens (clean);
  GString *out = g_string_new (NULL);

  append_folded (out, name, tokens);
  return g_string_free (out, FALSE);
}

/* "Display Name <address>": the name as a quoted-string when it is ASCII,
 * as encoded-words otherwise. */
char *
sync_mail_header_mailbox (const char *name,
                          const char *display_name,
                          const char *address)
{
  g_autofree char *clean = sync_mail_clean_line (display_name);
  g_autoptr(GPtrArray) tokens = NULL;
  GString *out = g_string_new (NULL);

  if (*clean == '\0')
    {
      tokens = g_ptr_array_new_with_free_func (g_free);
    }
  else if (is_plain_ascii (clean))
    {
      GString *quoted = g_string_new ("\"");

      for (const char *p = clean; *p != '\0'; p++)
        {
          if (*p == '"' || *p == '\\')
            g_string_append_c (quoted, '\\');
          g_string_append_c (quoted, *p);
        }
      g_string_append_c (quoted, '"');
      tokens = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (tokens, g_string_free (quoted, FALSE));
    }
  else
    {
      tokens = encoded_words (clean);
    }
  g_ptr_array_add (tokens, g_strdup_printf ("<%s>", address));

  append_folded (out, name, tokens);
  return g_string_free (out, FALSE);
}

/* ---------------------------------------------------------------------- */
/* The message                                                            */
/* ---------------------------------------------------------------------- */

static gboolean
check_address (const char  *what,
               const char  *address,
               GError     **error)
{
  const char *at;

  if (address == NULL || *address == '\0')
    goto invalid;
  for (const guchar *p = (const guchar *) address; *p != '\0'; p++)
    {
      if (*p <= 0x20 || *p >= 0x7f || strchr ("<>()[]\\,;:\"", *p) != NULL)
        goto invalid;
    }
  at = strchr (address, '@');
  if (at == NULL || at == address || at[1] == '\0' || strchr (at + 1, '@') != NULL)
    goto invalid;
  return TRUE;

invalid:
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               "The %s address “%s” cannot be used in an email", what,
               address != NULL ? address : "");
  return FALSE;
}

static gboolean
check_header_token (const char  *what,
                    const char  *value,
                    gsize        max_len,
                    GError     **error)
{
  if (value != NULL && *value != '\0' && strlen (value) <= max_len)
    {
      const guchar *p;

      for (p = (const guchar *) value; *p != '\0'; p++)
        {
          if (*p <= 0x20 || *p >= 0x7f || *p == '<' || *p == '>')
            break;
        }
      if (*p == '\0')
        return TRUE;
    }
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               "The %s cannot be used in an email header", what);
  return FALSE;
}

/* The session's instant, shown in its zone when the zone is known, else
 * in the offset it was written with. */
static gboolean
context_init (SyncMailContext         *ctx,
              const SyncMailSession   *session,
              const SyncMailRecipient *to,
              GError                 **error)
{
  g_autoptr(GDateTime) parsed = NULL;
  g_autoptr(GTimeZone) zone = NULL;
  gint64 duration;

  ctx->lang = sync_mail_lang_from_code (to->language);
  ctx->lang_code = sync_mail_lang_code (ctx->lang);

  if (session->title != NULL && *session->title != '\0')
    ctx->title = session->title;
  else if (session->workout_name != NULL && *session->workout_name != '\0')
    ctx->title = session->workout_name;
  else
    ctx->title = sync_mail_default_title (ctx->lang);

  if (session->starts_at != NULL)
    parsed = g_date_time_new_from_iso8601 (session->starts_at, NULL);
  if (parsed == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "The session's start “%s” is not an RFC 3339 time with an offset",
                   session->starts_at != NULL ? session->starts_at : "");
      return FALSE;
    }

  if (session->timezone != NULL && *session->timezone != '\0')
    zone = g_time_zone_new_identifier (session->timezone);
  if (zone != NULL)
    {
      ctx->start = g_date_time_to_timezone (parsed, zone);
      ctx->zone_label = g_strdup (session->timezone);
    }
  else
    {
      gint64 offset_min = g_date_time_get_utc_offset (parsed) / G_TIME_SPAN_MINUTE;
      gint64 abs_min = ABS (offset_min);

      ctx->start = g_date_time_ref (parsed);
      ctx->zone_label = g_strdup_printf ("UTC%c%02d:%02d", offset_min < 0 ? '-' : '+',
                                         (int) (abs_min / 60), (int) (abs_min % 60));
    }

  if (session->duration_s > 0)
    duration = session->duration_s;
  else if (session->workout_total_s > 0)
    duration = session->workout_total_s;
  else
    duration = 3600;
  ctx->end = g_date_time_add_seconds (ctx->start, (double) duration);

  if (ctx->start == NULL || ctx->end == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "The session's time cannot be represented");
      return FALSE;
    }
  return TRUE;
}

static void
context_clear (SyncMailContext *ctx)
{
  g_clear_pointer (&ctx->start, g_date_time_unref);
  g_clear_pointer (&ctx->end, g_date_time_unref);
  g_clear_pointer (&ctx->zone_label, g_free);
}

/* Athletes know their team better than the server's address. */
static const char *
sender_name (const SyncMailSession  *session,
             const SyncMailEnvelope *envelope)
{
  if (envelope->from_name != NULL && *envelope->from_name != '\0')
    return envelope->from_name;
  if (session->team_name != NULL && *session->team_name != '\0')
    return session->team_name;
  return "Coachbook";
}

/* RFC 5322 section 3.3, with English names whatever the locale. */
static char *
format_rfc5322_date (GDateTime *date)
{
  static const char *const days[] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
  static const char *const months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
  gint64 offset_min = g_date_time_get_utc_offset (date) / G_TIME_SPAN_MINUTE;
  gint64 abs_min = ABS (offset_min);

  return g_strdup_printf ("%s, %d %s %04d %02d:%02d:%02d %c%02d%02d",
                          days[g_date_time_get_day_of_week (date) - 1],
                          g_date_time_get_day_of_month (date),
                          months[g_date_time_get_month (date) - 1],
                          g_date_time_get_year (date),
                          g_date_time_get_hour (date),
                          g_date_time_get_minute (date),
                          g_date_time_get_second (date),
                          offset_min < 0 ? '-' : '+',
                          (int) (abs_min / 60), (int) (abs_min % 60));
}

/* Quoted-printable and base64 output never contain "=_", so the boundary
 * cannot occur inside a part; derived from the Message-ID it keeps the
 * output reproducible. */
static char *
make_boundary (const char *message_id)
{
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA1, message_id, -1);

  return g_strdup_printf ("=_coachbook_%s", hash);
}

static void
append_part (GString    *out,
             const char *boundary,
             const char *content_type,
             const char *encoding,
             const char *body)
{
  g_string_append_printf (out, "--%s\r\n", boundary);
  g_string_append_printf (out, "Content-Type: %s\r\n", content_type);
  g_string_append_printf (out, "Content-Transfer-Encoding: %s\r\n", encoding);
  g_string_append (out, "\r\n");
  g_string_append (out, body);
}

GBytes *
sync_mail_message_build (const SyncMailSession   *session,
                         const SyncMailRecipient *to,
                         const SyncMailEnvelope  *envelope,
                         GError                 **error)
{
  SyncMailContext ctx = { 0 };
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *plain = NULL;
  g_autofree char *html = NULL;
  g_autofree char *ics = NULL;
  g_autofree char *boundary = NULL;
  g_autofree char *date = NULL;
  g_autofree char *from_header = NULL;
  g_autofree char *to_header = NULL;
  g_autofree char *subject_header = NULL;
  g_autofree char *plain_qp = NULL;
  g_autofree char *html_qp = NULL;
  g_autofree char *ics_b64 = NULL;
  g_autofree char *message_id = NULL;
  g_autofree char *unsubscribe = NULL;
  const char *method;
  GString *out;

  g_return_val_if_fail (session != NULL, NULL);
  g_return_val_if_fail (to != NULL, NULL);
  g_return_val_if_fail (session->items != NULL, NULL);
  g_return_val_if_fail (envelope != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_address ("sender", envelope->from, error) ||
      !check_address ("recipient", to->email, error) ||
      !check_header_token ("Message-ID", envelope->message_id, 900, error) ||
      !check_header_token ("session id", session->session_id, 200, error))
    return NULL;
  if (!sync_mail_url_is_web (envelope->unsubscribe_url) ||
      strlen (envelope->unsubscribe_url) > 900)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "The unsubscribe link must be an http(s) URL of at most 900 characters");
      return NULL;
    }
  if (!context_init (&ctx, session, to, error))
    {
      context_clear (&ctx);
      return NULL;
    }

  if (envelope->date == NULL)
    now = g_date_time_new_now_utc ();

  subject = sync_mail_subject (session, &ctx);
  plain = sync_mail_text_plain (session, to, envelope, &ctx);
  html = sync_mail_text_html (session, to, envelope, &ctx);
  ics = sync_mail_ics_build (session, to, envelope, &ctx);
  method = session->cancelled ? "CANCEL" : "REQUEST";

  boundary = make_boundary (envelope->message_id);
  date = format_rfc5322_date (envelope->date != NULL ? envelope->date : now);
  from_header = sync_mail_header_mailbox ("From", sender_name (session, envelope), envelope->from);
  to_header = sync_mail_header_mailbox ("To", to->name, to->email);
  subject_header = sync_mail_header_text ("Subject", subject);
  plain_qp = sync_mail_encode_quoted_printable (plain);
  html_qp = sync_mail_encode_quoted_printable (html);
  ics_b64 = sync_mail_encode_base64_lines (ics, strlen (ics));

  message_id = g_strdup_printf ("<%s>", envelope->message_id);
  unsubscribe = g_strdup_printf ("<%s>", envelope->unsubscribe_url);

  out = g_string_sized_new (strlen (plain_qp) + strlen (html_qp) + strlen (ics_b64) + 2048);
  g_string_append (out, from_header);
  g_string_append (out, to_header);
  g_string_append (out, subject_header);
  g_string_append_printf (out, "Date: %s\r\n", date);
  append_single (out, "Message-ID", message_id);
  g_string_append (out, "MIME-Version: 1.0\r\n");
  g_string_append_printf (out, "Content-Language: %s\r\n", ctx.lang_code);
  append_single (out, "List-Unsubscribe", unsubscribe);
  g_string_append (out, "List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n");
  g_string_append (out, "Auto-Submitted: auto-generated\r\n");
  g_string_append (out, "X-Auto-Response-Suppress: All\r\n");
  g_string_append_printf (out, "Content-Type: multipart/alternative;\r\n boundary=\"%s\"\r\n",
                          boundary);
  g_string_append (out, "\r\n");

  append_part (out, boundary, "text/plain; charset=UTF-8", "quoted-printable", plain_qp);
  append_part (out, boundary, "text/html; charset=UTF-8", "quoted-printable", html_qp);
  {
    g_autofree char *type = g_strdup_printf ("text/calendar; charset=UTF-8; method=%s", method);

    append_part (out, boundary, type, "base64", ics_b64);
  }
  g_string_append_printf (out, "--%s--\r\n", boundary);

  context_clear (&ctx);
  return g_string_free_to_bytes (out);
}

/* ---------------------------------------------------------------------- */
/* Data                                                                   */
/* ---------------------------------------------------------------------- */

void
sync_mail_item_free (SyncMailItem *item)
{
  if (item == NULL)
    return;
  g_free (item->name);
  g_free (item->kind);
  g_free (item->notes);
  g_free (item->clip_url);
  g_free (item);
}

SyncMailSession *
sync_mail_session_new (void)
{
  SyncMailSession *session = g_new0 (SyncMailSession, 1);

  session->items = g_ptr_array_new_with_free_func ((GDestroyNotify) sync_mail_item_free);
  return session;
}

void
sync_mail_session_free (SyncMailSession *session)
{
  if (session == NULL)
    return;
  g_free (session->session_id);
  g_free (session->title);
  g_free (session->starts_at);
  g_free (session->timezone);
  g_free (session->location);
  g_free (session->notes);
  g_free (session->workout_name);
  g_free (session->workout_description);
  g_clear_pointer (&session->items, g_ptr_array_unref);
  g_free (session->team_name);
  g_free (session->organizer_name);
  g_free (session);
}
