/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coach-search"

#include "config.h"

#include <string.h>

#include "coach-catalog-private.h"
#include "coach-search.h"

/* Ranking is the expensive part of a prefix query: a one-letter prefix can
 * match most of a 30k-clip library, and bm25 costs a few microseconds a row.
 * Only a bounded set of candidates per kind is ranked; with filters more,
 * since some candidates get filtered out afterwards. A query of a few
 * letters matches fewer rows than that and is ranked in full. */
#define CANDIDATES_PLAIN COACH_SEARCH_CANDIDATES
#define CANDIDATES_FILTERED (COACH_SEARCH_CANDIDATES * 10)

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

/* A cheap relevance order for search as you type. bm25 needs, for every
 * query, the number of rows matching each term, and for a one-letter prefix
 * that means walking the whole doclist: 0.8 ms on 40k rows, on every key
 * press. Instead: titles that start with what was typed first, then titles
 * that contain every word, then matches in the body; ties by title. */
static char *
fold (const char *s)
{
  g_autofree char *folded = NULL;
  g_autofree char *ascii = NULL;

  if (s == NULL)
    return g_strdup ("");

  /* Most titles are plain ASCII; transliterating is the slow path. */
  for (const char *p = s; ; p++)
    {
      if (*p == '\0')
        return g_ascii_strdown (s, -1);
      if ((guchar) *p >= 0x80)
        break;
    }

  folded = g_utf8_casefold (s, -1);
  ascii = g_str_to_ascii (folded, NULL);
  return g_ascii_strdown (ascii, -1);
}

static gboolean
word_prefix_in (const char *haystack,
                const char *needle)
{
  gsize len = strlen (needle);

  for (const char *p = haystack; (p = strstr (p, needle)) != NULL; p++)
    if (p == haystack || !g_ascii_isalnum (p[-1]))
      return TRUE;
  return len == 0;
}

static double
score_title (const char         *title,
             const char * const *tokens)
{
  g_autofree char *t = fold (title);
  gboolean all = TRUE;

  if (tokens[0] == NULL)
    return 0;
  for (guint i = 0; tokens[i]; i++)
    all &= word_prefix_in (t, tokens[i]);
  if (all && g_str_has_prefix (t, tokens[0]))
    return 0;
  if (all)
    return 1;
  return 2;
}

static char **
query_tokens (const char *text)
{
  g_autofree char *folded = fold (text);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const char *p = folded;

  while (*p)
    {
      const char *start;

      while (*p && !g_ascii_isalnum (*p))
        p++;
      start = p;
      while (*p && g_ascii_isalnum (*p))
        p++;
      if (p > start)
        {
          g_autofree char *tok = g_strndup (start, p - start);
          g_strv_builder_add (builder, tok);
        }
    }
  return g_strv_builder_end (builder);
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
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto(GStrv) tokens = match ? query_tokens (q->text) : NULL;
  g_autofree char *start_match = match ? g_strdup_printf ("{title} : (^%s)", match) : NULL;
  /* With text, candidates come in two bounded passes: titles that start
   * with the first word (what a coach typing a name wants), then any match,
   * ordered afterwards by score_title. Without text: by name. */
  const char *matches[2] = { start_match, match };
  guint n_passes = match ? 2 : 1;
  guint start = hits->len;
  int candidates = has_exercise_filters (q) || q->status ? CANDIDATES_FILTERED : CANDIDATES_PLAIN;

  /* A caller asking for more results than candidates gets them all. */
  candidates = MAX ((guint) candidates, limit);

  for (guint pass = 0; pass < n_passes; pass++)
    {
      g_autoptr(GString) sql = g_string_new (NULL);
      sqlite3_stmt *stmt;
      int i, rc;

      if (match != NULL)
        {
          g_string_append_printf (sql,
                                  "SELECT t.id, t.%s FROM "
                                  "(SELECT rowid FROM search_%s WHERE search_%s MATCH :match "
                                  "LIMIT :candidates) c "
                                  "JOIN %s t ON t.rowid = c.rowid WHERE",
                                  kinds[kind].title_column, kinds[kind].table, kinds[kind].table,
                                  kinds[kind].table);
          append_filters (sql, kind, q);
        }
      else
        {
          g_string_append_printf (sql, "SELECT t.id, t.%s FROM %s t WHERE",
                                  kinds[kind].title_column, kinds[kind].table);
          append_filters (sql, kind, q);
          g_string_append_printf (sql, " ORDER BY t.%s COLLATE NOCASE, t.id LIMIT :limit",
                                  kinds[kind].title_column);
        }

      if (!(stmt = coach_db_prepare (db, sql->str, error)))
        return FALSE;

      bind_named (stmt, ":match", matches[pass]);
      if ((i = sqlite3_bind_parameter_index (stmt, ":candidates")) > 0)
        sqlite3_bind_int (stmt, i, candidates);
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
          const char *id = coach_db_column_text (stmt, 0);
          CoachSearchHit *hit;

          if (g_hash_table_contains (seen, id))
            continue;
          g_hash_table_add (seen, g_strdup (id));

          hit = g_new0 (CoachSearchHit, 1);
          hit->kind = kind;
          hit->id = g_strdup (id);
          hit->title = g_strdup (coach_db_column_text (stmt, 1));
          hit->rank = tokens ? score_title (hit->title, (const char * const *) tokens) : 0;
          g_ptr_array_add (hits, hit);
        }
      sqlite3_reset (stmt);
      if (rc == 0)
        return FALSE;

      /* Enough better matches: what a later pass finds would rank below. */
      if (pass + 1 < n_passes && hits->len - start >= limit)
        break;
    }
  return TRUE;
}

static int
compare_hits (gconstpointer a,
              gconstpointer b)
{
  const CoachSearchHit *ha = *(CoachSearchHit **) a;
  const CoachSearchHit *hb = *(CoachSearchHit **) b;
  int c;

  if (ha->rank != hb->rank)
    return ha->rank < hb->rank ? -1 : 1;
  c = g_utf8_collate (ha->title ? ha->title : "", hb->title ? hb->title : "");
  return c ? c : g_strcmp0 (ha->id, hb->id);
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

  if (match != NULL)
    g_ptr_array_sort (hits, compare_hits);
  if (hits->len > limit)
    g_ptr_array_set_size (hits, limit);
  return g_steal_pointer (&hits);
}
