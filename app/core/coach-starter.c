/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coach-starter"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "coach-catalog-private.h"
#include "coach-record-private.h"
#include "coach-uuid.h"

#define STARTER_RESOURCE "/io/github/coachbook/core/starter-library.json"
#define STARTER_META_KEY "starter-library-version"

/* Starter rows get ids derived from their stable keys, so every install
 * has the same ids and a team whose coaches each start with the library
 * ends up with one copy of it. */
static char *
starter_id (const char *kind,
            const char *key)
{
  g_autofree char *name = g_strdup_printf ("starter:%s:%s", kind, key);

  return coach_uuid_v5 (COACH_UUID_NAMESPACE, name);
}

static gboolean
exists (CoachCatalog *self,
        const char   *table,
        const char   *id,
        GError      **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT 1 FROM \"%s\" WHERE id = ?", table);
  sqlite3_stmt *stmt = coach_db_prepare (_coach_catalog_get_db (self), sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  coach_db_bind_text (stmt, 1, id);
  rc = coach_db_step (_coach_catalog_get_db (self), stmt, error);
  sqlite3_reset (stmt);
  return rc == SQLITE_ROW;
}

static gboolean
copy_member (CoachRecord *record,
             JsonObject  *src,
             const char  *member,
             GError     **error)
{
  const CoachFieldInfo *field = coach_schema_lookup_field (coach_record_get_table (record), member);
  JsonNode *node;

  if (!json_object_has_member (src, member))
    return TRUE;
  node = json_object_get_member (src, member);
  if (!coach_schema_validate_value (coach_record_get_table (record), field, node, error))
    return FALSE;
  coach_record_set_value (record, member, node);
  return TRUE;
}

static gboolean
load_categories (CoachCatalog  *self,
                 JsonArray     *categories,
                 GError       **error)
{
  for (guint i = 0; i < json_array_get_length (categories); i++)
    {
      JsonObject *c = json_array_get_object_element (categories, i);
      const char *key = json_object_get_string_member_with_default (c, "key", NULL);
      g_autofree char *id = NULL;
      g_autoptr(CoachRecord) record = NULL;
      g_autoptr(GError) local_error = NULL;

      if (key == NULL)
        continue;
      id = starter_id ("category", key);
      if (exists (self, "category", id, &local_error))
        continue;
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }

      record = coach_record_new_for_table ("category", id);
      if (!copy_member (record, c, "name", error) ||
          !copy_member (record, c, "description", error) ||
          !copy_member (record, c, "color", error) ||
          !_coach_catalog_save_local (self, record, FALSE, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
load_exercises (CoachCatalog  *self,
                JsonArray     *exercises,
                GError       **error)
{
  static const char * const fields[] = {
    "name", "description", "instructions", "difficulty", "has_jump",
    "default_duration_s", "muscles", "equipment", "calories_per_min",
  };

  for (guint i = 0; i < json_array_get_length (exercises); i++)
    {
      JsonObject *e = json_array_get_object_element (exercises, i);
      const char *key = json_object_get_string_member_with_default (e, "key", NULL);
      g_autofree char *id = NULL;
      g_autoptr(CoachRecord) record = NULL;
      g_autoptr(GError) local_error = NULL;
      g_autoptr(GStrvBuilder) alternatives = g_strv_builder_new ();
      g_auto(GStrv) alt = NULL;
      JsonArray *array;

      if (key == NULL)
        continue;
      id = starter_id ("exercise", key);
      if (exists (self, "exercise", id, &local_error))
        continue;
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }

      record = coach_record_new_for_table ("exercise", id);
      for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
        if (!copy_member (record, e, fields[f], error))
          {
            g_prefix_error (error, "starter exercise “%s”: ", key);
            return FALSE;
          }

      array = json_object_has_member (e, "alternatives") ? json_object_get_array_member (e, "alternatives") : NULL;
      for (guint a = 0; array && a < json_array_get_length (array); a++)
        {
          g_autofree char *alt_id = starter_id ("exercise", json_array_get_string_element (array, a));
          g_strv_builder_add (alternatives, alt_id);
        }
      alt = g_strv_builder_end (alternatives);
      coach_record_set_strv (record, "alternatives", (const char * const *) alt);

      if (!_coach_catalog_save_local (self, record, FALSE, error))
        return FALSE;

      array = json_object_has_member (e, "categories") ? json_object_get_array_member (e, "categories") : NULL;
      for (guint c = 0; array && c < json_array_get_length (array); c++)
        {
          g_autofree char *cat_id = starter_id ("category", json_array_get_string_element (array, c));

          if (!_coach_catalog_link_local (self, "exercise_category", id, cat_id, error))
            return FALSE;
        }
    }
  return TRUE;
}

gboolean
coach_catalog_ensure_starter_library (CoachCatalog  *self,
                                      GError       **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autofree char *have = NULL;
  g_autofree char *want = NULL;
  JsonObject *root;

  g_return_val_if_fail (COACH_IS_CATALOG (self), FALSE);

  bytes = g_resources_lookup_data (STARTER_RESOURCE, 0, error);
  if (bytes == NULL)
    return FALSE;

  if (!json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), error))
    return FALSE;
  root = json_node_get_object (json_parser_get_root (parser));

  want = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member_with_default (root, "version", 1));
  have = coach_catalog_get_meta (self, STARTER_META_KEY);
  if (g_strcmp0 (have, want) == 0)
    return TRUE;

  /* A newer library only adds what is missing: rows a coach edited or
   * deleted stay as the coach left them. */
  if (!coach_catalog_begin (self, error))
    return FALSE;
  if (!load_categories (self, json_object_get_array_member (root, "categories"), error) ||
      !load_exercises (self, json_object_get_array_member (root, "exercises"), error) ||
      !coach_catalog_set_meta (self, STARTER_META_KEY, want, error))
    {
      coach_catalog_rollback (self);
      g_prefix_error (error, _("Could not load the starter library: "));
      return FALSE;
    }
  return coach_catalog_commit (self, error);
}
