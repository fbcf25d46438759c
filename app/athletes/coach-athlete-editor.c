/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coach-athlete-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "coach-athlete-check.h"
#include "coach-athlete-editor.h"
#include "coach-inline-error.h"

static const char * const levels[] = { "beginner", "intermediate", "advanced" };
/* The rows of the Email Language combo; NULL: the server's default. */
static const char * const email_languages[] = { NULL, "en", "de", "fr" };

struct _CoachAthleteEditor
{
  AdwWindow       parent_instance;

  CoachCatalog   *catalog;
  CoachRecord    *athlete;   /* NULL: a new athlete */
  GtkWidget      *error_widget;

  AdwWindowTitle *window_title;
  GtkLabel       *error_label;
  AdwEntryRow    *name_row;
  AdwEntryRow    *email_row;
  AdwActionRow   *consent_row;
  GtkSwitch      *consent_switch;
  AdwComboRow    *language_row;
  guint           loaded_language; /* row of language_row as loaded */
  AdwComboRow    *level_row;
  GtkTextView    *notes_view;
  GtkWidget      *archive_group;
};

G_DEFINE_FINAL_TYPE (CoachAthleteEditor, coach_athlete_editor, ADW_TYPE_WINDOW)

enum {
  SAVED,
  ARCHIVE_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ------------------------------------------------------------------------- */

static char *
text_view_get_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
}

static void
set_optional_string (CoachRecord *record,
                     const char  *field,
                     const char  *text)
{
  if (text == NULL || text[0] == '\0')
    coach_record_set_null (record, field);
  else
    coach_record_set_string (record, field, text);
}

static void
coach_athlete_editor_clear_error (CoachAthleteEditor *self)
{
  coach_inline_error_clear (self->error_label, &self->error_widget);
}

static void
coach_athlete_editor_show_error (CoachAthleteEditor *self,
                                 const char         *field,
                                 const GError       *error)
{
  GtkWidget *widget = NULL;

  if (g_strcmp0 (field, "name") == 0)
    widget = GTK_WIDGET (self->name_row);
  else if (g_strcmp0 (field, "email") == 0 || g_strcmp0 (field, "email_consent") == 0)
    widget = GTK_WIDGET (self->email_row);
  else if (g_strcmp0 (field, "level") == 0)
    widget = GTK_WIDGET (self->level_row);

  coach_inline_error_show (self->error_label, &self->error_widget, widget, error->message);
}

/* Touches the preferences only when the coach picked another language: a
 * code this version does not offer (from a newer app) stays as it is. */
static void
coach_athlete_editor_apply_language (CoachAthleteEditor *self,
                                     CoachRecord        *record)
{
  guint selected = adw_combo_row_get_selected (self->language_row);
  g_autoptr(GError) error = NULL;

  if (selected >= G_N_ELEMENTS (email_languages))
    return;
  /* The draft that is checked first starts empty: it carries the stored
   * preferences along. */
  if (self->athlete != NULL && record != self->athlete)
    coach_record_set_value (record, "preferences", coach_record_get_value (self->athlete, "preferences"));
  if (self->athlete != NULL && selected == self->loaded_language)
    return;
  if (!coach_athlete_set_language (record, email_languages[selected], &error))
    g_warning ("%s", error->message);
}

static void
coach_athlete_editor_update_consent (CoachAthleteEditor *self)
{
  const char *email = gtk_editable_get_text (GTK_EDITABLE (self->email_row));
  g_autofree char *stripped = g_strstrip (g_strdup (email));
  const char *stored = NULL;
  gboolean unsubscribed = FALSE;

  /* Athletes unsubscribe through a link in the email: the server clears
   * the consent and that syncs here. Say why the switch is off (only for
   * what is stored: a new address has not been asked yet). */
  if (self->athlete != NULL)
    {
      stored = coach_record_is_null (self->athlete, "email") ? NULL : coach_record_get_string (self->athlete, "email");
      unsubscribed = stored != NULL && stored[0] != '\0' &&
                     !coach_record_get_boolean (self->athlete, "email_consent") &&
                     stripped[0] != '\0' && !gtk_switch_get_active (self->consent_switch);
    }
  adw_action_row_set_subtitle (self->consent_row, unsubscribed ? _("Unsubscribed from emails") : NULL);
}

static void
coach_athlete_editor_apply (CoachAthleteEditor *self,
                            CoachRecord        *record)
{
  g_autofree char *name = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row)));
  g_autofree char *email = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->email_row)));
  g_autofree char *notes = text_view_get_text (self->notes_view);
  guint level = adw_combo_row_get_selected (self->level_row);

  coach_record_set_string (record, "name", g_strstrip (name));
  set_optional_string (record, "email", g_strstrip (email));
  coach_record_set_boolean (record, "email_consent", gtk_switch_get_active (self->consent_switch));
  if (level < G_N_ELEMENTS (levels))
    coach_record_set_string (record, "level", levels[level]);
  set_optional_string (record, "notes", notes);
  coach_athlete_editor_apply_language (self, record);
}

static void
coach_athlete_editor_load (CoachAthleteEditor *self)
{
  CoachRecord *athlete = self->athlete;
  const char *title = athlete ? _("Edit Athlete") : _("New Athlete");
  g_autofree char *language = NULL;
  const char *level;

  adw_window_title_set_title (self->window_title, title);
  gtk_window_set_title (GTK_WINDOW (self), title);
  adw_combo_row_set_selected (self->level_row, 1);
  gtk_widget_set_visible (self->archive_group, athlete != NULL);
  if (athlete == NULL)
    return;

  gtk_editable_set_text (GTK_EDITABLE (self->name_row), coach_record_get_string (athlete, "name"));
  gtk_editable_set_text (GTK_EDITABLE (self->email_row),
                         coach_record_is_null (athlete, "email") ? "" : coach_record_get_string (athlete, "email"));
  gtk_switch_set_active (self->consent_switch, coach_record_get_boolean (athlete, "email_consent"));
  level = coach_record_get_string (athlete, "level");
  for (guint i = 0; i < G_N_ELEMENTS (levels); i++)
    if (g_strcmp0 (level, levels[i]) == 0)
      adw_combo_row_set_selected (self->level_row, i);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes_view),
                            coach_record_is_null (athlete, "notes") ? "" : coach_record_get_string (athlete, "notes"),
                            -1);

  language = coach_athlete_dup_language (athlete);
  self->loaded_language = 0;
  for (guint i = 1; i < G_N_ELEMENTS (email_languages); i++)
    if (g_strcmp0 (language, email_languages[i]) == 0)
      self->loaded_language = i;
  adw_combo_row_set_selected (self->language_row, self->loaded_language);
  coach_athlete_editor_update_consent (self);
}

/* ------------------------------------------------------------------------- */

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  CoachAthleteEditor *self = COACH_ATHLETE_EDITOR (widget);
  g_autoptr(CoachRecord) draft = NULL;
  g_autoptr(GError) error = NULL;
  const char *invalid_field = NULL;
  CoachRecord *target;

  /* Checked on a copy first: the shared record must never show values
   * that were refused. */
  draft = coach_record_new_for_table ("athlete", self->athlete ? coach_record_get_id (self->athlete) : NULL);
  coach_athlete_editor_apply (self, draft);
  if (!coach_athlete_check (draft, &invalid_field, &error))
    {
      coach_athlete_editor_show_error (self, invalid_field, error);
      return;
    }

  target = self->athlete ? self->athlete : draft;
  if (self->athlete != NULL)
    coach_athlete_editor_apply (self, target);
  if (!coach_catalog_save (self->catalog, target, &error))
    {
      coach_athlete_editor_show_error (self, NULL, error);
      return;
    }

  g_signal_emit (self, signals[SAVED], 0, target);
  gtk_window_close (GTK_WINDOW (self));
}

static void
archive_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  CoachAthleteEditor *self = COACH_ATHLETE_EDITOR (widget);

  if (self->athlete == NULL)
    return;
  g_signal_emit (self, signals[ARCHIVE_REQUESTED], 0, self->athlete);
  gtk_window_close (GTK_WINDOW (self));
}

static void
field_changed_cb (CoachAthleteEditor *self,
                  GtkEditable        *editable)
{
  if (self->error_widget == GTK_WIDGET (editable))
    coach_athlete_editor_clear_error (self);
  if (GTK_WIDGET (editable) == GTK_WIDGET (self->email_row))
    coach_athlete_editor_update_consent (self);
}

static void
consent_changed_cb (CoachAthleteEditor *self,
                    GParamSpec         *pspec,
                    GtkSwitch          *consent_switch)
{
  coach_athlete_editor_update_consent (self);
}

/* ------------------------------------------------------------------------- */

static void
coach_athlete_editor_dispose (GObject *object)
{
  CoachAthleteEditor *self = COACH_ATHLETE_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), COACH_TYPE_ATHLETE_EDITOR);
  g_clear_object (&self->athlete);
  g_clear_object (&self->catalog);

  G_OBJECT_CLASS (coach_athlete_editor_parent_class)->dispose (object);
}

static void
coach_athlete_editor_class_init (CoachAthleteEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = coach_athlete_editor_dispose;

  /**
   * CoachAthleteEditor::saved:
   * @athlete: the athlete as it is now in the catalog
   */
  signals[SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, COACH_TYPE_RECORD);
  /**
   * CoachAthleteEditor::archive-requested:
   * @athlete: the athlete to archive
   *
   * The page archives, so it can offer Undo where the coach looks.
   */
  signals[ARCHIVE_REQUESTED] =
    g_signal_new ("archive-requested",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, COACH_TYPE_RECORD);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/coachbook/Coachbook/athletes/coach-athlete-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CoachAthleteEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, CoachAthleteEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, CoachAthleteEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, CoachAthleteEditor, email_row);
  gtk_widget_class_bind_template_child (widget_class, CoachAthleteEditor, consent_row);
  gtk_widget_class_bind_template_child (widget_class, CoachAthleteEditor, consent_switch);
  gtk_widget_class_bind_template_child (widget_class, CoachAthleteEditor, language_row);
  gtk_widget_class_bind_template_child (widget_class, CoachAthleteEditor, level_row);
  gtk_widget_class_bind_template_child (widget_class, CoachAthleteEditor, notes_view);
  gtk_widget_class_bind_template_child (widget_class, CoachAthleteEditor, archive_group);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, consent_changed_cb);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.archive", NULL, archive_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "editor.save", NULL);
}

static void
coach_athlete_editor_init (CoachAthleteEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* ------------------------------------------------------------------------- */

CoachAthleteEditor *
coach_athlete_editor_new (CoachCatalog *catalog,
                          CoachRecord  *athlete)
{
  CoachAthleteEditor *self;

  g_return_val_if_fail (COACH_IS_CATALOG (catalog), NULL);
  g_return_val_if_fail (athlete == NULL || COACH_IS_RECORD (athlete), NULL);

  self = g_object_new (COACH_TYPE_ATHLETE_EDITOR, NULL);
  self->catalog = g_object_ref (catalog);
  self->athlete = athlete ? g_object_ref (athlete) : NULL;
  coach_athlete_editor_load (self);
  return self;
}
