/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coach-athlete-check"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "coach-athlete-check.h"
#include "coach-session-plan.h"

/* ------------------------------------------------------------------------- */

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (; *text != '\0'; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return FALSE;
  return TRUE;
}

/* A domain label: letters, digits and inner hyphens (IDN in its Unicode
 * form is allowed: mail clients accept it). */
static gboolean
check_label (const char *label,
             gsize       length)
{
  if (length == 0 || length > 63 || label[0] == '-' || label[length - 1] == '-')
    return FALSE;
  for (const char *p = label; p < label + length; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != '-' && !g_unichar_isalnum (c))
        return FALSE;
    }
  return TRUE;
}

gboolean
coach_athlete_check_email (const char *email)
{
  const char *at;
  const char *domain;
  const char *p;
  guint labels = 0;

  if (email == NULL || !g_utf8_validate (email, -1, NULL))
    return FALSE;

  at = strchr (email, '@');
  if (at == NULL || at == email || strchr (at + 1, '@') != NULL)
    return FALSE;
  if (strlen (email) > 254 || at - email > 64)
    return FALSE;

  /* The local part: printable, no spaces, no leading, trailing or
   * doubled dots (quoted local parts are not worth the confusion). */
  if (email[0] == '.' || at[-1] == '.')
    return FALSE;
  for (p = email; p < at; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || !g_unichar_isprint (c) || strchr ("\"(),:;<>[\\]", (int) (c < 128 ? c : 'a')) != NULL)
        return FALSE;
      if (c == '.' && p[1] == '.')
        return FALSE;
    }

  domain = at + 1;
  for (p = domain; ; )
    {
      const char *dot = strchr (p, '.');
      gsize length = dot ? (gsize) (dot - p) : strlen (p);

      if (!check_label (p, length))
        return FALSE;
      labels++;
      if (dot == NULL)
        break;
      p = dot + 1;
    }
  /* "coach@localhost" is valid mail syntax but never an athlete's address. */
  return labels >= 2;
}

gboolean
coach_athlete_check (CoachRecord  *athlete,
                     const char  **invalid_field,
                     GError      **error)
{
  const char *email;

  g_return_val_if_fail (COACH_IS_RECORD (athlete), FALSE);
  g_return_val_if_fail (g_str_equal (coach_record_get_table_name (athlete), "athlete"), FALSE);

  if (invalid_field != NULL)
    *invalid_field = NULL;

  if (is_blank (coach_record_get_string (athlete, "name")))
    {
      if (invalid_field != NULL)
        *invalid_field = "name";
      g_set_error (error, COACH_CATALOG_ERROR, COACH_CATALOG_ERROR_INVALID,
                   _("Every athlete needs a name."));
      return FALSE;
    }

  email = coach_record_get_string (athlete, "email");
  if (!is_blank (email) && !coach_athlete_check_email (email))
    {
      if (invalid_field != NULL)
        *invalid_field = "email";
      /* Translators: %s is what the coach typed as an email address */
      g_set_error (error, COACH_CATALOG_ERROR, COACH_CATALOG_ERROR_INVALID,
                   _("“%s” is not an email address."), email);
      return FALSE;
    }
  if (is_blank (email) && coach_record_get_boolean (athlete, "email_consent"))
    {
      if (invalid_field != NULL)
        *invalid_field = "email";
      g_set_error (error, COACH_CATALOG_ERROR, COACH_CATALOG_ERROR_INVALID,
                   _("Emails need an address to go to."));
      return FALSE;
    }

  return coach_record_validate_full (athlete, invalid_field, error);
}

gboolean
coach_athlete_save_group (CoachCatalog        *catalog,
                          CoachRecord         *group,
                          const char * const  *member_ids,
                          const char         **invalid_field,
                          GError             **error)
{
  g_return_val_if_fail (COACH_IS_CATALOG (catalog), FALSE);
  g_return_val_if_fail (COACH_IS_RECORD (group), FALSE);
  g_return_val_if_fail (g_str_equal (coach_record_get_table_name (group), "athlete_group"), FALSE);

  if (invalid_field != NULL)
    *invalid_field = NULL;
  if (is_blank (coach_record_get_string (group, "name")))
    {
      if (invalid_field != NULL)
        *invalid_field = "name";
      g_set_error (error, COACH_CATALOG_ERROR, COACH_CATALOG_ERROR_INVALID,
                   _("Every group needs a name."));
      return FALSE;
    }
  if (!coach_record_validate_full (group, invalid_field, error))
    return FALSE;

  if (!coach_catalog_begin (catalog, error))
    return FALSE;
  if (!coach_catalog_save (catalog, group, error) ||
      !coach_session_plan_set_links (catalog, "group_member", coach_record_get_id (group),
                                     member_ids, error))
    {
      coach_catalog_rollback (catalog);
      return FALSE;
    }
  return coach_catalog_commit (catalog, error);
}
