/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coach-wire"

#include "config.h"

#include <string.h>

#include "coach-uuid.h"
#include "coach-wire.h"

G_DEFINE_QUARK (coach-wire-error-quark, coach_wire_error)

/* Names a mutation may not set: they are the row's identity or what the
 * server stamps on it. */
static const char * const reserved_fields[] = {
  "id", "deleted", "server_version", "team_id", "updated_by_device", NULL
};

/* ------------------------------------------------------------------------- */
/* JSON utilities */

static gboolean
node_is_type (JsonNode *node,
              GType     type)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

/* Returns FALSE when the member is there but not an integer. */
static gboolean
get_optional_int (JsonObject *object,
                  const char *name,
                  gint64      fallback,
                  gint64     *out)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      *out = fallback;
      return TRUE;
    }
  if (!node_is_type (node, G_TYPE_INT64))
    return FALSE;
  *out = json_node_get_int (node);
  return TRUE;
}

/* Returns FALSE when the member is there but not a string. */
static gboolean
get_optional_string (JsonObject  *object,
                     const char  *name,
                     char       **out)
{
  JsonNode *node = json_object_get_member (object, name);

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!node_is_type (node, G_TYPE_STRING))
    return FALSE;
  *out = g_strdup (json_node_get_string (node));
  return TRUE;
}

static gboolean
malformed (GError     **error,
           const char  *what)
{
  g_set_error (error, COACH_WIRE_ERROR, COACH_WIRE_ERROR_MALFORMED, "%s", what);
  return FALSE;
}

/* ------------------------------------------------------------------------- */
/* Errors and ops */

const char *
coach_wire_error_code (const GError *error)
{
  g_return_val_if_fail (error != NULL, "invalid_mutation");

  if (error->domain == COACH_WIRE_ERROR)
    {
      switch ((CoachWireError) error->code)
        {
        case COACH_WIRE_ERROR_MALFORMED:
        case COACH_WIRE_ERROR_INVALID_MUTATION:
          return "invalid_mutation";
        case COACH_WIRE_ERROR_UNKNOWN_TABLE:
          return "unknown_table";
        case COACH_WIRE_ERROR_READ_ONLY:
          return "read_only";
        case COACH_WIRE_ERROR_INVALID_FIELD:
          return "invalid_field";
        case COACH_WIRE_ERROR_DELETED:
          return "deleted";
        default:
          break;
        }
    }
  if (error->domain == COACH_SCHEMA_ERROR)
    return error->code == COACH_SCHEMA_ERROR_UNKNOWN_TABLE ? "unknown_table" : "invalid_field";
  return "invalid_mutation";
}

const char *
coach_wire_op_to_string (CoachWireOp op)
{
  return op == COACH_WIRE_OP_DELETE ? "delete" : "upsert";
}

gboolean
coach_wire_op_from_string (const char  *str,
                           CoachWireOp *op)
{
  if (g_strcmp0 (str, "upsert") == 0)
    *op = COACH_WIRE_OP_UPSERT;
  else if (g_strcmp0 (str, "delete") == 0)
    *op = COACH_WIRE_OP_DELETE;
  else
    return FALSE;
  return TRUE;
}

/* ------------------------------------------------------------------------- */
/* Mutations */

CoachWireMutation *
coach_wire_mutation_new (gint64       mid,
                         const char  *table,
                         CoachWireOp  op,
                         const char  *id,
                         JsonObject  *fields)
{
  CoachWireMutation *m = g_new0 (CoachWireMutation, 1);

  m->mid = mid;
  m->table = g_strdup (table);
  m->op = op;
  m->id = id ? g_ascii_strdown (id, -1) : NULL;
  m->fields = fields ? json_object_ref (fields) : json_object_new ();
  m->base_version = -1;
  return m;
}

void
coach_wire_mutation_free (CoachWireMutation *mutation)
{
  if (mutation == NULL)
    return;
  g_free (mutation->table);
  g_free (mutation->id);
  g_clear_pointer (&mutation->fields, json_object_unref);
  g_free (mutation->invalid);
  g_free (mutation);
}

/* Reads one element of "mutations". FALSE only when there is no usable
 * mid; anything else wrong is kept in ->invalid for a per-mutation
 * rejection. */
static CoachWireMutation *
mutation_from_json (JsonNode  *node,
                    GError   **error)
{
  g_autoptr(CoachWireMutation) m = NULL;
  JsonObject *object;
  JsonNode *fields;
  g_autofree char *op = NULL;
  gint64 mid;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      malformed (error, "every mutation must be an object");
      return NULL;
    }
  object = json_node_get_object (node);
  if (!get_optional_int (object, "mid", 0, &mid) || mid <= 0)
    {
      malformed (error, "every mutation needs a positive integer mid");
      return NULL;
    }

  m = g_new0 (CoachWireMutation, 1);
  m->mid = mid;
  m->base_version = -1;

  if (!get_optional_string (object, "table", &m->table) || m->table == NULL)
    m->invalid = g_strdup ("table must be a string");
  else if (!get_optional_string (object, "op", &op) || !coach_wire_op_from_string (op, &m->op))
    m->invalid = g_strdup ("op must be \"upsert\" or \"delete\"");
  else if (!get_optional_string (object, "id", &m->id) || !coach_uuid_is_valid (m->id))
    m->invalid = g_strdup ("id must be a UUID");
  else if (!get_optional_int (object, "base_version", -1, &m->base_version))
    m->invalid = g_strdup ("base_version must be an integer");

  if (m->id != NULL)
    {
      char *lower = g_ascii_strdown (m->id, -1);
      g_free (m->id);
      m->id = lower;
    }

  fields = json_object_get_member (object, "fields");
  if (fields != NULL && JSON_NODE_HOLDS_OBJECT (fields))
    m->fields = json_object_ref (json_node_get_object (fields));
  else
    {
      m->fields = json_object_new ();
      if (fields != NULL && !JSON_NODE_HOLDS_NULL (fields) && m->invalid == NULL)
        m->invalid = g_strdup ("fields must be an object");
    }

  return g_steal_pointer (&m);
}

gboolean
coach_wire_mutation_validate (const CoachWireMutation  *mutation,
                              gboolean                  row_exists,
                              GError                  **error)
{
  const CoachTableInfo *table;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (mutation != NULL, FALSE);

  if (mutation->invalid != NULL)
    {
      g_set_error (error, COACH_WIRE_ERROR, COACH_WIRE_ERROR_INVALID_MUTATION,
                   "%s", mutation->invalid);
      return FALSE;
    }

  table = coach_schema_lookup_table (mutation->table);
  if (table == NULL)
    {
      g_set_error (error, COACH_WIRE_ERROR, COACH_WIRE_ERROR_UNKNOWN_TABLE,
                   "unknown table \"%s\"", mutation->table);
      return FALSE;
    }
  if (table->flags & COACH_TABLE_FLAG_SERVER_WRITES)
    {
      g_set_error (error, COACH_WIRE_ERROR, COACH_WIRE_ERROR_READ_ONLY,
                   "%s rows are written by the server only", table->name);
      return FALSE;
    }
  if (!coach_uuid_is_valid (mutation->id))
    {
      g_set_error (error, COACH_WIRE_ERROR, COACH_WIRE_ERROR_INVALID_MUTATION,
                   "id must be a UUID");
      return FALSE;
    }

  if (mutation->op == COACH_WIRE_OP_DELETE)
    return TRUE;

  for (guint i = 0; reserved_fields[i] != NULL; i++)
    {
      if (json_object_has_member (mutation->fields, reserved_fields[i]))
        {
          g_set_error (error, COACH_WIRE_ERROR, COACH_WIRE_ERROR_INVALID_FIELD,
                       "%s.%s cannot be set by a client", table->name, reserved_fields[i]);
          return FALSE;
        }
    }

  if (!coach_schema_validate_fields (table, mutation->fields, !row_exists, &local_error))
    {
      g_set_error (error, COACH_WIRE_ERROR, COACH_WIRE_ERROR_INVALID_FIELD,
                   "%s", local_error->message);
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------------- */
/* Push request */

CoachWirePush *
coach_wire_push_new (void)
{
  CoachWirePush *push = g_new0 (CoachWirePush, 1);

  push->schema_version = COACH_SCHEMA_VERSION;
  push->mutations = g_ptr_array_new_with_free_func ((GDestroyNotify) coach_wire_mutation_free);
  return push;
}

void
coach_wire_push_free (CoachWirePush *push)
{
  if (push == NULL)
    return;
  g_free (push->device_id);
  g_free (push->epoch);
  g_ptr_array_unref (push->mutations);
  g_free (push);
}

CoachWirePush *
coach_wire_push_from_json (JsonNode  *node,
                           GError   **error)
{
  g_autoptr(CoachWirePush) push = coach_wire_push_new ();
  JsonObject *object;
  JsonNode *mutations;
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      malformed (error, "the body must be a JSON object");
      return NULL;
    }
  object = json_node_get_object (node);

  if (!json_object_has_member (object, "schema_version") ||
      !get_optional_int (object, "schema_version", 0, &push->schema_version))
    {
      malformed (error, "schema_version must be an integer");
      return NULL;
    }
  if (!get_optional_string (object, "device_id", &push->device_id))
    {
      malformed (error, "device_id must be a string");
      return NULL;
    }
  if (!get_optional_string (object, "epoch", &push->epoch))
    {
      malformed (error, "epoch must be a string");
      return NULL;
    }

  mutations = json_object_get_member (object, "mutations");
  if (mutations == NULL || !JSON_NODE_HOLDS_ARRAY (mutations))
    {
      malformed (error, "mutations must be an array");
      return NULL;
    }
  array = json_node_get_array (mutations);
  if (json_array_get_length (array) > COACH_WIRE_MAX_MUTATIONS)
    {
      g_set_error (error, COACH_WIRE_ERROR, COACH_WIRE_ERROR_MALFORMED,
                   "a push carries at most %d mutations", COACH_WIRE_MAX_MUTATIONS);
      return NULL;
    }

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      CoachWireMutation *m = mutation_from_json (json_array_get_element (array, i), error);

      if (m == NULL)
        return NULL;
      g_ptr_array_add (push->mutations, m);
    }

  return g_steal_pointer (&push);
}

JsonNode *
coach_wire_push_to_json (const CoachWirePush *push)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (push != NULL, NULL);

  json_builder_begin_object (builder);
  if (push->device_id != NULL)
    {
      json_builder_set_member_name (builder, "device_id");
      json_builder_add_string_value (builder, push->device_id);
    }
  if (push->epoch != NULL)
    {
      json_builder_set_member_name (builder, "epoch");
      json_builder_add_string_value (builder, push->epoch);
    }
  json_builder_set_member_name (builder, "schema_version");
  json_builder_add_int_value (builder, push->schema_version);
  json_builder_set_member_name (builder, "mutations");
  json_builder_begin_array (builder);
  for (guint i = 0; i < push->mutations->len; i++)
    {
      const CoachWireMutation *m = g_ptr_array_index (push->mutations, i);
      JsonNode *fields = json_node_new (JSON_NODE_OBJECT);

      json_node_set_object (fields, m->fields);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "mid");
      json_builder_add_int_value (builder, m->mid);
      json_builder_set_member_name (builder, "table");
      json_builder_add_string_value (builder, m->table);
      json_builder_set_member_name (builder, "op");
      json_builder_add_string_value (builder, coach_wire_op_to_string (m->op));
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, m->id);
      json_builder_set_member_name (builder, "fields");
      json_builder_add_value (builder, fields);
      if (m->base_version >= 0)
        {
          json_builder_set_member_name (builder, "base_version");
          json_builder_add_int_value (builder, m->base_version);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/* ------------------------------------------------------------------------- */
/* Push result */

static void
rejection_free (CoachWireRejection *rejection)
{
  g_free (rejection->error);
  g_free (rejection->message);
  g_free (rejection);
}

CoachWirePushResult *
coach_wire_push_result_new (void)
{
  CoachWirePushResult *result = g_new0 (CoachWirePushResult, 1);

  result->rejected = g_ptr_array_new_with_free_func ((GDestroyNotify) rejection_free);
  return result;
}

void
coach_wire_push_result_free (CoachWirePushResult *result)
{
  if (result == NULL)
    return;
  g_ptr_array_unref (result->rejected);
  g_free (result);
}

void
coach_wire_push_result_reject (CoachWirePushResult *result,
                               gint64               mid,
                               const GError        *error)
{
  CoachWireRejection *rejection = g_new0 (CoachWireRejection, 1);

  rejection->mid = mid;
  rejection->error = g_strdup (coach_wire_error_code (error));
  rejection->message = g_strdup (error->message);
  g_ptr_array_add (result->rejected, rejection);
}

CoachWirePushResult *
coach_wire_push_result_from_json (JsonNode  *node,
                                  GError   **error)
{
  g_autoptr(CoachWirePushResult) result = coach_wire_push_result_new ();
  JsonObject *object;
  JsonNode *rejected;
  JsonNode *gap;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      malformed (error, "the push result must be an object");
      return NULL;
    }
  object = json_node_get_object (node);
  if (!get_optional_int (object, "last_mid", 0, &result->last_mid) ||
      !get_optional_int (object, "server_version", 0, &result->server_version))
    {
      malformed (error, "last_mid and server_version must be integers");
      return NULL;
    }

  rejected = json_object_get_member (object, "rejected");
  if (rejected != NULL && JSON_NODE_HOLDS_ARRAY (rejected))
    {
      JsonArray *array = json_node_get_array (rejected);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *e = json_array_get_element (array, i);
          CoachWireRejection *r;
          JsonObject *o;

          if (!JSON_NODE_HOLDS_OBJECT (e))
            {
              malformed (error, "every rejection must be an object");
              return NULL;
            }
          o = json_node_get_object (e);
          r = g_new0 (CoachWireRejection, 1);
          g_ptr_array_add (result->rejected, r);
          if (!get_optional_int (o, "mid", 0, &r->mid) ||
              !get_optional_string (o, "error", &r->error) ||
              !get_optional_string (o, "message", &r->message))
            {
              malformed (error, "a rejection needs mid, error and message");
              return NULL;
            }
        }
    }

  gap = json_object_get_member (object, "gap");
  if (gap != NULL && JSON_NODE_HOLDS_OBJECT (gap))
    {
      JsonObject *o = json_node_get_object (gap);

      if (!get_optional_int (o, "expected", 0, &result->gap_expected) ||
          !get_optional_int (o, "got", 0, &result->gap_got))
        {
          malformed (error, "gap needs expected and got");
          return NULL;
        }
    }

  return g_steal_pointer (&result);
}

JsonNode *
coach_wire_push_result_to_json (const CoachWirePushResult *result)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (result != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "last_mid");
  json_builder_add_int_value (builder, result->last_mid);
  json_builder_set_member_name (builder, "server_version");
  json_builder_add_int_value (builder, result->server_version);
  json_builder_set_member_name (builder, "rejected");
  json_builder_begin_array (builder);
  for (guint i = 0; i < result->rejected->len; i++)
    {
      const CoachWireRejection *r = g_ptr_array_index (result->rejected, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "mid");
      json_builder_add_int_value (builder, r->mid);
      json_builder_set_member_name (builder, "error");
      json_builder_add_string_value (builder, r->error);
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, r->message);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  if (result->gap_expected > 0)
    {
      json_builder_set_member_name (builder, "gap");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "expected");
      json_builder_add_int_value (builder, result->gap_expected);
      json_builder_set_member_name (builder, "got");
      json_builder_add_int_value (builder, result->gap_got);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/* ------------------------------------------------------------------------- */
/* Pull response */

void
coach_wire_change_free (CoachWireChange *change)
{
  if (change == NULL)
    return;
  g_free (change->table);
  g_free (change->id);
  g_clear_pointer (&change->fields, json_object_unref);
  g_free (change);
}

void
coach_wire_pull_free (CoachWirePull *pull)
{
  if (pull == NULL)
    return;
  g_free (pull->epoch);
  g_clear_pointer (&pull->changes, g_ptr_array_unref);
  g_clear_pointer (&pull->overwritten, g_ptr_array_unref);
  g_free (pull);
}

void
coach_wire_overwrite_free (CoachWireOverwrite *overwrite)
{
  if (overwrite == NULL)
    return;
  g_free (overwrite->table);
  g_free (overwrite->id);
  g_free (overwrite->field);
  g_clear_pointer (&overwrite->value, json_node_unref);
  g_free (overwrite);
}

static CoachWireOverwrite *
overwrite_from_json (JsonNode  *node,
                     GError   **error)
{
  g_autoptr(CoachWireOverwrite) overwrite = g_new0 (CoachWireOverwrite, 1);
  JsonObject *object;
  JsonNode *value;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      malformed (error, "every overwritten edit must be an object");
      return NULL;
    }
  object = json_node_get_object (node);
  value = json_object_get_member (object, "value");
  if (!get_optional_string (object, "table", &overwrite->table) || overwrite->table == NULL ||
      !get_optional_string (object, "id", &overwrite->id) || !coach_uuid_is_valid (overwrite->id) ||
      !get_optional_string (object, "field", &overwrite->field) || overwrite->field == NULL ||
      !get_optional_int (object, "version", -1, &overwrite->version) || overwrite->version <= 0 ||
      value == NULL)
    {
      malformed (error, "an overwritten edit needs table, id, field, value and version");
      return NULL;
    }
  overwrite->value = json_node_copy (value);
  return g_steal_pointer (&overwrite);
}

static CoachWireChange *
change_from_json (JsonNode  *node,
                  GError   **error)
{
  g_autoptr(CoachWireChange) change = g_new0 (CoachWireChange, 1);
  JsonObject *object;
  JsonNode *fields;
  JsonNode *deleted;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      malformed (error, "every change must be an object");
      return NULL;
    }
  object = json_node_get_object (node);

  if (!get_optional_string (object, "table", &change->table) || change->table == NULL ||
      !get_optional_string (object, "id", &change->id) || !coach_uuid_is_valid (change->id) ||
      !get_optional_int (object, "version", -1, &change->version) || change->version <= 0)
    {
      malformed (error, "a change needs table, id and version");
      return NULL;
    }

  deleted = json_object_get_member (object, "deleted");
  if (deleted != NULL && !node_is_type (deleted, G_TYPE_BOOLEAN))
    {
      malformed (error, "deleted must be true or false");
      return NULL;
    }
  change->deleted = deleted ? json_node_get_boolean (deleted) : FALSE;

  fields = json_object_get_member (object, "fields");
  if (fields != NULL && JSON_NODE_HOLDS_OBJECT (fields))
    change->fields = json_object_ref (json_node_get_object (fields));
  else if (fields == NULL || JSON_NODE_HOLDS_NULL (fields))
    change->fields = json_object_new ();
  else
    {
      malformed (error, "fields must be an object");
      return NULL;
    }

  return g_steal_pointer (&change);
}

CoachWirePull *
coach_wire_pull_from_json (JsonNode  *node,
                           GError   **error)
{
  g_autoptr(CoachWirePull) pull = g_new0 (CoachWirePull, 1);
  JsonObject *object;
  JsonNode *has_more;
  JsonNode *changes;
  JsonArray *array;

  pull->changes = g_ptr_array_new_with_free_func ((GDestroyNotify) coach_wire_change_free);
  pull->overwritten = g_ptr_array_new_with_free_func ((GDestroyNotify) coach_wire_overwrite_free);

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      malformed (error, "the pull result must be an object");
      return NULL;
    }
  object = json_node_get_object (node);

  if (!get_optional_string (object, "epoch", &pull->epoch) || pull->epoch == NULL ||
      !get_optional_int (object, "cursor", -1, &pull->cursor) || pull->cursor < 0 ||
      !get_optional_int (object, "last_mid", 0, &pull->last_mid))
    {
      malformed (error, "a pull result needs epoch, cursor and last_mid");
      return NULL;
    }

  has_more = json_object_get_member (object, "has_more");
  if (!node_is_type (has_more, G_TYPE_BOOLEAN))
    {
      malformed (error, "has_more must be true or false");
      return NULL;
    }
  pull->has_more = json_node_get_boolean (has_more);

  changes = json_object_get_member (object, "changes");
  if (changes == NULL || !JSON_NODE_HOLDS_ARRAY (changes))
    {
      malformed (error, "changes must be an array");
      return NULL;
    }
  array = json_node_get_array (changes);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      CoachWireChange *change = change_from_json (json_array_get_element (array, i), error);

      if (change == NULL)
        return NULL;
      g_ptr_array_add (pull->changes, change);
    }

  /* optional: servers before it never send it */
  changes = json_object_get_member (object, "overwritten");
  if (changes != NULL && !JSON_NODE_HOLDS_NULL (changes))
    {
      if (!JSON_NODE_HOLDS_ARRAY (changes))
        {
          malformed (error, "overwritten must be an array");
          return NULL;
        }
      array = json_node_get_array (changes);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          CoachWireOverwrite *overwrite = overwrite_from_json (json_array_get_element (array, i), error);

          if (overwrite == NULL)
            return NULL;
          g_ptr_array_add (pull->overwritten, overwrite);
        }
    }

  return g_steal_pointer (&pull);
}

/* ------------------------------------------------------------------------- */
/* Error bodies */

JsonNode *
coach_wire_error_to_json (const char *code,
                          const char *message)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (code != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "error");
  json_builder_add_string_value (builder, code);
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, message ? message : code);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

gboolean
coach_wire_error_from_json (JsonNode  *node,
                            char     **code,
                            char     **message)
{
  JsonObject *object;
  g_autofree char *c = NULL;
  g_autofree char *m = NULL;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;
  object = json_node_get_object (node);
  if (!get_optional_string (object, "error", &c) || c == NULL ||
      !get_optional_string (object, "message", &m))
    return FALSE;
  if (code)
    *code = g_steal_pointer (&c);
  if (message)
    *message = g_steal_pointer (&m);
  return TRUE;
}
