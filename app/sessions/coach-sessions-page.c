/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coach-sessions-page"

#include "config.h"

#include <glib/gi18n.h>

#include "coach-sessions-page.h"
#include "coach-record-row.h"

struct _CoachSessionsPage
{
  CoachListPage parent_instance;
};

G_DEFINE_FINAL_TYPE (CoachSessionsPage, coach_sessions_page, COACH_TYPE_LIST_PAGE)

static void
coach_sessions_page_class_init (CoachSessionsPageClass *klass)
{
  CoachListPageClass *page_class = COACH_LIST_PAGE_CLASS (klass);

  page_class->table = "session";
  page_class->title = N_("Sessions");

  g_type_ensure (COACH_TYPE_RECORD_ROW);

  gtk_widget_class_set_template_from_resource (GTK_WIDGET_CLASS (klass),
                                               "/io/github/coachbook/Coachbook/sessions/coach-sessions-page.ui");
  coach_list_page_class_bind (page_class);
}

static void
coach_sessions_page_init (CoachSessionsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
