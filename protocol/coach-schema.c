/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coach-schema"

#include "config.h"

#include <string.h>

#include "coach-schema.h"
#include "coach-uuid.h"

G_DEFINE_QUARK (coach-schema-error-quark, coach_schema_error)

/* ------------------------------------------------------------------------- */
/* Field descriptors. Every synced row also has id, updated_at and deleted;
 * those are not listed here. The order of fields is part of nothing: lookups
 * go by name. */

static const char * const difficulty_values[] = { "easy", "medium", "hard", NULL };
static const char * const clip_status_values[] = { "pending", "processing", "ready", "failed", NULL };
static const char * const workout_status_values[] = { "draft", "ready", "archived", NULL };
static const char * const intensity_values[] = { "low", "medium", "high", NULL };
static const char * const item_kind_values[] = { "timed", "sets", NULL };
static const char * const level_values[] = { "beginner", "intermediate", "advanced", NULL };
static const char * const session_status_values[] = { "planned", "done", "cancelled", NULL };
static const char * const delivery_status_values[] = { "queued", "sent", "failed", "dead", NULL };

#define TEXT(n)            { .name = n, .type = COACH_FIELD_TEXT }
#define TEXT_REQ(n)        { .name = n, .type = COACH_FIELD_TEXT, .required = TRUE, .max_length = 200 }
#define SHORT_TEXT(n)      { .name = n, .type = COACH_FIELD_TEXT, .max_length = 320 }
#define INT(n, lo, hi)     { .name = n, .type = COACH_FIELD_INT, .min = lo, .max = hi }
#define INT_DEF(n, lo, hi, d) { .name = n, .type = COACH_FIELD_INT, .min = lo, .max = hi, .default_sql = d }
#define REAL(n, lo, hi)    { .name = n, .type = COACH_FIELD_REAL, .min = lo, .max = hi }
#define BOOL(n)            { .name = n, .type = COACH_FIELD_BOOL, .default_sql = "0" }
#define ENUM(n, v, d)      { .name = n, .type = COACH_FIELD_ENUM, .enum_values = v, .default_sql = d }
#define REF(n, t)          { .name = n, .type = COACH_FIELD_REF, .ref_table = t }
#define REF_REQ(n, t)      { .name = n, .type = COACH_FIELD_REF, .ref_table = t, .required = TRUE }
#define STRV(n)            { .name = n, .type = COACH_FIELD_STRV, .default_sql = "'[]'" }
#define JSON(n)            { .name = n, .type = COACH_FIELD_JSON, .default_sql = "'{}'" }

#define DAY (24 * 3600)

static const CoachFieldInfo exercise_fields[] = {
  TEXT_REQ ("name"),
  TEXT ("description"),
  TEXT ("instructions"),
  ENUM ("difficulty", difficulty_values, "'medium'"),
  BOOL ("has_jump"),
  INT_DEF ("default_duration_s", 0, DAY, "30"),
  STRV ("muscles"),
  STRV ("equipment"),
  REAL ("calories_per_min", 0, 100),
  REF ("primary_clip_id", "clip"),
  STRV ("alternatives"),
  BOOL ("archived"),
};

static const CoachFieldInfo category_fields[] = {
  TEXT_REQ ("name"),
  TEXT ("description"),
  SHORT_TEXT ("color"),
};

static const CoachFieldInfo exercise_category_fields[] = {
  REF_REQ ("exercise_id", "exercise"),
  REF_REQ ("category_id", "category"),
};

static const CoachFieldInfo tag_fields[] = {
  TEXT_REQ ("name"),
  SHORT_TEXT ("color"),
};

static const CoachFieldInfo exercise_tag_fields[] = {
  REF_REQ ("exercise_id", "exercise"),
  REF_REQ ("tag_id", "tag"),
};

static const CoachFieldInfo clip_tag_fields[] = {
  REF_REQ ("clip_id", "clip"),
  REF_REQ ("tag_id", "tag"),
};

static const CoachFieldInfo clip_fields[] = {
  TEXT_REQ ("title"),
  TEXT ("notes"),
  SHORT_TEXT ("original_name"),
  SHORT_TEXT ("sha256"),
  INT ("size", 0, G_MAXINT64),
  INT ("duration_ms", 0, G_MAXINT64),
  INT ("width", 0, 65535),
  INT ("height", 0, 65535),
  REAL ("frame_rate", 0, 1000),
  INT ("rotation", 0, 359),
  SHORT_TEXT ("container"),
  SHORT_TEXT ("video_codec"),
  SHORT_TEXT ("audio_codec"),
  SHORT_TEXT ("proxy_sha256"),
  SHORT_TEXT ("thumbnail_sha256"),
  INT ("trim_in_ms", 0, G_MAXINT64),
  INT ("trim_out_ms", 0, G_MAXINT64),
  REF ("exercise_id", "exercise"),
  ENUM ("status", clip_status_values, "'pending'"),
  TEXT ("error"),
};

static const CoachFieldInfo clip_marker_fields[] = {
  REF_REQ ("clip_id", "clip"),
  INT_DEF ("t_ms", 0, G_MAXINT64, "0"),
  TEXT ("text"),
};

static const CoachFieldInfo workout_fields[] = {
  TEXT_REQ ("name"),
  TEXT ("description"),
  INT_DEF ("work_s", 0, DAY, "40"),
  INT_DEF ("rest_s", 0, DAY, "20"),
  INT_DEF ("rounds", 1, 100, "1"),
  INT_DEF ("warmup_s", 0, DAY, "0"),
  INT_DEF ("cooldown_s", 0, DAY, "0"),
  INT ("target_duration_s", 0, DAY),
  ENUM ("intensity", intensity_values, "'medium'"),
  BOOL ("no_jump"),
  BOOL ("no_repeat"),
  ENUM ("status", workout_status_values, "'draft'"),
  INT_DEF ("total_duration_s", 0, 100 * DAY, "0"),
};

static const CoachFieldInfo workout_item_fields[] = {
  REF_REQ ("workout_id", "workout"),
  REF_REQ ("exercise_id", "exercise"),
  { .name = "position", .type = COACH_FIELD_TEXT, .required = TRUE, .max_length = 128 },
  ENUM ("kind", item_kind_values, "'timed'"),
  INT ("work_s", 0, DAY),
  INT ("rest_s", 0, DAY),
  INT ("sets", 0, 1000),
  INT ("reps", 0, 10000),
  REAL ("load_kg", 0, 10000),
  TEXT ("notes"),
};

static const CoachFieldInfo athlete_fields[] = {
  TEXT_REQ ("name"),
  SHORT_TEXT ("email"),
  BOOL ("email_consent"),
  ENUM ("level", level_values, "'intermediate'"),
  JSON ("preferences"),
  TEXT ("notes"),
  BOOL ("archived"),
};

static const CoachFieldInfo group_fields[] = {
  TEXT_REQ ("name"),
  TEXT ("description"),
  BOOL ("archived"),
};

static const CoachFieldInfo group_member_fields[] = {
  REF_REQ ("group_id", "athlete_group"),
  REF_REQ ("athlete_id", "athlete"),
};

static const CoachFieldInfo session_fields[] = {
  REF ("workout_id", "workout"),
  SHORT_TEXT ("title"),
  /* RFC 3339 with offset, plus the IANA zone so "every Tuesday 18:00"
   * survives daylight saving changes */
  { .name = "starts_at", .type = COACH_FIELD_TEXT, .required = TRUE, .max_length = 64 },
  SHORT_TEXT ("timezone"),
  INT ("duration_s", 0, DAY),
  SHORT_TEXT ("location"),
  TEXT ("notes"),
  BOOL ("notify"),
  ENUM ("status", session_status_values, "'planned'"),
};

static const CoachFieldInfo session_athlete_fields[] = {
  REF_REQ ("session_id", "session"),
  REF_REQ ("athlete_id", "athlete"),
};

static const CoachFieldInfo session_group_fields[] = {
  REF_REQ ("session_id", "session"),
  REF_REQ ("group_id", "athlete_group"),
};

static const CoachFieldInfo session_log_fields[] = {
  REF_REQ ("session_id", "session"),
  REF_REQ ("athlete_id", "athlete"),
  BOOL ("completed"),
  INT ("rpe", 0, 10),
  TEXT ("feedback"),
};

static const CoachFieldInfo delivery_fields[] = {
  REF_REQ ("session_id", "session"),
  REF_REQ ("athlete_id", "athlete"),
  ENUM ("status", delivery_status_values, "'queued'"),
  TEXT ("error"),
  SHORT_TEXT ("sent_at"),
};

/* A coach's request to email a session to one athlete again (after a
 * failed delivery): one row per request, the server sends once per row. */
static const CoachFieldInfo delivery_resend_fields[] = {
  REF_REQ ("session_id", "session"),
  REF_REQ ("athlete_id", "athlete"),
};

#define TABLE(n, f, fl) { n, f, G_N_ELEMENTS (f), fl }

/* Order matters for import and for first sync: referenced tables first. */
static const CoachTableInfo tables[] = {
  TABLE ("category", category_fields, COACH_TABLE_FLAG_NONE),
  TABLE ("tag", tag_fields, COACH_TABLE_FLAG_NONE),
  TABLE ("exercise", exercise_fields, COACH_TABLE_FLAG_NONE),
  TABLE ("clip", clip_fields, COACH_TABLE_FLAG_NONE),
  TABLE ("clip_marker", clip_marker_fields, COACH_TABLE_FLAG_NONE),
  TABLE ("exercise_category", exercise_category_fields, COACH_TABLE_FLAG_LINK),
  TABLE ("exercise_tag", exercise_tag_fields, COACH_TABLE_FLAG_LINK),
  TABLE ("clip_tag", clip_tag_fields, COACH_TABLE_FLAG_LINK),
  TABLE ("workout", workout_fields, COACH_TABLE_FLAG_NONE),
  TABLE ("workout_item", workout_item_fields, COACH_TABLE_FLAG_NONE),
  TABLE ("athlete", athlete_fields, COACH_TABLE_FLAG_NONE),
  TABLE ("athlete_group", group_fields, COACH_TABLE_FLAG_NONE),
  TABLE ("group_member", group_member_fields, COACH_TABLE_FLAG_LINK),
  TABLE ("session", session_fields, COACH_TABLE_FLAG_NONE),
  TABLE ("session_athlete", session_athlete_fields, COACH_TABLE_FLAG_LINK),
  TABLE ("session_group", session_group_fields, COACH_TABLE_FLAG_LINK),
  TABLE ("session_log", session_log_fields, COACH_TABLE_FLAG_NONE),
  TABLE ("delivery", delivery_fields, COACH_TABLE_FLAG_SERVER_WRITES),
  TABLE ("delivery_resend", delivery_resend_fields, COACH_TABLE_FLAG_NONE),
};

const CoachTableInfo *
coach_schema_get_tables (guint *n_tables)
{
  if (n_tables)
    *n_tables = G_N_ELEMENTS (tables);
  return tables;
}

const CoachTableInfo *
coach_schema_lookup_table (const char *name)
{
  if (name == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    if (strcmp (tables[i].name, name) == 0)
      return &tables[i];
  return NULL;
}

int
coach_schema_field_index (const CoachTableInfo *table,
                          const char           *name)
{
  g_return_val_if_fail (table != NULL, -1);

  if (name == NULL)
    return -1;
  for (guint i = 0; i < table->n_fields; i++)
    if (strcmp (table->fields[i].name, name) == 0)
      return i;
  return -1;
}

const CoachFieldInfo *
coach_schema_lookup_field (const CoachTableInfo *table,
                           const char           *name)
{
  int i = coach_schema_field_index (table, name);

  return i < 0 ? NULL : &table->fields[i];
}

gboolean
coach_schema_enum_is_valid (const CoachFieldInfo *field,
                            const char           *value)
{
  if (value == NULL || field->enum_values == NULL)
    return FALSE;
  return g_strv_contains (field->enum_values, value);
}

static gboolean
invalid (GError               **error,
         const CoachTableInfo  *table,
         const CoachFieldInfo  *field,
         const char            *why)
{
  g_set_error (error, COACH_SCHEMA_ERROR, COACH_SCHEMA_ERROR_INVALID_VALUE,
               "%s.%s: %s", table->name, field->name, why);
  return FALSE;
}

gboolean
coach_schema_validate_value (const CoachTableInfo  *table,
                             const CoachFieldInfo  *field,
                             JsonNode              *value,
                             GError               **error)
{
  GType vt;

  g_return_val_if_fail (table != NULL, FALSE);
  g_return_val_if_fail (field != NULL, FALSE);

  if (value == NULL || JSON_NODE_HOLDS_NULL (value))
    {
      if (field->required)
        {
          g_set_error (error, COACH_SCHEMA_ERROR, COACH_SCHEMA_ERROR_REQUIRED,
                       "%s.%s: a value is required", table->name, field->name);
          return FALSE;
        }
      return TRUE;
    }

  vt = JSON_NODE_HOLDS_VALUE (value) ? json_node_get_value_type (value) : G_TYPE_INVALID;

  switch (field->type)
    {
    case COACH_FIELD_TEXT:
    case COACH_FIELD_ENUM:
    case COACH_FIELD_REF:
      {
        const char *s;
        guint max = field->max_length ? field->max_length : COACH_SCHEMA_TEXT_MAX;

        if (vt != G_TYPE_STRING)
          return invalid (error, table, field, "expected a string");
        s = json_node_get_string (value);
        if (!g_utf8_validate (s, -1, NULL))
          return invalid (error, table, field, "not valid UTF-8");
        if (strlen (s) > max)
          return invalid (error, table, field, "text too long");
        if (field->required && field->type == COACH_FIELD_TEXT && *s == '\0')
          {
            g_set_error (error, COACH_SCHEMA_ERROR, COACH_SCHEMA_ERROR_REQUIRED,
                         "%s.%s: must not be empty", table->name, field->name);
            return FALSE;
          }
        if (field->type == COACH_FIELD_ENUM && !coach_schema_enum_is_valid (field, s))
          return invalid (error, table, field, "not one of the allowed values");
        if (field->type == COACH_FIELD_REF && !coach_uuid_is_valid (s))
          return invalid (error, table, field, "expected a UUID");
        return TRUE;
      }

    case COACH_FIELD_INT:
      {
        gint64 v;

        if (vt != G_TYPE_INT64)
          return invalid (error, table, field, "expected an integer");
        v = json_node_get_int (value);
        if (field->min < field->max && (v < field->min || v > field->max))
          return invalid (error, table, field, "out of range");
        return TRUE;
      }

    case COACH_FIELD_REAL:
      {
        double v;

        if (vt != G_TYPE_INT64 && vt != G_TYPE_DOUBLE)
          return invalid (error, table, field, "expected a number");
        v = json_node_get_double (value);
        if (field->min < field->max && (v < field->min || v > field->max))
          return invalid (error, table, field, "out of range");
        return TRUE;
      }

    case COACH_FIELD_BOOL:
      if (vt != G_TYPE_BOOLEAN)
        return invalid (error, table, field, "expected true or false");
      return TRUE;

    case COACH_FIELD_STRV:
      {
        JsonArray *array;

        if (!JSON_NODE_HOLDS_ARRAY (value))
          return invalid (error, table, field, "expected an array of strings");
        array = json_node_get_array (value);
        if (json_array_get_length (array) > 1000)
          return invalid (error, table, field, "too many entries");
        for (guint i = 0; i < json_array_get_length (array); i++)
          {
            JsonNode *e = json_array_get_element (array, i);

            if (!JSON_NODE_HOLDS_VALUE (e) || json_node_get_value_type (e) != G_TYPE_STRING)
              return invalid (error, table, field, "expected an array of strings");
            if (strlen (json_node_get_string (e)) > 1000)
              return invalid (error, table, field, "entry too long");
          }
        return TRUE;
      }

    case COACH_FIELD_JSON:
      if (!JSON_NODE_HOLDS_OBJECT (value))
        return invalid (error, table, field, "expected an object");
      return TRUE;

    default:
      g_assert_not_reached ();
    }
}

typedef struct
{
  const CoachTableInfo *table;
  GError *error;
} ValidateData;

static void
validate_member_cb (JsonObject  *object,
                    const char  *member_name,
                    JsonNode    *member_node,
                    gpointer     user_data)
{
  ValidateData *data = user_data;
  const CoachFieldInfo *field;

  if (data->error != NULL)
    return;

  /* Fields this version does not know come from newer clients: they are
   * kept as they are, not rejected. */
  field = coach_schema_lookup_field (data->table, member_name);
  if (field == NULL)
    return;

  coach_schema_validate_value (data->table, field, member_node, &data->error);
}

gboolean
coach_schema_validate_fields (const CoachTableInfo  *table,
                              JsonObject            *fields,
                              gboolean               is_insert,
                              GError               **error)
{
  ValidateData data = { table, NULL };

  g_return_val_if_fail (table != NULL, FALSE);
  g_return_val_if_fail (fields != NULL, FALSE);

  json_object_foreach_member (fields, validate_member_cb, &data);
  if (data.error != NULL)
    {
      g_propagate_error (error, data.error);
      return FALSE;
    }

  if (is_insert)
    {
      for (guint i = 0; i < table->n_fields; i++)
        {
          const CoachFieldInfo *f = &table->fields[i];

          if (f->required && !json_object_has_member (fields, f->name))
            {
              g_set_error (error, COACH_SCHEMA_ERROR, COACH_SCHEMA_ERROR_REQUIRED,
                           "%s.%s: a value is required", table->name, f->name);
              return FALSE;
            }
        }
    }
  return TRUE;
}
