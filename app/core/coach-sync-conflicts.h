/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include "coach-catalog.h"

G_BEGIN_DECLS

/* Local edits that did not make it: a remote change won, the row was
 * deleted on another device, or the server refused the edit. Sync keeps
 * them in the catalog so the coach can look at them, send them again or
 * let them go. */
typedef struct
{
  gint64    id;
  char     *table;
  char     *row_id;
  char     *title;          /* the record's name, or its kind when it is gone */
  char     *fields;         /* the fields of the edit, "name, difficulty" */
  char     *local_value;    /* what this device had, readable */
  char     *current_value;  /* what the catalog holds now for those fields */
  char     *reason;         /* why it lost: the server's reason, or "deleted on another device" */
  gint64    created_at;     /* ms since the epoch */
  gboolean  row_deleted;    /* the record no longer exists: it cannot be reapplied */
} CoachSyncConflict;

void        coach_sync_conflict_free         (CoachSyncConflict  *conflict);

/* The conflicts not yet resolved, newest first. */
GPtrArray  *coach_catalog_list_conflicts     (CoachCatalog       *catalog,
                                              GError            **error);
gint64      coach_catalog_count_conflicts    (CoachCatalog       *catalog,
                                              GError            **error);
/* Writes the lost local values again as a new local edit (so it is pushed
 * on the next sync) and marks the conflict resolved, in one transaction. */
gboolean    coach_catalog_reapply_conflict   (CoachCatalog       *catalog,
                                              gint64              conflict_id,
                                              GError            **error);
/* Marks the conflict resolved; the catalog keeps what it has. */
gboolean    coach_catalog_dismiss_conflict   (CoachCatalog       *catalog,
                                              gint64              conflict_id,
                                              GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CoachSyncConflict, coach_sync_conflict_free)

G_END_DECLS
