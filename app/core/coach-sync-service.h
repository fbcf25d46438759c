/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include "coach-catalog.h"
#include "coach-sync-conflicts.h"
#include "coach-sync-timing.h"

G_BEGIN_DECLS

typedef enum
{
  COACH_SYNC_STATE_IDLE,             /* not signed in to a team server */
  COACH_SYNC_STATE_SYNCING,
  COACH_SYNC_STATE_SYNCED,
  COACH_SYNC_STATE_OFFLINE,          /* the server cannot be reached: retrying */
  COACH_SYNC_STATE_ERROR,            /* the server or the keyring failed: retrying */
  COACH_SYNC_STATE_SIGNED_OUT,       /* the server refused the device: sign in again */
  COACH_SYNC_STATE_UPGRADE_REQUIRED, /* this version is too old for the server */
} CoachSyncState;

#define COACH_TYPE_SYNC_STATE (coach_sync_state_get_type ())
GType       coach_sync_state_get_type      (void);
/* What the status indicator shows for a state: a symbolic icon and a
 * short title. */
const char *coach_sync_state_get_icon_name (CoachSyncState state);
const char *coach_sync_state_get_title     (CoachSyncState state);
/* The state a failed run leaves: SIGNED_OUT and UPGRADE_REQUIRED stop
 * retrying, OFFLINE and ERROR back off and retry. */
CoachSyncState coach_sync_state_for_error  (const GError  *error);

#define COACH_TYPE_SYNC_SERVICE (coach_sync_service_get_type ())

/* Background sync of one catalog with its team server. Lives on the main
 * thread; every run happens on a worker with a catalog connection of its
 * own, one run at a time. Runs after local changes (debounced), on a
 * timer, when the network comes back and on request; failures back off.
 * The device token comes from the keyring on every run. */
G_DECLARE_FINAL_TYPE (CoachSyncService, coach_sync_service, COACH, SYNC_SERVICE, GObject)

CoachSyncService *coach_sync_service_new            (CoachCatalog           *catalog);
void              coach_sync_service_set_timing     (CoachSyncService       *self,
                                                     const CoachSyncTiming  *timing);
/* Follows the catalog and syncs soon if it is signed in. */
void              coach_sync_service_start          (CoachSyncService       *self);
void              coach_sync_service_sync_now       (CoachSyncService       *self);

CoachCatalog     *coach_sync_service_get_catalog    (CoachSyncService       *self);
CoachSyncState    coach_sync_service_get_state      (CoachSyncService       *self);
const char       *coach_sync_service_get_message    (CoachSyncService       *self);
const char       *coach_sync_service_get_details    (CoachSyncService       *self);
gint64            coach_sync_service_get_last_sync  (CoachSyncService       *self);
guint             coach_sync_service_get_pending    (CoachSyncService       *self);
double            coach_sync_service_get_progress   (CoachSyncService       *self);
guint             coach_sync_service_get_conflicts  (CoachSyncService       *self);
gboolean          coach_sync_service_get_signed_in  (CoachSyncService       *self);
char             *coach_sync_service_dup_server_url (CoachSyncService       *self);
char             *coach_sync_service_dup_email      (CoachSyncService       *self);

/* Signs the catalog in: the token goes to the keyring, the server address
 * and email to the catalog. Errors are COACH_SYNC_ERROR_INVALID_URL,
 * _UNAUTHORIZED (wrong email or password), _NETWORK, ... with a message
 * meant for the coach. */
void              coach_sync_service_sign_in_async  (CoachSyncService       *self,
                                                     const char             *server_url,
                                                     const char             *email,
                                                     const char             *password,
                                                     GCancellable           *cancellable,
                                                     GAsyncReadyCallback     callback,
                                                     gpointer                user_data);
gboolean          coach_sync_service_sign_in_finish (CoachSyncService       *self,
                                                     GAsyncResult           *result,
                                                     GError                **error);
/* Revokes the device on the server (when it can be reached), forgets the
 * token; the catalog and its unsynced changes stay. */
void              coach_sync_service_sign_out_async (CoachSyncService       *self,
                                                     GCancellable           *cancellable,
                                                     GAsyncReadyCallback     callback,
                                                     gpointer                user_data);
gboolean          coach_sync_service_sign_out_finish (CoachSyncService      *self,
                                                      GAsyncResult          *result,
                                                      GError               **error);

GPtrArray        *coach_sync_service_list_conflicts (CoachSyncService       *self,
                                                     GError                **error);
gboolean          coach_sync_service_reapply_conflict (CoachSyncService     *self,
                                                       gint64                conflict_id,
                                                       GError              **error);
gboolean          coach_sync_service_dismiss_conflict (CoachSyncService     *self,
                                                       gint64                conflict_id,
                                                       GError              **error);

G_END_DECLS
