/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include "sync-auth.h"
#include "sync-db.h"

G_BEGIN_DECLS

/* The email outbox, from the push's side: a push notes the sessions, links
 * and resend requests it writes, then, inside its transaction and before
 * the team clock is written back, sync_mail_enqueue() queues the emails
 * those changes call for and writes the matching delivery records. */

typedef struct _SyncMailTouched SyncMailTouched;

SyncMailTouched *sync_mail_touched_new     (void);
void             sync_mail_touched_free    (SyncMailTouched     *self);
void             sync_mail_touched_reset   (SyncMailTouched     *self);
/* Before the mutation is written: a delete still finds the row's fields. */
gboolean         sync_mail_touched_note    (SyncMailTouched     *self,
                                            SyncDbConn          *conn,
                                            const char          *team_id,
                                            const char          *table,
                                            const char          *id,
                                            gboolean             is_delete,
                                            gboolean             is_new,
                                            GError             **error);
gboolean         sync_mail_enqueue         (SyncDbConn          *conn,
                                            const SyncAuthInfo  *auth,
                                            SyncMailTouched     *touched,
                                            gint64              *next_version,
                                            GError             **error);

/* The delivery record of a session and athlete: its id is stable (a
 * UUIDv5 of the pair), its fields are replaced as a whole. sent_at and
 * error_text may be NULL. */
char            *sync_mail_delivery_id     (const char          *session_id,
                                            const char          *athlete_id);
gboolean         sync_mail_write_delivery  (SyncDbConn          *conn,
                                            const char          *team_id,
                                            const char          *session_id,
                                            const char          *athlete_id,
                                            const char          *status,
                                            const char          *error_text,
                                            const char          *sent_at,
                                            gint64               version,
                                            GError             **error);
/* Takes the next team version under the team clock's row lock (held to
 * the commit), for server writes outside a push. */
gboolean         sync_mail_next_version    (SyncDbConn          *conn,
                                            const char          *team_id,
                                            gint64              *version,
                                            GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SyncMailTouched, sync_mail_touched_free)

G_END_DECLS
