/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define COACH_TYPE_FIRST_ROWS (coach_first_rows_get_type ())

/* GTK 4.8's GtkListView makes, binds and measures a row widget for up to
 * 200 items whatever its height, about ten times what a window shows.
 * CoachFirstRows gives a view only the first rows of a long model until the
 * view has painted its first frame, then all of them: a page shows up
 * sooner and the rest of the rows follow a moment later. */
G_DECLARE_FINAL_TYPE (CoachFirstRows, coach_first_rows, COACH, FIRST_ROWS, GObject)

CoachFirstRows *coach_first_rows_new       (GListModel     *model,
                                            GtkWidget      *view,
                                            guint           n_first);
GListModel     *coach_first_rows_get_model (CoachFirstRows *self);
void            coach_first_rows_show_all  (CoachFirstRows *self);

G_END_DECLS
