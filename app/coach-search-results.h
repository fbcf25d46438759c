/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include "coach-search.h"

G_BEGIN_DECLS

/* The records behind the hits of coach_catalog_search(), in rank order,
 * ready for a GListStore. Hits whose row went away in between are left
 * out. */
GPtrArray *coach_search_results_load (CoachCatalog            *catalog,
                                      const CoachSearchQuery  *query,
                                      GError                 **error);

G_END_DECLS
