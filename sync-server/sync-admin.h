/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include "sync-config.h"
#include "sync-db.h"

G_BEGIN_DECLS

#define SYNC_ADMIN_USAGE \
  "  admin create-team NAME         Create a team and print its id\n" \
  "  admin list-teams               List teams with their coaches and devices\n" \
  "  admin add-coach TEAM EMAIL     Add a coach to a team (id or name); the\n" \
  "                                 password is read from standard input\n" \
  "  admin set-password EMAIL       Set a coach's password from standard input\n" \
  "  admin disable-coach EMAIL      Refuse the coach's logins and tokens\n" \
  "  admin enable-coach EMAIL       Undo disable-coach\n" \
  "  admin list-devices [EMAIL]     List devices, of one coach or of all\n" \
  "  admin revoke-device ID         Revoke a device's token\n" \
  "  admin new-epoch TEAM           Make every client of the team resync from\n" \
  "                                 scratch (after restoring a backup)\n"

gboolean sync_admin_run (SyncDb   *db,
                         int       argc,
                         char    **argv,
                         GError  **error);

G_END_DECLS
