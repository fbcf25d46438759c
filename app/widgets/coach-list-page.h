/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include <adwaita.h>

#include "coach-catalog.h"

G_BEGIN_DECLS

#define COACH_TYPE_LIST_PAGE (coach_list_page_get_type ())

G_DECLARE_DERIVABLE_TYPE (CoachListPage, coach_list_page, COACH, LIST_PAGE, AdwBin)

/* A page that shows the live rows of one table, with an empty state.
 * Subclasses name the table and the page title in class_init, and their
 * template has a GtkStack "stack" with "list" and "empty" pages and a
 * GtkNoSelection "selection", bound with coach_list_page_class_bind. The
 * page has "catalog", "title" and "subtitle" (a row count) properties. */
struct _CoachListPageClass
{
  AdwBinClass  parent_class;

  const char  *table;
  const char  *title;   /* untranslated; shown through gettext */
};

void          coach_list_page_class_bind  (CoachListPageClass *klass);
CoachCatalog *coach_list_page_get_catalog (CoachListPage      *self);
void          coach_list_page_set_catalog (CoachListPage      *self,
                                           CoachCatalog       *catalog);

G_END_DECLS
