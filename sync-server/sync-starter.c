/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coachbook-sync"

#include "config.h"

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "coach-uuid.h"
#include "sync-starter.h"

#define STARTER_RESOURCE "/io/github/coachbook/Sync/starter-library.json"

/* id -> name, read once from the library built into the binary */
static GHashTable *
exercise_names (void)
{
  static gsize once;
  static GHashTable *names;

  if (g_once_init_enter (&once))
    {
      GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_autoptr(GBytes) bytes = g_resources_lookup_data (STARTER_RESOURCE, 0, NULL);
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonNode *root = NULL;
      JsonArray *exercises = NULL;

      if (bytes != NULL &&
          json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL))
        root = json_parser_get_root (parser);
      if (root != NULL && JSON_NODE_HOLDS_OBJECT (root) &&
          json_object_has_member (json_node_get_object (root), "exercises"))
        exercises = json_object_get_array_member (json_node_get_object (root), "exercises");
      for (guint i = 0; exercises != NULL && i < json_array_get_length (exercises); i++)
        {
          JsonObject *e = json_array_get_object_element (exercises, i);
          const char *key = e ? json_object_get_string_member_with_default (e, "key", NULL) : NULL;
          const char *name = e ? json_object_get_string_member_with_default (e, "name", NULL) : NULL;
          g_autofree char *id_name = NULL;

          if (key == NULL || name == NULL)
            continue;
          /* the same derivation as the app's (app/core/coach-starter.c) */
          id_name = g_strdup_printf ("starter:exercise:%s", key);
          g_hash_table_insert (table, coach_uuid_v5 (COACH_UUID_NAMESPACE, id_name), g_strdup (name));
        }
      if (g_hash_table_size (table) == 0)
        g_warning ("the starter library built into this server has no exercises");
      names = table;
      g_once_init_leave (&once, 1);
    }
  return names;
}

const char *
sync_starter_exercise_name (const char *exercise_id)
{
  g_return_val_if_fail (exercise_id != NULL, NULL);

  return g_hash_table_lookup (exercise_names (), exercise_id);
}
