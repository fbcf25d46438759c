/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The device token for a team server lives in the user's keyring (the
 * Secret Service, or the Secret portal inside the Flatpak), never in files,
 * settings or logs. One token per server address, coach email and device
 * (two catalogs of one coach on one machine are two devices). */

gboolean  coach_credentials_store   (const char    *server_url,
                                     const char    *email,
                                     const char    *device_id,
                                     const char    *token,
                                     GCancellable  *cancellable,
                                     GError       **error);
/* Returns NULL without an error when there is no token. */
char     *coach_credentials_lookup  (const char    *server_url,
                                     const char    *email,
                                     const char    *device_id,
                                     GCancellable  *cancellable,
                                     GError       **error);
gboolean  coach_credentials_clear   (const char    *server_url,
                                     const char    *email,
                                     const char    *device_id,
                                     GCancellable  *cancellable,
                                     GError       **error);
void      coach_credentials_free    (char          *token);

G_END_DECLS
