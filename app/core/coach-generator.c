/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coach-generator"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "coach-generator.h"

/* The filters, in the order they are applied and explained. */
typedef enum
{
  STAGE_EXCLUDED,
  STAGE_DIFFICULTY,
  STAGE_JUMP,
  STAGE_EQUIPMENT,
  STAGE_CATEGORY,
  N_STAGES
} Stage;

typedef struct
{
  guint    n_pool;              /* distinct exercises offered */
  gboolean active[N_STAGES];
  guint    survivors[N_STAGES]; /* left after this stage and all before it */
} FilterReport;

typedef struct
{
  const CoachGeneratorExercise *exercise;
  int                           muscle;          /* index into Picker.muscles, -1: none given */
  guint                         first_category;  /* into Picker.candidate_categories */
  guint                         n_categories;    /* how many of Picker.spread it belongs to */
  guint                         uses;
} Candidate;

/* xoshiro256** seeded through splitmix64: small, fast, and a sequence
 * fixed by this file alone, so a seed means the same workout on every
 * platform and in every later GLib, which rand () does not promise. */
typedef struct
{
  guint64 s[4];
} Rng;

typedef struct
{
  GArray    *candidates;            /* Candidate */
  GArray    *candidate_categories;  /* guint, indices into spread */
  GPtrArray *spread;                /* const char *, the category ids to spread over */
  GPtrArray *muscles;               /* const char *, distinct primary muscles */
  guint     *category_counts;       /* per spread category (+ none), items so far */
  guint     *muscle_counts;         /* per muscle, items so far */
  Rng        rng;
} Picker;

G_DEFINE_QUARK (coach-generator-error-quark, coach_generator_error)

static guint64
splitmix64_next (guint64 *state)
{
  guint64 z = (*state += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

static void
rng_init (Rng     *rng,
          guint64  seed)
{
  /* splitmix64 never yields four zero words, the one state xoshiro cannot
   * leave. */
  for (guint i = 0; i < 4; i++)
    rng->s[i] = splitmix64_next (&seed);
}

static inline guint64
rotl (guint64 x,
      int     k)
{
  return (x << k) | (x >> (64 - k));
}

static guint64
rng_next (Rng *rng)
{
  guint64 *s = rng->s;
  guint64 result = rotl (s[1] * 5, 7) * 9;
  guint64 t = s[1] << 17;

  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl (s[3], 45);
  return result;
}

/* Uniform in [0, n): values below 2^64 mod n are rejected, so that every
 * outcome has the same number of preimages. */
static guint64
rng_below (Rng     *rng,
           guint64  n)
{
  guint64 threshold = (0 - n) % n;

  g_assert (n > 0);
  for (;;)
    {
      guint64 x = rng_next (rng);

      if (x >= threshold)
        return x % n;
    }
}

static gboolean
strv_is_empty (const char * const *strv)
{
  return strv == NULL || strv[0] == NULL;
}

static gboolean
strv_has (const char * const *strv,
          const char         *s)
{
  return strv != NULL && s != NULL && g_strv_contains (strv, s);
}

static guint
difficulty_bit (const char *difficulty)
{
  if (g_strcmp0 (difficulty, "easy") == 0)
    return COACH_DIFFICULTY_EASY;
  if (g_strcmp0 (difficulty, "medium") == 0)
    return COACH_DIFFICULTY_MEDIUM;
  if (g_strcmp0 (difficulty, "hard") == 0)
    return COACH_DIFFICULTY_HARD;
  return 0;
}

static gboolean
fits_equipment (const CoachGeneratorExercise *exercise,
                const char * const           *available)
{
  if (available == NULL || exercise->equipment == NULL)
    return TRUE;
  for (guint i = 0; exercise->equipment[i] != NULL; i++)
    if (!g_strv_contains (available, exercise->equipment[i]))
      return FALSE;
  return TRUE;
}

static gboolean
in_any_category (const CoachGeneratorExercise *exercise,
                 const char * const           *categories)
{
  if (exercise->categories == NULL)
    return FALSE;
  for (guint i = 0; exercise->categories[i] != NULL; i++)
    if (g_strv_contains (categories, exercise->categories[i]))
      return TRUE;
  return FALSE;
}

/* All three levels ask for no filter, like none: an exercise whose
 * difficulty was never set still takes part. */
static gboolean
filters_difficulty (const CoachGeneratorConstraints *c)
{
  return c->difficulty_mask != 0 && c->difficulty_mask != COACH_DIFFICULTY_ALL;
}

/* The first filter @exercise fails, N_STAGES if none. */
static Stage
first_failed_stage (const CoachGeneratorExercise    *exercise,
                    const CoachGeneratorConstraints *c)
{
  if (strv_has (c->excluded_ids, exercise->id))
    return STAGE_EXCLUDED;
  if (filters_difficulty (c) && (difficulty_bit (exercise->difficulty) & c->difficulty_mask) == 0)
    return STAGE_DIFFICULTY;
  if (c->no_jump && exercise->has_jump)
    return STAGE_JUMP;
  if (!fits_equipment (exercise, c->equipment_available))
    return STAGE_EQUIPMENT;
  if (!strv_is_empty (c->categories) && !in_any_category (exercise, c->categories))
    return STAGE_CATEGORY;
  return N_STAGES;
}

static int
compare_by_id (gconstpointer a,
               gconstpointer b)
{
  const CoachGeneratorExercise *ea = *(const CoachGeneratorExercise * const *) a;
  const CoachGeneratorExercise *eb = *(const CoachGeneratorExercise * const *) b;

  return strcmp (ea->id, eb->id);
}

/* Equal ids (which the catalog should never hand over) keep their pool
 * order, so that even then the same input gives the same result. */
static int
compare_by_id_then_index (gconstpointer a,
                          gconstpointer b)
{
  const CoachGeneratorExercise *ea = *(const CoachGeneratorExercise * const *) a;
  const CoachGeneratorExercise *eb = *(const CoachGeneratorExercise * const *) b;
  int c = strcmp (ea->id, eb->id);

  return c != 0 ? c : (ea > eb) - (ea < eb);
}

/* The pool sorted by id without duplicates: the catalog may list exercises
 * in any order, and the result must not depend on it. */
static GPtrArray *
sorted_pool (const CoachGeneratorExercise  *pool,
             guint                          n_pool,
             GError                       **error)
{
  g_autoptr(GPtrArray) sorted = g_ptr_array_sized_new (n_pool);
  guint n = 0;

  for (guint i = 0; i < n_pool; i++)
    {
      if (pool[i].id == NULL)
        {
          g_set_error (error, COACH_GENERATOR_ERROR, COACH_GENERATOR_ERROR_INVALID,
                       _("Exercise %u of the catalog has no id."), i + 1);
          return NULL;
        }
      g_ptr_array_add (sorted, (gpointer) &pool[i]);
    }
  g_ptr_array_sort (sorted, compare_by_id_then_index);

  for (guint i = 0; i < sorted->len; i++)
    if (n == 0 || compare_by_id (&sorted->pdata[n - 1], &sorted->pdata[i]) != 0)
      sorted->pdata[n++] = sorted->pdata[i];
  g_ptr_array_set_size (sorted, n);

  return g_steal_pointer (&sorted);
}

static gboolean
check_constraints (const CoachGeneratorConstraints  *c,
                   GError                          **error)
{
  const CoachDurationConfig *t = &c->timing;

  if (c->target_duration_s == 0)
    {
      g_set_error_literal (error, COACH_GENERATOR_ERROR, COACH_GENERATOR_ERROR_INVALID,
                           _("Choose how long the workout should be."));
      return FALSE;
    }
  if (t->work_s == 0)
    {
      g_set_error_literal (error, COACH_GENERATOR_ERROR, COACH_GENERATOR_ERROR_INVALID,
                           _("Choose a work time for each exercise."));
      return FALSE;
    }
  if (t->work_s > COACH_GENERATOR_MAX_PHASE_S || t->rest_s > COACH_GENERATOR_MAX_PHASE_S ||
      t->warmup_s > COACH_GENERATOR_MAX_PHASE_S || t->cooldown_s > COACH_GENERATOR_MAX_PHASE_S)
    {
      g_set_error_literal (error, COACH_GENERATOR_ERROR, COACH_GENERATOR_ERROR_INVALID,
                           _("Work, rest, warm-up and cool-down times can be at most a day each."));
      return FALSE;
    }
  if (t->rounds > COACH_GENERATOR_MAX_ROUNDS)
    {
      g_set_error (error, COACH_GENERATOR_ERROR, COACH_GENERATOR_ERROR_INVALID,
                   _("A workout can have at most %u rounds."), COACH_GENERATOR_MAX_ROUNDS);
      return FALSE;
    }
  if ((c->difficulty_mask & ~(guint) COACH_DIFFICULTY_ALL) != 0)
    {
      g_set_error (error, COACH_GENERATOR_ERROR, COACH_GENERATOR_ERROR_INVALID,
                   "Unknown difficulty level in mask 0x%x", c->difficulty_mask);
      return FALSE;
    }
  return TRUE;
}

static char *
capitalize (const char *text)
{
  char first[8] = { 0 };

  if (*text == '\0')
    return g_strdup (text);
  g_unichar_to_utf8 (g_unichar_totitle (g_utf8_get_char (text)), first);
  return g_strconcat (first, g_utf8_next_char (text), NULL);
}

/* "a", "a and b", "a, b and c"; with @alternatives "a, b or c". */
static char *
join_list (GPtrArray *parts,
           gboolean   alternatives)
{
  char *joined;

  g_assert (parts->len > 0);
  joined = g_strdup (parts->pdata[0]);
  for (guint i = 1; i < parts->len; i++)
    {
      const char *part = parts->pdata[i];
      char *next;

      if (i + 1 < parts->len)
        /* Translators: joins all but the last two items of a list, as in "a, b" */
        next = g_strdup_printf (_("%s, %s"), joined, part);
      else if (alternatives)
        /* Translators: joins the last two of a list of alternatives, as in "Core, Legs or Mobility" */
        next = g_strdup_printf (_("%s or %s"), joined, part);
      else
        /* Translators: joins the last two items of a list, as in "a, b and c" */
        next = g_strdup_printf (_("%s and %s"), joined, part);
      g_free (joined);
      joined = next;
    }
  return joined;
}

static const char *
difficulty_phrase (guint mask)
{
  switch (mask)
    {
    case COACH_DIFFICULTY_EASY:
      return _("easy");
    case COACH_DIFFICULTY_MEDIUM:
      return _("medium");
    case COACH_DIFFICULTY_HARD:
      return _("hard");
    case COACH_DIFFICULTY_EASY | COACH_DIFFICULTY_MEDIUM:
      return _("easy or medium");
    case COACH_DIFFICULTY_EASY | COACH_DIFFICULTY_HARD:
      return _("easy or hard");
    case COACH_DIFFICULTY_MEDIUM | COACH_DIFFICULTY_HARD:
      return _("medium or hard");
    default:
      g_assert_not_reached ();
    }
}

static char *
category_phrase (const CoachGeneratorConstraints *c)
{
  guint n = g_strv_length ((char **) c->categories);
  g_autoptr(GPtrArray) names = NULL;

  /* Ids mean nothing to a coach; without names, stay general. */
  if (c->category_names == NULL || g_strv_length ((char **) c->category_names) < n || n > 3)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "the chosen category",
                                         "the %u chosen categories", n), n);

  names = g_ptr_array_new ();
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (names, (gpointer) c->category_names[i]);
  return join_list (names, TRUE);
}

/* "38 of 150 have no jumps": @after of the @before exercises left by the
 * stages before pass @stage. */
static char *
stage_clause (Stage                            stage,
              guint                            after,
              guint                            before,
              const CoachGeneratorConstraints *c)
{
  g_autofree char *phrase = NULL;

  switch (stage)
    {
    case STAGE_EXCLUDED:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u is not excluded",
                                           "%u of %u are not excluded", after), after, before);
    case STAGE_DIFFICULTY:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u is %s", "%u of %u are %s", after),
                              after, before, difficulty_phrase (c->difficulty_mask));
    case STAGE_JUMP:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u has no jumps",
                                           "%u of %u have no jumps", after), after, before);
    case STAGE_EQUIPMENT:
      if (strv_is_empty (c->equipment_available))
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u needs no equipment",
                                             "%u of %u need no equipment", after), after, before);
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u fits the available equipment",
                                           "%u of %u fit the available equipment", after), after, before);
    case STAGE_CATEGORY:
      phrase = category_phrase (c);
      /* Translators: the last %s is a category or a list of them, as in "4 of 9 are in Core or Legs" */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u is in %s", "%u of %u are in %s", after),
                              after, before, phrase);
    case N_STAGES:
    default:
      g_assert_not_reached ();
    }
}

static const char *
stage_suggestion (Stage stage)
{
  switch (stage)
    {
    case STAGE_EXCLUDED:
      return _("exclude fewer exercises");
    case STAGE_DIFFICULTY:
      return _("allow more difficulty levels");
    case STAGE_JUMP:
      return _("allow jumps");
    case STAGE_EQUIPMENT:
      return _("add equipment");
    case STAGE_CATEGORY:
      return _("choose more categories");
    case N_STAGES:
    default:
      g_assert_not_reached ();
    }
}

/* Only the stages that removed something are worth a word; once nothing
 * is left, later stages have nothing to say. */
static gboolean
stage_removed_some (const FilterReport *report,
                    Stage               stage,
                    guint              *before)
{
  guint prev = stage == 0 ? report->n_pool : report->survivors[stage - 1];

  *before = prev;
  return report->active[stage] && prev > 0 && report->survivors[stage] < prev;
}

/* Sets a NO_CANDIDATES or NOT_ENOUGH error that walks through the filters
 * with their counts and ends with what to relax. */
static void
set_filter_error (GError                          **error,
                  const FilterReport               *report,
                  const CoachGeneratorConstraints  *c,
                  guint                             n_items)
{
  guint n_left = report->survivors[N_STAGES - 1];
  g_autoptr(GPtrArray) clauses = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) suggestions = g_ptr_array_new ();
  g_autofree char *detail = NULL;
  g_autofree char *need = NULL;
  g_autofree char *advice = NULL;
  g_autofree char *advice_list = NULL;
  g_autofree char *head = NULL;

  if (n_left > 0 && c->no_repeat)
    g_ptr_array_add (suggestions, (gpointer) _("allow repeats"));

  for (Stage s = 0; s < N_STAGES; s++)
    {
      guint before;

      if (!stage_removed_some (report, s, &before))
        continue;
      g_ptr_array_add (clauses, stage_clause (s, report->survivors[s], before, c));
      g_ptr_array_add (suggestions, (gpointer) stage_suggestion (s));
    }

  if (n_left > 0 && c->no_repeat)
    g_ptr_array_add (suggestions, (gpointer) _("choose a shorter target"));
  if (clauses->len == 0)
    g_ptr_array_add (suggestions, (gpointer) _("add exercises to the catalog"));

  if (clauses->len > 0)
    detail = join_list (clauses, FALSE);
  advice_list = join_list (suggestions, TRUE);
  advice = capitalize (advice_list);

  if (n_left == 0)
    {
      /* Translators: %s lists the filters with their counts */
      head = g_strdup_printf (_("No exercise matches: %s."), detail);
      g_set_error (error, COACH_GENERATOR_ERROR, COACH_GENERATOR_ERROR_NO_CANDIDATES,
                   "%s %s.", head, advice);
      return;
    }

  if (detail != NULL)
    head = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Only %u exercise matches: %s.",
                                         "Only %u exercises match: %s.", n_left), n_left, detail);
  else
    head = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "The catalog has only %u exercise.",
                                         "The catalog has only %u exercises.", n_left), n_left);

  if (c->no_repeat)
    need = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "This workout needs %u different exercise.",
                                         "This workout needs %u different exercises.", n_items), n_items);
  else
    need = g_strdup (_("An exercise never follows itself, so this workout needs at least 2 different exercises."));

  g_set_error (error, COACH_GENERATOR_ERROR, COACH_GENERATOR_ERROR_NOT_ENOUGH,
               "%s %s %s.", head, need, advice);
}

/* ---- Picking ---- */

static void
picker_clear (Picker *p)
{
  g_clear_pointer (&p->candidates, g_array_unref);
  g_clear_pointer (&p->candidate_categories, g_array_unref);
  g_clear_pointer (&p->spread, g_ptr_array_unref);
  g_clear_pointer (&p->muscles, g_ptr_array_unref);
  g_clear_pointer (&p->category_counts, g_free);
  g_clear_pointer (&p->muscle_counts, g_free);
}

static void
picker_add (Picker                       *p,
            const CoachGeneratorExercise *exercise,
            GHashTable                   *muscle_index)
{
  Candidate cand = { exercise, -1, p->candidate_categories->len, 0, 0 };
  const char *muscle = exercise->muscles != NULL ? exercise->muscles[0] : NULL;

  if (muscle != NULL && *muscle != '\0')
    {
      gpointer found;

      if (!g_hash_table_lookup_extended (muscle_index, muscle, NULL, &found))
        {
          found = GUINT_TO_POINTER (p->muscles->len);
          g_hash_table_insert (muscle_index, (gpointer) muscle, found);
          g_ptr_array_add (p->muscles, (gpointer) muscle);
        }
      cand.muscle = (int) GPOINTER_TO_UINT (found);
    }

  for (guint j = 0; j < p->spread->len; j++)
    if (strv_has (exercise->categories, p->spread->pdata[j]))
      {
        g_array_append_val (p->candidate_categories, j);
        cand.n_categories++;
      }

  /* Uncategorised exercises share a bucket of their own, or they would
   * always look like the least used category. */
  if (cand.n_categories == 0)
    {
      guint none = p->spread->len;

      g_array_append_val (p->candidate_categories, none);
      cand.n_categories = 1;
    }

  g_array_append_val (p->candidates, cand);
}

static void
picker_init (Picker                          *p,
             GPtrArray                       *exercises,
             const CoachGeneratorConstraints *c)
{
  g_autoptr(GHashTable) muscle_index = g_hash_table_new (g_str_hash, g_str_equal);
  gboolean spread_all;

  p->candidates = g_array_sized_new (FALSE, FALSE, sizeof (Candidate), exercises->len);
  p->candidate_categories = g_array_new (FALSE, FALSE, sizeof (guint));
  p->spread = g_ptr_array_new ();
  p->muscles = g_ptr_array_new ();

  /* Spread over the categories the coach asked for; without any, over
   * all the candidates have, so that a workout is not all legs by chance. */
  for (guint i = 0; c->categories != NULL && c->categories[i] != NULL; i++)
    if (!g_ptr_array_find_with_equal_func (p->spread, c->categories[i], g_str_equal, NULL))
      g_ptr_array_add (p->spread, (gpointer) c->categories[i]);
  spread_all = p->spread->len == 0;
  for (guint i = 0; spread_all && i < exercises->len; i++)
    {
      const CoachGeneratorExercise *e = exercises->pdata[i];

      for (guint j = 0; e->categories != NULL && e->categories[j] != NULL; j++)
        if (!g_ptr_array_find_with_equal_func (p->spread, e->categories[j], g_str_equal, NULL))
          g_ptr_array_add (p->spread, (gpointer) e->categories[j]);
    }

  for (guint i = 0; i < exercises->len; i++)
    picker_add (p, exercises->pdata[i], muscle_index);

  p->category_counts = g_new0 (guint, p->spread->len + 1);
  /* One more for the exercises with no muscle given. */
  p->muscle_counts = g_new0 (guint, p->muscles->len + 1);
  rng_init (&p->rng, c->seed);
}

static guint
muscle_slot (const Picker    *p,
             const Candidate *cand)
{
  return cand->muscle >= 0 ? (guint) cand->muscle : p->muscles->len;
}

/* Lower is better, compared field by field from the top bits down. Every
 * field is a count below COACH_GENERATOR_MAX_ITEMS, so 16 bits hold it. */
static guint64
score (const Picker *p,
       guint         index,
       const guint  *chosen,
       guint         slot,
       guint         n_items,
       guint         rounds)
{
  const Candidate *cand = &g_array_index (p->candidates, Candidate, index);
  guint least = G_MAXUINT;
  guint64 s = 0;

  /* The next round starts with chosen[0] right after the last item. */
  if (rounds > 1 && n_items > 1 && slot == n_items - 1 && index == chosen[0])
    s |= G_GUINT64_CONSTANT (1) << 62;

  if (slot > 0 && cand->muscle >= 0 &&
      cand->muscle == g_array_index (p->candidates, Candidate, chosen[slot - 1]).muscle)
    s |= G_GUINT64_CONSTANT (1) << 61;

  s |= (guint64) MIN (cand->uses, 0xffff) << 32;

  /* An exercise in two categories helps the emptier one. */
  for (guint j = 0; j < cand->n_categories; j++)
    {
      guint cat = g_array_index (p->candidate_categories, guint, cand->first_category + j);

      least = MIN (least, p->category_counts[cat]);
    }
  s |= (guint64) MIN (least, 0xffff) << 16;

  s |= MIN (p->muscle_counts[muscle_slot (p, cand)], 0xffff);
  return s;
}

static void
pick (Picker   *p,
      guint    *chosen,
      guint     n_items,
      guint     rounds,
      gboolean  no_repeat)
{
  g_autoptr(GArray) ties = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint slot = 0; slot < n_items; slot++)
    {
      guint64 best = G_MAXUINT64;
      Candidate *cand;
      guint index;

      g_array_set_size (ties, 0);
      for (guint i = 0; i < p->candidates->len; i++)
        {
          guint64 s;

          if (no_repeat ? g_array_index (p->candidates, Candidate, i).uses > 0
                        : slot > 0 && chosen[slot - 1] == i)
            continue;

          s = score (p, i, chosen, slot, n_items, rounds);
          if (s < best)
            {
              best = s;
              g_array_set_size (ties, 0);
            }
          if (s == best)
            g_array_append_val (ties, i);
        }

      /* The caller made sure enough candidates exist. */
      g_assert (ties->len > 0);
      index = g_array_index (ties, guint, rng_below (&p->rng, ties->len));
      chosen[slot] = index;

      cand = &g_array_index (p->candidates, Candidate, index);
      cand->uses++;
      for (guint j = 0; j < cand->n_categories; j++)
        p->category_counts[g_array_index (p->candidate_categories, guint, cand->first_category + j)]++;
      p->muscle_counts[muscle_slot (p, cand)]++;
    }
}

static guint64
total_for (const CoachDurationConfig *timing,
           guint64                    n_items)
{
  guint64 rounds = MAX (timing->rounds, 1);

  /* The closed form of coach_duration_total() for @n_items >= 1 default
   * timed items; the tests hold the two together. */
  return (guint64) timing->warmup_s + timing->cooldown_s
         + rounds * n_items * ((guint64) timing->work_s + timing->rest_s) - timing->rest_s;
}

/* ---- Public API ---- */

guint
coach_generator_count_items (const CoachDurationConfig *timing,
                             guint                      target_duration_s)
{
  guint64 rounds, item, step, limit, fixed, k;

  g_return_val_if_fail (timing != NULL, 0);

  /* 32-bit inputs: every product below fits in 64 bits except
   * rounds × item, which is checked. */
  rounds = MAX (timing->rounds, 1);
  item = (guint64) timing->work_s + timing->rest_s;
  limit = (guint64) target_duration_s + item;
  fixed = (guint64) timing->warmup_s + timing->cooldown_s;

  if (limit + timing->rest_s < fixed)
    return 0;

  if (item == 0)
    /* Items take no time: every count gives the same total, the tie goes
     * to the shortest list. */
    return fixed <= limit ? 1 : 0;

  if (rounds > G_MAXUINT64 / item)
    return 0;
  step = rounds * item;

  /* Largest k with fixed + k × step − rest <= limit. */
  k = (limit + timing->rest_s - fixed) / step;
  if (k == 0)
    return 0;
  k = MIN (k, G_MAXUINT);

  if (k >= 2)
    {
      guint64 t_k = total_for (timing, k);
      guint64 t_fewer = total_for (timing, k - 1);
      guint64 d_k = t_k > target_duration_s ? t_k - target_duration_s : target_duration_s - t_k;
      guint64 d_fewer = t_fewer > target_duration_s ? t_fewer - target_duration_s : target_duration_s - t_fewer;

      if (d_fewer <= d_k)
        k--;
    }
  return (guint) k;
}

gboolean
coach_generator_run (const CoachGeneratorExercise     *pool,
                     guint                             n_pool,
                     const CoachGeneratorConstraints  *constraints,
                     CoachGeneratorResult            **result,
                     GError                          **error)
{
  const CoachGeneratorConstraints *c = constraints;
  g_autoptr(GPtrArray) exercises = NULL;
  g_autoptr(GPtrArray) candidates = NULL;
  g_autofree guint *chosen = NULL;
  g_autofree CoachDurationItem *items = NULL;
  FilterReport report = { 0 };
  Picker picker = { 0 };
  CoachGeneratorResult *res;
  guint n_items, n_needed, rounds;

  g_return_val_if_fail (pool != NULL || n_pool == 0, FALSE);
  g_return_val_if_fail (constraints != NULL, FALSE);
  g_return_val_if_fail (result != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_constraints (c, error))
    return FALSE;

  rounds = MAX (c->timing.rounds, 1);
  n_items = coach_generator_count_items (&c->timing, c->target_duration_s);
  if (n_items == 0)
    {
      g_autofree char *target = coach_duration_format (c->target_duration_s);
      g_autofree char *one = coach_duration_format (total_for (&c->timing, 1));

      g_set_error (error, COACH_GENERATOR_ERROR, COACH_GENERATOR_ERROR_TOO_SHORT,
                   _("A %s workout is too short: warm-up, cool-down and one exercise per round "
                     "already take %s. Choose a longer target, or shorten the warm-up, the "
                     "cool-down or the rounds."), target, one);
      return FALSE;
    }
  if (n_items > COACH_GENERATOR_MAX_ITEMS)
    {
      g_autofree char *target = coach_duration_format (c->target_duration_s);

      g_set_error (error, COACH_GENERATOR_ERROR, COACH_GENERATOR_ERROR_TOO_LONG,
                   _("A %s workout would need %u exercises per round, more than the %u a "
                     "generated workout can have. Choose a shorter target, more rounds or "
                     "longer work times."), target, n_items, COACH_GENERATOR_MAX_ITEMS);
      return FALSE;
    }

  exercises = sorted_pool (pool, n_pool, error);
  if (exercises == NULL)
    return FALSE;
  if (exercises->len == 0)
    {
      g_set_error_literal (error, COACH_GENERATOR_ERROR, COACH_GENERATOR_ERROR_NO_CANDIDATES,
                           _("The catalog has no exercises yet. Add some exercises first."));
      return FALSE;
    }

  report.n_pool = exercises->len;
  report.active[STAGE_EXCLUDED] = !strv_is_empty (c->excluded_ids);
  report.active[STAGE_DIFFICULTY] = filters_difficulty (c);
  report.active[STAGE_JUMP] = c->no_jump;
  report.active[STAGE_EQUIPMENT] = c->equipment_available != NULL;
  report.active[STAGE_CATEGORY] = !strv_is_empty (c->categories);

  candidates = g_ptr_array_sized_new (exercises->len);
  for (guint i = 0; i < exercises->len; i++)
    {
      Stage failed = first_failed_stage (exercises->pdata[i], c);

      /* An exercise counts for every stage before the one it fails. */
      for (Stage s = 0; s < failed; s++)
        report.survivors[s]++;
      if (failed == N_STAGES)
        g_ptr_array_add (candidates, exercises->pdata[i]);
    }

  n_needed = c->no_repeat ? n_items : MIN (n_items, 2);
  if (candidates->len < n_needed)
    {
      set_filter_error (error, &report, c, n_items);
      return FALSE;
    }

  picker_init (&picker, candidates, c);
  chosen = g_new0 (guint, n_items);
  pick (&picker, chosen, n_items, rounds, c->no_repeat);

  res = g_new0 (CoachGeneratorResult, 1);
  res->exercise_ids = g_ptr_array_new_full (n_items, g_free);
  res->n_candidates = candidates->len;
  items = g_new (CoachDurationItem, n_items);
  for (guint i = 0; i < n_items; i++)
    {
      const Candidate *cand = &g_array_index (picker.candidates, Candidate, chosen[i]);

      g_ptr_array_add (res->exercise_ids, g_strdup (cand->exercise->id));
      items[i] = (CoachDurationItem) { COACH_ITEM_KIND_TIMED, -1, -1, 0, 0 };
    }
  res->total_duration_s = coach_duration_total (&c->timing, items, n_items);
  picker_clear (&picker);

  *result = res;
  return TRUE;
}

void
coach_generator_result_free (CoachGeneratorResult *result)
{
  if (result == NULL)
    return;
  g_clear_pointer (&result->exercise_ids, g_ptr_array_unref);
  g_free (result);
}
