/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include "sync-auth.h"
#include "sync-db.h"

G_BEGIN_DECLS

#define SYNC_PULL_DEFAULT_LIMIT 500
#define SYNC_PULL_MAX_LIMIT     5000

/* Authenticates the bearer token in authorization (filling auth) and
 * returns the JSON text of one page; NULL with SYNC_ERROR_UNAUTHORIZED for
 * a bad token, or SYNC_ERROR_RESYNC when the client's epoch or cursor does
 * not belong to the team's history. */
char *sync_pull_page (SyncDbConn    *conn,
                      const char    *authorization,
                      gint64         cursor,
                      guint          limit,
                      const char    *epoch,
                      SyncAuthInfo  *auth,
                      guint         *n_changes,
                      GError       **error);

G_END_DECLS
