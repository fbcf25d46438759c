/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coach-record"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "coach-record-private.h"
#include "coach-uuid.h"

typedef struct
{
  char       *id;
  JsonNode  **values;        /* one per field of the table */
  JsonObject *extra;         /* fields this version does not know */
  guint64     dirty;         /* bit i = field i changed since load/save */
  JsonNode  **stored;        /* for each dirty field, its value before the edit */
  gint64      rowid;         /* 0 until saved */
  gint64      updated_at;
  gint64      server_version;
  gboolean    deleted;
} CoachRecordPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (CoachRecord, coach_record, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TABLE_NAME,
  PROP_UPDATED_AT,
  PROP_DELETED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define GET_PRIV(self) ((CoachRecordPrivate *) coach_record_get_instance_private (COACH_RECORD (self)))

/* ------------------------------------------------------------------------- */

static const CoachTableInfo *
table_of (CoachRecord *self)
{
  return COACH_RECORD_GET_CLASS (self)->table;
}

static int
field_index_checked (CoachRecord *self,
                     const char  *field)
{
  int i = coach_schema_field_index (table_of (self), field);

  if (i < 0)
    g_critical ("%s has no field “%s”", table_of (self)->name, field);
  return i;
}

static JsonNode *
default_value (const CoachFieldInfo *f)
{
  const char *d = f->default_sql;

  if (f->type == COACH_FIELD_BOOL)
    return json_node_init_boolean (json_node_alloc (), d && strcmp (d, "1") == 0);
  if (d == NULL)
    return json_node_init_null (json_node_alloc ());

  switch (f->type)
    {
    case COACH_FIELD_INT:
      return json_node_init_int (json_node_alloc (), g_ascii_strtoll (d, NULL, 10));
    case COACH_FIELD_REAL:
      return json_node_init_double (json_node_alloc (), g_ascii_strtod (d, NULL));
    case COACH_FIELD_STRV:
      {
        /* the node takes a reference of its own */
        g_autoptr(JsonArray) array = json_array_new ();

        return json_node_init_array (json_node_alloc (), array);
      }
    case COACH_FIELD_JSON:
      {
        g_autoptr(JsonObject) object = json_object_new ();

        return json_node_init_object (json_node_alloc (), object);
      }
    case COACH_FIELD_TEXT:
    case COACH_FIELD_ENUM:
    case COACH_FIELD_REF:
      {
        /* a quoted SQL literal */
        g_autofree char *s = g_strndup (d + 1, strlen (d) - 2);
        return json_node_init_string (json_node_alloc (), s);
      }
    default:
      g_assert_not_reached ();
    }
}

static char *
dashed (const char *name)
{
  char *s = g_strdup (name);

  g_strdelimit (s, "_", '-');
  return s;
}

static void
forget_stored (CoachRecord *self)
{
  CoachRecordPrivate *priv = GET_PRIV (self);

  for (guint i = 0; priv->stored && i < table_of (self)->n_fields; i++)
    g_clear_pointer (&priv->stored[i], json_node_unref);
}

static void
set_field_node (CoachRecord *self,
                guint        i,
                JsonNode    *node,
                gboolean     notify)
{
  CoachRecordPrivate *priv = GET_PRIV (self);
  const CoachFieldInfo *f = &table_of (self)->fields[i];
  guint64 bit = G_GUINT64_CONSTANT (1) << i;

  if (priv->values[i] != NULL && json_node_equal (priv->values[i], node))
    {
      json_node_unref (node);
      return;
    }

  /* A field set back to its stored value is no change: sync sends only
   * changed fields, and an unchanged one would overwrite another device's
   * edit of it. */
  if (!(priv->dirty & bit))
    {
      if (priv->stored == NULL)
        priv->stored = g_new0 (JsonNode *, table_of (self)->n_fields);
      priv->stored[i] = g_steal_pointer (&priv->values[i]);
      priv->dirty |= bit;
    }
  else if (priv->stored != NULL && priv->stored[i] != NULL && json_node_equal (priv->stored[i], node))
    {
      g_clear_pointer (&priv->stored[i], json_node_unref);
      priv->dirty &= ~bit;
    }

  g_clear_pointer (&priv->values[i], json_node_unref);
  priv->values[i] = node;

  if (notify)
    {
      g_autofree char *prop = dashed (f->name);
      g_object_notify (G_OBJECT (self), prop);
    }
}

static void
field_get_property (GObject    *object,
                    guint       prop_id,
                    GValue     *value,
                    GParamSpec *pspec)
{
  CoachRecord *self = COACH_RECORD (object);
  const CoachFieldInfo *f;
  JsonNode *node;

  g_assert (prop_id >= 1 && prop_id <= table_of (self)->n_fields);

  f = &table_of (self)->fields[prop_id - 1];
  node = GET_PRIV (self)->values[prop_id - 1];

  switch (f->type)
    {
    case COACH_FIELD_TEXT:
    case COACH_FIELD_ENUM:
    case COACH_FIELD_REF:
      g_value_set_string (value, coach_record_get_string (self, f->name));
      break;
    case COACH_FIELD_INT:
      g_value_set_int64 (value, coach_record_get_int (self, f->name));
      break;
    case COACH_FIELD_REAL:
      g_value_set_double (value, coach_record_get_double (self, f->name));
      break;
    case COACH_FIELD_BOOL:
      g_value_set_boolean (value, coach_record_get_boolean (self, f->name));
      break;
    case COACH_FIELD_STRV:
      g_value_take_boxed (value, coach_record_dup_strv (self, f->name));
      break;
    case COACH_FIELD_JSON:
      g_value_take_string (value, node && !JSON_NODE_HOLDS_NULL (node) ? json_to_string (node, FALSE) : NULL);
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
field_set_property (GObject      *object,
                    guint         prop_id,
                    const GValue *value,
                    GParamSpec   *pspec)
{
  CoachRecord *self = COACH_RECORD (object);
  const CoachFieldInfo *f;

  g_assert (prop_id >= 1 && prop_id <= table_of (self)->n_fields);

  f = &table_of (self)->fields[prop_id - 1];

  switch (f->type)
    {
    case COACH_FIELD_TEXT:
    case COACH_FIELD_ENUM:
    case COACH_FIELD_REF:
      coach_record_set_string (self, f->name, g_value_get_string (value));
      break;
    case COACH_FIELD_INT:
      coach_record_set_int (self, f->name, g_value_get_int64 (value));
      break;
    case COACH_FIELD_REAL:
      coach_record_set_double (self, f->name, g_value_get_double (value));
      break;
    case COACH_FIELD_BOOL:
      coach_record_set_boolean (self, f->name, g_value_get_boolean (value));
      break;
    case COACH_FIELD_STRV:
      coach_record_set_strv (self, f->name, g_value_get_boxed (value));
      break;
    case COACH_FIELD_JSON:
      {
        const char *s = g_value_get_string (value);
        g_autoptr(JsonNode) node = s ? json_from_string (s, NULL) : NULL;

        if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
          coach_record_set_value (self, f->name, node);
        else
          coach_record_set_null (self, f->name);
      }
      break;
    default:
      g_assert_not_reached ();
    }
}

/* ------------------------------------------------------------------------- */

static void
coach_record_constructed (GObject *object)
{
  CoachRecord *self = COACH_RECORD (object);
  CoachRecordPrivate *priv = GET_PRIV (self);
  const CoachTableInfo *table = table_of (self);

  G_OBJECT_CLASS (coach_record_parent_class)->constructed (object);

  g_assert (table != NULL);
  g_assert (table->n_fields <= 64);

  if (priv->id == NULL)
    priv->id = coach_uuid_v7_new ();

  priv->values = g_new0 (JsonNode *, table->n_fields);
  for (guint i = 0; i < table->n_fields; i++)
    priv->values[i] = default_value (&table->fields[i]);
  priv->extra = json_object_new ();
  priv->dirty = 0;
}

static void
coach_record_finalize (GObject *object)
{
  CoachRecordPrivate *priv = GET_PRIV (object);
  const CoachTableInfo *table = table_of (COACH_RECORD (object));

  for (guint i = 0; priv->values && i < table->n_fields; i++)
    g_clear_pointer (&priv->values[i], json_node_unref);
  g_free (priv->values);
  forget_stored (COACH_RECORD (object));
  g_free (priv->stored);
  g_clear_pointer (&priv->extra, json_object_unref);
  g_free (priv->id);

  G_OBJECT_CLASS (coach_record_parent_class)->finalize (object);
}

static void
coach_record_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  CoachRecord *self = COACH_RECORD (object);
  CoachRecordPrivate *priv = GET_PRIV (self);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, priv->id);
      break;
    case PROP_TABLE_NAME:
      g_value_set_string (value, table_of (self)->name);
      break;
    case PROP_UPDATED_AT:
      g_value_set_int64 (value, priv->updated_at);
      break;
    case PROP_DELETED:
      g_value_set_boolean (value, priv->deleted);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
coach_record_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  CoachRecordPrivate *priv = GET_PRIV (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_free (priv->id);
      priv->id = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
coach_record_class_init (CoachRecordClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = coach_record_constructed;
  object_class->finalize = coach_record_finalize;
  object_class->get_property = coach_record_get_property;
  object_class->set_property = coach_record_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TABLE_NAME] =
    g_param_spec_string ("table-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_UPDATED_AT] =
    g_param_spec_int64 ("updated-at", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DELETED] =
    g_param_spec_boolean ("deleted", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
coach_record_init (CoachRecord *self)
{
}

/* ------------------------------------------------------------------------- */

void
coach_record_class_set_table (CoachRecordClass *klass,
                              const char       *table_name)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const CoachTableInfo *table = coach_schema_lookup_table (table_name);

  g_return_if_fail (table != NULL);

  klass->table = table;
  object_class->get_property = field_get_property;
  object_class->set_property = field_set_property;

  for (guint i = 0; i < table->n_fields; i++)
    {
      const CoachFieldInfo *f = &table->fields[i];
      g_autofree char *name = dashed (f->name);
      const char *interned = g_intern_string (name);
      GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
      GParamSpec *pspec;

      switch (f->type)
        {
        case COACH_FIELD_TEXT:
        case COACH_FIELD_ENUM:
        case COACH_FIELD_REF:
        case COACH_FIELD_JSON:
          pspec = g_param_spec_string (interned, NULL, NULL, NULL, flags);
          break;
        case COACH_FIELD_INT:
          pspec = g_param_spec_int64 (interned, NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
          break;
        case COACH_FIELD_REAL:
          pspec = g_param_spec_double (interned, NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, flags);
          break;
        case COACH_FIELD_BOOL:
          pspec = g_param_spec_boolean (interned, NULL, NULL, FALSE, flags);
          break;
        case COACH_FIELD_STRV:
          pspec = g_param_spec_boxed (interned, NULL, NULL, G_TYPE_STRV, flags);
          break;
        default:
          g_assert_not_reached ();
        }
      g_object_class_install_property (object_class, i + 1, pspec);
    }
}

CoachRecord *
coach_record_new_for_table (const char *table_name,
                            const char *id)
{
  GType type = coach_record_type_for_table (table_name);

  g_return_val_if_fail (type != G_TYPE_INVALID, NULL);

  return g_object_new (type, "id", id, NULL);
}

const CoachTableInfo *
coach_record_get_table (CoachRecord *self)
{
  g_return_val_if_fail (COACH_IS_RECORD (self), NULL);
  return table_of (self);
}

const char *
coach_record_get_table_name (CoachRecord *self)
{
  g_return_val_if_fail (COACH_IS_RECORD (self), NULL);
  return table_of (self)->name;
}

const char *
coach_record_get_id (CoachRecord *self)
{
  g_return_val_if_fail (COACH_IS_RECORD (self), NULL);
  return GET_PRIV (self)->id;
}

gint64
coach_record_get_updated_at (CoachRecord *self)
{
  g_return_val_if_fail (COACH_IS_RECORD (self), 0);
  return GET_PRIV (self)->updated_at;
}

gboolean
coach_record_get_deleted (CoachRecord *self)
{
  g_return_val_if_fail (COACH_IS_RECORD (self), FALSE);
  return GET_PRIV (self)->deleted;
}

gint64
coach_record_get_server_version (CoachRecord *self)
{
  g_return_val_if_fail (COACH_IS_RECORD (self), 0);
  return GET_PRIV (self)->server_version;
}

gboolean
coach_record_is_saved (CoachRecord *self)
{
  g_return_val_if_fail (COACH_IS_RECORD (self), FALSE);
  return GET_PRIV (self)->rowid != 0;
}

JsonNode *
coach_record_get_value (CoachRecord *self,
                        const char  *field)
{
  int i;

  g_return_val_if_fail (COACH_IS_RECORD (self), NULL);

  i = field_index_checked (self, field);
  return i < 0 ? NULL : GET_PRIV (self)->values[i];
}

gboolean
coach_record_is_null (CoachRecord *self,
                      const char  *field)
{
  JsonNode *node = coach_record_get_value (self, field);

  return node == NULL || JSON_NODE_HOLDS_NULL (node);
}

const char *
coach_record_get_string (CoachRecord *self,
                         const char  *field)
{
  JsonNode *node = coach_record_get_value (self, field);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

gint64
coach_record_get_int (CoachRecord *self,
                      const char  *field)
{
  JsonNode *node = coach_record_get_value (self, field);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return 0;
  return json_node_get_int (node);
}

double
coach_record_get_double (CoachRecord *self,
                         const char  *field)
{
  JsonNode *node = coach_record_get_value (self, field);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return 0;
  return json_node_get_double (node);
}

gboolean
coach_record_get_boolean (CoachRecord *self,
                          const char  *field)
{
  JsonNode *node = coach_record_get_value (self, field);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  return json_node_get_boolean (node);
}

char **
coach_record_dup_strv (CoachRecord *self,
                       const char  *field)
{
  JsonNode *node = coach_record_get_value (self, field);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          const char *s = json_array_get_string_element (array, i);
          if (s != NULL)
            g_strv_builder_add (builder, s);
        }
    }
  return g_strv_builder_end (builder);
}

/* Null clears a field: back to its default where it has one (a catalog
 * column with a default is NOT NULL), empty otherwise. */
static JsonNode *
null_to_default (CoachRecord *self,
                 guint        i,
                 JsonNode    *node)
{
  const CoachFieldInfo *f = &table_of (self)->fields[i];

  if (!JSON_NODE_HOLDS_NULL (node) || f->default_sql == NULL)
    return node;
  json_node_unref (node);
  return default_value (f);
}

static void
set_checked (CoachRecord *self,
             const char  *field,
             JsonNode    *node)
{
  int i = field_index_checked (self, field);

  if (i < 0)
    {
      json_node_unref (node);
      return;
    }
  set_field_node (self, i, null_to_default (self, i, node), TRUE);
}

void
coach_record_set_string (CoachRecord *self,
                         const char  *field,
                         const char  *value)
{
  g_return_if_fail (COACH_IS_RECORD (self));

  if (value == NULL)
    set_checked (self, field, json_node_init_null (json_node_alloc ()));
  else
    set_checked (self, field, json_node_init_string (json_node_alloc (), value));
}

void
coach_record_set_int (CoachRecord *self,
                      const char  *field,
                      gint64       value)
{
  g_return_if_fail (COACH_IS_RECORD (self));
  set_checked (self, field, json_node_init_int (json_node_alloc (), value));
}

void
coach_record_set_double (CoachRecord *self,
                         const char  *field,
                         double       value)
{
  g_return_if_fail (COACH_IS_RECORD (self));
  set_checked (self, field, json_node_init_double (json_node_alloc (), value));
}

void
coach_record_set_boolean (CoachRecord *self,
                          const char  *field,
                          gboolean     value)
{
  g_return_if_fail (COACH_IS_RECORD (self));
  set_checked (self, field, json_node_init_boolean (json_node_alloc (), !!value));
}

void
coach_record_set_strv (CoachRecord        *self,
                       const char         *field,
                       const char * const *value)
{
  JsonArray *array = json_array_new ();

  g_return_if_fail (COACH_IS_RECORD (self));

  for (guint i = 0; value && value[i]; i++)
    json_array_add_string_element (array, value[i]);
  set_checked (self, field, json_node_init_array (json_node_alloc (), array));
  json_array_unref (array);
}

void
coach_record_set_null (CoachRecord *self,
                       const char  *field)
{
  g_return_if_fail (COACH_IS_RECORD (self));
  set_checked (self, field, json_node_init_null (json_node_alloc ()));
}

void
coach_record_set_value (CoachRecord *self,
                        const char  *field,
                        JsonNode    *value)
{
  CoachRecordPrivate *priv = GET_PRIV (self);
  int i;

  g_return_if_fail (COACH_IS_RECORD (self));

  i = coach_schema_field_index (table_of (self), field);
  if (i < 0)
    {
      _coach_record_set_extra_member (self, field, value);
      return;
    }

  /* A bool of the wire may arrive as 0/1 from older exports. */
  if (table_of (self)->fields[i].type == COACH_FIELD_BOOL && value != NULL &&
      JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_INT64)
    {
      set_field_node (self, i, json_node_init_boolean (json_node_alloc (), json_node_get_int (value) != 0), TRUE);
      return;
    }

  set_field_node (self, i,
                  null_to_default (self, i, value ? json_node_copy (value) : json_node_init_null (json_node_alloc ())),
                  TRUE);
  (void) priv;
}

gboolean
coach_record_is_dirty (CoachRecord *self)
{
  g_return_val_if_fail (COACH_IS_RECORD (self), FALSE);
  return GET_PRIV (self)->dirty != 0;
}

gboolean
coach_record_field_is_dirty (CoachRecord *self,
                             const char  *field)
{
  int i;

  g_return_val_if_fail (COACH_IS_RECORD (self), FALSE);

  i = field_index_checked (self, field);
  return i >= 0 && (GET_PRIV (self)->dirty & (G_GUINT64_CONSTANT (1) << i)) != 0;
}

gboolean
coach_record_validate_full (CoachRecord  *self,
                            const char  **invalid_field,
                            GError      **error)
{
  CoachRecordPrivate *priv = GET_PRIV (self);
  const CoachTableInfo *table;

  g_return_val_if_fail (COACH_IS_RECORD (self), FALSE);

  if (invalid_field != NULL)
    *invalid_field = NULL;

  table = table_of (self);
  for (guint i = 0; i < table->n_fields; i++)
    if (!coach_schema_validate_value (table, &table->fields[i], priv->values[i], error))
      {
        if (invalid_field != NULL)
          *invalid_field = table->fields[i].name;
        return FALSE;
      }
  return TRUE;
}

gboolean
coach_record_validate (CoachRecord  *self,
                       GError      **error)
{
  return coach_record_validate_full (self, NULL, error);
}

JsonObject *
coach_record_to_json (CoachRecord *self,
                      gboolean     dirty_only)
{
  CoachRecordPrivate *priv = GET_PRIV (self);
  const CoachTableInfo *table;
  JsonObject *object;
  GList *extra_members;

  g_return_val_if_fail (COACH_IS_RECORD (self), NULL);

  table = table_of (self);
  object = json_object_new ();

  if (!dirty_only)
    {
      extra_members = json_object_get_members (priv->extra);
      for (GList *l = extra_members; l; l = l->next)
        json_object_set_member (object, l->data,
                                json_node_copy (json_object_get_member (priv->extra, l->data)));
      g_list_free (extra_members);
    }

  for (guint i = 0; i < table->n_fields; i++)
    {
      if (dirty_only && !(priv->dirty & (G_GUINT64_CONSTANT (1) << i)))
        continue;
      json_object_set_member (object, table->fields[i].name, json_node_copy (priv->values[i]));
    }
  return object;
}

/* ------------------------------------------------------------------------- */
/* Private API for the catalog */


void
_coach_record_load_row (CoachRecord  *self,
                        sqlite3_stmt *stmt,
                        gboolean      notify)
{
  CoachRecordPrivate *priv = GET_PRIV (self);
  const CoachTableInfo *table = table_of (self);
  const char *extra;
  gboolean was_deleted = priv->deleted;
  gint64 old_updated = priv->updated_at;

  if (notify)
    g_object_freeze_notify (G_OBJECT (self));

  priv->rowid = sqlite3_column_int64 (stmt, 0);
  priv->updated_at = sqlite3_column_int64 (stmt, 2);
  priv->deleted = sqlite3_column_int64 (stmt, 3) != 0;
  priv->server_version = sqlite3_column_int64 (stmt, 4);

  extra = (const char *) sqlite3_column_text (stmt, 5);
  if (extra != NULL)
    {
      g_autoptr(JsonNode) node = json_from_string (extra, NULL);

      if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
        {
          g_clear_pointer (&priv->extra, json_object_unref);
          priv->extra = json_object_ref (json_node_get_object (node));
        }
    }

  for (guint i = 0; i < table->n_fields; i++)
    set_field_node (self, i, _coach_record_node_from_column (&table->fields[i], stmt, COACH_RECORD_FIRST_FIELD_COLUMN + i), notify);

  priv->dirty = 0;
  forget_stored (self);

  if (notify)
    {
      if (was_deleted != priv->deleted)
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DELETED]);
      if (old_updated != priv->updated_at)
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATED_AT]);
      g_object_thaw_notify (G_OBJECT (self));
    }
}

void
_coach_record_clear_dirty (CoachRecord *self)
{
  GET_PRIV (self)->dirty = 0;
  forget_stored (self);
}

void
_coach_record_mark_all_dirty (CoachRecord *self)
{
  guint n = table_of (self)->n_fields;

  GET_PRIV (self)->dirty = n == 64 ? G_MAXUINT64 : (G_GUINT64_CONSTANT (1) << n) - 1;
  forget_stored (self);
}

guint64
_coach_record_get_dirty_mask (CoachRecord *self)
{
  return GET_PRIV (self)->dirty;
}

void
_coach_record_set_saved (CoachRecord *self,
                         gint64       rowid,
                         gint64       updated_at)
{
  CoachRecordPrivate *priv = GET_PRIV (self);

  priv->rowid = rowid;
  priv->dirty = 0;
  forget_stored (self);
  if (priv->updated_at != updated_at)
    {
      priv->updated_at = updated_at;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATED_AT]);
    }
}

void
_coach_record_set_deleted (CoachRecord *self,
                           gboolean     deleted)
{
  CoachRecordPrivate *priv = GET_PRIV (self);

  if (priv->deleted == !!deleted)
    return;
  priv->deleted = !!deleted;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DELETED]);
}

gint64
_coach_record_get_rowid (CoachRecord *self)
{
  return GET_PRIV (self)->rowid;
}

JsonObject *
_coach_record_get_extra (CoachRecord *self)
{
  return GET_PRIV (self)->extra;
}

void
_coach_record_set_extra_member (CoachRecord *self,
                                const char  *name,
                                JsonNode    *value)
{
  CoachRecordPrivate *priv = GET_PRIV (self);

  /* Never let a newer client's field shadow the sync columns. */
  if (g_str_equal (name, "id") || g_str_equal (name, "updated_at") ||
      g_str_equal (name, "deleted") || g_str_equal (name, "server_version"))
    return;
  json_object_set_member (priv->extra, name,
                          value ? json_node_copy (value) : json_node_init_null (json_node_alloc ()));
}
