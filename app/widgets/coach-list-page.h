/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include <adwaita.h>

#include "coach-catalog.h"
#include "coach-query-model.h"

G_BEGIN_DECLS

#define COACH_TYPE_LIST_PAGE (coach_list_page_get_type ())

G_DECLARE_DERIVABLE_TYPE (CoachListPage, coach_list_page, COACH, LIST_PAGE, AdwBin)

/* A page that shows the live rows of one table, with an empty state.
 * Subclasses name the table and the page title in class_init, and their
 * template has a GtkStack "stack" with "list" and "empty" pages and a
 * GtkNoSelection or GtkSingleSelection "selection", bound with
 * coach_list_page_class_bind. The page has "catalog", "title" and
 * "subtitle" (a row count) properties. The rows are loaded with the
 * catalog but given to the view only when the page is first mapped, so a
 * hidden page builds no row widgets. */
struct _CoachListPageClass
{
  AdwBinClass  parent_class;

  const char  *table;
  const char  *title;   /* untranslated; shown through gettext */
  /* With a list view: the rows in the page's first frame (the rest follow
   * once it is painted, see CoachFirstRows); 0 shows all at once, which
   * suits a grid, whose tiles would then arrive while it scrolls. */
  guint        first_rows;
};

void          coach_list_page_class_bind  (CoachListPageClass *klass);
CoachCatalog *coach_list_page_get_catalog (CoachListPage      *self);
void          coach_list_page_set_catalog (CoachListPage      *self,
                                           CoachCatalog       *catalog);
CoachQueryModel *coach_list_page_get_model (CoachListPage     *self);
void          coach_list_page_show_rows   (CoachListPage      *self);

G_END_DECLS
