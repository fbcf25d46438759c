/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coach-query-model"

#include "config.h"

#include "coach-catalog-private.h"
#include "coach-query-model.h"
#include "coach-record-private.h"

#define PAGE_SIZE 64
#define MAX_PAGES 32

typedef struct
{
  guint      index;
  guint64    last_use;
  GPtrArray *records;
} Page;

struct _CoachQueryModel
{
  GObject       parent_instance;

  CoachCatalog *catalog;
  char         *table;
  char         *ref_field;
  char         *ref_id;
  gboolean      include_archived;

  GArray       *rowids;     /* gint64, display order */
  GHashTable   *pages;      /* page index -> Page */
  guint64       use_clock;
  gulong        changed_id;
  gboolean      loaded;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CoachQueryModel, coach_query_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_ITEM_TYPE,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------------------- */

static void
page_free (gpointer data)
{
  Page *page = data;

  g_ptr_array_unref (page->records);
  g_free (page);
}

static const char *
order_clause (const CoachTableInfo *info)
{
  /* rowid as the tie-breaker lets the (deleted, name) indexes deliver the
   * order without a sort step. */
  if (coach_schema_lookup_field (info, "position"))
    return "position, id";
  if (coach_schema_lookup_field (info, "starts_at"))
    return "starts_at, rowid";
  if (coach_schema_lookup_field (info, "name"))
    return "name COLLATE NOCASE, rowid";
  if (coach_schema_lookup_field (info, "title"))
    return "title COLLATE NOCASE, rowid";
  if (coach_schema_lookup_field (info, "t_ms"))
    return "t_ms, rowid";
  return "rowid";
}

static GArray *
query_rowids (CoachQueryModel  *self,
              GError          **error)
{
  const CoachTableInfo *info = coach_schema_lookup_table (self->table);
  CoachDb *db = _coach_catalog_get_db (self->catalog);
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GArray) rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  g_string_append_printf (sql, "SELECT rowid FROM \"%s\" WHERE deleted = 0", info->name);
  if (!self->include_archived)
    {
      if (coach_schema_lookup_field (info, "archived"))
        g_string_append (sql, " AND archived = 0");
      else if (g_str_equal (info->name, "workout"))
        g_string_append (sql, " AND status != 'archived'");
    }
  if (self->ref_field != NULL)
    g_string_append_printf (sql, " AND \"%s\" = ?", self->ref_field);
  g_string_append_printf (sql, " ORDER BY %s", order_clause (info));

  if (!(stmt = coach_db_prepare (db, sql->str, error)))
    return NULL;
  if (self->ref_field != NULL)
    coach_db_bind_text (stmt, 1, self->ref_id);

  while ((rc = coach_db_step (db, stmt, error)) == SQLITE_ROW)
    {
      gint64 rowid = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (rowids, rowid);
    }
  sqlite3_reset (stmt);
  if (rc == 0)
    return NULL;
  return g_steal_pointer (&rowids);
}

static void
evict_pages (CoachQueryModel *self)
{
  while (g_hash_table_size (self->pages) > MAX_PAGES)
    {
      GHashTableIter iter;
      gpointer value;
      Page *oldest = NULL;

      g_hash_table_iter_init (&iter, self->pages);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        if (oldest == NULL || ((Page *) value)->last_use < oldest->last_use)
          oldest = value;
      g_hash_table_remove (self->pages, GUINT_TO_POINTER (oldest->index));
    }
}

static Page *
load_page (CoachQueryModel *self,
           guint            index)
{
  const CoachTableInfo *info = coach_schema_lookup_table (self->table);
  CoachDb *db = _coach_catalog_get_db (self->catalog);
  g_autofree char *select = _coach_record_select_sql (info);
  g_autofree char *sql = g_strconcat (select, " WHERE rowid = ?", NULL);
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;
  Page *page;
  guint start = index * PAGE_SIZE;
  guint end = MIN (start + PAGE_SIZE, self->rowids->len);

  if (!(stmt = coach_db_prepare (db, sql, &error)))
    {
      g_warning ("Cannot load rows: %s", error->message);
      return NULL;
    }

  page = g_new0 (Page, 1);
  page->index = index;
  /* newest of all, or evict_pages() below would drop it first */
  page->last_use = ++self->use_clock;
  page->records = g_ptr_array_new_full (end - start, g_object_unref);

  for (guint i = start; i < end; i++)
    {
      CoachRecord *record = NULL;

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, g_array_index (self->rowids, gint64, i));
      if (coach_db_step (db, stmt, &error) == SQLITE_ROW)
        record = _coach_catalog_load_record (self->catalog, info->name, stmt);
      else
        {
          /* The row went away under us; a "changed" emission follows. Keep
           * positions stable with a placeholder of the right type. */
          g_clear_error (&error);
          record = coach_record_new_for_table (info->name, NULL);
        }
      g_ptr_array_add (page->records, record);
    }
  sqlite3_reset (stmt);

  g_hash_table_insert (self->pages, GUINT_TO_POINTER (index), page);
  evict_pages (self);
  return page;
}

static void
catalog_changed_cb (CoachCatalog    *catalog,
                    const char      *table,
                    CoachQueryModel *self)
{
  g_autoptr(GError) error = NULL;

  if (!coach_query_model_reload (self, &error))
    g_warning ("Cannot refresh the %s list: %s", self->table, error->message);
}

/* ------------------------------------------------------------------------- */

static GType
coach_query_model_get_item_type (GListModel *model)
{
  CoachQueryModel *self = COACH_QUERY_MODEL (model);

  return coach_record_type_for_table (self->table);
}

static guint
coach_query_model_get_n_items (GListModel *model)
{
  CoachQueryModel *self = COACH_QUERY_MODEL (model);

  if (!self->loaded)
    {
      g_autoptr(GError) error = NULL;
      if (!coach_query_model_reload (self, &error))
        g_warning ("Cannot load the %s list: %s", self->table, error->message);
    }
  return self->rowids->len;
}

static gpointer
coach_query_model_get_item (GListModel *model,
                            guint       position)
{
  CoachQueryModel *self = COACH_QUERY_MODEL (model);
  guint index;
  Page *page;

  if (position >= coach_query_model_get_n_items (model))
    return NULL;

  index = position / PAGE_SIZE;
  page = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (index));
  if (page == NULL && (page = load_page (self, index)) == NULL)
    return NULL;

  page->last_use = ++self->use_clock;
  return g_object_ref (g_ptr_array_index (page->records, position % PAGE_SIZE));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = coach_query_model_get_item_type;
  iface->get_n_items = coach_query_model_get_n_items;
  iface->get_item = coach_query_model_get_item;
}

static void
coach_query_model_dispose (GObject *object)
{
  CoachQueryModel *self = COACH_QUERY_MODEL (object);

  if (self->catalog != NULL)
    g_clear_signal_handler (&self->changed_id, self->catalog);
  g_clear_object (&self->catalog);
  g_hash_table_remove_all (self->pages);

  G_OBJECT_CLASS (coach_query_model_parent_class)->dispose (object);
}

static void
coach_query_model_finalize (GObject *object)
{
  CoachQueryModel *self = COACH_QUERY_MODEL (object);

  g_clear_pointer (&self->pages, g_hash_table_unref);
  g_clear_pointer (&self->rowids, g_array_unref);
  g_free (self->table);
  g_free (self->ref_field);
  g_free (self->ref_id);

  G_OBJECT_CLASS (coach_query_model_parent_class)->finalize (object);
}

static void
coach_query_model_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  GListModel *model = G_LIST_MODEL (object);

  switch (prop_id)
    {
    case PROP_ITEM_TYPE:
      g_value_set_gtype (value, coach_query_model_get_item_type (model));
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, coach_query_model_get_n_items (model));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
coach_query_model_class_init (CoachQueryModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = coach_query_model_dispose;
  object_class->finalize = coach_query_model_finalize;
  object_class->get_property = coach_query_model_get_property;

  properties[PROP_ITEM_TYPE] =
    g_param_spec_gtype ("item-type", NULL, NULL, G_TYPE_OBJECT,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
coach_query_model_init (CoachQueryModel *self)
{
  self->rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, page_free);
}

/* ------------------------------------------------------------------------- */

CoachQueryModel *
coach_query_model_new (CoachCatalog *catalog,
                       const char   *table)
{
  CoachQueryModel *self;
  g_autofree char *signal = NULL;

  g_return_val_if_fail (COACH_IS_CATALOG (catalog), NULL);
  g_return_val_if_fail (coach_record_type_for_table (table) != G_TYPE_INVALID, NULL);

  self = g_object_new (COACH_TYPE_QUERY_MODEL, NULL);
  self->catalog = g_object_ref (catalog);
  self->table = g_strdup (table);

  signal = g_strdup_printf ("changed::%s", table);
  self->changed_id = g_signal_connect (catalog, signal, G_CALLBACK (catalog_changed_cb), self);
  return self;
}

void
coach_query_model_set_ref_filter (CoachQueryModel *self,
                                  const char      *ref_field,
                                  const char      *ref_id)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (COACH_IS_QUERY_MODEL (self));
  g_return_if_fail (ref_field == NULL ||
                    coach_schema_lookup_field (coach_schema_lookup_table (self->table), ref_field));

  g_free (self->ref_field);
  g_free (self->ref_id);
  self->ref_field = g_strdup (ref_field);
  self->ref_id = g_strdup (ref_id);
  if (self->loaded && !coach_query_model_reload (self, &error))
    g_warning ("Cannot load the %s list: %s", self->table, error->message);
}

void
coach_query_model_set_include_archived (CoachQueryModel *self,
                                        gboolean         include_archived)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (COACH_IS_QUERY_MODEL (self));

  if (self->include_archived == !!include_archived)
    return;
  self->include_archived = !!include_archived;
  if (self->loaded && !coach_query_model_reload (self, &error))
    g_warning ("Cannot load the %s list: %s", self->table, error->message);
}

const char *
coach_query_model_get_table (CoachQueryModel *self)
{
  g_return_val_if_fail (COACH_IS_QUERY_MODEL (self), NULL);
  return self->table;
}

int
coach_query_model_find_id (CoachQueryModel *self,
                           const char      *id)
{
  CoachDb *db;
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  gint64 rowid = 0;
  int rc;

  g_return_val_if_fail (COACH_IS_QUERY_MODEL (self), -1);

  if (id == NULL)
    return -1;
  if (!self->loaded)
    g_list_model_get_n_items (G_LIST_MODEL (self));

  db = _coach_catalog_get_db (self->catalog);
  sql = g_strdup_printf ("SELECT rowid FROM \"%s\" WHERE id = ?", self->table);
  stmt = coach_db_prepare (db, sql, NULL);
  if (stmt == NULL)
    return -1;
  coach_db_bind_text (stmt, 1, id);
  rc = coach_db_step (db, stmt, NULL);
  if (rc == SQLITE_ROW)
    rowid = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    return -1;

  for (guint i = 0; i < self->rowids->len; i++)
    if (g_array_index (self->rowids, gint64, i) == rowid)
      return i;
  return -1;
}

guint
coach_query_model_get_n_cached_pages (CoachQueryModel *self)
{
  g_return_val_if_fail (COACH_IS_QUERY_MODEL (self), 0);
  return g_hash_table_size (self->pages);
}

/* Reloads the id list and tells views only about the range between the
 * unchanged head and tail, so an edit does not reset scrolling. */
gboolean
coach_query_model_reload (CoachQueryModel  *self,
                          GError          **error)
{
  g_autoptr(GArray) old = NULL;
  GArray *fresh;
  guint prefix = 0, suffix = 0;
  guint removed, added;
  guint first_page, last_page;

  g_return_val_if_fail (COACH_IS_QUERY_MODEL (self), FALSE);

  fresh = query_rowids (self, error);
  if (fresh == NULL)
    return FALSE;

  old = self->rowids;
  self->rowids = fresh;

  /* The first load happens when a view first asks for the size: it has
   * nothing to announce, and announcing it while the view is still
   * counting would make the view see the rows twice. */
  if (!self->loaded)
    {
      self->loaded = TRUE;
      return TRUE;
    }

  while (prefix < old->len && prefix < fresh->len &&
         g_array_index (old, gint64, prefix) == g_array_index (fresh, gint64, prefix))
    prefix++;
  while (suffix < old->len - prefix && suffix < fresh->len - prefix &&
         g_array_index (old, gint64, old->len - 1 - suffix) ==
         g_array_index (fresh, gint64, fresh->len - 1 - suffix))
    suffix++;

  removed = old->len - prefix - suffix;
  added = fresh->len - prefix - suffix;

  /* Pages from the first changed position on hold stale positions. */
  if (removed > 0 || added > 0)
    {
      first_page = prefix / PAGE_SIZE;
      last_page = (MAX (old->len, fresh->len) + PAGE_SIZE - 1) / PAGE_SIZE;
      for (guint p = first_page; p <= last_page; p++)
        g_hash_table_remove (self->pages, GUINT_TO_POINTER (p));

      g_list_model_items_changed (G_LIST_MODEL (self), prefix, removed, added);
      if (old->len != fresh->len)
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
    }
  return TRUE;
}
