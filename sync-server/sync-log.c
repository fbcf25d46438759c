/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coachbook-sync"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "sync-log.h"

static void
append_timestamp (GString *line)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *ts = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S");

  g_string_append_printf (line, "ts=%s.%03dZ", ts, g_date_time_get_microsecond (now) / 1000);
}

/* Quotes a value when it needs it, escaping what would break the line. */
static void
append_value (GString    *line,
              const char *value)
{
  gboolean plain = value[0] != '\0';

  for (const char *p = value; *p && plain; p++)
    plain = (guchar) *p > ' ' && *p != '"' && *p != '=' && *p != '\\' && *p != 0x7f;

  if (plain)
    {
      g_string_append (line, value);
      return;
    }

  g_string_append_c (line, '"');
  for (const char *p = value; *p; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_printf (line, "\\%c", *p);
      else if (*p == '\n')
        g_string_append (line, "\\n");
      else if ((guchar) *p < ' ' || *p == 0x7f)
        g_string_append_printf (line, "\\x%02x", (guchar) *p);
      else
        g_string_append_c (line, *p);
    }
  g_string_append_c (line, '"');
}

static void
write_line (GString *line)
{
  g_string_append_c (line, '\n');
  fwrite (line->str, 1, line->len, stderr);
  fflush (stderr);
}

static const char *
level_name (GLogLevelFlags level)
{
  if (level & G_LOG_LEVEL_ERROR)
    return "error";
  if (level & G_LOG_LEVEL_CRITICAL)
    return "critical";
  if (level & G_LOG_LEVEL_WARNING)
    return "warning";
  if (level & G_LOG_LEVEL_MESSAGE)
    return "notice";
  if (level & G_LOG_LEVEL_INFO)
    return "info";
  return "debug";
}

static GLogWriterOutput
log_writer_cb (GLogLevelFlags   level,
               const GLogField *fields,
               gsize            n_fields,
               gpointer         user_data)
{
  g_autoptr(GString) line = g_string_new (NULL);
  const char *domain = NULL;
  const char *message = NULL;

  for (gsize i = 0; i < n_fields; i++)
    {
      if (g_strcmp0 (fields[i].key, "GLIB_DOMAIN") == 0)
        domain = fields[i].value;
      else if (g_strcmp0 (fields[i].key, "MESSAGE") == 0)
        message = fields[i].value;
    }

  /* G_MESSAGES_DEBUG decides about debug and info, as everywhere in GLib. */
  if (g_log_writer_default_would_drop (level, domain))
    return G_LOG_WRITER_HANDLED;

  append_timestamp (line);
  g_string_append (line, " level=");
  g_string_append (line, level_name (level));
  if (domain != NULL)
    {
      g_string_append (line, " domain=");
      append_value (line, domain);
    }
  g_string_append (line, " msg=");
  append_value (line, message ? message : "");
  write_line (line);

  return G_LOG_WRITER_HANDLED;
}

void
sync_log_init (void)
{
  g_log_set_writer_func (log_writer_cb, NULL, NULL);
}

void
sync_log_request (const char *method,
                  const char *path,
                  guint       status,
                  double      ms,
                  const char *client_ip)
{
  g_autoptr(GString) line = g_string_new (NULL);

  append_timestamp (line);
  g_string_append (line, " level=info msg=request method=");
  append_value (line, method ? method : "-");
  g_string_append (line, " path=");
  append_value (line, path ? path : "-");
  g_string_append_printf (line, " status=%u ms=%.2f ip=", status, ms);
  append_value (line, client_ip ? client_ip : "-");
  write_line (line);
}
