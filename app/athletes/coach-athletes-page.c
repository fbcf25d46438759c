/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coach-athletes-page"

#include "config.h"

#include <glib/gi18n.h>

#include "coach-athlete-editor.h"
#include "coach-athletes-page.h"
#include "coach-group-editor.h"
#include "coach-page-reload.h"
#include "coach-record-format.h"

struct _CoachAthletesPage
{
  AdwBin           parent_instance;

  CoachCatalog    *catalog;
  char            *subtitle;
  CoachPageReload  reload;

  AdwToastOverlay *toast_overlay;
  GtkStack        *stack;
  GtkListBox      *athletes_list;
  GtkListBox      *groups_list;
  GtkWidget       *archived_group;
  GtkListBox      *archived_list;
};

G_DEFINE_FINAL_TYPE (CoachAthletesPage, coach_athletes_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CATALOG,
  PROP_TITLE,
  PROP_SUBTITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------------------- */

static const char *
level_label (const char *level)
{
  if (g_strcmp0 (level, "beginner") == 0)
    return C_("athlete level", "Beginner");
  if (g_strcmp0 (level, "advanced") == 0)
    return C_("athlete level", "Advanced");
  return C_("athlete level", "Intermediate");
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  CoachRecord *x = *(CoachRecord **) a;
  CoachRecord *y = *(CoachRecord **) b;

  return g_utf8_collate (coach_record_get_string (x, "name"), coach_record_get_string (y, "name"));
}

static void
clear_list (GtkListBox *list)
{
  GtkListBoxRow *row;

  while ((row = gtk_list_box_get_row_at_index (list, 0)) != NULL)
    gtk_list_box_remove (list, GTK_WIDGET (row));
}

static void
coach_athletes_page_show_error (CoachAthletesPage *self,
                                const char        *what,
                                const GError      *error)
{
  g_autofree char *title = g_strdup_printf ("%s: %s", what, error->message);

  g_warning ("%s", title);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
}

static GtkWidget *
record_row_new (CoachRecord *record,
                const char  *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), coach_record_get_string (record, "name"));
  if (subtitle != NULL && subtitle[0] != '\0')
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  g_object_set_data_full (G_OBJECT (row), "record", g_object_ref (record), g_object_unref);
  return row;
}

static void athlete_row_activated_cb (CoachAthletesPage *self,
                                      GtkWidget         *source);
static void group_row_activated_cb   (CoachAthletesPage *self,
                                      GtkWidget         *source);

/* The whole row opens the editor; the button says so to assistive
 * technologies, which cannot activate list rows in GTK 4.8. */
static void
add_edit_button (AdwActionRow *row,
                 const char   *name,
                 GCallback     callback,
                 gpointer      page)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("document-edit-symbolic");
  /* Translators: %s is the name of an athlete or a group */
  g_autofree char *label = g_strdup_printf (_("Edit %s"), name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_object_set_data_full (G_OBJECT (button), "record",
                          g_object_ref (g_object_get_data (G_OBJECT (row), "record")), g_object_unref);
  g_signal_connect_object (button, "clicked", callback, page, G_CONNECT_SWAPPED);
  adw_action_row_add_suffix (row, button);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_signal_connect_object (row, "activated", callback, page, G_CONNECT_SWAPPED);
}

static void
coach_athletes_page_reload (CoachAthletesPage *self)
{
  g_autoptr(GPtrArray) athletes = NULL;
  g_autoptr(GPtrArray) groups = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *subtitle = NULL;
  guint n_live = 0, n_archived = 0;

  /* A hidden page fills its lists when it is shown. */
  if (!coach_page_reload_begin (&self->reload))
    return;

  clear_list (self->athletes_list);
  clear_list (self->groups_list);
  clear_list (self->archived_list);

  if (self->catalog != NULL)
    {
      athletes = coach_catalog_list (self->catalog, "athlete", TRUE, &error);
      if (athletes != NULL)
        groups = coach_catalog_list (self->catalog, "athlete_group", FALSE, &error);
      if (groups == NULL)
        {
          coach_athletes_page_show_error (self, _("Cannot load the athletes"), error);
          g_clear_pointer (&athletes, g_ptr_array_unref);
        }
    }

  if (athletes != NULL)
    {
      g_ptr_array_sort (athletes, compare_names);
      for (guint i = 0; i < athletes->len; i++)
        {
          CoachRecord *athlete = athletes->pdata[i];
          const char *email = coach_record_is_null (athlete, "email") ? NULL : coach_record_get_string (athlete, "email");
          g_autofree char *subtitle_text = NULL;
          GtkWidget *row;

          if (email != NULL && email[0] == '\0')
            email = NULL;

          if (email != NULL && coach_record_get_boolean (athlete, "email_consent"))
            /* Translators: an athlete's email address and level */
            subtitle_text = g_strdup_printf (_("%s · %s"), email, level_label (coach_record_get_string (athlete, "level")));
          else if (email != NULL)
            /* Translators: an athlete's email address (without consent to emails) and level */
            subtitle_text = g_strdup_printf (_("%s (no emails) · %s"), email, level_label (coach_record_get_string (athlete, "level")));
          else
            subtitle_text = g_strdup (level_label (coach_record_get_string (athlete, "level")));

          row = record_row_new (athlete, subtitle_text);
          if (coach_catalog_is_archived (athlete))
            {
              GtkWidget *button = gtk_button_new_with_mnemonic (_("_Restore"));
              g_autofree char *a11y = NULL;

              gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
              gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "athletes.unarchive");
              gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button),
                                                      g_variant_new_string (coach_record_get_id (athlete)));
              /* Translators: %s is an athlete's name */
              a11y = g_strdup_printf (_("Restore %s"), coach_record_get_string (athlete, "name"));
              gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
              adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
              gtk_list_box_append (self->archived_list, row);
              n_archived++;
            }
          else
            {
              add_edit_button (ADW_ACTION_ROW (row), coach_record_get_string (athlete, "name"),
                               G_CALLBACK (athlete_row_activated_cb), self);
              gtk_list_box_append (self->athletes_list, row);
              n_live++;
            }
        }
    }

  if (groups != NULL)
    {
      g_ptr_array_sort (groups, compare_names);
      for (guint i = 0; i < groups->len; i++)
        {
          CoachRecord *group = groups->pdata[i];
          g_auto(GStrv) members = coach_catalog_get_links (self->catalog, "group_member",
                                                           coach_record_get_id (group), NULL);
          guint n = members ? g_strv_length (members) : 0;
          g_autofree char *count = g_strdup_printf (ngettext ("%u member", "%u members", n), n);
          GtkWidget *row = record_row_new (group, count);

          add_edit_button (ADW_ACTION_ROW (row), coach_record_get_string (group, "name"),
                           G_CALLBACK (group_row_activated_cb), self);
          gtk_list_box_append (self->groups_list, row);
        }
    }

  gtk_widget_set_visible (GTK_WIDGET (self->athletes_list), n_live > 0);
  gtk_widget_set_visible (self->archived_group, n_archived > 0);
  gtk_stack_set_visible_child_name (self->stack,
                                    n_live > 0 || (groups != NULL && groups->len > 0) ? "list" : "empty");

  subtitle = coach_format_count ("athlete", n_live);
  if (g_strcmp0 (subtitle, self->subtitle) != 0)
    {
      g_free (self->subtitle);
      self->subtitle = g_steal_pointer (&subtitle);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBTITLE]);
    }
}

static void
catalog_changed_cb (CoachAthletesPage *self,
                    const char        *table,
                    CoachCatalog      *catalog)
{
  coach_page_reload_schedule (&self->reload);
}

/* ------------------------------------------------------------------------- */

static void
archive_athlete (CoachAthletesPage *self,
                 CoachRecord       *athlete)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  AdwToast *toast;

  if (!coach_catalog_set_archived (self->catalog, athlete, TRUE, &error))
    {
      coach_athletes_page_show_error (self, _("Cannot archive the athlete"), error);
      return;
    }

  /* Translators: %s is the name of an athlete */
  title = g_strdup_printf (_("“%s” archived"), coach_record_get_string (athlete, "name"));
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "athletes.unarchive");
  adw_toast_set_action_target_value (toast, g_variant_new_string (coach_record_get_id (athlete)));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
editor_archive_requested_cb (CoachAthletesPage  *self,
                             CoachRecord        *athlete,
                             CoachAthleteEditor *editor)
{
  archive_athlete (self, athlete);
}

static void
present_transient (CoachAthletesPage *self,
                   GtkWindow         *window)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (window, GTK_WINDOW (root));
  gtk_window_present (window);
}

static void
open_athlete_editor (CoachAthletesPage *self,
                     CoachRecord       *athlete)
{
  CoachAthleteEditor *editor;

  if (self->catalog == NULL)
    return;
  editor = coach_athlete_editor_new (self->catalog, athlete);
  g_signal_connect_object (editor, "archive-requested",
                           G_CALLBACK (editor_archive_requested_cb), self, G_CONNECT_SWAPPED);
  present_transient (self, GTK_WINDOW (editor));
}

static void
open_group_editor (CoachAthletesPage *self,
                   CoachRecord       *group)
{
  if (self->catalog == NULL)
    return;
  present_transient (self, GTK_WINDOW (coach_group_editor_new (self->catalog, group)));
}

/* @source is the row or its edit button; both carry the record. */
static void
athlete_row_activated_cb (CoachAthletesPage *self,
                          GtkWidget         *source)
{
  open_athlete_editor (self, g_object_get_data (G_OBJECT (source), "record"));
}

static void
group_row_activated_cb (CoachAthletesPage *self,
                        GtkWidget         *source)
{
  open_group_editor (self, g_object_get_data (G_OBJECT (source), "record"));
}

static void
new_athlete_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  open_athlete_editor (COACH_ATHLETES_PAGE (widget), NULL);
}

static void
new_group_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  open_group_editor (COACH_ATHLETES_PAGE (widget), NULL);
}

static void
unarchive_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  CoachAthletesPage *self = COACH_ATHLETES_PAGE (widget);
  g_autoptr(CoachRecord) athlete = NULL;
  g_autoptr(GError) error = NULL;

  if (self->catalog == NULL)
    return;
  athlete = coach_catalog_get (self->catalog, "athlete", g_variant_get_string (param, NULL), &error);
  if (athlete == NULL ||
      !coach_catalog_set_archived (self->catalog, athlete, FALSE, &error))
    coach_athletes_page_show_error (self, _("Cannot restore the athlete"), error);
}

/* ------------------------------------------------------------------------- */

static void
coach_athletes_page_dispose (GObject *object)
{
  CoachAthletesPage *self = COACH_ATHLETES_PAGE (object);

  coach_page_reload_clear (&self->reload);
  if (self->catalog != NULL)
    g_signal_handlers_disconnect_by_func (self->catalog, catalog_changed_cb, self);
  /* The template names the bin's child: unset it first, or libadwaita 1.2
   * complains about it at shutdown. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), COACH_TYPE_ATHLETES_PAGE);
  g_clear_object (&self->catalog);

  G_OBJECT_CLASS (coach_athletes_page_parent_class)->dispose (object);
}

static void
coach_athletes_page_finalize (GObject *object)
{
  g_free (COACH_ATHLETES_PAGE (object)->subtitle);

  G_OBJECT_CLASS (coach_athletes_page_parent_class)->finalize (object);
}

static void
coach_athletes_page_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  CoachAthletesPage *self = COACH_ATHLETES_PAGE (object);

  switch (prop_id)
    {
    case PROP_CATALOG:
      g_value_set_object (value, self->catalog);
      break;
    case PROP_TITLE:
      g_value_set_string (value, _("Athletes"));
      break;
    case PROP_SUBTITLE:
      g_value_set_string (value, self->subtitle);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
coach_athletes_page_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_CATALOG:
      coach_athletes_page_set_catalog (COACH_ATHLETES_PAGE (object), g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
coach_athletes_page_map (GtkWidget *widget)
{
  CoachAthletesPage *self = COACH_ATHLETES_PAGE (widget);

  GTK_WIDGET_CLASS (coach_athletes_page_parent_class)->map (widget);
  coach_page_reload_mapped (&self->reload);
}

static void
coach_athletes_page_class_init (CoachAthletesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = coach_athletes_page_dispose;
  object_class->finalize = coach_athletes_page_finalize;
  object_class->get_property = coach_athletes_page_get_property;
  object_class->set_property = coach_athletes_page_set_property;
  widget_class->map = coach_athletes_page_map;

  properties[PROP_CATALOG] =
    g_param_spec_object ("catalog", NULL, NULL,
                         COACH_TYPE_CATALOG,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUBTITLE] =
    g_param_spec_string ("subtitle", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/coachbook/Coachbook/athletes/coach-athletes-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CoachAthletesPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CoachAthletesPage, stack);
  gtk_widget_class_bind_template_child (widget_class, CoachAthletesPage, athletes_list);
  gtk_widget_class_bind_template_child (widget_class, CoachAthletesPage, groups_list);
  gtk_widget_class_bind_template_child (widget_class, CoachAthletesPage, archived_group);
  gtk_widget_class_bind_template_child (widget_class, CoachAthletesPage, archived_list);

  gtk_widget_class_install_action (widget_class, "athletes.new-athlete", NULL, new_athlete_action);
  gtk_widget_class_install_action (widget_class, "athletes.new-group", NULL, new_group_action);
  gtk_widget_class_install_action (widget_class, "athletes.unarchive", "s", unarchive_action);
}

static void
coach_athletes_page_init (CoachAthletesPage *self)
{
  GtkWidget *placeholder;

  gtk_widget_init_template (GTK_WIDGET (self));
  coach_page_reload_init (&self->reload, GTK_WIDGET (self), (CoachPageReloadFunc) coach_athletes_page_reload);

  placeholder = gtk_label_new (_("No groups yet. A group lets you plan a session for a whole squad at once."));
  gtk_label_set_wrap (GTK_LABEL (placeholder), TRUE);
  gtk_widget_set_margin_top (placeholder, 12);
  gtk_widget_set_margin_bottom (placeholder, 12);
  gtk_widget_set_margin_start (placeholder, 12);
  gtk_widget_set_margin_end (placeholder, 12);
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_list_box_set_placeholder (self->groups_list, placeholder);

  coach_athletes_page_reload (self);
}

/* ------------------------------------------------------------------------- */

void
coach_athletes_page_set_catalog (CoachAthletesPage *self,
                                 CoachCatalog      *catalog)
{
  g_return_if_fail (COACH_IS_ATHLETES_PAGE (self));
  g_return_if_fail (catalog == NULL || COACH_IS_CATALOG (catalog));

  if (self->catalog == catalog)
    return;
  if (self->catalog != NULL)
    g_signal_handlers_disconnect_by_func (self->catalog, catalog_changed_cb, self);
  g_set_object (&self->catalog, catalog);
  if (catalog != NULL)
    g_signal_connect_object (catalog, "changed", G_CALLBACK (catalog_changed_cb), self, G_CONNECT_SWAPPED);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "athletes.new-athlete", catalog != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "athletes.new-group", catalog != NULL);
  coach_athletes_page_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CATALOG]);
}
