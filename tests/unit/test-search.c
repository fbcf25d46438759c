/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#include "config.h"

#include "coach-catalog.h"
#include "coach-search.h"

#include "catalog-test-util.h"

typedef struct
{
  CatalogFixture base;
  char          *legs_id;
  char          *plyo_id;
  char          *jump_squat_id;
  CoachRecord   *clip;
  CoachRecord   *marker;
  CoachRecord   *plank;
} Fixture;

static CoachRecord *
add_exercise (CoachCatalog       *catalog,
              const char         *name,
              const char         *difficulty,
              gboolean            has_jump,
              const char * const *muscles,
              const char * const *equipment,
              const char         *description)
{
  g_autoptr(GError) error = NULL;
  CoachRecord *ex = coach_record_new_for_table ("exercise", NULL);

  coach_record_set_string (ex, "name", name);
  coach_record_set_string (ex, "difficulty", difficulty);
  coach_record_set_boolean (ex, "has_jump", has_jump);
  coach_record_set_strv (ex, "muscles", muscles);
  coach_record_set_strv (ex, "equipment", equipment);
  coach_record_set_string (ex, "description", description);
  g_assert_true (coach_catalog_save (catalog, ex, &error));
  g_assert_no_error (error);
  return ex;
}

static CoachRecord *
add_named (CoachCatalog *catalog,
           const char   *table,
           const char   *name,
           const char   *status,
           const char   *text_field,
           const char   *text)
{
  g_autoptr(GError) error = NULL;
  CoachRecord *r = coach_record_new_for_table (table, NULL);

  coach_record_set_string (r, g_str_equal (table, "clip") ? "title" : "name", name);
  if (status)
    coach_record_set_string (r, "status", status);
  if (text_field)
    coach_record_set_string (r, text_field, text);
  g_assert_true (coach_catalog_save (catalog, r, &error));
  g_assert_no_error (error);
  return r;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  CoachCatalog *c;
  const char * const quads_glutes[] = { "quadriceps", "glutes", NULL };
  const char * const quads[] = { "quadriceps", NULL };
  const char * const quads_calves[] = { "quadriceps", "calves", NULL };
  const char * const shoulder[] = { "épaule", NULL };
  const char * const none[] = { NULL };
  const char * const kettlebell[] = { "kettlebell", NULL };
  const char * const box[] = { "box", NULL };
  g_autoptr(CoachRecord) legs = NULL;
  g_autoptr(CoachRecord) plyo = NULL;
  g_autoptr(CoachRecord) squat = NULL;
  g_autoptr(CoachRecord) goblet = NULL;
  g_autoptr(CoachRecord) jump_squat = NULL;
  g_autoptr(CoachRecord) box_jump = NULL;
  g_autoptr(CoachRecord) archived = NULL;
  g_autoptr(CoachRecord) deleted = NULL;
  g_autoptr(CoachRecord) archived_athlete = NULL;

  catalog_fixture_setup (&f->base, data);
  c = f->base.catalog;

  legs = test_save_named (c, "category", "name", "Legs");
  plyo = test_save_named (c, "category", "name", "Plyometrics");
  f->legs_id = g_strdup (coach_record_get_id (legs));
  f->plyo_id = g_strdup (coach_record_get_id (plyo));

  squat = add_exercise (c, "Squat", "easy", FALSE, quads_glutes, none, "The basic one");
  goblet = add_exercise (c, "Goblet squat", "medium", FALSE, quads, kettlebell, NULL);
  jump_squat = add_exercise (c, "Jump squat", "hard", TRUE, quads_calves, none, NULL);
  box_jump = add_exercise (c, "Box jump", "hard", TRUE, none, box, "Land softly");
  g_object_unref (add_exercise (c, "Box step-up", "easy", FALSE, quads, box, NULL));
  g_object_unref (add_exercise (c, "Rotation d'épaule", "easy", FALSE, shoulder, none, "Mobilité de l'épaule"));
  g_object_unref (add_exercise (c, "Wall sit", "medium", FALSE, quads, none, "Like a squat against the wall"));
  g_object_unref (add_exercise (c, "C++ \"quoted\" drill", "medium", FALSE, none, none, NULL));
  f->plank = add_exercise (c, "Plank", "medium", FALSE, none, none, NULL);
  archived = add_exercise (c, "Archived squat", "hard", FALSE, quads, none, NULL);
  g_assert_true (coach_catalog_set_archived (c, archived, TRUE, &error));
  deleted = add_exercise (c, "Deleted squat", "hard", TRUE, quads, box, "deleted row");
  g_assert_true (coach_catalog_delete (c, deleted, &error));
  g_assert_no_error (error);
  f->jump_squat_id = g_strdup (coach_record_get_id (jump_squat));

  test_link (c, "exercise_category", coach_record_get_id (squat), f->legs_id);
  test_link (c, "exercise_category", coach_record_get_id (goblet), f->legs_id);
  test_link (c, "exercise_category", coach_record_get_id (jump_squat), f->legs_id);
  test_link (c, "exercise_category", coach_record_get_id (jump_squat), f->plyo_id);
  test_link (c, "exercise_category", coach_record_get_id (box_jump), f->plyo_id);
  test_link (c, "exercise_category", coach_record_get_id (archived), f->legs_id);

  f->clip = add_named (c, "clip", "Squat camera 1", "ready", "notes", NULL);
  g_object_unref (add_named (c, "clip", "Box jump landing", "pending", "original_name", "IMG_0042.MOV"));
  f->marker = coach_record_new_for_table ("clip_marker", NULL);
  coach_record_set_string (f->marker, "clip_id", coach_record_get_id (f->clip));
  coach_record_set_string (f->marker, "text", "knee valgus at the bottom");
  g_assert_true (coach_catalog_save (c, f->marker, &error));
  g_assert_no_error (error);

  g_object_unref (add_named (c, "workout", "Leg day", "ready", "description", "squats and lunges"));
  g_object_unref (add_named (c, "workout", "Old plan", "archived", NULL, NULL));
  g_object_unref (add_named (c, "workout", "Draft plan", "draft", NULL, NULL));

  g_object_unref (add_named (c, "athlete", "Zoé Martin", NULL, "notes", "knee injury in 2025"));
  archived_athlete = add_named (c, "athlete", "Ben Archived", NULL, NULL, NULL);
  g_assert_true (coach_catalog_set_archived (c, archived_athlete, TRUE, &error));
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->clip);
  g_clear_object (&f->marker);
  g_clear_object (&f->plank);
  g_free (f->legs_id);
  g_free (f->plyo_id);
  g_free (f->jump_squat_id);
  catalog_fixture_teardown (&f->base, data);
}

static GPtrArray *
run (Fixture                *f,
     const CoachSearchQuery *q)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *hits = coach_catalog_search (f->base.catalog, q, &error);

  g_assert_no_error (error);
  g_assert_nonnull (hits);
  for (guint i = 0; i < hits->len; i++)
    {
      CoachSearchHit *hit = hits->pdata[i];

      g_assert_true (coach_uuid_is_valid (hit->id));
      g_assert_nonnull (hit->title);
      g_assert_cmpint (hit->kind, >=, COACH_SEARCH_KIND_EXERCISE);
      g_assert_cmpint (hit->kind, <=, COACH_SEARCH_KIND_ATHLETE);
    }
  return hits;
}

/* The titles found, in order, as "a|b|c". */
static char *
titles_of (GPtrArray *hits)
{
  g_autoptr(GPtrArray) titles = g_ptr_array_new ();

  for (guint i = 0; i < hits->len; i++)
    g_ptr_array_add (titles, ((CoachSearchHit *) hits->pdata[i])->title);
  g_ptr_array_add (titles, NULL);
  return g_strjoinv ("|", (char **) titles->pdata);
}

/* The titles found, in any order, as "a|b|c" sorted. */
static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char **) a, *(const char **) b);
}

static char *
sorted_titles (GPtrArray *hits)
{
  g_autoptr(GPtrArray) titles = g_ptr_array_new ();

  for (guint i = 0; i < hits->len; i++)
    g_ptr_array_add (titles, ((CoachSearchHit *) hits->pdata[i])->title);
  g_ptr_array_sort (titles, compare_strings);
  g_ptr_array_add (titles, NULL);
  return g_strjoinv ("|", (char **) titles->pdata);
}

static void
assert_found (Fixture                *f,
              const CoachSearchQuery *q,
              const char             *expected)
{
  g_autoptr(GPtrArray) hits = run (f, q);
  g_autofree char *have = sorted_titles (hits);

  if (g_strcmp0 (have, expected) != 0)
    g_error ("search “%s”: expected [%s], found [%s]", q->text ? q->text : "", expected, have);
}

static void
assert_text_finds (Fixture    *f,
                   const char *text,
                   const char *expected)
{
  CoachSearchQuery q = COACH_SEARCH_QUERY_INIT;

  q.text = text;
  assert_found (f, &q, expected);
}

/* ------------------------------------------------------------------------- */

static void
test_build_match (void)
{
  struct { const char *in; const char *out; } cases[] = {
    { "squ", "\"squ\"*" },
    { "box  jump", "\"box\"* \"jump\"*" },
    { "  Box-Jump ", "\"Box\"* \"Jump\"*" },
    { "a\"b", "\"a\"* \"b\"*" },
    { "AND", "\"AND\"*" },
    { "NEAR(x y)", "\"NEAR\"* \"x\"* \"y\"*" },
    { "épaule", "\"épaule\"*" },
    { "{title}:squat^", "\"title\"* \"squat\"*" },
    { "\" * - ( ) : ^", NULL },
    { "", NULL },
    { NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *match = coach_search_build_match (cases[i].in);
      g_assert_cmpstr (match, ==, cases[i].out);
    }
}

static void
test_prefix (Fixture       *f,
             gconstpointer  data)
{
  assert_text_finds (f, "squ",
                     "Goblet squat|Jump squat|Leg day|Squat|Squat camera 1|Wall sit");
  assert_text_finds (f, "SQUAT",
                     "Goblet squat|Jump squat|Leg day|Squat|Squat camera 1|Wall sit");
  assert_text_finds (f, "pla", "Draft plan|Plank");
  assert_text_finds (f, "s",
                     "Box jump|Box step-up|Goblet squat|Jump squat|Leg day|Squat|Squat camera 1|Wall sit");
  assert_text_finds (f, "nothingmatches", "");
}

static void
test_ranking (Fixture       *f,
              gconstpointer  data)
{
  CoachSearchQuery q = COACH_SEARCH_QUERY_INIT;
  g_autoptr(GPtrArray) hits = NULL;
  g_autofree char *titles = NULL;

  /* titles starting with the text, then titles with it, then the rest */
  q.text = "squat";
  hits = run (f, &q);
  titles = titles_of (hits);
  g_assert_cmpstr (titles, ==, "Squat|Squat camera 1|Goblet squat|Jump squat|Leg day|Wall sit");
  g_assert_cmpfloat (((CoachSearchHit *) hits->pdata[0])->rank, ==, 0);
  g_assert_cmpfloat (((CoachSearchHit *) hits->pdata[2])->rank, ==, 1);
  g_assert_cmpfloat (((CoachSearchHit *) hits->pdata[5])->rank, ==, 2);
  g_assert_cmpint (((CoachSearchHit *) hits->pdata[0])->kind, ==, COACH_SEARCH_KIND_EXERCISE);
  g_assert_cmpint (((CoachSearchHit *) hits->pdata[1])->kind, ==, COACH_SEARCH_KIND_CLIP);
  g_assert_cmpint (((CoachSearchHit *) hits->pdata[4])->kind, ==, COACH_SEARCH_KIND_WORKOUT);
}

static void
test_multiple_words (Fixture       *f,
                     gconstpointer  data)
{
  /* every word must match, in any order */
  assert_text_finds (f, "box jump", "Box jump|Box jump landing");
  assert_text_finds (f, "jump box", "Box jump|Box jump landing");
  assert_text_finds (f, "jump squ", "Jump squat");
  assert_text_finds (f, "box squat", "");
  /* words may come from the body */
  assert_text_finds (f, "box soft", "Box jump");
  assert_text_finds (f, "img_0042", "Box jump landing");
}

static void
test_diacritics (Fixture       *f,
                 gconstpointer  data)
{
  assert_text_finds (f, "epaule", "Rotation d'épaule");
  assert_text_finds (f, "épaule", "Rotation d'épaule");
  assert_text_finds (f, "ÉPAULE", "Rotation d'épaule");
  assert_text_finds (f, "Epau", "Rotation d'épaule");
  assert_text_finds (f, "mobilite", "Rotation d'épaule");
  assert_text_finds (f, "zoe", "Zoé Martin");
  assert_text_finds (f, "ZOÉ mar", "Zoé Martin");
  /* decomposed input (e + combining acute) */
  assert_text_finds (f, "Zoe\xcc\x81", "Zoé Martin");
}

static void
test_syntax_is_text (Fixture       *f,
                     gconstpointer  data)
{
  const char *harmless[] = {
    "\"", "\"\"", "*", "**", "'", "(", ")", "()", ":", "^", "-", "+", "%", "\\", "{", "}",
    "AND", "OR", "NOT", "NEAR", "squat OR plank", "NOT squat", "NEAR(squat plank)",
    "title:squat", "{title}: squat", "squat:", "\"squat", "squat\"", "squat*", "-squat",
    "^squat", "squat AND", "AND squat", "'; DROP TABLE exercise; --", "\x01\x02",
    "🏋️ squat", "squat\tjump", "c++",
  };
  CoachSearchQuery q = COACH_SEARCH_QUERY_INIT;

  for (guint i = 0; i < G_N_ELEMENTS (harmless); i++)
    {
      g_autoptr(GPtrArray) hits = NULL;

      q.text = harmless[i];
      hits = run (f, &q);
    }

  /* operators are words, quotes and stars are ignored */
  assert_text_finds (f, "\"squat", "Goblet squat|Jump squat|Leg day|Squat|Squat camera 1|Wall sit");
  assert_text_finds (f, "squat*", "Goblet squat|Jump squat|Leg day|Squat|Squat camera 1|Wall sit");
  assert_text_finds (f, "-squat", "Goblet squat|Jump squat|Leg day|Squat|Squat camera 1|Wall sit");
  assert_text_finds (f, "squat -jump", "Jump squat");
  assert_text_finds (f, "squat AND", "Leg day");
  assert_text_finds (f, "NEAR(squat jump)", "");
  assert_text_finds (f, "c++", "C++ \"quoted\" drill|Jump squat|Squat camera 1");
  assert_text_finds (f, "\"quoted\"", "C++ \"quoted\" drill");
  assert_text_finds (f, "'; DROP TABLE exercise; --", "");
  g_assert_cmpint (test_count (f->base.catalog, "exercise"), ==, 10);
}

static void
test_filters_alone (Fixture       *f,
                    gconstpointer  data)
{
  CoachSearchQuery q = COACH_SEARCH_QUERY_INIT;

  q.difficulty = "hard";
  assert_found (f, &q, "Box jump|Jump squat");
  q = (CoachSearchQuery) COACH_SEARCH_QUERY_INIT;
  q.difficulty = "easy";
  assert_found (f, &q, "Box step-up|Rotation d'épaule|Squat");

  q = (CoachSearchQuery) COACH_SEARCH_QUERY_INIT;
  q.category_id = f->legs_id;
  assert_found (f, &q, "Goblet squat|Jump squat|Squat");
  q.category_id = f->plyo_id;
  assert_found (f, &q, "Box jump|Jump squat");

  q = (CoachSearchQuery) COACH_SEARCH_QUERY_INIT;
  q.muscle = "quadriceps";
  assert_found (f, &q, "Box step-up|Goblet squat|Jump squat|Squat|Wall sit");
  q.muscle = "épaule";
  assert_found (f, &q, "Rotation d'épaule");
  /* a muscle is a whole list entry, not a substring */
  q.muscle = "quad";
  assert_found (f, &q, "");

  q = (CoachSearchQuery) COACH_SEARCH_QUERY_INIT;
  q.equipment = "box";
  assert_found (f, &q, "Box jump|Box step-up");

  q = (CoachSearchQuery) COACH_SEARCH_QUERY_INIT;
  q.has_jump = 1;
  assert_found (f, &q, "Box jump|Jump squat");
  q.has_jump = 0;
  assert_found (f, &q, "Box step-up|C++ \"quoted\" drill|Goblet squat|Plank|Rotation d'épaule|Squat|Wall sit");

  /* status: clips and workouts */
  q = (CoachSearchQuery) COACH_SEARCH_QUERY_INIT;
  q.status = "ready";
  assert_found (f, &q, "Leg day|Squat camera 1");
  q.kinds = COACH_SEARCH_KIND_MASK (COACH_SEARCH_KIND_CLIP);
  assert_found (f, &q, "Squat camera 1");
  q.status = "pending";
  assert_found (f, &q, "Box jump landing");
  q = (CoachSearchQuery) COACH_SEARCH_QUERY_INIT;
  q.status = "draft";
  assert_found (f, &q, "Draft plan");
  /* asking for archived workouts by status finds them */
  q.status = "archived";
  assert_found (f, &q, "Old plan");
}

static void
test_filters_with_text (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  CoachSearchQuery q = COACH_SEARCH_QUERY_INIT;

  q.text = "squat";
  q.difficulty = "hard";
  assert_found (f, &q, "Jump squat");
  q.difficulty = "easy";
  assert_found (f, &q, "Squat");

  q = (CoachSearchQuery) COACH_SEARCH_QUERY_INIT;
  q.text = "squat";
  q.category_id = f->legs_id;
  assert_found (f, &q, "Goblet squat|Jump squat|Squat");
  q.text = "jump";
  q.category_id = f->plyo_id;
  assert_found (f, &q, "Box jump|Jump squat");

  q = (CoachSearchQuery) COACH_SEARCH_QUERY_INIT;
  q.text = "squat";
  q.has_jump = 0;
  assert_found (f, &q, "Goblet squat|Squat|Wall sit");
  q.has_jump = 1;
  assert_found (f, &q, "Jump squat");

  q = (CoachSearchQuery) COACH_SEARCH_QUERY_INIT;
  q.text = "box";
  q.equipment = "box";
  q.has_jump = 1;
  q.difficulty = "hard";
  assert_found (f, &q, "Box jump");

  q = (CoachSearchQuery) COACH_SEARCH_QUERY_INIT;
  q.text = "squat";
  q.muscle = "glutes";
  assert_found (f, &q, "Squat");

  q = (CoachSearchQuery) COACH_SEARCH_QUERY_INIT;
  q.text = "squat";
  q.status = "ready";
  assert_found (f, &q, "Leg day|Squat camera 1");
  q.status = "pending";
  assert_found (f, &q, "");

  /* unlinking takes an exercise out of the category */
  g_assert_true (coach_catalog_unlink (f->base.catalog, "exercise_category", f->jump_squat_id,
                                       f->legs_id, &error));
  g_assert_no_error (error);
  q = (CoachSearchQuery) COACH_SEARCH_QUERY_INIT;
  q.text = "squat";
  q.category_id = f->legs_id;
  assert_found (f, &q, "Goblet squat|Squat");
}

static void
test_archived (Fixture       *f,
               gconstpointer  data)
{
  CoachSearchQuery q = COACH_SEARCH_QUERY_INIT;

  q.text = "archived";
  assert_found (f, &q, "");
  q.include_archived = TRUE;
  assert_found (f, &q, "Archived squat|Ben Archived");

  q.text = "plan";
  q.include_archived = FALSE;
  assert_found (f, &q, "Draft plan|Plank");
  q.include_archived = TRUE;
  assert_found (f, &q, "Draft plan|Old plan|Plank");

  /* filters too */
  q = (CoachSearchQuery) COACH_SEARCH_QUERY_INIT;
  q.category_id = f->legs_id;
  q.include_archived = TRUE;
  assert_found (f, &q, "Archived squat|Goblet squat|Jump squat|Squat");
}

static void
test_kinds (Fixture       *f,
            gconstpointer  data)
{
  CoachSearchQuery q = COACH_SEARCH_QUERY_INIT;

  q.text = "squat";
  q.kinds = COACH_SEARCH_KIND_MASK (COACH_SEARCH_KIND_EXERCISE);
  assert_found (f, &q, "Goblet squat|Jump squat|Squat|Wall sit");
  q.kinds = COACH_SEARCH_KIND_MASK (COACH_SEARCH_KIND_CLIP);
  assert_found (f, &q, "Squat camera 1");
  q.kinds = COACH_SEARCH_KIND_MASK (COACH_SEARCH_KIND_WORKOUT) | COACH_SEARCH_KIND_MASK (COACH_SEARCH_KIND_ATHLETE);
  assert_found (f, &q, "Leg day");
  q.text = "knee";
  assert_found (f, &q, "Zoé Martin");
  q.kinds = COACH_SEARCH_ALL_KINDS;
  assert_found (f, &q, "Squat camera 1|Zoé Martin");

  /* exercise filters restrict any mask to exercises */
  q.text = NULL;
  q.kinds = 0;
  q.difficulty = "hard";
  {
    g_autoptr(GPtrArray) hits = run (f, &q);

    g_assert_cmpuint (hits->len, ==, 2);
    for (guint i = 0; i < hits->len; i++)
      g_assert_cmpint (((CoachSearchHit *) hits->pdata[i])->kind, ==, COACH_SEARCH_KIND_EXERCISE);
  }

  g_assert_cmpstr (coach_search_kind_to_table (COACH_SEARCH_KIND_EXERCISE), ==, "exercise");
  g_assert_cmpstr (coach_search_kind_to_table (COACH_SEARCH_KIND_CLIP), ==, "clip");
  g_assert_cmpstr (coach_search_kind_to_table (COACH_SEARCH_KIND_WORKOUT), ==, "workout");
  g_assert_cmpstr (coach_search_kind_to_table (COACH_SEARCH_KIND_ATHLETE), ==, "athlete");
}

static void
test_limit (Fixture       *f,
            gconstpointer  data)
{
  CoachSearchQuery q = COACH_SEARCH_QUERY_INIT;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = NULL;

  g_assert_true (coach_catalog_begin (f->base.catalog, &error));
  for (guint i = 0; i < 70; i++)
    {
      g_autofree char *name = g_strdup_printf ("Drill %02u", i);
      g_object_unref (test_save_exercise (f->base.catalog, name));
    }
  g_assert_true (coach_catalog_commit (f->base.catalog, &error));
  g_assert_no_error (error);

  q.text = "drill";
  q.limit = 5;
  hits = run (f, &q);
  g_assert_cmpuint (hits->len, ==, 5);
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* 0 means the default of 50 */
  q.limit = 0;
  hits = run (f, &q);
  g_assert_cmpuint (hits->len, ==, 50);
  g_clear_pointer (&hits, g_ptr_array_unref);

  q.limit = 200;
  hits = run (f, &q);
  g_assert_cmpuint (hits->len, ==, 71);
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* without text: the first ones by name */
  q.text = NULL;
  q.limit = 3;
  q.kinds = COACH_SEARCH_KIND_MASK (COACH_SEARCH_KIND_EXERCISE);
  hits = run (f, &q);
  {
    g_autofree char *titles = titles_of (hits);
    g_assert_cmpstr (titles, ==, "Box jump|Box step-up|C++ \"quoted\" drill");
  }
}

static void
test_clip_markers (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoachRecord) second = coach_record_new_for_table ("clip_marker", NULL);

  assert_text_finds (f, "valgus", "Squat camera 1");

  coach_record_set_string (second, "clip_id", coach_record_get_id (f->clip));
  coach_record_set_string (second, "text", "hip shift to the left");
  coach_record_set_int (second, "t_ms", 4000);
  g_assert_true (coach_catalog_save (f->base.catalog, second, &error));
  g_assert_no_error (error);
  assert_text_finds (f, "shift", "Squat camera 1");
  assert_text_finds (f, "valgus", "Squat camera 1");

  coach_record_set_string (f->marker, "text", "knees cave in");
  g_assert_true (coach_catalog_save (f->base.catalog, f->marker, &error));
  g_assert_no_error (error);
  assert_text_finds (f, "valgus", "");
  assert_text_finds (f, "cave", "Squat camera 1");

  g_assert_true (coach_catalog_delete (f->base.catalog, second, &error));
  g_assert_no_error (error);
  assert_text_finds (f, "shift", "");
  assert_text_finds (f, "cave", "Squat camera 1");

  /* editing the clip keeps its markers in the index */
  coach_record_set_string (f->clip, "notes", "front view");
  g_assert_true (coach_catalog_save (f->base.catalog, f->clip, &error));
  g_assert_no_error (error);
  assert_text_finds (f, "cave front", "Squat camera 1");

  g_assert_true (coach_catalog_delete (f->base.catalog, f->clip, &error));
  g_assert_no_error (error);
  assert_text_finds (f, "cave", "");
}

static void
test_deleted_never_found (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  CoachSearchQuery q = COACH_SEARCH_QUERY_INIT;

  assert_text_finds (f, "deleted", "");
  q.text = "deleted";
  q.include_archived = TRUE;
  assert_found (f, &q, "");

  q = (CoachSearchQuery) COACH_SEARCH_QUERY_INIT;
  q.equipment = "box";
  q.has_jump = 1;
  q.include_archived = TRUE;
  assert_found (f, &q, "Box jump");

  assert_text_finds (f, "plank", "Plank");
  g_assert_true (coach_catalog_delete (f->base.catalog, f->plank, &error));
  g_assert_no_error (error);
  assert_text_finds (f, "plank", "");
  q = (CoachSearchQuery) COACH_SEARCH_QUERY_INIT;
  q.kinds = COACH_SEARCH_KIND_MASK (COACH_SEARCH_KIND_EXERCISE);
  q.limit = 100;
  {
    g_autoptr(GPtrArray) hits = run (f, &q);
    g_autofree char *titles = sorted_titles (hits);

    g_assert_null (strstr (titles, "Plank"));
    g_assert_null (strstr (titles, "Deleted"));
  }
}

static void
test_edits_reindex (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char * const muscles[] = { "transverse abdominis", NULL };

  coach_record_set_string (f->plank, "name", "Hollow hold");
  g_assert_true (coach_catalog_save (f->base.catalog, f->plank, &error));
  g_assert_no_error (error);
  assert_text_finds (f, "plank", "");
  assert_text_finds (f, "hollow", "Hollow hold");

  coach_record_set_strv (f->plank, "muscles", muscles);
  coach_record_set_string (f->plank, "instructions", "Press the lower back into the floor");
  g_assert_true (coach_catalog_save (f->base.catalog, f->plank, &error));
  g_assert_no_error (error);
  assert_text_finds (f, "transverse", "Hollow hold");
  assert_text_finds (f, "lower back", "Hollow hold");

  /* archiving hides it, unarchiving brings it back */
  g_assert_true (coach_catalog_set_archived (f->base.catalog, f->plank, TRUE, &error));
  assert_text_finds (f, "hollow", "");
  g_assert_true (coach_catalog_set_archived (f->base.catalog, f->plank, FALSE, &error));
  g_assert_no_error (error);
  assert_text_finds (f, "hollow", "Hollow hold");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/catalog/search/build-match", test_build_match);
  g_test_add ("/catalog/search/prefix", Fixture, NULL, fixture_setup, test_prefix, fixture_teardown);
  g_test_add ("/catalog/search/ranking", Fixture, NULL, fixture_setup, test_ranking, fixture_teardown);
  g_test_add ("/catalog/search/multiple-words", Fixture, NULL, fixture_setup, test_multiple_words, fixture_teardown);
  g_test_add ("/catalog/search/diacritics", Fixture, NULL, fixture_setup, test_diacritics, fixture_teardown);
  g_test_add ("/catalog/search/syntax-is-text", Fixture, NULL, fixture_setup, test_syntax_is_text, fixture_teardown);
  g_test_add ("/catalog/search/filters-alone", Fixture, NULL, fixture_setup, test_filters_alone, fixture_teardown);
  g_test_add ("/catalog/search/filters-with-text", Fixture, NULL, fixture_setup, test_filters_with_text, fixture_teardown);
  g_test_add ("/catalog/search/archived", Fixture, NULL, fixture_setup, test_archived, fixture_teardown);
  g_test_add ("/catalog/search/kinds", Fixture, NULL, fixture_setup, test_kinds, fixture_teardown);
  g_test_add ("/catalog/search/limit", Fixture, NULL, fixture_setup, test_limit, fixture_teardown);
  g_test_add ("/catalog/search/clip-markers", Fixture, NULL, fixture_setup, test_clip_markers, fixture_teardown);
  g_test_add ("/catalog/search/deleted", Fixture, NULL, fixture_setup, test_deleted_never_found, fixture_teardown);
  g_test_add ("/catalog/search/edits-reindex", Fixture, NULL, fixture_setup, test_edits_reindex, fixture_teardown);

  return g_test_run ();
}
