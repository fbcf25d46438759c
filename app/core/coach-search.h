/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include "coach-catalog.h"

G_BEGIN_DECLS

typedef enum
{
  COACH_SEARCH_KIND_EXERCISE = 1,
  COACH_SEARCH_KIND_CLIP     = 2,
  COACH_SEARCH_KIND_WORKOUT  = 3,
  COACH_SEARCH_KIND_ATHLETE  = 4,
} CoachSearchKind;

#define COACH_SEARCH_KIND_MASK(k) (1u << (k))
#define COACH_SEARCH_ALL_KINDS (COACH_SEARCH_KIND_MASK (COACH_SEARCH_KIND_EXERCISE) | \
                                COACH_SEARCH_KIND_MASK (COACH_SEARCH_KIND_CLIP) | \
                                COACH_SEARCH_KIND_MASK (COACH_SEARCH_KIND_WORKOUT) | \
                                COACH_SEARCH_KIND_MASK (COACH_SEARCH_KIND_ATHLETE))

/* Filters narrow the text query; unset ones (NULL, -1) do not. Exercise
 * filters (difficulty, category, muscle, equipment, has_jump) restrict the
 * search to exercises; status applies to clips ("ready", ...) and workouts
 * ("draft", ...). */
typedef struct
{
  const char *text;
  guint       kinds;             /* COACH_SEARCH_KIND_MASK bits, 0 = all */
  const char *difficulty;
  const char *category_id;
  const char *muscle;
  const char *equipment;
  int         has_jump;          /* -1 any, 0 without jumps, 1 with */
  const char *status;
  gboolean    include_archived;
  guint       limit;             /* 0 = 50 */
} CoachSearchQuery;

/* How many full-text matches per kind are ranked (see coach-search.c). */
#define COACH_SEARCH_CANDIDATES 64

#define COACH_SEARCH_QUERY_INIT { .has_jump = -1 }

typedef struct
{
  CoachSearchKind kind;
  char           *id;
  char           *title;
  double          rank;   /* lower is better: 0 title starts with the text,
                           * 1 title has every word, 2 matched elsewhere */
} CoachSearchHit;

void        coach_search_hit_free       (CoachSearchHit          *hit);
const char *coach_search_kind_to_table  (CoachSearchKind          kind);
/* Turns what a coach typed into an FTS5 query: every word must match as a
 * prefix; quotes and operators in the input are taken literally. Returns
 * NULL when nothing searchable is left. */
char       *coach_search_build_match    (const char              *text);
GPtrArray  *coach_catalog_search        (CoachCatalog            *catalog,
                                         const CoachSearchQuery  *query,
                                         GError                 **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CoachSearchHit, coach_search_hit_free)

G_END_DECLS
