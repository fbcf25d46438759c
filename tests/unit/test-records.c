/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 *
 * Every record type, through the generic schema: create, read back every
 * field type, update, archive, delete; and every kind of invalid value.
 */
#include "config.h"

#include "coach-catalog.h"
#include "coach-search.h"

#include "catalog-test-util.h"

typedef CatalogFixture Fixture;

#define fixture_setup catalog_fixture_setup
#define fixture_teardown catalog_fixture_teardown

/* ------------------------------------------------------------------------- */
/* Every record type: create, read back, update, archive, delete */

static char *
prop_name (const char *field)
{
  char *s = g_strdup (field);

  g_strdelimit (s, "_", '-');
  return s;
}

static void
assert_property_equals (CoachRecord          *record,
                        const CoachFieldInfo *f,
                        JsonNode             *want)
{
  g_autofree char *prop = prop_name (f->name);
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (record), prop);
  g_auto(GValue) v = G_VALUE_INIT;

  g_assert_nonnull (pspec);
  g_assert_true (pspec->flags & G_PARAM_READWRITE);
  g_value_init (&v, pspec->value_type);
  g_object_get_property (G_OBJECT (record), prop, &v);

  switch (f->type)
    {
    case COACH_FIELD_TEXT:
    case COACH_FIELD_ENUM:
    case COACH_FIELD_REF:
      g_assert_true (pspec->value_type == G_TYPE_STRING);
      g_assert_cmpstr (g_value_get_string (&v), ==, json_node_get_string (want));
      break;
    case COACH_FIELD_INT:
      g_assert_true (pspec->value_type == G_TYPE_INT64);
      g_assert_cmpint (g_value_get_int64 (&v), ==, json_node_get_int (want));
      break;
    case COACH_FIELD_REAL:
      g_assert_true (pspec->value_type == G_TYPE_DOUBLE);
      g_assert_cmpfloat (g_value_get_double (&v), ==, json_node_get_double (want));
      break;
    case COACH_FIELD_BOOL:
      g_assert_true (pspec->value_type == G_TYPE_BOOLEAN);
      g_assert_cmpint (g_value_get_boolean (&v), ==, json_node_get_boolean (want));
      break;
    case COACH_FIELD_STRV:
      {
        const char * const *strv = g_value_get_boxed (&v);
        JsonArray *a = json_node_get_array (want);

        g_assert_true (pspec->value_type == G_TYPE_STRV);
        g_assert_nonnull (strv);
        g_assert_cmpuint (g_strv_length ((char **) strv), ==, json_array_get_length (a));
        for (guint i = 0; i < json_array_get_length (a); i++)
          g_assert_cmpstr (strv[i], ==, json_array_get_string_element (a, i));
      }
      break;
    case COACH_FIELD_JSON:
      {
        g_autoptr(JsonNode) parsed = NULL;

        g_assert_true (pspec->value_type == G_TYPE_STRING);
        parsed = json_from_string (g_value_get_string (&v), NULL);
        g_assert_nonnull (parsed);
        g_assert_true (json_node_equal (parsed, want));
      }
      break;
    default:
      g_assert_not_reached ();
    }
}

static const char *
title_field (const CoachTableInfo *info)
{
  if (coach_schema_lookup_field (info, "name"))
    return "name";
  if (coach_schema_lookup_field (info, "title"))
    return "title";
  return NULL;
}

static CoachSearchKind
search_kind_for (const char *table)
{
  for (CoachSearchKind k = COACH_SEARCH_KIND_EXERCISE; k <= COACH_SEARCH_KIND_ATHLETE; k++)
    if (g_str_equal (coach_search_kind_to_table (k), table))
      return k;
  return 0;
}

static gboolean
search_finds (CoachCatalog *catalog,
              const char   *text,
              const char   *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  CoachSearchQuery q = COACH_SEARCH_QUERY_INIT;

  q.text = text;
  q.include_archived = TRUE;
  hits = coach_catalog_search (catalog, &q, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < hits->len; i++)
    if (g_str_equal (((CoachSearchHit *) hits->pdata[i])->id, id))
      return TRUE;
  return FALSE;
}

static gboolean
list_contains (CoachCatalog *catalog,
               const char   *table,
               gboolean      include_archived,
               CoachRecord  *record)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = coach_catalog_list (catalog, table, include_archived, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < list->len; i++)
    if (g_str_equal (coach_record_get_id (list->pdata[i]), coach_record_get_id (record)))
      {
        /* Whatever lists a row hands out its live object. */
        g_assert_true (list->pdata[i] == (gpointer) record);
        return TRUE;
      }
  return FALSE;
}

static void
assert_outbox_fields (OutboxRow  *row,
                      const char *table,
                      const char *id,
                      const char *op,
                      JsonObject *want)
{
  g_autoptr(GList) members = NULL;

  g_assert_cmpstr (row->table, ==, table);
  g_assert_cmpstr (row->row_id, ==, id);
  g_assert_cmpstr (row->op, ==, op);
  g_assert_cmpuint (json_object_get_size (row->fields), ==, json_object_get_size (want));

  members = json_object_get_members (want);
  for (GList *l = members; l; l = l->next)
    {
      g_assert_true (json_object_has_member (row->fields, l->data));
      g_assert_true (json_node_equal (json_object_get_member (row->fields, l->data),
                                      json_object_get_member (want, l->data)));
    }
}

static void
test_crud (Fixture       *f,
           gconstpointer  data)
{
  const CoachTableInfo *info = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CoachRecord) record = coach_record_new_for_table (info->name, NULL);
  g_autoptr(JsonObject) values0 = NULL;
  g_autoptr(JsonObject) values1 = NULL;
  g_autoptr(JsonObject) one = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(CoachCatalog) other = NULL;
  g_autoptr(CoachRecord) from_other = NULL;
  g_autofree char *id = g_strdup (coach_record_get_id (record));
  g_autofree char *sql = NULL;
  const char *title = title_field (info);
  CoachSearchKind kind = search_kind_for (info->name);
  gpointer weak;
  gint64 mid;

  g_assert_true (coach_uuid_is_valid (id));
  g_assert_false (coach_record_is_saved (record));
  values0 = test_fill_record (record, 0);
  g_assert_true (coach_record_is_dirty (record));

  /* Rows the server writes cannot be written here. */
  if (info->flags & COACH_TABLE_FLAG_SERVER_WRITES)
    {
      g_assert_false (coach_catalog_save (f->catalog, record, &error));
      g_assert_error (error, COACH_CATALOG_ERROR, COACH_CATALOG_ERROR_READ_ONLY);
      g_clear_error (&error);
      g_assert_false (coach_record_is_saved (record));
      g_assert_cmpint (test_count (f->catalog, info->name), ==, 0);
      g_assert_cmpint (test_outbox_count (f->catalog), ==, 0);
      return;
    }

  /* create */
  g_assert_true (coach_catalog_save (f->catalog, record, &error));
  g_assert_no_error (error);
  g_assert_true (coach_record_is_saved (record));
  g_assert_false (coach_record_is_dirty (record));
  g_assert_cmpint (coach_record_get_updated_at (record), >, 0);
  g_assert_cmpint (test_count (f->catalog, info->name), ==, 1);

  rows = test_outbox_rows (f->path, 0);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpuint (json_object_get_size (values0), ==, info->n_fields);
  assert_outbox_fields (rows->pdata[0], info->name, id, "upsert", values0);
  mid = ((OutboxRow *) rows->pdata[0])->mid;
  g_clear_pointer (&rows, g_ptr_array_unref);

  for (guint i = 0; i < info->n_fields; i++)
    assert_property_equals (record, &info->fields[i],
                            json_object_get_member (values0, info->fields[i].name));

  /* read back from disk: drop the live object first */
  weak = record;
  g_object_add_weak_pointer (G_OBJECT (record), &weak);
  g_clear_object (&record);
  g_assert_null (weak);

  record = coach_catalog_get (f->catalog, info->name, id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (record);
  g_assert_true (coach_record_is_saved (record));
  g_assert_false (coach_record_get_deleted (record));
  test_assert_record_values (record, values0);
  if (kind != 0)
    g_assert_true (search_finds (f->catalog,
                                 json_object_get_string_member (values0, title), id));

  /* update every field */
  values1 = test_fill_record (record, 1);
  for (guint i = 0; i < info->n_fields; i++)
    g_assert_true (coach_record_field_is_dirty (record, info->fields[i].name));
  g_assert_true (coach_catalog_save (f->catalog, record, &error));
  g_assert_no_error (error);

  rows = test_outbox_rows (f->path, mid);
  g_assert_cmpuint (rows->len, ==, 1);
  assert_outbox_fields (rows->pdata[0], info->name, id, "upsert", values1);
  mid = ((OutboxRow *) rows->pdata[0])->mid;
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* a save without changes writes nothing */
  g_assert_true (coach_catalog_save (f->catalog, record, &error));
  g_assert_no_error (error);
  g_assert_cmpint (test_outbox_last_mid (f->path), ==, mid);

  /* update one field: only that one is recorded */
  one = json_object_new ();
  json_object_set_member (one, info->fields[0].name, test_field_value (&info->fields[0], 0));
  coach_record_set_value (record, info->fields[0].name, json_object_get_member (one, info->fields[0].name));
  json_object_set_member (values1, info->fields[0].name,
                          json_node_copy (json_object_get_member (one, info->fields[0].name)));
  g_assert_true (coach_catalog_save (f->catalog, record, &error));
  g_assert_no_error (error);
  rows = test_outbox_rows (f->path, mid);
  g_assert_cmpuint (rows->len, ==, 1);
  assert_outbox_fields (rows->pdata[0], info->name, id, "upsert", one);
  mid = ((OutboxRow *) rows->pdata[0])->mid;
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* another connection sees exactly what was saved */
  other = coach_catalog_open (f->dir, &error);
  g_assert_no_error (error);
  from_other = coach_catalog_get (other, info->name, id, &error);
  g_assert_no_error (error);
  g_assert_true (from_other != record);
  test_assert_record_values (from_other, values1);
  g_clear_object (&from_other);
  g_clear_object (&other);

  /* archive */
  if (coach_schema_lookup_field (info, "archived") || g_str_equal (info->name, "workout"))
    {
      g_assert_false (coach_catalog_is_archived (record));
      g_assert_true (list_contains (f->catalog, info->name, FALSE, record));

      g_assert_true (coach_catalog_set_archived (f->catalog, record, TRUE, &error));
      g_assert_no_error (error);
      g_assert_true (coach_catalog_is_archived (record));
      g_assert_false (list_contains (f->catalog, info->name, FALSE, record));
      g_assert_true (list_contains (f->catalog, info->name, TRUE, record));
      g_assert_cmpint (test_outbox_last_mid (f->path), ==, mid + 1);

      g_assert_true (coach_catalog_set_archived (f->catalog, record, FALSE, &error));
      g_assert_no_error (error);
      g_assert_false (coach_catalog_is_archived (record));
      g_assert_true (list_contains (f->catalog, info->name, FALSE, record));
      g_assert_cmpint (test_outbox_last_mid (f->path), ==, mid + 2);
      mid += 2;
    }
  else
    {
      g_assert_false (coach_catalog_set_archived (f->catalog, record, TRUE, &error));
      g_assert_error (error, COACH_CATALOG_ERROR, COACH_CATALOG_ERROR_INVALID);
      g_clear_error (&error);
      g_assert_cmpint (test_outbox_last_mid (f->path), ==, mid);
      g_assert_true (list_contains (f->catalog, info->name, TRUE, record));
    }

  /* delete: a tombstone, gone from lists, counts and search */
  g_assert_true (coach_catalog_delete (f->catalog, record, &error));
  g_assert_no_error (error);
  g_assert_true (coach_record_get_deleted (record));
  g_assert_cmpint (test_count (f->catalog, info->name), ==, 0);
  g_assert_false (list_contains (f->catalog, info->name, TRUE, record));
  if (kind != 0)
    g_assert_false (search_finds (f->catalog, coach_record_get_string (record, title), id));

  rows = test_outbox_rows (f->path, mid);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (((OutboxRow *) rows->pdata[0])->op, ==, "delete");
  g_assert_cmpstr (((OutboxRow *) rows->pdata[0])->row_id, ==, id);
  g_assert_cmpstr (((OutboxRow *) rows->pdata[0])->table, ==, info->name);
  mid = ((OutboxRow *) rows->pdata[0])->mid;
  g_clear_pointer (&rows, g_ptr_array_unref);

  sql = g_strdup_printf ("SELECT deleted FROM \"%s\" WHERE id = '%s'", info->name, id);
  g_assert_cmpint (test_sql_int (f->path, sql), ==, 1);

  /* deleting twice records nothing new */
  g_assert_true (coach_catalog_delete (f->catalog, record, &error));
  g_assert_no_error (error);
  g_assert_cmpint (test_outbox_last_mid (f->path), ==, mid);
}

/* ------------------------------------------------------------------------- */
/* Validation: a bad value saves nothing and records nothing */

static void
try_invalid (Fixture              *f,
             const CoachTableInfo *info,
             const CoachFieldInfo *field,
             const char           *what,
             JsonNode             *bad)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoachRecord) record = coach_record_new_for_table (info->name, NULL);
  g_autoptr(JsonObject) values = test_fill_record (record, 0);

  if (bad != NULL)
    coach_record_set_value (record, field->name, bad);
  else
    coach_record_set_null (record, field->name);

  if (coach_catalog_save (f->catalog, record, &error))
    g_error ("%s.%s: %s was accepted", info->name, field->name, what);
  g_assert_error (error, COACH_CATALOG_ERROR, COACH_CATALOG_ERROR_INVALID);
  /* the message says which field */
  g_assert_nonnull (strstr (error->message, field->name));
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_false (coach_record_is_saved (record));
  g_assert_cmpint (test_count (f->catalog, info->name), ==, 0);
  g_assert_cmpint (test_outbox_count (f->catalog), ==, 0);
}

static JsonNode *
string_node (const char *s)
{
  return json_node_init_string (json_node_alloc (), s);
}

static JsonNode *
int_node (gint64 v)
{
  return json_node_init_int (json_node_alloc (), v);
}

static JsonNode *
double_node (double v)
{
  return json_node_init_double (json_node_alloc (), v);
}

static void
test_validation (Fixture       *f,
                 gconstpointer  data)
{
  const CoachTableInfo *info = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CoachRecord) good = coach_record_new_for_table (info->name, NULL);
  g_autoptr(JsonObject) values = test_fill_record (good, 0);
  guint n_checks = 0;

  for (guint i = 0; i < info->n_fields; i++)
    {
      const CoachFieldInfo *field = &info->fields[i];
      guint max_len = field->max_length ? field->max_length : COACH_SCHEMA_TEXT_MAX;

      if (field->required)
        {
          try_invalid (f, info, field, "null", NULL);
          n_checks++;
          if (field->type == COACH_FIELD_TEXT)
            {
              g_autoptr(JsonNode) empty = string_node ("");
              try_invalid (f, info, field, "an empty text", empty);
              n_checks++;
            }
        }

      switch (field->type)
        {
        case COACH_FIELD_TEXT:
          {
            g_autofree char *long_text = g_strnfill (max_len + 1, 'x');
            g_autoptr(JsonNode) node = string_node (long_text);
            g_autoptr(JsonNode) number = int_node (3);

            try_invalid (f, info, field, "a too long text", node);
            n_checks++;
            try_invalid (f, info, field, "a number for a text", number);
            n_checks++;
          }
          break;
        case COACH_FIELD_INT:
          if (field->min < field->max)
            {
              g_autoptr(JsonNode) below = int_node (field->min - 1);

              if (field->min > G_MININT64)
                {
                  try_invalid (f, info, field, "a value below the minimum", below);
                  n_checks++;
                }
              if (field->max < G_MAXINT64)
                {
                  g_autoptr(JsonNode) above = int_node (field->max + 1);
                  try_invalid (f, info, field, "a value above the maximum", above);
                  n_checks++;
                }
            }
          {
            g_autoptr(JsonNode) text = string_node ("12");
            g_autoptr(JsonNode) real = double_node (1.5);

            try_invalid (f, info, field, "a text for an integer", text);
            n_checks++;
            try_invalid (f, info, field, "a fraction for an integer", real);
            n_checks++;
          }
          break;
        case COACH_FIELD_REAL:
          {
            g_autoptr(JsonNode) below = double_node (field->min - 0.5);
            g_autoptr(JsonNode) above = double_node (field->max + 0.5);

            g_assert_cmpint (field->min, <, field->max);
            try_invalid (f, info, field, "a value below the minimum", below);
            n_checks++;
            try_invalid (f, info, field, "a value above the maximum", above);
            n_checks++;
          }
          break;
        case COACH_FIELD_BOOL:
          {
            g_autoptr(JsonNode) text = string_node ("yes");
            try_invalid (f, info, field, "a text for a bool", text);
            n_checks++;
          }
          break;
        case COACH_FIELD_ENUM:
          {
            g_autofree char *up = g_ascii_strup (field->enum_values[0], -1);
            g_autoptr(JsonNode) bogus = string_node ("bogus");
            g_autoptr(JsonNode) upper = string_node (up);

            try_invalid (f, info, field, "a value outside the enum", bogus);
            n_checks++;
            try_invalid (f, info, field, "a value in the wrong case", upper);
            n_checks++;
          }
          break;
        case COACH_FIELD_REF:
          {
            g_autoptr(JsonNode) bad = string_node ("not-a-uuid");
            g_autoptr(JsonNode) sql = string_node ("x' OR 1=1 --");

            try_invalid (f, info, field, "a malformed reference", bad);
            n_checks++;
            try_invalid (f, info, field, "an injected reference", sql);
            n_checks++;
          }
          break;
        case COACH_FIELD_STRV:
          {
            JsonArray *a = json_array_new ();
            g_autoptr(JsonNode) node = NULL;
            g_autoptr(JsonNode) text = string_node ("a,b");

            json_array_add_string_element (a, "ok");
            json_array_add_int_element (a, 4);
            node = json_node_init_array (json_node_alloc (), a);
            json_array_unref (a);
            try_invalid (f, info, field, "a list with a number", node);
            n_checks++;
            try_invalid (f, info, field, "a text for a list", text);
            n_checks++;
          }
          break;
        case COACH_FIELD_JSON:
          {
            g_autoptr(JsonNode) text = string_node ("{}");
            try_invalid (f, info, field, "a text for an object", text);
            n_checks++;
          }
          break;
        default:
          g_assert_not_reached ();
        }
    }
  g_assert_cmpuint (n_checks, >, 0);

  /* the same row with good values is fine */
  g_assert_true (coach_catalog_save (f->catalog, good, &error));
  g_assert_no_error (error);
  g_assert_cmpint (test_count (f->catalog, info->name), ==, 1);
  g_assert_cmpint (test_outbox_count (f->catalog), ==, 1);
}

static void
test_validation_update (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoachRecord) ex = test_save_exercise (f->catalog, "Lunge");
  g_autofree char *sql = g_strdup_printf ("SELECT name || '/' || default_duration_s FROM exercise WHERE id = '%s'",
                                          coach_record_get_id (ex));
  g_autofree char *before = test_sql_text (f->path, sql);
  g_autofree char *after = NULL;
  gint64 outbox = test_outbox_count (f->catalog);

  coach_record_set_string (ex, "name", "");
  coach_record_set_int (ex, "default_duration_s", 45);
  g_assert_false (coach_catalog_save (f->catalog, ex, &error));
  g_assert_error (error, COACH_CATALOG_ERROR, COACH_CATALOG_ERROR_INVALID);
  g_clear_error (&error);

  /* nothing of the edit reached the disk, not even the valid field */
  after = test_sql_text (f->path, sql);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpstr (after, ==, "Lunge/30");
  g_assert_cmpint (test_outbox_count (f->catalog), ==, outbox);

  /* the edit is still there to fix */
  g_assert_true (coach_record_is_dirty (ex));
  coach_record_set_string (ex, "name", "Walking lunge");
  g_assert_true (coach_catalog_save (f->catalog, ex, &error));
  g_assert_no_error (error);
  g_clear_pointer (&after, g_free);
  after = test_sql_text (f->path, sql);
  g_assert_cmpstr (after, ==, "Walking lunge/45");
  g_assert_cmpint (test_outbox_count (f->catalog), ==, outbox + 1);
}

/* Forms mark the field that is wrong. */
static void
test_validation_field (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoachRecord) ex = coach_record_new_for_table ("exercise", NULL);
  const char *field = "unset";

  g_assert_false (coach_record_validate_full (ex, &field, &error));
  g_assert_cmpstr (field, ==, "name");
  g_clear_error (&error);

  coach_record_set_string (ex, "name", "Goblet squat");
  coach_record_set_int (ex, "default_duration_s", -5);
  g_assert_false (coach_record_validate_full (ex, &field, &error));
  g_assert_cmpstr (field, ==, "default_duration_s");
  g_clear_error (&error);

  coach_record_set_int (ex, "default_duration_s", 45);
  g_assert_true (coach_record_validate_full (ex, &field, &error));
  g_assert_no_error (error);
  g_assert_null (field);
}

int
main (int   argc,
      char *argv[])
{
  const CoachTableInfo *tables;
  guint n_tables;
  guint n_record_tables = 0;

  g_test_init (&argc, &argv, NULL);

  tables = coach_schema_get_tables (&n_tables);
  for (guint i = 0; i < n_tables; i++)
    {
      g_autofree char *crud = NULL;
      g_autofree char *validation = NULL;

      if (coach_record_type_for_table (tables[i].name) == G_TYPE_INVALID)
        {
          /* only link tables go without a record type */
          g_assert_true (tables[i].flags & COACH_TABLE_FLAG_LINK);
          continue;
        }
      n_record_tables++;
      crud = g_strdup_printf ("/catalog/crud/%s", tables[i].name);
      g_test_add (crud, Fixture, &tables[i], fixture_setup, test_crud, fixture_teardown);
      if (tables[i].flags & COACH_TABLE_FLAG_SERVER_WRITES)
        continue;
      validation = g_strdup_printf ("/catalog/validation/%s", tables[i].name);
      g_test_add (validation, Fixture, &tables[i], fixture_setup, test_validation, fixture_teardown);
    }
  g_assert_cmpuint (n_record_tables, >=, 12);

  g_test_add ("/catalog/validation/update", Fixture, NULL, fixture_setup, test_validation_update, fixture_teardown);
  g_test_add_func ("/catalog/validation/field", test_validation_field);

  return g_test_run ();
}
