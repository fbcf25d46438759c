/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include <gio/gio.h>

#include "coach-catalog.h"

G_BEGIN_DECLS

#define COACH_TYPE_QUERY_MODEL (coach_query_model_get_type ())

G_DECLARE_FINAL_TYPE (CoachQueryModel, coach_query_model, COACH, QUERY_MODEL, GObject)

/* A GListModel of the live rows of one table, in display order. It holds
 * only the row ids (8 bytes a row) and loads records a page at a time when
 * asked for, keeping a bounded number of pages; it follows the catalog's
 * changes and reports the smallest changed range. */
CoachQueryModel *coach_query_model_new               (CoachCatalog    *catalog,
                                                      const char      *table);
/* Only rows whose @ref_field equals @ref_id (the items of one workout). */
void             coach_query_model_set_ref_filter    (CoachQueryModel *self,
                                                      const char      *ref_field,
                                                      const char      *ref_id);
void             coach_query_model_set_include_archived (CoachQueryModel *self,
                                                      gboolean         include_archived);
gboolean         coach_query_model_reload            (CoachQueryModel *self,
                                                      GError         **error);
const char      *coach_query_model_get_table         (CoachQueryModel *self);
/* The position of the row with this id, or -1 when the model does not
 * show it. Costs one indexed lookup and a scan of the row ids. */
int              coach_query_model_find_id           (CoachQueryModel *self,
                                                      const char      *id);
guint            coach_query_model_get_n_cached_pages (CoachQueryModel *self);

G_END_DECLS
