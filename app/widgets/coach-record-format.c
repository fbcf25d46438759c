/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coach-record-format"

#include "config.h"

#include <glib/gi18n.h>

#include "coach-duration.h"
#include "coach-record-format.h"

static gboolean
is_blank (const char *text)
{
  return text == NULL || text[0] == '\0';
}

static const char *
level_to_label (const char *level)
{
  if (g_strcmp0 (level, "beginner") == 0)
    return C_("level", "Beginner");
  if (g_strcmp0 (level, "intermediate") == 0)
    return C_("level", "Intermediate");
  if (g_strcmp0 (level, "advanced") == 0)
    return C_("level", "Advanced");
  return level;
}

static const char *
workout_status_to_label (const char *status)
{
  if (g_strcmp0 (status, "draft") == 0)
    return C_("workout status", "Draft");
  if (g_strcmp0 (status, "ready") == 0)
    return C_("workout status", "Ready");
  if (g_strcmp0 (status, "archived") == 0)
    return C_("workout status", "Archived");
  return status;
}

static const char *
session_status_to_label (const char *status)
{
  if (g_strcmp0 (status, "planned") == 0)
    return C_("session status", "Planned");
  if (g_strcmp0 (status, "done") == 0)
    return C_("session status", "Done");
  if (g_strcmp0 (status, "cancelled") == 0)
    return C_("session status", "Cancelled");
  return status;
}

/* Joins the non-blank ones of @n_parts texts with a middle dot. */
static char *
join_parts (const char * const *parts,
            guint               n_parts)
{
  g_autoptr(GString) str = g_string_new (NULL);

  for (guint i = 0; i < n_parts; i++)
    {
      if (is_blank (parts[i]))
        continue;
      if (str->len > 0)
        g_string_append (str, " · ");
      g_string_append (str, parts[i]);
    }
  return g_string_free (g_steal_pointer (&str), FALSE);
}

#define JOIN(...) join_parts ((const char * const[]) { __VA_ARGS__ }, \
                              G_N_ELEMENTS (((const char * const[]) { __VA_ARGS__ })))

/* ------------------------------------------------------------------------- */

void
coach_record_text_clear (CoachRecordText *text)
{
  g_clear_pointer (&text->title, g_free);
  g_clear_pointer (&text->subtitle, g_free);
  text->badge = NULL;
  text->badge_style = NULL;
}

/* "0:42", "12:05", "1:02:03" */
char *
coach_format_media_length (gint64 duration_ms)
{
  gint64 s = MAX (duration_ms, 0) / 1000;

  if (s >= 3600)
    return g_strdup_printf ("%" G_GINT64_FORMAT ":%02d:%02d", s / 3600, (int) (s / 60 % 60), (int) (s % 60));
  return g_strdup_printf ("%d:%02d", (int) (s / 60), (int) (s % 60));
}

const char *
coach_clip_status_to_label (const char *status)
{
  if (g_strcmp0 (status, "pending") == 0)
    return C_("clip status", "Pending");
  if (g_strcmp0 (status, "processing") == 0)
    return C_("clip status", "Processing");
  if (g_strcmp0 (status, "ready") == 0)
    return C_("clip status", "Ready");
  if (g_strcmp0 (status, "failed") == 0)
    return C_("clip status", "Failed");
  return status;
}

const char *
coach_clip_status_to_style (const char *status)
{
  if (g_strcmp0 (status, "ready") == 0)
    return "success";
  if (g_strcmp0 (status, "failed") == 0)
    return "error";
  if (g_strcmp0 (status, "processing") == 0)
    return "accent";
  return "warning";
}

/* "Tue 24 Nov 2026 · 18:00", in the session's own offset; the raw text
 * when it is not a date. */
char *
coach_format_session_time (const char *starts_at)
{
  g_autoptr(GDateTime) start = NULL;

  if (is_blank (starts_at))
    return g_strdup (C_("session time", "No date"));
  start = g_date_time_new_from_iso8601 (starts_at, NULL);
  if (start == NULL)
    return g_strdup (starts_at);
  /* Translators: the date and time of a session, see g_date_time_format() */
  return g_date_time_format (start, C_("session time", "%a %e %b %Y · %H:%M"));
}

char *
coach_format_count (const char *table,
                    guint       n)
{
  if (g_strcmp0 (table, "clip") == 0)
    return g_strdup_printf (ngettext ("%u clip", "%u clips", n), n);
  if (g_strcmp0 (table, "workout") == 0)
    return g_strdup_printf (ngettext ("%u workout", "%u workouts", n), n);
  if (g_strcmp0 (table, "session") == 0)
    return g_strdup_printf (ngettext ("%u session", "%u sessions", n), n);
  if (g_strcmp0 (table, "athlete") == 0)
    return g_strdup_printf (ngettext ("%u athlete", "%u athletes", n), n);
  return g_strdup_printf (ngettext ("%u item", "%u items", n), n);
}

void
coach_record_text_format (CoachRecordText *text,
                          CoachRecord     *record)
{
  const char *table;

  g_return_if_fail (text != NULL);

  coach_record_text_clear (text);
  if (record == NULL)
    return;

  table = coach_record_get_table_name (record);
  if (g_str_equal (table, "clip"))
    {
      const char *status = coach_record_get_string (record, "status");
      g_autofree char *length = NULL;

      text->title = g_strdup (coach_record_get_string (record, "title"));
      if (!coach_record_is_null (record, "duration_ms") && coach_record_get_int (record, "duration_ms") > 0)
        length = coach_format_media_length (coach_record_get_int (record, "duration_ms"));
      text->subtitle = JOIN (length);
      text->badge = coach_clip_status_to_label (status);
      text->badge_style = coach_clip_status_to_style (status);
    }
  else if (g_str_equal (table, "workout"))
    {
      const char *status = coach_record_get_string (record, "status");
      g_autofree char *duration = coach_duration_format (MAX (coach_record_get_int (record, "total_duration_s"), 0));

      text->title = g_strdup (coach_record_get_string (record, "name"));
      text->subtitle = JOIN (duration, coach_record_get_string (record, "description"));
      text->badge = workout_status_to_label (status);
      text->badge_style = g_strcmp0 (status, "ready") == 0 ? "success" : NULL;
    }
  else if (g_str_equal (table, "session"))
    {
      const char *status = coach_record_get_string (record, "status");
      const char *title = coach_record_get_string (record, "title");
      g_autofree char *when = coach_format_session_time (coach_record_get_string (record, "starts_at"));

      text->title = g_strdup (is_blank (title) ? when : title);
      text->subtitle = JOIN (is_blank (title) ? NULL : when,
                                   coach_record_get_string (record, "location"));
      text->badge = session_status_to_label (status);
      text->badge_style = g_strcmp0 (status, "cancelled") == 0 ? "error" :
                          g_strcmp0 (status, "done") == 0 ? "success" : NULL;
    }
  else if (g_str_equal (table, "athlete"))
    {
      text->title = g_strdup (coach_record_get_string (record, "name"));
      text->subtitle = JOIN (coach_record_get_string (record, "email"));
      text->badge = level_to_label (coach_record_get_string (record, "level"));
    }
  else
    {
      text->title = g_strdup (coach_record_get_id (record));
    }

  if (text->title == NULL)
    text->title = g_strdup ("");
}
