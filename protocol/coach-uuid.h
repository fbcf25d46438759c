/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Namespace for ids of rows that ship with the app (UUIDv5). Never change it:
 * two installs that join one team merge their starter rows through it. */
#define COACH_UUID_NAMESPACE "9a4c6f3e-2b1d-4e8a-bf5c-0d7e1a2b3c4d"

char     *coach_uuid_v7_new     (void);
char     *coach_uuid_v7_new_at  (gint64       unix_ms);
char     *coach_uuid_v5         (const char  *namespace_uuid,
                                 const char  *name);
gboolean  coach_uuid_is_valid   (const char  *str);

G_END_DECLS
