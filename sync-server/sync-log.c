/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coachbook-sync"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "sync-log.h"

/* Every request writes a line: the date is formatted once per second per
 * thread, not through GDateTime each time. */
static void
append_timestamp (GString *line)
{
  static __thread gint64 cached_second = -1;
  static __thread char cached[32];
  gint64 now = g_get_real_time ();
  gint64 second = now / G_USEC_PER_SEC;

  if (second != cached_second)
    {
      time_t t = (time_t) second;
      struct tm tm;

      if (gmtime_r (&t, &tm) == NULL ||
          strftime (cached, sizeof cached, "%Y-%m-%dT%H:%M:%S", &tm) == 0)
        g_strlcpy (cached, "1970-01-01T00:00:00", sizeof cached);
      cached_second = second;
    }
  g_string_append (line, "ts=");
  g_string_append (line, cached);
  g_string_append_printf (line, ".%03dZ", (int) (now % G_USEC_PER_SEC / 1000));
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

/* Request lines are written in batches, at most FLUSH_MS late or when
 * FLUSH_BYTES have gathered: one write per request was a tenth of the
 * main loop's time under load. Any other line (a warning, a notice)
 * writes what is pending first, so the order of lines is kept. A crash
 * loses at most the last FLUSH_MS of request lines. */
#define FLUSH_MS    100
#define FLUSH_BYTES 16384

static GMutex out_lock;
static GString *pending;
static gint64 pending_since;
static gboolean flush_scheduled;

static void
write_out_locked (const char *data,
                  gsize       len)
{
  if (pending != NULL && pending->len > 0)
    {
      fwrite (pending->str, 1, pending->len, stderr);
      g_string_truncate (pending, 0);
    }
  if (len > 0)
    fwrite (data, 1, len, stderr);
  fflush (stderr);
}

static void
write_line (GString *line)
{
  g_string_append_c (line, '\n');
  g_mutex_lock (&out_lock);
  write_out_locked (line->str, line->len);
  g_mutex_unlock (&out_lock);
}

static gboolean
flush_cb (gpointer user_data)
{
  g_mutex_lock (&out_lock);
  flush_scheduled = FALSE;
  write_out_locked (NULL, 0);
  g_mutex_unlock (&out_lock);
  return G_SOURCE_REMOVE;
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
  g_string_append_c (line, '\n');

  g_mutex_lock (&out_lock);
  if (pending == NULL)
    pending = g_string_sized_new (FLUSH_BYTES);
  if (pending->len == 0)
    pending_since = g_get_monotonic_time ();
  g_string_append_len (pending, line->str, line->len);
  if (pending->len >= FLUSH_BYTES || g_get_monotonic_time () - pending_since >= FLUSH_MS * 1000)
    write_out_locked (NULL, 0);
  else if (!flush_scheduled)
    {
      /* on the thread-default context: requests are logged from the main loop */
      GSource *source = g_timeout_source_new (FLUSH_MS);

      g_source_set_callback (source, flush_cb, NULL, NULL);
      g_source_attach (source, g_main_context_get_thread_default ());
      g_source_unref (source);
      flush_scheduled = TRUE;
    }
  g_mutex_unlock (&out_lock);
}
