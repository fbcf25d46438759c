/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include "sync-api.h"

G_BEGIN_DECLS

/* The links in athletes' emails. They carry no login: a token, an HMAC
 * over what the link opens keyed with the server's link secret, is the
 * permission. A clip link opens the clips of one session for one
 * athlete; an unsubscribe link clears one athlete's email consent. */

char     *sync_mail_links_secret          (SyncDbConn        *conn,
                                           const SyncConfig  *config,
                                           GError           **error);
char     *sync_mail_links_clip_url        (const char        *public_url,
                                           const char        *secret,
                                           const char        *team_id,
                                           const char        *session_id,
                                           const char        *athlete_id,
                                           const char        *clip_id);
char     *sync_mail_links_unsubscribe_url (const char        *public_url,
                                           const char        *secret,
                                           const char        *team_id,
                                           const char        *athlete_id);

/* GET /v1/mail/clip, GET and POST /v1/mail/unsubscribe */
void      sync_mail_links_handle_clip        (SyncApi      *api,
                                              SyncRequest  *req);
void      sync_mail_links_handle_unsubscribe (SyncApi      *api,
                                              SyncRequest  *req);

G_END_DECLS
