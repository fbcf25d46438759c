/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include <glib.h>

#include "sync-config.h"

G_BEGIN_DECLS

/* One SMTP client (libcurl), kept by one mail worker so that its
 * connection is reused from one message to the next. Blocking. */

typedef struct _SyncMailSmtp SyncMailSmtp;

typedef enum
{
  SYNC_MAIL_SEND_OK,
  SYNC_MAIL_SEND_TEMPORARY,   /* 4xx, network, timeout: try again later */
  SYNC_MAIL_SEND_PERMANENT,   /* 5xx: this message will never go */
} SyncMailSendResult;

gboolean            sync_mail_smtp_global_init (void);
SyncMailSmtp       *sync_mail_smtp_new         (const SyncConfig  *config);
void                sync_mail_smtp_free        (SyncMailSmtp      *self);
/* error_text: what went wrong, for the delivery record (the server's
 * reply when there was one). */
SyncMailSendResult  sync_mail_smtp_send        (SyncMailSmtp      *self,
                                                const char        *from,
                                                const char        *to,
                                                GBytes            *message,
                                                char             **error_text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SyncMailSmtp, sync_mail_smtp_free)

G_END_DECLS
