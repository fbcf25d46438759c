/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The starter library ships with every app and is not sent to the server
 * until a coach edits a row of it: every install has it, with the same
 * ids (UUIDv5 of each row's key). What the server writes for athletes
 * (emails) looks names up here when the team's records lack them.
 *
 * The name of the starter exercise with this id, or NULL. */
const char *sync_starter_exercise_name (const char *exercise_id);

G_END_DECLS
