/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include "sync-config.h"
#include "sync-db.h"

G_BEGIN_DECLS

/* Who a request comes from, taken from its bearer token only. */
typedef struct
{
  char *team_id;
  char *device_id;
  char *coach_id;
} SyncAuthInfo;

typedef struct
{
  char *token;
  char *team_id;
  char *device_id;
  char *coach_id;
} SyncLoginResult;

#define SYNC_AUTH_MIN_PASSWORD_LENGTH 8
#define SYNC_AUTH_MAX_PASSWORD_LENGTH 1024

void      sync_auth_info_clear          (SyncAuthInfo      *info);
void      sync_login_result_clear       (SyncLoginResult   *result);

char     *sync_auth_normalize_email     (const char        *email);
char     *sync_auth_hash_password       (const char        *password,
                                         GError           **error);
gboolean  sync_auth_verify_password     (const char        *hash,
                                         const char        *password);
char     *sync_auth_new_token           (void);
char     *sync_auth_token_hash          (const char        *token);

gboolean  sync_auth_login               (SyncDb            *db,
                                         const SyncConfig  *config,
                                         const char        *email,
                                         const char        *password,
                                         const char        *device_name,
                                         const char        *client_ip,
                                         SyncLoginResult   *result,
                                         GError           **error);
char     *sync_auth_bearer_hash         (const char        *authorization,
                                         GError           **error);
gboolean  sync_auth_authenticate        (SyncDbConn        *conn,
                                         const char        *authorization,
                                         SyncAuthInfo      *info,
                                         GError           **error);
gboolean  sync_auth_logout              (SyncDbConn        *conn,
                                         const SyncAuthInfo *info,
                                         GError           **error);

G_END_DECLS
