/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include "coach-sync-service.h"

G_BEGIN_DECLS

#define META_URL "sync-server-url"
#define META_EMAIL "sync-email"
#define META_DEVICE "sync-device-id"
#define META_TEAM "sync-team-id"
#define META_LAST_SYNC "sync-last-success"

/* A request that hangs longer than this is treated as the network being
 * down; the next run tries again. */
#define REQUEST_TIMEOUT_S 60

struct _CoachSyncService
{
  GObject          parent_instance;

  CoachCatalog    *catalog;         /* the main thread's */
  CoachCatalog    *worker_catalog;  /* only touched by the one running worker */
  GNetworkMonitor *monitor;
  GCancellable    *cancellable;
  GMainContext    *main_context;    /* where properties change and signals fire */
  CoachSyncTiming  timing;

  CoachSyncState   state;
  char            *message;
  char            *details;
  gint64           last_sync;
  guint            pending;
  guint            conflicts;
  double           progress;

  gboolean         started;
  gboolean         running;
  gboolean         rerun;           /* asked for while a run was going */
  guint            generation;      /* bumped by sign-in/out: older runs' results are stale */
  gint64           run_start_mid;   /* newest outbox entry when the run began */
  gint64           seen_mid;        /* newest outbox entry seen so far */
  guint            failures;
  guint            file_failures;   /* runs in a row where some file did not move */
  gint64           retry_at;
  guint            timer_id;
  gint64           timer_due;
};

enum {
  PROP_0,
  PROP_CATALOG,
  PROP_STATE,
  PROP_MESSAGE,
  PROP_DETAILS,
  PROP_LAST_SYNC,
  PROP_PENDING,
  PROP_PROGRESS,
  PROP_CONFLICTS,
  PROP_SIGNED_IN,
  N_PROPS
};

extern GParamSpec *_coach_sync_service_properties[N_PROPS];

void _coach_sync_service_set_state       (CoachSyncService *self,
                                          CoachSyncState    state,
                                          const char       *message,
                                          const char       *details);
/* Another account, or none: runs under way are stale, backoff is reset. */
void _coach_sync_service_account_changed (CoachSyncService *self);

G_END_DECLS
