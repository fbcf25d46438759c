/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coach-clip-edit"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "coach-clip-edit.h"
#include "coach-clip-marker.h"

const double coach_clip_edit_speeds[5] = { 0.25, 0.5, 1.0, 1.5, 2.0 };

G_DEFINE_QUARK (coach-clip-edit-error-quark, coach_clip_edit_error)

/* ------------------------------------------------------------------------- */

static gboolean
bad_time (const char  *text,
          GError     **error)
{
  g_set_error (error, COACH_CLIP_EDIT_ERROR, COACH_CLIP_EDIT_ERROR_BAD_TIME,
               _("“%s” is not a time: write it as minutes:seconds, like 1:05.5"), text);
  return FALSE;
}

/* Digits only, at most @max_digits of them. */
static gboolean
parse_digits (const char *start,
              const char *end,
              guint       max_digits,
              gint64     *value_out)
{
  gint64 value = 0;

  if (start == end || (gsize) (end - start) > max_digits)
    return FALSE;
  for (const char *p = start; p < end; p++)
    {
      if (!g_ascii_isdigit (*p))
        return FALSE;
      value = value * 10 + (*p - '0');
    }
  *value_out = value;
  return TRUE;
}

static int
compare_markers (gconstpointer a,
                 gconstpointer b)
{
  CoachRecord *ma = *(CoachRecord **) a;
  CoachRecord *mb = *(CoachRecord **) b;
  gint64 ta = coach_record_get_int (ma, "t_ms");
  gint64 tb = coach_record_get_int (mb, "t_ms");

  if (ta != tb)
    return ta < tb ? -1 : 1;
  return g_strcmp0 (coach_record_get_id (ma), coach_record_get_id (mb));
}

/* ------------------------------------------------------------------------- */

char *
coach_clip_edit_format_time (gint64 ms)
{
  gint64 h, m, s;
  const char *sign = "";

  if (ms < 0)
    {
      sign = "-";
      ms = -ms;
    }
  h = ms / 3600000;
  m = (ms / 60000) % 60;
  s = (ms / 1000) % 60;
  if (h > 0)
    return g_strdup_printf ("%s%" G_GINT64_FORMAT ":%02" G_GINT64_FORMAT ":%02" G_GINT64_FORMAT ".%03" G_GINT64_FORMAT,
                            sign, h, m, s, ms % 1000);
  return g_strdup_printf ("%s%" G_GINT64_FORMAT ":%02" G_GINT64_FORMAT ".%03" G_GINT64_FORMAT,
                          sign, m, s, ms % 1000);
}

gboolean
coach_clip_edit_parse_time (const char  *text,
                            gint64      *ms_out,
                            GError     **error)
{
  g_autofree char *copy = NULL;
  g_auto(GStrv) parts = NULL;
  const char *seconds, *dot, *end;
  gint64 total = 0, value, frac = 0;
  guint n;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (ms_out != NULL, FALSE);

  copy = g_strstrip (g_strdup (text));
  if (*copy == '\0')
    return bad_time (text, error);
  parts = g_strsplit (copy, ":", -1);
  n = g_strv_length (parts);
  if (n > 3)
    return bad_time (text, error);

  /* Hours and minutes; the first part may be longer (90:00 is fine). */
  for (guint i = 0; i + 1 < n; i++)
    {
      if (!parse_digits (parts[i], parts[i] + strlen (parts[i]), i == 0 ? 6 : 2, &value))
        return bad_time (text, error);
      if (i > 0 && value >= 60)
        return bad_time (text, error);
      total = total * 60 + value;
    }

  seconds = parts[n - 1];
  end = seconds + strlen (seconds);
  dot = strchr (seconds, '.');
  if (dot == NULL)
    dot = strchr (seconds, ',');   /* a decimal comma, as typed in many languages */
  if (!parse_digits (seconds, dot ? dot : end, n == 1 ? 9 : 2, &value))
    return bad_time (text, error);
  if (n > 1 && value >= 60)
    return bad_time (text, error);
  if (dot != NULL)
    {
      gint64 digits;
      guint len = end - dot - 1;

      if (!parse_digits (dot + 1, end, 3, &digits))
        return bad_time (text, error);
      frac = digits;
      for (guint i = len; i < 3; i++)
        frac *= 10;
    }
  total = total * 60 + value;
  *ms_out = total * 1000 + frac;
  return TRUE;
}

gboolean
coach_clip_edit_check_trim (gint64   in_ms,
                            gint64   out_ms,
                            gint64   duration_ms,
                            GError **error)
{
  if (in_ms < 0 || out_ms < 0)
    {
      g_set_error_literal (error, COACH_CLIP_EDIT_ERROR, COACH_CLIP_EDIT_ERROR_NEGATIVE,
                           _("Times cannot be negative"));
      return FALSE;
    }
  if (in_ms >= out_ms)
    {
      g_set_error_literal (error, COACH_CLIP_EDIT_ERROR, COACH_CLIP_EDIT_ERROR_IN_AFTER_OUT,
                           _("The start must come before the end"));
      return FALSE;
    }
  if (duration_ms > 0 && out_ms > duration_ms)
    {
      g_autofree char *length = coach_clip_edit_format_time (duration_ms);

      g_set_error (error, COACH_CLIP_EDIT_ERROR, COACH_CLIP_EDIT_ERROR_PAST_END,
                   _("The end is past the end of the clip (%s)"), length);
      return FALSE;
    }
  return TRUE;
}

void
coach_clip_edit_get_range (CoachRecord *clip,
                           gint64      *in_ms,
                           gint64      *out_ms)
{
  gint64 duration;

  g_return_if_fail (COACH_IS_RECORD (clip));

  duration = coach_record_is_null (clip, "duration_ms") ? 0 : coach_record_get_int (clip, "duration_ms");
  *in_ms = coach_record_is_null (clip, "trim_in_ms") ? 0 : coach_record_get_int (clip, "trim_in_ms");
  *out_ms = coach_record_is_null (clip, "trim_out_ms") ? duration : coach_record_get_int (clip, "trim_out_ms");
  if (*in_ms < 0 || (duration > 0 && *in_ms >= duration))
    *in_ms = 0;
  if (*out_ms <= *in_ms || (duration > 0 && *out_ms > duration))
    *out_ms = duration;
}

gboolean
coach_clip_edit_set_trim (CoachCatalog  *catalog,
                          CoachRecord   *clip,
                          gint64         in_ms,
                          gint64         out_ms,
                          GError       **error)
{
  gint64 duration;

  g_return_val_if_fail (COACH_IS_CATALOG (catalog), FALSE);
  g_return_val_if_fail (COACH_IS_RECORD (clip), FALSE);

  duration = coach_record_is_null (clip, "duration_ms") ? 0 : coach_record_get_int (clip, "duration_ms");
  if (!coach_clip_edit_check_trim (in_ms, out_ms, duration, error))
    return FALSE;
  coach_record_set_int (clip, "trim_in_ms", in_ms);
  coach_record_set_int (clip, "trim_out_ms", out_ms);
  return coach_catalog_save (catalog, clip, error);
}

GPtrArray *
coach_clip_edit_list_markers (CoachCatalog  *catalog,
                              const char    *clip_id,
                              GError       **error)
{
  GPtrArray *markers;

  g_return_val_if_fail (COACH_IS_CATALOG (catalog), NULL);
  g_return_val_if_fail (clip_id != NULL, NULL);

  markers = coach_catalog_list_where (catalog, "clip_marker", "clip_id", clip_id, error);
  if (markers != NULL)
    g_ptr_array_sort (markers, compare_markers);
  return markers;
}

CoachRecord *
coach_clip_edit_add_marker (CoachCatalog  *catalog,
                            CoachRecord   *clip,
                            gint64         t_ms,
                            const char    *text,
                            GError       **error)
{
  g_autoptr(CoachClipMarker) marker = NULL;
  gint64 duration;

  g_return_val_if_fail (COACH_IS_CATALOG (catalog), NULL);
  g_return_val_if_fail (COACH_IS_RECORD (clip), NULL);

  duration = coach_record_is_null (clip, "duration_ms") ? 0 : coach_record_get_int (clip, "duration_ms");
  if (t_ms < 0)
    {
      g_set_error_literal (error, COACH_CLIP_EDIT_ERROR, COACH_CLIP_EDIT_ERROR_NEGATIVE,
                           _("Times cannot be negative"));
      return NULL;
    }
  if (duration > 0 && t_ms > duration)
    {
      g_autofree char *length = coach_clip_edit_format_time (duration);

      g_set_error (error, COACH_CLIP_EDIT_ERROR, COACH_CLIP_EDIT_ERROR_PAST_END,
                   _("The marker is past the end of the clip (%s)"), length);
      return NULL;
    }

  marker = coach_clip_marker_new ();
  coach_record_set_string (COACH_RECORD (marker), "clip_id", coach_record_get_id (clip));
  coach_record_set_int (COACH_RECORD (marker), "t_ms", t_ms);
  if (text != NULL && *text != '\0')
    coach_record_set_string (COACH_RECORD (marker), "text", text);
  if (!coach_catalog_save (catalog, COACH_RECORD (marker), error))
    return NULL;
  return COACH_RECORD (g_steal_pointer (&marker));
}

gboolean
coach_clip_edit_set_marker_text (CoachCatalog  *catalog,
                                 CoachRecord   *marker,
                                 const char    *text,
                                 GError       **error)
{
  g_return_val_if_fail (COACH_IS_CATALOG (catalog), FALSE);
  g_return_val_if_fail (COACH_IS_RECORD (marker), FALSE);

  if (g_strcmp0 (text, coach_record_get_string (marker, "text")) == 0)
    return TRUE;
  if (text != NULL && *text != '\0')
    coach_record_set_string (marker, "text", text);
  else
    coach_record_set_null (marker, "text");
  return coach_catalog_save (catalog, marker, error);
}

gboolean
coach_clip_edit_set_details (CoachCatalog  *catalog,
                             CoachRecord   *clip,
                             const char    *title,
                             const char    *notes,
                             const char    *exercise_id,
                             GError       **error)
{
  g_autofree char *stripped = NULL;

  g_return_val_if_fail (COACH_IS_CATALOG (catalog), FALSE);
  g_return_val_if_fail (COACH_IS_RECORD (clip), FALSE);

  stripped = g_strstrip (g_strdup (title ? title : ""));
  if (*stripped == '\0')
    {
      g_set_error_literal (error, COACH_CATALOG_ERROR, COACH_CATALOG_ERROR_INVALID,
                           _("A clip needs a title"));
      return FALSE;
    }
  if (g_strcmp0 (stripped, coach_record_get_string (clip, "title")) != 0)
    coach_record_set_string (clip, "title", stripped);
  if (g_strcmp0 (notes && *notes ? notes : NULL, coach_record_get_string (clip, "notes")) != 0)
    {
      if (notes && *notes)
        coach_record_set_string (clip, "notes", notes);
      else
        coach_record_set_null (clip, "notes");
    }
  if (g_strcmp0 (exercise_id, coach_record_get_string (clip, "exercise_id")) != 0)
    {
      if (exercise_id)
        coach_record_set_string (clip, "exercise_id", exercise_id);
      else
        coach_record_set_null (clip, "exercise_id");
    }
  if (!coach_record_is_dirty (clip))
    return TRUE;
  return coach_catalog_save (catalog, clip, error);
}
