/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 *
 * The catalog file format: export, import, and everything an import must
 * refuse without changing anything.
 */
#include "config.h"

#include "coach-catalog.h"
#include "coach-catalog-io.h"

#include "catalog-test-util.h"

typedef CatalogFixture Fixture;

#define fixture_setup catalog_fixture_setup
#define fixture_teardown catalog_fixture_teardown

/* ------------------------------------------------------------------------- */
/* A catalog with rows in every table the app writes, every field set */

static const char *
first_id_of (GHashTable *ids,
             const char *table,
             guint       n)
{
  GPtrArray *list = g_hash_table_lookup (ids, table);

  g_assert_nonnull (list);
  return list->pdata[n % list->len];
}

static guint
populate (CoachCatalog *catalog)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                     (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  const CoachTableInfo *tables;
  guint n_tables;
  guint n_rows = 0;

  tables = coach_schema_get_tables (&n_tables);

  /* ids first: references may point forward in table order */
  for (guint t = 0; t < n_tables; t++)
    {
      GPtrArray *list;

      if (!test_table_is_local_record (&tables[t]))
        continue;
      list = g_ptr_array_new_with_free_func (g_free);
      g_hash_table_insert (ids, (gpointer) tables[t].name, list);
      for (guint v = 0; v < 2; v++)
        {
          CoachRecord *r = coach_record_new_for_table (tables[t].name, NULL);

          g_ptr_array_add (list, g_strdup (coach_record_get_id (r)));
          g_ptr_array_add (records, r);
        }
    }

  g_assert_true (coach_catalog_begin (catalog, &error));
  for (guint i = 0; i < records->len; i++)
    {
      CoachRecord *r = records->pdata[i];
      const CoachTableInfo *info = coach_record_get_table (r);
      g_autoptr(JsonObject) values = test_fill_record (r, i % 2);

      for (guint k = 0; k < info->n_fields; k++)
        if (info->fields[k].type == COACH_FIELD_REF)
          coach_record_set_string (r, info->fields[k].name, first_id_of (ids, info->fields[k].ref_table, i));
      /* whole numbers in real fields travel as they are */
      if (g_str_equal (info->name, "exercise"))
        coach_record_set_double (r, "calories_per_min", 8.0);
      if (g_str_equal (info->name, "workout_item"))
        coach_record_set_double (r, "load_kg", 20.0);
      g_assert_true (coach_catalog_save (catalog, r, &error));
      g_assert_no_error (error);
      n_rows++;
    }

  for (guint t = 0; t < n_tables; t++)
    {
      if (!(tables[t].flags & COACH_TABLE_FLAG_LINK))
        continue;
      for (guint v = 0; v < 2; v++)
        {
          g_assert_true (coach_catalog_link (catalog, tables[t].name,
                                             first_id_of (ids, tables[t].fields[0].ref_table, v),
                                             first_id_of (ids, tables[t].fields[1].ref_table, 0),
                                             &error));
          g_assert_no_error (error);
          n_rows++;
        }
    }

  /* tombstones are not exported */
  {
    g_autoptr(CoachRecord) gone = test_save_exercise (catalog, "Deleted before export");
    g_assert_true (coach_catalog_delete (catalog, gone, &error));
    g_assert_no_error (error);
  }

  g_assert_true (coach_catalog_commit (catalog, &error));
  g_assert_no_error (error);
  return n_rows;
}

/* Every stored row except the local bookkeeping (updated_at, rowid), as
 * text, straight from SQLite. */
static char *
dump_rows (const char *path)
{
  g_autoptr(GString) out = g_string_new (NULL);
  sqlite3 *db = test_sqlite_open (path, FALSE);
  const CoachTableInfo *tables;
  guint n_tables;

  tables = coach_schema_get_tables (&n_tables);
  for (guint t = 0; t < n_tables; t++)
    {
      g_autoptr(GString) sql = g_string_new ("SELECT quote(id) || ',' || quote(deleted) || ',' || quote(extra)");
      sqlite3_stmt *stmt = NULL;

      for (guint i = 0; i < tables[t].n_fields; i++)
        g_string_append_printf (sql, " || ',' || quote(\"%s\")", tables[t].fields[i].name);
      g_string_append_printf (sql, " FROM \"%s\" WHERE deleted = 0 ORDER BY id", tables[t].name);
      g_assert_cmpint (sqlite3_prepare_v2 (db, sql->str, -1, &stmt, NULL), ==, SQLITE_OK);
      g_string_append_printf (out, "[%s]\n", tables[t].name);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_string_append_printf (out, "%s\n", sqlite3_column_text (stmt, 0));
      sqlite3_finalize (stmt);
    }
  sqlite3_close (db);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static JsonObject *
export_tables (CoachCatalog       *catalog,
               const char * const *selection)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = coach_catalog_export_json (catalog, selection, &error);
  JsonObject *obj;

  g_assert_no_error (error);
  g_assert_nonnull (root);
  obj = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (obj, "format"), ==, COACH_CATALOG_FORMAT);
  g_assert_cmpint (json_object_get_int_member (obj, "version"), ==, COACH_CATALOG_FORMAT_VERSION);
  return json_object_ref (json_object_get_object_member (obj, "tables"));
}

/* The tables of an export without the fields that differ between two
 * catalogs holding the same rows. */
static char *
canonical_tables (JsonObject *tables)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), tables);
  g_autofree char *text = json_to_string (node, FALSE);
  g_autoptr(JsonNode) copy = json_from_string (text, NULL);
  JsonObject *obj = json_node_get_object (copy);
  g_autoptr(GList) names = json_object_get_members (obj);

  for (GList *l = names; l; l = l->next)
    {
      JsonArray *rows = json_object_get_array_member (obj, l->data);

      for (guint i = 0; i < json_array_get_length (rows); i++)
        json_object_remove_member (json_array_get_object_element (rows, i), "updated_at");
    }
  return json_to_string (copy, FALSE);
}

static CoachCatalog *
open_fresh (Fixture    *f,
            const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_build_filename (f->dir, name, NULL);
  CoachCatalog *catalog = coach_catalog_open (dir, &error);

  g_assert_no_error (error);
  return catalog;
}

static char *
write_json (Fixture    *f,
            const char *name,
            const char *json)
{
  char *path = g_build_filename (f->dir, name, NULL);

  test_write_file (path, json, strlen (json));
  return path;
}

/* ------------------------------------------------------------------------- */

static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoachCatalog) copy = open_fresh (f, "copy");
  g_autofree char *file = g_build_filename (f->dir, "export.json", NULL);
  g_autofree char *dump_a = NULL;
  g_autofree char *dump_b = NULL;
  g_autofree char *canon_a = NULL;
  g_autofree char *canon_b = NULL;
  g_autoptr(JsonObject) tables_a = NULL;
  g_autoptr(JsonObject) tables_b = NULL;
  CoachImportStats stats;
  guint n_rows = populate (f->catalog);

  g_assert_true (coach_catalog_export_to_file (f->catalog, file, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (file, G_FILE_TEST_IS_REGULAR));

  g_assert_true (coach_catalog_import_file (copy, file, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.inserted, ==, n_rows);
  g_assert_cmpuint (stats.updated, ==, 0);
  g_assert_cmpuint (stats.unchanged, ==, 0);
  g_assert_cmpuint (stats.skipped_tables, ==, 0);
  /* an import is a local change like any other */
  g_assert_cmpint (test_outbox_count (copy), ==, n_rows);

  /* the same rows, field by field */
  dump_a = dump_rows (f->path);
  dump_b = dump_rows (coach_catalog_get_path (copy));
  g_assert_cmpstr (dump_a, ==, dump_b);
  g_assert_null (strstr (dump_a, "Deleted before export"));

  tables_a = export_tables (f->catalog, NULL);
  tables_b = export_tables (copy, NULL);
  canon_a = canonical_tables (tables_a);
  canon_b = canonical_tables (tables_b);
  g_assert_cmpstr (canon_a, ==, canon_b);
  /* server-written rows are not part of a catalog file */
  g_assert_false (json_object_has_member (tables_a, "delivery"));
}

static void
test_reimport_unchanged (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoachCatalog) copy = open_fresh (f, "copy");
  g_autofree char *file = g_build_filename (f->dir, "export.json", NULL);
  g_autofree char *dump_before = NULL;
  g_autofree char *dump_after = NULL;
  CoachImportStats stats;
  guint n_rows = populate (f->catalog);
  gint64 outbox;

  g_assert_true (coach_catalog_export_to_file (f->catalog, file, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (coach_catalog_import_file (copy, file, &stats, &error));
  g_assert_no_error (error);

  /* twice into the copy, and once into the catalog it came from */
  for (guint round = 0; round < 2; round++)
    {
      CoachCatalog *target = round == 0 ? copy : f->catalog;

      outbox = test_outbox_count (target);
      dump_before = dump_rows (coach_catalog_get_path (target));
      g_assert_true (coach_catalog_import_file (target, file, &stats, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (stats.inserted, ==, 0);
      g_assert_cmpuint (stats.updated, ==, 0);
      g_assert_cmpuint (stats.unchanged, ==, n_rows);
      g_assert_cmpint (test_outbox_count (target), ==, outbox);
      dump_after = dump_rows (coach_catalog_get_path (target));
      g_assert_cmpstr (dump_before, ==, dump_after);
      g_clear_pointer (&dump_before, g_free);
      g_clear_pointer (&dump_after, g_free);
    }
}

static void
test_import_updates_fields (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoachRecord) ex = test_save_exercise (f->catalog, "Squat");
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *json = NULL;
  g_autofree char *file = NULL;
  CoachImportStats stats;
  gint64 mid;

  coach_record_set_string (ex, "difficulty", "easy");
  g_assert_true (coach_catalog_save (f->catalog, ex, &error));
  mid = test_outbox_last_mid (f->path);

  /* a hand-written file: only some fields, the others keep their values */
  json = g_strdup_printf ("{\"format\": \"coachbook-catalog\", \"version\": 1, \"tables\": {"
                          "\"exercise\": [{\"id\": \"%s\", \"name\": \"Back squat\", \"difficulty\": \"easy\"}]}}",
                          coach_record_get_id (ex));
  file = write_json (f, "edit.json", json);
  g_assert_true (coach_catalog_import_file (f->catalog, file, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.updated, ==, 1);
  g_assert_cmpuint (stats.inserted, ==, 0);

  /* the live object follows */
  g_assert_cmpstr (coach_record_get_string (ex, "name"), ==, "Back squat");
  g_assert_cmpstr (coach_record_get_string (ex, "difficulty"), ==, "easy");

  rows = test_outbox_rows (f->path, mid);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpuint (json_object_get_size (((OutboxRow *) rows->pdata[0])->fields), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (((OutboxRow *) rows->pdata[0])->fields, "name"), ==,
                   "Back squat");
}

static void
test_selection_closure (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  CoachCatalog *c = f->catalog;
  g_autoptr(CoachRecord) e1 = test_save_exercise (c, "E1");
  g_autoptr(CoachRecord) e2 = test_save_exercise (c, "E2");
  g_autoptr(CoachRecord) e3 = test_save_exercise (c, "E3 elsewhere");
  g_autoptr(CoachRecord) c1 = test_save_named (c, "category", "name", "C1");
  g_autoptr(CoachRecord) c2 = test_save_named (c, "category", "name", "C2");
  g_autoptr(CoachRecord) c3 = test_save_named (c, "category", "name", "C3 unused");
  g_autoptr(CoachRecord) t1 = test_save_named (c, "tag", "name", "T1");
  g_autoptr(CoachRecord) w1 = test_save_named (c, "workout", "name", "W1");
  g_autoptr(CoachRecord) w2 = test_save_named (c, "workout", "name", "W2");
  g_autoptr(CoachRecord) i1 = test_save_item (c, coach_record_get_id (w1), coach_record_get_id (e1), "a0");
  g_autoptr(CoachRecord) i2 = test_save_item (c, coach_record_get_id (w1), coach_record_get_id (e2), "a1");
  g_autoptr(CoachRecord) i_gone = test_save_item (c, coach_record_get_id (w1), coach_record_get_id (e3), "a2");
  g_autoptr(CoachRecord) i3 = test_save_item (c, coach_record_get_id (w2), coach_record_get_id (e3), "a0");
  g_autoptr(CoachRecord) clip = test_save_named (c, "clip", "title", "Clip of E1");
  g_autoptr(CoachRecord) athlete = test_save_named (c, "athlete", "name", "Ana");
  g_autoptr(CoachRecord) session = test_save_named (c, "session", "starts_at", "2026-03-03T18:00:00+01:00");
  g_autoptr(JsonObject) tables = NULL;
  g_autoptr(CoachCatalog) copy = open_fresh (f, "copy");
  g_autoptr(JsonNode) root = NULL;
  const char *selection[] = { NULL, NULL };
  g_autofree char *sel = g_strdup_printf ("workout/%s", coach_record_get_id (w1));
  struct { const char *table; const char *ids[3]; } want[] = {
    { "workout", { coach_record_get_id (w1) } },
    { "workout_item", { coach_record_get_id (i1), coach_record_get_id (i2) } },
    { "exercise", { coach_record_get_id (e1), coach_record_get_id (e2) } },
    { "category", { coach_record_get_id (c1), coach_record_get_id (c2) } },
    { "tag", { coach_record_get_id (t1) } },
  };
  g_autoptr(GList) members = NULL;
  CoachImportStats stats;

  test_link (c, "exercise_category", coach_record_get_id (e1), coach_record_get_id (c1));
  test_link (c, "exercise_category", coach_record_get_id (e2), coach_record_get_id (c2));
  test_link (c, "exercise_category", coach_record_get_id (e3), coach_record_get_id (c3));
  test_link (c, "exercise_tag", coach_record_get_id (e1), coach_record_get_id (t1));
  test_link (c, "session_athlete", coach_record_get_id (session), coach_record_get_id (athlete));
  coach_record_set_string (clip, "exercise_id", coach_record_get_id (e1));
  coach_record_set_string (session, "workout_id", coach_record_get_id (w1));
  g_assert_true (coach_catalog_save (c, clip, &error));
  g_assert_true (coach_catalog_save (c, session, &error));
  g_assert_true (coach_catalog_delete (c, i_gone, &error));
  g_assert_no_error (error);

  selection[0] = sel;
  tables = export_tables (c, selection);

  for (guint i = 0; i < G_N_ELEMENTS (want); i++)
    {
      JsonArray *rows;
      guint n_want = 0;

      g_assert_true (json_object_has_member (tables, want[i].table));
      rows = json_object_get_array_member (tables, want[i].table);
      while (n_want < G_N_ELEMENTS (want[i].ids) && want[i].ids[n_want])
        n_want++;
      if (json_array_get_length (rows) != n_want)
        g_error ("%s: %u rows exported, expected %u", want[i].table, json_array_get_length (rows), n_want);
      for (guint k = 0; k < n_want; k++)
        {
          gboolean found = FALSE;

          for (guint r = 0; r < json_array_get_length (rows); r++)
            found |= g_str_equal (json_object_get_string_member (json_array_get_object_element (rows, r), "id"),
                                  want[i].ids[k]);
          g_assert_true (found);
        }
    }
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (tables, "exercise_category")), ==, 2);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (tables, "exercise_tag")), ==, 1);

  /* and nothing else */
  members = json_object_get_members (tables);
  for (GList *l = members; l; l = l->next)
    {
      gboolean expected = g_str_equal (l->data, "exercise_category") || g_str_equal (l->data, "exercise_tag");

      for (guint i = 0; i < G_N_ELEMENTS (want); i++)
        expected |= g_str_equal (l->data, want[i].table);
      if (!expected && json_array_get_length (json_object_get_array_member (tables, l->data)) > 0)
        g_error ("the selection brought rows of “%s”", (const char *) l->data);
    }

  /* a selection imports on its own */
  root = coach_catalog_export_json (c, selection, &error);
  g_assert_no_error (error);
  g_assert_true (coach_catalog_import_json (copy, root, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.inserted, ==, 1 + 2 + 2 + 2 + 1 + 2 + 1);
  g_assert_cmpint (test_count (copy, "workout_item"), ==, 2);
  g_assert_cmpint (test_count (copy, "clip"), ==, 0);
}

static void
test_selection_errors (Fixture       *f,
                       gconstpointer  data)
{
  const char *bad[] = { "workout", "workout/", "workout/not-a-uuid", "nosuchtable/0190a0a0-0000-7000-8000-000000000000",
                        "/0190a0a0-0000-7000-8000-000000000000" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      const char *selection[] = { bad[i], NULL };
      g_autoptr(JsonNode) root = coach_catalog_export_json (f->catalog, selection, &error);

      g_assert_null (root);
      g_assert_error (error, COACH_CATALOG_ERROR, COACH_CATALOG_ERROR_INVALID);
    }
}

static void
test_unknown_fields_kept (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = coach_uuid_v7_new ();
  g_autofree char *json = g_strdup_printf (
    "{\"format\": \"coachbook-catalog\", \"version\": 1, \"schema_version\": 9, \"tables\": {"
    "  \"exercise\": [{\"id\": \"%s\", \"name\": \"Nordic curl\", \"coach_rating\": 5,"
    "                  \"video_hint\": {\"angle\": \"side\", \"fps\": [30, 60]}}],"
    "  \"future_table\": [{\"id\": \"%s\", \"whatever\": true}]}}", id, id);
  g_autofree char *file = write_json (f, "future.json", json);
  g_autoptr(JsonObject) tables = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(CoachRecord) ex = NULL;
  JsonObject *row;
  JsonObject *hint;
  CoachImportStats stats;

  g_assert_true (coach_catalog_import_file (f->catalog, file, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.inserted, ==, 1);
  g_assert_cmpuint (stats.skipped_tables, ==, 1);

  /* they travel to the server with the row */
  rows = test_outbox_rows (f->path, 0);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpint (json_object_get_int_member (((OutboxRow *) rows->pdata[0])->fields, "coach_rating"), ==, 5);

  /* and survive a local edit */
  ex = coach_catalog_get (f->catalog, "exercise", id, &error);
  g_assert_no_error (error);
  coach_record_set_string (ex, "description", "Partner holds the ankles");
  g_assert_true (coach_catalog_save (f->catalog, ex, &error));
  g_assert_no_error (error);
  g_clear_object (&ex);

  tables = export_tables (f->catalog, NULL);
  row = json_array_get_object_element (json_object_get_array_member (tables, "exercise"), 0);
  g_assert_cmpstr (json_object_get_string_member (row, "id"), ==, id);
  g_assert_cmpint (json_object_get_int_member (row, "coach_rating"), ==, 5);
  hint = json_object_get_object_member (row, "video_hint");
  g_assert_nonnull (hint);
  g_assert_cmpstr (json_object_get_string_member (hint, "angle"), ==, "side");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (hint, "fps")), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (row, "description"), ==, "Partner holds the ankles");
  g_assert_false (json_object_has_member (tables, "future_table"));

  /* importing it again changes nothing */
  g_assert_true (coach_catalog_import_file (f->catalog, file, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.unchanged, ==, 1);
  g_assert_cmpint (test_outbox_count (f->catalog), ==, 2);
}

/* ------------------------------------------------------------------------- */
/* Refused imports change nothing */

typedef struct
{
  char   *dump;
  char   *export;
  gint64  outbox_mid;
} Snapshot;

static void
snapshot_take (Fixture  *f,
               Snapshot *s)
{
  g_autoptr(JsonObject) tables = export_tables (f->catalog, NULL);

  s->dump = dump_rows (f->path);
  s->export = canonical_tables (tables);
  s->outbox_mid = test_outbox_last_mid (f->path);
}

static void
snapshot_assert_same (Fixture  *f,
                      Snapshot *s)
{
  Snapshot now = { 0 };

  snapshot_take (f, &now);
  g_assert_cmpstr (now.dump, ==, s->dump);
  g_assert_cmpstr (now.export, ==, s->export);
  g_assert_cmpint (now.outbox_mid, ==, s->outbox_mid);
  g_free (now.dump);
  g_free (now.export);
}

static void
snapshot_clear (Snapshot *s)
{
  g_free (s->dump);
  g_free (s->export);
}

static void
refuse_import (Fixture    *f,
               Snapshot   *before,
               const char *json,
               int         code,
               const char *table,
               guint       row)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *file = write_json (f, "bad.json", json);
  CoachImportStats stats = { 7, 7, 7, 7 };

  if (coach_catalog_import_file (f->catalog, file, &stats, &error))
    g_error ("accepted: %s", json);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  if (code >= 0)
    g_assert_error (error, COACH_CATALOG_ERROR, code);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  if (table != NULL)
    {
      g_autofree char *row_text = g_strdup_printf ("Row %u ", row);

      g_assert_nonnull (strstr (error->message, table));
      g_assert_nonnull (strstr (error->message, row_text));
    }
  g_assert_cmpuint (stats.inserted + stats.updated, ==, 0);
  snapshot_assert_same (f, before);
}

static char *
subst (const char *template,
       const char *a,
       const char *b,
       const char *c,
       const char *cat,
       const char *h)
{
  GString *s = g_string_new (template);

  g_string_replace (s, "@A@", a, 0);
  g_string_replace (s, "@B@", b, 0);
  g_string_replace (s, "@C@", c, 0);
  g_string_replace (s, "@CAT@", cat, 0);
  g_string_replace (s, "@H@", h, 0);
  return g_string_free (s, FALSE);
}

static void
test_invalid_row_changes_nothing (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoachRecord) held = test_save_exercise (f->catalog, "Held by a view");
  g_autofree char *a = coach_uuid_v7_new ();
  g_autofree char *b = coach_uuid_v7_new ();
  g_autofree char *c = coach_uuid_v7_new ();
  g_autofree char *cat = coach_uuid_v7_new ();
  const char *h = coach_record_get_id (held);
  Snapshot before = { 0 };
  struct { const char *fmt; const char *table; guint row; } cases[] = {
    /* a bad enum in the middle, after a valid update of a live row */
    { "{\"format\":\"coachbook-catalog\",\"version\":1,\"tables\":{"
      "\"category\":[{\"id\":\"@CAT@\",\"name\":\"New\"}],"
      "\"exercise\":[{\"id\":\"@H@\",\"name\":\"Renamed by the import\"},{\"id\":\"@A@\",\"name\":\"A\"},"
      "{\"id\":\"@B@\",\"name\":\"B\",\"difficulty\":\"extreme\"},{\"id\":\"@C@\",\"name\":\"C\"}]}}",
      "exercise", 3 },
    /* an empty required name */
    { "{\"format\":\"coachbook-catalog\",\"version\":1,\"tables\":{"
      "\"exercise\":[{\"id\":\"@A@\",\"name\":\"A\"},{\"id\":\"@B@\",\"name\":\"\"}]}}",
      "exercise", 2 },
    /* a required field missing in a new row */
    { "{\"format\":\"coachbook-catalog\",\"version\":1,\"tables\":{"
      "\"exercise\":[{\"id\":\"@A@\",\"name\":\"A\"}],\"workout\":[{\"id\":\"@B@\",\"description\":\"no name\"}]}}",
      "workout", 1 },
    /* an existing row made invalid */
    { "{\"format\":\"coachbook-catalog\",\"version\":1,\"tables\":{"
      "\"exercise\":[{\"id\":\"@A@\",\"name\":\"A\"},{\"id\":\"@H@\",\"default_duration_s\":-5}]}}",
      "exercise", 2 },
    /* a number out of range */
    { "{\"format\":\"coachbook-catalog\",\"version\":1,\"tables\":{"
      "\"exercise\":[{\"id\":\"@A@\",\"name\":\"A\",\"calories_per_min\":1000}]}}",
      "exercise", 1 },
    /* wrong types */
    { "{\"format\":\"coachbook-catalog\",\"version\":1,\"tables\":{"
      "\"exercise\":[{\"id\":\"@A@\",\"name\":\"A\",\"muscles\":\"legs\"}]}}",
      "exercise", 1 },
    { "{\"format\":\"coachbook-catalog\",\"version\":1,\"tables\":{"
      "\"exercise\":[{\"id\":\"@A@\",\"name\":\"A\",\"has_jump\":\"yes\"}]}}",
      "exercise", 1 },
    /* ids */
    { "{\"format\":\"coachbook-catalog\",\"version\":1,\"tables\":{"
      "\"exercise\":[{\"id\":\"@A@\",\"name\":\"A\"},{\"name\":\"no id\"}]}}",
      "exercise", 2 },
    { "{\"format\":\"coachbook-catalog\",\"version\":1,\"tables\":{"
      "\"exercise\":[{\"id\":\"@A@\",\"name\":\"A\"},{\"id\":\"1234\",\"name\":\"bad id\"}]}}",
      "exercise", 2 },
    { "{\"format\":\"coachbook-catalog\",\"version\":1,\"tables\":{"
      "\"exercise\":[{\"id\":\"@A@\",\"name\":\"A\"},{\"id\":42,\"name\":\"numeric id\"}]}}",
      "exercise", 2 },
    { "{\"format\":\"coachbook-catalog\",\"version\":1,\"tables\":{"
      "\"exercise\":[{\"id\":\"@A@\",\"name\":\"A\"},{\"id\":{\"x\":1},\"name\":\"object id\"}]}}",
      "exercise", 2 },
    { "{\"format\":\"coachbook-catalog\",\"version\":1,\"tables\":{"
      "\"exercise\":[{\"id\":\"@A@\",\"name\":\"A\"},{\"id\":[\"@B@\"],\"name\":\"list id\"}]}}",
      "exercise", 2 },
    /* a row that is not an object */
    { "{\"format\":\"coachbook-catalog\",\"version\":1,\"tables\":{"
      "\"exercise\":[{\"id\":\"@A@\",\"name\":\"A\"},\"just text\"]}}",
      "exercise", 2 },
    /* a bad reference */
    { "{\"format\":\"coachbook-catalog\",\"version\":1,\"tables\":{"
      "\"exercise\":[{\"id\":\"@A@\",\"name\":\"A\",\"primary_clip_id\":\"clip-1\"}]}}",
      "exercise", 1 },
    /* a bad link row after good ones */
    { "{\"format\":\"coachbook-catalog\",\"version\":1,\"tables\":{"
      "\"category\":[{\"id\":\"@CAT@\",\"name\":\"New\"}],"
      "\"exercise_category\":[{\"id\":\"@B@\",\"exercise_id\":\"@H@\",\"category_id\":\"@CAT@\"},"
      "{\"id\":\"@C@\",\"exercise_id\":\"@H@\",\"category_id\":\"nope\"}]}}",
      "exercise_category", 2 },
    /* the server's own rows are skipped, not an error: but a bad row
     * after them still is */
    { "{\"format\":\"coachbook-catalog\",\"version\":1,\"tables\":{"
      "\"delivery\":[{\"id\":\"@A@\"}],"
      "\"athlete\":[{\"id\":\"@B@\",\"name\":\"Ana\",\"level\":\"pro\"}]}}",
      "athlete", 1 },
  };

  g_object_unref (test_save_named (f->catalog, "category", "name", "Existing"));
  snapshot_take (f, &before);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json = NULL;

      json = subst (cases[i].fmt, a, b, c, cat, h);
      refuse_import (f, &before, json, COACH_CATALOG_ERROR_INVALID, cases[i].table, cases[i].row);

      /* what a view shows is what is stored */
      g_assert_cmpstr (coach_record_get_string (held, "name"), ==, "Held by a view");
      g_assert_cmpint (coach_record_get_int (held, "default_duration_s"), ==, 30);
      g_assert_false (coach_record_is_dirty (held));
    }

  /* a catalog that refused all of those still imports a good file */
  {
    g_autofree char *good = g_strdup_printf ("{\"format\":\"coachbook-catalog\",\"version\":1,\"tables\":{"
                                             "\"exercise\":[{\"id\":\"%s\",\"name\":\"A\"}]}}", a);
    g_autofree char *file = write_json (f, "good.json", good);
    CoachImportStats stats;

    g_assert_true (coach_catalog_import_file (f->catalog, file, &stats, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (stats.inserted, ==, 1);
  }
  snapshot_clear (&before);
}

static void
test_not_a_catalog_file (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *missing = g_build_filename (f->dir, "missing.json", NULL);
  Snapshot before = { 0 };
  struct { const char *json; int code; } cases[] = {
    { "this is not JSON {", COACH_CATALOG_ERROR_INVALID },
    { "{\"format\": \"coachbook-catalog\", \"version\": 1, \"tables\": {", COACH_CATALOG_ERROR_INVALID },
    { "", -1 },
    { "[1, 2, 3]", COACH_CATALOG_ERROR_INVALID },
    { "\"coachbook-catalog\"", COACH_CATALOG_ERROR_INVALID },
    { "{}", COACH_CATALOG_ERROR_INVALID },
    { "{\"format\": \"coachbook-starter\", \"version\": 1, \"exercises\": []}", COACH_CATALOG_ERROR_INVALID },
    { "{\"format\": \"something-else\", \"version\": 1, \"tables\": {}}", COACH_CATALOG_ERROR_INVALID },
    { "{\"format\": \"coachbook-catalog\", \"version\": 2, \"tables\": {}}", COACH_CATALOG_ERROR_NEWER_VERSION },
    { "{\"format\": \"coachbook-catalog\", \"version\": 99, \"tables\": {\"exercise\": []}}", COACH_CATALOG_ERROR_NEWER_VERSION },
    { "{\"format\": \"coachbook-catalog\", \"version\": \"1\", \"tables\": {}}", -1 },
    { "{\"format\": \"coachbook-catalog\", \"version\": 1}", COACH_CATALOG_ERROR_INVALID },
    { "{\"format\": {\"name\": \"coachbook-catalog\"}, \"version\": 1, \"tables\": {}}", COACH_CATALOG_ERROR_INVALID },
    { "{\"format\": [\"coachbook-catalog\"], \"version\": 1, \"tables\": {}}", COACH_CATALOG_ERROR_INVALID },
    { "{\"format\": \"coachbook-catalog\", \"version\": {\"major\": 1}, \"tables\": {}}", -1 },
    { "{\"format\": \"coachbook-catalog\", \"version\": [1], \"tables\": {}}", -1 },
    { "{\"format\": \"coachbook-catalog\", \"version\": 1, \"tables\": []}", COACH_CATALOG_ERROR_INVALID },
    { "{\"format\": \"coachbook-catalog\", \"version\": 1, \"tables\": {\"exercise\": {}}}", COACH_CATALOG_ERROR_INVALID },
  };

  g_object_unref (test_save_exercise (f->catalog, "Existing"));
  snapshot_take (f, &before);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    refuse_import (f, &before, cases[i].json, cases[i].code, NULL, 0);

  g_assert_false (coach_catalog_import_file (f->catalog, missing, NULL, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_clear_error (&error);

  /* the version refusal says which versions */
  {
    g_autofree char *file = write_json (f, "newer.json", cases[8].json);

    g_assert_false (coach_catalog_import_file (f->catalog, file, NULL, &error));
    g_assert_nonnull (strstr (error->message, "2"));
    g_assert_nonnull (strstr (error->message, "1"));
  }
  snapshot_assert_same (f, &before);
  snapshot_clear (&before);
}

static void
test_export_file_errors (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *bad = g_build_filename (f->dir, "no", "such", "dir", "out.json", NULL);
  g_autofree char *good = g_build_filename (f->dir, "out.json", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(JsonNode) parsed = NULL;

  g_object_unref (test_save_exercise (f->catalog, "Row"));
  g_assert_false (coach_catalog_export_to_file (f->catalog, bad, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* an existing file is replaced */
  test_write_file (good, "old", 3);
  g_assert_true (coach_catalog_export_to_file (f->catalog, good, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (good, &contents, NULL, NULL));
  parsed = json_from_string (contents, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (parsed), "format"), ==,
                   "coachbook-catalog");
}

/* Clearing a field in a file: either the field's default or a clear
 * refusal, never a database error half-way. */
static void
test_null_fields (Fixture       *f,
                  gconstpointer  data)
{
  const char *fields[] = { "difficulty", "muscles", "has_jump", "description", "default_duration_s" };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *id = coach_uuid_v7_new ();
      g_autofree char *json = g_strdup_printf ("{\"format\":\"coachbook-catalog\",\"version\":1,\"tables\":{"
                                               "\"exercise\":[{\"id\":\"%s\",\"name\":\"N\",\"%s\":null}]}}",
                                               id, fields[i]);
      g_autofree char *file = write_json (f, "null.json", json);
      gint64 outbox = test_outbox_count (f->catalog);
      gint64 count = test_count (f->catalog, "exercise");

      if (coach_catalog_import_file (f->catalog, file, NULL, &error))
        {
          g_autoptr(CoachRecord) ex = coach_catalog_get (f->catalog, "exercise", id, &error);

          g_assert_no_error (error);
          g_assert_cmpint (test_outbox_count (f->catalog), ==, outbox + 1);
          if (g_str_equal (fields[i], "difficulty"))
            g_assert_cmpstr (coach_record_get_string (ex, "difficulty"), ==, "medium");
          if (g_str_equal (fields[i], "muscles"))
            {
              g_auto(GStrv) m = coach_record_dup_strv (ex, "muscles");
              g_assert_cmpuint (g_strv_length (m), ==, 0);
            }
        }
      else
        {
          g_test_message ("%s: %s", fields[i], error->message);
          g_assert_error (error, COACH_CATALOG_ERROR, COACH_CATALOG_ERROR_INVALID);
          g_assert_nonnull (strstr (error->message, fields[i]));
          g_assert_null (strstr (error->message, "SQLite"));
          g_assert_cmpint (test_outbox_count (f->catalog), ==, outbox);
          g_assert_cmpint (test_count (f->catalog, "exercise"), ==, count);
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/catalog/io/round-trip", Fixture, NULL, fixture_setup, test_round_trip, fixture_teardown);
  g_test_add ("/catalog/io/reimport-unchanged", Fixture, NULL, fixture_setup, test_reimport_unchanged, fixture_teardown);
  g_test_add ("/catalog/io/import-updates-fields", Fixture, NULL, fixture_setup, test_import_updates_fields, fixture_teardown);
  g_test_add ("/catalog/io/selection-closure", Fixture, NULL, fixture_setup, test_selection_closure, fixture_teardown);
  g_test_add ("/catalog/io/selection-errors", Fixture, NULL, fixture_setup, test_selection_errors, fixture_teardown);
  g_test_add ("/catalog/io/unknown-fields-kept", Fixture, NULL, fixture_setup, test_unknown_fields_kept, fixture_teardown);
  g_test_add ("/catalog/io/invalid-row-changes-nothing", Fixture, NULL, fixture_setup, test_invalid_row_changes_nothing, fixture_teardown);
  g_test_add ("/catalog/io/not-a-catalog-file", Fixture, NULL, fixture_setup, test_not_a_catalog_file, fixture_teardown);
  g_test_add ("/catalog/io/export-file-errors", Fixture, NULL, fixture_setup, test_export_file_errors, fixture_teardown);
  g_test_add ("/catalog/io/null-fields", Fixture, NULL, fixture_setup, test_null_fields, fixture_teardown);

  return g_test_run ();
}
