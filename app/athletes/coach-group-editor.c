/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coach-group-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "coach-athlete-check.h"
#include "coach-group-editor.h"

struct _CoachGroupEditor
{
  AdwWindow       parent_instance;

  CoachCatalog   *catalog;
  CoachRecord    *group;     /* NULL: a new group */
  GPtrArray      *checks;    /* GtkSwitch, "athlete-id" data */
  char          **hidden_members; /* archived members: not listed, kept */

  AdwWindowTitle *window_title;
  GtkLabel       *error_label;
  AdwEntryRow    *name_row;
  AdwEntryRow    *description_row;
  GtkListBox     *members_list;
  GtkLabel       *members_empty_label;
};

G_DEFINE_FINAL_TYPE (CoachGroupEditor, coach_group_editor, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ------------------------------------------------------------------------- */

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  CoachRecord *x = *(CoachRecord **) a;
  CoachRecord *y = *(CoachRecord **) b;

  return g_utf8_collate (coach_record_get_string (x, "name"), coach_record_get_string (y, "name"));
}

static void
coach_group_editor_show_error (CoachGroupEditor *self,
                               const char       *field,
                               const GError     *error)
{
  gtk_label_set_label (self->error_label, error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
  if (g_strcmp0 (field, "name") == 0)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->name_row), "error");
      gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
    }
}

static void
coach_group_editor_load (CoachGroupEditor *self)
{
  g_autoptr(GPtrArray) athletes = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) members = NULL;
  const char *title = self->group ? _("Edit Group") : _("New Group");

  adw_window_title_set_title (self->window_title, title);
  gtk_window_set_title (GTK_WINDOW (self), title);

  if (self->group != NULL)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->name_row), coach_record_get_string (self->group, "name"));
      if (!coach_record_is_null (self->group, "description"))
        gtk_editable_set_text (GTK_EDITABLE (self->description_row),
                               coach_record_get_string (self->group, "description"));
      members = coach_catalog_get_links (self->catalog, "group_member",
                                         coach_record_get_id (self->group), &error);
      if (members == NULL)
        {
          coach_group_editor_show_error (self, NULL, error);
          return;
        }
    }

  athletes = coach_catalog_list (self->catalog, "athlete", FALSE, &error);
  if (athletes == NULL)
    {
      coach_group_editor_show_error (self, NULL, error);
      return;
    }
  g_ptr_array_sort (athletes, compare_names);

  for (guint i = 0; i < athletes->len; i++)
    {
      CoachRecord *athlete = athletes->pdata[i];
      const char *id = coach_record_get_id (athlete);
      const char *name = coach_record_get_string (athlete, "name");
      GtkWidget *row = adw_action_row_new ();
      /* A switch rather than a check button: GTK 4.8 lets assistive
       * technologies toggle switches but not check buttons. */
      GtkWidget *check = gtk_switch_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      if (!coach_record_is_null (athlete, "email"))
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), coach_record_get_string (athlete, "email"));
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_switch_set_active (GTK_SWITCH (check),
                             members != NULL && g_strv_contains ((const char * const *) members, id));
      gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                      -1);
      g_object_set_data_full (G_OBJECT (check), "athlete-id", g_strdup (id), g_free);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      gtk_list_box_append (self->members_list, row);
      g_ptr_array_add (self->checks, check);
    }
  /* Archiving an athlete must not take them out of their groups. */
  if (members != NULL)
    {
      g_autoptr(GStrvBuilder) hidden = g_strv_builder_new ();

      for (guint i = 0; members[i] != NULL; i++)
        {
          gboolean listed = FALSE;

          for (guint j = 0; j < athletes->len && !listed; j++)
            listed = g_str_equal (coach_record_get_id (athletes->pdata[j]), members[i]);
          if (!listed)
            g_strv_builder_add (hidden, members[i]);
        }
      self->hidden_members = g_strv_builder_end (hidden);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->members_list), athletes->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->members_empty_label), athletes->len == 0);
}

static void
coach_group_editor_apply (CoachRecord *group,
                          const char  *name,
                          const char  *description)
{
  g_autofree char *n = g_strstrip (g_strdup (name));
  g_autofree char *d = g_strstrip (g_strdup (description));

  coach_record_set_string (group, "name", n);
  if (d[0] != '\0')
    coach_record_set_string (group, "description", d);
  else
    coach_record_set_null (group, "description");
}

/* ------------------------------------------------------------------------- */

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  CoachGroupEditor *self = COACH_GROUP_EDITOR (widget);
  g_autoptr(CoachRecord) draft = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) members = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row)));
  g_autofree char *description = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->description_row)));
  const char *invalid_field = NULL;

  for (guint i = 0; self->hidden_members != NULL && self->hidden_members[i] != NULL; i++)
    g_strv_builder_add (builder, self->hidden_members[i]);
  for (guint i = 0; i < self->checks->len; i++)
    if (gtk_switch_get_active (self->checks->pdata[i]))
      g_strv_builder_add (builder, g_object_get_data (self->checks->pdata[i], "athlete-id"));
  members = g_strv_builder_end (builder);

  /* Checked on a copy first, so the shared record never shows a name
   * that was refused; an empty member list is what checks it here. */
  draft = coach_record_new_for_table ("athlete_group", self->group ? coach_record_get_id (self->group) : NULL);
  coach_group_editor_apply (draft, name, description);
  if (g_strstrip (name)[0] == '\0' || !coach_record_validate_full (draft, &invalid_field, &error))
    {
      if (error == NULL)
        {
          invalid_field = "name";
          g_set_error_literal (&error, COACH_CATALOG_ERROR, COACH_CATALOG_ERROR_INVALID,
                               _("Every group needs a name."));
        }
      coach_group_editor_show_error (self, invalid_field, error);
      return;
    }

  if (self->group != NULL)
    {
      g_clear_object (&draft);
      draft = g_object_ref (self->group);
      coach_group_editor_apply (draft, name, description);
    }
  if (!coach_athlete_save_group (self->catalog, draft, (const char * const *) members,
                                 &invalid_field, &error))
    {
      coach_group_editor_show_error (self, invalid_field, error);
      return;
    }

  g_signal_emit (self, signals[SAVED], 0, draft);
  gtk_window_close (GTK_WINDOW (self));
}

static void
name_changed_cb (CoachGroupEditor *self,
                 GtkEditable      *editable)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->name_row), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
}

/* ------------------------------------------------------------------------- */

static void
coach_group_editor_dispose (GObject *object)
{
  CoachGroupEditor *self = COACH_GROUP_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), COACH_TYPE_GROUP_EDITOR);
  g_clear_pointer (&self->checks, g_ptr_array_unref);
  g_clear_pointer (&self->hidden_members, g_strfreev);
  g_clear_object (&self->group);
  g_clear_object (&self->catalog);

  G_OBJECT_CLASS (coach_group_editor_parent_class)->dispose (object);
}

static void
coach_group_editor_class_init (CoachGroupEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = coach_group_editor_dispose;

  /**
   * CoachGroupEditor::saved:
   * @group: the group as it is now in the catalog
   */
  signals[SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, COACH_TYPE_RECORD);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/coachbook/Coachbook/athletes/coach-group-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CoachGroupEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, CoachGroupEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, CoachGroupEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, CoachGroupEditor, description_row);
  gtk_widget_class_bind_template_child (widget_class, CoachGroupEditor, members_list);
  gtk_widget_class_bind_template_child (widget_class, CoachGroupEditor, members_empty_label);
  gtk_widget_class_bind_template_callback (widget_class, name_changed_cb);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
}

static void
coach_group_editor_init (CoachGroupEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->checks = g_ptr_array_new ();
}

/* ------------------------------------------------------------------------- */

CoachGroupEditor *
coach_group_editor_new (CoachCatalog *catalog,
                        CoachRecord  *group)
{
  CoachGroupEditor *self;

  g_return_val_if_fail (COACH_IS_CATALOG (catalog), NULL);
  g_return_val_if_fail (group == NULL || COACH_IS_RECORD (group), NULL);

  self = g_object_new (COACH_TYPE_GROUP_EDITOR, NULL);
  self->catalog = g_object_ref (catalog);
  self->group = group ? g_object_ref (group) : NULL;
  coach_group_editor_load (self);
  return self;
}
