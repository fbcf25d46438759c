/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coach-session-plan"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "coach-session-plan.h"

/* ------------------------------------------------------------------------- */

char *
coach_session_plan_format_start (GDateTime *start)
{
  g_return_val_if_fail (start != NULL, NULL);

  /* %:z, not g_date_time_format_iso8601(): that writes "Z" for UTC, and
   * the offset is what a reader in another zone needs. */
  return g_date_time_format (start, "%Y-%m-%dT%H:%M:%S%:z");
}

GDateTime *
coach_session_plan_parse_start (const char *starts_at)
{
  g_autoptr(GDateTime) parsed = NULL;

  if (starts_at == NULL || starts_at[0] == '\0')
    return NULL;
  /* A start without an offset is refused: it could be any zone's. */
  parsed = g_date_time_new_from_iso8601 (starts_at, NULL);
  if (parsed == NULL)
    return NULL;
  return g_date_time_to_local (parsed);
}

char *
coach_session_plan_local_zone (void)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_local ();
  const char *id = g_time_zone_get_identifier (zone);

  /* With TZ unset GLib may name the file it read, not a zone. */
  if (id == NULL || id[0] == '\0' || id[0] == '/' || g_str_equal (id, "localtime"))
    return NULL;
  return g_strdup (id);
}

static gboolean
parse_number (const char  *text,
              guint        min_digits,
              guint        max_digits,
              int         *value,
              const char **end)
{
  guint n = 0;

  *value = 0;
  while (g_ascii_isdigit (text[n]) && n < max_digits)
    {
      *value = *value * 10 + (text[n] - '0');
      n++;
    }
  *end = text + n;
  return n >= min_digits;
}

GDateTime *
coach_session_plan_make_start (const char   *date,
                               const char   *time,
                               GTimeZone    *zone,
                               const char  **invalid_part,
                               GError      **error)
{
  g_autoptr(GTimeZone) local = NULL;
  g_autofree char *d = g_strstrip (g_strdup (date ? date : ""));
  g_autofree char *t = g_strstrip (g_strdup (time ? time : ""));
  const char *p;
  int year, month, day, hour, minute;

  if (invalid_part != NULL)
    *invalid_part = NULL;

  if (!parse_number (d, 4, 4, &year, &p) || *p++ != '-' ||
      !parse_number (p, 1, 2, &month, &p) || *p++ != '-' ||
      !parse_number (p, 1, 2, &day, &p) || *p != '\0' ||
      year < 1900 || !g_date_valid_dmy (day, month, year))
    {
      if (invalid_part != NULL)
        *invalid_part = "date";
      g_set_error (error, COACH_CATALOG_ERROR, COACH_CATALOG_ERROR_INVALID,
                   _("The date must be a day of the calendar, like 2026-11-24."));
      return NULL;
    }

  if (!parse_number (t, 1, 2, &hour, &p) || (*p != ':' && *p != '.') ||
      !parse_number (p + 1, 2, 2, &minute, &p) || *p != '\0' ||
      hour > 23 || minute > 59)
    {
      if (invalid_part != NULL)
        *invalid_part = "time";
      g_set_error (error, COACH_CATALOG_ERROR, COACH_CATALOG_ERROR_INVALID,
                   _("The time must be hours and minutes, like 18:30."));
      return NULL;
    }

  if (zone == NULL)
    zone = local = g_time_zone_new_local ();
  /* A time skipped by a daylight saving change moves to the next valid
   * one, as a wall clock would. */
  return g_date_time_new (zone, year, month, day, hour, minute, 0);
}

static GDateTime *
midnight_of (GDateTime *t)
{
  return g_date_time_new (g_date_time_get_timezone (t),
                          g_date_time_get_year (t),
                          g_date_time_get_month (t),
                          g_date_time_get_day_of_month (t),
                          0, 0, 0);
}

/* Whole calendar days from @now's day to @day's day. */
static int
days_between (GDateTime *now,
              GDateTime *day)
{
  GDate a, b;

  g_date_clear (&a, 1);
  g_date_clear (&b, 1);
  g_date_set_dmy (&a, g_date_time_get_day_of_month (now), g_date_time_get_month (now), g_date_time_get_year (now));
  g_date_set_dmy (&b, g_date_time_get_day_of_month (day), g_date_time_get_month (day), g_date_time_get_year (day));
  return g_date_days_between (&a, &b);
}

char *
coach_session_plan_day_label (GDateTime *day,
                              GDateTime *now)
{
  int delta;

  g_return_val_if_fail (day != NULL, NULL);
  g_return_val_if_fail (now != NULL, NULL);

  delta = days_between (now, day);
  if (delta == 0)
    return g_strdup (C_("agenda day", "Today"));
  if (delta == 1)
    return g_strdup (C_("agenda day", "Tomorrow"));
  if (delta == -1)
    return g_strdup (C_("agenda day", "Yesterday"));
  if (delta > 1 && delta < 7)
    /* Translators: a day in the coming week, see g_date_time_format() */
    return g_date_time_format (day, C_("agenda day", "%A"));
  if (g_date_time_get_year (day) == g_date_time_get_year (now))
    /* Translators: a day this year, see g_date_time_format() */
    return g_date_time_format (day, C_("agenda day", "%A, %-d %B"));
  /* Translators: a day in another year, see g_date_time_format() */
  return g_date_time_format (day, C_("agenda day", "%A, %-d %B %Y"));
}

void
coach_agenda_day_free (CoachAgendaDay *day)
{
  if (day == NULL)
    return;
  g_free (day->key);
  g_free (day->label);
  g_clear_pointer (&day->sessions, g_ptr_array_unref);
  g_free (day);
}

typedef struct
{
  CoachRecord *session;
  GDateTime   *start;   /* local; NULL when unreadable */
} Entry;

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const Entry *x = a, *y = b;
  int c;

  if (x->start == NULL || y->start == NULL)
    c = (x->start == NULL) - (y->start == NULL);
  else
    c = g_date_time_compare (x->start, y->start);
  if (c == 0)
    c = g_strcmp0 (coach_record_get_id (x->session), coach_record_get_id (y->session));
  return c;
}

GPtrArray *
coach_session_plan_agenda (GPtrArray *sessions,
                           GDateTime *now)
{
  g_autoptr(GArray) entries = g_array_new (FALSE, TRUE, sizeof (Entry));
  g_autoptr(GDateTime) today = NULL;
  g_autoptr(GPtrArray) upcoming = g_ptr_array_new ();
  g_autoptr(GPtrArray) past = g_ptr_array_new ();
  GPtrArray *days = g_ptr_array_new_with_free_func ((GDestroyNotify) coach_agenda_day_free);
  CoachAgendaDay *current = NULL;
  CoachAgendaDay *undated = NULL;

  g_return_val_if_fail (sessions != NULL, days);
  g_return_val_if_fail (now != NULL, days);

  today = midnight_of (now);
  for (guint i = 0; i < sessions->len; i++)
    {
      Entry e = { sessions->pdata[i], NULL };

      e.start = coach_session_plan_parse_start (coach_record_get_string (e.session, "starts_at"));
      g_array_append_val (entries, e);
    }
  g_array_sort (entries, compare_entries);

  for (guint i = 0; i < entries->len; i++)
    {
      Entry *e = &g_array_index (entries, Entry, i);
      g_autofree char *key = NULL;

      if (e->start == NULL)
        {
          if (undated == NULL)
            {
              undated = g_new0 (CoachAgendaDay, 1);
              undated->key = g_strdup ("");
              undated->label = g_strdup (C_("agenda day", "No Date"));
              undated->sessions = g_ptr_array_new_with_free_func (g_object_unref);
            }
          g_ptr_array_add (undated->sessions, g_object_ref (e->session));
          continue;
        }

      key = g_date_time_format (e->start, "%Y-%m-%d");
      if (current == NULL || !g_str_equal (current->key, key))
        {
          current = g_new0 (CoachAgendaDay, 1);
          current->key = g_steal_pointer (&key);
          current->label = coach_session_plan_day_label (e->start, now);
          current->past = g_date_time_compare (e->start, today) < 0;
          current->sessions = g_ptr_array_new_with_free_func (g_object_unref);
          g_ptr_array_add (current->past ? past : upcoming, current);
        }
      g_ptr_array_add (current->sessions, g_object_ref (e->session));
    }

  for (guint i = 0; i < entries->len; i++)
    g_clear_pointer (&g_array_index (entries, Entry, i).start, g_date_time_unref);

  for (guint i = 0; i < upcoming->len; i++)
    g_ptr_array_add (days, upcoming->pdata[i]);
  for (guint i = past->len; i > 0; i--)
    g_ptr_array_add (days, past->pdata[i - 1]);
  if (undated != NULL)
    g_ptr_array_add (days, undated);
  return days;
}

/* ------------------------------------------------------------------------- */

gboolean
coach_session_plan_set_links (CoachCatalog        *catalog,
                              const char          *link_table,
                              const char          *a_id,
                              const char * const  *b_ids,
                              GError             **error)
{
  g_auto(GStrv) current = NULL;

  g_return_val_if_fail (COACH_IS_CATALOG (catalog), FALSE);
  g_return_val_if_fail (a_id != NULL, FALSE);

  if (!(current = coach_catalog_get_links (catalog, link_table, a_id, error)))
    return FALSE;
  if (!coach_catalog_begin (catalog, error))
    return FALSE;

  for (guint i = 0; current[i] != NULL; i++)
    if (b_ids == NULL || !g_strv_contains (b_ids, current[i]))
      if (!coach_catalog_unlink (catalog, link_table, a_id, current[i], error))
        goto fail;
  for (guint i = 0; b_ids != NULL && b_ids[i] != NULL; i++)
    if (!g_strv_contains ((const char * const *) current, b_ids[i]))
      if (!coach_catalog_link (catalog, link_table, a_id, b_ids[i], error))
        goto fail;

  return coach_catalog_commit (catalog, error);

fail:
  coach_catalog_rollback (catalog);
  return FALSE;
}

gboolean
coach_session_plan_save (CoachCatalog        *catalog,
                         CoachRecord         *session,
                         const char * const  *athlete_ids,
                         const char * const  *group_ids,
                         GError             **error)
{
  g_autoptr(GDateTime) start = NULL;
  const char *id;

  g_return_val_if_fail (COACH_IS_CATALOG (catalog), FALSE);
  g_return_val_if_fail (COACH_IS_RECORD (session), FALSE);
  g_return_val_if_fail (g_str_equal (coach_record_get_table_name (session), "session"), FALSE);

  start = coach_session_plan_parse_start (coach_record_get_string (session, "starts_at"));
  if (start == NULL)
    {
      g_set_error (error, COACH_CATALOG_ERROR, COACH_CATALOG_ERROR_INVALID,
                   _("A session needs a start date and time."));
      return FALSE;
    }
  if (!coach_record_validate (session, error))
    return FALSE;

  id = coach_record_get_id (session);
  if (!coach_catalog_begin (catalog, error))
    return FALSE;
  if (!coach_catalog_save (catalog, session, error) ||
      !coach_session_plan_set_links (catalog, "session_athlete", id, athlete_ids, error) ||
      !coach_session_plan_set_links (catalog, "session_group", id, group_ids, error))
    {
      coach_catalog_rollback (catalog);
      return FALSE;
    }
  return coach_catalog_commit (catalog, error);
}

gboolean
coach_session_plan_set_status (CoachCatalog  *catalog,
                               CoachRecord   *session,
                               const char    *status,
                               GError       **error)
{
  g_autofree char *old = NULL;

  g_return_val_if_fail (COACH_IS_CATALOG (catalog), FALSE);
  g_return_val_if_fail (COACH_IS_RECORD (session), FALSE);
  g_return_val_if_fail (status != NULL, FALSE);

  old = g_strdup (coach_record_get_string (session, "status"));
  coach_record_set_string (session, "status", status);
  if (!coach_record_validate (session, error) ||
      !coach_catalog_save (catalog, session, error))
    {
      /* The record is shared by every view: do not leave a value that
       * was never stored. */
      coach_record_set_string (session, "status", old ? old : "planned");
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------------- */

static void
add_unique (GPtrArray  *ids,
            const char *id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_str_equal (ids->pdata[i], id))
      return;
  g_ptr_array_add (ids, g_strdup (id));
}

char **
coach_session_plan_dup_athlete_ids (CoachCatalog  *catalog,
                                    const char    *session_id,
                                    GError       **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) athletes = NULL;
  g_auto(GStrv) groups = NULL;

  g_return_val_if_fail (COACH_IS_CATALOG (catalog), NULL);
  g_return_val_if_fail (session_id != NULL, NULL);

  if (!(athletes = coach_catalog_get_links (catalog, "session_athlete", session_id, error)) ||
      !(groups = coach_catalog_get_links (catalog, "session_group", session_id, error)))
    return NULL;

  for (guint i = 0; athletes[i] != NULL; i++)
    add_unique (ids, athletes[i]);
  for (guint i = 0; groups[i] != NULL; i++)
    {
      g_auto(GStrv) members = coach_catalog_get_links (catalog, "group_member", groups[i], error);

      if (members == NULL)
        return NULL;
      for (guint j = 0; members[j] != NULL; j++)
        {
          g_autoptr(CoachRecord) athlete = coach_catalog_get (catalog, "athlete", members[j], NULL);

          /* Someone who left the team stays in the group's history but
           * is not expected at new sessions. */
          if (athlete != NULL && !coach_catalog_is_archived (athlete))
            add_unique (ids, members[j]);
        }
    }

  g_ptr_array_add (ids, NULL);
  return (char **) g_ptr_array_steal (ids, NULL);
}

CoachRecord *
coach_session_plan_find_row (CoachCatalog  *catalog,
                             const char    *table,
                             const char    *session_id,
                             const char    *athlete_id,
                             GError       **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  CoachRecord *found = NULL;

  g_return_val_if_fail (COACH_IS_CATALOG (catalog), NULL);
  g_return_val_if_fail (session_id != NULL && athlete_id != NULL, NULL);

  if (!(rows = coach_catalog_list_where (catalog, table, "session_id", session_id, error)))
    return NULL;
  /* Two devices can each log the same athlete before they sync: the
   * newest row is the one that counts. */
  for (guint i = 0; i < rows->len; i++)
    {
      CoachRecord *row = rows->pdata[i];

      if (g_strcmp0 (coach_record_get_string (row, "athlete_id"), athlete_id) != 0)
        continue;
      if (found == NULL || coach_record_get_updated_at (row) > coach_record_get_updated_at (found))
        found = row;
    }
  return found ? g_object_ref (found) : NULL;
}

gboolean
coach_session_plan_save_log (CoachCatalog  *catalog,
                             const char    *session_id,
                             const char    *athlete_id,
                             gboolean       completed,
                             int            rpe,
                             const char    *feedback,
                             GError       **error)
{
  g_autoptr(CoachRecord) existing = NULL;
  g_autoptr(CoachRecord) draft = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (COACH_IS_CATALOG (catalog), FALSE);
  g_return_val_if_fail (session_id != NULL && athlete_id != NULL, FALSE);

  if (rpe < 0 || rpe > 10)
    {
      g_set_error (error, COACH_CATALOG_ERROR, COACH_CATALOG_ERROR_INVALID,
                   _("The effort (RPE) must be between 1 and 10."));
      return FALSE;
    }

  existing = coach_session_plan_find_row (catalog, "session_log", session_id, athlete_id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  /* Checked on a copy, so a refused value never shows in other views. */
  draft = coach_record_new_for_table ("session_log", existing ? coach_record_get_id (existing) : NULL);
  text = g_strstrip (g_strdup (feedback ? feedback : ""));
  coach_record_set_string (draft, "session_id", session_id);
  coach_record_set_string (draft, "athlete_id", athlete_id);
  coach_record_set_boolean (draft, "completed", completed);
  if (rpe > 0)
    coach_record_set_int (draft, "rpe", rpe);
  else
    coach_record_set_null (draft, "rpe");
  if (text[0] != '\0')
    coach_record_set_string (draft, "feedback", text);
  else
    coach_record_set_null (draft, "feedback");
  if (!coach_record_validate (draft, error))
    return FALSE;

  if (existing == NULL)
    return coach_catalog_save (catalog, draft, error);

  coach_record_set_boolean (existing, "completed", completed);
  if (rpe > 0)
    coach_record_set_int (existing, "rpe", rpe);
  else
    coach_record_set_null (existing, "rpe");
  if (text[0] != '\0')
    coach_record_set_string (existing, "feedback", text);
  else
    coach_record_set_null (existing, "feedback");
  return coach_catalog_save (catalog, existing, error);
}

/* ------------------------------------------------------------------------- */

/* Whether one of @resends (rows of one session) for @athlete_id still
 * waits for an answer. Clocks of the device and the server are never
 * compared: only the server's versions, which follow its commit order. */
static gboolean
resend_pending (GPtrArray   *resends,
                CoachRecord *delivery,
                const char  *athlete_id)
{
  gint64 delivered = delivery ? coach_record_get_server_version (delivery) : 0;

  for (guint i = 0; i < resends->len; i++)
    {
      CoachRecord *row = resends->pdata[i];
      gint64 version = coach_record_get_server_version (row);

      if (g_strcmp0 (coach_record_get_string (row, "athlete_id"), athlete_id) == 0 &&
          (version == 0 || version > delivered))
        return TRUE;
    }
  return FALSE;
}

static CoachDeliveryState
delivery_state (CoachRecord *delivery,
                gboolean     pending)
{
  const char *status;

  if (pending)
    return COACH_DELIVERY_STATE_RESEND_REQUESTED;
  if (delivery == NULL)
    return COACH_DELIVERY_STATE_NONE;

  status = coach_record_get_string (delivery, "status");
  if (g_strcmp0 (status, "sent") == 0)
    return COACH_DELIVERY_STATE_SENT;
  if (g_strcmp0 (status, "failed") == 0)
    return COACH_DELIVERY_STATE_FAILED;
  if (g_strcmp0 (status, "dead") == 0)
    return COACH_DELIVERY_STATE_DEAD;
  return COACH_DELIVERY_STATE_QUEUED;
}

CoachDeliveryState
coach_session_plan_delivery_state (CoachCatalog  *catalog,
                                   CoachRecord   *delivery,
                                   const char    *session_id,
                                   const char    *athlete_id,
                                   GError       **error)
{
  g_autoptr(GPtrArray) resends = NULL;

  g_return_val_if_fail (COACH_IS_CATALOG (catalog), COACH_DELIVERY_STATE_NONE);
  g_return_val_if_fail (delivery == NULL || COACH_IS_RECORD (delivery), COACH_DELIVERY_STATE_NONE);
  g_return_val_if_fail (session_id != NULL && athlete_id != NULL, COACH_DELIVERY_STATE_NONE);

  if (!(resends = coach_catalog_list_where (catalog, "delivery_resend", "session_id", session_id, error)))
    return COACH_DELIVERY_STATE_NONE;
  return delivery_state (delivery, resend_pending (resends, delivery, athlete_id));
}

gboolean
coach_session_plan_count_deliveries (CoachCatalog         *catalog,
                                     const char           *session_id,
                                     CoachDeliveryCounts  *counts,
                                     GError              **error)
{
  g_auto(GStrv) ids = NULL;
  g_autoptr(GPtrArray) deliveries = NULL;
  g_autoptr(GPtrArray) resends = NULL;
  g_autoptr(GHashTable) newest = NULL;
  g_autoptr(GHashTable) asked = NULL;

  g_return_val_if_fail (COACH_IS_CATALOG (catalog), FALSE);
  g_return_val_if_fail (session_id != NULL, FALSE);
  g_return_val_if_fail (counts != NULL, FALSE);

  memset (counts, 0, sizeof *counts);
  if (!(ids = coach_session_plan_dup_athlete_ids (catalog, session_id, error)) ||
      !(deliveries = coach_catalog_list_where (catalog, "delivery", "session_id", session_id, error)) ||
      !(resends = coach_catalog_list_where (catalog, "delivery_resend", "session_id", session_id, error)))
    return FALSE;

  /* One pass over each table, whatever the size of the session: the
   * newest delivery per athlete (as coach_session_plan_find_row() picks
   * it), and the resend rows per athlete. */
  newest = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < deliveries->len; i++)
    {
      CoachRecord *row = deliveries->pdata[i];
      const char *athlete_id = coach_record_get_string (row, "athlete_id");
      CoachRecord *found = g_hash_table_lookup (newest, athlete_id);

      if (found == NULL || coach_record_get_updated_at (row) > coach_record_get_updated_at (found))
        g_hash_table_insert (newest, (gpointer) athlete_id, row);
    }
  asked = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < resends->len; i++)
    {
      CoachRecord *row = resends->pdata[i];
      const char *athlete_id = coach_record_get_string (row, "athlete_id");
      GPtrArray *rows = g_hash_table_lookup (asked, athlete_id);

      if (rows == NULL)
        {
          rows = g_ptr_array_new ();
          g_hash_table_insert (asked, (gpointer) athlete_id, rows);
        }
      g_ptr_array_add (rows, row);
    }

  for (guint i = 0; ids[i] != NULL; i++)
    {
      CoachRecord *delivery = g_hash_table_lookup (newest, ids[i]);
      GPtrArray *rows = g_hash_table_lookup (asked, ids[i]);
      gboolean pending = rows != NULL && resend_pending (rows, delivery, ids[i]);

      counts->athletes++;
      switch (delivery_state (delivery, pending))
        {
        case COACH_DELIVERY_STATE_SENT:
          counts->sent++;
          break;
        case COACH_DELIVERY_STATE_FAILED:
        case COACH_DELIVERY_STATE_DEAD:
          counts->failed++;
          break;
        case COACH_DELIVERY_STATE_QUEUED:
        case COACH_DELIVERY_STATE_RESEND_REQUESTED:
          counts->queued++;
          break;
        case COACH_DELIVERY_STATE_NONE:
        default:
          counts->none++;
          break;
        }
    }
  return TRUE;
}

gboolean
coach_session_plan_request_resend (CoachCatalog  *catalog,
                                   const char    *session_id,
                                   const char    *athlete_id,
                                   GError       **error)
{
  g_autoptr(CoachRecord) session = NULL;
  g_autoptr(CoachRecord) athlete = NULL;
  g_autoptr(CoachRecord) delivery = NULL;
  g_autoptr(CoachRecord) resend = NULL;
  g_autoptr(GError) local_error = NULL;
  CoachDeliveryState state = COACH_DELIVERY_STATE_NONE;

  g_return_val_if_fail (COACH_IS_CATALOG (catalog), FALSE);
  g_return_val_if_fail (session_id != NULL && athlete_id != NULL, FALSE);

  session = coach_catalog_get (catalog, "session", session_id, NULL);
  if (session == NULL || coach_record_get_deleted (session))
    {
      g_set_error (error, COACH_CATALOG_ERROR, COACH_CATALOG_ERROR_NOT_FOUND,
                   _("This session no longer exists."));
      return FALSE;
    }
  athlete = coach_catalog_get (catalog, "athlete", athlete_id, NULL);
  if (athlete == NULL || coach_record_get_deleted (athlete))
    {
      g_set_error (error, COACH_CATALOG_ERROR, COACH_CATALOG_ERROR_NOT_FOUND,
                   _("This athlete no longer exists."));
      return FALSE;
    }

  delivery = coach_session_plan_find_row (catalog, "delivery", session_id, athlete_id, &local_error);
  if (local_error == NULL)
    state = coach_session_plan_delivery_state (catalog, delivery, session_id, athlete_id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (state == COACH_DELIVERY_STATE_RESEND_REQUESTED)
    /* A second click before the server answered: the first request
     * stands, one more email would be a duplicate. */
    return TRUE;
  if (state != COACH_DELIVERY_STATE_FAILED && state != COACH_DELIVERY_STATE_DEAD)
    {
      g_set_error (error, COACH_CATALOG_ERROR, COACH_CATALOG_ERROR_INVALID,
                   _("Only an email that failed can be sent again."));
      return FALSE;
    }

  resend = coach_record_new_for_table ("delivery_resend", NULL);
  coach_record_set_string (resend, "session_id", session_id);
  coach_record_set_string (resend, "athlete_id", athlete_id);
  return coach_record_validate (resend, error) && coach_catalog_save (catalog, resend, error);
}
