/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coach-inline-error"

#include "config.h"

#include "coach-inline-error.h"

void
coach_inline_error_clear (GtkLabel   *label,
                          GtkWidget **marked)
{
  g_return_if_fail (GTK_IS_LABEL (label));
  g_return_if_fail (marked != NULL);

  if (*marked != NULL)
    gtk_widget_remove_css_class (*marked, "error");
  *marked = NULL;
  gtk_widget_set_visible (GTK_WIDGET (label), FALSE);
}

void
coach_inline_error_show (GtkLabel    *label,
                         GtkWidget  **marked,
                         GtkWidget   *field,
                         const char  *message)
{
  g_return_if_fail (GTK_IS_LABEL (label));
  g_return_if_fail (marked != NULL);
  g_return_if_fail (field == NULL || GTK_IS_WIDGET (field));

  coach_inline_error_clear (label, marked);
  gtk_label_set_label (label, message);
  gtk_widget_set_visible (GTK_WIDGET (label), TRUE);
  if (field != NULL)
    {
      gtk_widget_add_css_class (field, "error");
      gtk_widget_grab_focus (field);
      *marked = field;
    }
}
