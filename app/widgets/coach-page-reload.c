/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#include "config.h"

#include "coach-page-reload.h"

void
coach_page_reload_init (CoachPageReload     *self,
                        GtkWidget           *page,
                        CoachPageReloadFunc  func)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (GTK_IS_WIDGET (page));
  g_return_if_fail (func != NULL);

  self->page = page;
  self->func = func;
  self->source_id = 0;
  self->stale = FALSE;
}

gboolean
coach_page_reload_begin (CoachPageReload *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  self->stale = !gtk_widget_get_mapped (self->page);
  return !self->stale;
}

static gboolean
reload_cb (gpointer data)
{
  CoachPageReload *self = data;

  self->source_id = 0;
  self->func (self->page);
  return G_SOURCE_REMOVE;
}

static void
schedule_at (CoachPageReload *self,
             int              priority)
{
  if (self->source_id == 0)
    self->source_id = g_idle_add_full (priority, reload_cb, self, NULL);
}

void
coach_page_reload_schedule (CoachPageReload *self)
{
  g_return_if_fail (self != NULL);

  schedule_at (self, G_PRIORITY_DEFAULT_IDLE);
}

void
coach_page_reload_mapped (CoachPageReload *self)
{
  g_return_if_fail (self != NULL);

  /* Soon, not now: whatever showed the page (a click, an accessibility
   * action) gets its answer first; still before the next frame. */
  if (self->stale)
    schedule_at (self, G_PRIORITY_HIGH_IDLE);
}

void
coach_page_reload_clear (CoachPageReload *self)
{
  g_return_if_fail (self != NULL);

  g_clear_handle_id (&self->source_id, g_source_remove);
}
