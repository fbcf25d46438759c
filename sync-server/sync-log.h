/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One line per event on stderr in logfmt (key=value), which journald keeps
 * as it is and log shippers parse without configuration. */
void sync_log_init     (void);
void sync_log_request  (const char *method,
                        const char *path,
                        guint       status,
                        double      ms,
                        const char *client_ip);

G_END_DECLS
