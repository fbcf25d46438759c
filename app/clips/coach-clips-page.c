/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coach-clips-page"

#include "config.h"

#include <glib/gi18n.h>

#include "coach-clips-page.h"
#include "coach-clip-tile.h"

struct _CoachClipsPage
{
  CoachListPage parent_instance;
};

G_DEFINE_FINAL_TYPE (CoachClipsPage, coach_clips_page, COACH_TYPE_LIST_PAGE)

static void
coach_clips_page_class_init (CoachClipsPageClass *klass)
{
  CoachListPageClass *page_class = COACH_LIST_PAGE_CLASS (klass);

  page_class->table = "clip";
  page_class->title = N_("Clips");

  g_type_ensure (COACH_TYPE_CLIP_TILE);

  gtk_widget_class_set_template_from_resource (GTK_WIDGET_CLASS (klass),
                                               "/io/github/coachbook/Coachbook/clips/coach-clips-page.ui");
  coach_list_page_class_bind (page_class);
}

static void
coach_clips_page_init (CoachClipsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
