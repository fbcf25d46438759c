/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include <gio/gio.h>

#include "coach-wire.h"

G_BEGIN_DECLS

#define COACH_SYNC_ERROR (coach_sync_error_quark ())

/* What went wrong talking to the team server, sorted by what the caller
 * does about it. */
typedef enum
{
  COACH_SYNC_ERROR_NETWORK,          /* unreachable, timed out: retry later */
  COACH_SYNC_ERROR_UNAUTHORIZED,     /* bad password, revoked device: sign in again */
  COACH_SYNC_ERROR_RATE_LIMITED,     /* too many attempts: wait */
  COACH_SYNC_ERROR_RESYNC,           /* 409: start over from cursor 0, keep the outbox */
  COACH_SYNC_ERROR_UPGRADE_REQUIRED, /* 426: this version is too old for the server */
  COACH_SYNC_ERROR_SERVER,           /* 5xx: retry later */
  COACH_SYNC_ERROR_PROTOCOL,         /* an answer that is not what the protocol says */
  COACH_SYNC_ERROR_REFUSED,          /* any other 4xx, with the server's message */
  COACH_SYNC_ERROR_INVALID_URL,
} CoachSyncError;

#define COACH_TYPE_SYNC_CLIENT (coach_sync_client_get_type ())

G_DECLARE_FINAL_TYPE (CoachSyncClient, coach_sync_client, COACH, SYNC_CLIENT, GObject)

typedef struct
{
  char *token;
  char *device_id;
  char *team_id;
} CoachSyncLogin;

/* The HTTP side of sync: one call per endpoint, blocking, to be run on a
 * worker thread (the sync engine does). A client is used by one thread at
 * a time. */
GQuark           coach_sync_error_quark          (void);
CoachSyncClient *coach_sync_client_new           (const char          *server_url,
                                                  GError             **error);
const char      *coach_sync_client_get_url       (CoachSyncClient     *self);
void             coach_sync_client_set_token     (CoachSyncClient     *self,
                                                  const char          *token);
void             coach_sync_client_set_timeout   (CoachSyncClient     *self,
                                                  guint                seconds);
CoachSyncLogin  *coach_sync_client_login         (CoachSyncClient     *self,
                                                  const char          *email,
                                                  const char          *password,
                                                  const char          *device_name,
                                                  GCancellable        *cancellable,
                                                  GError             **error);
gboolean         coach_sync_client_logout        (CoachSyncClient     *self,
                                                  GCancellable        *cancellable,
                                                  GError             **error);
CoachWirePushResult *coach_sync_client_push      (CoachSyncClient     *self,
                                                  const CoachWirePush *push,
                                                  GCancellable        *cancellable,
                                                  GError             **error);
/* @epoch: the epoch of the last page applied, or NULL on a first pull. */
CoachWirePull   *coach_sync_client_pull          (CoachSyncClient     *self,
                                                  gint64               cursor,
                                                  guint                limit,
                                                  const char          *epoch,
                                                  GCancellable        *cancellable,
                                                  GError             **error);
void             coach_sync_login_free           (CoachSyncLogin      *login);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CoachSyncLogin, coach_sync_login_free)

G_END_DECLS
