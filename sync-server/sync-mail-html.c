/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coachbook-sync"

#include "config.h"

#include <string.h>

#include "sync-mail-private.h"

/* The HTML part: tables and inline styles only, since mail clients drop
 * <style> blocks and external sheets; one column at most 600 px wide that
 * shrinks on phones; no images or other remote resources. Every value from
 * the team's records goes through g_markup_escape_text(). */

#define FONT "font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;"
#define LINK_STYLE "color:#1d4ed8;text-decoration:underline;"
#define MUTED "color:#6b7280;"

/* g_markup_escape_text() writes the apostrophe as "&apos;", which is XML
 * and HTML5 but unknown to older mail clients' HTML engines: "&#39;" is
 * understood everywhere. */
static void
append_escaped (GString    *out,
                const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text != NULL ? text : "", -1);
  g_autofree char *escaped = g_markup_escape_text (valid, -1);
  gsize start = out->len;

  g_string_append (out, escaped);
  for (gsize i = start; i + 6 <= out->len; i++)
    {
      if (memcmp (out->str + i, "&apos;", 6) == 0)
        {
          g_string_erase (out, i, 6);
          g_string_insert (out, i, "&#39;");
        }
    }
}

/* Coach-entered text keeps its line breaks. */
static void
append_escaped_lines (GString    *out,
                      const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text != NULL ? text : "", "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (out, "<br>\n");
      g_strchomp (lines[i]);
      append_escaped (out, lines[i]);
    }
}

static void
append_link (GString    *out,
             const char *url,
             const char *label)
{
  g_string_append (out, "<a href=\"");
  append_escaped (out, url);
  g_string_append (out, "\" style=\"" LINK_STYLE "\">");
  append_escaped (out, label);
  g_string_append (out, "</a>");
}

static void
append_row (GString    *out,
            const char *label,
            const char *value)
{
  g_string_append (out, "<tr><td style=\"padding:4px 16px 4px 0;vertical-align:top;"
                        "white-space:nowrap;font-weight:600;" MUTED "\">");
  append_escaped (out, label);
  g_string_append (out, "</td><td style=\"padding:4px 0;vertical-align:top;\">");
  append_escaped_lines (out, value);
  g_string_append (out, "</td></tr>\n");
}

static void
append_heading (GString    *out,
                const char *text)
{
  g_string_append (out, "<h2 style=\"margin:24px 0 8px;font-size:18px;line-height:1.3;\">");
  append_escaped (out, text);
  g_string_append (out, "</h2>\n");
}

static void
append_item (GString            *out,
             const SyncMailItem *item,
             const char         *detail,
             const char         *clip_label)
{
  g_string_append (out, "<li style=\"margin:0 0 12px;\">");
  g_string_append (out, "<strong>");
  append_escaped (out, item->name);
  g_string_append (out, "</strong>");
  if (*detail != '\0')
    {
      g_string_append (out, "<br>\n<span>");
      append_escaped (out, detail);
      g_string_append (out, "</span>");
    }
  if (item->notes != NULL && *item->notes != '\0')
    {
      g_string_append (out, "<br>\n<span style=\"font-style:italic;" MUTED "\">");
      append_escaped_lines (out, item->notes);
      g_string_append (out, "</span>");
    }
  if (sync_mail_url_is_web (item->clip_url))
    {
      g_string_append (out, "<br>\n");
      append_link (out, item->clip_url, clip_label);
    }
  g_string_append (out, "</li>\n");
}

char *
sync_mail_text_html (const SyncMailSession   *session,
                     const SyncMailRecipient *to,
                     const SyncMailEnvelope  *envelope,
                     const SyncMailContext   *ctx)
{
  SyncMailHtmlWords words = { 0 };
  GString *out = g_string_new (NULL);
  g_autofree char *when = sync_mail_format_when (ctx);

  sync_mail_html_words (&words, session, to, ctx);

  g_string_append_printf (out, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n", ctx->lang_code);
  g_string_append (out, "<meta charset=\"utf-8\">\n"
                        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                        "<meta name=\"color-scheme\" content=\"light\">\n<title>");
  append_escaped (out, words.subject);
  g_string_append (out, "</title>\n</head>\n");
  g_string_append (out, "<body style=\"margin:0;padding:0;background-color:#f3f4f6;\">\n");

  /* The preview line inboxes show beside the subject, hidden in the body. */
  g_string_append (out, "<div style=\"display:none;max-height:0;overflow:hidden;"
                        "mso-hide:all;font-size:1px;line-height:1px;\">");
  if (session->cancelled)
    {
      append_escaped (out, words.cancelled);
      g_string_append_c (out, ' ');
    }
  append_escaped (out, when);
  if (session->location != NULL && *session->location != '\0')
    {
      g_string_append (out, " · ");
      append_escaped (out, session->location);
    }
  g_string_append (out, "</div>\n");

  g_string_append (out, "<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" "
                        "border=\"0\" style=\"background-color:#f3f4f6;\"><tr>"
                        "<td align=\"center\" style=\"padding:24px 8px;\">\n"
                        /* Outlook's Word engine ignores max-width. */
                        "<!--[if mso]><table role=\"presentation\" width=\"600\" align=\"center\" "
                        "cellpadding=\"0\" cellspacing=\"0\" border=\"0\"><tr><td><![endif]-->\n"
                        "<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" "
                        "border=\"0\" style=\"max-width:600px;background-color:#ffffff;"
                        "border-radius:8px;" FONT "font-size:16px;line-height:1.5;color:#111827;"
                        "overflow-wrap:break-word;word-wrap:break-word;\">\n");

  /* A coloured strip on top: green for an invite, red for a cancellation. */
  g_string_append_printf (out, "<tr><td style=\"height:6px;line-height:6px;font-size:0;"
                               "border-radius:8px 8px 0 0;background-color:%s;\">&nbsp;</td></tr>\n",
                          session->cancelled ? "#b91c1c" : "#15803d");
  g_string_append (out, "<tr><td style=\"padding:24px;\">\n");

  if (session->cancelled)
    {
      g_string_append (out, "<p style=\"margin:0 0 16px;padding:12px 16px;border-radius:6px;"
                            "background-color:#fee2e2;color:#991b1b;font-weight:700;\">");
      append_escaped (out, words.cancelled);
      g_string_append (out, "</p>\n");
    }

  g_string_append (out, "<p style=\"margin:0 0 8px;\">");
  append_escaped (out, words.greeting);
  g_string_append (out, "</p>\n");
  if (words.intro != NULL)
    {
      g_string_append (out, "<p style=\"margin:0 0 16px;\">");
      append_escaped (out, words.intro);
      g_string_append (out, "</p>\n");
    }

  g_string_append_printf (out, "<h1 style=\"margin:0 0 12px;font-size:24px;line-height:1.25;%s\">",
                          session->cancelled ? "text-decoration:line-through;color:#6b7280;" : "");
  append_escaped (out, ctx->title);
  g_string_append (out, "</h1>\n");

  g_string_append (out, "<table role=\"presentation\" cellpadding=\"0\" cellspacing=\"0\" "
                        "border=\"0\" style=\"margin:0 0 8px;\">\n");
  append_row (out, words.when_label, when);
  if (session->location != NULL && *session->location != '\0')
    append_row (out, words.where_label, session->location);
  if (session->organizer_name != NULL && *session->organizer_name != '\0')
    append_row (out, words.coach_label, session->organizer_name);
  g_string_append (out, "</table>\n");

  if (session->notes != NULL && *session->notes != '\0')
    {
      append_heading (out, words.notes_label);
      g_string_append (out, "<p style=\"margin:0;padding:12px 16px;border-left:4px solid #d1d5db;"
                            "background-color:#f9fafb;\">");
      append_escaped_lines (out, session->notes);
      g_string_append (out, "</p>\n");
    }

  if (!session->cancelled)
    {
      append_heading (out, words.workout_heading);
      if (session->workout_description != NULL && *session->workout_description != '\0')
        {
          g_string_append (out, "<p style=\"margin:0 0 12px;" MUTED "\">");
          append_escaped_lines (out, session->workout_description);
          g_string_append (out, "</p>\n");
        }
      if (session->items->len == 0)
        {
          g_string_append (out, "<p style=\"margin:0;\">");
          append_escaped (out, words.no_exercises);
          g_string_append (out, "</p>\n");
        }
      else
        {
          g_string_append (out, "<ol style=\"margin:0;padding:0 0 0 24px;\">\n");
          for (guint i = 0; i < session->items->len; i++)
            append_item (out, g_ptr_array_index (session->items, i),
                         g_ptr_array_index (words.details, i), words.clip);
          g_string_append (out, "</ol>\n");
        }
      if (words.total != NULL)
        {
          g_string_append (out, "<p style=\"margin:8px 0 0;font-weight:600;\">");
          append_escaped (out, words.total);
          g_string_append (out, "</p>\n");
        }
    }

  g_string_append (out, "<p style=\"margin:24px 0 0;" MUTED "font-size:14px;\">");
  append_escaped (out, words.calendar);
  g_string_append (out, "</p>\n</td></tr>\n");

  g_string_append (out, "<tr><td style=\"padding:16px 24px;border-top:1px solid #e5e7eb;"
                        "font-size:13px;line-height:1.4;" MUTED "\">\n");
  if (words.footer != NULL)
    {
      append_escaped (out, words.footer);
      g_string_append (out, "<br>\n");
    }
  append_link (out, envelope->unsubscribe_url, words.unsubscribe);
  g_string_append (out, "\n</td></tr>\n</table>\n"
                        "<!--[if mso]></td></tr></table><![endif]-->\n"
                        "</td></tr></table>\n</body>\n</html>\n");

  sync_mail_html_words_clear (&words);
  return g_string_free (out, FALSE);
}
