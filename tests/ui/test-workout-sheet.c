/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 *
 * The printed workout sheet: what it says, and that it fits one PDF page
 * whatever the number of items (drawn on a cairo PDF surface, read back
 * with poppler-utils).
 */
#include "config.h"

#include <cairo-pdf.h>

#include "coach-workout-sheet.h"

#include "../unit/catalog-test-util.h"

static CoachRecord *
add_item (CoachCatalog *catalog,
          const char   *workout_id,
          const char   *exercise_id,
          const char   *position,
          const char   *kind)
{
  CoachRecord *item = test_save_item (catalog, workout_id, exercise_id, position);
  g_autoptr(GError) error = NULL;

  coach_record_set_string (item, "kind", kind);
  g_assert_true (coach_catalog_save (catalog, item, &error));
  g_assert_no_error (error);
  return item;
}

static CoachRecord *
make_workout (CoachCatalog *catalog,
              guint         n_extra)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoachRecord) squat = test_save_named (catalog, "exercise", "name", "Goblet Squat");
  g_autoptr(CoachRecord) plank = test_save_named (catalog, "exercise", "name", "Side Plank");
  g_autoptr(CoachRecord) row = test_save_named (catalog, "exercise", "name", "Bent-Over Row");
  CoachRecord *workout = test_save_named (catalog, "workout", "name", "Tuesday Strength");
  const char *wid = coach_record_get_id (workout);
  g_autoptr(CoachRecord) a = NULL;
  g_autoptr(CoachRecord) b = NULL;
  g_autoptr(CoachRecord) c = NULL;

  coach_record_set_int (workout, "work_s", 45);
  coach_record_set_int (workout, "rest_s", 15);
  coach_record_set_int (workout, "rounds", 2);
  coach_record_set_int (workout, "warmup_s", 300);
  coach_record_set_string (workout, "description", "Bring chalk.");
  g_assert_true (coach_catalog_save (catalog, workout, &error));
  g_assert_no_error (error);

  /* Positions are out of insertion order on purpose: the sheet follows them. */
  a = add_item (catalog, wid, coach_record_get_id (plank), "c", "timed");
  coach_record_set_int (a, "work_s", 30);
  coach_record_set_string (a, "notes", "Both sides");
  g_assert_true (coach_catalog_save (catalog, a, &error));
  b = add_item (catalog, wid, coach_record_get_id (squat), "a", "sets");
  coach_record_set_int (b, "sets", 3);
  coach_record_set_int (b, "reps", 10);
  coach_record_set_double (b, "load_kg", 16);
  coach_record_set_int (b, "rest_s", 60);
  g_assert_true (coach_catalog_save (catalog, b, &error));
  c = add_item (catalog, wid, coach_record_get_id (row), "b", "sets");
  coach_record_set_int (c, "sets", 4);
  coach_record_set_int (c, "reps", 8);
  g_assert_true (coach_catalog_save (catalog, c, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < n_extra; i++)
    {
      g_autofree char *position = g_strdup_printf ("d%04u", i);
      g_autoptr(CoachRecord) extra = add_item (catalog, wid, coach_record_get_id (plank), position, "timed");
    }
  return workout;
}

static void
test_sheet_content (CatalogFixture *f,
                    gconstpointer   data)
{
  g_autoptr(CoachRecord) workout = make_workout (f->catalog, 0);
  g_autoptr(CoachWorkoutSheet) sheet = NULL;
  g_autoptr(GError) error = NULL;
  const char *name, *detail, *notes;

  sheet = coach_workout_sheet_new (f->catalog, coach_record_get_id (workout), &error);
  g_assert_no_error (error);
  g_assert_nonnull (sheet);

  g_assert_cmpstr (coach_workout_sheet_get_title (sheet), ==, "Tuesday Strength");
  g_assert_true (g_str_has_prefix (coach_workout_sheet_get_summary (sheet), "Total "));
  g_assert_nonnull (strstr (coach_workout_sheet_get_summary (sheet), "3 exercises"));
  g_assert_cmpstr (coach_workout_sheet_get_config (sheet), ==,
                   "Work 45 s · Rest 15 s · 2 rounds · Warm-up 5 min");
  g_assert_cmpuint (coach_workout_sheet_get_n_items (sheet), ==, 3);

  coach_workout_sheet_get_item (sheet, 0, &name, &detail, &notes);
  g_assert_cmpstr (name, ==, "Goblet Squat");
  g_assert_cmpstr (detail, ==, "3 × 10 @ 16 kg, rest 60 s");
  g_assert_null (notes);
  coach_workout_sheet_get_item (sheet, 1, &name, &detail, &notes);
  g_assert_cmpstr (name, ==, "Bent-Over Row");
  g_assert_cmpstr (detail, ==, "4 × 8, rest 15 s");
  coach_workout_sheet_get_item (sheet, 2, &name, &detail, &notes);
  g_assert_cmpstr (name, ==, "Side Plank");
  g_assert_cmpstr (detail, ==, "30 s work, 15 s rest");
  g_assert_cmpstr (notes, ==, "Both sides");

  /* A workout that is gone is an error, not an empty sheet. */
  g_clear_object (&sheet);
  sheet = coach_workout_sheet_new (f->catalog, "00000000-0000-7000-8000-000000000000", &error);
  g_assert_null (sheet);
  g_assert_nonnull (error);
}

static char *
run_tool (const char * const *argv)
{
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_steal_pointer (&out);
}

/* Draws the sheet on an A4 PDF page the way a print job does and reads
 * the page count and the text back. */
static void
check_pdf (CatalogFixture *f,
           guint           n_extra)
{
  g_autoptr(CoachRecord) workout = make_workout (f->catalog, n_extra);
  g_autoptr(CoachWorkoutSheet) sheet = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "sheet.pdf", NULL);
  g_autofree char *info = NULL;
  g_autofree char *text = NULL;
  g_autofree char *tool = NULL;
  const char *squat, *row, *plank;
  cairo_surface_t *surface;
  cairo_t *cr;

  sheet = coach_workout_sheet_new (f->catalog, coach_record_get_id (workout), &error);
  g_assert_no_error (error);

  surface = cairo_pdf_surface_create (path, 595, 842);
  cr = cairo_create (surface);
  cairo_translate (cr, 36, 36);
  coach_workout_sheet_draw (sheet, cr, 595 - 72, 842 - 72);
  cairo_show_page (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);

  /* .ci/deps installs poppler-utils: a missing tool is a broken setup. */
  tool = g_find_program_in_path ("pdftotext");
  g_assert_nonnull (tool);
  info = run_tool ((const char * const[]) { "pdfinfo", path, NULL });
  g_assert_true (g_regex_match_simple ("^Pages: +1$", info, G_REGEX_MULTILINE, 0));

  text = run_tool ((const char * const[]) { "pdftotext", "-layout", path, "-", NULL });
  g_assert_nonnull (strstr (text, "Tuesday Strength"));
  g_assert_nonnull (strstr (text, "Bring chalk."));
  squat = strstr (text, "Goblet Squat");
  row = strstr (text, "Bent-Over Row");
  plank = strstr (text, "Side Plank");
  g_assert_nonnull (squat);
  g_assert_true (squat < row && row < plank);
  g_assert_nonnull (strstr (text, "16 kg"));
}

static void
test_sheet_pdf (CatalogFixture *f,
                gconstpointer   data)
{
  check_pdf (f, 0);
}

/* Eighty items still make one page: the text shrinks. */
static void
test_sheet_pdf_long (CatalogFixture *f,
                     gconstpointer   data)
{
  check_pdf (f, 80);
}

/* A session's sheet: its title first, when and where, who comes, its
 * notes, then the workout; on one page. */
static void
test_session_sheet (CatalogFixture *f,
                    gconstpointer   data)
{
  g_autoptr(CoachRecord) workout = make_workout (f->catalog, 0);
  g_autoptr(CoachRecord) session = coach_record_new_for_table ("session", NULL);
  g_autoptr(CoachRecord) ana = test_save_named (f->catalog, "athlete", "name", "Ana Lopez");
  g_autoptr(CoachRecord) ben = test_save_named (f->catalog, "athlete", "name", "Ben Okafor");
  g_autoptr(CoachRecord) group = test_save_named (f->catalog, "athlete_group", "name", "U17");
  g_autoptr(CoachWorkoutSheet) sheet = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "session.pdf", NULL);
  g_autofree char *info = NULL;
  g_autofree char *text = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;

  coach_record_set_string (session, "title", "U17 Strength");
  coach_record_set_string (session, "workout_id", coach_record_get_id (workout));
  coach_record_set_string (session, "starts_at", "2026-11-24T18:30:00+01:00");
  coach_record_set_string (session, "location", "North Stadium");
  coach_record_set_string (session, "notes", "Meet at the south gate.");
  g_assert_true (coach_catalog_save (f->catalog, session, &error));
  g_assert_no_error (error);
  test_link (f->catalog, "session_athlete", coach_record_get_id (session), coach_record_get_id (ana));
  test_link (f->catalog, "session_group", coach_record_get_id (session), coach_record_get_id (group));
  test_link (f->catalog, "group_member", coach_record_get_id (group), coach_record_get_id (ben));

  sheet = coach_workout_sheet_new_for_session (f->catalog, coach_record_get_id (session), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (coach_workout_sheet_get_title (sheet), ==, "U17 Strength");
  g_assert_true (g_str_has_prefix (coach_workout_sheet_get_summary (sheet), "Tuesday Strength · Total "));
  g_assert_cmpuint (coach_workout_sheet_get_n_items (sheet), ==, 3);

  surface = cairo_pdf_surface_create (path, 595, 842);
  cr = cairo_create (surface);
  cairo_translate (cr, 36, 36);
  coach_workout_sheet_draw (sheet, cr, 595 - 72, 842 - 72);
  cairo_show_page (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);

  info = run_tool ((const char * const[]) { "pdfinfo", path, NULL });
  g_assert_true (g_regex_match_simple ("^Pages: +1$", info, G_REGEX_MULTILINE, 0));
  text = run_tool ((const char * const[]) { "pdftotext", "-layout", path, "-", NULL });
  g_assert_nonnull (strstr (text, "U17 Strength"));
  g_assert_nonnull (strstr (text, "North Stadium"));
  g_assert_nonnull (strstr (text, "Ana Lopez, Ben Okafor"));
  g_assert_nonnull (strstr (text, "Meet at the south gate."));
  g_assert_nonnull (strstr (text, "Bring chalk."));
  g_assert_true (strstr (text, "Goblet Squat") < strstr (text, "Side Plank"));

  /* without a workout the sheet still says when, where and who */
  g_clear_object (&sheet);
  coach_record_set_string (session, "workout_id", NULL);
  g_assert_true (coach_catalog_save (f->catalog, session, &error));
  sheet = coach_workout_sheet_new_for_session (f->catalog, coach_record_get_id (session), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (coach_workout_sheet_get_n_items (sheet), ==, 0);
  g_assert_cmpstr (coach_workout_sheet_get_summary (sheet), ==, "No workout chosen");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/workout-sheet/content", CatalogFixture, NULL,
              catalog_fixture_setup, test_sheet_content, catalog_fixture_teardown);
  g_test_add ("/workout-sheet/pdf", CatalogFixture, NULL,
              catalog_fixture_setup, test_sheet_pdf, catalog_fixture_teardown);
  g_test_add ("/workout-sheet/pdf-long", CatalogFixture, NULL,
              catalog_fixture_setup, test_sheet_pdf_long, catalog_fixture_teardown);
  g_test_add ("/workout-sheet/session", CatalogFixture, NULL,
              catalog_fixture_setup, test_session_sheet, catalog_fixture_teardown);

  return g_test_run ();
}
