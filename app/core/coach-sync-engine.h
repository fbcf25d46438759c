/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include "coach-catalog.h"
#include "coach-sync-client.h"

G_BEGIN_DECLS

typedef struct
{
  guint pushed;      /* mutations the server accepted */
  guint rejected;    /* mutations it refused (kept as conflicts to review) */
  guint pulled;      /* changes applied */
  guint conflicts;   /* local edits that lost, kept for review */
  gboolean resynced; /* the server asked to start over */
} CoachSyncStats;

/* One round of sync for a catalog: push the outbox, then pull and apply
 * every page. Blocking: the app runs it on a worker with its own catalog
 * connection; coachbook-cli runs it directly.
 *
 * Each pulled page is applied, with the new cursor and the removal of the
 * outbox rows the server acknowledged, in one SQLite transaction; fields
 * with local edits not yet acknowledged keep their local value (they win
 * once pushed). A remote delete of a row with unpushed local edits keeps
 * those edits as conflicts. A 409 starts over from cursor 0 and keeps the
 * outbox. */
gboolean coach_catalog_sync_once (CoachCatalog     *catalog,
                                  CoachSyncClient  *client,
                                  CoachSyncStats   *stats,
                                  GCancellable     *cancellable,
                                  GError          **error);

/* Applies one page as described above (exposed for tests). */
gboolean coach_catalog_apply_pull (CoachCatalog   *catalog,
                                   CoachWirePull  *page,
                                   CoachSyncStats *stats,
                                   GError        **error);

G_END_DECLS
