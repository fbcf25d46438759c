/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include <glib.h>

#include "coach-duration.h"

G_BEGIN_DECLS

/* Composes a workout from a pool of exercises and the coach's constraints.
 * The same pool, constraints and seed give the same workout on every
 * machine (whatever order the pool comes in); another seed gives another
 * workout. When the constraints cannot be met, the error message says which
 * of them removed the exercises, with counts, and what to relax. */

#define COACH_GENERATOR_ERROR (coach_generator_error_quark ())

typedef enum
{
  COACH_GENERATOR_ERROR_INVALID,        /* bad input: no target, no work time, ... */
  COACH_GENERATOR_ERROR_TOO_SHORT,      /* not even one exercise per round fits */
  COACH_GENERATOR_ERROR_TOO_LONG,       /* more than COACH_GENERATOR_MAX_ITEMS per round */
  COACH_GENERATOR_ERROR_NO_CANDIDATES,  /* no exercise passes the filters */
  COACH_GENERATOR_ERROR_NOT_ENOUGH,     /* too few pass for the items needed */
} CoachGeneratorError;

/* Per round. A longer list is no workout anyone would follow. */
#define COACH_GENERATOR_MAX_ITEMS 200

/* Limits on the timing, so that the arithmetic and the result stay sane. */
#define COACH_GENERATOR_MAX_PHASE_S (24 * 3600)
#define COACH_GENERATOR_MAX_ROUNDS  100

typedef struct
{
  const char         *id;
  const char         *name;
  const char         *difficulty;   /* "easy" | "medium" | "hard" */
  gboolean            has_jump;
  const char * const *equipment;    /* NULL-terminated, NULL or empty = bodyweight */
  const char * const *categories;   /* NULL-terminated category ids */
  const char * const *muscles;      /* NULL-terminated, the primary muscle first */
} CoachGeneratorExercise;

typedef enum
{
  COACH_DIFFICULTY_EASY   = 1 << 0,
  COACH_DIFFICULTY_MEDIUM = 1 << 1,
  COACH_DIFFICULTY_HARD   = 1 << 2,
} CoachDifficultyMask;

#define COACH_DIFFICULTY_ALL (COACH_DIFFICULTY_EASY | COACH_DIFFICULTY_MEDIUM | COACH_DIFFICULTY_HARD)

typedef struct
{
  guint               target_duration_s;   /* with warm-up and cool-down; > 0 */
  CoachDurationConfig timing;              /* work/rest per item, rounds, warm-up, cool-down */
  guint               difficulty_mask;     /* CoachDifficultyMask, 0 (or all three) = any */
  const char * const *categories;          /* any of these; NULL or empty = any */
  gboolean            no_jump;
  gboolean            no_repeat;           /* each exercise at most once per round; when
                                            * FALSE one may recur, never twice in a row */
  const char * const *equipment_available; /* NULL = any; empty = bodyweight only */
  const char * const *excluded_ids;        /* NULL-terminated, may be NULL */
  guint64             seed;
  /* Optional: the names of @categories, in the same order, so that error
   * messages can say "in Core" instead of "in the chosen categories". */
  const char * const *category_names;
} CoachGeneratorConstraints;

typedef struct
{
  GPtrArray *exercise_ids;      /* char *: one round's items, in order */
  guint64    total_duration_s;  /* coach_duration_total() of the result */
  guint      n_candidates;      /* exercises that passed every filter */
} CoachGeneratorResult;

GQuark    coach_generator_error_quark   (void);

/* How many items one round gets for @target_duration_s, all timed with
 * @timing's work and rest. The rule: of all counts k >= 1 whose total
 * (coach_duration_total) is at most the target plus one item's time
 * (work + rest), the one whose total is nearest the target; on a tie the
 * shorter one. Returns 0 when not even one item fits that way. */
guint     coach_generator_count_items   (const CoachDurationConfig       *timing,
                                         guint                            target_duration_s);

/* Composes one round of exercises. Each item is chosen among those the
 * filters kept (and, with no_repeat, not used yet; otherwise not the item
 * just before), preferring in this order, where there is a choice: not
 * ending the round on its first exercise (rounds repeat), a different
 * primary muscle than the item before, exercises used the fewest times,
 * the category with the fewest items so far (of those requested, or of all
 * when none were), the least used primary muscle. The seed decides among
 * equals. @result is set only on success. */
gboolean  coach_generator_run           (const CoachGeneratorExercise    *pool,
                                         guint                            n_pool,
                                         const CoachGeneratorConstraints *constraints,
                                         CoachGeneratorResult           **result,
                                         GError                         **error);

void      coach_generator_result_free   (CoachGeneratorResult            *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CoachGeneratorResult, coach_generator_result_free)

G_END_DECLS
