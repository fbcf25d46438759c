/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coach-exercise-list"

#include "config.h"

#include <glib/gi18n.h>

#include "coach-exercise-filter.h"
#include "coach-exercise-format.h"
#include "coach-exercise-list.h"
#include "coach-exercise-row.h"
#include "coach-first-rows.h"
#include "coach-query-model.h"
#include "coach-search-results.h"

/* Enough to show every title match of a real search; the count in the
 * header then stays truthful. */
#define SEARCH_LIMIT 500
/* A filter without text lists every exercise it keeps, by name. */
#define FILTER_LIMIT 10000
/* Rows in the list's first frame: more than a tall window shows. */
#define FIRST_ROWS 50

/* The difficulty drop-down's items, in order; "" is any. */
static const char * const difficulties[] = { "", "easy", "medium", "hard" };

struct _CoachExerciseList
{
  AdwBin              parent_instance;

  CoachCatalog       *catalog;
  CoachQueryModel    *all_exercises;
  CoachFirstRows     *all_rows;       /* what the view shows of it */
  GListStore         *search_results;
  char               *search_text;
  CoachExerciseFilter filter;
  /* The values behind the facet drop-downs' items (after "Any"). */
  GStrv               facet_values[3];
  char               *summary;
  CoachRecord        *selected;
  gulong              catalog_changed_id;
  /* Set while the list is swapped or refilled, so a selection that only
   * moves is not reported as the coach picking something. */
  guint               updating;

  GtkSearchEntry     *search_entry;
  GtkMenuButton      *filter_button;
  GtkDropDown        *difficulty_dropdown;
  GtkDropDown        *category_dropdown;
  GtkDropDown        *muscle_dropdown;
  GtkDropDown        *equipment_dropdown;
  GtkDropDown        *jump_dropdown;
  GtkStringList      *category_list;
  GtkStringList      *muscle_list;
  GtkStringList      *equipment_list;
  GtkWidget          *clear_filters_button;
  GtkStack           *stack;
  GtkListView        *list_view;
  GtkSingleSelection *selection;
  AdwStatusPage      *empty_page;
};

G_DEFINE_FINAL_TYPE (CoachExerciseList, coach_exercise_list, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CATALOG,
  PROP_SELECTED_EXERCISE,
  PROP_SUMMARY,
  PROP_SEARCH_TEXT,
  N_PROPS
};

enum {
  EXERCISE_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* ------------------------------------------------------------------------- */

static gboolean
has_text (CoachExerciseList *self)
{
  return self->search_text != NULL && self->search_text[0] != '\0';
}

/* Showing a snapshot of search results rather than the live table. */
static gboolean
is_searching (CoachExerciseList *self)
{
  return has_text (self) || coach_exercise_filter_is_active (&self->filter);
}

static GtkDropDown *
facet_dropdown (CoachExerciseList  *self,
                CoachExerciseFacet  facet)
{
  GtkDropDown *dropdowns[] = { self->category_dropdown, self->muscle_dropdown, self->equipment_dropdown };

  return dropdowns[facet];
}

static GtkStringList *
facet_list (CoachExerciseList  *self,
            CoachExerciseFacet  facet)
{
  GtkStringList *lists[] = { self->category_list, self->muscle_list, self->equipment_list };

  return lists[facet];
}

/* Fills the facet drop-downs from the catalog, keeping what is chosen. */
static void
coach_exercise_list_load_facets (CoachExerciseList *self)
{
  static const char * const any[] = {
    N_("Any Category"), N_("Any Muscle"), N_("Any Equipment"),
  };

  self->updating++;
  for (CoachExerciseFacet facet = COACH_EXERCISE_FACET_CATEGORY; facet <= COACH_EXERCISE_FACET_EQUIPMENT; facet++)
    {
      GtkStringList *list = facet_list (self, facet);
      const char *chosen = coach_exercise_filter_get_facet (&self->filter, facet);
      g_auto(GStrv) values = NULL;
      g_auto(GStrv) labels = NULL;
      g_autoptr(GError) error = NULL;
      guint selected = 0;
      guint n_old = g_list_model_get_n_items (G_LIST_MODEL (list));

      if (self->catalog == NULL ||
          !coach_catalog_list_exercise_facet (self->catalog, facet, &values, &labels, &error))
        {
          if (error != NULL)
            g_warning ("Cannot list the exercise filters: %s", error->message);
          values = g_new0 (char *, 1);
          labels = g_new0 (char *, 1);
        }

      gtk_string_list_splice (list, 0, n_old, NULL);
      gtk_string_list_append (list, _(any[facet]));
      for (guint i = 0; labels[i] != NULL; i++)
        {
          gtk_string_list_append (list, labels[i]);
          if (g_strcmp0 (values[i], chosen) == 0)
            selected = i + 1;
        }
      gtk_drop_down_set_selected (facet_dropdown (self, facet), selected);
      g_strfreev (self->facet_values[facet]);
      self->facet_values[facet] = g_steal_pointer (&values);
    }
  self->updating--;
}

static void
coach_exercise_list_update_filter_button (CoachExerciseList *self)
{
  guint n = coach_exercise_filter_count_active (&self->filter);
  g_autofree char *label = NULL;

  if (n == 0)
    label = g_strdup (_("Filters"));
  else
    /* Translators: the filter button with the number of filters in use */
    label = g_strdup_printf (_("Filters (%u)"), n);
  gtk_menu_button_set_label (self->filter_button, label);
  gtk_widget_set_sensitive (self->clear_filters_button, n > 0);
}

/* Position of the record with @id, or GTK_INVALID_LIST_POSITION. Walks the
 * model; the query model has no lookup by id yet. */
static guint
find_position (GListModel *model,
               const char *id)
{
  guint n;

  if (model == NULL || id == NULL)
    return GTK_INVALID_LIST_POSITION;

  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CoachRecord) record = g_list_model_get_item (model, i);

      if (record != NULL && g_strcmp0 (coach_record_get_id (record), id) == 0)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

static void
coach_exercise_list_update_selected (CoachExerciseList *self)
{
  CoachRecord *selected = gtk_single_selection_get_selected_item (self->selection);

  if (g_set_object (&self->selected, selected))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_EXERCISE]);
}

static void
coach_exercise_list_update_state (CoachExerciseList *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->selection));
  g_autofree char *summary = NULL;

  /* The count is the catalog's even before every row is shown. */
  if (n > 0 && !is_searching (self) && self->all_exercises != NULL)
    n = g_list_model_get_n_items (G_LIST_MODEL (self->all_exercises));

  if (n > 0)
    gtk_stack_set_visible_child_name (self->stack, "list");
  else if (!has_text (self) && is_searching (self))
    {
      adw_status_page_set_icon_name (self->empty_page, "edit-find-symbolic");
      adw_status_page_set_title (self->empty_page, _("No Results Found"));
      adw_status_page_set_description (self->empty_page, _("No exercises match the filters"));
      gtk_stack_set_visible_child_name (self->stack, "empty");
    }
  else if (is_searching (self))
    {
      /* The description is markup. */
      g_autofree char *escaped = g_markup_escape_text (self->search_text, -1);
      g_autofree char *description =
        /* Translators: %s is what the coach searched for */
        g_strdup_printf (_("No exercises match “%s”"), escaped);

      adw_status_page_set_icon_name (self->empty_page, "edit-find-symbolic");
      adw_status_page_set_title (self->empty_page, _("No Results Found"));
      adw_status_page_set_description (self->empty_page, description);
      gtk_stack_set_visible_child_name (self->stack, "empty");
    }
  else
    {
      adw_status_page_set_icon_name (self->empty_page, "view-list-symbolic");
      adw_status_page_set_title (self->empty_page, _("No Exercises"));
      adw_status_page_set_description (self->empty_page, _("Exercises you add or import appear here"));
      gtk_stack_set_visible_child_name (self->stack, "empty");
    }

  summary = coach_exercise_format_summary (n, self->search_text);
  if (g_strcmp0 (summary, self->summary) != 0)
    {
      g_free (self->summary);
      self->summary = g_steal_pointer (&summary);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUMMARY]);
    }
}

/* Selects the exercise with @id if the list has it and shows it; otherwise
 * shows the top of the list, where the best matches are. */
static void
coach_exercise_list_select_id (CoachExerciseList *self,
                               const char        *id)
{
  GListModel *model = gtk_single_selection_get_model (self->selection);
  guint position;

  if (id != NULL && self->all_rows != NULL)
    coach_first_rows_show_all (self->all_rows);
  position = find_position (model, id);

  gtk_single_selection_set_selected (self->selection, position);
  if (position == GTK_INVALID_LIST_POSITION)
    position = 0;
  if (model != NULL && position < g_list_model_get_n_items (model))
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
}

static void
coach_exercise_list_run_search (CoachExerciseList *self)
{
  CoachSearchQuery query = COACH_SEARCH_QUERY_INIT;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;

  query.text = self->search_text;
  query.kinds = COACH_SEARCH_KIND_MASK (COACH_SEARCH_KIND_EXERCISE);
  query.limit = has_text (self) ? SEARCH_LIMIT : FILTER_LIMIT;
  coach_exercise_filter_apply (&self->filter, &query);

  records = coach_search_results_load (self->catalog, &query, &error);
  if (records == NULL)
    {
      g_warning ("Cannot search exercises: %s", error->message);
      records = g_ptr_array_new ();
    }

  g_list_store_splice (self->search_results, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->search_results)),
                       records->pdata, records->len);
}

/* Shows the full list or the search results for the current text, keeping
 * the selected exercise selected when it is still in the list. */
static void
coach_exercise_list_refresh (CoachExerciseList *self)
{
  g_autofree char *selected_id = NULL;
  GListModel *model = NULL;

  if (self->catalog == NULL)
    return;

  if (self->selected != NULL)
    selected_id = g_strdup (coach_record_get_id (self->selected));

  self->updating++;

  if (is_searching (self))
    {
      coach_exercise_list_run_search (self);
      model = G_LIST_MODEL (self->search_results);
    }
  else
    model = coach_first_rows_get_model (self->all_rows);

  if (gtk_single_selection_get_model (self->selection) != model)
    gtk_single_selection_set_model (self->selection, model);
  coach_exercise_list_select_id (self, selected_id);

  self->updating--;

  coach_exercise_list_update_selected (self);
  coach_exercise_list_update_state (self);
}

/* ------------------------------------------------------------------------- */

static void
catalog_changed_cb (CoachExerciseList *self,
                    const char        *table,
                    CoachCatalog      *catalog)
{
  /* The full list follows the catalog by itself; results are a snapshot. */
  if (is_searching (self))
    coach_exercise_list_refresh (self);
}

static void
search_changed_cb (CoachExerciseList *self,
                   GtkSearchEntry    *entry)
{
  coach_exercise_list_set_search_text (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
filter_changed_cb (CoachExerciseList *self)
{
  g_auto(CoachExerciseFilter) filter = COACH_EXERCISE_FILTER_INIT;
  guint difficulty = gtk_drop_down_get_selected (self->difficulty_dropdown);
  guint jump = gtk_drop_down_get_selected (self->jump_dropdown);

  if (self->updating > 0)
    return;

  coach_exercise_filter_set_difficulty (&filter, difficulty < G_N_ELEMENTS (difficulties) ? difficulties[difficulty] : NULL);
  for (CoachExerciseFacet facet = COACH_EXERCISE_FACET_CATEGORY; facet <= COACH_EXERCISE_FACET_EQUIPMENT; facet++)
    {
      guint selected = gtk_drop_down_get_selected (facet_dropdown (self, facet));
      GStrv values = self->facet_values[facet];

      if (selected != GTK_INVALID_LIST_POSITION && selected > 0 &&
          values != NULL && selected <= g_strv_length (values))
        coach_exercise_filter_set_facet (&filter, facet, values[selected - 1]);
    }
  filter.has_jump = jump == 1 ? 0 : jump == 2 ? 1 : -1;

  if (coach_exercise_filter_equal (&filter, &self->filter))
    return;
  coach_exercise_filter_clear (&self->filter);
  self->filter = filter;
  filter = (CoachExerciseFilter) COACH_EXERCISE_FILTER_INIT;
  coach_exercise_list_update_filter_button (self);
  coach_exercise_list_refresh (self);
}

static void
filter_popover_shown_cb (CoachExerciseList *self,
                         GtkPopover        *popover)
{
  coach_exercise_list_load_facets (self);
}

static void
clear_filters_clicked_cb (CoachExerciseList *self,
                          GtkButton         *button)
{
  coach_exercise_list_clear_filters (self);
}

static void
stop_search_cb (CoachExerciseList *self,
                GtkSearchEntry    *entry)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

/* Escape clears the search wherever the focus is in the list: typing into
 * the list starts a search without moving the focus to the entry. */
static gboolean
escape_pressed_cb (GtkWidget *widget,
                   GVariant  *args,
                   gpointer   user_data)
{
  CoachExerciseList *self = COACH_EXERCISE_LIST (widget);

  if (!is_searching (self))
    return FALSE;
  coach_exercise_list_set_search_text (self, "");
  return TRUE;
}

static void
search_activated_cb (CoachExerciseList *self,
                     GtkSearchEntry    *entry)
{
  CoachRecord *first;

  /* Enter picks the best match. */
  if (g_list_model_get_n_items (G_LIST_MODEL (self->selection)) == 0)
    return;

  gtk_single_selection_set_selected (self->selection, 0);
  first = gtk_single_selection_get_selected_item (self->selection);
  if (first != NULL)
    g_signal_emit (self, signals[EXERCISE_ACTIVATED], 0, first);
}

static void
selected_item_changed_cb (CoachExerciseList  *self,
                          GParamSpec         *pspec,
                          GtkSingleSelection *selection)
{
  if (self->updating > 0)
    return;

  coach_exercise_list_update_selected (self);
  if (self->selected != NULL)
    g_signal_emit (self, signals[EXERCISE_ACTIVATED], 0, self->selected);
}

static void
items_changed_cb (CoachExerciseList *self,
                  guint              position,
                  guint              removed,
                  guint              added,
                  GListModel        *model)
{
  if (self->updating > 0)
    return;

  coach_exercise_list_update_selected (self);
  coach_exercise_list_update_state (self);
}

static void
list_activated_cb (CoachExerciseList *self,
                   guint              position,
                   GtkListView       *list_view)
{
  g_autoptr(CoachRecord) record = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  if (record != NULL)
    g_signal_emit (self, signals[EXERCISE_ACTIVATED], 0, record);
}

/* ------------------------------------------------------------------------- */

static void
coach_exercise_list_dispose (GObject *object)
{
  CoachExerciseList *self = COACH_EXERCISE_LIST (object);

  if (self->catalog != NULL)
    g_clear_signal_handler (&self->catalog_changed_id, self->catalog);

  /* AdwBin lets go of its child first: the template would otherwise
   * unparent it behind AdwBin's back. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), COACH_TYPE_EXERCISE_LIST);

  g_clear_object (&self->selected);
  g_clear_object (&self->all_rows);
  g_clear_object (&self->all_exercises);
  g_clear_object (&self->search_results);
  g_clear_object (&self->catalog);

  G_OBJECT_CLASS (coach_exercise_list_parent_class)->dispose (object);
}

static void
coach_exercise_list_finalize (GObject *object)
{
  CoachExerciseList *self = COACH_EXERCISE_LIST (object);

  g_free (self->search_text);
  g_free (self->summary);
  coach_exercise_filter_clear (&self->filter);
  for (guint i = 0; i < G_N_ELEMENTS (self->facet_values); i++)
    g_strfreev (self->facet_values[i]);

  G_OBJECT_CLASS (coach_exercise_list_parent_class)->finalize (object);
}

static void
coach_exercise_list_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  CoachExerciseList *self = COACH_EXERCISE_LIST (object);

  switch (prop_id)
    {
    case PROP_CATALOG:
      g_value_set_object (value, self->catalog);
      break;
    case PROP_SELECTED_EXERCISE:
      g_value_set_object (value, self->selected);
      break;
    case PROP_SUMMARY:
      g_value_set_string (value, self->summary);
      break;
    case PROP_SEARCH_TEXT:
      g_value_set_string (value, coach_exercise_list_get_search_text (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
coach_exercise_list_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  CoachExerciseList *self = COACH_EXERCISE_LIST (object);

  switch (prop_id)
    {
    case PROP_CATALOG:
      coach_exercise_list_set_catalog (self, g_value_get_object (value));
      break;
    case PROP_SEARCH_TEXT:
      coach_exercise_list_set_search_text (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
coach_exercise_list_class_init (CoachExerciseListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = coach_exercise_list_dispose;
  object_class->finalize = coach_exercise_list_finalize;
  object_class->get_property = coach_exercise_list_get_property;
  object_class->set_property = coach_exercise_list_set_property;

  properties[PROP_CATALOG] =
    g_param_spec_object ("catalog", NULL, NULL,
                         COACH_TYPE_CATALOG,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED_EXERCISE] =
    g_param_spec_object ("selected-exercise", NULL, NULL,
                         COACH_TYPE_RECORD,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUMMARY] =
    g_param_spec_string ("summary", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SEARCH_TEXT] =
    g_param_spec_string ("search-text", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CoachExerciseList::exercise-activated:
   * @exercise: the exercise
   *
   * The coach picked @exercise: clicked it, moved to it or pressed Enter in
   * the search. A narrow window then shows its details.
   */
  signals[EXERCISE_ACTIVATED] =
    g_signal_new ("exercise-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, COACH_TYPE_RECORD);

  g_type_ensure (COACH_TYPE_EXERCISE_ROW);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/coachbook/Coachbook/exercises/coach-exercise-list.ui");
  gtk_widget_class_bind_template_child (widget_class, CoachExerciseList, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CoachExerciseList, stack);
  gtk_widget_class_bind_template_child (widget_class, CoachExerciseList, filter_button);
  gtk_widget_class_bind_template_child (widget_class, CoachExerciseList, difficulty_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CoachExerciseList, category_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CoachExerciseList, muscle_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CoachExerciseList, equipment_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CoachExerciseList, jump_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CoachExerciseList, category_list);
  gtk_widget_class_bind_template_child (widget_class, CoachExerciseList, muscle_list);
  gtk_widget_class_bind_template_child (widget_class, CoachExerciseList, equipment_list);
  gtk_widget_class_bind_template_child (widget_class, CoachExerciseList, clear_filters_button);
  gtk_widget_class_bind_template_child (widget_class, CoachExerciseList, list_view);
  gtk_widget_class_bind_template_child (widget_class, CoachExerciseList, selection);
  gtk_widget_class_bind_template_child (widget_class, CoachExerciseList, empty_page);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_popover_shown_cb);
  gtk_widget_class_bind_template_callback (widget_class, clear_filters_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, selected_item_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, items_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_activated_cb);

  gtk_widget_class_add_binding (widget_class, GDK_KEY_Escape, 0, escape_pressed_cb, NULL);
}

static void
coach_exercise_list_init (CoachExerciseList *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->filter = (CoachExerciseFilter) COACH_EXERCISE_FILTER_INIT;
  self->search_results = g_list_store_new (COACH_TYPE_RECORD);
  coach_exercise_list_load_facets (self);
  coach_exercise_list_update_filter_button (self);
  coach_exercise_list_update_state (self);
}

/* ------------------------------------------------------------------------- */

GtkWidget *
coach_exercise_list_new (CoachCatalog *catalog)
{
  g_return_val_if_fail (catalog == NULL || COACH_IS_CATALOG (catalog), NULL);

  return g_object_new (COACH_TYPE_EXERCISE_LIST,
                       "catalog", catalog,
                       NULL);
}

CoachCatalog *
coach_exercise_list_get_catalog (CoachExerciseList *self)
{
  g_return_val_if_fail (COACH_IS_EXERCISE_LIST (self), NULL);
  return self->catalog;
}

void
coach_exercise_list_set_catalog (CoachExerciseList *self,
                                 CoachCatalog      *catalog)
{
  g_return_if_fail (COACH_IS_EXERCISE_LIST (self));
  g_return_if_fail (catalog == NULL || COACH_IS_CATALOG (catalog));

  if (self->catalog == catalog)
    return;

  if (self->catalog != NULL)
    g_clear_signal_handler (&self->catalog_changed_id, self->catalog);

  self->updating++;
  gtk_single_selection_set_model (self->selection, NULL);
  g_list_store_remove_all (self->search_results);
  g_clear_object (&self->all_rows);
  g_clear_object (&self->all_exercises);
  g_set_object (&self->catalog, catalog);
  self->updating--;

  if (catalog != NULL)
    {
      g_autoptr(GError) error = NULL;

      self->all_exercises = coach_query_model_new (catalog, "exercise");
      /* Load before any view asks: a first load from inside
       * get_n_items() reports its rows while the view is still counting,
       * and GtkListView then shows some rows twice. */
      if (!coach_query_model_reload (self->all_exercises, &error))
        g_warning ("Cannot load the exercises: %s", error->message);
      self->all_rows = coach_first_rows_new (G_LIST_MODEL (self->all_exercises),
                                             GTK_WIDGET (self->list_view), FIRST_ROWS);
      self->catalog_changed_id =
        g_signal_connect_object (catalog, "changed::exercise",
                                 G_CALLBACK (catalog_changed_cb), self,
                                 G_CONNECT_SWAPPED);
    }

  coach_exercise_list_refresh (self);
  coach_exercise_list_update_selected (self);
  coach_exercise_list_update_state (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CATALOG]);
}

CoachRecord *
coach_exercise_list_get_selected_exercise (CoachExerciseList *self)
{
  g_return_val_if_fail (COACH_IS_EXERCISE_LIST (self), NULL);
  return self->selected;
}

void
coach_exercise_list_unselect (CoachExerciseList *self)
{
  g_return_if_fail (COACH_IS_EXERCISE_LIST (self));

  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
}

const char *
coach_exercise_list_get_summary (CoachExerciseList *self)
{
  g_return_val_if_fail (COACH_IS_EXERCISE_LIST (self), NULL);
  return self->summary;
}

const char *
coach_exercise_list_get_search_text (CoachExerciseList *self)
{
  g_return_val_if_fail (COACH_IS_EXERCISE_LIST (self), NULL);
  return self->search_text ? self->search_text : "";
}

void
coach_exercise_list_set_search_text (CoachExerciseList *self,
                                     const char        *text)
{
  g_autofree char *stripped = NULL;

  g_return_if_fail (COACH_IS_EXERCISE_LIST (self));

  stripped = g_strstrip (g_strdup (text ? text : ""));

  /* Keep the entry in sync when the text comes from elsewhere; its own
   * "search-changed" then lands here with the same text. */
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), text ? text : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text ? text : "");

  if (g_strcmp0 (stripped, self->search_text ? self->search_text : "") == 0)
    return;

  g_free (self->search_text);
  self->search_text = g_steal_pointer (&stripped);
  coach_exercise_list_refresh (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH_TEXT]);
}

void
coach_exercise_list_focus_search (CoachExerciseList *self)
{
  g_return_if_fail (COACH_IS_EXERCISE_LIST (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

void
coach_exercise_list_set_key_capture_widget (CoachExerciseList *self,
                                            GtkWidget         *widget)
{
  g_return_if_fail (COACH_IS_EXERCISE_LIST (self));
  g_return_if_fail (widget == NULL || GTK_IS_WIDGET (widget));

  gtk_search_entry_set_key_capture_widget (self->search_entry, widget);
}

/* Selects the exercise with @id, for example one just created. */
void
coach_exercise_list_select_exercise (CoachExerciseList *self,
                                     const char        *id)
{
  g_return_if_fail (COACH_IS_EXERCISE_LIST (self));

  coach_exercise_list_select_id (self, id);
  coach_exercise_list_update_selected (self);
}

void
coach_exercise_list_clear_filters (CoachExerciseList *self)
{
  g_return_if_fail (COACH_IS_EXERCISE_LIST (self));

  if (!coach_exercise_filter_is_active (&self->filter))
    return;
  self->updating++;
  gtk_drop_down_set_selected (self->difficulty_dropdown, 0);
  gtk_drop_down_set_selected (self->category_dropdown, 0);
  gtk_drop_down_set_selected (self->muscle_dropdown, 0);
  gtk_drop_down_set_selected (self->equipment_dropdown, 0);
  gtk_drop_down_set_selected (self->jump_dropdown, 0);
  self->updating--;
  coach_exercise_filter_clear (&self->filter);
  coach_exercise_list_update_filter_button (self);
  coach_exercise_list_refresh (self);
}
