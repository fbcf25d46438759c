/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include "sync-blob-store.h"
#include "sync-config.h"
#include "sync-db.h"
#include "sync-metrics.h"
#include "sync-request.h"

G_BEGIN_DECLS

/* What handlers share: no globals, one of these per server. */
typedef struct
{
  const SyncConfig *config;
  SyncDb           *db;
  SyncMetrics      *metrics;
  SyncBlobStore    *blobs;
} SyncApi;

typedef void (*SyncApiHandler) (SyncApi     *api,
                                SyncRequest *req);

typedef enum
{
  SYNC_ROUTE_WORKER = 0,      /* runs on a worker thread: may block */
  SYNC_ROUTE_MAIN   = 1 << 0, /* cheap and never blocks: runs on the main loop */
  SYNC_ROUTE_LOGIN  = 1 << 1, /* on the login workers: mostly hashing, without a connection */
} SyncRouteFlags;

typedef struct
{
  const char     *method;
  const char     *path;
  SyncApiHandler  handler;
  SyncRouteFlags  flags;
} SyncRoute;

const SyncRoute *sync_api_lookup_route   (const char  *method,
                                          const char  *path,
                                          const char **allowed);
const char      *sync_api_route_label    (const char  *path);

G_END_DECLS
