/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include "coach-wire.h"
#include "sync-auth.h"
#include "sync-db.h"

G_BEGIN_DECLS

/* Clients older than this get 426 and keep their outbox until they are
 * updated. Raise it only when a schema change cannot be read by old
 * clients. */
#define SYNC_MIN_CLIENT_SCHEMA 1

typedef struct
{
  guint applied;
  guint skipped;
  guint rejected;
  guint overwritten;  /* acknowledged edits of others replaced unseen */
  gboolean gap;
} SyncPushStats;

CoachWirePushResult *sync_push_apply (SyncDbConn          *conn,
                                      const SyncAuthInfo  *auth,
                                      const CoachWirePush *push,
                                      guint                delay_ms,
                                      SyncPushStats       *stats,
                                      GError             **error);

G_END_DECLS
