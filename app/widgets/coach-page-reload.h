/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef void (*CoachPageReloadFunc) (gpointer page);

/* When a page that lists catalog rows reloads: once for a burst of
 * catalog changes (a save touches several tables), and not at all while
 * it is hidden (hundreds of rows cost more to lay out than a start may
 * take) but soon after it is shown. Embedded in the page's struct. */
typedef struct
{
  GtkWidget          *page;
  CoachPageReloadFunc func;
  guint               source_id;
  gboolean            stale;      /* changed while hidden: reload when shown */
} CoachPageReload;

void     coach_page_reload_init     (CoachPageReload     *self,
                                     GtkWidget           *page,
                                     CoachPageReloadFunc  func);
/* At the top of the page's reload: FALSE (and remembered) while hidden. */
gboolean coach_page_reload_begin    (CoachPageReload     *self);
/* The catalog changed: one reload when the main loop is idle. */
void     coach_page_reload_schedule (CoachPageReload     *self);
/* From the page's map(): reload soon if something changed meanwhile. */
void     coach_page_reload_mapped   (CoachPageReload     *self);
/* From the page's dispose(). */
void     coach_page_reload_clear    (CoachPageReload     *self);

G_END_DECLS
