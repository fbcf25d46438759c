/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include "sync-config.h"
#include "sync-db.h"
#include "sync-metrics.h"

G_BEGIN_DECLS

/* The HTTP side: a SoupServer on the thread-default main context. Handlers
 * that touch the database run on a pool of worker threads while their
 * message is paused, so the main loop only parses and writes HTTP. */
typedef struct _SyncServer SyncServer;

SyncServer *sync_server_new       (const SyncConfig  *config,
                                   SyncDb            *db,
                                   SyncMetrics       *metrics,
                                   GError           **error);
void        sync_server_free      (SyncServer        *self);
gboolean    sync_server_listen    (SyncServer        *self,
                                   GError           **error);
const char *sync_server_get_url   (SyncServer        *self);
void        sync_server_shutdown  (SyncServer        *self,
                                   GSourceFunc        done,
                                   gpointer           user_data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SyncServer, sync_server_free)

G_END_DECLS
