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

/* ------------------------------------------------------------------------- */

static const char * const languages[] = { "en", "de", "fr", NULL };

const char * const *
coach_athlete_get_languages (void)
{
  return languages;
}

static JsonObject *
get_preferences (CoachRecord *athlete)
{
  JsonNode *node = coach_record_get_value (athlete, "preferences");

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

char *
coach_athlete_dup_language (CoachRecord *athlete)
{
  JsonObject *preferences;
  JsonNode *node;

  g_return_val_if_fail (COACH_IS_RECORD (athlete), NULL);
  g_return_val_if_fail (g_str_equal (coach_record_get_table_name (athlete), "athlete"), NULL);

  preferences = get_preferences (athlete);
  node = preferences ? json_object_get_member (preferences, "language") : NULL;
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  if (json_node_get_string (node)[0] == '\0')
    return NULL;
  return g_strdup (json_node_get_string (node));
}

gboolean
coach_athlete_set_language (CoachRecord  *athlete,
                            const char   *language,
                            GError      **error)
{
  g_autofree char *current = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonObject *preferences;
  JsonObject *copy;

  g_return_val_if_fail (COACH_IS_RECORD (athlete), FALSE);
  g_return_val_if_fail (g_str_equal (coach_record_get_table_name (athlete), "athlete"), FALSE);

  if (language != NULL && language[0] == '\0')
    language = NULL;
  if (language != NULL && !g_strv_contains (languages, language))
    {
      /* Translators: %s is a language code such as "es" */
      g_set_error (error, COACH_CATALOG_ERROR, COACH_CATALOG_ERROR_INVALID,
                   _("Emails cannot be written in “%s”."), language);
      return FALSE;
    }

  current = coach_athlete_dup_language (athlete);
  preferences = get_preferences (athlete);
  if (g_strcmp0 (current, language) == 0 &&
      (language != NULL || preferences == NULL || !json_object_has_member (preferences, "language")))
    return TRUE;

  /* A copy of the whole object: keys this version does not know (set by
   * a newer app or the server) travel on untouched. */
  copy = json_object_new ();
  if (preferences != NULL)
    {
      g_autoptr(GList) members = json_object_get_members (preferences);

      for (GList *l = members; l != NULL; l = l->next)
        json_object_set_member (copy, l->data, json_node_copy (json_object_get_member (preferences, l->data)));
    }
  if (language != NULL)
    json_object_set_string_member (copy, "language", language);
  else
    json_object_remove_member (copy, "language");

  node = json_node_init_object (json_node_alloc (), copy);
  json_object_unref (copy);
  coach_record_set_value (athlete, "preferences", node);
  return TRUE;
}
