/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include "sync-db.h"

G_BEGIN_DECLS

typedef enum
{
  SYNC_COUNTER_PUSHES,
  SYNC_COUNTER_MUTATIONS_APPLIED,
  SYNC_COUNTER_MUTATIONS_SKIPPED,
  SYNC_COUNTER_MUTATIONS_REJECTED,
  SYNC_COUNTER_PUSH_GAPS,
  SYNC_COUNTER_PULLS,
  SYNC_COUNTER_PULL_CHANGES,
  SYNC_COUNTER_RESYNCS,
  SYNC_COUNTER_LOGINS,
  SYNC_COUNTER_LOGIN_FAILURES,
  SYNC_COUNTER_BLOB_INITS_NEW,
  SYNC_COUNTER_BLOB_INITS_EXISTING,
  SYNC_COUNTER_BLOBS_COMPLETED,
  SYNC_COUNTER_BLOB_MISMATCHES,
  SYNC_COUNTER_BLOB_ORPHANS_REMOVED,
  SYNC_COUNTER_MAIL_SENT,
  SYNC_COUNTER_MAIL_RETRIED,
  SYNC_COUNTER_MAIL_DEAD,
  SYNC_N_COUNTERS,
} SyncCounter;

/* Thread-safe: requests are counted on the main thread, sync work on the
 * workers. */
typedef struct _SyncMetrics SyncMetrics;

SyncMetrics *sync_metrics_new              (void);
void         sync_metrics_free             (SyncMetrics *self);
void         sync_metrics_add              (SyncMetrics *self,
                                            SyncCounter  counter,
                                            guint64      n);
void         sync_metrics_observe_request  (SyncMetrics *self,
                                            const char  *route,
                                            guint        status,
                                            double       seconds);
char        *sync_metrics_render           (SyncMetrics *self,
                                            SyncDb      *db);

G_END_DECLS
