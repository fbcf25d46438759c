/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 *
 * The window makes its pages when they are first shown: it opens on the
 * page the coach left it on (GSettings "last-page") without making the
 * others, and every way to a page (the page action behind the sidebar and
 * Alt+1…5, a result of the global search) makes it first and shows what
 * was asked for. The real app, in-process, on a private X server (see
 * run-with-display.sh).
 */
#include "config.h"

#include "coach-application.h"
#include "coach-composer.h"
#include "coach-exercise-list.h"
#include "coach-query-model.h"
#include "coach-search-dialog.h"
#include "coach-workout-editor.h"

#define SCHEMA_ID "io.github.coachbook.Coachbook"
/* Generous: a loaded machine shares two cores between many builds. */
#define WAIT_US (60 * G_USEC_PER_SEC)
/* More workouts than the list's first frame shows (see CoachFirstRows). */
#define N_WORKOUTS 80

static const char * const page_names[] = { "exercises", "clips", "workouts", "sessions", "athletes" };

typedef struct
{
  char      *data_dir;
  char      *workout_id;
  char      *exercise_id;   /* the last exercise of the list */
  GSettings *settings;
  gboolean   checked;
} Fixture;

typedef gboolean (*WidgetMatch) (GtkWidget *widget,
                                 gpointer   data);

/* ------------------------------------------------------------------------- */

static GtkWidget *
find_widget (GtkWidget   *widget,
             WidgetMatch  match,
             gpointer     data)
{
  if (match (widget, data))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, match, data);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
is_page_stack (GtkWidget *widget,
               gpointer   data)
{
  if (!GTK_IS_STACK (widget))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (page_names); i++)
    if (gtk_stack_get_child_by_name (GTK_STACK (widget), page_names[i]) != NULL)
      return TRUE;
  return FALSE;
}

static gboolean
is_mapped_type (GtkWidget *widget,
                gpointer   data)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (data)) && gtk_widget_get_mapped (widget);
}

static gboolean
is_mapped_title (GtkWidget *widget,
                 gpointer   data)
{
  return ADW_IS_WINDOW_TITLE (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (adw_window_title_get_title (ADW_WINDOW_TITLE (widget)), data) == 0;
}

typedef gboolean (*Condition) (gpointer data);

static void
wait_for (const char *what,
          Condition   condition,
          gpointer    data)
{
  gint64 end = g_get_monotonic_time () + WAIT_US;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > end)
        g_error ("Timed out waiting for %s", what);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static gboolean
widget_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

static CoachSearchDialog *
find_search_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (COACH_IS_SEARCH_DIALOG (window))
        return COACH_SEARCH_DIALOG (window);
    }
  return NULL;
}

static gboolean
is_list_view (GtkWidget *widget,
              gpointer   data)
{
  return GTK_IS_LIST_VIEW (widget);
}

/* The rows the list view of the page shown has. */
static gboolean
list_has_all_rows (gpointer data)
{
  GtkStack *stack = GTK_STACK (find_widget (data, is_page_stack, NULL));
  GtkWidget *view = find_widget (gtk_stack_get_visible_child (stack), is_list_view, NULL);
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (view)));

  return model != NULL && g_list_model_get_n_items (model) == N_WORKOUTS + 1;
}

static gboolean
search_dialog_shown (gpointer data)
{
  return find_search_dialog () != NULL;
}

/* What the global search does with a result the coach picks. */
static void
activate_search_result (GtkWindow  *window,
                        const char *table,
                        const char *id)
{
  CoachSearchDialog *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL));
  wait_for ("the search window", search_dialog_shown, NULL);
  dialog = find_search_dialog ();
  g_signal_emit_by_name (dialog, "result-activated", table, id);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
assert_page_shown (GtkWindow  *window,
                   const char *name,
                   const char *title)
{
  GtkStack *stack = GTK_STACK (find_widget (GTK_WIDGET (window), is_page_stack, NULL));

  g_assert_nonnull (stack);
  wait_for ("the page", widget_mapped, gtk_stack_get_child_by_name (stack, name));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, name);
  /* The header follows the page shown. */
  g_assert_nonnull (find_widget (GTK_WIDGET (window), is_mapped_title, (gpointer) title));
}

static guint
count_pages (GtkWindow *window)
{
  GtkStack *stack = GTK_STACK (find_widget (GTK_WIDGET (window), is_page_stack, NULL));
  guint n = 0;

  for (guint i = 0; i < G_N_ELEMENTS (page_names); i++)
    n += gtk_stack_get_child_by_name (stack, page_names[i]) != NULL;
  return n;
}

/* ------------------------------------------------------------------------- */

static gboolean
check_window_cb (gpointer user_data)
{
  Fixture *fixture = user_data;
  GApplication *app = g_application_get_default ();
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  GtkWidget *widget;
  CoachRecord *record;
  g_autofree char *last_page = NULL;

  g_assert_nonnull (window);
  wait_for ("the window", widget_mapped, window);

  /* The page the coach left the app on, and no other; its list gets the
   * rest of its rows once the first frame is out. */
  assert_page_shown (window, "workouts", "Workouts");
  g_assert_cmpuint (count_pages (window), ==, 1);
  wait_for ("every workout in the list", list_has_all_rows, window);

  /* An exercise found by the search: its page is made, and the exercise
   * selected although it is further down the list than a window shows at
   * first. */
  activate_search_result (window, "exercise", fixture->exercise_id);
  assert_page_shown (window, "exercises", "Exercises");
  g_assert_cmpuint (count_pages (window), ==, 2);
  widget = find_widget (GTK_WIDGET (window), is_mapped_type, GSIZE_TO_POINTER (COACH_TYPE_EXERCISE_LIST));
  g_assert_nonnull (widget);
  record = coach_exercise_list_get_selected_exercise (COACH_EXERCISE_LIST (widget));
  g_assert_nonnull (record);
  g_assert_cmpstr (coach_record_get_id (record), ==, fixture->exercise_id);

  /* A workout found by the search: selected, and its composer (made on
   * first use) shows it. */
  activate_search_result (window, "workout", fixture->workout_id);
  assert_page_shown (window, "workouts", "Workouts");
  g_assert_cmpuint (count_pages (window), ==, 2);
  widget = find_widget (GTK_WIDGET (window), is_mapped_type, GSIZE_TO_POINTER (COACH_TYPE_WORKOUT_EDITOR));
  g_assert_nonnull (widget);
  record = coach_workout_editor_get_workout (COACH_WORKOUT_EDITOR (widget));
  g_assert_nonnull (record);
  g_assert_cmpstr (coach_record_get_id (record), ==, fixture->workout_id);

  /* The page action (sidebar, Alt+5), remembered for the next start. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.page", "s", "athletes"));
  assert_page_shown (window, "athletes", "Athletes");
  g_assert_cmpuint (count_pages (window), ==, 3);
  last_page = g_settings_get_string (fixture->settings, "last-page");
  g_assert_cmpstr (last_page, ==, "athletes");

  fixture->checked = TRUE;
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  return G_SOURCE_REMOVE;
}

static void
activated_cb (GApplication *app,
              Fixture      *fixture)
{
  g_idle_add (check_window_cb, fixture);
}

/* ------------------------------------------------------------------------- */

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoachCatalog) catalog = NULL;
  g_autoptr(CoachQueryModel) exercises = NULL;
  g_autoptr(CoachWorkout) workout = coach_workout_new ();
  g_autoptr(CoachRecord) last = NULL;
  guint n;

  fixture->data_dir = g_dir_make_tmp ("coachbook-pages-XXXXXX", &error);
  g_assert_no_error (error);

  catalog = coach_catalog_open (fixture->data_dir, &error);
  g_assert_no_error (error);
  g_assert_true (coach_catalog_ensure_starter_library (catalog, &error));
  g_assert_no_error (error);

  /* Sorted last by name, below what a window shows. */
  coach_record_set_string (COACH_RECORD (workout), "name", "Zone Two Found by Search");
  g_assert_true (coach_catalog_save_workout (catalog, workout, &error));
  g_assert_no_error (error);
  fixture->workout_id = g_strdup (coach_record_get_id (COACH_RECORD (workout)));
  for (guint i = 0; i < N_WORKOUTS; i++)
    {
      g_autoptr(CoachWorkout) other = coach_workout_new ();
      g_autofree char *name = g_strdup_printf ("Conditioning %02u", i);

      coach_record_set_string (COACH_RECORD (other), "name", name);
      g_assert_true (coach_catalog_save_workout (catalog, other, &error));
      g_assert_no_error (error);
    }

  exercises = coach_query_model_new (catalog, "exercise");
  g_assert_true (coach_query_model_reload (exercises, &error));
  g_assert_no_error (error);
  n = g_list_model_get_n_items (G_LIST_MODEL (exercises));
  /* More than the list's first frame shows. */
  g_assert_cmpuint (n, >, 100);
  last = g_list_model_get_item (G_LIST_MODEL (exercises), n - 1);
  fixture->exercise_id = g_strdup (coach_record_get_id (last));

  fixture->settings = g_settings_new (SCHEMA_ID);
  g_settings_set_string (fixture->settings, "last-page", "workouts");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  /* The catalog folder is left in run-with-display.sh's TMPDIR, which goes
   * with it. */
  g_clear_object (&fixture->settings);
  g_free (fixture->exercise_id);
  g_free (fixture->workout_id);
  g_free (fixture->data_dir);
}

static void
test_pages_made_when_shown (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(CoachApplication) app = coach_application_new ();
  char *argv[] = { (char *) "coachbook", (char *) "--data-dir", fixture->data_dir, NULL };

  g_signal_connect_after (app, "activate", G_CALLBACK (activated_cb), fixture);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 3, argv), ==, 0);
  g_assert_true (fixture->checked);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/window/pages-made-when-shown", Fixture, NULL,
              fixture_set_up, test_pages_made_when_shown, fixture_tear_down);
  return g_test_run ();
}
