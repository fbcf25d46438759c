/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coach-search"

#include "config.h"

#include <string.h>

#include "coach-catalog-private.h"
#include "coach-search.h"

/* Ranking is the expensive part of a prefix query: a one-letter prefix can
 * match most of a 30k-clip library. Only this many candidates are ranked;
 * with filters more, since some candidates get filtered out afterwards. */
#define CANDIDATES_PLAIN 300
#define CANDIDATES_FILTERED 3000

static const struct {
  const char *table;
  const char *title_column;
} kinds[] = {
  [COACH_SEARCH_KIND_EXERCISE] = { "exercise", "name" },
  [COACH_SEARCH_KIND_CLIP] = { "clip", "title" },
  [COACH_SEARCH_KIND_WORKOUT] = { "workout", "name" },
  [COACH_SEARCH_KIND_ATHLETE] = { "athlete", "name" },
};

void
coach_search_hit_free (CoachSearchHit *hit)
{
  if (hit == NULL)
    return;
  g_free (hit->id);
  g_free (hit->title);
  g_free (hit);
}

const char *
coach_search_kind_to_table (CoachSearchKind kind)
{
  g_return_val_if_fail (kind >= COACH_SEARCH_KIND_EXERCISE && kind <= COACH_SEARCH_KIND_ATHLETE, NULL);
  return kinds[kind].table;
}

char *
coach_search_build_match (const char *text)
{
  g_autoptr(GString) match = g_string_new (NULL);
  g_autofree char *normalized = NULL;
  const char *p;

  if (text == NULL)
    return NULL;

  normalized = g_utf8_normalize (text, -1, G_NORMALIZE_DEFAULT_COMPOSE);
  if (normalized == NULL)
    return NULL;

  /* Split on anything that is not a letter or digit, the same way the
   * unicode61 tokenizer does, and quote each token so FTS5 syntax in the
   * input (AND, NEAR, "-", "*") is just text. */
  p = normalized;
  while (*p)
    {
      g_autoptr(GString) token = g_string_new (NULL);

      while (*p)
        {
          gunichar c = g_utf8_get_char (p);

          if (g_unichar_isalnum (c))
            break;
          p = g_utf8_next_char (p);
        }
      while (*p)
        {
          gunichar c = g_utf8_get_char (p);

          if (!g_unichar_isalnum (c))
            break;
          g_string_append_unichar (token, c);
          p = g_utf8_next_char (p);
        }
      if (token->len > 0)
        {
          if (match->len > 0)
            g_string_append_c (match, ' ');
          g_string_append_printf (match, "\"%s\"*", token->str);
        }
    }

  if (match->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&match), FALSE);
}

static gboolean
has_exercise_filters (const CoachSearchQuery *q)
{
  return q->difficulty || q->category_id || q->muscle || q->equipment || q->has_jump >= 0;
}

static void
append_filters (GString                *sql,
                CoachSearchKind         kind,
                const CoachSearchQuery *q)
{
  g_string_append (sql, " t.deleted = 0");

  if (!q->include_archived)
    {
      if (kind == COACH_SEARCH_KIND_EXERCISE || kind == COACH_SEARCH_KIND_ATHLETE)
        g_string_append (sql, " AND t.archived = 0");
      else if (kind == COACH_SEARCH_KIND_WORKOUT && q->status == NULL)
        g_string_append (sql, " AND t.status != 'archived'");
    }

  if (kind == COACH_SEARCH_KIND_EXERCISE)
    {
      if (q->difficulty)
        g_string_append (sql, " AND t.difficulty = :difficulty");
      if (q->has_jump >= 0)
        g_string_append (sql, " AND t.has_jump = :has_jump");
      if (q->muscle)
        g_string_append (sql, " AND EXISTS (SELECT 1 FROM json_each (t.muscles) WHERE value = :muscle)");
      if (q->equipment)
        g_string_append (sql, " AND EXISTS (SELECT 1 FROM json_each (t.equipment) WHERE value = :equipment)");
      if (q->category_id)
        g_string_append (sql, " AND EXISTS (SELECT 1 FROM exercise_category l WHERE l.exercise_id = t.id"
                              " AND l.category_id = :category AND l.deleted = 0)");
    }
  else if ((kind == COACH_SEARCH_KIND_CLIP || kind == COACH_SEARCH_KIND_WORKOUT) && q->status)
    g_string_append (sql, " AND t.status = :status");
}

static void
bind_named (sqlite3_stmt *stmt,
            const char   *name,
            const char   *value)
{
  int i = sqlite3_bind_parameter_index (stmt, name);

  if (i > 0)
    sqlite3_bind_text (stmt, i, value, -1, SQLITE_TRANSIENT);
}

static gboolean
search_kind (CoachCatalog            *catalog,
             CoachSearchKind          kind,
             const char              *match,
             const CoachSearchQuery  *q,
             guint                    limit,
             GPtrArray               *hits,
             GError                 **error)
{
  CoachDb *db = _coach_catalog_get_db (catalog);
  g_autoptr(GString) sql = g_string_new (NULL);
  sqlite3_stmt *stmt;
  int i, rc;

  if (match != NULL)
    {
      g_string_append_printf (sql,
                              "SELECT t.id, t.%s, c.rank FROM "
                              "(SELECT rowid, rank FROM search WHERE search MATCH :match "
                              "AND rowid >= :lo AND rowid < :hi LIMIT :candidates) c "
                              "JOIN %s t ON t.rowid = (c.rowid & 0xFFFFFFFFFF) WHERE",
                              kinds[kind].title_column, kinds[kind].table);
      append_filters (sql, kind, q);
      g_string_append (sql, " ORDER BY c.rank LIMIT :limit");
    }
  else
    {
      g_string_append_printf (sql, "SELECT t.id, t.%s, 0 FROM %s t WHERE",
                              kinds[kind].title_column, kinds[kind].table);
      append_filters (sql, kind, q);
      g_string_append_printf (sql, " ORDER BY t.%s COLLATE NOCASE, t.id LIMIT :limit",
                              kinds[kind].title_column);
    }

  if (!(stmt = coach_db_prepare (db, sql->str, error)))
    return FALSE;

  bind_named (stmt, ":match", match);
  if ((i = sqlite3_bind_parameter_index (stmt, ":lo")) > 0)
    sqlite3_bind_int64 (stmt, i, (gint64) kind << 40);
  if ((i = sqlite3_bind_parameter_index (stmt, ":hi")) > 0)
    sqlite3_bind_int64 (stmt, i, (gint64) (kind + 1) << 40);
  if ((i = sqlite3_bind_parameter_index (stmt, ":candidates")) > 0)
    sqlite3_bind_int (stmt, i, has_exercise_filters (q) || q->status ? CANDIDATES_FILTERED : CANDIDATES_PLAIN);
  if ((i = sqlite3_bind_parameter_index (stmt, ":limit")) > 0)
    sqlite3_bind_int (stmt, i, limit);
  if ((i = sqlite3_bind_parameter_index (stmt, ":has_jump")) > 0)
    sqlite3_bind_int (stmt, i, q->has_jump > 0);
  bind_named (stmt, ":difficulty", q->difficulty);
  bind_named (stmt, ":muscle", q->muscle);
  bind_named (stmt, ":equipment", q->equipment);
  bind_named (stmt, ":category", q->category_id);
  bind_named (stmt, ":status", q->status);

  while ((rc = coach_db_step (db, stmt, error)) == SQLITE_ROW)
    {
      CoachSearchHit *hit = g_new0 (CoachSearchHit, 1);

      hit->kind = kind;
      hit->id = g_strdup (coach_db_column_text (stmt, 0));
      hit->title = g_strdup (coach_db_column_text (stmt, 1));
      hit->rank = sqlite3_column_double (stmt, 2);
      g_ptr_array_add (hits, hit);
    }
  sqlite3_reset (stmt);
  return rc != 0;
}

static int
compare_hits (gconstpointer a,
              gconstpointer b)
{
  const CoachSearchHit *ha = *(CoachSearchHit **) a;
  const CoachSearchHit *hb = *(CoachSearchHit **) b;

  if (ha->rank != hb->rank)
    return ha->rank < hb->rank ? -1 : 1;
  return g_utf8_collate (ha->title ? ha->title : "", hb->title ? hb->title : "");
}

GPtrArray *
coach_catalog_search (CoachCatalog            *catalog,
                      const CoachSearchQuery  *query,
                      GError                 **error)
{
  g_autoptr(GPtrArray) hits = NULL;
  g_autofree char *match = NULL;
  guint kind_mask;
  guint limit;

  g_return_val_if_fail (COACH_IS_CATALOG (catalog), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  limit = query->limit ? query->limit : 50;
  kind_mask = query->kinds ? query->kinds : COACH_SEARCH_ALL_KINDS;
  if (has_exercise_filters (query))
    kind_mask &= COACH_SEARCH_KIND_MASK (COACH_SEARCH_KIND_EXERCISE);
  if (query->status)
    kind_mask &= COACH_SEARCH_KIND_MASK (COACH_SEARCH_KIND_CLIP) | COACH_SEARCH_KIND_MASK (COACH_SEARCH_KIND_WORKOUT);

  match = coach_search_build_match (query->text);
  hits = g_ptr_array_new_with_free_func ((GDestroyNotify) coach_search_hit_free);

  for (CoachSearchKind k = COACH_SEARCH_KIND_EXERCISE; k <= COACH_SEARCH_KIND_ATHLETE; k++)
    {
      if (!(kind_mask & COACH_SEARCH_KIND_MASK (k)))
        continue;
      if (!search_kind (catalog, k, match, query, limit, hits, error))
        return NULL;
    }

  /* Each kind is ranked on its own; bm25 scores are comparable enough
   * across kinds of one index to interleave them. */
  if (match != NULL)
    g_ptr_array_sort (hits, compare_hits);
  if (hits->len > limit)
    g_ptr_array_set_size (hits, limit);
  return g_steal_pointer (&hits);
}
