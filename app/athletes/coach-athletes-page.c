/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coach-athletes-page"

#include "config.h"

#include <glib/gi18n.h>

#include "coach-athletes-page.h"
#include "coach-record-row.h"

struct _CoachAthletesPage
{
  CoachListPage parent_instance;
};

G_DEFINE_FINAL_TYPE (CoachAthletesPage, coach_athletes_page, COACH_TYPE_LIST_PAGE)

static void
coach_athletes_page_class_init (CoachAthletesPageClass *klass)
{
  CoachListPageClass *page_class = COACH_LIST_PAGE_CLASS (klass);

  page_class->table = "athlete";
  page_class->title = N_("Athletes");

  g_type_ensure (COACH_TYPE_RECORD_ROW);

  gtk_widget_class_set_template_from_resource (GTK_WIDGET_CLASS (klass),
                                               "/io/github/coachbook/Coachbook/athletes/coach-athletes-page.ui");
  coach_list_page_class_bind (page_class);
}

static void
coach_athletes_page_init (CoachAthletesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
