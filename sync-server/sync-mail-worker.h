/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include "sync-config.h"
#include "sync-db.h"
#include "sync-metrics.h"

G_BEGIN_DECLS

/* The threads that send the email outbox: each claims one due row at a
 * time (FOR UPDATE SKIP LOCKED, with a lease), builds the message from the
 * team's records, sends it over its own SMTP connection and records the
 * outcome in the outbox and the delivery record. Several server instances
 * on one database share the work. */

typedef struct _SyncMailWorkers SyncMailWorkers;

/* NULL without an error when mail is off (no mail.smtp_url, or
 * mail.workers = 0). public_url: the base of links when mail.public_url
 * is not set. */
SyncMailWorkers *sync_mail_workers_start (const SyncConfig  *config,
                                          SyncDb            *db,
                                          SyncMetrics       *metrics,
                                          const char        *public_url,
                                          GError           **error);
/* Lets each thread finish the message in hand, then joins them. */
void             sync_mail_workers_stop  (SyncMailWorkers   *self);

G_END_DECLS
