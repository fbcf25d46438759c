/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coachbook-sync"

#include "config.h"

#include <string.h>

#include "sync-mail-private.h"

/* The invite: an iCalendar object (RFC 5545) with one VEVENT, sent with
 * iTIP method REQUEST or CANCEL (RFC 5546). Times are written in UTC,
 * computed from the session's instant, so no VTIMEZONE is needed and DST
 * cannot shift them. */

#define ICS_LINE_MAX 75

/* TEXT values (RFC 5545 section 3.3.11): backslash, semicolon and comma
 * are escaped, line breaks become "\n"; other control characters are not
 * allowed and are dropped. */
char *
sync_mail_ics_escape_text (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text != NULL ? text : "", -1);
  GString *out = g_string_new (NULL);

  for (const char *p = valid; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case ';':
          g_string_append (out, "\\;");
          break;
        case ',':
          g_string_append (out, "\\,");
          break;
        case '\r':
          if (p[1] != '\n')
            g_string_append (out, "\\n");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\t':
          g_string_append_c (out, ' ');
          break;
        default:
          if ((guchar) *p >= 0x20 && *p != 0x7f)
            g_string_append_c (out, *p);
          break;
        }
    }
  return g_string_free (out, FALSE);
}

/* A parameter value, always quoted: DQUOTE and control characters cannot
 * appear inside (RFC 5545 section 3.1). */
static char *
quote_param (const char *text)
{
  g_autofree char *clean = sync_mail_clean_line (text);
  GString *out = g_string_new ("\"");

  for (const char *p = clean; *p != '\0'; p++)
    {
      if (*p != '"')
        g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
  return g_string_free (out, FALSE);
}

/* One content line, folded so that no physical line passes 75 octets
 * (the leading space of a continuation counts), never inside a UTF-8
 * sequence; CRLF after each. */
void
sync_mail_ics_append_line (GString    *out,
                           const char *line)
{
  gsize column = 0;

  for (const char *p = line; *p != '\0';)
    {
      const char *next = g_utf8_next_char (p);
      gsize len = next - p;

      if (column + len > ICS_LINE_MAX)
        {
          g_string_append (out, "\r\n ");
          column = 1;
        }
      g_string_append_len (out, p, len);
      column += len;
      p = next;
    }
  g_string_append (out, "\r\n");
}

static void
append_property (GString    *out,
                 const char *name,
                 const char *value)
{
  g_autofree char *line = g_strconcat (name, ":", value, NULL);

  sync_mail_ics_append_line (out, line);
}

static void
append_text (GString    *out,
             const char *name,
             const char *value)
{
  g_autofree char *escaped = sync_mail_ics_escape_text (value);

  append_property (out, name, escaped);
}

static char *
format_utc (GDateTime *dt)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (dt);

  return g_date_time_format (utc, "%Y%m%dT%H%M%SZ");
}

static void
append_time (GString    *out,
             const char *name,
             GDateTime  *dt)
{
  g_autofree char *value = format_utc (dt);

  append_property (out, name, value);
}

static void
append_person (GString    *out,
               const char *name,
               const char *common_name,
               const char *params,
               const char *address)
{
  g_autofree char *line = NULL;
  g_autofree char *cn = NULL;
  g_autofree char *clean = sync_mail_clean_line (common_name);

  if (*clean != '\0')
    {
      g_autofree char *quoted = quote_param (clean);

      cn = g_strconcat (";CN=", quoted, NULL);
    }
  line = g_strdup_printf ("%s%s%s:mailto:%s", name, cn != NULL ? cn : "",
                          params != NULL ? params : "", address);
  sync_mail_ics_append_line (out, line);
}

char *
sync_mail_ics_build (const SyncMailSession   *session,
                     const SyncMailRecipient *to,
                     const SyncMailEnvelope  *envelope,
                     const SyncMailContext   *ctx)
{
  GString *out = g_string_new (NULL);
  g_autoptr(GDateTime) stamp = envelope->date != NULL ? g_date_time_ref (envelope->date)
                                                      : g_date_time_new_now_utc ();
  g_autofree char *uid = g_strdup_printf ("%s@coachbook", session->session_id);
  g_autofree char *sequence = g_strdup_printf ("%" G_GINT64_FORMAT, MAX (session->revision, 0));
  g_autofree char *description = sync_mail_describe (session, ctx);
  const char *organizer_name = session->organizer_name;

  if (organizer_name == NULL || *organizer_name == '\0')
    organizer_name = session->team_name;
  if (organizer_name == NULL || *organizer_name == '\0')
    organizer_name = envelope->from_name;

  append_property (out, "BEGIN", "VCALENDAR");
  append_property (out, "PRODID", "-//Coachbook//Coachbook Sync " PACKAGE_VERSION "//EN");
  append_property (out, "VERSION", "2.0");
  append_property (out, "CALSCALE", "GREGORIAN");
  append_property (out, "METHOD", session->cancelled ? "CANCEL" : "REQUEST");

  append_property (out, "BEGIN", "VEVENT");
  append_text (out, "UID", uid);
  append_property (out, "SEQUENCE", sequence);
  append_time (out, "DTSTAMP", stamp);
  append_time (out, "DTSTART", ctx->start);
  append_time (out, "DTEND", ctx->end);
  append_text (out, "SUMMARY", ctx->title);
  if (session->location != NULL && *session->location != '\0')
    append_text (out, "LOCATION", session->location);
  if (*description != '\0')
    append_text (out, "DESCRIPTION", g_strchomp (description));
  append_property (out, "STATUS", session->cancelled ? "CANCELLED" : "CONFIRMED");
  append_property (out, "TRANSP", "OPAQUE");
  /* Replies would go to a sending-only address: none are asked for. */
  append_person (out, "ORGANIZER", organizer_name, NULL, envelope->from);
  append_person (out, "ATTENDEE", to->name,
                 ";CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=FALSE",
                 to->email);
  append_property (out, "END", "VEVENT");
  append_property (out, "END", "VCALENDAR");
  return g_string_free (out, FALSE);
}
