/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coach-record-row"

#include "config.h"

#include "coach-record-format.h"
#include "coach-record-row.h"

static const char * const badge_styles[] = { "success", "warning", "error", "accent" };

struct _CoachRecordRow
{
  GtkWidget     parent_instance;

  CoachRecord  *record;
  GSignalGroup *record_signals;

  GtkLabel     *title_label;
  GtkLabel     *subtitle_label;
  GtkLabel     *badge_label;
};

G_DEFINE_FINAL_TYPE (CoachRecordRow, coach_record_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_RECORD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------------------- */

static void
coach_record_row_update (CoachRecordRow *self)
{
  g_auto(CoachRecordText) text = { 0 };
  g_autofree char *description = NULL;

  coach_record_text_format (&text, self->record);

  gtk_label_set_label (self->title_label, text.title ? text.title : "");
  gtk_label_set_label (self->subtitle_label, text.subtitle ? text.subtitle : "");
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), text.subtitle != NULL && text.subtitle[0] != '\0');
  gtk_label_set_label (self->badge_label, text.badge ? text.badge : "");
  gtk_widget_set_visible (GTK_WIDGET (self->badge_label), text.badge != NULL);
  for (guint i = 0; i < G_N_ELEMENTS (badge_styles); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->badge_label), badge_styles[i]);
  if (text.badge_style != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->badge_label), text.badge_style);

  description = g_strjoin (", ", text.subtitle ? text.subtitle : "", text.badge ? text.badge : "", NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text.title ? text.title : "",
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

static void
record_notify_cb (CoachRecordRow *self,
                  GParamSpec     *pspec,
                  CoachRecord    *record)
{
  coach_record_row_update (self);
}

/* ------------------------------------------------------------------------- */

static void
coach_record_row_dispose (GObject *object)
{
  CoachRecordRow *self = COACH_RECORD_ROW (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), COACH_TYPE_RECORD_ROW);
  /* Template children without an id are not cleared by the template. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  if (self->record_signals != NULL)
    g_signal_group_set_target (self->record_signals, NULL);
  g_clear_object (&self->record_signals);
  g_clear_object (&self->record);

  G_OBJECT_CLASS (coach_record_row_parent_class)->dispose (object);
}

static void
coach_record_row_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CoachRecordRow *self = COACH_RECORD_ROW (object);

  switch (prop_id)
    {
    case PROP_RECORD:
      g_value_set_object (value, self->record);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
coach_record_row_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  CoachRecordRow *self = COACH_RECORD_ROW (object);

  switch (prop_id)
    {
    case PROP_RECORD:
      coach_record_row_set_record (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
coach_record_row_class_init (CoachRecordRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = coach_record_row_dispose;
  object_class->get_property = coach_record_row_get_property;
  object_class->set_property = coach_record_row_set_property;

  properties[PROP_RECORD] =
    g_param_spec_object ("record", NULL, NULL,
                         COACH_TYPE_RECORD,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/coachbook/Coachbook/widgets/coach-record-row.ui");
  gtk_widget_class_bind_template_child (widget_class, CoachRecordRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, CoachRecordRow, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, CoachRecordRow, badge_label);

  gtk_widget_class_set_css_name (widget_class, "recordrow");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
coach_record_row_init (CoachRecordRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->record_signals = g_signal_group_new (COACH_TYPE_RECORD);
  g_signal_group_connect_object (self->record_signals, "notify",
                                 G_CALLBACK (record_notify_cb), self,
                                 G_CONNECT_SWAPPED);
}

/* ------------------------------------------------------------------------- */

CoachRecord *
coach_record_row_get_record (CoachRecordRow *self)
{
  g_return_val_if_fail (COACH_IS_RECORD_ROW (self), NULL);
  return self->record;
}

void
coach_record_row_set_record (CoachRecordRow *self,
                             CoachRecord    *record)
{
  g_return_if_fail (COACH_IS_RECORD_ROW (self));
  g_return_if_fail (record == NULL || COACH_IS_RECORD (record));

  if (!g_set_object (&self->record, record))
    return;

  g_signal_group_set_target (self->record_signals, record);
  coach_record_row_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECORD]);
}
