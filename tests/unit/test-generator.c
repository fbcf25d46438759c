/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#include "config.h"

#include <string.h>

#include "coach-generator.h"

#define POOL_SIZE 150

static const char *muscle_names[] = {
  "abs", "quads", "glutes", "chest", "back", "shoulders", "hamstrings", "calves", "biceps",
};
static const char *category_ids[] = { "cat-core", "cat-legs", "cat-upper", "cat-cardio", "cat-mobility" };
static const char *category_titles[] = { "Core", "Legs", "Upper body", "Cardio", "Mobility" };
static const char *difficulties[] = { "easy", "medium", "hard" };
static const char *equipment_sets[][3] = {
  { NULL }, { NULL }, { NULL }, { "dumbbell", NULL }, { "kettlebell", NULL }, { "band", NULL },
  { "dumbbell", "bench", NULL }, { "pull-up bar", NULL },
};

/* A catalog of exercises made up from a fixed seed: varied enough that
 * every filter removes some and keeps some. */
typedef struct
{
  GPtrArray              *strings;
  GPtrArray              *strvs;
  CoachGeneratorExercise  pool[POOL_SIZE];
} Pool;

static const char * const *
own_strv (Pool         *pool,
          GStrvBuilder *builder)
{
  char **strv = g_strv_builder_end (builder);

  g_ptr_array_add (pool->strvs, strv);
  return (const char * const *) strv;
}

static Pool *
pool_new (void)
{
  Pool *pool = g_new0 (Pool, 1);
  g_autoptr(GRand) rand = g_rand_new_with_seed (2026);

  pool->strings = g_ptr_array_new_with_free_func (g_free);
  pool->strvs = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  for (guint i = 0; i < POOL_SIZE; i++)
    {
      CoachGeneratorExercise *e = &pool->pool[i];
      g_autoptr(GStrvBuilder) equipment = g_strv_builder_new ();
      g_autoptr(GStrvBuilder) categories = g_strv_builder_new ();
      g_autoptr(GStrvBuilder) muscles = g_strv_builder_new ();
      guint cat = g_rand_int_range (rand, 0, G_N_ELEMENTS (category_ids));
      guint muscle = g_rand_int_range (rand, 0, G_N_ELEMENTS (muscle_names));
      char *id = g_strdup_printf ("0190b5c2-%04x-7000-8000-%012x", i * 7919 % 65536, i);
      char *name = g_strdup_printf ("Exercise %u", i);

      g_ptr_array_add (pool->strings, id);
      g_ptr_array_add (pool->strings, name);
      e->id = id;
      e->name = name;
      e->difficulty = difficulties[g_rand_int_range (rand, 0, 3)];
      e->has_jump = g_rand_int_range (rand, 0, 4) == 0;

      g_strv_builder_addv (equipment, (const char **) equipment_sets[g_rand_int_range (rand, 0, G_N_ELEMENTS (equipment_sets))]);
      e->equipment = own_strv (pool, equipment);

      g_strv_builder_add (categories, category_ids[cat]);
      if (g_rand_int_range (rand, 0, 3) == 0)
        g_strv_builder_add (categories, category_ids[(cat + 1 + g_rand_int_range (rand, 0, 4)) % G_N_ELEMENTS (category_ids)]);
      e->categories = own_strv (pool, categories);

      /* A few without muscles, as imported exercises may be. */
      if (i % 37 != 5)
        {
          g_strv_builder_add (muscles, muscle_names[muscle]);
          g_strv_builder_add (muscles, muscle_names[(muscle + 3) % G_N_ELEMENTS (muscle_names)]);
        }
      e->muscles = own_strv (pool, muscles);
    }
  return pool;
}

static void
pool_free (Pool *pool)
{
  g_ptr_array_unref (pool->strings);
  g_ptr_array_unref (pool->strvs);
  g_free (pool);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Pool, pool_free)

static const CoachGeneratorExercise *
find_exercise (const Pool *pool,
               const char *id)
{
  for (guint i = 0; i < POOL_SIZE; i++)
    if (strcmp (pool->pool[i].id, id) == 0)
      return &pool->pool[i];
  return NULL;
}

static gboolean
strv_has (const char * const *strv,
          const char         *s)
{
  return strv != NULL && g_strv_contains (strv, s);
}

static guint
difficulty_bit (const char *d)
{
  for (guint i = 0; i < 3; i++)
    if (g_strcmp0 (d, difficulties[i]) == 0)
      return 1u << i;
  return 0;
}

/* The test's own reading of the constraints, independent of the code under
 * test. */
static gboolean
matches (const CoachGeneratorExercise    *e,
         const CoachGeneratorConstraints *c)
{
  if (strv_has (c->excluded_ids, e->id))
    return FALSE;
  if (c->difficulty_mask != 0 && c->difficulty_mask != COACH_DIFFICULTY_ALL &&
      !(difficulty_bit (e->difficulty) & c->difficulty_mask))
    return FALSE;
  if (c->no_jump && e->has_jump)
    return FALSE;
  if (c->equipment_available != NULL)
    for (guint i = 0; e->equipment != NULL && e->equipment[i] != NULL; i++)
      if (!g_strv_contains (c->equipment_available, e->equipment[i]))
        return FALSE;
  if (c->categories != NULL && c->categories[0] != NULL)
    {
      gboolean any = FALSE;

      for (guint i = 0; e->categories[i] != NULL; i++)
        any |= g_strv_contains (c->categories, e->categories[i]);
      if (!any)
        return FALSE;
    }
  return TRUE;
}

static GPtrArray *
matching (const Pool                      *pool,
          const CoachGeneratorConstraints *c)
{
  GPtrArray *out = g_ptr_array_new ();

  for (guint i = 0; i < POOL_SIZE; i++)
    if (matches (&pool->pool[i], c))
      g_ptr_array_add (out, (gpointer) &pool->pool[i]);
  return out;
}

static guint64
total_for (const CoachDurationConfig *timing,
           guint                      n)
{
  g_autofree CoachDurationItem *items = g_new (CoachDurationItem, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    items[i] = (CoachDurationItem) { COACH_ITEM_KIND_TIMED, -1, -1, 0, 0 };
  return coach_duration_total (timing, items, n);
}

static guint64
distance (guint64 a,
          guint64 b)
{
  return a > b ? a - b : b - a;
}

/* The documented rule, checked by trying every count. */
static void
assert_count_rule (const CoachDurationConfig *timing,
                   guint                      target,
                   guint                      n)
{
  guint64 slack = (guint64) timing->work_s + timing->rest_s;
  guint64 t_n = total_for (timing, n);

  g_assert_cmpuint (n, >=, 1);
  g_assert_cmpuint (t_n, <=, target + slack);
  for (guint j = 1; j <= n + 3; j++)
    {
      guint64 t_j = total_for (timing, j);

      if (t_j > target + slack)
        break;
      g_assert_cmpuint (distance (t_n, target), <=, distance (t_j, target));
      if (distance (t_n, target) == distance (t_j, target))
        g_assert_cmpuint (n, <=, j);
    }
}

static const char *
primary_muscle (const CoachGeneratorExercise *e)
{
  return e->muscles != NULL ? e->muscles[0] : NULL;
}

static gboolean
same_muscle (const CoachGeneratorExercise *a,
             const CoachGeneratorExercise *b)
{
  return primary_muscle (a) != NULL && g_strcmp0 (primary_muscle (a), primary_muscle (b)) == 0;
}

/* Everything a successful result must satisfy. */
static void
assert_valid_result (const Pool                      *pool,
                     const CoachGeneratorConstraints *c,
                     const CoachGeneratorResult      *result)
{
  g_autoptr(GPtrArray) candidates = matching (pool, c);
  g_autoptr(GPtrArray) chosen = g_ptr_array_new ();
  guint n = result->exercise_ids->len;
  guint rounds = MAX (c->timing.rounds, 1);

  g_assert_cmpuint (n, ==, coach_generator_count_items (&c->timing, c->target_duration_s));
  assert_count_rule (&c->timing, c->target_duration_s, n);
  g_assert_cmpuint (result->total_duration_s, ==, total_for (&c->timing, n));
  g_assert_cmpuint (result->n_candidates, ==, candidates->len);

  for (guint i = 0; i < n; i++)
    {
      const char *id = result->exercise_ids->pdata[i];
      const CoachGeneratorExercise *e = find_exercise (pool, id);

      g_assert_nonnull (e);
      g_ptr_array_add (chosen, (gpointer) e);

      if (c->no_jump)
        g_assert_false (e->has_jump);
      if (c->difficulty_mask != 0 && c->difficulty_mask != COACH_DIFFICULTY_ALL)
        g_assert_cmpuint (difficulty_bit (e->difficulty) & c->difficulty_mask, !=, 0);
      for (guint j = 0; c->equipment_available != NULL && e->equipment[j] != NULL; j++)
        g_assert_true (g_strv_contains (c->equipment_available, e->equipment[j]));
      if (c->categories != NULL && c->categories[0] != NULL)
        {
          gboolean any = FALSE;

          for (guint j = 0; e->categories[j] != NULL; j++)
            any |= g_strv_contains (c->categories, e->categories[j]);
          g_assert_true (any);
        }
      g_assert_false (strv_has (c->excluded_ids, id));

      if (c->no_repeat)
        for (guint j = 0; j < i; j++)
          g_assert_cmpstr (result->exercise_ids->pdata[j], !=, id);
      else if (i > 0)
        g_assert_cmpstr (result->exercise_ids->pdata[i - 1], !=, id);
    }

  /* The same primary muscle twice in a row only when every exercise that
   * could have come there shares it. The last item of a repeated round
   * first avoids being the round's first exercise. */
  for (guint i = 1; i < n; i++)
    {
      const CoachGeneratorExercise *prev = chosen->pdata[i - 1];
      gboolean wrap = rounds > 1 && i == n - 1;
      gboolean wrap_possible = FALSE;

      if (!same_muscle (chosen->pdata[i], prev))
        continue;

      for (guint k = 0; wrap && k < candidates->len; k++)
        {
          const CoachGeneratorExercise *e = candidates->pdata[k];
          gboolean used = FALSE;

          for (guint j = 0; j < i; j++)
            used |= chosen->pdata[j] == e;
          if (e != chosen->pdata[0] && e != prev && !(c->no_repeat && used))
            wrap_possible = TRUE;
        }

      for (guint k = 0; k < candidates->len; k++)
        {
          const CoachGeneratorExercise *e = candidates->pdata[k];
          gboolean used = FALSE;

          for (guint j = 0; j < i; j++)
            used |= chosen->pdata[j] == e;
          if ((c->no_repeat && used) || e == prev)
            continue;
          if (wrap_possible && e == chosen->pdata[0])
            continue;
          g_assert_true (same_muscle (e, prev));
        }
    }
}

static char *
result_key (const CoachGeneratorResult *result)
{
  GString *key = g_string_new (NULL);

  for (guint i = 0; i < result->exercise_ids->len; i++)
    g_string_append_printf (key, "%s%s", i > 0 ? "," : "", (char *) result->exercise_ids->pdata[i]);
  return g_string_free (key, FALSE);
}

static CoachGeneratorResult *
run_ok (const Pool                      *pool,
        const CoachGeneratorConstraints *c)
{
  g_autoptr(GError) error = NULL;
  CoachGeneratorResult *result = NULL;

  g_assert_true (coach_generator_run (pool->pool, POOL_SIZE, c, &result, &error));
  g_assert_no_error (error);
  g_assert_nonnull (result);
  assert_valid_result (pool, c, result);
  return result;
}

static GError *
run_error (const Pool                      *pool,
           guint                            n_pool,
           const CoachGeneratorConstraints *c)
{
  GError *error = NULL;
  CoachGeneratorResult *result = NULL;

  g_assert_false (coach_generator_run (pool != NULL ? pool->pool : NULL, n_pool, c, &result, &error));
  g_assert_null (result);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  return error;
}

static CoachGeneratorConstraints
default_constraints (guint64 seed)
{
  return (CoachGeneratorConstraints) {
    .target_duration_s = 30 * 60,
    .timing = { .work_s = 40, .rest_s = 20, .rounds = 2, .warmup_s = 300, .cooldown_s = 300 },
    .seed = seed,
  };
}

static void
test_count_items (void)
{
  struct { CoachDurationConfig timing; guint target; guint expected; } cases[] = {
    /* 600 + 2 × k × 60 − 20: k = 10 gives 1780, k = 11 gives 1900. */
    { { 40, 20, 2, 300, 300 }, 1800, 10 },
    { { 40, 20, 2, 300, 300 }, 1840, 10 },  /* tie 1780/1900: the shorter */
    { { 40, 20, 2, 300, 300 }, 1841, 11 },
    /* k = 1 takes 700 s; a target down to one item (60 s) below that
     * still gets it. */
    { { 40, 20, 2, 300, 300 }, 700, 1 },
    { { 40, 20, 2, 300, 300 }, 640, 1 },
    { { 40, 20, 2, 300, 300 }, 639, 0 },
    { { 40, 20, 0, 0, 0 }, 40, 1 },         /* rounds 0 = 1; no rest after the last */
    { { 40, 20, 1, 0, 0 }, 100, 2 },        /* 40 + 60 = 100 exactly */
    { { 30, 0, 1, 0, 0 }, 44, 1 },          /* 30 is nearer than 60 */
    { { 30, 0, 1, 0, 0 }, 45, 1 },          /* tie: the shorter */
    { { 30, 0, 1, 0, 0 }, 46, 2 },
    /* Four rounds: each extra item adds 4 × 60 s, more than the one item
     * of slack, so the total can only stay below. */
    { { 40, 20, 4, 0, 0 }, 1000, 4 },
    { { 1, 0, 1, 0, 0 }, G_MAXUINT, G_MAXUINT },
    { { 0, 0, 1, 10, 10 }, 20, 1 },
    { { 0, 0, 1, 10, 10 }, 19, 0 },
    { { G_MAXUINT, G_MAXUINT, G_MAXUINT, 0, 0 }, G_MAXUINT, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpuint (coach_generator_count_items (&cases[i].timing, cases[i].target), ==, cases[i].expected);
}

static void
test_count_items_random (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (3);

  for (guint iter = 0; iter < 3000; iter++)
    {
      CoachDurationConfig timing = {
        g_rand_int_range (rand, 1, 120), g_rand_int_range (rand, 0, 90), g_rand_int_range (rand, 0, 6),
        g_rand_int_range (rand, 0, 900), g_rand_int_range (rand, 0, 900),
      };
      guint target = g_rand_int_range (rand, 1, 2 * 3600);
      guint n = coach_generator_count_items (&timing, target);

      if (n == 0)
        g_assert_cmpuint (total_for (&timing, 1), >, (guint64) target + timing.work_s + timing.rest_s);
      else
        assert_count_rule (&timing, target, n);
    }
}

/* Random constraints over many seeds: whatever the outcome, it is the
 * right one, and every result keeps every constraint. */
static void
test_random_constraints (void)
{
  g_autoptr(Pool) pool = pool_new ();
  const char *equipment_all[] = { "dumbbell", "kettlebell", "band", "bench", "pull-up bar" };
  guint n_ok = 0, n_errors[5] = { 0 };

  for (guint seed = 0; seed < 1500; seed++)
    {
      g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
      g_autoptr(GPtrArray) categories = g_ptr_array_new ();
      g_autoptr(GPtrArray) equipment = g_ptr_array_new ();
      g_autoptr(GPtrArray) excluded = g_ptr_array_new ();
      g_autoptr(GPtrArray) candidates = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(CoachGeneratorResult) result = NULL;
      CoachGeneratorConstraints c = default_constraints (g_rand_int (rand) * (guint64) seed);
      guint n;

      c.target_duration_s = g_rand_int_range (rand, 5 * 60, 75 * 60);
      c.timing.work_s = g_rand_int_range (rand, 15, 90);
      c.timing.rest_s = g_rand_int_range (rand, 0, 40);
      c.timing.rounds = g_rand_int_range (rand, 0, 5);
      c.timing.warmup_s = g_rand_int_range (rand, 0, 10) * 60;
      c.timing.cooldown_s = g_rand_int_range (rand, 0, 6) * 60;
      c.difficulty_mask = g_rand_int_range (rand, 0, 8);
      c.no_jump = g_rand_boolean (rand);
      c.no_repeat = g_rand_boolean (rand);

      /* Sometimes a category no exercise is in. */
      if (g_rand_int_range (rand, 0, 12) == 0)
        g_ptr_array_add (categories, (gpointer) "cat-yoga");
      else
        for (guint i = 0; i < G_N_ELEMENTS (category_ids); i++)
          if (g_rand_int_range (rand, 0, 3) == 0)
            g_ptr_array_add (categories, (gpointer) category_ids[i]);
      g_ptr_array_add (categories, NULL);
      c.categories = (const char * const *) categories->pdata;

      if (g_rand_boolean (rand))
        {
          for (guint i = 0; i < G_N_ELEMENTS (equipment_all); i++)
            if (g_rand_boolean (rand))
              g_ptr_array_add (equipment, (gpointer) equipment_all[i]);
          g_ptr_array_add (equipment, NULL);
          c.equipment_available = (const char * const *) equipment->pdata;
        }

      for (guint i = 0; i < 10; i++)
        g_ptr_array_add (excluded, (gpointer) pool->pool[g_rand_int_range (rand, 0, POOL_SIZE)].id);
      g_ptr_array_add (excluded, NULL);
      c.excluded_ids = (const char * const *) excluded->pdata;

      candidates = matching (pool, &c);
      n = coach_generator_count_items (&c.timing, c.target_duration_s);

      if (coach_generator_run (pool->pool, POOL_SIZE, &c, &result, &error))
        {
          g_assert_no_error (error);
          assert_valid_result (pool, &c, result);
          n_ok++;
          continue;
        }

      g_assert_null (result);
      g_assert_nonnull (error);
      g_assert_true (error->domain == COACH_GENERATOR_ERROR);
      n_errors[error->code]++;
      switch (error->code)
        {
        case COACH_GENERATOR_ERROR_TOO_SHORT:
          g_assert_cmpuint (n, ==, 0);
          break;
        case COACH_GENERATOR_ERROR_TOO_LONG:
          g_assert_cmpuint (n, >, COACH_GENERATOR_MAX_ITEMS);
          break;
        case COACH_GENERATOR_ERROR_NO_CANDIDATES:
          g_assert_cmpuint (n, >, 0);
          g_assert_cmpuint (candidates->len, ==, 0);
          break;
        case COACH_GENERATOR_ERROR_NOT_ENOUGH:
          g_assert_cmpuint (n, >, 0);
          g_assert_cmpuint (candidates->len, >, 0);
          g_assert_cmpuint (candidates->len, <, c.no_repeat ? n : 2);
          break;
        default:
          g_assert_not_reached ();
        }
    }

  g_test_message ("1500 random constraint sets: %u workouts, %u too short, %u too long, "
                  "%u without candidates, %u with too few", n_ok, n_errors[COACH_GENERATOR_ERROR_TOO_SHORT],
                  n_errors[COACH_GENERATOR_ERROR_TOO_LONG],
                  n_errors[COACH_GENERATOR_ERROR_NO_CANDIDATES], n_errors[COACH_GENERATOR_ERROR_NOT_ENOUGH]);
  /* Enough of each outcome for the checks above to mean something. */
  g_assert_cmpuint (n_ok, >=, 500);
  g_assert_cmpuint (n_errors[COACH_GENERATOR_ERROR_TOO_SHORT], >, 0);
  g_assert_cmpuint (n_errors[COACH_GENERATOR_ERROR_NO_CANDIDATES], >, 0);
  g_assert_cmpuint (n_errors[COACH_GENERATOR_ERROR_NOT_ENOUGH], >, 0);
}

/* One constraint at a time, over 500 seeds each. */
static void
run_seeds (const Pool                *pool,
           CoachGeneratorConstraints  c,
           guint                     *n_distinct)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint seed = 0; seed < 500; seed++)
    {
      g_autoptr(CoachGeneratorResult) result = NULL;

      c.seed = seed;
      result = run_ok (pool, &c);
      g_hash_table_add (seen, result_key (result));
    }
  if (n_distinct != NULL)
    *n_distinct = g_hash_table_size (seen);
}

static void
test_no_jump (void)
{
  g_autoptr(Pool) pool = pool_new ();
  CoachGeneratorConstraints c = default_constraints (0);

  c.no_jump = TRUE;
  run_seeds (pool, c, NULL);
  c.no_repeat = TRUE;
  run_seeds (pool, c, NULL);
}

static void
test_difficulty (void)
{
  g_autoptr(Pool) pool = pool_new ();

  for (guint mask = 1; mask <= COACH_DIFFICULTY_ALL; mask++)
    {
      CoachGeneratorConstraints c = default_constraints (0);

      c.difficulty_mask = mask;
      run_seeds (pool, c, NULL);
    }

  /* An exercise whose difficulty was never set is out as soon as levels
   * are chosen, but all three levels mean no filter at all. */
  {
    CoachGeneratorExercise two[2] = { pool->pool[0], pool->pool[1] };
    CoachGeneratorConstraints c = default_constraints (5);
    g_autoptr(CoachGeneratorResult) result = NULL;
    g_autoptr(GError) error = NULL;

    two[0].difficulty = NULL;
    two[1].difficulty = "extreme";
    c.difficulty_mask = COACH_DIFFICULTY_ALL;
    g_assert_true (coach_generator_run (two, 2, &c, &result, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (result->n_candidates, ==, 2);

    c.difficulty_mask = COACH_DIFFICULTY_EASY | COACH_DIFFICULTY_HARD;
    g_assert_false (coach_generator_run (two, 2, &c, &result, &error));
    g_assert_error (error, COACH_GENERATOR_ERROR, COACH_GENERATOR_ERROR_NO_CANDIDATES);
    g_assert_cmpstr (error->message, ==,
                     "No exercise matches: 0 of 2 are easy or hard. Allow more difficulty levels.");
  }
}

static void
test_equipment (void)
{
  g_autoptr(Pool) pool = pool_new ();
  const char *none[] = { NULL };
  const char *dumbbells[] = { "dumbbell", NULL };
  CoachGeneratorConstraints c = default_constraints (0);

  c.equipment_available = none;
  run_seeds (pool, c, NULL);
  c.equipment_available = dumbbells;
  c.no_repeat = TRUE;
  run_seeds (pool, c, NULL);
}

static void
test_categories (void)
{
  g_autoptr(Pool) pool = pool_new ();
  const char *core[] = { "cat-core", NULL };
  const char *three[] = { "cat-core", "cat-legs", "cat-cardio", NULL };
  CoachGeneratorConstraints c = default_constraints (0);

  c.categories = core;
  run_seeds (pool, c, NULL);
  c.categories = three;
  c.no_repeat = TRUE;
  run_seeds (pool, c, NULL);
}

static void
test_excluded (void)
{
  g_autoptr(Pool) pool = pool_new ();
  g_autoptr(GPtrArray) excluded = g_ptr_array_new ();
  CoachGeneratorConstraints c = default_constraints (0);

  for (guint i = 0; i < POOL_SIZE; i += 3)
    g_ptr_array_add (excluded, (gpointer) pool->pool[i].id);
  g_ptr_array_add (excluded, NULL);
  c.excluded_ids = (const char * const *) excluded->pdata;
  run_seeds (pool, c, NULL);
}

static void
test_no_repeat (void)
{
  g_autoptr(Pool) pool = pool_new ();
  CoachGeneratorConstraints c = default_constraints (0);
  const char *legs[] = { "cat-legs", NULL };

  c.no_repeat = TRUE;
  c.target_duration_s = 90 * 60;    /* 40 items per round */
  c.timing.rounds = 1;
  run_seeds (pool, c, NULL);

  /* Exactly as many candidates as items. */
  {
    g_autoptr(GPtrArray) candidates = NULL;

    c.categories = legs;
    candidates = matching (pool, &c);
    c.target_duration_s = (guint) total_for (&c.timing, candidates->len);
    run_seeds (pool, c, NULL);
  }
}

static void
test_repeats_allowed (void)
{
  g_autoptr(Pool) pool = pool_new ();
  g_autoptr(GPtrArray) excluded = g_ptr_array_new ();
  CoachGeneratorConstraints c = default_constraints (0);
  const CoachGeneratorExercise *kept[3];
  guint n_kept = 0;

  /* Three exercises on three different muscles for 25 items a round: they
   * take turns, never one twice in a row, each about as often. */
  for (guint i = 0; i < POOL_SIZE; i++)
    {
      const CoachGeneratorExercise *e = &pool->pool[i];
      gboolean keep = n_kept < 3 && primary_muscle (e) != NULL;

      for (guint j = 0; keep && j < n_kept; j++)
        keep = !same_muscle (e, kept[j]);
      if (keep)
        kept[n_kept++] = e;
      else
        g_ptr_array_add (excluded, (gpointer) e->id);
    }
  g_ptr_array_add (excluded, NULL);
  g_assert_cmpuint (n_kept, ==, 3);
  c.excluded_ids = (const char * const *) excluded->pdata;
  c.timing.rounds = 3;
  c.target_duration_s = (guint) total_for (&c.timing, 25);

  for (guint seed = 0; seed < 500; seed++)
    {
      g_autoptr(CoachGeneratorResult) result = NULL;
      guint uses[3] = { 0 };

      c.seed = seed;
      result = run_ok (pool, &c);
      g_assert_cmpuint (result->exercise_ids->len, ==, 25);
      for (guint i = 0; i < 25; i++)
        for (guint j = 0; j < 3; j++)
          uses[j] += strcmp (result->exercise_ids->pdata[i], kept[j]->id) == 0;
      for (guint j = 0; j < 3; j++)
        g_assert_cmpuint (uses[j], >=, 8);
      /* Round after round: the last item is not the first one again. */
      g_assert_cmpstr (result->exercise_ids->pdata[0], !=, result->exercise_ids->pdata[24]);
    }
}

static void
test_deterministic (void)
{
  g_autoptr(Pool) pool = pool_new ();
  g_autoptr(Pool) shuffled = pool_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (99);
  const char *three[] = { "cat-core", "cat-legs", "cat-upper", NULL };
  CoachGeneratorConstraints c = default_constraints (0);

  /* The same exercises in another order, one of them listed twice. */
  for (guint i = POOL_SIZE - 1; i > 0; i--)
    {
      guint j = g_rand_int_range (rand, 0, i + 1);
      CoachGeneratorExercise tmp = shuffled->pool[i];

      shuffled->pool[i] = shuffled->pool[j];
      shuffled->pool[j] = tmp;
    }

  c.categories = three;
  c.no_jump = TRUE;
  for (guint64 seed = 0; seed < 500; seed++)
    {
      g_autoptr(CoachGeneratorResult) a = NULL;
      g_autoptr(CoachGeneratorResult) b = NULL;
      g_autoptr(CoachGeneratorResult) d = NULL;
      g_autoptr(CoachGeneratorResult) e = NULL;
      g_autofree char *ka = NULL;
      g_autofree char *kb = NULL;
      g_autofree char *kd = NULL;
      g_autofree char *ke = NULL;
      CoachGeneratorExercise twice[POOL_SIZE + 1];
      g_autoptr(GError) error = NULL;

      c.seed = seed * G_GUINT64_CONSTANT (0x9e3779b97f4a7c15);
      a = run_ok (pool, &c);
      b = run_ok (pool, &c);
      d = run_ok (shuffled, &c);

      memcpy (twice, shuffled->pool, sizeof shuffled->pool);
      twice[POOL_SIZE] = shuffled->pool[seed % POOL_SIZE];
      g_assert_true (coach_generator_run (twice, POOL_SIZE + 1, &c, &e, &error));
      g_assert_no_error (error);

      ka = result_key (a);
      kb = result_key (b);
      kd = result_key (d);
      ke = result_key (e);
      g_assert_cmpstr (ka, ==, kb);
      g_assert_cmpstr (ka, ==, kd);
      g_assert_cmpstr (ka, ==, ke);
    }
}

#define STRV(...) ((const char * const[]) { __VA_ARGS__, NULL })

/* Pins the sequence: the same seed must give this workout on every
 * machine and in every later version, or a seed shown to a coach would
 * stop meaning the workout it made. The pool is spelled out here so that
 * nothing but the generator decides the outcome. */
static void
test_golden (void)
{
  const CoachGeneratorExercise pool[] = {
    { "id-a", "Plank", "easy", FALSE, STRV (NULL), STRV ("core"), STRV ("abs") },
    { "id-b", "Squat", "medium", FALSE, STRV (NULL), STRV ("legs"), STRV ("quads", "glutes") },
    { "id-c", "Push-up", "medium", FALSE, STRV (NULL), STRV ("upper"), STRV ("chest") },
    { "id-d", "Burpee", "hard", TRUE, STRV (NULL), STRV ("cardio"), STRV ("quads") },
    { "id-e", "Row", "medium", FALSE, STRV ("dumbbell"), STRV ("upper"), STRV ("back") },
    { "id-f", "Lunge", "easy", FALSE, STRV (NULL), STRV ("legs"), STRV ("glutes") },
    { "id-g", "Crunch", "easy", FALSE, STRV (NULL), STRV ("core"), STRV ("abs") },
    { "id-h", "Jumping jack", "easy", TRUE, STRV (NULL), STRV ("cardio"), STRV ("calves") },
    { "id-i", "Dead bug", "easy", FALSE, STRV (NULL), STRV ("core"), STRV ("abs") },
    { "id-j", "Press", "medium", FALSE, STRV ("dumbbell"), STRV ("upper"), STRV ("shoulders") },
  };
  struct { guint64 seed; gboolean no_repeat; const char *expected; } cases[] = {
    { 0, TRUE, "id-a,id-h,id-f,id-e,id-c,id-b" },
    { 1, TRUE, "id-h,id-c,id-a,id-f,id-j,id-b" },
    { G_GUINT64_CONSTANT (0xfedcba9876543210), TRUE, "id-f,id-g,id-e,id-d,id-c,id-h" },
    { 7, FALSE, "id-e,id-i,id-f,id-d,id-j,id-h,id-b,id-a,id-c,id-g,id-h,id-f" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      CoachGeneratorConstraints c = default_constraints (cases[i].seed);
      g_autoptr(CoachGeneratorResult) result = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *key = NULL;

      c.timing.rounds = 1;
      c.no_repeat = cases[i].no_repeat;
      c.target_duration_s = (guint) total_for (&c.timing, cases[i].no_repeat ? 6 : 12);
      g_assert_true (coach_generator_run (pool, G_N_ELEMENTS (pool), &c, &result, &error));
      g_assert_no_error (error);
      key = result_key (result);
      g_test_message ("golden %u: %s", i, key);
      g_assert_cmpstr (key, ==, cases[i].expected);
    }
}

/* Below the muscle rule the generator balances: exercises by how often
 * they were used, then muscles by how often they were worked. */
static void
test_balance (void)
{
  const CoachGeneratorExercise two_muscles[] = {
    { "id-a1", "Crunch", "easy", FALSE, STRV (NULL), STRV ("core"), STRV ("abs") },
    { "id-a2", "Plank", "easy", FALSE, STRV (NULL), STRV ("core"), STRV ("abs") },
    { "id-b1", "Superman", "easy", FALSE, STRV (NULL), STRV ("core"), STRV ("back") },
    { "id-b2", "Bird dog", "easy", FALSE, STRV (NULL), STRV ("core"), STRV ("back") },
  };
  const CoachGeneratorExercise mostly_abs[] = {
    { "id-a1", "Crunch", "easy", FALSE, STRV (NULL), STRV ("core"), STRV ("abs") },
    { "id-a2", "Plank", "easy", FALSE, STRV (NULL), STRV ("core"), STRV ("abs") },
    { "id-a3", "Dead bug", "easy", FALSE, STRV (NULL), STRV ("core"), STRV ("abs") },
    { "id-a4", "Hollow hold", "easy", FALSE, STRV (NULL), STRV ("core"), STRV ("abs") },
    { "id-b1", "Superman", "easy", FALSE, STRV (NULL), STRV ("core"), STRV ("back") },
    { "id-c1", "Push-up", "easy", FALSE, STRV (NULL), STRV ("core"), STRV ("chest") },
  };

  for (guint64 seed = 0; seed < 300; seed++)
    {
      CoachGeneratorConstraints c = default_constraints (seed);
      g_autoptr(CoachGeneratorResult) result = NULL;
      g_autoptr(CoachGeneratorResult) result3 = NULL;
      g_autoptr(GError) error = NULL;
      guint uses[4] = { 0 };
      const char *muscle[3];

      /* 20 items from 4 exercises on 2 muscles: abs and back take turns,
       * and within each muscle both exercises come 5 times. */
      c.timing.rounds = 1;
      c.target_duration_s = (guint) total_for (&c.timing, 20);
      g_assert_true (coach_generator_run (two_muscles, 4, &c, &result, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (result->exercise_ids->len, ==, 20);
      for (guint i = 0; i < 20; i++)
        for (guint j = 0; j < 4; j++)
          uses[j] += strcmp (result->exercise_ids->pdata[i], two_muscles[j].id) == 0;
      for (guint j = 0; j < 4; j++)
        g_assert_cmpuint (uses[j], ==, 5);

      /* Three different exercises, mostly abs on offer: still three
       * different muscles. */
      c.no_repeat = TRUE;
      c.target_duration_s = (guint) total_for (&c.timing, 3);
      g_assert_true (coach_generator_run (mostly_abs, 6, &c, &result3, &error));
      g_assert_no_error (error);
      for (guint i = 0; i < 3; i++)
        for (guint j = 0; j < 6; j++)
          if (strcmp (result3->exercise_ids->pdata[i], mostly_abs[j].id) == 0)
            muscle[i] = mostly_abs[j].muscles[0];
      g_assert_cmpstr (muscle[0], !=, muscle[1]);
      g_assert_cmpstr (muscle[1], !=, muscle[2]);
      g_assert_cmpstr (muscle[0], !=, muscle[2]);
    }
}

static void
test_variety (void)
{
  g_autoptr(Pool) pool = pool_new ();
  CoachGeneratorConstraints c = default_constraints (0);
  const char *core[] = { "cat-core", NULL };
  guint n_distinct;

  run_seeds (pool, c, &n_distinct);
  g_test_message ("500 seeds, open constraints: %u distinct workouts", n_distinct);
  g_assert_cmpuint (n_distinct, >=, 495);

  /* Even a narrow choice varies. */
  c.categories = core;
  c.no_jump = TRUE;
  c.no_repeat = TRUE;
  c.timing.rounds = 1;
  c.target_duration_s = (guint) total_for (&c.timing, 6);
  run_seeds (pool, c, &n_distinct);
  g_test_message ("500 seeds, core without jumps: %u distinct workouts", n_distinct);
  g_assert_cmpuint (n_distinct, >=, 450);

  /* Over many seeds every candidate gets its turn. */
  {
    g_autoptr(GHashTable) used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
    g_autoptr(GPtrArray) candidates = matching (pool, &c);

    for (guint seed = 0; seed < 200; seed++)
      {
        g_autoptr(CoachGeneratorResult) result = NULL;

        c.seed = seed;
        result = run_ok (pool, &c);
        for (guint i = 0; i < result->exercise_ids->len; i++)
          g_hash_table_add (used, g_strdup (result->exercise_ids->pdata[i]));
      }
    g_assert_cmpuint (g_hash_table_size (used), ==, candidates->len);
  }
}

static void
test_spread (void)
{
  g_autoptr(Pool) pool = pool_new ();
  const char *three[] = { "cat-core", "cat-legs", "cat-mobility", NULL };
  CoachGeneratorConstraints c = default_constraints (0);
  guint n_muscle_repeats = 0, n_pairs = 0;

  c.categories = three;
  c.no_repeat = TRUE;
  c.timing.rounds = 1;
  c.target_duration_s = (guint) total_for (&c.timing, 9);

  for (guint seed = 0; seed < 500; seed++)
    {
      g_autoptr(CoachGeneratorResult) result = NULL;
      guint per_category[3] = { 0 };

      c.seed = seed;
      result = run_ok (pool, &c);
      for (guint i = 0; i < result->exercise_ids->len; i++)
        {
          const CoachGeneratorExercise *e = find_exercise (pool, result->exercise_ids->pdata[i]);

          for (guint j = 0; j < 3; j++)
            per_category[j] += strv_has (e->categories, three[j]);
          if (i > 0)
            {
              n_pairs++;
              n_muscle_repeats += same_muscle (e, find_exercise (pool, result->exercise_ids->pdata[i - 1]));
            }
        }

      /* Nine items over three categories: three each, give or take the
       * exercises that belong to two of them. */
      for (guint j = 0; j < 3; j++)
        {
          g_assert_cmpuint (per_category[j], >=, 2);
          g_assert_cmpuint (per_category[j], <=, 6);
        }
    }

  /* With this pool there is always another muscle to go to. */
  g_assert_cmpuint (n_muscle_repeats, ==, 0);
  g_assert_cmpuint (n_pairs, ==, 500 * 8);
}

static void
test_muscles_when_no_choice (void)
{
  g_autoptr(Pool) pool = pool_new ();
  g_autoptr(GPtrArray) excluded = g_ptr_array_new ();
  CoachGeneratorConstraints c = default_constraints (0);
  const char *abs_only = "abs";
  guint n_kept = 0;

  /* Only exercises whose primary muscle is "abs": repeating the muscle is
   * allowed because there is nothing else, and still no error. */
  for (guint i = 0; i < POOL_SIZE; i++)
    if (g_strcmp0 (primary_muscle (&pool->pool[i]), abs_only) != 0)
      g_ptr_array_add (excluded, (gpointer) pool->pool[i].id);
    else
      n_kept++;
  g_ptr_array_add (excluded, NULL);
  g_assert_cmpuint (n_kept, >=, 4);
  c.excluded_ids = (const char * const *) excluded->pdata;
  c.timing.rounds = 1;
  c.target_duration_s = (guint) total_for (&c.timing, 4);
  c.no_repeat = TRUE;
  run_seeds (pool, c, NULL);
}

static void
test_error_invalid (void)
{
  g_autoptr(Pool) pool = pool_new ();
  CoachGeneratorConstraints cases[6];
  CoachGeneratorExercise broken[2];

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    cases[i] = default_constraints (1);
  cases[0].target_duration_s = 0;
  cases[1].timing.work_s = 0;
  cases[2].timing.rounds = COACH_GENERATOR_MAX_ROUNDS + 1;
  cases[3].timing.rest_s = 2 * 24 * 3600;
  cases[4].timing.warmup_s = G_MAXUINT;
  cases[5].difficulty_mask = 1 << 3;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = run_error (pool, POOL_SIZE, &cases[i]);

      g_assert_error (error, COACH_GENERATOR_ERROR, COACH_GENERATOR_ERROR_INVALID);
    }

  {
    g_autoptr(GError) error = run_error (pool, POOL_SIZE, &cases[0]);

    g_assert_nonnull (strstr (error->message, "how long"));
  }
  {
    g_autoptr(GError) error = run_error (pool, POOL_SIZE, &cases[1]);

    g_assert_nonnull (strstr (error->message, "work time"));
  }

  /* An exercise without an id. */
  {
    CoachGeneratorConstraints c = default_constraints (1);
    g_autoptr(GError) error = NULL;

    broken[0] = pool->pool[0];
    broken[1] = pool->pool[1];
    broken[1].id = NULL;
    {
      CoachGeneratorResult *result = NULL;

      g_assert_false (coach_generator_run (broken, 2, &c, &result, &error));
      g_assert_null (result);
    }
    g_assert_error (error, COACH_GENERATOR_ERROR, COACH_GENERATOR_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "Exercise 2"));
  }
}

static void
test_error_too_short (void)
{
  g_autoptr(Pool) pool = pool_new ();
  g_autoptr(GError) error = NULL;
  CoachGeneratorConstraints c = default_constraints (1);

  /* Warm-up 5 min, cool-down 5 min, 2 × 60 s − 20 s: 11 min 40 s for one
   * exercise; 10 min is more than one item (60 s) short of that. */
  c.target_duration_s = 600;
  error = run_error (pool, POOL_SIZE, &c);
  g_assert_error (error, COACH_GENERATOR_ERROR, COACH_GENERATOR_ERROR_TOO_SHORT);
  g_assert_cmpstr (error->message, ==,
                   "A 10 min workout is too short: warm-up, cool-down and one exercise per round "
                   "already take 12 min. Choose a longer target, or shorten the warm-up, the "
                   "cool-down or the rounds.");
}

static void
test_error_too_long (void)
{
  g_autoptr(Pool) pool = pool_new ();
  g_autoptr(GError) error = NULL;
  CoachGeneratorConstraints c = default_constraints (1);

  c.timing = (CoachDurationConfig) { .work_s = 10, .rest_s = 0, .rounds = 1 };
  c.target_duration_s = 4 * 3600;
  error = run_error (pool, POOL_SIZE, &c);
  g_assert_error (error, COACH_GENERATOR_ERROR, COACH_GENERATOR_ERROR_TOO_LONG);
  g_assert_nonnull (strstr (error->message, "4 h workout would need 1440 exercises per round"));
}

static guint
count_matching (const Pool                *pool,
                CoachGeneratorConstraints  c)
{
  g_autoptr(GPtrArray) m = matching (pool, &c);

  return m->len;
}

static void
test_error_no_candidates (void)
{
  g_autoptr(Pool) pool = pool_new ();
  const char *yoga[] = { "cat-yoga", NULL };
  const char *yoga_name[] = { "Yoga", NULL };
  const char *none[] = { NULL };
  CoachGeneratorConstraints c = default_constraints (1);

  /* An empty catalog. */
  {
    g_autoptr(GError) error = run_error (NULL, 0, &c);

    g_assert_error (error, COACH_GENERATOR_ERROR, COACH_GENERATOR_ERROR_NO_CANDIDATES);
    g_assert_nonnull (strstr (error->message, "no exercises yet"));
  }

  /* A category nobody is in, named and unnamed. */
  c.no_jump = TRUE;
  c.categories = yoga;
  {
    g_autoptr(GError) error = run_error (pool, POOL_SIZE, &c);
    CoachGeneratorConstraints no_cat = c;
    g_autofree char *expected = NULL;
    guint n_jumpless;

    no_cat.categories = NULL;
    n_jumpless = count_matching (pool, no_cat);
    expected = g_strdup_printf ("No exercise matches: %u of %u have no jumps and 0 of %u are in "
                                "the chosen category. Allow jumps or choose more categories.",
                                n_jumpless, POOL_SIZE, n_jumpless);
    g_assert_error (error, COACH_GENERATOR_ERROR, COACH_GENERATOR_ERROR_NO_CANDIDATES);
    g_assert_cmpstr (error->message, ==, expected);
  }
  c.category_names = yoga_name;
  {
    g_autoptr(GError) error = run_error (pool, POOL_SIZE, &c);

    g_assert_error (error, COACH_GENERATOR_ERROR, COACH_GENERATOR_ERROR_NO_CANDIDATES);
    g_assert_nonnull (strstr (error->message, " are in Yoga. Allow jumps or choose more categories."));
  }

  /* Excluded everything that needs no equipment: the stage that empties
   * the list is the last one named. */
  {
    g_autoptr(GPtrArray) excluded = g_ptr_array_new ();
    g_autoptr(GError) error = NULL;
    g_autofree char *expected = NULL;

    for (guint i = 0; i < POOL_SIZE; i++)
      if (pool->pool[i].equipment[0] == NULL)
        g_ptr_array_add (excluded, (gpointer) pool->pool[i].id);
    g_ptr_array_add (excluded, NULL);
    c = default_constraints (1);
    c.excluded_ids = (const char * const *) excluded->pdata;
    c.equipment_available = none;
    error = run_error (pool, POOL_SIZE, &c);
    expected = g_strdup_printf ("No exercise matches: %u of %u are not excluded and 0 of %u need no "
                                "equipment. Exclude fewer exercises or add equipment.",
                                POOL_SIZE - (excluded->len - 1), POOL_SIZE, POOL_SIZE - (excluded->len - 1));
    g_assert_error (error, COACH_GENERATOR_ERROR, COACH_GENERATOR_ERROR_NO_CANDIDATES);
    g_assert_cmpstr (error->message, ==, expected);
  }
}

static void
test_error_not_enough (void)
{
  g_autoptr(Pool) pool = pool_new ();
  const char *core[] = { "cat-core", NULL };
  const char *core_name[] = { "Core", NULL };
  const char *none[] = { NULL };
  CoachGeneratorConstraints c = default_constraints (1);
  CoachGeneratorConstraints stage = default_constraints (1);
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  guint n_jump, n_equipment, n_core;

  /* The example from the design: jumps, equipment and a category each take
   * their share until too few are left for 26 different exercises. */
  c.no_jump = TRUE;
  c.equipment_available = none;
  c.categories = core;
  c.category_names = core_name;
  c.no_repeat = TRUE;
  c.timing.rounds = 1;
  c.target_duration_s = (guint) total_for (&c.timing, 26);

  stage.no_jump = TRUE;
  n_jump = count_matching (pool, stage);
  stage.equipment_available = none;
  n_equipment = count_matching (pool, stage);
  stage.categories = core;
  n_core = count_matching (pool, stage);
  g_assert_cmpuint (n_core, >, 1);
  g_assert_cmpuint (n_core, <, 26);

  error = run_error (pool, POOL_SIZE, &c);
  g_assert_error (error, COACH_GENERATOR_ERROR, COACH_GENERATOR_ERROR_NOT_ENOUGH);
  expected = g_strdup_printf ("Only %u exercises match: %u of %u have no jumps, %u of %u need no "
                              "equipment and %u of %u are in Core. This workout needs 26 different "
                              "exercises. Allow repeats, allow jumps, add equipment, choose more "
                              "categories or choose a shorter target.",
                              n_core, n_jump, POOL_SIZE, n_equipment, n_jump, n_core, n_equipment);
  g_assert_cmpstr (error->message, ==, expected);

  /* Allowing repeats is enough. */
  {
    g_autoptr(CoachGeneratorResult) result = NULL;

    c.no_repeat = FALSE;
    result = run_ok (pool, &c);
    g_assert_cmpuint (result->exercise_ids->len, ==, 26);
  }

  /* One exercise left: it cannot follow itself. */
  {
    g_autoptr(GPtrArray) excluded = g_ptr_array_new ();
    g_autoptr(GError) error1 = NULL;

    for (guint i = 1; i < POOL_SIZE; i++)
      g_ptr_array_add (excluded, (gpointer) pool->pool[i].id);
    g_ptr_array_add (excluded, NULL);
    c = default_constraints (1);
    c.excluded_ids = (const char * const *) excluded->pdata;
    error1 = run_error (pool, POOL_SIZE, &c);
    g_assert_error (error1, COACH_GENERATOR_ERROR, COACH_GENERATOR_ERROR_NOT_ENOUGH);
    g_assert_cmpstr (error1->message, ==,
                     "Only 1 exercise matches: 1 of 150 is not excluded. An exercise never follows "
                     "itself, so this workout needs at least 2 different exercises. Exclude fewer "
                     "exercises.");

    /* ... unless one item is all the workout needs. */
    {
      g_autoptr(CoachGeneratorResult) result = NULL;

      c.timing.rounds = 3;
      c.target_duration_s = (guint) total_for (&c.timing, 1);
      result = run_ok (pool, &c);
      g_assert_cmpuint (result->exercise_ids->len, ==, 1);
      g_assert_cmpstr (result->exercise_ids->pdata[0], ==, pool->pool[0].id);
    }
  }

  /* Nothing filtered, the catalog is just small. */
  {
    g_autoptr(GError) error2 = NULL;

    c = default_constraints (1);
    c.no_repeat = TRUE;
    error2 = run_error (pool, 5, &c);
    g_assert_error (error2, COACH_GENERATOR_ERROR, COACH_GENERATOR_ERROR_NOT_ENOUGH);
    g_assert_cmpstr (error2->message, ==,
                     "The catalog has only 5 exercises. This workout needs 10 different exercises. "
                     "Allow repeats, choose a shorter target or add exercises to the catalog.");
  }
}

static void
test_error_category_names (void)
{
  g_autoptr(Pool) pool = pool_new ();
  const char *ids[] = { category_ids[0], category_ids[1], category_ids[3], category_ids[4], NULL };
  const char *names[] = { category_titles[0], category_titles[1], category_titles[3], category_titles[4], NULL };
  struct { guint n_categories; gboolean named; const char *phrase; } cases[] = {
    { 1, TRUE, " are in Core. " },
    { 2, TRUE, " are in Core or Legs. " },
    { 3, TRUE, " are in Core, Legs or Cardio. " },
    { 4, TRUE, " are in the 4 chosen categories. " },
    { 2, FALSE, " are in the 2 chosen categories. " },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      CoachGeneratorConstraints c = default_constraints (1);
      const char *some_ids[5] = { NULL };
      const char *some_names[5] = { NULL };

      memcpy (some_ids, ids, cases[i].n_categories * sizeof (char *));
      memcpy (some_names, names, cases[i].n_categories * sizeof (char *));
      c.categories = some_ids;
      c.category_names = cases[i].named ? some_names : NULL;
      c.no_repeat = TRUE;
      c.timing.rounds = 1;
      c.target_duration_s = (guint) total_for (&c.timing, 149);

      error = run_error (pool, POOL_SIZE, &c);
      g_assert_error (error, COACH_GENERATOR_ERROR, COACH_GENERATOR_ERROR_NOT_ENOUGH);
      g_assert_nonnull (strstr (error->message, cases[i].phrase));
      g_assert_nonnull (strstr (error->message, "This workout needs 149 different exercises."));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/generator/count-items", test_count_items);
  g_test_add_func ("/generator/count-items/random", test_count_items_random);
  g_test_add_func ("/generator/random-constraints", test_random_constraints);
  g_test_add_func ("/generator/no-jump", test_no_jump);
  g_test_add_func ("/generator/difficulty", test_difficulty);
  g_test_add_func ("/generator/equipment", test_equipment);
  g_test_add_func ("/generator/categories", test_categories);
  g_test_add_func ("/generator/excluded", test_excluded);
  g_test_add_func ("/generator/no-repeat", test_no_repeat);
  g_test_add_func ("/generator/repeats-allowed", test_repeats_allowed);
  g_test_add_func ("/generator/deterministic", test_deterministic);
  g_test_add_func ("/generator/golden", test_golden);
  g_test_add_func ("/generator/balance", test_balance);
  g_test_add_func ("/generator/variety", test_variety);
  g_test_add_func ("/generator/spread", test_spread);
  g_test_add_func ("/generator/muscles-no-choice", test_muscles_when_no_choice);
  g_test_add_func ("/generator/error/invalid", test_error_invalid);
  g_test_add_func ("/generator/error/too-short", test_error_too_short);
  g_test_add_func ("/generator/error/too-long", test_error_too_long);
  g_test_add_func ("/generator/error/no-candidates", test_error_no_candidates);
  g_test_add_func ("/generator/error/not-enough", test_error_not_enough);
  g_test_add_func ("/generator/error/category-names", test_error_category_names);

  return g_test_run ();
}
