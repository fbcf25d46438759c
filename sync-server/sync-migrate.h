/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include "sync-db.h"

G_BEGIN_DECLS

gboolean sync_migrate_run (SyncDb   *db,
                           guint    *n_applied,
                           GError  **error);

G_END_DECLS
