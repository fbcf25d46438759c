/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coach-search-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "coach-exercise-filter.h"
#include "coach-exercise-format.h"
#include "coach-record-format.h"
#include "coach-search-dialog.h"
#include "coach-search-results.h"

#define RESULT_LIMIT 50

/* The difficulty drop-down's items, in order; "" is any. */
static const char * const difficulties[] = { "", "easy", "medium", "hard" };

struct _CoachSearchDialog
{
  AdwWindow       parent_instance;

  CoachCatalog   *catalog;
  GListStore     *records;

  GtkSearchEntry *search_entry;
  GtkFlowBox     *chips;
  GtkToggleButton *exercises_chip;
  GtkToggleButton *clips_chip;
  GtkToggleButton *workouts_chip;
  GtkToggleButton *athletes_chip;
  GtkDropDown    *difficulty_dropdown;
  GtkToggleButton *no_jump_chip;
  GtkStack       *stack;
  GtkListBox     *results;
  AdwStatusPage  *empty_page;
};

G_DEFINE_FINAL_TYPE (CoachSearchDialog, coach_search_dialog, ADW_TYPE_WINDOW)

enum {
  RESULT_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ------------------------------------------------------------------------- */

static const char *
kind_icon (const char *table)
{
  if (g_strcmp0 (table, "exercise") == 0)
    return "view-list-bullet-symbolic";
  if (g_strcmp0 (table, "clip") == 0)
    return "camera-video-symbolic";
  if (g_strcmp0 (table, "workout") == 0)
    return "alarm-symbolic";
  return "avatar-default-symbolic";
}

/* A result row: the kind's icon, the title and, dimmed, the kind and what
 * the record's own list says about it. */
static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  CoachRecord *record = item;
  const char *table = coach_record_get_table_name (record);
  g_auto(CoachRecordText) text = { 0 };
  g_autofree char *subtitle = NULL;
  g_autofree char *caption = NULL;
  GtkWidget *row, *box, *labels, *title, *detail, *icon;

  if (g_strcmp0 (table, "exercise") == 0)
    {
      text.title = g_strdup (coach_record_get_string (record, "name"));
      subtitle = coach_exercise_format_subtitle (record);
    }
  else
    {
      coach_record_text_format (&text, record);
      subtitle = g_strdup (text.subtitle);
    }

  if (subtitle != NULL && subtitle[0] != '\0')
    /* Translators: a search result's second line, "Clip · 0:42" */
    caption = g_strdup_printf (_("%s · %s"), coach_search_results_kind_label (table), subtitle);
  else
    caption = g_strdup (coach_search_results_kind_label (table));

  row = gtk_list_box_row_new ();
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_margin_top (box, 4);
  gtk_widget_set_margin_bottom (box, 4);
  icon = gtk_image_new_from_icon_name (kind_icon (table));
  gtk_box_append (GTK_BOX (box), icon);

  labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  title = gtk_label_new (text.title ? text.title : "");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  detail = gtk_label_new (caption);
  gtk_label_set_xalign (GTK_LABEL (detail), 0);
  gtk_label_set_ellipsize (GTK_LABEL (detail), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (detail, "caption");
  gtk_widget_add_css_class (detail, "dim-label");
  gtk_box_append (GTK_BOX (labels), title);
  gtk_box_append (GTK_BOX (labels), detail);
  gtk_box_append (GTK_BOX (box), labels);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text.title ? text.title : "",
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, caption,
                                  -1);
  return row;
}

static guint
coach_search_dialog_get_kinds (CoachSearchDialog *self)
{
  guint kinds = 0;

  if (gtk_toggle_button_get_active (self->exercises_chip))
    kinds |= COACH_SEARCH_KIND_MASK (COACH_SEARCH_KIND_EXERCISE);
  if (gtk_toggle_button_get_active (self->clips_chip))
    kinds |= COACH_SEARCH_KIND_MASK (COACH_SEARCH_KIND_CLIP);
  if (gtk_toggle_button_get_active (self->workouts_chip))
    kinds |= COACH_SEARCH_KIND_MASK (COACH_SEARCH_KIND_WORKOUT);
  if (gtk_toggle_button_get_active (self->athletes_chip))
    kinds |= COACH_SEARCH_KIND_MASK (COACH_SEARCH_KIND_ATHLETE);
  return kinds;
}

static void
coach_search_dialog_refresh (CoachSearchDialog *self)
{
  g_auto(CoachExerciseFilter) filter = COACH_EXERCISE_FILTER_INIT;
  CoachSearchQuery query;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *match = coach_search_build_match (text);
  gboolean asked;
  guint difficulty = gtk_drop_down_get_selected (self->difficulty_dropdown);

  if (self->catalog == NULL)
    return;

  if (difficulty < G_N_ELEMENTS (difficulties))
    coach_exercise_filter_set_difficulty (&filter, difficulties[difficulty]);
  if (gtk_toggle_button_get_active (self->no_jump_chip))
    filter.has_jump = 0;

  coach_search_results_build_query (&query, text, coach_search_dialog_get_kinds (self), &filter);
  query.limit = RESULT_LIMIT;

  /* Nothing typed and nothing chosen: an invitation, not the whole catalog. */
  asked = match != NULL || query.kinds != 0 || coach_exercise_filter_is_active (&filter);
  if (!asked)
    records = g_ptr_array_new ();
  else
    records = coach_search_results_load (self->catalog, &query, &error);

  if (records == NULL)
    {
      adw_status_page_set_title (self->empty_page, _("Cannot Search"));
      adw_status_page_set_description (self->empty_page, error->message);
      g_list_store_remove_all (self->records);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  g_list_store_splice (self->records, 0, g_list_model_get_n_items (G_LIST_MODEL (self->records)),
                       records->pdata, records->len);

  if (records->len > 0)
    gtk_stack_set_visible_child_name (self->stack, "results");
  else
    {
      if (!asked)
        {
          adw_status_page_set_title (self->empty_page, _("Search the Catalog"));
          adw_status_page_set_description (self->empty_page,
                                           _("Type a name or a word from the notes, or pick a filter"));
        }
      else
        {
          adw_status_page_set_title (self->empty_page, _("No Results Found"));
          adw_status_page_set_description (self->empty_page,
                                           _("Try other words, or turn off some filters"));
        }
      gtk_stack_set_visible_child_name (self->stack, "empty");
    }
}

static void
coach_search_dialog_activate_record (CoachSearchDialog *self,
                                     CoachRecord       *record)
{
  g_autoptr(CoachSearchDialog) hold = g_object_ref (self);

  g_signal_emit (self, signals[RESULT_ACTIVATED], 0,
                 coach_record_get_table_name (record), coach_record_get_id (record));
  gtk_window_close (GTK_WINDOW (self));
}

/* ------------------------------------------------------------------------- */

static void
search_changed_cb (CoachSearchDialog *self,
                   GtkSearchEntry    *entry)
{
  coach_search_dialog_refresh (self);
}

static void
filter_changed_cb (CoachSearchDialog *self)
{
  coach_search_dialog_refresh (self);
}

/* Enter opens the best match. */
static void
search_activated_cb (CoachSearchDialog *self,
                     GtkSearchEntry    *entry)
{
  g_autoptr(CoachRecord) first = g_list_model_get_item (G_LIST_MODEL (self->records), 0);

  if (first != NULL)
    coach_search_dialog_activate_record (self, first);
}

static void
stop_search_cb (CoachSearchDialog *self,
                GtkSearchEntry    *entry)
{
  gtk_window_close (GTK_WINDOW (self));
}

static void
row_activated_cb (CoachSearchDialog *self,
                  GtkListBoxRow     *row,
                  GtkListBox        *list)
{
  g_autoptr(CoachRecord) record =
    g_list_model_get_item (G_LIST_MODEL (self->records), gtk_list_box_row_get_index (row));

  if (record != NULL)
    coach_search_dialog_activate_record (self, record);
}

/* ------------------------------------------------------------------------- */

static void
coach_search_dialog_dispose (GObject *object)
{
  CoachSearchDialog *self = COACH_SEARCH_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), COACH_TYPE_SEARCH_DIALOG);
  g_clear_object (&self->records);
  g_clear_object (&self->catalog);

  G_OBJECT_CLASS (coach_search_dialog_parent_class)->dispose (object);
}

static void
coach_search_dialog_class_init (CoachSearchDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = coach_search_dialog_dispose;

  /**
   * CoachSearchDialog::result-activated:
   * @table: the record's table ("exercise", "clip", ...)
   * @id: the record's id
   */
  signals[RESULT_ACTIVATED] =
    g_signal_new ("result-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/coachbook/Coachbook/search/coach-search-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CoachSearchDialog, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CoachSearchDialog, chips);
  gtk_widget_class_bind_template_child (widget_class, CoachSearchDialog, exercises_chip);
  gtk_widget_class_bind_template_child (widget_class, CoachSearchDialog, clips_chip);
  gtk_widget_class_bind_template_child (widget_class, CoachSearchDialog, workouts_chip);
  gtk_widget_class_bind_template_child (widget_class, CoachSearchDialog, athletes_chip);
  gtk_widget_class_bind_template_child (widget_class, CoachSearchDialog, difficulty_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CoachSearchDialog, no_jump_chip);
  gtk_widget_class_bind_template_child (widget_class, CoachSearchDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, CoachSearchDialog, results);
  gtk_widget_class_bind_template_child (widget_class, CoachSearchDialog, empty_page);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
coach_search_dialog_init (CoachSearchDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->records = g_list_store_new (COACH_TYPE_RECORD);
  gtk_list_box_bind_model (self->results, G_LIST_MODEL (self->records), create_row, NULL, NULL);
}

/* ------------------------------------------------------------------------- */

CoachSearchDialog *
coach_search_dialog_new (CoachCatalog *catalog,
                         GtkWindow    *parent)
{
  CoachSearchDialog *self;

  g_return_val_if_fail (COACH_IS_CATALOG (catalog), NULL);
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  self = g_object_new (COACH_TYPE_SEARCH_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->catalog = g_object_ref (catalog);
  coach_search_dialog_refresh (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  return self;
}

void
coach_search_dialog_set_text (CoachSearchDialog *self,
                              const char        *text)
{
  g_return_if_fail (COACH_IS_SEARCH_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text ? text : "");
  coach_search_dialog_refresh (self);
}
